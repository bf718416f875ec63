"""Planted conflicts: precision and recall of claim conflicts (number, weekday, date, place, speaker, quote).

Run: .venv/bin/python eval/conflicts.py [--topics 10]
For each MultiLing 2011 English topic, one real article is copied several times and in each copy
one comparable value is changed (a number, a weekday, a month, a capitalised place after a
preposition, the name before "said", a word inside quotation marks); the story is those copies,
the original and two other real articles of the topic. The truth is the planted change. A
predicted conflict is correct when it names the planted slot and gives the copy the planted value.
Conflicts where no copy shows its planted value are differences between the real articles
(the copies there carry the original's value); they are counted separately (no truth for them).
When ``storytrace.testing.generator`` provides corpora with a conflicts truth, this script should
use them as well; until then the planting here is the corpus.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storytrace.config import Config  # noqa: E402
from storytrace.model import Article, Result, Story  # noqa: E402
from storytrace.pipeline import run_pipeline  # noqa: E402
from storytrace.progress import track  # noqa: E402
from storytrace.text import split_sentences  # noqa: E402

DATA = ROOT.parent / "shared" / "benchdata" / "multiling2011"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "June", "July", "August", "September", "October",
          "November", "December"]
PLACES = ["Lisbon", "Nairobi", "Osaka", "Quito", "Tallinn"]
NAMES = ["Dana Whitfield", "Omar Castellanos", "Ingrid Solberg"]

# (slot, pattern whose group 1 is the value, replacement function)
PLANTS = [
    ("number", re.compile(r"\b(\d{2,}(?:,\d{3})*)\b(?! ?%)(?!\d)"),
     lambda v: f"{int(v.replace(',', '')) * 3 + 7:,}" if "," in v else str(int(v) * 3 + 7)),
    ("weekday", re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b"), lambda v: WEEKDAYS[(WEEKDAYS.index(v) + 2) % 7]),
    ("date", re.compile(r"\b(" + "|".join(MONTHS) + r")\b"), lambda v: MONTHS[(MONTHS.index(v) + 3) % len(MONTHS)]),
    ("place", re.compile(r"\b(?:in|at|from|near) ([A-Z][a-z]{3,})\b"), lambda v: PLACES[len(v) % len(PLACES)]),
    ("speaker", re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+) (?:said|says|told)\b"), lambda v: NAMES[len(v) % len(NAMES)]),
    ("quote", re.compile(r"[\"\u201c][^\"\u201d]*?\b([a-z]{5,})\b[^\"\u201d]*[\"\u201d]"), lambda v: "unprecedented"),
]


def _read(path: Path) -> Article:
    lines = path.read_text(encoding="utf-8").splitlines()
    date, _, title = lines[0].partition(" ")
    return Article(id=path.name, title=title.strip(), text="\n".join(lines[1:]).strip(),
                   published_at=date.replace("/", "-"), language="en")


def plant(original: Article) -> tuple[list[Article], list[dict]]:
    """Copies of ``original`` with one changed value each, and the truth."""
    sentences = split_sentences(original.text)[1:]  # the dateline sentence is left alone
    copies, truth = [], []
    used_sentences: set[int] = set()
    for slot, pattern, change in PLANTS:
        for k, sent in enumerate(sentences):
            if k in used_sentences:
                continue
            m = pattern.search(sent.text)
            if not m:
                continue
            old = m.group(1)
            new = change(old)
            if new == old:
                continue
            pos = sent.start + m.start(1)
            text = original.text[:pos] + new + original.text[pos + len(old):]
            cid = f"{original.id}~{slot}"
            copies.append(Article(id=cid, title=original.title, text=text, language="en",
                                  published_at=original.published_at))
            truth.append({"slot": slot, "article": cid, "value": new, "original": old})
            used_sentences.add(k)
            break
    return copies, truth


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--topics", type=int, default=10)
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit(f"MultiLing 2011 not found at {DATA}")
    config = Config(progress=False, quiet=True)
    tp_pred = n_pred = tp_truth = n_truth = real_only = 0
    by_slot: dict[str, list[int]] = {}
    for topic in track(range(args.topics), "Topics"):
        original = _read(DATA / "SourceTexts" / f"M00{topic}0.english")
        others = [_read(DATA / "SourceTexts" / f"M00{topic}{b}.english") for b in (1, 2)]
        copies, truth = plant(original)
        corpus = Result(articles=[original, *copies, *others])
        corpus.stories = [Story(id=f"t{topic}", articles=[a.id for a in corpus.articles])]
        corpus = run_pipeline(corpus, config, ["text", "align", "provenance", "facts"])
        predicted = [c for claim in corpus.stories[0].claims for c in claim.conflicts]

        def hits(c, t) -> bool:
            return c.slot == t["slot"] and t["value"] in c.values.get(t["article"], "")

        for c in predicted:
            # About a planted change only if some copy shows its planted value there; otherwise
            # the copies carry the original's value and the difference is between real articles.
            if not any(t["value"] in c.values.get(t["article"], "") for t in truth):
                real_only += 1
                continue
            n_pred += 1
            tp_pred += any(hits(c, t) for t in truth)
        for t in truth:
            n_truth += 1
            found = any(hits(c, t) for c in predicted)
            tp_truth += found
            by_slot.setdefault(t["slot"], [0, 0])
            by_slot[t["slot"]][0] += found
            by_slot[t["slot"]][1] += 1
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_truth / n_truth if n_truth else 0.0
    print(f"planted conflicts: precision {p:.3f} ({tp_pred}/{n_pred})  recall {r:.3f} ({tp_truth}/{n_truth})")
    print("recall by slot: " + ", ".join(f"{s} {a}/{b}" for s, (a, b) in sorted(by_slot.items())))
    print(f"conflicts reported only between real articles (no truth): {real_only}")


if __name__ == "__main__":
    main()
