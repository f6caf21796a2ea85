"""Styles, the colours of verdicts and tones, column widths, row heights and print setup of the Excel report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from hrplan.report.xlsxsafe import safe_text

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

PCT = "0.00%"
PEOPLE = "#,##0"
BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
MIDDLE = Alignment(vertical="center")
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
_SIDE = Side(style="thin", color="999999")
THIN_BORDER = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)
# Excel's own "good / neutral / bad" cell styles: green, amber, red.
TONE_FILL = {
    "good": (PatternFill("solid", fgColor="FFC6EFCE"), Font(color="006100")),
    "fair": (PatternFill("solid", fgColor="FFFFEB9C"), Font(color="9C5700")),
    "poor": (PatternFill("solid", fgColor="FFFFC7CE"), Font(color="9C0006")),
}


def paint(cell: Cell | MergedCell, tone: str | None) -> None:
    """Colour a cell by its tone ('good', 'fair', 'poor'); None leaves it plain."""
    if tone in TONE_FILL:
        cell.fill, cell.font = TONE_FILL[tone]


CellValue = str | float | int | None


def put(
    ws: Worksheet, r: int, c: int, value: CellValue, unit: str | None = None, percent: bool = False
) -> Cell | MergedCell:
    """Write a value; percents of an indicator in % become fractions with a percent format."""
    cell = ws.cell(r, c)
    if isinstance(value, str):
        cell.value = safe_text(value)
    elif value is not None and (percent or unit == "percent"):
        cell.value = value / 100
        cell.number_format = PCT
    else:
        cell.value = value
        if unit == "people" and value is not None:
            cell.number_format = PEOPLE
    cell.border = THIN_BORDER
    cell.alignment = MIDDLE
    return cell


def fit_widths(ws: Worksheet, fixed: dict[int, int], first_row: int = 1, lo: int = 6, hi: int = 14) -> None:
    """Column widths from the longest value (numbers and short labels), fixed widths for long texts."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            text = (
                f"{cell.value:.2%}"
                if isinstance(cell.value, float) and cell.number_format.endswith("%")
                else str(cell.value)
            )
            longest = max((len(x) for x in text.split("\n")), default=0)
            widths[cell.column] = max(widths.get(cell.column, 0), longest + 2)
    for col in range(1, ws.max_column + 1):
        width = fixed.get(col, min(max(widths.get(col, lo), lo), hi))
        ws.column_dimensions[get_column_letter(col)].width = width


def print_setup(ws: Worksheet, title_rows: str) -> None:
    """A4 landscape, fit to one page wide, header rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    setup = ws.sheet_properties.pageSetUpPr
    if setup is None:  # openpyxl gives every sheet one; its stub allows None, as the attribute can be cleared
        setup = ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    setup.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def fit_heights(ws: Worksheet, first_row: int, line_height: float = 14.5) -> None:
    """Row heights for wrapped text: spreadsheets other than Excel do not grow rows by themselves."""
    import math

    merged = {
        c.coordinate
        for rng in ws.merged_cells.ranges
        for row in ws.iter_rows(min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col, max_col=rng.max_col)
        for c in row
    }
    for n, row in enumerate(ws.iter_rows(min_row=first_row), start=first_row):
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or cell.coordinate in merged or not cell.alignment.wrap_text:
                continue
            width = ws.column_dimensions[get_column_letter(cell.column)].width or 10
            per_line = max(1, int(width * 1.05) - 1)
            lines = max(lines, sum(math.ceil(max(1, len(p)) / per_line) for p in cell.value.split("\n")))
        ws.row_dimensions[n].height = line_height * lines + 2
