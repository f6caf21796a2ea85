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

from openpyxl.styles import Alignment, Font
from openpyxl.workbook.protection import WorkbookProtection

from hrplan.plan.collection import Collection, UnitAssignment
from hrplan.plan.model import Indicator, Plan, number
from hrplan.report.excel_style import BOLD, CENTER, FONT_NAME, GROUP_FILL, WRAP, fit_heights, print_setup, use_font
from hrplan.report.fmt import fmt_date, fmt_unit
from hrplan.report.form_kit import HEAD_ROW, MIN_ROW, Builder, head, put
from hrplan.report.xlsxsafe import defuse, deterministic_bytes, safe_text
from hrplan.results.form import FORM_SHEET, Form, SheetForm, encode

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


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
    head(f, ws, t("form_results_title", y=y), t("form_hint_results"), heads, [7, 56, 7, 12, 12, 13, 32])
    r = HEAD_ROW + 1
    mine = [f.plan.indicator(i) for i in f.unit.indicators]
    for group, info in f.plan.targets.groups.items():
        rows = [i for i in mine if i is not None and i.group == group]
        if not rows:
            continue
        for c, value in enumerate([group, t.name(info.name, info.name_en), None, None, None, None, None], 1):
            put(ws, r, c, value, bold=True).fill = GROUP_FILL
        r += 1
        for ind in rows:
            prev = ind.published.results.get(y - 1) if ind.published else None
            before = number(prev) if prev is not None else None
            values: list[str | float | None] = [ind.id, t.name(ind.name, ind.name_en), t.unit(ind.unit), before]
            values.append(_target(f, ind))
            for c, cell_value in enumerate(values, 1):
                cell = put(ws, r, c, "–" if c > 3 and cell_value is None else cell_value)
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
    head(f, ws, t("form_districts_title", y=y), t("form_hint_districts", y=y), heads, [7, 50, 7, 20, 13, 32])
    r = HEAD_ROW + 1
    for ind_id in f.unit.by_district:
        ind = f.plan.indicator(ind_id)
        if ind is None:
            continue
        first = r
        for k, district in enumerate(f.collection.districts):
            name = t.name(ind.name, ind.name_en) if k == 0 else None  # the name once, across the group's rows
            for c, value in enumerate([ind.id, name, t.unit(ind.unit), district], 1):
                put(ws, r, c, value, bold=c == 4).alignment = CENTER if c == 3 else WRAP
            f.input(ws, r, 5, "pct" if ind.unit == "percent" else "ppl", _value_format(ind))
            f.input(ws, r, 6, "note")
            r += 1
        if r - first > 1:
            ws.merge_cells(start_row=first, start_column=2, end_row=r - 1, end_column=2)


def _tasks(f: Builder, wb: Workbook) -> None:
    t, y = f.t, f.year
    ws = wb.create_sheet(t("form_sheet_tasks"))
    heads = [t("form_task_id"), t("form_task"), t("lead"), t("status"), t("notes"), t("evidence")]
    head(f, ws, t("form_tasks_title", y=y), t("form_hint_tasks"), heads, [9, 62, 24, 17, 30, 22])
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
                    put(ws, r, c, value, bold=True).fill = GROUP_FILL
                shown.add(parent.id)
                r += 1
        title = task.title
        if task.deadline is not None:  # in the title, not a column: a date of its own could pass for a year heading
            title += f"\n({t('form_due', d=fmt_date(task.deadline, t.lang))})"
        given = co_leads.get(tid, ())
        leads = [u for u in task.lead if u in given] + [u for u in given if u not in task.lead]
        for c, value in enumerate([tid, title, "; ".join(fmt_unit(f.plan, u, t.lang) for u in leads)], 1):
            put(ws, r, c, value)
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
    send = t("form_guide_send", to=to, by=by) if c.collector and c.deadline else t("form_guide_send_open")
    steps += [t("form_guide_locked"), send]
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
