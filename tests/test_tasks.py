"""Task views, task statuses read from a workbook, completion and overdue tasks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from hrplan.analysis.tasks import UnitCompletion, task_summary
from hrplan.cli import app
from hrplan.plan.load import load_plan
from hrplan.plan.model import Plan
from hrplan.results.merge import read_file
from hrplan.results.taskstatus import parse_task_id

from .conftest import CASES

runner = CliRunner()


def status_workbook(path: Path, rows: list[tuple[object, ...]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Nhiệm vụ"
    ws.append(["TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"])
    ws.append(["Mã nhiệm vụ", "Nhiệm vụ", "Tình trạng", "Ghi chú", "Minh chứng"])
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def test_statuses_read_with_their_cells(tmp_path: Path, plan: Plan) -> None:
    path = status_workbook(
        tmp_path / "nv.xlsx",
        [
            ("1.9", "…", "Đang triển khai", "đã gửi 10/12 đơn vị"),
            ("4.10", "…", "hoàn thành", None, "QĐ 123"),
            (4.3, "…", "chưa triển khai"),
            (4.1, "…", "hoàn thành"),
            ("6.6", "…", None),
            ("9.9", "…", "hoàn thành"),
            ("4.3", "…", "xong"),
        ],
    )
    res = read_file(path, plan)
    assert [(s.id, s.status, s.note, s.evidence, s.where.cell) for s in res.statuses] == [
        ("1.9", "in_progress", "đã gửi 10/12 đơn vị", None, "C3"),
        ("4.10", "done", None, "QĐ 123", "C4"),
        ("4.3", "not_started", None, None, "C5"),
    ]
    assert [(p.severity.value, p.code, p.cell) for p in res.problems] == [
        ("error", "bad-task-id", "Nhiệm vụ!A6"),
        ("warning", "unknown-task", "Nhiệm vụ!A8"),
        ("error", "bad-status", "Nhiệm vụ!C9"),
    ]
    assert "4.1 and 4.10 cannot be told apart" in res.problems[0].message


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("4.10", ("4.10", None)),
        (4.3, ("4.3", None)),
        (2, ("2", None)),
        ("2.3.", ("2.3", None)),
        (True, (None, "'True' is not a task id")),
    ],
)
def test_parse_task_id(raw: object, parsed: tuple[str | None, str | None]) -> None:
    assert parse_task_id(raw, {"4.1", "4.10", "4.3", "2", "2.3"}) == parsed


def test_completion_and_overdue(tmp_path: Path, plan: Plan) -> None:
    path = status_workbook(tmp_path / "nv.xlsx", [("1.9", "", "đang triển khai"), ("6.5", "", "hoàn thành")])
    statuses = read_file(path, plan).statuses
    rows = {r.unit: r for r in task_summary(plan, statuses, dt.date(2024, 12, 6)).completion}
    assert rows["so_congthuong"] == UnitCompletion("so_congthuong", "Sở Công Thương", tasks=1, done=1,
                                                   in_progress=0, not_started=0, not_reported=0)  # fmt: skip
    assert rows["ubnd_huyen"].in_progress == 1
    # task 1.9 is due 05/12/2024 (the plan text): overdue on the 6th, not on the 5th
    assert [t.id for t in task_summary(plan, statuses, dt.date(2024, 12, 6)).overdue] == ["1.9"]
    assert task_summary(plan, statuses, dt.date(2024, 12, 5)).overdue == ()


def test_compare_json_carries_task_status(tmp_path: Path) -> None:
    path = status_workbook(tmp_path / "nv.xlsx", [("1.9", "", "hoàn thành")])
    results = tmp_path / "kq.csv"
    results.write_text("id,year,value\nA1,2023,82.75\n", encoding="utf-8")
    out = runner.invoke(app, ["compare", str(results), str(path), "--format", "json", "--as-of", "2025-01-01"])
    body = json.loads(out.stdout)
    assert body["tasks"]["as_of"] == "2025-01-01" and body["tasks"]["statuses"] == {"1.9": "done"}
    assert body["tasks"]["overdue"] == []
    vietnamese = runner.invoke(app, ["compare", str(results), str(path), "--format", "json", "--as-of", "01/01/2025"])
    assert json.loads(vietnamese.stdout)["tasks"]["as_of"] == "2025-01-01"
    for wrong in ("31/02/2024", "2024-13-45", "tomorrow"):
        bad = runner.invoke(app, ["compare", "--as-of", wrong])
        assert bad.exit_code == 2 and "--as-of" in bad.stderr and "31/12/2024 or 2024-12-31" in bad.stderr


def unit_status_workbook(path: Path, unit: str | None, rows: list[tuple[object, ...]], column: bool = False) -> Path:
    """A tasks sheet as a co-lead returns it: a 'Đơn vị báo cáo' line above the table, or a column of units."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Nhiệm vụ"
    ws.append(["TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM 2024"])
    ws.append(["Đơn vị báo cáo:", unit] if unit else [])
    ws.append(["Mã nhiệm vụ", "Tình trạng", "Ghi chú", *(["Đơn vị báo cáo"] if column else [])])
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def test_co_leads_statuses_are_kept_with_their_unit(tmp_path: Path, plan: Plan) -> None:
    from hrplan.results.merge import read_results

    a = unit_status_workbook(tmp_path / "noivu.xlsx", "Sở Nội vụ", [("1.3", "hoàn thành", "Đã ban hành KH")])
    b = unit_status_workbook(tmp_path / "gd.xlsx", "Sở GD&ĐT", [("1.3", "đang triển khai")])
    rows: list[tuple[object, ...]] = [("1.3", "hoàn thành", None, "sở y tế"), ("1.4", "hoàn thành", None, "Sở Nội vụ")]
    c = unit_status_workbook(tmp_path / "tonghop.xlsx", None, rows, column=True)
    res = read_results([a, b, c], plan)
    assert res.problems == []  # different statuses of co-leads are no longer an error
    assert [(s.id, s.unit, s.status, s.where.cell) for s in res.statuses] == [
        ("1.3", "so_noivu", "done", "B4"),
        ("1.3", "so_gddt", "in_progress", "B4"),
        ("1.3", "so_yte", "done", "B4"),
        ("1.4", "so_noivu", "done", "B5"),
    ]
    summary = task_summary(plan, res.statuses, dt.date(2024, 12, 31))
    r13 = summary.report_of("1.3")
    assert r13 is not None and r13.co_leads == ("so_noivu", "so_ldtbxh", "so_gddt", "so_yte")
    assert r13.status == "in_progress" and r13.disagree
    assert r13.side_by_side == [("so_noivu", "done"), ("so_ldtbxh", None), ("so_gddt", "in_progress"),
                                ("so_yte", "done")]  # fmt: skip
    assert summary.status_of("1.4") == "in_progress"  # only one of its four co-leads has said done
    units = {c.unit: c for c in summary.completion}
    assert (units["so_noivu"].done, units["so_gddt"].in_progress, units["so_ldtbxh"].not_reported) == (2, 1, 32)


@pytest.mark.parametrize(
    ("voices", "status"),
    [
        ([("a", "done"), ("b", "done")], "done"),
        ([("a", "done")], "in_progress"),  # b has not said done
        ([("a", "not_started"), ("b", "in_progress")], "in_progress"),
        ([("a", "not_started")], "not_started"),
        ([(None, "done")], "done"),  # a file naming no unit speaks for every co-lead
        ([(None, "done"), ("b", "not_started")], "in_progress"),
        ([("c", "done")], "in_progress"),  # a unit that is no co-lead cannot make the task done alone
    ],
)
def test_the_rule_for_a_task_of_two_co_leads(voices: list[tuple[str | None, str]], status: str) -> None:
    from hrplan.analysis.tasks import overall
    from hrplan.results.measured import Provenance, TaskStatus

    said = tuple(TaskStatus("1.3", s, None, None, Provenance("f.xlsx", "NV", 2, 2), u) for u, s in voices)
    assert overall(("a", "b"), said) == status


def test_a_disagreement_is_a_warning_shown_side_by_side(tmp_path: Path) -> None:
    a = unit_status_workbook(tmp_path / "noivu.xlsx", "Sở Nội vụ", [("1.3", "hoàn thành", "Đã ban hành KH")])
    b = unit_status_workbook(tmp_path / "gd.xlsx", "Sở Giáo dục và Đào tạo", [("1.3", "đang triển khai")])
    args = ["compare", str(a), str(b), "--year", "2023", "--as-of", "2024-12-31", "--no-color"]
    out = runner.invoke(app, [*args, "--format", "json"])
    assert out.exit_code == 0, out.output
    body = json.loads(out.stdout)
    assert body["tasks"]["statuses"]["1.3"] == "in_progress" and body["tasks"]["disagreements"] == ["1.3"]
    assert body["tasks"]["side_by_side"]["1.3"] == {
        "so_noivu": "done", "so_ldtbxh": "not_reported", "so_gddt": "in_progress", "so_yte": "not_reported",
    }  # fmt: skip
    assert [v["unit"] for v in body["tasks"]["by_unit"]["1.3"]] == ["so_noivu", "so_gddt"]
    warning = next(p for p in body["problems"] if p["code"] == "co-leads-disagree")
    assert warning["severity"] == "warning"
    assert f"Sở Nội vụ says 'hoàn thành' ({a}:Nhiệm vụ!B4)" in warning["message"]
    assert f"Sở Giáo dục và Đào tạo says 'đang triển khai' ({b}:Nhiệm vụ!B4)" in warning["message"]
    assert runner.invoke(app, [*args, "--strict"]).exit_code == 1  # a warning: fails only with --strict
    table = runner.invoke(app, args)
    assert "Sở Nội vụ: hoàn thành" in table.stdout and "Sở Y tế: chưa báo cáo" in table.stdout
    markdown = runner.invoke(app, [*args, "--format", "markdown"]).stdout
    assert "| 1.3 | đang triển khai | Sở Nội vụ: hoàn thành; Sở Lao động - Thương binh và Xã hội: chưa báo cáo;" in (
        markdown
    )
    xlsx = tmp_path / "r.xlsx"
    runner.invoke(app, [*args, "--out", str(xlsx)])
    row = next(r for r in openpyxl.load_workbook(xlsx)["Phụ biểu 02"].iter_rows() if r[0].value == "1.3")
    assert row[6].value == "đang triển khai" and str(row[7].value).split("\n")[2] == (
        "Sở Giáo dục và Đào tạo: đang triển khai"
    )


def test_an_unknown_reporting_unit_is_an_error_at_its_cell(tmp_path: Path, plan: Plan) -> None:
    path = unit_status_workbook(tmp_path / "x.xlsx", "Sở Không Có", [("1.3", "hoàn thành")])
    res = read_file(path, plan)
    assert [(p.code, p.cell, p.severity.value) for p in res.problems] == [("unknown-unit", "Nhiệm vụ!B2", "error")]
    column = unit_status_workbook(tmp_path / "y.xlsx", None, [("1.3", "hoàn thành", None, "Sở ABC")], column=True)
    assert [(p.code, p.cell) for p in read_file(column, plan).problems] == [("unknown-unit", "Nhiệm vụ!D4")]


def test_tasks_views() -> None:
    due = json.loads(runner.invoke(app, ["tasks", "--due-before", "2024-12-31", "--format", "json"]).stdout)
    assert [t["id"] for t in due] == ["1.9"]
    m = json.loads(runner.invoke(app, ["tasks", "--matrix", "--format", "json"]).stdout)
    assert m["cells"]["6.3"] == {"so_ldtbxh": "lead", "ubnd_huyen": "partner", "cac_so_nganh": "partner"}
    assert len(m["tasks"]) == 42
    partner = json.loads(
        runner.invoke(app, ["tasks", "--unit", "Trung tâm DVVL tỉnh", "--role", "partner", "--format", "json"]).stdout
    )
    assert [t["id"] for t in partner] == ["1.5", "4.9"]
    linked = json.loads(runner.invoke(app, ["tasks", "--format", "json"]).stdout)
    assert next(t for t in linked if t["id"] == "3.8")["indicators"] == ["B1", "B8", "B9", "B2"]


def test_approximate_quantities_say_so(tmp_path: Path) -> None:
    from hrplan.report.plan_tables import quantity_text

    rows = json.loads(runner.invoke(app, ["tasks", "--format", "json"]).stdout)
    q43 = next(t for t in rows if t["id"] == "4.3")["quantities"]
    assert [(q["value"], q["approximate"]) for q in q43] == [(1200, True), (18, False), (70, False)]
    assert [quantity_text(q) for q in q43] == ["khoảng 1.200 người", "18 hội nghị", "70 phiên"]
    assert quantity_text(q43[0], "en") == "about 1,200 người"
    minimal = CASES / "valid" / "minimal"
    tasks = tmp_path / "tasks.yaml"
    text = (minimal / "tasks.yaml").read_text(encoding="utf-8")
    tasks.write_text(text.replace('what: "người tham gia"}', 'what: "người tham gia", approximate: "khoảng"}'), "utf-8")
    problems = load_plan(minimal / "targets.yaml", tasks).problems
    assert [p.code for p in problems] == ["schema"] and "approximate" in problems[0].message
