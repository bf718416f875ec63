"""Measure e5's offset for each language on parallel text, for the group stage to take out.

multilingual-e5 puts a text's language into its vector: a Hindi report lies nearer a Hindi report
of another topic than its own translation in French (MultiLing, read in docs/EVALUATION.md). For
each language this measures that offset as the mean e5 vector of translated strings less the mean
vector of their English originals, on the parallel UI strings of the gettext catalogues Debian
installs under /usr/share/locale (software messages; no news and no benchmark text), and stores it
as float16 in ``src/storytrace/embed_data/e5_language_offsets.npz`` (English: none, by definition).

    nice -n 19 python -m eval.e5_language_offsets [--pairs 300] [--min-pairs 100]
"""

from __future__ import annotations

import argparse
import gettext
import random
import re
from pathlib import Path

import numpy as np

from storytrace import embed

LOCALES = Path("/usr/share/locale")
OUT = Path(__file__).resolve().parents[1] / "src" / "storytrace" / "embed_data" / "e5_language_offsets.npz"
_WORDY = re.compile(r"[a-z]{3}")


def parallel_strings(code: str, n: int, seed: int = 0) -> list[tuple[str, str]]:
    """Up to ``n`` (English, translation) message pairs of language ``code``: 25-200 characters,
    words in them, no format placeholders, the translation not the English again."""
    found: dict[str, str] = {}
    for mo in sorted((LOCALES / code / "LC_MESSAGES").glob("*.mo")):
        try:
            with mo.open("rb") as f:
                catalog = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
        except (OSError, UnicodeError, ValueError, IndexError, KeyError):  # a broken or odd catalogue
            continue
        for en, tr in catalog.items():
            if (isinstance(en, str) and isinstance(tr, str) and 25 <= len(en) <= 200 and tr and tr != en
                    and _WORDY.search(en) and "%" not in en and "{" not in en):
                found[en] = tr
    keys = sorted(found)
    random.Random(seed).shuffle(keys)
    return [(k, found[k]) for k in keys[:n]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=300)
    ap.add_argument("--min-pairs", type=int, default=100)
    args = ap.parse_args()
    # language identification gives ISO 639-1 codes; Chinese is catalogued by region only
    codes = {p.name: p.name for p in LOCALES.iterdir() if len(p.name) == 2 and p.name != "en" and p.is_dir()}
    codes.setdefault("zh", "zh_CN")
    offsets: dict[str, np.ndarray] = {}
    for code, folder in sorted(codes.items()):
        pairs = parallel_strings(folder, args.pairs)
        if len(pairs) < args.min_pairs:
            continue
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
