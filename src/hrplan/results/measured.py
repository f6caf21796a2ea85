"""Measured values and where each was read: the data every results reader produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from hrplan.core.problems import Problem, Severity


def col_letter(index: int) -> str:
    """0 -> 'A', 27 -> 'AB'."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Provenance(NamedTuple):
    """Where a value was read: file and sheet cell (xlsx) or line and column (CSV); row and col are 1-based.
    A NamedTuple: one is made per value read, and a tuple is the cheapest immutable record."""

    file: str
    sheet: str | None
    row: int
    col: int

    @property
    def cell(self) -> str:
        return f"{col_letter(self.col - 1)}{self.row}"

    @property
    def line(self) -> int | None:
        return self.row if self.sheet is None else None

    @property
    def column(self) -> int:
        return self.col

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.sheet}!{self.cell}" if self.sheet is not None else f"{self.file}:{self.row}:{self.col}"
        )

    def problem(self, code: str, message: str, severity: Severity = Severity.ERROR) -> Problem:
        if self.sheet is None:
            return Problem(self.file, self.row, self.col, code, message, severity)
        return Problem(self.file, None, None, code, message, severity, cell=f"{self.sheet}!{self.cell}")


class Measured(NamedTuple):
    """One measured value: indicator, year, value, area (None = the province) and where it was read
    (file, sheet, row, col: see `where`). Flat, so that reading 200,000 values makes one tuple each."""

    id: str
    year: int
    value: float
    area: str | None
    file: str
    sheet: str | None
    row: int
    col: int
    note: str | None = None

    @property
    def where(self) -> Provenance:
        return Provenance(self.file, self.sheet, self.row, self.col)


@dataclass(frozen=True)
class TaskStatus:
    """One unit's status of a task, as reported; `unit` is the reporting unit's id (None: the file names none, so
    the status speaks for the task as a whole)."""

    id: str
    status: str
    note: str | None
    evidence: str | None
    where: Provenance
    unit: str | None = None


@dataclass(frozen=True)
class UnitLine:
    """A 'Đơn vị báo cáo' (reporting unit) line or cell: the unit's id, or None when the name is not a unit."""

    unit: str | None
    text: str
    where: Provenance


@dataclass
class Results:
    values: list[Measured] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    statuses: list[TaskStatus] = field(default_factory=list)
    tables: int = 0  # results or tasks tables found (a table may hold no values yet)
    units: list[UnitLine] = field(default_factory=list)  # the reporting units the file names, in order

    @property
    def unit(self) -> str | None:
        """The file's reporting unit: the first unit it names (the header block of a form)."""
        return next((u.unit for u in self.units if u.unit), None)
