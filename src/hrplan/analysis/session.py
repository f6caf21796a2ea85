"""What compare and report share: read and merge the results, then read the year. No rendering."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hrplan.analysis.reading import YearReading, pick_year, read_areas
from hrplan.analysis.tasks import task_summary
from hrplan.core.errors import HrplanError, ProblemsFound
from hrplan.core.paths import display_path
from hrplan.core.problems import Severity
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
) -> YearReading:
    """The year's reading of the results files; ProblemsFound when a file or cell has an error.

    by_area: the province (when it has values; always with province_first) followed by every area.
    """
    results = read_results(inputs, plan)
    if any(p.severity is Severity.ERROR for p in results.problems):
        raise ProblemsFound(results.problems, "nothing was produced: correct the cells listed above and run again")
    if not results.values and year is None:  # the files' fault, not the command line's
        names = ", ".join(display_path(str(p)) for p in inputs)
        raise ProblemsFound(results.problems, f"{names}: no value of the plan's indicators was read, so there is no "
                            "year to compare: fill in the results (see `hrplan template`), correct what is listed "
                            "above, or name the year with --year")  # fmt: skip
    y = pick_year(results.values, year)
    if year is not None and not any(m.year in (y, y - 1) for m in results.values):
        held = ", ".join(str(x) for x in sorted({m.year for m in results.values})) or "none"
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
    problems = [*results.problems, *(p for a in areas for p in a.problems)]
    tasks = task_summary(plan, results.statuses, as_of or dt.date.today())
    return YearReading(plan, y, method, areas, tasks, problems, [display_path(str(p)) for p in inputs])
