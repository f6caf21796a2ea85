"""Rich tables for the terminal. Names and texts are user data: always printed as Text, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hrplan.fmt import fmt_goal, fmt_number

if TYPE_CHECKING:
    from rich.console import Console

    from hrplan.model import Plan


def console(color: bool = True, width: int | None = None) -> Console:
    from rich.console import Console

    return Console(no_color=not color, highlight=False, emoji=False, markup=False, width=width,
                   soft_wrap=False)


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
            targets = "; ".join(f"{src} {y}: {fmt_number(v, r['unit'], lang)}"
                                for y, by in r["targets"].items() for src, v in by.items())
            table.add_row(Text(r["id"]), Text(r["name"]), Text(unit), Text(r["direction"]),
                          Text(fmt_goal(r["goal_2030"], r["unit"], lang)), Text(targets),
                          Text(_units(plan, r["lead"])))
        con.print(table)


def print_tasks(plan: Plan, rows: list[dict[str, Any]]) -> None:
    """TT, task, lead units, coordinating units, deadline."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True)
    for col, ratio in (("TT", 1), ("Nhiệm vụ", 6), ("Chủ trì", 3), ("Phối hợp", 3), ("Hạn", 1)):
        table.add_column(col, overflow="fold", ratio=ratio)
    for r in rows:
        title = r["title"] if len(r["title"]) <= 220 else r["title"][:217] + "..."
        lead = _units(plan, r["lead"])
        if r["lead_section_iii"] and set(r["lead_section_iii"]) != set(r["lead"]):
            lead += f"\n(Mục III: {_units(plan, r['lead_section_iii'])})"
        table.add_row(Text(r["id"]), Text(title), Text(lead), Text(_units(plan, r["partners"])),
                      Text(r["deadline"] or ""))
    con = console()
    con.print(table)
    con.print(Text(f"{len(rows)} task(s)"))
