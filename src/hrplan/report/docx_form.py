"""The administrative form of Nghị định 30/2020/NĐ-CP (appendix I) around the Word report: A4, Times New Roman,
the letterhead (issuing body and number on the left, national title, motto, place and date on the right), the
title and subject, page numbers centred in the top margin from page 2 on, and the recipients and signature
block at the end. The words come from labels.py; the same fields fill a province's own template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.section import Section
from docx.shared import Pt

from hrplan.analysis.reading import YearReading
from hrplan.core.text import fold
from hrplan.report.docx_kit import (
    BODY_PT,
    CENTER,
    Container,
    body,
    cell_text,
    keep_row,
    page,
    page_field,
    para,
    rule,
    set_fonts,
    table,
)
from hrplan.report.fmt import fmt_date, fmt_day_words
from hrplan.report.labels import Labels

SYMBOL = "BC-UBND"  # a report (BC) of the People's Committee (UBND)
_PREFIXES = (("tinh ", 1), ("thanh pho ", 2))  # a province named with its kind: 'Tỉnh Lào Cai', 'Thành phố Hà Nội'
_TEXT_CM = 16.5  # the text column of a portrait page: 210 - 30 - 15 mm
_HEAD_CM = (6.0, 10.5)  # the letterhead's two columns
_MOTTO_CM = {"vi": 5.6, "en": 7.3}  # the motto's width at 13 pt bold, for the rule under it


@dataclass(frozen=True)
class Heading:
    """The words of the letterhead and the title, from the plan file and the options."""

    agency: tuple[str, str]  # ('ỦY BAN NHÂN DÂN', 'TỈNH LÀO CAI'), printed on two lines
    place: str  # 'Lào Cai': the place of issue
    number: str  # '…' or as given
    symbol: str  # '…/BC-UBND'
    date: str  # 'ngày … tháng … năm …' or 'ngày 05 tháng 12 năm 2024'
    subject: str
    year: int
    plan: str  # '09/KH-UBND'

    def fields(self) -> dict[str, str]:
        """The fields a province's template can use, by name (README: `--docx-template`)."""
        return {
            "co_quan": " ".join(self.agency),
            "tinh": self.place,
            "so": self.number,
            "so_ky_hieu": self.symbol,
            "ngay": self.date,
            "dia_danh_ngay": f"{self.place}, {self.date}",
            "trich_yeu": self.subject,
            "nam": str(self.year),
            "ke_hoach": self.plan,
        }


def heading(reading: YearReading, number: str | None, issued: dt.date | None, t: Labels) -> Heading:
    info = reading.plan.targets.plan
    province = " ".join(info.province.split())
    place, named = province, False
    for prefix, words in _PREFIXES:
        if fold(province).startswith(prefix):
            place, named = " ".join(province.split()[words:]), True
    second = province.upper() if named and t.lang == "vi" else t("doc_province", p=place.upper())
    given = " ".join((number or "").split())
    return Heading(
        agency=(t("doc_agency"), second),
        place=place,
        number=given or "…",
        symbol=given if "/" in given else f"{given or '…'}/{SYMBOL}",
        date=fmt_day_words(issued, t.lang),
        subject=t("doc_subject", y=reading.year),
        year=reading.year,
        plan=info.id,
    )


def setup(doc: Document) -> Section:
    """The page and the font of the default document; page numbers in the top margin, none on the first page."""
    set_fonts(doc.styles["Normal"], BODY_PT)
    section = doc.sections[0]
    page(section, landscape=False)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header of its own on page 1
    number = section.header.paragraphs[0]
    number.alignment = CENTER
    page_field(number)
    return section


def letterhead(doc: Document, head: Heading, t: Labels) -> None:
    """The two borderless columns of the form, then the title and the subject."""
    grid = table(doc.add_table(rows=2, cols=2), list(_HEAD_CM), borders=False, pad_cm=0.05)
    left, right = grid.cell(0, 0), grid.cell(0, 1)
    for cell in (left, right):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    cell_text(left, "\n".join(head.agency), align=CENTER, bold=True, size=13)
    rule(left, 2.2, _HEAD_CM[0])
    cell_text(right, t("doc_nation"), align=CENTER, bold=True, size=12)
    cell_text(right, t("doc_motto"), align=CENTER, bold=True, size=13, append=True)
    rule(right, _MOTTO_CM.get(t.lang, 6.0), _HEAD_CM[1])
    number = cell_text(grid.cell(1, 0), t("doc_number", n=head.symbol), align=CENTER, size=13)
    date = cell_text(grid.cell(1, 1), t("doc_place_date", place=head.place, date=head.date), align=CENTER,
                     italic=True, size=13)  # fmt: skip
    for p in (number, date):
        p.paragraph_format.space_before = Pt(6)
    para(doc, t("doc_kind"), align=CENTER, bold=True, size=14, before=18)
    para(doc, head.subject, align=CENTER, bold=True, size=14)
    rule(doc, 5.0, _TEXT_CM)
    para(doc, after=6)


def opening(box: Container, reading: YearReading, head: Heading, t: Labels) -> None:
    """'Căn cứ Kế hoạch số …': the plan the report answers to."""
    info = reading.plan.targets.plan
    title = t.name(info.title, info.title_en)
    body(box, t("doc_opening", plan=info.id, issued=fmt_date(info.issued, t.lang), place=head.place, title=title,
                y=reading.year))  # fmt: skip


def closing(box: Container, head: Heading, t: Labels) -> None:
    """'Trên đây là báo cáo …' (the last sentence of the body)."""
    body(box, t("doc_closing", y=head.year, place=head.place), keep=True)


def signature(doc: Document, t: Labels) -> None:
    """'Nơi nhận' on the left, the signature block on the right."""
    para(doc, after=0, keep=True)
    grid = table(doc.add_table(rows=1, cols=2), [8.0, 8.5], borders=False, pad_cm=0.05)
    keep_row(grid.rows[0])  # the recipients and the signature on one page
    left, right = grid.cell(0, 0), grid.cell(0, 1)
    cell_text(left, t("doc_recipients"), bold=True, italic=True, size=12)
    cell_text(left, t("doc_recipient_list"), size=11, append=True)
    cell_text(right, f"{t('doc_sign_for')}\n{t('doc_sign_title')}", align=CENTER, bold=True, size=13)
    for cell in (left, right):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
