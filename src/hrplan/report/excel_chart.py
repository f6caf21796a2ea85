"""The chart sheet: each indicator's result beside its target for the year and its goal for the horizon."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrplan.analysis.reading import YearReading
from hrplan.plan.model import goal_bounds
from hrplan.report.excel_style import BOLD, PCT, print_setup
from hrplan.report.labels import Labels

if TYPE_CHECKING:
    from openpyxl import Workbook

MARKS = {"achieved": "✓", "on_track": "▲", "moderate": "△", "some_progress": "△", "limited": "▽",
         "stagnating": "▼", "moving_away": "▼", "insufficient_data": ""}  # fmt: skip


def chart_sheet(wb: Workbook, reading: YearReading, t: Labels) -> None:
    """A sheet with the chart's numbers (percent indicators with a result) and a clustered bar chart beside
    them; a worksheet rather than a chartsheet, so every spreadsheet program shows and prints it."""
    from openpyxl.chart import BarChart, Reference

    data = wb.create_sheet(t("sheet_chart"))
    y, h = reading.year, reading.horizon
    for c, head in enumerate([t("id"), t("chart_result", y=y), t("chart_target", y=y), t("goal_full", h=h)], 1):
        data.cell(1, c, head).font = BOLD
    r = 1
    for row in reading.main.rows:
        ind = row.indicator
        if ind.unit != "percent" or row.result is None:
            continue
        r += 1
        # the target of the latest plan that set one for the year (sources are listed oldest first)
        target = next((row.targets[s] for s in reversed(reading.sources) if s in row.targets), None)
        goal = goal_bounds(ind.goal_2030)[0] if ind.goal_2030 is not None else None
        mark = MARKS[row.progress.klass] if row.progress is not None else ""
        data.cell(r, 1, f"{ind.id} {mark}".strip())
        for c, v in ((2, row.result), (3, target), (4, goal)):
            if v is not None:
                data.cell(r, c, v / 100).number_format = PCT
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    chart.title = t("chart_title", y=y, h=h)
    chart.y_axis.title = "%"
    chart.y_axis.numFmt = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.majorGridlines = None
    chart.x_axis.title = t("chart_x")
    chart.add_data(Reference(data, min_col=2, min_row=1, max_col=4, max_row=r), titles_from_data=True)
    chart.set_categories(Reference(data, min_col=1, min_row=2, max_row=r))
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    chart.width, chart.height = 26, 13
    data.add_chart(chart, "F2")
    data.cell(r + 2, 1, t("chart_marks", h=h) + "; ".join(f"{m} {t(k)}" for k, m in MARKS.items() if m))
    for col, width in zip("ABCD", (8, 13, 13, 14), strict=True):
        data.column_dimensions[col].width = width
    print_setup(data, "1:1")
