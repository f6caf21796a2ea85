"""Every format carries the same facts: console, JSON, CSV, Markdown and Excel, from one reading.

JSON is the reference here only for consistency; the values themselves are pinned against hand
computations in the analysis tests and in the cases below (e.g. 78 / 70 = 111,43%).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from hrplan.cli import app
from hrplan.report.fmt import fmt_ratio
from hrplan.report.labels import Labels

runner = CliRunner()
VI = Labels("vi")


def results_workbook(path: Path) -> Path:
    """Values as a department types them, with notes, a district and a tasks sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Kết quả"
    ws.append(["BÁO CÁO KẾT QUẢ NĂM 2024"])
    ws.append([])
    ws.append(["Mã chỉ tiêu", "Năm", "Kết quả", "Địa bàn", "Ghi chú"])
    for row in [
        ("A1", 2023, "82,75", None, None),
        ("A1", 2024, "78", None, "Số liệu sơ bộ, chờ Cục Thống kê"),
        ("B2", 2023, "67,7", None, None),
        ("B2", 2024, "68,9%", None, None),
        ("B5", 2023, 52.7, None, None),
        ("B5", 2024, 51.2, None, None),
        ("D1", 2024, "10.250", None, "Gồm lao động đi làm việc ngoài tỉnh"),
        ("A1", 2023, 70, "Bát Xát", None),
        ("A1", 2024, 72.5, "Bát Xát", "Huyện tự tổng hợp"),
    ]:
        ws.append(list(row))
    tasks = wb.create_sheet("Nhiệm vụ")
    tasks.append(["Mã nhiệm vụ", "Tình trạng", "Ghi chú", "Minh chứng"])
    tasks.append(["1.9", "hoàn thành", "Đã gửi báo cáo", "CV 123/SLĐTBXH"])
    tasks.append(["4.1", "đang triển khai", None, None])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("facts")
    src = results_workbook(folder / "kq.xlsx")
    common = [str(src), "--by-area", "--as-of", "2024-12-31", "--no-color"]
    out: dict[str, object] = {}
    for fmt in ("json", "csv", "markdown", "table"):
        lang = ["--lang", "en"] if fmt == "csv" else []  # English keys, as scripts read them
        result = runner.invoke(app, ["compare", *common, "--format", fmt, *lang])
        assert result.exit_code == 0, result.output
        out[fmt] = result.stdout
    xlsx = folder / "r.xlsx"
    assert runner.invoke(app, ["compare", *common, "--format", "json", "--out", str(xlsx)]).exit_code == 0
    out["xlsx"] = openpyxl.load_workbook(xlsx)
    return out


def rows(outputs: dict[str, object]) -> list[dict[str, Any]]:
    body = json.loads(str(outputs["json"]))
    result: list[dict[str, Any]] = body["indicators"]
    return result


def test_hand_computed_values(outputs: dict[str, object]) -> None:
    by = {(r["area"], r["id"]): r for r in rows(outputs)}
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
            assert note["note"] in text, (fmt, note)
    for place in ("Toàn tỉnh", "Bát Xát"):
        assert place in text
    assert "1.9: Đã gửi báo cáo — CV 123/SLĐTBXH" in text  # a task's note and evidence
    assert "Sở Lao động - Thương binh và Xã hội" in text  # completion by lead unit


def test_excel_carries_the_json_numbers(outputs: dict[str, object]) -> None:
    wb = outputs["xlsx"]
    assert isinstance(wb, openpyxl.Workbook)
    assert wb.sheetnames[0] == "Phụ biểu 01" and "Phụ biểu 01 - Bát Xát" in wb.sheetnames
    for r in rows(outputs):
        ws = wb["Phụ biểu 01" if r["area"] is None else f"Phụ biểu 01 - {r['area']}"]
        line = next(row for row in ws.iter_rows(min_row=6) if row[1].value == r["id"])
        values = [c.value for c in line]
        for v in [*r["ratio_targets"].values(), r["ratio_2030"], r["ratio_previous"]]:
            if v is not None:
                assert any(isinstance(x, float) and x == pytest.approx(v / 100) for x in values), (r["id"], v)
        if r["progress_2030"]:
            assert VI(r["progress_2030"]["class"]) in values
        notes = "; ".join(f"{n['year']}: {n['note']}" for n in r["notes"])
        assert (notes or None) == values[-1]
    tasks = wb["Phụ biểu 02"]
    row_19 = next(row for row in tasks.iter_rows(min_row=4) if row[0].value == "1.9")
    values_19 = [c.value for c in row_19]
    assert values_19[-4] == "hoàn thành" and values_19[-2:] == ["Đã gửi báo cáo", "CV 123/SLĐTBXH"]
