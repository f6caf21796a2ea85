"""Problem listings in the formats CI and people read: text, JSON, GitHub annotations."""

from __future__ import annotations

import os

from hrplan.core.jsontypes import dumps
from hrplan.core.paths import display_path
from hrplan.core.problems import Problem, Severity, count, sort_key


def _relocated(p: Problem) -> Problem:
    return Problem(display_path(p.path), p.line, p.column, p.code, p.message, p.severity, p.cell)


def render_text(problems: list[Problem]) -> str:
    """yamllint style: `path:line:col: severity: message [code]`, then a count."""
    lines = [
        f"{q.location()}: {q.severity.value}: {q.message} [{q.code}]"
        for q in sorted(map(_relocated, problems), key=sort_key)
    ]
    e, w = count(problems, Severity.ERROR), count(problems, Severity.WARNING)
    lines.append(f"{e} error(s), {w} warning(s)")
    return "\n".join(lines)


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(problems: list[Problem]) -> str:
    """GitHub workflow commands, one annotation per problem."""
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    out = []
    for q in sorted(map(_relocated, problems), key=sort_key):
        props = [f"file={_escape(q.path, True)}"]
        if q.line:
            props.append(f"line={q.line}")
        if q.column:
            props.append(f"col={q.column}")
        props.append(f"title={_escape(q.code, True)}")
        where = f" ({q.cell})" if q.cell else ""
        out.append(f"::{kinds[q.severity]} {','.join(props)}::{_escape(q.message)}{where}")
    return "\n".join(out)


def render_json(problems: list[Problem], **extra: object) -> str:
    """An object {"problems": [...], "errors": n, "warnings": n} plus any extra keys."""
    body = {
        **extra,
        "problems": [q.as_dict() for q in sorted(map(_relocated, problems), key=sort_key)],
        "errors": count(problems, Severity.ERROR),
        "warnings": count(problems, Severity.WARNING),
    }
    return dumps(body)


def render(problems: list[Problem], fmt: str) -> str:
    if fmt == "json":
        return render_json(problems)
    if fmt == "github":
        return render_github(problems)
    return render_text(problems)


def use_color(no_color: bool) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    import sys

    return not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()
