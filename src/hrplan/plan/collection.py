"""Who reports what: the collection assignment of a year's results.

The plan says who leads each indicator (appendix 01) and each task (appendix 02); the analyst who collects the
year's results decides the rest in a small YAML file beside the plan (`collection_<year>.yaml`): who reports the
indicators the plan leaves without a lead, which group units send no workbook of their own, which indicators are
reported district by district, the deadline and the unit the workbooks go back to. That file is the analyst's
decision, not the plan's: it is never merged into the plan files, but it is read with the same YAML loader,
checked the same way (unknown units, indicators and tasks are errors at their line) and has its JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field

from hrplan.core.errors import UnknownName
from hrplan.core.problems import Problem
from hrplan.plan.model import Frozen, IndicatorId, Plan, TaskId, Text, UnitId
from hrplan.plan.units import UnitIndex


class CollectionInfo(Frozen):
    """Where and by when the workbooks go back."""

    plan: Text  # the id of the plan this file completes, as in the targets file (09/KH-UBND)
    collector: UnitId  # the unit that collects the workbooks and compiles the report
    deadline: dt.date  # the day the workbooks are due
    note: Text  # why: the plan text that says so, or that it is a choice


class Districts(Frozen):
    """The areas an indicator reported district by district is asked for, in the order the forms list them."""

    names: list[Text] = Field(min_length=1)
    note: Text


class Reporter(Frozen):
    """What one unit reports beyond what the plan gives it to lead."""

    unit: UnitId
    indicators: list[IndicatorId] = Field(default_factory=list)  # for the province
    by_district: list[IndicatorId] = Field(default_factory=list)  # one value per district, on the districts sheet
    tasks: list[TaskId] = Field(default_factory=list)
    note: Text  # the plan text that supports the choice, or that it is a choice


class NotReporting(Frozen):
    """A unit the plan names as a lead that sends no workbook of its own (a group of offices, not one office)."""

    unit: UnitId
    note: Text


class CollectionFile(Frozen):
    collection: CollectionInfo
    districts: Districts | None = None
    reporters: list[Reporter] = Field(default_factory=list)
    not_reporting: list[NotReporting] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class UnitAssignment:
    """One reporting unit: the indicators it reports for the province, those it reports by district, its tasks."""

    unit: str
    name: str
    indicators: tuple[str, ...]
    by_district: tuple[str, ...]
    tasks: tuple[str, ...]

    @property
    def all_indicators(self) -> tuple[str, ...]:
        return (*self.indicators, *(i for i in self.by_district if i not in self.indicators))

    def file_name(self, year: int) -> str:
        """The workbook's file name: the unit's id (its short ASCII name in the registry) and the year."""
        return f"{self.unit}_{year}.xlsx"


@dataclass(frozen=True)
class Collection:
    """The assignment of a year: derived from the plan, completed by the collection file when there is one."""

    year: int
    units: tuple[UnitAssignment, ...]
    collector: str | None = None
    deadline: dt.date | None = None
    districts: tuple[str, ...] = ()
    path: str | None = None  # the collection file, None when derived from the plan alone
    notes: dict[str, str] = field(default_factory=dict)  # unit -> the note of its entry in the file
    index: UnitIndex | None = field(default=None, repr=False, compare=False)  # the plan's units, found by name

    def unit(self, unit_id: str) -> UnitAssignment | None:
        return next((u for u in self.units if u.unit == unit_id), None)

    def task_reporters(self, task_id: str) -> tuple[str, ...]:
        return tuple(u.unit for u in self.units if task_id in u.tasks)

    def task_map(self) -> dict[str, tuple[str, ...]]:
        """Task id -> the units that report it (the co-leads whose statuses make the task's)."""
        out: dict[str, tuple[str, ...]] = {}
        for u in self.units:
            for tid in u.tasks:
                out[tid] = (*out.get(tid, ()), u.unit)
        return out

    def indicator_reporters(self, ind_id: str) -> tuple[str, ...]:
        return tuple(u.unit for u in self.units if ind_id in u.all_indicators)

    def by_file_name(self, name: str) -> UnitAssignment | None:
        """The unit a file is named after: its id with or without the year (so_gddt_2024.xlsx, so-gddt.xlsx), else
        a name the plan's unit index knows (Sở Nội vụ 2024.xlsx, noi vu.xlsx: accents optional)."""
        stem = re.sub(r"[\s_.-]*(19|20)[0-9]{2}$", "", Path(name).stem)
        key = re.sub(r"[\s-]+", "_", stem.casefold())
        found = next((u for u in self.units if u.unit == key), None)
        if found is None and self.index is not None and len(stem) >= 4:
            try:
                found = self.unit(self.index.find(stem.replace("_", " ")).id)
            except UnknownName:
                return None
        return found


def collection_path(plan: Plan) -> Path:
    """Where a plan's collection file lies: beside its targets file, named after the plan's year."""
    return Path(plan.targets_path).parent / f"collection_{plan.targets.plan.year}.yaml"


def derive(plan: Plan, file: CollectionFile | None = None, path: str | None = None) -> Collection:
    """Each unit's indicators and tasks: the plan's leads, then the file's additions; units that lead nothing and
    the file's not-reporting units are left out. Ids keep the plan's order."""
    ind_order = [i.id for i in plan.targets.indicators]
    task_order = [t.id for t in plan.tasks.tasks]
    province: dict[str, set[str]] = {u.id: set() for u in plan.tasks.units}
    district: dict[str, set[str]] = {u.id: set() for u in plan.tasks.units}
    tasks: dict[str, set[str]] = {u.id: set() for u in plan.tasks.units}
    for ind in plan.targets.indicators:
        for u in ind.lead:
            province.setdefault(u, set()).add(ind.id)
    for task in plan.tasks.tasks:
        for u in task.lead:
            tasks.setdefault(u, set()).add(task.id)
    skip: set[str] = set()
    notes: dict[str, str] = {}
    if file is not None:
        for r in file.reporters:
            province.setdefault(r.unit, set()).update(r.indicators)
            district.setdefault(r.unit, set()).update(r.by_district)
            province[r.unit] -= set(r.by_district)  # reported by district instead
            tasks.setdefault(r.unit, set()).update(r.tasks)
            notes[r.unit] = r.note
        skip = {n.unit for n in file.not_reporting}
        notes.update({n.unit: n.note for n in file.not_reporting})
    units = []
    for org in plan.tasks.units:
        if org.id in skip:
            continue
        mine = UnitAssignment(
            org.id,
            org.name,
            tuple(i for i in ind_order if i in province[org.id]),
            tuple(i for i in ind_order if i in district[org.id]),
            tuple(t for t in task_order if t in tasks[org.id]),
        )
        if mine.indicators or mine.by_district or mine.tasks:
            units.append(mine)
    info = file.collection if file else None
    return Collection(
        plan.targets.plan.year,
        tuple(units),
        info.collector if info else None,
        info.deadline if info else None,
        tuple(file.districts.names) if file and file.districts else (),
        path,
        notes,
        UnitIndex(plan.tasks.units),
    )


def load_collection(plan: Plan, path: Path | str | None = None) -> tuple[Collection, list[Problem]]:
    """The assignment with the file given, else the one beside the plan, else the plan's alone; the file's
    problems (schema, then references: see collection_checks)."""
    from hrplan.plan.collection_checks import check_collection
    from hrplan.plan.load import validate_model
    from hrplan.plan.yamlsafe import load_file

    if path is None:
        beside = collection_path(plan)
        if not beside.is_file():
            return derive(plan), []
        path = beside
    loaded = load_file(path)
    if loaded.problems:
        return derive(plan), loaded.problems
    model, problems = validate_model(loaded, CollectionFile)
    if model is None:
        return derive(plan), problems
    problems = check_collection(plan, model, loaded)
    return derive(plan, model, loaded.path), problems


def checked_collection(plan: Plan, path: Path | str | None = None) -> Collection:
    """The assignment, or ProblemsFound with the collection file's errors."""
    from hrplan.core.errors import ProblemsFound
    from hrplan.core.problems import Severity

    collection, problems = load_collection(plan, path)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise ProblemsFound(errors, "the collection file has errors: run `hrplan validate` on it and fix what it lists")
    return collection
