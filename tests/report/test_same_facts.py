"""Every format carries the same facts: console, JSON, CSV, Markdown and Excel, from one reading.

JSON is the reference here only for consistency; the values themselves are pinned against hand
computations in the analysis tests and in the cases below (e.g. 78 / 70 = 111,43%).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from hrplan.cli import app
from hrplan.report.fmt import fmt_ratio
from hrplan.report.labels import Labels

from ..workbooks import department_workbook

runner = CliRunner()
VI = Labels("vi")


@pytest.fixture(scope="module", params=["workbook", "bundled"])
def outputs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Every format from one reading: a department's workbook (notes, a district, task statuses), or the
    bundled plan's own published results."""
    folder = tmp_path_factory.mktemp("facts")
    files = [str(department_workbook(folder / "kq.xlsx")), "--by-area"] if request.param == "workbook" else []
    common = [*files, "--as-of", "2024-12-31", "--no-color"]
    out: dict[str, object] = {}
    for fmt in ("json", "csv", "markdown", "table"):
        lang = ["--lang", "en"] if fmt == "csv" else []  # English keys, as scripts read them
        result = runner.invoke(app, ["compare", *common, "--format", fmt, *lang])
        assert result.exit_code == 0, result.output
        out[fmt] = result.stdout
    xlsx = folder / "r.xlsx"
    assert runner.invoke(app, ["compare", *common, "--format", "json", "--out", str(xlsx)]).exit_code == 0
    out["xlsx"] = openpyxl.load_workbook(xlsx)
    out["kind"] = request.param
    return out


def rows(outputs: dict[str, object]) -> list[dict[str, Any]]:
    body = json.loads(str(outputs["json"]))
    result: list[dict[str, Any]] = body["indicators"]
    return result


def test_hand_computed_values(outputs: dict[str, object]) -> None:
    by = {(r["area"], r["id"]): r for r in rows(outputs)}
    if outputs["kind"] == "bundled":  # appendix 01: B2 67,7 / 66,7 = 101,50%; 67,7 / 68 = 99,56% (KH14, missed)
        b2 = by[(None, "B2")]
        assert b2["ratio_previous"] == pytest.approx(67.7 / 66.7 * 100)
        assert b2["ratio_targets"]["KH14"] == pytest.approx(67.7 / 68 * 100) and b2["verdicts"]["KH14"] == "not_met"
        return
    a1 = by[(None, "A1")]
    assert a1["result"] == 78 and a1["previous"] == 82.75
    assert a1["ratio_targets"] == {"KH": pytest.approx(78 / 70 * 100)}  # KH 2024 target for A1: 70%
    assert a1["verdicts"] == {"KH": "met"} and a1["notes"][0]["note"] == "Số liệu sơ bộ, chờ Cục Thống kê"
    b5 = by[(None, "B5")]  # a falling share: 51,2 against the KH target 51,7 is met although the ratio < 100
    assert b5["ratio_targets"]["KH"] == pytest.approx(51.2 / 51.7 * 100) and b5["verdicts"] == {"KH": "met"}
    assert by[("Bát Xát", "A1")]["result"] == 72.5


def test_csv_carries_the_json_numbers(outputs: dict[str, object]) -> None:
    table = list(csv.DictReader(io.StringIO(str(outputs["csv"]))))
    reference = {(r["area"] or "", r["id"]): r for r in rows(outputs)}
    assert len(table) == len(reference)
    for line in table:
        r = reference[(line["area"], line["id"])]
        assert line["result"] == ("" if r["result"] is None else f"{r['result']:.2f}".rstrip("0").rstrip("."))
        for s, v in r["ratio_targets"].items():
            assert line[f"ratio_{s}"] == ("" if v is None else f"{v:.2f}".rstrip("0").rstrip("."))  # as displayed
            assert line[f"verdict_{s}"] == r["verdicts"][s]
        progress = r["progress_2030"]
        assert line["progress_class"] == (progress["class"] if progress else "")
        assert line["notes"] == "; ".join(f"{n['year']}: {n['note']}" for n in r["notes"])


@pytest.mark.parametrize("fmt", ["markdown", "table"])
def test_text_formats_show_every_fact(outputs: dict[str, object], fmt: str) -> None:
    text = str(outputs[fmt])
    for r in rows(outputs):
        if r["result"] is None and r["previous"] is None and not r["targets"]:
            continue  # a row with nothing for the year is listed by id, not tabled
        for v in r["ratio_targets"].values():
            assert fmt_ratio(v, "vi") in text, (fmt, r["id"], v)
        if r["ratio_2030"] is not None:
            assert fmt_ratio(r["ratio_2030"], "vi") in text
        if r["progress_2030"]:
            assert VI(r["progress_2030"]["class"]) in text
        for note in r["notes"]:
            assert " ".join(note["note"].split()) in " ".join(text.split()), (fmt, note)  # wrapped in a terminal
    assert "Toàn tỉnh" in text
    if outputs["kind"] == "workbook":
        assert "Bát Xát" in text
        assert "1.9: Đã gửi báo cáo — CV 123/SLĐTBXH" in text  # a task's note and evidence
        assert "Sở Lao động - Thương binh và Xã hội" in text  # completion by lead unit


def test_excel_carries_the_json_numbers(outputs: dict[str, object]) -> None:
    wb = outputs["xlsx"]
    assert isinstance(wb, openpyxl.Workbook)
    assert wb.sheetnames[0] == "Phụ biểu 01"
    with_areas = outputs["kind"] == "workbook"
    assert ("Phụ biểu 01 theo địa bàn" in wb.sheetnames) == with_areas
    districts = wb["Phụ biểu 01 theo địa bàn" if with_areas else "Phụ biểu 01"]
    area_of: dict[int | None, str] = {}  # the rows under each district's heading row
    current = ""
    for row in districts.iter_rows(min_row=6):
        if row[0].value and row[1].value is None and row[2].value is None:  # a district's heading row
            current = str(row[0].value)
        assert row[0].row is not None
        area_of[row[0].row] = current
    for r in rows(outputs):
        ws = wb["Phụ biểu 01"] if r["area"] is None else districts
        line = next(row for row in ws.iter_rows(min_row=6)
                    if row[1].value == r["id"] and (r["area"] is None or area_of[row[1].row] == r["area"]))  # fmt: skip
        values = [c.value for c in line]
        for v in [*r["ratio_targets"].values(), r["ratio_2030"], r["ratio_previous"]]:
            if v is not None:
                numbers = [x for x in values if isinstance(x, int | float) and not isinstance(x, bool)]
                assert any(x == pytest.approx(v / 100) for x in numbers), (r["id"], v)  # 100% reads back as 1
        if r["progress_2030"]:
            assert VI(r["progress_2030"]["class"]) in values
        notes = "; ".join(f"{n['year']}: {n['note']}" for n in r["notes"])
        assert (notes or None) == values[-1]
    tasks = wb["Phụ biểu 02"]
    row_19 = next(row for row in tasks.iter_rows(min_row=4) if row[0].value == "1.9")
    values_19 = [c.value or "" for c in row_19]  # status, the co-leads side by side, note, evidence
    if with_areas:
        assert values_19[-4] == "hoàn thành" and values_19[-2:] == ["Đã gửi báo cáo", "CV 123/SLĐTBXH"]
    else:
        assert values_19[-4] == "chưa báo cáo" and values_19[-2:] == ["", ""]
