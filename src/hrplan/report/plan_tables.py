"""The plan listed in the terminal: indicators, tasks, the assignment matrix (user data always as Text)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrplan.report.fmt import fmt_goal, fmt_number
from hrplan.report.labels import Labels
from hrplan.report.terminal import console, text

if TYPE_CHECKING:
    from hrplan.plan.model import Plan
    from hrplan.plan.queries import AssignmentMatrix, IndicatorRow, QuantityRow, TaskRow


def _units(plan: Plan, ids: list[str]) -> str:
    return "; ".join(plan.unit_name(u) for u in ids)


def print_indicators(plan: Plan, rows: list[IndicatorRow], lang: str = "vi") -> None:
    """One table per group: id, name, unit, direction, 2030 goal, targets, lead."""
    from rich.table import Table

    con = console()
    for group, info in plan.targets.groups.items():
        members = [r for r in rows if r["group"] == group]
        if not members:
            continue
        table = Table(title=text(f"{group}. {info.name}"), title_justify="left", show_lines=False)
        t = Labels(lang)
        h = plan.targets.plan.horizon
        for col in (t("id"), t("name"), t("unit"), "Hướng", t("goal", h=h), "Mục tiêu theo năm", "Chủ trì"):
            table.add_column(col, overflow="fold")
        for r in members:
            unit = t.unit(r["unit"])
            targets = "; ".join(
                f"{src} {y}: {fmt_number(v, r['unit'], lang)}"
                for y, by in r["targets"].items()
                for src, v in by.items()
            )
            table.add_row(
                text(r["id"]),
                text(r["name"]),
                text(unit),
                text(t(r["direction"])),
                text(fmt_goal(r["goal_2030"], r["unit"], lang)),
                text(targets),
                text(_units(plan, r["lead"])),
            )
        con.print(table)


def print_matrix(plan: Plan, m: AssignmentMatrix) -> None:
    """Per unit: the tasks it leads (chủ trì) and those it coordinates (phối hợp)."""
    from rich.table import Table

    table = Table(show_lines=True)
    for col, ratio in (("Đơn vị", 2), ("Chủ trì", 3), ("Phối hợp", 3)):
        table.add_column(col, overflow="fold", ratio=ratio)
    for unit in m["units"]:
        lead = [t for t in m["tasks"] if m["cells"].get(t, {}).get(unit) == "lead"]
        partner = [t for t in m["tasks"] if m["cells"].get(t, {}).get(unit) == "partner"]
        table.add_row(text(plan.unit_name(unit)), text(", ".join(lead)), text(", ".join(partner)))
    console().print(table)


def quantity_text(q: QuantityRow, lang: str = "vi") -> str:
    """'khoảng 1.200 người' for an approximate quantity, '18 hội nghị' for an exact one."""
    shown = fmt_number(q["value"], "people", lang) + ("" if q["unit"] == "%" else " ") + q["unit"]
    return f"{Labels(lang)('about')} {shown}" if q["approximate"] else shown


def print_tasks(plan: Plan, rows: list[TaskRow]) -> None:
    """TT, task, lead units, coordinating units, deadline, quantities and linked indicators."""
    from rich.table import Table

    table = Table(show_lines=True)
    for col, ratio in (("TT", 1), ("Nhiệm vụ", 6), ("Chủ trì", 3), ("Phối hợp", 3), ("Hạn", 1)):
        table.add_column(col, overflow="fold", ratio=ratio)
    for r in rows:
        title = r["title"] if len(r["title"]) <= 220 else r["title"][:217] + "..."
        extras = [quantity_text(q) for q in r["quantities"]]
        if r["indicators"]:
            extras.append("→ " + ", ".join(r["indicators"]))
        if extras:
            title += "\n[" + "; ".join(extras) + "]"
        lead = _units(plan, r["lead"])
        if r["lead_section_iii"] and set(r["lead_section_iii"]) != set(r["lead"]):
            lead += f"\n(Mục III: {_units(plan, r['lead_section_iii'])})"
        table.add_row(
            text(r["id"]), text(title), text(lead), text(_units(plan, r["partners"])), text(r["deadline"] or "")
        )
    con = console()
    con.print(table)
    con.print(text(f"{len(rows)} task(s)"))
