"""JSON text as `json.dumps(body, ensure_ascii=False, indent=2, allow_nan=False)` writes it, several times faster.

With `indent`, the standard library encodes in pure Python through nested generators (its C encoder only
writes compact JSON): `compare --by-area` at national scale writes 80 MB that way, which took longer than
reading the results. This writer appends to one list and uses the same C string escaper and the same number
forms; `tests/test_jsondump.py` checks it against `json.dumps` on arbitrary JSON.
"""

from __future__ import annotations

from json.encoder import encode_basestring  # the C escaper when the _json accelerator is there, as json uses

from hrplan.core.jsontypes import JSONValue

_INDENT = "  "


def _scalar(o: object) -> str | None:
    """The JSON of a scalar, or None when `o` is a container; TypeError or ValueError as json.dumps raises."""
    if isinstance(o, str):
        return encode_basestring(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        if o != o or o in (float("inf"), float("-inf")):
            raise ValueError(f"Out of range float values are not JSON compliant: {o!r}")
        return float.__repr__(o)
    if isinstance(o, list | tuple | dict):
        return None
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def _key(k: object) -> str:
    """A key as json writes it: strings as they are, numbers, booleans and null as their JSON text."""
    if isinstance(k, str):
        return encode_basestring(k)
    if isinstance(k, bool | int | float) or k is None:
        text = _scalar(k)
        assert text is not None
        return encode_basestring(text)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")


def _encode(o: object, out: list[str], nl: str) -> None:
    # The common cases first: this runs once per value of a document of millions.
    if isinstance(o, str):
        out.append(encode_basestring(o))
        return
    if isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = nl + _INDENT
        sep = "{" + inner
        for k, v in o.items():
            head = sep + (encode_basestring(k) if type(k) is str else _key(k)) + ": "
            sep = "," + inner
            # scalars inline: most values of a document are, and a call per value would double the time
            if isinstance(v, str):
                out.append(head + encode_basestring(v))
            elif v is None:
                out.append(head + "null")
            elif isinstance(v, dict | list | tuple):
                out.append(head)
                _encode(v, out, inner)
            else:
                out.append(head + _scalar_text(v))
        out.append(nl + "}")
        return
    if isinstance(o, list | tuple):
        if not o:
            out.append("[]")
            return
        inner = nl + _INDENT
        sep = "[" + inner
        for v in o:
            if isinstance(v, dict | list | tuple):
                out.append(sep)
                _encode(v, out, inner)
            else:
                out.append(sep + _scalar_text(v))
            sep = "," + inner
        out.append(nl + "]")
        return
    out.append(_scalar_text(o))


def _scalar_text(o: object) -> str:
    text = _scalar(o)
    assert text is not None  # the callers handle containers
    return text


def dumps(body: JSONValue) -> str:
    """`json.dumps(body, ensure_ascii=False, indent=2, allow_nan=False)`, byte for byte."""
    out: list[str] = []
    _encode(body, out, "\n")
    return "".join(out)
