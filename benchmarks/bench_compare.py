"""Time `hrplan compare` on generated results files against openpyxl reading the same file.

Run by hand (not a test):  python benchmarks/bench_compare.py [--sizes 1000 16000 200000] [--repeat 5]

For each size it writes a long-layout results workbook (id, year, value, area) with the bundled
plan's indicator ids, and the same data as CSV, then reports medians of repeated runs:
  - python-calamine alone iterating the workbook (the floor of issue 18: compare at most 1.5x this);
  - openpyxl alone iterating the workbook in read_only mode (values only, and cells with formats; --no-openpyxl
    leaves these out: at 200,000 values they take half a minute each);
  - hrplan reading + comparing it in-process (read_results + analyse of the province);
  - the whole CLI (`hrplan compare FILE --format json`) as a subprocess, with its peak RSS, start-up included;
  - the CLI with one table per area (`--by-area`: every district's comparison in the JSON);
  - the CSV with the same values, in-process and through the CLI.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

from hrplan.analysis.reading import read_area
from hrplan.plan.load import load_plan
from hrplan.results.merge import read_results


def generate(path: Path, n: int, percent_cells: bool) -> None:
    """A workbook with n values: every (indicator, year, area) combination until n is reached."""
    plan = load_plan().plan
    assert plan is not None
    inds = [(i.id, i.unit) for i in plan.targets.indicators]
    years = list(range(2019, 2025))
    # A regular workbook, as Excel saves one: it records the sheet's <dimension>, which a write-only
    # workbook omits (and without which openpyxl's read-only reader parses the sheet twice).
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Kết quả"
    ws.append(["BÁO CÁO KẾT QUẢ (dữ liệu sinh để đo hiệu năng)"])
    ws.append([])
    ws.append(["Mã chỉ tiêu", "Năm", "Giá trị", "Địa bàn"])
    count = 0
    area = 0
    row = 3  # the header row
    while count < n:
        area += 1
        for ind_id, unit in inds:
            for y in years:
                if count >= n:
                    break
                value: float = 40 + (count % 5000) / 100 if unit == "percent" else 100 + count % 9000
                row += 1
                if percent_cells and unit == "percent":
                    ws.append([ind_id, y, value / 100, f"Xã {area:04d}"])
                    ws.cell(row, 3).number_format = "0.00%"  # not ws.max_row: openpyxl computes it by a scan
                else:
                    ws.append([ind_id, y, value, f"Xã {area:04d}"])
                count += 1
    wb.save(path)


def to_csv(xlsx: Path, csv_path: Path) -> None:
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    ws = wb.worksheets[0]
    with csv_path.open("w", encoding="utf-8") as fh:
        for row in ws.iter_rows(min_row=3, values_only=True):
            if row and row[0] is not None:
                fh.write(",".join("" if v is None else str(v) for v in row) + "\n")
    wb.close()


# Peak memory of the process itself. Not ru_maxrss: Linux carries the parent's high-water mark into a child
# across fork and exec, so children of this (large) benchmark process would all report the parent's peak.
PEAK = (
    "def peak_kib():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            return int(line.split()[1])\n"
)


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def calamine_values(path: Path) -> int:
    """python-calamine alone: every row of the first sheet as Python values."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    return len(wb.get_sheet_by_name(wb.sheet_names[0]).to_python())


def openpyxl_values(path: Path) -> int:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))
    wb.close()
    return n


def openpyxl_cells(path: Path) -> int:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            n += sum(1 for c in row if getattr(c, "number_format", None))
    wb.close()
    return n


def hrplan_inprocess(path: Path) -> int:
    plan = load_plan().plan
    assert plan is not None
    res = read_results([path], plan)
    years = sorted({m.year for m in res.values})
    return len(read_area(plan, res.values, years[-1]).rows)


def cli(path: Path, *extra: str) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of the CLI run, measured by the child itself."""
    code = (
        PEAK + "import sys, time; t = time.perf_counter()\n"
        "from hrplan.cli import main\n"
        "sys.argv = ['hrplan', 'compare', sys.argv[1], '--format', 'json', *sys.argv[2:]]\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        "print(time.perf_counter() - t, peak_kib())"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path), *extra], capture_output=True, text=True, check=True)
    wall, rss = out.stdout.split()
    return float(wall), int(rss)


def reader_rss(path: Path) -> int:
    code = (
        PEAK + "import sys, openpyxl\n"
        "wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
        "[c for ws in wb.worksheets for row in ws.iter_rows() for c in row]\n"
        "print(peak_kib())"
    )
    return int(
        subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True).stdout
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 16000, 200000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-openpyxl", action="store_true", help="leave out the openpyxl floors")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    print(
        f"python {platform.python_version()} · openpyxl {openpyxl.__version__} · {platform.machine()} · "
        f"{platform.processor() or 'cpu'}"
    )
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            for percent in (False, True):
                path = Path(tmp) / f"results_{n}_{'pct' if percent else 'plain'}.xlsx"
                generate(path, n, percent)
                rep = args.repeat if n <= 20000 else max(1, args.repeat - 2)
                row = {
                    "values": n,
                    "percent_cells": percent,
                    "size_bytes": path.stat().st_size,
                    "calamine_s": median_time(lambda p=path: calamine_values(p), rep),
                    "hrplan_inprocess_s": median_time(lambda p=path: hrplan_inprocess(p), rep),
                }
                if not args.no_openpyxl:
                    row["openpyxl_values_s"] = median_time(lambda p=path: openpyxl_values(p), rep)
                    row["openpyxl_cells_s"] = median_time(lambda p=path: openpyxl_cells(p), rep)
                walls = [cli(path) for _ in range(rep)]
                row["hrplan_cli_s"] = statistics.median(w for w, _ in walls)
                row["hrplan_cli_rss_kib"] = max(r for _, r in walls)
                if not args.no_openpyxl:
                    row["openpyxl_rss_kib"] = reader_rss(path)
                row["hrplan_cli_by_area_s"] = cli(path, "--by-area")[0]
                row["cli_per_calamine"] = round(row["hrplan_cli_s"] / row["calamine_s"], 2)
                row["by_area_per_cli"] = round(row["hrplan_cli_by_area_s"] / row["hrplan_cli_s"], 2)
                if not percent:
                    csv_path = Path(tmp) / f"results_{n}.csv"
                    to_csv(path, csv_path)
                    row["hrplan_csv_inprocess_s"] = median_time(lambda p=csv_path: hrplan_inprocess(p), rep)
                    row["hrplan_csv_cli_s"] = statistics.median(cli(csv_path)[0] for _ in range(rep))
                figures.append(row)
                print(json.dumps(row))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
