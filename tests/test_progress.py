"""Trajectory classes against hand-computed cases (Eurostat / Open SDG method, and the linear variant)."""

from __future__ import annotations

import pytest

from hrplan.analysis.progress import assess
from hrplan.report.fmt import bar
from hrplan.report.labels import Labels

from .plans import paced as ind


def test_increase_moderate_b2() -> None:
    # B2: 66.7% (2022) -> 67.7% (2023), goal 80%.
    # CAGR_obs = 67.7/66.7 - 1 = 1.4993%; CAGR_req = (80/66.7)^(1/8) - 1 = 2.2988%; R = 0.652 -> moderate
    p = assess(ind(), {2022: 66.7, 2023: 67.7})
    assert p.klass == "moderate"
    assert p.cagr_observed == pytest.approx(0.014993, abs=1e-6)
    assert p.cagr_required == pytest.approx(0.022988, abs=1e-6)
    assert p.r == pytest.approx(0.6522, abs=1e-4)
    assert p.required_per_year == pytest.approx((80 - 67.7) / 7)
    assert p.projected_2030 == pytest.approx(67.7 * 1.014993**7, rel=1e-5)


def test_decrease_moderate_b5() -> None:
    # B5 falls from 53.7 to 52.7 towards 45: both rates negative, R = -1.8622% / -2.1851% = 0.8522
    p = assess(ind("decrease", 45), {2022: 53.7, 2023: 52.7})
    assert p.klass == "moderate"
    assert p.cagr_observed == pytest.approx(52.7 / 53.7 - 1)
    assert p.cagr_required == pytest.approx((45 / 53.7) ** (1 / 8) - 1)
    assert p.r == pytest.approx(0.8522, abs=1e-4)


def test_decrease_moving_away() -> None:
    p = assess(ind("decrease", 45), {2021: 52.0, 2023: 53.0})
    assert p.klass == "moving_away" and p.r is not None and p.r < 0


def test_range_goal_uses_nearest_bound() -> None:
    # B1: 22.24 -> 22.64 towards 50-55%: the low bound 50. R = 1.7986% / 10.8% = 0.167 -> limited
    p = assess(ind(goal=[50, 55]), {2022: 22.24, 2023: 22.64})
    assert p.goal == 50 and p.klass == "limited"
    assert p.r == pytest.approx((22.64 / 22.24 - 1) / ((50 / 22.24) ** (1 / 8) - 1))


def test_keep_level() -> None:
    assert assess(ind("keep", 100), {2022: 100, 2023: 100}).klass == "achieved"
    assert assess(ind("keep", 100), {2022: 100, 2023: 98}).klass == "moving_away"


def test_achieved() -> None:
    p = assess(ind(goal=80), {2022: 77.42, 2023: 82.75})
    assert p.klass == "achieved" and p.covered == 1.0


def test_zero_baseline_and_single_point() -> None:
    zero = assess(ind(), {2022: 0.0, 2023: 5.0})
    assert zero.klass == "insufficient_data" and "zero baseline" in (zero.reason or "")
    single = assess(ind(), {2023: 60.0})
    assert single.klass == "insufficient_data" and single.reason == "fewer than two measured years"
    assert assess(ind(goal=None), {2022: 1, 2023: 2}).reason == "the plan sets no 2030 goal"


def test_on_track_and_limited_thresholds() -> None:
    assert assess(ind(goal=80), {2022: 60, 2023: 64}).klass == "on_track"
    assert assess(ind(goal=80), {2022: 60, 2023: 60.5}).klass == "limited"


def test_linear_method() -> None:
    # 66.7 -> 67.7: +1 pp a year; 2030 projection 67.7 + 7 = 74.7; needed change 80 - 66.7 = 13.3;
    # progress (74.7 - 66.7) / 13.3 = 0.6015 -> some progress
    p = assess(ind(), {2022: 66.7, 2023: 67.7}, method="linear")
    assert p.klass == "some_progress" and p.projected_2030 == pytest.approx(74.7)
    assert p.r == pytest.approx(8 / 13.3)
    assert assess(ind(), {2022: 60, 2023: 63}, method="linear").klass == "on_track"
    assert assess(ind(), {2022: 60, 2023: 60.1}, method="linear").klass == "stagnating"
    assert assess(ind(), {2022: 60, 2023: 59}, method="linear").klass == "stagnating"


def test_linear_projection_of_a_share_stays_within_100() -> None:
    p = assess(ind(goal=100), {2022: 80, 2023: 95}, method="linear")
    assert p.projected_2030 == 100.0


def test_bar_and_labels() -> None:
    assert bar(0.5) == "█████░░░░░" and bar(None) == ""
    assert Labels("vi")("moving_away") == "đi ngược" and Labels("en")("moving_away") == "moving away"


def test_plan_baseline_year() -> None:
    history = {2021: 50.0, 2022: 66.7, 2023: 67.7}
    earliest = assess(ind(), history)
    named = assess(ind(), history, baseline_year=2022)
    assert (earliest.baseline_year, named.baseline_year) == (2021, 2022)
    assert named.r == pytest.approx(assess(ind(), {2022: 66.7, 2023: 67.7}).r)
    missing = assess(ind(), history, baseline_year=2020)
    assert missing.klass == "insufficient_data" and missing.reason == "no result for the plan's baseline year 2020"
