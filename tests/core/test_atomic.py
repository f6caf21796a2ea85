"""Outputs: written as a set or not at all, with the right mode, and no hidden file left by any interruption."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from hrplan.core import atomic
from hrplan.core.errors import OutputError

HRPLAN = [sys.executable, "-c", "from hrplan.cli import main; main()"]


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_set_whose_last_file_fails_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's files: the one replaced is put back, the one created removed, nothing hidden left."""
    (tmp_path / "a.xlsx").write_bytes(b"old a")
    real = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        if Path(dst).name == "c.json":
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    files = {tmp_path / "a.xlsx": b"new a", tmp_path / "b.md": b"new b", tmp_path / "c.json": b"new c"}
    with pytest.raises(OutputError, match="it may be open in Excel") as caught:
        atomic.write_set(files)
    assert caught.value.path == str(tmp_path / "c.json")
    assert listing(tmp_path) == {"a.xlsx": b"old a"}


@pytest.mark.parametrize("fail", ["fsync", "write"])
@pytest.mark.parametrize("error", [KeyboardInterrupt(), OSError(errno.ENOSPC, "No space left on device")])
def test_an_interrupted_or_full_write_leaves_no_hidden_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: str, error: BaseException
) -> None:
    (tmp_path / "report-2023.md").write_bytes(b"old")
    calls = []

    def boom(*args: object) -> None:
        calls.append(args)
        if len(calls) == 2:  # the second file of the set
            raise error

    if fail == "fsync":
        monkeypatch.setattr(os, "fsync", boom)
    else:
        real = os.fdopen

        class Failing:
            def __init__(self, fd: int, mode: str) -> None:
                self.fh = real(fd, mode)

            def __enter__(self) -> Failing:
                return self

            def __exit__(self, *exc: object) -> None:
                self.fh.close()

            def write(self, data: bytes) -> None:
                boom(data)
                self.fh.write(data)

            def flush(self) -> None:
                self.fh.flush()

            def fileno(self) -> int:
                return self.fh.fileno()

        monkeypatch.setattr(os, "fdopen", Failing)
    files = {tmp_path / "report-2023.xlsx": b"x", tmp_path / "report-2023.md": b"new"}
    expected = KeyboardInterrupt if isinstance(error, KeyboardInterrupt) else OutputError
    with pytest.raises(expected) as caught:
        atomic.write_set(files)
    if isinstance(caught.value, OutputError):
        assert str(caught.value) == f"{tmp_path / 'report-2023.md'}: cannot write: No space left on device"
    assert listing(tmp_path) == {"report-2023.md": b"old"}


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_mode_comes_from_the_umask_or_the_file_replaced(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic.write_bytes(tmp_path / "new.md", b"x")
        kept = tmp_path / "kept.md"
        kept.write_bytes(b"old")
        kept.chmod(0o604)
        atomic.write_bytes(kept, b"new")
    finally:
        os.umask(old)
    assert (tmp_path / "new.md").stat().st_mode & 0o777 == 0o640
    assert kept.stat().st_mode & 0o777 == 0o604 and kept.read_bytes() == b"new"


SLOW_FSYNC = """
import os, sys, time
real = os.fsync
def slow(fd):
    print("fsync", flush=True)
    time.sleep(30)
    real(fd)
os.fsync = slow
sys.argv = ["hrplan", "template", sys.argv[1]]
from hrplan.cli import main
main()
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize(
    ("signum", "code", "said"), [(signal.SIGTERM, 143, "Terminated."), (signal.SIGINT, 130, "Interrupted.")]
)
def test_a_signal_during_fsync_leaves_no_hidden_file(tmp_path: Path, signum: int, code: int, said: str) -> None:
    """SIGTERM ended the process where it stood, leaving .ket_qua.xlsx.*.tmp: it now unwinds as Ctrl+C does."""
    out = tmp_path / "ket_qua.xlsx"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_FSYNC, str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout is not None
    assert proc.stdout.readline() == "fsync\n"  # inside the write, the temporary file on disk
    assert [p.name.startswith(".ket_qua.xlsx.") for p in tmp_path.iterdir()] == [True]
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err.strip()) == (code, said)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE as Linux applies it")
def test_a_file_size_limit_while_saving_is_one_line_of_error(tmp_path: Path) -> None:
    """A full disk or a file-size limit: exit 1 with the file named, no traceback, nothing left (SIGXFSZ is ignored
    by Python, so the write fails with EFBIG). openpyxl meets it first, writing its sheets to temporary files."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    proc = subprocess.run([*HRPLAN, "report", "--out-dir", str(tmp_path)], capture_output=True, text=True,
                          preexec_fn=limit, timeout=120)  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"hrplan: error: {tmp_path}/report-2023.xlsx: cannot write: File too large (building it in the temporary "
        f"folder {tempfile.gettempdir()})"
    ]
    assert list(tmp_path.iterdir()) == []


CONCURRENT = """
import os, sys, time
from pathlib import Path
from hrplan.core import atomic
real = os.replace
def slow(src, dst):
    real(src, dst)
    print("renamed", flush=True)
    time.sleep(float(sys.argv[3]))
os.replace = slow
folder, mark = Path(sys.argv[1]), sys.argv[2].encode()
atomic.write_set({folder / n: mark for n in ("report.xlsx", "report.md", "compare.json")})
"""


@pytest.mark.skipif(os.name != "posix", reason="folder locks are POSIX")
def test_concurrent_runs_into_one_folder_never_leave_a_mixed_set(tmp_path: Path) -> None:
    """A second run writing the same report while the first is between its renames: it waits for the folder's
    lock, so its set replaces the first whole (without the lock: report.xlsx of one run, the others of the other)."""
    first = subprocess.Popen([sys.executable, "-c", CONCURRENT, str(tmp_path), "one", "0.3"], stdout=subprocess.PIPE,
                             text=True)  # fmt: skip
    assert first.stdout is not None and first.stdout.readline() == "renamed\n"  # one file of three in place
    second = subprocess.run([sys.executable, "-c", CONCURRENT, str(tmp_path), "two", "0"], capture_output=True)
    assert second.returncode == 0 and first.wait(timeout=60) == 0
    assert listing(tmp_path) == {"compare.json": b"two", "report.md": b"two", "report.xlsx": b"two"}
