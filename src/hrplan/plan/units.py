"""The plan's units found by name: one accent- and case-folding index, used both by validate (two units must
not answer to the same name) and by --unit lookups, so a name validate accepts resolves to one unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hrplan.core.errors import UnknownName
from hrplan.core.text import fold
from hrplan.plan.model import OrgUnit

NameField = Literal["name", "aliases", "abbreviations"]


@dataclass(frozen=True, slots=True)
class Clash:
    """A name (the full name, an alias or an abbreviation) that folds to a name of another unit."""

    unit_index: int
    field: NameField
    item: int | None  # the position in aliases or abbreviations; None for the full name
    name: str
    other: str  # the unit id that already answers to it


class UnitIndex:
    def __init__(self, units: list[OrgUnit]) -> None:
        self.units = units
        self.by_key: dict[str, str] = {}
        self.clashes: list[Clash] = []
        for i, u in enumerate(units):
            self.by_key.setdefault(fold(u.id), u.id)  # an id used twice is a duplicate-id, not a clash
            names: list[tuple[NameField, int | None, str]] = [
                ("name", None, u.name),
                *(("aliases", k, a) for k, a in enumerate(u.aliases)),
                *(("abbreviations", k, a) for k, a in enumerate(u.abbreviations)),
            ]
            for field, item, name in names:
                owner = self.by_key.setdefault(fold(name), u.id)
                if owner != u.id:
                    self.clashes.append(Clash(i, field, item, name, owner))

    def find(self, name: str) -> OrgUnit:
        """The unit answering to `name` exactly (folded), else the one unit whose name contains it."""
        key = fold(name)
        if key in self.by_key:
            return next(u for u in self.units if u.id == self.by_key[key])
        partial = [u for u in self.units if any(key in fold(n) for n in (u.name, *u.aliases, *u.abbreviations))]
        if len(partial) == 1:
            return partial[0]
        if partial:
            names = ", ".join(f"'{u.name}'" for u in partial)
            raise UnknownName(f"unit '{name}' matches several units: {names}; be more specific")
        known = ", ".join(f"'{u.name}'" for u in self.units)
        raise UnknownName(f"no unit matches '{name}'. Known units: {known}")
