"""On track for the horizon (2030 in the bundled plan)? Progress classes by the Eurostat / Open SDG method.
Pure: no I/O.

CAGR method, as Open SDG's progress measure: R = d × CAGR_observed / |CAGR_required|, where d is +1 for an
indicator that should rise (or hold) and -1 for one that should fall, and
  CAGR_observed = (x_t / x_0) ** (1 / (t - t0)) - 1    (baseline x_0 in t0, latest x_t in t)
  CAGR_required = (goal / x_0) ** (1 / (horizon - t0)) - 1
R >= 0.95 on track, 0.60 <= R < 0.95 moderate, 0 <= R < 0.60 limited, R < 0 moving away.
The goal is judged on the latest value first: reached there, the class is achieved. A value that had
reached the goal at the baseline and has fallen back is moving away (linear: stagnating or regressing),
never on track: two negative rates must not divide into a positive R.

Linear method: project 2030 at the average yearly change (percentage points); progress is the
projected change over the needed change from the baseline: >= 95% on track, 10-95% some progress,
below 10% stagnating or regressing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import TypedDict

from hrplan.analysis.ratios import goal_bound, met
from hrplan.core.jsontypes import JSONObject
from hrplan.plan.model import Indicator

HORIZON = 2030
# How each class reads beside the numbers: renderers colour by tone, never by class.
TONE: dict[str, str | None] = {
    "achieved": "good",
    "on_track": "good",
    "moderate": "fair",
    "some_progress": "fair",
    "limited": "poor",
    "stagnating": "poor",
    "moving_away": "poor",
    "insufficient_data": None,  # fewer than two measured years (or growth rates undefined)
    "no_goal": None,  # the plan sets no goal at the horizon
    "no_result": None,  # no result for the year read
}
BLANKS = frozenset({"insufficient_data", "no_goal", "no_result"})
SEVERITY_ORDER = [
    "moving_away",
    "stagnating",
    "limited",
    "some_progress",
    "moderate",
    "on_track",
    "achieved",
    "insufficient_data",
    "no_result",
    "no_goal",
]


@dataclass(frozen=True)
class Progress:
    method: str
    klass: str
    reason: str | None = None
    r: float | None = None
    baseline_year: int | None = None
    baseline: float | None = None
    latest_year: int | None = None
    latest: float | None = None
    goal: float | None = None
    cagr_observed: float | None = None
    cagr_required: float | None = None
    required_per_year: float | None = None
    required_growth: float | None = None
    observed_per_year: float | None = None
    projected_2030: float | None = None
    covered: float | None = None

    @property
    def judged(self) -> bool:
        """Whether there is a pace to report (not a blank: no goal, no result for the year, too few years)."""
        return self.klass not in BLANKS

    @property
    def tone(self) -> str | None:
        """'good', 'fair', 'poor', or None when there is nothing to judge."""
        return TONE[self.klass]

    def as_json(self) -> JSONObject:
        # Every field is a scalar: the fields as they are, without asdict's deep copy (one per row of --by-area).
        body: JSONObject = {name: getattr(self, name) for name in _FIELDS}
        body["class"] = body.pop("klass")
        return body


_FIELDS = tuple(f.name for f in fields(Progress))
_values = attrgetter(*_FIELDS)  # a Progress's fields as a tuple, in one C call


class _Measures(TypedDict):
    """The numbers every assessment from two measured years carries, whatever its class."""

    baseline_year: int
    baseline: float
    latest_year: int
    latest: float
    goal: float
    required_per_year: float | None
    required_growth: float | None
    observed_per_year: float
    covered: float | None


def _blank(
    method: str, klass: str, reason: str, *, latest_year: int | None = None, latest: float | None = None
) -> Progress:
    """A reading with nothing to judge, and why: no goal, no result for the year, too few years."""
    return Progress(method, klass, reason, latest_year=latest_year, latest=latest)


def _clamp(ind: Indicator, value: float) -> float:
    """Shares stay within 0-100%; counts stay non-negative."""
    return min(100.0, max(0.0, value)) if ind.unit == "percent" else max(0.0, value)


def assess(
    ind: Indicator,
    history: dict[int, float],
    method: str = "cagr",
    horizon: int = HORIZON,
    baseline_year: int | None = None,
    year: int | None = None,
) -> Progress:
    """The progress class of one indicator in `year` (default: the latest measured) from its values by year,
    measured from the plan's baseline year when it names one, else from the earliest measured year."""
    if ind.goal_2030 is None:
        return _blank(method, "no_goal", f"the plan sets no {horizon} goal")
    history = {y: v for y, v in history.items() if year is None or y <= year}
    if year is not None and year not in history:
        return _blank(method, "no_result", f"no result for {year}")
    if baseline_year is not None:
        if baseline_year not in history:
            return _blank(method, "insufficient_data", f"no result for the plan's baseline year {baseline_year}")
        history = {y: v for y, v in history.items() if y >= baseline_year}
    years = sorted(history)
    if len(years) < 2:
        latest = (years[-1], history[years[-1]]) if years else (None, None)
        return _blank(method, "insufficient_data", "fewer than two measured years", latest_year=latest[0],
                      latest=latest[1])  # fmt: skip
    t0, t = years[0], years[-1]
    if t0 >= horizon:
        return _blank(method, "insufficient_data", f"the baseline {t0} is not before the horizon {horizon}")
    try:
        judged = _judge(ind, history[t0], history[t], t0, t, method, horizon)
    except (OverflowError, ZeroDivisionError):
        judged = None
    # rates beyond a float (a baseline of 5e-324): no reading
    if judged is None or not all(math.isfinite(v) for v in _values(judged) if isinstance(v, float)):
        return _blank(method, "insufficient_data", "the values are too far apart for growth rates")
    return judged


def _judge(ind: Indicator, x0: float, xt: float, t0: int, t: int, method: str, horizon: int) -> Progress:
    assert ind.goal_2030 is not None
    goal, _ = goal_bound(ind.goal_2030, xt, ind.direction)
    left = horizon - t
    span = goal - x0
    common: _Measures = {
        "baseline_year": t0,
        "baseline": x0,
        "latest_year": t,
        "latest": xt,
        "goal": goal,
        "required_per_year": (goal - xt) / left if left > 0 else None,
        "required_growth": (goal / xt) ** (1 / left) - 1 if left > 0 and xt > 0 and goal > 0 else None,
        "observed_per_year": (xt - x0) / (t - t0),
        "covered": None if span == 0 else max(0.0, min(1.0, (xt - x0) / span)),
    }
    if met(xt, goal, ind.direction):
        return Progress(method, "achieved", **(common | {"covered": 1.0}))
    fell_back = met(x0, goal_bound(ind.goal_2030, x0, ind.direction)[0], ind.direction)
    if method == "linear":
        projected = _clamp(ind, xt + common["observed_per_year"] * max(left, 0))
        if fell_back:
            return Progress(method, "stagnating", f"reached the goal in {t0} and has fallen back since",
                            projected_2030=projected, **(common | {"covered": 0.0}))  # fmt: skip
        progress = (projected - x0) / span
        klass = "on_track" if progress >= 0.95 else "some_progress" if progress >= 0.10 else "stagnating"
        return Progress(method, klass, r=progress, projected_2030=projected, **common)
    if x0 <= 0 or xt <= 0 or goal <= 0:
        return Progress(
            method, "insufficient_data", "a zero baseline (or latest value) leaves growth rates undefined", **common
        )
    cagr_obs = (xt / x0) ** (1 / (t - t0)) - 1
    cagr_req = (goal / x0) ** (1 / (horizon - t0)) - 1
    try:
        projected = _clamp(ind, xt * (1 + cagr_obs) ** max(left, 0))
    except OverflowError:  # a share is capped at 100% anyway; an unbounded count leaves no reading
        projected = _clamp(ind, math.inf)
    rates = {"cagr_observed": cagr_obs, "cagr_required": cagr_req, "projected_2030": projected}
    if fell_back:  # R is then negative too: the value moved away from a goal it had reached
        why = f"reached the goal in {t0} and has fallen back since"
        r = None if cagr_req == 0 else _r(ind, cagr_obs, cagr_req)
        return Progress(method, "moving_away", why, r=r, **rates, **(common | {"covered": 0.0}))
    r = _r(ind, cagr_obs, cagr_req)
    klass = "on_track" if r >= 0.95 else "moderate" if r >= 0.60 else "limited" if r >= 0 else "moving_away"
    return Progress(method, klass, r=r, **rates, **common)


def _r(ind: Indicator, cagr_obs: float, cagr_req: float) -> float:
    """Open SDG's progress ratio: the observed rate in the wanted direction over the size of the required one."""
    return (-1.0 if ind.direction == "decrease" else 1.0) * cagr_obs / abs(cagr_req)


def required_path(p: Progress, horizon: int) -> dict[int, float]:
    """The values, year by year from the baseline to the horizon, that reach the goal exactly: compound growth
    for the cagr method (when both ends are positive), a straight line otherwise. Empty without a baseline."""
    if p.baseline_year is None or p.baseline is None or p.goal is None or p.baseline_year >= horizon:
        return {}
    t0, x0, goal = p.baseline_year, p.baseline, p.goal
    n = horizon - t0
    if p.method == "cagr" and x0 > 0 and goal > 0:
        rate = (goal / x0) ** (1 / n) - 1
        return {t0 + k: x0 * (1 + rate) ** k for k in range(n + 1)}
    return {t0 + k: x0 + (goal - x0) * k / n for k in range(n + 1)}
