"""AllSides (NeuS) clusters: ROUGE-1/2 of storytrace's extractive brief against the neutral summary.

Usage: .venv/bin/python -m eval.allsides_rouge [--split val] [--words 50] [--limit N]

Each cluster's three reports (headline and lead, outlets of different lean) form one story; the
stages text, align, provenance, facts and brief run on it and the "what happened" section, cut at
``--words`` words (50: about the neutral summaries' median length, 49), is scored with rouge-score
(Porter stemming) against the editor-written neutral summary (its text), recall and F1. A lead
baseline is measured in the same run: the first report's text cut at the same length. No
publication times are given, so the brief's reading order falls back to the input order. Reads
../shared/benchdata/allsides-neus at run time (never copied); nothing here is tuned on it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from storytrace.config import Config
from storytrace.model import Article, Result, Story
from storytrace.pipeline import run_pipeline
from storytrace.progress import track

DATA = (
    Path(__file__).resolve().parents[1].parent / "shared" / "benchdata" / "allsides-neus" / "clusters.jsonl"
)


def cluster_story(row: dict) -> Result:
    corpus = Result()
    for k, doc in enumerate(row["docs"]):
        corpus.articles.append(
            Article(
                id=f"{row['idx']}-{k}", title=doc["title"].strip(), text=doc["text"].strip(), language="en"
            )
        )
    corpus.stories = [Story(id=f"c{row['idx']}", articles=[a.id for a in corpus.articles])]
    return corpus


def cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="val")
    ap.add_argument("--words", type=int, default=50)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    if not DATA.is_file():
        sys.exit(f"allsides-neus not found at {DATA}; skipped")
    from rouge_score import rouge_scorer

    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["split"] == args.split][: args.limit or None]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    config = Config(stages={"brief": {"words": args.words}}, progress=False, quiet=True)
    sums = {name: [0.0] * 4 for name in ("brief", "lead")}
    for row in track(rows, "AllSides clusters"):
        corpus = run_pipeline(cluster_story(row), config, ["text", "align", "provenance", "facts", "brief"])
        brief = " ".join(b.text for b in corpus.stories[0].brief if b.section == "what happened")
        reference = row["neutral_summary"]["text"]
        for name, text in (
            ("brief", cut(brief, args.words)),
            ("lead", cut(row["docs"][0]["text"], args.words)),
        ):
            s = scorer.score(reference, text)
            for k, v in enumerate(
                (s["rouge1"].recall, s["rouge2"].recall, s["rouge1"].fmeasure, s["rouge2"].fmeasure)
            ):
                sums[name][k] += v
    n = max(len(rows), 1)
    print(f"{len(rows)} clusters ({args.split}), {args.words} words")
    print(f"{'system':28s} {'R-1 rec':>8s} {'R-2 rec':>8s} {'R-1 F':>8s} {'R-2 F':>8s}")
    for name, label in (("brief", "storytrace extractive brief"), ("lead", "first report's lead")):
        print(f"{label:28s} " + " ".join(f"{v / n:8.3f}" for v in sums[name]))


if __name__ == "__main__":
    main()
