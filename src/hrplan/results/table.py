"""Finding the results table in a sheet and reading its rows (long or wide layout, or a tasks table).

The row loop is the hot path of `compare` on large files: ids, years and areas repeat, so their
parsing is cached, and plain numbers take a fast path with the same meaning as `parse_cell`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from itertools import chain
from typing import Final

from hrplan.core.problems import Problem, Severity
from hrplan.core.text import clean_key, excerpt, fold
from hrplan.plan.model import Indicator, Plan
from hrplan.results.measured import Measured, Provenance, Results, UnitLine
from hrplan.results.reporting import UnitNames, find_unit_line
from hrplan.results.sheet import CellValue, Row, Sheet
from hrplan.results.taskstatus import read_task_rows, task_header
from hrplan.results.values import fast_number, parse_cell, parse_year

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
# A column of the year's targets beside its results ('Kế hoạch năm 2024', 'KH 2024', 'MT ĐA 2023', as appendix 01
# and hrplan's unit workbooks print them) names a year too: it is a target, never read as results.
TARGET_WORDS = ("ke hoach", "kh", "muc tieu", "mt", "chi tieu giao", "target", "targets", "plan")


class _Unset(Enum):
    UNSET = 0


_UNSET: Final = _Unset.UNSET  # a cache miss (None is a cached answer); an enum member, so `is _UNSET` narrows


def classify(raw: CellValue) -> str | None:
    """What a header cell names: 'id', 'year', 'value', 'area', 'note', 'target' (a column of targets, not read),
    or '@2023' for a year column."""
    if raw is None:
        return None
    if isinstance(raw, str):
        key = fold(raw)
        if any(key == w or key.startswith(w + " ") for w in TARGET_WORDS):
            return "target"
    if (isinstance(raw, int | float) and not isinstance(raw, bool)) or (
        isinstance(raw, str) and any(ch.isdigit() for ch in raw)
    ):
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


def find_header(rows: list[Row]) -> tuple[int, dict[str, int], dict[int, int]] | None:
    """(row number, column of each field, column -> year) of the first header row found."""
    for n, values, _ in rows:
        fields: dict[str, int] = {}
        years: dict[int, int] = {}
        for c, raw in enumerate(values):
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


def read_sheet(sheet: Sheet, path: str, plan: Plan, names: UnitNames | None = None) -> Results:
    """Read the results table of one sheet (long or wide layout) or its tasks table, and the reporting unit named
    above it ('Đơn vị báo cáo'); a sheet without a table gives only its reporting unit, if it names one."""
    out = Results()
    names = names or UnitNames(plan)
    rows = iter(sheet.rows)
    head_rows = [r for _, r in zip(range(HEADER_SCAN_ROWS), rows, strict=False)]
    found = find_header(head_rows)
    sheet_name = None if sheet.text_file else sheet.name

    def where(n: int, c: int) -> Provenance:
        return Provenance(path, sheet_name, n, c + 1)

    def unit_above(first_row: int) -> UnitLine | None:
        line = find_unit_line((r for r in head_rows if r[0] < first_row), names, where)
        if line is not None:
            out.units.append(line)
            bad = names.problem(line)
            if bad:
                out.problems.append(bad)
        return line

    if found is None:
        for n, values, _ in head_rows:
            task_fields = task_header(values)
            if task_fields:
                line = unit_above(n)
                rest = [r for r in head_rows if r[0] > n]
                out.statuses, problems = read_task_rows(
                    chain(rest, rows), task_fields, plan, where, line.unit if line else None, names
                )
                out.problems += problems
                out.tables = 1
                break
        else:
            unit_above(HEADER_SCAN_ROWS + 1)
        return out
    header_row, fields, years = found
    unit_above(header_row)
    out.tables = 1
    _read_rows(chain([r for r in head_rows if r[0] > header_row], rows), fields, years, sheet, plan, where, out)
    return out


def _read_rows(
    rows: Iterator[Row],
    fields: dict[str, int],
    years: dict[int, int],
    sheet: Sheet,
    plan: Plan,
    where: Callable[[int, int], Provenance],
    out: Results,
) -> None:
    path, sheet_name = where(0, 0).file, where(0, 0).sheet
    new_tuple = tuple.__new__
    ids = {i.id.casefold(): i for i in plan.targets.indicators}
    groups = {g.casefold() for g in plan.targets.groups}
    ci = fields["id"]
    if years:  # wide layout: a value column per year
        yi = vi = -1  # not read
    else:  # long layout: find_header returns no year columns only with both a year and a value column
        yi, vi = fields["year"], fields["value"]
    ai, ni = fields.get("area"), fields.get("note")
    id_cache: dict[CellValue, Indicator | None] = {}
    year_cache: dict[CellValue, int | None] = {}
    area_cache: dict[CellValue, str | None] = {None: None, "": None}
    values_append, problems = out.values.append, out.problems
    value_columns = list(years) if years else [vi]
    for n, values, percents in rows:
        width = len(values)
        raw_id = values[ci] if ci < width else None
        if raw_id is None or raw_id == "":
            filled = [c for c in value_columns if c < width and values[c] is not None and str(values[c]).strip()]
            if filled:  # a value typed on a row whose id was deleted or never written: never dropped silently
                problems.append(where(n, filled[0]).problem(
                    "value-without-id",
                    f"a value ({excerpt(values[filled[0]])}) on a row with no indicator id: write the id in column "
                    f"{where(n, ci).cell.rstrip('0123456789')}, or delete the value",
                    Severity.WARNING,
                ))  # fmt: skip
            continue
        ind = id_cache.get(raw_id, _UNSET)
        if ind is _UNSET:
            text_id = clean_key(excerpt(raw_id, 1 << 20))  # 'Ａ１', 'A1\u200b': the id meant; 4.0 as 4 on both readers
            ind = ids.get(text_id.casefold())
            id_cache[raw_id] = ind
            if ind is None and text_id and text_id.casefold() not in groups:  # group rows are headings
                problems.append(
                    where(n, ci).problem(
                        "unknown-indicator",
                        f"unknown indicator id '{excerpt(text_id)}': it is not in the plan; "
                        "check the id column (see `hrplan indicators`)",
                        Severity.WARNING,
                    )
                )
                id_cache.pop(raw_id)  # report every such row
        if ind is None or not isinstance(ind, Indicator):
            continue
        area_raw = values[ai] if ai is not None and ai < width else None
        area = area_cache.get(area_raw, _UNSET)
        if area is _UNSET:
            area = " ".join(clean_key(str(area_raw)).split()) or None
            area_cache[area_raw] = area
        note = None
        if ni is not None and ni < width and values[ni] is not None:
            note = str(values[ni]).strip() or None
        if years:
            columns: Iterable[tuple[int, int]] = years.items()
        else:
            raw_year = values[yi] if yi is not None and yi < width else None
            year = year_cache.get(raw_year, _UNSET)
            if year is _UNSET:
                year = year_cache[raw_year] = parse_year(raw_year)
            if year is None:
                problems.append(
                    where(n, yi).problem(
                        "bad-year",
                        f"no year for {ind.id}: type a year such as 2023"
                        if raw_year is None or raw_year == ""  # openpyxl reads a blank as None, calamine as ""
                        else f"cannot read the year '{excerpt(raw_year)}' for {ind.id}: type a year such as 2023",
                    )
                )
                continue
            columns = ((vi, year),)
        unit = ind.unit
        for c, year in columns:
            raw = values[c] if c < width else None
            pct = percents is not None and c < len(percents) and percents[c]
            value = fast_number(raw, unit, pct)
            if value is None:
                value = _slow_value(raw, pct, ind, year, n, c, sheet, years, where, problems)
                if value is None:
                    continue
            # tuple.__new__ skips NamedTuple's Python-level __new__: a third of the time on large files
            values_append(new_tuple(Measured, (ind.id, year, value, area, path, sheet_name, n, c + 1, note)))


def _slow_value(
    raw: CellValue,
    percent_cell: bool,
    ind: Indicator,
    year: int,
    n: int,
    c: int,
    sheet: Sheet,
    years: dict[int, int],
    where: Callable[[int, int], Provenance],
    problems: list[Problem],
) -> float | None:
    """Every case the fast path declines: blanks, text as typed, percent formats, suspicious numbers."""
    loc = where(n, c)
    if (raw is None or raw == "") and loc.cell in sheet.uncalculated:  # python-calamine gives "", openpyxl None
        problems.append(
            loc.problem(
                "not-calculated",
                f"{ind.id} {year}: the formula in this cell was never calculated: open the file "
                "in Excel, let it calculate and save it",
            )
        )
        return None
    parsed = parse_cell(raw, ind.unit, percent_cell)
    if parsed.error:
        problems.append(loc.problem("bad-value", f"{ind.id} {year}: {parsed.error}"))
        return None
    if parsed.warning:
        problems.append(loc.problem("suspect-value", f"{ind.id} {year}: {parsed.warning}", Severity.WARNING))
    if parsed.value is None:
        if not years:
            problems.append(loc.problem("missing-value", f"{ind.id} {year}: the value is blank", Severity.WARNING))
        return None
    if ind.unit == "percent" and not 0 <= parsed.value <= 100:
        problems.append(loc.problem("percent-range", f"{ind.id} {year}: {parsed.value:g}% is outside 0–100"))
        return None
    return parsed.value
