"""The Excel report and `hrplan report`: layout, formats, colours, chart, print setup, safety, determinism."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from hrplan.cli import app

from .conftest import CASES, ROOT
from .workbooks import long_workbook

runner = CliRunner()


@pytest.fixture(scope="module")
def report_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rep") / "bao_cao.xlsx"
    result = runner.invoke(app, ["compare", "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    return out


def test_sheets_and_properties(report_path: Path) -> None:
    wb = openpyxl.load_workbook(report_path)
    assert wb.sheetnames == ["Phụ biểu 01", "Phụ biểu 02", "Ma trận phân công", "Biểu đồ", "Xu hướng", "Nguồn"]
    assert wb.properties.title == "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023 - 09/KH-UBND"
    assert wb.properties.keywords == "09/KH-UBND; Lào Cai; 2023"


def test_appendix_01_layout_and_values(report_path: Path) -> None:
    ws = openpyxl.load_workbook(report_path)["Phụ biểu 01"]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=5)] == [
        [
            "TT",
            "Mã",
            "Chỉ tiêu",
            "ĐVT",
            "Mục tiêu 2030",
            "Mục tiêu năm 2023",
            None,
            "Kết quả thực hiện",
            None,
            "So sánh (%)",
            None,
            None,
            None,
            "Tiến độ đến 2030",
            "Kế hoạch năm 2024",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Ghi chú",
        ],
        [
            None,
            None,
            None,
            None,
            None,
            "MT DA",
            "MT KH14",
            "Năm 2022",
            "Năm 2023",
            "TH 2023/TH 2022",
            "TH/MT DA",
            "TH/MT KH14",
            "TH/2030",
            None,
            "KH",
            None,
            None,
            None,
        ],
    ]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A4:A5", "B4:B5", "C4:C5", "F4:G4", "H4:I4", "J4:M4", "N4:N5", "P4:P5", "Q4:Q5"} <= merged
    assert (ws["A6"].value, ws["C6"].value) == ("A", "Nhóm chỉ tiêu về giáo dục phổ thông")
    row = [c.value for c in ws[7]]
    assert row[:9] == ["1", "A1", "Tỷ lệ học sinh tốt nghiệp THCS vào học THPT", "%", 0.8, 0.74, 0.78, 0.7742, 0.8275]
    assert row[9:13] == pytest.approx([1.068845, 1.118243, 1.060897, 1.034375], rel=1e-5)
    assert row[13:] == ["đã đạt", 0.7, "Sở Giáo dục và Đào tạo", None, None]
    assert ws["H7"].number_format == "0.00%" and ws["J7"].number_format == "0.00%"
    d1 = next(r for r in ws.iter_rows(min_row=6) if r[1].value == "D1")
    assert (d1[3].value, d1[14].value, d1[14].number_format) == ("người", 9800, "#,##0")
    b2 = next(r for r in ws.iter_rows(min_row=6) if r[1].value == "B2")
    assert b2[13].value == "tiến bộ vừa"
    b1 = next(r for r in ws.iter_rows(min_row=6) if r[1].value == "B1")
    assert b1[4].value == "50–55%"


GREEN, AMBER, RED = "FFC6EFCE", "FFFFEB9C", "FFFFC7CE"


def test_cells_are_coloured_by_the_verdict_beside_them(report_path: Path) -> None:
    """TH/MT by met / not met in the indicator's direction; TH/2030 and the pace by the pace class; TH/TH-1
    never (growth is not success). Expected values from appendix 01's own numbers."""
    ws = openpyxl.load_workbook(report_path)["Phụ biểu 01"]
    rows = {r[1].value: r for r in ws.iter_rows(min_row=6)}

    def fill(ind: str, col: str) -> str | None:
        cell = rows[ind][ord(col) - ord("A")]
        return cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None

    assert fill("A1", "K") == GREEN  # 82,75 / 74 = 111,8%: met
    assert fill("B2", "K") == GREEN  # 67,7 / 67,7 = 100%: met exactly at the target
    assert fill("B2", "L") == RED  # 67,7 / 68 = 99,56%: missed
    assert fill("B5", "K") == GREEN  # falling share: 52,7 against 53,12 is met although the ratio is 99,21%
    assert fill("B2", "M") == AMBER and fill("B2", "N") == AMBER  # B2's pace: moderate (README worked example)
    assert fill("A1", "M") == GREEN  # 82,75% is past the 80% goal: achieved
    assert fill("B1", "M") == RED  # 22,24 -> 22,64 towards 50: limited
    assert all(fill(i, "J") is None for i in rows if isinstance(i, str) and i[:1] in "ABCD" and len(i) > 1)
    legend = [c.value for r in ws.iter_rows(min_row=32) for c in r if isinstance(c.value, str)]
    assert any(v.startswith("Màu: xanh") for v in legend) and any(v.startswith("✓ đạt") for v in legend)


def test_frozen_filter_print_setup(report_path: Path) -> None:
    ws = openpyxl.load_workbook(report_path)["Phụ biểu 01"]
    assert ws.freeze_panes == "D6"
    assert ws.auto_filter.ref == "A5:R31"  # 4 group rows and 22 indicators below the header
    assert (
        ws.page_setup.orientation,
        ws.page_setup.paperSize,
        ws.page_setup.fitToWidth,
        ws.page_setup.fitToHeight,
    ) == ("landscape", 9, 1, 0)
    setup = ws.sheet_properties.pageSetUpPr
    assert setup is not None and setup.fitToPage is True
    assert ws.print_title_rows == "$4:$5"


def test_chart_and_sources(report_path: Path) -> None:
    wb = openpyxl.load_workbook(report_path)
    with zipfile.ZipFile(report_path) as z:  # the results chart, and one trend chart per group with results
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        drawn = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet") and b"<drawing " in z.read(n)]
    assert len(charts) == 1 + 3  # groups A, B, C have 2022–2023 results; D has none
    assert drawn == [f"xl/worksheets/sheet{wb.sheetnames.index(n) + 1}.xml" for n in ("Biểu đồ", "Xu hướng")]
    trend = wb["Xu hướng"]
    b2 = next(r for r in trend.iter_rows() if r[0].value == "B2")
    path = next(r for r in trend.iter_rows() if r[0].value == "B2 cần đạt")
    assert [c.value for c in b2[1:3]] == [0.667, 0.677] and b2[3].value is None  # 2022, 2023, then nothing
    # the path from 66,7% (2022) to 80% (2030) at CAGR_req = (80/66,7)^(1/8) − 1
    assert [c.value for c in path[1:10]] == pytest.approx([0.667 * (80 / 66.7) ** (k / 8) for k in range(9)])
    chart_ws = wb["Biểu đồ"]
    assert [c.value for c in chart_ws[1]] == ["Mã", "Chỉ tiêu", "Kết quả 2023", "Mục tiêu 2023", "Mục tiêu 2030"]
    assert [chart_ws.cell(r, 1).value for r in range(2, 16)][:7] == [
        "A1 ✓",
        "A2 ✓",
        "A3 ✓",
        "A3a ▲",
        "A4 ✓",
        "B1 ▽",
        "B2 △",
    ]
    assert chart_ws["B2"].value == "Tỷ lệ học sinh tốt nghiệp THCS vào học THPT"  # the name beside the code
    texts = [c.value for row in chart_ws.iter_rows(min_row=16) for c in row if isinstance(c.value, str)]
    assert texts[0] == "Dấu sau mã: tiến độ đến 2030"
    marks = [x.split(" ", 1)[0] for x in texts[1:]]
    assert len(marks) == 7 and len(set(marks)) == 7  # one symbol per class
    src = wb["Nguồn"]
    assert [c.value for c in src[2]] == ["A1", None, 2022, 0.7742, "data/targets_2024.yaml:93:15", None]
    tasks = wb["Phụ biểu 02"]
    title = "PHÂN CÔNG VÀ TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM 2023 THEO KẾ HOẠCH 09/KH-UBND"
    assert [tasks.cell(r, 1).value for r in (1, 2)] == ["PHỤ BIỂU 02", title]
    last = int(str(tasks.auto_filter.ref).split(":")[1][1:])  # the table; the status rule is written under it
    ids = [tasks.cell(r, 1).value for r in range(5, last + 1)]
    assert len(ids) == 79 and "4.10" in ids and "4.11" in ids
    assert str(tasks.cell(last + 2, 1).value).startswith("Tình trạng chung: hoàn thành khi mọi đơn vị chủ trì")
    row_63 = [c.value for c in tasks[5 + ids.index("6.3")]]
    partners = row_63[5]
    assert row_63[2] == "Sở Lao động - Thương binh và Xã hội"
    assert isinstance(partners, str) and "Sở Công Thương" in partners


def test_formula_injection_is_written_as_text(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(CASES / "valid" / "minimal", plan)
    targets = plan / "targets.yaml"
    targets.write_text(
        targets.read_text(encoding="utf-8")
        .replace('name: "Tỷ lệ học sinh vào THPT"', 'name: "=HYPERLINK(\\"http://x\\",\\"y\\")"')
        .replace('name: "Lao động nông nghiệp"', 'name: "@SUM(1+1)\\u0007"'),
        encoding="utf-8",
    )
    results = long_workbook(tmp_path / "r.xlsx", [("A1", 2023, 75), ("B1", 2023, 51)])
    out = tmp_path / "out.xlsx"
    code = runner.invoke(
        app,
        [
            "compare",
            str(results),
            "--targets",
            str(targets),
            "--tasks",
            str(plan / "tasks.yaml"),
            "--out",
            str(out),
            "--format",
            "csv",
        ],
    )
    assert code.exit_code == 0, code.output
    ws = openpyxl.load_workbook(out)["Phụ biểu 01"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    link = cells['=HYPERLINK("http://x","y")']
    assert link.data_type == "s" and link.quotePrefix
    assert "@SUM(1+1)" in cells and cells["@SUM(1+1)"].data_type == "s"  # control character stripped
    assert "'=HYPERLINK" in code.stdout  # and the CSV output is defused too


def test_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    results = long_workbook(tmp_path / "r.xlsx", [("A1", 2023, 75)])
    before = results.read_bytes()
    result = runner.invoke(app, ["compare", str(results), "--out", str(results)])
    assert result.exit_code == 2 and "refusing to overwrite the input file" in result.stderr
    assert results.read_bytes() == before


def test_locked_output_gives_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def locked(*_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    result = runner.invoke(app, ["compare", "--out", str(tmp_path / "open.xlsx")])
    assert result.exit_code == 1
    assert "may be open in Excel" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_report_twice_gives_identical_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for d in (a, b):
        assert runner.invoke(app, ["report", "--out-dir", str(d)]).exit_code == 0
    names = sorted(p.name for p in a.iterdir())
    assert names == ["compare-2023.json", "report-2023.docx", "report-2023.md", "report-2023.xlsx"]
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_report_with_bad_input_writes_nothing(tmp_path: Path) -> None:
    bad = long_workbook(tmp_path / "r.xlsx", [("A1", 2023, "abc")])
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(app, ["report", str(bad), "--out-dir", str(out)])
    assert result.exit_code == 1 and list(out.iterdir()) == []


def _content(path: Path) -> object:
    """A file's meaning, independent of the XML serializer (openpyxl writes other bytes when lxml is installed):
    each part of a zip container as canonical XML, any other file as its bytes."""
    import zipfile
    from xml.etree.ElementTree import canonicalize

    if not zipfile.is_zipfile(path):
        return path.read_bytes()
    with zipfile.ZipFile(path) as zf:
        return {
            n: canonicalize(zf.read(n).decode("utf-8"), strip_text=True)
            if n.endswith((".xml", ".rels"))
            else zf.read(n)
            for n in sorted(zf.namelist())
        }


def test_committed_example_report_is_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["report", "--out-dir", str(tmp_path), "--as-of", "2024-12-31"])
    assert result.exit_code == 0
    example = ROOT / "examples" / "report-2023"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in example.iterdir())
    for path in sorted(tmp_path.iterdir()):
        assert _content(path) == _content(example / path.name), (
            f"examples/report-2023/{path.name} is stale: run "
            "`hrplan report --out-dir examples/report-2023 --as-of 2024-12-31`"
        )


def test_matrix_sheet(report_path: Path) -> None:
    ws = openpyxl.load_workbook(report_path)["Ma trận phân công"]
    tasks = [c.value for c in ws[2]][1:]
    units = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)]
    assert len(tasks) == 42 and "4.10" in tasks and len(units) == 15
    row = units.index("Sở Công Thương") + 3
    assert ws.cell(row, 2 + tasks.index("6.5")).value == "C"


def test_year_without_next_year_targets_keeps_columns_aligned(tmp_path: Path) -> None:
    results = tmp_path / "kq.csv"
    results.write_text("id,year,value\nA1,2023,82.75\nA1,2024,84.1\nD1,2024,10250\n", encoding="utf-8")
    out = tmp_path / "r.xlsx"
    assert runner.invoke(app, ["compare", str(results), "--out", str(out), "--format", "json"]).exit_code == 0
    ws = openpyxl.load_workbook(out)["Phụ biểu 01"]
    heads = [c.value for c in ws[4]]
    assert "Kế hoạch năm 2025" not in heads and heads[-3:] == ["Đơn vị chủ trì", "Đơn vị phối hợp", "Ghi chú"]
    a1 = next(r for r in ws.iter_rows(min_row=6) if r[1].value == "A1")
    assert [c.value for c in a1][-3:] == ["Sở Giáo dục và Đào tạo", None, None]


def test_text_too_long_for_a_cell_is_reported_not_truncated(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(CASES / "valid" / "minimal", plan)
    targets = plan / "targets.yaml"
    targets.write_text(
        targets.read_text(encoding="utf-8").replace('name: "Tỷ lệ học sinh vào THPT"', f'name: "{"x" * 40000}"'),
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    result = runner.invoke(
        app,
        [
            "compare",
            "--targets",
            str(targets),
            "--tasks",
            str(plan / "tasks.yaml"),
            str(long_workbook(tmp_path / "r.xlsx", [("A1", 2023, 75)])),
            "--out",
            str(out),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1
    assert "longer than an Excel cell holds (32,767)" in result.stderr
    assert not out.exists()


def test_the_official_form(report_path: Path) -> None:
    """Phụ biểu 01 as the province files it: its label, title and 'Kèm theo' line with dotted blanks, Times New
    Roman, the page number centred at the top, targets printed as typed (80%, not 80,00%)."""
    ws = openpyxl.load_workbook(report_path)["Phụ biểu 01"]
    assert [ws.cell(r, 1).value for r in (1, 2, 3)] == [
        "PHỤ BIỂU 01",
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023 THEO KẾ HOẠCH 09/KH-UBND",
        "(Kèm theo Báo cáo số ……/BC-UBND ngày ……/……/…… của UBND tỉnh Lào Cai)",
    ]
    fonts = {c.font.name for row in ws.iter_rows(max_row=12) for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}
    assert ws.oddHeader is not None and ws.oddHeader.center.text == "&P"
    a1 = next(r for r in ws.iter_rows(min_row=6) if r[1].value == "A1")
    assert (a1[4].value, a1[4].number_format) == (0.8, "0%")  # the 2030 goal: 80%
    assert (a1[7].number_format, a1[9].number_format) == ("0.00%", "0.00%")  # 77,42% as typed; a ratio


def test_report_number_and_date_fill_the_form(tmp_path: Path) -> None:
    out = tmp_path / "bc"
    result = runner.invoke(app, ["report", "--out-dir", str(out), "--number", "125", "--date", "20/12/2024"])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out / "report-2023.xlsx")["Phụ biểu 01"]
    assert ws["A3"].value == "(Kèm theo Báo cáo số 125/BC-UBND ngày 20/12/2024 của UBND tỉnh Lào Cai)"


def test_a_rerun_never_loses_a_hand_edited_report(tmp_path: Path) -> None:
    """The analyst writes section IV of the Word report by hand: a second run keeps that file beside the new one."""
    out = tmp_path / "bc"
    assert runner.invoke(app, ["report", "--out-dir", str(out), "--as-of", "2024-12-31"]).exit_code == 0
    docx = out / "report-2023.docx"
    edited = docx.read_bytes() + b"edited by hand"
    docx.write_bytes(edited)
    same = (out / "report-2023.md").read_bytes()
    again = runner.invoke(app, ["report", "--out-dir", str(out), "--as-of", "2024-12-31"])
    assert again.exit_code == 0 and "kept as report-2023.prev-1.docx" in again.stderr
    assert (out / "report-2023.prev-1.docx").read_bytes() == edited
    assert (out / "report-2023.md").read_bytes() == same and not (out / "report-2023.prev-1.md").exists()
    runner.invoke(app, ["report", "--out-dir", str(out), "--as-of", "2024-12-31"])  # unchanged: nothing kept
    assert sorted(p.name for p in out.glob("*.prev-*")) == ["report-2023.prev-1.docx"]
