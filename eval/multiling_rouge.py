"""MultiLing 2011 English: ROUGE-1/2 recall of storytrace's extractive brief (250 words).

Run: .venv/bin/python -m eval.multiling_rouge [--words 250] [--embeddings auto|static|none]
Each topic's 10 English articles form one story; the pipeline stages text, align, provenance,
facts and brief run on it and the "what happened" section, cut at 250 words, is scored with
rouge-score (Porter stemming) against every model summary of the topic (recall, averaged).
Published (official ROUGE): centroid baseline 0.381 / 0.110, CLASSY 0.465 / 0.171, JRC 0.432 / 0.173.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storytrace.config import Config
from storytrace.model import Article, Result, Story
from storytrace.pipeline import run_pipeline
from storytrace.progress import track

ROOT = Path(__file__).resolve().parents[1]

DATA = ROOT.parent / "shared" / "benchdata" / "multiling2011"


def topic_story(topic: int) -> Result:
    corpus = Result()
    for b in range(10):
        path = DATA / "SourceTexts" / f"M00{topic}{b}.english"
        lines = path.read_text(encoding="utf-8").splitlines()
        date, _, title = lines[0].partition(" ")
        corpus.articles.append(Article(id=path.name, title=title.strip(), text="\n".join(lines[1:]).strip(),
                                       published_at=date.replace("/", "-"), language="en"))
    corpus.stories = [Story(id=f"t{topic}", articles=[a.id for a in corpus.articles])]
    return corpus


def brief_text(corpus: Result, words: int) -> str:
    sents = [b.text for b in corpus.stories[0].brief if b.section == "what happened"]
    return " ".join(" ".join(sents).split()[:words])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--embeddings", default="auto")
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit(f"MultiLing 2011 not found at {DATA}")
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    config = Config(stages={"brief": {"words": args.words}}, embeddings=args.embeddings, progress=False, quiet=True)
    r1, r2 = [], []
    for topic in track(range(10), "MultiLing topics"):
        corpus = run_pipeline(topic_story(topic), config, ["text", "align", "provenance", "facts", "brief"])
        summary = brief_text(corpus, args.words)
        models = sorted((DATA / "Model Summaries" / "English").glob(f"M00{topic}.*"))
        scores = [scorer.score(m.read_text(encoding="utf-8"), summary) for m in models]
        r1.append(sum(s["rouge1"].recall for s in scores) / len(scores))
        r2.append(sum(s["rouge2"].recall for s in scores) / len(scores))
        print(f"topic {topic}: R-1 {r1[-1]:.3f}  R-2 {r2[-1]:.3f}  ({len(summary.split())} words)")
    print(f"{'system':32s} {'R-1':>6s} {'R-2':>6s}")
    print(f"{'storytrace extractive brief':32s} {sum(r1) / len(r1):6.3f} {sum(r2) / len(r2):6.3f}")
    for name, a, b in (("centroid baseline (ID9)", 0.381, 0.110), ("CLASSY (ID2)", 0.465, 0.171),
                       ("JRC (ID3)", 0.432, 0.173)):
        print(f"{name:32s} {a:6.3f} {b:6.3f}")


if __name__ == "__main__":
    main()
