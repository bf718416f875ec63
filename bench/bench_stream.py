"""Streaming: add 1,000 articles to a saved 100,000-article story index.

Usage: .venv/bin/python bench/bench_stream.py [--base 100000] [--add 1000] [--backend static]

Articles come from the generator; each gets its lead vector (``--backend``) and anchors as the
group stage makes them. The index is built once from the base articles and saved; then the timed
step does what ``storytrace analyze NEW --state DIR`` does in the group stage: load the index,
place the new articles, save it. Embedding the new leads is timed apart, for the static backend
and for the default (e5) one, since that cost depends only on the 1,000 new articles. The peer is
re-clustering base + new from scratch with the same index (what a batch-only tool must do).
Acceptance (issue 3): adding 1,000 to 100,000 takes <= 5 s.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from pathlib import Path


def main() -> None:
    from storytrace import embed
    from storytrace.group.stories import anchors
    from storytrace.group.story_index import StoryIndex
    from storytrace.testing.generator import GeneratorConfig, generate

    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=int, default=100_000)
    ap.add_argument("--add", type=int, default=1_000)
    ap.add_argument("--backend", default="static")
    args = ap.parse_args()
    total = args.base + args.add
    records, _ = generate(GeneratorConfig(stories=total // 8 + 1, per_story=8, seed=21))
    rows = [(r["id"], r["title"], r["text"]) for r in itertools.islice(records, total)]
    leads = [f"{title}\n{text[:600]}" for _, title, text in rows]
    t0 = time.perf_counter()
    vectors = embed.encode(leads, args.backend)
    print(f"{total:,} leads embedded ({embed.resolve(args.backend)}) in {time.perf_counter() - t0:.1f} s")
    anchor_sets = [anchors(title, text) for _, title, text in rows]
    ids = [r[0] for r in rows]
    new = slice(args.base, total)

    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        index = StoryIndex()
        for start in range(0, args.base, 5_000):  # a stream of batches
            part = slice(start, min(start + 5_000, args.base))
            index.add(ids[part], vectors[part], anchor_sets[part])
        index.save(d)
        build = time.perf_counter() - t0
        print(f"index of {args.base:,} articles ({len(index.ids):,} stories) built in batches of 5,000 "
              f"and saved in {build:.1f} s")

        t0 = time.perf_counter()
        index = StoryIndex.load(d)
        t_load = time.perf_counter() - t0
        index.add(ids[new], vectors[new], anchor_sets[new])
        t_add = time.perf_counter() - t0 - t_load
        index.save(d)
        t_all = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in Path(d).iterdir())
    print(f"add {args.add:,} to {args.base:,}: load {t_load:.2f} s + add {t_add:.2f} s + save "
          f"{t_all - t_load - t_add:.2f} s = {t_all:.2f} s (index on disk {size / 1e6:.1f} MB)")

    t0 = time.perf_counter()
    embed.encode(leads[new], "auto")
    t_embed = time.perf_counter() - t0
    print(f"embedding the {args.add:,} new leads with the default backend ({embed.resolve('auto')}): {t_embed:.1f} s")

    t0 = time.perf_counter()
    peer = StoryIndex()
    for start in range(0, total, 5_000):
        part = slice(start, min(start + 5_000, total))
        peer.add(ids[part], vectors[part], anchor_sets[part])
    t_peer = time.perf_counter() - t0
    print(f"peer: re-cluster all {total:,} from scratch {t_peer:.1f} s; ratio peer/incremental "
          f"{t_peer / t_all:.0f}x")
    print(f"acceptance <= 5 s for the index step: {'met' if t_all <= 5 else 'missed'}; "
          f"with default-backend embedding {t_all + t_embed:.1f} s")


if __name__ == "__main__":
    main()
