"""The command line: exit codes, formats, and what `validate`, `indicators`, `tasks`, `schema` print."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrplan.cli import app
from hrplan.plan.schema import schema_text, schemas

runner = CliRunner()


def test_validate_bundled_plan_passes() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("0 error(s), 9 warning(s)")


def test_validate_strict_fails_on_the_plans_own_warnings() -> None:
    assert runner.invoke(app, ["validate", "--strict"]).exit_code == 1


def test_validate_json_is_structured() -> None:
    result = runner.invoke(app, ["validate", "--format", "json"])
    body = json.loads(result.output)
    assert set(body) == {"problems", "errors", "warnings"}
    assert body["errors"] == 0 and body["warnings"] == 9
    first = body["problems"][0]
    assert set(first) == {"path", "line", "column", "cell", "code", "severity", "message"}


def test_validate_github_annotations(monkeypatch: pytest.MonkeyPatch) -> None:
    case = Path(__file__).parent / "cases" / "invalid" / "unknown_unit"
    monkeypatch.chdir(case)
    result = runner.invoke(app, ["validate", "targets.yaml", "tasks.yaml", "--format", "github"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "::error file=targets.yaml,line=39,col=12,title=unknown-unit::unknown unit 'so_lao_dong': "
        "add it to the units of tasks.yaml or use one of its ids"
    ]


def test_validate_rejects_a_non_plan_file(tmp_path: Path) -> None:
    f = tmp_path / "other.yaml"
    f.write_text("hello: world\n")
    result = runner.invoke(app, ["validate", str(f)])
    assert result.exit_code == 1
    assert "not a plan file" in result.output


def test_usage_error_exit_2() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "hrplan", "validate", "--format", "xml"], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_indicators_json_lists_the_whole_plan() -> None:
    result = runner.invoke(app, ["indicators", "--format", "json"])
    rows = json.loads(result.output)
    assert len(rows) == 22
    b1 = next(r for r in rows if r["id"] == "B1")
    assert {k: b1[k] for k in ("group", "unit", "direction", "goal_2030", "targets", "lead", "partners")} == {
        "group": "B",
        "unit": "percent",
        "direction": "increase",
        "goal_2030": [50.0, 55.0],
        "targets": {"2022": {"DA": 30.0}, "2023": {"DA": 32.0, "KH14": 32.0}},
        "lead": ["so_tttt", "so_khcn"],
        "partners": ["co_so_gdnn", "phan_hieu_dhtn"],
    }


def test_tasks_json_keeps_4_10_and_4_11_distinct() -> None:
    rows = json.loads(runner.invoke(app, ["tasks", "--format", "json"]).output)
    by_id = {r["id"]: r for r in rows}
    assert by_id["4.10"]["title"].startswith("Triển khai có hiệu quả các giải pháp")
    assert by_id["4.11"]["title"].startswith("Tăng cường thanh tra")
    assert by_id["1.9"]["deadline"] == "2024-12-05"
    assert by_id["4.3"]["quantities"] == [
        {"value": 1200.0, "unit": "người", "what": by_id["4.3"]["quantities"][0]["what"], "approximate": True},
        {"value": 18.0, "unit": "hội nghị", "what": by_id["4.3"]["quantities"][1]["what"], "approximate": False},
        {"value": 70.0, "unit": "phiên", "what": by_id["4.3"]["quantities"][2]["what"], "approximate": False},
    ]


def test_tasks_by_unit_matches_short_forms_without_accents() -> None:
    full = json.loads(runner.invoke(app, ["tasks", "--unit", "Sở Nội vụ", "--role", "lead", "--format", "json"]).output)
    plain = json.loads(
        runner.invoke(app, ["tasks", "--unit", "so noi vu", "--role", "lead", "--format", "json"]).output
    )
    assert full == plain
    assert [r["id"] for r in full][:4] == ["1.3", "1.4", "1.7", "1.8"]
    short = json.loads(runner.invoke(app, ["tasks", "--unit", "Sở Lao động - TBXH", "--format", "json"]).output)
    assert "4.10" in [r["id"] for r in short]


def test_tasks_unknown_unit_is_usage_error() -> None:
    result = runner.invoke(app, ["tasks", "--unit", "Sở Không Có"])
    assert result.exit_code != 0


def test_committed_schema_is_current(root: Path) -> None:
    for name, doc in schemas().items():
        committed = (root / "schema" / name).read_text(encoding="utf-8")
        assert committed == schema_text(doc), f"schema/{name} is stale: run `hrplan schema --out schema/`"


def test_data_files_carry_the_schema_modeline(root: Path) -> None:
    for name, schema_name in (
        ("targets_2024.yaml", "targets"),
        ("tasks.yaml", "tasks"),
        ("collection_2024.yaml", "collection"),
    ):
        first = (root / "data" / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{schema_name}.schema.json"


@pytest.mark.parametrize("argv", [["--help"], ["validate"], ["--version"]])
def test_fast_paths_do_not_import_openpyxl_or_rich_tables(argv: list[str]) -> None:
    code = (
        f"import sys; sys.argv=['hrplan', *{argv!r}]\n"
        "from hrplan.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', 'openpyxl' in sys.modules, 'rich.table' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "LOADED False False" in proc.stdout, proc.stdout + proc.stderr


def test_unexpected_error_exits_3_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import hrplan.plan.queries

    def boom(*_: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(hrplan.plan.queries, "indicator_rows", boom)
    result = runner.invoke(app, ["indicators"])
    assert result.exit_code == 3
    assert "unexpected error: RuntimeError: kaboom" in result.stderr and "Traceback" not in result.stderr
    result = runner.invoke(app, ["--debug", "indicators"])
    assert result.exit_code == 3 and "Traceback" in result.stderr and "RuntimeError: kaboom" in result.stderr


def test_validate_one_file_uses_its_companion(tmp_path: Path) -> None:
    case = Path(__file__).parent / "cases" / "invalid" / "unknown_unit"
    result = runner.invoke(app, ["validate", str(case / "targets.yaml")])
    assert result.exit_code == 1 and "unknown unit 'so_lao_dong'" in result.output
    alone = tmp_path / "targets.yaml"
    alone.write_text((case / "targets.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(alone)])
    assert result.exit_code == 0
    assert "no tasks file beside it, so unit and indicator references were not checked" in result.output
    bundled_alone = runner.invoke(app, ["validate", str(Path(__file__).parents[1] / "data" / "targets_2024.yaml")])
    assert bundled_alone.exit_code == 0 and "0 error(s), 9 warning(s)" in bundled_alone.output


def test_the_pre_commit_hook_matches_only_plan_files() -> None:
    import re

    import yaml

    from .conftest import ROOT

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(hook["files"])
    for path in ("data/targets_2024.yaml", "data/tasks.yaml", "ke-hoach/targets_2025.yml", "tasks_2025.yaml",
                 "data/collection_2024.yaml"):  # fmt: skip
        assert pattern.search(path), path
    for path in (".github/workflows/ci.yaml", ".pre-commit-config.yaml", "docs/mkdocs.yml", "data/notes.yaml"):
        assert not pattern.search(path), path
