"""Task status as reported in a results workbook's tasks sheet: headers, ids, statuses, and merging files."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from hrplan.core.problems import Problem, Severity
from hrplan.core.text import clean_key, excerpt, fold
from hrplan.plan.model import Plan
from hrplan.results.measured import Provenance, TaskStatus, UnitLine
from hrplan.results.reporting import UnitNames
from hrplan.results.sheet import CellValue, Row

STATUSES = {
    "not_started": ("chưa triển khai", "not started"),
    "in_progress": ("đang triển khai", "in progress"),
    "done": ("hoàn thành", "done"),
}
_STATUS_WORDS = {
    "chua trien khai": "not_started",
    "chua thuc hien": "not_started",
    "not started": "not_started",
    "dang trien khai": "in_progress",
    "dang thuc hien": "in_progress",
    "in progress": "in_progress",
    "hoan thanh": "done",
    "da hoan thanh": "done",
    "done": "done",
    "completed": "done",
}
TASK_HEADERS = {
    "id": ("ma nhiem vu", "nhiem vu id", "task id", "task", "ma", "id", "tt"),
    "status": ("tinh trang", "trang thai", "status"),
    "note": ("ghi chu", "note", "notes"),
    "evidence": ("minh chung", "evidence"),
    "unit": ("don vi bao cao", "reporting unit"),  # the co-lead whose status the row is
}


def task_header(values: Sequence[CellValue]) -> dict[str, int] | None:
    """Columns of a tasks table when this row names a task id and a status column."""
    fields: dict[str, int] = {}
    for c, raw in enumerate(values):
        if not isinstance(raw, str):
            continue
        key = fold(raw)
        for name, aliases in TASK_HEADERS.items():
            if name not in fields and key in aliases:
                fields[name] = c
    return fields if {"id", "status"} <= fields.keys() else None


def parse_task_id(raw: object, known: set[str]) -> tuple[str | None, str | None]:
    """(id, error). Excel turns a typed 4.10 into the number 4.1, so a number is accepted only when unambiguous."""
    if isinstance(raw, bool):
        return None, f"'{raw}' is not a task id"
    if isinstance(raw, int) or (isinstance(raw, float) and raw.is_integer()):
        return str(int(raw)), None
    if isinstance(raw, float):
        text = repr(raw)
        if text + "0" in known:
            return None, (
                f"task id typed as the number {text}: Excel drops the trailing zero, so {text} and "
                f"{text}0 cannot be told apart. Format the column as Text and type the id again"
            )
        return text, None
    text = clean_key(str(raw)).rstrip(".")
    return (text or None), None


def parse_status(raw: object) -> str | None:
    return _STATUS_WORDS.get(fold(str(raw))) if raw is not None else None


def read_task_rows(
    rows: Iterable[Row],
    fields: dict[str, int],
    plan: Plan,
    where: Callable[[int, int], Provenance],
    unit: str | None = None,
    names: UnitNames | None = None,
) -> tuple[list[TaskStatus], list[Problem]]:
    """Statuses of a tasks table, each with its reporting unit: the row's 'Đơn vị báo cáo' cell, else `unit` (the
    sheet's line), else None (the file's unit is set later); unknown ids, statuses and units are problems at their
    cell."""
    known = {t.id for t in plan.tasks.tasks}
    names = names or UnitNames(plan)
    out: list[TaskStatus] = []
    problems: list[Problem] = []

    def cell(row: Sequence[CellValue], key: str) -> CellValue:
        c = fields.get(key)
        return row[c] if c is not None and c < len(row) else None

    for n, row, _ in rows:
        raw_id, raw_status = cell(row, "id"), cell(row, "status")
        if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
            continue
        tid, error = parse_task_id(raw_id, known)
        if error or tid is None:
            problems.append(where(n, fields["id"]).problem("bad-task-id", error or "empty task id"))
            continue
        if tid not in known:
            problems.append(
                where(n, fields["id"]).problem(
                    "unknown-task",
                    f"unknown task id '{excerpt(tid)}': it is not in the plan (see `hrplan tasks`)",
                    Severity.WARNING,
                )
            )
            continue
        if raw_status is None or (isinstance(raw_status, str) and not raw_status.strip()):
            continue  # not reported
        status = parse_status(raw_status)
        if status is None:
            allowed = " / ".join(vi for vi, _ in STATUSES.values())
            problems.append(
                where(n, fields["status"]).problem(
                    "bad-status", f"task {tid}: unknown status '{excerpt(raw_status)}': use {allowed}"
                )
            )
            continue
        row_unit = unit
        raw_unit = cell(row, "unit")
        if raw_unit is not None and str(raw_unit).strip():
            text = " ".join(str(raw_unit).split())
            row_unit = names.resolve(text)
            bad = names.problem(UnitLine(row_unit, text, where(n, fields["unit"])))
            if bad:
                problems.append(bad)
                continue
        note, evidence = cell(row, "note"), cell(row, "evidence")
        out.append(
            TaskStatus(
                tid,
                status,
                str(note) if note else None,
                str(evidence) if evidence else None,
                where(n, fields["status"]),
                row_unit,
            )
        )
    return out, problems


def merge_statuses(parts: list[TaskStatus]) -> list[TaskStatus]:
    """Every unit's status of every task, kept with its unit: co-leads may differ (analysis/tasks.py decides the
    task's status and warns). The same status of the same task and unit given twice (a file given twice, two
    copies of a form) is kept once."""
    seen: set[tuple[str, str | None, str, str | None, str | None]] = set()
    out = []
    for s in parts:
        key = (s.id, s.unit, s.status, s.note, s.evidence)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
