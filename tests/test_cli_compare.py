"""`hrplan compare` and `hrplan template` end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from hrplan.cli import app

from .conftest import ROOT
from .workbooks import long_workbook

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_compare_without_arguments_uses_the_bundled_results() -> None:
    code, out, _ = run("compare", "--no-color")
    assert code == 0
    assert "09/KH-UBND · Lào Cai · Toàn tỉnh · 2023" in out
    assert "Năm 2023: 9/14 chỉ tiêu đạt mọi mục tiêu của năm; 4/14 đã đạt mục tiêu 2030." in out
    assert "101,50%" in out


def test_compare_json_row_is_complete() -> None:
    code, out, _ = run("compare", "--format", "json")
    body = json.loads(out)
    assert code == 0 and body["year"] == 2023 and body["problems"] == []
    b2 = next(r for r in body["indicators"] if r["id"] == "B2")
    assert b2 == {
        "id": "B2",
        "group": "B",
        "name": "Tỷ lệ lao động qua đào tạo",
        "name_en": "Trained workers",
        "unit": "percent",
        "direction": "increase",
        "area": None,
        "year": 2023,
        "result": 67.7,
        "previous": 66.7,
        "ratio_previous": pytest.approx(101.49925037),
        "targets": {"DA": 67.7, "KH14": 68.0},
        "ratio_targets": {"DA": 100.0, "KH14": pytest.approx(99.5588235)},
        "goal_2030": 80.0,
        "goal_2030_bound": {"value": 80.0, "which": "value"},
        "ratio_2030": pytest.approx(84.625),
        "met": {"DA": True, "KH14": False},
        "verdicts": {"DA": "met", "KH14": "not_met"},
        "met_2030": False,
        "gap_2030": pytest.approx(12.3),
        "next_targets": {"KH": 68.8},  # section I.2: 68,8% in 2024
        "reasons": {},
        "notes": [],
        "sources": ["data/targets_2024.yaml:255:15", "data/targets_2024.yaml:256:15"],  # published in the plan
        "progress_2030": {
            "method": "cagr",
            "class": "moderate",
            "reason": None,
            "r": pytest.approx(0.65218, rel=1e-4),
            "baseline_year": 2022,
            "baseline": 66.7,
            "latest_year": 2023,
            "latest": 67.7,
            "goal": 80.0,
            "cagr_observed": pytest.approx(67.7 / 66.7 - 1),
            "cagr_required": pytest.approx((80 / 66.7) ** (1 / 8) - 1),
            "required_per_year": pytest.approx(12.3 / 7),
            "required_growth": pytest.approx((80 / 67.7) ** (1 / 7) - 1),
            "observed_per_year": pytest.approx(1.0),
            "projected_2030": pytest.approx(67.7 * (67.7 / 66.7) ** 7),
            "covered": pytest.approx(1 / 13.3),
            "tone": "fair",
        },
        "trend": {
            "series": [{"year": 2022, "value": 66.7}, {"year": 2023, "value": 67.7}],
            "path": [{"year": 2022 + k, "value": pytest.approx(66.7 * (80 / 66.7) ** (k / 8))} for k in range(9)],
        },
        "lead": ["so_ldtbxh"],
        "partners": ["ubnd_huyen"],
    }
    b1 = next(r for r in body["indicators"] if r["id"] == "B1")
    assert b1["goal_2030"] == [50.0, 55.0] and b1["goal_2030_bound"] == {"value": 50.0, "which": "low"}
    b6 = next(r for r in body["indicators"] if r["id"] == "B6")
    assert b6["notes"][0]["source"] == "data/targets_2024.yaml:385:15"  # the note of the printed 18%
    assert b6["notes"][0]["note"].startswith("Printed '18%'. The printed ratio 102,20% implies 18,2")
    code, out, _ = run("compare", str(ROOT / "data" / "results_2022_2023.csv"), "--format", "json")
    from_csv = {r["id"]: r for r in json.loads(out)["indicators"]}
    assert from_csv["B2"]["sources"] == ["data/results_2022_2023.csv:14:3", "data/results_2022_2023.csv:15:3"]
    assert [r["ratio_targets"] for r in json.loads(out)["indicators"]] == [
        r["ratio_targets"] for r in body["indicators"]
    ]  # the example CSV holds the same numbers as the plan
    d1 = next(r for r in body["indicators"] if r["id"] == "D1")
    assert d1["result"] is None and d1["reasons"] == {
        "ratio_previous": "no result for 2023",
        "ratio_2030": "the plan sets no 2030 goal",
    }


def test_compare_csv_and_markdown() -> None:
    code, out, _ = run("compare", "--format", "csv", "--lang", "en")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("area,id,name,unit,direction,year,previous,result,ratio_previous,target_DA,target_KH14")
    assert len(lines) == 23
    b2 = next(line for line in lines if line.startswith(",B2,"))
    assert ",66.7,67.7,101.5," in b2  # 67,7 / 66,7 = 101,499…% shown as 101,50%: rounded as displayed
    code, out, _ = run("compare", "--format", "csv")
    assert out.splitlines()[0].startswith("Địa bàn,Mã,Chỉ tiêu,ĐVT,Chiều,Năm,TH 2022,TH 2023,TH 2023/TH 2022 (%),MT DA")
    code, out, _ = run("compare", "--format", "markdown", "--group", "C", "--lang", "en")
    assert (
        "| C1 | Cadres, civil servants and public employees with a university degree or higher | 65.32% | 65.55% |"
        in out
    )
    assert "100.35%" in out


def test_csv_file_for_excel(tmp_path: Path) -> None:
    out = tmp_path / "bang.csv"
    code, _, err = run("compare", "--out", str(out), "--format", "json")
    assert code == 0, err
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "Chỉ tiêu".encode() in data  # Excel reads UTF-8 after a BOM
    code, _, err = run("compare", "--out", str(tmp_path / "bang.txt"))
    assert code == 2 and ".xlsx or .csv or .json or .md" in err


def test_english_numbers() -> None:
    _, out, _ = run("compare", "--lang", "en", "--group", "B", "--no-color")
    assert "101.50%" in out and "2023: 4 of 7 indicators met all their targets" in out


def test_bad_cell_stops_with_its_location_and_no_table(tmp_path: Path) -> None:
    path = long_workbook(tmp_path / "kq.xlsx", [("A1", 2023, "82,75"), ("A2", 2023, "bốn mươi")])
    code, out, err = run("compare", str(path))
    assert code == 1 and out == ""
    assert f"{path}:Kết quả!C6: error: A2 2023: cannot read 'bốn mươi' as a percentage" in err
    assert "Traceback" not in err


def test_unknown_id_warns_and_fails_only_with_strict(tmp_path: Path) -> None:
    path = long_workbook(tmp_path / "kq.xlsx", [("A1", 2023, 82.75), ("X9", 2023, 5)])
    code, _, _ = run("compare", str(path), "--format", "json")
    assert code == 0
    code, out, _ = run("compare", str(path), "--format", "json", "--strict")
    assert code == 1
    unknown = [p for p in json.loads(out)["problems"] if p["code"] == "unknown-indicator"]
    assert [(p["cell"], p["severity"]) for p in unknown] == [("Kết quả!A6", "warning")]


def test_areas(tmp_path: Path) -> None:
    path = long_workbook(
        tmp_path / "kq.xlsx",
        [("A1", 2023, 82.75, "", ""), ("A1", 2023, 70, "", "Bát Xát"), ("A1", 2022, 60, "", "Bát Xát")],
        header=("Mã", "Năm", "Giá trị", "Ghi chú", "Địa bàn"),
    )
    code, out, _ = run("compare", str(path), "--area", "bat xat", "--format", "json")
    rows = json.loads(out)["indicators"]
    a1 = next(r for r in rows if r["id"] == "A1")
    assert code == 0 and (a1["area"], a1["result"], a1["previous"]) == ("Bát Xát", 70.0, 60.0)
    code, out, _ = run("compare", str(path), "--by-area", "--format", "json", "--group", "A")
    rows = json.loads(out)["indicators"]
    assert [(r["area"], r["id"]) for r in rows if r["id"] == "A1"] == [(None, "A1"), ("Bát Xát", "A1")]
    code, _, err = run("compare", str(path), "--area", "Sa Pa")
    assert code == 2 and "Areas in the results: Bát Xát" in err


def test_unit_filter() -> None:
    code, out, _ = run("compare", "--unit", "Sở Giáo dục &ĐT", "--format", "json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)["indicators"]] == ["A1", "A2", "A3", "A3a", "A4"]


def test_year_without_results() -> None:
    code, out, _ = run("compare", "--year", "2024", "--format", "json")
    body = json.loads(out)
    assert code == 0
    a1 = next(r for r in body["indicators"] if r["id"] == "A1")
    assert a1["previous"] == 82.75 and a1["result"] is None and a1["targets"] == {"KH": 70.0}
    assert any(p["code"] == "missing-result" and p["message"].startswith("A1:") for p in body["problems"])


def test_template_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "mau.xlsx"
    code, _, _ = run("template", str(out), "--year", "2024")
    assert code == 0
    wb = openpyxl.load_workbook(out)
    ws = wb["Kết quả"]
    assert [c.value for c in ws[3]] == [
        "Mã",
        "Chỉ tiêu",
        "ĐVT",
        "Đơn vị chủ trì",
        "Địa bàn",
        "Năm 2023",
        "Năm 2024",
        "Ghi chú",
    ]
    assert (ws["A4"].value, ws["F4"].value, ws["C4"].value) == ("A1", 82.75, "%")
    assert ws.data_validations.dataValidation[0].type == "decimal"
    assert wb.sheetnames == ["Kết quả", "Nhiệm vụ", "Hướng dẫn"]
    ws["G4"] = "85,1%"
    ws["G23"] = "10.250"  # D1, people
    wb.save(out)
    code, stdout, _ = run("compare", str(out), "--format", "json")
    rows = {r["id"]: r for r in json.loads(stdout)["indicators"]}
    assert code == 0
    assert (rows["A1"]["result"], rows["A1"]["previous"]) == (85.1, 82.75)
    assert rows["D1"]["result"] == 10250 and rows["D1"]["ratio_targets"]["KH"] == pytest.approx(104.591836)


def test_template_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "mau.xlsx"
    out.write_bytes(b"keep me")
    code, _, err = run("template", str(out))
    assert code == 2 and "exists" in err and out.read_bytes() == b"keep me"
    code, _, err = run("template", str(tmp_path / "mau.csv"))
    assert code == 2 and ".xlsx" in err


def test_template_is_deterministic(tmp_path: Path) -> None:
    run("template", str(tmp_path / "a.xlsx"))
    run("template", str(tmp_path / "b.xlsx"))
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_another_provinces_plan_by_its_targets_file_alone(tmp_path: Path) -> None:
    from .conftest import CASES

    minimal = CASES / "valid" / "minimal"
    results = tmp_path / "kq.csv"
    results.write_text("id,year,value\nA1,2022,70\nA1,2023,75\nD1,2023,9.900\n", encoding="utf-8")
    code, out, err = run("compare", str(results), "--targets", str(minimal / "targets.yaml"), "--format", "json")
    assert code == 0, err
    rows = {r["id"]: r for r in json.loads(out)["indicators"]}
    assert set(rows) == {"A1", "B1", "B2", "B3", "D1"}
    assert rows["A1"]["lead"] == ["so_gd"] and rows["D1"]["result"] == 9900


def test_unknown_group_is_a_usage_error() -> None:
    code, out, err = run("compare", "--group", "X")
    assert code == 2 and out == "" and "its groups are A, B, C, D" in err
