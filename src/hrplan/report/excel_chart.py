"""The chart sheet: each indicator's result beside its target for the year and its goal for the horizon;
shares on one chart, counts of people on their own (a 0–100% axis cannot show 9.800 people)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrplan.analysis.ratios import Comparison
from hrplan.analysis.reading import YearReading
from hrplan.plan.model import goal_bounds
from hrplan.report.excel_style import BOLD, PCT, PEOPLE, WRAP, fit_heights, print_setup
from hrplan.report.labels import Labels
from hrplan.report.xlsxsafe import safe_text

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# One symbol per pace class (the CAGR classes, then the linear method's own).
MARKS = {
    "achieved": "✓",
    "on_track": "▲",
    "moderate": "△",
    "limited": "▽",
    "moving_away": "▼",
    "some_progress": "◇",
    "stagnating": "■",
}


def _target(row: Comparison, reading: YearReading) -> float | None:
    """The target of the latest plan that set one for the year (sources are listed oldest first)."""
    return next((row.targets[s] for s in reversed(reading.sources) if s in row.targets), None)


def _table(ws: Worksheet, start: int, rows: list[Comparison], reading: YearReading, t: Labels, unit: str) -> int:
    """The chart's numbers below a heading row; returns the last row written."""
    y, h = reading.year, reading.horizon
    heads = [t("id"), t("name"), t("chart_result", y=y), t("chart_target", y=y), t("goal_full", h=h)]
    for c, head in enumerate(heads, 1):
        cell = ws.cell(start, c, head)
        cell.font, cell.alignment = BOLD, WRAP
    r = start
    for row in rows:
        r += 1
        ind = row.indicator
        mark = MARKS.get(row.progress.klass, "") if row.progress is not None else ""
        ws.cell(r, 1, f"{ind.id} {mark}".strip())
        ws.cell(r, 2, safe_text(t.name(ind.name, ind.name_en))).alignment = WRAP
        goal = goal_bounds(ind.goal_2030)[0] if ind.goal_2030 is not None else None
        for c, v in ((3, row.result), (4, _target(row, reading)), (5, goal)):
            if v is not None:
                cell = ws.cell(r, c, v / 100 if unit == "percent" else v)
                cell.number_format = PCT if unit == "percent" else PEOPLE
    return r


def _chart(ws: Worksheet, head: int, last: int, title: str, t: Labels, unit: str, anchor: str) -> None:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    chart.title = title
    chart.y_axis.title = "%" if unit == "percent" else t("people")
    chart.y_axis.numFmt = "0%" if unit == "percent" else "#,##0"
    chart.y_axis.scaling.min = 0
    if unit == "percent":
        chart.y_axis.scaling.max = 1
    chart.y_axis.majorGridlines = None
    chart.x_axis.title = t("chart_x")
    chart.add_data(Reference(ws, min_col=3, min_row=head, max_col=5, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=head + 1, max_row=last))
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    chart.width, chart.height = 24, 11
    ws.add_chart(chart, anchor)


def chart_sheet(wb: Workbook, reading: YearReading, t: Labels) -> None:
    """The numbers on the left (id with its pace mark, name, result, target, goal), the marks explained under
    them, the charts on the right; a worksheet rather than a chartsheet, so every program shows and prints it."""
    ws = wb.create_sheet(t("sheet_chart"))
    y, h = reading.year, reading.horizon
    with_result = [r for r in reading.main.rows if r.result is not None]
    shares = [r for r in with_result if r.indicator.unit == "percent"]
    counts = [r for r in with_result if r.indicator.unit == "people"]
    last = _table(ws, 1, shares, reading, t, "percent")
    if shares:
        _chart(ws, 1, last, t("chart_title", y=y, h=h), t, "percent", "G2")
    r = last + 2
    if counts:
        head = r
        r = _table(ws, head, counts, reading, t, "people") + 2
        _chart(ws, head, r - 2, t("chart_title", y=y, h=h) + f" ({t('people')})", t, "people", "G26")
    ws.cell(r, 1, t("chart_marks", h=h).rstrip(" —")).font = BOLD
    for k, mark in MARKS.items():
        if mark:
            r += 1
            ws.cell(r, 1, f"{mark} {t(k)}")
    for col, width in zip("ABCDE", (8, 40, 11, 11, 11), strict=True):
        ws.column_dimensions[col].width = width
    fit_heights(ws, 2)
    print_setup(ws, "1:1")
