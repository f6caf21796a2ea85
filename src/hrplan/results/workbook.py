"""Raw access to results files: xlsx sheets and CSV, as rows of (values, percent flags).

Everything that can go wrong with the file itself (not a workbook, corrupt, password-protected, zip bomb, XML bomb,
a device or a pipe, a sheet pointing nowhere, a cell beyond the last one) becomes a Problem naming the file; nothing
raises. A workbook is checked and scanned first (results.xlsx_parts, results.xlsx_scan); then python-calamine reads
its values when installed and the sheet's used range is small enough to lay out, else openpyxl does, within the
range the scan found. The percent flags and the Excel error values come from the scan on both paths, so both read
a file the same way.
"""

from __future__ import annotations

import contextlib
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from hrplan.core.inputs import NotARegularFile, TooLarge, check_regular
from hrplan.core.problems import Problem, Severity
from hrplan.results.sheet import CellValue, Row, Sheet, SheetError
from hrplan.results.xlsx_parts import Book, SheetPart, check_container, read_book
from hrplan.results.xlsx_scan import SheetScan, scan_sheet

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

MAX_DENSE = 10_000_000  # cells of a used range python-calamine may lay out (it allocates rows x columns)
MAX_PADDED = 50_000_000  # cells openpyxl may pad rows to (rows holding cells x columns of the used range)
# What reading a zip entry raises on a damaged file: a bad CRC, a broken deflate stream, an encrypted or unknown entry
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, KeyError, ValueError)


def open_results(path: Path) -> tuple[list[Sheet], list[Problem], Workbook | None]:
    """Open a results file: its sheets, the problems that stop reading it, and a handle to close."""
    from hrplan.results.csvfile import open_csv

    name = str(path)
    try:
        check_regular(path)  # /dev/zero, a pipe: nothing hrplan should read to the end
        if path.suffix.lower() in (".csv", ".txt"):
            sheets, problems = open_csv(path)
            return sheets, problems, None
        return _open_xlsx(path)
    except FileNotFoundError:
        return [], [Problem(name, None, None, "file-missing", "file not found: check the path")], None
    except NotARegularFile as exc:
        what = (
            "is a folder, not a results file"
            if exc.kind == "a folder"
            else "not a regular file: save the results as a file"
        )
        return [], [Problem(name, None, None, "file-kind", what)], None
    except TooLarge as exc:
        return [], [Problem(name, None, None, "file-too-large", f"over {exc.limit:,} bytes")], None
    except OSError as exc:  # no permission, a file locked by another program, a disk error
        return [], [Problem(name, None, None, "file-unreadable", f"cannot read the file: {exc.strerror or exc}")], None


def _open_xlsx(path: Path) -> tuple[list[Sheet], list[Problem], Workbook | None]:
    name = str(path)
    try:
        problem = check_container(path)
        if problem:
            return [], [problem], None
        with zipfile.ZipFile(path) as zf:
            book, problems = read_book(zf, name)
            scans = {s.name: scan_sheet(zf, s, book.styles) for s in book.sheets} if book else {}
    except _ZIP_ERRORS as exc:
        reason = f"the workbook is damaged ({type(exc).__name__}: {exc}): open it in Excel and save it again"
        return [], [Problem(name, None, None, "workbook-corrupt", reason)], None
    if book is None:
        return [], problems, None
    problems += _scan_problems(name, book, scans)
    if any(p.severity is Severity.ERROR for p in problems):
        return [], problems, None
    if book.counts_plausible and all(s.max_row * s.max_col <= MAX_DENSE for s in scans.values()):
        sheets = _open_calamine(path, book, scans)
        if sheets is not None:
            return sheets, problems, None
    return _open_openpyxl(path, book, scans, problems)


def _scan_problems(name: str, book: Book, scans: dict[str, SheetScan]) -> list[Problem]:
    """What the scan of each sheet found wrong, at its cell (or the sheet's part); a sheet too wide to read."""
    out = []
    for sp in book.sheets:
        scan = scans[sp.name]
        if scan.problem is not None:
            cell, what = scan.problem
            what = f"{what}: the workbook is damaged or was not saved by a spreadsheet program; open it in Excel " \
                "and save it again"  # fmt: skip
        elif scan.max_row * scan.max_col > MAX_DENSE and scan.rows * scan.max_col > MAX_PADDED:
            cell, what = (
                scan.far_cell,
                (
                    f"a cell far from the table makes the sheet {scan.max_col:,} columns wide over {scan.rows:,} rows, "
                    "more than hrplan reads: delete what stands there (in Excel, Ctrl+End goes to the last cell)"
                ),
            )
        else:
            continue
        where = f"{sp.name}!{cell}" if cell else None
        out.append(Problem(name, None, None, "workbook-corrupt", what if cell else f"sheet '{sp.name}': {what}",
                           cell=where))  # fmt: skip
    return out


def _flagged(rows: Iterable[Sequence[CellValue]], scan: SheetScan) -> Iterator[Row]:
    """Rows numbered from 1, each with the percent flags of its cells (None when none shows a percent), and the
    Excel error values put back where a reader gave a blank."""
    percent, errors = scan.percent, scan.errors
    if not percent and not errors:
        yield from ((n, values, None) for n, values in enumerate(rows, start=1))
        return
    for n, values in enumerate(rows, start=1):
        errs = errors.get(n)
        if errs:
            values = list(values)
            for c, text in errs:
                if c <= len(values):
                    values[c - 1] = text or "#VALUE!"
        cols = percent.get(n)
        if not cols:
            yield n, values, None
            continue
        flags = [False] * len(values)
        for c in cols:
            if c <= len(values):
                flags[c - 1] = True
        yield n, values, flags


def _open_calamine(path: Path, book: Book, scans: dict[str, SheetScan]) -> list[Sheet] | None:
    """Sheets read by python-calamine (the `fast` extra), several times faster than openpyxl. None when it is not
    installed or does not read the file: openpyxl then reads it, or says what is wrong."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return None
    try:
        with _quiet_stderr():  # a Rust panic prints its message (and with RUST_BACKTRACE, a backtrace) there
            wb = CalamineWorkbook.from_path(str(path))
            if not {s.name for s in book.sheets} <= set(wb.sheet_names):
                return None
            tables = [(s, wb.get_sheet_by_name(s.name).to_python(skip_empty_area=False)) for s in book.sheets]
    except Exception:  # any failure: fall back to openpyxl, which reports it properly
        return None
    except BaseException as exc:  # a Rust panic (a duration beyond its range) surfaces as pyo3's PanicException
        if type(exc).__name__ != "PanicException":
            raise
        return None
    return [_sheet(s, _flagged(rows, scans[s.name]), scans[s.name]) for s, rows in tables]


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """File descriptor 2 pointed at the null device for the duration: what a library prints there, not Python."""
    import os
    import sys

    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no stderr to quiet
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _sheet(part: SheetPart, rows: Iterator[Row], scan: SheetScan) -> Sheet:
    return Sheet(part.name, rows, uncalculated=scan.uncalculated, state=part.state)


def _open_openpyxl(
    path: Path, book: Book, scans: dict[str, SheetScan], problems: list[Problem]
) -> tuple[list[Sheet], list[Problem], Workbook | None]:
    import warnings

    import openpyxl

    warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")  # what it repairs is its business
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged or hostile files
        return [], [*problems, Problem(str(path), None, None, *_open_failure(exc))], None
    parts = {s.name: s for s in book.sheets}
    sheets = [
        _sheet(parts[ws.title], _openpyxl_rows(path, ws, parts[ws.title], scans[ws.title]), scans[ws.title])
        for ws in wb.worksheets
        if ws.title in parts
    ]
    return sheets, problems, wb


def _openpyxl_rows(path: Path, ws: Worksheet, part: SheetPart, scan: SheetScan) -> Iterator[Row]:
    """openpyxl's values within the used range the scan found (a <dimension> claiming more is not believed); a cell
    it cannot read stops the sheet with a SheetError naming the cell."""
    if scan.max_row == 0:
        return
    # read-only: the stubs type its sheets as Worksheet
    values = ws.iter_rows(min_row=1, max_row=scan.max_row, min_col=1, max_col=scan.max_col, values_only=True)
    last = 0
    try:
        for row in _flagged(values, scan):  # type: ignore[arg-type]  # data-only values are CellValue
            last = row[0]
            yield row
    except Exception as exc:
        cell, why = _failed_cell(path, ws, part, last) or ("", f"{type(exc).__name__}: {exc}")
        message = f"the workbook is damaged ({why}): open it in Excel and save it again"
        where = f"{part.name}!{cell}" if cell else None
        raise SheetError(Problem(str(path), None, None, "workbook-corrupt", message, cell=where)) from None


def _failed_cell(path: Path, ws: Worksheet, part: SheetPart, after: int) -> tuple[str, str] | None:
    """The first cell below row `after` that openpyxl's own cell parser refuses, and why (only after a failure)."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.worksheet._reader import CELL_TAG, ROW_TAG, VALUE_TAG, WorkSheetParser

    wb = ws.parent
    if wb is None:
        return None
    try:
        with zipfile.ZipFile(path) as zf, zf.open(part.part) as src:
            reader = WorkSheetParser(src, getattr(ws, "_shared_strings", []), data_only=True, epoch=wb.epoch,
                                     date_formats=getattr(wb, "_date_formats", set()),
                                     timedelta_formats=getattr(wb, "_timedelta_formats", set()))  # fmt: skip
            for _, row in iterparse(src):
                if row.tag != ROW_TAG:
                    continue
                r = row.get("r")
                reader.row_counter = int(r) if r and r.isdigit() else reader.row_counter + 1
                reader.col_counter = 0
                for cell in row.iter(CELL_TAG):
                    try:
                        reader.parse_cell(cell)
                    except Exception as exc:
                        if reader.row_counter > after:
                            ref = cell.get("r") or f"row {reader.row_counter}"
                            value = (cell.findtext(VALUE_TAG) or "")[:20]
                            return ref, f"the cell holds {value!r} as type {cell.get('t', 'n')!r}: {exc}"
                row.clear()
    except Exception:
        return None
    return None


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
