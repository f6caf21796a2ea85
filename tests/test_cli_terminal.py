"""The README's first command in terminals 80, 100 and 120 columns wide (pseudo-terminals, as a person
runs it): every indicator id whole, no number cut, no line wider than the terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

pty = pytest.importorskip("pty")  # POSIX only
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
IDS = ["A1", "A2", "A3", "A3a", "A4", "B1", "B2", "B2a", "B3", "B5", "B6", "B7", "C1", "C2"]


def run_in_terminal(columns: int, *args: str) -> str:
    import fcntl
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 60, columns, 0, 0))
    env = {**os.environ, "COLUMNS": str(columns), "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-c", "from hrplan.cli import main; main()", *args],
                            stdin=follower, stdout=follower, stderr=subprocess.DEVNULL, env=env)  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    return ANSI.sub("", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_compare_fits_the_terminal(columns: int) -> None:
    from rich.cells import cell_len

    out = run_in_terminal(columns, "compare")
    lines = out.splitlines()
    assert lines and max(cell_len(line) for line in lines) <= columns
    assert "…" not in out  # nothing cut
    for ind in IDS:  # every id whole, at the start of its row or block
        assert re.search(rf"(^|[\s│┃]){re.escape(ind)}(\s|$)", out, re.M), ind
    for number in ("101,50%", "84,63%", "117,11%", "12,30 điểm %"):  # B2 and B5, as the README computes them
        assert number in out


def test_a_wide_terminal_keeps_the_table() -> None:
    out = run_in_terminal(200, "compare")
    assert "┃ Mã" in out and "TH/DA" in out  # the appendix's table, its columns side by side
