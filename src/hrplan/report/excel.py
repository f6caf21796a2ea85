"""The Excel report: appendix 01 recomputed, appendix 02, a chart, and the sources of every value."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from hrplan.analysis.progress import label
from hrplan.analysis.ratios import Comparison
from hrplan.analysis.rows import Analysis
from hrplan.core.errors import HrplanError
from hrplan.core.problems import Problem
from hrplan.plan.model import Plan, goal_bounds, number
from hrplan.report.excel_style import (
    BOLD,
    CENTER,
    GROUP_FILL,
    HEAD_FILL,
    MIDDLE,
    PCT,
    PEOPLE,
    RIGHT,
    THIN_BORDER,
    WRAP,
    add_direction_colours,
    fit_heights,
    fit_widths,
    print_setup,
)
from hrplan.report.xlsxsafe import CellTextTooLong, defuse, deterministic_bytes, safe_text
from hrplan.results.taskstatus import STATUSES

L = {
    "vi": {
        "sheet1": "Phụ biểu 01",
        "sheet2": "Phụ biểu 02",
        "chart": "Biểu đồ",
        "sources": "Nguồn",
        "tt": "TT",
        "id": "Mã",
        "name": "Chỉ tiêu",
        "unit": "ĐVT",
        "goal": "Mục tiêu 2030",
        "targets": "Mục tiêu năm {y}",
        "results": "Kết quả thực hiện",
        "year": "Năm {y}",
        "compare": "So sánh (%)",
        "r_prev": "TH {y}/TH {p}",
        "r_src": "TH/MT {s}",
        "r_2030": "TH/2030",
        "next": "Kế hoạch năm {n}",
        "lead": "Đơn vị chủ trì",
        "partners": "Đơn vị phối hợp",
        "task": "Nhiệm vụ, giải pháp",
        "deadline": "Thời hạn",
        "lead3": "Chủ trì theo Mục III",
        "progress": "Tiến độ đến 2030",
        "status": "Tình trạng",
        "matrix": "Ma trận phân công",
        "title": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {y}",
        "title2": "PHÂN CÔNG NHIỆM VỤ",
        "people": "người",
    },
    "en": {
        "sheet1": "Appendix 01",
        "sheet2": "Appendix 02",
        "chart": "Chart",
        "sources": "Sources",
        "tt": "No.",
        "id": "Id",
        "name": "Indicator",
        "unit": "Unit",
        "goal": "2030 goal",
        "targets": "Targets {y}",
        "results": "Results",
        "year": "{y}",
        "compare": "Comparison (%)",
        "r_prev": "{y}/{p}",
        "r_src": "Result/{s}",
        "r_2030": "Result/2030",
        "next": "Plan {n}",
        "lead": "Lead unit",
        "partners": "Coordinating units",
        "task": "Task",
        "deadline": "Deadline",
        "lead3": "Lead per section III",
        "progress": "Pace to 2030",
        "status": "Status",
        "matrix": "Assignment matrix",
        "title": "INDICATOR RESULTS {y}",
        "title2": "TASK ASSIGNMENTS",
        "people": "people",
    },
}


@dataclass
class Layout:
    sources: list[str]
    next_sources: list[str]

    def columns(self) -> int:
        return 5 + len(self.sources) + 2 + 2 + len(self.sources) + 1 + len(self.next_sources) + 2


def _tt(ind_id: str) -> str:
    return "-" if ind_id[-1].isalpha() else ind_id[1:]


def _units(plan: Plan, ids: list[str]) -> str:
    return safe_text("; ".join(plan.unit_name(u) for u in ids))


def _put(ws: Any, r: int, c: int, value: Any, unit: str | None = None, percent: bool = False) -> Any:
    """Write a value; percents of an indicator in % become fractions with a percent format."""
    cell = ws.cell(r, c)
    if isinstance(value, str):
        cell.value = safe_text(value)
    elif value is not None and (percent or unit == "percent"):
        cell.value = value / 100
        cell.number_format = PCT
    else:
        cell.value = value
        if unit == "people" and value is not None:
            cell.number_format = PEOPLE
    cell.border = THIN_BORDER
    cell.alignment = MIDDLE
    return cell


def _header(ws: Any, plan: Plan, lay: Layout, y: int, lang: str) -> int:
    lab = L[lang]
    ncol = lay.columns()
    ws.cell(1, 1, lab["title"].format(y=y)).font = BOLD
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(2, 1, safe_text(f"({plan.targets.plan.id} · {plan.targets.plan.province})")).alignment = CENTER
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
    ws.cell(1, 1).alignment = CENTER
    top, sub = 4, 5
    spans: list[tuple[str, list[str]]] = [
        (lab["tt"], []),
        (lab["id"], []),
        (lab["name"], []),
        (lab["unit"], []),
        (lab["goal"], []),
        (lab["targets"].format(y=y), [lab["r_src"].format(s=s).replace("TH/", "") for s in lay.sources]),
        (lab["results"], [lab["year"].format(y=y - 1), lab["year"].format(y=y)]),
        (
            lab["compare"],
            [lab["r_prev"].format(y=y, p=y - 1), *(lab["r_src"].format(s=s) for s in lay.sources), lab["r_2030"]],
        ),
        (lab["progress"], []),
        *([(lab["next"].format(n=y + 1), list(lay.next_sources))] if lay.next_sources else []),
        (lab["lead"], []),
        (lab["partners"], []),
    ]
    c = 1
    for title, subs in spans:
        if not subs:
            ws.cell(top, c, title)
            ws.merge_cells(start_row=top, start_column=c, end_row=sub, end_column=c)
            c += 1
            continue
        ws.cell(top, c, title)
        if len(subs) > 1:
            ws.merge_cells(start_row=top, start_column=c, end_row=top, end_column=c + len(subs) - 1)
        for k, s in enumerate(subs):
            ws.cell(sub, c + k, s)
        c += len(subs)
    for row in (top, sub):
        for col in range(1, ncol + 1):
            cell = ws.cell(row, col)
            cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEAD_FILL, CENTER, THIN_BORDER
    return sub


def appendix_01(wb: Any, plan: Plan, analysis: Analysis, lang: str) -> None:
    lab = L[lang]
    y = analysis.year
    lay = Layout(
        sources=[s for s in plan.targets.sources if any(s in r.targets for r in analysis.rows)],
        next_sources=[
            s for s in plan.targets.sources if any(s in i.targets.get(y + 1, {}) for i in plan.targets.indicators)
        ],
    )
    ws = wb.active
    ws.title = lab["sheet1"]
    last_head = _header(ws, plan, lay, y, lang)
    r = last_head + 1
    increase: list[str] = []
    decrease: list[str] = []
    for group, info in plan.targets.groups.items():
        rows = [x for x in analysis.rows if x.indicator.group == group]
        if not rows:
            continue
        ws.cell(r, 1, group)
        ws.cell(r, 3, safe_text(info.name if lang == "vi" else info.name_en or info.name))
        ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=lay.columns())
        for col in range(1, lay.columns() + 1):
            ws.cell(r, col).font, ws.cell(r, col).fill = BOLD, GROUP_FILL
            ws.cell(r, col).border = THIN_BORDER
        r += 1
        for row in rows:
            ratio_cells = _indicator_row(ws, r, plan, row, lay, lang)
            (decrease if row.indicator.direction == "decrease" else increase).extend(ratio_cells)
            r += 1
    add_direction_colours(ws, increase, decrease)
    fit_widths(ws, {3: 44, lay.columns() - 1: 24, lay.columns(): 28}, first_row=last_head)
    fit_heights(ws, last_head + 1)
    ws.row_dimensions[last_head - 1].height = 44
    ws.row_dimensions[last_head].height = 32
    ws.freeze_panes = f"D{last_head + 1}"
    ws.auto_filter.ref = f"A{last_head}:{ws.cell(r - 1, lay.columns()).coordinate}"
    print_setup(ws, f"{last_head - 1}:{last_head}")


def _indicator_row(ws: Any, r: int, plan: Plan, row: Comparison, lay: Layout, lang: str) -> list[str]:
    ind = row.indicator
    unit = ind.unit
    _put(ws, r, 1, _tt(ind.id)).alignment = CENTER
    _put(ws, r, 2, ind.id).alignment = CENTER
    _put(ws, r, 3, ind.name if lang == "vi" else ind.name_en).alignment = WRAP
    _put(ws, r, 4, "%" if unit == "percent" else L[lang]["people"]).alignment = CENTER
    if ind.goal_2030 is None:
        _put(ws, r, 5, None)
    else:
        lo, hi = goal_bounds(ind.goal_2030)
        goal = _put(ws, r, 5, lo if lo == hi else f"{lo:g}–{hi:g}{'%' if unit == 'percent' else ''}", unit)
        goal.alignment = RIGHT
    c = 6
    for s in lay.sources:
        _put(ws, r, c, row.targets.get(s), unit)
        c += 1
    _put(ws, r, c, row.previous, unit)
    _put(ws, r, c + 1, row.result, unit)
    c += 2
    ratio_cells = []
    for value in (
        row.ratio_previous.value,
        *(row.ratio_targets[s].value if s in row.ratio_targets else None for s in lay.sources),
        row.ratio_2030.value,
    ):
        cell = _put(ws, r, c, value, percent=True)
        if value is not None and c > 6 + len(lay.sources) + 2:  # TH/TH-1 tells growth, not success
            ratio_cells.append(cell.coordinate)
        c += 1
    _put(ws, r, c, label(row.progress.klass, lang) if row.progress else None).alignment = WRAP
    c += 1
    nxt = ind.targets.get(row.year + 1, {})
    for s in lay.next_sources:
        _put(ws, r, c, number(nxt[s]) if s in nxt else None, unit)
        c += 1
    _put(ws, r, c, _units(plan, ind.lead)).alignment = WRAP
    _put(ws, r, c + 1, _units(plan, ind.partners)).alignment = WRAP
    return ratio_cells


def appendix_02(wb: Any, plan: Plan, lang: str, statuses: dict[str, str]) -> None:
    from hrplan.plan.queries import task_rows

    lab = L[lang]
    ws = wb.create_sheet(lab["sheet2"])
    ws.cell(1, 1, lab["title2"]).font = BOLD
    ws.merge_cells("A1:G1")
    heads = [lab["tt"], lab["task"], lab["lead"], lab["partners"], lab["deadline"], lab["lead3"], lab["status"]]
    for c, h in enumerate(heads, 1):
        cell = ws.cell(3, c, h)
        cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEAD_FILL, CENTER, THIN_BORDER
    for r, t in enumerate(task_rows(plan), start=4):
        heading = "." not in t["id"]
        sec3 = t["lead_section_iii"] if set(t["lead_section_iii"]) != set(t["lead"]) else []
        due = t["deadline"] or ""
        if due and lang == "vi":
            due = "/".join(reversed(due.split("-")))  # 05/12/2024, as the plan writes it
        status = statuses.get(t["id"])
        shown = STATUSES[status][0 if lang == "vi" else 1] if status else ""
        values = [
            t["id"],
            t["title"],
            _units(plan, t["lead"]),
            _units(plan, t["partners"]),
            due,
            _units(plan, sec3),
            shown,
        ]
        for c, v in enumerate(values, 1):
            cell = _put(ws, r, c, v)
            cell.alignment = WRAP
            if heading:
                cell.font, cell.fill = BOLD, GROUP_FILL
    for col, width in zip("ABCDEFG", (8, 76, 28, 32, 11, 24, 14), strict=True):
        ws.column_dimensions[col].width = width
    fit_heights(ws, 4)
    ws.freeze_panes = "B4"
    ws.auto_filter.ref = f"A3:G{ws.max_row}"
    print_setup(ws, "3:3")


def matrix_sheet(wb: Any, plan: Plan, lang: str) -> None:
    """Units x tasks: C where the unit leads (chủ trì), P where it coordinates (phối hợp)."""
    from hrplan.plan.queries import assignment_matrix

    m = assignment_matrix(plan)
    ws = wb.create_sheet(L[lang]["matrix"])
    ws.cell(1, 1, "C = chủ trì, P = phối hợp" if lang == "vi" else "C = lead, P = coordinating").font = BOLD
    ws.cell(2, 1, L[lang]["lead"] if lang == "en" else "Đơn vị").font = BOLD
    for c, tid in enumerate(m["tasks"], start=2):
        cell = ws.cell(2, c, tid)
        cell.font, cell.alignment, cell.fill = BOLD, CENTER, HEAD_FILL
        ws.column_dimensions[cell.column_letter].width = 5.5
    for r, unit in enumerate(m["units"], start=3):
        ws.cell(r, 1, safe_text(plan.unit_name(unit)))
        for c, tid in enumerate(m["tasks"], start=2):
            role = m["cells"].get(tid, {}).get(unit)
            if role:
                cell = ws.cell(r, c, "C" if role == "lead" else "P")
                cell.alignment = CENTER
                if role == "lead":
                    cell.font, cell.fill = BOLD, HEAD_FILL
    ws.column_dimensions["A"].width = 42
    ws.freeze_panes = "B3"
    print_setup(ws, "2:2")


def sources_sheet(wb: Any, analyses: list[Analysis], problems: list[Problem], lang: str) -> None:
    from hrplan.report.problems import display_path

    ws = wb.create_sheet(L[lang]["sources"])
    heads = (
        ["Mã", "Địa bàn", "Năm", "Giá trị", "Lấy từ (tệp:trang!ô hoặc tệp:dòng:cột)"]
        if lang == "vi"
        else ["Id", "Area", "Year", "Value", "Read from (file:sheet!cell or file:line:column)"]
    )
    for c, h in enumerate(heads, 1):
        ws.cell(1, c, h).font = BOLD
    r = 2
    for a in analyses:
        for row in a.rows:
            for m in row.sources:
                where = str(m.where).replace(m.where.file, display_path(m.where.file), 1)
                for c, v in enumerate([row.indicator.id, a.area or "", m.year], 1):
                    _put(ws, r, c, v)
                _put(ws, r, 4, m.value, row.indicator.unit)
                _put(ws, r, 5, where)
                r += 1
    r += 1
    ws.cell(r, 1, "Vấn đề phát hiện" if lang == "vi" else "Problems found").font = BOLD
    for p in problems:
        r += 1
        loc = p.location().replace(p.path, display_path(p.path), 1)
        for c, v in enumerate([p.severity.value, p.code, loc, p.message], 1):
            _put(ws, r, c, v)
    for col, width in zip("ABCDE", (10, 18, 8, 12, 70), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    print_setup(ws, "1:1")


def workbook_bytes(
    plan: Plan, analyses: list[Analysis], problems: list[Problem], lang: str = "vi", tasks: dict[str, Any] | None = None
) -> bytes:
    """The whole report workbook, deterministic for equal inputs."""
    from openpyxl import Workbook

    from hrplan.report.excel_chart import chart_sheet

    wb = Workbook()
    try:
        main = analyses[0]
        appendix_01(wb, plan, main, lang)
        appendix_02(wb, plan, lang, (tasks or {}).get("statuses", {}))
        matrix_sheet(wb, plan, lang)
        chart_sheet(wb, plan, main, L[lang]["chart"], lang)
        sources_sheet(wb, analyses, problems, lang)
    except CellTextTooLong as exc:
        raise HrplanError(str(exc)) from exc
    info = plan.targets.plan
    wb.properties.title = safe_text(f"{L[lang]['title'].format(y=main.year)} - {info.id}")
    wb.properties.subject = safe_text(info.title_en if lang == "en" and info.title_en else info.title)
    wb.properties.keywords = safe_text(f"{info.id}; {info.province}; {main.year}")
    wb.properties.creator = "hrplan"
    wb.properties.lastModifiedBy = "hrplan"
    defuse(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return deterministic_bytes(buf.getvalue())
