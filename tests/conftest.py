from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
PLAN_TEXT = ROOT / "docs" / "source" / "ke-hoach-09-KH-UBND-2024.txt"


@pytest.fixture
def root() -> Path:
    return ROOT
