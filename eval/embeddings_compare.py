"""Speed and quality of the embedding backends side by side (e5, the English static model, e5-static).

Usage: .venv/bin/python -m eval.embeddings_compare [--backends e5 static e5-static]
           [--variant D=path.npz ...] [--leads 2000] [--sentences 1000]

- speed: texts/s on ``--leads`` real leads (BBC 2004-05, headline + 600 characters, as the group
  stage embeds them), each backend loaded first, all in the same run;
- cross-language retrieval (MultiLing 2011): for every non-English article, is its English
  parallel article the nearest of the 100 English ones? (lead vectors; accuracy per language);
- agreement with e5 on ``--sentences`` sentences (MultiLing, 7 languages; and BBC, English):
  Spearman of all pair similarities, and the mean cosine of matching rows of the two similarity
  matrices.

``--variant D=path`` adds e5-static models read from other files (e.g. the 64/128/256-d builds
of eval/distill_static.py). Nothing here is tuned: the models are built without looking at any
of this data. e5's vectors are cached under ~/.cache/storytrace (they take minutes); the others
are recomputed. Reads ../shared/benchdata at run time (never copied).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

from eval.ecbplus import cached_encode
from eval.multiling_stories import load as load_multiling
from storytrace import embed
from storytrace.group.stage import _lead_of

BENCH = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata"
BBC = BENCH / "bbc2225"
_SENT = re.compile(r"(?<=[.!?।])\s+|\n+")


def bbc_articles() -> list[tuple[str, str]]:
    out = []
    for f in sorted(BBC.glob("*/*.txt")):
        title, _, text = f.read_text(encoding="utf-8", errors="replace").strip().partition("\n")
        out.append((title.strip(), text.strip()))
    return out


def sentences(texts: list[str], n: int, seed: int = 0) -> list[str]:
    """``n`` distinct sentences of 40-300 characters drawn evenly from ``texts``' sentences."""
    pool = sorted({s.strip() for t in texts for s in _SENT.split(t) if 40 <= len(s.strip()) <= 300})
    return random.Random(seed).sample(pool, min(n, len(pool)))


class Model:
    """A backend, or e5-static read from another file."""

    def __init__(self, name: str, backend: str, path: Path | None = None) -> None:
        self.name, self.backend, self.path = name, backend, path

    def encode(self, texts: list[str]) -> np.ndarray:
        if self.backend == "e5":
            return cached_encode(texts, "e5")
        if self.path is not None:
            embed._e5_static.cache_clear()
            saved, embed.E5_STATIC_FILE = embed.E5_STATIC_FILE, self.path
            try:
                return embed.encode(texts, "e5-static")
            finally:
                embed.E5_STATIC_FILE = saved
                embed._e5_static.cache_clear()
        return embed.encode(texts, self.backend)

    def speed(self, texts: list[str]) -> float:
        """texts/s, the model loaded first, nothing cached."""
        if self.path is not None:
            embed._e5_static.cache_clear()
            embed.E5_STATIC_FILE, saved = self.path, embed.E5_STATIC_FILE
        try:
            embed.encode([" "], self.backend)
            t0 = time.perf_counter()
            embed.encode(texts, self.backend)
            return len(texts) / (time.perf_counter() - t0)
        finally:
            if self.path is not None:
                embed.E5_STATIC_FILE = saved
                embed._e5_static.cache_clear()


def agreement(ref: np.ndarray, other: np.ndarray) -> tuple[float, float]:
    """Spearman of pair similarities; mean cosine of matching similarity-matrix rows (diagonal out)."""
    a, b = ref @ ref.T, other @ other.T
    iu = np.triu_indices(len(a), 1)
    rho = float(spearmanr(a[iu], b[iu]).statistic)
    np.fill_diagonal(a, 0.0)
    np.fill_diagonal(b, 0.0)
    rows = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    return rho, float(rows.mean())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backends", nargs="+", default=["e5", "static", "e5-static"])
    ap.add_argument("--variant", nargs="*", default=[], help="D=path: an e5-static model from another file")
    ap.add_argument("--leads", type=int, default=2000)
    ap.add_argument("--sentences", type=int, default=1000)
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    for p in (BBC, BENCH / "multiling2011"):
        if not p.exists():
            sys.exit(f"benchmark data not found: {p}")
    models = [Model(b, b) for b in args.backends if embed.resolve(b) == b]
    for v in args.variant:
        dim, _, path = v.partition("=")
        models.append(Model(f"e5-static D={dim}", "e5-static", Path(path)))
    if "e5" not in [m.name for m in models]:
        models.insert(0, Model("e5", "e5"))
    bbc = bbc_articles()
    if embed.E5_STATIC_FILE.exists():
        print(f"shipped e5-static file: {embed.E5_STATIC_FILE.stat().st_size / 1e6:.1f} MB")
    for m in models:
        if m.path is not None:
            print(f"{m.name}: {m.path.stat().st_size / 1e6:.1f} MB")

    if not args.no_speed:
        leads = [_lead_of(t, x) for t, x in bbc[: args.leads]]
        print(f"\nspeed on {len(leads)} BBC leads (headline + 600 characters), same run:")
        for m in models:
            print(f"  {m.name:18s} {m.speed(leads):9.1f} texts/s")

    docs = load_multiling()
    leads = [_lead_of(a.title, a.text) for a, _, _ in docs]
    key = [a.id[:5] for a, _, _ in docs]  # M00AB: the same article in every language
    langs = [lang for _, _, lang in docs]
    english = [i for i, lang in enumerate(langs) if lang == "english"]
    others = sorted({lang for lang in langs if lang != "english"})
    print(
        "\ncross-language retrieval, MultiLing 2011 leads: the nearest of the 100 English articles is the "
        "parallel one (accuracy; last column: is of the same topic, i.e. story)"
    )
    print(f"  {'':18s} " + " ".join(f"{lang[:7]:>7s}" for lang in others) + "     all   topic")
    for m in models:
        v = m.encode(leads)
        sims = v @ v[english].T
        nearest = {i: english[int(np.argmax(sims[i]))] for i in range(len(docs)) if langs[i] != "english"}
        hit = {i: key[j] == key[i] for i, j in nearest.items()}
        topic = np.mean([key[j][3] == key[i][3] for i, j in nearest.items()])
        per = [np.mean([hit[i] for i in hit if langs[i] == lang]) for lang in others]
        print(
            f"  {m.name:18s} "
            + " ".join(f"{x:7.3f}" for x in per)
            + f" {np.mean(list(hit.values())):7.3f} {topic:7.3f}"
        )

    sets = {
        "MultiLing (7 languages)": sentences([a.text for a, _, _ in docs], args.sentences),
        "BBC (English)": sentences([x for _, x in bbc], args.sentences),
    }
    for name, sents in sets.items():
        print(
            f"\nagreement with e5 on {len(sents)} {name} sentences: Spearman of pair similarities | "
            "mean cosine of similarity-matrix rows"
        )
        ref = models[0].encode(sents)
        for m in models[1:]:
            rho, rows = agreement(ref, m.encode(sents))
            print(f"  {m.name:18s} {rho:.3f} | {rows:.3f}")


if __name__ == "__main__":
    main()
