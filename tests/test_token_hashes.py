"""The vectorised token hasher gives the same tokens as the regex tokeniser, hashed by content."""

from __future__ import annotations

import numpy as np

from storytrace.text.normalize import tokens
from storytrace.text.token_hashes import token_hashes

TEXTS = [
    "The U.N. said it's \u201cready\u201d \u2014 don\u2019t wait\u2026 now.",
    "",
    "...",
    "\u0130stanbul \u00c7OK g\u00fczel, \u0391\u0398\u0397\u039d\u0391 \u041c\u043e\u0441\u043a\u0432\u0430",
    "\u5730\u9707\u53d1\u751f\u5728\u5317\u4eacabc \u6771\u4eac'ok",
    "a'b 'c' d.e..f x.y.z.",
    "math \U0001d400\U0001d401 and emoji \U0001f600x",
    "\u0e01\u0e02 \u0e04",
]


def _by_text(counts: np.ndarray, flat: np.ndarray) -> list[list[int]]:
    ends = np.cumsum(counts)
    return [flat[e - c : e].tolist() for c, e in zip(counts.tolist(), ends.tolist(), strict=True)]


def test_same_tokens_as_the_regex_tokeniser() -> None:
    counts, flat = token_hashes(TEXTS)
    rows = _by_text(counts, flat)
    seen: dict[str, int] = {}
    for text, row in zip(TEXTS, rows, strict=True):
        words = tokens(text)
        assert len(row) == len(words), text
        for word, h in zip(words, row, strict=True):
            assert seen.setdefault(word, h) == h, word  # equal tokens, equal hashes
    assert len(set(seen.values())) == len(seen)  # different tokens, different hashes


def test_hand_made_tokens() -> None:
    counts, flat = token_hashes(["U.N. don't", "UN don\u2019t", "un dont", "\u5317\u4eac"])
    rows = _by_text(counts, flat)
    assert rows[0] == rows[1]  # abbreviation dots dropped, curly apostrophe folded
    assert rows[0][0] == rows[2][0] and rows[0][1] != rows[2][1]  # the apostrophe stays in the word
    assert len(rows[3]) == 2  # a script without spaces: one token per character


def test_hashes_do_not_depend_on_the_block() -> None:
    texts = [f"story {i} about the same thing, number {i % 7}" for i in range(50)]
    whole = token_hashes(texts)
    small = token_hashes(texts, block_chars=100)
    assert np.array_equal(whole[0], small[0]) and np.array_equal(whole[1], small[1])
