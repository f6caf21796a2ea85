"""compare's CSV: one row per area and indicator, full precision, for spreadsheets and scripts."""

from __future__ import annotations

import csv
import io

from hrplan.analysis.reading import YearReading
from hrplan.plan.queries import goal_json
from hrplan.report.registry import RenderOptions
from hrplan.report.xlsxsafe import csv_safe


def _num(v: float | None) -> str:
    return "" if v is None else repr(float(v))


def _bool(v: bool | None) -> str:
    return "" if v is None else str(v).lower()


def render(reading: YearReading, options: RenderOptions) -> str:
    """The columns of the first versions come first, in their order; later ones are appended."""
    sources = reading.sources
    nxt = reading.next_sources
    head = [
        "area", "id", "name", "unit", "direction", "year", "previous", "result", "ratio_previous",
        *[f"target_{s}" for s in sources], *[f"ratio_{s}" for s in sources], *[f"met_{s}" for s in sources],
        "goal_2030", "ratio_2030", "met_2030", "gap_2030",
        *[f"verdict_{s}" for s in sources], *[f"next_target_{s}" for s in nxt],
        "horizon", "progress_method", "progress_class", "progress_tone", "progress_r", "progress_reason",
        "baseline_year", "baseline", "projected_2030", "required_per_year", "observed_per_year", "notes",
    ]  # fmt: skip
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(head)
    for r in reading.rows:
        goal = goal_json(r.goal_2030)
        p = r.progress
        notes = "; ".join(f"{m.year}: {m.note}" for m in r.notes)
        w.writerow([
            csv_safe(r.area or ""), r.indicator.id, csv_safe(r.indicator.name), r.indicator.unit,
            r.indicator.direction, r.year, _num(r.previous), _num(r.result), _num(r.ratio_previous.value),
            *[_num(r.targets.get(s)) for s in sources],
            *[_num(r.ratio_targets[s].value) if s in r.ratio_targets else "" for s in sources],
            *[_bool(r.met.get(s)) for s in sources],
            "-".join(f"{g:g}" for g in goal) if isinstance(goal, list) else _num(goal),
            _num(r.ratio_2030.value), _bool(r.met_2030), _num(r.gap_2030),
            *[r.verdict(s).value for s in sources], *[_num(r.next_targets.get(s)) for s in nxt],
            reading.horizon, p.method if p else "", p.klass if p else "", (p.tone or "") if p else "",
            _num(p.r) if p else "", csv_safe(p.reason or "") if p else "",
            p.baseline_year if p and p.baseline_year else "", _num(p.baseline) if p else "",
            _num(p.projected_2030) if p else "", _num(p.required_per_year) if p else "",
            _num(p.observed_per_year) if p else "", csv_safe(notes),
        ])  # fmt: skip
    return buf.getvalue()
