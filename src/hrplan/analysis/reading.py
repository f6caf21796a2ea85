"""A year's reading: everything every renderer lays out, computed once. Pure: no I/O.

Renderers (console, JSON, CSV, Markdown, Excel) take a YearReading and decide nothing: which target
sources count this year, which cells are met, the pace to the horizon and its tone, the targets
missed, next year's targets, the notes that came with the values and the reason for every blank
cell are all here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hrplan.analysis.progress import assess
from hrplan.analysis.ratios import Comparison, Summary, compare_indicator, summarise
from hrplan.analysis.tasks import TaskSummary
from hrplan.core.errors import UnknownName
from hrplan.core.problems import Problem, Severity
from hrplan.core.text import fold
from hrplan.plan.model import Noted, Plan, number
from hrplan.results.measured import Measured

TO_CHECK = frozenset({"suspect-value", "structure-sum", "value-without-id"})


@dataclass(frozen=True, slots=True)
class Missed:
    """A target of the year that the result did not reach."""

    row: Comparison
    source: str


@dataclass(frozen=True)
class AreaReading:
    """The province (area None) or one district: its rows in plan order and what they add up to."""

    area: str | None
    rows: list[Comparison]
    summary: Summary
    problems: list[Problem] = field(default_factory=list)

    @property
    def shown(self) -> list[Comparison]:
        """Rows with a result, a previous result or a target for the year."""
        return [r for r in self.rows if r.has_data]

    @property
    def empty(self) -> list[str]:
        """Ids of the indicators with nothing for the year."""
        return [r.indicator.id for r in self.rows if not r.has_data]

    @property
    def missed(self) -> list[Missed]:
        return [Missed(r, s) for r in self.rows for s in r.targets if r.met[s] is False]

    def by_group(self, plan: Plan) -> list[tuple[str, list[Comparison]]]:
        """(group id, rows with data) in the plan's group order, groups without rows left out."""
        out = []
        for group in plan.targets.groups:
            rows = [r for r in self.shown if r.indicator.group == group]
            if rows:
                out.append((group, rows))
        return out


@dataclass(frozen=True)
class YearReading:
    """One year of a plan read from the results: the areas (the province first), tasks and problems."""

    plan: Plan
    year: int
    method: str
    areas: list[AreaReading]
    tasks: TaskSummary
    problems: list[Problem]
    inputs: list[str] = field(default_factory=list)  # the results files, as displayed

    @property
    def horizon(self) -> int:
        return self.plan.targets.plan.horizon

    @property
    def main(self) -> AreaReading:
        """The first area: the province, or the one area asked for."""
        return self.areas[0]

    @property
    def sources(self) -> list[str]:
        """The target sources with a target for the year in any row shown, in the plan's order."""
        used = {s for a in self.areas for r in a.rows for s in r.targets}
        return [s for s in self.plan.targets.sources if s in used]

    @property
    def next_sources(self) -> list[str]:
        """The target sources the plan sets for the next year, in the plan's order."""
        used = {s for a in self.areas for r in a.rows for s in r.next_targets}
        return [s for s in self.plan.targets.sources if s in used]

    @property
    def rows(self) -> list[Comparison]:
        """Every row of every area."""
        return [r for a in self.areas for r in a.rows]

    @property
    def baseline_year(self) -> int | None:
        """The year the pace is measured from: the plan's, else the earliest measured year of the rows."""
        if self.plan.targets.plan.baseline_year is not None:
            return self.plan.targets.plan.baseline_year
        years = [r.progress.baseline_year for r in self.rows if r.progress and r.progress.baseline_year]
        return min(years) if years else None

    @property
    def to_check(self) -> list[Problem]:
        """Values that were read but look wrong (a percent typed as a fraction, shares that do not add up, a
        value without an indicator id): shown above the tables, not only among the warnings."""
        return [p for p in self.problems if p.code in TO_CHECK]


def pick_year(values: list[Measured], year: int | None) -> int:
    """The requested year, or the latest year with results (the inputs' and the plan's published ones)."""
    if year is not None:
        return year
    years = sorted({m.year for m in values})
    if not years:
        raise UnknownName(
            "the results hold no values and the plan publishes none, so there is no year to compare: fill in "
            "the results (see `hrplan template`) or name the year"
        )
    return years[-1]


def areas_of(values: list[Measured]) -> list[str]:
    """The distinct areas in the results, in order of first appearance, as first spelled."""
    seen: dict[str, str] = {}
    for m in values:
        if m.area and fold(m.area) not in seen:
            seen[fold(m.area)] = m.area
    return list(seen.values())


def check_group(plan: Plan, group: str | None) -> None:
    if group and group.casefold() not in {g.casefold() for g in plan.targets.groups}:
        raise UnknownName(f"group '{group}' is not in the plan; its groups are {', '.join(plan.targets.groups)}")


def read_area(
    plan: Plan,
    values: list[Measured],
    year: int,
    area: str | None = None,
    group: str | None = None,
    lead: str | None = None,
    method: str = "cagr",
) -> AreaReading:
    """The rows of one area (None = the province) in plan order, with missing-result warnings."""
    check_group(plan, group)
    key = fold(area) if area else None
    mine = [m for m in values if (fold(m.area) if m.area else None) == key]
    if area and not mine:
        known = ", ".join(areas_of(values)) or "none"
        raise UnknownName(f"no results for area '{area}'. Areas in the results: {known}")
    if area:
        area = mine[0].area  # as spelled in the results, not as typed on the command line
    return _read_own(plan, mine, year, area, group, lead, method)


def _read_own(
    plan: Plan,
    mine: list[Measured],
    year: int,
    area: str | None,
    group: str | None,
    lead: str | None,
    method: str,
) -> AreaReading:
    """read_area of the values already found to be the area's own (read_areas groups them once for all)."""
    info = plan.targets.plan
    by_id: dict[tuple[str, int], Measured] = {}
    problems: list[Problem] = []
    if area is None:  # the plan's published results are the province's history; the inputs override them
        by_id = {(m.id, m.year): m for m in published(plan)}
    for m in mine:
        old = by_id.get((m.id, m.year))
        if old is not None and old.sheet is None and old.file == plan.targets_path and abs(old.value - m.value) > 1e-9:
            problems.append(m.where.problem(
                "differs-from-published",
                f"{m.id} {m.year}: {m.value:g} here, where the plan published {old.value:g} ({old.where}); "
                "this value is used",
                Severity.INFO,
            ))  # fmt: skip
        by_id[(m.id, m.year)] = m
    history: dict[str, dict[int, float]] = {}
    for (ind_id, y), m in by_id.items():
        history.setdefault(ind_id, {})[y] = m.value
    rows = []
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
            info.horizon,
        )
        row.progress = assess(ind, history.get(ind.id, {}), method, info.horizon, info.baseline_year, year)
        first = info.baseline_year or row.progress.baseline_year or year
        row.history = {y: v for y, v in sorted(history.get(ind.id, {}).items()) if first <= y <= year}
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
    problems += structure_problems(plan, by_id, year, area)
    return AreaReading(area, rows, summarise(rows, year), problems)


def published(plan: Plan) -> list[Measured]:
    """The results the plan itself publishes (appendix 01's TH columns), located in the targets file."""
    out = []
    for ind in plan.targets.indicators:
        if ind.published is None:
            continue
        for year, value in sorted(ind.published.results.items()):
            line, col = plan.published_at.get(f"{ind.id}/{year}", (0, 0))
            note = value.note if isinstance(value, Noted) else None  # how the printed value was read
            out.append(Measured(ind.id, year, number(value), None, plan.targets_path, None, line, col, note))
    return out


def structure_problems(
    plan: Plan, by_id: dict[tuple[str, int], Measured], year: int, area: str | None
) -> list[Problem]:
    """A year's results that should add up (the labour structure B5 + B6 + B7 = 100) and do not, within the
    plan's tolerance: a warning at the cell of the last share, naming the others."""
    out = []
    for c in plan.targets.constraints:
        values = [by_id.get((i, year)) for i in c.ids]
        present = [m for m in values if m is not None]
        if len(present) != len(c.ids) or all(m.file == plan.targets_path for m in present):
            continue  # incomplete, or all published by the plan (validate and audit check those)
        total = sum(m.value for m in present)
        if c.holds(total):
            continue
        shown = " + ".join(f"{m.id} {m.value:g}" for m in present)
        where = f" ({area})" if area else ""
        cells = ", ".join(str(m.where) for m in present[:-1])
        out.append(present[-1].where.problem(
            "structure-sum",
            f"{year}{where}: {shown} = {total:.2f}, not {c.total:g} (± {c.tolerance:g}): check these shares "
            f"together with {cells}",
            Severity.WARNING,
        ))  # fmt: skip
    return out


def read_areas(
    plan: Plan,
    values: list[Measured],
    year: int,
    *,
    area: str | None = None,
    by_area: bool = False,
    province_first: bool = False,
    group: str | None = None,
    lead: str | None = None,
    method: str = "cagr",
) -> list[AreaReading]:
    """The areas a reading shows: one area, or (by_area) the province when it has values — or always, with
    province_first — followed by every area found in the results."""
    if not by_area:
        return [read_area(plan, values, year, area, group, lead, method)]
    check_group(plan, group)
    province: list[Measured] = []
    by_key: dict[str, list[Measured]] = {}  # in order of first appearance, as areas_of lists them
    for m in values:
        if m.area:
            by_key.setdefault(fold(m.area), []).append(m)
        else:
            province.append(m)
    out = []
    if province or province_first:
        out.append(_read_own(plan, province, year, None, group, lead, method))
    for mine in by_key.values():  # each area as first spelled in the results
        out.append(_read_own(plan, mine, year, mine[0].area, group, lead, method))
    return out
