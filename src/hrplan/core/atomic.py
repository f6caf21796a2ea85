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


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _stage(path: Path, data: bytes) -> str:
    """Write data to a temporary file beside path, flushed to disk; returns its name."""
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
        os.chmod(tmp, _mode_for(path))
    except BaseException as exc:  # also KeyboardInterrupt: no hidden temporary file is left behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write: {exc.strerror}", path=str(path)) from exc
        raise
    return tmp


def write_set(files: dict[Path, bytes]) -> None:
    """Write several files so that either all the new ones are in place or none is: every file is staged
    first, then each is renamed over its target. A failure removes the staged files and any target this
    call created."""
    staged: dict[Path, str] = {}
    try:
        for path, data in files.items():
            staged[path] = _stage(path, data)
    except BaseException:
        for tmp in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    created: list[Path] = []
    try:
        for path, tmp in staged.items():
            existed = path.exists()
            os.replace(tmp, path)
            if not existed:
                created.append(path)
    except BaseException as exc:
        for tmp in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        for path in created:
            with contextlib.suppress(OSError):
                os.unlink(path)
        if isinstance(exc, PermissionError):
            raise OutputError(
                "cannot replace the file: it may be open in Excel or read-only. "
                "Close it and run the command again, or choose another output path",
                path=str(path),
            ) from exc
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write: {exc.strerror}", path=str(path)) from exc
        raise


def write_bytes(path: Path, data: bytes) -> None:
    """Write data to path atomically; a clear OutputError when the folder or file is not writable."""
    write_set({path: data})


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
