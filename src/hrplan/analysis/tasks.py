"""The tasks of a year's reading: each task's status from its co-leads' own, completion by lead unit and the
tasks overdue as of a date. Pure: no I/O.

A task led by several units (co-leads) is reported by each of them. Their statuses are kept side by side, each
with its unit, and the task's own status follows one rule: **done** only when every co-lead says done; **in
progress** when any has started (in progress or done); otherwise **not started**. A co-lead that has not
reported has not said done. A status from a file that names no reporting unit speaks for every co-lead that has
not reported its own (a consolidated sheet, as before units were named). Co-leads that disagree are a warning
listing each one's status and cell, never an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from hrplan.core.jsontypes import JSONObject
from hrplan.core.paths import displayed
from hrplan.core.problems import Problem, Severity
from hrplan.plan.model import Plan
from hrplan.results.measured import TaskStatus
from hrplan.results.taskstatus import STATUSES

NOT_REPORTED = "not_reported"
_ORDER = ("not_started", "in_progress", "done")


@dataclass(frozen=True, slots=True)
class UnitCompletion:
    """One lead unit: how many of the tasks it leads are done, in progress, not started, not reported."""

    unit: str
    name: str
    tasks: int
    done: int
    in_progress: int
    not_started: int
    not_reported: int


@dataclass(frozen=True, slots=True)
class OverdueTask:
    id: str
    deadline: dt.date
    status: str  # a status id, or NOT_REPORTED
    lead: tuple[str, ...]
    title: str


@dataclass(frozen=True, slots=True)
class TaskReport:
    """One reported task: its status by the rule, the units expected to report it, and each status as reported."""

    id: str
    status: str
    co_leads: tuple[str, ...]
    voices: tuple[TaskStatus, ...]

    def of(self, unit: str) -> str | None:
        """The unit's own status (the least advanced when it reported twice), or the status of a file naming no
        unit; None when it has not reported."""
        own = [v.status for v in self.voices if v.unit == unit] or [v.status for v in self.voices if v.unit is None]
        return min(own, key=_ORDER.index) if own else None

    @property
    def disagree(self) -> bool:
        return len({v.status for v in self.voices}) > 1

    @property
    def side_by_side(self) -> list[tuple[str | None, str | None]]:
        """(unit, status) of each co-lead, then of any other unit that reported; (None, status) for a file that
        names no unit when no co-lead is known."""
        units = [*self.co_leads, *dict.fromkeys(v.unit for v in self.voices if v.unit and v.unit not in self.co_leads)]
        if not units:
            return [(None, v.status) for v in self.voices]
        return [(u, self.of(u)) for u in units]


def overall(co_leads: tuple[str, ...], voices: tuple[TaskStatus, ...]) -> str:
    """The task's status by the rule above (voices is not empty)."""
    unitless = [v.status for v in voices if v.unit is None]
    by_unit: dict[str, list[str]] = {}
    for v in voices:
        if v.unit is not None:
            by_unit.setdefault(v.unit, []).append(v.status)
    states: list[str | None] = []
    for u in co_leads:
        states += by_unit.get(u) or unitless or [None]
    states += [s for u, said in by_unit.items() if u not in co_leads for s in said]
    if not co_leads:
        states += unitless
    if all(s == "done" for s in states):
        return "done"
    if any(s in ("done", "in_progress") for s in states):
        return "in_progress"
    return "not_started"


@dataclass(frozen=True)
class TaskSummary:
    as_of: dt.date
    statuses: tuple[TaskStatus, ...]  # every status as reported, each with its unit
    completion: tuple[UnitCompletion, ...]
    overdue: tuple[OverdueTask, ...]
    reports: tuple[TaskReport, ...] = ()  # one per reported task, in the plan's order

    @property
    def reported(self) -> int:
        return len(self.reports)

    def report_of(self, task_id: str) -> TaskReport | None:
        return next((r for r in self.reports if r.id == task_id), None)

    def status_of(self, task_id: str) -> str | None:
        report = self.report_of(task_id)
        return report.status if report else None

    @property
    def shared(self) -> list[TaskReport]:
        """Tasks with several co-leads or several reporting units: the ones shown side by side."""
        return [r for r in self.reports if len(r.side_by_side) > 1]

    def as_json(self) -> JSONObject:
        """compare's JSON "tasks" object (the keys are a public interface: add, never rename)."""
        return {
            "as_of": self.as_of.isoformat(),
            "reported": self.reported,
            "statuses": {r.id: r.status for r in self.reports},
            "notes": {r.id: notes for r in self.reports if (notes := _notes(r))},
            "completion": [
                {
                    "unit": c.unit,
                    "name": c.name,
                    "tasks": c.tasks,
                    "done": c.done,
                    "in_progress": c.in_progress,
                    "not_started": c.not_started,
                    "not_reported": c.not_reported,
                }
                for c in self.completion
            ],
            "overdue": [
                {
                    "id": t.id,
                    "deadline": t.deadline.isoformat(),
                    "status": t.status,
                    "lead": list(t.lead),
                    "title": t.title,
                }
                for t in self.overdue
            ],
            "rule": "done only when every co-lead says done; in progress when any has started; otherwise not started",
            "co_leads": {r.id: list(r.co_leads) for r in self.reports},
            "by_unit": {
                r.id: [
                    {
                        "unit": v.unit,
                        "status": v.status,
                        "note": v.note,
                        "evidence": v.evidence,
                        "where": displayed(str(v.where), v.where.file),
                    }
                    for v in r.voices
                ]
                for r in self.reports
            },
            "side_by_side": {r.id: {u or "": s or NOT_REPORTED for u, s in r.side_by_side} for r in self.shared},
            "disagreements": [r.id for r in self.reports if r.disagree],
        }


def _notes(r: TaskReport) -> dict[str, str | None]:
    """The note and evidence of a task: one unit's as given; several units' joined, each after its unit."""
    voiced = [v for v in r.voices if v.note or v.evidence]
    if len(voiced) <= 1:
        return {"note": voiced[0].note, "evidence": voiced[0].evidence} if voiced else {}

    def joined(key: str) -> str | None:
        parts = [f"{v.unit or '?'}: {getattr(v, key)}" for v in voiced if getattr(v, key)]
        return "; ".join(parts) or None

    return {"note": joined("note"), "evidence": joined("evidence")}


def completion(plan: Plan, reports: Mapping[str, TaskReport], co_leads: Mapping[str, tuple[str, ...]]) -> tuple[
    UnitCompletion, ...
]:  # fmt: skip
    """Per lead unit, in the registry's order, each task counted by the unit's own status; units that lead
    nothing are left out."""
    out = []
    for unit in plan.tasks.units:
        mine = [t.id for t in plan.tasks.tasks if unit.id in co_leads.get(t.id, ())]
        if not mine:
            continue
        counts = {"done": 0, "in_progress": 0, "not_started": 0, NOT_REPORTED: 0}
        for tid in mine:
            report = reports.get(tid)
            counts[(report.of(unit.id) if report else None) or NOT_REPORTED] += 1
        out.append(
            UnitCompletion(
                unit.id,
                unit.name,
                len(mine),
                counts["done"],
                counts["in_progress"],
                counts["not_started"],
                counts[NOT_REPORTED],
            )
        )
    return tuple(out)


def overdue(plan: Plan, statuses: Mapping[str, str], as_of: dt.date) -> tuple[OverdueTask, ...]:
    """Tasks whose deadline is before `as_of` and that are not reported done."""
    return tuple(
        OverdueTask(t.id, t.deadline, statuses.get(t.id, NOT_REPORTED), tuple(t.lead), t.title)
        for t in plan.tasks.tasks
        if t.deadline is not None and t.deadline < as_of and statuses.get(t.id) != "done"
    )


def task_summary(
    plan: Plan,
    statuses: list[TaskStatus],
    as_of: dt.date,
    reporters: Mapping[str, tuple[str, ...]] | None = None,
) -> TaskSummary:
    """The tasks of a reading. `reporters`: the units expected to report each task (the collection assignment);
    a task it does not list is reported by its lead units in the plan."""
    co_leads = {}
    for t in plan.tasks.tasks:
        given = (reporters or {}).get(t.id) or tuple(t.lead)
        co_leads[t.id] = (*(u for u in t.lead if u in given), *(u for u in given if u not in t.lead))  # plan order
    reports = {}
    for t in plan.tasks.tasks:
        voices = tuple(s for s in statuses if s.id == t.id)
        if voices:
            reports[t.id] = TaskReport(t.id, overall(co_leads[t.id], voices), co_leads[t.id], voices)
    by_id = {tid: r.status for tid, r in reports.items()}
    return TaskSummary(
        as_of,
        tuple(statuses),
        completion(plan, reports, co_leads),
        overdue(plan, by_id, as_of),
        tuple(reports.values()),
    )


def disagreements(plan: Plan, summary: TaskSummary) -> list[Problem]:
    """A warning for each task whose co-leads report different statuses, listing each one with its cell."""
    out = []
    for r in summary.reports:
        if not r.disagree:
            continue
        said = "; ".join(
            f"{plan.unit_name(v.unit) if v.unit else 'a file naming no unit'} says '{STATUSES[v.status][0]}' "
            f"({displayed(str(v.where), v.where.file)})"
            for v in r.voices
        )
        last = r.voices[-1].where
        out.append(
            last.problem(
                "co-leads-disagree",
                f"task {r.id}: the units disagree: {said}; the task counts as '{STATUSES[r.status][0]}' (done "
                "only when every co-lead says done)",
                Severity.WARNING,
            )
        )
    return out
