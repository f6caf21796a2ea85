"""Semantic checks of the plan (README 'hrplan validate'): unique ids, unit and source references, task
hierarchy, each problem at the YAML line and column it names. The ids are deliberately not the first key
of their mappings, so that a problem pointing at the mapping instead of the id shows up."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrplan.core.problems import Severity
from hrplan.plan.checks import check_plan
from hrplan.plan.load import PlanLoad, load_plan

TARGETS = """\
plan: {id: "01/KH-TEST", title: "Thử", province: "Tỉnh Thử", issued: 2024-01-02, year: 2024}
sources:
  KH: {name: "Kế hoạch"}
groups:
  A: {name: "Giáo dục"}
indicators:
  - group: A
    id: A1
    name: "a"
    name_en: "a"
    unit: percent
    direction: increase
    targets:
      2024: {KH: 50}
    lead: [so_ld]
    ref: "r"
"""

TASKS = """\
plan: "01/KH-TEST"
units:
  - name: "Sở Lao động"
    id: so_ld
    name_en: "Labour"
    kind: department
    aliases: ["Sở LĐ-TBXH"]
tasks:
  - title: "Một"
    id: "1"
    lead: [so_ld]
"""

INDICATOR_A2 = """\
  - group: A
    id: A2
    name: "b"
    name_en: "b"
    unit: percent
    direction: increase
    lead: [so_ld]
    ref: "r"
"""


def loaded(tmp_path: Path, targets: str = TARGETS, tasks: str = TASKS) -> PlanLoad:
    (tmp_path / "targets.yaml").write_text(targets, encoding="utf-8")
    (tmp_path / "tasks.yaml").write_text(tasks, encoding="utf-8")
    load = load_plan(tmp_path / "targets.yaml", tmp_path / "tasks.yaml")
    assert load.problems == [] and load.plan is not None
    return load


def found(tmp_path: Path, targets: str = TARGETS, tasks: str = TASKS) -> list[tuple[str, int | None, int | None, str]]:
    problems = check_plan(loaded(tmp_path, targets, tasks))
    assert all(p.severity is Severity.ERROR for p in problems)
    return [(Path(p.path).name, p.line, p.column, f"{p.code}: {p.message}") for p in problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[nth - 1]


def test_the_base_plan_is_valid(tmp_path: Path) -> None:
    assert found(tmp_path) == []


def test_check_plan_without_a_schema_valid_plan_is_empty(tmp_path: Path) -> None:
    load = loaded(tmp_path)
    assert check_plan(PlanLoad(None, load.targets, load.tasks)) == []


def test_duplicate_indicator_id_names_the_line_of_the_first(tmp_path: Path) -> None:
    targets = TARGETS + INDICATOR_A2.replace("A2", "A1")
    first, second = line_of(targets, "id: A1", 1), line_of(targets, "id: A1", 2)
    assert found(tmp_path, targets) == [
        ("targets.yaml", second, 9, f"duplicate-id: indicator id 'A1' is used twice (first at line {first})")
    ]


def test_duplicate_task_id_names_the_line_of_the_first(tmp_path: Path) -> None:
    tasks = TASKS + '  - title: "Hai"\n    id: "1"\n'
    first, second = line_of(tasks, 'id: "1"', 1), line_of(tasks, 'id: "1"', 2)
    assert found(tmp_path, tasks=tasks) == [
        ("tasks.yaml", second, 9, f"duplicate-id: task id '1' is used twice (first at line {first})")
    ]


def test_duplicate_unit_id_names_the_first_unit(tmp_path: Path) -> None:
    tasks = TASKS.replace(
        "tasks:\n", '  - name: "Sở Khác"\n    id: so_ld\n    name_en: "Other"\n    kind: department\ntasks:\n'
    )
    assert found(tmp_path, tasks=tasks) == [
        ("tasks.yaml", line_of(tasks, "id: so_ld", 2), 9, "duplicate-id: unit id 'so_ld' is used twice (unit #1)")
    ]


def test_alias_clash_by_name_or_alias_case_insensitive(tmp_path: Path) -> None:
    other = (
        '  - name: "sở lđ-tbxh"\n    id: so_gd\n    name_en: "Education"\n    kind: department\n'
        '    aliases: ["Sở GD", "SỞ LAO ĐỘNG", "Sở GD"]\n'
    )
    tasks = TASKS.replace("tasks:\n", other + "tasks:\n")
    ignored = "(case and accents are ignored when units are looked up)"
    name, alias = line_of(tasks, 'name: "sở lđ-tbxh"'), line_of(tasks, '"SỞ LAO ĐỘNG"')
    assert found(tmp_path, tasks=tasks) == [
        (
            "tasks.yaml",
            name,
            11,
            f"alias-clash: 'sở lđ-tbxh' names both 'so_ld' and 'so_gd' {ignored}",
        ),
        (
            "tasks.yaml",
            alias,
            24,
            f"alias-clash: 'SỞ LAO ĐỘNG' names both 'so_ld' and 'so_gd' {ignored}",
        ),
    ]


def test_a_unit_may_repeat_its_own_name_as_an_alias(tmp_path: Path) -> None:
    tasks = TASKS.replace('aliases: ["Sở LĐ-TBXH"]', 'aliases: ["Sở LĐ-TBXH", "sở lao động", "Sở LĐ-TBXH"]')
    assert found(tmp_path, tasks=tasks) == []


def test_unknown_group_unit_and_source_of_an_indicator(tmp_path: Path) -> None:
    targets = (
        TARGETS.replace("  - group: A\n    id: A1", "  - group: Z\n    id: A1")
        .replace("lead: [so_ld]", "lead: [so_ld, so_xx]\n    partners: [so_yy]")
        .replace("2024: {KH: 50}", "2024: {KH: 50, DA: 48}")
    )
    hint = f"add it to the units of {tmp_path / 'tasks.yaml'} or use one of its ids"
    assert found(tmp_path, targets) == [
        ("targets.yaml", 7, 12, "unknown-group: group 'Z' is not among the groups ['A']"),
        ("targets.yaml", 15, 19, f"unknown-unit: unknown unit 'so_xx': {hint}"),
        ("targets.yaml", 16, 16, f"unknown-unit: unknown unit 'so_yy': {hint}"),
        ("targets.yaml", 14, 22, "unknown-source: target source 'DA' is not declared under sources: ['KH']"),
    ]


def test_unknown_unit_and_indicator_of_a_task(tmp_path: Path) -> None:
    tasks = TASKS.replace(
        "    lead: [so_ld]\n", "    lead: [so_ld, so_xx]\n    partners: [so_yy]\n    indicators: [A1, B9]\n"
    )
    hint = f"add it to the units of {tmp_path / 'tasks.yaml'} or use one of its ids"
    assert found(tmp_path, tasks=tasks) == [
        ("tasks.yaml", 11, 19, f"unknown-unit: unknown unit 'so_xx': {hint}"),
        ("tasks.yaml", 12, 16, f"unknown-unit: unknown unit 'so_yy': {hint}"),
        ("tasks.yaml", 13, 22, "unknown-indicator: task 1 links unknown indicator 'B9'"),
    ]


def test_section_iii_names_known_units_and_tasks(tmp_path: Path) -> None:
    tasks = TASKS + (
        "section_iii:\n"
        "  - leads: ['1', '2']\n    unit: so_ld\n    except: ['1', '3']\n"
        "  - leads: ['1']\n    unit: so_zz\n"
    )
    hint = f"add it to the units of {tmp_path / 'tasks.yaml'} or use one of its ids"
    assert found(tmp_path, tasks=tasks) == [
        ("tasks.yaml", 13, 18, "unknown-task: section III names task '2', which is not among the tasks"),
        ("tasks.yaml", 15, 19, "unknown-task: section III names task '3', which is not among the tasks"),
        ("tasks.yaml", 17, 11, f"unknown-unit: unknown unit 'so_zz': {hint}"),
    ]


@pytest.mark.parametrize(
    ("ids", "bad"),
    [
        (["1", "1.1", "1.1.a", "2", "2.10"], []),
        (["1", "1.1.a"], [("1.1.a", "1.1")]),
        (["1.1", "1"], [("1.1", "1")]),
        (["1", "2.1", "2"], [("2.1", "2")]),
    ],
)
def test_task_hierarchy(tmp_path: Path, ids: list[str], bad: list[tuple[str, str]]) -> None:
    tasks = TASKS.split("tasks:\n")[0] + "tasks:\n" + "".join(f'  - title: "t"\n    id: "{i}"\n' for i in ids)
    expected = [
        (
            "tasks.yaml",
            line_of(tasks, f'id: "{task}"'),
            9,
            f"task-hierarchy: task {task} comes before (or without) its parent {parent}: add task {parent} above it",
        )
        for task, parent in bad
    ]
    assert found(tmp_path, tasks=tasks) == expected


def test_problems_come_in_the_order_of_the_checks(tmp_path: Path) -> None:
    targets = (TARGETS + INDICATOR_A2.replace("A2", "A1")).replace("2024: {KH: 50}", "2024: {KH: 150}")
    tasks = TASKS + '  - title: "Hai"\n    id: "2.1"\n    lead: [so_qq]\n'
    codes = [p.code for p in check_plan(loaded(tmp_path, targets, tasks))]
    assert codes == ["duplicate-id", "unknown-unit", "task-hierarchy", "percent-range"]
