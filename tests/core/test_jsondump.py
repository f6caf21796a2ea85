"""The fast indented writer against json.dumps, byte for byte."""

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrplan.core.jsondump import dumps
from hrplan.core.jsontypes import JSONValue

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


def reference(body: object) -> str:
    return json.dumps(body, ensure_ascii=False, indent=2, allow_nan=False)


@given(documents)
def test_same_text_as_json_dumps(body: JSONValue) -> None:
    assert dumps(body) == reference(body)


def test_keys_that_are_not_strings_and_empty_containers() -> None:
    body: dict[object, object] = {2: [], 2.5: {}, True: None, None: [[]], 'ê\n"': "\x00 Việt"}
    assert dumps(body) == reference(body)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, [1, {"x": math.nan}]])
def test_non_finite_numbers_refused(bad: JSONValue) -> None:
    with pytest.raises(ValueError):
        dumps(bad)


def test_other_types_refused() -> None:
    with pytest.raises(TypeError):
        dumps({"x": object()})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        dumps({object(): 1})  # type: ignore[dict-item]
