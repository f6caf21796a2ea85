"""Semantic checks of a schema-valid plan: references, ranges, structure sums, target paths."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hrplan.core.problems import Problem, Severity
from hrplan.plan.issues import path_issues, sum_issues
from hrplan.plan.load import PlanLoad
from hrplan.plan.model import Plan, goal_bounds, number, parent_id
from hrplan.plan.roles import role_issues
from hrplan.plan.units import UnitIndex
from hrplan.plan.yamlsafe import Loaded


def check_plan(load: PlanLoad) -> list[Problem]:
    """All semantic problems of a loaded plan (empty when the schema already failed)."""
    if load.plan is None:
        return []
    plan, tl, kl = load.plan, load.targets, load.tasks
    return [
        *_ids(plan, tl, kl),
        *_years(plan, tl),
        *_references(plan, tl, kl),
        *_tasks(plan, kl),
        *_quantities(plan, kl),
        *_values(plan, tl),
        *_sums(plan, tl),
        *_rolled(plan, tl),
        *_paths(plan, tl),
        *(
            kl.problem(i.loc, i.code, i.message, i.severity)
            for i in role_issues(plan)
            if i.code == "accepted-unmatched"
        ),
    ]


def _dupes(items: list[str]) -> Iterator[tuple[int, str, int]]:
    first: dict[str, int] = {}
    for i, x in enumerate(items):
        if x in first:
            yield i, x, first[x]
        else:
            first[x] = i


def _ids(plan: Plan, tl: Loaded, kl: Loaded) -> Iterator[Problem]:
    for i, x, j in _dupes([ind.id for ind in plan.targets.indicators]):
        line = tl.where(("indicators", j, "id"))[0]
        yield tl.problem(
            ("indicators", i, "id"), "duplicate-id", f"indicator id '{x}' is used twice (first at line {line})"
        )
    for i, x, j in _dupes([t.id for t in plan.tasks.tasks]):
        line = kl.where(("tasks", j, "id"))[0]
        yield kl.problem(("tasks", i, "id"), "duplicate-id", f"task id '{x}' is used twice (first at line {line})")
    for i, x, j in _dupes([u.id for u in plan.tasks.units]):
        yield kl.problem(("units", i, "id"), "duplicate-id", f"unit id '{x}' is used twice (unit #{j + 1})")
    for c in UnitIndex(plan.tasks.units).clashes:
        loc = ("units", c.unit_index, "name") if c.item is None else ("units", c.unit_index, c.field, c.item)
        yield kl.problem(
            loc,
            "alias-clash",
            f"'{c.name}' names both '{c.other}' and "
            f"'{plan.tasks.units[c.unit_index].id}' (case and accents are ignored when units are looked up)",
        )


def _years(plan: Plan, tl: Loaded) -> Iterator[Problem]:
    """The horizon after the plan's year and its baseline; group ids that case alone tells apart (hrplan matches
    groups whatever their case: `--group a`, a heading row 'a')."""
    info = plan.targets.plan
    if info.horizon < info.year:
        yield tl.problem(("plan", "horizon"), "horizon",
                         f"horizon {info.horizon} is before the plan's year {info.year}")  # fmt: skip
    if info.baseline_year is not None and info.baseline_year >= info.horizon:
        yield tl.problem(("plan", "baseline_year"), "horizon",
                         f"baseline year {info.baseline_year} is not before the horizon {info.horizon}")  # fmt: skip
    seen: dict[str, str] = {}
    for g in plan.targets.groups:
        first = seen.setdefault(g.casefold(), g)
        if first != g:
            message = f"group '{g}' differs from group '{first}' only by case: hrplan matches groups whatever the case"
            yield tl.problem(("groups", g), "duplicate-id", message, key=True)


def _references(plan: Plan, tl: Loaded, kl: Loaded) -> Iterator[Problem]:
    units = {u.id for u in plan.tasks.units}
    hint = f"add it to the units of {kl.path} or use one of its ids"
    groups, sources = set(plan.targets.groups), set(plan.targets.sources)
    ind_ids = {i.id for i in plan.targets.indicators}
    task_ids = {t.id for t in plan.tasks.tasks}
    for i, ind in enumerate(plan.targets.indicators):
        if ind.group not in groups:
            yield tl.problem(
                ("indicators", i, "group"),
                "unknown-group",
                f"group '{ind.group}' is not among the groups {sorted(groups)}",
            )
        for role in ("lead", "partners"):
            for k, u in enumerate(getattr(ind, role)):
                if u not in units:
                    yield tl.problem(("indicators", i, role, k), "unknown-unit", f"unknown unit '{u}': {hint}")
        for year, by_source in ind.targets.items():
            for src in by_source:
                if src not in sources:
                    yield tl.problem(
                        ("indicators", i, "targets", year, src),
                        "unknown-source",
                        f"target source '{src}' is not declared under sources: {sorted(sources)}",
                        key=True,
                    )
    for i, task in enumerate(plan.tasks.tasks):
        for role in ("lead", "partners"):
            for k, u in enumerate(getattr(task, role)):
                if u not in units:
                    yield kl.problem(("tasks", i, role, k), "unknown-unit", f"unknown unit '{u}': {hint}")
        for k, ref in enumerate(task.indicators):
            if ref not in ind_ids:
                yield kl.problem(
                    ("tasks", i, "indicators", k),
                    "unknown-indicator",
                    f"task {task.id} links unknown indicator '{ref}'",
                )
    for i, a in enumerate(plan.tasks.section_iii):
        if a.unit not in units:
            yield kl.problem(("section_iii", i, "unit"), "unknown-unit", f"unknown unit '{a.unit}': {hint}")
        refs: list[tuple[tuple[str | int, ...], str]] = [
            *((("leads", k), ref) for k, ref in enumerate(a.leads)),
            *((("except", k), ref) for k, ref in enumerate(a.except_)),
        ]
        for d, duty in enumerate(a.duties):
            refs += [(("duties", d, "tasks", k), ref) for k, ref in enumerate(duty.tasks)]
            if duty.carried_out_by is not None and duty.carried_out_by not in units:
                loc = ("section_iii", i, "duties", d, "carried_out_by")
                yield kl.problem(loc, "unknown-unit", f"unknown unit '{duty.carried_out_by}': {hint}")
        for where, ref in refs:
            if ref not in task_ids:
                yield kl.problem(
                    ("section_iii", i, *where),
                    "unknown-task",
                    f"section III names task '{ref}', which is not among the tasks",
                )


def _tasks(plan: Plan, kl: Loaded) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, task in enumerate(plan.tasks.tasks):
        parent = parent_id(task.id)
        if parent is not None and parent not in seen:
            yield kl.problem(
                ("tasks", i, "id"),
                "task-hierarchy",
                f"task {task.id} comes before (or without) its parent {parent}: add task {parent} above it",
            )
        seen.add(task.id)


def _printed_forms(v: float) -> list[str]:
    """How a text may print a quantity: 1.200 or 1200, 1,5."""
    if v.is_integer():
        return [f"{int(v):,}".replace(",", "."), str(int(v))]
    return [f"{v:g}".replace(".", ",")]


def printed_about(text: str, v: float) -> bool:
    """Whether the text prints the quantity as approximate: 'khoảng 1.200', 'khoảng 70' (not 'khoảng 700')."""
    forms = "|".join(re.escape(f) for f in _printed_forms(v))
    return re.search(rf"\bkhoảng\s+(?:{forms})(?![.,]?\d)", text, re.IGNORECASE) is not None


def _quantities(plan: Plan, kl: Loaded) -> Iterator[Problem]:
    for i, task in enumerate(plan.tasks.tasks):
        text = " ".join(x for x in (task.title, task.text) if x)
        for k, q in enumerate(task.quantities):
            about = printed_about(text, q.value)
            if about == q.approximate:
                continue
            shown = _printed_forms(q.value)[0]
            message = (
                f"the text prints 'khoảng {shown}' (about): mark the quantity approximate: true"
                if about
                else f"{shown} {q.unit} is marked approximate, the text does not print 'khoảng {shown}'"
            )
            yield kl.problem(
                ("tasks", i, "quantities", k), "approximate-quantity", f"task {task.id}: {message}", Severity.WARNING
            )


def _values(plan: Plan, tl: Loaded) -> Iterator[Problem]:
    for i, ind in enumerate(plan.targets.indicators):
        base = ("indicators", i)
        values: list[tuple[tuple[str | int, ...], float]] = []
        if ind.goal_2030 is not None:
            lo, hi = goal_bounds(ind.goal_2030)
            if lo > hi:
                yield tl.problem(
                    (*base, "goal_2030"),
                    "range-order",
                    f"range goal {lo:g}–{hi:g}: the low bound is above the high bound",
                )
            values += [((*base, "goal_2030"), lo)] + ([((*base, "goal_2030"), hi)] if hi != lo else [])
        for year, by_source in ind.targets.items():
            values += [((*base, "targets", year, s), number(v)) for s, v in by_source.items()]
        if ind.published:
            values += [((*base, "published", "results", y), number(v)) for y, v in ind.published.results.items()]
        for loc, v in values:
            if ind.unit == "percent" and not 0 <= v <= 100:
                yield tl.problem(loc, "percent-range", f"{ind.id}: {v:g}% is outside 0–100")
            elif ind.unit == "people" and v < 0:
                yield tl.problem(loc, "negative-count", f"{ind.id}: a count of people cannot be negative ({v:g})")


def _sums(plan: Plan, tl: Loaded) -> Iterator[Problem]:
    for i in sum_issues(plan):
        yield tl.problem(i.loc, i.code, i.message, i.severity)


def _paths(plan: Plan, tl: Loaded) -> Iterator[Problem]:
    for i in path_issues(plan):
        yield tl.problem(i.loc, i.code, i.message, i.severity)


def _rolled(plan: Plan, tl: Loaded) -> Iterator[Problem]:
    """A plan rolled forward by `hrplan new-year` and not yet filled in: what is left to do, as warnings."""
    info = plan.targets.plan
    if info.rolled_from is None:
        return
    year = info.year
    yield tl.problem(("plan", "rolled_from"), "plan-rolled",
                     f"rolled forward from {info.rolled_from}: write in the {year} plan's id, title and date, fill "
                     f"its {year} targets, then delete rolled_from", Severity.WARNING)  # fmt: skip
    for i, ind in enumerate(plan.targets.indicators):
        for source in ind.targets.get(year - 1, {}):
            if source not in ind.targets.get(year, {}):
                message = f"{ind.id}: no {source} {year} target yet ({year - 1} had one)"
                yield tl.problem(("indicators", i, "targets"), "no-target-yet", message, Severity.WARNING)
