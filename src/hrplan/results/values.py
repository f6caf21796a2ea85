"""Reading a number the way an analyst typed it. Pure functions, no I/O.

The unit of the indicator decides how separators are read, never a guess: for a percent, a lone
',' or '.' is the decimal mark ('77,42%' and '77.42' are both 77.42); for a count of people, '.'
and ',' group thousands ('9.800' and '9,800' are both 9800).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from hrplan.core.text import clean_key, excerpt

MISSING_MARKS = frozenset({"", "-", "–", "—", "x", "n/a", "na", "…", "..."})
# What Excel shows for a formula that fails: read as text by openpyxl, put back by the workbook scan for calamine
EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!",
     "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!"}
)  # fmt: skip
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f']+")
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_GROUPED = re.compile(r"^[0-9]{1,3}(?:([.,])[0-9]{3})(?:\1[0-9]{3})*$")
_PLAIN = re.compile(r"^[0-9]+(?:[.,][0-9]+)?$")
_DIGITS = re.compile(r"^[0-9]+$")  # str.isdigit() also accepts "²"
MAX_COUNT = 10_000_000_000  # more people than live on Earth: a count beyond it is a typing or export error


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed cell: a value, or None when blank; an error or a warning when something is off."""

    value: float | None
    error: str | None = None
    warning: str | None = None


def is_percent_format(number_format: str | None) -> bool:
    """True for Excel formats that show a fraction as a percent (0.00%), not for 0.00"%" or 0\\%."""
    if not number_format:
        return False
    return "%" in _QUOTED.sub("", number_format)


def parse_cell(raw: object, unit: str, percent_cell: bool = False) -> Parsed:
    """Parse one cell for an indicator measured in `unit` ('percent' or 'people'); `percent_cell` says whether
    the cell shows its number as a percent (decided by is_percent_format, once per reader)."""
    if raw is None:
        return Parsed(None)
    if isinstance(raw, bool):
        return Parsed(None, f"'{raw}' is not a number")
    if isinstance(raw, dt.date | dt.datetime | dt.time | dt.timedelta):
        return Parsed(None, f"the cell holds a date or time ({excerpt(raw)}), not a number: format it as a number")
    if isinstance(raw, int | float):
        return _from_number(float(raw), unit, percent_cell)
    if isinstance(raw, str):
        return parse_text(raw, unit)
    return Parsed(None, f"unsupported cell value {raw!r}")


def fast_number(raw: object, unit: str, percent_cell: bool = False) -> float | None:
    """parse_cell's fast path, for the row loop of large files: the value of a plain number or digit string
    whose meaning is beyond doubt, else None (then parse_cell reads it, with its warnings and errors).
    Property-tested to agree with parse_cell wherever it answers."""
    if percent_cell:
        if unit == "percent" and type(raw) is float and 0 <= raw <= 1:
            return float(f"{raw * 100:.12g}")  # as _from_number
        return None
    if type(raw) is str:
        if not raw.isascii():
            return None
        if unit == "people":
            return float(raw) if raw.isdigit() and len(raw) <= 10 else None  # at most 9,999,999,999 < MAX_COUNT
        if raw.replace(".", "", 1).isdigit() and raw[0] != "." and raw[-1] != ".":
            x = float(raw)
            return x if x <= 100 else None
        return None
    if type(raw) is float or type(raw) is int:
        x = float(raw)
        if unit == "percent":
            return x if 1 < x <= 100 or x == 0 else None  # fractions need the format and a warning
        return x if 0 <= x <= MAX_COUNT and x.is_integer() else None
    return None


def _from_number(x: float, unit: str, percent_cell: bool) -> Parsed:
    if not math.isfinite(x):
        return Parsed(None, "the cell holds an error or an infinite value, not a number")
    if unit == "percent":
        if percent_cell:
            return Parsed(float(f"{x * 100:.12g}"))  # 0.7742 * 100 is 77.42000000000002
        if 0 < abs(x) <= 1:
            return Parsed(
                x,
                warning=f"{x:g} looks like a fraction: if it means {x * 100:g}%, "
                "format the cell as a percentage or type the percent number",
            )
        return Parsed(x)
    if percent_cell:
        return Parsed(None, "a count of people is in a percent-formatted cell: format it as a number")
    if x < 0 or x > MAX_COUNT:
        return _impossible_count(x)
    if not x.is_integer():
        return Parsed(
            x,
            warning=f"{x:g} is not a whole number of people: if 9.800 was typed meaning "
            "nine thousand eight hundred, type 9800",
        )
    return Parsed(x)


def _impossible_count(x: float) -> Parsed:
    if x < 0:
        return Parsed(None, f"a count of people cannot be negative ({x:g})")
    shown = f"{x:g} people is" if math.isfinite(x) else "a number this large is"
    return Parsed(None, f"{shown} more than any count a plan holds (over {MAX_COUNT:,}): check the cell")


def parse_text(text: str, unit: str) -> Parsed:
    """Parse typed text: '77,42%', '77.42', '9.800', '9,800', '1.234,5' (also in full-width digits, '８２,７５')."""
    if not text.isascii():
        text = clean_key(text)
    shown = excerpt(text.strip())
    s = _SPACES.sub("", text.strip())
    if s.casefold() in MISSING_MARKS:
        return Parsed(None)
    if s.upper() in EXCEL_ERRORS:
        return Parsed(None, f"the cell holds the Excel error {s.upper()}, not a number: correct its formula or type "
                      "the value")  # fmt: skip
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("+-")
    if unit == "people":
        if percent:
            return Parsed(None, f"'{shown}' has a % sign, but this indicator counts people")
        value = _count(s)
        if value is None:
            return Parsed(
                None, f"cannot read '{shown}' as a count of people: type a whole number such as 9800 or 9.800"
            )
        if sign < 0 or value > MAX_COUNT:
            return _impossible_count(sign * value)
        return Parsed(value)
    value = _decimal(s)
    if value is None:
        return Parsed(None, f"cannot read '{shown}' as a percentage: type a number such as 77,42 or 77.42%")
    return Parsed(sign * value)


def _count(s: str) -> float | None:
    if _DIGITS.match(s):
        return float(s)
    if _GROUPED.match(s):
        return float(re.sub(r"[.,]", "", s))
    m = re.fullmatch(r"([0-9]+)[.,]0{1,2}", s)  # 9800.0 from an export
    return float(m.group(1)) if m else None


def _decimal(s: str) -> float | None:
    if not s:
        return None
    if "." in s and "," in s:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        grp = "," if dec == "." else "."
        whole, _, frac = s.rpartition(dec)
        if not _DIGITS.match(frac) or not (_DIGITS.match(whole) or _GROUPED.match(whole)) or dec in whole:
            return None
        return float(whole.replace(grp, "") + "." + frac)
    if s.count(",") > 1 or s.count(".") > 1:
        return float(re.sub(r"[.,]", "", s)) if _GROUPED.match(s) else None
    if _PLAIN.match(s):
        return float(s.replace(",", "."))
    return None


def parse_year(raw: object) -> int | None:
    """A year cell: 2023, 2023.0, '2023', 'Năm 2023'."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float) and float(raw).is_integer() and 1900 <= raw <= 2100:
        return int(raw)
    if isinstance(raw, str):
        if not raw.isascii():
            raw = clean_key(raw)
        m = re.search(r"(?<![0-9])(19|20)[0-9][0-9](?![0-9])", raw)
        if m and len(raw.strip()) <= 24:
            return int(m.group(0))
    return None
