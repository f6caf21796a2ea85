"""The shape of JSON documents, so that JSON bodies are typed without `Any`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

JSONScalar: TypeAlias = str | int | float | bool | None
# Sequence and Mapping, not list and dict: they are covariant, so a list[str] is a JSON value.
JSONValue: TypeAlias = JSONScalar | Sequence["JSONValue"] | Mapping[str, "JSONValue"]
JSONObject: TypeAlias = dict[str, JSONValue]
