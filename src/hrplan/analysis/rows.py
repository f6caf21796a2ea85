"""From a plan and measured values to the comparison rows of a year. Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field

from hrplan.analysis.progress import assess
from hrplan.analysis.ratios import Comparison, compare_indicator
from hrplan.core.errors import UsageError
from hrplan.core.problems import Problem, Severity
from hrplan.core.text import fold
from hrplan.plan.model import Plan
from hrplan.results.merge import Measured


@dataclass
class Analysis:
    year: int
    area: str | None
    rows: list[Comparison]
    problems: list[Problem] = field(default_factory=list)


def pick_year(values: list[Measured], year: int | None) -> int:
    """The requested year, or the latest year with results."""
    if year is not None:
        return year
    years = sorted({m.year for m in values})
    if not years:
        raise UsageError(
            "the results hold no values, so there is no year to compare: fill in the results "
            "(see `hrplan template`) or give --year"
        )
    return years[-1]


def areas_of(values: list[Measured]) -> list[str]:
    """The distinct areas in the results, in order of first appearance."""
    seen: dict[str, str] = {}
    for m in values:
        if m.area and fold(m.area) not in seen:
            seen[fold(m.area)] = m.area
    return list(seen.values())


def analyse(
    plan: Plan,
    values: list[Measured],
    year: int,
    area: str | None = None,
    group: str | None = None,
    lead: str | None = None,
    method: str = "cagr",
) -> Analysis:
    """Comparison rows for one area (None = the province) in plan order, with missing-result warnings."""
    if group and group.casefold() not in {g.casefold() for g in plan.targets.groups}:
        raise UsageError(f"--group {group}: the plan has the groups {', '.join(plan.targets.groups)}")
    key = fold(area) if area else None
    mine = [m for m in values if (fold(m.area) if m.area else None) == key]
    if area and not mine:
        known = ", ".join(areas_of(values)) or "none"
        raise UsageError(f"no results for area '{area}'. Areas in the results: {known}")
    if area:
        area = mine[0].area  # as spelled in the results, not as typed on the command line
    by_id: dict[tuple[str, int], Measured] = {}
    history: dict[str, dict[int, float]] = {}
    for m in mine:
        by_id[(m.id, m.year)] = m
        if m.year <= year:
            history.setdefault(m.id, {})[m.year] = m.value
    rows, problems = [], []
    for ind in plan.targets.indicators:
        if group and ind.group.casefold() != group.casefold():
            continue
        if lead and lead not in ind.lead:
            continue
        cur, prev = by_id.get((ind.id, year)), by_id.get((ind.id, year - 1))
        row = compare_indicator(
            ind,
            year,
            cur.value if cur else None,
            prev.value if prev else None,
            area,
            [m for m in (prev, cur) if m is not None],
        )
        row.progress = assess(
            ind, history.get(ind.id, {}), method, plan.targets.plan.horizon, plan.targets.plan.baseline_year
        )
        rows.append(row)
        if cur is None and (year in ind.targets or prev is not None):
            where = f" for {area}" if area else ""
            problems.append(
                Problem(
                    "results",
                    None,
                    None,
                    "missing-result",
                    f"{ind.id}: no result for {year}{where}, though the plan has a target or a "
                    f"{year - 1} result for it",
                    Severity.WARNING,
                )
            )
    return Analysis(year, area, rows, problems)


def analyse_by_area(
    plan: Plan,
    values: list[Measured],
    year: int,
    group: str | None = None,
    lead: str | None = None,
    method: str = "cagr",
) -> list[Analysis]:
    """One analysis per area found in the results (the province first when it has values)."""
    by_area: dict[str | None, list[Measured]] = {}
    for m in values:
        by_area.setdefault(fold(m.area) if m.area else None, []).append(m)
    out = []
    if None in by_area:
        out.append(analyse(plan, by_area[None], year, None, group, lead, method))
    for name in areas_of(values):
        out.append(analyse(plan, by_area[fold(name)], year, name, group, lead, method))
    return out
