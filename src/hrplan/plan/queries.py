"""Plain-data views of the plan for listing and JSON output."""

from __future__ import annotations

from typing import Literal, TypedDict

from hrplan.plan.model import (
    Direction,
    Goal,
    Noted,
    OrgUnit,
    Plan,
    Unit,
    goal_bounds,
    number,
    numbered_id,
    parent_id,
)
from hrplan.plan.units import UnitIndex

Role = Literal["lead", "partner"]


class IndicatorRow(TypedDict):
    """One indicator as `hrplan indicators --format json` prints it (keys in this order)."""

    id: str
    group: str
    name: str
    name_en: str
    unit: Unit
    direction: Direction
    goal_2030: float | list[float] | None
    targets: dict[str, dict[str, float]]  # year -> source -> value
    lead: list[str]
    partners: list[str]
    ref: str
    notes: list[str]


class QuantityRow(TypedDict):
    value: float
    unit: str
    what: str
    approximate: bool  # printed with 'khoảng' (about)


class TaskRow(TypedDict):
    """One task as `hrplan tasks --format json` prints it (keys in this order)."""

    id: str
    parent: str | None
    title: str
    text: str | None
    lead: list[str]
    partners: list[str]
    lead_section_iii: list[str]
    deadline: str | None  # ISO date
    quantities: list[QuantityRow]
    indicators: list[str]
    notes: list[str]


class AssignmentMatrix(TypedDict):
    """`hrplan tasks --matrix --format json`."""

    units: list[str]
    tasks: list[str]
    cells: dict[str, dict[str, Role]]  # task -> unit -> role


def goal_json(goal: Goal | None) -> float | list[float] | None:
    """A goal as JSON: a number, [low, high], or null."""
    if goal is None:
        return None
    lo, hi = goal_bounds(goal)
    return lo if lo == hi else [lo, hi]


def indicator_rows(plan: Plan) -> list[IndicatorRow]:
    """Every indicator with its goal, targets by year and source, and units."""
    rows: list[IndicatorRow] = []
    for ind in plan.targets.indicators:
        notes = list(ind.notes)
        targets: dict[str, dict[str, float]] = {}
        for year, by_source in sorted(ind.targets.items()):
            targets[str(year)] = {s: number(v) for s, v in by_source.items()}
            notes += [f"{s} {year}: {v.note}" for s, v in by_source.items() if isinstance(v, Noted)]
        rows.append(
            {
                "id": ind.id,
                "group": ind.group,
                "name": ind.name,
                "name_en": ind.name_en,
                "unit": ind.unit,
                "direction": ind.direction,
                "goal_2030": goal_json(ind.goal_2030),
                "targets": targets,
                "lead": ind.lead,
                "partners": ind.partners,
                "ref": ind.ref,
                "notes": notes,
            }
        )
    return rows


def find_unit(plan: Plan, name: str) -> OrgUnit:
    """The unit whose id, full name or short form matches `name` (case and accents ignored)."""
    return UnitIndex(plan.tasks.units).find(name)


def _under(tid: str, refs: list[str]) -> bool:
    """Whether a task is one of refs or under one of them ('4.6.a' is under '4' and '4.6')."""
    return any(tid == ref or tid.startswith(ref + ".") for ref in refs)


def section_iii_leads(plan: Plan) -> dict[str, list[str]]:
    """Task id -> the units section III says lead it (heading ids expanded, exceptions removed)."""
    out: dict[str, list[str]] = {t.id: [] for t in plan.tasks.tasks}
    for a in plan.tasks.section_iii:
        for tid, units in out.items():
            if _under(tid, a.leads) and not _under(tid, a.except_) and a.unit not in units:
                units.append(a.unit)
    return out


def section_iii_duties(plan: Plan) -> dict[str, list[str]]:
    """Task id -> the units a duty of section III names it for (who carries it out), heading ids expanded."""
    out: dict[str, list[str]] = {t.id: [] for t in plan.tasks.tasks}
    for a in plan.tasks.section_iii:
        for d in a.duties:
            unit = d.carried_out_by or a.unit
            for tid, units in out.items():
                if _under(tid, d.tasks) and unit not in units:
                    units.append(unit)
    return out


def section_iii_everywhere(plan: Plan) -> set[str]:
    """The units section III gives a part in every task ('phối hợp … thực hiện các nhiệm vụ khác')."""
    return {d.carried_out_by or a.unit for a in plan.tasks.section_iii for d in a.duties if d.every_task}


def task_rows(plan: Plan, unit: str | None = None, role: str = "any") -> list[TaskRow]:
    """Tasks as plain data, optionally only those a unit leads or coordinates."""
    sec3 = section_iii_leads(plan)
    wanted = find_unit(plan, unit).id if unit else None
    rows: list[TaskRow] = []
    for t in plan.tasks.tasks:
        if wanted:
            roles = {"lead": t.lead, "partner": t.partners, "any": [*t.lead, *t.partners]}[role]
            if wanted not in roles:
                continue
        rows.append(
            {
                "id": t.id,
                "parent": parent_id(t.id),
                "title": t.title,
                "text": t.text,
                "lead": t.lead,
                "partners": t.partners,
                "lead_section_iii": sec3.get(t.id, []),
                "deadline": t.deadline.isoformat() if t.deadline else None,
                "quantities": [
                    {"value": q.value, "unit": q.unit, "what": q.what, "approximate": q.approximate}
                    for q in t.quantities
                ],
                "indicators": t.indicators,
                "notes": t.notes,
            }
        )
    return rows


def assignment_matrix(plan: Plan) -> AssignmentMatrix:
    """{"units": [...], "tasks": [...], "cells": {task: {unit: "lead" | "partner"}}} over appendix 02's numbered
    tasks; a task's '-' items count for it."""
    cells: dict[str, dict[str, Role]] = {}
    for t in plan.tasks.tasks:
        key = numbered_id(t.id)
        if "." not in key:
            continue
        row = cells.setdefault(key, {})
        for u in t.partners:
            row.setdefault(u, "partner")
        for u in t.lead:
            row[u] = "lead"
    used = {u for row in cells.values() for u in row}
    return {
        "units": [u.id for u in plan.tasks.units if u.id in used],
        "tasks": [k for k, row in cells.items() if row],
        "cells": {k: v for k, v in cells.items() if v},
    }
