"""One streaming pass of expat over a sheet's XML, before any reader loads it.

It finds what neither reader says, or what must be known before one is trusted with the sheet: the extent of the
cells (one value in XFD1048576 would make python-calamine allocate 550 GB), the cells whose style shows a percent,
Excel error values (python-calamine reads them as blank), formulas never calculated, and cells no reader should be
given (a reference beyond XFD1048576, an unknown type, a style the workbook does not have). Linear in the part, and
the same whatever the quoting, spacing or namespace prefixes of the XML.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast
from xml.parsers import expat

from hrplan.results.measured import col_letter
from hrplan.results.xlsx_parts import MAIN, PartError, SheetPart, local, parse_part, parser

MAX_ROW, MAX_COL = 1_048_576, 16_384  # XFD1048576, the last cell of a sheet
TYPES = frozenset({"n", "s", "b", "e", "str", "inlineStr", "d"})
_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
# rows ('#5') each followed by its cells ('A5', 'C5'): the backreference ties a cell to its row, in linear time
_REFS = re.compile(r"(?:#([1-9][0-9]{0,6})\n(?:[A-Z]{1,3}\1\n)*)+")
_ROW_LINES = re.compile(r"^#([0-9]+)$", re.M)
_CELL_LINES = re.compile(r"^([A-Z]+)([0-9]+)$", re.M)
_PARTS = _CELL_LINES


def col_number(letters: str) -> int:
    """'A' -> 1, 'XFD' -> 16384."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def split_ref(ref: str) -> tuple[int, int] | None:
    """'AB12' (or 'ab12', as both readers accept) -> (12, 28); None for what is not a cell of a sheet."""
    m = _REF.fullmatch(ref.upper())
    if m is None:
        return None
    row, col = int(m.group(2)), col_number(m.group(1))
    return (row, col) if row <= MAX_ROW and col <= MAX_COL else None


@dataclass
class SheetScan:
    """What the pass found in one sheet. Positions are (row, column), 1-based."""

    max_row: int = 0
    max_col: int = 0
    last_row: int = 0  # the last row element met so far
    rows: int = 0  # row elements: what openpyxl pads to max_col each
    far_cell: str = ""  # a cell in the last column, to name when the sheet is too wide
    percent: dict[int, list[int]] = field(default_factory=dict)  # row -> columns whose style shows a percent
    errors: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # row -> (column, '#DIV/0!')
    uncalculated: set[str] = field(default_factory=set)  # 'C5': a formula without a saved value
    problem: tuple[str, str] | None = None  # (cell or '', what is wrong with it)


class _Pass:
    """The handlers of one pass. The start handler runs for every element of the sheet (2 million in a workbook of
    200,000 values): it is a closure over local names, and each element costs one or two comparisons but a cell."""

    def __init__(self, styles: list[bool], positional: bool) -> None:
        self.refs: list[str | None] = []
        self.percent: list[str] = []
        self.errors: list[tuple[str, str]] = []
        self.uncalculated: list[str] = []
        self.rows = 0
        self.row_no = self.col_no = 0
        self.problem: tuple[str, str] | None = None
        self.styles = {str(i): pct for i, pct in enumerate(styles)}
        self.close: Callable[[], None] = lambda: None
        self.p = self._parser(positional)

    def _parser(self, positional: bool) -> expat.XMLParserType:
        ns = MAIN[0]
        c_tag, row_tag, f_tag, v_tag = f"{ns} c", f"{ns} row", f"{ns} f", f"{ns} v"
        strict = {f"{MAIN[1]} {n}": f"{ns} {n}" for n in ("c", "row", "f", "v")}
        by_index = self.styles
        refs_append, percent_append = self.refs.append, self.percent.append
        checked = {c_tag, row_tag, f_tag, v_tag}  # element names known to be no stray cell
        cell: str | None = None  # the open cell: its reference, its type, whether it holds a formula, a value
        cell_type: str | None = None
        formula = has_value = False
        text: list[str] = []

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal cell, cell_type, formula, has_value, text
            if name == c_tag:
                if formula:
                    if not has_value and cell:
                        self.uncalculated.append(cell)
                    formula = has_value = False
                r = attrs.get("r")
                if positional:
                    r = self._position(r)
                refs_append(r)
                cell = r
                s = attrs.get("s")
                if s is not None:
                    pct = by_index.get(s)
                    if pct is None:
                        pct = self._style(s, r)
                    if pct:
                        percent_append(r or "")
                cell_type = attrs.get("t")
                if cell_type is not None and cell_type not in TYPES:
                    self._fail(r, f"unknown cell type t={cell_type[:20]!r}")
            elif name == v_tag:
                if cell_type == "e" or formula:
                    text = []
                    p.CharacterDataHandler = text.append
                    p.EndElementHandler = end_value
            elif name == row_tag:
                self.rows += 1
                r = attrs.get("r")
                if positional:
                    self.row_no = int(r) if r and r.isascii() and r.isdigit() else self.row_no + 1
                    self.col_no = 0
                    refs_append(f"#{self.row_no}")
                else:
                    refs_append(None if r is None else "#" + r)
            elif name == f_tag:
                formula = True
            elif name in strict:
                start(strict[name], attrs)
            elif name not in checked:  # a cell outside the spreadsheet namespace: openpyxl skips it, calamine not
                checked.add(name)
                if local(name) in ("c", "row", "sheetData") and not name.startswith(MAIN):
                    self._fail(None, f"a <{local(name)}> element outside the spreadsheet namespace")

        def end_value(name: str) -> None:
            nonlocal has_value
            if name != v_tag:
                return
            p.CharacterDataHandler = None
            p.EndElementHandler = None
            value = "".join(text)
            has_value = bool(value)
            if cell_type == "e" and cell:
                self.errors.append((cell, value))

        def close() -> None:
            if formula and not has_value and cell:
                self.uncalculated.append(cell)

        self.close = close
        p = parser(start)
        return p

    def _position(self, r: str | None) -> str:
        """Where a cell without a reference stands: after the previous one, as openpyxl and calamine place it."""
        if r is not None:
            rc = split_ref(r)
            if rc is not None:
                self.col_no = rc[1]
            return r
        self.col_no += 1
        return f"{col_letter(self.col_no - 1)}{max(self.row_no, 1)}"

    def _style(self, s: str, r: str | None) -> bool:
        try:
            i = int(s)
        except ValueError:
            i = -1
        if 0 <= i < len(self.styles):
            return self.styles[str(i)]
        if i == 0:  # the default style of a workbook without styles.xml
            return False
        self._fail(r, f"style index s={s[:20]!r} is not in the workbook's styles")
        return False

    def _fail(self, r: str | None, what: str) -> None:
        if self.problem is None:
            self.problem = (r or "", what)


def scan_sheet(zf: zipfile.ZipFile, sheet: SheetPart, styles: list[bool]) -> SheetScan:
    """One pass over the sheet (a second, placing cells by position, when some cell has no reference)."""
    out = SheetScan()
    if not _run(zf, sheet, styles, out, positional=False):
        out = SheetScan()
        _run(zf, sheet, styles, out, positional=True)
    return out


class _NoReference(Exception):
    """A cell without a reference: the pass starts again, counting positions."""


def _run(zf: zipfile.ZipFile, sheet: SheetPart, styles: list[bool], out: SheetScan, positional: bool) -> bool:
    """False when a cell has no reference and positions must be counted."""
    run = _Pass(styles, positional)

    def digest() -> None:  # the references of a chunk at once: a regex and max() over them, not Python per cell
        if None in run.refs:
            raise _NoReference
        refs = cast("list[str]", run.refs)
        _extent(out, "\n".join(refs).upper() + "\n")
        refs.clear()

    try:
        parse_part(zf, sheet.part, run.p, digest)
        digest()
    except _NoReference:
        return False
    except PartError as exc:
        out.problem = ("", str(exc))
        return True
    run.close()
    out.rows, out.uncalculated = run.rows, {ref.upper() for ref in run.uncalculated}
    out.problem = out.problem or run.problem
    columns: dict[str, int] = {}  # the few distinct column letters, converted once
    for letters, digits in _PARTS.findall("\n".join(run.percent).upper()):  # valid: _extent checked every reference
        col = columns.get(letters) or columns.setdefault(letters, col_number(letters))
        out.percent.setdefault(int(digits), []).append(col)
    for ref, text in run.errors:
        rc = split_ref(ref)
        if rc:
            out.errors.setdefault(rc[0], []).append((rc[1], text))
    return True


def _extent(out: SheetScan, joined: str) -> None:
    """Fold one chunk of references into the extent: '#5' for a row, 'A5' for a cell, a line each. Each cell must
    stand in its row and the rows must rise (openpyxl places a cell by its row element, python-calamine by its own
    reference, and openpyxl drops a row that comes after a later one: such a sheet would read two ways). The first
    offence is the sheet's problem."""
    if out.problem is not None or joined == "\n":
        return
    rows = [int(r) for r in _ROW_LINES.findall(joined)]
    if out.last_row:
        joined = f"#{out.last_row}\n{joined}"  # the cells that continue the previous chunk's last row
    if _REFS.fullmatch(joined) is None or any(a >= b for a, b in zip([out.last_row, *rows], rows, strict=False)):
        out.problem = _offence(joined)
        return
    out.last_row = rows[-1] if rows else out.last_row
    cells = _CELL_LINES.findall(joined)
    if not cells:
        return
    letters = {c for c, _ in cells}
    widest = max(letters, key=lambda s: (len(s), s))
    out.max_row = max(out.max_row, int(cells[-1][1]))  # the rows rise: the last cell is in the last row
    col = col_number(widest)
    if col > out.max_col:
        out.max_col = col
        out.far_cell = next(c + r for c, r in cells if c == widest)
    if (out.max_row > MAX_ROW or out.max_col > MAX_COL) and out.problem is None:
        out.problem = (out.far_cell, "a cell beyond XFD1048576, the last cell of a sheet")


def _offence(joined: str) -> tuple[str, str]:
    """The first line of a chunk that breaks the rules of _extent, said (only after a chunk fails its check)."""
    row = 0
    for line in joined.split("\n")[:-1]:
        if line.startswith("#"):
            n = int(line[1:]) if line[1:].isdigit() else -1
            if not 1 <= n <= MAX_ROW:
                return "", f"a row numbered {line[1:21]!r}"
            if n <= row:
                return "", f"row {n} comes after row {row}: the rows are out of order"
            row = n
            continue
        m = _REF.fullmatch(line)
        if m is None:
            return line[:20], f"'{line[:20]}' is not a cell reference within A1:XFD1048576"
        if not row:
            return line, "a cell outside any row"
        if int(m.group(2)) != row:
            return line, f"the cell {line} stands in row {row}"
    return "", "a cell reference that cannot be read"
