"""Writing workbooks safely: text never becomes a formula, and the same inputs give the same bytes."""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING

from hrplan.core.text import clean_control

if TYPE_CHECKING:
    from openpyxl import Workbook

EXCEL_CELL_LIMIT = 32_767
FIXED_STAMP = "2024-01-01T00:00:00Z"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
_RISKY_START = ("=", "+", "-", "@", "\t", "\r")


class CellTextTooLong(ValueError):
    """Text longer than an Excel cell holds."""


def safe_text(text: str) -> str:
    """Text without control characters; refuses (never truncates) text too long for a cell."""
    cleaned = clean_control(text)
    if len(cleaned) > EXCEL_CELL_LIMIT:
        raise CellTextTooLong(
            f"text of {len(cleaned):,} characters is longer than an Excel cell holds "
            f"({EXCEL_CELL_LIMIT:,}): shorten it in the source: {cleaned[:60]!r}..."
        )
    return cleaned


def is_risky(text: str) -> bool:
    """Text a spreadsheet could take for a formula."""
    return text.startswith(_RISKY_START)


def defuse(wb: Workbook) -> None:
    """Make every text cell literal: openpyxl turns '=…' strings into formulas, Excel runs '+…' and '@…'."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and is_risky(value):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def csv_safe(text: str) -> str:
    """A CSV field that a spreadsheet will not evaluate."""
    return "'" + text if is_risky(text) else text


def deterministic_bytes(data: bytes, stamp: str = FIXED_STAMP) -> bytes:
    """Rewrite an xlsx with fixed zip entry times and document timestamps, so equal inputs give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                body = _STAMP.sub(lambda m: m.group(1) + stamp.encode() + m.group(3), body)
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, body)
    return out.getvalue()
