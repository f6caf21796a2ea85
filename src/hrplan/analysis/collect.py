"""`hrplan collect`: which units' workbooks have come back and what is still missing — DHIS2's reporting-rate
summary for one year's collection. Pure analysis over the results readers: no rendering.

A file belongs to the unit its workbook names ('Đơn vị báo cáo'), else to the unit it is named after
(so_gddt_2024.xlsx); a file that names no unit of the assignment is unexpected. A unit has reported an indicator
when one of its files holds the year's value (for an indicator reported by district: every district's), and a
task when one of its files holds its status. A value for an indicator the unit does not report is a warning at
its cell; values that disagree across files and co-leads that disagree are the conflicts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from hrplan.analysis.tasks import disagreements, task_summary
from hrplan.core.jsontypes import JSONObject
from hrplan.core.paths import display_path
from hrplan.core.problems import Problem, Severity
from hrplan.core.text import fold
from hrplan.plan.collection import Collection, UnitAssignment
from hrplan.plan.model import Plan
from hrplan.results.measured import Results
from hrplan.results.merge import merge, read_file

SUFFIXES = (".xlsx", ".csv")


@dataclass(frozen=True)
class FileReturn:
    """One file of the folder: the unit it belongs to and how that was decided ('workbook' or 'file name')."""

    path: str
    unit: str | None
    by: str | None
    named: str | None = None  # the reporting unit the workbook names, when it is no unit of the assignment


@dataclass(frozen=True)
class UnitReturn:
    """One reporting unit: its files, what it should report and what it has."""

    unit: str
    name: str
    files: tuple[str, ...]
    indicators_expected: tuple[str, ...]
    indicators_reported: tuple[str, ...]
    tasks_expected: tuple[str, ...]
    tasks_reported: tuple[str, ...]
    districts_missing: dict[str, list[str]] = field(default_factory=dict)  # indicator -> districts without a value

    @property
    def indicators_missing(self) -> list[str]:
        return [i for i in self.indicators_expected if i not in self.indicators_reported]

    @property
    def tasks_missing(self) -> list[str]:
        return [t for t in self.tasks_expected if t not in self.tasks_reported]

    @property
    def status(self) -> str:
        """'complete'; 'partial' (came back, something missing); 'empty' (came back with nothing of the year);
        'not_returned'."""
        if not self.files:
            return "not_returned"
        if not self.indicators_missing and not self.tasks_missing:
            return "complete"
        return "partial" if self.indicators_reported or self.tasks_reported else "empty"


@dataclass(frozen=True)
class Collected:
    year: int
    collection: Collection
    units: tuple[UnitReturn, ...]
    files: tuple[FileReturn, ...]
    conflicts: list[Problem]
    problems: list[Problem]

    @property
    def unexpected(self) -> list[FileReturn]:
        return [f for f in self.files if f.unit is None]

    @property
    def missing(self) -> bool:
        """Anything expected not yet reported."""
        return any(u.status != "complete" for u in self.units)

    def as_json(self) -> JSONObject:
        """{"year", "units": [{"unit", "name", "files", "indicators_expected", "indicators_reported",
        "tasks_expected", "tasks_reported", …}], "unexpected_files", …} (keys are added, never renamed)."""
        c = self.collection
        returned = [u for u in self.units if u.files]
        return {
            "year": self.year,
            "collector": c.collector,
            "deadline": c.deadline.isoformat() if c.deadline else None,
            "collection": display_path(c.path) if c.path else None,
            "expected": len(self.units),
            "returned": len(returned),
            "complete": sum(1 for u in self.units if u.status == "complete"),
            "rate": round(100 * len(returned) / len(self.units), 2) if self.units else None,
            "units": [
                {
                    "unit": u.unit,
                    "name": u.name,
                    "files": list(u.files),
                    "indicators_expected": list(u.indicators_expected),
                    "indicators_reported": list(u.indicators_reported),
                    "tasks_expected": list(u.tasks_expected),
                    "tasks_reported": list(u.tasks_reported),
                    "status": u.status,
                    "indicators_missing": u.indicators_missing,
                    "tasks_missing": u.tasks_missing,
                    "districts_missing": {k: list(v) for k, v in u.districts_missing.items()},
                }
                for u in self.units
            ],
            "unexpected_files": [f.path for f in self.unexpected],
            "files": [{"file": f.path, "unit": f.unit, "by": f.by, "named": f.named} for f in self.files],
            "conflicts": [{**p.as_dict(), "path": display_path(p.path)} for p in self.conflicts],
            "problems": [{**p.as_dict(), "path": display_path(p.path)} for p in self.problems],
        }


def folder_files(folder: Path) -> list[Path]:
    """The results files of a folder: workbooks and CSV, without Excel's lock files (~$…) and hidden files."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", "."))
    )


def _owner(path: Path, res: Results, collection: Collection) -> tuple[FileReturn, list[Problem]]:
    """The unit a file belongs to, and a warning when its name points to another unit."""
    shown = display_path(str(path))
    by_name = collection.by_file_name(path.name)
    named = res.unit
    if named is not None:
        owner = collection.unit(named)
        if owner is None:
            return FileReturn(shown, None, None, named), []
        warn = []
        if by_name is not None and by_name.unit != named:
            warn.append(Problem(str(path), None, None, "file-name", f"the file is named after {by_name.name}, but "
                                f"the workbook names {owner.name} as its reporting unit: counted for {owner.name}",
                                Severity.WARNING))  # fmt: skip
        return FileReturn(shown, named, "workbook"), warn
    if by_name is not None:
        return FileReturn(shown, by_name.unit, "file name"), []
    return FileReturn(shown, None, None), []


def _unit_return(a: UnitAssignment, files: list[tuple[Path, Results]], year: int, districts: tuple[str, ...]) -> tuple[
    UnitReturn, list[Problem]
]:  # fmt: skip
    province = {m.id for _, r in files for m in r.values if m.year == year and m.area is None}
    by_area: dict[str, set[str]] = {}
    for _, r in files:
        for m in r.values:
            if m.year == year and m.area:
                by_area.setdefault(m.id, set()).add(fold(m.area))
    gaps = {i: [d for d in districts if fold(d) not in by_area.get(i, set())] for i in a.by_district}
    reported = [i for i in a.indicators if i in province] + [i for i in a.by_district if not gaps[i]]
    gaps = {i: ds for i, ds in gaps.items() if ds and i in by_area}  # some districts in, these still out
    statuses = {s.id for _, r in files for s in r.statuses if s.unit in (a.unit, None)}
    warnings = []
    mine = set(a.all_indicators)
    for _, r in files:
        for m in r.values:
            if m.year == year and m.id not in mine:
                warnings.append(m.where.problem("not-its-indicator", f"{m.id} is not among the indicators "
                                                f"{a.name} reports: the value is read, but check who should report it",
                                                Severity.WARNING))  # fmt: skip
        for s in r.statuses:
            if s.unit in (a.unit, None) and s.id not in a.tasks:
                warnings.append(s.where.problem("not-its-task", f"task {s.id} is not among the tasks {a.name} "
                                                "reports: its status is read, but check who should report it",
                                                Severity.WARNING))  # fmt: skip
    files_shown = tuple(display_path(str(p)) for p, _ in files)
    expected = a.all_indicators
    return UnitReturn(a.unit, a.name, files_shown, expected, tuple(i for i in expected if i in reported), a.tasks,
                      tuple(t for t in a.tasks if t in statuses), gaps), warnings  # fmt: skip


def collect(
    plan: Plan, collection: Collection, paths: list[Path], year: int, as_of: dt.date | None = None
) -> Collected:
    """The year's returns: every unit of the assignment with its files and what is missing, the files that belong
    to no unit, the conflicts and the problems of each file."""
    read = [(p, read_file(p, plan, u.unit if (u := collection.by_file_name(p.name)) else None)) for p in paths]
    owners: list[FileReturn] = []
    problems: list[Problem] = []
    by_unit: dict[str, list[tuple[Path, Results]]] = {}
    for path, res in read:
        owner, warn = _owner(path, res, collection)
        owners.append(owner)
        problems += warn
        if owner.unit is not None:
            by_unit.setdefault(owner.unit, []).append((path, res))
    units = []
    for a in collection.units:
        ret, warn = _unit_return(a, by_unit.get(a.unit, []), year, collection.districts)
        units.append(ret)
        problems += warn
    merged = merge(r for _, r in read)
    summary = task_summary(plan, merged.statuses, as_of or dt.date.today(), collection.task_map())
    conflicts = [p for p in merged.problems if p.code == "conflict"] + disagreements(plan, summary)
    problems = [p for p in merged.problems if p.code != "conflict"] + problems
    return Collected(year, collection, tuple(units), tuple(owners), conflicts, problems)
