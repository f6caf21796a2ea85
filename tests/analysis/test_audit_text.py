"""Each lead and partner finding of `hrplan audit` on the shipped plan, checked against the plan text: section III's
lines as printed (quoted below, each found in its item of the text) and the unit cells of appendix 02's rows, read
from the text (the line that prints the task's words), not from data/."""

from __future__ import annotations

import re
from functools import cache

import pytest

from hrplan.analysis.audit import Finding, audit
from hrplan.core.text import fold
from hrplan.plan.load import load_plan
from hrplan.plan.model import Plan, Task, numbered_id

from ..conftest import PLAN_TEXT

TEXT = PLAN_TEXT.read_text(encoding="utf-8")
SECTION_III = TEXT[TEXT.index("III. TỔ CHỨC THỰC HIỆN") : TEXT.index("Trên đây là Kế hoạch")]
APPENDIX_02 = TEXT[TEXT.index("PHẦN CÔNG NHIỆM VỤ") :].splitlines()

# section III item of each unit that has one
ITEM = {"so_ldtbxh": 1, "tt_dvvl": 1, "so_khdt": 2, "so_taichinh": 3, "so_noivu": 4, "so_gddt": 5, "so_tttt": 6,
        "so_congthuong": 7, "so_dulich": 8, "bql_kkt": 9, "cong_an": 10, "cac_so_nganh": 11, "ubnd_huyen": 12,
        "co_so_gdnn": 13, "truong_cd_laocai": 13, "mttq": 14}  # fmt: skip

# 'Chủ trì …' lines: unit -> (as printed, the tasks they name, those excepted)
LEADS = {
    "so_ldtbxh": ("- Chủ trì tham mưu thực hiện các nhiệm vụ: 1 (1.1, 1.2, 1.3, 1.5, 1.7, 1.8, 1.9), 4, 5 (5.3, 5.5), "
                  "6 (6.1, 6.4) kế hoạch này.", ["1.1", "1.2", "1.3", "1.5", "1.7", "1.8", "1.9", "4", "5.3", "5.5",
                                                 "6.1", "6.4"], []),
    "so_khdt": ("Chủ trì tham mưu thực hiện nhiệm vụ 6.2, 6.7 của Kế hoạch.", ["6.2", "6.7"], []),
    "so_taichinh": ("Chủ trì tham mưu thực hiện nhiệm vụ 1.6, 6.7 của Kế hoạch.", ["1.6", "6.7"], []),
    "so_noivu": ("- Chủ trì thực hiện các nhiệm vụ: 1.3, 1.4; 2, 5.1, 5.2 của Kế hoạch.",
                 ["1.3", "1.4", "2", "5.1", "5.2"], []),
    "so_gddt": ("- Chủ trì, phối hợp với Sở Lao động - Thương binh và Xã hội thực hiện nhiệm vụ 3 của Kế hoạch.", ["3"],
                []),
    "so_congthuong": ("- Chủ trì tham mưu thực hiện các nhiệm vụ: 6.3, 6.5, 6.6 của Kế hoạch.", ["6.3", "6.5", "6.6"],
                      []),
    "ubnd_huyen": ("- Chủ trì thực hiện các nhiệm vụ: 1, 2, 4, 5 (trừ 5.4), 6 của Kế hoạch phù hợp tại địa phương",
                   ["1", "2", "4", "5", "6"], ["5.4"]),
}  # fmt: skip
# lines that give a unit named tasks without 'chủ trì': unit -> (as printed, the tasks they name)
DUTIES = {
    "tt_dvvl": ("- Chỉ đạo Trung tâm Dịch vụ việc làm tỉnh thực hiện hiệu quả các nhiệm vụ: "
                "1.5, 1.7; 4.1, 4.6, 4.7 Kế hoạch này.", ["1.5", "1.7", "4.1", "4.6", "4.7"]),
    "co_so_gdnn": ("- Tham mưu, đề xuất với các cấp có thẩm quyền thực hiện hiệu quả các chỉ tiêu, "
                   "nhiệm vụ 3, 4, 5 của Kế hoạch.", ["3", "4", "5"]),
    "truong_cd_laocai": ("- Riêng trường Cao đẳng Lào Cai tập trung tham mưu, triển khai hiệu quả "
                         "các nhiệm vụ: 4.5, 4.6, 4.7, 5.4 Kế hoạch này.", ["4.5", "4.6", "4.7", "5.4"]),
}  # fmt: skip
# lines that give a unit a part in every task
OTHERS = (
    "- Theo chức năng nhiệm vụ, phối hợp với các sở, ngành, địa phương thực hiện các nhiệm vụ khác tại Kế hoạch này."
)
EVERY_TASK = {
    "so_ldtbxh": "- Phối hợp với các sở, ngành, địa phương thực hiện các nhiệm vụ khác của Kế hoạch "
                 "theo chức năng nhiệm vụ của ngành.",
    **{u: OTHERS for u in ("so_khdt", "so_taichinh", "so_noivu", "so_gddt", "so_tttt", "so_congthuong", "so_dulich",
                           "bql_kkt", "cong_an", "co_so_gdnn")},
    "cac_so_nganh": "các ngành liên quan của tỉnh và các địa phương tổ chức thực hiện các chỉ tiêu, "
                    "nhiệm vụ của Kế hoạch này.",
    "ubnd_huyen": "- Phối hợp với các sở, ngành, đơn vị liên quan thực hiện các nhiệm vụ khác theo Kế hoạch;",
    "mttq": "Căn cứ chức năng, nhiệm vụ tham gia tổ chức triển khai các hoạt động của Kế hoạch;",
}  # fmt: skip


def item(n: int) -> str:
    """The text of section III's item n."""
    start = re.search(rf"^{n}\. ", SECTION_III, re.M)
    end = re.search(rf"^{n + 1}\. ", SECTION_III, re.M)
    assert start is not None
    return SECTION_III[start.start() : end.start() if end else None]


def under(tid: str, refs: list[str], excluded: list[str] | None = None) -> bool:
    hit = any(tid == r or tid.startswith(r + ".") for r in refs)
    return hit and not (excluded and under(tid, excluded))


@cache
def plan() -> Plan:
    p = load_plan().plan
    assert p is not None
    return p


@cache
def findings() -> tuple[Finding, ...]:
    return tuple(f for f in audit(load_plan()) if f.code.startswith(("lead-", "partner-")))


def cells(task: Task) -> tuple[str, str]:
    """The lead and partner cells of the appendix 02 line that prints the task's words, as the text has them."""
    key = (task.text or task.title)[:60]
    lines = [re.sub(r"</?[a-z]+>", "", line) for line in APPENDIX_02]
    hits = [line for line in lines if key in line]
    assert len(hits) == 1, task.id
    *_, lead, partners = hits[0].split("\t")
    return lead, partners


def named(cell: str, unit: str) -> bool:
    u = next(x for x in plan().tasks.units if x.id == unit)
    return any(fold(n) in fold(cell) for n in (u.name, *u.aliases))


def rows(n: str) -> list[Task]:
    """The rows of a numbered task that name a unit in the text (the task itself when none does)."""
    mine = [t for t in plan().tasks.tasks if "." in t.id and numbered_id(t.id) == n]
    return [t for t in mine if any(cells(t))] or mine[:1]


def leads_in_iii(unit: str, tid: str) -> bool:
    if unit not in LEADS:
        return False
    _, refs, excluded = LEADS[unit]
    return under(tid, refs, excluded)


def part_in_iii(unit: str, tid: str) -> bool:
    return leads_in_iii(unit, tid) or (unit in DUTIES and under(tid, DUTIES[unit][1]))


def test_section_iii_as_printed_and_as_recorded() -> None:
    p = plan()
    for unit, (line, _, _) in LEADS.items():
        assert line in item(ITEM[unit]), unit
    for unit, (line, _) in DUTIES.items():
        assert line in item(ITEM[unit]), unit
    for unit, line in EVERY_TASK.items():
        assert line in item(ITEM[unit]), unit
    assert SECTION_III.count(OTHERS) == 10  # items 2 to 10 and 13
    assert "Chủ trì" not in item(13)  # the college and the vocational institutions lead nothing in section III
    recorded = {a.unit: (a.leads, a.except_) for a in p.tasks.section_iii if a.leads}
    assert recorded == {u: (refs, excluded) for u, (_, refs, excluded) in LEADS.items()}
    duties = {(d.carried_out_by or a.unit): d for a in p.tasks.section_iii for d in a.duties if d.tasks}
    assert {u: d.tasks for u, d in duties.items()} == {u: refs for u, (_, refs) in DUTIES.items()}
    for u, d in duties.items():
        assert f"- {d.text}" in item(ITEM[u])  # quoted as printed
    everywhere = {(d.carried_out_by or a.unit): d for a in p.tasks.section_iii for d in a.duties if d.every_task}
    assert set(everywhere) == set(EVERY_TASK)
    for u, d in everywhere.items():
        assert d.text in item(ITEM[u])


@pytest.mark.parametrize("index", range(104))
def test_each_lead_and_partner_finding_is_in_the_text(index: int) -> None:
    assert len(findings()) == 104
    f = findings()[index]
    assert f.unit is not None
    n, unit = numbered_id(f.id), f.unit
    if f.code == "lead-not-in-section-iii":
        assert any(named(cells(t)[0], unit) for t in rows(n)) and not leads_in_iii(unit, n)
    elif f.code == "lead-not-in-appendix":
        assert leads_in_iii(unit, n) and not any(named(cells(t)[0], unit) for t in rows(n))
        assert ("names it only as partner" in f.message) == any(named(cells(t)[1], unit) for t in rows(n))
    elif f.code == "partner-not-in-appendix":
        checked = [t for t in rows(n) if t.id == f.id] if "'s row " in f.message else rows(n)
        assert part_in_iii(unit, n) and checked
        assert not any(named(lead, unit) or named(partners, unit) for lead, partners in map(cells, checked))
    else:
        assert f.code == "partner-not-in-section-iii"
        row = next(t for t in plan().tasks.tasks if t.id == f.id)
        assert named(cells(row)[1], unit) and not part_in_iii(unit, n) and unit not in EVERY_TASK


def test_the_disagreements_that_fail() -> None:
    # Everything section III and appendix 02 disagree on that the data does not accept with a note
    failing = [(f.code, f.id, f.unit) for f in findings() if not f.accepted]
    by_code: dict[str, list[str]] = {}
    for code, tid, unit in failing:
        by_code.setdefault(code, []).append(f"{tid} {unit}")
    assert by_code == {
        "lead-not-in-appendix": [
            "1.2 so_ldtbxh", "1.5 so_ldtbxh", "1.9 so_ldtbxh", "4.7 so_ldtbxh", "6.3 so_congthuong",
            "6.6 so_congthuong",
        ],
        "lead-not-in-section-iii": [
            "1.3 so_gddt", "1.3 so_yte", "1.4 so_gddt", "1.4 so_ldtbxh", "1.4 so_yte", "1.6 so_khdt", "1.7 so_gddt",
            "1.7 so_noivu", "1.8 so_gddt", "1.8 so_noivu", "1.9 cac_so_nganh", "2.2 so_gddt", "3.1 so_ldtbxh",
            "3.2 so_ldtbxh", "3.2 so_noivu", "3.5 so_ldtbxh", "3.7 so_ldtbxh", "3.8 so_ldtbxh", "3.9 so_ldtbxh",
            "4.2 so_gddt", "4.3 so_gddt", "4.5 so_khdt", "4.5 so_taichinh", "4.5 so_xaydung", "4.6 co_so_gdnn",
            "4.7 co_so_gdnn", "6.3 so_ldtbxh", "6.7 so_ldtbxh",
        ],
        "partner-not-in-appendix": [
            "1.2 ubnd_huyen", "1.7 tt_dvvl", "4.1 tt_dvvl", "4.3 ubnd_huyen", "4.5 truong_cd_laocai", "4.5 ubnd_huyen",
            "4.6 tt_dvvl", "4.6 so_ldtbxh", "4.6.a ubnd_huyen", "4.7 tt_dvvl", "4.7 ubnd_huyen", "4.9 ubnd_huyen",
            "6.6 ubnd_huyen",
        ],
        "partner-not-in-section-iii": ["3.9 phan_hieu_dhtn", "4.9 tt_dvvl", "5.5 dn_xkld"],
    }  # fmt: skip


def test_what_the_data_accepts() -> None:
    accepted: dict[tuple[str, str | None], list[str]] = {}
    for f in findings():
        if f.accepted:
            accepted.setdefault((f.code, f.unit), []).append(f.id)
    assert {k: len(v) for k, v in accepted.items()} == {
        ("lead-not-in-appendix", "ubnd_huyen"): 31,  # every task of 1, 2, 4, 5 (but 5.4) and 6 but 1.1, 1.5, 1.9
        ("lead-not-in-section-iii", "truong_cd_laocai"): 2,  # 4.6 (its row 4.6.a) and 5.4
        ("partner-not-in-appendix", "truong_cd_laocai"): 3,  # 4.6, 4.6.b, 4.7 name 'các cơ sở GDNN'
        ("partner-not-in-appendix", "co_so_gdnn"): 18,  # rows of 3, 4, 5 that do not name them
    }
    assert accepted[("lead-not-in-section-iii", "truong_cd_laocai")] == ["4.6", "5.4"]
    # the college is one of the vocational institutions ('Riêng trường Cao đẳng Lào Cai', item 13), which the rows
    # accepted for it name
    college = {t.id: t for t in plan().tasks.tasks if t.id in accepted[("partner-not-in-appendix", "truong_cd_laocai")]}
    assert list(college) == ["4.6", "4.6.b", "4.7"]
    assert all(named(" ".join(cells(t)), "co_so_gdnn") for t in college.values())
