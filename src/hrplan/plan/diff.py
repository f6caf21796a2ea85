"""What changed between two plan files (a year's targets file and the next, or two tasks files), for the analyst
to check against the new plan document. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hrplan.core.errors import ProblemsFound, UsageError
from hrplan.core.jsontypes import JSONObject, JSONValue
from hrplan.plan.files import companion
from hrplan.plan.load import M, kind_of, validate_model
from hrplan.plan.model import Goal, Indicator, Number, TargetsFile, Task, TasksFile, goal_bounds, number
from hrplan.plan.yamlsafe import Loaded, load_file


@dataclass(frozen=True)
class Change:
    """One difference: `what` changed at `where` (an indicator or task id and the field), from `before` to
    `after`; None on one side means added or removed."""

    what: str
    where: str
    before: JSONValue
    after: JSONValue

    @property
    def kind(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "changed"

    def text(self) -> str:
        if self.before is None:
            return f"+ {self.what} {self.where}: {_shown(self.after)}"
        if self.after is None:
            return f"- {self.what} {self.where}: {_shown(self.before)}"
        return f"~ {self.what} {self.where}: {_shown(self.before)} -> {_shown(self.after)}"

    def as_json(self) -> JSONObject:
        return {"kind": self.kind, "what": self.what, "where": self.where, "before": self.before, "after": self.after}


def _shown(v: JSONValue) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, list):
        return "[" + ", ".join(_shown(x) for x in v) + "]"
    return str(v)


def _goal(goal: Goal | None) -> JSONValue:
    if goal is None:
        return None
    lo, hi = goal_bounds(goal)
    return lo if lo == hi else [lo, hi]


def _value(v: Number | None) -> float | None:
    return None if v is None else number(v)


def _pairs(what: str, where: str, before: JSONValue, after: JSONValue) -> Iterator[Change]:
    if before != after:
        yield Change(what, where, before, after)


def diff_targets(a: TargetsFile, b: TargetsFile) -> list[Change]:
    """Plan facts, target sources, indicators, their goals, units, targets and published results."""
    out: list[Change] = []
    for field in ("id", "title", "issued", "year", "horizon", "baseline_year", "rolled_from"):
        before, after = getattr(a.plan, field), getattr(b.plan, field)
        out += _pairs("plan", field, None if before is None else str(before), None if after is None else str(after))
    for s in sorted(set(a.sources) | set(b.sources)):
        out += _pairs("source", s, a.sources[s].name if s in a.sources else None,
                      b.sources[s].name if s in b.sources else None)  # fmt: skip
    old = {i.id: i for i in a.indicators}
    new = {i.id: i for i in b.indicators}
    for ind_id in [*old, *(i for i in new if i not in old)]:
        if ind_id not in new:
            out.append(Change("indicator", ind_id, old[ind_id].name, None))
        elif ind_id not in old:
            out.append(Change("indicator", ind_id, None, new[ind_id].name))
        else:
            out += _indicator(old[ind_id], new[ind_id])
    return out


def _indicator(a: Indicator, b: Indicator) -> Iterator[Change]:
    i = a.id
    yield from _pairs("name", i, a.name, b.name)
    yield from _pairs("unit", i, a.unit, b.unit)
    yield from _pairs("direction", i, a.direction, b.direction)
    yield from _pairs("goal", i, _goal(a.goal_2030), _goal(b.goal_2030))
    yield from _pairs("lead", i, list(a.lead), list(b.lead))
    yield from _pairs("partners", i, list(a.partners), list(b.partners))
    for year in sorted(set(a.targets) | set(b.targets)):
        ta, tb = a.targets.get(year, {}), b.targets.get(year, {})
        for s in sorted(set(ta) | set(tb)):
            yield from _pairs("target", f"{i} {s} {year}", _value(ta.get(s)), _value(tb.get(s)))
    pa = a.published.results if a.published else {}
    pb = b.published.results if b.published else {}
    for year in sorted(set(pa) | set(pb)):
        yield from _pairs("result", f"{i} {year}", _value(pa.get(year)), _value(pb.get(year)))


def diff_tasks(a: TasksFile, b: TasksFile) -> list[Change]:
    """Units (their names) and tasks (title, lead, partners, deadline, quantities)."""
    out: list[Change] = []
    ua, ub = {u.id: u.name for u in a.units}, {u.id: u.name for u in b.units}
    for u in [*ua, *(x for x in ub if x not in ua)]:
        out += _pairs("unit", u, ua.get(u), ub.get(u))
    old = {t.id: t for t in a.tasks}
    new = {t.id: t for t in b.tasks}
    for tid in [*old, *(t for t in new if t not in old)]:
        if tid not in new:
            out.append(Change("task", tid, old[tid].title, None))
        elif tid not in old:
            out.append(Change("task", tid, None, new[tid].title))
        else:
            out += _task(old[tid], new[tid])
    return out


def _task(a: Task, b: Task) -> Iterator[Change]:
    i = a.id
    yield from _pairs("title", i, a.title, b.title)
    yield from _pairs("lead", i, list(a.lead), list(b.lead))
    yield from _pairs("partners", i, list(a.partners), list(b.partners))
    yield from _pairs("deadline", i, a.deadline.isoformat() if a.deadline else None,
                      b.deadline.isoformat() if b.deadline else None)  # fmt: skip
    qa = [f"{q.value:g} {q.unit}" for q in a.quantities]
    qb = [f"{q.value:g} {q.unit}" for q in b.quantities]
    yield from _pairs("quantities", i, qa, qb)


def diff_files(old: Path, new: Path) -> list[Change]:
    """The changes between two plan files of one kind; for two targets files with a tasks file beside each
    (not the same one), the tasks' changes too. ProblemsFound when a file is not a valid plan file."""
    a, b = load_file(old), load_file(new)
    if a.problems or b.problems:
        raise ProblemsFound([*a.problems, *b.problems], "nothing was compared: correct what is listed above")
    kind = kind_of(a)
    if kind is None or kind_of(b) != kind:
        raise UsageError(f"{old} and {new} are not two plan files of one kind (two targets files or two tasks files)")
    if kind == "tasks":
        return diff_tasks(_valid(a, TasksFile), _valid(b, TasksFile))
    changes = diff_targets(_valid(a, TargetsFile), _valid(b, TargetsFile))
    ta, tb = companion(Path(a.path), "tasks"), companion(Path(b.path), "tasks")
    if ta is not None and tb is not None and Path(ta.path).resolve() != Path(tb.path).resolve():
        changes += diff_tasks(_valid(ta, TasksFile), _valid(tb, TasksFile))
    return changes


def _valid(loaded: Loaded, model: type[M]) -> M:
    found, problems = validate_model(loaded, model)
    if loaded.problems or problems or found is None:
        raise ProblemsFound([*loaded.problems, *problems], f"{loaded.path}: fix it first (hrplan validate)")
    return found
