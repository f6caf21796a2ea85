"""The gap table for a terminal too narrow for it (80 or 100 columns): one block per indicator, its id whole
on the left, its name wrapped, and its facts ("TH/DA: 111,82% ✓ (MT 74%)") packed into lines — a fact is
never split, so no number is cut."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrplan.analysis.ratios import Comparison, Verdict
from hrplan.analysis.reading import YearReading
from hrplan.report.fmt import bar, fmt_gap, fmt_goal, fmt_number, fmt_ratio
from hrplan.report.labels import Labels
from hrplan.report.registry import RenderOptions

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

SEPARATOR = "   "
STYLE = {Verdict.MET: "green", Verdict.NOT_MET: "red", "good": "green", "fair": "yellow", "poor": "red"}
MARK = {Verdict.MET: " ✓", Verdict.NOT_MET: " ✗"}


def _fact(label: str, value: str, style: str | None = None, extra: str = "", color: bool = True) -> Text:
    from rich.text import Text

    text = Text(f"{label}: ")
    text.append(value, style=(style or "") if color else "")
    if extra:
        text.append(extra, style="dim" if color else "")
    return text


def facts(r: Comparison, reading: YearReading, t: Labels, opts: RenderOptions) -> list[Text]:
    """Every cell of the table's row, each a short labelled fact, in the table's order."""
    lang, color, y, h = opts.lang, opts.color, reading.year, reading.horizon
    unit = r.indicator.unit
    out = [_fact(t("th_year", y=y - 1), fmt_number(r.previous, unit, lang)),
           _fact(t("th_year", y=y), fmt_number(r.result, unit, lang)),
           _fact(t("ratio_prev", y=y, p=y - 1), fmt_ratio(r.ratio_previous.value, lang))]  # fmt: skip
    for s in reading.sources:
        v = r.verdict(s)
        if v is not Verdict.NO_TARGET:
            value = fmt_ratio(r.ratio_targets[s].value, lang) + MARK.get(v, "")
            target = f" ({t('target')} {fmt_number(r.targets[s], unit, lang)})"
            out.append(_fact(t("ratio_src", s=s), value, STYLE.get(v), target, color))
    tone = r.progress.tone if r.progress else None
    reached = "" if r.met_2030 is None else (" ✓" if r.met_2030 else " ✗")
    bound = f" ({t(r.goal_bound_kind)})" if r.goal_bound_kind in ("low", "high") else ""
    out += [_fact(t("goal", h=h), fmt_goal(r.goal_2030, unit, lang)),
            _fact(t("ratio_goal", h=h), fmt_ratio(r.ratio_2030.value, lang) + reached, STYLE.get(tone or ""),
                  bound, color),
            _fact(t("gap"), fmt_gap(r.gap_2030, unit, lang))]  # fmt: skip
    if r.progress is not None:
        covered = f" {bar(r.progress.covered)}" if r.progress.covered is not None else ""
        out.append(_fact(t("progress", h=h), t(r.progress.klass), STYLE.get(tone or ""), covered, color))
    for s in reading.next_sources:
        if s in r.next_targets:
            out.append(_fact(f"{t('next', n=y + 1)} {s}", fmt_number(r.next_targets[s], unit, lang)))
    return out


def pack(items: list[Text], width: int) -> Text:
    """The facts in lines of at most `width` columns, a fact never split (one longer than a line stands alone)."""
    from rich.text import Text

    out = Text()
    line = 0
    for item in items:
        if line and line + len(SEPARATOR) + item.cell_len > width:
            out.append("\n")
            line = 0
        elif line:
            out.append(SEPARATOR)
            line += len(SEPARATOR)
        out.append_text(item)
        line += item.cell_len
    return out


def group_blocks(reading: YearReading, group: str, rows: list[Comparison], t: Labels, opts: RenderOptions,
                 width: int) -> list[RenderableType]:  # fmt: skip
    """The group's title, then a block per indicator: the id, and beside it the name and the facts."""
    from rich.table import Table
    from rich.text import Text

    g = reading.plan.targets.groups[group]
    id_width = max(len(r.indicator.id) for r in rows)
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(no_wrap=True, width=id_width)
    grid.add_column(overflow="fold")
    for k, r in enumerate(rows):
        if k:
            grid.add_row("", "")  # a blank line between indicators
        body = Text(t.name(r.indicator.name, r.indicator.name_en), style="bold" if opts.color else "")
        body.append("\n")
        body.append_text(pack(facts(r, reading, t, opts), max(20, width - id_width - 2)))
        grid.add_row(Text(r.indicator.id, style="bold" if opts.color else ""), body)
    title = Text(f"{group}. {t.name(g.name, g.name_en)}", style="bold" if opts.color else "")
    return [title, grid]
