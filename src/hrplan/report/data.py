"""Comparison rows as plain data: the JSON and CSV forms scripts read."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hrplan.analysis.ratios import Comparison
from hrplan.analysis.rows import Analysis
from hrplan.core.problems import Problem
from hrplan.plan.queries import goal_json
from hrplan.report.problems import display_path
from hrplan.report.xlsxsafe import csv_safe


def row_json(c: Comparison) -> dict[str, Any]:
    """One indicator: results, unrounded ratios in percent, readings, reasons for nulls, provenance."""
    ind = c.indicator
    reasons = {}
    if c.ratio_previous.reason:
        reasons["ratio_previous"] = c.ratio_previous.reason
    reasons.update({f"ratio_targets.{s}": r.reason for s, r in c.ratio_targets.items() if r.reason})
    if c.ratio_2030.reason:
        reasons["ratio_2030"] = c.ratio_2030.reason
    return {
        "id": ind.id,
        "group": ind.group,
        "name": ind.name,
        "name_en": ind.name_en,
        "unit": ind.unit,
        "direction": ind.direction,
        "area": c.area,
        "year": c.year,
        "result": c.result,
        "previous": c.previous,
        "ratio_previous": c.ratio_previous.value,
        "targets": c.targets,
        "ratio_targets": {s: r.value for s, r in c.ratio_targets.items()},
        "goal_2030": goal_json(c.goal_2030),
        "goal_2030_bound": None if c.goal_bound is None else {"value": c.goal_bound, "which": c.goal_bound_kind},
        "ratio_2030": c.ratio_2030.value,
        "met": c.met,
        "met_2030": c.met_2030,
        "gap_2030": c.gap_2030,
        "reasons": reasons,
        "sources": [_relative(m.where) for m in c.sources],
        "progress_2030": c.progress.as_json() if c.progress is not None else None,
        "lead": ind.lead,
        "partners": ind.partners,
    }


def _relative(where: Any) -> str:
    text = str(where)
    path = getattr(where, "file", None)
    return text.replace(path, display_path(path), 1) if path else text


def compare_json(analyses: list[Analysis], problems: list[Problem], tasks: dict[str, Any] | None = None) -> str:
    """{"year": Y, "indicators": [...], "tasks": {...}, "problems": [...]} (one entry per area and indicator)."""
    year = analyses[0].year if analyses else None
    body = {
        "year": year,
        "indicators": [row_json(r) for a in analyses for r in a.rows],
        "tasks": tasks,
        "problems": [{**p.as_dict(), "path": display_path(p.path)} for p in problems],
    }
    return json.dumps(body, ensure_ascii=False, indent=2)


def compare_csv(analyses: list[Analysis]) -> str:
    """A flat table: one row per area and indicator; ratios per target source in their own columns."""
    sources = sorted({s for a in analyses for r in a.rows for s in r.targets})
    head = [
        "area",
        "id",
        "name",
        "unit",
        "direction",
        "year",
        "previous",
        "result",
        "ratio_previous",
        *[f"target_{s}" for s in sources],
        *[f"ratio_{s}" for s in sources],
        *[f"met_{s}" for s in sources],
        "goal_2030",
        "ratio_2030",
        "met_2030",
        "gap_2030",
    ]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(head)
    for a in analyses:
        for r in a.rows:
            goal = goal_json(r.goal_2030)
            w.writerow(
                [
                    csv_safe(r.area or ""),
                    r.indicator.id,
                    csv_safe(r.indicator.name),
                    r.indicator.unit,
                    r.indicator.direction,
                    r.year,
                    _num(r.previous),
                    _num(r.result),
                    _num(r.ratio_previous.value),
                    *[_num(r.targets.get(s)) for s in sources],
                    *[_num(r.ratio_targets[s].value) if s in r.ratio_targets else "" for s in sources],
                    *[_bool(r.met.get(s)) for s in sources],
                    "-".join(f"{g:g}" for g in goal) if isinstance(goal, list) else _num(goal),
                    _num(r.ratio_2030.value),
                    _bool(r.met_2030),
                    _num(r.gap_2030),
                ]
            )
    return buf.getvalue()


def _num(v: float | None) -> str:
    return "" if v is None else repr(float(v))


def _bool(v: bool | None) -> str:
    return "" if v is None else str(v).lower()
