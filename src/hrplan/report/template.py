"""`hrplan template`: a results workbook ready to fill in (the wide layout compare reads)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from hrplan.plan.model import Plan, number
from hrplan.report.xlsxsafe import defuse, deterministic_bytes, safe_text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

INSTRUCTIONS = [
    "HƯỚNG DẪN NHẬP KẾT QUẢ THỰC HIỆN",
    "",
    "1. Nhập kết quả của từng chỉ tiêu vào cột năm tương ứng trên trang 'Kết quả'. Không sửa cột Mã.",
    "2. Chỉ tiêu tính theo % : nhập số phần trăm, ví dụ 77,42 (hoặc 77,42%). Chỉ tiêu tính theo người: "
    "nhập số người, ví dụ 9800 hoặc 9.800.",
    "3. Để trống ô chưa có số liệu. Không nhập chữ hay ghi chú vào ô số liệu: dùng cột Ghi chú.",
    "4. Kết quả của một huyện, thị xã, thành phố: thêm dòng mới, chép Mã và ghi tên địa bàn vào cột Địa bàn. "
    "Dòng không ghi địa bàn là kết quả toàn tỉnh.",
    "5. Nếu dùng công thức, hãy mở tệp bằng Excel và lưu lại để giá trị được tính.",
    "6. Lưu tệp dạng .xlsx và chạy: hrplan compare <tên tệp>.xlsx",
    "",
    "Trang 'Nhiệm vụ': ghi tình trạng từng nhiệm vụ (chưa triển khai / đang triển khai / hoàn thành).",
]


def template_bytes(plan: Plan, year: int) -> bytes:
    """The template workbook for `year`, with the previous year's published results filled in."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.worksheets[0]  # the new workbook's only sheet: wb.active, which the stubs type as possibly None
    ws.title = "Kết quả"
    head = ["Mã", "Chỉ tiêu", "ĐVT", "Đơn vị chủ trì", "Địa bàn", f"Năm {year - 1}", f"Năm {year}", "Ghi chú"]
    ws.append([f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU - {plan.targets.plan.id} - {plan.targets.plan.province}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(head)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    pct = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Giá trị không hợp lệ",
        error="Nhập số phần trăm từ 0 đến 100, ví dụ 77,42.",
    )
    ppl = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Giá trị không hợp lệ",
        error="Nhập số người (số nguyên).",
    )
    ws.add_data_validation(pct)
    ws.add_data_validation(ppl)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for r, ind in enumerate(plan.targets.indicators, start=4):
        prev = ind.published.results.get(year - 1) if ind.published else None
        ws.append(
            [
                ind.id,
                safe_text(ind.name),
                "%" if ind.unit == "percent" else "người",
                safe_text("; ".join(plan.unit_name(u) for u in ind.lead)),
                None,
                number(prev) if prev is not None else None,
                None,
                None,
            ]
        )
        for col in ("F", "G"):
            cell = ws[f"{col}{r}"]
            cell.fill = fill
            cell.number_format = "0.00" if ind.unit == "percent" else "#,##0"
            (pct if ind.unit == "percent" else ppl).add(cell.coordinate)
        ws[f"B{r}"].alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDEFGH", (7, 60, 7, 28, 16, 12, 12, 30), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "C4"

    tasks: Worksheet = wb.create_sheet("Nhiệm vụ")
    tasks.append(["Mã nhiệm vụ", "Nhiệm vụ", "Đơn vị chủ trì", "Tình trạng", "Ghi chú", "Minh chứng"])
    for cell in tasks[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    status = DataValidation(type="list", formula1='"chưa triển khai,đang triển khai,hoàn thành"', allow_blank=True)
    tasks.add_data_validation(status)
    for r, task in enumerate(plan.tasks.tasks, start=2):
        title = task.title if len(task.title) <= 200 else task.title[:197] + "..."
        tasks.append([task.id, safe_text(title), safe_text("; ".join(plan.unit_name(u) for u in task.lead)), None])
        status.add(f"D{r}")
    for col, width in zip("ABCDEF", (10, 70, 30, 18, 30, 30), strict=True):
        tasks.column_dimensions[col].width = width

    guide: Worksheet = wb.create_sheet("Hướng dẫn")
    for line in INSTRUCTIONS:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 120
    defuse(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return deterministic_bytes(buf.getvalue())
