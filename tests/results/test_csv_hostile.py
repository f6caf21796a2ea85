"""Hostile CSV results files (the red team's issue 16): problems naming the file and the physical line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hrplan.plan.model import Plan
from hrplan.results.csvfile import delimiter
from hrplan.results.merge import read_file


def test_a_field_over_128_kib_is_a_problem_at_its_line(tmp_path: Path, plan: Plan) -> None:
    """csv's field limit raised out of the row loop: exit 3."""
    path = tmp_path / "r.csv"
    path.write_text('id,year,value,note\nA1,2023,80,ok\nA2,2023,46,"' + "x" * 140_000 + '"\n', encoding="utf-8")
    res = read_file(path, plan)
    assert [(p.code, p.location()) for p in res.problems] == [("csv-syntax", f"{path}:3:1")]
    assert 'a field longer than 131,072 characters starts in this record: probably a quote (") opened' in (
        res.problems[0].message
    )


def test_positions_after_a_quoted_line_break_name_the_physical_line(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "r.csv"
    path.write_text('id,year,value,note\nA1,2023,80,"two\nlines"\n\nA2,2023,abc,\nZZ,2023,1,\n', encoding="utf-8")
    res = read_file(path, plan)
    assert [(p.code, p.line, p.column) for p in res.problems] == [("bad-value", 5, 3), ("unknown-indicator", 6, 1)]
    assert [str(m.where).split(":", 1)[1] for m in res.values] == ["2:3"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id,year,value\nA1,2023,80\n", ","),
        ("mã;năm;giá trị\nA1;2023;82,75%\n", ";"),
        ("id\tyear\tvalue\nA1\t2023\t80\n", "\t"),
        ('id,year,value\nA1,2023,"82;75"\n', ","),
        ("id\n", ","),
        ("", ","),
    ],
)
def test_the_delimiter_is_the_one_separating_most_fields(text: str, expected: str) -> None:
    assert delimiter(text) == expected


@pytest.mark.parametrize("sample", [',"' * 4096, "',\n" * 2730, '"a' + " " * 8190, 'a,"' + "," * 8190])
def test_finding_the_delimiter_is_linear(sample: str) -> None:
    """csv.Sniffer's patterns backtrack on such samples (a quote, then .*? to the end, at every quote)."""
    start = time.perf_counter()
    for _ in range(20):
        delimiter(sample * 50)
    assert time.perf_counter() - start < 2


def test_a_long_cell_is_quoted_short_in_its_message(tmp_path: Path, plan: Plan) -> None:
    """A 100,000-character id or value made a 100,000-character message: quoted to 60 characters."""
    path = tmp_path / "r.csv"
    path.write_text(f"id,year,value\n{'Z' * 100_000},2023,1\nA1,{'9' * 100_000},1\nA1,2023,{'x' * 100_000}\n")
    res = read_file(path, plan)
    assert [p.code for p in res.problems] == ["unknown-indicator", "bad-year", "bad-value"]
    assert all(len(p.message) < 300 and "…" in p.message for p in res.problems)


@pytest.mark.parametrize(
    ("line", "fragment"),
    [(",", "a line longer than 1,048,576 characters starts here"), (",", "20,000 fields in one record")],
    ids=["2-million-commas", "20000-fields"],
)
def test_a_record_wider_than_a_sheet_is_refused_at_its_line(
    tmp_path: Path, plan: Plan, line: str, fragment: str
) -> None:
    """The csv module makes a field of every comma: a line of millions of them took gigabytes, and the header search
    read every field (a sheet has at most 16,384 columns; a line, at most 1 MiB)."""
    path = tmp_path / "r.csv"
    width = 2_000_000 if "line" in fragment else 19_999
    path.write_text("id,year,value\n" + line * width + "\n", encoding="utf-8")
    start = time.perf_counter()
    res = read_file(path, plan)
    assert time.perf_counter() - start < 5
    assert [(p.code, p.line) for p in res.problems] == [("csv-syntax", 2)]
    assert fragment in res.problems[0].message
