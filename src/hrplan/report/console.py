"""Rich tables for the terminal. Names and texts are user data: always printed as Text, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hrplan.report.fmt import fmt_goal, fmt_number
from hrplan.report.labels import LABELS, has_data

if TYPE_CHECKING:
    from rich.console import Console

    from hrplan.plan.model import Plan


def console(color: bool = True, width: int | None = None) -> Console:
    """A console for user data (no markup, no emoji); the terminal's width, or 160 columns into a file or pipe."""
    import sys

    from rich.console import Console

    if width is None and not sys.stdout.isatty():
        width = 160
    return Console(no_color=not color, highlight=False, emoji=False, markup=False, width=width, soft_wrap=False)


DIRECTIONS = {"increase": "tăng", "decrease": "giảm", "keep": "duy trì"}


def _units(plan: Plan, ids: list[str]) -> str:
    return "; ".join(plan.unit_name(u) for u in ids)


def print_indicators(plan: Plan, rows: list[dict[str, Any]], lang: str = "vi") -> None:
    """One table per group: id, name, unit, direction, 2030 goal, targets, lead."""
    from rich.table import Table
    from rich.text import Text

    con = console()
    for group, info in plan.targets.groups.items():
        members = [r for r in rows if r["group"] == group]
        if not members:
            continue
        table = Table(title=Text(f"{group}. {info.name}"), title_justify="left", show_lines=False)
        for col in ("Mã", "Chỉ tiêu", "ĐVT", "Hướng", "MT 2030", "Mục tiêu theo năm", "Chủ trì"):
            table.add_column(col, overflow="fold")
        for r in members:
            unit = "%" if r["unit"] == "percent" else "người"
            targets = "; ".join(
                f"{src} {y}: {fmt_number(v, r['unit'], lang)}"
                for y, by in r["targets"].items()
                for src, v in by.items()
            )
            table.add_row(
                Text(r["id"]),
                Text(r["name"]),
                Text(unit),
                Text(DIRECTIONS[r["direction"]]),
                Text(fmt_goal(r["goal_2030"], r["unit"], lang)),
                Text(targets),
                Text(_units(plan, r["lead"])),
            )
        con.print(table)


def print_matrix(plan: Plan, m: dict[str, Any]) -> None:
    """Per unit: the tasks it leads (chủ trì) and those it coordinates (phối hợp)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True)
    for col, ratio in (("Đơn vị", 2), ("Chủ trì", 3), ("Phối hợp", 3)):
        table.add_column(col, overflow="fold", ratio=ratio)
    for unit in m["units"]:
        lead = [t for t in m["tasks"] if m["cells"].get(t, {}).get(unit) == "lead"]
        partner = [t for t in m["tasks"] if m["cells"].get(t, {}).get(unit) == "partner"]
        table.add_row(Text(plan.unit_name(unit)), Text(", ".join(lead)), Text(", ".join(partner)))
    console().print(table)


def print_tasks(plan: Plan, rows: list[dict[str, Any]]) -> None:
    """TT, task, lead units, coordinating units, deadline, quantities and linked indicators."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True)
    for col, ratio in (("TT", 1), ("Nhiệm vụ", 6), ("Chủ trì", 3), ("Phối hợp", 3), ("Hạn", 1)):
        table.add_column(col, overflow="fold", ratio=ratio)
    for r in rows:
        title = r["title"] if len(r["title"]) <= 220 else r["title"][:217] + "..."
        extras = [f"{q['value']:,.0f} {q['unit']}".replace(",", ".") for q in r["quantities"]]
        if r["indicators"]:
            extras.append("→ " + ", ".join(r["indicators"]))
        if extras:
            title += "\n[" + "; ".join(extras) + "]"
        lead = _units(plan, r["lead"])
        if r["lead_section_iii"] and set(r["lead_section_iii"]) != set(r["lead"]):
            lead += f"\n(Mục III: {_units(plan, r['lead_section_iii'])})"
        table.add_row(
            Text(r["id"]), Text(title), Text(lead), Text(_units(plan, r["partners"])), Text(r["deadline"] or "")
        )
    con = console()
    con.print(table)
    con.print(Text(f"{len(rows)} task(s)"))


def _styled(text: str, ok: bool | None, color: bool) -> Any:
    from rich.text import Text

    if ok is None:
        return Text(text)
    mark = " ✓" if ok else " ✗"
    return Text(text + mark, style=("green" if ok else "red") if color else "")


def print_comparison(plan: Plan, analysis: Any, lang: str = "vi", color: bool = True) -> None:
    """The gap table of one area, grouped like appendix 01, then the summary line."""

    from rich.table import Table
    from rich.text import Text

    from hrplan.analysis.ratios import summarise
    from hrplan.plan.queries import goal_json
    from hrplan.report.fmt import fmt_ratio

    lab = LABELS[lang]
    y = analysis.year
    con = console(color)
    sources = [s for s in plan.targets.sources if any(s in r.targets for r in analysis.rows)]
    place = analysis.area or lab["province"]
    con.print(Text(f"{plan.targets.plan.id} · {plan.targets.plan.province} · {place} · {y}", style="bold"))
    for group, info in plan.targets.groups.items():
        rows = [r for r in analysis.rows if r.indicator.group == group and has_data(r)]
        if not rows:
            continue
        table = Table(
            title=Text(f"{group}. {info.name if lang == 'vi' else info.name_en or info.name}"),
            title_justify="left",
            show_lines=True,
            padding=(0, 1),
        )
        table.add_column(lab["id"], no_wrap=True)
        table.add_column(lab["name"], ratio=1, min_width=16, overflow="fold")
        for head in (
            f"{lab['th']} {y - 1}",
            f"{lab['th']} {y}",
            f"{y}/{y - 1}",
            *(f"{lab['th']}/{s}" for s in sources),
            lab["goal"],
            lab["r2030"],
            lab["gap"],
        ):
            table.add_column(head, justify="right", no_wrap=True)
        table.add_column(lab["progress"], no_wrap=True)
        for r in rows:
            unit = r.indicator.unit
            cells: list[Any] = [
                Text(r.indicator.id),
                Text(r.indicator.name if lang == "vi" else r.indicator.name_en),
                Text(fmt_number(r.previous, unit, lang)),
                Text(fmt_number(r.result, unit, lang)),
                Text(fmt_ratio(r.ratio_previous.value, lang)),
            ]
            for s in sources:
                if s not in r.targets:
                    cells.append(Text(""))
                    continue
                cell = _styled(fmt_ratio(r.ratio_targets[s].value, lang), r.met[s], color)
                cell.append(f"\n{lab['target']} {fmt_number(r.targets[s], unit, lang)}", style="dim")
                cells.append(cell)
            cells.append(Text(fmt_goal(goal_json(r.goal_2030), unit, lang)))
            r2030 = _styled(fmt_ratio(r.ratio_2030.value, lang), r.met_2030, color)
            if r.goal_bound_kind in ("low", "high"):
                r2030.append(f"\n({lab[r.goal_bound_kind]})", style="dim")
            cells.append(r2030)
            gap = "–" if r.gap_2030 is None else fmt_number(r.gap_2030, "people" if unit == "people" else "pp", lang)
            cells.append(Text(gap))
            cells.append(_progress_cell(r.progress, lang, color))
            table.add_row(*cells)
        con.print(table)
    empty = [r.indicator.id for r in analysis.rows if not has_data(r)]
    sm = summarise(analysis.rows)
    if lang == "vi":
        line = (
            f"Năm {y}: {sm.met_targets}/{sm.with_targets} chỉ tiêu đạt mọi mục tiêu của năm; "
            f"{sm.reached_goal}/{sm.with_goal} đã đạt mục tiêu 2030. Còn thiếu: điểm phần trăm, hoặc số người."
        )
        if empty:
            line += f"\nKhông có số liệu hay mục tiêu năm {y}: {', '.join(empty)}."
    else:
        line = (
            f"{y}: {sm.met_targets} of {sm.with_targets} indicators met all their targets for the year; "
            f"{sm.reached_goal} of {sm.with_goal} have reached their 2030 goal. Still to go: percentage points, "
            "or people."
        )
        if empty:
            line += f"\nNo result or target for {y}: {', '.join(empty)}."
    con.print(Text(line))


_PROGRESS_STYLE = {
    "achieved": "green",
    "on_track": "green",
    "moderate": "yellow",
    "some_progress": "yellow",
    "limited": "red",
    "moving_away": "bold red",
    "stagnating": "red",
    "insufficient_data": "dim",
}


def _progress_cell(progress: Any, lang: str, color: bool) -> Any:
    from rich.text import Text

    from hrplan.analysis.progress import bar, label

    if progress is None:
        return Text("")
    text = Text(label(progress.klass, lang), style=_PROGRESS_STYLE[progress.klass] if color else "")
    if progress.covered is not None:
        text.append("\n" + bar(progress.covered), style="dim" if color else "")
    return text


def print_tasks_summary(plan: Plan, summary: dict[str, Any], lang: str = "vi", color: bool = True) -> None:
    """Completion by lead unit (when statuses were reported) and the overdue tasks."""

    from rich.table import Table
    from rich.text import Text

    con = console(color)
    vi = lang == "vi"
    if summary["reported"]:
        table = Table(
            title=Text("Tiến độ nhiệm vụ theo đơn vị chủ trì" if vi else "Tasks by lead unit"), title_justify="left"
        )
        heads = (
            ["Đơn vị chủ trì", "Số NV", "Hoàn thành", "Đang triển khai", "Chưa triển khai", "Chưa báo cáo"]
            if vi
            else ["Lead unit", "Tasks", "Done", "In progress", "Not started", "Not reported"]
        )
        for h in heads:
            table.add_column(h, justify="left" if h == heads[0] else "right")
        for row in summary["completion"]:
            table.add_row(
                Text(row["name"]),
                *(Text(str(row[k])) for k in ("tasks", "done", "in_progress", "not_started", "not_reported")),
            )
        con.print(table)
    if summary["overdue"]:
        words = {
            "not_reported": "chưa báo cáo" if vi else "not reported",
            "not_started": "chưa triển khai" if vi else "not started",
            "in_progress": "đang triển khai" if vi else "in progress",
        }
        con.print(
            Text(
                (
                    f"Nhiệm vụ quá hạn tính đến {summary['as_of']}:"
                    if vi
                    else f"Tasks overdue as of {summary['as_of']}:"
                ),
                style="bold red" if color else "",
            )
        )
        for t in summary["overdue"]:
            lead = "; ".join(plan.unit_name(u) for u in t["lead"])
            con.print(
                Text(
                    f"  {t['id']} (hạn {t['deadline']}, {words[t['status']]}) — {lead}"
                    if vi
                    else f"  {t['id']} (due {t['deadline']}, {words[t['status']]}) — {lead}"
                )
            )
