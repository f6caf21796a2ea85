"""Each renderer against a synthetic reading built in the test: the renderer lays out, it decides nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest

from hrplan.analysis.progress import TONE, assess
from hrplan.analysis.ratios import compare_indicator, summarise
from hrplan.analysis.reading import AreaReading, YearReading
from hrplan.analysis.tasks import task_summary
from hrplan.plan.model import Indicator, Plan, TargetsFile, TasksFile
from hrplan.report.labels import EN, VI, Labels
from hrplan.report.registry import RENDERER_BY_NAME, RenderOptions, render
from hrplan.results.measured import Measured
from hrplan.results.taskstatus import STATUSES


def indicator(ind_id: str, **kw: object) -> Indicator:
    base: dict[str, object] = {"id": ind_id, "group": "A", "name": f"Chỉ tiêu {ind_id}", "name_en": f"Ind {ind_id}",
                               "unit": "percent", "direction": "increase", "ref": "test"}  # fmt: skip
    return Indicator.model_validate({**base, **kw})


def plan(indicators: list[Indicator], horizon: int = 2035) -> Plan:
    targets = TargetsFile.model_validate({
        "plan": {"id": "01/KH-TEST", "title": "Kế hoạch thử", "province": "Tỉnh Thử", "issued": "2024-01-08",
                 "year": 2024, "horizon": horizon},
        "sources": {"KH": {"name": "Kế hoạch"}}, "groups": {"A": {"name": "Nhóm A", "name_en": "Group A"}},
        "indicators": [i.model_dump() for i in indicators],
    })  # fmt: skip
    tasks = TasksFile.model_validate(
        {
            "plan": "01/KH-TEST",
            "units": [{"id": "so_a", "name": "Sở A", "name_en": "Dept A", "kind": "department"}],
            "tasks": [
                {"id": "1", "title": "Nhóm"},
                {"id": "1.1", "title": "Việc một", "lead": ["so_a"], "deadline": "2024-06-30"},
            ],
        }
    )
    return Plan(targets=targets, tasks=tasks, targets_path="t.yaml", tasks_path="k.yaml")


def measured(ind_id: str, year: int, value: float, note: str | None = None) -> Measured:
    return Measured(ind_id, year, value, None, "kq.xlsx", "Kết quả", year - 2000, 3, note)


@pytest.fixture(scope="module")
def reading() -> YearReading:
    """X1 rises and misses its target (60 < 70); X2 falls and meets its (40 <= 42) although the ratio is under
    100; X3 has no goal and a note. The plan's horizon is 2035, not 2030."""
    inds = [
        indicator("X1", goal_2030=80, targets={2024: {"KH": 70}}),
        indicator("X2", direction="decrease", goal_2030=30, targets={2024: {"KH": 42}, 2025: {"KH": 38}}),
        indicator("X3", unit="people", targets={2024: {"KH": 1000}}),
    ]
    p = plan(inds)
    values = {"X1": (55.0, 60.0), "X2": (44.0, 40.0), "X3": (900.0, 1200.0)}
    rows = []
    for ind in inds:
        prev, cur = values[ind.id]
        src = [measured(ind.id, 2023, prev), measured(ind.id, 2024, cur, "sơ bộ" if ind.id == "X3" else None)]
        row = compare_indicator(ind, 2024, cur, prev, None, src, 2035)
        row.progress = assess(ind, {2023: prev, 2024: cur}, "cagr", 2035)
        rows.append(row)
    area = AreaReading(None, rows, summarise(rows, 2024))
    return YearReading(p, 2024, "cagr", [area], task_summary(p, [], dt.date(2024, 12, 31)), [], ["kq.xlsx"])


def test_every_word_has_both_languages() -> None:
    assert set(VI) == set(EN)
    for klass in TONE:
        assert VI[klass] and EN[klass]
    for status in (*STATUSES, "not_reported"):
        assert VI[status] and EN[status]


def test_registry_renders_every_format(reading: YearReading) -> None:
    for name in RENDERER_BY_NAME:
        assert render(name, reading, RenderOptions())


def test_json_horizon_verdicts_and_reasons(reading: YearReading) -> None:
    body = json.loads(str(render("json", reading)))
    assert body["horizon"] == 2035 and body["target_sources"] == ["KH"]
    by = {r["id"]: r for r in body["indicators"]}
    assert by["X1"]["verdicts"] == {"KH": "not_met"} and by["X1"]["ratio_targets"]["KH"] == pytest.approx(60 / 70 * 100)
    assert by["X2"]["verdicts"] == {"KH": "met"} and by["X2"]["ratio_targets"]["KH"] == pytest.approx(40 / 42 * 100)
    assert by["X2"]["next_targets"] == {"KH": 38}
    assert by["X3"]["reasons"]["ratio_2030"] == "the plan sets no 2035 goal"
    assert body["summaries"][0]["missed"] == [{"id": "X1", "source": "KH"}]


def test_console_marks_and_words(reading: YearReading) -> None:
    from rich.console import Console

    con = Console(width=200, record=True, color_system=None)
    con.print(render("table", reading, RenderOptions()))
    text = con.export_text()
    assert "MT 2035" in text and "TH/2035" in text and "Tiến độ 2035" in text and "2030" not in text
    assert "85,71% ✗" in text  # 60 / 70
    assert "95,24% ✓" in text  # 40 / 42, met for a falling share
    assert "1.200" in text and "sơ bộ" in text
    assert "20,00 điểm %" in text  # X1: 80 - 60 points still to go, written as Markdown writes it
    assert "KH 2025" in text and "38%" in text  # next year's target


def test_markdown_and_console_write_the_gap_alike(reading: YearReading) -> None:
    md = str(render("markdown", reading))
    assert "20,00 điểm %" in md and "| X1 |" in md
    assert "Chỉ tiêu chưa đạt mục tiêu năm 2024" in md and "**X1**" in md


def test_english_labels(reading: YearReading) -> None:
    md = str(render("markdown", reading, RenderOptions(lang="en")))
    assert "2035 goal" in md and "Result/2035" in md and "20.00 pp" in md and "Ind X1" in md


def test_csv_columns(reading: YearReading) -> None:
    table = list(csv.DictReader(io.StringIO(str(render("csv", reading, RenderOptions(lang="en"))))))
    x2 = next(r for r in table if r["id"] == "X2")
    assert x2["verdict_KH"] == "met" and x2["next_target_KH"] == "38" and x2["horizon"] == "2035"
    assert x2["ratio_KH"] == "95.24"  # 40 / 42 = 95,238…%, rounded as the tables show it
    assert next(r for r in table if r["id"] == "X3")["notes"] == "2024: sơ bộ"


def test_excel_fills_follow_verdicts_not_ratios(reading: YearReading) -> None:
    body = render("xlsx", reading)
    assert isinstance(body, bytes)
    ws = openpyxl.load_workbook(io.BytesIO(body))["Phụ biểu 01"]
    heads = [c.value for c in ws[4]]
    assert "Mục tiêu 2035" in heads and "Tiến độ đến 2035" in heads
    line = {r[1].value: r for r in ws.iter_rows(min_row=6)}
    col = [c.value for c in ws[5]].index("TH/MT KH")
    assert line["X1"][col].fill.fgColor.rgb == "FFFFC7CE"  # red: missed
    assert line["X2"][col].fill.fgColor.rgb == "FFC6EFCE"  # green: met, though 95,24% < 100%
    assert line["X3"][col].fill.fgColor.rgb == "FFC6EFCE"  # 1.200 people against 1.000


def test_labels_format_placeholders() -> None:
    t = Labels("vi")
    assert t("goal", h=2035) == "MT 2035" and t("ratio_prev", y=2024, p=2023) == "2024/2023"
    assert t.name("Tên", "Name") == "Tên" and Labels("en").name("Tên", "Name") == "Name"
    assert Labels("en").name("Tên", None) == "Tên"
