"""The shipped plan data: complete, valid, and every number traceable to the plan text."""

from __future__ import annotations

import re

from hrplan.core.paths import display_path
from hrplan.core.problems import Severity
from hrplan.plan.checks import check_plan, printed_about
from hrplan.plan.load import RESULTS_NAME, TARGETS_NAME, TASKS_NAME, bundled, load_plan
from hrplan.plan.model import Noted, Plan, goal_bounds, number

from .conftest import PLAN_TEXT


def plan() -> Plan:
    loaded = load_plan()
    assert loaded.problems == []
    assert loaded.plan is not None
    return loaded.plan


def test_bundled_files_are_found_and_shown_as_data() -> None:
    # From an editable install this is the repository's data/, from a wheel the package's hrplan/data;
    # either way reports show the same path.
    for name in (TARGETS_NAME, TASKS_NAME, RESULTS_NAME):
        assert bundled(name).is_file()
        assert display_path(str(bundled(name))) == f"data/{name}"


def test_shipped_plan_has_no_errors() -> None:
    loaded = load_plan()
    assert [p for p in check_plan(loaded) if p.severity is Severity.ERROR] == []


def test_indicator_ids_follow_the_appendix() -> None:
    ids = [i.id for i in plan().targets.indicators]
    assert ids == [
        "A1",
        "A2",
        "A3",
        "A3a",
        "A4",
        "B1",
        "B2",
        "B2a",
        "B3",
        "B5",
        "B6",
        "B7",
        "B8",
        "B9",
        "C1",
        "C2",
        "C3",
        "C4",
        "C5",
        "D1",
        "D2",
        "D3",
    ]


def test_task_ids_are_distinct_strings_in_order() -> None:
    ids = [t.id for t in plan().tasks.tasks]
    assert len(ids) == len(set(ids)) == 79
    assert "4.10" in ids and "4.11" in ids and "4.1" in ids
    numbered = [i for i in ids if re.fullmatch(r"\d+\.\d+", i)]
    assert len(numbered) == 44  # 1.1-1.9, 2.1-2.3, 3.1-3.9, 4.1-4.11, 5.1-5.5, 6.1-6.7


def test_lettered_items_are_the_dash_items_and_4_6s_paragraphs() -> None:
    # Section II prints 27 '-' items; 4.6 holds two more paragraphs without a '-' ("Tập trung đào tạo,
    # bồi dưỡng nhà giáo…", "Tổ chức 02 lớp bồi dưỡng…"): 29 lettered ids, as the header of tasks.yaml says.
    text = PLAN_TEXT.read_text(encoding="utf-8")
    section_ii = text[text.index("II. NHIỆM VỤ, GIẢI PHÁP CỤ THỂ") : text.index("III. TỔ CHỨC THỰC HIỆN")]
    dashes: dict[str, int] = {}
    numbered = ""
    for line in section_ii.splitlines():
        if m := re.match(r"(\d+\.\d+)\. ", line):
            numbered = m.group(1)
        elif line.startswith("- "):
            dashes[numbered] = dashes.get(numbered, 0) + 1
    lettered: dict[str, int] = {}
    for t in plan().tasks.tasks:
        if re.fullmatch(r"\d+\.\d+\.[a-z]", t.id):
            lettered[t.id.rsplit(".", 1)[0]] = lettered.get(t.id.rsplit(".", 1)[0], 0) + 1
    assert sum(dashes.values()) == 27
    assert lettered == {**dashes, "4.6": 2}
    assert "\n\nTập trung đào tạo, bồi dưỡng nhà giáo" in section_ii and "\n\nTổ chức 02 lớp bồi dưỡng" in section_ii
    header = bundled(TASKS_NAME).read_text(encoding="utf-8").split("\nplan:")[0]
    assert "27 '-' items" in header and "29 lettered ids" in header


def test_labour_structure_2024_and_2030_sum_to_100() -> None:
    inds = {i.id: i for i in plan().targets.indicators}
    assert sum(number(inds[x].targets[2024]["KH"]) for x in ("B5", "B6", "B7")) == 100
    goals = [inds[x].goal_2030 for x in ("B5", "B6", "B7")]
    assert None not in goals and sum(goal_bounds(g)[0] for g in goals if g is not None) == 100


def _vietnamese_forms(v: float) -> set[str]:
    """How the plan may print a number: 77,42 / 67,70 / 9.800 / 100."""
    if float(v).is_integer():
        n = int(v)
        return {f"{n:,}".replace(",", "."), str(n), f"{n},00", f"{n},0"}
    two = f"{v:.2f}".replace(".", ",")
    return {two, two.rstrip("0"), f"{v:g}".replace(".", ",")}


def test_every_number_comes_from_the_plan_text() -> None:
    text = PLAN_TEXT.read_text(encoding="utf-8")
    p = plan()
    missing = []
    for ind in p.targets.indicators:
        values: list[float] = []
        if ind.goal_2030 is not None:
            values += list(goal_bounds(ind.goal_2030))
        values += [number(v) for by in ind.targets.values() for v in by.values()]
        if ind.published:
            values += [number(v) for v in ind.published.results.values()]
        for v in values:
            if not any(re.search(rf"(?<![\d,.]){re.escape(f)}(?![\d])", text) for f in _vietnamese_forms(v)):
                missing.append((ind.id, v))
    for t in p.tasks.tasks:
        for q in t.quantities:
            if not any(f in text for f in _vietnamese_forms(q.value)):
                missing.append((t.id, q.value))
    assert missing == []


def _alone(text: str, form: str, forms: list[str]) -> list[int]:
    """Where `form` occurs in the text other than inside a longer one of `forms` ('LĐTBXH' in 'Sở LĐTBXH')."""
    spans = [
        (m.start(), m.end()) for f in forms if len(f) > len(form) and form in f for m in re.finditer(re.escape(f), text)
    ]
    return [m.start() for m in re.finditer(re.escape(form), text)
            if not any(a <= m.start() and m.end() <= b for a, b in spans)]  # fmt: skip


def test_aliases_are_forms_the_text_uses_and_abbreviations_are_not() -> None:
    # An alias names the unit somewhere on its own; an abbreviation never does ('LĐTBXH' occurs only inside
    # 'Sở LĐTBXH', 'Trung tâm DVVL' only inside 'Trung tâm DVVL tỉnh', 'Sở KH&ĐT' not at all).
    text = PLAN_TEXT.read_text(encoding="utf-8")
    unused, used = [], []
    for u in plan().tasks.units:
        forms = [u.name, *u.aliases, *u.abbreviations]
        unused += [(u.id, a) for a in u.aliases if not _alone(text, a, forms)]
        used += [(u.id, a) for a in u.abbreviations if _alone(text, a, forms)]
    assert unused == [] and used == []


def test_quantities_printed_with_khoang_are_approximate() -> None:
    # "Xóa mù chữ … khoảng 6.000 người", "thu hút khoảng 1.200 học sinh", "cho khoảng 70 cán bộ, nhà giáo";
    # 4.3's "70 phiên giao dịch" is exact, and so is 3.5.a's "duy trì 100% số xã, huyện đạt chuẩn PCGD TH mức độ 3".
    text = PLAN_TEXT.read_text(encoding="utf-8")
    for phrase in ("khoảng 6.000 người", "khoảng 1.200 học sinh", "khoảng 70 cán bộ", "; 70 phiên giao dịch",
                   "duy trì 100% số xã, huyện đạt chuẩn PCGD TH mức độ 3"):  # fmt: skip
        assert phrase in text
    marked = {}
    for t in plan().tasks.tasks:
        if t.quantities:
            assert t.title in text, t.id  # the quantities are read from the task's own printed paragraph
            assert [q.approximate for q in t.quantities] == [printed_about(t.title, q.value) for q in t.quantities]
            marked[t.id] = [(q.value, q.approximate) for q in t.quantities]
    assert marked == {
        "3.5.a": [(100, False)],
        "3.5.b": [(6000, True), (96, False), (32, False)],
        "4.3": [(1200, True), (18, False), (70, False)],
        "4.6.b": [(2, False), (70, True)],
    }


def test_names_follow_the_text() -> None:
    # A name is printed in section I or in appendix 01; B3's and B9's follow section I, and say so; D3's is
    # shortened, and its note quotes the printed name.
    text = PLAN_TEXT.read_text(encoding="utf-8")
    section_i = text[: text.index("II. NHIỆM VỤ, GIẢI PHÁP CỤ THỂ")]
    appendix_01 = text[text.index("Phụ biểu O") : text.index("PHẦN CÔNG NHIỆM VỤ")]
    inds = {i.id: i for i in plan().targets.indicators}
    assert [i for i, ind in inds.items() if ind.name not in section_i and ind.name not in appendix_01] == ["D3"]
    quoted = re.findall(r"'([^']+)'", next(n for n in inds["D3"].notes if n.startswith("Name shortened")))
    assert quoted and quoted[0] in section_i
    for x in ("B3", "B9"):
        assert inds[x].name in section_i and inds[x].name not in appendix_01
        assert any(n.startswith("Named as in section I.2") for n in inds[x].notes)
    assert "Tỷ lệ người dân tộc thiểu số trong độ tuổi qua đào tạo" in appendix_01


def test_uncertain_readings_carry_notes() -> None:
    inds = {i.id: i for i in plan().targets.indicators}
    assert isinstance(inds["A1"].targets[2023]["DA"], Noted)
    published = inds["B6"].published
    assert published is not None and isinstance(published.results[2022], Noted)


def test_section_iii_and_appendix_02_both_kept_for_6_3() -> None:
    from hrplan.plan.queries import section_iii_leads

    p = plan()
    t63 = next(t for t in p.tasks.tasks if t.id == "6.3")
    assert t63.lead == ["so_ldtbxh"]
    assert "so_congthuong" in section_iii_leads(p)["6.3"]
