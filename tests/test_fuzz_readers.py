"""Fuzzing the results readers through `hrplan compare FILE`: valid workbooks and CSV files, mutated, never give
exit 3 (a bug) nor any code but 0 and 1. A fixed, small budget, so that CI runs it on every change; run it longer by
hand with HRPLAN_FUZZ_EXAMPLES=2000."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hrplan.cli import app

EXAMPLES = int(os.environ.get("HRPLAN_FUZZ_EXAMPLES", "40"))
runner = CliRunner()

# What a hostile or damaged file holds: each token replaces a random slice of a part.
TOKENS = [
    b't="e"', b't="s"', b't="d"', b't="b"', b't="zz"', b's="1"', b's="9999"', b's="-1"', b'r="XFD1048576"',
    b'r="ZZZZZ9"', b'r="A0"', b'r="c7"', b"<v>abc</v>", b"<v>1e400</v>", b"<v>-5</v>", b"<v>nan</v>",
    b"<v>99</v>", b"<v></v>", b"<f>1/0</f>", b"#DIV/0!", b"'", b'"', b" = ", b"<", b">", b"&amp;", b"&#101;",
    b"<!DOCTYPE x>", b"<![CDATA[<c r='B2'/>]]>", b"<!-- <c -->", b"<x:c r='B9'/>", b'<c r="B3"/>', b"\xff\xfe",
    b"<row>", b'<row r="1048576">', b"</sheetData>", b'numFmtId="10"', b'formatCode="0%"', b"Target=\"x\"",
    b'state="veryHidden"', b"\x00", b"\x1b[2J",
]  # fmt: skip


def _base_workbook() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Kết quả"
    ws.append(["Mã chỉ tiêu", "Năm", "Giá trị", "Địa bàn", "Ghi chú"])
    ws.append(["A1", 2023, 0.8275, "Bát Xát", "ô %"])
    ws["C2"].number_format = "0.00%"
    ws.append(["A2", 2023, "46,68%", None, None])
    ws.append(["D1", 2022, 9800, "Sa Pa", None])
    ws.append(["B5", 2023, "=50+2.7", None, None])
    tasks = wb.create_sheet("Nhiệm vụ")
    tasks.append(["Mã nhiệm vụ", "Tình trạng", "Ghi chú"])
    tasks.append(["1.1", "hoàn thành", "x"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


BASE = _base_workbook()
with zipfile.ZipFile(io.BytesIO(BASE)) as _zf:
    PARTS = {i.filename: _zf.read(i) for i in _zf.infolist()}
XML_PARTS = sorted(n for n in PARTS if n.endswith((".xml", ".rels")))


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """data with a slice replaced by a token or random bytes, deleted, or the whole cut short."""
    kind = draw(st.sampled_from(["token", "bytes", "delete", "truncate", "repeat"]))
    at = draw(st.integers(0, len(data)))
    end = min(len(data), at + draw(st.integers(0, 40)))
    if kind == "token":
        return data[:at] + draw(st.sampled_from(TOKENS)) + data[end:]
    if kind == "bytes":
        return data[:at] + draw(st.binary(max_size=12)) + data[end:]
    if kind == "delete":
        return data[:at] + data[end:]
    if kind == "repeat":  # many copies of a slice: the quadratic scans the red team found
        return data[:end] + data[at:end] * draw(st.integers(2, 3000)) + data[end:]
    return data[:at]


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 9)) == 0:  # the container itself damaged
        return draw(mutated(BASE))
    parts = dict(PARTS)
    for name in draw(st.lists(st.sampled_from(XML_PARTS), min_size=1, max_size=3)):
        parts[name] = draw(mutated(parts[name]))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
    return buf.getvalue()


CSV_BASE = (
    '\ufeffid;năm;giá trị;địa bàn;ghi chú\nA1;2023;82,75%;Bát Xát;"hai\ndòng"\nA2;2023;46.68;;\nD1;2023;9.800;;\n'
    "B5;2022;53,7;;\n"
)
CSV_TOKENS = [
    '"',
    "\n",
    "\r",
    ";",
    ",",
    "\t",
    "\x00",
    "#N/A",
    "1e400",
    "-5",
    "Ａ１",
    "\u200b",
    "\x1b[2J",
    "x" * 140_000,
]


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    text = CSV_BASE
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        end = min(len(text), at + draw(st.integers(0, 10)))
        piece = draw(st.one_of(st.sampled_from(CSV_TOKENS), st.text(max_size=8)))
        text = text[:at] + piece + text[end:]
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        data = draw(mutated(data))  # invalid UTF-8, cut in a character
    return data


def _compare(path: Path, fmt: str) -> None:
    result = runner.invoke(app, ["compare", str(path), "--format", fmt])
    assert result.exit_code in (0, 1), (result.exit_code, result.output[-2000:])
    assert "unexpected error" not in result.stderr
    if result.exit_code == 1 and fmt == "json":
        assert result.stdout == "" or result.stdout.lstrip().startswith("{")


# CI runs a fixed budget from a fixed seed, so main passes or fails the same way every run; a longer, random
# exploration is HRPLAN_FUZZ_EXAMPLES=2000 (it still finds one known divergence: a date-formatted serial outside
# Excel's dates, e.g. -693594, is the text '#VALUE!' to openpyxl and 00:00 to python-calamine — see the README).
_SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                     derandomize="HRPLAN_FUZZ_EXAMPLES" not in os.environ)  # fmt: skip


@_SETTINGS
@given(data=workbooks(), fmt=st.sampled_from(["json", "table"]), calamine=st.booleans())
def test_a_mutated_workbook_is_read_or_refused(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, fmt: str, calamine: bool
) -> None:
    import hrplan.results.workbook as wbmod

    path = tmp_path_factory.mktemp("fuzz") / "ket_qua.xlsx"
    path.write_bytes(data)
    real = wbmod._open_calamine
    if not calamine:
        wbmod._open_calamine = lambda *_: None
    try:
        _compare(path, fmt)
    finally:
        wbmod._open_calamine = real


@_SETTINGS
@given(data=csv_files(), fmt=st.sampled_from(["json", "csv", "table"]))
def test_a_mutated_csv_is_read_or_refused(tmp_path_factory: pytest.TempPathFactory, data: bytes, fmt: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "ket_qua.csv"
    path.write_bytes(data)
    _compare(path, fmt)


CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        ["A1", "A2", "D1", "B5", "a1", " A1 ", "Ａ１", "77,42%", "9.800", "#N/A", "2023", "Năm 2023", "Sa Pa"]
    ),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=5),
)
FORMATS = st.sampled_from(["General", "0.00%", "0%", "d/m/yyyy", "#,##0", "@", "[h]:mm", "0.00E+00", '0.0"%"'])


@_SETTINGS
@given(
    grid=st.lists(st.lists(st.tuples(CELLS, FORMATS), min_size=3, max_size=5), min_size=1, max_size=8),
    shared=st.booleans(),
)
def test_both_readers_read_a_workbook_alike(
    tmp_path_factory: pytest.TempPathFactory, grid: list[list[tuple[Any, str]]], shared: bool
) -> None:
    """A valid workbook of any values, formats and string storage: python-calamine and openpyxl give the same
    reading, the same JSON and the same exit code (the percent flags, error values and the used range come from
    hrplan's own pass over the XML, not from either reader)."""
    import hrplan.results.workbook as wbmod

    from .workbooks import shared_strings

    folder = tmp_path_factory.mktemp("alike")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["id", "year", "value", "area"])
    for r, row in enumerate(grid, start=2):
        for c, (value, fmt) in enumerate(row, start=1):
            ws.cell(r, c, value).number_format = fmt
    path = folder / "kq.xlsx"
    wb.save(path)
    if shared:
        path = shared_strings(path, folder / "sst.xlsx", 'count="99" uniqueCount="99"')
    args = ["compare", str(path), "--format", "json", "--year", "2023"]
    fast = runner.invoke(app, args)
    real = wbmod._open_calamine
    wbmod._open_calamine = lambda *_: None
    try:
        slow = runner.invoke(app, args)
    finally:
        wbmod._open_calamine = real
    assert (fast.exit_code, fast.stdout) == (slow.exit_code, slow.stdout)
    assert fast.exit_code in (0, 1)


@pytest.mark.parametrize("value", [-1, -0.5])
def test_a_serial_before_excels_calendar_reads_alike(tmp_path: Path, value: float) -> None:
    """Found by the differential fuzz: a date-formatted -1 is 1899-12-29 to openpyxl and 00:00 to python-calamine;
    the messages quoting it must not depend on the reader (both on a row without an id and as an indicator's value)."""
    import hrplan.results.workbook as wbmod

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["id", "year", "value"])
    ws.append([None, None, value])
    ws.append(["A1", 2023, value])
    for row in (2, 3):
        ws.cell(row, 3).number_format = "d/m/yyyy"
    path = tmp_path / "kq.xlsx"
    wb.save(path)
    args = ["compare", str(path), "--format", "json", "--year", "2023"]
    fast = runner.invoke(app, args)
    real = wbmod._open_calamine
    wbmod._open_calamine = lambda *_: None
    try:
        slow = runner.invoke(app, args)
    finally:
        wbmod._open_calamine = real
    assert (fast.exit_code, fast.stdout, fast.stderr) == (slow.exit_code, slow.stdout, slow.stderr)
    assert "a time or a date before 1900" in fast.stderr
