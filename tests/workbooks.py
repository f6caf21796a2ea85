"""Builders for results workbooks as analysts type them."""

from __future__ import annotations

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
