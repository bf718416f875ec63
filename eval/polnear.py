"""PolNeAR quote and attribution extraction: content and source spans, precision/recall/F1.

Run: .venv/bin/python -m eval.polnear [--split test|dev|train] [--limit N] [--stride K]
Gold: one annotator file per article (the first by name). "Direct" gold relations are those whose
content is in quotation marks. A predicted content span matches a gold one exactly when the spans
agree after trimming quote marks, punctuation and spaces; "overlap" when they share a character
(one-to-one, greedy).
Source, scored as citron's metrics.py scores it (not one-to-one): a predicted quote is a true
positive when some gold relation whose content it overlaps (citron anchors on an overlapping cue;
we anchor on the content, since a quote's cue word has no span here) has a source matching the
predicted speaker mention - "exact" after trimming quote marks, punctuation and spaces, "overlap"
when they share a character; a gold relation is recalled when some overlapping prediction matches
its source. Precision is over the predictions that name a source (a quote with no speaker claims
none; the "strict" row counts every predicted quote, as citron, whose quotes always have one).
Pronoun sources are annotated as the pronoun and scored as such: the source rows score the quote's
``mention`` (the source as written), never its resolved ``speaker``, so they stay comparable.
Speakers as names (the reader's view): "named share" is the share of predicted direct quotes with a
source whose ``speaker`` is a name (not a pronoun, not a bare role); "right person" is, over gold
direct quotes whose gold source ends in a name (not a pronoun, not a role noun) and that a
prediction overlaps, the share whose predicted ``speaker`` holds that last word (the family name
or the body's name).
Reference (citron on PARC 3.0): all-quote content overlap F1 83.2, source exact F1 82.0.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from eval.metrics import f1
from storytrace.facts.quotes import extract_quotes
from storytrace.model import Article
from storytrace.progress import track
from storytrace.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]

DATA = ROOT.parent / "shared" / "benchdata" / "polnear"
QUOTE_CHARS = "\"\u201c\u201d\u2018\u2019'\u00ab\u00bb"
TRIM = QUOTE_CHARS + " \t\n.,;:!?-\u2013\u2014"


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Relation:
    content: Span
    source: Span | None
    direct: bool


def _span(field: str) -> Span:
    parts = [tuple(map(int, p.split())) for p in field.split(";")]
    return Span(min(s for s, _ in parts), max(e for _, e in parts))


def read_gold(ann: Path, text: str) -> list[Relation]:
    spans: dict[str, tuple[str, Span]] = {}
    rels: list[Relation] = []
    lines = ann.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith("T") and line.count("\t") >= 2:  # a span text may run onto more lines
            tid, info, _ = line.split("\t", 2)
            kind, _, offsets = info.partition(" ")
            spans[tid] = (kind, _span(offsets))
    for line in lines:
        if not line.startswith("E"):
            continue
        args = dict(a.split(":") for a in line.split("\t")[1].split()[1:])
        if "Content" not in args or args["Content"] not in spans:
            continue
        content = spans[args["Content"]][1]
        source = spans[args["Source"]][1] if args.get("Source") in spans else None
        inner = text[content.start : content.end]
        before = text[max(0, content.start - 2) : content.start]
        direct = any(c in inner or c in before for c in ('"', "\u201c", "\u201d", "\u00ab", "''"))
        rels.append(Relation(content, source, direct))
    return rels


def _norm(text: str, s: Span) -> str:
    return " ".join(text[s.start : s.end].strip(TRIM).split()).lower()


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


class Counts:
    def __init__(self) -> None:
        self.tp = self.pred = self.gold = self.tp_pred = self.tp_gold = 0
        self.split = False

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def add_pr(self, tp_pred: int, pred: int, tp_gold: int, gold: int) -> None:
        """Counts where precision and recall have their own true positives (not one-to-one)."""
        self.tp_pred += tp_pred
        self.tp_gold += tp_gold
        self.pred += pred
        self.gold += gold
        self.split = True

    def prf(self) -> tuple[float, float, float]:
        tp_p, tp_g = (self.tp_pred, self.tp_gold) if self.split else (self.tp, self.tp)
        p = tp_p / self.pred if self.pred else 0.0
        r = tp_g / self.gold if self.gold else 0.0
        return p, r, f1(p, r)


def match(text: str, preds: list, gold: list[Relation], exact: bool) -> list[tuple[int, int]]:
    pairs, used = [], set()
    for i, q in enumerate(preds):
        ps = Span(q.start, q.end)
        for j, g in enumerate(gold):
            if j in used:
                continue
            ok = _norm(text, ps) == _norm(text, g.content) if exact else _overlap(ps, g.content)
            if ok:
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def source_ok(text: str, q, g: Relation, exact: bool) -> bool:
    if q.mention_start is None or g.source is None:
        return False
    ms = Span(q.mention_start, q.mention_end)
    return _norm(text, ms) == _norm(text, g.source) if exact else _overlap(ms, g.source)


def source_hits(text: str, preds: list, gold: list[Relation], exact: bool) -> tuple[int, int]:
    """(predictions whose source matches some overlapping gold relation, gold relations so matched)."""
    hit_pred, hit_gold = set(), set()
    for i, q in enumerate(preds):
        for j, g in enumerate(gold):
            if _overlap(Span(q.start, q.end), g.content) and source_ok(text, q, g, exact):
                hit_pred.add(i)
                hit_gold.add(j)
    return len(hit_pred), len(hit_gold)


_CAP = re.compile(r"[A-Z][\w\-\u2019']+")
_PRONOUN_WORDS = {"he", "she", "they", "we", "i", "it", "you"}


def _family_name(text: str, span: Span) -> str | None:
    """The last word of a gold source that ends in a name ("Gov. Mike Pence (R-IN)": Pence), else
    ``None`` (a pronoun, or a role such as "the New York businessman" or "Ann Lee's doctor")."""
    # The head before an apposition or affiliation ("Ann Lee of Acme, the panel's chair": Lee).
    source = re.split(r",|\s\(|\s(?:of|from|at)\s", text[span.start : span.end].replace("\u2019", "'"))[0]
    source = source.rstrip(" ,.;:")
    words = re.findall(r"[\w\-\u2019']+", source)
    if not words or not _CAP.fullmatch(words[-1]) or words[-1].lower() in _PRONOUN_WORDS:
        return None
    return re.sub(r"['\u2019]s$", "", words[-1])


def _is_name(speaker: str | None) -> bool:
    return bool(speaker) and speaker.lower() not in _PRONOUN_WORDS and bool(_CAP.search(speaker))


def evaluate(split: str, limit: int | None, stride: int = 1) -> dict[str, Counts]:
    texts = sorted((DATA / split / "text").glob("*.txt"))[::stride][:limit]
    anns = sorted((DATA / split / "attributions").glob("*.ann"))
    first_ann: dict[str, Path] = {}
    for a in anns:
        first_ann.setdefault(a.stem.rsplit("_", 1)[0], a)
    counts = {
        k: Counts()
        for k in (
            "direct content exact",
            "direct content overlap",
            "all content exact",
            "all content overlap",
            "direct source exact",
            "direct source overlap",
            "direct source exact strict",
            "all source exact",
            "all source overlap",
            "all source exact strict",
        )
    }
    counts["direct named share"] = Counts()
    counts["direct right person"] = Counts()
    for path in track(texts, "PolNeAR"):
        ann = first_ann.get(path.stem)
        if ann is None:
            continue
        text = path.read_text(encoding="utf-8")
        gold = read_gold(ann, text)
        art = Article(id=path.stem, text=text, sentences=split_sentences(text))
        preds = extract_quotes(art)
        direct = [q for q in preds if q.direct and q.mention_start is not None]
        counts["direct named share"].add(sum(_is_name(q.speaker) for q in direct), len(direct), len(direct))
        for g in gold:
            if not g.direct or g.source is None or (fam := _family_name(text, g.source)) is None:
                continue
            over = [q for q in preds if q.direct and _overlap(Span(q.start, q.end), g.content)]
            if over:
                right = any(fam.lower() in (q.speaker or "").replace("\u2019", "'").lower() for q in over)
                counts["direct right person"].add(int(right), 1, 1)
        for scope, p_set, g_set in (
            ("direct", [q for q in preds if q.direct], [g for g in gold if g.direct]),
            ("all", preds, gold),
        ):
            for mode in ("exact", "overlap"):
                pairs = match(text, p_set, g_set, mode == "exact")
                counts[f"{scope} content {mode}"].add(len(pairs), len(p_set), len(g_set))
            for mode in ("exact", "overlap"):
                tp_pred, tp_gold = source_hits(text, p_set, g_set, mode == "exact")
                named = sum(q.mention_start is not None for q in p_set)
                counts[f"{scope} source {mode}"].add_pr(
                    tp_pred, named, tp_gold, sum(g.source is not None for g in g_set)
                )
                if mode == "exact":
                    counts[f"{scope} source exact strict"].add_pr(tp_pred, len(p_set), tp_gold, len(g_set))
    return counts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--stride", type=int, default=1, help="every K-th article (a sample across publishers)")
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit(f"PolNeAR not found at {DATA}")
    counts = evaluate(args.split, args.limit, args.stride)
    print(f"PolNeAR {args.split}: quote/attribution extraction (storytrace rule-based extractor)")
    print(f"{'metric':28s} {'P':>6s} {'R':>6s} {'F1':>6s}   (pred / gold)")
    for name, c in counts.items():
        p, r, f = c.prf()
        print(f"{name:28s} {100 * p:6.1f} {100 * r:6.1f} {100 * f:6.1f}   ({c.pred} / {c.gold})")
    print("citron on PARC 3.0 (reference): all-quote content overlap F1 83.2, source exact F1 82.0")


if __name__ == "__main__":
    main()
