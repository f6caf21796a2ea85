"""The shape of JSON documents, so that JSON bodies are typed without `Any`, and the one way hrplan writes JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

JSONScalar: TypeAlias = str | int | float | bool | None
# Sequence and Mapping, not list and dict: they are covariant, so a list[str] is a JSON value.
JSONValue: TypeAlias = JSONScalar | Sequence["JSONValue"] | Mapping[str, "JSONValue"]
JSONObject: TypeAlias = dict[str, JSONValue]

# C1 controls, which json.dumps leaves raw with ensure_ascii=False (U+009B is CSI to many terminals): escaped instead
_C1 = {c: f"\\u{c:04x}" for c in range(0x80, 0xA0)}


def dumps(body: object) -> str:
    """JSON as the standard has it (never NaN or Infinity: ValueError instead), readable (UTF-8 text, indented),
    and without a raw control character: C0 controls are escaped by json, C1 here, so the data is kept."""
    from hrplan.core.jsondump import dumps as encode  # json.dumps(indent=2) byte for byte, in about half the time

    return encode(body).translate(_C1)  # type: ignore[arg-type]
