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

FONT_NAME = "Times New Roman"  # as Vietnamese administrative documents are set
PCT = "0.00%"
PEOPLE = "#,##0"
BOLD = Font(name=FONT_NAME, bold=True)
ITALIC = Font(name=FONT_NAME, italic=True)
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
    "good": (PatternFill("solid", fgColor="FFC6EFCE"), Font(name=FONT_NAME, color="006100")),
    "fair": (PatternFill("solid", fgColor="FFFFEB9C"), Font(name=FONT_NAME, color="9C5700")),
    "poor": (PatternFill("solid", fgColor="FFFFC7CE"), Font(name=FONT_NAME, color="9C0006")),
}


def form_heading(ws: Worksheet, ncol: int, label: str, title: str, attached: str) -> None:
    """The three lines above an appendix, as the province files them: 'PHỤ BIỂU 01', the title, and the
    '(Kèm theo Báo cáo số …)' line, each centred across the table."""
    for row, text, font in ((1, label, BOLD), (2, title, BOLD), (3, attached, ITALIC)):
        cell = ws.cell(row, 1, safe_text(text))
        cell.font, cell.alignment = font, CENTER
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncol)
    ws.row_dimensions[2].height = 30


def typed_percent_format(value: float) -> str:
    """The format of a percent as it was typed or printed: 80% not 80,00%, 77,4% and 77,42% as they are."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    decimals = len(text.partition(".")[2])
    return "0%" if decimals == 0 else "0." + "0" * decimals + "%"


def use_font(ws: Worksheet) -> None:
    """Every cell of the sheet in the report's typeface, keeping bold, italic and colour."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.font is not None and cell.font.name != FONT_NAME:
                f = cell.font
                cell.font = Font(name=FONT_NAME, bold=f.bold, italic=f.italic, color=f.color, size=f.size)


def paint(cell: Cell | MergedCell, tone: str | None) -> None:
    """Colour a cell by its tone ('good', 'fair', 'poor'); None leaves it plain."""
    if tone in TONE_FILL:
        cell.fill, cell.font = TONE_FILL[tone]


CellValue = str | float | int | None


def put(
    ws: Worksheet, r: int, c: int, value: CellValue, unit: str | None = None, percent: bool = False
) -> Cell | MergedCell:
    """Write a value; percents become fractions with a percent format: a computed ratio (`percent`) with two
    decimals, a typed value of an indicator in % (`unit`) with the decimals it has."""
    cell = ws.cell(r, c)
    if isinstance(value, str):
        cell.value = safe_text(value)
    elif value is not None and (percent or unit == "percent"):
        cell.value = value / 100
        cell.number_format = PCT if percent else typed_percent_format(value)
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
    ws.page_margins.top = 0.7  # room for the page number, centred in the top margin (Nghị định 30/2020)
    ws.page_margins.bottom = 0.5
    ws.page_margins.header = 0.3
    header = ws.oddHeader
    if header is not None:  # openpyxl gives every sheet one; its stub allows None
        header.center.text = "&P"
        header.center.font = FONT_NAME


def fit_heights(ws: Worksheet, first_row: int, line_height: float = 14.5, chars_per_width: float = 1.05) -> None:
    """Row heights for wrapped text: spreadsheets other than Excel do not grow rows by themselves. A column of
    width w holds about w x chars_per_width characters of the cell's font (a width unit is a digit of the default
    font; Times New Roman text runs about 1.3 characters a unit)."""
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
            per_line = max(1, int(width * chars_per_width) - 1)
            lines = max(lines, sum(math.ceil(max(1, len(p)) / per_line) for p in cell.value.split("\n")))
        ws.row_dimensions[n].height = line_height * lines + 2
