"""What compare and report share: load the plan, read the results, analyse the year. No rendering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hrplan.analysis.rows import Analysis, analyse, analyse_by_area, pick_year
from hrplan.core.errors import ProblemsFound
from hrplan.core.problems import Problem, Severity
from hrplan.plan.load import PlanLoad
from hrplan.plan.model import Plan
from hrplan.results.merge import Results, read_results


def paired_load(targets: Path | str | None, tasks: Path | str | None) -> PlanLoad:
    """Load a plan; a file given alone is paired with its companion in the same folder (another province's
    plan), not with the bundled one; nothing given means the bundled plan."""
    from hrplan.plan.load import load_plan
    from hrplan.plan.validate import companion
    from hrplan.plan.yamlsafe import load_file

    t_loaded = load_file(targets) if targets else None
    k_loaded = load_file(tasks) if tasks else None
    if t_loaded is not None and k_loaded is None:
        k_loaded = companion(Path(t_loaded.path), "tasks")
    elif k_loaded is not None and t_loaded is None:
        t_loaded = companion(Path(k_loaded.path), "targets")
    return load_plan(targets=t_loaded, tasks=k_loaded)


def checked_plan(targets: Path | str | None, tasks: Path | str | None) -> Plan:
    """The plan when both files are valid; ProblemsFound with their errors otherwise."""
    from hrplan.plan.checks import check_plan

    loaded = paired_load(targets, tasks)
    errors = [p for p in (*loaded.problems, *check_plan(loaded)) if p.severity is Severity.ERROR]
    if loaded.plan is None or errors:
        raise ProblemsFound(errors, "the plan files have errors: run `hrplan validate` on them and fix what it lists")
    return loaded.plan


@dataclass
class Run:
    plan: Plan
    inputs: list[Path]
    results: Results
    analyses: list[Analysis]
    problems: list[Problem]
    tasks: dict[str, Any]

    @property
    def year(self) -> int:
        return self.analyses[0].year


def run(
    plan: Plan,
    inputs: list[Path],
    *,
    year: int | None = None,
    area: str | None = None,
    by_area: bool = False,
    group: str | None = None,
    lead: str | None = None,
    method: str = "cagr",
    as_of: dt.date | None = None,
    province_first: bool = False,
) -> Run:
    """Read and merge the results, then analyse the year; ProblemsFound when a file or cell has an error.

    by_area: one analysis per area; with province_first, the province's analysis comes first anyway
    (the report's main table) followed by every area's.
    """
    from hrplan.results.taskstatus import task_summary

    results = read_results(inputs, plan)
    if any(p.severity is Severity.ERROR for p in results.problems):
        raise ProblemsFound(results.problems, "nothing was produced: correct the cells listed above and run again")
    y = pick_year(results.values, year)
    if by_area and province_first:
        analyses = [analyse(plan, results.values, y, None, group, lead, method)]
        analyses += [a for a in analyse_by_area(plan, results.values, y, group, lead, method) if a.area]
    elif by_area:
        analyses = analyse_by_area(plan, results.values, y, group, lead, method)
    else:
        analyses = [analyse(plan, results.values, y, area, group, lead, method)]
    problems = [*results.problems, *(p for a in analyses for p in a.problems)]
    summary = task_summary(plan, results.statuses, as_of or dt.date.today())
    return Run(plan, inputs, results, analyses, problems, summary)
