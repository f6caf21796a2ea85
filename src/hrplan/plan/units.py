"""The plan's units found by name: one accent- and case-folding index, used both by validate (two units must
not answer to the same name) and by --unit lookups, so a name validate accepts resolves to one unit."""

from __future__ import annotations

from dataclasses import dataclass

from hrplan.core.errors import UnknownName
from hrplan.core.text import fold
from hrplan.plan.model import OrgUnit


@dataclass(frozen=True, slots=True)
class Clash:
    """A name (the full name or an alias) that folds to a name of another unit."""

    unit_index: int
    alias_index: int | None  # None: the unit's full name
    name: str
    other: str  # the unit id that already answers to it


class UnitIndex:
    def __init__(self, units: list[OrgUnit]) -> None:
        self.units = units
        self.by_key: dict[str, str] = {}
        self.clashes: list[Clash] = []
        for i, u in enumerate(units):
            for k, name in enumerate([u.id, u.name, *u.aliases]):
                key = fold(name)
                owner = self.by_key.setdefault(key, u.id)
                if owner != u.id and k > 0:
                    self.clashes.append(Clash(i, k - 2 if k > 1 else None, name, owner))

    def find(self, name: str) -> OrgUnit:
        """The unit answering to `name` exactly (folded), else the one unit whose name contains it."""
        key = fold(name)
        if key in self.by_key:
            return next(u for u in self.units if u.id == self.by_key[key])
        partial = [u for u in self.units if any(key in fold(n) for n in (u.name, *u.aliases))]
        if len(partial) == 1:
            return partial[0]
        if partial:
            names = ", ".join(f"'{u.name}'" for u in partial)
            raise UnknownName(f"unit '{name}' matches several units: {names}; be more specific")
        known = ", ".join(f"'{u.name}'" for u in self.units)
        raise UnknownName(f"no unit matches '{name}'. Known units: {known}")
