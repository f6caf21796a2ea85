"""Plan pieces built in tests: one indicator factory, so a change to the model is made in one place."""

from __future__ import annotations

from hrplan.plan.model import Indicator


def indicator(**kw: object) -> Indicator:
    """X1, a share that should rise; any field overridden by keyword."""
    base: dict[str, object] = {"id": "X1", "group": "A", "name": "x", "name_en": "x", "unit": "percent",
                               "direction": "increase", "ref": "test"}  # fmt: skip
    return Indicator.model_validate({**base, **kw})


def paced(direction: str = "increase", goal: object = 80, unit: str = "percent") -> Indicator:
    """An indicator for the pace tests: its direction, goal and unit."""
    return indicator(direction=direction, goal_2030=goal, unit=unit)
