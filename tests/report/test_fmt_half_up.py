"""fmt rounds halves up, as Excel displays the same cells and as the analyst rounds by hand."""

from __future__ import annotations

from hrplan.report.fmt import fmt_decimal, fmt_number, fmt_ratio


def test_halves_round_up() -> None:
    assert fmt_ratio(68.9 / 80 * 100) == "86,13%"  # 86,125: B2 at 68,9% against the 2030 goal of 80%
    assert fmt_ratio(67.7 / 80 * 100) == "84,63%"  # 84,625: B2's 2023 result against the same goal
    assert fmt_decimal(1.005, "en") == "1.01"  # 1.005 is stored as 1.00499999…; Excel shows 1.01 too
    assert fmt_number(0.125, "percent") == "0,13%"
    assert fmt_number(1234.5, "people", "en") == "1,234.50" and fmt_number(9800, "people") == "9.800"


def test_other_values_are_unchanged() -> None:
    assert fmt_ratio(78 / 70 * 100) == "111,43%" and fmt_ratio(100.0, "en") == "100.00%"
    assert fmt_number(77.42, "percent") == "77,42%" and fmt_number(100, "percent") == "100%"
    assert fmt_decimal(-0.125) == "-0,13" and fmt_number(None, "percent") == "–"


def test_rounding_agrees_with_excel_on_binary_halves() -> None:
    # 83,1 / 80 = 1,03875 exactly in decimal, 1.0387499999999998 in binary: Excel shows 103,88% (15 digits)
    assert fmt_ratio(83.1 / 80 * 100) == "103,88%"


def test_huge_values_print_without_a_crash() -> None:
    # a baseline of 1e-46 gives R near 1e46: more digits than Decimal's default context holds
    assert fmt_decimal(1.5e46, "en") == f"{1.5e46:,.2f}"
