"""A plan's two files found and opened together: a file given alone is paired with its companion in the same
folder (another province's plan), never with the bundled one; nothing given means the bundled plan."""

from __future__ import annotations

from pathlib import Path

from hrplan.core.errors import ProblemsFound
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
