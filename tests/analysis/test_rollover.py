"""Every year to 2030: the plan rolled forward with a year's results, validated, and read the next year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from hrplan.cli import app

from ..workbooks import long_workbook

runner = CliRunner()
RESULTS_2024 = [("A1", 2024, "83,1"), ("B2", 2024, "68,9%"), ("B5", 2024, "51,5"), ("B6", 2024, "19,1"),
                ("B7", 2024, "29,4"), ("D1", 2024, "10.250", "Sơ bộ")]  # fmt: skip


@pytest.fixture
def rolled(tmp_path: Path) -> Path:
    results = long_workbook(tmp_path / "ket_qua_2024.xlsx", RESULTS_2024)
    out = tmp_path / "ke-hoach" / "targets_2025.yaml"
    result = runner.invoke(app, ["new-year", "2025", str(results), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "no 2024 result for A2, A3" in result.stderr  # the results lack indicators: which ones is said
    return out


def test_the_rolled_plan_validates_and_lists_what_to_fill(rolled: Path) -> None:
    assert (rolled.parent / "tasks.yaml").is_file()  # the tasks carry over beside it
    result = runner.invoke(app, ["validate", str(rolled), "--format", "json"])
    body = json.loads(result.stdout)
    assert result.exit_code == 0 and body["errors"] == 0
    codes = [p["code"] for p in body["problems"]]
    assert codes.count("plan-rolled") == 1
    missing = [p["message"] for p in body["problems"] if p["code"] == "no-target-yet"]
    assert "A1: no KH 2025 target yet (2024 had one)" in missing  # section I.1: A1 70% in 2024
    assert runner.invoke(app, ["validate", str(rolled), "--strict"]).exit_code == 1  # until filled in


def test_a_2025_workbook_reads_against_the_rolled_history(tmp_path: Path, rolled: Path) -> None:
    results = long_workbook(tmp_path / "ket_qua_2025.xlsx", [("B2", 2025, "70,1")])
    result = runner.invoke(app, ["compare", str(results), "--targets", str(rolled), "--format", "json"])
    assert result.exit_code == 0, result.output
    b2 = next(r for r in json.loads(result.stdout)["indicators"] if r["id"] == "B2")
    assert b2["previous"] == 68.9 and b2["ratio_previous"] == pytest.approx(70.1 / 68.9 * 100)  # TH 2025/TH 2024
    p = b2["progress_2030"]  # from the baseline 2022 (66,7%): (70,1/66,7)^(1/3) − 1 over (80/66,7)^(1/8) − 1
    assert (p["baseline_year"], p["baseline"]) == (2022, 66.7)
    assert p["r"] == pytest.approx(((70.1 / 66.7) ** (1 / 3) - 1) / ((80 / 66.7) ** (1 / 8) - 1))


def test_the_rolled_file_keeps_where_each_result_came_from(rolled: Path) -> None:
    data = yaml.safe_load(rolled.read_text(encoding="utf-8"))
    published = {i["id"]: i.get("published", {}).get("results", {}) for i in data["indicators"]}
    a1 = published["A1"]
    assert (a1[2022], a1[2023], a1[2024]["value"]) == (77.42, 82.75, 83.1)  # appendix 01, then the workbook
    assert a1[2024]["note"].startswith("2024 result from ") and a1[2024]["note"].endswith(
        "ket_qua_2024.xlsx:Kết quả!C5"
    )
    assert published["D1"][2024] == {"value": 10250, "note": published["D1"][2024]["note"]}
    assert published["D1"][2024]["note"].endswith("(Sơ bộ)")  # the note typed beside D1 is kept


def test_the_plan_for_a_year_is_found_by_its_name(tmp_path: Path, rolled: Path) -> None:
    results = long_workbook(tmp_path / "kq.xlsx", [("B2", 2025, "70,1")])
    tasks = str(rolled.parent / "tasks.yaml")  # the folder is given by --tasks; --year picks targets_2025.yaml
    result = runner.invoke(app, ["compare", str(results), "--tasks", tasks, "--year", "2025", "--format", "json"])
    assert result.exit_code == 0, result.output
    missing = runner.invoke(app, ["compare", str(results), "--targets", str(rolled), "--year", "2026"])
    assert missing.exit_code == 1 and "targets_2026.yaml does not exist" in missing.stderr
    assert "hrplan new-year 2026" in missing.stderr


def test_an_existing_file_is_never_overwritten(tmp_path: Path, rolled: Path) -> None:
    before = rolled.read_bytes()
    results = long_workbook(tmp_path / "kq.xlsx", RESULTS_2024)
    again = runner.invoke(app, ["new-year", "2025", str(results), "--out", str(rolled)])
    assert again.exit_code == 2 and "never overwritten" in again.stderr and rolled.read_bytes() == before


def test_only_the_previous_years_plan_rolls_forward(tmp_path: Path) -> None:
    results = long_workbook(tmp_path / "kq.xlsx", RESULTS_2024)
    result = runner.invoke(app, ["new-year", "2026", str(results), "--out", str(tmp_path / "t.yaml")])
    assert result.exit_code == 2 and "the plan given is for 2024" in result.stderr
