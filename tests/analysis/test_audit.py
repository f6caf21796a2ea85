"""`hrplan audit`: its findings on the shipped plan by code, the JSON and text it prints, its exit code, and each kind
of finding on a synthetic plan. tests/analysis/test_audit_text.py checks each lead and partner finding against the
plan text."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from hrplan.analysis.audit import audit
from hrplan.cli import app
from hrplan.plan.load import load_plan

from ..conftest import CASES, PLAN_TEXT

runner = CliRunner()

# code -> (findings, accepted as info) on the shipped plan; the README's audit table shows the same counts
COUNTS = {
    "published-ratio": (6, 0),
    "lead-not-in-appendix": (6, 31),
    "lead-not-in-section-iii": (28, 2),
    "partner-not-in-appendix": (13, 21),
    "partner-not-in-section-iii": (3, 0),
    "target-against-direction": (1, 0),
    "target-behind-result": (8, 0),
    "structure-sum": (0, 4),
}


def test_audit_of_the_shipped_plan() -> None:
    result = runner.invoke(app, ["audit", "--format", "json"])
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    findings = body["findings"]
    counted = Counter((f["code"], f["severity"]) for f in findings)
    assert {c: (counted[(c, "warning")], counted[(c, "info")]) for c in COUNTS} == COUNTS
    assert sum(counted.values()) == len(findings)  # no other code, no other severity
    assert (body["failing"], body["accepted"]) == (65, 58)
    by_code: dict[str, list[str]] = {}
    for f in findings:
        by_code.setdefault(f["code"], []).append(f["id"])
    assert by_code["published-ratio"] == ["B3", "B5", "B6", "B6", "B7", "C2"]
    assert by_code["target-behind-result"] == ["A1", "A1", "A2", "A3", "A3", "B3", "B7", "B7"]
    # appendix 01, row A1: 2030 goal, MT ĐA 2022, MT ĐA 2023, MT KH14 2023 for a share that should rise
    assert "Tỷ lệ học sinh tốt nghiệp THCS vào học THPT\t%\t80%\t76%\t74%\t78%" in PLAN_TEXT.read_text(encoding="utf-8")
    assert by_code["target-against-direction"] == ["A1"]
    assert findings[0] == {
        "code": "published-ratio",
        "id": "B3",
        "expected": 119.76,
        "found": 123.0,
        "message": "B3 TH/MT DA: printed 123%, the row's own numbers give 119.76%",
        "path": "data/targets_2024.yaml",
        "line": 322,
        "severity": "warning",
        "unit": None,
    }
    a1 = next(f for f in findings if f["id"] == "A1" and "KH 2024" in f["message"])
    assert (a1["expected"], a1["found"]) == (">= 82.75", 70.0)
    yte = next(f for f in findings if f["unit"] == "so_yte" and f["id"] == "1.3")
    assert (yte["code"], yte["path"], yte["expected"]) == (
        "lead-not-in-section-iii",
        "data/tasks.yaml",
        ["so_ldtbxh", "so_noivu", "ubnd_huyen"],
    )


def test_audit_text_lists_findings_then_what_the_plan_accepts() -> None:
    result = runner.invoke(app, ["audit"])
    lines = result.stdout.splitlines()
    assert result.exit_code == 1 and lines[-1] == "65 finding(s), 58 accepted (info)"
    infos = [n for n, line in enumerate(lines[:-1]) if ": info: " in line]
    assert len(infos) == 58 and infos == list(range(65, 123))  # after the findings
    district = next(line for line in lines if "info: lead-not-in-appendix [4.3]" in line)
    assert district.startswith("data/tasks.yaml:") and "phù hợp tại địa phương" in district


def test_audit_of_a_clean_synthetic_plan_and_of_each_kind() -> None:
    minimal = CASES / "valid" / "minimal"
    clean = load_plan(minimal / "targets.yaml", minimal / "tasks.yaml")
    assert audit(clean) == []
    ok = runner.invoke(
        app, ["audit", "--targets", str(minimal / "targets.yaml"), "--tasks", str(minimal / "tasks.yaml")]
    )
    assert ok.exit_code == 0 and ok.stdout.strip() == "0 finding(s)"
    beyond = CASES / "invalid" / "target_beyond_goal"
    found = audit(load_plan(beyond / "targets.yaml", beyond / "tasks.yaml"))
    assert [(f.code, f.id, f.expected, f.found) for f in found] == [("target-beyond-goal", "A1", "<= 80", 85.0)]
    against = CASES / "invalid" / "target_against_direction"
    found = audit(load_plan(against / "targets.yaml", against / "tasks.yaml"))
    assert [(f.code, f.id, f.expected, f.found) for f in found] == [
        ("target-against-direction", "A1", ">= 74", 72.0),
        ("target-against-direction", "B1", "<= 49", 50.0),
    ]


def test_audit_lead_mismatch_on_a_synthetic_plan(tmp_path: Path) -> None:
    minimal = CASES / "valid" / "minimal"
    tasks = tmp_path / "tasks.yaml"
    tasks.write_text(
        (minimal / "tasks.yaml")
        .read_text(encoding="utf-8")
        .replace(
            'section_iii:\n  - unit: so_ld\n    leads: ["4"]', 'section_iii:\n  - unit: so_gd\n    leads: ["4.1"]'
        ),
        encoding="utf-8",
    )
    found = audit(load_plan(minimal / "targets.yaml", tasks))
    assert [(f.code, f.id, f.unit) for f in found] == [
        ("lead-not-in-appendix", "4.1", "so_gd"),
        ("lead-not-in-section-iii", "4.1", "so_ld"),
        ("lead-not-in-section-iii", "4.10", "so_ld"),
    ]
    assert all(f.path == str(tasks) and f.line for f in found)


def test_audit_structure_sum_on_a_synthetic_plan(tmp_path: Path) -> None:
    case = CASES / "invalid" / "structure_sum"
    found = audit(load_plan(case / "targets.yaml", case / "tasks.yaml"))
    assert [(f.code, f.expected, f.found, f.accepted) for f in found] == [("structure-sum", 100.0, 101.5, False)]


# the lines of the plan text that print each indicator the target findings are about: its appendix 01 row, and
# its section I line where a 2024 target comes from there
LINES = {
    "A1": ("1\tTỷ lệ học sinh tốt nghiệp THCS vào học THPT\t", "- Tỷ lệ học sinh tốt nghiệp THCS vào học THPT đạt"),
    "A2": ("2\tTỷ lệ học sinh tốt nghiệp THPT vào học đại học\t",),
    "A3": ("3\tTỷ lệ học sinh học ngoại ngữ trong các trường phổ thông\t",),
    "B3": ("3\tTỷ lệ người dân tộc thiểu số trong độ tuổi qua đào tạo\t",),
    "B5": ("5\tCơ cấu lao động làm việc trong lĩnh vực nông, lâm nghiệp, thủy sản\t",),
    "B6": ("6\tCơ cấu lao động làm việc trong lĩnh vực công nghiệp xây dựng\t",),
    "B7": ("7\tCơ cấu lao động làm việc trong lĩnh vực thương mại, dịch vụ\t",),
    "C2": ("2\tTỷ lệ cán bộ công chức có trình độ về chuyên môn ngoại ngữ, tin học đạt chuẩn theo vị trí việc làm\t",),
}


def _printed(v: float, line: str) -> bool:
    """Whether a line prints the number the Vietnamese way: 82,75 / 28,0 / 18 (not inside 118 or 18,6)."""
    forms = {f"{v:g}".replace(".", ","), f"{v:.2f}".replace(".", ","), f"{v:.1f}".replace(".", ",")}
    return any(re.search(rf"(?<![\d,]){re.escape(f)}(?![\d,])", line) for f in forms)


def test_each_target_finding_is_in_the_text() -> None:
    text = PLAN_TEXT.read_text(encoding="utf-8").splitlines()
    lines = {i: [next(line for line in text if line.startswith(k)) for k in keys] for i, keys in LINES.items()}
    checked = 0
    for f in audit(load_plan()):
        if f.code == "published-ratio":
            printed = re.search(r"printed (\S+%)", f.message)
            assert printed and printed.group(1) in lines[f.id][0].split("\t"), f.message
        elif f.code in ("target-behind-result", "target-against-direction"):
            assert isinstance(f.found, float) and isinstance(f.expected, str)
            bound = float(f.expected.split()[1])
            assert any(_printed(f.found, line) for line in lines[f.id]), f.message
            assert _printed(bound, lines[f.id][0]), f.message  # the earlier result or target, in the row
        elif f.code == "structure-sum":
            values = re.search(r": ([\d. +]+) =", f.message)
            assert values is not None
            for ind, v in zip(("B5", "B6", "B7"), values.group(1).split(" + "), strict=True):
                assert _printed(float(v), lines[ind][0]), (ind, v)
        else:
            continue
        checked += 1
    assert checked == 6 + 8 + 1 + 4
