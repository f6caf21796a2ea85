from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrplan.core.problems import Problem, Severity
from hrplan.plan import yamlsafe


def codes(text: str) -> list[tuple[str, int | None, int | None]]:
    return [(p.code, p.line, p.column) for p in yamlsafe.load_text(text, "f.yaml").problems]


def test_plain_document_keeps_positions() -> None:
    out = yamlsafe.load_text("a: 1\nb:\n  - x\n  - y\n", "f.yaml")
    assert out.problems == []
    assert out.data == {"a": 1, "b": ["x", "y"]}
    assert out.where(("b", 1)) == (4, 5)
    assert out.where(("a",), key=True) == (1, 1)
    assert out.where(("b", 7, "zz")) == (3, 3)  # nearest ancestor


def test_duplicate_key_names_both_lines() -> None:
    out = yamlsafe.load_text("id: a\nname: x\nid: b\n", "f.yaml")
    assert out.problems == [
        Problem("f.yaml", 3, 1, "duplicate-key", "duplicate key 'id' (first at line 1): keep one of them")
    ]


def test_alias_and_anchor_rejected() -> None:
    assert codes("a: &x [1]\nb: *x\n") == [("yaml-anchor", 1, 4), ("yaml-alias", 2, 4)]


def test_billion_laughs_is_refused_before_expansion() -> None:
    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    problems = yamlsafe.load_text(lol, "lol.yaml").problems
    assert problems and all(p.code in {"yaml-anchor", "yaml-alias"} for p in problems)


def test_unquoted_task_id_is_an_error_with_advice() -> None:
    out = yamlsafe.load_text('tasks:\n  - id: "4.1"\n  - id: 4.10\n', "t.yaml")
    assert [(p.code, p.line, p.column) for p in out.problems] == [("unquoted-id", 3, 9)]
    assert 'quote it as "4.10"' in out.problems[0].message
    assert isinstance(out.data, dict)
    assert out.data["tasks"][1]["id"] == "4.10"


def test_unquoted_id_in_id_lists() -> None:
    assert codes("leads: [4.10, '1.2']\n") == [("unquoted-id", 1, 9)]


def test_text_is_nfc() -> None:
    decomposed = "Sở Nội vụ".encode().decode()
    import unicodedata

    nfd = unicodedata.normalize("NFD", decomposed)
    out = yamlsafe.load_text(f"name: {nfd}\n", "f.yaml")
    assert isinstance(out.data, dict)
    assert out.data["name"] == unicodedata.normalize("NFC", decomposed)


def test_syntax_error_has_line() -> None:
    out = yamlsafe.load_text("a: [1, 2\nb: 3\n", "f.yaml")
    assert [p.code for p in out.problems] == ["yaml-syntax"]
    assert out.problems[0].line is not None


def test_size_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * (yamlsafe.MAX_BYTES + 1))
    assert [p.code for p in yamlsafe.load_file(big).problems] == ["file-too-large"]


def test_missing_and_non_utf8(tmp_path: Path) -> None:
    assert [p.code for p in yamlsafe.load_file(tmp_path / "none.yaml").problems] == ["file-missing"]
    bad = tmp_path / "latin.yaml"
    bad.write_bytes("name: S\xf4\n".encode("latin-1"))
    assert [p.code for p in yamlsafe.load_file(bad).problems] == ["encoding"]


def test_empty_file() -> None:
    assert codes("") == [("yaml-empty", 1, 1)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!'\"\n #0.14é|>?,%@`\t")), max_size=80))
def test_any_text_gives_data_or_problems_never_an_exception(text: str) -> None:
    out = yamlsafe.load_text(text, "fuzz.yaml")
    assert all(p.severity is Severity.ERROR for p in out.problems)


@pytest.mark.parametrize(
    ("text", "code", "line", "fragment"),
    [
        ("issued: 2024-13-45\n", "yaml-value", 1, "'2024-13-45' is not a valid date (month must be in 1..12)"),
        ("a: 1\nissued: 2024-02-30\n", "yaml-value", 2, "'2024-02-30' is not a valid date (day is out of range"),
        ("year: " + "9" * 5000 + "\n", "yaml-value", 1, "(5,000 characters)' is not a valid number (too many digits)"),
        ("a: 1\n? !!set {a, b}\n: 1\n", "yaml-key", 2, "a key must be a plain value"),
        ("? 2024-13-45\n: 1\n", "yaml-value", 1, "is not a valid date"),
        ("x: " + "[" * 500 + "]" * 500 + "\n", "yaml-depth", 1, "nested more than 40 levels deep"),
        ("x:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 60)), "yaml-depth", 41, "levels deep"),
    ],
    ids=["month-13", "february-30", "5000-digits", "set-as-key", "date-key", "500-deep-flow", "block-nesting"],
)
def test_values_yaml_cannot_construct_are_problems_at_their_line(
    text: str, code: str, line: int, fragment: str
) -> None:
    """Red team, item 7: each of these ended in exit 3 (a ValueError, a TypeError, a RecursionError)."""
    out = yamlsafe.load_text(text, "f.yaml")
    assert [(p.code, p.line) for p in out.problems] == [(code, line)]
    assert fragment in out.problems[0].message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_or_a_pipe_is_refused_unread(tmp_path: Path) -> None:
    assert [(p.code, p.message) for p in yamlsafe.load_file("/dev/zero").problems] == [
        ("file-kind", "a device, not a file: give a YAML file")
    ]
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    assert [p.code for p in yamlsafe.load_file(fifo).problems] == ["file-kind"]
    assert [p.code for p in yamlsafe.load_file(tmp_path).problems] == ["file-kind"]


def test_a_file_growing_past_the_cap_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cap holds on the bytes read, not only on the size the file had when it was looked at."""
    path = tmp_path / "t.yaml"
    path.write_text("a: " + "x" * 100)
    real = os.fstat

    def shrunk(fd: int) -> os.stat_result:
        st = real(fd)
        return os.stat_result((st.st_mode, *tuple(st)[1:6], 10, *tuple(st)[7:]))

    monkeypatch.setattr(os, "fstat", shrunk)
    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 50)
    assert [p.code for p in yamlsafe.load_file(path).problems] == ["file-too-large"]
