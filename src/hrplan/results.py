"""Measured results: find the table in each sheet, read its values, merge several files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrplan.model import Plan
from hrplan.problems import Problem, Severity
from hrplan.taskstatus import TaskStatus, merge_statuses, read_task_rows, task_header
from hrplan.text import fold
from hrplan.values import parse_cell, parse_year
from hrplan.workbook import Row, Sheet, col_letter, open_results

HEADER_SCAN_ROWS = 30
ALIASES = {
    "id": ("id", "ma", "ma chi tieu", "ma so", "indicator id", "indicator"),
    "year": ("year", "nam"),
    "value": ("value", "gia tri", "ket qua", "th", "thuc hien", "so lieu", "result"),
    "area": ("area", "dia ban", "dia phuong", "khu vuc", "huyen xa"),
    "note": ("note", "ghi chu", "notes"),
}
_LOOKUP = {alias: key for key, names in ALIASES.items() for alias in names}
_BY_LENGTH = sorted(_LOOKUP, key=len, reverse=True)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a value was read: file and sheet cell (xlsx) or line and column (CSV)."""

    file: str
    sheet: str | None
    cell: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.sheet}!{self.cell}" if self.sheet is not None else \
            f"{self.file}:{self.line}:{self.column}"

    def problem(self, code: str, message: str, severity: Severity = Severity.ERROR) -> Problem:
        if self.sheet is None:
            return Problem(self.file, self.line, self.column, code, message, severity)
        return Problem(self.file, None, None, code, message, severity, cell=f"{self.sheet}!{self.cell}")


@dataclass(frozen=True, slots=True)
class Measured:
    id: str
    year: int
    value: float
    area: str | None
    where: Provenance
    note: str | None = None


@dataclass
class Results:
    values: list[Measured] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    statuses: list[TaskStatus] = field(default_factory=list)


def classify(raw: Any) -> str | None:
    """What a header cell names: 'id', 'year', 'value', 'area', 'note', or "@2023" for a year column."""
    if raw is None:
        return None
    if (isinstance(raw, int | float) and not isinstance(raw, bool)) or (isinstance(raw, str) and any(
            ch.isdigit() for ch in raw)):
        year = parse_year(raw)
        return f"@{year}" if year else None
    if not isinstance(raw, str):
        return None
    key = fold(raw)
    if key in _LOOKUP:
        return _LOOKUP[key]
    for alias in _BY_LENGTH:  # 'Kết quả thực hiện', 'Giá trị (%)'
        if key.startswith(alias + " "):
            return _LOOKUP[alias]
    return None


def _header(rows: list[tuple[int, Row]]) -> tuple[int, dict[str, int], dict[int, int]] | None:
    """(row number, column of each field, column -> year) of the first header row found."""
    for n, row in rows:
        fields: dict[str, int] = {}
        years: dict[int, int] = {}
        for c, (raw, _) in enumerate(row):
            kind = classify(raw)
            if kind and kind.startswith("@"):
                years[c] = int(kind[1:])
            elif kind and kind not in fields:
                fields[kind] = c
        if "id" not in fields:
            continue
        if "year" in fields and "value" not in fields and len(years) == 1:
            fields["value"] = next(iter(years))  # long layout whose value header names a year: 'Kết quả 2023'
        if "year" in fields and "value" in fields:
            return n, fields, {}
        if years and "year" not in fields:
            return n, fields, years
    return None


def read_sheet(sheet: Sheet, path: str, plan: Plan) -> Results:
    """Read the results table of one sheet (long or wide layout); a sheet without one gives nothing."""
    out = Results()
    rows = iter(sheet.rows)
    head_rows = [r for _, r in zip(range(HEADER_SCAN_ROWS), rows, strict=False)]
    found = _header(head_rows)

    def where(n: int, c: int) -> Provenance:
        return Provenance(path, sheet.name, f"{col_letter(c)}{n}", n if sheet.text_file else None, c + 1)

    if found is None:
        for n, row in head_rows:
            task_fields = task_header(row)
            if task_fields:
                rest = [r for r in head_rows if r[0] > n]
                out.statuses, out.problems = read_task_rows([*rest, *rows], task_fields, plan, where)
                break
        return out
    header_row, fields, years = found
    ids = {i.id.casefold(): i for i in plan.targets.indicators}
    groups = {g.casefold() for g in plan.targets.groups}

    def cell(row: Row, key: str) -> Any:
        c = fields.get(key)
        return row[c][0] if c is not None and c < len(row) else None

    remaining = [r for r in head_rows if r[0] > header_row]
    for n, row in [*remaining, *rows]:
        raw_id = cell(row, "id")
        if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
            continue
        text_id = str(raw_id).strip()
        ind = ids.get(text_id.casefold())
        if ind is None:
            if text_id.casefold() not in groups:  # group rows such as 'A' are headings, not data
                out.problems.append(where(n, fields["id"]).problem(
                    "unknown-indicator", f"unknown indicator id '{text_id}': it is not in the plan; "
                    "check the id column (see `hrplan indicators`)", Severity.WARNING))
            continue
        area_raw, note_raw = cell(row, "area"), cell(row, "note")
        area = " ".join(str(area_raw).split()) if area_raw not in (None, "") else None
        note = str(note_raw).strip() if note_raw not in (None, "") else None
        if years:
            columns = list(years.items())
        else:
            year = parse_year(cell(row, "year"))
            if year is None:
                out.problems.append(where(n, fields["year"]).problem(
                    "bad-year", f"cannot read the year {cell(row, 'year')!r} for {ind.id}: type a year such as 2023"))
                continue
            columns = [(fields["value"], year)]
        for c, year in columns:
            if c >= len(row):
                raw, fmt = None, None
            else:
                raw, fmt = row[c]
            loc = where(n, c)
            if raw is None and loc.cell in sheet.uncalculated:
                out.problems.append(loc.problem("not-calculated",
                    f"{ind.id} {year}: the formula in this cell was never calculated: open the file in Excel, "
                    "let it calculate and save it"))
                continue
            parsed = parse_cell(raw, ind.unit, fmt)
            if parsed.error:
                out.problems.append(loc.problem("bad-value", f"{ind.id} {year}: {parsed.error}"))
                continue
            if parsed.warning:
                out.problems.append(loc.problem("suspect-value", f"{ind.id} {year}: {parsed.warning}",
                                                Severity.WARNING))
            if parsed.value is None:
                if not years:
                    out.problems.append(loc.problem("missing-value", f"{ind.id} {year}: the value is blank",
                                                    Severity.WARNING))
                continue
            if ind.unit == "percent" and not 0 <= parsed.value <= 100:
                out.problems.append(loc.problem("percent-range",
                    f"{ind.id} {year}: {parsed.value:g}% is outside 0–100"))
                continue
            out.values.append(Measured(ind.id, year, parsed.value, area, loc, note))
    return out


def read_file(path: Path, plan: Plan) -> Results:
    """All results of one xlsx or CSV file."""
    sheets, problems, handle = open_results(path)
    out = Results(problems=list(problems))
    try:
        found_table = False
        for sheet in sheets:
            part = read_sheet(sheet, str(path), plan)
            found_table = found_table or bool(part.values or part.problems or part.statuses)
            out.values += part.values
            out.problems += part.problems
            out.statuses += part.statuses
        if sheets and not found_table:
            out.problems.append(Problem(str(path), None, None, "no-table",
                "no sheet has a header row naming the columns id, year and value (or id and year columns "
                "such as 2022, 2023): add such a row above the data, or start from `hrplan template`"))
    except Exception as exc:
        if type(exc).__module__.split(".")[0] not in ("openpyxl", "defusedxml", "zipfile", "xml"):
            raise
        out.problems.append(Problem(str(path), None, None, "workbook-corrupt",
                                    f"the workbook could not be read to the end ({type(exc).__name__}: {exc})"))
    finally:
        if handle is not None:
            handle.close()
    return out


def merge(parts: Iterable[Results]) -> Results:
    """Merge results of several files; the same indicator, year and area twice must agree."""
    out = Results()
    seen: dict[tuple[str, int, str | None], Measured] = {}
    statuses: list[TaskStatus] = []
    for part in parts:
        out.problems += part.problems
        statuses += part.statuses
        for m in part.values:
            key = (m.id, m.year, fold(m.area) if m.area else None)
            first = seen.get(key)
            if first is None:
                seen[key] = m
                out.values.append(m)
            elif abs(first.value - m.value) > 1e-9:
                place = f" ({m.area})" if m.area else ""
                out.problems.append(m.where.problem("conflict",
                    f"{m.id} {m.year}{place}: {m.value:g} here but {first.value:g} at {first.where}: "
                    "keep one value"))
    out.statuses, conflicts = merge_statuses(statuses)
    out.problems += conflicts
    return out


def read_results(paths: list[Path], plan: Plan) -> Results:
    """Read and merge every results file."""
    return merge(read_file(p, plan) for p in paths)
