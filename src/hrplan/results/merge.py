"""Measured results: read every file, merge them, and check that they agree."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from hrplan.core.problems import Problem, Severity
from hrplan.core.text import fold
from hrplan.plan.model import Plan
from hrplan.results.form import FORM_SHEET, check_form, decode, recording
from hrplan.results.measured import Measured, Provenance, Results, TaskStatus
from hrplan.results.reporting import UnitNames
from hrplan.results.sheet import Sheet, SheetError
from hrplan.results.table import read_sheet
from hrplan.results.taskstatus import merge_statuses
from hrplan.results.workbook import open_results

__all__ = ["Measured", "Provenance", "Results", "merge", "read_file", "read_results"]


def read_file(path: Path, plan: Plan, named_after: str | None = None) -> Results:
    """All results of one xlsx or CSV file. `named_after`: the unit the file is named after, whose statuses a
    tasks table holds when neither the table nor the workbook names a reporting unit."""
    sheets, problems, handle = open_results(path)
    out = Results(problems=list(problems))
    names = UnitNames(plan)
    form_rows = None
    if any(s.name == FORM_SHEET for s in sheets):  # a department's form: checked against its copy once read
        sheets, form_rows = recording(sheets)
    try:
        for sheet in sheets:
            part = read_sheet(sheet, str(path), plan, names)
            if form_rows is not None:
                for _ in sheet.rows:  # the rest of the sheet, for the check
                    pass
            out.tables += part.tables
            out.values += part.values
            out.problems += part.problems
            out.statuses += part.statuses
            out.units += part.units
            if sheet.state != "visible" and (part.values or part.statuses):
                out.problems.append(_hidden(str(path), sheet))
        form = decode(form_rows[FORM_SHEET]) if form_rows is not None else None
        if form is not None and form_rows is not None:
            out.problems += check_form(str(path), form, form_rows)
        if sheets and not out.tables:
            out.problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    "no-table",
                    "no sheet has a header row naming the columns id, year and value (or id and year columns "
                    "such as 2022, 2023): add such a row above the data, or start from `hrplan template`",
                )
            )
    except SheetError as exc:  # a cell no reader can read, a CSV record past the field limit
        out.problems.append(exc.problem)
    finally:
        if handle is not None:
            handle.close()
    owner = out.unit or named_after
    if owner is not None:  # a tasks sheet without a unit of its own speaks for the file's unit
        out.statuses = [s if s.unit else replace(s, unit=owner) for s in out.statuses]
    return out


def _hidden(path: str, sheet: Sheet) -> Problem:
    """Values read from a sheet Excel does not show: read (they are in the file), never silently."""
    how = "very hidden (only a macro or the VBA editor shows it)" if sheet.state == "veryHidden" else "hidden"
    message = (
        f"values were read from the sheet '{sheet.name}', which is {how}: check them, or delete the sheet if "
        "they are not meant to count"
    )
    return Problem(path, None, None, "hidden-sheet", message, Severity.WARNING)


def merge(parts: Iterable[Results]) -> Results:
    """Merge results of several files; the same indicator, year and area twice must agree."""
    out = Results()
    seen: dict[tuple[str, int, str | None], Measured] = {}
    folded: dict[str | None, str | None] = {None: None}
    statuses: list[TaskStatus] = []
    append = out.values.append
    for part in parts:
        out.problems += part.problems
        statuses += part.statuses
        for m in part.values:
            area = folded.get(m.area, m)  # m: a sentinel no area equals
            if area is m:
                area = folded[m.area] = fold(m.area) if m.area else None
            key = (m.id, m.year, area)
            first = seen.get(key)  # type: ignore[arg-type]
            if first is None:
                seen[key] = m  # type: ignore[index]
                append(m)
            elif abs(first.value - m.value) > 1e-9:
                place = f" ({m.area})" if m.area else ""
                out.problems.append(
                    m.where.problem(
                        "conflict",
                        f"{m.id} {m.year}{place}: {m.value:g} here but {first.value:g} at {first.where}: "
                        "keep one value",
                    )
                )
    out.statuses = merge_statuses(statuses)
    return out


def read_results(paths: list[Path], plan: Plan, named_after: Callable[[Path], str | None] | None = None) -> Results:
    """Read and merge every results file; `named_after` gives the unit a file is named after (see read_file)."""
    return merge(read_file(p, plan, named_after(p) if named_after else None) for p in paths)
