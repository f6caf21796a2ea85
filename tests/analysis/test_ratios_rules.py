"""Direction-aware readings of the comparison columns (README 'hrplan compare'): met at the target itself,
the bound of a range goal from below, inside and above, and the gap that is 0 once the goal is reached."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrplan.analysis.ratios import Ratio, compare_indicator, gap, goal_bound, met, ratio, summarise
from hrplan.plan.model import Noted
from hrplan.results.measured import Measured

from ..plans import indicator as ind


@pytest.mark.parametrize(
    ("direction", "below", "above"),
    [("increase", False, True), ("keep", False, True), ("decrease", True, False)],
)
def test_met_exactly_at_the_target_and_on_either_side(direction: str, below: bool, above: bool) -> None:
    assert met(68.0, 68.0, direction) is True  # the target itself is met, whichever the direction
    assert met(67.99, 68.0, direction) is below
    assert met(68.01, 68.0, direction) is above


@pytest.mark.parametrize("direction", ["increase", "decrease", "keep"])
def test_met_without_an_operand_is_unknown(direction: str) -> None:
    assert met(None, 68.0, direction) is None
    assert met(68.0, None, direction) is None
    assert met(0.0, 0.0, direction) is True  # 0 is a value, not a missing one


RANGE = [50.0, 55.0]


@pytest.mark.parametrize(
    ("result", "rising", "falling"),
    [
        (40.0, (50.0, "low"), (50.0, "low")),  # below the range: rising still has to reach 50, falling passed it
        (49.99, (50.0, "low"), (50.0, "low")),
        (50.0, (50.0, "low"), (55.0, "high")),  # on the low bound: inside
        (52.0, (50.0, "low"), (55.0, "high")),
        (55.0, (50.0, "low"), (55.0, "high")),  # on the high bound: inside
        (55.01, (55.0, "high"), (55.0, "high")),
        (60.0, (55.0, "high"), (55.0, "high")),  # above: rising passed 55, falling still has to reach it
        (None, (50.0, "low"), (55.0, "high")),
    ],
)
def test_goal_bound_of_a_range_from_below_inside_and_above(
    result: float | None, rising: tuple[float, str], falling: tuple[float, str]
) -> None:
    assert goal_bound(RANGE, result, "increase") == rising
    assert goal_bound(RANGE, result, "keep") == rising
    assert goal_bound(RANGE, result, "decrease") == falling


@pytest.mark.parametrize("direction", ["increase", "decrease", "keep"])
@pytest.mark.parametrize("result", [None, 0.0, 79.0, 80.0, 81.0])
def test_goal_bound_of_a_single_value_is_the_value(direction: str, result: float | None) -> None:
    assert goal_bound(80.0, result, direction) == (80.0, "value")
    assert goal_bound(Noted(value=80.0, note="n"), result, direction) == (80.0, "value")
    assert goal_bound([80.0, 80.0], result, direction) == (80.0, "value")


@pytest.mark.parametrize(
    ("result", "goal", "direction", "expected"),
    [
        (79.5, 80.0, "increase", 0.5),
        (80.0, 80.0, "increase", 0.0),
        (80.5, 80.0, "increase", 0.0),
        (45.5, 45.0, "decrease", 0.5),
        (45.0, 45.0, "decrease", 0.0),
        (44.5, 45.0, "decrease", 0.0),
        (99.0, 100.0, "keep", 1.0),
        (100.0, 100.0, "keep", 0.0),
        (40.0, RANGE, "increase", 10.0),  # to the low bound
        (50.0, RANGE, "increase", 0.0),
        (53.0, RANGE, "increase", 0.0),
        (60.0, RANGE, "increase", 0.0),
        (60.0, RANGE, "decrease", 5.0),  # to the high bound
        (55.0, RANGE, "decrease", 0.0),
        (53.0, RANGE, "decrease", 0.0),
        (40.0, RANGE, "decrease", 0.0),
        (9000.0, [9000.0, 12000.0], "increase", 0.0),
        (8200.0, [9000.0, 12000.0], "increase", 800.0),  # people
    ],
)
def test_gap_is_the_distance_still_to_go_and_0_once_reached(
    result: float, goal: object, direction: str, expected: float
) -> None:
    assert gap(result, goal, direction) == pytest.approx(expected)  # type: ignore[arg-type]


def test_gap_without_an_operand_is_unknown() -> None:
    assert gap(None, 80.0, "increase") is None
    assert gap(50.0, None, "increase") is None


@given(st.floats(0, 100), st.floats(0, 100), st.sampled_from(["increase", "decrease", "keep"]))
def test_gap_is_0_exactly_when_the_2030_goal_is_met(result: float, goal: float, direction: str) -> None:
    g = gap(result, goal, direction)
    assert g is not None and g >= 0
    assert (g == 0) == met(result, goal, direction)


def test_ratio_reasons_and_values() -> None:
    assert ratio(50.0, 40.0, "a", "b") == Ratio(125.0)
    assert ratio(0.0, 40.0, "a", "b") == Ratio(0.0)
    assert ratio(None, 40.0, "result for 2023", "DA target for 2023") == Ratio(None, "no result for 2023")
    assert ratio(50.0, None, "result for 2023", "DA target for 2023") == Ratio(None, "no DA target for 2023")
    assert ratio(50.0, 0.0, "a", "2030 goal") == Ratio(None, "2030 goal is 0: division by zero")
    assert ratio(50.0, 1e-308, "a", "b") == Ratio(None, "b is too close to 0 for a meaningful ratio")
    assert ratio(-50.0, 1e-308, "a", "b") == Ratio(None, "b is too close to 0 for a meaningful ratio")


@pytest.mark.parametrize(
    ("direction", "result", "met_2030", "bound", "kind", "ratio_2030", "gap_2030"),
    [
        ("increase", 45.0, False, 50.0, "low", 90.0, 5.0),
        ("increase", 50.0, True, 50.0, "low", 100.0, 0.0),
        ("increase", 60.0, True, 55.0, "high", 60 / 55 * 100, 0.0),
        ("decrease", 60.0, False, 55.0, "high", 60 / 55 * 100, 5.0),
        ("decrease", 55.0, True, 55.0, "high", 100.0, 0.0),
        ("decrease", 45.0, True, 50.0, "low", 90.0, 0.0),
    ],
)
def test_compare_indicator_with_a_range_goal(
    direction: str, result: float, met_2030: bool, bound: float, kind: str, ratio_2030: float, gap_2030: float
) -> None:
    c = compare_indicator(ind(direction=direction, goal_2030=RANGE), 2024, result, None)
    assert (c.met_2030, c.goal_bound, c.goal_bound_kind) == (met_2030, bound, kind)
    assert c.ratio_2030.value == pytest.approx(ratio_2030)
    assert c.gap_2030 == pytest.approx(gap_2030)


def test_compare_indicator_columns_and_reasons() -> None:
    i = ind(goal_2030=80, targets={2024: {"DA": 70, "KH": {"value": 75, "note": "n"}}})
    src = [Measured("A1", 2024, 72.0, "Bát Xát", "kq.xlsx", "KQ", 5, 3)]
    c = compare_indicator(i, 2024, 72.0, 64.0, area="Bát Xát", sources=src)
    assert (c.indicator, c.year, c.area, c.result, c.previous, c.sources) == (i, 2024, "Bát Xát", 72.0, 64.0, src)
    assert c.targets == {"DA": 70.0, "KH": 75.0}
    assert c.ratio_previous == Ratio(112.5)
    assert c.ratio_targets["DA"].value == pytest.approx(72 / 70 * 100)
    assert c.ratio_targets["KH"] == Ratio(96.0)
    assert c.met == {"DA": True, "KH": False} and c.met_all_targets is False
    assert c.ratio_2030 == Ratio(90.0) and c.goal_2030 == 80 and c.gap_2030 == pytest.approx(8.0)
    missing = compare_indicator(i, 2024, None, 64.0)
    assert missing.ratio_previous == Ratio(None, "no result for 2024")
    assert missing.ratio_targets["DA"] == Ratio(None, "no result for 2024")
    assert missing.ratio_2030 == Ratio(None, "no result for 2024")
    assert missing.met == {"DA": None, "KH": None} and missing.met_all_targets is None
    assert missing.met_2030 is None and missing.gap_2030 is None
    first = compare_indicator(i, 2024, 72.0, None)
    assert first.ratio_previous == Ratio(None, "no result for 2023")
    assert compare_indicator(i, 2025, 72.0, None).targets == {}
    assert compare_indicator(i, 2024, 72.0, 0.0).ratio_previous == Ratio(None, "result for 2023 is 0: division by zero")


def test_zero_targets_and_goals_and_no_goal() -> None:
    zero = compare_indicator(ind(direction="decrease", goal_2030=0, targets={2024: {"KH": 0}}), 2024, 3.0, None)
    assert zero.ratio_targets == {"KH": Ratio(None, "KH target for 2024 is 0: division by zero")}
    assert zero.ratio_2030 == Ratio(None, "2030 goal is 0: division by zero")
    assert (zero.met, zero.met_2030, zero.gap_2030) == ({"KH": False}, False, 3.0)
    none = compare_indicator(ind(), 2024, 3.0, None)
    assert (none.goal_bound, none.goal_bound_kind, none.met_2030, none.gap_2030) == (None, None, None, None)
    assert none.ratio_2030 == Ratio(None, "the plan sets no 2030 goal")


def test_summarise_counts_each_reading() -> None:
    i = ind(goal_2030=80, targets={2024: {"DA": 70}})
    no_goal = ind(targets={2024: {"DA": 70}})
    no_target = ind(goal_2030=80)
    rows = [
        compare_indicator(i, 2024, 85.0, None),  # targets met, goal reached
        compare_indicator(i, 2024, 75.0, None),  # targets met, goal not reached
        compare_indicator(i, 2024, 65.0, None),  # neither
        compare_indicator(no_goal, 2024, 71.0, None),  # target met, no goal
        compare_indicator(no_target, 2024, 81.0, None),  # no target, goal reached
        compare_indicator(i, 2024, None, None),  # missing
    ]
    s = summarise(rows, 2024)
    assert (s.year, s.with_targets, s.met_targets, s.with_goal, s.reached_goal, s.missing) == (2024, 4, 3, 4, 2, 1)
    one = summarise([compare_indicator(i, 2023, 85.0, None)], 2023)
    assert (one.year, one.with_targets, one.met_targets, one.with_goal, one.reached_goal, one.missing) == (
        2023,
        0,
        0,
        1,
        1,
        0,
    )
    empty = summarise([], 2024)
    assert (empty.year, empty.with_targets, empty.met_targets, empty.with_goal, empty.reached_goal) == (
        2024,
        0,
        0,
        0,
        0,
    )
    assert empty.missing == 0
