"""Renderers by name, in the manner of check-jsonschema's REPORTER_BY_NAME.

A renderer takes a YearReading and RenderOptions and returns text, bytes or a Rich renderable; it lays
out the reading and decides nothing. Modules are imported when a renderer is picked, so `--format json`
never imports openpyxl or Rich.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from rich.console import RenderableType

    from hrplan.analysis.reading import YearReading

    Rendered = Union[str, bytes, RenderableType]  # noqa: UP007 - a runtime-free alias for mypy
    Renderer = Callable[[YearReading, "RenderOptions"], Rendered]


@dataclass(frozen=True)
class DocxTemplate:
    """A province's own .docx letterhead for the Word report, as read from the file `name`."""

    name: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "vi"
    color: bool = False
    width: int | None = None  # the terminal's columns; None: as wide as the table needs (a file or a pipe)
    document: bool = False  # the report's Markdown: title, inputs, tasks by lead unit, problems
    number: str | None = None  # the report's number (Số: 12/BC-UBND), in the Word report and the appendices
    issued: dt.date | None = None  # and its date; None leaves dotted blanks
    docx_template: DocxTemplate | None = None  # a province's letterhead instead of the bundled form


# name -> (module, function, file suffix)
RENDERER_BY_NAME: dict[str, tuple[str, str, str]] = {
    "table": ("hrplan.report.console", "render", ".txt"),
    "json": ("hrplan.report.json_renderer", "render", ".json"),
    "csv": ("hrplan.report.csv_renderer", "render", ".csv"),
    "markdown": ("hrplan.report.markdown", "render", ".md"),
    "xlsx": ("hrplan.report.excel", "render", ".xlsx"),
    "docx": ("hrplan.report.docx_renderer", "render", ".docx"),
}


def get_renderer(name: str) -> Renderer:
    """The renderer registered under `name` (KeyError for an unknown name: the CLI offers only known ones)."""
    module, function, _ = RENDERER_BY_NAME[name]
    renderer: Renderer = getattr(importlib.import_module(module), function)
    return renderer


def render(name: str, reading: YearReading, options: RenderOptions | None = None) -> Rendered:
    return get_renderer(name)(reading, options or RenderOptions())
