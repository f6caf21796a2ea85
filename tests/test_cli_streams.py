"""The error boundary on real processes: closed pipes, a closed stdout, legacy code pages, Ctrl+C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HRPLAN = [sys.executable, "-c", "from hrplan.cli import main; main()"]
COMMANDS = [
    ["compare", "--format", "table"],
    ["compare", "--format", "json"],
    ["compare", "--format", "csv"],
    ["compare", "--format", "markdown"],
    ["validate"],
    ["indicators"],
    ["tasks"],
    ["audit"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_a_closed_pipe_is_a_normal_end(args: list[str]) -> None:
    """`hrplan compare | head -0`: the reader has gone; that is no error (exit 0, nothing on stderr)."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte is written
    try:
        proc = subprocess.run([*HRPLAN, *args], stdout=write, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


@pytest.mark.skipif(os.name != "posix", reason="a POSIX shell closes stdout with >&-")
def test_a_closed_stdout_is_one_line_of_error() -> None:
    cmd = " ".join(f"'{a}'" for a in HRPLAN) + " compare >&-"
    proc = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "hrplan: error:" in proc.stderr


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252", "cp437", "ascii"])
def test_redirected_output_is_utf8_whatever_the_code_page(encoding: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    proc = subprocess.run([*HRPLAN, "compare", "--no-color"], capture_output=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    text = proc.stdout.decode("utf-8")  # a file or pipe gets UTF-8, so no letter is lost
    assert "Nhóm chỉ tiêu về giáo dục phổ thông" in text and "Toàn tỉnh" in text and "đã đạt" in text


def test_ctrl_c_exits_130(tmp_path: Path) -> None:
    """SIGINT while a large CSV is being read: 'Interrupted.' and exit 130, no traceback."""
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as fh:
        fh.write("id,year,value,area\n")
        for i in range(600_000):
            fh.write(f"A1,{2000 + i % 30},{50 + i % 40},Xã {i}\n")
    proc = subprocess.Popen([*HRPLAN, "compare", str(big), "--by-area", "--format", "json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    time.sleep(1.5)  # past the imports, inside the reading
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.strip() == "Interrupted."
