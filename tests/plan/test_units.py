"""The one unit index: validate and --unit lookups agree on which unit a name means."""

from __future__ import annotations

import pytest

from hrplan.core.errors import UnknownName
from hrplan.plan.model import OrgUnit
from hrplan.plan.units import UnitIndex


def unit(uid: str, name: str, *aliases: str) -> OrgUnit:
    return OrgUnit(id=uid, name=name, name_en=name, kind="department", aliases=list(aliases))


UNITS = [
    unit("so_noivu", "Sở Nội vụ", "SNV"),
    unit("so_gddt", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "Sở Giáo dục và ĐT"),
]


def test_accents_and_case_do_not_make_a_new_name() -> None:
    # 'So Noi Vu' differs from 'Sở Nội vụ' only by accents and case: it is the same name to a lookup,
    # so giving it to another unit must be a clash (casefold alone would have let it pass).
    index = UnitIndex([*UNITS, unit("so_khac", "Sở khác", "So Noi Vu")])
    clashes = [(c.unit_index, c.field, c.item, c.name, c.other) for c in index.clashes]
    assert clashes == [(2, "aliases", 0, "So Noi Vu", "so_noivu")]


def test_a_full_name_clash_is_located_at_the_name() -> None:
    index = UnitIndex([*UNITS, unit("so_gd2", "SO GIAO DUC VA DAO TAO")])
    assert [(c.unit_index, c.field, c.item) for c in index.clashes] == [(2, "name", None)]


def test_abbreviations_are_looked_up_and_clash_like_aliases() -> None:
    with_abbreviation = OrgUnit(
        id="so_khdt", name="Sở Kế hoạch và Đầu tư", name_en="Planning", kind="department", abbreviations=["Sở KH&ĐT"]
    )
    assert UnitIndex([*UNITS, with_abbreviation]).find("so kh dt").id == "so_khdt"
    assert UnitIndex([*UNITS, with_abbreviation]).find("KH&ĐT").id == "so_khdt"
    clashing = OrgUnit(id="x", name="X", name_en="X", kind="department", abbreviations=["Y", "SNV"])
    index = UnitIndex([*UNITS, clashing])
    assert [(c.unit_index, c.field, c.item, c.other) for c in index.clashes] == [(2, "abbreviations", 1, "so_noivu")]


def test_names_of_one_unit_never_clash_with_each_other() -> None:
    assert UnitIndex([unit("snv", "SNV", "snv", "S.N.V")]).clashes == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Sở Nội vụ", "so_noivu"),
        ("so noi vu", "so_noivu"),
        ("SNV", "so_noivu"),
        ("so_gddt", "so_gddt"),
        ("so gd dt", "so_gddt"),  # 'Sở GD&ĐT' with the punctuation folded away
        ("giáo dục", "so_gddt"),  # contained in one unit's name only
    ],
)
def test_find(typed: str, expected: str) -> None:
    assert UnitIndex(UNITS).find(typed).id == expected


def test_find_ambiguous_and_unknown() -> None:
    with pytest.raises(UnknownName, match="matches several units"):
        UnitIndex(UNITS).find("sở")
    with pytest.raises(UnknownName, match="no unit matches 'Sở Y tế'"):
        UnitIndex(UNITS).find("Sở Y tế")


def test_the_abbreviations_people_type_resolve_in_the_bundled_plan() -> None:
    from hrplan.plan.files import checked_plan
    from hrplan.plan.queries import find_unit

    plan = checked_plan(None, None)
    expected = {"Sở LĐ-TB&XH": "so_ldtbxh", "Sở LĐ-TBXH": "so_ldtbxh", "Sở GD&ĐT": "so_gddt", "Sở KH&ĐT": "so_khdt",
                "UBND huyện": "ubnd_huyen"}  # fmt: skip
    assert {typed: find_unit(plan, typed).id for typed in expected} == expected
