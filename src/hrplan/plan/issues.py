"""Disagreements inside a plan, with both values (`Issue`), and those of its targets: sums that miss their total,
targets beyond the goal, behind the last result or against the direction. validate turns each into a Problem, audit
into a Finding; plan/roles.py adds section III against appendix 02."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from hrplan.core.problems import Severity
from hrplan.plan.model import Indicator, Plan, goal_bounds, number

W = Severity.WARNING


@dataclass(frozen=True)
class Issue:
    """A disagreement inside the plan, with both values: validate turns it into a Problem, audit into a Finding."""

    code: str
    id: str
    loc: tuple[str | int, ...]
    message: str
    expected: float | str | list[str] | None  # a number, a bound such as '<= 80', unit ids
    found: float | str | list[str] | None
    severity: Severity = W
    unit: str | None = None  # the unit a difference between section III and appendix 02 is about


def sum_issues(plan: Plan) -> Iterator[Issue]:
    """Sums such as the labour structure that miss their total (accepted deviations as INFO, and an accepted deviation
    that matches no sum as an error, so the list cannot outlive the values it excuses)."""
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
        missed: set[tuple[int | None, str]] = set()
        for year, source, vals, loc in _sum_cases(members):
            total = sum(vals)
            if c.holds(total):
                continue
            missed.add((year, source))
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
        for k, a in enumerate(c.accepted):
            if (a.year, a.source) not in missed:
                what = f"{a.source} {a.year or '2030'}"
                yield Issue(
                    "accepted-unmatched",
                    "+".join(c.ids),
                    ("constraints", ci, "accepted", k),
                    f"constraints[{ci}].accepted: {'+'.join(c.ids)} for {what} adds up (or has no values): remove it",
                    None,
                    None,
                    Severity.ERROR,
                )


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
    """Given the direction, yearly targets beyond the goal at the horizon, against the direction from the same
    source's previous target (A1's Đề án: 76 in 2022, 74 in 2023), or behind the previous year's result."""
    horizon = plan.targets.plan.horizon
    for i, ind in enumerate(plan.targets.indicators):
        if ind.direction == "keep":
            continue
        up = ind.direction == "increase"
        results = {y: number(v) for y, v in ind.published.results.items()} if ind.published else {}
        previous: dict[str, tuple[int, float]] = {}  # source -> its latest target so far: (year, value)
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
                            f"{ind.id}: {src} {year} target {v:g} is beyond the {horizon} goal "
                            f"{lo:g}{'' if lo == hi else f'–{hi:g}'} for an indicator that should "
                            f"{ind.direction}",
                            f"{'<=' if up else '>='} {hi if up else lo:g}",
                            v,
                        )
                if src in previous:
                    y0, v0 = previous[src]
                    if (up and v < v0) or (not up and v > v0):
                        yield Issue(
                            "target-against-direction",
                            ind.id,
                            loc,
                            f"{ind.id}: the {src} target {'falls' if up else 'rises'} from {v0:g} in {y0} to {v:g} "
                            f"in {year} for an indicator that should {ind.direction}",
                            f"{'>=' if up else '<='} {v0:g}",
                            v,
                        )
                previous[src] = (year, v)
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
