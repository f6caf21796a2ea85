"""Styles, direction-aware conditional colours and print setup of the Excel report."""

from __future__ import annotations

from typing import Any

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

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
GOOD = (PatternFill("solid", fgColor="C6EFCE", bgColor="C6EFCE"), Font(color="006100"))
BAD = (PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE"), Font(color="9C0006"))


def add_direction_colours(ws: Any, increase: list[str], decrease: list[str]) -> None:
    """Green where a ratio means the target is met, red where not; the rule follows the value, so an
    edited cell re-colours. Rising indicators are met at >= 100%, falling ones at <= 100%."""
    for cells, good_op, bad_op in (
        (increase, "greaterThanOrEqual", "lessThan"),
        (decrease, "lessThanOrEqual", "greaterThan"),
    ):
        if not cells:
            continue
        ref = " ".join(cells)
        ws.conditional_formatting.add(
            ref,
            CellIsRule(  # type: ignore[no-untyped-call]
                operator=good_op, formula=["1"], fill=GOOD[0], font=GOOD[1]
            ),
        )
        ws.conditional_formatting.add(
            ref,
            CellIsRule(  # type: ignore[no-untyped-call]
                operator=bad_op, formula=["1"], fill=BAD[0], font=BAD[1]
            ),
        )


def fit_widths(ws: Any, fixed: dict[int, int], first_row: int = 1, lo: int = 6, hi: int = 14) -> None:
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


def print_setup(ws: Any, title_rows: str) -> None:
    """A4 landscape, fit to one page wide, header rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def fit_heights(ws: Any, first_row: int, line_height: float = 14.5) -> None:
    """Row heights for wrapped text: spreadsheets other than Excel do not grow rows by themselves."""
    import math

    merged = {
        c.coordinate
        for rng in ws.merged_cells.ranges
        for row in ws.iter_rows(min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col, max_col=rng.max_col)
        for c in row
    }
    for row in ws.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or cell.coordinate in merged or not cell.alignment.wrap_text:
                continue
            width = ws.column_dimensions[get_column_letter(cell.column)].width or 10
            per_line = max(1, int(width * 1.05) - 1)
            lines = max(lines, sum(math.ceil(max(1, len(p)) / per_line) for p in cell.value.split("\n")))
        ws.row_dimensions[row[0].row].height = line_height * lines + 2
