"""`hrplan report`: the yearly report's files, each from its renderer, written as a set."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hrplan.analysis.reading import YearReading
from hrplan.core.atomic import building, write_set
from hrplan.report.registry import RENDERER_BY_NAME, RenderOptions, render

# file name pattern -> renderer; the Markdown is the report's document form
REPORT_FILES = {"report-{y}.xlsx": "xlsx", "report-{y}.md": "markdown", "compare-{y}.json": "json"}


def report_paths(out_dir: Path, year: int) -> list[Path]:
    return [out_dir / pattern.format(y=year) for pattern in REPORT_FILES]


def report_files(out_dir: Path, reading: YearReading, options: RenderOptions) -> dict[Path, bytes]:
    """Every file of the report, rendered: the same bytes for the same reading."""
    files: dict[Path, bytes] = {}
    for pattern, name in REPORT_FILES.items():
        with building(out_dir / pattern.format(y=reading.year)):
            body = render(name, reading, replace(options, document=name == "markdown"))
        if isinstance(body, str):
            body = body.encode("utf-8")
        if not isinstance(body, bytes):  # pragma: no cover - the registry's file renderers return str or bytes
            raise TypeError(f"renderer {name} returned {type(body).__name__}")
        assert RENDERER_BY_NAME[name][2] == Path(pattern).suffix
        files[out_dir / pattern.format(y=reading.year)] = body
    return files


def write_report(out_dir: Path, reading: YearReading, options: RenderOptions) -> list[Path]:
    """Write the report's files into out_dir: all of them, or none of the new ones."""
    files = report_files(out_dir, reading, options)
    write_set(files)
    return list(files)
