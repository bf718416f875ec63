"""Clough & Stevenson short-answer reuse levels (cut/light/heavy/non) from our provenance edges.

Run: .venv/bin/python -m eval.clough_stevenson [--embeddings auto|e5|static|minilm|hash]
Thresholds were tuned on tasks a-c; tasks d-e are held out (both parts are printed, and all).
Each answer and its task's Wikipedia source form a two-article story; the real text, align and
provenance stages run. Reused = any derivation edge (duplicate/copy/condensed/paraphrase);
4 levels: copy/duplicate -> cut, condensed -> light, paraphrase -> heavy, none -> non.
Published: ~95 % reused-vs-not, ~80 % on the 4 levels (Clough & Stevenson 2011).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from storytrace.config import Config
from storytrace.model import Article, Corpus, Story
from storytrace.pipeline import run_pipeline

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata" / "clough_stevenson_shortanswer"
DERIVED = {"duplicate", "copy", "condensed", "paraphrase", "translation"}
LEVEL = {"duplicate": "cut", "copy": "cut", "condensed": "light", "paraphrase": "heavy"}


def relate_pairs(pairs: list[tuple[Article, Article]], config: Config) -> list[Story]:
    """Run text, align and provenance on each (source, other) pair as its own story.

    A source text sits in many two-article stories: its sentences are embedded once for all of
    them (all distinct sentences in one batch), not once per story."""
    from storytrace import embed

    arts = {a.id: a for pair in pairs for a in pair}
    corpus = Corpus(articles=list(arts.values()))
    corpus = run_pipeline(corpus, config, ["text"])
    corpus.stories = [Story(id=f"s{k}", articles=[s.id, o.id]) for k, (s, o) in enumerate(pairs)]
    distinct = sorted({s.text for a in corpus.articles for s in a.sentences})
    encode = embed.encode
    memos: dict[str, dict[str, np.ndarray]] = {}  # per backend: the aligner asks for the story's own

    def cached(texts, backend="auto", **kw):
        if backend not in memos:
            memos[backend] = (
                dict(zip(distinct, encode(distinct, backend, **kw), strict=True)) if distinct else {}
            )
        memo = memos[backend]
        return (
            np.vstack([memo[t] for t in texts])
            if all(t in memo for t in texts)
            else encode(texts, backend, **kw)
        )

    embed.encode = cached
    try:
        return run_pipeline(corpus, config, ["align", "provenance"]).stories
    finally:
        embed.encode = encode


def evaluate(embeddings: str = "auto") -> dict[str, float]:
    """Score all 95 answers; prints the accuracies and the confusion, returns reused-vs-not accuracy
    (all, and the held-out tasks d-e) and 4-level accuracy (``eval/gate.py`` reads them)."""
    rows = list(csv.DictReader((DATA / "file_information.csv").read_text(encoding="utf-8").splitlines()))
    rows = [r for r in rows if r["Category"].strip() != "orig"]
    src = {
        t: Article(
            id=f"orig_{t}",
            text=(DATA / f"orig_task{t}.txt").read_text(encoding="utf-8", errors="replace"),
            language="en",
        )
        for t in "abcde"
    }
    pairs = [
        (
            src[r["Task"].strip()],
            Article(
                id=r["File"].strip(),
                language="en",
                text=(DATA / r["File"].strip()).read_text(encoding="utf-8", errors="replace"),
            ),
        )
        for r in rows
    ]
    stories = relate_pairs(pairs, Config(quiet=True, embeddings=embeddings))
    ok2 = ok4 = 0
    part_ok: Counter = Counter()
    part_n: Counter = Counter()
    confusion: Counter = Counter()
    for r, story in zip(rows, stories, strict=True):
        gold = r["Category"].strip()
        kinds = [e.kind for e in story.edges if e.kind in DERIVED]
        pred = LEVEL.get(kinds[0], "heavy") if kinds else "non"
        ok2 += (gold != "non") == (pred != "non")
        part = "a-c (tuning)" if r["Task"].strip() in "abc" else "d-e (held out)"
        part_ok[part] += (gold != "non") == (pred != "non")
        part_n[part] += 1
        ok4 += gold == pred
        confusion[(gold, pred)] += 1
    n = len(rows)
    print(
        f"answers={n}  reused-vs-not accuracy {ok2 / n:.3f} (published ~0.95)  4-level accuracy {ok4 / n:.3f} "
        f"(published ~0.80)"
    )
    print(
        "reused-vs-not by task: "
        + ", ".join(f"{p} {part_ok[p] / part_n[p]:.3f} ({part_ok[p]}/{part_n[p]})" for p in sorted(part_n))
    )
    print("confusion gold->pred:", dict(sorted(confusion.items())))
    held = "d-e (held out)"
    return {"reused_vs_not": ok2 / n, "held_out": part_ok[held] / part_n[held], "four_level": ok4 / n}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--embeddings", default="auto", help="auto = the shipped choice (static vectors for English)"
    )
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"missing {DATA}")
    evaluate(args.embeddings)


if __name__ == "__main__":
    main()
