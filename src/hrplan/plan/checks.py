"""Semantic checks of a schema-valid plan: references, ranges, structure sums, target paths."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from hrplan.core.problems import Problem, Severity
from hrplan.plan.load import PlanLoad
from hrplan.plan.model import Indicator, Plan, goal_bounds, number
from hrplan.plan.units import UnitIndex
from hrplan.plan.yamlsafe import Loaded

W = Severity.WARNING


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
        *_values(plan, tl),
        *_sums(plan, tl),
        *_paths(plan, tl),
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
        loc = (
            ("units", c.unit_index, "name")
            if c.alias_index is None
            else ("units", c.unit_index, "aliases", c.alias_index)
        )
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
        for field_name, ids in (("leads", a.leads), ("except", a.except_)):
            for k, ref in enumerate(ids):
                if ref not in task_ids:
                    yield kl.problem(
                        ("section_iii", i, field_name, k),
                        "unknown-task",
                        f"section III names task '{ref}', which is not among the tasks",
                    )


def parent_id(task_id: str) -> str | None:
    """'4.10' -> '4', '3.1.a' -> '3.1', '4' -> None."""
    return task_id.rsplit(".", 1)[0] if "." in task_id else None


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
            values += [((*base, "goal_2030"), lo), ((*base, "goal_2030"), hi)]
        for year, by_source in ind.targets.items():
            values += [((*base, "targets", year, s), number(v)) for s, v in by_source.items()]
        if ind.published:
            values += [((*base, "published", "results", y), number(v)) for y, v in ind.published.results.items()]
        for loc, v in values:
            if ind.unit == "percent" and not 0 <= v <= 100:
                yield tl.problem(loc, "percent-range", f"{ind.id}: {v:g}% is outside 0–100")
            elif ind.unit == "people" and v < 0:
                yield tl.problem(loc, "negative-count", f"{ind.id}: a count of people cannot be negative ({v:g})")


@dataclass(frozen=True)
class Issue:
    """A disagreement inside the plan, with both values: validate turns it into a Problem, audit into a Finding."""

    code: str
    id: str
    loc: tuple[str | int, ...]
    message: str
    expected: float | str | None
    found: float | str | None
    severity: Severity = W


def sum_issues(plan: Plan) -> Iterator[Issue]:
    """Sums such as the labour structure that miss their total (accepted deviations as INFO)."""
    inds = {ind.id: (k, ind) for k, ind in enumerate(plan.targets.indicators)}
    for ci, c in enumerate(plan.targets.constraints):
        members = [inds[x] for x in c.ids if x in inds]
        if len(members) != len(c.ids):
            missing = [x for x in c.ids if x not in inds]
            yield Issue(
                "unknown-indicator",
                "+".join(c.ids),
                ("constraints", ci, "ids"),
                f"unknown indicator(s) {missing}",
                None,
                None,
                Severity.ERROR,
            )
            continue
        accepted = {(a.year, a.source) for a in c.accepted}
        for year, source, vals, loc in _sum_cases(members):
            total = sum(vals)
            if c.holds(total):
                continue
            shown = " + ".join(f"{v:g}" for v in vals)
            what = f"{'+'.join(c.ids)} for {source} {year or '2030'}: {shown} = {total:.2f}, not {c.total:g}"
            if (year, source) in accepted:
                yield Issue(
                    "structure-sum",
                    "+".join(c.ids),
                    loc,
                    f"{what} (accepted as published)",
                    c.total,
                    round(total, 6),
                    Severity.INFO,
                )
            else:
                yield Issue(
                    "structure-sum",
                    "+".join(c.ids),
                    loc,
                    f"{what} (± {c.tolerance:g}): correct a value, or list the deviation "
                    f"under constraints[{ci}].accepted with a note",
                    c.total,
                    round(total, 6),
                    Severity.ERROR,
                )


def _sums(plan: Plan, tl: Loaded) -> Iterator[Problem]:
    for i in sum_issues(plan):
        yield tl.problem(i.loc, i.code, i.message, i.severity)


SumCase = tuple[int | None, str, list[float], tuple[str | int, ...]]


def _sum_cases(members: list[tuple[int, Indicator]]) -> Iterator[SumCase]:
    first_k, first = members[0]
    if all(ind.goal_2030 is not None for _, ind in members):
        goals = [goal_bounds(ind.goal_2030)[0] for _, ind in members if ind.goal_2030 is not None]
        yield None, "goal", goals, ("indicators", first_k, "goal_2030")
    for year, by_source in first.targets.items():
        for src in by_source:
            vals = [ind.targets.get(year, {}).get(src) for _, ind in members]
            if all(v is not None for v in vals):
                yield (
                    year,
                    src,
                    [number(v) for v in vals if v is not None],
                    ("indicators", first_k, "targets", year, src),
                )
    if first.published:
        for year in first.published.results:
            res = [ind.published.results.get(year) if ind.published else None for _, ind in members]
            if all(v is not None for v in res):
                yield (
                    year,
                    "published",
                    [number(v) for v in res if v is not None],
                    ("indicators", first_k, "published", "results", year),
                )


def path_issues(plan: Plan) -> Iterator[Issue]:
    """Yearly targets beyond the 2030 goal, or behind the previous year's result, given the direction."""
    for i, ind in enumerate(plan.targets.indicators):
        if ind.direction == "keep":
            continue
        up = ind.direction == "increase"
        results = {y: number(v) for y, v in ind.published.results.items()} if ind.published else {}
        for year, by_source in sorted(ind.targets.items()):
            for src, raw in by_source.items():
                v, loc = number(raw), ("indicators", i, "targets", year, src)
                if ind.goal_2030 is not None:
                    lo, hi = goal_bounds(ind.goal_2030)
                    if (up and v > hi) or (not up and v < lo):
                        yield Issue(
                            "target-beyond-goal",
                            ind.id,
                            loc,
                            f"{ind.id}: {src} {year} target {v:g} is beyond the 2030 goal "
                            f"{lo:g}{'' if lo == hi else f'–{hi:g}'} for an indicator that should "
                            f"{ind.direction}",
                            f"{'<=' if up else '>='} {hi if up else lo:g}",
                            v,
                        )
                prev = results.get(year - 1)
                if prev is not None and ((up and v < prev) or (not up and v > prev)):
                    yield Issue(
                        "target-behind-result",
                        ind.id,
                        loc,
                        f"{ind.id}: {src} {year} target {v:g} is {'below' if up else 'above'} the "
                        f"{year - 1} result {prev:g} for an indicator that should {ind.direction}",
                        f"{'>=' if up else '<='} {prev:g}",
                        v,
                    )


def _paths(plan: Plan, tl: Loaded) -> Iterator[Problem]:
    for i in path_issues(plan):
        yield tl.problem(i.loc, i.code, i.message, i.severity)
