from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from hrplan.plan.load import load_plan
from hrplan.plan.model import Plan

# No per-example deadline: CI machines are shared and slow, and a deadline there only makes tests flaky.
settings.register_profile("hrplan", deadline=None, derandomize=False)
settings.load_profile("hrplan")

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
PLAN_TEXT = ROOT / "docs" / "source" / "ke-hoach-09-KH-UBND-2024.txt"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def plan() -> Plan:
    """The bundled plan, loaded once (the models are frozen: no test can change it for another)."""
    p = load_plan().plan
    assert p is not None
    return p
