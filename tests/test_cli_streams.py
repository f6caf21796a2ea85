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


RAW_CONTROLS = ("\x1b", "\x9b", "\x07", "\r", "\x08")


def hostile_plan(tmp_path: Path) -> Path:
    """The bundled plan with terminal controls in an indicator's name and a task's title (YAML escapes \\e, \\a)."""
    root = Path(__file__).resolve().parents[1] / "data"
    targets = (root / "targets_2024.yaml").read_text(encoding="utf-8")
    tasks = (root / "tasks.yaml").read_text(encoding="utf-8")
    evil = "\\e]0;pwned\\a\\e[2J\\x9b31m\\r"
    targets = targets.replace('name: "Tỷ lệ học sinh tốt nghiệp THCS vào học THPT"', f'name: "Tỷ lệ{evil} THCS"', 1)
    tasks = tasks.replace('title: "Đổi mới, nâng cao', f'title: "Đổi mới{evil}, nâng cao', 1)
    (tmp_path / "targets.yaml").write_text(targets, encoding="utf-8")
    (tmp_path / "tasks.yaml").write_text(tasks, encoding="utf-8")
    return tmp_path / "targets.yaml"


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    """ESC, OSC and CSI sequences from plan names or result cells are shown ('␛]0;pwned…'), never obeyed: in tables,
    listings, CSV, Markdown, messages; JSON escapes them (the data is kept)."""
    from typer.testing import CliRunner

    from hrplan.cli import app

    targets = hostile_plan(tmp_path)
    results = tmp_path / "kq.csv"
    results.write_text(
        'id,year,value,area,note\nA1,2023,82.75,"Bát Xát\x1b[31m","ghi\x1b]8;;http://x\x07chú"\n'
        "ZZ\x1b[2J\x9b1m,2023,1,,\nA2,2023,abc\x1b[5m,,\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    runs = [
        ["compare", str(results), "--targets", str(targets), "--format", fmt, *extra]
        for fmt in ("table", "csv", "markdown", "json")
        for extra in ([], ["--by-area"])
    ]
    runs += [[cmd, "--targets", str(targets)] for cmd in ("indicators", "tasks", "audit")]
    runs += [["validate", str(targets)], ["tasks", "--targets", str(targets), "--format", "json"]]
    for args in runs:
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 1), (args, result.output)
        for ch in RAW_CONTROLS:
            assert ch not in result.stdout and ch not in result.stderr, (args, ch)
    shown = runner.invoke(app, ["compare", str(results), "--targets", str(targets)]).stderr
    assert "unknown indicator id 'ZZ␛[2J\ufffd1m'" in shown and "cannot read 'abc␛[5m' as a percentage" in shown
    listing = runner.invoke(app, ["indicators", "--targets", str(targets), "--format", "json"]).stdout
    assert "Tỷ lệ\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\r THCS" in listing


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["tasks", "--due-before", "2024-13-01"], "--due-before '2024-13-01'"),
        (["compare", "--as-of", "31/02/2024"], "--as-of '31/02/2024'"),
        (["report", "--date", "yesterday", "--out-dir", "{tmp}"], "--date 'yesterday'"),
        (["compare", "--year", "0"], "Invalid value for '--year'"),
        (["report", "--year", "99999", "--out-dir", "{tmp}"], "Invalid value for '--year'"),
        (["template", "{tmp}/t.xlsx", "--year", "0"], "Invalid value for '--year'"),
    ],
)
def test_a_bad_option_value_names_its_option(tmp_path: Path, args: list[str], option: str) -> None:
    """--due-before's error once named --as-of; `--year 0` read the results for 0 and -1 (decided in issue 16: a
    year outside 1900–2100, the years a plan may name, is a usage error)."""
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    proc = subprocess.run([*HRPLAN, *argv], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert option in proc.stderr
    assert list(tmp_path.iterdir()) == []
