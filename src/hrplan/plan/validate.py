"""`hrplan validate`: load any mix of targets and tasks files and collect every problem."""

from __future__ import annotations

from pathlib import Path

from hrplan.core.problems import Problem, Severity
from hrplan.plan.checks import check_plan
from hrplan.plan.collection import CollectionFile, load_collection
from hrplan.plan.files import companion
from hrplan.plan.load import TARGETS_NAME, TASKS_NAME, bundled, kind_of, load_plan, validate_model
from hrplan.plan.model import TargetsFile, TasksFile
from hrplan.plan.yamlsafe import Loaded, load_file


def validate_paths(paths: list[Path]) -> list[Problem]:
    """Problems of the given files (the bundled plan when none is given).

    A file given alone is checked together with its companion in the same folder (a targets file with
    the tasks file beside it, and back); only problems in the given files are reported. Without a
    companion, the file is checked on its own and a note says what could not be checked. A collection
    file (who reports what) is checked against the plan beside it, whether it is given or found beside
    the plan checked.
    """
    if not paths:
        paths = [bundled(TARGETS_NAME), bundled(TASKS_NAME)]
    problems: list[Problem] = []
    by_kind: dict[str, Loaded] = {}
    given_collection: Loaded | None = None
    for path in paths:
        loaded = load_file(path)
        kind = kind_of(loaded)
        if loaded.problems or kind is None:
            problems += loaded.problems
            if not loaded.problems:
                problems.append(
                    Problem(
                        str(path),
                        1,
                        1,
                        "unknown-file",
                        "not a plan file: a targets file has a top-level 'indicators' key, "
                        "a tasks file 'tasks' and 'units'",
                    )
                )
            continue
        if kind == "collection" and len(paths) == 1:
            return _collection_alone(loaded)
        first = by_kind.get(kind) or (given_collection if kind == "collection" else None)
        if first is not None:
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    "usage",
                    f"two {kind} files given ({first.path} and {path}): validate them one at a time",
                )
            )
            continue
        if kind == "collection":
            given_collection = loaded
            continue
        by_kind[kind] = loaded
    if not by_kind:
        return problems
    if len(by_kind) < 2 and len(paths) > 1 + (given_collection is not None):
        # The other file of the pair is broken: checking against the bundled one would only add noise.
        for kind, loaded in by_kind.items():
            problems += validate_model(loaded, TargetsFile if kind == "targets" else TasksFile)[1]
        return problems
    given = {loaded.path for loaded in by_kind.values()}
    if len(by_kind) == 1:
        ((kind, loaded),) = by_kind.items()
        other = "tasks" if kind == "targets" else "targets"
        partner = companion(Path(loaded.path), other)
        if partner is None:
            problems += validate_model(loaded, TargetsFile if kind == "targets" else TasksFile)[1]
            problems.append(
                Problem(
                    loaded.path,
                    None,
                    None,
                    "not-cross-checked",
                    f"no {other} file beside it, so unit and indicator references were not checked: "
                    f"give both files (hrplan validate targets.yaml tasks.yaml)",
                    Severity.INFO,
                )
            )
            return problems
        by_kind[other] = partner
    plan_load = load_plan(targets=by_kind["targets"], tasks=by_kind["tasks"])
    found = [*plan_load.problems, *check_plan(plan_load)]
    problems += [p for p in found if p.path in given]
    if plan_load.plan is not None and not any(p.severity is Severity.ERROR for p in found):
        problems += load_collection(plan_load.plan, given_collection.path if given_collection else None)[1]
    return problems


def _collection_alone(loaded: Loaded) -> list[Problem]:
    """A collection file given alone: checked against the plan beside it, or its schema alone with a note."""
    targets = companion(Path(loaded.path), "targets")
    tasks = companion(Path(targets.path), "tasks") if targets else None
    plan_load = load_plan(targets=targets, tasks=tasks) if targets and tasks else None
    if (
        plan_load is None
        or plan_load.plan is None
        or any(p.severity is Severity.ERROR for p in (*plan_load.problems, *check_plan(plan_load)))
    ):
        note = Problem(loaded.path, None, None, "not-cross-checked", "no valid plan (a targets and a tasks file) "
                       "beside it, so its units, indicators and tasks were not checked", Severity.INFO)  # fmt: skip
        return [*validate_model(loaded, CollectionFile)[1], note]
    return load_collection(plan_load.plan, loaded.path)[1]
