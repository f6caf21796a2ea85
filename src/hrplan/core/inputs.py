"""Opening an input file: only a regular file is read, and never more than a limit.

A device (`/dev/zero`), a pipe or a socket given as an input would be read forever, or block on open:
each is refused before a byte is read (opened non-blocking, then checked on the open descriptor).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotARegularFile(OSError):
    """The path names a folder, a device, a pipe or a socket."""

    def __init__(self, path: Path | str, kind: str) -> None:
        super().__init__(f"{path} is {kind}, not a file")
        self.kind = kind


class TooLarge(OSError):
    """The file holds more bytes than the reader accepts."""

    def __init__(self, path: Path | str, size: int, limit: int) -> None:
        super().__init__(f"{path} is over {limit:,} bytes")
        self.size = size
        self.limit = limit


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _open_regular(path: Path | str) -> int:
    """A descriptor of the regular file at path; NotARegularFile for anything else (FileNotFoundError, OSError)."""
    mode = os.stat(path).st_mode  # a folder cannot be opened everywhere: say what it is first
    if not stat.S_ISREG(mode):
        raise NotARegularFile(path, _kind(mode))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode  # what was opened, should the path have changed since the stat
        if not stat.S_ISREG(mode):
            raise NotARegularFile(path, _kind(mode))
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_regular(path: Path | str) -> int:
    """The size of the regular file at path (NotARegularFile, FileNotFoundError or OSError otherwise)."""
    fd = _open_regular(path)
    try:
        return os.fstat(fd).st_size
    finally:
        os.close(fd)


def read_bounded(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file; TooLarge beyond `limit` bytes, whatever its size said when it was opened."""
    fd = _open_regular(path)
    with os.fdopen(fd, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise TooLarge(path, size, limit)
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(path, len(data), limit)
    return data
