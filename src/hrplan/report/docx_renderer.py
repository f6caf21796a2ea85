"""The Word report (`report-Y.docx`): the yearly report drafted for the People's Committee to issue, in the
administrative form of Nghị định 30/2020/NĐ-CP, with appendices 01 and 02 as tables in a landscape section.

Built with python-docx on the year's reading; it lays the reading out and decides nothing. The same reading
gives the same bytes: fixed document properties and zip entry times (xlsxsafe.deterministic_bytes).
"""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from hrplan.analysis.reading import YearReading
from hrplan.report.docx_body import write_body
from hrplan.report.docx_form import Heading, closing, heading, letterhead, opening, setup, signature
from hrplan.report.docx_kit import Container, clean
from hrplan.report.docx_tables import appendices
from hrplan.report.docx_template import Before, fill, open_template, remove
from hrplan.report.labels import Labels
from hrplan.report.registry import RenderOptions
from hrplan.report.xlsxsafe import FIXED_STAMP, deterministic_bytes

FIXED_TIME = dt.datetime.fromisoformat(FIXED_STAMP).replace(tzinfo=None)


def content(box: Container, reading: YearReading, head: Heading, t: Labels) -> None:
    """What {{noi_dung}} stands for: the opening, sections I-IV and the closing sentence."""
    opening(box, reading, head, t)
    write_body(box, reading, t)
    closing(box, head, t)


def _properties(doc: Document, reading: YearReading, head: Heading, t: Labels) -> None:
    """Fixed document properties: the same reading gives the same file."""
    info = reading.plan.targets.plan
    props = doc.core_properties
    props.title = clean(f"{t('doc_kind')}: {head.subject}")
    props.subject = clean(t.name(info.title, info.title_en))
    props.keywords = clean(f"{info.id}; {info.province}; {reading.year}")
    props.author = props.last_modified_by = "hrplan"
    props.comments = props.category = ""
    props.language = "vi-VN" if t.lang == "vi" else "en"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    package = doc.part.package
    for rid, rel in list(package.rels.items()):  # the stock template's preview picture shows another document
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]


def render(reading: YearReading, options: RenderOptions) -> bytes:
    """The report as .docx bytes: the bundled form, or the province's template (options.docx_template)."""
    t = Labels(options.lang)
    head = heading(reading, options.number, options.issued, t)
    template = options.docx_template
    if template is None:
        doc = docx.Document()
        setup(doc)
        letterhead(doc, head, t)
        content(doc, reading, head, t)
        signature(doc, t)
    else:
        doc = open_template(template.name, template.data)
        anchor = fill(doc, template.name, head.fields())
        content(Before(anchor), reading, head, t)
        remove(anchor)
    appendices(doc, reading, head, t)
    _properties(doc, reading, head, t)
    out = io.BytesIO()
    doc.save(out)
    return deterministic_bytes(out.getvalue())
