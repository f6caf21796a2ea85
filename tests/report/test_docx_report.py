"""`hrplan report` writes the Word report: every number of Phụ biểu 01 equals the JSON of the same run, the
sentences say what the plan's numbers give by hand, and the options (--no-docx, --number, --date,
--docx-template) behave."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from typer.testing import CliRunner

from hrplan.cli import app
from hrplan.report.fmt import fmt_goal, fmt_number, fmt_ratio
from hrplan.report.labels import Labels

from ..workbooks import department_workbook

runner = CliRunner()
VI = Labels("vi")


def _results(path: Path) -> Path:
    """2024 results as departments type them, with notes, a district and a tasks sheet."""
    return department_workbook(path, title=False)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of one report run: compare-2024.json and report-2024.docx side by side."""
    folder = tmp_path_factory.mktemp("docx")
    src = _results(folder / "kq.xlsx")
    result = runner.invoke(app, ["report", str(src), "--by-area", "--as-of", "2024-12-31", "--out-dir", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def _appendix_01(doc: Document) -> dict[str, Table]:
    """Phụ biểu 01's tables by the title above each: 'Phụ biểu 01', 'Phụ biểu 01 - Bát Xát'."""
    tables, label = {}, ""
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph) and block.text.startswith("Phụ biểu"):
            label = block.text
        elif isinstance(block, Table) and label.startswith("Phụ biểu 01"):
            tables[label] = block
            label = ""
    return tables


def _columns(table: Table) -> list[str]:
    """Each column's heading: the sub-heading under a group, else the heading over both rows."""
    top, sub = ([c.text.replace("\n", "") for c in r.cells] for r in table.rows[:2])
    return [s if s != t else t for t, s in zip(top, sub, strict=True)]


def test_every_number_of_appendix_01_equals_the_json(out: Path) -> None:
    body = json.loads((out / "compare-2024.json").read_text(encoding="utf-8"))
    doc = docx.Document(str(out / "report-2024.docx"))
    tables = _appendix_01(doc)
    assert sorted(tables) == ["Phụ biểu 01", "Phụ biểu 01 - Bát Xát"]
    y, h = body["year"], body["horizon"]
    checked = 0
    for r in body["indicators"]:
        table = tables["Phụ biểu 01" if r["area"] is None else f"Phụ biểu 01 - {r['area']}"]
        heads = _columns(table)
        line = next(row for row in table.rows[2:] if row.cells[1].text == r["id"])
        cell = dict(zip(heads, (c.text for c in line.cells), strict=False))

        def shown(value: float | None, text: str) -> str:
            return "" if value is None else text

        unit = r["unit"]
        assert cell[f"Năm {y}"] == shown(r["result"], fmt_number(r["result"], unit)), r["id"]
        assert cell[f"Năm {y - 1}"] == shown(r["previous"], fmt_number(r["previous"], unit)), r["id"]
        assert cell[f"TH {y}/TH {y - 1}"] == shown(r["ratio_previous"], fmt_ratio(r["ratio_previous"]))
        assert cell[f"TH/{h}"] == shown(r["ratio_2030"], fmt_ratio(r["ratio_2030"]))
        goal = r["goal_2030"]
        assert cell[f"Mục tiêu {h}"] == ("" if goal is None else fmt_goal(goal, unit))
        for s in body["target_sources"]:
            assert cell[f"MT {s}"] == shown(r["targets"].get(s), fmt_number(r["targets"].get(s), unit))
            ratio = r["ratio_targets"].get(s)
            assert cell[f"TH/MT {s}"] == shown(ratio, fmt_ratio(ratio)), (r["id"], s)
        progress = r["progress_2030"]
        assert cell[f"Tiến độ đến {h}"] == (VI(progress["class"]) if progress else "")
        checked += 1
    assert checked == len(body["indicators"]) == 44  # the 22 indicators, for the province and for Bát Xát
    notes = [p.text for p in doc.paragraphs]
    assert "- A1 (2024): Số liệu sơ bộ, chờ Cục Thống kê" in notes and "- A1 (2024): Huyện tự tổng hợp" in notes


def test_the_sentences_say_what_the_plans_numbers_give(out: Path) -> None:
    doc = docx.Document(str(out / "report-2024.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    # B2: 68,9 / 68,8 (KH 2024) = 100,145%; 68,9 / 80 = 86,125%; pace from 2023: (68,9 / 67,7) - 1 = 1,77% a year
    # against (80 / 67,7)^(1/7) - 1 = 2,41% needed, R = 0,73: moderate
    assert ("- Tỷ lệ lao động qua đào tạo đạt 68,9% (năm 2023: 67,7%), bằng 100,15% kế hoạch năm (đạt mục tiêu "
            "68,8%), đạt 86,13% mục tiêu năm 2030 (80%); tiến độ: tiến bộ vừa.") in text  # fmt: skip
    # A1: 78 / 70 = 111,43%; 78 / 80 = 97,50%
    assert "- Tỷ lệ học sinh tốt nghiệp THCS vào học THPT đạt 78% (năm 2023: 82,75%), bằng 111,43%" in text
    # B5 falls: 51,2 against 51,7 is met although 99,03% < 100%
    assert "bằng 99,03% kế hoạch năm (đạt mục tiêu 51,7%)" in text
    assert "- Bát Xát: 1/1 chỉ tiêu đạt toàn bộ mục tiêu năm; 0/1 chỉ tiêu đã đạt mục tiêu năm 2030." in text
    assert "- Nhiệm vụ 1.9: Đã gửi báo cáo; minh chứng: CV 123/SLĐTBXH." in text
    # III.4: no 2024 result for A2, whose lead unit is named so it knows to report
    assert "- A2. Tỷ lệ học sinh tốt nghiệp THPT vào học đại học (Sở Giáo dục và Đào tạo)." in text
    tasks = next(t for t in doc.tables if t.rows[0].cells[1].text == "Nhiệm vụ, giải pháp")
    row_19 = next(r for r in tasks.rows if r.cells[0].text == "1.9")
    assert [c.text for c in row_19.cells][-2:] == ["hoàn thành", "Đã gửi báo cáo; CV 123/SLĐTBXH"]


def test_number_date_and_no_docx(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "--out-dir", str(tmp_path / "a"), "--number", "125", "--date", "05/12/2024"])
    assert result.exit_code == 0, result.output
    head = docx.Document(str(tmp_path / "a" / "report-2023.docx")).tables[0]
    assert head.cell(0, 0).text.startswith("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI")
    assert (head.cell(1, 0).text, head.cell(1, 1).text) == ("Số: 125/BC-UBND", "Lào Cai, ngày 05 tháng 12 năm 2024")
    assert runner.invoke(app, ["report", "--out-dir", str(tmp_path / "b"), "--no-docx"]).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["compare-2023.json", "report-2023.md",
                                                                 "report-2023.xlsx"]  # fmt: skip
    bad = runner.invoke(app, ["report", "--out-dir", str(tmp_path / "c"), "--date", "31/02/2024"])
    assert bad.exit_code == 2 and "--date '31/02/2024'" in bad.stderr


def _template(path: Path, *paragraphs: str) -> Path:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    d.save(str(path))
    return path


def test_a_province_template(tmp_path: Path) -> None:
    template = _template(tmp_path / "mau.docx", "{{co_quan}}", "{{so_ky_hieu}}", "{{noi_dung}}", "Nơi nhận riêng")
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", "--out-dir", str(out), "--docx-template", str(template)])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(str(out / "report-2023.docx")).paragraphs]
    assert texts[:2] == ["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "…/BC-UBND"] and "Nơi nhận riêng" in texts


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"plain text", "the Word template is not a .docx file"),
        (None, "has no {{noi_dung}} paragraph"),
        (b"missing", "cannot read the Word template"),
    ],
)
def test_a_bad_template_is_an_error_naming_the_file(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "mau.docx"
    if content is None:
        _template(path, "{{co_quan}}")
    elif content != b"missing":
        path.write_bytes(content)
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", "--out-dir", str(out), "--docx-template", str(path)])
    assert result.exit_code == 1, result.output
    assert f"hrplan: error: {path}: " in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr and not (out.exists() and any(out.iterdir()))


def test_template_options_that_cannot_work(tmp_path: Path) -> None:
    template = _template(tmp_path / "report-2023.docx", "{{noi_dung}}")
    before = template.read_bytes()
    both = runner.invoke(app, ["report", "--out-dir", str(tmp_path), "--no-docx", "--docx-template", str(template)])
    assert both.exit_code == 2 and "--no-docx" in both.stderr
    over = runner.invoke(app, ["report", "--out-dir", str(tmp_path), "--docx-template", str(template)])
    assert over.exit_code == 2 and "refusing to overwrite the input file" in over.stderr
    assert template.read_bytes() == before


def test_the_same_report_twice_gives_the_same_docx(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert runner.invoke(app, ["report", "--out-dir", str(tmp_path / name), "--as-of", "2024-12-31"]).exit_code == 0
    first, second = ((tmp_path / n / "report-2023.docx").read_bytes() for n in ("a", "b"))
    assert first == second and docx.Document(io.BytesIO(first)).core_properties.author == "hrplan"


def test_the_trend_appendix_in_the_word_report(tmp_path: Path) -> None:
    """Phụ biểu 03: B2's results 66,7% (2022) and 67,7% (2023) from the plan, and the value the compound path from
    66,7% to 80% in 2030 asks for 2023: 66,7 × (80/66,7)^(1/8) = 68,23%."""
    import docx

    result = runner.invoke(app, ["report", "--out-dir", str(tmp_path), "--as-of", "2024-12-31"])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "report-2023.docx"))
    trend = document.tables[-1]
    assert [c.text for c in trend.rows[0].cells][-4:] == ["2022", "2023", "MT 2030", "Cần đạt 2023"]
    b2 = next(r for r in trend.rows if r.cells[0].text == "B2")
    needed = f"{66.7 * (80 / 66.7) ** (1 / 8):.2f}".replace(".", ",")
    assert [c.text for c in b2.cells][-4:] == ["66,7%", "67,7%", "80%", f"{needed}%"]
