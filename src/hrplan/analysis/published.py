"""Appendix 01's printed comparison cells, recomputed from the plan's own numbers. Pure: no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hrplan.analysis.ratios import Comparison, compare_indicator
from hrplan.plan.model import Indicator, Plan, number

COLUMN_LABELS = {"previous": "TH/TH năm trước", "goal_2030": "TH/ĐA 2030"}


@dataclass(frozen=True)
class PrintedCell:
    """One printed cell of a comparison column and what the plan's own numbers give for it."""

    id: str
    column: str  # 'previous', a target source such as 'DA', or 'goal_2030'
    printed: str
    printed_value: float
    decimals: int
    recomputed: float | None

    @property
    def tolerance(self) -> float:
        """Half a unit of the printed last digit: '100%' allows ±0.5, '101,50%' ±0.005."""
        return 0.5 * 10.0**-self.decimals + 1e-9

    @property
    def reproduced(self) -> bool:
        return self.recomputed is not None and abs(self.recomputed - self.printed_value) <= self.tolerance


def parse_printed(text: str) -> tuple[float, int]:
    """'101,50%' -> (101.5, 2); '97%' -> (97.0, 0)."""
    m = re.fullmatch(r"\s*(\d+)(?:[,.](\d+))?\s*%?\s*", text)
    if not m:
        raise ValueError(f"not a printed percentage: {text!r}")
    decimals = len(m.group(2) or "")
    return float(f"{m.group(1)}.{m.group(2) or 0}"), decimals


def recompute(ind: Indicator) -> Comparison | None:
    """The comparison of the published year from the published results."""
    pub = ind.published
    if pub is None:
        return None
    results = {y: number(v) for y, v in pub.results.items()}
    return compare_indicator(ind, pub.year, results.get(pub.year), results.get(pub.year - 1))


def printed_cells(plan: Plan) -> list[PrintedCell]:
    """Every printed comparison cell of appendix 01 with its recomputed value."""
    out = []
    for ind in plan.targets.indicators:
        c = recompute(ind)
        if c is None or ind.published is None:
            continue
        for column, printed in ind.published.ratios.items():
            value, decimals = parse_printed(printed)
            if column == "previous":
                recomputed = c.ratio_previous.value
            elif column == "goal_2030":
                recomputed = c.ratio_2030.value
            else:
                r = c.ratio_targets.get(column)
                recomputed = r.value if r else None
            out.append(PrintedCell(ind.id, column, printed, value, decimals, recomputed))
    return out
