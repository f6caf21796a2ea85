"""The one YAML loader (README 'hrplan validate'): anchors and aliases, duplicate keys, unquoted ids,
non-UTF-8 and files over 2 MiB are refused, every problem with its line and column; positions of nodes
and keys are kept for the later checks."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from hrplan.core.problems import Problem, Severity
from hrplan.plan import yamlsafe
from hrplan.plan.yamlsafe import MAX_BYTES, Loaded, load_file, load_text


def problems(text: str) -> list[tuple[str, int | None, int | None, str]]:
    out = load_text(text, "f.yaml")
    assert all(p.path == "f.yaml" and p.severity is Severity.ERROR and p.cell is None for p in out.problems)
    return [(p.code, p.line, p.column, p.message) for p in out.problems]


def test_the_size_cap_is_2_mib_exactly(tmp_path: Path) -> None:
    assert MAX_BYTES == 2 * 1024 * 1024
    at_cap = tmp_path / "at_cap.yaml"
    at_cap.write_bytes(b"a: " + b"x" * (MAX_BYTES - 4) + b"\n")
    assert at_cap.stat().st_size == MAX_BYTES
    out = load_file(at_cap)
    assert out.problems == [] and isinstance(out.data, dict) and len(out.data["a"]) == MAX_BYTES - 4
    over = tmp_path / "over.yaml"
    over.write_bytes(b"a: " + b"x" * (MAX_BYTES - 3) + b"\n")
    big = load_file(over)
    assert big.data is None and big.path == str(over)
    assert big.problems == [
        Problem(
            str(over),
            None,
            None,
            "file-too-large",
            "file is 2,097,153 bytes, over the 2,097,152-byte limit for plan data",
        )
    ]


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    missing = load_file(tmp_path / "none.yaml")
    assert missing.problems == [Problem(str(tmp_path / "none.yaml"), None, None, "file-missing", "file not found")]
    assert missing.path == str(tmp_path / "none.yaml") and missing.data is None
    folder = load_file(tmp_path)
    assert folder.problems == [
        Problem(str(tmp_path), None, None, "file-kind", "a folder, not a file: give a YAML file")
    ]
    assert folder.path == str(tmp_path) and folder.data is None
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: Sở\n".encode()[:7] + "ô\n".encode("latin-1"))
    assert load_file(latin).problems == [
        Problem(str(latin), None, None, "encoding", "not UTF-8 (byte 7): save the file as UTF-8")
    ]
    assert load_file(latin).data is None and load_file(latin).path == str(latin)


def test_a_byte_order_mark_and_a_str_path_are_fine(tmp_path: Path) -> None:
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbfa: 1\n")
    out = load_file(str(bom))
    assert (out.data, out.problems, out.path) == ({"a": 1}, [], str(bom))


def test_anchor_and_alias_positions_and_messages() -> None:
    assert problems("a: &x [1]\nb: *x\n") == [
        ("yaml-anchor", 1, 4, "anchor '&x' is not allowed: write each value out in full"),
        ("yaml-alias", 2, 4, "alias '*x' is not allowed: write the value out in full"),
    ]
    assert problems("&top\na: 1\n") == [
        ("yaml-anchor", 1, 1, "anchor '&top' is not allowed: write each value out in full")
    ]
    assert load_text("a: &x 1\n", "f.yaml").data is None  # refused before anything is built


SYNTAX = "; check indentation and quoting, and that every opened quote is closed"


@pytest.mark.parametrize(
    ("text", "line", "column", "what"),
    [
        # the context is named when it starts on another line than the problem
        ("a: [1, 2\nb: 3\n", 2, 2, "did not find expected ',' or ']' (while parsing a flow sequence that starts at "
         "line 1)"),
        ("a:\n  - b\n c: 1\n", 3, 2, "did not find expected key (while parsing a block mapping that starts at line 1)"),
        # and not when it starts on the same line
        ('a: "x', 1, 6, "found unexpected end of stream"),
        ("a: b: c\n", 1, 5, "mapping values are not allowed in this context"),
        ("a: 1\n---\nb: 2\n", 2, 1, "but found another document (expected a single document in the stream that "
         "starts at line 1)"),
        ("a: !!binary zz\n", 1, 4, "failed to decode base64 data: Incorrect padding"),
    ],
)  # fmt: skip
def test_syntax_errors_name_line_column_and_context(text: str, line: int, column: int, what: str) -> None:
    out = load_text(text, "f.yaml")
    assert out.data is None
    assert problems(text) == [("yaml-syntax", line, column, f"YAML syntax error: {what}{SYNTAX}")]


def test_an_unmarked_yaml_error_has_no_position() -> None:
    assert problems("a: \x07\n") == [
        (
            "yaml-syntax",
            None,
            None,
            'YAML error: unacceptable character #x0007: control characters are not allowed\n  in "<unicode string>", '
            "position 3",
        )
    ]


def test_empty_documents() -> None:
    for text in ("", "# only a comment\n", "\n\n"):
        out = load_text(text, "f.yaml")
        assert out.data is None and problems(text) == [("yaml-empty", 1, 1, "the file is empty")]
    null = load_text("---\n", "f.yaml")  # a document holding null is not empty: validate says it is no plan file
    assert (null.data, null.problems) == (None, [])


def test_positions_of_nodes_and_keys() -> None:
    out = load_text("plan:\n  id: x\nlist:\n  - {a: 1}\n  -   b\n", "f.yaml")
    assert out.problems == []
    assert out.positions == {
        (): (1, 1),
        ("plan",): (2, 3),
        ("plan", "id"): (2, 7),
        ("list",): (4, 3),
        ("list", 0): (4, 5),
        ("list", 0, "a"): (4, 9),
        ("list", 1): (5, 7),
    }
    assert out.key_positions == {
        ("plan",): (1, 1),
        ("plan", "id"): (2, 3),
        ("list",): (3, 1),
        ("list", 0, "a"): (4, 6),
    }


def test_where_falls_back_to_the_nearest_ancestor_and_to_the_node_for_keys() -> None:
    out = load_text("plan:\n  id: x\nlist:\n  - {a: 1}\n", "f.yaml")
    assert out.where(("plan", "id")) == (2, 7)
    assert out.where(("plan", "id"), key=True) == (2, 3)
    assert out.where(("list", 0), key=True) == (4, 5)  # an item has no key: the node itself
    assert out.where(("list", 0, "zz", 3), key=True) == (4, 5)
    assert out.where(("list", 0, "zz")) == (4, 5)  # one level up, not two
    assert out.where(("nowhere", 1)) == (1, 1)
    assert Loaded("g.yaml").where(("a", "b")) == (None, None)
    assert Loaded("g.yaml").where((), key=True) == (None, None)
    p = out.problem(("plan", "id"), "code", "message")
    assert p == Problem("f.yaml", 2, 7, "code", "message", Severity.ERROR)
    assert out.problem(("plan", "id"), "c", "m", Severity.WARNING, key=True) == Problem(
        "f.yaml", 2, 3, "c", "m", Severity.WARNING
    )


def test_duplicate_keys_keep_the_first_value_and_name_both_lines() -> None:
    out = load_text("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n", "f.yaml")
    assert out.data == {"a": 1, "b": {"c": 2}}
    assert [(p.code, p.line, p.column, p.message) for p in out.problems] == [
        ("duplicate-key", 4, 3, "duplicate key 'c' (first at line 3): keep one of them"),
        ("duplicate-key", 5, 1, "duplicate key 'a' (first at line 1): keep one of them"),
    ]
    assert out.key_positions[("a",)] == (1, 1)
    after = load_text("a: 1\na: 2\nb: 3\n", "f.yaml")  # the keys after a duplicate are still read
    assert after.data == {"a": 1, "b": 3} and [p.code for p in after.problems] == ["duplicate-key"]


def test_a_missing_mark_is_the_start_of_the_file() -> None:
    assert yamlsafe._mark(None) == (1, 1)


def test_a_set_as_a_key_is_a_problem_not_a_crash() -> None:
    assert problems("? !!set {a}\n: 1\n") == [("yaml-key", 1, 3, "a key must be a plain value")]


def test_keys_that_are_not_text() -> None:
    out = load_text("2023: {KH: 50}\n2024.5: x\ntrue: y\n", "f.yaml")
    assert out.data == {2023: {"KH": 50}, 2024.5: "x", True: "y"}
    assert out.positions[(2023, "KH")] == (1, 12)
    assert out.key_positions[(2023,)] == (1, 1)
    assert problems("2023: a\n2023: b\n") == [
        ("duplicate-key", 2, 1, "duplicate key '2023' (first at line 1): keep one of them")
    ]
    assert problems("? [a, b]\n: 1\nc: 2\n") == [("yaml-key", 1, 3, "a key must be a plain value")]
    assert load_text("? [a, b]\n: 1\nc: 2\n", "f.yaml").data == {"c": 2}
    assert problems("? {a: 1}\n: 1\n") == [("yaml-key", 1, 3, "a key must be a plain value")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("id: 4.10\n", [(1, 5, "float", "4.10")]),
        ("id: 12\n", [(1, 5, "int", "12")]),
        ("tasks:\n  - id: 2024-01-02\n", [(2, 9, "date", "2024-01-02")]),
        ("leads: [4.10, '1.2', 3]\n", [(1, 9, "float", "4.10"), (1, 22, "int", "3")]),
        ("indicators:\n  - 1\n", [(2, 5, "int", "1")]),
        ("ids: [true]\n", [(1, 7, "bool", "true")]),
        ("x:\n  ids: [1.5]\n", [(2, 9, "float", "1.5")]),
    ],
)
def test_unquoted_ids_are_errors_and_kept_as_typed(text: str, found: list[tuple[int, int, str, str]]) -> None:
    out = load_text(text, "f.yaml")
    assert [(p.code, p.line, p.column, p.message) for p in out.problems] == [
        (
            "unquoted-id",
            line,
            column,
            f'id {shown} is read as a {kind}, not text (4.10 would become 4.1): quote it as "{shown}"',
        )
        for line, column, kind, shown in found
    ]
    assert shown_ids(out.data) == [shown for *_, shown in found]


def shown_ids(data: object) -> list[str]:
    """Every id the loader kept as text, in document order."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                found.append(value)
            elif key in ("leads", "indicators", "ids") and isinstance(value, list):
                found += [v for v in value if isinstance(v, str) and v != "1.2"]
            else:
                found += shown_ids(value)
    elif isinstance(data, list):
        for item in data:
            found += shown_ids(item)
    return found


@pytest.mark.parametrize(
    "text",
    [
        'id: "4.10"\n',
        "id: A1\n",
        "leads: ['4.10']\n",
        "name: 4.10\n",  # not an id
        "ids: 4.10\n",  # a list key holding a scalar is not an id list
        "indicators: {A1: 4.10}\n",  # nor a mapping under it
        "values: [4.10]\n",
        "id: !!str 4.10\n",
    ],
)
def test_numbers_outside_ids_and_quoted_ids_are_fine(text: str) -> None:
    assert problems(text) == []


def test_numbers_stay_numbers_and_text_is_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Sở Nội vụ")
    out = load_text(f"{nfd}: {nfd}\nn: 4.10\nlist: [{nfd}, 3]\nd: 2024-01-02\n", "f.yaml")
    nfc = unicodedata.normalize("NFC", "Sở Nội vụ")
    assert nfd != nfc and isinstance(out.data, dict)
    assert list(out.data) == [nfc, "n", "list", "d"]
    assert out.data[nfc] == nfc and out.data["list"] == [nfc, 3]
    assert out.data["n"] == 4.1 and type(out.data["n"]) is float
    assert str(out.data["d"]) == "2024-01-02"
    assert out.key_positions[(nfc,)] == (1, 1)


def test_the_loader_is_the_c_one_when_available() -> None:
    import yaml

    assert yamlsafe._Loader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert sorted(yamlsafe.ID_KEYS) == ["id"] and sorted(yamlsafe.ID_LIST_KEYS) == [
        "by_district",
        "except",
        "ids",
        "indicators",
        "leads",
        "tasks",
    ]
