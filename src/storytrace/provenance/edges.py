"""Typed, directed reuse edges inside one story, the story's origin and each article's originality.

Each derivative keeps its single best source (the member that covers most of it), so the
derivation edges form a forest; ``shared-source`` edges join two articles that share material no
other member has (an upstream text that is not in the collection); every other member gets an
undirected ``independent`` edge to the origin.

Direction, strongest evidence first: a credit line of the derivative naming the source's outlet;
publication times; containment asymmetry (the copy is mostly inside the original, not the
reverse). Where none decides, the edge is marked ``directed=False`` and the reason says so.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from storytrace.align.lexical import coverage
from storytrace.align.story import PairAlignment, StoryAlignment
from storytrace.model import Article, ReuseEdge, Story
from storytrace.provenance.options import ProvenanceOptions
from storytrace.text.normalize import token_spans, tokens
from storytrace.text.quotemarks import quoted_spans

# Credit lines that point to another outlet; "(Reporting by ...)" bylines are an article's own.
CREDIT_KINDS = {"credit", "source"}
# The judge's cut-offs are the stage's options (``ProvenanceOptions``: what each does, what chose
# it); the entry points take them, their defaults when none are given.


@dataclass
class Direction:
    source: str
    target: str
    directed: bool
    evidence: list[str]
    strength: float
    credited: bool = False  # the target's credit line names the source's outlet


def _credits(target: Article, source: Article, opts: ProvenanceOptions) -> str | None:
    """The credit line of ``target`` that names ``source``'s outlet, if any; else the sentence of
    ``target`` that names ``source``'s outlet in its text ("..., the X News Agency reported")."""
    names = {n.lower() for n in (source.source, source.author) if n}
    for att in target.attributions:
        if att.kind not in CREDIT_KINDS:
            continue
        for n in att.names:
            if n.lower() in names or any(
                n.lower() in x or x in n.lower() for x in names if len(x) > opts.credit_name_chars
            ):
                return att.text
    outlet = source.source
    # A multi-word outlet name is specific; a one-word one ("Reuters") must be long enough not to be a word.
    if outlet and outlet != target.source and (" " in outlet.strip() or len(outlet) >= opts.outlet_word_chars):
        for sent in target.sentences:
            if outlet in sent.text:
                return sent.text
    return None


def orient(a: Article, b: Article, pair: PairAlignment, opts: ProvenanceOptions | None = None) -> Direction:
    """Decide which of ``a``, ``b`` derives from the other (``pair`` is a-side/b-side)."""
    opts = opts or ProvenanceOptions()
    ev: list[str] = []
    for src, tgt in ((a, b), (b, a)):
        line = _credits(tgt, src, opts)
        if line:
            return Direction(
                src.id, tgt.id, True, [f"{tgt.id} credits its source: “{line}”"], 1.0, credited=True
            )
    # Asymmetry: the derivative is covered by the source more than the other way round.
    diff = pair.b_coverage - pair.a_coverage
    by_text = (a, b) if diff > 0 else (b, a)
    strong_text = abs(diff) >= opts.asymmetry_margin
    if a.published_at and b.published_at and a.published_at != b.published_at:
        early, late = (a, b) if a.published_at < b.published_at else (b, a)
        ev.append(f"{early.id} was published first ({early.published_at} < {late.published_at})")
        # Only near-total containment of the earlier article overrules the clock: a rewrite that
        # adds material is longer than its source and would otherwise look like the original.
        early_cov = pair.a_coverage if early is a else pair.b_coverage
        if (
            strong_text
            and by_text[0] is not early
            and early_cov >= opts.clock_overrule_coverage
            and abs(diff) >= opts.clock_overrule_margin
        ):
            ev.append(
                "but the text says otherwise: the earlier article is mostly contained in the later one "
                "(a clock may be wrong); the text decides"
            )
            return Direction(by_text[0].id, by_text[1].id, True, ev, 0.5)
        return Direction(early.id, late.id, True, ev, 0.8)
    # Credit lines naming no member still mark an article as derivative.
    a_cred = [x for x in a.attributions if x.kind in CREDIT_KINDS]
    b_cred = [x for x in b.attributions if x.kind in CREDIT_KINDS]
    if bool(a_cred) != bool(b_cred):
        src, tgt = (b, a) if a_cred else (a, b)
        line = (a_cred or b_cred)[0].text
        ev.append(f"{tgt.id} carries a credit line (“{line}”); {src.id} does not")
        return Direction(src.id, tgt.id, True, ev, 0.7)
    if strong_text:
        src, tgt = by_text
        cov_t = max(pair.a_coverage, pair.b_coverage)
        cov_s = min(pair.a_coverage, pair.b_coverage)
        ev.append(f"{tgt.id} is {cov_t:.0%} contained in {src.id}, which is only {cov_s:.0%} contained in it")
        return Direction(src.id, tgt.id, True, ev, 0.6)
    ev.append("direction undecided: no publication times, no credit line and symmetric overlap")
    return Direction(by_text[0].id, by_text[1].id, False, ev, 0.2)


def token_edits(a: str, b: str) -> int:
    """Word-level edit distance (insertions, deletions, substitutions) between two texts."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(tokens(a), tokens(b))


def _reuses_a_body(pair: PairAlignment, tgt: Article, opts: ProvenanceOptions) -> bool:
    """The target reuses a body of its source's sentences, not a couple of shared facts: own reporting
    that repeats a lead and one figure of the original is independent, however short it is."""
    matched = len({m.b_index for m in pair.sentence_matches})
    own = opts.reused_own_share * max(len(tgt.sentences), 1)
    return matched >= opts.min_reused_sentences or matched >= own


@lru_cache(maxsize=4096)
def _unquoted_words(text: str) -> tuple[list[int], np.ndarray]:
    """Start offsets of the tokens of ``text`` and, per token, whether it is a word (it has a letter:
    "9:56" or "9.1" split into digit tokens would lengthen a run of a dateline) outside quotation marks."""
    spans = token_spans(text)
    starts = [s for _, s, _ in spans]
    outside = np.array([any(c.isalpha() for c in t) for t, _, _ in spans], dtype=bool)
    for qs, qe in quoted_spans(text):
        outside[bisect_left(starts, qs) : bisect_left(starts, qe)] = False
    return starts, outside


def unquoted_words(text: str, start: int = 0, end: int | None = None) -> int:
    """Words (tokens with a letter) of ``text[start:end]`` outside quotation marks."""
    starts, outside = _unquoted_words(text)
    hi = len(starts) if end is None else bisect_left(starts, end)
    return int(outside[bisect_left(starts, start) : hi].sum())


def long_run_words(tgt: Article, pair: PairAlignment, long_run: int) -> tuple[int, int]:
    """(unquoted words of ``tgt`` inside lexical passages, b side of ``pair``, that hold at least
    ``long_run`` unquoted words; all unquoted words of ``tgt``)."""
    runs = (
        unquoted_words(tgt.text, p.target_start, p.target_end)
        for p in pair.passages
        if p.kind in ("verbatim", "near")
    )
    return sum(n for n in runs if n >= long_run), unquoted_words(tgt.text)


def classify(
    src: Article, tgt: Article, pair: PairAlignment, opts: ProvenanceOptions | None = None
) -> str | None:
    """Kind of reuse of ``src`` by ``tgt`` (``pair`` oriented src -> tgt), or None if not derived."""
    return judge(src, tgt, pair, opts)[0]


def in_order(matches) -> int:
    """How many of the sentence ``matches`` keep one order on both sides (longest increasing run)."""
    tails: list[int] = []
    for m in sorted(matches, key=lambda m: (m.a_index, m.b_index)):
        k = bisect_left(tails, m.b_index)
        tails[k : k + 1] = [m.b_index]
    return len(tails)


def reused_sentences(tgt: Article, pair: PairAlignment, inside_share: float) -> int:
    """Sentences of ``tgt`` (b side of ``pair``) with ``inside_share`` of them inside verbatim passages
    of the source (not "near" ones: those chain across swapped synonyms, which a rewrite has)."""
    lex = [(p.target_start, p.target_end) for p in pair.passages if p.kind == "verbatim"]
    n = 0
    for sent in tgt.sentences:
        inside = sum(max(0, min(e, sent.end) - max(b, sent.start)) for b, e in lex)
        n += inside >= inside_share * (sent.end - sent.start)
    return n


def _copy_kind(src: Article, tgt: Article, opts: ProvenanceOptions) -> str:
    """``condensed`` when ``tgt`` drops or cuts down a good part of ``src``, else ``copy``."""
    fewer = len(tgt.sentences) < opts.condensed_sentences * max(len(src.sentences), 1)
    return "condensed" if fewer and len(tgt.text) < opts.condensed_length * len(src.text) else "copy"


def judge(
    src: Article, tgt: Article, pair: PairAlignment, opts: ProvenanceOptions | None = None
) -> tuple[str | None, str]:
    """``classify``'s kind and, in words, the rule that decided it (for the edge's evidence)."""
    opts = opts or ProvenanceOptions()
    cov_t, cov_s = pair.b_coverage, pair.a_coverage
    verb_t = pair.b_verbatim
    cross = bool(src.language and tgt.language and src.language != tgt.language)
    if cross:
        ordered = in_order(pair.sentence_matches)
        n_t = max(len(tgt.sentences), 1)
        if (
            cov_t >= opts.translated_coverage
            and ordered >= opts.min_translated
            and ordered >= opts.translated_share * n_t
        ):
            return "translation", (
                f"{ordered} of {tgt.id}'s {n_t} sentences say what {src.id}'s say, sentence "
                f"by sentence in another language ({cov_t:.0%} of it)"
            )
        return None, "too little aligned sentence by sentence across languages"
    # a copy that drops one line is not a duplicate
    if min(verb_t, pair.a_verbatim) >= opts.duplicate_verbatim:
        # Passages bridge small edits, so full verbatim coverage still allows a reworded phrase or
        # two: a duplicate differs by at most a word or two (a typo fix), a copy by more.
        n = max(len(tokens(src.text)), len(tokens(tgt.text)))
        edits = token_edits(src.text, tgt.text)
        kind = "duplicate" if edits <= max(opts.duplicate_edits, opts.duplicate_edit_share * n) else "copy"
        return kind, f"the same text in both, {edits} word edit(s) apart"
    # The target's sentences are the source's (whatever else holds): a copy, or a condensed one.
    # Verbatim coverage counts passages that chain across synonyms; a synonym-swapped rewrite reaches
    # ~0.5 of it, a copy or excerpt (with a changed word here and there) 0.6 and more.
    reused = reused_sentences(tgt, pair, opts.sentence_inside)
    if verb_t >= opts.copy_verbatim or reused >= opts.reused_sentences * max(len(tgt.sentences), 1):
        kind = _copy_kind(src, tgt, opts)
        return kind, (
            f"{reused} of {tgt.id}'s {len(tgt.sentences)} sentences and {verb_t:.0%} of its text are "
            f"{src.id}'s wording" + (", in a shorter text" if kind == "condensed" else "")
        )
    # Half of a much shorter text in verbatim runs of the source (not runs chained across swapped
    # synonyms, which a rewrite has): cut down from it.
    exact_t = coverage(
        [(p.target_start, p.target_end) for p in pair.passages if p.kind == "verbatim"], len(tgt.text)
    )
    if len(tgt.text) < opts.condensed_length * len(src.text) and exact_t >= opts.contained_verbatim:
        return "condensed", f"a much shorter text, {exact_t:.0%} of it in {src.id}'s wording"
    matched = len({m.b_index for m in pair.sentence_matches})
    if (
        cov_t >= opts.min_derived_coverage
        and cov_s >= opts.min_source_coverage
        and _reuses_a_body(pair, tgt, opts)
        and verb_t >= opts.min_verbatim_support
    ):
        return "paraphrase", f"{matched} of {tgt.id}'s sentences say what {src.id}'s say, mostly reworded"
    n_min = max(min(len(src.sentences), len(tgt.sentences)), 1)
    if (
        pair.rewritten >= opts.min_rewritten
        and pair.rewritten >= opts.rewritten_share * n_min
        and verb_t >= opts.min_verbatim_support
    ):
        return "paraphrase", (
            f"a rewrite: {pair.rewritten} of {tgt.id}'s sentences reword {src.id}'s closely "
            "(each the other's best match)"
        )
    if verb_t >= opts.partial_verbatim and matched >= opts.min_reused_sentences:
        return "paraphrase", (
            f"partial reuse: {matched} of {src.id}'s sentences kept, {verb_t:.0%} of {tgt.id} "
            "in its wording; the rest is its own"
        )
    in_runs, words = long_run_words(tgt, pair, opts.long_run)
    if in_runs >= opts.long_run_min_words and in_runs >= opts.long_run_share * words:
        return "paraphrase", (
            f"partial reuse: {in_runs} of {tgt.id}'s words ({in_runs / max(words, 1):.0%}) are "
            f"in runs of {opts.long_run}+ words of {src.id}'s wording outside quotation marks"
        )
    return None, "no reuse rule holds"


def _same_rewrite(
    a_id: str,
    b_id: str,
    ids: list[str],
    alignment: StoryAlignment,
    articles: dict[str, Article],
    opts: ProvenanceOptions,
) -> bool:
    """Near-identical ``a`` and ``b`` that both reword a third member published before both (mostly
    covered, little verbatim): the shared wording comes from an upstream rewrite of it, so neither is
    taken as the other's source. Not when a member of the story holds that wording verbatim: then
    both copy it, no upstream needed; and not without clocks, since the text alone cannot tell a
    rewrite of the third member from the original the third member rewrote (then the copy is a copy)."""
    for y in ids:
        if y in (a_id, b_id):
            continue
        pa, pb = alignment.pair(y, a_id), alignment.pair(y, b_id)
        if pa is not None and pb is not None and min(pa.b_verbatim, pb.b_verbatim) >= opts.copy_verbatim:
            return False
    for z in ids:
        if z in (a_id, b_id):
            continue
        t = [articles[x].published_at for x in (z, a_id, b_id)]
        if not all(t) or not (t[0] < t[1] and t[0] < t[2]):
            continue
        pa, pb = alignment.pair(z, a_id), alignment.pair(z, b_id)
        if pa is None or pb is None:
            continue
        if all(
            p.b_coverage >= opts.min_derived_coverage and p.b_verbatim < opts.rewrite_max_verbatim
            for p in (pa, pb)
        ):
            return True
    return False


def _ancestors(parent: dict[str, str], node: str) -> list[str]:
    out: list[str] = []
    while node in parent and len(out) <= len(parent):
        node = parent[node]
        out.append(node)
    return out


def _creates_cycle(parent: dict[str, str], tgt: str, src: str) -> bool:
    node = src
    for _ in range(len(parent) + 1):
        if node == tgt:
            return True
        if node not in parent:
            return False
        node = parent[node]
    return True


def choose_sources(
    candidates: dict[str, list[tuple[float, ReuseEdge]]], source_tie: float
) -> tuple[dict[str, str], dict[str, ReuseEdge]]:
    """One source per derivative (a forest): the candidate that explains it best, without closing a
    cycle; then, where another candidate explains it about as well (within ``source_tie``) and the chosen
    source derives from that candidate, the candidate: a text that matches an original and a copy of
    it equally took nothing the copy added."""
    parent: dict[str, str] = {}
    chosen: dict[str, ReuseEdge] = {}
    for tgt, cands in sorted(candidates.items(), key=lambda kv: -max(c for c, _ in kv[1])):
        for _, e in sorted(cands, key=lambda ce: -ce[0]):
            if not _creates_cycle(parent, tgt, e.source):
                parent[tgt], chosen[tgt] = e.source, e
                break
    for _ in range(len(candidates)):  # bounded: each pass moves sources toward the roots
        moved = False
        for tgt, cands in candidates.items():
            if tgt not in parent:
                continue
            score = {e.source: c for c, e in cands}
            best = score[parent[tgt]]
            for anc in _ancestors(
                parent, parent[tgt]
            ):  # the nearest-to-root ancestor that explains it about as well
                if anc in score and score[anc] >= best - source_tie:
                    e = next(e for c, e in cands if e.source == anc)
                    parent[tgt], chosen[tgt] = anc, e
                    moved = True
                    break
        if not moved:
            break
    return parent, chosen


def _matched_sentences(alignment: StoryAlignment, article: str, others: list[str]) -> dict[str, set[int]]:
    """For ``article``: which of its sentence indices each other member matches."""
    out: dict[str, set[int]] = {o: set() for o in others}
    for o in others:
        p = alignment.pair(article, o)
        if p is not None:
            out[o] = {m.a_index for m in p.sentence_matches}
    return out


def _shared_source(
    alignment: StoryAlignment,
    a_id: str,
    b_id: str,
    confidence: float,
    evidence: list[str],
    adds: list[str] | None = None,
) -> ReuseEdge:
    """An undirected ``shared-source`` edge between two members, with their aligned passages."""
    pair = alignment.pair(a_id, b_id)
    return ReuseEdge(
        source=a_id,
        target=b_id,
        kind="shared-source",
        directed=False,
        source_coverage=round(pair.a_coverage, 3),
        target_coverage=round(pair.b_coverage, 3),
        confidence=confidence,
        passages=list(pair.passages),
        evidence=evidence,
        adds=adds or [],
    )


def build_edges(
    story: Story,
    articles: dict[str, Article],
    alignment: StoryAlignment,
    opts: ProvenanceOptions | None = None,
) -> None:
    """Fill ``story``'s edges, origin and originality from its ``alignment``, judged by ``opts``."""
    opts = opts or ProvenanceOptions()
    ids = [i for i in story.articles if i in articles]
    candidates, shared_rewrites = _candidate_edges(ids, articles, alignment, opts)
    parent, chosen = choose_sources(candidates, opts.source_tie)
    edges: list[ReuseEdge] = list(chosen.values())
    origin = _one_origin(ids, parent, articles)
    children: dict[str, int] = {}
    for e in edges:
        children[e.source] = children.get(e.source, 0) + 1
    edges += _shared_source_edges(ids, articles, alignment, parent, origin, shared_rewrites, opts)
    reasons, conf = _origin_reasons(origin, edges, children)
    edges += _independent_edges(ids, alignment, set(parent), origin)
    story.edges = edges
    story.origin = origin
    story.origin_confidence = conf
    story.origin_reasons = reasons
    story.originality.update(_originality(ids, parent, articles, alignment))


def _candidate_edges(
    ids: list[str], articles: dict[str, Article], alignment: StoryAlignment, opts: ProvenanceOptions
) -> tuple[dict[str, list[tuple[float, ReuseEdge]]], list[tuple[str, str]]]:
    """Every pair's derivation edge, oriented and judged, as candidates per target (scored: a
    source that holds the derivative verbatim beats one that only rewords it); and the pairs of
    near-identical members that both reword a third, earlier one (an upstream rewrite)."""
    candidates: dict[str, list[tuple[float, ReuseEdge]]] = {}
    shared_rewrites: list[tuple[str, str]] = []
    for x, a_id in enumerate(ids):
        for b_id in ids[x + 1 :]:
            pair = alignment.pair(a_id, b_id)
            if pair is None:
                continue
            a, b = articles[a_id], articles[b_id]
            d = orient(a, b, pair, opts)
            oriented = pair if d.source == a_id else pair.swapped()
            kind, rule = judge(articles[d.source], articles[d.target], oriented, opts)
            if kind is None:
                continue
            # A derivative that credits its source says where its text came from: no upstream guess.
            if (
                kind in ("copy", "condensed", "duplicate")
                and not d.credited
                and _same_rewrite(a_id, b_id, ids, alignment, articles, opts)
            ):
                shared_rewrites.append((a_id, b_id))
                continue
            tgt = articles[d.target]
            matched_t = {m.b_index for m in oriented.sentence_matches}
            adds = [s.text for k, s in enumerate(tgt.sentences) if k not in matched_t][:10]
            edge = ReuseEdge(
                source=d.source,
                target=d.target,
                kind=kind,
                source_coverage=round(oriented.a_coverage, 3),
                target_coverage=round(oriented.b_coverage, 3),
                verbatim_share=round(oriented.b_verbatim / max(oriented.b_coverage, 1e-9), 3)
                if oriented.b_coverage
                else 0.0,
                directed=d.directed,
                confidence=round(d.strength * min(1.0, oriented.b_coverage + 0.3), 3),
                evidence=d.evidence
                + [
                    f"{oriented.b_coverage:.0%} of {d.target} is aligned to {d.source} "
                    f"({oriented.b_verbatim:.0%} verbatim)",
                    rule,
                ],
                adds=adds,
                passages=oriented.passages,
            )
            # A source that holds the derivative verbatim beats one that only rewords it.
            candidates.setdefault(d.target, []).append((oriented.b_coverage + oriented.b_verbatim, edge))
    return candidates, shared_rewrites


def _one_origin(ids: list[str], parent: dict[str, str], articles: dict[str, Article]) -> list[str]:
    """One origin among the members no edge derives: the root whose tree holds most members (then
    the earliest, then the longest); a second tree (a member reused by others yet derived from
    nothing here) is not a second origin."""
    roots = [i for i in ids if i not in parent]

    def descendants(r: str) -> int:
        return sum(1 for i in parent if r in _ancestors(parent, i))

    return sorted(
        roots, key=lambda i: (-descendants(i), articles[i].published_at or "9999", -len(articles[i].text), i)
    )[:1]


def _shared_source_edges(
    ids: list[str],
    articles: dict[str, Article],
    alignment: StoryAlignment,
    parent: dict[str, str],
    origin: list[str],
    shared_rewrites: list[tuple[str, str]],
    opts: ProvenanceOptions,
) -> list[ReuseEdge]:
    """Shared unseen source: two members share sentences that no other member carries (or both
    reword one upstream rewrite)."""
    edges: list[ReuseEdge] = []
    for x, a_id in enumerate(ids):
        others = [o for o in ids if o != a_id]
        ma = _matched_sentences(alignment, a_id, others)
        for b_id in ids[x + 1 :]:
            if parent.get(a_id) == b_id or parent.get(b_id) == a_id:
                continue
            if (a_id, b_id) in shared_rewrites:
                edges.append(
                    _shared_source(
                        alignment,
                        a_id,
                        b_id,
                        0.6,
                        [
                            f"{a_id} and {b_id} word a common member the same way: both reuse one upstream "
                            "rewrite that is not in the collection"
                        ],
                    )
                )
                continue
            if a_id in origin or b_id in origin:
                continue  # the origin's material is the story's: what one member repeats of it is no upstream
            if articles[a_id].language != articles[b_id].language:
                continue  # across languages, sentences match by facts; shared wording needs one language
            # what a member derived from either of the two carries came from them, not from elsewhere
            # (and across languages sentences match by facts, not wording: only one language counts)
            heirs = {
                o
                for o in others
                if {a_id, b_id} & set(_ancestors(parent, o))
                or articles[o].language != articles[a_id].language
            }
            rest = (
                set().union(*(ma[o] for o in others if o != b_id and o not in heirs))
                if len(others) > 1
                else set()
            )
            exclusive = ma[b_id] - rest
            n_sent = max(min(len(articles[a_id].sentences), len(articles[b_id].sentences)), 1)
            if (
                len(exclusive) >= opts.shared_min_sentences
                and len(exclusive) / n_sent >= opts.shared_min_share
            ):
                shared = sorted(articles[a_id].sentences[k].text for k in exclusive)
                edges.append(
                    _shared_source(
                        alignment,
                        a_id,
                        b_id,
                        round(min(1.0, 0.4 + 0.2 * len(exclusive)), 3),
                        [
                            f"{len(exclusive)} sentence(s) shared by {a_id} and {b_id} and by no other member: "
                            "material from an upstream source not in the collection"
                        ],
                        adds=shared[:5],
                    )
                )
    return edges


def _origin_reasons(
    origin: list[str], edges: list[ReuseEdge], children: dict[str, int]
) -> tuple[list[str], float]:
    """Why the origin is the origin, and how sure that is (``children``: chosen derivations per source)."""
    reasons: list[str] = []
    for o in origin:
        kids = [e.target for e in edges if e.source == o and e.kind != "shared-source"]
        if kids:
            reasons.append(f"{o} is the source of {', '.join(kids)} and derives from no member")
        else:
            reasons.append(f"{o}: no member is derived from another; chosen as the earliest/longest report")
    undirected = [
        e for e in edges if not e.directed and e.kind != "shared-source"
    ]  # that one has no direction
    conf = 0.9 if origin and all(children.get(o) for o in origin) else 0.4
    if undirected:
        conf = min(conf, 0.5)
        reasons.append(f"{len(undirected)} edge(s) could not be oriented; the origin is less certain")
    return reasons, conf


def _independent_edges(
    ids: list[str], alignment: StoryAlignment, derived: set[str], origin: list[str]
) -> list[ReuseEdge]:
    """Members with their own reporting: derived from nothing, not the origin."""
    edges: list[ReuseEdge] = []
    for i in ids:
        if i not in derived and i not in origin and origin:
            pair = alignment.pair(origin[0], i)
            edges.append(
                ReuseEdge(
                    source=origin[0],
                    target=i,
                    kind="independent",
                    directed=False,
                    source_coverage=round(pair.a_coverage, 3) if pair else 0.0,
                    target_coverage=round(pair.b_coverage, 3) if pair else 0.0,
                    confidence=0.5,
                    evidence=[
                        f"same story, own reporting: only {pair.b_coverage if pair else 0:.0%} of {i} "
                        f"is aligned to {origin[0]}"
                    ],
                )
            )
    return edges


def _originality(
    ids: list[str], parent: dict[str, str], articles: dict[str, Article], alignment: StoryAlignment
) -> dict[str, float]:
    """Share of each article not found in any member it may derive from (its ancestors and
    anything published or placed before it)."""
    out: dict[str, float] = {}
    order = _order(ids, parent, articles)
    for k, i in enumerate(order):
        best = 0.0
        for e_id in order[:k]:
            p = alignment.pair(e_id, i)
            if p is not None:
                best = max(best, p.b_coverage)
        out[i] = round(1.0 - best, 3)
    return out


def _order(ids: list[str], parent: dict[str, str], articles: dict[str, Article]) -> list[str]:
    def depth(i: str) -> int:
        d = 0
        while i in parent and d < len(ids):
            i = parent[i]
            d += 1
        return d

    return sorted(ids, key=lambda i: (depth(i), articles[i].published_at or "9999", i))
