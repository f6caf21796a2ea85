"""The Excel report's other sheets: appendix 02 (tasks), the assignment matrix, and the sources of every value."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrplan.analysis.reading import YearReading
from hrplan.core.paths import displayed
from hrplan.plan.queries import assignment_matrix, task_rows
from hrplan.report.excel_style import (
    BOLD,
    CENTER,
    GROUP_FILL,
    HEAD_FILL,
    ITALIC,
    THIN_BORDER,
    WRAP,
    fit_heights,
    form_heading,
    print_setup,
    put,
)
from hrplan.report.fmt import fmt_date, fmt_task_notes, side_by_side
from hrplan.report.labels import Labels
from hrplan.report.xlsxsafe import safe_text

if TYPE_CHECKING:
    from openpyxl import Workbook


def appendix_02(wb: Workbook, reading: YearReading, t: Labels, attached: str) -> None:
    """Every task with its units, deadline, section III's lead where it differs, and the reported status."""
    plan = reading.plan
    ws = wb.create_sheet(t("sheet2"))
    form_heading(ws, 10, t("appendix", n="02"), t("title2_plan", y=reading.year, plan=plan.targets.plan.id), attached)
    heads = [t("tt"), t("task"), t("lead"), t("partners"), t("deadline"), t("lead3"), t("status"),
             t("by_unit_status"), t("notes"), t("evidence")]  # fmt: skip
    for c, h in enumerate(heads, 1):
        cell = ws.cell(4, c, h)
        cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEAD_FILL, CENTER, THIN_BORDER
    for r, row in enumerate(task_rows(plan), start=5):
        task = plan.task(row["id"])
        sec3 = row["lead_section_iii"] if set(row["lead_section_iii"]) != set(row["lead"]) else []
        report = reading.tasks.report_of(row["id"])
        shared = "\n".join(side_by_side(plan, report, t.lang)) if report and len(report.side_by_side) > 1 else ""
        note, evidence = fmt_task_notes(plan, report, t.lang) if report else ("", "")
        values = [row["id"], row["title"], "; ".join(plan.unit_name(u) for u in row["lead"]),
                  "; ".join(plan.unit_name(u) for u in row["partners"]),
                  fmt_date(task.deadline if task else None, t.lang), "; ".join(plan.unit_name(u) for u in sec3),
                  t(report.status) if report else "" if "." not in row["id"] else t("not_reported"),
                  shared, note, evidence]  # fmt: skip
        heading = "." not in row["id"]
        for c, v in enumerate(values, 1):
            cell = put(ws, r, c, v)
            cell.alignment = WRAP
            if heading:
                cell.font, cell.fill = BOLD, GROUP_FILL
    for col, width in zip("ABCDEFGHIJ", (8, 56, 24, 28, 11, 20, 14, 30, 22, 18), strict=True):
        ws.column_dimensions[col].width = width
    fit_heights(ws, 5)
    ws.freeze_panes = "B5"
    ws.auto_filter.ref = f"A4:J{ws.max_row}"
    ws.cell(ws.max_row + 2, 1, t("status_rule")).font = ITALIC
    print_setup(ws, "4:4")


def matrix_sheet(wb: Workbook, reading: YearReading, t: Labels) -> None:
    """Units x tasks: C where the unit leads (chủ trì), P where it coordinates (phối hợp)."""
    plan = reading.plan
    m = assignment_matrix(plan)
    ws = wb.create_sheet(t("sheet_matrix"))
    ws.cell(1, 1, t("matrix_key")).font = BOLD
    ws.cell(2, 1, t("unit_col")).font = BOLD
    for c, tid in enumerate(m["tasks"], start=2):
        cell = ws.cell(2, c, tid)
        cell.font, cell.alignment, cell.fill = BOLD, CENTER, HEAD_FILL
        ws.column_dimensions[cell.column_letter].width = 5.5
    for r, unit in enumerate(m["units"], start=3):
        ws.cell(r, 1, safe_text(plan.unit_name(unit)))
        for c, tid in enumerate(m["tasks"], start=2):
            role = m["cells"].get(tid, {}).get(unit)
            if role:
                cell = ws.cell(r, c, "C" if role == "lead" else "P")
                cell.alignment = CENTER
                if role == "lead":
                    cell.font, cell.fill = BOLD, HEAD_FILL
    ws.column_dimensions["A"].width = 42
    ws.freeze_panes = "B3"
    print_setup(ws, "2:2")


def sources_sheet(wb: Workbook, reading: YearReading, t: Labels) -> None:
    """Where every value came from, with the note that came with it."""
    ws = wb.create_sheet(t("sheet_sources"))
    for c, h in enumerate([t("id"), t("area"), t("year"), t("src_value"), t("src_where"), t("notes")], 1):
        ws.cell(1, c, h).font = BOLD
    r = 2
    for a in reading.areas:
        for row in a.rows:
            for m in row.sources:
                put(ws, r, 1, row.indicator.id)
                put(ws, r, 2, a.area or "")
                put(ws, r, 3, m.year)
                put(ws, r, 4, m.value, row.indicator.unit)
                put(ws, r, 5, displayed(str(m.where), m.file))
                put(ws, r, 6, m.note).alignment = WRAP
                r += 1
    for col, width in zip("ABCDEF", (10, 18, 8, 12, 60, 30), strict=True):
        ws.column_dimensions[col].width = width
    fit_heights(ws, 2)
    ws.freeze_panes = "A2"
    print_setup(ws, "1:1")


def problems_sheet(wb: Workbook, reading: YearReading, t: Labels) -> None:
    """The problems found in the inputs, on a sheet of their own (its own headings on every printed page)."""
    if not reading.problems:
        return
    ws = wb.create_sheet(t("sheet_problems"))
    ws.cell(1, 1, t("problems_found")).font = BOLD
    for c, h in enumerate([t("severity"), t("code"), t("location"), t("message")], 1):
        cell = ws.cell(2, c, h)
        cell.font, cell.fill, cell.border = BOLD, HEAD_FILL, THIN_BORDER
    for r, p in enumerate(reading.problems, start=3):
        for c, v in enumerate([p.severity.value, p.code, displayed(p.location(), p.path), p.message], 1):
            put(ws, r, c, v).alignment = WRAP
    for col, width in zip("ABCD", (10, 20, 40, 80), strict=True):
        ws.column_dimensions[col].width = width
    fit_heights(ws, 3)
    ws.freeze_panes = "A3"
    print_setup(ws, "2:2")
