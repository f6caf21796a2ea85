"""Who reports what: the assignment derived from the plan, completed by the collection file, and that file's
checks (each problem at its line)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrplan.cli import app
from hrplan.core.errors import ProblemsFound
from hrplan.plan.collection import checked_collection, derive, load_collection
from hrplan.plan.load import load_plan
from hrplan.plan.model import Plan

from ..conftest import ROOT

runner = CliRunner()


def test_the_bundled_assignment(plan: Plan) -> None:
    collection, problems = load_collection(plan)
    assert problems == [] and collection.path == str(ROOT / "data" / "collection_2024.yaml")
    assert (collection.collector, collection.deadline.isoformat() if collection.deadline else None) == (
        "so_ldtbxh",
        "2024-12-05",
    )
    units = {u.unit: u for u in collection.units}
    assert "cac_so_nganh" not in units and "so_dulich" not in units  # a group; a unit that leads nothing
    assert units["so_ldtbxh"].indicators == ("B2", "B2a", "B3", "B5", "B6", "B7", "B8", "B9", "D1", "D2", "D3")
    assert units["so_noivu"].indicators == ("C1", "C2", "C3", "C4", "C5")
    assert (units["ubnd_huyen"].indicators, units["ubnd_huyen"].by_district) == ((), ("C1", "C2"))
    assert units["ubnd_huyen"].tasks == ("1.1", "1.5", "1.9")
    assert "1.2" in units["so_ldtbxh"].tasks and "6.6" in units["so_congthuong"].tasks
    assert collection.task_reporters("1.3") == ("so_ldtbxh", "so_gddt", "so_noivu", "so_yte")
    assert len(collection.districts) == 9 and collection.districts[2] == "Bát Xát"
    # every indicator has a reporter; the file leaves none open
    assert all(collection.indicator_reporters(i.id) for i in plan.targets.indicators)


def test_the_plan_alone_leaves_eight_indicators_open(plan: Plan) -> None:
    derived = derive(plan)
    assert [i.id for i in plan.targets.indicators if not derived.indicator_reporters(i.id)] == [
        "B8", "B9", "C3", "C4", "C5", "D1", "D2", "D3",
    ]  # fmt: skip
    assert derived.unit("cac_so_nganh") is not None and derived.deadline is None


def test_a_file_is_found_by_its_unit(plan: Plan) -> None:
    collection = load_collection(plan)[0]
    for name in ("so_gddt_2024.xlsx", "so-gddt.xlsx", "SO_GDDT 2024.xlsx", "/tmp/x/so_gddt.xlsx"):
        found = collection.by_file_name(name)
        assert found is not None and found.unit == "so_gddt", name
    assert collection.by_file_name("ket_qua_2024.xlsx") is None
    for name, unit in (("Sở Nội vụ 2024.xlsx", "so_noivu"), ("bao_cao_noi_vu.xlsx", None), ("noi vu.xlsx", "so_noivu"),
                       ("UBND huyen.xlsx", "ubnd_huyen"), ("So.xlsx", None), ("Sở Du lịch.xlsx", None)):  # fmt: skip
        found = collection.by_file_name(name)
        assert (found.unit if found else None) == unit, name


BAD = """\
collection:
  plan: "09/KH-UBND"
  collector: so_ldtbxh
  deadline: 2024-12-05
  note: "Task 1.9."
districts:
  names: ["Bát Xát", "Bat Xat"]
  note: "A choice."
reporters:
  - unit: so_gddt
    indicators: [B8, Z9]
    tasks: ["1.2", "9.9"]
    note: "A choice."
  - unit: so_khong_co
    indicators: [B9]
    note: "A choice."
  - unit: so_gddt
    note: "Twice."
not_reporting:
  - unit: so_ldtbxh
    note: "Cannot be."
"""


def plan_folder(tmp_path: Path, collection: str) -> Path:
    for name in ("targets_2024.yaml", "tasks.yaml"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    (tmp_path / "collection_2024.yaml").write_text(collection, encoding="utf-8")
    return tmp_path


def test_errors_name_their_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plan_folder(tmp_path, BAD))
    alone = runner.invoke(app, ["validate", "collection_2024.yaml"])
    beside = runner.invoke(app, ["validate", "targets_2024.yaml"])
    assert alone.exit_code == beside.exit_code == 1
    lines = [x for x in alone.stdout.splitlines() if x.startswith("collection_2024.yaml")]
    assert lines == [
        "collection_2024.yaml:7:22: error: district 'Bat Xat' is listed twice (as 'Bát Xát') [duplicate-district]",
        "collection_2024.yaml:11:22: error: unknown indicator 'Z9': see `hrplan indicators` [unknown-indicator]",
        "collection_2024.yaml:12:20: error: unknown task '9.9': see `hrplan tasks` [unknown-task]",
        "collection_2024.yaml:14:11: error: unknown unit 'so_khong_co': use one of the unit ids of tasks.yaml "
        "(see `hrplan tasks --matrix`) [unknown-unit]",
        "collection_2024.yaml:17:11: error: 'so_gddt' is listed twice (first at line 10): give it one entry "
        "[duplicate-unit]",
        "collection_2024.yaml:20:11: error: 'so_ldtbxh' collects the workbooks: it cannot be left out of the "
        "reporting [contradiction]",
    ]
    assert [x for x in beside.stdout.splitlines() if x.startswith("collection_2024.yaml")] == lines
    with pytest.raises(ProblemsFound):
        checked_collection(load_plan(tmp_path / "targets_2024.yaml", tmp_path / "tasks.yaml").plan)  # type: ignore[arg-type]


def test_schema_errors_and_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "data" / "collection_2024.yaml").read_text(encoding="utf-8")
    monkeypatch.chdir(plan_folder(tmp_path, text.replace('tasks: ["1.2"]', "tasks: [1.2]")))
    result = runner.invoke(app, ["validate", "collection_2024.yaml"])
    assert "collection_2024.yaml:25:13: error: id 1.2 is read as a float" in result.stdout and result.exit_code == 1
    (tmp_path / "collection_2024.yaml").write_text(text.replace("  deadline:", "  owner: x\n  deadline:"), "utf-8")
    result = runner.invoke(app, ["validate", "collection_2024.yaml"])
    assert "collection_2024.yaml:15:3: error: unknown key 'owner'" in result.stdout and result.exit_code == 1
    uncovered = text.replace("indicators: [B8, B9, D1, D2, D3]", "indicators: [B8, B9, D1, D2]").replace(
        '    tasks: ["6.6"]\n', ""
    )
    (tmp_path / "collection_2024.yaml").write_text(uncovered, encoding="utf-8")
    result = runner.invoke(app, ["validate", "collection_2024.yaml"])
    assert result.exit_code == 0, result.stdout
    assert "warning: no unit reports D3" in result.stdout and "warning: no unit reports task 6.6" in result.stdout
    other = text.replace('plan: "09/KH-UBND"', 'plan: "10/KH-UBND"')
    (tmp_path / "collection_2024.yaml").write_text(other, encoding="utf-8")
    assert "completes plan '10/KH-UBND'" in runner.invoke(app, ["validate", "collection_2024.yaml"]).stdout


def test_a_collection_file_without_a_plan_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "collection_2024.yaml"
    shutil.copy(ROOT / "data" / "collection_2024.yaml", path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0 and "not-cross-checked" in result.stdout
