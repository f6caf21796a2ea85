"""The gap tables for the terminal: a Rich renderable of the reading. User data is Text, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrplan.analysis.ratios import Comparison, Verdict
from hrplan.analysis.reading import AreaReading, YearReading
from hrplan.core.paths import displayed
from hrplan.report.fmt import (
    bar,
    fmt_basis,
    fmt_date,
    fmt_gap,
    fmt_goal,
    fmt_number,
    fmt_ratio,
    fmt_task_notes,
    side_by_side,
)
from hrplan.report.labels import Labels
from hrplan.report.registry import RenderOptions
from hrplan.report.terminal import text

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

VERDICT_STYLE = {Verdict.MET: "green", Verdict.NOT_MET: "red"}
VERDICT_MARK = {Verdict.MET: " ✓", Verdict.NOT_MET: " ✗"}
TONE_STYLE = {"good": "green", "fair": "yellow", "poor": "red"}


def _text(value: str, style: str | None = None, color: bool = True) -> Text:
    return text(value, (style or "") if color else "")


def _row(r: Comparison, reading: YearReading, t: Labels, opts: RenderOptions) -> list[RenderableType]:
    lang, color = opts.lang, opts.color
    unit = r.indicator.unit
    cells: list[RenderableType] = [
        _text(r.indicator.id),
        _text(t.name(r.indicator.name, r.indicator.name_en)),
        _text(fmt_number(r.previous, unit, lang)),
        _text(fmt_number(r.result, unit, lang)),
        _text(fmt_ratio(r.ratio_previous.value, lang)),
    ]
    for s in reading.sources:
        verdict = r.verdict(s)
        if verdict is Verdict.NO_TARGET:
            cells.append(_text(""))
            continue
        cell = _text(
            fmt_ratio(r.ratio_targets[s].value, lang) + VERDICT_MARK.get(verdict, ""), VERDICT_STYLE.get(verdict), color
        )
        cell.append(f"\n{t('target')} {fmt_number(r.targets[s], unit, lang)}", style="dim" if color else "")
        cells.append(cell)
    cells.append(_text(fmt_goal(r.goal_2030, unit, lang)))
    tone = r.progress.tone if r.progress else None
    mark = "" if r.met_2030 is None else (" ✓" if r.met_2030 else " ✗")
    r_goal = _text(fmt_ratio(r.ratio_2030.value, lang) + mark, TONE_STYLE.get(tone or ""), color)
    if r.goal_bound_kind in ("low", "high"):
        r_goal.append(f"\n({t(r.goal_bound_kind)})", style="dim" if color else "")
    cells += [r_goal, _text(fmt_gap(r.gap_2030, unit, lang))]
    progress = _text("")
    if r.progress is not None:
        progress = _text(t(r.progress.klass), TONE_STYLE.get(tone or "", "dim"), color)
        if r.progress.covered is not None:
            progress.append("\n" + bar(r.progress.covered), style="dim" if color else "")
    cells.append(progress)
    cells += [_text(fmt_number(r.next_targets.get(s), unit, lang)) for s in reading.next_sources]
    return cells


def _group_table(reading: YearReading, group: str, rows: list[Comparison], t: Labels, opts: RenderOptions) -> Table:
    from rich.table import Table

    y, h = reading.year, reading.horizon
    g = reading.plan.targets.groups[group]
    table = Table(title=_text(f"{group}. {t.name(g.name, g.name_en)}"), title_justify="left", show_lines=True,
                  padding=(0, 1))  # fmt: skip
    table.add_column(t("id"), no_wrap=True)
    table.add_column(t("name"), ratio=1, min_width=16, overflow="fold")
    heads = [t("th_year", y=y - 1), t("th_year", y=y), t("ratio_prev", y=y, p=y - 1),
             *(t("ratio_src", s=s) for s in reading.sources), t("goal", h=h), t("ratio_goal", h=h),
             t("gap")]  # fmt: skip
    for head in heads:
        table.add_column(head, justify="right", no_wrap=True)
    table.add_column(t("progress", h=h), no_wrap=True)
    for s in reading.next_sources:
        table.add_column(f"{t('next', n=y + 1)} {s}", justify="right", no_wrap=True)
    for r in rows:
        table.add_row(*_row(r, reading, t, opts))
    return table


def fits(renderable: RenderableType, width: int) -> bool:
    """Whether a renderable shows whole in `width` columns: Rich cuts a cell that cannot wrap with '…', so the
    table fits when it shows no more '…' at that width than with all the room it wants."""
    import io

    from rich.console import Console

    def cuts(w: int) -> int:
        buf = io.StringIO()
        Console(width=w, file=buf, color_system=None, emoji=False, markup=False, highlight=False).print(renderable)
        text = buf.getvalue()
        return int(text.count("…")) if max(len(line) for line in text.splitlines()) <= w else 1 << 30

    return cuts(width) <= cuts(10_000)


def area_table(reading: YearReading, area: AreaReading, opts: RenderOptions) -> list[RenderableType]:
    """The title line, one table per group like appendix 01 — or, in a terminal too narrow for the table, one
    block of facts per indicator — and the area's footer lines."""
    t = Labels(opts.lang)
    y, h = reading.year, reading.horizon
    info = reading.plan.targets.plan
    place = area.area or t("province")
    out: list[RenderableType] = [_text(f"{info.id} · {info.province} · {place} · {y}", "bold", opts.color)]
    groups = area.by_group(reading.plan)
    tables = [_group_table(reading, group, rows, t, opts) for group, rows in groups]
    if opts.width is None or all(fits(table, opts.width) for table in tables):
        out += tables
    else:
        from hrplan.report.console_narrow import group_blocks

        for group, rows in groups:
            out += group_blocks(reading, group, rows, t, opts, opts.width)
    sm = area.summary
    summary = t("summary", y=y, met=sm.met_targets, judged=sm.with_targets, reached=sm.reached_goal,
                goals=sm.with_goal, h=h)  # fmt: skip
    lines = [summary, t("gap_unit_note"), t("legend_verdict"), fmt_basis(reading, opts.lang)]
    if area.empty:
        lines.append(t("empty", y=y, ids=", ".join(area.empty)))
    notes = [f"{r.indicator.id} {m.year}: {m.note}" for r in area.rows for m in r.notes]
    if notes:
        lines.append(f"{t('value_notes')}: " + "; ".join(notes))
    out.append(_text("\n".join(lines)))
    return out


def tasks_block(reading: YearReading, opts: RenderOptions) -> list[RenderableType]:
    """Completion by lead unit (when statuses were reported) and the overdue tasks."""
    from rich.table import Table

    t = Labels(opts.lang)
    summary = reading.tasks
    out: list[RenderableType] = []
    if summary.reported:
        table = Table(title=_text(t("tasks_by_lead")), title_justify="left")
        heads = [t("lead"), t("tasks_count"), t("done"), t("in_progress"), t("not_started"), t("not_reported")]
        for head in heads:
            table.add_column(head, justify="left" if head == heads[0] else "right")
        for c in summary.completion:
            table.add_row(_text(c.name), *(_text(str(n)) for n in
                          (c.tasks, c.done, c.in_progress, c.not_started, c.not_reported)))  # fmt: skip
        out.append(table)
    if summary.overdue:
        lines = [_text(t("overdue", d=fmt_date(summary.as_of, opts.lang)), "bold red", opts.color)]
        for task in summary.overdue:
            lead = "; ".join(reading.plan.unit_name(u) for u in task.lead)
            when = f"{t('due')} {fmt_date(task.deadline, opts.lang)}"
            lines.append(_text(f"  {task.id} ({when}, {t(task.status)}) — {lead}"))
        out += lines
    if summary.shared:
        table = Table(title=_text(t("shared_tasks")), title_justify="left", caption=_text(t("status_rule")),
                      caption_justify="left")  # fmt: skip
        for head in (t("id"), t("overall_status"), t("by_unit_status")):
            table.add_column(head)
        for r in summary.shared:
            table.add_row(_text(r.id), _text(t(r.status)), _text("\n".join(side_by_side(reading.plan, r, opts.lang))))
        out.append(table)
    notes = [f"  {r.id}: " + " — ".join(x for x in fmt_task_notes(reading.plan, r, opts.lang) if x)
             for r in summary.reports if any(fmt_task_notes(reading.plan, r, opts.lang))]  # fmt: skip
    if notes:
        out.append(_text("\n".join([f"{t('notes')}:", *notes])))
    return out


def render(reading: YearReading, options: RenderOptions) -> RenderableType:
    from rich.console import Group

    parts: list[RenderableType] = []
    if reading.to_check:
        t = Labels(options.lang)
        lines = [f"{t('to_check')}:"]
        lines += [f"  {displayed(p.location(), p.path)}: {p.message}" for p in reading.to_check]
        parts.append(_text("\n".join(lines), "bold yellow", options.color))
    for area in reading.areas:
        parts += area_table(reading, area, options)
    parts += tasks_block(reading, options)
    return Group(*parts)
