"""Precision and recall of boilerplate removal, per line.

A labelled line counts as *removed* when it is no longer a line of the cleaned ``text`` (compared in
normal form; a long body line also counts as kept when it survives inside a longer paragraph).
Positives are furniture lines: precision = furniture removed / all labelled lines removed,
recall = furniture removed / all furniture.

Three sets:
  (a) a generated corpus (``storytrace.testing.generator``) with the truth's junk_lines/body_lines;
  (b) the HTML pages in tests/data/html (labels.json, written by hand);
  (c) the seed articles in ../shared/corpus/seeds, labelled by hand in tests/test_clean_seeds.py;
  (d) real clean news: the 2,225 BBC articles of ../shared/benchdata/bbc2225 (headline line, then body
      paragraphs, no furniture): every paragraph removed is a loss of body, and the headline must
      become the title. This is a precision check on text nobody wrote for this tool;
  (e) PolNeAR (../shared/benchdata/polnear): 1,012 real political articles of 7 publishers, with
      the publisher as source. Unlabelled (it holds real furniture), so it prints what was removed,
      by reason, with the most frequent lines, and how many headlines became titles.

Run: .venv/bin/python -m eval.boilerplate [--articles 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from storytrace.config import Config
from storytrace.model import Article, Corpus
from storytrace.text import normal_form

ROOT = Path(__file__).resolve().parents[1]
HTML_DIR = ROOT / "tests" / "data" / "html"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
BBC = ROOT.parent / "shared" / "benchdata" / "bbc2225"
POLNEAR = ROOT.parent / "shared" / "benchdata" / "polnear"
# A body line this long that survives inside a longer paragraph is still kept.
SUBSTRING_MIN_CHARS = 40


@dataclass
class Score:
    tp: int = 0  # furniture removed
    fp: int = 0  # body removed
    fn: int = 0  # furniture kept
    tn: int = 0  # body kept
    misses: list[str] = field(default_factory=list)
    losses: list[str] = field(default_factory=list)

    def add(self, article: Article, junk: list[str], body: list[str]) -> None:
        text_lines = {normal_form(t) for t in article.text.split("\n")}
        whole = normal_form(article.text)

        def kept(line: str) -> bool:
            key = normal_form(line)
            return key in text_lines or (len(key) >= SUBSTRING_MIN_CHARS and key in whole)

        for line in junk:
            if kept(line):
                self.fn += 1
                self.misses.append(f"{article.id}: {line}")
            else:
                self.tp += 1
        for line in body:
            if kept(line):
                self.tn += 1
            else:
                self.fp += 1
                self.losses.append(f"{article.id}: {line}")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def report(self, name: str, show: int = 8) -> None:
        print(
            f"{name}: precision {self.precision:.4f}  recall {self.recall:.4f}  "
            f"(furniture removed {self.tp}, furniture kept {self.fn}, body removed {self.fp}, body kept {self.tn})"
        )
        for label, items in (("furniture kept", self.misses), ("body removed", self.losses)):
            for item in items[:show]:
                print(f"    {label}: {item[:150]}")


def _clean(paths: list[Path]) -> dict[str, Article]:
    """Cleaned articles by id; each keeps its raw text in ``RAW`` (the clean stage frees ``_raw``)."""
    from storytrace.pipeline import ingest, run_pipeline

    config = Config(progress=False, quiet=True)
    corpus = ingest(paths, config)
    RAW.update({a.id: a._raw for a in corpus.articles})
    return {a.id: a for a in run_pipeline(corpus, config, ["clean"]).articles}


RAW: dict[str, str] = {}


def eval_html() -> Score:
    labels = json.loads((HTML_DIR / "labels.json").read_text(encoding="utf-8"))
    articles = _clean([HTML_DIR])
    score = Score()
    reached = 0  # furniture lines trafilatura kept, so the cleaner had to remove them
    for page, lab in labels.items():
        article = articles[page]
        raw = {normal_form(line) for line in RAW[article.id].split("\n")}
        reached += sum(normal_form(line) in raw for line in lab["junk_lines"])
        score.add(article, lab["junk_lines"], lab["body_lines"])
    print(
        f"(b) {len(labels)} HTML pages: {reached} of {score.tp + score.fn} furniture lines survive trafilatura "
        "and reach the clean stage"
    )
    return score


def eval_seeds() -> Score | None:
    if not SEEDS.is_dir():
        return None
    spec = importlib.util.spec_from_file_location("seed_labels", ROOT / "tests" / "test_clean_seeds.py")
    assert spec and spec.loader
    labels = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(labels)
    articles = _clean([SEEDS])
    score = Score()
    for art_id, furniture in labels.FURNITURE.items():
        article = articles[art_id]
        junk = [line for line, reason in furniture if reason != "title"]
        # The hand labels list body *fragments*; every raw line holding one is a body line.
        raw_lines = [line.strip() for line in RAW[article.id].split("\n") if line.strip()]
        frags = [normal_form(f) for f in labels.BODY[art_id]]
        body = [line for line in raw_lines if any(f in normal_form(line) for f in frags)]
        score.add(article, junk, body)
    return score


def eval_bbc() -> None:
    if not BBC.is_dir():
        print(f"(d) BBC: {BBC} not found")
        return
    t0 = time.perf_counter()
    files = sorted(BBC.glob("*/*.txt"))
    articles = list(_clean(files).values())
    secs = time.perf_counter() - t0
    score = Score()
    titles_ok = 0
    bad_titles: list[str] = []
    for article in articles:
        raw_lines = [line.strip() for line in RAW[article.id].split("\n") if line.strip()]
        if not raw_lines:
            continue
        if article.title == raw_lines[0]:
            titles_ok += 1
        else:
            bad_titles.append(f"{article.id}: {raw_lines[0][:80]!r} -> {article.title!r}")
        score.add(article, [], raw_lines[1:])
    n = len(articles)
    lines = score.fp + score.tn
    print(
        f"(d) BBC real news: {n} articles in {secs:.1f} s; body paragraphs removed {score.fp} of {lines} "
        f"({score.fp / max(lines, 1):.4%}); headline taken as title {titles_ok}/{n}"
    )
    for item in score.losses[:10]:
        print(f"    body removed: {item[:150]}")
    for item in bad_titles[:10]:
        print(f"    title missed: {item}")


def eval_polnear() -> None:
    import csv
    from collections import Counter

    from storytrace.ingest.readers import normalise_unicode
    from storytrace.pipeline import run_pipeline

    if not POLNEAR.is_dir():
        print(f"(e) PolNeAR: {POLNEAR} not found")
        return
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as fh:
        publisher = {row["filename"]: row["publisher"] for row in csv.DictReader(fh, delimiter="\t")}
    corpus = Corpus()
    for path in sorted(POLNEAR.glob("*/text/*.txt")):
        art = Article(id=path.name, source=publisher.get(path.stem))
        art._raw = normalise_unicode(path.read_text(encoding="utf-8", errors="replace"))
        corpus.articles.append(art)
    RAW.update({a.id: a._raw for a in corpus.articles})
    t0 = time.perf_counter()
    run_pipeline(corpus, Config(progress=False, quiet=True), ["clean"])
    secs = time.perf_counter() - t0
    reasons: Counter[str] = Counter()
    lines: Counter[tuple[str, str]] = Counter()
    paragraphs = titles = 0
    for art in corpus.articles:
        raw = [line.strip() for line in RAW[art.id].split("\n") if line.strip()]
        paragraphs += len(raw)
        titles += bool(raw) and art.title == raw[0]
        for r in art.removed:
            if r.reason != "title":
                reasons[r.reason] += 1
                lines[(r.reason, r.text[:70])] += 1
    n = len(corpus.articles)
    print(
        f"(e) PolNeAR: {n} articles in {secs:.1f} s; headline taken as title {titles}/{n}; "
        f"{sum(reasons.values())} of {paragraphs} lines removed: {dict(reasons.most_common())}"
    )
    for (reason, text), count in lines.most_common(12):
        print(f"    {count:4d} x {reason}: {text}")


def eval_generated(n_articles: int, seed: int, per_story: int = 8) -> Score | None:
    try:
        from storytrace.testing.generator import GeneratorConfig, write_corpus
    except ImportError:
        print("(a) generated corpus: storytrace.testing.generator is not available yet", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "corpus.jsonl"
        stories = -(-n_articles // per_story)
        info = write_corpus(out, GeneratorConfig(stories=stories, per_story=per_story, seed=seed))
        truth = json.loads(Path(info["truth_path"]).read_text(encoding="utf-8"))["articles"]
        t0 = time.perf_counter()
        articles = _clean([out])
        secs = time.perf_counter() - t0
    score = Score()
    missing = 0
    for art_id, lab in truth.items():
        if art_id not in articles:  # an exact duplicate collapsed at the door
            missing += 1
            continue
        score.add(articles[art_id], lab.get("junk_lines", []), lab.get("body_lines", []))
    print(
        f"(a) {len(articles)} generated articles ({stories} stories x {per_story}, seed {seed}) ingested and "
        f"cleaned in {secs:.1f} s; {missing} truth articles not in the result (collapsed duplicates)"
    )
    return score


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1150, help="generated articles, at least")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    gen = eval_generated(args.articles, args.seed)
    if gen is not None:
        gen.report("(a) generated corpus")
    eval_html().report("(b) HTML pages")
    seeds = eval_seeds()
    if seeds is None:
        print(f"(c) seeds: {SEEDS} not found")
    else:
        seeds.report("(c) seeds (hand labels)")
    eval_bbc()
    eval_polnear()


if __name__ == "__main__":
    main()
