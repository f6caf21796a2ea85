"""Building blocks of a unit's workbook (report/unit_template.py): the input cells (yellow, unlocked, validated,
with an input prompt) and the head of each data sheet (title, the reporting-unit line, a hint, the header row)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation

from hrplan.plan.collection import Collection, UnitAssignment
from hrplan.plan.model import Plan
from hrplan.report.excel_style import BOLD, CENTER, FONT_NAME, HEAD_FILL, ITALIC, THIN_BORDER, WRAP
from hrplan.report.labels import Labels
from hrplan.report.xlsxsafe import safe_text
from hrplan.results.taskstatus import STATUSES

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_INPUT_SIDE = Side(style="thin", color="BF9000")
INPUT_BORDER = Border(left=_INPUT_SIDE, right=_INPUT_SIDE, top=_INPUT_SIDE, bottom=_INPUT_SIDE)
HEAD_ROW = 4  # title, reporting unit, hint, then the table's header
MIN_ROW = 20.0  # points: a printed row a value can be written in by hand


class Builder:
    """What one workbook needs to know: the plan, the unit's assignment, the year and the words."""

    def __init__(self, plan: Plan, collection: Collection, unit: UnitAssignment, year: int, lang: str) -> None:
        self.plan, self.collection, self.unit, self.year, self.t = plan, collection, unit, year, Labels(lang)
        self.validations: dict[str, DataValidation] = {}

    def validation(self, ws: Worksheet, kind: str) -> DataValidation:
        """One validation per kind and sheet, with its input prompt and (for numbers, dates, statuses) its error."""
        key = f"{ws.title}/{kind}"
        if key not in self.validations:
            dv = rule(kind, [STATUSES[s][self.lang_index] for s in STATUSES])
            t = self.t
            dv.allow_blank, dv.showInputMessage = True, True
            dv.promptTitle, dv.prompt = t(f"form_prompt_{kind}_title"), t(f"form_prompt_{kind}")
            if kind in ("pct", "ppl", "status", "date"):
                dv.showErrorMessage = True
                dv.errorTitle, dv.error = t(f"form_prompt_{kind}_title"), t(f"form_error_{kind}")
            ws.add_data_validation(dv)
            self.validations[key] = dv
        return self.validations[key]

    @property
    def lang_index(self) -> int:
        return 0 if self.t.lang == "vi" else 1

    def input(self, ws: Worksheet, row: int, col: int, kind: str, number_format: str | None = None) -> None:
        if row > HEAD_ROW and ws.title != self.t("form_sheet_guide"):
            ws.cell(HEAD_ROW, col).fill = INPUT_FILL  # the header of a column to fill in, in the same colour
        cell = ws.cell(row, col)
        cell.fill, cell.border, cell.protection = INPUT_FILL, INPUT_BORDER, Protection(locked=False)
        cell.alignment = WRAP if kind in ("note", "evidence", "person") else Alignment(vertical="center")
        if number_format:
            cell.number_format = number_format
        self.validation(ws, kind).add(cell.coordinate)


def rule(kind: str, statuses: list[str]) -> DataValidation:
    """What an input cell of each kind accepts."""
    if kind == "pct":
        return DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
    if kind == "ppl":
        return DataValidation(type="whole", operator="between", formula1="0", formula2="100000000")
    if kind == "status":
        return DataValidation(type="list", formula1='"' + ",".join(statuses) + '"')
    if kind == "date":
        return DataValidation(type="date", operator="greaterThan", formula1="36526")  # after 01/01/2000
    longest = {"person": "200", "phone": "50"}.get(kind, "2000")
    return DataValidation(type="textLength", operator="lessThanOrEqual", formula1=longest)


def put(ws: Worksheet, row: int, col: int, value: str | float | None, bold: bool = False) -> Cell | MergedCell:
    cell = ws.cell(row, col, safe_text(value) if isinstance(value, str) else value)
    cell.border, cell.alignment = THIN_BORDER, WRAP
    if bold:
        cell.font = BOLD
    return cell


def head(f: Builder, ws: Worksheet, title: str, hint: str, heads: list[str], widths: list[int]) -> None:
    """Title, the reporting-unit line, a hint, then the table's header row; the columns' widths."""
    n = len(heads)
    for row, text, font in ((1, title, Font(name=FONT_NAME, bold=True, size=13)), (3, hint, ITALIC)):
        cell = ws.cell(row, 1, safe_text(text))
        cell.font, cell.alignment = font, CENTER if row == 1 else WRAP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n)
    ws.cell(2, 1, safe_text(f"{f.t('form_unit')} {f.unit.name}")).font = BOLD  # read back as the reporting unit
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    for c, text in enumerate(heads, 1):
        cell = ws.cell(HEAD_ROW, c, safe_text(text))
        cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEAD_FILL, CENTER, THIN_BORDER
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[chr(64 + c)].width = width
    ws.row_dimensions[1].height, ws.row_dimensions[3].height = 22, 30
    ws.freeze_panes = f"A{HEAD_ROW + 1}"
