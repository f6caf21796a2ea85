"""`hrplan new-year`: a plan rolled forward one year. Pure: the results of the year that ended become the
plan's published results; everything else carries over; the new year's targets are left to fill in."""

from __future__ import annotations

from pathlib import Path

from hrplan.core.errors import ProblemsFound, UsageError
from hrplan.core.paths import display_path, displayed
from hrplan.core.problems import Problem, Severity
from hrplan.plan.model import Indicator, Noted, Plan, Published, TargetsFile
from hrplan.results.measured import Measured


def roll_forward(plan: Plan, values: list[Measured], year: int, source_name: str) -> tuple[TargetsFile, list[Problem]]:
    """The targets file for `year` from the plan for `year - 1` and the province's results of `year - 1`.

    Each result keeps where it was read in its note. Indicators the results lack are listed (a warning), and
    so is a result the plan already published with another value (the new one is kept: it is the later word).
    """
    ended = year - 1
    info = plan.targets.plan
    province = {m.id: m for m in values if m.year == ended and not m.area}
    problems: list[Problem] = []
    indicators = [_rolled(ind, province.get(ind.id), ended, problems) for ind in plan.targets.indicators]
    expected = [i.id for i in plan.targets.indicators if ended in i.targets or (i.published and i.published.results)]
    missing = [i for i in expected if i not in province]
    if missing:
        problems.append(Problem(source_name, None, None, "no-result-to-roll",
                                f"no {ended} result for {', '.join(missing)}: their published results stop before "
                                f"{ended} (add them to the results and run new-year again, or fill them in the new "
                                "file later)", Severity.WARNING))  # fmt: skip
    new_info = info.model_copy(update={"year": year, "rolled_from": f"{info.id} ({info.year})"})
    return plan.targets.model_copy(update={"plan": new_info, "indicators": indicators}), problems


def _rolled(ind: Indicator, result: Measured | None, ended: int, problems: list[Problem]) -> Indicator:
    if result is None:
        return ind
    where = displayed(str(result.where), result.file)
    note = f"{ended} result from {where}" + (f" ({result.note})" if result.note else "")
    value = Noted(value=result.value, note=note)
    pub = ind.published or Published(year=ended)
    old = pub.results.get(ended)
    if old is not None:
        before = old.value if isinstance(old, Noted) else float(old)
        if abs(before - result.value) > 1e-9:
            problems.append(result.where.problem(
                "differs-from-published",
                f"{ind.id} {ended}: {result.value:g} here, where the plan published {before:g}; the new value is "
                "written", Severity.WARNING))  # fmt: skip
    results = {**pub.results, ended: value}
    return ind.model_copy(update={"published": pub.model_copy(update={"results": dict(sorted(results.items()))})})


def rolled_files(plan: Plan, inputs: list[Path], year: int, out: Path) -> tuple[dict[Path, bytes], list[Problem]]:
    """The files `hrplan new-year` writes (the new targets file, and the tasks file beside it when the folder
    has none: the tasks are shared across years), and the problems to show. UsageError for a request that
    cannot be met; ProblemsFound when a results file has errors."""
    from hrplan.core.atomic import check_not_input
    from hrplan.plan.yamlwrite import targets_yaml
    from hrplan.results.merge import read_results

    if out.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"{out}: name the new targets file with .yaml")
    if out.exists():
        raise UsageError(f"{out} exists and is never overwritten: choose another name or move it away first")
    if plan.targets.plan.year != year - 1:
        raise UsageError(f"the plan given is for {plan.targets.plan.year}: new-year {year} rolls the {year - 1} plan "
                         "forward (give it with --targets)")  # fmt: skip
    if not inputs:
        raise UsageError(f"give the {year - 1} results (.xlsx or .csv) to roll into the plan")
    check_not_input(out, [*inputs, plan.targets_path, plan.tasks_path])
    results = read_results(inputs, plan)
    if any(p.severity is Severity.ERROR for p in results.problems):
        raise ProblemsFound(results.problems, "nothing was written: correct the cells listed above and run again")
    names = ", ".join(display_path(str(p)) for p in inputs)
    if not any(m.year == year - 1 and not m.area for m in results.values):
        held = ", ".join(str(y) for y in sorted({m.year for m in results.values})) or "none"
        raise UsageError(f"the results given hold no {year - 1} value for the province (years held: {held}): fill "
                         "them in first: a plan is rolled forward with the results of the year that ended")  # fmt: skip
    rolled, problems = roll_forward(plan, results.values, year, names)
    source = display_path(plan.targets_path)
    header = [f"Kế hoạch năm {year}: rolled forward from {source} by `hrplan new-year {year}`.",
              "Carried over: the indicators, their goals, the target sources, the units, the constraints and",
              f"every earlier target. The {year - 1} results of {names} are now published results, each with",
              "the cell it was read from in its note.",
              f"To fill in from the {year} plan document: plan.id, title and issued, each indicator's {year}",
              "targets (`hrplan validate` lists every one still missing), then delete plan.rolled_from.",
              f"Next: hrplan validate {display_path(str(out))}"]  # fmt: skip
    files = {out: targets_yaml(rolled, header).encode("utf-8")}
    if not any((out.parent / name).exists() for name in (f"tasks_{year}.yaml", "tasks.yaml")):
        files[out.parent / "tasks.yaml"] = Path(plan.tasks_path).read_bytes()
    return files, [*results.problems, *problems]
