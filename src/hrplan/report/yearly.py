"""`hrplan report`: the yearly report's files, each from its renderer, written as a set."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from hrplan.analysis.reading import YearReading
from hrplan.core.atomic import building, write_set
from hrplan.report.registry import RENDERER_BY_NAME, RenderOptions, render

# file name pattern -> renderer; the Markdown is the report's document form, the .docx the official report
REPORT_FILES = {
    "report-{y}.xlsx": "xlsx",
    "report-{y}.docx": "docx",
    "report-{y}.md": "markdown",
    "compare-{y}.json": "json",
}


def report_paths(out_dir: Path, year: int, skip: Collection[str] = ()) -> list[Path]:
    """The files of the report, but those of the renderers in `skip` (e.g. 'docx' for --no-docx)."""
    return [out_dir / pattern.format(y=year) for pattern, name in REPORT_FILES.items() if name not in skip]


def report_files(
    out_dir: Path, reading: YearReading, options: RenderOptions, skip: Collection[str] = ()
) -> dict[Path, bytes]:
    """Every file of the report, but those of the renderers in `skip`, rendered: the same bytes for the same
    reading."""
    files: dict[Path, bytes] = {}
    for pattern, name in REPORT_FILES.items():
        if name in skip:
            continue
        with building(out_dir / pattern.format(y=reading.year)):
            body = render(name, reading, replace(options, document=name == "markdown"))
        if isinstance(body, str):
            body = body.encode("utf-8")
        if not isinstance(body, bytes):  # pragma: no cover - the registry's file renderers return str or bytes
            raise TypeError(f"renderer {name} returned {type(body).__name__}")
        assert RENDERER_BY_NAME[name][2] == Path(pattern).suffix
        files[out_dir / pattern.format(y=reading.year)] = body
    return files


def previous_copy(path: Path) -> Path:
    """Where a file that is about to be replaced is kept: report-2024.prev-1.docx, -2, … (never over one)."""
    k = 1
    while (kept := path.with_name(f"{path.stem}.prev-{k}{path.suffix}")).exists():
        k += 1
    return kept


def write_report(
    out_dir: Path, reading: YearReading, options: RenderOptions, skip: Collection[str] = ()
) -> tuple[list[Path], dict[Path, Path]]:
    """Write the report's files into out_dir: all of them, or none of the new ones. A file already there with
    other content (the analyst writes section IV of the Word report by hand, and may edit any file) is kept
    beside it first, never lost: the files written, and each kept file by the one that replaced it."""
    files = report_files(out_dir, reading, options, skip)
    kept: dict[Path, Path] = {}
    for path, body in files.items():
        if path.is_file() and path.read_bytes() != body:
            kept[path] = previous_copy(path)
    write_set({**{copy: path.read_bytes() for path, copy in kept.items()}, **files})
    return list(files), kept
