"""Numbers as the official form prints them: 101,50% and 9.800 in Vietnamese, 101.50% and 9,800 in English."""

from __future__ import annotations

from typing import Any


def _localise(text: str, lang: str) -> str:
    if lang != "vi":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def fmt_ratio(value: float | None, lang: str = "vi") -> str:
    """A ratio in percent with two decimals: 101,50%. None prints as '–'."""
    if value is None:
        return "–"
    return _localise(f"{value:,.2f}%", lang)


def fmt_number(value: float | None, unit: str, lang: str = "vi") -> str:
    """A value in its unit: percent with up to two decimals (77,42%), people as a whole number (9.800),
    'pp' (percentage points) like a percent without the sign."""
    if value is None:
        return "–"
    if unit == "people":
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
        return _localise(text, lang)
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return _localise(text, lang) + ("%" if unit == "percent" else "")


def fmt_goal(goal: Any, unit: str, lang: str = "vi") -> str:
    """A goal: a number, or a range 'low–high'."""
    if goal is None:
        return "–"
    if isinstance(goal, list):
        return f"{fmt_number(goal[0], unit, lang).rstrip('%')}–{fmt_number(goal[1], unit, lang)}"
    return fmt_number(goal, unit, lang)


def fmt_gap(value: float | None, unit: str, lang: str = "vi") -> str:
    """A distance to a goal: percentage points or people."""
    if value is None:
        return "–"
    if unit == "people":
        return fmt_number(value, unit, lang) + (" người" if lang == "vi" else " people")
    return _localise(f"{value:,.2f}", lang) + (" điểm %" if lang == "vi" else " pp")
