"""Streaming: add 1,000 articles to a saved 100,000-article story index.

Usage: .venv/bin/python bench/bench_stream.py [--base 100000] [--add 1000] [--backend auto]

Articles come from the generator; each gets its lead vector (``--backend``) and anchors as the
group stage makes them. The index is built once from the base articles and saved; then the timed
step does what ``storytrace analyze NEW --state DIR`` does in the group stage: load the index,
place the new articles, save it. Embedding the new leads is timed apart and added (an online index
uses the static model unless told otherwise: see ``group.stage.choose_backend``). The peer is
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
    from storytrace.group.stage import choose_backend
    from storytrace.group.stories import StoryParams, anchors
    from storytrace.group.story_index import StoryIndex
    from storytrace.testing.generator import GeneratorConfig, generate

    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=int, default=100_000)
    ap.add_argument("--add", type=int, default=1_000)
    ap.add_argument("--backend", default="auto", help="auto = what an online index uses by default")
    args = ap.parse_args()
    args.backend = choose_backend(args.backend, 0, online=True)
    params = StoryParams.for_backend(args.backend)
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
        index = StoryIndex(params=params, backend=args.backend)
        for start in range(0, args.base, 5_000):  # a stream of batches
            part = slice(start, min(start + 5_000, args.base))
            index.add(ids[part], vectors[part], anchor_sets[part])
        index.save(d)
        build = time.perf_counter() - t0
        print(f"index of {args.base:,} articles ({len(index.ids):,} stories) built in batches of 5,000 "
              f"and saved in {build:.1f} s")

        t0 = time.perf_counter()
        index = StoryIndex.load(d, params)
        t_load = time.perf_counter() - t0
        index.add(ids[new], vectors[new], anchor_sets[new])
        t_add = time.perf_counter() - t0 - t_load
        index.save(d)
        t_all = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in Path(d).iterdir())
    print(f"add {args.add:,} to {args.base:,}: load {t_load:.2f} s + add {t_add:.2f} s + save "
          f"{t_all - t_load - t_add:.2f} s = {t_all:.2f} s (index on disk {size / 1e6:.1f} MB)")

    t0 = time.perf_counter()
    embed.encode(leads[new], args.backend)
    t_embed = time.perf_counter() - t0
    print(f"embedding the {args.add:,} new leads ({args.backend}): {t_embed:.2f} s")

    t0 = time.perf_counter()
    peer = StoryIndex(params=params)
    for start in range(0, total, 5_000):
        part = slice(start, min(start + 5_000, total))
        peer.add(ids[part], vectors[part], anchor_sets[part])
    t_peer = time.perf_counter() - t0
    print(f"peer: re-cluster all {total:,} from scratch {t_peer:.1f} s; ratio peer/incremental "
          f"{t_peer / t_all:.0f}x")
    print(f"add {args.add:,} with their embedding: {t_all + t_embed:.2f} s; acceptance <= 5 s: "
          f"{'met' if t_all + t_embed <= 5 else 'missed'}")


if __name__ == "__main__":
    main()
