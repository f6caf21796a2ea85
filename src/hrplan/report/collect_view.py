"""`hrplan collect` in the terminal: a row per reporting unit (its files, indicators and tasks reported out of
those expected, what is missing), then the files that belong to no unit and the conflicts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrplan.analysis.collect import Collected, UnitReturn
from hrplan.core.paths import displayed
from hrplan.report.fmt import fmt_date, fmt_ratio, fmt_unit
from hrplan.report.labels import Labels

if TYPE_CHECKING:
    from rich.console import RenderableType

    from hrplan.plan.model import Plan

MAX_IDS = 12  # missing ids shown in a cell; the JSON has them all


def _ids(ids: list[str], t: Labels) -> str:
    shown = ", ".join(ids[:MAX_IDS])
    return shown + (" " + t("collect_more", n=len(ids) - MAX_IDS) if len(ids) > MAX_IDS else "")


def _missing(u: UnitReturn, t: Labels) -> str:
    lines = []
    if u.indicators_missing:
        lines.append(f"{t('collect_indicators')}: {_ids(u.indicators_missing, t)}")
    lines += [t("collect_districts", id=i, areas=", ".join(ds)) for i, ds in u.districts_missing.items()]
    if u.tasks_missing:
        lines.append(f"{t('collect_tasks')}: {_ids(u.tasks_missing, t)}")
    return "\n".join(lines)


def render(plan: Plan, collected: Collected, lang: str = "vi") -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    t = Labels(lang)
    c = collected.collection
    returned = [u for u in collected.units if u.files]
    rate = fmt_ratio(100 * len(returned) / len(collected.units) if collected.units else None, lang)
    complete = sum(1 for u in collected.units if u.status == "complete")
    title = t("collect_title", y=collected.year, returned=len(returned), expected=len(collected.units), rate=rate,
              complete=complete)  # fmt: skip
    parts: list[RenderableType] = []
    table = Table(title=Text(title), title_justify="left", show_lines=True)
    for head in (t("unit_col"), t("collect_files"), t("collect_indicators"), t("collect_tasks"), t("collect_missing"),
                 t("collect_state")):  # fmt: skip
        table.add_column(head, overflow="fold")
    by_name = {f.path for f in collected.files if f.by == "file name"}
    for u in collected.units:
        files = "\n".join(f"{f} {t('collect_by_name')}" if f in by_name else f for f in u.files)
        table.add_row(Text(u.name), Text(files), Text(f"{len(u.indicators_reported)}/{len(u.indicators_expected)}"),
                      Text(f"{len(u.tasks_reported)}/{len(u.tasks_expected)}"), Text(_missing(u, t)),
                      Text(t(f"collect_{u.status}")))  # fmt: skip
    parts.append(table)
    if c.deadline or c.collector:
        when = fmt_date(c.deadline, lang) if c.deadline else t("form_blank")
        parts.append(Text(t("collect_deadline", d=when, unit=fmt_unit(plan, c.collector, lang))))
    if collected.unexpected:
        lines = [f"{t('collect_unexpected')}:"]
        for f in collected.unexpected:
            why = t("collect_named", unit=fmt_unit(plan, f.named, lang)) if f.named else t("collect_unnamed")
            lines.append(f"  {f.path}: {why}")
        parts.append(Text("\n".join(lines)))
    if collected.conflicts:
        lines = [f"{t('collect_conflicts')}:"]
        lines += [f"  {displayed(p.location(), p.path)}: {p.message}" for p in collected.conflicts]
        parts.append(Text("\n".join(lines)))
    return Group(*parts)
