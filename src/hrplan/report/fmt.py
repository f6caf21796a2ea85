"""Numbers, dates and bars as the official form prints them: 101,50% and 9.800 in Vietnamese, 101.50% and
9,800 in English; 05/12/2024 in Vietnamese, 2024-12-05 in English. The one place values become text."""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from hrplan.analysis.reading import YearReading
from hrplan.analysis.tasks import TaskReport
from hrplan.plan.model import Goal, Plan, goal_bounds
from hrplan.report.labels import Labels


def _localise(text: str, lang: str) -> str:
    if lang != "vi":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _fixed(value: float, digits: int) -> str:
    """'1,234.57': grouped, `digits` decimals, halves rounded up as Excel and a hand computation round them
    (68,9 / 80 = 86,125% prints 86,13%; Python's own format would print the even 86,12%)."""
    if not math.isfinite(value):  # the readers refuse them; never a crash here
        return str(value)
    if abs(value) >= 1e15:  # past a double's 15 digits there is no half to round (and Decimal's 28 would overflow)
        return f"{value:,.{digits}f}"
    # 15 significant digits first, as Excel shows a number: 83,1 / 80 is 103.87499999999999 in binary, 103,88% on screen
    exact = Decimal(f"{float(value):.15g}").quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{exact:,.{digits}f}"


def fmt_decimal(value: float | None, lang: str = "vi", digits: int = 2) -> str:
    """A plain number with a fixed number of decimals: 0,65 (R, growth factors)."""
    if value is None:
        return "–"
    return _localise(_fixed(value, digits), lang)


def fmt_ratio(value: float | None, lang: str = "vi") -> str:
    """A ratio in percent with two decimals: 101,50%. None prints as '–'."""
    if value is None:
        return "–"
    return fmt_decimal(value, lang) + "%"


def fmt_number(value: float | None, unit: str, lang: str = "vi") -> str:
    """A value in its unit: percent with up to two decimals (77,42%), people as a whole number (9.800),
    'pp' (percentage points) like a percent without the sign."""
    if value is None:
        return "–"
    if unit == "people":
        return _localise(_fixed(value, 0 if float(value).is_integer() else 2), lang)
    text = _fixed(value, 2).rstrip("0").rstrip(".")
    return _localise(text, lang) + ("%" if unit == "percent" else "")


def fmt_amount(value: float | None, unit: str, lang: str = "vi") -> str:
    """A value in a sentence: a share as fmt_number writes it, a count with its unit word (9.800 người)."""
    text = fmt_number(value, unit, lang)
    return f"{text} {Labels(lang)('people')}" if unit == "people" and value is not None else text


def fmt_goal(goal: Goal | None, unit: str, lang: str = "vi") -> str:
    """A goal: a number, or a range 'low–high'."""
    if goal is None:
        return "–"
    lo, hi = goal_bounds(goal)
    if lo == hi:
        return fmt_number(lo, unit, lang)
    return f"{fmt_number(lo, unit, lang).rstrip('%')}–{fmt_number(hi, unit, lang)}"


def fmt_gap(value: float | None, unit: str, lang: str = "vi") -> str:
    """A distance to a goal: '12,30 điểm %' (percentage points) or '1.200 người'."""
    if value is None:
        return "–"
    t = Labels(lang)
    if unit == "people":
        return f"{fmt_number(value, unit, lang)} {t('people')}"
    return f"{fmt_decimal(value, lang)} {t('points')}"


def fmt_date(day: dt.date | None, lang: str = "vi") -> str:
    """A date as people write it: 05/12/2024 in Vietnamese, ISO 8601 in English."""
    if day is None:
        return ""
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip


def fmt_day_words(day: dt.date | None, lang: str = "vi") -> str:
    """The date of an official document, in words: 'ngày 05 tháng 12 năm 2024' (Nghị định 30/2020/NĐ-CP: a zero
    before a day under 10 and before months 1 and 2), '5 December 2024'; dotted blanks when the date is not set."""
    t = Labels(lang)
    if day is None:
        return t("day_blank")
    if lang != "vi":
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"  # not strftime: the locale would decide
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return t("day_words", d=f"{day.day:02d}", m=month, y=day.year)


def bar(covered: float | None, width: int = 10) -> str:
    """The distance covered from the baseline to the goal: '██████░░░░'."""
    if covered is None:
        return ""
    full = round(covered * width)
    return "█" * full + "░" * (width - full)


def fmt_basis(reading: YearReading, lang: str = "vi") -> str:
    """What the pace is measured from: 'Tiến độ 2030 tính từ năm cơ sở 2022 (phương pháp tăng trưởng kép); …'."""
    t = Labels(lang)
    b = reading.baseline_year
    return t("basis", h=reading.horizon, b="–" if b is None else b, method=t("method_" + reading.method))


def fmt_unit(plan: Plan, unit: str | None, lang: str = "vi") -> str:
    """A unit by its full name in the language; a status from a file naming no unit is the 'consolidated' one."""
    t = Labels(lang)
    org = next((u for u in plan.tasks.units if u.id == unit), None)
    if org is None:
        return t("no_unit") if unit is None else unit
    return t.name(org.name, org.name_en)


def side_by_side(plan: Plan, report: TaskReport, lang: str = "vi") -> list[str]:
    """Each co-lead's own status of a shared task: ['Sở Nội vụ: hoàn thành', 'Sở Y tế: chưa báo cáo', …]."""
    t = Labels(lang)
    return [f"{fmt_unit(plan, u, lang)}: {t(s or 'not_reported')}" for u, s in report.side_by_side]


def fmt_task_notes(plan: Plan, report: TaskReport, lang: str = "vi") -> tuple[str, str]:
    """(note, evidence) of a reported task: one unit's as given, several units' each after its unit's name."""
    voiced = [v for v in report.voices if v.note or v.evidence]
    if len(voiced) <= 1:
        return (voiced[0].note or "", voiced[0].evidence or "") if voiced else ("", "")
    notes = [f"{fmt_unit(plan, v.unit, lang)}: {v.note}" for v in voiced if v.note]
    evidence = [f"{fmt_unit(plan, v.unit, lang)}: {v.evidence}" for v in voiced if v.evidence]
    return "; ".join(notes), "; ".join(evidence)
