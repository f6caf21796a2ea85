"""compare's CSV: one row per area and indicator, for spreadsheets and scripts.

Numbers are rounded as the tables show them (ratios and shares to two decimals; JSON keeps full
precision), with '.' as the decimal mark and ',' between fields. Headers are English keys with
`--lang en` (stable for scripts) and Vietnamese words with `--lang vi`. Written to a file it starts
with a byte-order mark, so that Excel opens it as UTF-8.
"""

from __future__ import annotations

import csv
import io

from hrplan.analysis.reading import YearReading
from hrplan.plan.queries import goal_json
from hrplan.report.labels import Labels
from hrplan.report.registry import RenderOptions
from hrplan.report.xlsxsafe import csv_safe


def _num(v: float | None) -> str:
    """As displayed: at most two decimals, no trailing zeros."""
    if v is None:
        return ""
    text = f"{float(v):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


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
    w.writerow(head if options.lang == "en" else [_vi_header(h, reading) for h in head])
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


def _vi_header(key: str, reading: YearReading) -> str:
    """The Vietnamese heading of an English column key."""
    t = Labels("vi")
    for prefix, label in (("target_", "mt_src"), ("ratio_", "ratio_src_full"), ("met_", "csv_met"),
                          ("verdict_", "csv_verdict"), ("next_target_", "csv_next")):  # fmt: skip
        source = key.removeprefix(prefix)
        if key.startswith(prefix) and source in reading.plan.targets.sources:
            return t(label, s=source, n=reading.year + 1)
    return t("csv_" + key, h=reading.horizon, y=reading.year, p=reading.year - 1)


def file_bytes(reading: YearReading, options: RenderOptions) -> bytes:
    """The CSV as a file for Excel: UTF-8 with a byte-order mark."""
    return b"\xef\xbb\xbf" + render(reading, options).encode("utf-8")
