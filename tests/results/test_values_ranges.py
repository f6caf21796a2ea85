"""Percentages in results stay within 0-100 (README 'Results files'): 100 and 0 are read, 100.01 and -0.01
are refused with the cell named, whether typed as text, stored as a number or as a percent-formatted
fraction. Also the bounds inside values.py: which numbers look like fractions, which cells hold years."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from hrplan.plan.model import Plan
from hrplan.results.merge import read_file
from hrplan.results.values import MISSING_MARKS, Parsed, is_percent_format, parse_cell, parse_text, parse_year


def read_csv(tmp_path: Path, plan: Plan, value: str) -> tuple[list[float], list[tuple[str, str, str]]]:
    path = tmp_path / "ket_qua.csv"
    path.write_text(f'id,year,value\nA1,2023,"{value}"\n', encoding="utf-8")
    res = read_file(path, plan)
    return [m.value for m in res.values], [(p.code, p.location(), p.message) for p in res.problems]


def read_xlsx(
    tmp_path: Path, plan: Plan, value: float, fmt: str | None = None
) -> tuple[list[float], list[tuple[str, str, str]]]:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "KQ"
    ws.append(["Mã chỉ tiêu", "Năm", "Giá trị"])
    ws.append(["A1", 2023, value])
    if fmt:
        ws["C2"].number_format = fmt
    path = tmp_path / "ket_qua.xlsx"
    wb.save(path)
    res = read_file(path, plan)
    return [m.value for m in res.values], [(p.code, p.location(), p.message) for p in res.problems]


@pytest.mark.parametrize(
    ("typed", "value"),
    [("100", 100.0), ("100%", 100.0), ("100,00", 100.0), ("0", 0.0), ("0%", 0.0), ("0,00%", 0.0), ("99.99", 99.99)],
)
def test_typed_percent_within_0_100_is_read(tmp_path: Path, plan: Plan, typed: str, value: float) -> None:
    assert read_csv(tmp_path, plan, typed) == ([value], [])


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("100.01", "100.01"), ("100,01%", "100.01"), ("-0.01", "-0.01"), ("-0,01%", "-0.01"), ("180", "180")],
)
def test_typed_percent_outside_0_100_is_refused(tmp_path: Path, plan: Plan, typed: str, shown: str) -> None:
    values, problems = read_csv(tmp_path, plan, typed)
    assert values == []
    assert problems == [("percent-range", f"{tmp_path / 'ket_qua.csv'}:2:3", f"A1 2023: {shown}% is outside 0–100")]


@pytest.mark.parametrize(("number", "ok"), [(100, True), (100.0, True), (100.01, False), (0, True), (-0.01, False)])
def test_stored_percent_number_within_0_100(tmp_path: Path, plan: Plan, number: float, ok: bool) -> None:
    values, problems = read_xlsx(tmp_path, plan, number)
    if ok:
        assert (values, problems) == ([float(number)], [])
    else:
        assert values == []
        assert (
            "percent-range",
            f"{tmp_path / 'ket_qua.xlsx'}:KQ!C2",
            f"A1 2023: {number:g}% is outside 0–100",
        ) in problems


@pytest.mark.parametrize("calamine", [True, False], ids=["calamine", "openpyxl"])
@pytest.mark.parametrize(("text", "ok"), [("100", True), ("100.00", True), ("100.01", False), ("0", True)])
def test_percent_typed_as_text_in_a_workbook_cell(
    tmp_path: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch, text: str, ok: bool, calamine: bool
) -> None:
    # A Text-formatted cell beside a percent-formatted one, read with python-calamine and without it
    # (the [fast] extra is optional), so that the value's own number format is known to the reader.
    if not calamine:
        monkeypatch.setattr("hrplan.results.workbook._open_calamine", lambda *_: None)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "KQ"
    ws.append(["Mã chỉ tiêu", "Năm", "Giá trị"])
    ws.append(["A1", 2023, text])
    ws.append(["A2", 2023, 0.4668])
    ws["C2"].number_format = "@"
    ws["C3"].number_format = "0.00%"
    wb.save(tmp_path / "kq.xlsx")
    res = read_file(tmp_path / "kq.xlsx", plan)
    values = [(m.id, m.value) for m in res.values]
    problems = [(p.code, p.location(), p.message) for p in res.problems]
    if ok:
        assert (values, problems) == ([("A1", float(text)), ("A2", 46.68)], [])
    else:
        assert values == [("A2", 46.68)]
        assert problems == [("percent-range", f"{tmp_path / 'kq.xlsx'}:KQ!C2", "A1 2023: 100.01% is outside 0–100")]


@pytest.mark.parametrize(("fraction", "value"), [(1.0, 100.0), (0.0, 0.0), (1.0001, None), (-0.0001, None)])
def test_percent_formatted_cell_within_0_100(tmp_path: Path, plan: Plan, fraction: float, value: float | None) -> None:
    values, problems = read_xlsx(tmp_path, plan, fraction, "0.00%")
    if value is not None:
        assert (values, problems) == ([value], [])
    else:
        shown = f"{fraction * 100:.12g}"
        assert values == []
        assert problems == [
            ("percent-range", f"{tmp_path / 'ket_qua.xlsx'}:KQ!C2", f"A1 2023: {shown}% is outside 0–100")
        ]


# values.py: a number in a General cell between 0 and 1 (both sides of 0 and of 1) may be a fraction
@pytest.mark.parametrize(
    ("x", "warns"),
    [
        (1.0, True),
        (1.0000001, False),
        (0.5, True),
        (1e-9, True),
        (0.0, False),
        (-0.5, True),
        (-1.0, True),
        (-1.01, False),
    ],
)
def test_a_number_between_0_and_1_in_a_plain_cell_looks_like_a_fraction(x: float, warns: bool) -> None:
    parsed = parse_cell(x, "percent", is_percent_format("General"))
    assert parsed.value == x and parsed.error is None
    if warns:
        assert parsed.warning == (
            f"{x:g} looks like a fraction: if it means {x * 100:g}%, format the cell as a percentage or type the "
            "percent number"
        )
    else:
        assert parsed.warning is None


@pytest.mark.parametrize(("x", "value"), [(0.7742, 77.42), (1.0, 100.0), (0.0, 0.0), (1.0001, 100.01), (0.001, 0.1)])
def test_a_percent_formatted_fraction_is_scaled_without_binary_noise(x: float, value: float) -> None:
    assert parse_cell(x, "percent", is_percent_format("0.00%")) == Parsed(value)
    assert parse_cell(int(x) if x.is_integer() else x, "percent", is_percent_format("0%")) == Parsed(value)


def test_counts_in_cells() -> None:
    assert parse_cell(9800, "people", is_percent_format(None)) == Parsed(9800.0)
    assert parse_cell(9800.0, "people", is_percent_format("#,##0")) == Parsed(9800.0)
    assert parse_cell(9.8, "people", is_percent_format("General")) == Parsed(
        9.8,
        warning="9.8 is not a whole number of people: if 9.800 was typed meaning nine thousand eight hundred, "
        "type 9800",
    )
    assert parse_cell(0.5, "people", is_percent_format("0%")) == Parsed(
        None, "a count of people is in a percent-formatted cell: format it as a number"
    )
    assert parse_cell(float("inf"), "people", is_percent_format(None)) == Parsed(
        None, "the cell holds an error or an infinite value, not a number"
    )


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (None, None),
        (True, "'True' is not a number"),
        (False, "'False' is not a number"),
        (dt.date(2023, 1, 2), "the cell holds a date or time (2023-01-02), not a number: format it as a number"),
        (
            dt.time(12, 30),
            "the cell holds a date or time (a time or a date before 1900), not a number: format it as a number",
        ),  # a bare time reads alike on both readers
        (dt.timedelta(days=1), "the cell holds a date or time (1 day, 0:00:00), not a number: format it as a number"),
        (b"77", "unsupported cell value b'77'"),
    ],
)
def test_cells_that_hold_no_number(raw: object, error: str | None) -> None:
    assert parse_cell(raw, "percent") == Parsed(None, error)


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("77,42%", "percent", 77.42),
        ("+77.42", "percent", 77.42),
        ("-0,01", "percent", -0.01),
        ("1.234,5", "percent", 1234.5),
        ("1,234.5", "percent", 1234.5),
        ("1.234.567", "percent", 1234567.0),
        ("1,234,567", "percent", 1234567.0),
        ("9.800", "people", 9800.0),
        ("9,800", "people", 9800.0),
        ("9 800", "people", 9800.0),
        ("9\u00a0800", "people", 9800.0),
        ("9'800", "people", 9800.0),
        ("9800.0", "people", 9800.0),
        ("9800,00", "people", 9800.0),
        ("12", "people", 12.0),
        (" 0 ", "people", 0.0),
    ],
)
def test_typed_numbers(text: str, unit: str, value: float) -> None:
    assert parse_text(text, unit) == Parsed(value)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("1.234,5,6", "percent"),
        ("1,2.3.4", "percent"),
        ("12.34.5", "percent"),
        ("1.2,3", "percent"),
        ("12,3,45", "percent"),
        ("%", "percent"),
        ("-", "percent"),
        ("a1", "percent"),
        (".5", "percent"),
        ("5.", "percent"),
        ("9800.000", "people"),
        ("98.00.0", "people"),
        ("9,80", "people"),
        ("9.8", "people"),
        ("²", "people"),
        ("1²", "percent"),
        ("X12", "percent"),
        ("X12", "people"),
    ],
)
def test_text_that_is_not_a_number(text: str, unit: str) -> None:
    parsed = parse_text(text, unit)
    if text == "-":
        assert parsed == Parsed(None)  # a missing mark
        return
    assert parsed.value is None and parsed.error is not None
    what = "a percentage: type a number such as 77,42 or 77.42%" if unit == "percent" else "a count of people"
    assert parsed.error.startswith(f"cannot read '{text}' as {what}")


def test_missing_marks_are_blank() -> None:
    for mark in MISSING_MARKS | {"N/A", " x ", "NA", "—"}:
        assert parse_text(mark, "percent") == Parsed(None)
        assert parse_text(mark, "people") == Parsed(None)
    assert parse_text("12%", "people") == Parsed(None, "'12%' has a % sign, but this indicator counts people")


@pytest.mark.parametrize(("fmt", "expected"), [("", False), ("0%", True), ('"%"0.0', False), ("[$%-409]0", False)])
def test_percent_format_edge_cases(fmt: str, expected: bool) -> None:
    assert is_percent_format(fmt) is expected


@pytest.mark.parametrize(
    ("raw", "year"),
    [
        (1900, 1900),
        (1899, None),
        (2100, 2100),
        (2101, None),
        (2023.0, 2023),
        (2023.5, None),
        (False, None),
        ("2023", 2023),
        ("Năm 2023", 2023),
        ("Kết quả thực hiện 2023", 2023),  # 22 characters
        ("Kết quả thực hiện năm 2023", None),  # 26 characters: a title, not a year
        ("x" * 20 + "2023", 2023),  # exactly 24
        ("x" * 21 + "2023", None),  # 25
        ("12023", None),
        ("20231", None),
        ("1850", None),
        ("2200", None),
        ("1999", 1999),
        (None, None),
    ],
)
def test_year_cells(raw: object, year: int | None) -> None:
    assert parse_year(raw) == year


def test_a_negative_count_is_refused() -> None:
    # a count of people cannot be below zero (the plan's checks refuse it too): "-9.800" is an error, not -9800
    parsed = parse_text("-9.800", "people")
    assert parsed.value is None and parsed.error is not None
