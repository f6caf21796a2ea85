"""Data-driven validate cases: tests/cases/{valid,invalid}/<name>/ hold a plan and its expected output."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrplan.cli import app

from .conftest import CASES

CASE_DIRS = sorted(p for p in CASES.glob("*/*") if (p / "expected.txt").exists())


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_validate_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    result = CliRunner().invoke(app, ["validate", "targets.yaml", "tasks.yaml"])
    assert result.output == (case / "expected.txt").read_text(encoding="utf-8")
    assert result.exit_code == int((case / "expected_exit").read_text())
    if case.parent.name == "valid":
        assert result.exit_code == 0
    else:
        assert "error" in result.output or "warning" in result.output


def test_every_required_defect_has_a_case() -> None:
    names = {p.name for p in (CASES / "invalid").iterdir()}
    assert {
        "duplicate_key",
        "alias",
        "unquoted_id",
        "structure_sum",
        "unknown_unit",
        "percent_180",
        "yaml_syntax",
        "unknown_key",
    } <= names
