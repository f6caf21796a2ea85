"""The comparison columns of appendix 01 and their direction-aware readings. Pure: no I/O.

The official columns keep the official arithmetic (TH / MT × 100), also for indicators that
should fall; whether a value is good is told separately by `met`, `met_2030` and `gap_2030`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from hrplan.plan.model import Goal, Indicator, goal_bounds, number
from hrplan.results.measured import Measured

if TYPE_CHECKING:
    from hrplan.analysis.progress import Progress


class Verdict(StrEnum):
    """A target cell's direction-aware reading."""

    MET = "met"
    NOT_MET = "not_met"
    NO_RESULT = "no_result"  # a target, but no result to judge
    NO_TARGET = "no_target"  # no target of this source for the year


@dataclass(frozen=True, slots=True)
class Ratio:
    """A ratio in percent, or None with the reason it cannot be computed."""

    value: float | None
    reason: str | None = None


def ratio(numerator: float | None, denominator: float | None, what_num: str, what_den: str) -> Ratio:
    """numerator / denominator × 100, never inf or NaN."""
    if numerator is None:
        return Ratio(None, f"no {what_num}")
    if denominator is None:
        return Ratio(None, f"no {what_den}")
    if denominator == 0:
        return Ratio(None, f"{what_den} is 0: division by zero")
    value = numerator / denominator * 100
    if not math.isfinite(value):
        return Ratio(None, f"{what_den} is too close to 0 for a meaningful ratio")
    return Ratio(value)


def met(result: float | None, target: float | None, direction: str) -> bool | None:
    """Whether a result reached a target, given the direction ('keep' = hold at least the level)."""
    if result is None or target is None:
        return None
    return result <= target if direction == "decrease" else result >= target


def goal_bound(goal: Goal, result: float | None, direction: str) -> tuple[float, str]:
    """The bound of a 2030 goal to compare with, and which one: 'value', 'low' or 'high'.

    For a range, the bound the result still has to reach: the low bound when rising towards the
    range (or inside it), the high bound when falling towards it; past the range, the bound passed.
    """
    lo, hi = goal_bounds(goal)
    if lo == hi:
        return lo, "value"
    if direction == "decrease":
        if result is not None and result < lo:
            return lo, "low"
        return hi, "high"
    if result is not None and result > hi:
        return hi, "high"
    return lo, "low"


def gap(result: float | None, goal: Goal | None, direction: str) -> float | None:
    """Distance still to go to the 2030 goal (points or people); 0 once reached."""
    if result is None or goal is None:
        return None
    lo, hi = goal_bounds(goal)
    if direction == "decrease":
        return max(0.0, result - hi)
    return max(0.0, lo - result)


@dataclass
class Comparison:
    """One indicator in year Y: results, official ratios and the readings of them."""

    indicator: Indicator
    year: int
    area: str | None
    result: float | None
    previous: float | None
    ratio_previous: Ratio
    targets: dict[str, float]
    ratio_targets: dict[str, Ratio]
    met: dict[str, bool | None]
    goal_2030: Goal | None
    goal_bound: float | None
    goal_bound_kind: str | None
    ratio_2030: Ratio
    met_2030: bool | None
    gap_2030: float | None
    sources: list[Measured] = field(default_factory=list)
    progress: Progress | None = None  # set by the analysis, which knows the history
    next_targets: dict[str, float] = field(default_factory=dict)  # the plan's targets for year + 1
    history: dict[int, float] = field(default_factory=dict)  # the values from the baseline year to this year

    @property
    def met_all_targets(self) -> bool | None:
        known = [v for v in self.met.values() if v is not None]
        return all(known) if known else None

    def verdict(self, source: str) -> Verdict:
        if source not in self.targets:
            return Verdict.NO_TARGET
        ok = self.met[source]
        return Verdict.NO_RESULT if ok is None else Verdict.MET if ok else Verdict.NOT_MET

    @property
    def has_data(self) -> bool:
        """Whether the row has anything to show for its year."""
        return self.result is not None or self.previous is not None or bool(self.targets)

    @property
    def notes(self) -> list[Measured]:
        """The input values (previous and current year) that came with a note, oldest first."""
        return [m for m in self.sources if m.note]


def compare_indicator(
    ind: Indicator,
    year: int,
    result: float | None,
    previous: float | None,
    area: str | None = None,
    sources: list[Measured] | None = None,
    horizon: int = 2030,
) -> Comparison:
    """Compute every comparison column for one indicator and year."""
    targets = {s: number(v) for s, v in ind.targets.get(year, {}).items()}
    ratio_targets = {s: ratio(result, t, f"result for {year}", f"{s} target for {year}") for s, t in targets.items()}
    met_targets = {s: met(result, t, ind.direction) for s, t in targets.items()}
    bound: float | None = None
    kind: str | None = None
    if ind.goal_2030 is not None:
        bound, kind = goal_bound(ind.goal_2030, result, ind.direction)
        ratio_2030 = ratio(result, bound, f"result for {year}", f"{horizon} goal")
        lo, hi = goal_bounds(ind.goal_2030)
        reached = met(result, hi if ind.direction == "decrease" else lo, ind.direction)
    else:
        ratio_2030, reached = Ratio(None, f"the plan sets no {horizon} goal"), None
    return Comparison(
        indicator=ind,
        year=year,
        area=area,
        result=result,
        previous=previous,
        ratio_previous=ratio(result, previous, f"result for {year}", f"result for {year - 1}"),
        targets=targets,
        ratio_targets=ratio_targets,
        met=met_targets,
        goal_2030=ind.goal_2030,
        goal_bound=bound,
        goal_bound_kind=kind,
        ratio_2030=ratio_2030,
        met_2030=reached,
        gap_2030=gap(result, ind.goal_2030, ind.direction),
        sources=sources or [],
        next_targets={s: number(v) for s, v in ind.targets.get(year + 1, {}).items()},
    )


@dataclass(frozen=True)
class Summary:
    year: int
    with_targets: int
    met_targets: int
    with_goal: int
    reached_goal: int
    missing: int


def summarise(rows: list[Comparison], year: int) -> Summary:
    """How many indicators met all this year's targets, and how many have reached their goal."""
    judged = [r for r in rows if r.met_all_targets is not None]
    goals = [r for r in rows if r.met_2030 is not None]
    return Summary(
        year=year,
        with_targets=len(judged),
        met_targets=sum(1 for r in judged if r.met_all_targets),
        with_goal=len(goals),
        reached_goal=sum(1 for r in goals if r.met_2030),
        missing=sum(1 for r in rows if r.result is None),
    )
