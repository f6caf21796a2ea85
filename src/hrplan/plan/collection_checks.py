"""The collection file checked against the plan it completes: every unit, indicator and task it names exists (an
error at its line otherwise), and every indicator and every task that is not a heading has a unit to report it
(a warning otherwise)."""

from __future__ import annotations

from collections.abc import Iterator

from hrplan.core.problems import Problem, Severity
from hrplan.core.text import fold
from hrplan.plan.collection import CollectionFile, derive
from hrplan.plan.model import Plan
from hrplan.plan.yamlsafe import Loaded


def check_collection(plan: Plan, file: CollectionFile, loaded: Loaded) -> list[Problem]:
    return [*_references(plan, file, loaded), *_coverage(plan, file, loaded)]


def _references(plan: Plan, file: CollectionFile, loaded: Loaded) -> Iterator[Problem]:
    units = {u.id for u in plan.tasks.units}
    indicators = {i.id for i in plan.targets.indicators}
    tasks = {t.id for t in plan.tasks.tasks}
    hint = f"use one of the unit ids of {plan.tasks_path} (see `hrplan tasks --matrix`)"
    info = file.collection
    if info.plan != plan.targets.plan.id:
        yield loaded.problem(
            ("collection", "plan"),
            "other-plan",
            f"this file completes plan '{info.plan}', but the plan beside it is '{plan.targets.plan.id}'",
        )
    if info.collector not in units:
        yield loaded.problem(("collection", "collector"), "unknown-unit", f"unknown unit '{info.collector}': {hint}")
    seen: dict[str, int] = {}
    for i, r in enumerate(file.reporters):
        if r.unit not in units:
            yield loaded.problem(("reporters", i, "unit"), "unknown-unit", f"unknown unit '{r.unit}': {hint}")
        elif r.unit in seen:
            line = loaded.where(("reporters", seen[r.unit], "unit"))[0]
            yield loaded.problem(("reporters", i, "unit"), "duplicate-unit", f"'{r.unit}' is listed twice "
                                 f"(first at line {line}): give it one entry")  # fmt: skip
        seen.setdefault(r.unit, i)
        for key, ids, known, what in (
            ("indicators", r.indicators, indicators, "indicator"),
            ("by_district", r.by_district, indicators, "indicator"),
            ("tasks", r.tasks, tasks, "task"),
        ):
            for k, ref in enumerate(ids):
                if ref not in known:
                    see = "hrplan indicators" if what == "indicator" else "hrplan tasks"
                    yield loaded.problem(
                        ("reporters", i, key, k), f"unknown-{what}", f"unknown {what} '{ref}': see `{see}`"
                    )
        if r.by_district and file.districts is None:
            yield loaded.problem(
                ("reporters", i, "by_district"),
                "no-districts",
                "indicators reported by district need the districts: add `districts: {names: [...], note: ...}`",
            )
    for i, n in enumerate(file.not_reporting):
        if n.unit not in units:
            yield loaded.problem(("not_reporting", i, "unit"), "unknown-unit", f"unknown unit '{n.unit}': {hint}")
        elif n.unit in seen:
            line = loaded.where(("reporters", seen[n.unit], "unit"))[0]
            yield loaded.problem(("not_reporting", i, "unit"), "contradiction",
                                 f"'{n.unit}' reports (line {line}) and does not report: keep one")  # fmt: skip
        elif n.unit == info.collector:
            yield loaded.problem(
                ("not_reporting", i, "unit"),
                "contradiction",
                f"'{n.unit}' collects the workbooks: it cannot be left out of the reporting",
            )
    if file.districts is not None:
        first: dict[str, int] = {}
        for k, name in enumerate(file.districts.names):
            key = fold(name)
            if key in first:
                same = file.districts.names[first[key]]
                yield loaded.problem(
                    ("districts", "names", k), "duplicate-district", f"district '{name}' is listed twice (as '{same}')"
                )
            first.setdefault(key, k)


def _coverage(plan: Plan, file: CollectionFile, loaded: Loaded) -> Iterator[Problem]:
    """Indicators and tasks (not headings) that no unit reports once the file is applied."""
    known_units = {u.id for u in plan.tasks.units}
    if any(r.unit not in known_units for r in file.reporters):
        return  # the unknown unit is the error to fix first
    collection = derive(plan, file)
    for ind in plan.targets.indicators:
        if not collection.indicator_reporters(ind.id):
            yield loaded.problem(("reporters",), "unreported-indicator", f"no unit reports {ind.id} ({ind.name}): "
                                 "add it to a unit's indicators", Severity.WARNING, key=True)  # fmt: skip
    ids = [t.id for t in plan.tasks.tasks]
    for tid in ids:
        heading = any(other.startswith(tid + ".") for other in ids)
        if not heading and not collection.task_reporters(tid):
            yield loaded.problem(("reporters",), "unreported-task", f"no unit reports task {tid}: add it to a "
                                 "unit's tasks", Severity.WARNING, key=True)  # fmt: skip
