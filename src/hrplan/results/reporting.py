"""The reporting unit a results file names: a 'Đơn vị báo cáo' line (the label, then the unit in the same cell
after a colon or in the next filled cell of the row), as the header block of `hrplan template --unit` writes it
and as departments head their own sheets. The name is found with the plan's one unit index (full name, short
form or id, accents optional)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from hrplan.core.errors import UnknownName
from hrplan.core.problems import Problem, Severity
from hrplan.core.text import fold
from hrplan.plan.model import Plan
from hrplan.plan.units import UnitIndex
from hrplan.results.measured import Provenance, UnitLine
from hrplan.results.sheet import CellValue, Row

UNIT_LABELS = ("don vi bao cao", "reporting unit")


def unit_label(raw: CellValue) -> str | None:
    """The text after the label when `raw` is a reporting-unit label ('' when the label stands alone), else None."""
    if not isinstance(raw, str):
        return None
    head, _, rest = raw.partition(":")
    return rest.strip() if fold(head) in UNIT_LABELS else None


class UnitNames:
    """Reporting-unit names resolved against the plan's units, each name once."""

    def __init__(self, plan: Plan) -> None:
        self.index = UnitIndex(plan.tasks.units)
        self.cache: dict[str, str | None] = {}

    def resolve(self, text: str) -> str | None:
        if text not in self.cache:
            try:
                self.cache[text] = self.index.find(text).id
            except UnknownName:
                self.cache[text] = None
        return self.cache[text]

    def problem(self, line: UnitLine) -> Problem | None:
        """What is wrong with a reporting-unit line: blank, or a name that is no unit of the plan."""
        if not line.text:
            return line.where.problem(
                "no-unit", "the reporting unit is blank: write the unit's name after the label", Severity.WARNING
            )
        if line.unit is None:
            return line.where.problem(
                "unknown-unit",
                f"'{line.text}' is not a unit of the plan: write the reporting unit's name as the plan writes it "
                "(`hrplan tasks --matrix` lists the units)",
            )
        return None


def find_unit_line(rows: Iterable[Row], names: UnitNames, where: Callable[[int, int], Provenance]) -> UnitLine | None:
    """The first reporting-unit line among the rows."""
    for n, values, _ in rows:
        for c, raw in enumerate(values):
            rest = unit_label(raw)
            if rest is None:
                continue
            if rest:
                return UnitLine(names.resolve(rest), rest, where(n, c))
            for k in range(c + 1, len(values)):
                value = values[k]
                if value is not None and str(value).strip():
                    text = " ".join(str(value).split())
                    return UnitLine(names.resolve(text), text, where(n, k))
            return UnitLine(None, "", where(n, c))
    return None
