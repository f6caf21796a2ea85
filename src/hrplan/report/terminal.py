"""The terminal: a Rich console for user data. Names and texts are user data: printed as Text, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrplan.core.text import printable

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text


def console(color: bool = True, width: int | None = None) -> Console:
    """A console for user data (no markup, no emoji); the terminal's width, or 160 columns into a file or pipe."""
    import sys

    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 by itself; the command line's error boundary decides (a closed pipe is exit 0).
            raise BrokenPipeError

    if width is None and not sys.stdout.isatty():
        width = 160
    return _Console(no_color=not color, highlight=False, emoji=False, markup=False, width=width, soft_wrap=False)


def print_renderable(body: RenderableType, color: bool, width: int | None) -> None:
    """Print to stdout: in a terminal at its width; into a file or pipe at 160 columns, or wider when a table
    needs it (nothing is cut for a reader who has no terminal)."""
    import io

    from rich.console import Console as Measuring
    from rich.measure import Measurement

    if width is None:
        probe = Measuring(width=10_000, file=io.StringIO())
        width = max(160, Measurement.get(probe, probe.options, body).minimum)
    console(color, width).print(body)


def text(value: str, style: str = "") -> Text:
    """User data as a Rich Text: never markup, and control characters shown rather than obeyed (core.text.printable)."""
    from rich.text import Text

    return Text(printable(value), style=style)
