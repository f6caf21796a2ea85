"""A province's own letterhead (`--docx-template`): a .docx with {{field}} placeholders, filled with python-docx.

Each {{field}} anywhere in the text (body, tables, headers, footers) becomes its value, keeping the formatting of
the run where it starts, also when Word has split it across runs. {{noi_dung}}, on a paragraph of its own, is
required: the report's body goes there. The appendices follow in a landscape section at the end. A file that is
not a Word document, a missing {{noi_dung}} or an unknown field stops with the file named.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from hrplan.core.errors import InputError

BODY_FIELD = "noi_dung"
MAX_UNPACKED = 64 * 1024 * 1024
_TAG = re.compile(r"\{\{(.*?)\}\}|\{%.*?%\}")
_NAME = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*")


class Before:
    """A container whose new paragraphs go before an anchor paragraph: where {{noi_dung}} stood."""

    def __init__(self, anchor: Paragraph) -> None:
        self.anchor = anchor

    def add_paragraph(self, text: str = "", style: str | ParagraphStyle | None = None) -> Paragraph:
        return self.anchor.insert_paragraph_before(text, style)


def open_template(name: str, data: bytes) -> Document:
    """The template as a python-docx document; InputError naming the file when it is not a Word document."""
    hint = "save it from Word as a Word Document (.docx)"
    if not data.startswith(b"PK"):
        raise InputError(f"the Word template is not a .docx file: {hint}", path=name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_UNPACKED:
                raise InputError(f"the Word template unpacks to over {MAX_UNPACKED:,} bytes; refusing it", path=name)
            if "word/document.xml" not in zf.namelist():
                raise InputError(f"a zip file but not a Word document: {hint}", path=name)
        return docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError, OSError) as exc:
        raise InputError(f"the Word template cannot be read ({type(exc).__name__}: {exc}): {hint}", path=name) from exc


def _story_paragraphs(doc: Document) -> Iterator[tuple[Paragraph, bool]]:
    """(paragraph, in the body) for every paragraph of the body (tables and text boxes included), then of every
    header and footer."""
    for p in list(doc.element.body.iter(qn("w:p"))):
        yield Paragraph(p, doc), True
    for rel in sorted(doc.part.rels.values(), key=lambda r: r.rId):
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            for p in list(rel.target_part.element.iter(qn("w:p"))):
                yield Paragraph(p, doc), False


def _replace(p: Paragraph, fields: dict[str, str]) -> None:
    """Fill every {{field}} of the paragraph's runs, keeping the run where each starts; the runs after it lose
    the placeholder's remaining characters."""
    runs = p.runs
    texts = [r.text for r in runs]
    starts, pos = [], 0
    for text in texts:
        starts.append(pos)
        pos += len(text)
    full = "".join(texts)

    def locate(offset: int) -> tuple[int, int]:
        k = max(i for i, s in enumerate(starts) if s <= offset and (offset < s + len(texts[i]) or i == len(texts) - 1))
        return k, offset - starts[k]

    for m in reversed(list(_TAG.finditer(full))):
        name = (m.group(1) or "").strip()
        (i, a), (j, b) = locate(m.start()), locate(m.end() - 1)
        b += 1
        if i == j:
            texts[i] = texts[i][:a] + fields[name] + texts[i][b:]
        else:
            texts[i] = texts[i][:a] + fields[name]
            for k in range(i + 1, j):
                texts[k] = ""
            texts[j] = texts[j][b:]
    for r, text in zip(runs, texts, strict=True):
        if r.text != text:
            r.text = text


def fill(doc: Document, name: str, fields: dict[str, str]) -> Paragraph:
    """Fill the fields; return the paragraph that holds {{noi_dung}} alone, where the body goes."""
    known = {**fields, BODY_FIELD: ""}
    anchors: list[Paragraph] = []
    for p, in_body in _story_paragraphs(doc):
        text = p.text
        tags = list(_TAG.finditer(text))
        if not tags:
            continue
        for m in tags:
            field = _NAME.fullmatch(m.group(1) or "")
            if field is None or field.group(1) not in known:
                raise InputError(
                    f"the Word template has an unknown field {m.group(0)}; the fields are "
                    + ", ".join("{{" + k + "}}" for k in known),
                    path=name,
                )
        if any((m.group(1) or "").strip() == BODY_FIELD for m in tags):
            if not in_body or text.strip() != tags[0].group(0) or len(tags) > 1:
                raise InputError(
                    "the Word template's {{noi_dung}} must stand alone in a paragraph of the document's body", path=name
                )
            anchors.append(p)
            continue
        _replace(p, fields)
        if _TAG.search(p.text):
            raise InputError(f"the Word template's field in {text.strip()!r} cannot be filled: retype it", path=name)
    if len(anchors) != 1:
        found = "has no" if not anchors else f"has {len(anchors)}"
        raise InputError(
            f"the Word template {found} {{{{noi_dung}}}} paragraph: put {{{{noi_dung}}}} alone on the line where "
            "the report's body goes",
            path=name,
        )
    return anchors[0]


def remove(p: Paragraph) -> None:
    element = p._p
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)
