from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrplan.analysis.ratios import compare_indicator, gap, goal_bound, met, ratio, summarise
from hrplan.plan.model import Goal

from .plans import indicator as ind

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)


@given(finite, finite)
def test_ratio_is_finite_or_explained(a: float, b: float) -> None:
    r = ratio(a, b, "a", "b")
    if b == 0:
        assert r.value is None and r.reason == "b is 0: division by zero"
    elif r.value is None:
        assert abs(b) < 1e-290 and r.reason is not None
    else:
        assert r.value is not None and math.isfinite(r.value) and r.reason is None
        assert r.value * b / 100 == pytest.approx(a, rel=1e-9, abs=1e-9)


def test_ratio_missing_operands() -> None:
    assert ratio(None, 5, "result", "target").reason == "no result"
    assert ratio(5, None, "result", "target").reason == "no target"


@pytest.mark.parametrize(
    ("result", "target", "direction", "expected"),
    [
        (70, 68, "increase", True),
        (67.7, 68, "increase", False),
        (52.7, 53.12, "decrease", True),
        (54, 53.12, "decrease", False),
        (100, 100, "keep", True),
        (99, 100, "keep", False),
        (None, 1, "increase", None),
    ],
)
def test_met_is_direction_aware(result: float | None, target: float, direction: str, expected: bool | None) -> None:
    assert met(result, target, direction) is expected


@pytest.mark.parametrize(
    ("goal", "result", "direction", "expected"),
    [
        (80.0, 70, "increase", (80, "value")),
        ([50.0, 55.0], 22.64, "increase", (50, "low")),
        ([50.0, 55.0], 52, "increase", (50, "low")),
        ([50.0, 55.0], 60, "increase", (55, "high")),
        ([40.0, 45.0], 52.7, "decrease", (45, "high")),
        ([40.0, 45.0], 30, "decrease", (40, "low")),
    ],
)
def test_goal_bound_of_a_range(goal: Goal, result: float, direction: str, expected: tuple[float, str]) -> None:
    assert goal_bound(goal, result, direction) == expected


@pytest.mark.parametrize(
    ("result", "goal", "direction", "expected"),
    [
        (67.7, 80.0, "increase", 12.3),
        (82.75, 80.0, "increase", 0.0),
        (52.7, 45.0, "decrease", 7.7),
        (44.0, 45.0, "decrease", 0.0),
        (22.64, [50.0, 55.0], "increase", 27.36),
        (None, 80.0, "increase", None),
        (5.0, None, "increase", None),
    ],
)
def test_gap(result: float | None, goal: Goal | None, direction: str, expected: float | None) -> None:
    got = gap(result, goal, direction)
    assert got == pytest.approx(expected) if expected is not None else got is None


def test_compare_indicator_whole_result() -> None:
    c = compare_indicator(ind(goal_2030=80, targets={2023: {"DA": 67.7, "KH14": 68}}), 2023, 67.7, 66.7)
    assert (
        c.ratio_previous.value,
        c.ratio_targets["DA"].value,
        c.ratio_targets["KH14"].value,
        c.ratio_2030.value,
    ) == pytest.approx((101.49925, 100.0, 99.5588235, 84.625))
    assert c.met == {"DA": True, "KH14": False}
    assert (c.met_2030, c.goal_bound, c.goal_bound_kind) == (False, 80, "value")
    assert c.gap_2030 == pytest.approx(12.3)
    assert c.met_all_targets is False


def test_decreasing_indicator_keeps_official_arithmetic() -> None:
    c = compare_indicator(ind(direction="decrease", goal_2030=45, targets={2023: {"DA": 53.12}}), 2023, 52.7, 53.7)
    assert c.ratio_2030.value == pytest.approx(117.111, rel=1e-4)
    assert c.met == {"DA": True} and c.met_2030 is False and c.gap_2030 == pytest.approx(7.7)


def test_no_goal_and_zero_previous() -> None:
    c = compare_indicator(ind(unit="people"), 2024, 9800, 0)
    assert c.ratio_2030.value is None and c.ratio_2030.reason == "the plan sets no 2030 goal"
    assert c.ratio_previous.value is None and "division by zero" in (c.ratio_previous.reason or "")
    assert c.met_2030 is None and c.gap_2030 is None


def test_summary_counts() -> None:
    rows = [compare_indicator(ind(goal_2030=80, targets={2023: {"DA": 70}}), 2023, r, None) for r in (60, 75, 85)]
    s = summarise(rows, 2023)
    assert (s.with_targets, s.met_targets, s.with_goal, s.reached_goal, s.missing) == (3, 2, 3, 1, 0)
