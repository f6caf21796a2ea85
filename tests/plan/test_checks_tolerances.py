"""Semantic checks of the plan (README 'hrplan validate'): the structure sum B5 + B6 + B7 = 100 (± 0.05),
percentages within 0-100, range goals, and yearly targets against the 2030 goal and the previous result,
each tolerance and bound from both sides. Small plans are written to a temporary folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from hrplan.cli import app
from hrplan.core.problems import Severity
from hrplan.plan.checks import check_plan
from hrplan.plan.issues import path_issues, sum_issues
from hrplan.plan.load import load_plan
from hrplan.plan.model import Plan, parent_id

TASKS = """plan: "01/KH-TEST"
units:
  - {id: so_ld, name: "Sở Lao động - Thương binh và Xã hội", name_en: "Labour", kind: department}
tasks:
  - {id: "1", title: "Đào tạo nghề", lead: [so_ld]}
"""


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def indicator(
    id: str,
    *,
    unit: str = "percent",
    direction: str = "increase",
    goal: object = None,
    targets: dict[int, dict[str, object]] | None = None,
    published: dict[int, float] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": id,
        "group": id[0],
        "name": f"Chỉ tiêu {id}",
        "name_en": f"Indicator {id}",
        "unit": unit,
        "direction": direction,
    }
    if goal is not None:
        body["goal_2030"] = goal
    body["targets"] = targets or {}
    body["lead"] = ["so_ld"]
    body["ref"] = f"Test {id}"
    if published is not None:
        body["published"] = {"year": max(published), "results": published}
    return body


def targets_file(indicators: list[dict[str, Any]], constraints: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "plan": {"id": "01/KH-TEST", "title": "Thử", "province": "Tỉnh Thử", "issued": "2024-01-02", "year": 2024},
        "sources": {"DA": {"name": "Đề án"}, "KH": {"name": "Kế hoạch"}},
        "groups": {"A": {"name": "Giáo dục"}, "B": {"name": "Lao động"}, "D": {"name": "Việc làm"}},
        "constraints": constraints or [],
        "indicators": indicators,
    }


def write_plan(folder: Path, targets: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "targets.yaml"
    path.write_text(yaml.dump(targets, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "tasks.yaml").write_text(TASKS, encoding="utf-8")
    return path


def plan_of(folder: Path, targets: dict[str, Any]) -> Plan:
    path = write_plan(folder, targets)
    load = load_plan(path, folder / "tasks.yaml")
    assert load.problems == [] and load.plan is not None
    return load.plan


def problems(folder: Path, targets: dict[str, Any]) -> list[tuple[str, str, str]]:
    path = write_plan(folder, targets)
    load = load_plan(path, folder / "tasks.yaml")
    assert load.problems == []
    return [(p.severity.value, p.code, p.message) for p in check_plan(load)]


LABOUR = {"name": "Cơ cấu lao động", "ids": ["B5", "B6", "B7"], "total": 100}


def labour(b5: float, b6: float, b7: float, **constraint: Any) -> dict[str, Any]:
    """The labour structure with KH 2024 targets b5, b6, b7 (goals and results that add up to 100)."""
    return targets_file(
        [
            indicator("B5", direction="decrease", goal=40, targets={2024: {"KH": b5}}, published={2023: 55.9}),
            indicator("B6", goal=28, targets={2024: {"KH": b6}}, published={2023: 20.1}),
            indicator("B7", goal=32, targets={2024: {"KH": b7}}, published={2023: 24.0}),
        ],
        [{**LABOUR, **constraint}],
    )


@pytest.mark.parametrize(
    ("b7", "total", "passes"),
    [
        (25.0, "100.00", True),
        (25.05, "100.05", True),
        (25.06, "100.06", False),
        (24.95, "99.95", True),
        (24.94, "99.94", False),
    ],
)
def test_structure_sum_tolerance_is_005_on_both_sides(tmp_path: Path, b7: float, total: str, passes: bool) -> None:
    # 50 + 25 + b7: within 100 ± 0.05 the plan is valid; 0.06 away it is an error naming the sum
    found = problems(tmp_path, labour(50, 25, b7))
    if passes:
        assert found == []
    else:
        assert found == [
            (
                "error",
                "structure-sum",
                f"B5+B6+B7 for KH 2024: 50 + 25 + {b7:g} = {total}, not 100 (± 0.05): correct a value, "
                "or list the deviation under constraints[0].accepted with a note",
            )
        ]


def test_structure_sum_of_exactly_100_05_passes_whatever_the_shares(tmp_path: Path) -> None:
    assert problems(tmp_path, labour(52.7, 20.1, 27.25)) == []


def test_structure_sum_error_points_at_the_first_member_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_plan(tmp_path, labour(50, 25, 25.06))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "targets.yaml", "tasks.yaml"])
    assert result.exit_code == 1
    first_target = next(
        n for n, line in enumerate(Path("targets.yaml").read_text().splitlines(), 1) if "KH: 50" in line
    )
    assert result.output.startswith(f"targets.yaml:{first_target}:")
    assert "100.06, not 100 (± 0.05)" in result.output
    assert result.output.endswith("1 error(s), 0 warning(s)\n")


@pytest.mark.parametrize(("b7", "passes"), [(25.5, True), (25.6, False), (24.5, True), (24.4, False)])
def test_a_constraint_names_its_own_tolerance(tmp_path: Path, b7: float, passes: bool) -> None:
    found = problems(tmp_path, labour(50, 25, b7, tolerance=0.5))
    assert (found == []) is passes
    if not passes:
        assert "(± 0.5)" in found[0][2]


def test_goals_and_published_results_are_summed_too(tmp_path: Path) -> None:
    plan = targets_file(
        [
            indicator("B5", direction="decrease", goal=45, published={2022: 55, 2023: 52.7}),
            indicator("B6", goal=23, published={2022: 18.0, 2023: 20.1}),
            indicator("B7", goal=32.06, published={2022: 26.9, 2023: 27.2}),
        ],
        [LABOUR],
    )
    assert problems(tmp_path, plan) == [
        ("error", "structure-sum", "B5+B6+B7 for goal 2030: 45 + 23 + 32.06 = 100.06, not 100 (± 0.05): correct a "
         "value, or list the deviation under constraints[0].accepted with a note"),
        ("error", "structure-sum", "B5+B6+B7 for published 2022: 55 + 18 + 26.9 = 99.90, not 100 (± 0.05): correct a "
         "value, or list the deviation under constraints[0].accepted with a note"),
    ]  # fmt: skip


def test_range_goals_are_summed_by_their_low_bound(tmp_path: Path) -> None:
    plan = targets_file(
        [indicator("B5", direction="decrease", goal=[40, 45]), indicator("B6", goal=25), indicator("B7", goal=35)],
        [LABOUR],
    )
    assert problems(tmp_path, plan) == []


def test_an_accepted_deviation_is_information_not_an_error(tmp_path: Path) -> None:
    accepted = [{"year": 2024, "source": "KH", "note": "as printed"}]
    found = problems(tmp_path, labour(50, 25, 24.8, accepted=accepted))
    assert found == [
        ("info", "structure-sum", "B5+B6+B7 for KH 2024: 50 + 25 + 24.8 = 99.80, not 100 (accepted as published)")
    ]
    issue = next(sum_issues(plan_of(tmp_path / "p", labour(50, 25, 24.1234567, accepted=accepted))))
    assert (issue.id, issue.expected, issue.found, issue.severity) == ("B5+B6+B7", 100, 99.123457, Severity.INFO)
    assert issue.loc == ("indicators", 0, "targets", 2024, "KH")
    other_year = [{"year": 2023, "source": "KH", "note": "as printed"}]
    found = problems(tmp_path / "q", labour(50, 25, 24.8, accepted=other_year))
    # the 2024 deviation is not accepted, and the 2023 entry accepts nothing: it cannot rot silently either
    assert sorted((p[0], p[1]) for p in found) == [("error", "accepted-unmatched"), ("error", "structure-sum")]


def test_a_sum_is_checked_only_where_every_member_has_a_value(tmp_path: Path) -> None:
    plan = targets_file(
        [
            indicator("B5", direction="decrease", targets={2024: {"KH": 50}, 2025: {"KH": 10}, 2026: {"KH": 1}}),
            indicator("B6", targets={2024: {"KH": 25}, 2025: {"KH": 10}}, published={2023: 20}),
            indicator("B7", targets={2024: {"KH": 25}, 2025: {"DA": 10}}, published={2023: 20}),
        ],
        [LABOUR],
    )
    found = problems(tmp_path, plan)  # B6's KH falling 25 → 10 for a rising share is a finding of its own
    assert [p[1] for p in found] == ["target-against-direction"]
    no_published = targets_file(
        [
            indicator("B5", direction="decrease", published={2023: 10}),
            indicator("B6", published={2023: 20}),
            indicator("B7"),
        ],
        [LABOUR],
    )
    assert problems(tmp_path / "p", no_published) == []


def test_sum_issues_name_the_sum_the_values_and_the_place(tmp_path: Path) -> None:
    plan = plan_of(
        tmp_path,
        targets_file(
            [
                indicator("B5", direction="decrease", goal=40, targets={2024: {"KH": 50}}, published={2023: 55}),
                indicator("B6", goal=30, targets={2024: {"KH": 25}}, published={2023: 20}),
                indicator("B7", goal=31, targets={2024: {"KH": 24.1234567}}, published={2023: 24}),
            ],
            [{**LABOUR, "ids": ["B5", "B6", "B7"]}],
        ),
    )
    assert [(i.code, i.id, i.loc, i.expected, i.found, i.severity) for i in sum_issues(plan)] == [
        ("structure-sum", "B5+B6+B7", ("indicators", 0, "goal_2030"), 100, 101.0, Severity.ERROR),
        ("structure-sum", "B5+B6+B7", ("indicators", 0, "targets", 2024, "KH"), 100, 99.123457, Severity.ERROR),
        ("structure-sum", "B5+B6+B7", ("indicators", 0, "published", "results", 2023), 100, 99.0, Severity.ERROR),
    ]


def test_every_constraint_is_checked_after_an_unknown_indicator(tmp_path: Path) -> None:
    plan = plan_of(
        tmp_path,
        targets_file(
            [indicator("B5", goal=45), indicator("B6", goal=50)],
            [
                {"name": "x", "ids": ["B5", "B9", "B8"], "total": 100},
                {"name": "y", "ids": ["B5", "B6"], "total": 100},
            ],
        ),
    )
    unknown = "unknown indicator(s) ['B9', 'B8']"
    assert [(i.code, i.id, i.loc, i.message, i.severity) for i in sum_issues(plan)] == [
        ("unknown-indicator", "B5+B9+B8", ("constraints", 0, "ids"), unknown, Severity.ERROR),
        ("structure-sum", "B5+B6", ("indicators", 0, "goal_2030"),
         "B5+B6 for goal 2030: 45 + 50 = 95.00, not 100 (± 0.05): correct a value, or list the deviation under "
         "constraints[1].accepted with a note", Severity.ERROR),
    ]  # fmt: skip


def test_a_constraint_on_an_unknown_indicator_is_an_error(tmp_path: Path) -> None:
    plan = targets_file([indicator("B5", goal=45), indicator("B6", goal=55)], [{**LABOUR, "ids": ["B5", "B6", "B9"]}])
    assert problems(tmp_path, plan) == [("error", "unknown-indicator", "unknown indicator(s) ['B9']")]


# Percentages within 0-100, wherever the plan holds one: goal, yearly target, published result.
@pytest.mark.parametrize(("value", "ok"), [(100, True), (100.01, False), (0, True), (-0.01, False), (50, True)])
@pytest.mark.parametrize("where", ["goal", "target", "published"])
def test_percentages_in_the_plan_stay_within_0_and_100(tmp_path: Path, value: float, ok: bool, where: str) -> None:
    kw: dict[str, Any] = {"goal": 50}
    if where == "goal":
        kw["goal"] = value
        kw["direction"] = "keep"  # no target-path warnings
    elif where == "target":
        kw["targets"] = {2024: {"KH": value}}
        kw["direction"] = "keep"
    else:
        kw["published"] = {2023: value}
    found = problems(tmp_path, targets_file([indicator("A1", **kw)]))
    assert found == ([] if ok else [("error", "percent-range", f"A1: {value:g}% is outside 0–100")])


def test_a_goal_outside_0_100_is_reported_once(tmp_path: Path) -> None:
    found = problems(tmp_path, targets_file([indicator("A1", direction="keep", goal=180)]))
    assert found == [("error", "percent-range", "A1: 180% is outside 0–100")]


def test_each_bound_of_a_range_goal_is_checked(tmp_path: Path) -> None:
    found = problems(tmp_path, targets_file([indicator("A1", direction="keep", goal=[-5, 105])]))
    assert found == [
        ("error", "percent-range", "A1: -5% is outside 0–100"),
        ("error", "percent-range", "A1: 105% is outside 0–100"),
    ]


def test_range_problems_point_at_the_value(tmp_path: Path) -> None:
    ind = indicator("A1", direction="keep", goal=[-1, 50], targets={2024: {"KH": 101}}, published={2023: 102})
    ind = {"ref": ind.pop("ref"), **ind}  # the indicator's first line is not its goal's
    path = write_plan(tmp_path, targets_file([ind]))
    text = path.read_text(encoding="utf-8").splitlines()
    load = load_plan(path, tmp_path / "tasks.yaml")
    found = [(p.line, p.message) for p in check_plan(load)]
    goal = next(n for n, line in enumerate(text, 1) if line.strip() == "goal_2030:")
    target = next(n for n, line in enumerate(text, 1) if line.strip() == "KH: 101")
    result = next(n for n, line in enumerate(text, 1) if line.strip() == "2023: 102")
    assert found == [
        (goal + 1, "A1: -1% is outside 0–100"),
        (target, "A1: 101% is outside 0–100"),
        (result, "A1: 102% is outside 0–100"),
    ]
    high = {"ref": "r", **indicator("A2", direction="keep", goal=[50, 103])}
    path = write_plan(tmp_path / "high", targets_file([high]))
    text = path.read_text(encoding="utf-8").splitlines()
    goal = next(n for n, line in enumerate(text, 1) if line.strip() == "goal_2030:")
    found = [(p.line, p.message) for p in check_plan(load_plan(path, tmp_path / "high" / "tasks.yaml"))]
    assert found == [(goal + 1, "A2: 103% is outside 0–100")]  # a range is located at its first value


@pytest.mark.parametrize(("value", "ok"), [(0, True), (-1, False), (150, True), (12000, True)])
def test_a_count_of_people_is_never_negative_but_has_no_upper_bound(tmp_path: Path, value: float, ok: bool) -> None:
    found = problems(tmp_path, targets_file([indicator("D1", unit="people", direction="keep", goal=[value, 20000])]))
    assert found == (
        [] if ok else [("error", "negative-count", f"D1: a count of people cannot be negative ({value:g})")]
    )


@pytest.mark.parametrize(("goal", "ok"), [([50, 55], True), ([50, 50], True), ([55, 50], False)])
def test_range_goal_order(tmp_path: Path, goal: list[float], ok: bool) -> None:
    found = problems(tmp_path, targets_file([indicator("B1", goal=goal)]))
    expected = [("error", "range-order", "range goal 55–50: the low bound is above the high bound")]
    assert found == ([] if ok else expected)


@pytest.mark.parametrize(
    ("direction", "goal", "target", "warns"),
    [
        ("increase", 80, 80, False),
        ("increase", 80, 80.01, True),
        ("increase", 80, 60, False),
        ("decrease", 45, 45, False),
        ("decrease", 45, 44.99, True),
        ("decrease", 45, 60, False),
        ("increase", [50, 55], 55, False),
        ("increase", [50, 55], 55.01, True),
        ("decrease", [50, 55], 50, False),
        ("decrease", [50, 55], 49.99, True),
        ("keep", 80, 90, False),
    ],
)
def test_target_beyond_the_2030_goal(tmp_path: Path, direction: str, goal: object, target: float, warns: bool) -> None:
    plan = plan_of(
        tmp_path, targets_file([indicator("A1", direction=direction, goal=goal, targets={2024: {"KH": target}})])
    )
    issues = [(i.code, i.id, i.loc, i.message, i.expected, i.found, i.severity) for i in path_issues(plan)]
    if not warns:
        assert issues == []
        return
    up = direction == "increase"
    shown = "50–55" if isinstance(goal, list) else f"{goal:g}"
    bound = (goal[1] if up else goal[0]) if isinstance(goal, list) else goal
    assert issues == [
        (
            "target-beyond-goal",
            "A1",
            ("indicators", 0, "targets", 2024, "KH"),
            f"A1: KH 2024 target {target:g} is beyond the 2030 goal {shown} for an indicator that should {direction}",
            f"{'<=' if up else '>='} {bound:g}",
            target,
            Severity.WARNING,
        )
    ]


@pytest.mark.parametrize(
    ("direction", "target", "warns"),
    [
        ("increase", 60, False),
        ("increase", 59.99, True),
        ("increase", 61, False),
        ("decrease", 60, False),
        ("decrease", 60.01, True),
        ("decrease", 59, False),
        ("keep", 10, False),
    ],
)
def test_target_behind_the_previous_result(tmp_path: Path, direction: str, target: float, warns: bool) -> None:
    ind = indicator("A1", direction=direction, targets={2024: {"KH": target}, 2026: {"KH": 0}}, published={2023: 60})
    ind["targets"][2026] = {"KH": 100 if direction == "increase" else 0}  # no result for 2025: never compared
    issues = [(i.code, i.message, i.expected, i.found) for i in path_issues(plan_of(tmp_path, targets_file([ind])))]
    if not warns:
        assert issues == []
        return
    up = direction == "increase"
    assert issues == [
        (
            "target-behind-result",
            f"A1: KH 2024 target {target:g} is {'below' if up else 'above'} the 2023 result 60 for an indicator "
            f"that should {direction}",
            f"{'>=' if up else '<='} 60",
            target,
        )
    ]


def test_validate_reports_path_issues_as_warnings_at_the_target(tmp_path: Path) -> None:
    found = problems(tmp_path, targets_file([indicator("A1", goal=80, targets={2024: {"KH": 81}})]))
    assert found == [
        (
            "warning",
            "target-beyond-goal",
            "A1: KH 2024 target 81 is beyond the 2030 goal 80 for an indicator that should increase",
        )
    ]


@pytest.mark.parametrize(("task", "parent"), [("4.10", "4"), ("3.1.a", "3.1"), ("4", None), ("10.2.3", "10.2")])
def test_parent_id(task: str, parent: str | None) -> None:
    assert parent_id(task) == parent
