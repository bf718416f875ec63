"""One store of embedding vectors per run, so that each text is encoded once.

Several stages embed the same texts (the grouping stage's leads, the aligner's sentences where
languages mix, the quote groups, the brief's two selections); a model backend takes tens of
milliseconds a sentence on a 2-core machine. :func:`embed.encode` asks this store first.

Guarantee: inside ``with run_cache():`` (the pipeline opens one per run; nested scopes share the
outer one), ``embed.encode(texts, backend)`` returns for each text the very row that the resolved
backend computed the first time that text — after ``encode``'s own normalisation (an empty text
is ``" "``), compared exactly, keyed by a 16-byte digest of the text and the resolved backend
name — was encoded in this scope; a text seen for the first time is encoded in one batch with the
call's other new texts (each distinct text once, also within a call). Only the model backends
(``CACHED``) are stored: the static and hashed ones recompute faster than a lookup pays. The store
holds at most ``MAX_BYTES`` of vectors; past that, new vectors are returned but not kept. Outside
a scope nothing is kept. Forked workers inherit a copy; what they add stays in the worker.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np

CACHED = frozenset({"e5", "minilm"})
MAX_BYTES = 768 * 2**20  # ~500,000 e5 vectors


class EmbeddingCache:
    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.rows: dict[bytes, np.ndarray] = {}
        self.max_bytes = max_bytes
        self.bytes = 0
        self.hits = self.misses = 0

    @staticmethod
    def key(text: str, backend: str) -> bytes:
        return hashlib.blake2b(
            text.encode("utf-8", "surrogatepass"), digest_size=16, person=backend[:16].encode()
        ).digest()

    def encode(
        self, texts: Sequence[str], backend: str, compute: Callable[[list[str], str], np.ndarray]
    ) -> np.ndarray:
        """Rows for ``texts``: stored ones looked up, the others computed by ``compute`` (once each)."""
        keys = [self.key(t, backend) for t in texts]
        new: dict[bytes, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in self.rows and k not in new:
                new[k] = t
        fresh: dict[bytes, np.ndarray] = {}
        if new:
            vecs = compute(list(new.values()), backend)
            fresh = dict(zip(new, vecs, strict=True))
            for k, v in fresh.items():
                if self.bytes + v.nbytes > self.max_bytes:
                    break
                self.rows[k] = v
                self.bytes += v.nbytes
        self.misses += len(new)
        self.hits += len(keys) - len(new)
        return np.stack([fresh[k] if k in fresh else self.rows[k] for k in keys])


_active: EmbeddingCache | None = None


@contextmanager
def run_cache() -> Iterator[EmbeddingCache]:
    """The run's cache: a new one, or the enclosing scope's (so a nested pipeline shares it)."""
    global _active
    if _active is not None:
        yield _active
        return
    _active = EmbeddingCache()
    try:
        yield _active
    finally:
        _active = None


def encode(texts: Sequence[str], backend: str, compute: Callable[[list[str], str], np.ndarray]) -> np.ndarray:
    """``compute(texts, backend)`` through the active cache (directly when none is open or the
    backend is not a stored one)."""
    if _active is None or backend not in CACHED:
        return compute(list(texts), backend)
    return _active.encode(texts, backend, compute)
