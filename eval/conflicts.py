"""Conflict precision/recall: generated corpora with known truth (default) or MultiLing planting.

Run: .venv/bin/python -m eval.conflicts [--seeds 2,3] [--stories 40] [--per-story 8]
     .venv/bin/python -m eval.conflicts --mode multiling [--topics 10]

Generated mode (default). ``storytrace.testing.generator`` writes a corpus and its truth file; the
stories are taken from the truth (grouping is scored elsewhere), then text, align, provenance and
facts run. The truth is what the generator plants, read from the truth file alone:
- ``truth["conflicts"]``: the independent report's changed number (slot ``number``);
- what its construction implies, derived from each article's ``body_lines`` in the truth: a
  quotation whose words a rewrite changed (slot ``quote``: the original's quote against the
  rewrite's), and the same quoted words given to another named person (slot ``speaker``).
Matching, per story: a reported conflict matches a truth conflict when the slot agrees, the
truth's changed article is among the reported values, another reported article carries the
original's version (the original or a verbatim/condensed copy of it), and for numbers the changed
article's reported value is the planted number. Precision counts reported conflicts that match
some truth conflict; recall counts truth conflicts matched by some reported one. Tune on seed 1,
report on seeds 2 and 3.

MultiLing mode: for each MultiLing 2011 English topic, one real article is copied several times and
in each copy one comparable value is changed (a number, a weekday, a month, a capitalised place after
a preposition, the name before "said", a word inside quotation marks); the story is those copies,
the original and two other real articles of the topic. The truth is the planted change. A
predicted conflict is correct when it names the planted slot and gives the copy the planted value.
Conflicts where no copy shows its planted value are differences between the real articles
(the copies there carry the original's value); they are counted separately (no truth for them).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

from storytrace.config import Config
from storytrace.model import Article, Conflict, Result, Story
from storytrace.pipeline import ingest, run_pipeline
from storytrace.progress import track
from storytrace.testing.generator import GeneratorConfig, write_corpus
from storytrace.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]

DATA = ROOT.parent / "shared" / "benchdata" / "multiling2011"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
PLACES = ["Lisbon", "Nairobi", "Osaka", "Quito", "Tallinn"]
NAMES = ["Dana Whitfield", "Omar Castellanos", "Ingrid Solberg"]

# (slot, pattern whose group 1 is the value, replacement function)
PLANTS = [
    (
        "number",
        re.compile(r"\b(\d{2,}(?:,\d{3})*)\b(?! ?%)(?!\d)"),
        lambda v: f"{int(v.replace(',', '')) * 3 + 7:,}" if "," in v else str(int(v) * 3 + 7),
    ),
    (
        "weekday",
        re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b"),
        lambda v: WEEKDAYS[(WEEKDAYS.index(v) + 2) % 7],
    ),
    (
        "date",
        re.compile(r"\b(" + "|".join(MONTHS) + r")\b"),
        lambda v: MONTHS[(MONTHS.index(v) + 3) % len(MONTHS)],
    ),
    (
        "place",
        re.compile(r"\b(?:in|at|from|near) ([A-Z][a-z]{3,})\b"),
        lambda v: PLACES[len(v) % len(PLACES)],
    ),
    (
        "speaker",
        re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+) (?:said|says|told)\b"),
        lambda v: NAMES[len(v) % len(NAMES)],
    ),
    (
        "quote",
        re.compile(r"[\"\u201c][^\"\u201d]*?\b([a-z]{5,})\b[^\"\u201d]*[\"\u201d]"),
        lambda v: "unprecedented",
    ),
]


def _read(path: Path) -> Article:
    lines = path.read_text(encoding="utf-8").splitlines()
    date, _, title = lines[0].partition(" ")
    return Article(
        id=path.name,
        title=title.strip(),
        text="\n".join(lines[1:]).strip(),
        published_at=date.replace("/", "-"),
        language="en",
    )


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
            text = original.text[:pos] + new + original.text[pos + len(old) :]
            cid = f"{original.id}~{slot}"
            copies.append(
                Article(
                    id=cid, title=original.title, text=text, language="en", published_at=original.published_at
                )
            )
            truth.append({"slot": slot, "article": cid, "value": new, "original": old})
            used_sentences.add(k)
            break
    return copies, truth


def multiling(topics: int) -> None:
    if not DATA.is_dir():
        sys.exit(f"MultiLing 2011 not found at {DATA}")
    config = Config(progress=False, quiet=True)
    tp_pred = n_pred = tp_truth = n_truth = real_only = 0
    by_slot: dict[str, list[int]] = {}
    for topic in track(range(topics), "Topics"):
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


_QUOTE = re.compile(r"\u201c([^\u201d]+)\u201d")
_NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")
# Roles whose text carries the original's wording of every line they keep.
VERBATIM = {"original", "duplicate", "near-duplicate", "copy", "condensed"}


def _quotes(lines: list[str]) -> list[tuple[str, str | None]]:
    """(quoted words, person named outside the quote) of each quoted line."""
    out = []
    for line in lines:
        for m in _QUOTE.finditer(line):
            outside = line[: m.start()] + " " + line[m.end() :]
            names = _NAME.findall(outside)
            out.append((m.group(1).strip(" ,."), names[-1] if names else None))
    return out


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def construction_truth(story: str, truth: dict) -> list[dict]:
    """Conflicts the generator's construction implies (quote wording, speaker), from the truth file."""
    arts = {a: truth["articles"][a] for a in truth["stories"][story]}
    original = next(a for a, v in arts.items() if v["role"] == "original")
    orig_quotes = _quotes(arts[original]["body_lines"])
    out = []
    for a, v in arts.items():
        if v["role"] in VERBATIM:
            continue
        for text, who in _quotes(v["body_lines"]):
            if not orig_quotes:
                break
            best = max(orig_quotes, key=lambda q: len(set(_words(q[0])) & set(_words(text))))
            if len(set(_words(best[0])) & set(_words(text))) < 2:
                continue
            if _words(best[0]) != _words(text):
                out.append({"story": story, "slot": "quote", "articles": {original: best[0], a: text}})
            elif who and best[1] and who != best[1]:
                out.append({"story": story, "slot": "speaker", "articles": {original: best[1], a: who}})
    return out


def _matches(c: Conflict, t: dict, roles: dict[str, str]) -> bool:
    if c.slot != t["slot"]:
        return False
    original = next(a for a in t["articles"] if roles[a] == "original")
    changed = next(a for a in t["articles"] if a != original)
    if changed not in c.values or not any(a != changed and roles.get(a) in VERBATIM for a in c.values):
        return False
    if c.slot == "number":
        return t["articles"][changed].replace(",", "") in c.values[changed].replace(",", "")
    return True


def generated(seeds: list[int], stories: int, per_story: int) -> dict[str, float]:
    """Score the planted conflicts of generated corpora; prints per seed and in all, returns the
    precision and recall over all seeds (``eval/gate.py`` reads them)."""
    config = Config(progress=False, quiet=True)
    totals: dict[str, list[int]] = {}
    tp_pred = n_pred = 0
    for seed in seeds:
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "c.jsonl"
            info = write_corpus(path, GeneratorConfig(stories=stories, per_story=per_story, seed=seed))
            truth = json.loads(Path(info["truth_path"]).read_text())
            corpus = run_pipeline(ingest([path], config), config, ["clean", "text"])
        kept = {a.id for a in corpus.articles}
        corpus.stories = [
            Story(id=s, articles=[a for a in ids if a in kept]) for s, ids in truth["stories"].items()
        ]
        corpus = run_pipeline(corpus, config, ["align", "provenance", "facts"])
        roles = {a: v["role"] for a, v in truth["articles"].items()}
        s_tp = s_pred = 0
        s_found: dict[str, list[int]] = {}
        for story in corpus.stories:
            planted = [c for c in truth["conflicts"] if c["story"] == story.id] + construction_truth(
                story.id, truth
            )
            reported = [c for claim in story.claims for c in claim.conflicts]
            s_pred += len(reported)
            s_tp += sum(any(_matches(c, t, roles) for t in planted) for c in reported)
            for t in planted:
                row = s_found.setdefault(t["slot"], [0, 0])
                row[0] += any(_matches(c, t, roles) for c in reported)
                row[1] += 1
        found, total = sum(r[0] for r in s_found.values()), sum(r[1] for r in s_found.values())
        print(
            f"seed {seed}: precision {s_tp / max(1, s_pred):.3f} ({s_tp}/{s_pred})  "
            f"recall {found / max(1, total):.3f} ({found}/{total})  by slot: "
            + ", ".join(f"{s} {a}/{b}" for s, (a, b) in sorted(s_found.items()))
        )
        tp_pred += s_tp
        n_pred += s_pred
        for s, (a, b) in s_found.items():
            row = totals.setdefault(s, [0, 0])
            row[0] += a
            row[1] += b
    found, total = sum(r[0] for r in totals.values()), sum(r[1] for r in totals.values())
    print(
        f"generated {stories}x{per_story}, seeds {','.join(map(str, seeds))}: planted conflicts precision "
        f"{tp_pred / max(1, n_pred):.3f} ({tp_pred}/{n_pred})  recall {found / max(1, total):.3f} ({found}/{total})"
    )
    print("recall by slot: " + ", ".join(f"{s} {a}/{b}" for s, (a, b) in sorted(totals.items())))
    return {"precision": tp_pred / max(1, n_pred), "recall": found / max(1, total)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["generated", "multiling"], default="generated")
    ap.add_argument("--seeds", default="2,3", help="generator seeds (1 is the tuning seed)")
    ap.add_argument("--stories", type=int, default=40)
    ap.add_argument("--per-story", type=int, default=8)
    ap.add_argument("--topics", type=int, default=10)
    args = ap.parse_args()
    if args.mode == "multiling":
        multiling(args.topics)
    else:
        generated([int(s) for s in args.seeds.split(",")], args.stories, args.per_story)


if __name__ == "__main__":
    main()
