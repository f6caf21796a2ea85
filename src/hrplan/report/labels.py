"""Every word the reports show, one table per language. A key missing from one language is a test failure.

Placeholders: {y} the year, {p} the previous year, {n} the next year, {h} the plan's horizon, {s} a target
source.
"""

from __future__ import annotations

from hrplan.results.taskstatus import STATUSES

VI: dict[str, str] = {
    # columns
    "tt": "TT",
    "id": "Mã",
    "name": "Chỉ tiêu",
    "unit": "ĐVT",
    "th": "TH",
    "th_year": "TH {y}",
    "ratio_prev": "{y}/{p}",
    "ratio_src": "TH/{s}",
    "goal": "MT {h}",
    "ratio_goal": "TH/{h}",
    "gap": "Còn thiếu",
    "progress": "Tiến độ {h}",
    "next": "KH {n}",
    "notes": "Ghi chú",
    "target": "MT",
    "low": "cận dưới",
    "high": "cận trên",
    "area": "Địa bàn",
    "province": "Toàn tỉnh",
    "lead": "Đơn vị chủ trì",
    "partners": "Đơn vị phối hợp",
    "year": "Năm",
    # units
    "percent": "%",
    "people": "người",
    "points": "điểm %",
    # directions
    "increase": "tăng",
    "decrease": "giảm",
    "keep": "duy trì",
    # progress classes
    "achieved": "đã đạt",
    "on_track": "đúng tiến độ",
    "moderate": "tiến bộ vừa",
    "limited": "tiến bộ hạn chế",
    "moving_away": "đi ngược",
    "some_progress": "có tiến bộ",
    "stagnating": "đứng yên / thụt lùi",
    "insufficient_data": "chưa đủ số liệu",
    "method_cagr": "tăng trưởng kép",
    "method_linear": "tuyến tính",
    # task statuses
    **{k: vi for k, (vi, _) in STATUSES.items()},
    "not_reported": "chưa báo cáo",
    # sentences
    "summary": "Năm {y}: {met}/{judged} chỉ tiêu đạt mọi mục tiêu của năm; {reached}/{goals} đã đạt mục tiêu {h}.",
    "gap_unit_note": "Còn thiếu: điểm phần trăm, hoặc số người.",
    "empty": "Không có số liệu hay mục tiêu năm {y}: {ids}.",
    "basis": "Tiến độ {h} tính từ năm cơ sở ({method}).",
    "tasks_by_lead": "Tiến độ nhiệm vụ theo đơn vị chủ trì",
    "tasks_count": "Số NV",
    "overdue": "Nhiệm vụ quá hạn tính đến {d}:",
    "due": "hạn",
    "missed": "Chỉ tiêu chưa đạt mục tiêu năm {y}",
    "none": "Không có.",
    "pace": "Tiến độ đến {h}",
    "projected": "dự báo {h}",
    "report_title": "Báo cáo kết quả thực hiện {y} — {plan} ({province})",
    "plan": "Kế hoạch",
    "inputs": "Số liệu",
    "tasks_by_unit": "Nhiệm vụ theo đơn vị chủ trì",
    "problems": "Vấn đề trong số liệu",
    "value_notes": "Ghi chú kèm số liệu",
    "legend_verdict": "✓ đạt mục tiêu, ✗ chưa đạt (theo chiều của chỉ tiêu)",
    # the Excel report
    "sheet1": "Phụ biểu 01",
    "sheet2": "Phụ biểu 02",
    "sheet_chart": "Biểu đồ",
    "sheet_sources": "Nguồn",
    "sheet_matrix": "Ma trận phân công",
    "title1": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {y}",
    "title2": "PHÂN CÔNG NHIỆM VỤ",
    "goal_full": "Mục tiêu {h}",
    "targets_year": "Mục tiêu năm {y}",
    "mt_src": "MT {s}",
    "results": "Kết quả thực hiện",
    "year_col": "Năm {y}",
    "compare": "So sánh (%)",
    "ratio_prev_full": "TH {y}/TH {p}",
    "ratio_src_full": "TH/MT {s}",
    "progress_full": "Tiến độ đến {h}",
    "next_year": "Kế hoạch năm {n}",
    "task": "Nhiệm vụ, giải pháp",
    "deadline": "Thời hạn",
    "lead3": "Chủ trì theo Mục III",
    "status": "Tình trạng",
    "evidence": "Minh chứng",
    "unit_col": "Đơn vị",
    "matrix_key": "C = chủ trì, P = phối hợp",
    "src_value": "Giá trị",
    "src_where": "Lấy từ (tệp:trang!ô hoặc tệp:dòng:cột)",
    "problems_found": "Vấn đề phát hiện",
    "severity": "Mức",
    "code": "Mã lỗi",
    "location": "Vị trí",
    "message": "Nội dung",
    "legend_colour": "Màu: xanh = đạt mục tiêu năm / đúng tiến độ {h}; vàng = tiến bộ vừa; "
    "đỏ = chưa đạt / chậm, đi ngược",
    "chart_title": "Kết quả {y} so với mục tiêu năm và mục tiêu {h}",
    "chart_x": "Mã chỉ tiêu",
    "chart_result": "Kết quả {y}",
    "chart_target": "Mục tiêu {y}",
    "chart_marks": "Dấu sau mã: tiến độ đến {h} — ",
}

EN: dict[str, str] = {
    "tt": "No.",
    "id": "Id",
    "name": "Indicator",
    "unit": "Unit",
    "th": "Result",
    "th_year": "Result {y}",
    "ratio_prev": "{y}/{p}",
    "ratio_src": "Result/{s}",
    "goal": "{h} goal",
    "ratio_goal": "Result/{h}",
    "gap": "To go",
    "progress": "Pace to {h}",
    "next": "Plan {n}",
    "notes": "Notes",
    "target": "target",
    "low": "low bound",
    "high": "high bound",
    "area": "Area",
    "province": "Province",
    "lead": "Lead unit",
    "partners": "Coordinating units",
    "year": "Year",
    "percent": "%",
    "people": "people",
    "points": "pp",
    "increase": "increase",
    "decrease": "decrease",
    "keep": "keep",
    "achieved": "achieved",
    "on_track": "on track",
    "moderate": "moderate progress",
    "limited": "limited progress",
    "moving_away": "moving away",
    "some_progress": "some progress",
    "stagnating": "stagnating or regressing",
    "insufficient_data": "insufficient data",
    "method_cagr": "compound growth",
    "method_linear": "linear",
    **{k: en for k, (_, en) in STATUSES.items()},
    "not_reported": "not reported",
    "summary": "{y}: {met} of {judged} indicators met all their targets for the year; {reached} of {goals} have "
    "reached their {h} goal.",
    "gap_unit_note": "Still to go: percentage points, or people.",
    "empty": "No result or target for {y}: {ids}.",
    "basis": "Pace to {h} measured from the baseline year ({method}).",
    "tasks_by_lead": "Tasks by lead unit",
    "tasks_count": "Tasks",
    "overdue": "Tasks overdue as of {d}:",
    "due": "due",
    "missed": "Targets missed {y}",
    "none": "None.",
    "pace": "Pace towards {h}",
    "projected": "projected {h}",
    "report_title": "Results report {y} — {plan} ({province})",
    "plan": "Plan",
    "inputs": "Inputs",
    "tasks_by_unit": "Tasks by lead unit",
    "problems": "Problems in the inputs",
    "value_notes": "Notes that came with the values",
    "legend_verdict": "✓ target met, ✗ not met (in the indicator's direction)",
    "sheet1": "Appendix 01",
    "sheet2": "Appendix 02",
    "sheet_chart": "Chart",
    "sheet_sources": "Sources",
    "sheet_matrix": "Assignment matrix",
    "title1": "INDICATOR RESULTS {y}",
    "title2": "TASK ASSIGNMENTS",
    "goal_full": "{h} goal",
    "targets_year": "Targets {y}",
    "mt_src": "{s}",
    "results": "Results",
    "year_col": "{y}",
    "compare": "Comparison (%)",
    "ratio_prev_full": "{y}/{p}",
    "ratio_src_full": "Result/{s}",
    "progress_full": "Pace to {h}",
    "next_year": "Plan {n}",
    "task": "Task",
    "deadline": "Deadline",
    "lead3": "Lead per section III",
    "status": "Status",
    "evidence": "Evidence",
    "unit_col": "Unit",
    "matrix_key": "C = lead, P = coordinating",
    "src_value": "Value",
    "src_where": "Read from (file:sheet!cell or file:line:column)",
    "problems_found": "Problems found",
    "severity": "Severity",
    "code": "Code",
    "location": "Location",
    "message": "Message",
    "legend_colour": "Colours: green = target met / on track to {h}; amber = moderate progress; red = missed / "
    "limited or moving away",
    "chart_title": "{y} results against the year's target and the {h} goal",
    "chart_x": "Indicator",
    "chart_result": "Result {y}",
    "chart_target": "Target {y}",
    "chart_marks": "Mark after the id: pace to {h} — ",
}

LANGUAGES = {"vi": VI, "en": EN}


class Labels:
    """The words of one language: `t("goal", h=2030)` -> 'MT 2030'."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.table = LANGUAGES[lang]

    def __call__(self, key: str, **values: object) -> str:
        text = self.table[key]
        return text.format(**values) if values else text

    def unit(self, unit: str) -> str:
        """The unit column: '%' or 'người'."""
        return self.table[unit]

    def name(self, vi: str, en: str | None) -> str:
        """A plan text in this language: the English form when there is one."""
        return vi if self.lang == "vi" or not en else en
