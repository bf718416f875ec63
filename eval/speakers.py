"""Speakers on hand-written story clusters: the speaker as written, resolved to a name, and whether
the quote's source is a name at all (not a pronoun).

Run: .venv/bin/python -m eval.speakers [--stories ../shared/corpus/stories-dev]
Reads each cluster's records and truth.json (format of ../shared/corpus/stories-dev/README.md),
runs ingest, clean and text, then the facts stage's quote extraction on every article alone (no
grouping: the figures measure extraction and resolution only). For every truth quote with a
speaker (paraphrases left out), the extracted quotes of its article that hold at least half its
words are its matches, and it counts as
- "as written": some match's speaker contains the truth speaker's family name (the definition of
  ../shared/tools/score_stories.py);
- "resolved": some match's speaker contains the truth speaker's full name (every word);
- "named": the speaker of its best match is a name (no pronoun, no bare role word).
Per language too, to show which languages lag.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import sys
from collections import Counter
from pathlib import Path

from storytrace.config import Config
from storytrace.facts.quotes import extract_quotes
from storytrace.facts.speakers import PRONOUNS, ROLE_WORDS
from storytrace.pipeline import collect, run_pipeline

ROOT = Path(__file__).resolve().parents[1]

DATA = ROOT.parent / "shared" / "corpus" / "stories-dev"


def words(s: str | None) -> list[str]:
    return re.findall(r"\w+", (s or "").lower())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", default=str(DATA))
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = ap.parse_args()
    stories = Path(args.stories)
    if not stories.is_dir():
        sys.exit(f"no clusters at {stories}")
    records, truths = [], []
    for cdir in sorted(glob.glob(str(stories / "c[0-9]*"))):
        truths.append(json.loads(Path(cdir, "truth.json").read_text(encoding="utf-8")))
        records += [
            json.loads(line)
            for line in Path(cdir, "records.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    from storytrace.ingest.readers import from_record

    corpus = collect(from_record(r, "eval", r["id"]) for r in records)
    corpus = run_pipeline(corpus, Config(), stages=["clean", "text"])
    arts = {a.id: a for a in corpus.articles}
    quotes = {a.id: extract_quotes(a) for a in corpus.articles}
    counts: dict[str, Counter] = {}
    for t in truths:
        for q in t["quotes"]:
            if q["fidelity"] == "paraphrased" or not q.get("speaker"):
                continue
            art = arts.get(q["article"])
            lang = (art.language if art else None) or "?"
            c = counts.setdefault(lang, Counter())
            qw = words(q["text"])
            mine = [
                x
                for x in quotes.get(q["article"], [])
                if qw and sum(w in set(words(x.text)) for w in qw) >= len(qw) / 2
            ]
            truth_words = words(q["speaker"])
            written = any(truth_words[-1] in (x.speaker or "").lower() for x in mine)
            resolved = any(all(w in words(x.speaker) for w in truth_words) for x in mine)
            best = max(mine, key=lambda x: sum(w in set(words(x.text)) for w in qw), default=None)
            named = (
                best is not None
                and bool(best.speaker)
                and best.speaker.lower() not in PRONOUNS
                and not all(w in ROLE_WORDS for w in words(best.speaker))
            )
            c.update(n=1, found=bool(mine), written=written, resolved=resolved, named=named)
            if args.verbose and not resolved:
                print(
                    f"  miss {q['article']} [{lang}] truth={q['speaker']!r} got="
                    f"{[(x.speaker, x.mention) for x in mine]!r} :: {q['text'][:50]!r}"
                )
    total: Counter = sum(counts.values(), Counter())
    print(f"{'lang':6s} {'quotes':>6s} {'found':>6s} {'written':>8s} {'resolved':>9s} {'named':>6s}")
    for lang, c in sorted(counts.items()) + [("all", total)]:
        n = max(c["n"], 1)
        print(
            f"{lang:6s} {c['n']:6d} {c['found'] / n:6.3f} {c['written'] / n:8.3f} {c['resolved'] / n:9.3f} "
            f"{c['named'] / n:6.3f}"
        )


if __name__ == "__main__":
    main()
