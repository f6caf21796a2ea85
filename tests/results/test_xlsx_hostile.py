"""Hostile and unusual workbooks (the red team's issue 16): read exactly as openpyxl reads them, or refused with
the file and the cell named; never exit 3, never a hang, never python-calamine aborting the process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrplan.core.problems import Severity
from hrplan.plan.model import Plan
from hrplan.results.merge import Results, read_file
from hrplan.results.values import is_percent_format

from ..workbooks import SHEET, STYLES, edit_parts, long_workbook, percent_cells, shared_strings

Edit = Callable[[bytes], bytes]


@pytest.fixture(params=[True, False], ids=["calamine", "openpyxl"])
def calamine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Every test runs on both read paths: python-calamine (the fast extra), and openpyxl alone."""
    import hrplan.results.workbook as wbmod

    if not request.param:
        monkeypatch.setattr(wbmod, "_open_calamine", lambda *_: None)
    return bool(request.param)


def base(tmp_path: Path) -> Path:
    """A1 0.8275 in a percent-formatted cell (C5), A2 46.68, D1 9800."""
    rows = [("A1", 2023, 0.8275), ("A2", 2023, 46.68), ("D1", 2023, 9800)]
    return long_workbook(tmp_path / "base.xlsx", rows, formats={"3:1": "0.00%"})


def cell(ref: str, body: bytes) -> Edit:
    """Replace the cell `ref` of the sheet XML."""

    def edit(xml: bytes) -> bytes:
        new, n = re.subn(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', body, xml, count=1)
        assert n == 1, ref
        return new

    return edit


def read(path: Path, plan: Plan) -> tuple[list[tuple[str, float]], list[tuple[str, str | None, str]]]:
    res: Results = read_file(path, plan)
    return [(m.id, m.value) for m in res.values], [(p.code, p.cell, p.message) for p in res.problems]


@pytest.mark.parametrize("error", ["#DIV/0!", "#REF!", "#N/A", "#VALUE!"])
def test_an_excel_error_value_is_an_error_at_its_cell(tmp_path: Path, plan: Plan, calamine: bool, error: str) -> None:
    """python-calamine reads an error cell as blank: the value published for 2023 would then have been used."""
    path = edit_parts(
        base(tmp_path), tmp_path / "e.xlsx", {SHEET: cell("C6", f'<c r="C6" t="e"><v>{error}</v></c>'.encode())}
    )
    values, problems = read(path, plan)
    assert ("A2", 46.68) not in values
    assert [(code, where) for code, where, _ in problems] == [("bad-value", "Kết quả!C6")]
    assert f"the cell holds the Excel error {error}" in problems[0][2]


def test_a_formula_never_calculated_is_reported_on_both_paths(tmp_path: Path, plan: Plan, calamine: bool) -> None:
    path = edit_parts(base(tmp_path), tmp_path / "f.xlsx", {SHEET: cell("C6", b'<c r="C6"><f>40+6.68</f><v></v></c>')})
    _, problems = read(path, plan)
    assert [(code, where) for code, where, _ in problems] == [("not-calculated", "Kết quả!C6")]
    path = edit_parts(
        base(tmp_path), tmp_path / "g.xlsx", {SHEET: cell("C6", b'<c r="C6"><f>40+6.68</f><v>46.68</v></c>')}
    )
    assert read(path, plan) == ([("A1", 82.75), ("A2", 46.68), ("D1", 9800.0)], [])


def _single_quotes(xml: bytes) -> bytes:
    return re.sub(rb'(\s[\w:]+)="([^"]*)"', rb"\1='\2'", xml)


def _spaces(xml: bytes) -> bytes:
    return re.sub(rb'(\s[\w:]+)=(["\'])', rb"\1 =\n\t\2", xml)


def _prefixed(xml: bytes) -> bytes:
    """The spreadsheet namespace bound to a prefix instead of being the default."""
    xml = re.sub(rb"<(/?)([A-Za-z][\w]*)([\s/>])", rb"<\1x:\2\3", xml)
    return re.sub(rb"\sxmlns(\s*=)", rb" xmlns:x\1", xml, count=1)


def _reordered(xml: bytes) -> bytes:
    """Attributes in reverse order."""

    def flip(m: re.Match[bytes]) -> bytes:
        attrs = re.findall(rb'\s[\w:]+="[^"]*"', m.group(2))
        return m.group(1) + b"".join(reversed(attrs)) + m.group(3)

    return re.sub(rb'(<[\w:]+)((?:\s[\w:]+="[^"]*")+)(\s*/?>)', flip, xml)


FORMS: dict[str, Edit] = {"squote": _single_quotes, "spaces": _spaces, "prefix": _prefixed, "reorder": _reordered}
FORMATS = ["0.00%", "0%", '0.00"%"', "0.0%;[Red]-0.0%", "General", "#,##0", "0.00\\%", "[>0.5]0%;0.00"]


def _openpyxl_percent_cells(path: Path) -> dict[int, list[int]]:
    """row -> columns whose number format shows a percent, as openpyxl reads the cells' formats."""
    wb = openpyxl.load_workbook(path, read_only=True)
    out: dict[int, list[int]] = {}
    for row in wb.worksheets[0].iter_rows():
        for c in row:
            if type(c).__name__ == "ReadOnlyCell" and is_percent_format(c.number_format):
                out.setdefault(c.row, []).append(c.column)  # type: ignore[arg-type]
    wb.close()
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    formats=st.lists(st.sampled_from(FORMATS), min_size=1, max_size=6),
    sheet_forms=st.lists(st.sampled_from(sorted(FORMS)), unique=True),
    style_forms=st.lists(st.sampled_from(sorted(FORMS)), unique=True),
)
def test_the_percent_cells_are_those_openpyxl_reads_in_every_form_xml_allows(
    tmp_path: Path, formats: list[str], sheet_forms: list[str], style_forms: list[str]
) -> None:
    """The scan parses the XML: single quotes, whitespace around '=' and inside tags, a namespace prefix, any
    attribute order give the cells openpyxl gives (which the byte patterns of the first version did not)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for i, fmt in enumerate(formats, start=1):
        ws.cell(i, 1, 0.5).number_format = fmt
        ws.cell(i, 2 + i % 3, "x").number_format = formats[-i]
    src = tmp_path / "forms.xlsx"
    wb.save(src)

    def chain(names: list[str]) -> Edit:
        def edit(xml: bytes) -> bytes:
            for name in names:
                xml = FORMS[name](xml)
            return xml

        return edit

    path = edit_parts(src, tmp_path / "variant.xlsx", {SHEET: chain(sheet_forms), STYLES: chain(style_forms)})
    assert percent_cells(path) == {"Sheet": _openpyxl_percent_cells(path)}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_percent_cell_reads_as_a_percent_in_every_form(tmp_path: Path, plan: Plan, calamine: bool, form: str) -> None:
    """The red team's case: single-quoted attributes in styles.xml made 82.75% read as 0.8275 (exit 0)."""
    path = edit_parts(base(tmp_path), tmp_path / "v.xlsx", {SHEET: FORMS[form], STYLES: FORMS[form]})
    assert read(path, plan) == ([("A1", 82.75), ("A2", 46.68), ("D1", 9800.0)], [])


def test_a_number_format_under_dxfs_is_no_cell_format(tmp_path: Path, plan: Plan) -> None:
    """numFmt elements also stand in differential formats (conditional formatting): they format no cell."""

    def edit(xml: bytes) -> bytes:
        dxfs = b'<dxfs count="1"><dxf><numFmt numFmtId="0" formatCode="0%"/></dxf></dxfs>'
        return xml.replace(b"<cellStyles", dxfs + b"<cellStyles", 1)

    path = edit_parts(base(tmp_path), tmp_path / "dxf.xlsx", {STYLES: edit})
    assert read(path, plan) == ([("A1", 82.75), ("A2", 46.68), ("D1", 9800.0)], [])
    assert _openpyxl_percent_cells(path) == {5: [3]}


def test_a_sheet_whose_relationship_points_nowhere_is_a_problem_naming_the_file(tmp_path: Path, plan: Plan) -> None:
    """It was skipped without a word beside another file, and alone it exited 2 without naming the file."""
    good = base(tmp_path)
    rels = "xl/_rels/workbook.xml.rels"
    broken = edit_parts(good, tmp_path / "broken.xlsx", {rels: lambda x: x.replace(b"sheet1.xml", b"sheet9.xml")})
    message = "the workbook is damaged (sheet 'Kết quả' points to xl/worksheets/sheet9.xml, which is not in the file)"
    assert [(c, m.split(":")[0]) for c, _, m in read(broken, plan)[1]] == [("workbook-corrupt", message)]
    from typer.testing import CliRunner

    from hrplan.cli import app

    for args in ([str(broken)], [str(good), str(broken)]):
        result = CliRunner().invoke(app, ["compare", *args])
        assert result.exit_code == 1 and f"broken.xlsx: error: {message}" in result.stderr
    no_rel = edit_parts(good, tmp_path / "norel.xlsx", {rels: lambda x: x.replace(b'Id="rId1"', b'Id="rId9"')})
    assert "has no relationship 'rId1'" in read(no_rel, plan)[1][0][2]


def _far_cell(xml: bytes) -> bytes:
    last = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    return re.sub(rb"<dimension ref=\"[^\"]*\"", b'<dimension ref="A1"', xml).replace(b"</sheetData>", last)


def test_a_value_in_xfd1048576_is_read_without_laying_out_the_sheet(tmp_path: Path, plan: Plan) -> None:
    """python-calamine would allocate 550 GB and abort (exit 134): the scan sees the used range first and leaves the
    sheet to openpyxl, within that range; the dimension, which claims A1 here, is not believed."""
    path = edit_parts(base(tmp_path), tmp_path / "far.xlsx", {SHEET: _far_cell})
    script = (
        "import sys, time; from pathlib import Path; from hrplan.plan.load import load_plan; "
        "from hrplan.results.merge import read_file; t = time.perf_counter(); "
        f"r = read_file(Path({str(path)!r}), load_plan().plan); "
        "print([(m.id, m.value) for m in r.values], r.problems, round(time.perf_counter() - t))"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("[('A1', 82.75), ('A2', 46.68), ('D1', 9800.0)] []")


def test_a_sheet_too_wide_to_read_is_refused_naming_the_far_cell(
    tmp_path: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hrplan.results.workbook as wbmod

    monkeypatch.setattr(wbmod, "MAX_PADDED", 1000)  # 6 rows padded to 16,384 columns
    path = edit_parts(base(tmp_path), tmp_path / "far.xlsx", {SHEET: _far_cell})
    _, problems = read(path, plan)
    assert [(c, where) for c, where, _ in problems] == [("workbook-corrupt", "Kết quả!XFD1048576")]
    assert "16,384 columns wide" in problems[0][2]


@pytest.mark.parametrize(
    ("part", "edit"),
    [
        (STYLES, lambda x: x.replace(b"<numFmts", b"<numFmts>" + b"<numFmt " * 300_000 + b"<numFmts", 1)),
        (SHEET, lambda x: x.replace(b"</sheetData>", b'<c s="1"' * 200_000 + b"</sheetData>")),
        (STYLES, lambda x: x.replace(b"<cellXfs", b"<cellXfs>" + b"<xf numFmtId='10'/>" * 200_000 + b"<cellXfs")),
    ],
    ids=["300000-numFmt", "200000-unclosed-c", "200000-xf"],
)
def test_scans_are_linear(tmp_path: Path, plan: Plan, part: str, edit: Edit) -> None:
    """An 8 KB file of 300,000 '<numFmt ' took 193 s under the byte patterns, 200,000 unclosed '<c s="1"' never
    ended: a parser stops at the first token that is not XML."""
    path = edit_parts(base(tmp_path), tmp_path / "slow.xlsx", {part: edit})
    start = time.perf_counter()
    _, problems = read(path, plan)
    assert time.perf_counter() - start < 10
    assert [c for c, _, _ in problems] == ["workbook-corrupt"]
    assert "is not well-formed XML" in problems[0][2]


@pytest.mark.parametrize(
    ("body", "where", "fragment"),
    [
        (b'<c r="C6" t="s"><v>99</v></c>', "Kết quả!C6", "the cell holds '99' as type 's'"),
        (b'<c r="C6" t="n"><v>abc</v></c>', "Kết quả!C6", "the cell holds 'abc' as type 'n'"),
        (b'<c r="C6" t="d"><v>2024-13-45</v></c>', "Kết quả!C6", "the cell holds '2024-13-45' as type 'd'"),
        (
            b'<c r="ZZZZZ6" t="n"><v>1</v></c>',
            "Kết quả!ZZZZZ6",
            "'ZZZZZ6' is not a cell reference within A1:XFD1048576",
        ),
        (b'<c r="C6" t="zz"><v>1</v></c>', "Kết quả!C6", "unknown cell type t='zz'"),
        (b'<c r="C6" s="999"><v>1</v></c>', "Kết quả!C6", "style index s='999' is not in the workbook's styles"),
    ],
    ids=["shared-string-index", "abc-in-a-number", "bad-date", "column-ZZZZZ", "unknown-type", "style-999"],
)
def test_a_corrupt_cell_names_its_cell_on_every_path(
    tmp_path: Path, plan: Plan, calamine: bool, body: bytes, where: str, fragment: str
) -> None:
    """These ended in exit 3 (IndexError, ValueError) or a hang (a column ZZZZZ padded every row) on the openpyxl
    path, or read differently on the two paths. (python-calamine reads the bad date as text: an error at the cell.)"""
    path = edit_parts(base(tmp_path), tmp_path / "c.xlsx", {SHEET: cell("C6", body)})
    _, problems = read(path, plan)
    assert [(w, (c == "workbook-corrupt" and fragment in m) or c == "bad-value") for c, w, m in problems] == [
        (where, True)
    ], problems


@pytest.mark.parametrize("second", [SHEET, SHEET.upper()], ids=["same-name", "same-name-but-case"])
def test_two_zip_entries_of_one_name_are_refused(tmp_path: Path, plan: Plan, second: str) -> None:
    """zipfile (openpyxl) reads the last of two entries of one name, other readers the first; part names are
    case-insensitive in a workbook. The file is refused, not read either way."""
    import warnings

    dup = tmp_path / "dup.xlsx"
    with zipfile.ZipFile(base(tmp_path)) as zin, zipfile.ZipFile(dup, "w") as zout, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate it writes
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item))
            if item.filename == SHEET:
                zout.writestr(second, zin.read(item).replace(b"46.68", b"12"))
    assert read(dup, plan)[1] == [
        ("workbook-corrupt", None, f"the workbook is damaged (it holds two parts named {second}): "
         "open it in Excel and save it again")
    ]  # fmt: skip


def test_a_macro_workbook_is_read_and_its_macros_never_run(tmp_path: Path, plan: Plan, calamine: bool) -> None:
    """Decided in issue 16: an .xlsm is read like an .xlsx (hrplan, openpyxl and python-calamine never run VBA),
    with a note saying so."""
    path = tmp_path / "ket_qua.xlsm"
    with zipfile.ZipFile(base(tmp_path)) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        zout.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not run")
    values, problems = read(path, plan)
    assert values == [("A1", 82.75), ("A2", 46.68), ("D1", 9800.0)]
    assert problems == [("macros", None, "a macro-enabled workbook: hrplan reads its values and never runs its macros")]
    assert read_file(path, plan).problems[0].severity is Severity.INFO


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_values_on_a_hidden_sheet_are_read_with_a_warning(
    tmp_path: Path, plan: Plan, calamine: bool, state: str
) -> None:
    """Decided in issue 16: what is in the file is read, but values from a sheet Excel does not show are never
    taken silently (--strict refuses them)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["id", "year", "value"])
    ws.append(["A2", 2023, 46.68])
    hidden = wb.create_sheet("Cũ")
    hidden.append(["id", "year", "value"])
    hidden.append(["A1", 2023, 70])
    hidden.sheet_state = state
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    res = read_file(path, plan)
    assert [(m.id, m.value) for m in res.values] == [("A2", 46.68), ("A1", 70.0)]
    assert [(p.code, p.severity) for p in res.problems] == [("hidden-sheet", Severity.WARNING)]
    assert "'Cũ'" in res.problems[0].message and ("very hidden" in res.problems[0].message) is (state == "veryHidden")


def test_the_parser_itself_refuses_a_dtd(tmp_path: Path) -> None:
    """Bomb-safe on its own, not only behind the byte check of the container: expat stops at '<!DOCTYPE', before
    the first entity is declared."""
    from hrplan.results.xlsx_parts import PartError, parse_part, parser

    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("x.xml", '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "' + "c" * 100 + '">]><a>&b;&b;</a>')
    seen: list[str] = []
    with zipfile.ZipFile(path) as zf, pytest.raises(PartError, match="declares a DTD or entities"):
        parse_part(zf, "x.xml", parser(lambda name, attrs: seen.append(name)))
    assert seen == []


@pytest.mark.parametrize(
    "attrs",
    [
        'count="9" uniqueCount="9"',
        'count="4000000000" uniqueCount="4000000000"',
        'uniqueCount="18446744073709551615"',
        'uniqueCount="' + "9" * 5000 + '"',
    ],
    ids=["true-counts", "4e9", "2^64-1", "5000-digits"],
)
def test_shared_strings_declaring_impossible_counts_never_reach_python_calamine(tmp_path: Path, attrs: str) -> None:
    """python-calamine reserves memory for the count the shared strings declare: 4,000,000,000 made it abort the
    process (SIGABRT), 2^64 - 1 raise a PanicException (exit 3). Such a file is read by openpyxl, which ignores it."""
    path = shared_strings(base(tmp_path), tmp_path / "sst.xlsx", attrs)
    script = (
        "from pathlib import Path; from hrplan.plan.load import load_plan; from hrplan.results.merge import read_file; "
        f"r = read_file(Path({str(path)!r}), load_plan().plan); print([(m.id, m.value) for m in r.values], r.problems)"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "[('A1', 82.75), ('A2', 46.68), ('D1', 9800.0)] []"


@pytest.mark.parametrize("where", ["content-types", "relationship"])
def test_shared_strings_named_elsewhere_are_refused(tmp_path: Path, plan: Plan, where: str) -> None:
    """openpyxl finds the shared strings by [Content_Types].xml, python-calamine reads xl/sharedStrings.xml: a file
    naming another part read A2 under one and A1 under the other, both with exit 0."""
    path = shared_strings(base(tmp_path), tmp_path / "sst.xlsx", 'count="9" uniqueCount="9"')
    with zipfile.ZipFile(path) as zin:
        parts = {i.filename: zin.read(i) for i in zin.infolist()}
    parts["xl/other.xml"] = parts["xl/sharedStrings.xml"].replace(b"<t>A1</t>", b"<t>A2</t>")
    if where == "content-types":
        kind = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
        override = b'<Override PartName="/xl/other.xml" ContentType="' + kind + b'"/></Types>'
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", override)
    else:
        rels = "xl/_rels/workbook.xml.rels"
        parts[rels] = parts[rels].replace(b'Target="sharedStrings.xml"', b'Target="other.xml"')
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(odd, "w") as zout:
        for name, body in parts.items():
            zout.writestr(name, body)
    assert read(odd, plan)[1] == [
        ("workbook-corrupt", None, "the workbook is damaged (it names xl/other.xml as its shared strings: "
         "python-calamine and openpyxl would read different parts): open it in Excel and save it again")
    ]  # fmt: skip


@pytest.mark.parametrize("chunk", [7, 61, 1 << 20])
def test_a_sheet_read_in_any_chunks_reads_the_same(
    tmp_path: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """The pass digests the references chunk by chunk (a megabyte of XML each): a row split across two chunks is one
    row. Here every boundary falls somewhere else."""
    import hrplan.results.xlsx_parts as parts

    rows: list[tuple[str, int, float]] = [(i, y, 50 + y % 7) for y in range(2000, 2030) for i in ("A1", "A2", "B2")]
    rows[0], rows[39] = ("A1", 2000, 0.55), ("A2", 2013, 0.625)
    path = long_workbook(tmp_path / "many.xlsx", rows, formats={"3:1": "0.00%", "3:40": "0.00%"})
    expected = read(path, plan)
    monkeypatch.setattr(parts, "CHUNK", chunk)
    assert read(path, plan) == expected
    assert len(expected[0]) == 90 and expected[0][0] == ("A1", 55.0) and expected[0][39] == ("A2", 62.5)


@pytest.mark.parametrize(
    ("edit", "where", "fragment"),
    [
        (
            lambda x: x.replace(b'<row r="6"><c r="A6"', b'<row r="6"><c r="A9"'),
            "Kết quả!A9",
            "the cell A9 stands in row 6",
        ),
        (
            lambda x: x.replace(b'<row r="6">', b'<row r="4">'),
            None,
            "row 4 comes after row 5: the rows are out of order",
        ),
        (
            lambda x: x.replace(b"<sheetData>", b'<sheetData><c r="B1"><v>1</v></c>'),
            "Kết quả!B1",
            "a cell outside any row",
        ),
    ],
    ids=["cell-in-another-row", "rows-out-of-order", "cell-outside-a-row"],
)
def test_a_cell_the_readers_would_place_apart_is_refused(
    tmp_path: Path, plan: Plan, edit: Edit, where: str | None, fragment: str
) -> None:
    """openpyxl places a cell by its <row>, python-calamine by its own reference, and openpyxl drops a row that
    comes after a later one or a cell outside a row: each read A2's row two ways (both exit 0)."""
    path = edit_parts(base(tmp_path), tmp_path / "odd.xlsx", {SHEET: edit})
    _, problems = read(path, plan)
    assert [(c, w) for c, w, _ in problems] == [("workbook-corrupt", where)]
    assert fragment in problems[0][2]


def test_a_panic_in_python_calamine_is_silent_and_read_by_openpyxl(tmp_path: Path) -> None:
    """A huge number formatted as a duration makes python-calamine panic (TimeDelta out of bounds): with
    RUST_BACKTRACE=1 the panic printed a backtrace over the output. Its stderr is quieted, openpyxl reads the file."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["id", "year", "value"])
    ws.append(["A1", 2023, -4.4e195])
    ws["C2"].number_format = "[h]:mm"
    path = tmp_path / "duration.xlsx"
    wb.save(path)
    env = {**os.environ, "RUST_BACKTRACE": "1"}
    proc = subprocess.run([sys.executable, "-c", "from hrplan.cli import main; main()", "compare", str(path)],
                          capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert proc.returncode == 1
    assert "panicked" not in proc.stderr and "backtrace" not in proc.stderr
    assert "duration.xlsx:Sheet!C2: error: A1 2023:" in proc.stderr
