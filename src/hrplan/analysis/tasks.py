"""The tasks of a year's reading: completion by lead unit and the tasks overdue as of a date. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hrplan.core.jsontypes import JSONObject
from hrplan.plan.model import Plan
from hrplan.results.measured import TaskStatus

NOT_REPORTED = "not_reported"


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


@dataclass(frozen=True)
class TaskSummary:
    as_of: dt.date
    statuses: tuple[TaskStatus, ...]
    completion: tuple[UnitCompletion, ...]
    overdue: tuple[OverdueTask, ...]

    @property
    def reported(self) -> int:
        return len(self.statuses)

    def status_of(self, task_id: str) -> str | None:
        return next((s.status for s in self.statuses if s.id == task_id), None)

    def as_json(self) -> JSONObject:
        """compare's JSON "tasks" object (the keys are a public interface: add, never rename)."""
        return {
            "as_of": self.as_of.isoformat(),
            "reported": self.reported,
            "statuses": {s.id: s.status for s in self.statuses},
            "notes": {s.id: {"note": s.note, "evidence": s.evidence} for s in self.statuses if s.note or s.evidence},
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
        }


def completion(plan: Plan, statuses: dict[str, str]) -> tuple[UnitCompletion, ...]:
    """Per lead unit, in the registry's order; units that lead nothing are left out."""
    out = []
    for unit in plan.tasks.units:
        mine = [t.id for t in plan.tasks.tasks if unit.id in t.lead]
        if not mine:
            continue
        counts = {"done": 0, "in_progress": 0, "not_started": 0, NOT_REPORTED: 0}
        for tid in mine:
            counts[statuses.get(tid, NOT_REPORTED)] += 1
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


def overdue(plan: Plan, statuses: dict[str, str], as_of: dt.date) -> tuple[OverdueTask, ...]:
    """Tasks whose deadline is before `as_of` and that are not reported done."""
    return tuple(
        OverdueTask(t.id, t.deadline, statuses.get(t.id, NOT_REPORTED), tuple(t.lead), t.title)
        for t in plan.tasks.tasks
        if t.deadline is not None and t.deadline < as_of and statuses.get(t.id) != "done"
    )


def task_summary(plan: Plan, statuses: list[TaskStatus], as_of: dt.date) -> TaskSummary:
    by_id = {s.id: s.status for s in statuses}
    return TaskSummary(as_of, tuple(statuses), completion(plan, by_id), overdue(plan, by_id, as_of))
