"""Benchmark: a 200-article story fully aligned (all 19,900 pairs), goal <= 60 s on 2 cores.

Run: .venv/bin/python bench/bench_align.py [--articles 200]
Prints wall time, pairs/s, the share of time per step (embedding, lexical passages, sentence
matching) and the ratio against a peer measured in the same run: difflib's SequenceMatcher
matching blocks over the same pairs (sampled, extrapolated).
"""

from __future__ import annotations

import argparse
import difflib
import tempfile
import time
from pathlib import Path

from storytrace.config import Config
from storytrace.model import Story
from storytrace.pipeline import ingest, run_pipeline
from storytrace.testing.generator import GeneratorConfig, write_corpus


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--backend", default="auto", help="embedding backend (auto = e5)")
    args = ap.parse_args()
    import storytrace.align.story as story_mod
    from storytrace.align import lexical
    from storytrace.align.story import align_story

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.jsonl"
        write_corpus(path, GeneratorConfig(stories=args.articles // 5 + 1, seed=3))
        config = Config(quiet=True, embeddings=args.backend)
        corpus = run_pipeline(ingest([path], config), config, ["clean", "text"])
    arts = corpus.articles[: args.articles]
    story = Story(id="bench", articles=[a.id for a in arts])
    n_pairs = len(arts) * (len(arts) - 1) // 2

    spent = {"lexical": 0.0, "embedding": 0.0}
    orig_lex, orig_encode = story_mod.align_texts, None

    def timed_lex(*a, **k):
        t = time.perf_counter()
        r = orig_lex(*a, **k)
        spent["lexical"] += time.perf_counter() - t
        return r

    from storytrace import embed
    orig_encode = embed.encode

    def timed_encode(*a, **k):
        t = time.perf_counter()
        r = orig_encode(*a, **k)
        spent["embedding"] += time.perf_counter() - t
        return r

    embed.encode(["warm up the model"], args.backend)  # model load is not alignment time
    story_mod.align_texts, embed.encode = timed_lex, timed_encode
    t0 = time.perf_counter()
    align_story(story, {a.id: a for a in arts}, config)
    total = time.perf_counter() - t0
    story_mod.align_texts, embed.encode = orig_lex, orig_encode
    rest = total - spent["lexical"] - spent["embedding"]
    n_sent = sum(len(a.sentences) for a in arts)
    print(f"{len(arts)} articles ({n_sent} sentences), {n_pairs} pairs, embeddings {embed.resolve(args.backend)}: "
          f"{total:.1f} s ({n_pairs / total:.0f} pairs/s); goal <= 60 s")
    print(f"share of time: embedding {spent['embedding'] / total:.0%}, lexical passages {spent['lexical'] / total:.0%}, "
          f"sentence matching + coverage {rest / total:.0%}")

    sample = [(arts[i], arts[j]) for i in range(0, len(arts), 7) for j in range(i + 1, len(arts), 13)][:300]
    t = time.perf_counter()
    for a, b in sample:
        difflib.SequenceMatcher(None, a.text, b.text, autojunk=False).get_matching_blocks()
    peer = (time.perf_counter() - t) / len(sample)
    t = time.perf_counter()
    for a, b in sample:
        lexical.align_texts(a.text, b.text)
    ours = (time.perf_counter() - t) / len(sample)
    print(f"per pair: lexical passages {ours * 1e3:.2f} ms vs difflib SequenceMatcher {peer * 1e3:.2f} ms "
          f"(ratio {peer / max(ours, 1e-9):.1f}x faster)")


if __name__ == "__main__":
    main()
