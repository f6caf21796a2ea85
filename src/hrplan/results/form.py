"""A department's workbook checked against the form it was sent as.

`hrplan template --unit` keeps a copy of the form inside the workbook: a very hidden sheet ('hrplan') holding,
as JSON, every sheet's name, its input cells and the value of every other cell. A returned workbook is read by
the normal readers; this check only adds what they cannot see: a sheet deleted or renamed, a header or any other
protected cell edited (a year changed, a previous result overwritten, a number typed as text where the form has a
number), and values typed outside the input cells (moved, or another unit's indicators added below). Each is an
error at its cell, so nothing is read silently wrong. A workbook without the hidden sheet is not a form: nothing
is checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from hrplan.core.problems import Problem
from hrplan.results.measured import col_letter
from hrplan.results.sheet import CellValue, Row, Sheet

FORM_SHEET = "hrplan"
_PREFIX = "hrplan-form "  # every cell of the hidden sheet starts so: the readers never take it for a header
_CHUNK = 30_000  # characters of JSON per cell (a cell holds 32,767)

FormCell = str | int | float


@dataclass
class SheetForm:
    """One sheet of the form: its header row, input cells and the value of every other filled cell."""

    name: str
    header_row: int
    inputs: set[str] = field(default_factory=set)
    cells: dict[str, FormCell] = field(default_factory=dict)


@dataclass
class Form:
    unit: str
    year: int
    sheets: list[SheetForm]


def encode(form: Form) -> list[str]:
    """The hidden sheet's cells (column A, from A1)."""
    body = json.dumps(
        {
            "form": 1,
            "unit": form.unit,
            "year": form.year,
            "sheets": [
                {"name": s.name, "header_row": s.header_row, "inputs": sorted(s.inputs), "cells": s.cells}
                for s in form.sheets
            ],
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    return [_PREFIX + body[i : i + _CHUNK] for i in range(0, len(body), _CHUNK)]


def decode(rows: Iterable[Row]) -> Form | None:
    """The form kept in the hidden sheet's rows, or None when they hold none (or it cannot be read)."""
    text = "".join(v[0][len(_PREFIX) :] for _, v, _ in rows if v and isinstance(v[0], str) and v[0].startswith(_PREFIX))
    try:
        body = json.loads(text)
        sheets = [
            SheetForm(s["name"], int(s["header_row"]), set(s["inputs"]), dict(s["cells"])) for s in body["sheets"]
        ]
        return Form(str(body["unit"]), int(body["year"]), sheets)
    except (ValueError, KeyError, TypeError):
        return None


def recording(sheets: list[Sheet]) -> tuple[list[Sheet], dict[str, list[Row]]]:
    """The sheets, each recording its rows as the readers go through them (for the check afterwards)."""
    kept: dict[str, list[Row]] = {}

    def tee(name: str, rows: Iterator[Row]) -> Iterator[Row]:
        for row in rows:
            kept[name].append(row)
            yield row

    out = []
    for s in sheets:
        kept[s.name or ""] = []
        out.append(Sheet(s.name, tee(s.name or "", s.rows), s.text_file, s.uncalculated))
    return out, kept


def _same(now: CellValue, then: FormCell) -> bool:
    if isinstance(then, int | float) and not isinstance(now, bool) and isinstance(now, int | float):
        return abs(float(now) - float(then)) < 1e-9
    return isinstance(now, str) and isinstance(then, str) and " ".join(now.split()) == " ".join(then.split())


def _shown(value: CellValue | FormCell) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _row(ref: str) -> int:
    return int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


MAX_PER_SHEET = 12  # rows inserted or sorted move every cell below: the first ones say enough


def check_form(path: str, form: Form, rows: dict[str, list[Row]]) -> list[Problem]:
    """Every way the returned workbook departs from its form, each at its cell (at most MAX_PER_SHEET a sheet)."""
    out: list[Problem] = []
    for sheet in form.sheets:
        got = rows.get(sheet.name)
        if got is None:
            missing = f"the sheet '{sheet.name}' of the form is missing (deleted or renamed): restore it"
            out.append(Problem(path, None, None, "sheet-missing", missing + ", or fill in a fresh copy of the form"))
            continue
        found: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for n, values, _ in got:
            for c, value in enumerate(values):
                ref = f"{col_letter(c)}{n}"
                seen.add(ref)
                if ref in sheet.inputs or ((value is None or value == "") and ref not in sheet.cells):
                    continue
                problem = _departure(sheet, ref, value)
                if problem:
                    found.append((ref, *problem))
        found += [(ref, *p) for ref in sorted(sheet.cells.keys() - seen, key=_row) if (p := _departure(sheet, ref))]
        for ref, code, message in found[:MAX_PER_SHEET]:
            out.append(Problem(path, None, None, code, message, cell=f"{sheet.name}!{ref}"))
        if len(found) > MAX_PER_SHEET:
            out.append(Problem(path, None, None, "form-changed", f"{len(found) - MAX_PER_SHEET} more cells of the "
                               f"sheet '{sheet.name}' differ from the form: were rows inserted, deleted or sorted? "
                               "Fill in a fresh copy of the form"))  # fmt: skip
    return out


def _departure(sheet: SheetForm, ref: str, value: CellValue = None) -> tuple[str, str] | None:
    """(code, message) when the cell departs from the form; None when it is as the form has it."""
    then = sheet.cells.get(ref)
    if then is None:
        inputs = sorted(c for c in sheet.inputs if _row(c) == _row(ref))
        where = f"type it in {' or '.join(inputs)}" if inputs else "type values only in the yellow input cells"
        return "outside-form", f"'{_shown(value)}' is outside the form's input cells: {where}, and delete it here"
    if value is not None and value != "" and _same(value, then):
        return None
    now = "blank" if value is None or value == "" else f"'{_shown(value)}'"
    if _row(ref) == sheet.header_row:
        return "edited-header", (f"the form's header was edited: it reads {now}, the form has '{_shown(then)}'. "
                                 "Restore it: the values below it would be read under the wrong heading")  # fmt: skip
    typed = " (a number typed as text)" if isinstance(value, str) and isinstance(then, int | float) else ""
    return "protected-cell", (f"a protected cell of the form was changed: it holds {now}{typed}, the form has "
                              f"'{_shown(then)}'. Restore it; results go only in the yellow input cells")  # fmt: skip
