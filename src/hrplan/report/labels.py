"""What the console and Markdown gap tables share: their column labels and which rows they show."""

from __future__ import annotations

from typing import Any

LABELS = {
    "vi": {
        "id": "Mã",
        "name": "Chỉ tiêu",
        "unit": "ĐVT",
        "th": "TH",
        "goal": "MT 2030",
        "r2030": "TH/2030",
        "gap": "Còn thiếu",
        "progress": "Tiến độ 2030",
        "target": "MT",
        "low": "cận dưới",
        "high": "cận trên",
        "area": "Địa bàn",
        "province": "Toàn tỉnh",
    },
    "en": {
        "id": "Id",
        "name": "Indicator",
        "unit": "Unit",
        "th": "Result",
        "goal": "2030 goal",
        "r2030": "Result/2030",
        "gap": "To go",
        "progress": "Pace to 2030",
        "target": "target",
        "low": "low bound",
        "high": "high bound",
        "area": "Area",
        "province": "Province",
    },
}


def has_data(r: Any) -> bool:
    """Whether a row has anything to show for its year."""
    return r.result is not None or r.previous is not None or bool(r.targets)
