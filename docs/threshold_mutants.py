"""Hand-made threshold mutants: every documented bound moved a little each way, or made strict.

mutmut changes a number by adding 1 (0.95 -> 1.95), which any test kills; this script makes the small
moves a real slip would make (0.95 -> 0.93 / 0.97, >= -> >, 0.05 -> 0.04 / 0.06, 1e-9 -> 1e-10 / 1e-8)
in a copy of src/, runs the tests that pin the README's thresholds against it, and reports each mutant
killed or survived. Run from the repository root: python docs/threshold_mutants.py (about a minute).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = [
    "tests/analysis",
    "tests/plan/test_checks_tolerances.py",
    "tests/results/test_values_ranges.py",
    "tests/results/test_merge_conflicts.py",
]
P, R, C, T, M = (
    "hrplan/analysis/progress.py",
    "hrplan/analysis/ratios.py",
    "hrplan/plan/checks.py",
    "hrplan/results/table.py",
    "hrplan/results/merge.py",
)
CAGR = 'klass = "on_track" if r >= 0.95 else "moderate" if r >= 0.60 else "limited" if r >= 0 else "moving_away"'
LINEAR = 'klass = "on_track" if progress >= 0.95 else "some_progress" if progress >= 0.10 else "stagnating"'
MUTANTS: list[tuple[str, str, str]] = [
    (P, CAGR, CAGR.replace("r >= 0.95", "r >= 0.93")),
    (P, CAGR, CAGR.replace("r >= 0.95", "r >= 0.97")),
    (P, CAGR, CAGR.replace("r >= 0.95", "r > 0.95")),
    (P, CAGR, CAGR.replace("r >= 0.60", "r >= 0.58")),
    (P, CAGR, CAGR.replace("r >= 0.60", "r >= 0.62")),
    (P, CAGR, CAGR.replace("r >= 0.60", "r > 0.60")),
    (P, CAGR, CAGR.replace("r >= 0 ", "r >= 0.01 ")),
    (P, CAGR, CAGR.replace("r >= 0 ", "r >= -0.01 ")),
    (P, CAGR, CAGR.replace("r >= 0 ", "r > 0 ")),
    (P, LINEAR, LINEAR.replace(">= 0.95", ">= 0.93")),
    (P, LINEAR, LINEAR.replace(">= 0.95", ">= 0.97")),
    (P, LINEAR, LINEAR.replace(">= 0.95", "> 0.95")),
    (P, LINEAR, LINEAR.replace(">= 0.10", ">= 0.08")),
    (P, LINEAR, LINEAR.replace(">= 0.10", ">= 0.12")),
    (P, LINEAR, LINEAR.replace(">= 0.10", "> 0.10")),
    (P, "if x0 <= 0 or xt <= 0", "if x0 < 0 or xt <= 0"),
    (P, "if len(years) < 2:", "if len(years) < 3:"),
    (P, "if met(xt, goal, ind.direction):", "if met(xt, goal, ind.direction) and xt != goal:"),
    (R, "return result <= target if", "return result < target if"),
    (R, "else result >= target", "else result > target"),
    (R, "if result is not None and result < lo:", "if result is not None and result <= lo:"),
    (R, "if result is not None and result > hi:", "if result is not None and result >= hi:"),
    (R, "return max(0.0, result - hi)", "return max(0.0, result - lo)"),
    (R, "return max(0.0, lo - result)", "return max(0.0, hi - result)"),
    (C, "if abs(total - c.total) <= c.tolerance:", "if abs(total - c.total) < c.tolerance:"),
    (C, "if abs(total - c.total) <= c.tolerance:", "if abs(total - c.total) <= c.tolerance + 0.01:"),
    (C, "if abs(total - c.total) <= c.tolerance:", "if abs(total - c.total) <= c.tolerance - 0.01:"),
    (C, 'if ind.unit == "percent" and not 0 <= v <= 100:', 'if ind.unit == "percent" and not 0 < v <= 100:'),
    (C, 'if ind.unit == "percent" and not 0 <= v <= 100:', 'if ind.unit == "percent" and not 0 <= v < 100:'),
    (C, 'if ind.unit == "percent" and not 0 <= v <= 100:', 'if ind.unit == "percent" and not 0 <= v <= 100.01:'),
    (C, 'elif ind.unit == "people" and v < 0:', 'elif ind.unit == "people" and v <= 0:'),
    (C, "if lo > hi:", "if lo >= hi:"),
    (C, "if (up and v > hi) or (not up and v < lo):", "if (up and v >= hi) or (not up and v < lo):"),
    (C, "if (up and v > hi) or (not up and v < lo):", "if (up and v > hi) or (not up and v <= lo):"),
    (C, "((up and v < prev) or (not up and v > prev))", "((up and v <= prev) or (not up and v > prev))"),
    (C, "((up and v < prev) or (not up and v > prev))", "((up and v < prev) or (not up and v >= prev))"),
    (T, "not 0 <= parsed.value <= 100:", "not 0 < parsed.value <= 100:"),
    (T, "not 0 <= parsed.value <= 100:", "not 0 <= parsed.value < 100:"),
    (T, "not 0 <= parsed.value <= 100:", "not -0.01 <= parsed.value <= 100.01:"),
    (T, 'if unit == "percent" and value > 100:', 'if unit == "percent" and value > 100.01:'),
    (T, "return x if 1 < x <= 100 or x == 0 else None", "return x if 1 < x <= 100.01 or x == 0 else None"),
    (T, "return x if x <= 100 else None", "return x if x <= 100.01 else None"),
    (T, "type(raw) is float and 0 <= raw <= 1:", "type(raw) is float and 0 <= raw <= 1.0001:"),
    (M, "elif abs(first.value - m.value) > 1e-9:", "elif abs(first.value - m.value) >= 1e-9:"),
    (M, "elif abs(first.value - m.value) > 1e-9:", "elif abs(first.value - m.value) > 1e-10:"),
    (M, "elif abs(first.value - m.value) > 1e-9:", "elif abs(first.value - m.value) > 1e-8:"),
]


def main() -> int:
    survived = 0
    control = (P, CAGR, CAGR)  # no change: the tests must pass on the copy, or every "kill" means nothing
    for n, (path, old, new) in enumerate([control, *MUTANTS]):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "src"
            shutil.copytree(ROOT / "src", src)  # follows src/hrplan/data -> ../../data: the copy has the data
            target = src / path
            text = target.read_text(encoding="utf-8")
            if text.count(old) != 1:
                print(f"{n:2} ?? {path}: the original is not found once, update this script: {old}")
                survived += 1
                continue
            target.write_text(text.replace(old, new), encoding="utf-8")
            env = {**os.environ, "PYTHONPATH": str(src)}
            cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *TESTS]
            run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
            if n == 0:
                if run.returncode != 0:
                    print(run.stdout[-2000:], run.stderr[-2000:])
                    print("the tests fail on an unchanged copy of src/: no mutant can be judged")
                    return 2
                print(" 0 control: the tests pass on an unchanged copy of src/")
                continue
            killed = run.returncode == 1
            survived += not killed
            print(f"{n:2} {'killed  ' if killed else 'SURVIVED'} {path}: {new.strip()}")
    print(f"{len(MUTANTS) - survived}/{len(MUTANTS)} threshold mutants killed")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
