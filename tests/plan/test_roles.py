"""Section III against appendix 02 on a synthetic plan: leads and partners, both ways, every kind of unit, rows,
duties naming tasks or every task, accepted differences and accepted entries that match nothing."""

from __future__ import annotations

from pathlib import Path

from hrplan.core.problems import Severity
from hrplan.plan.checks import check_plan
from hrplan.plan.load import load_plan
from hrplan.plan.model import Plan
from hrplan.plan.roles import role_issues

from ..conftest import CASES

TASKS = """plan: "01/KH-TEST"
units:
  - {id: so_ld, name: "Sở Lao động", name_en: "Labour", kind: department}
  - {id: so_gd, name: "Sở Giáo dục", name_en: "Education", kind: department}
  - {id: ubnd_huyen, name: "UBND các huyện", name_en: "Districts", kind: district}
  - {id: tt, name: "Trung tâm", name_en: "Centre", kind: institution}
  - {id: dn, name: "Doanh nghiệp", name_en: "Firms", kind: group}
tasks:
  - {id: "4", title: "Nhóm 4"}
  - {id: "4.1", title: "Việc 1", lead: [so_ld], partners: [ubnd_huyen]}
  - {id: "4.2", title: "Việc 2", lead: [so_ld, so_gd], partners: [tt, ubnd_huyen]}
  - {id: "4.2.a", title: "Đoạn a", lead: [so_ld]}
  - {id: "4.10", title: "Việc 10", lead: [so_ld], partners: [dn]}
section_iii:
  - unit: so_ld
    leads: ["4"]
    duties:
      - {text: "Chỉ đạo Trung tâm thực hiện nhiệm vụ 4.1", tasks: ["4.1"], carried_out_by: tt}
  - unit: ubnd_huyen
    leads: ["4"]
    except: ["4.10"]
    duties:
      - {text: "Phối hợp thực hiện các nhiệm vụ khác", every_task: true}
  - unit: so_gd
    duties:
      - {text: "Phối hợp thực hiện các nhiệm vụ khác", every_task: true}
"""

ACCEPTED = """accepted:
  - {code: lead-not-in-appendix, unit: ubnd_huyen, tasks: ["4.1", "4.2"], note: "phù hợp tại địa phương"}
  - {code: partner-not-in-section-iii, unit: dn, tasks: ["4.10", "4.11"], note: "doanh nghiệp tự nguyện"}
"""


def plan(tmp_path: Path, text: str) -> tuple[Plan, list[tuple[str, str, str | None, Severity]]]:
    (tmp_path / "tasks.yaml").write_text(text, encoding="utf-8")
    loaded = load_plan(CASES / "valid" / "minimal" / "targets.yaml", tmp_path / "tasks.yaml")
    assert loaded.plan is not None, loaded.problems
    issues = [(i.code, i.id, i.unit, i.severity) for i in role_issues(loaded.plan)]
    return loaded.plan, issues


def test_every_kind_of_unit_both_ways(tmp_path: Path) -> None:
    _, issues = plan(tmp_path, TASKS)
    assert issues == [
        # lead level: the districts lead 4 (except 4.10) in section III, appendix 02 names them only as partners;
        # Sở Giáo dục co-leads 4.2 in appendix 02 only
        ("lead-not-in-appendix", "4.1", "ubnd_huyen", Severity.WARNING),
        ("lead-not-in-appendix", "4.2", "ubnd_huyen", Severity.WARNING),
        ("lead-not-in-section-iii", "4.2", "so_gd", Severity.WARNING),
        # partner level: the centre, sent to 4.1 by a duty of Sở Lao động, is not named in 4.1 but is in 4.2;
        # the firms have no part in section III
        ("partner-not-in-appendix", "4.1", "tt", Severity.WARNING),
        ("partner-not-in-section-iii", "4.2", "tt", Severity.WARNING),
        ("partner-not-in-section-iii", "4.10", "dn", Severity.WARNING),
    ]


def test_accepted_differences_are_info_and_stale_entries_fail(tmp_path: Path) -> None:
    loaded_plan, issues = plan(tmp_path, TASKS + ACCEPTED)
    assert issues == [
        ("lead-not-in-appendix", "4.1", "ubnd_huyen", Severity.INFO),
        ("lead-not-in-appendix", "4.2", "ubnd_huyen", Severity.INFO),
        ("lead-not-in-section-iii", "4.2", "so_gd", Severity.WARNING),
        ("partner-not-in-appendix", "4.1", "tt", Severity.WARNING),
        # an accepted lead difference still needs the unit named in every row: 4.2.a does not name the districts
        ("partner-not-in-appendix", "4.2.a", "ubnd_huyen", Severity.WARNING),
        ("partner-not-in-section-iii", "4.2", "tt", Severity.WARNING),
        ("partner-not-in-section-iii", "4.10", "dn", Severity.INFO),
        ("accepted-unmatched", "4.11", "dn", Severity.ERROR),
    ]
    info = next(i for i in role_issues(loaded_plan) if i.severity is Severity.INFO)
    assert info.message.endswith("(accepted: phù hợp tại địa phương)")
    assert "names it only as partner" in info.message
    loaded = load_plan(CASES / "valid" / "minimal" / "targets.yaml", tmp_path / "tasks.yaml")
    stale = [p for p in check_plan(loaded) if p.code == "accepted-unmatched"]
    assert [(p.severity, p.line) for p in stale] == [(Severity.ERROR, TASKS.count("\n") + 3)]
    assert "no partner-not-in-section-iii difference for dn at task 4.11" in stale[0].message


def test_a_lead_finding_is_not_repeated_as_a_partner_finding(tmp_path: Path) -> None:
    # Sở Giáo dục leads 4.10 in section III, and appendix 02 does not name it there at all: one lead-level finding
    text = TASKS.replace("  - unit: so_gd\n", '  - unit: so_gd\n    leads: ["4.10"]\n')
    _, issues = plan(tmp_path, text)
    mine = [(code, tid) for code, tid, unit, _ in issues if unit == "so_gd"]
    assert mine == [("lead-not-in-section-iii", "4.2"), ("lead-not-in-appendix", "4.10")]


def test_duties_are_checked_like_leads(tmp_path: Path) -> None:
    text = TASKS.replace('tasks: ["4.1"], carried_out_by: tt', 'tasks: ["4.9"], carried_out_by: tt_x')
    (tmp_path / "tasks.yaml").write_text(text, encoding="utf-8")
    loaded = load_plan(CASES / "valid" / "minimal" / "targets.yaml", tmp_path / "tasks.yaml")
    assert sorted((p.code, p.message.split(":")[0]) for p in check_plan(loaded) if p.severity is Severity.ERROR) == [
        ("unknown-task", "section III names task '4.9', which is not among the tasks"),
        ("unknown-unit", "unknown unit 'tt_x'"),
    ]
