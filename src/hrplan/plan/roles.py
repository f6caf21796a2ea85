"""Section III (Tổ chức thực hiện) against appendix 02 (Phân công nhiệm vụ), unit by unit, both ways, every kind of
unit:

- lead level, per numbered task (its lettered items count for it): a unit section III has lead the task ('chủ
  trì') that appendix 02 does not name as lead (`lead-not-in-appendix`), and a lead of appendix 02 that section III
  does not have lead it (`lead-not-in-section-iii`);
- partner level, per row of appendix 02: a unit section III gives a part in a task (by a duty naming the task, or as
  a lead whose difference the plan accepts, such as the districts' local lead) that a row of the task does not name
  at all (`partner-not-in-appendix`), and a partner of a row that section III gives no part in the task: no lead, no
  duty naming it, no part in every task (`partner-not-in-section-iii`). A lead that is already a lead-level finding is
  not reported again here.

A difference the plan means is listed under `accepted` in the tasks file with its note and comes out as INFO; an
accepted task that matches no difference is an error (`accepted-unmatched`), so the list cannot rot."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from hrplan.core.problems import Severity
from hrplan.plan.issues import Issue
from hrplan.plan.model import Plan, RoleCode, Task, numbered_id
from hrplan.plan.queries import section_iii_duties, section_iii_everywhere, section_iii_leads

LEAD_MISSING: RoleCode = "lead-not-in-appendix"
LEAD_EXTRA: RoleCode = "lead-not-in-section-iii"
PART_MISSING: RoleCode = "partner-not-in-appendix"
PART_EXTRA: RoleCode = "partner-not-in-section-iii"
HINT = "correct one side, or accept it with a note"

Rows = dict[str, list[tuple[int, Task]]]  # numbered task -> (position in the tasks file, row)


@dataclass(frozen=True)
class Difference:
    code: RoleCode
    unit: str
    task: str  # a numbered task (lead level; a partner missing from every row of it) or one row of appendix 02
    index: int  # the task's position in the tasks file
    message: str
    expected: list[str]  # what section III says
    found: list[str]  # what appendix 02 says
    note: str | None = None  # why the plan means it, when accepted


def _rows(plan: Plan) -> Rows:
    """Numbered task -> its rows of appendix 02 that name a unit (the task itself when none does)."""
    rows: Rows = {}
    for k, t in enumerate(plan.tasks.tasks):
        if "." in t.id:
            rows.setdefault(numbered_id(t.id), []).append((k, t))
    return {n: [(k, t) for k, t in rs if t.lead or t.partners] or rs[:1] for n, rs in rows.items()}


def _named(rs: list[tuple[int, Task]]) -> set[str]:
    return {u for _, t in rs for u in (*t.lead, *t.partners)}


def _lead_level(plan: Plan, rows: Rows) -> Iterator[Difference]:
    sec3, name = section_iii_leads(plan), plan.unit_name
    for n, rs in rows.items():
        k, named = rs[0][0], _named(rs)
        app, lead3 = sorted({u for _, t in rs for u in t.lead}), sorted(sec3.get(n, []))
        for u in (u for u in lead3 if u not in app):
            said = "names it only as partner" if u in named else "does not name it" if named else "names no unit"
            msg = f"task {n}: section III has {name(u)} lead it, appendix 02 {said}"
            yield Difference(LEAD_MISSING, u, n, k, msg, lead3, app)
        for u in (u for u in app if u not in lead3):
            msg = f"task {n}: appendix 02 names {name(u)} as lead, section III does not have it lead the task"
            yield Difference(LEAD_EXTRA, u, n, k, msg, lead3, app)


def _partner_level(plan: Plan, rows: Rows, reported: set[tuple[str, str]]) -> Iterator[Difference]:
    """`reported`: (unit, numbered task) of the lead-level findings, which this level does not repeat."""
    leads, duties, everywhere = section_iii_leads(plan), section_iii_duties(plan), section_iii_everywhere(plan)
    name = plan.unit_name
    for n, rs in rows.items():
        parts = {u: "by a duty" for u in duties.get(n, [])} | {u: "as lead" for u in leads.get(n, [])}
        expected = sorted(parts)
        for u, how in parts.items():
            gaps = [(k, t) for k, t in rs if u not in (*t.lead, *t.partners)]
            if not gaps or (u, n) in reported:
                continue
            said = f"gives {name(u)} a part in it ({how})"
            if len(gaps) == len(rs):
                msg = f"task {n}: section III {said}, appendix 02 names it in none of the task's rows"
                yield Difference(PART_MISSING, u, n, rs[0][0], msg, expected, sorted(_named(rs)))
                continue
            for k, t in gaps:
                msg = f"task {n}: section III {said}, appendix 02's row {t.id} does not name it"
                yield Difference(PART_MISSING, u, t.id, k, msg, expected, sorted({*t.lead, *t.partners}))
        for k, t in rs:
            for u in (u for u in t.partners if u not in parts and u not in everywhere):
                msg = f"task {t.id}: appendix 02 names {name(u)} as partner, section III gives it no part in the task"
                yield Difference(PART_EXTRA, u, t.id, k, msg, expected, sorted(t.partners))


def _accepted(plan: Plan) -> dict[tuple[str, str, str], str]:
    """(code, unit, task) -> the note of the accepted entry that lists it."""
    return {(a.code, a.unit, tid): a.note for a in plan.tasks.accepted for tid in a.tasks}


def differences(plan: Plan) -> list[Difference]:
    """Every difference between section III and appendix 02 (lead level first, in the order of the tasks), with the
    note of those the plan accepts."""
    accepted, rows = _accepted(plan), _rows(plan)
    leads = [replace(d, note=accepted.get((d.code, d.unit, d.task))) for d in _lead_level(plan, rows)]
    reported = {(d.unit, d.task) for d in leads if d.code == LEAD_MISSING and d.note is None}
    partners = _partner_level(plan, rows, reported)
    return [*leads, *(replace(d, note=accepted.get((d.code, d.unit, d.task))) for d in partners)]


def role_issues(plan: Plan) -> Iterator[Issue]:
    """The differences as Issues (INFO where accepted, with the note), then the accepted tasks that match none."""
    found = differences(plan)
    for d in found:
        field = "lead" if d.code in (LEAD_MISSING, LEAD_EXTRA) else "partners"
        loc = ("tasks", d.index, field)
        if d.note is None:
            yield Issue(d.code, d.task, loc, f"{d.message}: {HINT}", d.expected, d.found, Severity.WARNING, d.unit)
        else:
            message = f"{d.message} (accepted: {d.note})"
            yield Issue(d.code, d.task, loc, message, d.expected, d.found, Severity.INFO, d.unit)
    matched = {(d.code, d.unit, d.task) for d in found}
    for i, a in enumerate(plan.tasks.accepted):
        for k, tid in enumerate(a.tasks):
            if (a.code, a.unit, tid) not in matched:
                msg = f"accepted: there is no {a.code} difference for {a.unit} at task {tid}: remove it, or correct it"
                yield Issue(
                    "accepted-unmatched", tid, ("accepted", i, "tasks", k), msg, None, None, Severity.ERROR, a.unit
                )
