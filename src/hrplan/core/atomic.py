"""Atomic writes: a temporary file in the target folder, then a rename, so nothing is half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from hrplan.core.errors import OutputError, UsageError


def check_not_input(out: Path, inputs: Iterable[Path | str]) -> None:
    """Refuse to write over one of the command's inputs."""
    target = out.resolve()
    for p in inputs:
        if Path(p).resolve() == target:
            raise UsageError(f"refusing to overwrite the input file {p}: choose another output path")


def write_bytes(path: Path, data: bytes) -> None:
    """Write data to path atomically; a clear OutputError when the folder or file is not writable."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"folder {folder} does not exist: create it or choose another output path", path=str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror}", path=str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except PermissionError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(
            "cannot replace the file: it may be open in Excel or read-only. "
            "Close it and run the command again, or choose another output path",
            path=str(path),
        ) from exc
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write: {exc.strerror}", path=str(path)) from exc


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
