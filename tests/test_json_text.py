"""The fast indented JSON writer gives exactly the text of ``json.dumps(document, indent=2,
ensure_ascii=False)`` (what ``--format json`` printed before it), on generated documents
and on real results, and the same error where json.dumps refuses."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from conftest import random_game
from hypothesis import given, settings
from hypothesis import strategies as st

import gamesolve
from gamesolve.report import json_report, json_text
from gamesolve.report.json_text import dumps_indented

ROOT = Path(__file__).resolve().parent.parent
SLOW_GAMES = {"chairmans_paradox.yaml"}  # its full analysis takes seconds: pure method only


def reference(document) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False)


def no_fallback(monkeypatch) -> None:
    """Results must take the fast path (else it would be no faster): json.dumps refused."""
    if json_text._NATIVE:
        pytest.skip("json.dumps itself is used on this Python")

    def refuse(*args, **kwargs):
        raise AssertionError("fell back to json.dumps")

    monkeypatch.setattr(json_text, "json", type("NoJson", (), {"dumps": staticmethod(refuse)}))


scalars = (st.none() | st.booleans() | st.integers() | st.integers(-2**70, 2**70)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text()
           | st.sampled_from(["", "\n", "\u2028", "\x00\x1f", '"quoted" \\ back', "é ß 中",
                              "\ud800", ", \n  ", "{[", "-0.0"])
           | st.sampled_from([-0.0, 1e308, 5e-324, math.pi, 2.0**53, 1e16, -1.5]))
keys = st.text() | st.sampled_from(["", "a", "\n", "1", "exact", "ß"])
documents = st.recursive(
    scalars,
    lambda children: (st.lists(children, max_size=6)
                      | st.lists(children, max_size=4).map(tuple)
                      | st.dictionaries(keys, children, max_size=6)),
    max_leaves=60)


@settings(derandomize=True, database=None, max_examples=400, deadline=None)
@given(documents)
def test_same_text_as_json_dumps(document) -> None:
    assert dumps_indented(document) == reference(document)


# json.dumps writes these keys as strings; inside a container of containers the fast path
# hands such a dict to json.dumps, inside a container of scalars the C encoder converts them
odd_keys = st.one_of(st.integers(), st.floats(), st.booleans(), st.none())


@settings(derandomize=True, database=None, max_examples=150, deadline=None)
@given(st.dictionaries(st.one_of(keys, odd_keys), scalars | st.lists(scalars, max_size=3),
                       max_size=5))
def test_keys_that_are_not_strings(document) -> None:
    assert dumps_indented(document) == reference(document)


def test_float_and_int_subclasses_and_tuples() -> None:
    document = {"x": np.float64(0.1), "y": [np.float64(1e300), True], "z": (1, (2.5, None)),
                "w": [{"k": np.float64("nan")}], "big": 10**40}
    assert dumps_indented(document) == reference(document)


@pytest.mark.parametrize("bad", [{"a": [Fraction(1, 2)]}, {"a": {"b": {1, 2}}},
                                 {"a": [np.int64(3)]}, {(1, 2): [1]}, Fraction(1, 3)])
def test_what_json_refuses_is_refused_the_same_way(bad) -> None:
    with pytest.raises(TypeError) as expected:
        reference(bad)
    with pytest.raises(TypeError) as got:
        dumps_indented(bad)
    assert str(got.value) == str(expected.value)


def test_cycle_is_refused_as_json_refuses_it() -> None:
    cyclic: dict = {"a": [1]}
    cyclic["a"].append(cyclic)
    with pytest.raises(ValueError, match="Circular reference detected"):
        dumps_indented(cyclic)


def test_scalar_documents() -> None:
    for value in (None, True, 0, -1.5, float("inf"), "text\n", ""):
        assert dumps_indented(value) == reference(value)


# ---------------------------------------------------------------------- real results
@pytest.mark.parametrize("path", sorted((ROOT / "games").glob("*.yaml")), ids=lambda p: p.name)
def test_analysis_documents_of_the_catalogue(path: Path, monkeypatch) -> None:
    game = gamesolve.load(path)
    method = "pure" if path.name in SLOW_GAMES else "auto"
    document = json_report.analysis_document(gamesolve.analyze(game, method=method))
    expected = reference(document) + "\n"
    no_fallback(monkeypatch)
    assert json_report.dumps(document) == expected


@pytest.mark.parametrize("seed", range(4))
def test_solve_documents_with_many_equilibria(seed: int, monkeypatch) -> None:
    # small integer payoffs: degenerate games with many (exact) equilibria and components
    game = random_game(seed, (7, 7), low=0, high=3)
    found = gamesolve.solve(game, method="enumerate")
    document = json_report.solve_document(game, found)
    assert len(document["equilibria"]) >= 2
    expected = reference(document) + "\n"
    no_fallback(monkeypatch)
    assert json_report.render_equilibria(game, found) == expected
