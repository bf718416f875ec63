"""Word-token hashes of many texts at once, with numpy over code points (no string per token).

Guarantee: for each text the tokens are exactly those of :func:`storytrace.text.normalize.tokens`
(lower-cased runs of ``\\w`` characters in any script, an inner ``'`` or ``.`` joined into the word,
dots then dropped so "U.N." is "un", quotes folded first, and a run holding a character of a script
written without spaces split into one token per character), in order. Each token's hash is a
64-bit function of its characters alone (a polynomial over code points modulo 2**64, then the
splitmix64 finaliser), so equal tokens hash equal in every process and run; different tokens
collide with probability about 2**-64 per pair.

Why: the near-duplicate stage hashes every word of the corpus; Python's regex tokeniser plus a
hash call per token cost ~0.25 ms per 2 KB text, this costs a few numpy passes per block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from storytrace.text.normalize import _FOLD, _NO_SPACE

_WORD, _APOSTROPHE, _DOT, _NO_SPACE_BIT = 1, 2, 4, 8
_P = np.uint64(0x100000001B3)  # odd: the polynomial stays injective enough modulo 2**64
# Characters per block: the per-character arrays (~40 bytes a character) stay near 80 MB.
BLOCK_CHARS = 2_000_000


@lru_cache(maxsize=2)
def _classes(size: int = 0x10000) -> np.ndarray:
    """One byte per code point below ``size``: word character, apostrophe-like, dot-like,
    no-space script. The Basic Multilingual Plane unless a text needs more (cheaper to build)."""
    table = np.zeros(size, dtype=np.uint8)
    # every code point but the surrogates, in order, so a regex finds the \w ranges in one pass
    points = np.r_[np.arange(0xD800), np.arange(0xE000, size)].astype(np.uint32)
    text = points.tobytes().decode("utf-32-le")
    for m in re.finditer(r"\w+", text):
        table[points[m.start() : m.end()]] |= _WORD
    for m in re.finditer(_NO_SPACE.pattern + "+", text):
        table[points[m.start() : m.end()]] |= _NO_SPACE_BIT
    for code, folded in _FOLD.items():  # quotes fold before tokenising: their ASCII form decides
        table[code] |= {"'": _APOSTROPHE, ".": _DOT}.get(folded, 0)
    table[ord("'")] |= _APOSTROPHE
    table[ord(".")] |= _DOT
    return table


_POWERS: list[np.ndarray] = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``P**k`` and ``P**-k`` modulo 2**64 for k < n, from tables that grow by doubling."""
    if len(_POWERS[0]) < n:
        size = 1 << max(16, (n - 1).bit_length())
        # cumprod wraps modulo 2**64, as wanted; an odd P has an inverse modulo 2**64
        for k, base in enumerate((int(_P), pow(int(_P), -1, 1 << 64))):
            table = np.full(size, base, dtype=np.uint64)
            table[0] = 1
            _POWERS[k] = np.cumprod(table, dtype=np.uint64)
    return _POWERS[0][:n], _POWERS[1][:n]


def _finalise(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit reaches every output bit (MinHash wants spread)."""
    x = x ^ (x >> np.uint64(30))
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _block(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    low = [t.lower() for t in texts]
    lengths = np.fromiter(map(len, low), dtype=np.int64, count=len(low)) + 1
    joined = "\n".join(low) + "\n"  # "\n" is no word character: no token crosses two texts
    ascii_only = joined.isascii()
    if ascii_only:
        cp = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    else:
        cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cls = _classes(0x10000 if ascii_only or int(cp.max()) < 0x10000 else 0x110000)[cp]
    word = (cls & _WORD) > 0
    joiner = np.zeros_like(word)
    joiner[1:-1] = ((cls[1:-1] & (_APOSTROPHE | _DOT)) > 0) & word[:-2] & word[2:]
    keep = word | joiner
    run_start = keep.copy()  # a run (one regex match) starts with a word character
    run_start[1:] &= ~keep[:-1]
    at = np.flatnonzero(keep & ~(joiner & ((cls & _DOT) > 0)))  # inner dots dropped, apostrophes kept
    if not len(at):
        return np.zeros(len(texts), dtype=np.int64), np.zeros(0, dtype=np.uint64)
    values = cp[at].astype(np.uint64)
    starts = run_start[at]
    if not ascii_only:
        values[(cls[at] & _APOSTROPHE) > 0] = ord("'")  # curly apostrophes fold to "'"
        no_space = keep & ((cls & _NO_SPACE_BIT) > 0)
        if no_space.any():  # a run holding a no-space script is one token per character
            run_id = np.cumsum(run_start) - 1
            split_runs = np.bincount(run_id[no_space], minlength=int(run_id[-1]) + 1) > 0
            starts |= split_runs[run_id[at]]
    first = np.flatnonzero(starts)
    power, inverse = _powers(len(at))
    # sum of v_k * P**k over each token, shifted to start at P**0: a function of the token alone
    sums = np.add.reduceat(values * power, first) * inverse[first]
    token_length = np.diff(np.r_[first, len(at)]).astype(np.uint64)
    hashes = _finalise(sums ^ (token_length * np.uint64(0x9E3779B97F4A7C15)))
    text_ends = np.cumsum(lengths)
    counts = np.bincount(np.searchsorted(text_ends, at[first], side="right"), minlength=len(texts))
    return counts[: len(texts)].astype(np.int64), hashes


def token_hashes(texts: Sequence[str], block_chars: int = BLOCK_CHARS) -> tuple[np.ndarray, np.ndarray]:
    """Per text its token count, and all texts' token hashes in order as one ``uint64`` array
    (worked out ``block_chars`` characters of text at a time)."""
    counts: list[np.ndarray] = []
    hashes: list[np.ndarray] = []
    start = 0
    while start < len(texts):
        end, size = start, 0
        while end < len(texts) and (end == start or size + len(texts[end]) <= block_chars):
            size += len(texts[end])
            end += 1
        c, h = _block(texts[start:end])
        counts.append(c)
        hashes.append(h)
        start = end
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    return np.concatenate(counts), np.concatenate(hashes)
