"""Results files that cannot be read are problems naming the file, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hrplan.results.workbook import open_results


def codes(path: Path) -> list[str]:
    sheets, problems, handle = open_results(path)
    assert sheets == [] and handle is None
    assert all(p.path == str(path) for p in problems)
    return [p.code for p in problems]


def test_missing_folder_and_device(tmp_path: Path) -> None:
    assert codes(tmp_path / "nope.xlsx") == ["file-missing"]
    assert codes(tmp_path) == ["file-kind"]
    if Path("/dev/zero").exists():
        assert codes(Path("/dev/zero")) == ["file-kind"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "kq.csv"
    path.write_text("id,year,value\n", encoding="utf-8")
    path.chmod(0)
    assert codes(path) == ["file-unreadable"]


def test_unreadable_file_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kq.csv"
    path.write_text("id,year,value\n", encoding="utf-8")

    real_open = os.open

    def denied(file: str | Path, flags: int, *args: int) -> int:
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args)

    monkeypatch.setattr(os, "open", denied)
    _sheets, problems, _ = open_results(path)
    assert [(p.code, p.message) for p in problems] == [("file-unreadable", "cannot read the file: Permission denied")]
