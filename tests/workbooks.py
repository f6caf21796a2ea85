"""Builders for results workbooks as analysts type them."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import openpyxl


def long_workbook(
    path: Path,
    rows: list[tuple[Any, ...]],
    *,
    title: bool = True,
    sheet: str = "Kết quả",
    header: tuple[str, ...] = ("Mã chỉ tiêu", "Năm", "Kết quả (%)", "Ghi chú"),
    formats: dict[str, str] | None = None,
) -> Path:
    """A long-layout workbook: title rows, a merged title, a blank row, the header, data with blank rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    start = 1
    if title:
        ws["A1"] = "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU PHÁT TRIỂN NGUỒN NHÂN LỰC NĂM 2023"
        ws.merge_cells("A1:D1")
        ws["A2"] = "(Kèm theo Báo cáo số     /BC-SLĐTBXH)"
        start = 4
    for c, name in enumerate(header, 1):
        ws.cell(start, c, name)
    r = start + 1
    for row in rows:
        if row == ():
            r += 1  # a blank row, as people leave them
            continue
        for c, v in enumerate(row, 1):
            cell = ws.cell(r, c, v)
            if formats and f"{c}:{r - start}" in formats:
                cell.number_format = formats[f"{c}:{r - start}"]
        r += 1
    wb.save(path)
    return path


TYPED_2024: list[tuple[object, ...]] = [
    ("A1", 2023, "82,75", None, None),
    ("A1", 2024, "78", None, "Số liệu sơ bộ, chờ Cục Thống kê"),
    ("B2", 2023, "67,7", None, None),
    ("B2", 2024, "68,9%", None, None),
    ("B5", 2023, 52.7, None, None),
    ("B5", 2024, 51.2, None, None),
    ("D1", 2024, "10.250", None, "Gồm lao động đi làm việc ngoài tỉnh"),
    ("A1", 2023, 70, "Bát Xát", None),
    ("A1", 2024, 72.5, "Bát Xát", "Huyện tự tổng hợp"),
]


def department_workbook(path: Path, rows: list[tuple[object, ...]] = TYPED_2024, *, title: bool = True) -> Path:
    """Values as a department types them (id, year, value, area, note), with notes, a district and a tasks
    sheet: 1.9 done with a note and evidence, 4.1 in progress."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Kết quả"
    if title:
        ws.append(["BÁO CÁO KẾT QUẢ NĂM 2024"])
        ws.append([])
    ws.append(["Mã chỉ tiêu", "Năm", "Kết quả", "Địa bàn", "Ghi chú"])
    for row in rows:
        ws.append(list(row))
    tasks = wb.create_sheet("Nhiệm vụ")
    tasks.append(["Mã nhiệm vụ", "Tình trạng", "Ghi chú", "Minh chứng"])
    tasks.append(["1.9", "hoàn thành", "Đã gửi báo cáo", "CV 123/SLĐTBXH"])
    tasks.append(["4.1", "đang triển khai", None, None])
    wb.save(path)
    return path


def fill_form(
    path: Path,
    *,
    results: Mapping[str, Any] | None = None,
    districts: Mapping[tuple[str, str], Any] | None = None,
    tasks: Mapping[str, tuple[str, ...]] | None = None,
    percent_cells: tuple[str, ...] = (),
    out: Path | None = None,
) -> Path:
    """A form of `hrplan template --unit` filled in as people type: results by indicator id (text such as '77,42' or
    '9.800', numbers, None for a blank), districts by (id, district), tasks by id (status, note, evidence). An id in
    `percent_cells` gets a cell formatted as a percent holding a fraction, as Excel stores a typed '77,42%'."""
    wb = openpyxl.load_workbook(path)
    sheets = {ws.title: ws for ws in wb.worksheets}

    def rows(names: tuple[str, str], *cols: int) -> tuple[Any, dict[Any, int]]:
        ws = sheets.get(names[0]) or sheets[names[1]]
        keys = {tuple(ws.cell(r, c).value for c in cols): r for r in range(5, ws.max_row + 1)}
        return ws, {k[0] if len(cols) == 1 else k: r for k, r in keys.items()}

    if results:
        ws, by_id = rows(("Kết quả", "Results"), 1)
        for ind, value in results.items():
            cell = ws.cell(by_id[ind], 6)
            if ind in percent_cells and isinstance(value, float):
                cell.value, cell.number_format = value / 100, "0.00%"
            else:
                cell.value = value
    if districts:
        ws, by_place = rows(("Theo địa bàn", "By district"), 1, 4)
        for key, value in districts.items():
            ws.cell(by_place[key], 5).value = value
    if tasks:
        ws, by_task = rows(("Nhiệm vụ", "Tasks"), 1)
        for tid, said in tasks.items():
            for k, value in enumerate(said):
                ws.cell(by_task[tid], 4 + k).value = value
    target = out or path
    wb.save(target)
    return target


def percent_cells(path: Path) -> dict[str, dict[int, list[int]]]:
    """Per sheet, row -> the columns whose style shows a percent, as hrplan's scan of the XML finds them."""
    from hrplan.results.xlsx_parts import read_book
    from hrplan.results.xlsx_scan import scan_sheet

    with zipfile.ZipFile(path) as zf:
        book, problems = read_book(zf, str(path))
        assert book is not None and not problems
        return {s.name: scan_sheet(zf, s, book.styles).percent for s in book.sheets}


def edit_parts(src: Path, dst: Path, edits: dict[str, Callable[[bytes], bytes]]) -> Path:
    """A copy of a workbook with some of its parts rewritten (part name -> edit of its bytes)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename in edits:
                data = edits[item.filename](data)
            zout.writestr(item, data)
    return dst


SHEET = "xl/worksheets/sheet1.xml"
STYLES = "xl/styles.xml"


def shared_strings(src: Path, dst: Path, sst_attrs: str) -> Path:
    """A copy of src with its inline strings moved to xl/sharedStrings.xml, as Excel writes them."""
    with zipfile.ZipFile(src) as zin:
        parts = {i.filename: zin.read(i) for i in zin.infolist()}
    strings: list[bytes] = []

    def shared(m: re.Match[bytes]) -> bytes:
        strings.append(m.group(2))
        return m.group(1) + b' t="s"><v>' + str(len(strings) - 1).encode() + b"</v></c>"

    parts[SHEET] = re.sub(
        rb'(<c r="[A-Z]+[0-9]+"[^>]*?) t="inlineStr"><is><t>([^<]*)</t></is></c>', shared, parts[SHEET]
    )
    ns = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="' + ns + b'" ' + sst_attrs.encode() + b">"
        + b"".join(b"<si><t>" + s + b"</t></si>" for s in strings) + b"</sst>"
    )  # fmt: skip
    kind = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    rel = b'<Relationship Id="rId99" Type="' + kind + b'" Target="sharedStrings.xml"/></Relationships>'
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", rel)
    content = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    override = b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + content + b'"/></Types>'
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", override)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, body in parts.items():
            zout.writestr(name, body)
    return dst
