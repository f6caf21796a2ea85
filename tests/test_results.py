"""Reading results: layouts, values as typed, several files, and every kind of bad input."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrplan.core.problems import Severity
from hrplan.plan.model import Plan
from hrplan.results.measured import col_letter
from hrplan.results.merge import Results, read_file, read_results

from .workbooks import long_workbook, percent_cells


def summary(res: Results) -> tuple[list[tuple[str, int, float, str | None, str]], list[tuple[str, str, str]]]:
    values = [(m.id, m.year, m.value, m.area, str(m.where).split(":", 1)[1]) for m in res.values]
    problems = [(p.severity.value, p.code, p.location().split(":", 1)[1]) for p in res.problems]
    return values, problems


def test_long_layout_typed_by_hand(tmp_path: Path, plan: Plan) -> None:
    path = long_workbook(
        tmp_path / "ket_qua.xlsx",
        [
            ("A1", 2023, 0.8275, "ô định dạng %"),
            ("A1", "2022", "77,42%", None),
            (),
            ("B2", 2023, "67.7", None),
            ("b2a", "Năm 2023", " 29,3 ", None),
            ("D1", 2023, "9.800", None),
            ("D2", 2023, "4,800", None),
            ("A", None, None, "dòng nhóm"),
            ("B3", 2023, None, "chưa có số liệu"),
        ],
        formats={"3:1": "0.00%"},
    )
    values, problems = summary(read_file(path, plan))
    assert values == [
        ("A1", 2023, 82.75, None, "Kết quả!C5"),
        ("A1", 2022, 77.42, None, "Kết quả!C6"),
        ("B2", 2023, 67.7, None, "Kết quả!C8"),
        ("B2a", 2023, 29.3, None, "Kết quả!C9"),
        ("D1", 2023, 9800.0, None, "Kết quả!C10"),
        ("D2", 2023, 4800.0, None, "Kết quả!C11"),
    ]
    assert problems == [("warning", "missing-value", "Kết quả!C13")]


def test_percent_number_format_with_quoted_sign_is_not_a_percent(tmp_path: Path, plan: Plan) -> None:
    path = long_workbook(tmp_path / "q.xlsx", [("A1", 2023, 82.75)], formats={"3:1": '0.00"%"'})
    assert summary(read_file(path, plan))[0] == [("A1", 2023, 82.75, None, "Kết quả!C5")]


def test_wide_layout_and_area_column(tmp_path: Path, plan: Plan) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["KẾT QUẢ THEO ĐỊA BÀN"])
    ws.append(["Mã", "Chỉ tiêu", "Địa bàn", "Năm 2022", "TH 2023"])
    ws.append(["A1", "Tỷ lệ…", "Bát Xát", 70, "71,5"])
    ws.append(["A1", "Tỷ lệ…", None, 77.42, 82.75])
    ws.append(["A2", "Tỷ lệ…", None, None, 46.68])
    wb.save(tmp_path / "wide.xlsx")
    values, problems = summary(read_file(tmp_path / "wide.xlsx", plan))
    assert values == [
        ("A1", 2022, 70.0, "Bát Xát", "Sheet!D3"),
        ("A1", 2023, 71.5, "Bát Xát", "Sheet!E3"),
        ("A1", 2022, 77.42, None, "Sheet!D4"),
        ("A1", 2023, 82.75, None, "Sheet!E4"),
        ("A2", 2023, 46.68, None, "Sheet!E5"),
    ]
    assert problems == []


def test_a_target_column_beside_the_results_is_not_read_as_results(tmp_path: Path, plan: Plan) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Mã", "Chỉ tiêu", "Kết quả năm 2023", "Kế hoạch năm 2024", "KH 2024", "MT ĐA 2024", "Kết quả năm 2024"])
    ws.append(["A1", "Tỷ lệ…", 82.75, 70, 70, 74, "85,1"])
    wb.save(tmp_path / "kh.xlsx")
    values, problems = summary(read_file(tmp_path / "kh.xlsx", plan))
    assert values == [("A1", 2023, 82.75, None, "Sheet!C2"), ("A1", 2024, 85.1, None, "Sheet!G2")]
    assert problems == []


def test_csv_with_semicolons_and_decimal_commas(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "r.csv"
    path.write_text("\ufeffmã;năm;giá trị\nA1;2023;82,75%\n\nD1;2023;9.800\nZZ9;2023;1\n", encoding="utf-8")
    values, problems = summary(read_file(path, plan))
    assert values == [("A1", 2023, 82.75, None, "2:3"), ("D1", 2023, 9800.0, None, "4:3")]
    assert problems == [("warning", "unknown-indicator", "5:1")]


def test_two_workbooks_conflict_names_both_places(tmp_path: Path, plan: Plan) -> None:
    a = long_workbook(tmp_path / "gd.xlsx", [("A1", 2023, 82.75)], title=False)
    b = long_workbook(tmp_path / "ld.xlsx", [("A1", 2023, 80), ("B2", 2023, 67.7)], title=False)
    same = long_workbook(tmp_path / "same.xlsx", [("A1", 2023, "82,75")], title=False)
    res = read_results([a, b, same], plan)
    assert [(m.id, m.value) for m in res.values] == [("A1", 82.75), ("B2", 67.7)]
    assert len(res.problems) == 1
    p = res.problems[0]
    assert (p.path, p.cell, p.code) == (str(b), "Kết quả!C2", "conflict")
    assert f"{a}:Kết quả!C2" in p.message


@pytest.mark.parametrize(
    ("value", "fragment"), [("abc", "cannot read 'abc' as a percentage"), ("180", "180% is outside 0–100")]
)
def test_bad_value_names_the_cell(tmp_path: Path, plan: Plan, value: str, fragment: str) -> None:
    path = long_workbook(tmp_path / "bad.xlsx", [("A1", 2023, value)])
    res = read_file(path, plan)
    assert [(p.severity, p.cell) for p in res.problems] == [(Severity.ERROR, "Kết quả!C5")]
    assert fragment in res.problems[0].message
    assert res.values == []


def test_formula_without_cached_value_is_not_calculated(tmp_path: Path, plan: Plan) -> None:
    path = long_workbook(tmp_path / "f.xlsx", [("A1", 2023, "=77.42+5.33"), ("A2", 2023, 46.68)])
    res = read_file(path, plan)
    assert [(p.code, p.cell) for p in res.problems] == [("not-calculated", "Kết quả!C5")]
    assert [m.id for m in res.values] == ["A2"]


def test_not_a_workbook(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("just some text")
    assert [p.code for p in read_file(path, plan).problems] == ["not-a-workbook"]


def test_corrupt_zip(tmp_path: Path, plan: Plan) -> None:
    good = long_workbook(tmp_path / "g.xlsx", [("A1", 2023, 1)])
    data = good.read_bytes()
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert [p.code for p in read_file(path, plan).problems] == ["workbook-corrupt"]


def test_password_protected(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    res = read_file(path, plan)
    assert [p.code for p in res.problems] == ["workbook-protected"]
    assert "password" in res.problems[0].message


def _rewrite_sheet(src: Path, dst: Path, edit: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data)
            zout.writestr(item, data)


def test_xml_bomb_is_refused(tmp_path: Path, plan: Plan) -> None:
    good = long_workbook(tmp_path / "g.xlsx", [("A1", 2023, 1)])
    bomb = tmp_path / "bomb.xlsx"
    dtd = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    _rewrite_sheet(good, bomb, lambda d: dtd + d)
    res = read_file(bomb, plan)
    assert [p.code for p in res.problems] == ["xml-bomb"]
    assert res.values == []


def test_zip_bomb_is_refused_before_reading(tmp_path: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    import hrplan.results.xlsx_parts as parts

    good = long_workbook(tmp_path / "g.xlsx", [("A1", 2023, 1)])
    monkeypatch.setattr(parts, "MAX_UNCOMPRESSED", 1000)
    res = read_file(good, plan)
    assert [p.code for p in res.problems] == ["zip-bomb"]


def test_workbook_without_a_header_row(tmp_path: Path, plan: Plan) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Tỷ lệ", 77])
    wb.save(tmp_path / "nohead.xlsx")
    res = read_file(tmp_path / "nohead.xlsx", plan)
    assert [p.code for p in res.problems] == ["no-table"]


def test_missing_file(tmp_path: Path, plan: Plan) -> None:
    assert [p.code for p in read_file(tmp_path / "nope.xlsx", plan).problems] == ["file-missing"]


@pytest.mark.parametrize(("i", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")])
def test_col_letter(i: int, letters: str) -> None:
    assert col_letter(i) == letters


def test_two_row_merged_header(tmp_path: Path, plan: Plan) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    ws["A3"], ws["B3"], ws["C3"], ws["D3"] = "Mã chỉ tiêu", "Năm", "Kết quả thực hiện", "Ghi chú"
    for col in "ABCD":
        ws.merge_cells(f"{col}3:{col}4")
    ws["A5"], ws["B5"], ws["C5"] = "A1", 2023, 0.8275
    ws["C5"].number_format = "0.00%"
    ws["A7"], ws["B7"], ws["C7"] = "A2", 2023, "46,68%"
    wb.save(tmp_path / "merged.xlsx")
    values, problems = summary(read_file(tmp_path / "merged.xlsx", plan))
    assert values == [("A1", 2023, 82.75, None, "Sheet!C5"), ("A2", 2023, 46.68, None, "Sheet!C7")]
    assert problems == []


def test_long_layout_whose_value_header_names_the_year(tmp_path: Path, plan: Plan) -> None:
    path = long_workbook(tmp_path / "y.xlsx", [("A1", 2023, "82,75")], header=("Mã", "Năm", "Kết quả năm 2023"))
    assert summary(read_file(path, plan))[0] == [("A1", 2023, 82.75, None, "Kết quả!C5")]


CellValue = bool | float | str | date | None
cells: st.SearchStrategy[CellValue] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=False),
    st.sampled_from(
        [
            "A1",
            "a2",
            "B5",
            "D1",
            "ZZ",
            "Mã",
            "Năm",
            "Giá trị",
            "TH 2023",
            "2023",
            "77,42%",
            "9.800",
            "1,2,3",
            "=1+1",
            "-",
            "",
            "Địa bàn",
            "Bát Xát",
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.dates(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    grid=st.lists(st.lists(cells, min_size=1, max_size=6), min_size=1, max_size=10),
    fmt=st.sampled_from([None, "0%", "0.00%", '0.00"%"', "#,##0"]),
)
def test_random_workbook_never_crashes_compare(
    tmp_path: Path, plan: Plan, grid: list[list[CellValue]], fmt: str | None
) -> None:
    from hrplan.analysis.reading import read_area

    header: list[list[CellValue]] = [["Mã", "Năm", "Giá trị", "Địa bàn"]] if len(grid) % 2 else []
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r, row in enumerate(header + grid, 1):
        for c, v in enumerate(row, 1):
            if isinstance(v, str) and v.startswith("="):
                v = v[1:]
            cell = ws.cell(r, c, v)
            if fmt:
                cell.number_format = fmt
    path = tmp_path / "random.xlsx"
    wb.save(path)
    res = read_file(path, plan)
    for p in res.problems:
        assert p.path == str(path) and p.message
    for m in res.values:
        assert m.value == m.value and (m.id, m.year)
    years = {m.year for m in res.values}
    for year in years:
        rows = read_area(plan, res.values, year).rows
        assert len(rows) == len(plan.targets.indicators)


@pytest.mark.parametrize("calamine", [True, False], ids=["calamine", "openpyxl"])
def test_percent_semantics_on_every_read_path(
    tmp_path: Path, plan: Plan, calamine: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """calamine with percent cells found in the XML, openpyxl values-only (no percent style), openpyxl cells
    with formats (percent styles), CSV: the same meaning everywhere."""
    import hrplan.results.workbook as wbmod

    if not calamine:
        monkeypatch.setattr(wbmod, "_open_calamine", lambda *_: None)
    rows = [("A1", 2023, 82.75), ("A2", 2023, "46,68%"), ("D1", 2023, "9.800"), ("B2", 2023, 67.7)]
    plain = long_workbook(tmp_path / "plain.xlsx", rows)
    styled = long_workbook(tmp_path / "styled.xlsx", [("A1", 2023, 0.8275), *rows[1:]], formats={"3:1": "0.00%"})
    custom = long_workbook(
        tmp_path / "custom.xlsx", [("A1", 2023, 0.8275), *rows[1:]], formats={"3:1": "0.0%;[Red]-0.0%"}
    )
    quoted = long_workbook(tmp_path / "quoted.xlsx", rows, formats={"3:1": '0.00"%"', "3:4": "0.00"})
    csv_path = tmp_path / "r.csv"
    csv_path.write_text('id,year,value\nA1,2023,82.75\nA2,2023,"46,68%"\nD1,2023,9.800\nB2,2023,67.7\n')
    expected = [("A1", 82.75), ("A2", 46.68), ("D1", 9800.0), ("B2", 67.7)]
    for path in (plain, styled, custom, quoted, csv_path):
        res = read_file(path, plan)
        assert [(m.id, m.value) for m in res.values] == expected, path
        assert res.problems == []
    from hrplan.results.workbook import open_results

    _, _, handle = open_results(styled)
    assert (handle is None) is calamine  # calamine keeps no openpyxl workbook open
    assert percent_cells(plain) == {"Kết quả": {}}
    assert percent_cells(styled) == {"Kết quả": {5: [3]}}
    fraction = long_workbook(tmp_path / "frac.xlsx", [("A1", 2023, 0.8275)])  # general format: a warning
    res = read_file(fraction, plan)
    assert [p.code for p in res.problems] == ["suspect-value"] and res.values[0].value == 0.8275


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    raw=st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-5, 200), st.text(max_size=6)),
    fmt=st.sampled_from([None, "0.00%", "0%", '0.00"%"', "General", "#,##0"]),
    ind_id=st.sampled_from(["A1", "D1"]),
)
def test_row_loop_fast_paths_agree_with_parse_cell(plan: Plan, raw: float | str, fmt: str | None, ind_id: str) -> None:
    """Whatever the fast paths of the row loop take, they read exactly as parse_cell does."""
    from hrplan.results.sheet import Row, Sheet
    from hrplan.results.table import read_sheet
    from hrplan.results.values import is_percent_format, parse_cell

    rows: list[Row] = [
        (1, ["id", "year", "value"], None),
        (2, [ind_id, 2023, raw], [False, False, is_percent_format(fmt)]),
    ]
    res = read_sheet(Sheet("S", iter(rows)), "f.xlsx", plan)
    unit = "percent" if ind_id == "A1" else "people"
    parsed = parse_cell(raw, unit, is_percent_format(fmt))
    expected = parsed.value if parsed.error is None else None
    if expected is not None and unit == "percent" and not 0 <= expected <= 100:
        expected = None
    assert [m.value for m in res.values] == ([] if expected is None else [expected])


def test_header_without_values_is_not_a_missing_table(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("id,year,value\n", encoding="utf-8")
    res = read_file(path, plan)
    assert res.values == [] and res.problems == [] and res.tables == 1
