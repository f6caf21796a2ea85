"""Hostile results files through `hrplan compare` (the red team's issue 16): exit 1 naming the cell, or a reading
whose JSON is valid JSON (never NaN or Infinity); never exit 3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrplan.cli import app

from .workbooks import SHEET, edit_parts, long_workbook

runner = CliRunner()


def strict_json(text: str) -> dict[str, object]:
    """JSON as the standard has it: NaN and Infinity are no JSON."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} in the JSON")

    body = json.loads(text, parse_constant=refuse)
    assert isinstance(body, dict)
    return body


def compare_json(*args: str) -> tuple[int, dict[str, object] | None, str]:
    result = runner.invoke(app, ["compare", *args, "--format", "json"])
    return result.exit_code, strict_json(result.stdout) if result.stdout else None, result.stderr


def test_impossible_counts_are_refused_with_their_cell(tmp_path: Path) -> None:
    """A count of 1e400 became Infinity in the JSON (invalid JSON, then exit 3); negative counts were read."""
    path = tmp_path / "r.csv"
    path.write_text("id,year,value\nD1,2023,1" + "0" * 400 + "\nD2,2023,-5\nD2,2022,-0\nA1,2023,82.75\n")
    code, body, err = compare_json(str(path))
    assert (code, body) == (1, None)
    assert "r.csv:2:3: error: D1 2023: a number this large is more than any count a plan holds" in err
    assert "r.csv:3:3: error: D2 2023: a count of people cannot be negative (-5)" in err


@pytest.mark.parametrize("calamine", [True, False], ids=["calamine", "openpyxl"])
def test_an_infinite_count_in_a_workbook_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, calamine: bool
) -> None:
    import hrplan.results.workbook as wbmod

    if not calamine:
        monkeypatch.setattr(wbmod, "_open_calamine", lambda *_: None)
    good = long_workbook(tmp_path / "g.xlsx", [("D1", 2023, 9800), ("D2", 2023, 4800)], title=False)
    path = edit_parts(good, tmp_path / "inf.xlsx", {SHEET: lambda x: x.replace(b"<v>9800</v>", b"<v>1e400</v>")})
    code, body, err = compare_json(str(path))
    assert (code, body) == (1, None)
    assert "inf.xlsx:Kết quả!C2: error: D1 2023: the cell holds an error or an infinite value" in err


def test_full_width_and_zero_width_ids_are_the_ids_meant(tmp_path: Path) -> None:
    """Decided in issue 16: ids are read after NFKC (full-width 'Ａ１' is A1) with invisible format characters
    dropped (a zero-width space pasted from a web page); so are areas and task ids."""
    path = tmp_path / "r.csv"
    path.write_text(
        "id,year,value,area\nＡ１,2023,82.75,Bát Xát\nA2\u200b,2023,46.68,Bát\u200b Xát\nＤ１,２０２３,９.８００,\n",
        encoding="utf-8",
    )
    code, body, err = compare_json(str(path), "--by-area")
    assert code == 0, err
    assert body is not None
    rows = {(r["area"], r["id"]): r["result"] for r in body["indicators"]}  # type: ignore[attr-defined]
    assert rows[("Bát Xát", "A1")] == 82.75 and rows[("Bát Xát", "A2")] == 46.68 and rows[(None, "D1")] == 9800
    assert [s["area"] for s in body["summaries"]] == [None, "Bát Xát"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "rows",
    [
        "A1,2030,80\nA1,2031,81\nD1,2030,100\nD1,2031,200\n",  # results at and after the horizon
        "A1,2022,0." + "0" * 45 + "1\nA1,2023,80\nD1,2022,0\nD1,2023,5\n",  # a baseline of 1e-46, and of 0
        "A1,2022,100\nA1,2023,0\nB5,2022,100\nB5,2023,0\n",  # everything to nothing
    ],
    ids=["at-the-horizon", "baseline-1e-46", "to-zero"],
)
@pytest.mark.parametrize("method", ["cagr", "linear"])
def test_degenerate_histories_give_valid_json(tmp_path: Path, rows: str, method: str) -> None:
    """Division by zero and overflow in the pace: exit 3 before (progress.py now guards them); valid JSON."""
    path = tmp_path / "r.csv"
    path.write_text("id,year,value\n" + rows)
    code, body, err = compare_json(str(path), "--method", method)
    assert code == 0, err
    assert body is not None and body["indicators"]
    for fmt in ("table", "csv", "markdown"):
        assert runner.invoke(app, ["compare", str(path), "--method", method, "--format", fmt]).exit_code == 0


def test_a_file_giving_no_value_is_exit_1_naming_it(tmp_path: Path) -> None:
    """Every id unknown, or a header above nothing: exit 2 (a usage error) without the file before; the file's
    fault, so exit 1 naming it, with the warnings that say why."""
    path = tmp_path / "r.csv"
    path.write_text("id,year,value\nZZ,2023,1\n")
    result = runner.invoke(app, ["compare", str(path)])
    assert result.exit_code == 1
    assert "r.csv:2:1: warning: unknown indicator id 'ZZ'" in result.stderr
    assert "r.csv: no value of the plan's indicators was read" in result.stderr


def test_area_names_make_sheet_names_excel_accepts(tmp_path: Path) -> None:
    """`report --by-area` names a sheet after each district: an ESC in a name, U+FFFF in a name or U+FFFE in a note
    made the workbook's XML invalid (the report written with exit 0 could not be opened), a trailing apostrophe or
    'History' is refused by Excel."""
    import openpyxl

    path = tmp_path / "r.csv"
    names = ["Bát/Xát:*?[1]", "x\x1b[2Jy", "'quoted'", "Huyện có tên rất dài vượt quá ba mươi mốt ký tự A",
             "Huyện có tên rất dài vượt quá ba mươi mốt ký tự B", "Sa\uffffPa"]  # fmt: skip
    rows = "".join(f'A1,2023,{80 + i},"{n}",ghi\ufffechú\n' for i, n in enumerate(names))
    path.write_text("id,year,value,area,note\n" + rows, encoding="utf-8")
    out = tmp_path / "bao-cao"
    result = runner.invoke(app, ["report", str(path), "--by-area", "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out / "report-2023.xlsx")  # the XML is valid: it opens
    sheet = wb["Phụ biểu 01 theo địa bàn"]  # the districts on one sheet, each under its heading row
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not any(ch in text for text in texts for ch in "\x1b\uffff\ufffe")
    assert "Bát/Xát:*?[1]" in texts and "x[2Jy" in texts  # shown, control characters dropped
