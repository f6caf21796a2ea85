"""The analyst's year end to end with department workbooks, as the README shows it: template --all-units, the
units fill them in as people type, collect, compare, report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from hrplan.cli import app

from .workbooks import fill_form

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_year_with_department_workbooks(tmp_path: Path) -> None:
    forms, back, out = tmp_path / "bieu-mau", tmp_path / "bao-cao-ve", tmp_path / "bao-cao"
    # 1. one workbook per reporting unit
    code, stdout, _ = run("template", "--all-units", "--out-dir", str(forms), "--year", "2024")
    assert code == 0 and stdout.count("wrote ") == 13
    # 2. five units fill theirs in, the way people type: decimal commas, '9.800', '%', blanks, a percent cell
    back.mkdir()
    gd = {"A1": "85,1", "A2": 47.2, "A3": "100", "A3a": "55,5%", "A4": 99.0}
    gd_tasks = {"1.3": ("hoàn thành", "Đã ban hành Kế hoạch 12/KH-SGDĐT"), "3.1": ("đang triển khai",)}
    fill_form(
        forms / "so_gddt_2024.xlsx", out=back / "so_gddt_2024.xlsx", results=gd, percent_cells=("A4",), tasks=gd_tasks
    )
    fill_form(forms / "so_ldtbxh_2024.xlsx", out=back / "so_ldtbxh_2024.xlsx",
              results={"B2": "68,9", "B2a": "31,2", "B3": " 51 ", "B5": "51,2", "B6": "19,1", "B7": "29,7",
                       "B8": "30,5", "B9": None, "D1": "9.800", "D2": "4.950", "D3": "1.500"},
              tasks={"1.3": ("đang triển khai", "Chờ số liệu điều tra lao động"), "1.2": ("hoàn thành",)})  # fmt: skip
    noivu = {"C1": "67,1", "C2": 99, "C3": "2,6", "C4": None, "C5": "1,7"}
    fill_form(
        forms / "so_noivu_2024.xlsx", out=back / "so_noivu_2024.xlsx", results=noivu, tasks={"1.3": ("hoàn thành",)}
    )
    fill_form(forms / "ubnd_huyen_2024.xlsx", out=back / "ubnd_huyen_2024.xlsx",
              districts={("C1", "Bát Xát"): "61,2", ("C1", "Văn Bàn"): 58})  # fmt: skip
    fill_form(forms / "so_yte_2024.xlsx", out=back / "so_yte_2024.xlsx", tasks={"1.3": ("hoàn thành",)})
    # 3. what came back and what is still missing
    code, stdout, _ = run("collect", str(back), "--format", "json")
    assert code == 0
    body = json.loads(stdout)
    units = {u["unit"]: u for u in body["units"]}
    assert (body["expected"], body["returned"]) == (13, 5)
    assert units["so_gddt"]["indicators_reported"] == ["A1", "A2", "A3", "A3a", "A4"]
    assert units["so_ldtbxh"]["indicators_missing"] == ["B9"] and units["so_noivu"]["indicators_missing"] == ["C4"]
    assert units["ubnd_huyen"]["districts_missing"]["C1"] == [
        "Thành phố Lào Cai", "Thị xã Sa Pa", "Bảo Thắng", "Bảo Yên", "Bắc Hà", "Mường Khương", "Si Ma Cai",
    ]  # fmt: skip
    assert units["so_khdt"]["status"] == "not_returned" and body["unexpected_files"] == []
    assert run("collect", str(back), "--strict")[0] == 1
    # 4. the gaps, from the workbooks as they came back
    files = [str(p) for p in sorted(back.iterdir())]
    code, stdout, stderr = run("compare", *files, "--year", "2024", "--by-area", "--format", "json")
    assert code == 0, stderr
    body = json.loads(stdout)
    rows = {(r["area"], r["id"]): r for r in body["indicators"]}
    assert [rows[(None, i)]["result"] for i in ("A1", "A3a", "A4", "B3", "D1", "D2", "C2")] == [
        85.1, 55.5, 99.0, 51.0, 9800.0, 4950.0, 99.0,
    ]  # fmt: skip
    assert rows[(None, "A1")]["previous"] == 82.75 and rows[(None, "B9")]["result"] is None
    assert rows[(None, "D1")]["ratio_targets"]["KH"] == pytest.approx(100.0)  # 9.800 of 9.800
    assert rows[("Bát Xát", "C1")]["result"] == 61.2 and rows[("Văn Bàn", "C1")]["result"] == 58.0
    tasks = body["tasks"]
    assert tasks["statuses"]["1.3"] == "in_progress" and tasks["disagreements"] == ["1.3"]
    assert tasks["side_by_side"]["1.3"] == {
        "so_noivu": "done", "so_ldtbxh": "in_progress", "so_gddt": "done", "so_yte": "done",
    }  # fmt: skip
    assert tasks["statuses"]["1.2"] == "done"  # reported by Sở LĐTBXH, which the collection file gives it to
    assert [p["code"] for p in body["problems"] if p["severity"] == "error"] == []
    # 5. the report: Word, Excel, Markdown and JSON
    code, _, stderr = run("report", *files, "--year", "2024", "--out-dir", str(out), "--as-of", "2024-12-31")
    assert code == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == ["compare-2024.json", "report-2024.docx", "report-2024.md",
                                                     "report-2024.xlsx"]  # fmt: skip
    appendix = openpyxl.load_workbook(out / "report-2024.xlsx")["Phụ biểu 02"]
    row = next(r for r in appendix.iter_rows() if r[0].value == "1.3")
    assert row[6].value == "đang triển khai" and "Sở Lao động - Thương binh và Xã hội: đang triển khai" in str(
        row[7].value
    )
    markdown = (out / "report-2024.md").read_text("utf-8")
    assert "| 1.3 | đang triển khai | Sở Nội vụ: hoàn thành; Sở Lao động - Thương binh và Xã hội: đang triển khai" in (
        markdown
    )
    # the next year's collection starts from the same command: nothing was written over the returns
    assert sorted(p.name for p in back.iterdir()) == [
        "so_gddt_2024.xlsx", "so_ldtbxh_2024.xlsx", "so_noivu_2024.xlsx", "so_yte_2024.xlsx", "ubnd_huyen_2024.xlsx",
    ]  # fmt: skip
    shutil.rmtree(forms)
