"""The repository itself: no merge left half done."""

from __future__ import annotations

import re
import subprocess

from .conftest import ROOT

MARKER = re.compile(r"^(<{7} |>{7} |={7}$)", re.M)


def test_no_conflict_markers_in_tracked_text() -> None:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False).stdout.split()
    found = []
    texts = {".md", ".py", ".yaml", ".yml", ".toml", ".cfg", ".txt", ".json", ".csv"}
    for name in files:
        path = ROOT / name
        if path.suffix in texts and path.is_file() and MARKER.search(path.read_text("utf-8", errors="replace")):
            found.append(name)
    assert found == []
