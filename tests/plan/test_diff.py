"""hrplan diff: what changed between two plan files, each change found where it was made by hand."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from hrplan.cli import app

from ..conftest import ROOT

runner = CliRunner()


def edited(tmp_path: Path) -> Path:
    """A copy of the bundled plan in its own folder with four edits, the kind a new plan document brings."""
    folder = tmp_path / "ke-hoach"
    folder.mkdir()
    text = (ROOT / "data" / "targets_2024.yaml").read_text(encoding="utf-8")
    assert text.count("        KH: 68.8\n") == 1 and text.count("    goal_2030: 52\n") == 1
    text = text.replace("        KH: 68.8\n", "        KH: 69.5\n")  # B2's KH 2024 target
    text = text.replace("    goal_2030: 52\n", "    goal_2030: 55\n")  # B3's goal
    (folder / "targets_2024.yaml").write_text(text, encoding="utf-8")
    tasks = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    tasks = tasks.replace("deadline: 2024-12-05", "deadline: 2024-12-10", 1)  # task 1.9
    (folder / "tasks.yaml").write_text(tasks, encoding="utf-8")
    return folder / "targets_2024.yaml"


def test_each_edit_is_one_change(tmp_path: Path) -> None:
    new = edited(tmp_path)
    result = runner.invoke(app, ["diff", str(ROOT / "data" / "targets_2024.yaml"), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)["changes"]
    assert changes == [
        {"kind": "changed", "what": "target", "where": "B2 KH 2024", "before": 68.8, "after": 69.5},
        {"kind": "changed", "what": "goal", "where": "B3", "before": 52.0, "after": 55.0},
        {"kind": "changed", "what": "deadline", "where": "1.9", "before": "2024-12-05", "after": "2024-12-10"},
    ]
    text = runner.invoke(app, ["diff", str(ROOT / "data" / "targets_2024.yaml"), str(new)]).stdout
    assert text.splitlines() == ["~ target B2 KH 2024: 68.8 -> 69.5", "~ goal B3: 52 -> 55",
                                 "~ deadline 1.9: 2024-12-05 -> 2024-12-10", "3 change(s)"]  # fmt: skip


def test_no_change(tmp_path: Path) -> None:
    copy = tmp_path / "t.yaml"
    shutil.copy(ROOT / "data" / "targets_2024.yaml", copy)
    result = runner.invoke(app, ["diff", str(ROOT / "data" / "targets_2024.yaml"), str(copy)])
    assert result.exit_code == 0 and result.stdout == "0 change(s)\n"


def test_two_kinds_or_a_broken_file_are_refused(tmp_path: Path) -> None:
    data = ROOT / "data"
    assert runner.invoke(app, ["diff", str(data / "targets_2024.yaml"), str(data / "tasks.yaml")]).exit_code == 2
    broken = tmp_path / "targets.yaml"
    broken.write_text("plan: {}\nindicators: []\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(data / "targets_2024.yaml"), str(broken)])
    assert result.exit_code == 1 and "missing required key" in result.stderr
