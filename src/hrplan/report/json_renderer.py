"""compare's JSON: the reading as data for scripts. The keys are a public interface: add, never rename."""

from __future__ import annotations

from hrplan.analysis.progress import required_path
from hrplan.analysis.ratios import Comparison
from hrplan.analysis.reading import AreaReading, YearReading
from hrplan.core.jsontypes import JSONObject, JSONValue, dumps
from hrplan.core.paths import display_path, displayed
from hrplan.plan.queries import goal_json
from hrplan.report.registry import RenderOptions


def reasons(c: Comparison) -> dict[str, JSONValue]:
    """Why each null comparison cell is null."""
    out: dict[str, JSONValue] = {}
    if c.ratio_previous.reason:
        out["ratio_previous"] = c.ratio_previous.reason
    out.update({f"ratio_targets.{s}": r.reason for s, r in c.ratio_targets.items() if r.reason})
    if c.ratio_2030.reason:
        out["ratio_2030"] = c.ratio_2030.reason
    return out


def trend_json(c: Comparison, horizon: int) -> JSONObject:
    """The series from the baseline year to this year, and the path that reaches the goal at the horizon."""
    path = required_path(c.progress, horizon) if c.progress is not None else {}
    return {
        "series": [{"year": y, "value": v} for y, v in c.history.items()],
        "path": [{"year": y, "value": v} for y, v in path.items()],
    }


def row_json(c: Comparison, horizon: int) -> JSONObject:
    """One indicator: results, unrounded ratios in percent, readings, reasons for nulls, notes, provenance."""
    ind = c.indicator
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
        "targets": dict(c.targets),
        "ratio_targets": {s: r.value for s, r in c.ratio_targets.items()},
        "goal_2030": goal_json(c.goal_2030),
        "goal_2030_bound": None if c.goal_bound is None else {"value": c.goal_bound, "which": c.goal_bound_kind},
        "ratio_2030": c.ratio_2030.value,
        "met": dict(c.met),
        "verdicts": {s: c.verdict(s).value for s in c.targets},
        "met_2030": c.met_2030,
        "gap_2030": c.gap_2030,
        "next_targets": dict(c.next_targets),
        "reasons": reasons(c),
        "notes": [{"year": m.year, "note": m.note, "source": displayed(str(m.where), m.file)} for m in c.notes],
        "sources": [displayed(str(m.where), m.file) for m in c.sources],
        "progress_2030": None if c.progress is None else {**c.progress.as_json(), "tone": c.progress.tone},
        "trend": trend_json(c, horizon),
        "lead": list(ind.lead),
        "partners": list(ind.partners),
    }


def summary_json(a: AreaReading) -> JSONObject:
    s = a.summary
    return {
        "area": a.area,
        "with_targets": s.with_targets,
        "met_targets": s.met_targets,
        "with_goal": s.with_goal,
        "reached_goal": s.reached_goal,
        "missing": s.missing,
        "missed": [{"id": m.row.indicator.id, "source": m.source} for m in a.missed],
        "empty": a.empty,
    }


def reading_json(reading: YearReading) -> JSONObject:
    """{"year", "horizon", "method", "target_sources", "inputs", "indicators" (one entry per area and
    indicator), "summaries" (one per area), "tasks", "problems"}."""
    return {
        "year": reading.year,
        "horizon": reading.horizon,
        "method": reading.method,
        "baseline_year": reading.baseline_year,
        "target_sources": reading.sources,
        "inputs": list(reading.inputs),
        "indicators": [row_json(r, reading.horizon) for r in reading.rows],
        "summaries": [summary_json(a) for a in reading.areas],
        "tasks": reading.tasks.as_json(),
        "problems": [{**p.as_dict(), "path": display_path(p.path)} for p in reading.problems],
    }


def render(reading: YearReading, options: RenderOptions) -> str:
    return dumps(reading_json(reading)) + "\n"
