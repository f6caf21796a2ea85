"""Markdown gap tables, for reports and pull requests."""

from __future__ import annotations

from typing import Any

from hrplan.analysis.progress import SEVERITY_ORDER, label
from hrplan.analysis.ratios import Comparison, summarise
from hrplan.analysis.rows import Analysis
from hrplan.plan.model import Plan
from hrplan.plan.queries import goal_json
from hrplan.report.fmt import fmt_gap, fmt_goal, fmt_number, fmt_ratio
from hrplan.report.labels import LABELS, has_data


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _mark(ok: bool | None) -> str:
    return "" if ok is None else (" ✓" if ok else " ✗")


def gap_table(plan: Plan, analysis: Analysis, lang: str = "vi") -> str:
    """One Markdown table per group, then the summary line."""
    lab = LABELS[lang]
    y = analysis.year
    sources = [s for s in plan.targets.sources if any(s in r.targets for r in analysis.rows)]
    head = [
        lab["id"],
        lab["name"],
        f"{lab['th']} {y - 1}",
        f"{lab['th']} {y}",
        f"{y}/{y - 1}",
        *[f"{lab['th']}/{s}" for s in sources],
        lab["goal"],
        lab["r2030"],
        lab["gap"],
        lab["progress"],
    ]
    out: list[str] = []
    for group, info in plan.targets.groups.items():
        rows = [r for r in analysis.rows if r.indicator.group == group and has_data(r)]
        if not rows:
            continue
        out += [
            f"### {group}. {info.name if lang == 'vi' else info.name_en or info.name}",
            "",
            "| " + " | ".join(head) + " |",
            "|" + "---|" * 2 + "---:|" * (len(head) - 2),
        ]
        out += ["| " + " | ".join(_cell(c) for c in _cells(r, sources, lang)) + " |" for r in rows]
        out.append("")
    empty = [r.indicator.id for r in analysis.rows if not has_data(r)]
    if empty:
        out += [
            ("Không có số liệu hay mục tiêu năm " if lang == "vi" else "No result or target for ")
            + f"{y}: {', '.join(empty)}.",
            "",
        ]
    s = summarise(analysis.rows)
    out.append(
        f"**{s.met_targets}/{s.with_targets}** "
        + ("chỉ tiêu đạt mọi mục tiêu năm; " if lang == "vi" else "indicators met all targets of the year; ")
        + f"**{s.reached_goal}/{s.with_goal}** "
        + ("đã đạt mục tiêu 2030." if lang == "vi" else "have reached their 2030 goal.")
    )
    return "\n".join(out) + "\n"


def _cells(r: Comparison, sources: list[str], lang: str) -> list[str]:
    unit = r.indicator.unit
    cells = [
        r.indicator.id,
        r.indicator.name if lang == "vi" else r.indicator.name_en,
        fmt_number(r.previous, unit, lang),
        fmt_number(r.result, unit, lang),
        fmt_ratio(r.ratio_previous.value, lang),
    ]
    for s in sources:
        if s in r.targets:
            cells.append(
                fmt_ratio(r.ratio_targets[s].value, lang)
                + _mark(r.met[s])
                + f" ({fmt_number(r.targets[s], unit, lang)})"
            )
        else:
            cells.append("")
    cells += [
        fmt_goal(goal_json(r.goal_2030), unit, lang),
        fmt_ratio(r.ratio_2030.value, lang) + _mark(r.met_2030),
        fmt_gap(r.gap_2030, unit, lang),
        label(r.progress.klass, lang) if r.progress else "",
    ]
    return cells


def progress_section(analysis: Analysis, lang: str = "vi") -> list[str]:
    """Indicators by pace towards 2030, those moving away or with limited progress first."""
    rows = [r for r in analysis.rows if r.progress is not None and r.progress.klass != "insufficient_data"]
    rows.sort(key=lambda r: (SEVERITY_ORDER.index(r.progress.klass), r.indicator.id))
    head = "Tiến độ đến 2030" if lang == "vi" else "Pace towards 2030"
    method = rows[0].progress.method if rows else "cagr"
    out = [f"## {head} ({'tăng trưởng kép' if lang == 'vi' and method == 'cagr' else method})", ""]
    for r in rows:
        p = r.progress
        extra = "" if p.r is None else f" — R = {p.r:.2f}"
        if p.projected_2030 is not None:
            extra += f", {'dự báo 2030' if lang == 'vi' else 'projected 2030'}: " + fmt_number(
                p.projected_2030, r.indicator.unit, lang
            )
        out.append(
            f"- **{label(p.klass, lang)}** · {r.indicator.id} "
            f"{r.indicator.name if lang == 'vi' else r.indicator.name_en}{extra}"
        )
    out.append("")
    return out


def compare_markdown(plan: Plan, analyses: list[Analysis], lang: str = "vi") -> str:
    parts: list[Any] = []
    for a in analyses:
        place = a.area or LABELS[lang]["province"]
        parts.append(f"## {place} · {a.year}\n\n{gap_table(plan, a, lang)}")
    return "\n".join(parts)
