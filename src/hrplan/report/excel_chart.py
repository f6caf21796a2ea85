"""The chart sheet: each indicator's result beside its target for the year and its 2030 goal."""

from __future__ import annotations

from typing import Any

from hrplan.analysis.progress import label
from hrplan.analysis.rows import Analysis
from hrplan.plan.model import Plan, goal_bounds
from hrplan.report.excel_style import BOLD, PCT

MARKS = {
    "achieved": "✓",
    "on_track": "▲",
    "moderate": "△",
    "some_progress": "△",
    "limited": "▽",
    "stagnating": "▼",
    "moving_away": "▼",
    "insufficient_data": "",
}


def chart_sheet(wb: Any, plan: Plan, analysis: Analysis, title: str, lang: str) -> None:
    """A sheet with the chart's numbers (percent indicators with a result) and a clustered bar chart beside
    them; a worksheet rather than a chartsheet, so every spreadsheet program shows and prints it."""
    from openpyxl.chart import BarChart, Reference

    from hrplan.report.excel_style import print_setup

    data = wb.create_sheet(title)
    y = analysis.year
    heads = (
        ["Mã", f"Kết quả {y}", f"Mục tiêu {y}", "Mục tiêu 2030"]
        if lang == "vi"
        else ["Id", f"Result {y}", f"Target {y}", "2030 goal"]
    )
    for c, h in enumerate(heads, 1):
        data.cell(1, c, h).font = BOLD
    r = 1
    for row in analysis.rows:
        ind = row.indicator
        if ind.unit != "percent" or row.result is None:
            continue
        r += 1
        # the target of the latest plan that set one for the year (sources are listed oldest first)
        target = next((row.targets[s] for s in reversed(list(plan.targets.sources)) if s in row.targets), None)
        goal = goal_bounds(ind.goal_2030)[0] if ind.goal_2030 is not None else None
        mark = MARKS[row.progress.klass] if row.progress is not None else ""
        data.cell(r, 1, f"{ind.id} {mark}".strip())
        for c, v in ((2, row.result), (3, target), (4, goal)):
            if v is not None:
                data.cell(r, c, v / 100).number_format = PCT
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    chart.title = (
        f"Kết quả {y} so với mục tiêu năm và mục tiêu 2030"
        if lang == "vi"
        else f"{y} results against the year's target and the 2030 goal"
    )
    chart.y_axis.title = "%"
    chart.y_axis.numFmt = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.majorGridlines = None
    chart.x_axis.title = "Mã chỉ tiêu" if lang == "vi" else "Indicator"
    chart.add_data(Reference(data, min_col=2, min_row=1, max_col=4, max_row=r), titles_from_data=True)
    chart.set_categories(Reference(data, min_col=1, min_row=2, max_row=r))
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    chart.width, chart.height = 26, 13
    data.add_chart(chart, "F2")
    legend = ("Dấu sau mã: tiến độ đến 2030 — " if lang == "vi" else "Mark after the id: pace to 2030 — ") + "; ".join(
        f"{m} {label(k, lang)}" for k, m in MARKS.items() if m
    )
    data.cell(r + 2, 1, legend)
    for col, width in zip("ABCD", (8, 13, 13, 14), strict=True):
        data.column_dimensions[col].width = width
    print_setup(data, "1:1")
