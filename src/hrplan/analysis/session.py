"""What compare and report share: read and merge the results, then read the year. No rendering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from hrplan.analysis.reading import YearReading, pick_year, published, read_areas
from hrplan.analysis.tasks import disagreements, task_summary
from hrplan.core.errors import HrplanError, ProblemsFound
from hrplan.core.paths import display_path
from hrplan.core.problems import Problem, Severity
from hrplan.plan.collection import Collection
from hrplan.plan.model import Plan
from hrplan.results.merge import read_results


def read_year(
    plan: Plan,
    inputs: list[Path],
    *,
    year: int | None = None,
    area: str | None = None,
    by_area: bool = False,
    province_first: bool = False,
    group: str | None = None,
    lead: str | None = None,
    method: str = "cagr",
    as_of: dt.date | None = None,
    collection: Collection | None = None,
) -> YearReading:
    """The year's reading of the results files (none: the results the plan publishes); ProblemsFound when a
    file or cell has an error.

    by_area: the province (when it has values; always with province_first) followed by every area.
    collection: who reports what: the units whose statuses make each task's, and the unit a file is named after.
    """
    results = read_results(inputs, plan, _named_after(collection) if collection else None)
    if any(p.severity is Severity.ERROR for p in results.problems):
        raise ProblemsFound(results.problems, "nothing was produced: correct what is listed above and run again")
    known = [*results.values, *published(plan)]  # the plan's own results count as history
    if inputs and not results.values and year is None:  # the files' fault, not the command line's
        names = ", ".join(display_path(str(p)) for p in inputs)
        raise ProblemsFound(results.problems, f"{names}: no value of the plan's indicators was read, so there is no "
                            "year to compare: fill in the results (see `hrplan template`), correct what is listed "
                            "above, or name the year with --year")  # fmt: skip
    y = pick_year(known, year)
    if year is not None and not any(m.year in (y, y - 1) for m in known):
        held = ", ".join(str(x) for x in sorted({m.year for m in known})) or "none"
        raise HrplanError(f"no results for {y} or {y - 1} in the files given (they hold the years {held}): "
                          "give the files of that year, or another year")  # fmt: skip
    areas = read_areas(
        plan,
        results.values,
        y,
        area=area,
        by_area=by_area,
        province_first=province_first,
        group=group,
        lead=lead,
        method=method,
    )
    reporters = collection.task_map() if collection else None
    tasks = task_summary(plan, results.statuses, as_of or dt.date.today(), reporters)
    problems = [*results.problems, *(p for a in areas for p in a.problems), *disagreements(plan, tasks)]
    info = plan.targets.plan
    if info.rolled_from is not None:  # a draft: the new plan's id, date and targets are not filled in yet
        problems.append(Problem(plan.targets_path, None, None, "plan-rolled",
                                f"the plan is still the draft rolled forward from {info.rolled_from}: its id, date and "
                                f"{info.year} targets are not those of the {info.year} plan yet (hrplan validate "
                                "lists what to fill in)", Severity.WARNING))  # fmt: skip
    shown = [display_path(str(p)) for p in inputs] or [display_path(plan.targets_path)]  # the published results
    return YearReading(plan, y, method, areas, tasks, problems, shown)


def _named_after(collection: Collection) -> Callable[[Path], str | None]:
    def unit(path: Path) -> str | None:
        found = collection.by_file_name(path.name)
        return found.unit if found else None

    return unit
