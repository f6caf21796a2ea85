"""What every results reader gives the table reader: sheets of rows, each cell a plain value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from hrplan.core.problems import Problem

# What a cell holds as read: openpyxl (read-only, data-only) and calamine give these; CSV gives str.
CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta | None
# Row number, values, whether each cell shows a percent (None: none). Sequence, not list: a CSV row is a list[str].
Row = tuple[int, Sequence[CellValue], list[bool] | None]


@dataclass
class Sheet:
    """One table of a results file; `rows` yields (row number, values, percent flags or None)."""

    name: str | None
    rows: Iterator[Row]
    text_file: bool = False  # CSV: positions are line:column, not cells
    uncalculated: set[str] = field(default_factory=set)
    state: str = "visible"  # or "hidden", "veryHidden" (xlsx)


class SheetError(Exception):
    """Raised by a sheet's rows when the file cannot be read to the end: the problem names the file and the place."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem
