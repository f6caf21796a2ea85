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


@pytest.fixture(scope="module")
def plan() -> Plan:
    p = load_plan().plan
    assert p is not None
    return p


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


def test_conflicting_statuses(tmp_path: Path, plan: Plan) -> None:
    from hrplan.results.merge import read_results

    a = status_workbook(tmp_path / "a.xlsx", [("1.9", "", "hoàn thành")])
    b = status_workbook(tmp_path / "b.xlsx", [("1.9", "", "đang triển khai")])
    res = read_results([a, b], plan)
    assert [(p.code, p.path) for p in res.problems] == [("conflict", str(b))]


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
