"""Atomic writes: temporary files in the target folder, then renames, so nothing is half-written.

A set of files (the yearly report) is written as one: every file is staged first, then each is renamed over its
target while the folder is locked against another hrplan writing there; should a rename fail, the files this call
created are removed and the ones it replaced are put back. Every temporary name is recorded before the file exists,
so an interruption at any point (Ctrl+C, SIGTERM, a full disk) leaves no hidden file behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable, Iterator
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


def _beside(path: Path, kind: str) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.{kind}")


def _stage(path: Path, data: bytes, scratch: list[Path]) -> Path:
    """Write data to a new file beside path, flushed to disk; its name is in `scratch` before it exists."""
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"folder {folder} does not exist: create it or choose another output path", path=str(path))
    tmp = _beside(path, "tmp")
    scratch.append(tmp)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, 0o600)
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror}", path=str(path)) from exc
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, _mode_for(path))
    return tmp


@contextlib.contextmanager
def _locked(folders: Iterable[Path]) -> Iterator[None]:
    """An exclusive lock on each folder (POSIX), so that two runs writing one report never interleave their
    renames and leave a mixed set. Where folders cannot be locked, the renames still happen."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    fds = []
    try:
        for folder in sorted(set(folders)):
            with contextlib.suppress(OSError):
                fd = os.open(folder, os.O_RDONLY)
                fds.append(fd)
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        for fd in fds:
            os.close(fd)  # closing releases the lock


def write_set(files: dict[Path, bytes]) -> None:
    """Write several files so that either all the new ones are in place or none is."""
    scratch: list[Path] = []  # temporary files and backups: removed whatever happens
    done: list[tuple[Path, Path | None, bool]] = []  # renamed targets: the backup of what each replaced, if it existed
    staged: dict[Path, Path] = {}
    path = Path(".")
    try:
        for path, data in files.items():
            staged[path] = _stage(path, data, scratch)
        with _locked(p.parent for p in files):
            for path, tmp in staged.items():
                existed, backup = path.exists(), None
                if existed:
                    backup = _beside(path, "bak")
                    scratch.append(backup)
                    try:
                        os.link(path, backup)  # the old file stays in place until the new one replaces it
                    except OSError:
                        backup = None  # a file system without hard links: the old file cannot be put back
                os.replace(tmp, path)
                done.append((path, backup, existed))
    except BaseException as exc:
        for target, backup, existed in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)
                elif not existed:
                    os.unlink(target)
        error = _output_error(exc, path)
        if error is exc:
            raise
        raise error from exc
    finally:
        for name in scratch:
            with contextlib.suppress(OSError):
                os.unlink(name)


def _output_error(exc: BaseException, path: Path) -> BaseException:
    """What a failed write says: an OutputError naming the file for the environment's errors; anything else as is."""
    if isinstance(exc, OutputError) or not isinstance(exc, OSError):
        return exc
    if isinstance(exc, PermissionError):
        return OutputError("cannot replace the file: it may be open in Excel or read-only. Close it and run the "
                           "command again, or choose another output path", path=str(path))  # fmt: skip
    return OutputError(f"cannot write: {exc.strerror or exc}", path=str(path))


@contextlib.contextmanager
def building(path: Path) -> Iterator[None]:
    """Around the rendering of an output: openpyxl builds a workbook's sheets in temporary files, so a full disk or
    a file-size limit strikes there first. Said as an OutputError naming the output, not as a bare OSError."""
    import tempfile

    where = f" (building it in the temporary folder {tempfile.gettempdir()})"
    try:
        yield
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}{where}", path=str(path)) from exc
    except Exception as exc:
        # python-docx writes through lxml, which reports a full disk or a size limit as SerialisationError('IO_…')
        text = str(exc)
        if type(exc).__name__ != "SerialisationError" or not text.startswith("IO_"):
            raise
        said = {"IO_EFBIG": "File too large", "IO_ENOSPC": "No space left on device"}.get(text, text)
        raise OutputError(f"cannot write: {said}{where}", path=str(path)) from exc


def write_bytes(path: Path, data: bytes) -> None:
    """Write data to path atomically; a clear OutputError when the folder or file is not writable."""
    write_set({path: data})


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
