"""Where the bundled plan data lies, and how a path is shown to people (one rule for every output)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def bundled_dir() -> Path:
    """The folder of the plan data shipped with hrplan, found from any working directory.

    An installed wheel carries it as the package resource `hrplan/data` (pyproject's force-include). An
    editable install or a source checkout imports hrplan from `src/`, where there is no `data/`: there the
    repository's own `data/` folder is used, so edits to it are seen at once."""
    from importlib import resources

    packaged = Path(str(resources.files("hrplan") / "data"))
    if packaged.is_dir():
        return packaged.resolve()
    checkout = Path(__file__).resolve().parents[3] / "data"  # <repo>/src/hrplan/core/paths.py -> <repo>/data
    return checkout if checkout.is_dir() else packaged


@lru_cache(maxsize=256)
def display_path(path: str) -> str:
    """How a path is shown: the bundled plan data as `data/<file>` wherever hrplan is installed (the same
    bytes in every report, and the repository path for CI annotations); other paths relative to the working
    directory when they lie below it, else as given."""
    try:
        p = Path(path).resolve()
    except OSError:
        return path
    try:
        return str(Path("data") / p.relative_to(bundled_dir()))
    except ValueError:
        pass
    try:
        return str(p.relative_to(Path.cwd().resolve()))
    except ValueError:
        return path


def displayed(text: str, path: str) -> str:
    """`text` (a location such as 'file:Sheet!C5') with its leading path shown as display_path shows it."""
    return text.replace(path, display_path(path), 1) if path else text
