"""`hrplan template --unit` and `--all-units`: one workbook per reporting unit, what it holds, how it is protected
and printed, and that it reads back through the normal readers."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from hrplan.cli import app
from hrplan.plan.model import Plan
from hrplan.results.merge import read_file

runner = CliRunner()


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("forms")
    result = runner.invoke(app, ["template", "--all-units", "--out-dir", str(out / "2024"), "--year", "2024"])
    assert result.exit_code == 0, result.output
    return out / "2024"


def test_one_workbook_per_reporting_unit(forms: Path) -> None:
    assert sorted(p.name for p in forms.iterdir()) == sorted(
        f"{u}_2024.xlsx"
        for u in ("so_ldtbxh", "so_gddt", "so_noivu", "so_khdt", "so_taichinh", "so_congthuong", "so_tttt", "so_khcn",
                  "so_yte", "so_xaydung", "ubnd_huyen", "co_so_gdnn", "truong_cd_laocai")
    )  # fmt: skip


def test_a_departments_workbook(forms: Path, plan: Plan) -> None:
    wb = openpyxl.load_workbook(forms / "so_gddt_2024.xlsx")
    assert wb.sheetnames == ["Hướng dẫn", "Kết quả", "Nhiệm vụ", "hrplan"]
    assert wb["hrplan"].sheet_state == "veryHidden" and wb.active is not None and wb.active.title == "Hướng dẫn"
    guide = wb["Hướng dẫn"]
    block = {guide.cell(r, 1).value: guide.cell(r, 2).value for r in range(3, 9)}
    assert block["Đơn vị báo cáo:"] == "Sở Giáo dục và Đào tạo"
    assert block["Hạn gửi:"] == "trước ngày 05/12/2024"
    assert block["Gửi về:"] == "Sở Lao động - Thương binh và Xã hội (cơ quan thường trực)"
    text = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    assert "hrplan" not in text and "gửi về Sở Lao động - Thương binh và Xã hội trước ngày 05/12/2024" in text
    ws = wb["Kết quả"]
    assert ws["A2"].value == "Đơn vị báo cáo: Sở Giáo dục và Đào tạo"
    assert [c.value for c in ws[4]] == ["Mã", "Chỉ tiêu", "ĐVT", "Kết quả năm 2023", "Kế hoạch năm 2024",
                                         "Kết quả năm 2024", "Ghi chú"]  # fmt: skip
    ids = [ws.cell(r, 1).value for r in range(5, ws.max_row + 1)]
    assert ids == ["A", "A1", "A2", "A3", "A3a", "A4"]  # only its indicators, under their group
    assert [c.value for c in ws[6]][:5] == ["A1", "Tỷ lệ học sinh tốt nghiệp THCS vào học THPT", "%", 82.75, 70]
    # one input column: the previous year and the target are locked, the result and the note are not
    assert [ws.cell(6, c).protection.locked for c in range(1, 8)] == [True] * 5 + [False] * 2
    assert ws.protection.sheet and not ws.protection.password and wb.security is not None
    assert wb.security.lockStructure
    checks = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    pct = next(dv for ref, dv in checks.items() if "F6" in ref.split())
    assert (pct.type, pct.formula1, pct.formula2, pct.showInputMessage) == ("decimal", "0", "100", True)
    assert pct.prompt and "77,42" in pct.prompt
    tasks = wb["Nhiệm vụ"]
    assert [c.value for c in tasks[4]] == ["Mã nhiệm vụ", "Nhiệm vụ", "Đơn vị chủ trì", "Tình trạng", "Ghi chú",
                                            "Minh chứng"]  # fmt: skip
    rows = {tasks.cell(r, 1).value: r for r in range(5, tasks.max_row + 1)}
    assert list(rows)[:4] == ["1", "1.3", "1.4", "1.7"]  # a heading above its tasks, for context
    assert tasks.cell(rows["3.6"], 4).protection.locked and not tasks.cell(rows["3.6.a"], 4).protection.locked
    full = plan.task("3.3.b")
    assert full is not None and tasks.cell(rows["3.3.b"], 2).value == full.title  # never truncated
    assert tasks.cell(rows["3.6.b"], 3).value == "Sở Giáo dục và Đào tạo"  # given by the collection file
    assert tasks.cell(rows["1.3"], 3).value == (
        "Sở Nội vụ; Sở Lao động - Thương binh và Xã hội; Sở Giáo dục và Đào tạo; Sở Y tế"
    )
    assert tasks.cell(rows["3.3.b"], 2).alignment.wrap_text and (tasks.row_dimensions[rows["3.3.b"]].height or 0) > 100
    status = next(dv for dv in tasks.data_validations.dataValidation if dv.type == "list")
    assert status.formula1 == '"chưa triển khai,đang triển khai,hoàn thành"'
    for sheet in wb.worksheets[:3]:
        assert (sheet.page_setup.orientation, str(sheet.page_setup.paperSize)) == ("landscape", "9")  # A4
    assert tasks.print_title_rows == "$4:$4"


def test_the_districts_sheet(forms: Path) -> None:
    wb = openpyxl.load_workbook(forms / "ubnd_huyen_2024.xlsx")
    assert wb.sheetnames == ["Hướng dẫn", "Theo địa bàn", "Nhiệm vụ", "hrplan"]
    ws = wb["Theo địa bàn"]
    assert [c.value for c in ws[4]] == ["Mã", "Chỉ tiêu", "ĐVT", "Địa bàn", "Kết quả năm 2024", "Ghi chú"]
    rows = [(ws.cell(r, 1).value, ws.cell(r, 4).value) for r in range(5, ws.max_row + 1)]
    assert len(rows) == 18 and rows[0] == ("C1", "Thành phố Lào Cai") and rows[-1] == ("C2", "Văn Bàn")
    assert "B5:B13" in {str(r) for r in ws.merged_cells.ranges}  # the name once across its districts


def test_blank_workbooks_read_back(forms: Path, plan: Plan) -> None:
    for path in sorted(forms.iterdir()):
        res = read_file(path, plan)
        assert [p for p in res.problems if p.severity.value == "error"] == [], path.name
        assert res.unit == path.name.removesuffix("_2024.xlsx")
        assert all(m.year == 2023 for m in res.values)  # the previous year, as published; nothing typed yet


def test_one_unit_and_the_usage_errors(tmp_path: Path) -> None:
    out = tmp_path / "yte.xlsx"
    assert runner.invoke(app, ["template", str(out), "--unit", "so y te"]).exit_code == 0
    assert openpyxl.load_workbook(out).sheetnames == ["Hướng dẫn", "Nhiệm vụ", "hrplan"]
    nothing = runner.invoke(app, ["template", str(tmp_path / "dl.xlsx"), "--unit", "Sở Du lịch"])
    assert nothing.exit_code == 2 and "reports nothing" in nothing.stderr
    group = runner.invoke(app, ["template", str(tmp_path / "g.xlsx"), "--unit", "Các sở, ban, ngành có liên quan"])
    assert group.exit_code == 2 and "reports nothing" in group.stderr
    for argv in (
        ["template", str(out), "--all-units", "--out-dir", str(tmp_path)],
        ["template", "--all-units"],
        ["template", str(out), "--unit", "Sở Y tế", "--all-units", "--out-dir", str(tmp_path)],
        ["template", "--out-dir", str(tmp_path)],
    ):
        assert runner.invoke(app, argv).exit_code == 2, argv
    again = runner.invoke(app, ["template", str(out), "--unit", "Sở Y tế"])
    assert again.exit_code == 2 and "exists" in again.stderr
    assert runner.invoke(app, ["template", str(out), "--unit", "Sở Y tế", "--force"]).exit_code == 0


def test_same_bytes_every_run_and_english(tmp_path: Path, forms: Path, plan: Plan) -> None:
    runner.invoke(app, ["template", "--all-units", "--out-dir", str(tmp_path / "again")])
    assert all((tmp_path / "again" / p.name).read_bytes() == p.read_bytes() for p in forms.iterdir())
    en = tmp_path / "en.xlsx"
    assert runner.invoke(app, ["template", str(en), "--unit", "so_noivu", "--lang", "en"]).exit_code == 0
    wb = openpyxl.load_workbook(en)
    assert wb.sheetnames == ["Guide", "Results", "Tasks", "hrplan"]
    assert [c.value for c in wb["Results"][4]][3:6] == ["Result 2023", "Target 2024", "Result 2024"]
    res = read_file(en, plan)
    assert res.problems == [] and res.unit == "so_noivu"
