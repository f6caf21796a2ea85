"""On track for the horizon (2030 in the bundled plan)? Progress classes by the Eurostat / Open SDG method.
Pure: no I/O.

CAGR method: R = CAGR_observed / CAGR_required, where
  CAGR_observed = (x_t / x_0) ** (1 / (t - t0)) - 1    (baseline x_0 in t0, latest x_t in t)
  CAGR_required = (goal / x_0) ** (1 / (2030 - t0)) - 1
R >= 0.95 on track, 0.60 <= R < 0.95 moderate, 0 <= R < 0.60 limited, R < 0 moving away. For a
falling indicator both rates are negative, so R is positive when it falls as it should.

Linear method: project 2030 at the average yearly change (percentage points); progress is the
projected change over the needed change from the baseline: >= 95% on track, 10-95% some progress,
below 10% stagnating or regressing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
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
    "insufficient_data": None,
}
SEVERITY_ORDER = [
    "moving_away",
    "stagnating",
    "limited",
    "some_progress",
    "moderate",
    "on_track",
    "achieved",
    "insufficient_data",
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
    def tone(self) -> str | None:
        """'good', 'fair', 'poor', or None when there is nothing to judge."""
        return TONE[self.klass]

    def as_json(self) -> JSONObject:
        body: JSONObject = asdict(self)
        body["class"] = body.pop("klass")
        return body


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


def _insufficient(method: str, reason: str, *, latest_year: int | None = None, latest: float | None = None) -> Progress:
    return Progress(method, "insufficient_data", reason, latest_year=latest_year, latest=latest)


def _clamp(ind: Indicator, value: float) -> float:
    """Shares stay within 0-100%; counts stay non-negative."""
    return min(100.0, max(0.0, value)) if ind.unit == "percent" else max(0.0, value)


def assess(
    ind: Indicator,
    history: dict[int, float],
    method: str = "cagr",
    horizon: int = HORIZON,
    baseline_year: int | None = None,
) -> Progress:
    """The progress class of one indicator from its measured values by year (up to the compare year),
    from the plan's baseline year when it names one, else from the earliest measured year."""
    if ind.goal_2030 is None:
        return _insufficient(method, f"the plan sets no {horizon} goal")
    if baseline_year is not None:
        if baseline_year not in history:
            return _insufficient(method, f"no result for the plan's baseline year {baseline_year}")
        history = {y: v for y, v in history.items() if y >= baseline_year}
    years = sorted(history)
    if len(years) < 2:
        return _insufficient(
            method,
            "fewer than two measured years",
            latest_year=years[-1] if years else None,
            latest=history[years[-1]] if years else None,
        )
    t0, t = years[0], years[-1]
    x0, xt = history[t0], history[t]
    goal, _ = goal_bound(ind.goal_2030, xt, ind.direction)
    left = horizon - t
    required_per_year = (goal - xt) / left if left > 0 else None
    required_growth = (goal / xt) ** (1 / left) - 1 if left > 0 and xt > 0 and goal > 0 else None
    observed_per_year = (xt - x0) / (t - t0)
    span = goal - x0
    covered = None if span == 0 else max(0.0, min(1.0, (xt - x0) / span))
    common: _Measures = {
        "baseline_year": t0,
        "baseline": x0,
        "latest_year": t,
        "latest": xt,
        "goal": goal,
        "required_per_year": required_per_year,
        "required_growth": required_growth,
        "observed_per_year": observed_per_year,
        "covered": covered,
    }
    if met(xt, goal, ind.direction):
        return Progress(method, "achieved", **(common | {"covered": 1.0}))
    if method == "linear":
        projected = _clamp(ind, xt + observed_per_year * left)
        if span == 0:
            return Progress(
                method,
                "stagnating",
                "the baseline already met the goal, the latest value does not",
                projected_2030=projected,
                **common,
            )
        progress = (projected - x0) / span
        klass = "on_track" if progress >= 0.95 else "some_progress" if progress >= 0.10 else "stagnating"
        return Progress(method, klass, r=progress, projected_2030=projected, **common)
    if x0 <= 0 or xt <= 0 or goal <= 0:
        return Progress(
            method, "insufficient_data", "a zero baseline (or latest value) leaves growth rates undefined", **common
        )
    cagr_obs = (xt / x0) ** (1 / (t - t0)) - 1
    cagr_req = (goal / x0) ** (1 / (horizon - t0)) - 1
    projected = _clamp(ind, xt * (1 + cagr_obs) ** left)
    if cagr_req == 0:
        return Progress(
            method,
            "moving_away",
            "the baseline already met the goal, the latest value does not",
            cagr_observed=cagr_obs,
            cagr_required=0.0,
            projected_2030=projected,
            **common,
        )
    r = cagr_obs / cagr_req
    klass = "on_track" if r >= 0.95 else "moderate" if r >= 0.60 else "limited" if r >= 0 else "moving_away"
    return Progress(
        method, klass, r=r, cagr_observed=cagr_obs, cagr_required=cagr_req, projected_2030=projected, **common
    )
