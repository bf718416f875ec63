"""The five seed articles mixed into real news (reuters21578 + bbc2225): one story, nothing else in it?

Usage: .venv/bin/python -m eval.seeds_mixed [--near 300] [--random 1000] [--all] [--backend e5]

The seeds (one event, five reports) go through clean, text and group together with other news.
Embedding all ~21,000 Reuters and BBC articles with e5 takes hours on the 2-core machine, so by
default the mix is the ``--near`` articles most similar to any seed by TF-IDF cosine (the hard
negatives: the only ones that could plausibly join) plus ``--random`` others drawn with a fixed
seed; ``--all`` mixes in everything. Prints whether the seeds form exactly one story, what else
joins it, and the largest stories. Reads ../shared at run time (never copied).
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
from pathlib import Path

from storytrace.config import Config
from storytrace.ingest.readers import normalise_unicode
from storytrace.model import Article
from storytrace.pipeline import collect, ingest, run_pipeline

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"
REUTERS = SHARED / "benchdata" / "reuters21578"
BBC = SHARED / "benchdata" / "bbc2225"

_DOC = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_MONTHS = {m: k for k, m in enumerate(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}


def _tag(doc: str, name: str) -> str:
    m = re.search(rf"<{name}>(.*?)</{name}>", doc, re.S)
    return html.unescape(m.group(1)).strip() if m else ""


def _article(art_id: str, title: str | None, body: str, when: str | None = None) -> Article:
    """An article as the readers make it: the page text in ``_raw``, for the clean stage and exact dedup."""
    art = Article(id=art_id, title=title or None, published_at=when, input=art_id)
    art._raw = normalise_unicode(body)
    return art


def reuters() -> list[Article]:
    """Reuters documents that have a body; the date (26-FEB-1987 15:01:01.79) as ISO 8601."""
    out = []
    for f in sorted(REUTERS.glob("reut2-*.sgm")):
        for newid, doc in _DOC.findall(f.read_text(encoding="latin-1")):
            body = _tag(doc, "BODY")
            if not body:
                continue
            body = re.sub(r"\s*Reuter\s*\x03?\s*$", "", body.replace("\x03", "")).strip()
            d = re.match(r"\s*(\d+)-(\w{3})-(\d{4}) (\d\d:\d\d:\d\d)", _tag(doc, "DATE"))
            when = f"{d.group(3)}-{_MONTHS[d.group(2).upper()]:02d}-{int(d.group(1)):02d}T{d.group(4)}" if d else None
            out.append(_article(f"reuters-{newid}", _tag(doc, "TITLE"), body, when))
    return out


def bbc() -> list[Article]:
    out = []
    for f in sorted(BBC.glob("*/*.txt")):
        lines = f.read_bytes().decode("utf-8", errors="replace").strip().splitlines()
        out.append(_article(f"bbc-{f.parent.name}-{f.stem}", lines[0].strip(), "\n".join(lines[1:]).strip()))
    return out


def nearest_to(seeds: list[Article], pool: list[Article], k: int) -> list[int]:
    """Indices of the ``k`` pool articles with the highest TF-IDF cosine to any seed."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2)
    m = vec.fit_transform([f"{a.title or ''}\n{a._raw}" for a in pool + seeds])  # text before cleaning
    sims = (m[: len(pool)] @ m[len(pool):].T).toarray().max(axis=1)
    return [int(i) for i in np.argsort(-sims)[:k]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--near", type=int, default=300, help="hard negatives: most TF-IDF-similar to a seed")
    ap.add_argument("--random", type=int, default=500, help="other articles drawn at random (seed 0)")
    ap.add_argument("--all", action="store_true", help="mix in every Reuters and BBC article")
    ap.add_argument("--backend", default="e5")
    ap.add_argument("--no-cache", action="store_true", help="embed again instead of reusing cached lead vectors")
    args = ap.parse_args()
    if not args.no_cache:  # lead vectors are kept under ~/.cache/storytrace (e5 runs a few texts/s here)
        from eval.ecbplus import cache_embeddings

        cache_embeddings()
    for p in (SEEDS, REUTERS, BBC):
        if not p.exists():
            sys.exit(f"not found: {p}")
    config = Config(embeddings=args.backend)
    seeds = ingest([SEEDS], config).articles
    seed_ids = {a.id for a in seeds}
    pool = reuters() + bbc()
    if args.all:
        chosen = list(range(len(pool)))
        how = f"all {len(pool)}"
    else:
        near = nearest_to(seeds, pool, args.near)
        rest = sorted(set(range(len(pool))) - set(near))
        chosen = sorted(set(near) | set(random.Random(0).sample(rest, min(args.random, len(rest)))))
        how = f"{len(near)} nearest by TF-IDF + {len(chosen) - len(near)} random of {len(pool)}"
    print(f"seeds: {len(seeds)}; other articles: {how} (reuters21578 + bbc2225)")
    corpus = collect(seeds + [pool[i] for i in chosen])
    corpus = run_pipeline(corpus, config, ["clean", "text", "group"])
    story_of = {a: s for s in corpus.stories for a in s.articles}
    for g in corpus.duplicates:  # exact duplicates collapsed at the door share their representative's story
        for m in g.members:
            story_of.setdefault(m, story_of.get(g.representative))
    seed_stories = {story_of[a].id: story_of[a] for a in seed_ids if story_of.get(a) is not None}
    titles = {a.id: a.title or a.text[:60] for a in corpus.articles}
    print(f"articles after exact dedup: {len(corpus.articles)}; stories: {len(corpus.stories)}; seeds fall in {len(seed_stories)} of them")
    intruders = 0
    for s in seed_stories.values():
        others = [a for a in s.articles if a not in seed_ids]
        intruders += len(others)
        print(f"  story {s.id}: {len(s.articles)} articles, seeds {sorted(a for a in s.articles if a in seed_ids)}")
        for a in others:
            print(f"    joined: {a}  {titles.get(a, '')[:80]!r}")
    ok = len(seed_stories) == 1 and intruders == 0
    print(f"seeds form exactly one story with nothing else in it: {'YES' if ok else 'NO'}")
    print("largest stories: " + ", ".join(f"{len(s.articles)} ({s.label[:40]!r})" for s in corpus.stories[:5]))


if __name__ == "__main__":
    main()
