"""The Excel report: appendix 01 recomputed, appendix 02, the assignment matrix, a chart, and the sources."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hrplan.analysis.ratios import Comparison, Verdict
from hrplan.analysis.reading import AreaReading, YearReading
from hrplan.core.errors import HrplanError
from hrplan.core.text import clean_control
from hrplan.plan.model import goal_bounds
from hrplan.report.excel_style import (
    BOLD,
    CENTER,
    GROUP_FILL,
    HEAD_FILL,
    RIGHT,
    THIN_BORDER,
    WRAP,
    fit_heights,
    fit_widths,
    form_heading,
    paint,
    print_setup,
    put,
    use_font,
)
from hrplan.report.fmt import fmt_basis, fmt_date
from hrplan.report.labels import Labels
from hrplan.report.registry import RenderOptions
from hrplan.report.xlsxsafe import CellTextTooLong, defuse, deterministic_bytes, safe_text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

VERDICT_TONE = {Verdict.MET: "good", Verdict.NOT_MET: "poor"}


@dataclass(frozen=True)
class Layout:
    """Appendix 01's columns for a reading: fixed ones around the target sources of the year and the next."""

    sources: list[str]
    next_sources: list[str]

    def columns(self) -> int:
        return 5 + len(self.sources) + 2 + 2 + len(self.sources) + 1 + len(self.next_sources) + 3


def _tt(ind_id: str) -> str:
    return "-" if ind_id[-1].isalpha() else ind_id[1:]


def attached(reading: YearReading, opts: RenderOptions, t: Labels) -> str:
    """The '(Kèm theo Báo cáo số …/BC-UBND ngày … của UBND tỉnh …)' line, with dotted blanks for what is not given."""
    day = fmt_date(opts.date, t.lang) if opts.date else t("blank_date")
    return t("attached", number=opts.number or t("blank_number"), date=day, province=reading.plan.targets.plan.province)


def _header(ws: Worksheet, reading: YearReading, area: AreaReading, lay: Layout, t: Labels, opts: RenderOptions) -> int:
    y, h = reading.year, reading.horizon
    ncol = lay.columns()
    info = reading.plan.targets.plan
    title = t("title1_plan", y=y, plan=info.id) + (f" – {area.area.upper()}" if area.area else "")
    form_heading(ws, ncol, t("appendix", n="01"), title, attached(reading, opts, t))
    top, sub = 4, 5
    spans: list[tuple[str, list[str]]] = [
        (t("tt"), []), (t("id"), []), (t("name"), []), (t("unit"), []), (t("goal_full", h=h), []),
        (t("targets_year", y=y), [t("mt_src", s=s) for s in lay.sources]),
        (t("results"), [t("year_col", y=y - 1), t("year_col", y=y)]),
        (t("compare"), [t("ratio_prev_full", y=y, p=y - 1), *(t("ratio_src_full", s=s) for s in lay.sources),
                        t("ratio_goal", h=h)]),
        (t("progress_full", h=h), []),
        *([(t("next_year", n=y + 1), list(lay.next_sources))] if lay.next_sources else []),
        (t("lead"), []), (t("partners"), []), (t("notes"), []),
    ]  # fmt: skip
    c = 1
    for title, subs in spans:
        ws.cell(top, c, title)
        if not subs:
            ws.merge_cells(start_row=top, start_column=c, end_row=sub, end_column=c)
            c += 1
            continue
        if len(subs) > 1:
            ws.merge_cells(start_row=top, start_column=c, end_row=top, end_column=c + len(subs) - 1)
        for k, s in enumerate(subs):
            ws.cell(sub, c + k, s)
        c += len(subs)
    for row in (top, sub):
        for col in range(1, ncol + 1):
            cell = ws.cell(row, col)
            cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEAD_FILL, CENTER, THIN_BORDER
    return sub


def _indicator_row(ws: Worksheet, r: int, reading: YearReading, row: Comparison, lay: Layout, t: Labels) -> None:
    ind, plan = row.indicator, reading.plan
    unit = ind.unit
    put(ws, r, 1, _tt(ind.id)).alignment = CENTER
    put(ws, r, 2, ind.id).alignment = CENTER
    put(ws, r, 3, t.name(ind.name, ind.name_en)).alignment = WRAP
    put(ws, r, 4, t.unit(unit)).alignment = CENTER
    if ind.goal_2030 is None:
        put(ws, r, 5, None)
    else:
        lo, hi = goal_bounds(ind.goal_2030)
        put(ws, r, 5, lo if lo == hi else f"{lo:g}–{hi:g}{'%' if unit == 'percent' else ''}", unit).alignment = RIGHT
    c = 6
    for s in lay.sources:
        put(ws, r, c, row.targets.get(s), unit)
        c += 1
    put(ws, r, c, row.previous, unit)
    put(ws, r, c + 1, row.result, unit)
    c += 2
    put(ws, r, c, row.ratio_previous.value, percent=True)  # growth, not success: never coloured
    c += 1
    for s in lay.sources:
        paint(put(ws, r, c, row.ratio_targets[s].value if s in row.ratio_targets else None, percent=True),
              VERDICT_TONE.get(row.verdict(s)))  # fmt: skip
        c += 1
    tone = row.progress.tone if row.progress else None
    paint(put(ws, r, c, row.ratio_2030.value, percent=True), tone if row.ratio_2030.value is not None else None)
    c += 1
    progress = put(ws, r, c, t(row.progress.klass) if row.progress else None)
    progress.alignment = WRAP
    paint(progress, tone)
    c += 1
    for s in lay.next_sources:
        put(ws, r, c, row.next_targets.get(s), unit)
        c += 1
    put(ws, r, c, "; ".join(plan.unit_name(u) for u in ind.lead)).alignment = WRAP
    put(ws, r, c + 1, "; ".join(plan.unit_name(u) for u in ind.partners)).alignment = WRAP
    put(ws, r, c + 2, "; ".join(f"{m.year}: {m.note}" for m in row.notes) or None).alignment = WRAP


def sheet_title(text: str, taken: list[str]) -> str:
    """A valid, unique sheet name, as Excel accepts one: no control character (it would make the workbook's XML
    invalid), at most 31 characters, none of []:*?/\\, no apostrophe at either end, not 'History'."""
    base = "".join("-" if ch in "[]:*?/\\" else ch for ch in clean_control(text))[:31].strip(" '") or "Sheet"
    if base.casefold() == "history":
        base += " (2)"
    name, k = base, 2
    while name.casefold() in (n.casefold() for n in taken):
        suffix = f" ({k})"
        name, k = base[: 31 - len(suffix)] + suffix, k + 1
    return name


def appendix_01(ws: Worksheet, reading: YearReading, area: AreaReading, t: Labels, opts: RenderOptions) -> None:
    """Appendix 01 for one area: the province on the first sheet, each district on one of its own."""
    lay = Layout(reading.sources, reading.next_sources)
    plan = reading.plan
    if area is reading.main:
        ws.title = t("sheet1")
    last_head = _header(ws, reading, area, lay, t, opts)
    r = last_head + 1
    for group, info in plan.targets.groups.items():
        rows = [x for x in area.rows if x.indicator.group == group]
        if not rows:
            continue
        ws.cell(r, 1, group)
        ws.cell(r, 3, safe_text(t.name(info.name, info.name_en)))
        ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=lay.columns())
        for col in range(1, lay.columns() + 1):
            ws.cell(r, col).font, ws.cell(r, col).fill = BOLD, GROUP_FILL
            ws.cell(r, col).border = THIN_BORDER
        r += 1
        for row in rows:
            _indicator_row(ws, r, reading, row, lay, t)
            r += 1
    last = r - 1
    ws.cell(r + 1, 3, t("legend_colour", h=reading.horizon))
    ws.cell(r + 2, 3, t("legend_verdict"))
    ws.cell(r + 3, 3, fmt_basis(reading, t.lang))
    n = lay.columns()
    fit_widths(ws, {3: 44, n - 2: 24, n - 1: 28, n: 30}, first_row=last_head)
    fit_heights(ws, last_head + 1)
    ws.row_dimensions[last_head - 1].height = 44
    ws.row_dimensions[last_head].height = 32
    ws.freeze_panes = f"D{last_head + 1}"
    ws.auto_filter.ref = f"A{last_head}:{ws.cell(last, n).coordinate}"
    print_setup(ws, f"{last_head - 1}:{last_head}")


def render(reading: YearReading, options: RenderOptions) -> bytes:
    """The whole report workbook, the same bytes for the same reading."""
    from openpyxl import Workbook

    from hrplan.report.excel_chart import chart_sheet
    from hrplan.report.excel_sheets import appendix_02, matrix_sheet, problems_sheet, sources_sheet

    t = Labels(options.lang)
    wb = Workbook()
    try:
        appendix_01(wb.worksheets[0], reading, reading.main, t, options)
        appendix_02(wb, reading, t, attached(reading, options, t))
        matrix_sheet(wb, reading, t)
        chart_sheet(wb, reading, t)
        sources_sheet(wb, reading, t)
        problems_sheet(wb, reading, t)
        for area in reading.areas[1:]:
            title = sheet_title(f"{t('sheet1')} - {area.area}", wb.sheetnames)
            appendix_01(wb.create_sheet(title), reading, area, t, options)
    except CellTextTooLong as exc:
        raise HrplanError(str(exc)) from exc
    info = reading.plan.targets.plan
    wb.properties.title = safe_text(f"{t('title1', y=reading.year)} - {info.id}")
    wb.properties.subject = safe_text(t.name(info.title, info.title_en))
    wb.properties.keywords = safe_text(f"{info.id}; {info.province}; {reading.year}")
    wb.properties.creator = "hrplan"
    wb.properties.lastModifiedBy = "hrplan"
    for ws in wb.worksheets:
        use_font(ws)
    defuse(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return deterministic_bytes(buf.getvalue())
