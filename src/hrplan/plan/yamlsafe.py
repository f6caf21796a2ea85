"""One safe YAML loader for every file hrplan reads.

It keeps the position of every node so that later checks can point at a line, and it refuses
what a data file has no business holding: anchors and aliases (the billion-laughs expansion),
duplicate keys, ids that YAML would turn into numbers, and files over a size cap.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import yaml

from hrplan.core.problems import Problem, Severity

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40  # the plan files nest 6 levels; far deeper would only exhaust the stack of the readers
ID_KEYS = frozenset({"id"})
ID_LIST_KEYS = frozenset({"leads", "except", "tasks", "indicators", "ids", "by_district"})

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Loc = tuple[str | int, ...]  # where a check points: keys and indexes
NodePath = tuple[object, ...]  # where a node is: its keys can be any YAML scalar (a year, a date, a number)


@dataclass
class Loaded:
    """A parsed YAML document: plain data, node positions, and the problems met on the way."""

    path: str
    data: object = None  # dicts, lists and scalars as YAML reads them: narrow with isinstance where used
    positions: dict[NodePath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[NodePath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column of the node at `loc`, or of its nearest known ancestor."""
        table = self.key_positions if key else self.positions
        probe = tuple(loc)
        while True:
            if probe in table:
                return table[probe]
            if key and probe in self.positions:
                return self.positions[probe]
            if not probe:
                return (None, None)
            probe = probe[:-1]

    def problem(
        self, loc: Loc, code: str, message: str, severity: Severity = Severity.ERROR, *, key: bool = False
    ) -> Problem:
        line, col = self.where(loc, key=key)
        return Problem(self.path, line, col, code, message, severity)


class _Mark(Protocol):
    """A position in the text: yaml.Mark, or libyaml's own Mark class."""

    line: int
    column: int


def _mark(m: _Mark | None) -> tuple[int, int]:
    if m is None:
        return (1, 1)
    return (int(m.line) + 1, int(m.column) + 1)


_STR = "tag:yaml.org,2002:str"


def _nfc(value: object) -> object:
    if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value


def load_text(text: str, path: str) -> Loaded:
    """Parse YAML text into a Loaded; never raises for bad input."""
    out = Loaded(path)
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line, col = _mark(event.start_mark)
                    message = f"nested more than {MAX_DEPTH} levels deep: a plan file needs a few"
                    out.problems.append(Problem(path, line, col, "yaml-depth", message))
                    return out
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.AliasEvent):
                line, col = _mark(event.start_mark)
                out.problems.append(
                    Problem(
                        path,
                        line,
                        col,
                        "yaml-alias",
                        f"alias '*{event.anchor}' is not allowed: write the value out in full",
                    )
                )
            elif anchor := getattr(event, "anchor", None):
                line, col = _mark(event.start_mark)
                out.problems.append(
                    Problem(
                        path,
                        line,
                        col,
                        "yaml-anchor",
                        f"anchor '&{anchor}' is not allowed: write each value out in full",
                    )
                )
        if out.problems:
            return out
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                out.problems.append(Problem(path, 1, 1, "yaml-empty", "the file is empty"))
                return out
            out.data = _convert(node, (), loader, out, parent_key=None)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _mark(mark)
        what = exc.problem or str(exc)
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            what += f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
        out.problems.append(
            Problem(
                path,
                line,
                col,
                "yaml-syntax",
                f"YAML syntax error: {what}; check indentation and quoting, and that every opened quote is closed",
            )
        )
    except yaml.YAMLError as exc:
        out.problems.append(Problem(path, None, None, "yaml-syntax", f"YAML error: {exc}"))
    return out


def load_file(path: Path | str) -> Loaded:
    """Read and parse a YAML file, enforcing the size cap and UTF-8; a device or a pipe is refused unread."""
    from hrplan.core.inputs import NotARegularFile, TooLarge, read_bounded

    name = str(path)
    out = Loaded(name)
    try:
        raw = read_bounded(path, MAX_BYTES)
    except FileNotFoundError:
        out.problems.append(Problem(name, None, None, "file-missing", "file not found"))
        return out
    except NotARegularFile as exc:
        out.problems.append(Problem(name, None, None, "file-kind", f"{exc.kind}, not a file: give a YAML file"))
        return out
    except TooLarge as exc:
        message = f"file is {exc.size:,} bytes, over the {exc.limit:,}-byte limit for plan data"
        out.problems.append(Problem(name, None, None, "file-too-large", message))
        return out
    except OSError as exc:
        out.problems.append(Problem(name, None, None, "file-unreadable", f"cannot read: {exc.strerror or exc}"))
        return out
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        out.problems.append(
            Problem(name, None, None, "encoding", f"not UTF-8 (byte {exc.start}): save the file as UTF-8")
        )
        return out
    return load_text(text, name)


_PLAIN_KEY = (str, int, float, bool, dt.date)
_KIND = {"tag:yaml.org,2002:timestamp": "date", "tag:yaml.org,2002:int": "number", "tag:yaml.org,2002:float": "number"}


class _Unreadable(Exception):
    """A scalar the constructor refuses: an impossible date, an integer of thousands of digits."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _construct(node: yaml.Node, loader: yaml.SafeLoader, out: Loaded) -> object:
    """The value of a node that is not a plain string, or _Unreadable naming its line."""
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError, TypeError) as exc:
        line, col = _mark(node.start_mark)
        shown = str(node.value) if isinstance(node, yaml.ScalarNode) else node.tag
        shown = shown if len(shown) <= 40 else f"{shown[:20]}…({len(shown):,} characters)"
        kind = _KIND.get(node.tag, "value")
        reason = "too many digits" if "digits" in str(exc) else str(exc)
        message = f"'{shown}' is not a valid {kind} ({reason}): correct it, or quote it to keep it as text"
        raise _Unreadable(Problem(out.path, line, col, "yaml-value", message)) from None


def _convert(node: yaml.Node, loc: NodePath, loader: yaml.SafeLoader, out: Loaded, parent_key: str | None) -> object:
    out.positions[loc] = _mark(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict[object, object] = {}
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            line, col = _mark(key_node.start_mark)
            try:
                key = _nfc(key_node.value if key_node.tag == _STR else _construct(key_node, loader, out))
            except _Unreadable as exc:
                out.problems.append(exc.problem)
                continue
            if not isinstance(key, _PLAIN_KEY) and key is not None:  # a list, a mapping, a set (`? !!set {a}`)
                out.problems.append(Problem(out.path, line, col, "yaml-key", "a key must be a plain value"))
                continue
            if key in seen:
                out.problems.append(
                    Problem(
                        out.path,
                        line,
                        col,
                        "duplicate-key",
                        f"duplicate key '{key}' (first at line {seen[key]}): keep one of them",
                    )
                )
                continue
            seen[key] = line
            out.key_positions[(*loc, key)] = (line, col)
            result[key] = _convert(
                value_node, (*loc, key), loader, out, parent_key=key if isinstance(key, str) else None
            )
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, (*loc, i), loader, out, parent_key=parent_key) for i, child in enumerate(node.value)]
    is_id = parent_key in ID_KEYS or (parent_key in ID_LIST_KEYS and isinstance(loc[-1], int))
    if node.tag == _STR:  # most scalars: no need for the constructor
        return _nfc(node.value)
    try:
        value = _construct(node, loader, out)
    except _Unreadable as exc:
        out.problems.append(exc.problem)
        return None
    if is_id:
        line, col = _mark(node.start_mark)
        shown = node.value
        out.problems.append(
            Problem(
                out.path,
                line,
                col,
                "unquoted-id",
                f"id {shown} is read as a {type(value).__name__}, not text (4.10 would become 4.1): "
                f'quote it as "{shown}"',
            )
        )
        return str(shown)
    return _nfc(value)
