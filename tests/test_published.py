"""Every comparison cell printed in appendix 01, recomputed: which ones the plan's own numbers reproduce."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from hrplan.analysis.published import parse_printed, printed_cells
from hrplan.cli import app
from hrplan.plan.load import load_plan

# (indicator, column, printed, reproduced): the whole appendix, in order.
EXPECTED = [
    ("A1", "previous", "106,88%", True),
    ("A2", "previous", "117,43%", True),
    ("A2", "DA", "117%", True),
    ("A3", "previous", "101,83%", True),
    ("A3a", "previous", "139,47%", True),
    ("A4", "previous", "100%", True),
    ("B1", "previous", "101,80%", True),
    ("B2", "previous", "101,50%", True),
    ("B2", "DA", "100%", True),
    ("B2", "KH14", "100%", True),
    ("B2", "goal_2030", "85%", True),
    ("B2a", "previous", "104,27%", True),
    ("B2a", "DA", "100%", True),
    ("B2a", "KH14", "100%", True),
    ("B2a", "goal_2030", "65%", True),
    ("B3", "previous", "102,63%", True),
    ("B3", "DA", "123%", False),
    ("B3", "KH14", "100%", True),
    ("B3", "goal_2030", "97%", True),
    ("B5", "previous", "98,14%", True),
    ("B5", "DA", "97%", False),
    ("B5", "KH14", "100%", True),
    ("B5", "goal_2030", "117%", True),
    ("B6", "previous", "102,20%", False),
    ("B6", "DA", "101%", False),
    ("B6", "KH14", "100%", True),
    ("B6", "goal_2030", "81%", True),
    ("B7", "previous", "102,14%", True),
    ("B7", "DA", "104%", False),
    ("B7", "KH14", "104%", True),
    ("B7", "goal_2030", "90%", True),
    ("C1", "previous", "100,35%", True),
    ("C1", "DA", "72%", True),
    ("C1", "KH14", "100%", True),
    ("C1", "goal_2030", "66%", True),
    ("C2", "previous", "101,03%", True),
    ("C2", "DA", "101%", True),
    ("C2", "KH14", "101%", False),
    ("C2", "goal_2030", "98%", True),
]
NOTE_WORDS = {"previous": "TH2023/TH2022", "DA": "TH/MT ĐA 2023", "KH14": "TH/MT KH14"}


def test_every_printed_cell_and_whether_it_is_reproduced() -> None:
    plan = load_plan().plan
    assert plan is not None
    got = [(c.id, c.column, c.printed, c.reproduced) for c in printed_cells(plan)]
    assert got == EXPECTED


def test_each_cell_not_reproduced_is_explained_in_the_data_notes() -> None:
    plan = load_plan().plan
    assert plan is not None
    for cell in printed_cells(plan):
        if cell.reproduced:
            continue
        notes = next(i.notes for i in plan.targets.indicators if i.id == cell.id)
        explained = [
            n for n in notes if NOTE_WORDS[cell.column] in n and cell.printed.rstrip("%") in n and "Not reproduced" in n
        ]
        assert explained, f"{cell.id} {cell.column} {cell.printed} has no note"


def test_compare_on_bundled_results_agrees_with_the_consistent_cells() -> None:
    rows = json.loads(CliRunner().invoke(app, ["compare", "--format", "json"]).output)["indicators"]
    by_id = {r["id"]: r for r in rows}
    plan = load_plan().plan
    assert plan is not None
    for cell in printed_cells(plan):
        row = by_id[cell.id]
        value = {"previous": row["ratio_previous"], "goal_2030": row["ratio_2030"]}.get(
            cell.column, row["ratio_targets"].get(cell.column)
        )
        assert (abs(value - cell.printed_value) <= cell.tolerance) is cell.reproduced, cell


@pytest.mark.parametrize(("text", "parsed"), [("101,50%", (101.5, 2)), ("97%", (97.0, 0)), ("98,2%", (98.2, 1))])
def test_parse_printed(text: str, parsed: tuple[float, int]) -> None:
    assert parse_printed(text) == parsed
