"""The trend sheet: for each indicator group, each indicator's results from the baseline year to the year read,
beside the path that reaches its goal at the horizon; the numbers on the left, a line chart per group on the
right. Counts of people and shares are never on one axis: a group's counts get a chart of their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrplan.analysis.progress import required_path
from hrplan.analysis.ratios import Comparison
from hrplan.analysis.reading import YearReading
from hrplan.report.excel_style import BOLD, PCT, PEOPLE, print_setup
from hrplan.report.labels import Labels
from hrplan.report.xlsxsafe import safe_text

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

CHART_ROWS = 16  # the height of one chart, in rows
PALETTE = ["1F77B4", "D62728", "2CA02C", "9467BD", "FF7F0E", "8C564B", "E377C2", "17BECF", "7F7F7F", "BCBD22"]


def _years(reading: YearReading) -> list[int]:
    first = min((y for r in reading.main.rows for y in r.history), default=reading.year)
    return list(range(first, max(reading.horizon, reading.year) + 1))


def _block(ws: Worksheet, top: int, rows: list[Comparison], years: list[int], reading: YearReading,
           t: Labels, unit: str) -> int:  # fmt: skip
    """The numbers of one chart: a heading row of years, then per indicator its results and its path."""
    ws.cell(top, 1, t("id")).font = BOLD
    for k, y in enumerate(years, 2):
        ws.cell(top, k, y).font = BOLD
    r = top
    for row in rows:
        path = required_path(row.progress, reading.horizon) if row.progress is not None else {}
        for label, values in ((row.indicator.id, row.history), (f"{row.indicator.id} {t('trend_path')}", path)):
            r += 1
            ws.cell(r, 1, safe_text(label))
            for k, y in enumerate(years, 2):
                if y in values:
                    cell = ws.cell(r, k, values[y] / 100 if unit == "percent" else values[y])
                    cell.number_format = PCT if unit == "percent" else PEOPLE
    return r


def _chart(ws: Worksheet, top: int, last: int, ncol: int, title: str, unit: str, anchor: str) -> None:
    from openpyxl.chart import LineChart, Reference

    chart = LineChart()
    chart.title = title
    chart.y_axis.numFmt = "0%" if unit == "percent" else "#,##0"
    chart.y_axis.majorGridlines = None
    chart.add_data(Reference(ws, min_col=1, max_col=ncol, min_row=top + 1, max_row=last), titles_from_data=True,
                   from_rows=True)  # fmt: skip
    chart.set_categories(Reference(ws, min_col=2, max_col=ncol, min_row=top, max_row=top))
    for k, series in enumerate(chart.series):  # results solid, the path needed dashed, one colour per indicator
        line = series.graphicalProperties.line
        line.solidFill = PALETTE[(k // 2) % len(PALETTE)]
        line.width = 22000 if k % 2 == 0 else 15000  # EMU: about 1.7 and 1.2 points
        if k % 2:
            line.dashStyle = "dash"
        else:  # a marker on each result, so that a single year still shows
            series.marker.symbol = "circle"
            series.marker.size = 5
    if unit == "percent":
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if chart.legend is not None:
        chart.legend.position = "r"
    chart.width, chart.height = 22, 7.5
    ws.add_chart(chart, anchor)


def trend_sheet(wb: Workbook, reading: YearReading, t: Labels) -> None:
    ws = wb.create_sheet(t("sheet_trend"))
    ws.cell(1, 1, t("trend_title", b=reading.baseline_year or "", y=reading.year, h=reading.horizon)).font = BOLD
    years = _years(reading)
    top = 3
    for group, info in reading.plan.targets.groups.items():
        members = [r for r in reading.main.rows if r.indicator.group == group and r.history]
        for unit in ("percent", "people"):
            rows = [r for r in members if r.indicator.unit == unit]
            if not rows:
                continue
            ws.cell(top - 1, 1, safe_text(f"{group}. {t.name(info.name, info.name_en)}")).font = BOLD
            last = _block(ws, top, rows, years, reading, t, unit)
            title = f"{group}. {t.name(info.name, info.name_en)}" + (f" ({t('people')})" if unit == "people" else "")
            _chart(ws, top, last, len(years) + 1, safe_text(title), unit, f"{chr(66 + len(years) + 1)}{top - 1}")
            top = max(last, top + CHART_ROWS) + 3
    ws.column_dimensions["A"].width = 16
    print_setup(ws, "1:1")
