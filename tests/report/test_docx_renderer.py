"""The Word report against a synthetic reading: the form of Nghị định 30/2020/NĐ-CP, sentences written from the
numbers (expected values computed by hand in the comments), the appendices, a province's template, same bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Row

from hrplan.analysis.progress import assess
from hrplan.analysis.ratios import compare_indicator, summarise
from hrplan.analysis.reading import AreaReading, YearReading
from hrplan.analysis.tasks import task_summary
from hrplan.core.errors import InputError
from hrplan.plan.model import Indicator, Plan, TargetsFile, TasksFile
from hrplan.report.fmt import fmt_day_words
from hrplan.report.registry import DocxTemplate, RenderOptions, render
from hrplan.results.measured import Measured, Provenance, TaskStatus


def _indicator(ind_id: str, **kw: object) -> Indicator:
    base: dict[str, object] = {"id": ind_id, "group": "A", "name": f"Chỉ tiêu {ind_id}", "name_en": f"Ind {ind_id}",
                               "unit": "percent", "direction": "increase", "ref": "test"}  # fmt: skip
    return Indicator.model_validate({**base, **kw})


def _plan(indicators: list[Indicator]) -> Plan:
    targets = TargetsFile.model_validate({
        "plan": {"id": "01/KH-TEST", "title": "Kế hoạch thử\x07", "province": "Tỉnh Thử", "issued": "2024-01-08",
                 "year": 2024, "horizon": 2035},
        "sources": {"KH": {"name": "Kế hoạch"}}, "groups": {"A": {"name": "Nhóm A", "name_en": "Group A"}},
        "indicators": [i.model_dump() for i in indicators],
    })  # fmt: skip
    tasks = TasksFile.model_validate({
        "plan": "01/KH-TEST",
        "units": [{"id": "so_a", "name": "Sở A", "name_en": "Dept A", "kind": "department"},
                  {"id": "so_b", "name": "Sở B", "name_en": "Dept B", "kind": "department"}],
        "tasks": [{"id": "1", "title": "Nhóm nhiệm vụ"},
                  {"id": "1.1", "title": "Việc một.", "lead": ["so_a"], "deadline": "2024-06-30"},
                  {"id": "1.2", "title": "Việc hai", "lead": ["so_b"], "deadline": "2025-06-30"}],
    })  # fmt: skip
    return Plan(targets=targets, tasks=tasks, targets_path="t.yaml", tasks_path="k.yaml")


@pytest.fixture(scope="module")
def reading() -> YearReading:
    """X1 rises, 60 against a target of 70 (missed) and a goal of 80; X2 falls, 40 against 42 (met) and 30; X3 counts
    people without a goal; X4 has a goal but no target for 2024; X5 has nothing for 2024. Task 1.1 is overdue and
    reported in progress; 1.2 is not reported."""
    inds = [
        _indicator("X1", name="Tỷ lệ =SUM(1)\x0b một", goal_2030=80, targets={2024: {"KH": 70}}),
        _indicator("X2", direction="decrease", goal_2030=30, targets={2024: {"KH": 42}, 2025: {"KH": 38}}),
        _indicator("X3", unit="people", targets={2024: {"KH": 1000}}),
        _indicator("X4", goal_2030=90),
        _indicator("X5", goal_2030=50),
    ]
    plan = _plan(inds)
    values = {"X1": (55.0, 60.0), "X2": (44.0, 40.0), "X3": (900.0, 1200.0), "X4": (None, 85.0)}
    rows = []
    for ind in inds:
        prev, cur = values.get(ind.id, (None, None))
        src = (
            [Measured(ind.id, 2024, cur, None, "kq.xlsx", "KQ", 3, 3, "sơ bộ" if ind.id == "X3" else None)]
            if cur
            else []
        )
        row = compare_indicator(ind, 2024, cur, prev, None, src, 2035)
        history = {y: v for y, v in ((2023, prev), (2024, cur)) if v is not None}
        row.progress = assess(ind, history, "cagr", 2035)
        rows.append(row)
    area = AreaReading(None, rows, summarise(rows, 2024))
    statuses = [TaskStatus("1.1", "in_progress", "Đang làm", "CV 1/SA", Provenance("kq.xlsx", "NV", 2, 2))]
    tasks = task_summary(plan, statuses, dt.date(2024, 12, 31))
    return YearReading(plan, 2024, "cagr", [area], tasks, [], ["kq.xlsx"])


def _doc(reading: YearReading, **options: object) -> Document:
    body = render("docx", reading, RenderOptions(**options))  # type: ignore[arg-type]
    assert isinstance(body, bytes)
    return docx.Document(io.BytesIO(body))


def _text(doc: Document) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


@pytest.fixture(scope="module")
def doc(reading: YearReading) -> Document:
    return _doc(reading)


def test_sentences_carry_only_the_facts_there_are(doc: Document) -> None:
    text = _text(doc)
    # X1: 60 / 70 = 85,714% (missed); 60 / 80 = 75,00%; pace: (60/55)^1 - 1 = 9,09% a year against
    # (80/55)^(1/12) - 1 = 3,17% needed: R = 2,87 -> on track
    assert ("- Tỷ lệ =SUM(1) một đạt 60% (năm 2023: 55%), bằng 85,71% kế hoạch năm (chưa đạt mục tiêu 70%), "
            "đạt 75,00% mục tiêu năm 2035 (80%); tiến độ: đúng tiến độ.") in text  # fmt: skip
    # X2 falls: 40 / 42 = 95,24%, met; 40 / 30 = 133,33%
    assert "- Chỉ tiêu X2 đạt 40% (năm 2023: 44%), bằng 95,24% kế hoạch năm (đạt mục tiêu 42%), đạt 133,33%" in text
    # X3: no goal -> no goal clause and no pace; 1.200 / 1.000 = 120,00%
    assert (
        "- Chỉ tiêu X3 đạt 1.200 người (năm 2023: 900 người), bằng 120,00% kế hoạch năm (đạt mục tiêu 1.000 người)."
        in text
    )
    # X4: no target for the year, no previous result: 85 / 90 = 94,44%; one year only -> no pace
    assert "- Chỉ tiêu X4 đạt 85%, đạt 94,44% mục tiêu năm 2035 (90%)." in text
    assert "- X5. Chỉ tiêu X5." in text  # nothing for 2024: listed among the indicators without data


def test_sections_tasks_and_shortcomings(doc: Document) -> None:
    text = _text(doc)
    order = ["I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2024", "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
             "III. TỒN TẠI, HẠN CHẾ", "IV. ĐỀ XUẤT, KIẾN NGHỊ"]  # fmt: skip
    assert [text.index(h) for h in order] == sorted(text.index(h) for h in order)
    assert "Năm 2024, 2/3 chỉ tiêu có mục tiêu năm đạt toàn bộ mục tiêu; 0/3 chỉ tiêu đã đạt mục tiêu năm 2035." in text
    assert "- Sở A: chủ trì 1 nhiệm vụ, trong đó đang triển khai 1." in text
    assert "- Sở B: chủ trì 1 nhiệm vụ, trong đó chưa báo cáo 1." in text
    assert "- Nhiệm vụ 1.1: Việc một (hạn 30/06/2024; chủ trì: Sở A; đang triển khai)." in text
    assert "- Nhiệm vụ 1.1: Đang làm; minh chứng: CV 1/SA" in text
    assert "bằng 85,71% kế hoạch năm (chưa đạt mục tiêu 70%)." in text  # III.1: X1 missed its target
    assert "- Sở B: 1/1 nhiệm vụ chủ trì chưa báo cáo." in text
    placeholder = next(p for p in doc.paragraphs if p.text.startswith("[Phần này do cán bộ tổng hợp tự viết"))
    assert all(r.font.highlight_color is not None for r in placeholder.runs)


def test_letterhead_title_and_signature(doc: Document) -> None:
    head = doc.tables[0]
    assert head.cell(0, 0).text.rstrip() == "ỦY BAN NHÂN DÂN\nTỈNH THỬ"  # then the short rule under it
    assert head.cell(0, 1).text.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    assert head.cell(1, 0).text == "Số: …/BC-UBND"
    date = head.cell(1, 1).paragraphs[0]
    assert date.text == "Thử, ngày … tháng … năm …" and all(r.italic for r in date.runs)
    motto = head.cell(0, 1).paragraphs[1]
    assert motto.runs[0].bold and head.cell(0, 1).paragraphs[2]._p.pPr.find(qn("w:pBdr")) is not None
    assert 'w:val="nil"' in head._tbl.tblPr.xml and "w:tcBorders" not in head._tbl.xml  # borderless
    titles = [p.text for p in doc.paragraphs[:3]]
    assert titles[:2] == ["BÁO CÁO", "Kết quả thực hiện các chỉ tiêu, nhiệm vụ phát triển nguồn nhân lực năm 2024"]
    sign = doc.tables[1]
    assert sign.cell(0, 0).paragraphs[0].text == "Nơi nhận:" and sign.cell(0, 0).paragraphs[-1].text == "- Lưu: VT."
    assert sign.cell(0, 1).text.startswith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    assert "<w:cantSplit/>" in sign.rows[0]._tr.xml  # recipients and signature never split across pages
    closing = next(p for p in doc.paragraphs if p.text.startswith("Trên đây là báo cáo"))
    assert closing.paragraph_format.keep_with_next


def test_number_and_date_from_the_options(reading: YearReading) -> None:
    doc = _doc(reading, number="125", issued=dt.date(2024, 12, 5))
    head = doc.tables[0]
    assert head.cell(1, 0).text == "Số: 125/BC-UBND" and head.cell(1, 1).text == "Thử, ngày 05 tháng 12 năm 2024"
    full = _doc(reading, number="7/BC-SLĐTBXH").tables[0]
    assert full.cell(1, 0).text == "Số: 7/BC-SLĐTBXH"
    assert "(Kèm theo Báo cáo số 125/BC-UBND ngày 05 tháng 12 năm 2024 của Ủy ban nhân dân tỉnh Thử)" in _text(doc)


def test_dates_in_words_follow_the_decree() -> None:
    """A zero before a day under 10 and before months 1 and 2 only."""
    assert fmt_day_words(dt.date(2024, 1, 8)) == "ngày 08 tháng 01 năm 2024"
    assert fmt_day_words(dt.date(2024, 2, 29)) == "ngày 29 tháng 02 năm 2024"
    assert fmt_day_words(dt.date(2024, 3, 5)) == "ngày 05 tháng 3 năm 2024"
    assert fmt_day_words(dt.date(2024, 12, 5), "en") == "5 December 2024"


def test_page_margins_fonts_and_page_numbers(doc: Document) -> None:
    first, last = doc.sections[0], doc.sections[-1]
    mm = 36000  # EMU per millimetre; Word stores twips, so sizes come back within a fraction of a millimetre
    assert abs((first.page_width or 0) - 210 * mm) < mm and abs((first.page_height or 0) - 297 * mm) < mm

    def within(length: int | None, low: int, high: int) -> bool:
        return length is not None and low * mm - mm / 10 <= length <= high * mm + mm / 10

    assert within(first.top_margin, 20, 25) and within(first.bottom_margin, 20, 25)
    assert within(first.left_margin, 30, 35) and within(first.right_margin, 15, 20)
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)
    assert first.different_first_page_header_footer
    header = first.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", header._p.xml)
    assert "PAGE" not in first.first_page_header._element.xml
    assert last.orientation == WD_ORIENT.LANDSCAPE and abs((last.page_width or 0) - 297 * mm) < mm
    assert not last.different_first_page_header_footer and last.header.is_linked_to_previous


def _repeated(row: _Row) -> bool:
    trpr = row._tr.trPr
    return trpr is not None and trpr.find(qn("w:tblHeader")) is not None


def test_appendices_are_tables_with_repeated_headers(doc: Document) -> None:
    table01, table02 = doc.tables[2], doc.tables[3]
    assert [_repeated(r) for r in table01.rows[:3]] == [True, True, False]
    x1 = next(r for r in table01.rows if r.cells[1].text == "X1")
    assert [c.text for c in x1.cells][4:] == ["80%", "70%", "55%", "60%", "109,09%", "85,71%", "75,00%",
                                              "đúng tiến độ", "", "", ""]  # fmt: skip
    assert 'w:fill="FFC7CE"' in x1.cells[9]._tc.xml  # missed: red, as in Excel
    assert _repeated(table02.rows[0])
    assert [c.text for c in table02.rows[2].cells] == ["1.1", "Việc một.", "Sở A", "30/06/2024", "đang triển khai",
                                                       "Đang làm; CV 1/SA"]  # fmt: skip


def test_english(reading: YearReading) -> None:
    doc = _doc(reading, lang="en")
    text = _text(doc)
    assert doc.tables[0].cell(0, 0).text.rstrip() == "PEOPLE'S COMMITTEE\nOF THỬ PROVINCE"
    assert "REPORT" in text and "Ind X2: 40% (2023: 44%), 95.24% of the year's target (42%, met)" in text
    assert "[To be written by the analyst" in text


def test_same_bytes_fixed_properties_and_clean_text(reading: YearReading) -> None:
    first, second = render("docx", reading, RenderOptions()), render("docx", reading, RenderOptions())
    assert isinstance(first, bytes) and first == second
    props = docx.Document(io.BytesIO(first)).core_properties
    assert (props.author, props.last_modified_by, props.revision) == ("hrplan", "hrplan", 1)
    assert props.created == props.modified == props.last_printed == dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in zf.namelist()
        xml = zf.read("word/document.xml").decode()
    assert "\x07" not in xml and "\x0b" not in xml and "Kế hoạch thử" in xml


def _template(*paragraphs: str, header: str | None = None, split: bool = False) -> DocxTemplate:
    d = docx.Document()
    for text in paragraphs:
        p = d.add_paragraph()
        if split and "{{so}}" in text:  # as Word stores a field it has spell-checked: in pieces
            before, after = text.split("{{so}}")
            for piece in (before, "{{", "so", "}}", after):
                p.add_run(piece).bold = piece == "so"
        else:
            p.add_run(text)
    if header:
        d.sections[0].header.paragraphs[0].text = header
    out = io.BytesIO()
    d.save(out)
    return DocxTemplate("mau.docx", out.getvalue())


def test_template_fields_and_body(reading: YearReading) -> None:
    template = _template("{{ co_quan }}", "Số: {{so}}/BC-UBND", "{{dia_danh_ngay}}", "V/v {{trich_yeu}}",
                         "{{noi_dung}}", "Nơi nhận của tỉnh", header="{{tinh}} - {{nam}}", split=True)  # fmt: skip
    doc = _doc(reading, docx_template=template, number="12", issued=dt.date(2024, 12, 5))
    texts = [p.text for p in doc.paragraphs]
    assert texts[:4] == ["ỦY BAN NHÂN DÂN TỈNH THỬ", "Số: 12/BC-UBND", "Thử, ngày 05 tháng 12 năm 2024",
                         "V/v Kết quả thực hiện các chỉ tiêu, nhiệm vụ phát triển nguồn nhân lực năm 2024"]  # fmt: skip
    assert texts[4].startswith("Căn cứ Kế hoạch số 01/KH-TEST ngày 08/01/2024")
    body_end = texts.index("Nơi nhận của tỉnh")
    assert texts[body_end - 1].startswith("Trên đây là báo cáo") and "{{noi_dung}}" not in texts
    assert doc.sections[0].header.paragraphs[0].text == "Thử - 2024"
    assert doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE and len(doc.tables) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a document", "not a .docx file"),
        (b"PK\x03\x04 broken", "cannot be read"),
        (None, "has no {{noi_dung}} paragraph"),
        (b"unknown", "unknown field {{ky_ten}}"),
        (b"inline", "must stand alone"),
    ],
)
def test_bad_templates_name_the_file(reading: YearReading, data: bytes | None, message: str) -> None:
    if data is None:
        template = _template("{{co_quan}}")
    elif data == b"unknown":
        template = _template("{{ky_ten}}", "{{noi_dung}}")
    elif data == b"inline":
        template = _template("Nội dung: {{noi_dung}}")
    else:
        template = DocxTemplate("mau.docx", data)
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        render("docx", reading, RenderOptions(docx_template=template))
    assert str(caught.value).startswith("mau.docx: ")
