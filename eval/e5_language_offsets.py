"""Measure e5's offset for each language on parallel text, for the group stage to take out.

multilingual-e5 puts a text's language into its vector: a Hindi report lies nearer a Hindi report
of another topic than its own translation in French (MultiLing, read in docs/EVALUATION.md). For
each language this measures that offset as the mean e5 vector of translated strings less the mean
vector of their English originals, on the parallel UI strings of the gettext catalogues Debian
installs under /usr/share/locale (software messages; no news and no benchmark text), and stores it
as float16 in ``src/storytrace/embed_data/e5_language_offsets.npz`` (English: none, by definition).

    nice -n 19 python -m eval.e5_language_offsets [--pairs 300] [--min-pairs 300]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import numpy as np

from eval.distill_static import parallel_strings
from storytrace import embed

OUT = Path(__file__).resolve().parents[1] / "src" / "storytrace" / "embed_data" / "e5_language_offsets.npz"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=300, help="parallel strings measured per language")
    ap.add_argument("--min-pairs", type=int, default=300, help="languages with fewer are left out")
    args = ap.parse_args()
    offsets: dict[str, np.ndarray] = {}
    # the pairs distill_static aligns e5-static on (language codes without region: zh_CN -> zh)
    for code, pairs in sorted(parallel_strings(min_pairs=args.min_pairs).items()):
        pairs = random.Random(0).sample(pairs, min(args.pairs, len(pairs)))
        en = embed.encode([e for e, _ in pairs], "e5")
        tr = embed.encode([t for _, t in pairs], "e5")
        offset = tr.mean(axis=0) - en.mean(axis=0)
        shifted = tr - offset
        shifted /= np.linalg.norm(shifted, axis=1, keepdims=True)
        offsets[code] = offset.astype(np.float16)
        print(f"{code}: {len(pairs)} pairs, |offset| {np.linalg.norm(offset):.3f}, translation cosine "
              f"{float((en * tr).sum(1).mean()):.3f} -> {float((en * shifted).sum(1).mean()):.3f}", flush=True)
    np.savez_compressed(OUT, **offsets)
    print(f"{len(offsets)} languages -> {OUT}")


if __name__ == "__main__":
    main()
