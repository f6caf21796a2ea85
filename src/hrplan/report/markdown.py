"""Markdown: the gap tables, the pace to the horizon, the targets missed and the tasks, for reports and pull
requests. With `document`, the report's file: a title, the inputs, every task by lead unit, the problems."""

from __future__ import annotations

from hrplan.analysis.progress import SEVERITY_ORDER
from hrplan.analysis.ratios import Comparison, Verdict
from hrplan.analysis.reading import AreaReading, YearReading
from hrplan.core.paths import displayed
from hrplan.plan.queries import task_rows
from hrplan.report.fmt import (
    fmt_basis,
    fmt_date,
    fmt_decimal,
    fmt_gap,
    fmt_goal,
    fmt_number,
    fmt_ratio,
    fmt_task_notes,
    side_by_side,
)
from hrplan.report.labels import Labels
from hrplan.report.registry import RenderOptions

MARK = {Verdict.MET: " ✓", Verdict.NOT_MET: " ✗"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _cells(r: Comparison, reading: YearReading, lang: str) -> list[str]:
    t = Labels(lang)
    unit = r.indicator.unit
    cells = [r.indicator.id, t.name(r.indicator.name, r.indicator.name_en), fmt_number(r.previous, unit, lang),
             fmt_number(r.result, unit, lang), fmt_ratio(r.ratio_previous.value, lang)]  # fmt: skip
    for s in reading.sources:
        v = r.verdict(s)
        if v is Verdict.NO_TARGET:
            cells.append("")
            continue
        target = fmt_number(r.targets[s], unit, lang)
        cells.append(f"{fmt_ratio(r.ratio_targets[s].value, lang)}{MARK.get(v, '')} ({target})")
    reached = "" if r.met_2030 is None else (" ✓" if r.met_2030 else " ✗")
    cells += [fmt_goal(r.goal_2030, unit, lang), fmt_ratio(r.ratio_2030.value, lang) + reached,
              fmt_gap(r.gap_2030, unit, lang), t(r.progress.klass) if r.progress else ""]  # fmt: skip
    cells += [fmt_number(r.next_targets.get(s), unit, lang) for s in reading.next_sources]
    cells.append("; ".join(f"{m.year}: {m.note}" for m in r.notes))
    return cells


def gap_table(reading: YearReading, area: AreaReading, lang: str) -> list[str]:
    """One Markdown table per group, then the summary lines."""
    t = Labels(lang)
    y, h = reading.year, reading.horizon
    head = [t("id"), t("name"), t("th_year", y=y - 1), t("th_year", y=y), t("ratio_prev", y=y, p=y - 1),
            *[t("ratio_src", s=s) for s in reading.sources], t("goal", h=h), t("ratio_goal", h=h), t("gap"),
            t("progress", h=h), *[f"{t('next', n=y + 1)} {s}" for s in reading.next_sources], t("notes")]  # fmt: skip
    out: list[str] = []
    for group, rows in area.by_group(reading.plan):
        g = reading.plan.targets.groups[group]
        out += [f"### {group}. {t.name(g.name, g.name_en)}", "", "| " + " | ".join(head) + " |",
                "|" + "---|" * 2 + "---:|" * (len(head) - 4) + "---|" * 2]  # fmt: skip
        out += ["| " + " | ".join(_cell(c) for c in _cells(r, reading, lang)) + " |" for r in rows]
        out.append("")
    if area.empty:
        out += [t("empty", y=y, ids=", ".join(area.empty)), ""]
    s = area.summary
    out += [t("summary", y=y, met=s.met_targets, judged=s.with_targets, reached=s.reached_goal, goals=s.with_goal,
              h=h), "", t("legend_verdict"), ""]  # fmt: skip
    return out


def progress_section(reading: YearReading, area: AreaReading, lang: str) -> list[str]:
    """Indicators by pace towards the horizon, those moving away or with limited progress first."""
    t = Labels(lang)
    rows = [r for r in area.rows if r.progress is not None and r.progress.judged]
    rows.sort(key=lambda r: (SEVERITY_ORDER.index(r.progress.klass) if r.progress else 0, r.indicator.id))
    out = [f"## {t('pace', h=reading.horizon)} ({t('method_' + reading.method)})", "", fmt_basis(reading, lang), ""]
    for r in rows:
        p = r.progress
        if p is None:
            continue
        extra = "" if p.r is None else f" — R = {fmt_decimal(p.r, lang)}"
        if p.projected_2030 is not None:
            projected = fmt_number(p.projected_2030, r.indicator.unit, lang)
            extra += f", {t('projected', h=reading.horizon)}: {projected}"
        out.append(f"- **{t(p.klass)}** · {r.indicator.id} {t.name(r.indicator.name, r.indicator.name_en)}{extra}")
    out.append("")
    return out


def missed_section(reading: YearReading, area: AreaReading, lang: str) -> list[str]:
    t = Labels(lang)
    out = [f"## {t('missed', y=reading.year)} · {area.area or t('province')}", ""]
    for m in area.missed:
        r, s = m.row, m.source
        unit = r.indicator.unit
        out.append(f"- **{r.indicator.id}** {t.name(r.indicator.name, r.indicator.name_en)}: "
                   f"{fmt_number(r.result, unit, lang)} / {s} {fmt_number(r.targets[s], unit, lang)} = "
                   f"{fmt_ratio(r.ratio_targets[s].value, lang)}")  # fmt: skip
    if not area.missed:
        out.append("- " + t("none"))
    out.append("")
    return out


def tasks_section(reading: YearReading, lang: str) -> list[str]:
    """Completion by lead unit and the overdue tasks, when statuses were reported or deadlines passed."""
    t = Labels(lang)
    tasks = reading.tasks
    out: list[str] = []
    if tasks.reported:
        heads = [t("lead"), t("tasks_count"), t("done"), t("in_progress"), t("not_started"), t("not_reported")]
        out += ["| " + " | ".join(heads) + " |", "|---|---:|---:|---:|---:|---:|"]
        out += [f"| {c.name} | {c.tasks} | {c.done} | {c.in_progress} | {c.not_started} | {c.not_reported} |"
                for c in tasks.completion]  # fmt: skip
        out.append("")
    if tasks.overdue:
        items = ", ".join(f"{o.id} ({fmt_date(o.deadline, lang)}, {t(o.status)})" for o in tasks.overdue)
        out.append(f"**{t('overdue', d=fmt_date(tasks.as_of, lang))}** {items}")
        out.append("")
    if tasks.shared:
        out += [f"**{t('shared_tasks')}**", "", f"| {t('id')} | {t('overall_status')} | {t('by_unit_status')} |",
                "|---|---|---|"]  # fmt: skip
        out += [f"| {r.id} | {t(r.status)} | {'; '.join(side_by_side(reading.plan, r, lang))} |" for r in tasks.shared]
        out += ["", t("status_rule"), ""]
    notes = [(r.id, *fmt_task_notes(reading.plan, r, lang)) for r in tasks.reports]
    notes = [n for n in notes if n[1] or n[2]]
    if notes:
        out += [f"{t('notes')}:", ""]
        out += [f"- {tid}: " + " — ".join(x for x in (note, evidence) if x) for tid, note, evidence in notes]
        out.append("")
    return out


def tasks_by_lead(reading: YearReading, lang: str) -> list[str]:
    """Every task of the plan under each lead unit, with its deadline and reported status."""
    t = Labels(lang)
    rows = task_rows(reading.plan)
    out = []
    for unit in reading.plan.tasks.units:
        mine = [r for r in rows if unit.id in r["lead"]]
        if not mine:
            continue
        out += [f"#### {t.name(unit.name, unit.name_en)} ({len(mine)})", ""]
        for r in mine:
            title = r["title"] if len(r["title"]) <= 140 else r["title"][:137] + "..."
            task = reading.plan.task(r["id"])
            deadline = task.deadline if task else None
            due = f" — **{t('due')} {fmt_date(deadline, lang)}**" if deadline else ""
            report = reading.tasks.report_of(r["id"])
            status = report.of(unit.id) if report else None  # the unit's own status, beside its co-leads'
            mark = f" _({t(status)})_" if status else ""
            out.append(f"- {r['id']}: {title}{due}{mark}")
        out.append("")
    return out


def render(reading: YearReading, options: RenderOptions) -> str:
    lang = options.lang
    t = Labels(lang)
    info = reading.plan.targets.plan
    lines: list[str] = []
    if options.document:
        lines += [f"# {t('report_title', y=reading.year, plan=info.id, province=info.province)}", "",
                  f"{t('plan')}: {info.title}", "", f"{t('inputs')}: " + ", ".join(f"`{p}`" for p in reading.inputs),
                  ""]  # fmt: skip
    if reading.to_check:
        lines += [f"> **{t('to_check')}:**", ">"]
        lines += [f"> - `{displayed(p.location(), p.path)}` {p.message}" for p in reading.to_check]
        lines.append("")
    for area in reading.areas:
        lines += [f"## {area.area or t('province')} · {reading.year}", "", *gap_table(reading, area, lang)]
    lines += progress_section(reading, reading.main, lang)
    for area in reading.areas:
        lines += missed_section(reading, area, lang)
    lines += [f"## {t('tasks_by_unit')}", "", *tasks_section(reading, lang)]
    if options.document:
        lines += tasks_by_lead(reading, lang)
        if reading.problems:
            lines += [f"## {t('problems')}", ""]
            for p in reading.problems:
                lines.append(f"- {p.severity.value}: `{displayed(p.location(), p.path)}` {p.message} [{p.code}]")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
