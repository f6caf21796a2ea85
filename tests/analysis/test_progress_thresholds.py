"""The pace to 2030 as the README promises it ('On track for 2030?'), every class boundary from both sides.

CAGR method: CAGR_obs = (x_t / x_0)^(1/(t - t0)) - 1, CAGR_req = (goal / x_0)^(1/(2030 - t0)) - 1,
R = CAGR_obs / CAGR_req; R >= 0.95 on track, 0.60 <= R < 0.95 moderate, 0 <= R < 0.60 limited,
R < 0 moving away. Linear method: progress = (projection - x_0) / (goal - x_0); >= 0.95 on track,
0.10-0.95 some progress, below 0.10 stagnating.

Expected values are computed here from those formulas, never taken from the code. Near a boundary the
latest value is chosen so that R lands at 0.951 / 0.949 etc.; exactly on a boundary the operands are
dyadic fractions (1.625, 0.59375, ...), so that the floating-point R is the boundary itself.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hrplan.analysis.progress import HORIZON, assess

from ..plans import paced as ind


def cagr_required(x0: float, goal: float, t0: int) -> float:
    return float((goal / x0) ** (1 / (2030 - t0)) - 1)


def latest_for(r: float, x0: float, goal: float, t0: int, t: int) -> float:
    """The x_t that gives R = r: CAGR_obs = r * CAGR_req, and x_t = x_0 (1 + CAGR_obs)^(t - t0)."""
    return x0 * (1 + r * cagr_required(x0, goal, t0)) ** (t - t0)


def readme_class(r: float) -> str:
    if r >= 0.95:
        return "on_track"
    if r >= 0.60:
        return "moderate"
    if r >= 0:
        return "limited"
    return "moving_away"


def test_horizon_is_2030() -> None:
    assert HORIZON == 2030


# (direction, goal in the plan, baseline x0, the goal bound the pace is measured against)
SHAPES = [
    pytest.param("increase", 80, 60.0, 80.0, id="rising"),
    pytest.param("decrease", 45, 53.7, 45.0, id="falling"),
    pytest.param("increase", [50, 55], 30.0, 50.0, id="range-rising-low-bound"),
    pytest.param("decrease", [50, 55], 70.0, 55.0, id="range-falling-high-bound"),
    pytest.param("keep", 100, 90.0, 100.0, id="keep-level"),
]
NEAR = [
    (0.951, "on_track"),
    (0.949, "moderate"),
    (0.601, "moderate"),
    (0.599, "limited"),
    (0.001, "limited"),
    (-0.001, "moving_away"),
    (-0.5, "moving_away"),
]


@pytest.mark.parametrize(("direction", "goal", "x0", "bound"), SHAPES)
@pytest.mark.parametrize(("r", "klass"), NEAR)
@pytest.mark.parametrize(("t0", "t"), [(2022, 2023), (2020, 2023)], ids=["1y", "3y"])
def test_cagr_class_on_both_sides_of_each_threshold(
    direction: str, goal: object, x0: float, bound: float, r: float, klass: str, t0: int, t: int
) -> None:
    xt = latest_for(r, x0, bound, t0, t)
    p = assess(ind(direction, goal), {t0: x0, t: xt})
    assert p.klass == klass
    assert p.r == pytest.approx(r, rel=1e-9, abs=1e-12)
    assert p.goal == bound
    assert p.cagr_required == pytest.approx(cagr_required(x0, bound, t0), rel=1e-12)
    assert p.cagr_observed == pytest.approx(r * cagr_required(x0, bound, t0), rel=1e-9, abs=1e-15)
    assert (p.method, p.baseline_year, p.baseline, p.latest_year, p.latest) == ("cagr", t0, x0, t, xt)


# Rising: x0 = 2, goal = 2 * 1.625^8, so CAGR_req = 0.625 exactly; x_t = 3.1875 gives CAGR_obs = 0.59375
# = 0.95 * 0.625, x_t = 2.75 gives 0.375 = 0.60 * 0.625. Falling: x0 = 64, goal = 64 * (11/16)^8, so
# CAGR_req = -0.3125; x_t = 45 gives -0.296875 = 0.95 * -0.3125, x_t = 52 gives -0.1875 = 0.60 * -0.3125.
EXACT = [
    pytest.param("increase", 2.0, 2 * 1.625**8, 3.1875, 0.95, "on_track", id="rising-R=0.95"),
    pytest.param("increase", 2.0, 2 * 1.625**8, 2.75, 0.60, "moderate", id="rising-R=0.60"),
    pytest.param("increase", 2.0, 2 * 1.625**8, 2.0, 0.0, "limited", id="rising-R=0"),
    pytest.param("decrease", 64.0, 64 * (11 / 16) ** 8, 45.0, 0.95, "on_track", id="falling-R=0.95"),
    pytest.param("decrease", 64.0, 64 * (11 / 16) ** 8, 52.0, 0.60, "moderate", id="falling-R=0.60"),
    pytest.param("decrease", 64.0, 64 * (11 / 16) ** 8, 64.0, 0.0, "limited", id="falling-R=0"),
]


@pytest.mark.parametrize(("direction", "x0", "goal", "xt", "r", "klass"), EXACT)
def test_cagr_class_exactly_on_each_threshold(
    direction: str, x0: float, goal: float, xt: float, r: float, klass: str
) -> None:
    p = assess(ind(direction, goal), {2022: x0, 2023: xt})
    assert p.r == r  # exact: every operand is a dyadic fraction
    assert p.klass == klass


def test_cagr_worked_example_b2_from_the_readme() -> None:
    # 66.7 (2022) -> 67.7 (2023), goal 80: R = 1.499% / 2.299% = 0.652 -> moderate; 1.76 points a year
    # still needed against 1.00 observed; at the observed pace 2030 reaches 67.7 * 1.01499^7 = 75.1
    p = assess(ind(), {2022: 66.7, 2023: 67.7})
    assert p.klass == "moderate"
    assert p.r == pytest.approx(0.652, abs=5e-4)
    assert p.required_per_year == pytest.approx((80 - 67.7) / 7)
    assert p.required_growth == pytest.approx((80 / 67.7) ** (1 / 7) - 1)
    assert p.observed_per_year == pytest.approx(1.0)
    assert p.projected_2030 == pytest.approx(75.1, abs=0.05)
    assert p.covered == pytest.approx(1.0 / 13.3)


def test_cagr_worked_example_b5_falling() -> None:
    # 53.7 -> 52.7 towards 45: R = -1.862% / -2.185% = 0.852 -> moderate
    p = assess(ind("decrease", 45), {2022: 53.7, 2023: 52.7})
    assert p.klass == "moderate"
    assert p.r == pytest.approx(0.852, abs=5e-4)
    assert p.cagr_observed == pytest.approx(-0.01862, abs=5e-6)
    assert p.cagr_required == pytest.approx(-0.02185, abs=5e-6)


@pytest.mark.parametrize(
    ("direction", "goal", "x0", "at_goal", "short_of_goal"),
    [
        ("increase", 80, 70.0, 80.0, 79.99),
        ("decrease", 45, 53.7, 45.0, 45.01),
        ("keep", 100, 99.0, 100.0, 99.99),
        ("increase", [50, 55], 40.0, 50.0, 49.99),
        ("decrease", [50, 55], 60.0, 55.0, 55.01),
    ],
)
@pytest.mark.parametrize("method", ["cagr", "linear"])
def test_achieved_exactly_at_the_goal_not_short_of_it(
    direction: str, goal: object, x0: float, at_goal: float, short_of_goal: float, method: str
) -> None:
    reached = assess(ind(direction, goal), {2022: x0, 2023: at_goal}, method=method)
    assert reached.klass == "achieved" and reached.covered == 1.0 and reached.r is None
    assert reached.method == method
    short = assess(ind(direction, goal), {2022: x0, 2023: short_of_goal}, method=method)
    assert short.klass != "achieved"


@pytest.mark.parametrize(
    ("direction", "goal", "xt"),
    [
        ("increase", [50, 55], 53.0),
        ("increase", [50, 55], 60.0),
        ("decrease", [50, 55], 52.0),
        ("decrease", [50, 55], 45.0),
    ],
)
def test_a_range_is_achieved_inside_it_and_past_it(direction: str, goal: object, xt: float) -> None:
    assert assess(ind(direction, goal), {2022: 40.0 if direction == "increase" else 65.0, 2023: xt}).klass == "achieved"


@pytest.mark.parametrize("method", ["cagr", "linear"])
def test_insufficient_data(method: str) -> None:
    one = assess(ind(), {2023: 60.0}, method=method)
    assert (one.klass, one.reason, one.latest_year, one.latest) == (
        "insufficient_data",
        "fewer than two measured years",
        2023,
        60.0,
    )
    assert one.method == method
    none = assess(ind(), {}, method=method)
    assert (none.klass, none.latest_year, none.latest, none.method) == ("insufficient_data", None, None, method)
    no_base = assess(ind(), {2022: 60.0, 2023: 61.0}, method=method, baseline_year=2021)
    assert (no_base.klass, no_base.method) == ("insufficient_data", method)
    assert no_base.reason == "no result for the plan's baseline year 2021"
    no_goal = assess(ind(goal=None), {2022: 60.0, 2023: 61.0}, method=method)
    assert (no_goal.klass, no_goal.reason) == ("no_goal", "the plan sets no 2030 goal")
    assert no_goal.method == method


@pytest.mark.parametrize(
    ("direction", "goal", "history"),
    [
        pytest.param("increase", 80, {2022: 0.0, 2023: 5.0}, id="zero-baseline"),
        pytest.param("increase", 80, {2022: 10.0, 2023: 0.0}, id="zero-latest"),
        pytest.param("decrease", 0, {2022: 60.0, 2023: 50.0}, id="zero-goal"),
    ],
)
def test_zero_operand_gives_insufficient_data_for_cagr_but_linear_still_works(
    direction: str, goal: float, history: dict[int, float]
) -> None:
    p = assess(ind(direction, goal), history)
    assert (p.klass, p.method) == ("insufficient_data", "cagr")
    assert p.reason == "a zero baseline (or latest value) leaves growth rates undefined"
    assert p.r is None and p.baseline == history[2022] and p.latest == history[2023]
    if goal == 0:
        assert p.required_growth is None  # no growth rate leads to 0
    assert assess(ind(direction, goal), history, method="linear").klass != "insufficient_data"


# Linear: x0 = 10 in 2022, goal 90 (span 80), x_t = 10 + d in 2023, 7 years left: the projection is
# 10 + 8d, progress 8d / 80 = d / 10. d = 9.5 gives 0.95 and d = 1 gives 0.10, both exact.
@pytest.mark.parametrize(
    ("d", "progress", "klass"),
    [
        (9.51, 0.951, "on_track"),
        (9.5, 0.95, "on_track"),
        (9.49, 0.949, "some_progress"),
        (1.01, 0.101, "some_progress"),
        (1.0, 0.10, "some_progress"),
        (0.99, 0.099, "stagnating"),
        (0.0, 0.0, "stagnating"),
        (-1.0, -0.1, "stagnating"),
    ],
)
@pytest.mark.parametrize("falling", [False, True], ids=["rising", "falling"])
def test_linear_class_on_both_sides_of_each_threshold(d: float, progress: float, klass: str, falling: bool) -> None:
    if falling:  # the mirror image: 90 -> 90 - d towards 10
        x0, goal, xt, projected = 90.0, 10, 90.0 - d, 90.0 - 8 * d
    else:
        x0, goal, xt, projected = 10.0, 90, 10.0 + d, 10.0 + 8 * d
    p = assess(ind("decrease" if falling else "increase", goal), {2022: x0, 2023: xt}, method="linear")
    assert (p.klass, p.method) == (klass, "linear")
    assert p.r == pytest.approx(progress, abs=1e-12)
    assert p.projected_2030 == pytest.approx(projected)
    assert p.observed_per_year == pytest.approx(-d if falling else d)
    if progress in (0.95, 0.10):
        assert p.r == progress  # exact on the boundary


def test_linear_over_several_years_and_the_worked_example() -> None:
    # README: 66.7 -> 67.7, 67.7 + 7 * 1.0 = 74.7, (74.7 - 66.7) / (80 - 66.7) = 60% -> some progress
    p = assess(ind(), {2022: 66.7, 2023: 67.7}, method="linear")
    assert p.klass == "some_progress" and p.projected_2030 == pytest.approx(74.7) and p.r == pytest.approx(8 / 13.3)
    # 3 years of +2 points: 2 a year, 2030 at 66 + 14 = 80 -> covers (80 - 60) / (80 - 60) = 100%
    q = assess(ind(), {2020: 60.0, 2021: 61.0, 2023: 66.0}, method="linear")
    assert q.observed_per_year == pytest.approx(2.0) and q.projected_2030 == pytest.approx(80.0)
    assert q.klass == "on_track" and q.r == pytest.approx(1.0)


def test_linear_projection_is_clamped_to_shares_and_non_negative_counts() -> None:
    up = assess(ind(goal=100), {2022: 80.0, 2023: 95.0}, method="linear")
    assert up.projected_2030 == 100.0
    down = assess(ind("decrease", 1), {2022: 40.0, 2023: 30.0}, method="linear")
    assert down.projected_2030 == 0.0 and down.klass == "on_track"
    count = assess(ind("decrease", 100, unit="people"), {2022: 4000.0, 2023: 3000.0}, method="linear")
    assert count.projected_2030 == 0.0
    big = assess(ind(goal=50000, unit="people"), {2022: 10000.0, 2023: 20000.0}, method="linear")
    assert big.projected_2030 == 90000.0  # counts are not capped at 100


def test_cagr_projection_is_clamped_to_shares() -> None:
    # 50 -> 80 in a year: +60% a year, 80 * 1.6^7 is far above 100%
    p = assess(ind(goal=99), {2022: 50.0, 2023: 80.0})
    assert p.projected_2030 == 100.0
    count = assess(ind(goal=50000, unit="people"), {2022: 10000.0, 2023: 20000.0})
    assert count.projected_2030 == pytest.approx(20000.0 * 2.0**7)


def test_latest_year_at_the_horizon_needs_no_more_change_per_year() -> None:
    p = assess(ind(), {2022: 60.0, 2030: 70.0})
    assert p.required_per_year is None and p.required_growth is None
    assert p.cagr_observed == pytest.approx((70 / 60) ** (1 / 8) - 1)
    assert p.projected_2030 == pytest.approx(70.0)
    assert assess(ind(), {2022: 60.0, 2030: 70.0}, method="linear").projected_2030 == pytest.approx(70.0)


def test_baseline_met_the_goal_but_the_latest_does_not() -> None:
    # keep 100: 100 in 2022, 98 in 2023. CAGR_req = 0, CAGR_obs = -2%: at that pace 98 * 0.98^7 in 2030
    cagr = assess(ind("keep", 100), {2022: 100.0, 2023: 98.0})
    assert (cagr.method, cagr.klass, cagr.r) == ("cagr", "moving_away", None)
    assert cagr.reason == "reached the goal in 2022 and has fallen back since"
    assert cagr.cagr_required == 0.0 and cagr.cagr_observed == pytest.approx(-0.02)
    assert cagr.projected_2030 == pytest.approx(98.0 * 0.98**7)
    assert (cagr.baseline_year, cagr.baseline, cagr.latest_year, cagr.latest, cagr.goal) == (2022, 100, 2023, 98, 100)
    assert cagr.required_per_year == pytest.approx(2 / 7) and cagr.observed_per_year == pytest.approx(-2.0)
    linear = assess(ind("keep", 100), {2022: 100.0, 2023: 98.0}, method="linear")
    assert (linear.method, linear.klass, linear.r, linear.covered) == ("linear", "stagnating", None, 0.0)  # empty bar
    assert linear.reason == "reached the goal in 2022 and has fallen back since"
    assert linear.projected_2030 == pytest.approx(98.0 - 2 * 7)
    assert (linear.baseline_year, linear.baseline, linear.latest, linear.goal) == (2022, 100, 98, 100)
    assert linear.observed_per_year == pytest.approx(-2.0)


@pytest.mark.parametrize(
    ("direction", "goal", "x0", "xt", "bound"),
    [
        ("increase", [50, 55], 40.0, 60.0, 55.0),  # past the range: the bound passed
        ("increase", [50, 55], 40.0, 53.0, 50.0),
        ("decrease", [50, 55], 65.0, 45.0, 50.0),
        ("decrease", [50, 55], 65.0, 53.0, 55.0),
    ],
)
def test_the_goal_of_an_achieved_range_is_the_bound_reached(
    direction: str, goal: object, x0: float, xt: float, bound: float
) -> None:
    p = assess(ind(direction, goal), {2022: x0, 2023: xt})
    assert (p.klass, p.goal) == ("achieved", bound)


def test_small_values_and_the_last_year_before_the_horizon() -> None:
    # Shares below 1% are ordinary values: 0.5% -> 0.8% towards 2% (CAGR_obs 60%, CAGR_req 2^(1/4) - 1 in 8 years)
    small = assess(ind(goal=2), {2022: 0.5, 2023: 0.8})
    assert small.klass == "on_track" and small.r == pytest.approx(0.6 / (4 ** (1 / 8) - 1))
    assert small.required_growth == pytest.approx((2 / 0.8) ** (1 / 7) - 1)
    falling = assess(ind("decrease", 0.5), {2022: 2.0, 2023: 1.5})
    assert falling.required_growth == pytest.approx((0.5 / 1.5) ** (1 / 7) - 1)
    # 2029: one year left, so the change still needed is all of it
    last = assess(ind(goal=80), {2022: 60.0, 2029: 70.0})
    assert last.required_per_year == pytest.approx(10.0) and last.required_growth == pytest.approx(80 / 70 - 1)


@pytest.mark.parametrize("method", ["cagr", "linear"])
def test_falling_away_from_a_goal_the_baseline_had_passed_is_moving_away(method: str) -> None:
    # A rising indicator at 85% in 2022 (goal 80%), 70% in 2023: it left the goal behind and keeps falling.
    p = assess(ind("increase", 80), {2022: 85.0, 2023: 70.0}, method=method)
    assert p.klass in ("moving_away", "stagnating")


@pytest.mark.parametrize("method", ["cagr", "linear"])
@pytest.mark.parametrize(
    ("direction", "goal", "x0", "xt"),
    [
        ("increase", 80, 60.0, 70.0),
        ("increase", 80, 85.0, 70.0),
        ("decrease", 45, 44.0, 50.0),
        ("keep", 90, 95.0, 80.0),
    ],
)
def test_the_share_covered_stays_within_0_and_1(direction: str, goal: float, x0: float, xt: float, method: str) -> None:
    p = assess(ind(direction, goal), {2022: x0, 2023: xt}, method=method)
    assert p.covered is not None and 0.0 <= p.covered <= 1.0


# Both rates move the same way exactly when the indicator moves towards its goal: R's sign is the sign
# of (x_t - x_0) * (goal - x_0), for rising and falling indicators alike.
shares = st.floats(min_value=1.0, max_value=99.0, allow_nan=False)


@given(shares, shares, shares, st.integers(2015, 2022), st.integers(1, 8))
def test_r_has_the_sign_of_progress_in_the_right_direction(x0: float, xt: float, goal: float, t0: int, n: int) -> None:
    t = min(t0 + n, 2029)
    assume(abs(goal - x0) > 0.01 and abs(xt - x0) > 1e-6)
    direction = "increase" if goal > x0 else "decrease"
    assume((xt < goal) if direction == "increase" else (xt > goal))  # not achieved
    p = assess(ind(direction, goal), {t0: x0, t: xt})
    towards = (xt - x0) * (goal - x0) > 0
    assert p.r is not None and (p.r > 0) == towards
    assert p.klass == readme_class(p.r)
    expected_r = ((xt / x0) ** (1 / (t - t0)) - 1) / cagr_required(x0, goal, t0)
    assert p.r == pytest.approx(expected_r, rel=1e-9)
    lin = assess(ind(direction, goal), {t0: x0, t: xt}, method="linear")
    assert lin.r is not None and (lin.r > 0) == towards
    covered = (xt - x0) / (goal - x0)
    assert lin.covered == pytest.approx(max(0.0, min(1.0, covered)))
    assert math.isfinite(lin.r)
