from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrplan.results.values import Parsed, is_percent_format, parse_cell, parse_text, parse_year


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("0.00%", True),
        ("0%", True),
        ("[Red]0.0%", True),
        ("General", False),
        (None, False),
        ('0.00"%"', False),
        ("0.00\\%", False),
        ("#,##0", False),
        ('"%"0', False),
    ],
)
def test_percent_format_detection(fmt: str | None, expected: bool) -> None:
    assert is_percent_format(fmt) is expected


@pytest.mark.parametrize(
    ("raw", "unit", "fmt", "value"),
    [
        (0.7742, "percent", "0.00%", 77.42),
        (77.42, "percent", "General", 77.42),
        (77.42, "percent", '0.00"%"', 77.42),
        ("77,42%", "percent", None, 77.42),
        ("77.42", "percent", None, 77.42),
        (" 77,42 % ", "percent", None, 77.42),
        ("100%", "percent", None, 100.0),
        ("1.234,5", "percent", None, 1234.5),
        ("9.800", "people", None, 9800.0),
        ("9,800", "people", None, 9800.0),
        ("9 800", "people", None, 9800.0),
        ("1.234.567", "people", None, 1234567.0),
        ("9800.0", "people", None, 9800.0),
        (9800, "people", "#,##0", 9800.0),
        (None, "percent", None, None),
        ("", "people", None, None),
        ("８２,７５%", "percent", None, 82.75),  # full-width, as some Vietnamese input methods type digits
        ("9\u200b800", "people", None, 9800.0),
        ("9999999999", "people", None, 9999999999.0),
        ("-", "percent", None, None),
    ],
)
def test_values_as_typed(raw: object, unit: str, fmt: str | None, value: float | None) -> None:
    parsed = parse_cell(raw, unit, is_percent_format(fmt))
    assert parsed.error is None
    assert parsed.value == pytest.approx(value) if value is not None else parsed.value is None


@pytest.mark.parametrize(
    ("raw", "unit", "fmt", "fragment"),
    [
        ("77,42%", "people", None, "% sign"),
        ("9.8", "people", None, "count of people"),
        ("abc", "percent", None, "as a percentage"),
        ("1,2,3", "percent", None, "as a percentage"),
        (True, "percent", None, "not a number"),
        (dt.datetime(2023, 1, 1), "percent", None, "date"),
        (0.5, "people", "0%", "percent-formatted"),
        (float("nan"), "percent", None, "error"),
        ("-5", "people", None, "a count of people cannot be negative (-5)"),
        (-5, "people", None, "a count of people cannot be negative (-5)"),
        ("1" + "0" * 400, "people", None, "a number this large is more than any count a plan holds"),
        (float("inf"), "people", None, "error or an infinite value"),
        (2e10, "people", None, "2e+10 people is more than any count a plan holds (over 10,000,000,000)"),
        ("20.000.000.000", "people", None, "more than any count"),
        ("#DIV/0!", "percent", None, "the cell holds the Excel error #DIV/0!, not a number"),
        ("#n/a", "people", None, "the Excel error #N/A"),
        ("#REF!", "percent", "0%", "the Excel error #REF!"),
    ],
)
def test_bad_values_are_errors(raw: object, unit: str, fmt: str | None, fragment: str) -> None:
    parsed = parse_cell(raw, unit, is_percent_format(fmt))
    assert parsed.value is None
    assert parsed.error is not None and fragment in parsed.error


def test_fraction_in_general_cell_warns() -> None:
    parsed = parse_cell(0.7742, "percent", is_percent_format("General"))
    assert parsed.value == 0.7742 and parsed.warning and "77.42%" in parsed.warning


def test_non_integer_count_warns() -> None:
    assert parse_cell(9.8, "people", is_percent_format("General")).warning is not None


@pytest.mark.parametrize(
    ("raw", "year"),
    [
        (2023, 2023),
        (2023.0, 2023),
        ("2023", 2023),
        ("Năm 2023", 2023),
        ("TH 2022", 2022),
        ("Năm ２０２３", 2023),
        ("abc", None),
        (1.5, None),
        (True, None),
    ],
)
def test_parse_year(raw: object, year: int | None) -> None:
    assert parse_year(raw) == year


percents = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)


@given(percents, st.sampled_from([",", "."]), st.booleans())
def test_typed_percent_round_trips(d: object, sep: str, sign: bool) -> None:
    text = f"{d:.2f}".replace(".", sep) + ("%" if sign else "")
    assert parse_text(text, "percent").value == pytest.approx(float(f"{d:.2f}"))


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from([".", ",", " ", ""]))
def test_grouped_count_round_trips(n: int, sep: str) -> None:
    text = f"{n:,}".replace(",", sep)
    assert parse_text(text, "people") == Parsed(float(n))


@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_percent_cell_fraction_scales(x: float) -> None:
    assert parse_cell(x, "percent", is_percent_format("0.00%")).value == pytest.approx(x * 100)


@settings(max_examples=500)
@given(
    st.one_of(st.text(max_size=20), st.floats(), st.integers(), st.none(), st.booleans()),
    st.sampled_from(["percent", "people"]),
    st.sampled_from([None, "0%", "General", '0"%"']),
)
def test_any_cell_parses_or_explains(raw: object, unit: str, fmt: str | None) -> None:
    parsed = parse_cell(raw, unit, is_percent_format(fmt))
    assert (parsed.value is None) or parsed.error is None
    if parsed.value is not None:
        assert parsed.value == parsed.value  # never NaN


@settings(max_examples=1000)
@given(
    st.one_of(
        st.floats(allow_nan=True),
        st.integers(-(10**6), 10**6),
        st.integers(10**9, 10**11),
        st.text(alphabet="0123456789.,% -²", max_size=12),
    ),
    st.sampled_from(["percent", "people"]),
    st.booleans(),
)
def test_fast_path_agrees_with_parse_cell(raw: object, unit: str, percent_cell: bool) -> None:
    from hrplan.results.values import fast_number

    fast = fast_number(raw, unit, percent_cell)
    if fast is not None:
        slow = parse_cell(raw, unit, percent_cell)
        assert slow == Parsed(fast), (raw, unit, percent_cell)


@pytest.mark.parametrize(
    ("raw", "unit", "percent_cell", "value"),
    [
        ("77.42", "percent", False, 77.42),
        ("100", "percent", False, 100.0),
        ("0", "percent", False, 0.0),
        (82.75, "percent", False, 82.75),
        (100, "percent", False, 100.0),
        (0.7742, "percent", True, 77.42),
        (0.0, "percent", True, 0.0),
        (1.0, "percent", True, 100.0),
        ("9800", "people", False, 9800.0),
        (9800, "people", False, 9800.0),
        (0.0, "people", False, 0.0),
    ],
)
def test_the_fast_path_answers_the_common_cells(raw: object, unit: str, percent_cell: bool, value: float) -> None:
    """The row loop of a 200,000-row file relies on it: plain numbers are answered, not handed to parse_cell."""
    from hrplan.results.values import fast_number

    assert fast_number(raw, unit, percent_cell) == value


@pytest.mark.parametrize(
    ("raw", "unit", "percent_cell"),
    [("100.5", "percent", False), (100.5, "percent", False), (0.5, "percent", False), ("9.800", "people", False),
     (9.8, "people", False), (-1, "people", False), ("77,42", "percent", False), (1.5, "percent", True),
     ("0.5", "percent", True), (0.5, "people", True), (".5", "percent", False), ("5.", "percent", False),
     ("٣", "people", False), (True, "people", False)],
)  # fmt: skip
def test_the_fast_path_declines_what_needs_a_message(raw: object, unit: str, percent_cell: bool) -> None:
    """Out of range, a fraction without a percent format, a grouped or comma number: parse_cell reads (and warns)."""
    from hrplan.results.values import fast_number

    assert fast_number(raw, unit, percent_cell) is None
