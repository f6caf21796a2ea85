"""Dates as people type them: 31/12/2024 (as Vietnamese documents write them) or 2024-12-31."""

from __future__ import annotations

import datetime as dt
import re

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_day(text: str) -> dt.date:
    """A date from 'dd/mm/yyyy' (also with '.' or '-') or ISO 'yyyy-mm-dd'; ValueError when it is neither
    or names no real day."""
    s = text.strip()
    m = _DMY.fullmatch(s)
    if m:
        day, month, year = (int(g) for g in m.groups())
        return dt.date(year, month, day)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return dt.date.fromisoformat(s)
    raise ValueError(f"not a date: {text!r}")
