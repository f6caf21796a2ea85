"""Word building blocks for the report: clean text, runs, paragraphs, tables, fields and page setup.

python-docx writes the WordprocessingML; the few things it has no API for (a PAGE field, a header row
repeated on every page, table borders, cell shading, a short rule under a line) are added here with its
oxml helpers, and nowhere else.
"""

from __future__ import annotations

import re
from typing import Protocol

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from hrplan.core.text import clean_control

FONT = "Times New Roman"
BODY_PT = 14  # Nghị định 30/2020/NĐ-CP: 13-14 pt
INDENT = Cm(1.27)  # first line of a body paragraph: 1-1.27 cm
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
# Light fills for the verdict beside a number, as in the Excel report (they print as light greys).
FILL = {"good": "C6EFCE", "fair": "FFEB9C", "poor": "FFC7CE", "head": "E7E6E6", "group": "F2F2F2"}
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")
_LINE = {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}
# The elements that must follow each one added here (WordprocessingML fixes the order of properties).
_AFTER = {
    "w:pBdr": ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
    "w:tblBorders": ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                     "w:tblPrChange"),
    "w:tblCellMar": ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"),
    "w:cantSplit": ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del",
                    "w:trPrChange"),
    "w:tblHeader": ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange"),
    "w:shd": ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
              "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange"),
    "w:lang": ("w:eastAsianLayout", "w:specVanish", "w:oMath"),
}  # fmt: skip


class Container(Protocol):
    """Anything paragraphs are added to: the document, a table cell, a header."""

    def add_paragraph(self, text: str = "", style: str | ParagraphStyle | None = None) -> Paragraph: ...


def _put(parent: BaseOxmlElement, tag: str, attrs: dict[str, str] | None = None) -> BaseOxmlElement:
    """Add (or replace) the property element `tag` at its place in parent's sequence."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    child = OxmlElement(tag, {qn(k): v for k, v in (attrs or {}).items()})
    parent.insert_element_before(child, *_AFTER[tag])
    return child


def clean(text: str) -> str:
    """Text from the data made safe for XML: control characters and non-characters dropped."""
    return _NOT_XML.sub("", clean_control(text))


def run(
    par: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    highlight: bool = False,
) -> Run:
    r = par.add_run(clean(text))
    if bold:
        r.bold = True
    if italic:
        r.italic = True
    if size is not None:
        r.font.size = Pt(size)
    if highlight:
        r.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return r


def para(
    box: Container,
    text: str = "",
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    before: float = 0,
    after: float = 0,
    indent: bool = False,
    keep: bool = False,
) -> Paragraph:
    """A paragraph with one run; spacing in points; `indent` for a body paragraph's first line."""
    p = box.add_paragraph()
    f = p.paragraph_format
    f.space_before, f.space_after = Pt(before), Pt(after)
    f.first_line_indent = INDENT if indent else Cm(0)
    f.left_indent = Cm(0)
    if align is not None:
        p.alignment = align
    if keep:
        f.keep_with_next = True
    if text:
        run(p, text, bold=bold, italic=italic, size=size)
    return p


def body(box: Container, text: str = "", *, bold: bool = False, keep: bool = False) -> Paragraph:
    """A body paragraph: justified, first line indented, 6 pt after, lines 1.15 apart."""
    p = para(box, text, align=JUSTIFY, bold=bold, before=0, after=6, indent=True, keep=keep)
    p.paragraph_format.line_spacing = 1.15
    return p


def rule(box: Container, width_cm: float, box_cm: float) -> Paragraph:
    """A short centred rule, width_cm long, in a box box_cm wide (a cell or the text column): what the form draws
    under the issuing body, the motto and the subject. An empty paragraph 2 pt high with a bottom border between
    indents."""
    p = para(box)
    side = max(0.0, (box_cm - width_cm) / 2)
    f = p.paragraph_format
    f.left_indent, f.right_indent = Cm(side), Cm(side)
    f.line_spacing = Pt(2)
    pbdr = _put(p._p.get_or_add_pPr(), "w:pBdr")
    pbdr.append(OxmlElement("w:bottom", {qn(k): v for k, v in _LINE.items()}))
    return p


def page_field(p: Paragraph, size: float = BODY_PT) -> None:
    """A PAGE field: the page number, in Arabic numerals, as Word and LibreOffice compute it."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = run(p, "", size=size)
        if kind is not None:
            r._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
            instr.text = text
            r._r.append(instr)
        else:
            r.text = text or ""


def set_fonts(style: ParagraphStyle, size: float) -> None:
    """Times New Roman for every script (Word picks the East Asian / complex slot for some characters)."""
    style.font.name = FONT
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:  # pragma: no cover - font.name has just added it
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    _put(rpr, "w:lang", {"w:val": "vi-VN"})


def page(section: Section, *, landscape: bool) -> None:
    """A4 with the margins of the form: top/bottom 20 mm, left 30 mm, right 15 mm in portrait. A landscape page
    turns them with the paper, so the binding margin (30 mm) is at the top."""
    section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    if landscape:
        section.top_margin, section.bottom_margin = Cm(3.0), Cm(1.5)
        section.left_margin, section.right_margin = Cm(2.0), Cm(2.0)
    else:
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
        section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)


def table(box_table: Table, widths_cm: list[float], *, borders: bool = True, pad_cm: float = 0.1) -> Table:
    """Fixed column widths (in the grid and in every cell), single borders or none, narrow cell padding."""
    t = box_table
    t.autofit = False
    tblpr = t._tbl.tblPr
    edges = _put(tblpr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        attrs = {**_LINE, "w:sz": "4", "w:space": "0"} if borders else {"w:val": "nil"}
        edges.append(OxmlElement(f"w:{edge}", {qn(k): v for k, v in attrs.items()}))
    margins = _put(tblpr, "w:tblCellMar")
    for side in ("left", "right"):
        margins.append(OxmlElement(f"w:{side}", {qn("w:w"): str(round(pad_cm * 567)), qn("w:type"): "dxa"}))
    for col, width in zip(t.columns, widths_cm, strict=True):
        col.width = Cm(width)
        for cell in col.cells:
            cell.width = Cm(width)
    return t


def cell_text(
    cell: _Cell,
    text: str,
    *,
    align: WD_ALIGN_PARAGRAPH = LEFT,
    bold: bool = False,
    italic: bool = False,
    size: float = 10,
    append: bool = False,
) -> Paragraph:
    """Write text into a cell's first paragraph, or with `append` into new ones after what it holds (lines after
    a newline become paragraphs of their own); returns the last paragraph written."""
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p: Paragraph = cell.paragraphs[0]
    for k, line in enumerate(text.split("\n")):
        if k or append:
            p = cell.add_paragraph()
        f = p.paragraph_format
        f.space_before = f.space_after = Pt(1)
        f.first_line_indent = Cm(0)
        f.line_spacing = 1.0
        p.alignment = align
        if line:
            run(p, line, bold=bold, italic=italic, size=size)
    return p


def shade(cell: _Cell, tone: str | None) -> None:
    """A light fill by tone ('good', 'fair', 'poor'; 'head' and 'group' rows); no fill for None."""
    if tone is None or tone not in FILL:
        return
    _put(cell._tc.get_or_add_tcPr(), "w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": FILL[tone]})


def keep_row(row: _Row, *, repeat: bool = False) -> None:
    """Never split this row across pages; with `repeat`, repeat it at the top of every page the table runs onto
    (the header rows)."""
    trpr = row._tr.get_or_add_trPr()
    _put(trpr, "w:cantSplit")
    if repeat:
        _put(trpr, "w:tblHeader")
