"""An xlsx container checked before any reader opens it, and its structure read with an XML parser.

The zip first: its size unpacked, its compression ratios, one entry per name, `xl/workbook.xml` present and no
part declaring a DTD or entities. Then `xl/workbook.xml` with its relationships (each sheet's part: one that is
missing is a problem naming the sheet, never a sheet skipped) and `xl/styles.xml` (which cell formats show a
percent). Every part is parsed by expat, streaming, with any DTD refused on sight: linear in the part, whatever its
quoting, spacing or namespace prefixes.
"""

from __future__ import annotations

import contextlib
import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote
from xml.parsers import expat

from hrplan.core.problems import Problem, Severity
from hrplan.results.values import is_percent_format

MAX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_RATIO = 200
CHUNK = 1 << 20
MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
RELS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
BUILTIN_PERCENT = frozenset({9, 10})  # openpyxl's BUILTIN_FORMATS: 9 is 0%, 10 is 0.00%
StartHandler = Callable[[str, dict[str, str]], None]


class PartError(Exception):
    """A part that is not well-formed XML, declares a DTD, or holds what no workbook holds."""


@dataclass(frozen=True)
class SheetPart:
    name: str
    part: str  # the zip entry of its XML
    state: str = "visible"  # "hidden", "veryHidden"


@dataclass
class Book:
    """What the readers need from the workbook's structure."""

    sheets: list[SheetPart] = field(default_factory=list)
    styles: list[bool] = field(default_factory=list)  # per cellXfs index: shows a percent
    macros: bool = False
    counts_plausible: bool = True  # the shared strings' declared counts fit their part (python-calamine trusts them)


def local(name: str) -> str:
    """'ns c' (expat with namespace_separator=' ') -> 'c'."""
    return name.rpartition(" ")[2]


def _refuse_dtd(*_: object) -> None:
    raise PartError("a part declares a DTD or entities (a possible XML bomb)")


def parser(start: StartHandler) -> expat.XMLParserType:
    """An expat parser reporting namespaced names as 'uri local', refusing any DTD before its first declaration."""
    p = expat.ParserCreate(namespace_separator=" ")
    p.StartDoctypeDeclHandler = _refuse_dtd
    p.EntityDeclHandler = _refuse_dtd
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    p.StartElementHandler = start
    return p


def parse_part(
    zf: zipfile.ZipFile, part: str, p: expat.XMLParserType, after_chunk: Callable[[], None] | None = None
) -> None:
    """Feed a zip entry to p in chunks; PartError for XML that is not well-formed."""
    try:
        with zf.open(part) as fh:
            while chunk := fh.read(CHUNK):
                p.Parse(chunk, False)
                if after_chunk is not None:
                    after_chunk()
            p.Parse(b"", True)
    except expat.ExpatError as exc:
        where = f"line {exc.lineno}, column {exc.offset + 1}"
        raise PartError(f"{part} is not well-formed XML: {expat.ErrorString(exc.code)} at {where}") from None


def check_container(path: Path) -> Problem | None:
    """The problem that stops any reader from opening the file, checked before one does."""
    name = str(path)
    with path.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        return Problem(name, None, None, "workbook-protected",
                       "the file is password-protected or an old .xls workbook: open it in Excel, remove the password "
                       "(File > Info > Protect Workbook) and save it as .xlsx")  # fmt: skip
    if not magic.startswith(b"PK"):
        return Problem(name, None, None, "not-a-workbook",
                       "not an .xlsx workbook (nor .csv): save it from Excel as 'Excel Workbook (.xlsx)'")  # fmt: skip
    try:
        with zipfile.ZipFile(path) as zf:
            return _zip_problem(zf, name)
    except zipfile.BadZipFile:
        return _corrupt(name, "not a valid zip")


def _corrupt(name: str, what: str) -> Problem:
    return Problem(name, None, None, "workbook-corrupt",
                   f"the workbook is damaged ({what}): open it in Excel and save it again")  # fmt: skip


def _zip_problem(zf: zipfile.ZipFile, name: str) -> Problem | None:
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        return Problem(name, None, None, "zip-bomb", f"the workbook unpacks to {total:,} bytes, over the "
                       f"{MAX_UNCOMPRESSED:,} limit; refusing to read it")  # fmt: skip
    for i in infos:
        if i.compress_size and i.file_size / i.compress_size > MAX_RATIO and i.file_size > 50_000_000:
            return Problem(name, None, None, "zip-bomb", f"part {i.filename} is compressed "
                           f"{i.file_size // i.compress_size}:1; refusing to read it")  # fmt: skip
    seen: set[str] = set()
    for i in infos:  # zipfile reads the last of two entries of one name, other readers the first
        key = i.filename.casefold()  # part names are case-insensitive (Open Packaging Conventions)
        if key in seen:
            return _corrupt(name, f"it holds two parts named {i.filename}")
        seen.add(key)
    if "xl/workbook.xml" not in {i.filename for i in infos}:
        return Problem(name, None, None, "not-a-workbook",
                       "a zip file but not an Excel workbook: save it from Excel as .xlsx")  # fmt: skip
    for i in infos:
        if i.filename.endswith((".xml", ".rels")) and _declares_dtd(zf, i):  # no reader gets to expand them
            return Problem(name, None, None, "xml-bomb", f"part {i.filename} declares a DTD or entities (a possible "
                           "XML bomb); refusing to read it. Copy the data into a new workbook")  # fmt: skip
    return None


def _declares_dtd(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the bytes of a part hold '<!DOCTYPE' or '<!ENTITY' (streamed; linear)."""
    tail = b""
    with zf.open(info) as fh:
        while chunk := fh.read(CHUNK):
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                return True
            tail = window[-8:]
    return False


def read_book(zf: zipfile.ZipFile, name: str) -> tuple[Book | None, list[Problem]]:
    """The sheets (with their parts and states), the percent styles and whether there are macros."""
    try:
        rels = _relationships(zf)
        sheets = _sheets(zf)
        styles = _styles(zf) if "xl/styles.xml" in zf.NameToInfo else []
    except PartError as exc:
        return None, [_corrupt(name, str(exc))]
    book = Book(styles=styles, macros="xl/vbaProject.bin" in zf.NameToInfo)
    try:
        unusual = _unusual_names(zf, rels)
        if unusual:
            return None, [_corrupt(name, f"{unusual}: python-calamine and openpyxl would read different parts")]
        if "xl/sharedStrings.xml" in zf.NameToInfo:
            book.counts_plausible = _counts_plausible(zf, "xl/sharedStrings.xml")
    except PartError as exc:
        return None, [_corrupt(name, str(exc))]
    problems = []
    names: set[str] = set()
    for sheet_name, rid, state in sheets:
        where = f"sheet '{sheet_name}'"
        target = rels.get(rid)
        if sheet_name.casefold() in names:
            problems.append(_corrupt(name, f"two sheets are named '{sheet_name}'"))
        names.add(sheet_name.casefold())
        if target is None:
            problems.append(_corrupt(name, f"{where} has no relationship {rid!r} in xl/_rels/workbook.xml.rels"))
            continue
        part, kind = target
        if kind == "chartsheet":  # a chart: no cells
            continue
        if part not in zf.NameToInfo and unquote(part) in zf.NameToInfo:
            part = unquote(part)
        if part not in zf.NameToInfo:
            problems.append(_corrupt(name, f"{where} points to {part}, which is not in the file"))
            continue
        book.sheets.append(SheetPart(sheet_name, part, state))
    if book.macros:
        problems.append(Problem(name, None, None, "macros", "a macro-enabled workbook: hrplan reads its values and "
                                "never runs its macros", Severity.INFO))  # fmt: skip
    return book, problems


# Where each reader looks: openpyxl finds the workbook and the shared strings by [Content_Types].xml and the styles at
# xl/styles.xml; python-calamine reads xl/sharedStrings.xml and xl/styles.xml. Excel writes them there, and says so.
_STANDARD = {"sheet.main": "xl/workbook.xml", "sharedStrings": "xl/sharedStrings.xml", "styles": "xl/styles.xml"}
_WHAT = {"sheet.main": "workbook", "sharedStrings": "shared strings", "styles": "styles"}


def _unusual_names(zf: zipfile.ZipFile, rels: dict[str, tuple[str, str]]) -> str | None:
    """What names a workbook, its shared strings or its styles elsewhere than the readers all look."""
    named: list[tuple[str, str]] = [(kind, part) for part, kind in rels.values() if kind in ("sharedStrings", "styles")]

    def start(tag: str, attrs: dict[str, str]) -> None:
        if local(tag) == "Override":
            kind = attrs.get("ContentType", "").rpartition(".")[2].partition("+")[0]
            kind = "sheet.main" if kind == "main" and ".sheet." in attrs.get("ContentType", "") else kind
            named.append((kind, attrs.get("PartName", "").lstrip("/")))

    if "[Content_Types].xml" in zf.NameToInfo:
        parse_part(zf, "[Content_Types].xml", parser(start))
    for kind, part in named:
        if kind in _STANDARD and part.casefold() != _STANDARD[kind].casefold():
            return f"it names {part} as its {_WHAT[kind]}"
    return None


class _Enough(Exception):
    """The first element has told what was wanted: the parse stops there."""


def _counts_plausible(zf: zipfile.ZipFile, part: str) -> bool:
    """Whether the counts the shared strings declare (`<sst count=.. uniqueCount=..>`) could be true: each string
    takes 5 bytes at least (`<si/>`). python-calamine reserves memory for the declared count: uniqueCount="4000000000"
    made it abort the process (and 2^64 - 1 raise a PanicException). openpyxl ignores the counts."""
    limit = zf.getinfo(part).file_size // 5
    declared: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        declared.extend(v for k, v in attrs.items() if k in ("count", "uniqueCount"))
        raise _Enough

    with contextlib.suppress(_Enough):
        parse_part(zf, part, parser(start))
    return all(len(v) <= 12 and v.isascii() and v.isdigit() and int(v) <= limit for v in declared)


def _relationships(zf: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """Relationship id -> (zip entry, kind) from xl/_rels/workbook.xml.rels."""
    out: dict[str, tuple[str, str]] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if local(tag) == "Relationship" and "Id" in attrs:
            target = attrs.get("Target", "")
            if attrs.get("TargetMode") == "External":
                return
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            out[attrs["Id"]] = (posixpath.normpath(path), attrs.get("Type", "").rpartition("/")[2])

    if "xl/_rels/workbook.xml.rels" in zf.NameToInfo:
        parse_part(zf, "xl/_rels/workbook.xml.rels", parser(start))
    return out


def _sheets(zf: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    """(name, relationship id, state) of every sheet listed in xl/workbook.xml."""
    out: list[tuple[str, str, str]] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if local(tag) == "sheet":
            rid = next((v for k, v in attrs.items() if k in (f"{RELS[0]} id", f"{RELS[1]} id")), "")
            out.append((attrs.get("name", ""), rid, attrs.get("state", "visible")))

    parse_part(zf, "xl/workbook.xml", parser(start))
    return out


def _styles(zf: zipfile.ZipFile) -> list[bool]:
    """Per cell format (cellXfs index), whether it shows a percent: the format it names, a custom one from numFmts
    (which overrides a built-in of the same id, as in openpyxl) or a built-in."""
    custom: dict[int, str] = {}
    xfs: list[int] = []
    inside: list[str] = []  # the open container: numFmts or cellXfs (numFmt also occurs under dxfs)

    def number(value: str, what: str) -> int:
        try:
            return int(value)
        except ValueError:
            raise PartError(f"xl/styles.xml: {what} {value[:20]!r} is not a number") from None

    def start(tag: str, attrs: dict[str, str]) -> None:
        name = local(tag)
        if name in ("numFmts", "cellXfs", "cellStyleXfs", "dxfs"):
            inside[:] = [name]
        elif name == "numFmt" and inside == ["numFmts"]:
            custom[number(attrs.get("numFmtId", "0"), "numFmtId")] = attrs.get("formatCode", "")
        elif name == "xf" and inside == ["cellXfs"]:
            xfs.append(number(attrs.get("numFmtId", "0"), "numFmtId"))

    def end(tag: str) -> None:
        if inside and local(tag) == inside[0]:
            inside.clear()

    p = parser(start)
    p.EndElementHandler = end
    parse_part(zf, "xl/styles.xml", p)
    return [is_percent_format(custom[i]) if i in custom else i in BUILTIN_PERCENT for i in xfs]
