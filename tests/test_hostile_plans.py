"""Hostile plan files (the red team's issue 16): each is exit 1 naming the file and line, never exit 3."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrplan.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"


def plan_dir(tmp_path: Path, edit: tuple[str, str] | None = None, extra: dict[str, str] | None = None) -> Path:
    """A copy of the bundled plan, its targets file edited once, with extra files beside it."""
    for name in ("targets_2024.yaml", "tasks.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    if edit:
        path = tmp_path / "targets_2024.yaml"
        text = path.read_text(encoding="utf-8")
        assert edit[0] in text
        path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    for name, text in (extra or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "targets_2024.yaml"


@pytest.mark.parametrize(
    "other",
    ["x: " + "[" * 500 + "]" * 500 + "\n", "day: 2024-13-45\n", "? !!set {a}\n: 1\n", "n: " + "9" * 5000 + "\n"],
    ids=["500-deep", "impossible-date", "set-key", "5000-digits"],
)
def test_a_broken_unrelated_yaml_beside_a_valid_plan(tmp_path: Path, other: str) -> None:
    """The companion search reads every YAML file in the folder: a broken one that is not a plan file is passed
    over, and the valid plan still validates and compares."""
    targets = plan_dir(tmp_path, extra={"other.yaml": other})
    result = runner.invoke(app, ["validate", str(targets)])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("0 error(s), 9 warning(s)")
    assert runner.invoke(app, ["compare", "--targets", str(targets), "--format", "json"]).exit_code == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_pipe_beside_a_valid_plan_is_passed_over(tmp_path: Path) -> None:
    targets = plan_dir(tmp_path)
    os.mkfifo(tmp_path / "pipe.yaml")  # reading it would wait for a writer forever
    result = runner.invoke(app, ["validate", str(targets)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("edit", "where", "fragment"),
    [
        (("issued: 2024-01-08", "issued: 2024-13-45"), ":20:11: error:", "'2024-13-45' is not a valid date"),
        (("issued: 2024-01-08", "issued: 2024-02-30"), ":20:11: error:", "'2024-02-30' is not a valid date"),
        (("  year: 2024", "  year: " + "9" * 5000), ":21:9: error:", "is not a valid number (too many digits)"),
        (("indicators:\n", "? !!set {a, b}\n: 1\nindicators:\n"), ":71:3: error:", "a key must be a plain value"),
        (("goal_2030: 80", "goal_2030: " + "[" * 500 + "]" * 500), ":79:", "nested more than 40 levels deep"),
    ],
    ids=["month-13", "february-30", "5000-digits", "set-as-key", "500-deep"],
)
def test_a_plan_yaml_cannot_construct_names_its_line(
    tmp_path: Path, edit: tuple[str, str], where: str, fragment: str
) -> None:
    targets = plan_dir(tmp_path, edit)
    for args in (["validate", str(targets)], ["compare", "--targets", str(targets)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        assert f"targets_2024.yaml{where}" in result.output and fragment in result.output


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_as_a_plan_file_is_refused_unread() -> None:
    for args in (["validate", "/dev/zero"], ["compare", "--targets", "/dev/zero"], ["tasks", "--tasks", "/dev/zero"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert "/dev/zero: error: a device, not a file: give a YAML file [file-kind]" in result.output


@pytest.mark.parametrize(
    ("edit", "where", "fragment"),
    [
        (("        KH: 9800\n", "        KH: .nan\n"), ":567:13:", "KH: Input should be a finite number (got nan)"),
        (("        KH: 9800\n", "        KH: 1.0e+400\n"), ":567:13:", "KH: Input should be a finite number (got inf)"),
        (("    goal_2030: 80\n", "    goal_2030: -.inf\n"), ":79:16:", "goal_2030: Input should be a finite number"),
        (
            ("      2024:\n        KH: 9800", "      99999:\n        KH: 9800"),
            ":567:9:",
            "year 99999 is outside 1900–2100",
        ),
        (("  horizon: 2030", "  horizon: 2020"), ":22:12:", "horizon 2020 is before the plan's year 2024"),
        (("  baseline_year: 2022", "  baseline_year: 2030"), ":23:18:", "baseline year 2030 is not before the horizon"),
        (("  D:\n", "  a:\n    name: x\n  D:\n"), ":48:3:", "group 'a' differs from group 'A' only by case"),
    ],
    ids=["nan-target", "1e400-target", "infinite-goal", "year-99999", "horizon-2020", "baseline-2030", "group-case"],
)
def test_a_plan_no_reading_could_use_is_refused(
    tmp_path: Path, edit: tuple[str, str], where: str, fragment: str
) -> None:
    """Decided in issue 16: numbers are finite (JSON never holds NaN), years lie within 1900–2100 as results' years
    do, the horizon is not before the plan's year, and group ids differ by more than case."""
    targets = plan_dir(tmp_path, edit)
    result = runner.invoke(app, ["validate", str(targets)])
    assert result.exit_code == 1, result.output
    assert f"targets_2024.yaml{where} error: {fragment}" in result.output
    result = runner.invoke(app, ["compare", "--targets", str(targets), "--format", "json"])
    assert result.exit_code == 1 and result.stdout == ""
