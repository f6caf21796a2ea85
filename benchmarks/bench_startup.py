"""Start-up and small-command times against their floors, as medians of repeated runs.

Run by hand (not a test):  python benchmarks/bench_startup.py [--runs 20]

Each command runs as a fresh process (bytecode caching on, as for an installed package); each figure
is reported beside its floor in the same run, so the ratios hold whatever else the machine does.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_TYPER = """
from typing import Annotated
import typer
app = typer.Typer()
@app.command()
def main(strict: Annotated[bool, typer.Option("--strict")] = False) -> None:
    pass
app()
"""
# Issue 18's floor for validate: the same app importing what hrplan's validation stands on.
BARE_TYPER_YAML_PYDANTIC = "import yaml, pydantic\n" + BARE_TYPER


def median_ms(argv: list[str], runs: int, env: dict[str, str]) -> float:
    subprocess.run(argv, capture_output=True, env=env)  # warm the file cache and the bytecode
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, capture_output=True, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    py = sys.executable
    hrplan = shutil.which("hrplan", path=str(Path(py).parent)) or "hrplan"
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_typer.py"
        bare.write_text(BARE_TYPER)
        bare_yp = Path(tmp) / "bare_typer_yaml_pydantic.py"
        bare_yp.write_text(BARE_TYPER_YAML_PYDANTIC)
        out = Path(tmp) / "report"
        out.mkdir()
        cases = {
            "import typer": [py, "-c", "import typer"],
            "hrplan --version": [hrplan, "--version"],
            "hrplan --help": [hrplan, "--help"],
            "import typer, yaml, pydantic": [py, "-c", "import typer, yaml, pydantic"],
            "bare typer app, one option": [py, str(bare), "--strict"],
            "bare typer app + yaml, pydantic": [py, str(bare_yp), "--strict"],
            "hrplan validate": [hrplan, "validate"],
            "hrplan compare (bundled)": [hrplan, "compare", "--format", "json"],
            "hrplan report (bundled)": [hrplan, "report", "--out-dir", str(out)],
        }
        figures = {name: median_ms(argv, args.runs, env) for name, argv in cases.items()}
    for name, ms in figures.items():
        print(f"{name:32s} {ms:8.1f} ms")
    floor1, floor2 = figures["import typer"], figures["import typer, yaml, pydantic"]
    print(f"--version / import typer        {figures['hrplan --version'] / floor1:5.2f}x  (target 1.2x)")
    print(f"--help / import typer           {figures['hrplan --help'] / floor1:5.2f}x  (target 1.2x)")
    print(f"validate / import typer+yaml+pydantic {figures['hrplan validate'] / floor2:5.2f}x  (target 1.3x)")
    print(f"bare typer app / same floor     {figures['bare typer app, one option'] / floor2:5.2f}x")
    floor3 = figures["bare typer app + yaml, pydantic"]
    print(f"validate / bare typer app + yaml, pydantic {figures['hrplan validate'] / floor3:5.2f}x  (target 1.2x)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
