"""What the year's reading flags for the analyst: shares that do not add up, a year without data,
values that look wrong shown above the tables."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hrplan.cli import app

from ..workbooks import long_workbook

runner = CliRunner()


def structure(tmp_path: Path, b5: object, b6: object, b7: object) -> list[dict[str, object]]:
    path = long_workbook(tmp_path / "kq.xlsx", [("B5", 2024, b5), ("B6", 2024, b6), ("B7", 2024, b7)])
    result = runner.invoke(app, ["compare", str(path), "--year", "2024", "--format", "json"])
    assert result.exit_code == 0, result.output
    problems: list[dict[str, object]] = json.loads(result.stdout)["problems"]
    return [p for p in problems if p["code"] == "structure-sum"]


def test_labour_structure_within_tolerance(tmp_path: Path) -> None:
    # B5 + B6 + B7 = 100 ± 0.05 (the plan's constraint): 51,70 + 18,90 + 29,45 = 100,05 passes
    assert structure(tmp_path, "51,70", "18,90", "29,45") == []
    assert structure(tmp_path, "51,70", "18,90", "29,35") == []  # 99,95


def test_labour_structure_outside_tolerance(tmp_path: Path) -> None:
    found = structure(tmp_path, "51,70", "18,90", "29,46")  # 100,06
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert found[0]["cell"] == "Kết quả!C7"  # B7, the last share, in row 7 of the sheet
    assert "B5 51.7 + B6 18.9 + B7 29.46 = 100.06, not 100" in str(found[0]["message"])
    assert len(structure(tmp_path, "51,70", "18,90", "29,34")) == 1  # 99,94


def test_a_year_without_results_is_an_error(tmp_path: Path) -> None:
    path = long_workbook(tmp_path / "kq.xlsx", [("A1", 2023, "82,75")])
    result = runner.invoke(app, ["compare", str(path), "--year", "2021"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "no results for 2021 or 2020" in result.stderr and "2022, 2023" in result.stderr
    assert runner.invoke(app, ["compare", str(path), "--year", "2024"]).exit_code == 0  # 2023 shown beside it


def test_a_fraction_for_a_percent_is_shown_above_the_tables(tmp_path: Path) -> None:
    path = long_workbook(tmp_path / "kq.xlsx", [("A1", 2023, "82,75"), ("A1", 2024, 0.841)])
    result = runner.invoke(app, ["compare", str(path), "--no-color"])
    first = result.stdout.splitlines()[:2]
    assert first[0] == "Cần kiểm tra trước khi dùng số liệu:"
    assert "Kết quả!C6" in first[1] and "0.841 looks like a fraction" in first[1]
    md = runner.invoke(app, ["compare", str(path), "--format", "markdown"]).stdout
    assert md.startswith("> **Cần kiểm tra trước khi dùng số liệu:**")


def test_a_value_without_an_id_is_flagged_at_its_cell(tmp_path: Path) -> None:
    path = long_workbook(tmp_path / "kq.xlsx", [("A1", 2023, "82,75"), (None, 2023, "46,68"), (None, None, None)])
    result = runner.invoke(app, ["compare", str(path), "--format", "json"])
    found = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "value-without-id"]
    assert [(p["cell"], p["severity"]) for p in found] == [("Kết quả!C6", "warning")]  # not the blank row 7
    assert "write the id in column A" in str(found[0]["message"])
