"""Merging results files (README 'Results files'): the same indicator, year and area in two files with
different values is an error naming both cells; values that differ by no more than 1e-9 are the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrplan.core.problems import Problem, Severity
from hrplan.plan.model import Plan
from hrplan.results.measured import Measured, Provenance, Results, TaskStatus
from hrplan.results.merge import merge, read_results

from ..workbooks import long_workbook


def value(v: float, *, file: str = "a.xlsx", row: int = 5, area: str | None = None, year: int = 2023) -> Measured:
    return Measured("A1", year, v, area, file, "Kết quả", row, 3)


def conflicts(first: float, second: float) -> list[Problem]:
    out = merge([Results(values=[value(first)]), Results(values=[value(second, file="b.xlsx", row=7)])])
    return [p for p in out.problems if p.code == "conflict"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (82.75, 82.75),
        (0.0, 1e-9),  # exactly 1e-9 apart: the same value
        (1e-9, 0.0),
        (82.75, 82.75 + 0.5e-9),
        (82.75, 82.75 - 0.5e-9),
        (9800.0, 9800.0 + 0.9e-9),
    ],
)
def test_values_within_1e_9_are_the_same(first: float, second: float) -> None:
    assert abs(first - second) <= 1e-9  # the premise, checked here rather than trusted
    assert conflicts(first, second) == []
    out = merge([Results(values=[value(first)]), Results(values=[value(second, file="b.xlsx")])])
    assert [m.value for m in out.values] == [first]  # the first file's value is kept, once


@pytest.mark.parametrize(
    ("first", "second"),
    [(0.0, 1.5e-9), (1.5e-9, 0.0), (82.75, 82.75 + 2e-9), (82.75, 82.75 - 2e-9), (82.75, 82.76), (82.75, 28.75)],
)
def test_a_larger_difference_is_a_conflict_naming_both_cells(first: float, second: float) -> None:
    assert abs(first - second) > 1e-9
    assert conflicts(first, second) == [
        Problem(
            "b.xlsx",
            None,
            None,
            "conflict",
            f"A1 2023: {second:g} here but {first:g} at a.xlsx:Kết quả!C5: keep one value",
            Severity.ERROR,
            cell="Kết quả!C7",
        )
    ]


def test_area_years_and_ids_keep_values_apart() -> None:
    parts = [
        Results(values=[value(70.0, area="Bát Xát"), value(80.0), value(81.0, year=2022)]),
        Results(
            values=[
                value(70.0, file="b.xlsx", area="BÁT XÁT"),  # the same area, folded: agrees
                value(71.0, file="b.xlsx", area="  bat xat"),  # the same area: a conflict
                value(75.0, file="b.xlsx", area="Sa Pa"),  # another area
                Measured("A2", 2023, 60.0, None, "b.xlsx", "Kết quả", 9, 3),  # another indicator
            ]
        ),
    ]
    out = merge(parts)
    assert [(m.id, m.year, m.value, m.area) for m in out.values] == [
        ("A1", 2023, 70.0, "Bát Xát"),
        ("A1", 2023, 80.0, None),
        ("A1", 2022, 81.0, None),
        ("A1", 2023, 75.0, "Sa Pa"),
        ("A2", 2023, 60.0, None),
    ]
    assert [p.message for p in out.problems] == [
        "A1 2023 (  bat xat): 71 here but 70 at a.xlsx:Kết quả!C5: keep one value"
    ]


def test_problems_and_statuses_of_every_part_are_kept() -> None:
    p1 = Problem("a.xlsx", None, None, "missing-value", "m", Severity.WARNING, cell="S!C1")
    p2 = Problem("b.csv", 3, 3, "bad-value", "b")
    done = TaskStatus("1.1", "done", None, None, Provenance("a.xlsx", "NV", 3, 2))
    again = TaskStatus("1.1", "done", None, None, Provenance("b.xlsx", "NV", 4, 2))
    out = merge([Results(problems=[p1], statuses=[done]), Results(problems=[p2], statuses=[again])])
    assert out.problems == [p1, p2]
    assert out.statuses == [done]
    assert merge([]).values == [] and merge([]).problems == []


def test_two_workbooks_that_disagree(tmp_path: Path, plan: Plan) -> None:
    gd = long_workbook(tmp_path / "gd.xlsx", [("A1", 2023, 82.75), ("A2", 2023, 46.68)])
    noivu = long_workbook(tmp_path / "noivu.xlsx", [("A2", 2023, "46,68"), ("A1", 2023, "82,76%")])
    res = read_results([gd, noivu], plan)
    assert [(m.id, m.value, m.file) for m in res.values] == [("A1", 82.75, str(gd)), ("A2", 46.68, str(gd))]
    assert [(p.code, p.location(), p.message) for p in res.problems] == [
        (
            "conflict",
            f"{noivu}:Kết quả!C6",
            f"A1 2023: 82.76 here but 82.75 at {gd}:Kết quả!C5: keep one value",
        )
    ]


def test_two_csv_files_name_line_and_column(tmp_path: Path, plan: Plan) -> None:
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text("id,year,value\nD1,2023,9800\n", encoding="utf-8")
    b.write_text("id,year,value\nA1,2023,80\nD1,2023,9.801\n", encoding="utf-8")
    res = read_results([a, b], plan)
    assert [(p.code, p.location(), p.message) for p in res.problems] == [
        ("conflict", f"{b}:3:3", f"D1 2023: 9801 here but 9800 at {a}:2:3: keep one value")
    ]
