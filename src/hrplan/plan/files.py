"""A plan's two files found and opened together: a file given alone is paired with its companion in the same
folder (another province's plan), never with the bundled one; nothing given means the bundled plan."""

from __future__ import annotations

from pathlib import Path

from hrplan.core.errors import HrplanError, ProblemsFound
from hrplan.core.problems import Severity
from hrplan.plan.checks import check_plan
from hrplan.plan.load import PlanLoad, kind_of, load_plan
from hrplan.plan.model import Plan
from hrplan.plan.yamlsafe import Loaded, load_file


def companion(path: Path, kind: str) -> Loaded | None:
    """The one file of the other kind in the same folder, if there is exactly one."""
    found = []
    for candidate in sorted(path.parent.glob("*.y*ml")):
        if candidate.resolve() == path.resolve() or candidate.suffix not in (".yaml", ".yml"):
            continue
        loaded = load_file(candidate)
        if not loaded.problems and kind_of(loaded) == kind:
            found.append(loaded)
    return found[0] if len(found) == 1 else None


def paired_load(targets: Path | str | None, tasks: Path | str | None) -> PlanLoad:
    """Load a plan from the files given, each completed by its companion."""
    t_loaded = load_file(targets) if targets else None
    k_loaded = load_file(tasks) if tasks else None
    if t_loaded is not None and k_loaded is None:
        k_loaded = companion(Path(t_loaded.path), "tasks")
    elif k_loaded is not None and t_loaded is None:
        t_loaded = companion(Path(k_loaded.path), "targets")
    return load_plan(targets=t_loaded, tasks=k_loaded)


def checked_plan(targets: Path | str | None, tasks: Path | str | None) -> Plan:
    """The plan when both files are valid; ProblemsFound with their errors otherwise."""
    loaded = paired_load(targets, tasks)
    errors = [p for p in (*loaded.problems, *check_plan(loaded)) if p.severity is Severity.ERROR]
    if loaded.plan is None or errors:
        raise ProblemsFound(errors, "the plan files have errors: run `hrplan validate` on them and fix what it lists")
    return loaded.plan


def plan_for_year(targets: Path | str | None, tasks: Path | str | None, year: int | None) -> Plan:
    """The plan that reads `year`: the one given (or bundled) when the year is its own or earlier (an earlier
    year is part of its history); for a later year, `targets_<year>.yaml` in the same folder (with
    `tasks_<year>.yaml` there when one exists, else the folder's tasks file). A missing file is an error
    naming it and the command that makes it."""
    plan = checked_plan(targets, tasks)
    if year is None or year <= plan.targets.plan.year:
        return plan
    folder = Path(plan.targets_path).parent
    wanted = folder / f"targets_{year}.yaml"
    if not wanted.is_file():
        from hrplan.core.paths import bundled_dir, display_path

        bundled = folder.resolve() == bundled_dir()
        out = f"ke-hoach/targets_{year}.yaml" if bundled else display_path(str(wanted))
        then = f", then give --targets {out}" if bundled else ""
        given = "" if bundled else f" --targets {display_path(plan.targets_path)}"  # the bundled plan is the default
        raise HrplanError(
            f"there is no plan for {year}: {display_path(str(wanted))} does not exist (the plan in that folder is "
            f"for {plan.targets.plan.year}). Roll it forward with the {year - 1} results: hrplan new-year {year} "
            f"RESULTS.xlsx{given} --out {out}{then}"
        )
    year_tasks = folder / f"tasks_{year}.yaml"
    return checked_plan(wanted, year_tasks if year_tasks.is_file() else plan.tasks_path)
