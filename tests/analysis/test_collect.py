"""`hrplan collect`: which units' workbooks came back, what each still owes, the files that belong to no unit and
the conflicts, as DHIS2's reporting-rate summary lays them out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from hrplan.cli import app

from ..conftest import ROOT
from ..workbooks import fill_form

runner = CliRunner()


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("forms")
    assert runner.invoke(app, ["template", "--all-units", "--out-dir", str(out)]).exit_code == 0
    return out


def unit_workbook(path: Path, unit: str, rows: list[tuple[Any, ...]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Đơn vị báo cáo:", unit])
    ws.append(["Mã chỉ tiêu", "Năm", "Kết quả"])
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def returns(forms: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    box = tmp_path_factory.mktemp("ve")
    gd = forms / "so_gddt_2024.xlsx"
    sheet = openpyxl.load_workbook(gd)["Nhiệm vụ"]
    every_task = {str(row[0].value): ("hoàn thành",) for row in sheet.iter_rows(min_row=5)}
    fill_form(gd, results={"A1": "77,42", "A2": 46.1, "A3": "100", "A3a": "55,5%", "A4": 99.0},
              tasks=every_task, percent_cells=("A4",), out=box / "so_gddt_2024.xlsx")  # fmt: skip
    fill_form(forms / "so_ldtbxh_2024.xlsx", results={"B2": "68,9", "D1": "9.800", "D2": None},
              tasks={"1.3": ("đang triển khai", "Đã xây dựng dự thảo")}, out=box / "so_ldtbxh_2024.xlsx")  # fmt: skip
    fill_form(forms / "ubnd_huyen_2024.xlsx", districts={("C1", "Bát Xát"): "61,2", ("C1", "Văn Bàn"): 58},
              out=box / "bao cao huyen.xlsx")  # fmt: skip
    shutil.copy(forms / "so_noivu_2024.xlsx", box / "so_noivu_2024.xlsx")  # sent back as it was sent
    (box / "so_yte_2024.csv").write_text("Mã nhiệm vụ,Tình trạng\n1.3,hoàn thành\n1.4,hoàn thành\n", "utf-8")
    unit_workbook(box / "du_lich.xlsx", "Sở Du lịch", [("B2", 2024, 70)])
    (box / "ghi chu.xlsx").write_bytes((box / "so_noivu_2024.xlsx").read_bytes())  # a copy under another name
    unit_workbook(box / "so_khdt_2024.xlsx", "Sở Tài chính", [("A1", 2024, 80)])  # the wrong unit's name inside
    (box / "~$so_gddt_2024.xlsx").write_bytes(b"lock")  # Excel's lock file, never read
    return box


def test_the_json(returns: Path) -> None:
    result = runner.invoke(app, ["collect", str(returns), "--format", "json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["year"] == 2024 and body["collector"] == "so_ldtbxh" and body["deadline"] == "2024-12-05"
    units = {u["unit"]: u for u in body["units"]}
    assert list(units) == [
        "so_ldtbxh", "so_gddt", "so_noivu", "so_khdt", "so_taichinh", "so_congthuong", "so_tttt", "so_khcn", "so_yte",
        "so_xaydung", "ubnd_huyen", "co_so_gdnn", "truong_cd_laocai",
    ]  # fmt: skip
    gd = units["so_gddt"]
    assert gd["files"] == [str(returns / "so_gddt_2024.xlsx")]
    assert gd["indicators_expected"] == gd["indicators_reported"] == ["A1", "A2", "A3", "A3a", "A4"]
    assert gd["tasks_reported"] == gd["tasks_expected"] and gd["status"] == "complete"
    ld = units["so_ldtbxh"]
    assert ld["indicators_reported"] == ["B2", "D1"] and ld["tasks_reported"] == ["1.3"] and ld["status"] == "partial"
    assert ld["indicators_missing"][:3] == ["B2a", "B3", "B5"]
    noivu = units["so_noivu"]
    assert noivu["files"] == [str(returns / "ghi chu.xlsx"), str(returns / "so_noivu_2024.xlsx")]
    assert noivu["status"] == "empty" and noivu["indicators_reported"] == []
    huyen = units["ubnd_huyen"]
    assert huyen["files"] == [str(returns / "bao cao huyen.xlsx")]  # the workbook names its unit
    assert huyen["indicators_expected"] == ["C1", "C2"] and huyen["indicators_reported"] == []
    assert huyen["districts_missing"]["C1"][:3] == ["Thành phố Lào Cai", "Thị xã Sa Pa", "Bảo Thắng"]
    assert "C2" not in huyen["districts_missing"]  # no district yet: C2 is simply missing
    assert units["so_yte"]["files"] == [str(returns / "so_yte_2024.csv")]  # by its file name
    assert units["so_yte"]["tasks_reported"] == ["1.3", "1.4"] and units["so_yte"]["status"] == "complete"
    assert units["so_taichinh"]["files"] == [str(returns / "so_khdt_2024.xlsx")]  # the workbook's unit wins
    assert units["so_khdt"]["status"] == "not_returned" and units["so_khdt"]["files"] == []
    assert body["unexpected_files"] == [str(returns / "du_lich.xlsx")]
    assert (body["expected"], body["returned"], body["complete"]) == (13, 6, 2)
    files = {Path(f["file"]).name: f for f in body["files"]}
    assert files["du_lich.xlsx"]["named"] == "so_dulich" and files["so_yte_2024.csv"]["by"] == "file name"
    codes = {(p["code"], Path(p["path"]).name) for p in body["problems"]}
    assert ("file-name", "so_khdt_2024.xlsx") in codes and ("not-its-indicator", "so_khdt_2024.xlsx") in codes
    # 1.3: Sở GD&ĐT and Sở Y tế say done, Sở LĐTBXH in progress (Sở Nội vụ has not said)
    # A1 and B2 in the wrong units' files, against the units' own; 1.3: Sở GD&ĐT and Sở Y tế (its CSV, by its
    # name) say done, Sở LĐTBXH in progress, and Sở Nội vụ has not said
    assert [p["code"] for p in body["conflicts"]] == ["conflict", "conflict", "co-leads-disagree"]
    assert (
        "task 1.3" in body["conflicts"][2]["message"] and "Sở Y tế says 'hoàn thành'" in body["conflicts"][2]["message"]
    )


def test_the_table_and_strict(returns: Path) -> None:
    result = runner.invoke(app, ["collect", str(returns), "--no-color"])
    assert result.exit_code == 0
    out = result.stdout
    assert "Báo cáo năm 2024: 6/13 đơn vị đã gửi (46,15%), 2 đơn vị đủ" in out
    assert "Hạn gửi: trước ngày 05/12/2024; gửi về: Sở Lao động - Thương binh và Xã hội" in out
    assert "du_lich.xlsx: ghi đơn vị báo cáo: Sở Du lịch" in out and "chưa gửi" in out
    assert "C1 tại Thành phố Lào Cai" in out and "(theo tên tệp)" in out
    assert runner.invoke(app, ["collect", str(returns), "--strict"]).exit_code == 1


def test_everything_in_exits_0_with_strict(tmp_path: Path) -> None:
    """A collection of one unit (Sở Y tế, collecting its own), returned complete by its CSV named after it."""
    text = (ROOT / "data" / "collection_2024.yaml").read_text("utf-8")
    others = "so_ldtbxh so_gddt so_noivu so_khdt so_taichinh so_congthuong so_tttt so_khcn so_xaydung ubnd_huyen "
    others += "co_so_gdnn truong_cd_laocai cac_so_nganh"
    head = text.split("\ndistricts:")[0].replace("collector: so_ldtbxh", "collector: so_yte")
    one = tmp_path / "one.yaml"
    leave_out = "".join(f'  - unit: {u}\n    note: "Not this time."\n' for u in others.split())
    one.write_text(head + "\nnot_reporting:\n" + leave_out, "utf-8")
    box = tmp_path / "ve"
    box.mkdir()
    (box / "so_yte_2024.csv").write_text("Mã nhiệm vụ,Tình trạng\n1.3,hoàn thành\n", "utf-8")
    argv = ["collect", str(box), "--collection", str(one), "--format", "json", "--strict"]
    partial = runner.invoke(app, argv)
    assert partial.exit_code == 1 and json.loads(partial.stdout)["units"][0]["tasks_missing"] == ["1.4"]
    (box / "so_yte_2024.csv").write_text("Mã nhiệm vụ,Tình trạng\n1.3,hoàn thành\n1.4,hoàn thành\n", "utf-8")
    complete = runner.invoke(app, argv)
    assert complete.exit_code == 0, complete.output
    body = json.loads(complete.stdout)
    assert [(u["unit"], u["status"]) for u in body["units"]] == [("so_yte", "complete")]
    assert body["collector"] == "so_yte"


def test_a_folder_that_is_not_one(tmp_path: Path) -> None:
    result = runner.invoke(app, ["collect", str(tmp_path / "none")])
    assert result.exit_code == 2 and "is not a folder" in result.stderr
