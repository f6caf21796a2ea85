"""`hrplan validate`: load any mix of targets and tasks files and collect every problem."""

from __future__ import annotations

from pathlib import Path

from hrplan.checks import check_plan
from hrplan.load import TARGETS_NAME, TASKS_NAME, bundled, kind_of, load_plan, validate_model
from hrplan.model import TargetsFile, TasksFile
from hrplan.problems import Problem
from hrplan.yamlsafe import Loaded, load_file


def validate_paths(paths: list[Path]) -> list[Problem]:
    """Problems of the given files (the bundled plan when none is given).

    A targets file given alone is checked against the bundled tasks file's unit registry, and a
    tasks file alone against the bundled targets; only problems in the given files are reported.
    """
    if not paths:
        paths = [bundled(TARGETS_NAME), bundled(TASKS_NAME)]
    problems: list[Problem] = []
    by_kind: dict[str, Loaded] = {}
    for path in paths:
        loaded = load_file(path)
        kind = kind_of(loaded)
        if loaded.problems or kind is None:
            problems += loaded.problems
            if not loaded.problems:
                problems.append(Problem(str(path), 1, 1, "unknown-file",
                    "not a plan file: a targets file has a top-level 'indicators' key, "
                    "a tasks file 'tasks' and 'units'"))
            continue
        if kind in by_kind:
            problems.append(Problem(str(path), None, None, "usage",
                f"two {kind} files given ({by_kind[kind].path} and {path}): validate them one at a time"))
            continue
        by_kind[kind] = loaded
    if not by_kind:
        return problems
    if len(by_kind) < 2 and len(paths) > 1:
        # The other file of the pair is broken: checking against the bundled one would only add noise.
        for kind, loaded in by_kind.items():
            problems += validate_model(loaded, TargetsFile if kind == "targets" else TasksFile)[1]
        return problems
    given = {loaded.path for loaded in by_kind.values()}
    targets = by_kind.get("targets") or load_file(bundled(TARGETS_NAME))
    tasks = by_kind.get("tasks") or load_file(bundled(TASKS_NAME))
    plan_load = load_plan(targets=targets, tasks=tasks)
    found = [*plan_load.problems, *check_plan(plan_load)]
    return problems + [p for p in found if p.path in given]
