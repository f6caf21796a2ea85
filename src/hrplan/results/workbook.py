"""Raw access to results files: xlsx sheets and CSV, as rows of (value, number format).

Everything that can go wrong with the file itself (not a workbook, corrupt, password-protected,
zip bomb, XML bomb, formulas never calculated) becomes a Problem naming the file; nothing raises.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from hrplan.core.problems import Problem
from hrplan.results.measured import col_letter

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

MAX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_RATIO = 200
MAX_CSV_BYTES = 256 * 1024 * 1024
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
# What a cell holds as read: openpyxl (read-only, data-only) and calamine give these; CSV gives str.
CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta | None
# Row number, values, whether each cell shows a percent (None: none). Sequence, not list: a CSV row is a list[str].
Row = tuple[int, Sequence[CellValue], list[bool] | None]


@dataclass
class Sheet:
    """One table of a results file; `rows` yields (row number, values, percent flags or None)."""

    name: str | None
    rows: Iterator[Row]
    text_file: bool = False  # CSV: positions are line:column, not cells
    uncalculated: set[str] = field(default_factory=set)


def open_results(path: Path) -> tuple[list[Sheet], list[Problem], Workbook | None]:
    """Open a results file: its sheets, the problems that stop reading it, and a handle to close."""
    import stat

    name = str(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            return [], [Problem(name, None, None, "file-kind", "is a folder, not a results file")], None
        if not stat.S_ISREG(mode):  # /dev/zero, a pipe: nothing hrplan should read to the end
            return [], [Problem(name, None, None, "file-kind", "not a regular file: save the results as a file")], None
        if path.suffix.lower() in (".csv", ".txt"):
            return _open_csv(path)
        return _open_xlsx(path)
    except FileNotFoundError:
        return [], [Problem(name, None, None, "file-missing", "file not found: check the path")], None
    except OSError as exc:  # no permission, a file locked by another program, a disk error
        return [], [Problem(name, None, None, "file-unreadable", f"cannot read the file: {exc.strerror or exc}")], None


def _open_csv(path: Path) -> tuple[list[Sheet], list[Problem], None]:
    name = str(path)
    if path.stat().st_size > MAX_CSV_BYTES:
        return [], [Problem(name, None, None, "file-too-large", f"over {MAX_CSV_BYTES:,} bytes")], None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return (
            [],
            [
                Problem(
                    name, None, None, "encoding", f"not UTF-8 (byte {exc.start}): in Excel use 'Save As' > 'CSV UTF-8'"
                )
            ],
            None,
        )
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    # Blank fields stay "" (the readers treat "" as blank): converting 200,000 rows would cost more than reading.
    rows = ((n, record, None) for n, record in enumerate(reader, start=1))
    return [Sheet(None, rows, text_file=True)], [], None


def _zip_problem(path: Path) -> tuple[Problem | None, bool]:
    """Check the container before any XML is parsed. Returns (problem, has_formulas)."""
    name = str(path)
    with path.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        return Problem(
            name,
            None,
            None,
            "workbook-protected",
            "the file is password-protected or an old .xls workbook: open it in Excel, "
            "remove the password (File > Info > Protect Workbook) and save it as .xlsx",
        ), False
    if not magic.startswith(b"PK"):
        return Problem(
            name,
            None,
            None,
            "not-a-workbook",
            "not an .xlsx workbook (nor .csv): save it from Excel as 'Excel Workbook (.xlsx)'",
        ), False
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED:
                return Problem(
                    name,
                    None,
                    None,
                    "zip-bomb",
                    f"the workbook unpacks to {total:,} bytes, over the {MAX_UNCOMPRESSED:,} limit; "
                    "refusing to read it",
                ), False
            for i in infos:
                if i.compress_size and i.file_size / i.compress_size > MAX_RATIO and i.file_size > 50_000_000:
                    return Problem(
                        name,
                        None,
                        None,
                        "zip-bomb",
                        f"part {i.filename} is compressed {i.file_size // i.compress_size}:1; refusing to read it",
                    ), False
            if "xl/workbook.xml" not in {i.filename for i in infos}:
                return Problem(
                    name,
                    None,
                    None,
                    "not-a-workbook",
                    "a zip file but not an Excel workbook: save it from Excel as .xlsx",
                ), False
            formulas = False
            for i in infos:
                if not i.filename.endswith((".xml", ".rels")):
                    continue
                body = zf.read(i)
                if b"<!DOCTYPE" in body or b"<!ENTITY" in body:  # no reader gets to expand them
                    return Problem(
                        name,
                        None,
                        None,
                        "xml-bomb",
                        f"part {i.filename} declares a DTD or entities (a possible XML bomb); refusing "
                        "to read it. Copy the data into a new workbook",
                    ), False
                if i.filename.startswith("xl/worksheets/") and _FORMULA.search(body):
                    formulas = True
    except zipfile.BadZipFile:
        return Problem(
            name,
            None,
            None,
            "workbook-corrupt",
            "the workbook is damaged (not a valid zip): open it in Excel and save it again",
        ), False
    return None, formulas


def _open_xlsx(path: Path) -> tuple[list[Sheet], list[Problem], Workbook | None]:
    name = str(path)
    problem, formulas = _zip_problem(path)
    if problem:
        return [], [problem], None
    percent = _percent_cells(path)
    if not formulas:
        calamine_sheets = _open_calamine(path, percent)
        if calamine_sheets is not None:
            return calamine_sheets, [], None
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        uncalculated = _uncalculated(path) if formulas else {}
    except Exception as exc:  # openpyxl raises many types for damaged or hostile files
        return [], [Problem(name, None, None, *_open_failure(exc))], None
    fast = percent is not None and not any(percent.values())  # values suffice when no cell shows a percent
    sheets = [
        Sheet(ws.title, _xlsx_rows(ws, fast), uncalculated=uncalculated.get(ws.title, set())) for ws in wb.worksheets
    ]
    return sheets, [], wb


def _open_failure(exc: Exception) -> tuple[str, str]:
    kind = type(exc).__name__
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 10:  # openpyxl wraps the parser's error in a ValueError
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    forbidden = {"EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden", "NotSupportedError"}
    if any(type(e).__name__ in forbidden for e in chain):
        return "xml-bomb", (
            "the workbook's XML declares entities or a DTD (a possible XML bomb); "
            "refusing to read it. Copy the data into a new workbook"
        )
    return "workbook-corrupt", f"cannot read the workbook ({kind}: {exc}): open it in Excel and save it again"


def _uncalculated(path: Path) -> dict[str, set[str]]:
    """Cells holding a formula whose value was never calculated and saved (sheet -> coordinates)."""
    import openpyxl

    formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    values = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out: dict[str, set[str]] = {}
    try:
        for ws_f, ws_v in zip(formulas.worksheets, values.worksheets, strict=True):
            for r, (row_f, row_v) in enumerate(
                zip(ws_f.iter_rows(values_only=True), ws_v.iter_rows(values_only=True), strict=False), 1
            ):
                for c, (f, v) in enumerate(zip(row_f, row_v, strict=False)):
                    if isinstance(f, str) and f.startswith("=") and v is None:
                        out.setdefault(ws_f.title, set()).add(f"{col_letter(c)}{r}")
    finally:
        formulas.close()
        values.close()
    return out


def _xlsx_rows(ws: Worksheet, fast: bool) -> Iterator[Row]:  # read-only: the stubs type its sheets as Worksheet
    if fast:
        # Read-only and data-only, without rich text, openpyxl gives plain values. The stubs' cell value type
        # also lists what other modes give (Decimal, CellRichText, formula objects): narrowed once per sheet.
        value_rows = cast("Iterator[tuple[CellValue, ...]]", ws.iter_rows(values_only=True))
        for n, values in enumerate(value_rows, start=1):
            yield n, list(values), None
        return
    from hrplan.results.values import is_percent_format

    shows_percent: dict[str | None, bool] = {}  # a sheet uses few formats: decide each once
    for n, cells in enumerate(ws.iter_rows(), start=1):
        flags = []
        for c in cells:
            fmt = getattr(c, "number_format", None)
            flag = shows_percent.get(fmt)
            if flag is None:
                flag = shows_percent[fmt] = is_percent_format(fmt)
            flags.append(flag)
        yield n, [getattr(c, "value", None) for c in cells], flags if any(flags) else None


_NUMFMT = re.compile(rb"<(?:\w+:)?numFmt\b[^>]*>")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", re.S)
_REL = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_CELL_R_S = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]+[0-9]+)"[^>]*?\ss="([0-9]+)"')
_CELL_S_R = re.compile(rb'<(?:\w+:)?c\b[^>]*?\ss="([0-9]+)"[^>]*?\sr="([A-Z]+[0-9]+)"')
_CELL_NO_R = re.compile(rb'<(?:\w+:)?c\b(?![^>]*\sr=")[^>]*>')
_CELL_R_S_PLAIN = re.compile(rb'<c r="([A-Z]+[0-9]+)" s="([0-9]+)"')
_ROW_S = re.compile(rb'<row\b[^>]*\ss="')
_XF = re.compile(rb"<(?:\w+:)?xf\b[^>]*>")
_ATTR = re.compile(rb'(\w+)="([^"]*)"')


def _percent_styles(zf: zipfile.ZipFile) -> set[int] | None:
    """Indexes of the cell formats (cellXfs) that show a percent; None when styles.xml cannot be read."""
    import html

    from hrplan.results.values import is_percent_format

    try:
        styles = zf.read("xl/styles.xml")
    except KeyError:
        return set()  # no styles: every cell is General
    percent_ids = {9, 10}  # built-in 0% and 0.00%
    for tag in _NUMFMT.findall(styles):
        attrs = dict(_ATTR.findall(tag))
        code = html.unescape(attrs.get(b"formatCode", b"").decode("utf-8", "replace"))
        if attrs.get(b"numFmtId", b"").isdigit() and is_percent_format(code):
            percent_ids.add(int(attrs[b"numFmtId"]))
    cell_xfs = _CELL_XFS.search(styles)
    if cell_xfs is None:
        return set()
    xfs = [dict(_ATTR.findall(tag)).get(b"numFmtId", b"0") for tag in _XF.findall(cell_xfs.group(0))]
    return {i for i, fid in enumerate(xfs) if fid.isdigit() and int(fid) in percent_ids}


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part, from xl/workbook.xml and its relationships."""
    import html

    book = zf.read("xl/workbook.xml")
    rels = zf.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for tag in _REL.findall(rels):
        attrs = dict(_ATTR.findall(tag))
        target = attrs.get(b"Target", b"").decode()
        targets[attrs.get(b"Id", b"").decode()] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    parts = {}
    for tag in _SHEET.findall(book):
        attrs = dict(_ATTR.findall(tag.replace(b"r:id", b"rid")))
        parts[html.unescape(attrs.get(b"name", b"").decode())] = targets.get(attrs.get(b"rid", b"").decode(), "")
    return parts


def _percent_cells(path: Path) -> dict[str, set[tuple[int, int]]] | None:
    """Per sheet, the (row, column) of every cell whose style shows a percent, read from the XML directly
    (calamine gives values, not formats). None when the file is not laid out as expected: openpyxl then reads it."""
    try:
        with zipfile.ZipFile(path) as zf:
            styles = _percent_styles(zf)
            if styles is None:
                return None
            out: dict[str, set[tuple[int, int]]] = {}
            for name, part in _sheet_parts(zf).items():
                cells: set[tuple[int, int]] = set()
                if styles:
                    xml = zf.read(part)
                    found = _styled_cells(xml)
                    if found is None:
                        return None
                    wanted = {str(i).encode() for i in styles}
                    cells.update(_ref_to_rc(ref) for ref, style in found if style in wanted)
                out[name] = cells
            return out
    except (KeyError, OSError, ValueError, zipfile.BadZipFile):
        return None


def _styled_cells(xml: bytes) -> list[tuple[bytes, bytes]] | None:
    """(reference, style index) of every styled cell. Excel, LibreOffice and openpyxl write `<c r=".." s=".."`:
    that layout is read by one simple pattern and checked by counting; any other goes the slower general way,
    and a cell without its reference sends the file to openpyxl (None)."""
    if xml.count(b"<c ") + xml.count(b"<c>") == xml.count(b'<c r="'):
        found = _CELL_R_S_PLAIN.findall(xml)
        if len(found) == xml.count(b' s="') - len(_ROW_S.findall(xml)):
            return found
    if _CELL_NO_R.search(xml):
        return None
    return [*_CELL_R_S.findall(xml), *((r, st) for st, r in _CELL_S_R.findall(xml))]


def _ref_to_rc(ref: bytes) -> tuple[int, int]:
    """b'AB12' -> (12, 28)."""
    col = 0
    i = 0
    while ref[i] >= 65:  # letters
        col = col * 26 + ref[i] - 64
        i += 1
    return int(ref[i:]), col


def _open_calamine(path: Path, percent: dict[str, set[tuple[int, int]]] | None) -> list[Sheet] | None:
    """Sheets read by python-calamine (the `fast` extra), several times faster than openpyxl; cells styled as a
    percent get a percent number format, as openpyxl would report. None when calamine is not installed or the
    file is not as expected: the openpyxl reader then reads it, or says what is wrong."""
    if percent is None:
        return None
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return None
    try:
        wb = CalamineWorkbook.from_path(str(path))
        if set(wb.sheet_names) != set(percent):
            return None
        tables = [(name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in wb.sheet_names]
    except Exception:  # any failure: fall back to openpyxl, which reports it properly
        return None
    return [Sheet(name, _calamine_rows(rows, percent[name])) for name, rows in tables]


def _calamine_rows(rows: Sequence[Sequence[CellValue]], percent: set[tuple[int, int]]) -> Iterator[Row]:
    by_row: dict[int, list[int]] = {}
    for r, c in percent:
        by_row.setdefault(r, []).append(c)
    for n, values in enumerate(rows, start=1):
        cols = by_row.get(n)
        if not cols:
            yield n, values, None
            continue
        flags = [False] * len(values)
        for c in cols:
            if c <= len(values):
                flags[c - 1] = True
        yield n, values, flags
