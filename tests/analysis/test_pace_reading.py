"""The pace to 2030 cannot mislead: a value that falls back from its goal, a baseline fixed by the plan
whatever years a file holds, and a reason of its own for every blank (issue: a report the analyst can sign).
Every expected number is computed by hand in the comment beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hrplan.analysis.progress import assess
from hrplan.cli import app

from ..plans import indicator as ind
from ..workbooks import long_workbook

runner = CliRunner()


def test_a1_falling_back_from_its_goal_is_moving_away() -> None:
    # A1: 82,75% in 2023 (past the 80% goal), 78% typed for 2024. Open SDG: progress = +1 × CAGR_obs / |CAGR_req|
    # CAGR_obs = 78 / 82,75 − 1 = −5,740%; CAGR_req = (80 / 82,75)^(1/7) − 1 = −0,4817% → −11,92: deterioration.
    p = assess(ind(goal_2030=80), {2023: 82.75, 2024: 78}, "cagr", 2030)
    assert p.klass == "moving_away" and p.tone == "poor"
    assert p.r == pytest.approx((78 / 82.75 - 1) / abs((80 / 82.75) ** (1 / 7) - 1))
    assert p.r == pytest.approx(-11.92, abs=0.01)
    assert p.reason == "reached the goal in 2023 and has fallen back since" and p.covered == 0.0


def test_a2_falling_back_with_both_methods() -> None:
    # A2: 46,68% → 44% against a goal of 45%: −5,741% / 0,5219% = −11,00
    cagr = assess(ind(goal_2030=45), {2023: 46.68, 2024: 44}, "cagr", 2030)
    assert cagr.klass == "moving_away" and cagr.r == pytest.approx(-11.0, abs=0.01)
    linear = assess(ind(goal_2030=45), {2023: 46.68, 2024: 44}, "linear", 2030)
    assert linear.klass == "stagnating" and linear.tone == "poor"  # never "on track" with a full bar


def test_a_falling_share_that_rises_back_above_its_goal_is_moving_away() -> None:
    # B5 should fall to 45%: 44% in 2023 (reached), 47% in 2024. CAGR_obs = 47/44 − 1 = 6,818%;
    # CAGR_req = (45/44)^(1/7) − 1 = 0,3216%; R = −1 × 6,818 / 0,3216 = −21,2
    p = assess(ind(goal_2030=45, direction="decrease"), {2023: 44, 2024: 47}, "cagr", 2030)
    assert p.klass == "moving_away" and p.r == pytest.approx(-(47 / 44 - 1) / ((45 / 44) ** (1 / 7) - 1))


def test_reached_and_kept_is_achieved() -> None:
    assert assess(ind(goal_2030=80), {2023: 82.75, 2024: 83}, "cagr", 2030).klass == "achieved"
    assert assess(ind(goal_2030=80), {2022: 77.42, 2023: 82.75}, "cagr", 2030).klass == "achieved"


def test_blanks_have_reasons_of_their_own() -> None:
    assert assess(ind(), {2023: 1, 2024: 2}, "cagr", 2030).klass == "no_goal"  # B8, B9, C3–C5, D1–D3
    no_result = assess(ind(goal_2030=80), {2022: 70, 2023: 72}, "cagr", 2030, None, 2024)
    assert (no_result.klass, no_result.reason) == ("no_result", "no result for 2024")
    one_year = assess(ind(goal_2030=80), {2024: 72}, "cagr", 2030, None, 2024)
    assert (one_year.klass, one_year.reason) == ("insufficient_data", "fewer than two measured years")


@pytest.mark.parametrize(
    ("history", "horizon", "klass"),
    [
        ({2030: 50.0, 2031: 60.0}, 2030, "insufficient_data"),  # the baseline is the horizon: no years to go
        ({2024: 50.0, 2025: 60.0}, 2023, "insufficient_data"),  # a horizon before the plan's own years
        ({2022: 1e-46, 2023: 60.0}, 2030, "on_track"),  # 60 / 1e-46: huge but finite rates
        ({2022: 1e-300, 2029: 60.0}, 2030, "on_track"),
        ({2022: 5e-324, 2023: 1e308}, 2030, "achieved"),
    ],
    ids=["results-at-the-horizon", "horizon-before-the-plan", "tiny-baseline", "tinier", "denormal"],
)
def test_degenerate_histories_never_crash(history: dict[int, float], horizon: int, klass: str) -> None:
    assert assess(ind(goal_2030=80), history, "cagr", horizon).klass == klass
    assert assess(ind(goal_2030=80), history, "linear", horizon).klass in (klass, "some_progress", "stagnating")


def test_overflowing_rates_are_insufficient() -> None:
    # (1e308 / 5e-324) overflows a float: the reading says so instead of crashing
    p = assess(ind(goal_2030=1e308, unit="people"), {2022: 5e-324, 2023: 1e300}, "cagr", 2030)
    assert (p.klass, p.reason) == ("insufficient_data", "the values are too far apart for growth rates")


def compare_json(tmp_path: Path, rows: list[tuple[object, ...]], *extra: str) -> dict[str, Any]:
    path = long_workbook(tmp_path / "kq.xlsx", rows, header=("Mã chỉ tiêu", "Năm", "Kết quả", "Địa bàn"))
    result = runner.invoke(app, ["compare", str(path), "--year", "2024", "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    body: dict[str, Any] = json.loads(result.stdout)
    return body


def by_id(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in body["indicators"] if r["area"] is None}


def test_a_2024_workbook_alone_reads_like_one_with_every_year(tmp_path: Path) -> None:
    # The plan publishes B2 = 66,7% (2022) and 67,7% (2023) and names 2022 its baseline year.
    # CAGR_obs = (68,9 / 66,7)^(1/2) − 1 = 1,6363%; CAGR_req = (80 / 66,7)^(1/8) − 1 = 2,2985%; R = 0,7119
    alone = by_id(compare_json(tmp_path, [("B2", 2024, "68,9")]))["B2"]
    every = by_id(compare_json(tmp_path, [("B2", 2022, "66,7"), ("B2", 2023, "67,7"), ("B2", 2024, "68,9")]))["B2"]
    assert alone["progress_2030"] == every["progress_2030"]
    p = alone["progress_2030"]
    assert (p["baseline_year"], p["baseline"], p["class"]) == (2022, 66.7, "moderate")
    assert p["r"] == pytest.approx(((68.9 / 66.7) ** 0.5 - 1) / ((80 / 66.7) ** (1 / 8) - 1))
    assert alone["previous"] == 67.7  # TH 2024/TH 2023 from the plan's published 2023
    assert alone["sources"][0].startswith("data/targets_2024.yaml:")


def test_an_input_overrides_the_published_value_and_says_so(tmp_path: Path) -> None:
    body = compare_json(tmp_path, [("B2", 2023, "68"), ("B2", 2024, "68,9")])
    assert by_id(body)["B2"]["previous"] == 68
    notes = [p for p in body["problems"] if p["code"] == "differs-from-published"]
    assert len(notes) == 1 and notes[0]["severity"] == "info" and "plan published 67.7" in notes[0]["message"]


def test_the_basis_is_stated_everywhere(tmp_path: Path) -> None:
    body = compare_json(tmp_path, [("B2", 2024, "68,9")])
    assert body["baseline_year"] == 2022
    path = tmp_path / "kq.xlsx"  # written by compare_json above
    line = "Tiến độ 2030 tính từ năm cơ sở 2022 (phương pháp tăng trưởng kép)"
    for fmt in ("table", "markdown"):
        out = runner.invoke(app, ["compare", str(path), "--year", "2024", "--format", fmt, "--no-color"]).stdout
        assert line in out, fmt


def test_blank_classes_in_compare(tmp_path: Path) -> None:
    rows = by_id(compare_json(tmp_path, [("B2", 2024, "68,9")]))
    assert rows["B8"]["progress_2030"]["class"] == "no_goal"  # section I only: no 2030 goal
    assert rows["A1"]["progress_2030"]["class"] == "no_result"  # a goal, but no 2024 result typed
    area = compare_json(tmp_path, [("B2", 2024, "68,9"), ("B2", 2024, "70", "Bát Xát")], "--by-area")
    district = next(r for r in area["indicators"] if r["area"] == "Bát Xát" and r["id"] == "B2")
    assert district["progress_2030"]["class"] == "insufficient_data"  # a district has no published history


def test_required_path_reaches_the_goal_each_way() -> None:
    from hrplan.analysis.progress import Progress, required_path

    # B2: 66,7% in 2022 towards 80% in 2030; compound: 66,7 × (80/66,7)^(k/8); straight: 66,7 + 13,3 × k/8
    cagr = Progress("cagr", "moderate", baseline_year=2022, baseline=66.7, goal=80.0)
    path = required_path(cagr, 2030)
    assert list(path) == list(range(2022, 2031))
    assert [path[2022 + k] for k in range(9)] == pytest.approx([66.7 * (80 / 66.7) ** (k / 8) for k in range(9)])
    linear = required_path(Progress("linear", "some_progress", baseline_year=2022, baseline=66.7, goal=80.0), 2030)
    assert [linear[2022 + k] for k in range(9)] == pytest.approx([66.7 + 13.3 * k / 8 for k in range(9)])
    zero = required_path(Progress("cagr", "insufficient_data", baseline_year=2022, baseline=0.0, goal=80.0), 2030)
    assert zero[2026] == pytest.approx(40.0)  # a zero baseline has no growth rate: the straight line
    assert required_path(Progress("cagr", "achieved", baseline_year=2030, baseline=70.0, goal=80.0), 2030) == {}
    assert required_path(Progress("cagr", "no_goal"), 2030) == {}
