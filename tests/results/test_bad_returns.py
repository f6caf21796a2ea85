"""A department's workbook that came back changed: each change a clear message at its file and cell, and nothing
read silently wrong (compare stops with the list)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from hrplan.cli import app
from hrplan.plan.model import Plan
from hrplan.results.merge import read_file

runner = CliRunner()


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("form") / "so_gddt_2024.xlsx"
    assert runner.invoke(app, ["template", str(path), "--unit", "Sở GD&ĐT"]).exit_code == 0
    return path


def returned(form: Path, tmp_path: Path, change: Callable[[Any], None]) -> Path:
    """The form filled in as a clerk does (A1 = 85,1; task 1.3 done), then changed."""
    wb = openpyxl.load_workbook(form)
    wb["Kết quả"]["F6"] = "85,1"
    tasks = wb["Nhiệm vụ"]
    row_13 = next(r for r in range(5, tasks.max_row + 1) if tasks.cell(r, 1).value == "1.3")
    tasks.cell(row_13, 4).value = "hoàn thành"
    change(wb)
    path = tmp_path / form.name
    wb.save(path)
    return path


def problems(path: Path, plan: Plan) -> list[tuple[str, str | None]]:
    return [(p.code, p.cell) for p in read_file(path, plan).problems if p.severity.value == "error"]


def test_the_form_as_filled_in_has_no_problem(form: Path, tmp_path: Path, plan: Plan) -> None:
    path = returned(form, tmp_path, lambda wb: None)
    res = read_file(path, plan)
    assert res.problems == [] and res.unit == "so_gddt"
    assert [(m.id, m.year, m.value) for m in res.values if m.year == 2024] == [("A1", 2024, 85.1)]


def add_another_units_indicator(wb: Any) -> None:
    ws = wb["Kết quả"]
    ws["A11"], ws["B11"], ws["F11"] = "B2", "Tỷ lệ lao động qua đào tạo", 68.9


def edit_the_year(wb: Any) -> None:
    wb["Kết quả"]["F4"] = "Kết quả năm 2023"


def delete_the_tasks_sheet(wb: Any) -> None:
    del wb["Nhiệm vụ"]


def move_a_value_out(wb: Any) -> None:
    ws = wb["Kết quả"]
    ws["F7"], ws["H7"] = None, 47.2  # cut from F7 (A2's result), pasted beside the note


def type_text_over_the_previous_result(wb: Any) -> None:
    wb["Kết quả"]["D6"] = "77,42"


def rename_the_unit(wb: Any) -> None:
    wb["Hướng dẫn"]["B3"] = "Sở Y tế"


def insert_rows(wb: Any) -> None:
    wb["Nhiệm vụ"].insert_rows(6, 2)


@pytest.mark.parametrize(
    ("change", "expected", "fragment"),
    [
        (add_another_units_indicator, [("outside-form", "Kết quả!A11"), ("outside-form", "Kết quả!B11"),
                                       ("outside-form", "Kết quả!F11")], "'B2' is outside the form's input cells"),
        (edit_the_year, [("edited-header", "Kết quả!F4")],
         "reads 'Kết quả năm 2023', the form has 'Kết quả năm 2024'"),
        (delete_the_tasks_sheet, [("sheet-missing", None)], "the sheet 'Nhiệm vụ' of the form is missing"),
        (move_a_value_out, [("outside-form", "Kết quả!H7")],
         "'47.2' is outside the form's input cells: type it in F7 or G7"),
        (type_text_over_the_previous_result, [("protected-cell", "Kết quả!D6")],
         "holds '77,42' (a number typed as text)"),
        (rename_the_unit, [("protected-cell", "Hướng dẫn!B3")], "the form has 'Sở Giáo dục và Đào tạo'"),
    ],
)  # fmt: skip
def test_a_bad_return_is_an_error_at_its_cell(
    form: Path,
    tmp_path: Path,
    plan: Plan,
    change: Callable[[Any], None],
    expected: list[tuple[str, str | None]],
    fragment: str,
) -> None:
    path = returned(form, tmp_path, change)
    assert problems(path, plan) == expected
    assert fragment in next(p.message for p in read_file(path, plan).problems if p.code == expected[0][0])
    result = runner.invoke(app, ["compare", str(path), "--year", "2024", "--format", "json"])
    assert result.exit_code == 1 and result.stdout == ""  # nothing produced from a bad return
    assert str(path) in result.stderr and (expected[0][1] or "") in result.stderr


def test_inserted_rows_are_reported_once_past_a_few_cells(form: Path, tmp_path: Path, plan: Plan) -> None:
    found = problems(returned(form, tmp_path, insert_rows), plan)
    assert len(found) == 13 and found[-1] == ("form-changed", None)
    assert all(code == "protected-cell" for code, _ in found[:12])


def test_a_copy_without_the_hidden_form_is_read_as_any_workbook(form: Path, tmp_path: Path, plan: Plan) -> None:
    def unform(wb: Any) -> None:
        del wb["hrplan"]
        edit_the_year(wb)

    path = returned(form, tmp_path, unform)
    res = read_file(path, plan)
    assert res.problems == [] and res.unit == "so_gddt"  # nothing to check against: read as it stands
    # the 2024 column now says 2023: A1 2023 twice in the file, 82.75 and 85.1, which compare refuses
    result = runner.invoke(app, ["compare", str(path), "--format", "json"])
    assert result.exit_code == 1 and "conflict" in result.stderr and f"{path}:Kết quả!F6" in result.stderr
