"""`hrplan template --unit`: the workbook one unit fills in and sends back.

It holds only what the collection assignment gives the unit: its indicators for the province (*Kết quả*: the
previous year's result and this year's target beside one input column), those it reports by district (*Theo địa
bàn*: a row per district) and the tasks it leads (*Nhiệm vụ*: full titles, the co-leads, a status to choose). The
first sheet (*Hướng dẫn*) has the header block — the reporting unit, which hrplan reads back, the preparer, phone,
date, the deadline and where to send it — and the instructions. Input cells are yellow, validated, with an input
prompt; every other cell is locked (no password), the structure too. A4 landscape, the header row repeated, row
heights that fit the wrapped text. A very hidden sheet keeps a copy of the form (results/form.py), so that a
returned workbook can be checked against it. The sheets read back through the normal readers: the wide layout
with a target column, an area column, a tasks table, and a 'Đơn vị báo cáo' line above each.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from hrplan.plan.collection import Collection, UnitAssignment
from hrplan.plan.model import Indicator, Plan, number
from hrplan.report.excel_style import (
    BOLD,
    CENTER,
    FONT_NAME,
    GROUP_FILL,
    HEAD_FILL,
    ITALIC,
    THIN_BORDER,
    WRAP,
    fit_heights,
    print_setup,
    use_font,
)
from hrplan.report.fmt import fmt_date, fmt_unit
from hrplan.report.labels import Labels
from hrplan.report.xlsxsafe import defuse, deterministic_bytes, safe_text
from hrplan.results.form import FORM_SHEET, Form, SheetForm, encode
from hrplan.results.taskstatus import STATUSES

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_INPUT_SIDE = Side(style="thin", color="BF9000")
INPUT_BORDER = Border(left=_INPUT_SIDE, right=_INPUT_SIDE, top=_INPUT_SIDE, bottom=_INPUT_SIDE)
HEAD_ROW = 4  # title, reporting unit, hint, then the table's header
MIN_ROW = 20.0  # points: a printed row a value can be written in by hand


class Builder:
    """What one workbook needs to know: the plan, the unit's assignment, the year and the words."""

    def __init__(self, plan: Plan, collection: Collection, unit: UnitAssignment, year: int, lang: str) -> None:
        self.plan, self.collection, self.unit, self.year, self.t = plan, collection, unit, year, Labels(lang)
        self.validations: dict[str, DataValidation] = {}

    def validation(self, ws: Worksheet, kind: str) -> DataValidation:
        """One validation per kind and sheet, with its input prompt and (for numbers, dates, statuses) its error."""
        key = f"{ws.title}/{kind}"
        if key not in self.validations:
            dv = _rule(kind, [STATUSES[s][self.lang_index] for s in STATUSES])
            t = self.t
            dv.allow_blank, dv.showInputMessage = True, True
            dv.promptTitle, dv.prompt = t(f"form_prompt_{kind}_title"), t(f"form_prompt_{kind}")
            if kind in ("pct", "ppl", "status", "date"):
                dv.showErrorMessage = True
                dv.errorTitle, dv.error = t(f"form_prompt_{kind}_title"), t(f"form_error_{kind}")
            ws.add_data_validation(dv)
            self.validations[key] = dv
        return self.validations[key]

    @property
    def lang_index(self) -> int:
        return 0 if self.t.lang == "vi" else 1

    def input(self, ws: Worksheet, row: int, col: int, kind: str, number_format: str | None = None) -> None:
        if row > HEAD_ROW and ws.title != self.t("form_sheet_guide"):
            ws.cell(HEAD_ROW, col).fill = INPUT_FILL  # the header of a column to fill in, in the same colour
        cell = ws.cell(row, col)
        cell.fill, cell.border, cell.protection = INPUT_FILL, INPUT_BORDER, Protection(locked=False)
        cell.alignment = WRAP if kind in ("note", "evidence", "person") else Alignment(vertical="center")
        if number_format:
            cell.number_format = number_format
        self.validation(ws, kind).add(cell.coordinate)


def _rule(kind: str, statuses: list[str]) -> DataValidation:
    """What an input cell of each kind accepts."""
    if kind == "pct":
        return DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
    if kind == "ppl":
        return DataValidation(type="whole", operator="between", formula1="0", formula2="100000000")
    if kind == "status":
        return DataValidation(type="list", formula1='"' + ",".join(statuses) + '"')
    if kind == "date":
        return DataValidation(type="date", operator="greaterThan", formula1="36526")  # after 01/01/2000
    longest = {"person": "200", "phone": "50"}.get(kind, "2000")
    return DataValidation(type="textLength", operator="lessThanOrEqual", formula1=longest)


def _put(ws: Worksheet, row: int, col: int, value: str | float | None, bold: bool = False) -> Cell | MergedCell:
    cell = ws.cell(row, col, safe_text(value) if isinstance(value, str) else value)
    cell.border, cell.alignment = THIN_BORDER, WRAP
    if bold:
        cell.font = BOLD
    return cell


def _head(f: Builder, ws: Worksheet, title: str, hint: str, heads: list[str], widths: list[int]) -> None:
    """Title, the reporting-unit line, a hint, then the table's header row; the columns' widths."""
    n = len(heads)
    for row, text, font in ((1, title, Font(name=FONT_NAME, bold=True, size=13)), (3, hint, ITALIC)):
        cell = ws.cell(row, 1, safe_text(text))
        cell.font, cell.alignment = font, CENTER if row == 1 else WRAP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n)
    ws.cell(2, 1, safe_text(f"{f.t('form_unit')} {f.unit.name}")).font = BOLD  # read back as the reporting unit
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    for c, text in enumerate(heads, 1):
        cell = ws.cell(HEAD_ROW, c, safe_text(text))
        cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEAD_FILL, CENTER, THIN_BORDER
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[chr(64 + c)].width = width
    ws.row_dimensions[1].height, ws.row_dimensions[3].height = 22, 30
    ws.freeze_panes = f"A{HEAD_ROW + 1}"


def _value_format(ind: Indicator) -> str:
    return "#,##0" if ind.unit == "people" else "General"


def _target(f: Builder, ind: Indicator) -> str | float | None:
    """This year's target: a number when the plan has one source for the year, else each source's."""
    by_source = ind.targets.get(f.year, {})
    if len(by_source) == 1:
        return number(next(iter(by_source.values())))
    return "; ".join(f"{s} {number(v):g}" for s, v in by_source.items()) or None


def _results(f: Builder, wb: Workbook) -> None:
    t, y = f.t, f.year
    ws = wb.create_sheet(t("form_sheet_results"))
    heads = [t("id"), t("name"), t("unit"), t("form_prev", p=y - 1), t("form_target", y=y), t("form_result", y=y),
             t("notes")]  # fmt: skip
    _head(f, ws, t("form_results_title", y=y), t("form_hint_results"), heads, [7, 56, 7, 12, 12, 13, 32])
    r = HEAD_ROW + 1
    mine = [f.plan.indicator(i) for i in f.unit.indicators]
    for group, info in f.plan.targets.groups.items():
        rows = [i for i in mine if i is not None and i.group == group]
        if not rows:
            continue
        for c, value in enumerate([group, t.name(info.name, info.name_en), None, None, None, None, None], 1):
            _put(ws, r, c, value, bold=True).fill = GROUP_FILL
        r += 1
        for ind in rows:
            prev = ind.published.results.get(y - 1) if ind.published else None
            before = number(prev) if prev is not None else None
            values: list[str | float | None] = [ind.id, t.name(ind.name, ind.name_en), t.unit(ind.unit), before]
            values.append(_target(f, ind))
            for c, cell_value in enumerate(values, 1):
                cell = _put(ws, r, c, "–" if c > 3 and cell_value is None else cell_value)
                cell.number_format = _value_format(ind)
                if c == 3 or cell.value == "–":
                    cell.alignment = CENTER
            f.input(ws, r, 6, "pct" if ind.unit == "percent" else "ppl", _value_format(ind))
            f.input(ws, r, 7, "note")
            r += 1


def _districts(f: Builder, wb: Workbook) -> None:
    t, y = f.t, f.year
    ws = wb.create_sheet(t("form_sheet_districts"))
    heads = [t("id"), t("name"), t("unit"), t("area"), t("form_result", y=y), t("notes")]
    _head(f, ws, t("form_districts_title", y=y), t("form_hint_districts", y=y), heads, [7, 50, 7, 20, 13, 32])
    r = HEAD_ROW + 1
    for ind_id in f.unit.by_district:
        ind = f.plan.indicator(ind_id)
        if ind is None:
            continue
        first = r
        for k, district in enumerate(f.collection.districts):
            name = t.name(ind.name, ind.name_en) if k == 0 else None  # the name once, across the group's rows
            for c, value in enumerate([ind.id, name, t.unit(ind.unit), district], 1):
                _put(ws, r, c, value, bold=c == 4).alignment = CENTER if c == 3 else WRAP
            f.input(ws, r, 5, "pct" if ind.unit == "percent" else "ppl", _value_format(ind))
            f.input(ws, r, 6, "note")
            r += 1
        if r - first > 1:
            ws.merge_cells(start_row=first, start_column=2, end_row=r - 1, end_column=2)


def _tasks(f: Builder, wb: Workbook) -> None:
    t, y = f.t, f.year
    ws = wb.create_sheet(t("form_sheet_tasks"))
    heads = [t("form_task_id"), t("form_task"), t("lead"), t("status"), t("notes"), t("evidence")]
    _head(f, ws, t("form_tasks_title", y=y), t("form_hint_tasks"), heads, [9, 62, 24, 17, 30, 22])
    co_leads = f.collection.task_map()
    shown: set[str] = set()
    r = HEAD_ROW + 1
    for tid in f.unit.tasks:
        task = f.plan.task(tid)
        if task is None:
            continue
        parts = tid.split(".")
        for k in range(1, len(parts)):  # the headings above it, for context: grey, nothing to fill in
            parent = f.plan.task(".".join(parts[:k]))
            if parent is not None and parent.id not in shown and parent.id not in f.unit.tasks:
                for c, value in enumerate([parent.id, parent.title, None, None, None, None], 1):
                    _put(ws, r, c, value, bold=True).fill = GROUP_FILL
                shown.add(parent.id)
                r += 1
        title = task.title
        if task.deadline is not None:  # in the title, not a column: a date of its own could pass for a year heading
            title += f"\n({t('form_due', d=fmt_date(task.deadline, t.lang))})"
        given = co_leads.get(tid, ())
        leads = [u for u in task.lead if u in given] + [u for u in given if u not in task.lead]
        for c, value in enumerate([tid, title, "; ".join(fmt_unit(f.plan, u, t.lang) for u in leads)], 1):
            _put(ws, r, c, value)
        f.input(ws, r, 4, "status")
        f.input(ws, r, 5, "note")
        f.input(ws, r, 6, "evidence")
        shown.add(tid)
        r += 1


def _guide(f: Builder, ws: Worksheet, sheets: list[str]) -> None:
    """The header block and the instructions: who fills it in, by when and where it goes."""
    t, y, c = f.t, f.year, f.collection
    ws.title = t("form_sheet_guide")
    title = ws.cell(1, 1, safe_text(t("form_title", plan=f.plan.targets.plan.id, y=y)))
    title.font, title.alignment = Font(name=FONT_NAME, bold=True, size=13), CENTER
    ws.merge_cells("A1:B1")
    ws.row_dimensions[1].height = 36
    to = fmt_unit(f.plan, c.collector, t.lang) if c.collector else t("form_blank")
    by = t("form_deadline_value", d=fmt_date(c.deadline, t.lang)) if c.deadline else t("form_blank")
    block = [("form_unit", f.unit.name, None), ("form_preparer", None, "person"), ("form_phone", None, "phone"),
             ("form_date", None, "date"), ("form_deadline", by, None),
             ("form_send_to", t("form_send_to_value", unit=to) if c.collector else to, None)]  # fmt: skip
    for r, (label, value, kind) in enumerate(block, start=3):
        ws.cell(r, 1, t(label)).font = BOLD
        if kind:
            f.input(ws, r, 2, kind, "dd/mm/yyyy" if kind == "date" else None)
        else:
            cell = ws.cell(r, 2, safe_text(value or ""))
            cell.font, cell.alignment = BOLD, WRAP
    ws.cell(10, 1, t("form_guide")).font = BOLD
    steps = []
    names = {"results": t("form_sheet_results"), "districts": t("form_sheet_districts"), "tasks": t("form_sheet_tasks")}
    if "results" in sheets:
        steps.append(t("form_guide_results", sheet=names["results"], y=y, col=t("form_result", y=y),
                       prev=t("form_prev", p=y - 1), target=t("form_target", y=y)))  # fmt: skip
    if "districts" in sheets:
        steps.append(t("form_guide_districts", sheet=names["districts"], y=y, col=t("form_result", y=y)))
    if "results" in sheets or "districts" in sheets:
        steps += [t("form_guide_numbers"), t("form_guide_blank")]
    if "tasks" in sheets:
        steps.append(t("form_guide_tasks", sheet=names["tasks"]))
    steps += [t("form_guide_locked"), t("form_guide_send", to=to, by=by)]
    for k, text in enumerate(steps, 1):
        ws.cell(10 + k, 1, f"{k}.").alignment = Alignment(horizontal="right", vertical="top")
        ws.cell(10 + k, 2, safe_text(text)).alignment = Alignment(vertical="top", wrap_text=True)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 18, 100


def _snapshot(wb: Workbook, unit: str, year: int) -> Form:
    """The form as written: each sheet's input cells and the value of every other filled cell."""
    sheets = []
    for ws in wb.worksheets:
        spec = SheetForm(ws.title, HEAD_ROW if ws is not wb.worksheets[0] else 0)
        for row in ws.iter_rows():
            for cell in row:
                if type(cell).__name__ == "MergedCell":
                    continue
                if cell.protection.locked is False:
                    spec.inputs.add(cell.coordinate)
                elif isinstance(cell.value, str | int | float):
                    spec.cells[cell.coordinate] = cell.value
        sheets.append(spec)
    return Form(unit, year, sheets)


def unit_template_bytes(plan: Plan, collection: Collection, unit: UnitAssignment, year: int, lang: str = "vi") -> bytes:
    """The workbook of one reporting unit for `year`."""
    from openpyxl import Workbook

    f = Builder(plan, collection, unit, year, lang)
    wb = Workbook()
    guide = wb.worksheets[0]
    sheets = [k for k, has in (("results", unit.indicators), ("districts", unit.by_district and collection.districts),
                               ("tasks", unit.tasks)) if has]  # fmt: skip
    builders = {"results": _results, "districts": _districts, "tasks": _tasks}
    for kind in sheets:
        builders[kind](f, wb)
    _guide(f, guide, sheets)
    for ws in wb.worksheets:
        use_font(ws)
        fit_heights(ws, 2 if ws is guide else HEAD_ROW, chars_per_width=1.3)
        for r in range(HEAD_ROW + 1, ws.max_row + 1) if ws is not guide else ():
            ws.row_dimensions[r].height = max(ws.row_dimensions[r].height or 0, MIN_ROW)  # room to write by hand
        print_setup(ws, "1:1" if ws is guide else f"{HEAD_ROW}:{HEAD_ROW}")
        ws.protection.sheet = True  # no password: a lock against slips, not against the unit
        ws.protection.formatRows = ws.protection.formatColumns = False  # rows and columns may still be resized
    form = _snapshot(wb, unit.unit, year)
    hidden = wb.create_sheet(FORM_SHEET)
    for r, text in enumerate(encode(form), start=1):
        hidden.cell(r, 1, text)
    hidden.sheet_state = "veryHidden"
    hidden.protection.sheet = True
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 0
    defuse(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return deterministic_bytes(buf.getvalue())


def unit_templates(plan: Plan, collection: Collection, year: int, lang: str = "vi") -> dict[str, bytes]:
    """File name -> workbook, one for each reporting unit."""
    return {u.file_name(year): unit_template_bytes(plan, collection, u, year, lang) for u in collection.units}
