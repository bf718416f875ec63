"""Claims: aligned sentences of a story grouped across articles, with support and status.

Guarantee: every sentence of every story article belongs to at most one claim; ``support`` counts
distinct lines of descent (:mod:`storytrace.facts.lineage`), so copies of one original add none;
status is ``conflicting`` if a comparable slot differs, else ``unique`` (one line), ``consensus``
(at least half of the story's lines and two or more), else ``partial``.
"""

from __future__ import annotations

import re
from collections import defaultdict

from storytrace.config import Config, options_of
from storytrace.facts.conflicts import sentence_conflicts
from storytrace.facts.lineage import claim_support, lines
from storytrace.facts.options import FactsOptions
from storytrace.model import Article, Claim, Conflict, QuoteGroup, Story

# A claim is a statement: it ends as a sentence does. A line with no sentence end is a heading, a
# label or a link line the cleaner kept ("Live coverage: all the results"), not a fact.
_STATEMENT_END = re.compile(r"[.!?…。！？؟।]['\"”’»)\]]*$")


def sentence_matches(story: Story) -> list:
    """The story's sentence matches: the align stage's (its owner; the contract runs it first)."""
    return list(story.alignment.sentence_matches)


def build_claims(
    story: Story, articles: dict[str, Article], config: Config, quotes: list[QuoteGroup] | None = None
) -> list[Claim]:
    opts: FactsOptions = options_of(config, "facts")
    ids = [a for a in story.articles if a in articles]
    nodes = [
        (a, k)
        for a in ids
        for k, s in enumerate(articles[a].sentences)
        if len(s.text.split()) >= opts.claim_min_words
    ]
    parent = {n: n for n in nodes}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Strongest matches first; a claim never holds two sentences of one article, which stops
    # chains of weak matches from merging a whole story into one claim. Two groups join only when
    # enough of their sentence pairs match directly (claim_link_share): a sentence that matches one
    # member of a group of copies, and none of the others, says something else.
    matches = sorted(sentence_matches(story), key=lambda m: -m.similarity)
    linked: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    for m in matches:
        linked[(m.a, m.a_index)].add((m.b, m.b_index))
        linked[(m.b, m.b_index)].add((m.a, m.a_index))
    members = {n: [n] for n in nodes}
    carried = {n: {n[0]} for n in nodes}
    order = {a: i for i, a in enumerate(ids)}
    origin = set(story.origin)

    def first_key(a: str) -> tuple:
        return (articles[a].published_at or "~", a not in origin, order[a])

    for m in matches:
        x, y = (m.a, m.a_index), (m.b, m.b_index)
        if x not in parent or y not in parent:
            continue
        rx, ry = find(x), find(y)
        if rx == ry or carried[rx] & carried[ry]:
            continue
        links = sum(1 for u in members[rx] for v in linked[u] if v in parent and find(v) == ry)
        if links < opts.claim_link_share * len(members[rx]) * len(members[ry]) and not _other_figure(
            members[rx], members[ry], articles, first_key, opts
        ):
            continue
        parent[rx] = ry
        carried[ry] |= carried.pop(rx)
        members[ry] += members.pop(rx)
    groups: dict[tuple, list[tuple[str, int]]] = defaultdict(list)
    for n in nodes:
        # lines with no sentence end take part in the matching (they hold their matches) but are
        # no claim and carry none
        if _statement(articles[n[0]], n[1]):
            groups[find(n)].append(n)
    line = lines(story)
    all_lines = set(line.values())

    claims: list[Claim] = []
    for members in groups.values():
        by_article: dict[str, list[int]] = defaultdict(list)
        for a, k in sorted(members, key=lambda n: (order[n[0]], n[1])):
            by_article[a].append(k)
        carriers = sorted(by_article, key=first_key)
        first = carriers[0]
        text = " ".join(articles[first].sentences[k].text for k in by_article[first])
        support = claim_support(story, articles, by_article)
        conflicts = _conflicts(by_article, articles, first, opts)
        if conflicts:
            status = "conflicting"
        elif support <= 1:
            status = "unique"
        elif support >= max(2, (len(all_lines) + 1) // 2):
            status = "consensus"
        else:
            status = "partial"
        claims.append(
            Claim(
                id="",
                text=text,
                articles=sorted(by_article, key=order.get),
                status=status,
                first_reporter=first,
                support=support,
                sentences=dict(by_article),
                conflicts=conflicts,
            )
        )
    claims.sort(key=lambda c: (order[c.first_reporter or ""], min(c.sentences[c.first_reporter or ""])))
    if quotes:
        _attach_quote_conflicts(claims, quotes, articles)
    for k, c in enumerate(claims):
        c.id = f"{story.id}-c{k + 1}"
    return claims


def _statement(article: Article, k: int) -> bool:
    """Sentence ``k`` ends as a sentence does, or is part of a longer paragraph (the last sentence
    of a paragraph whose full stop was lost is still a statement; a line of its own is not)."""
    s = article.sentences[k]
    if _STATEMENT_END.search(s.text):
        return True
    text = article.text
    whole_line = (s.start == 0 or text[s.start - 1] == "\n") and (s.end == len(text) or text[s.end] == "\n")
    return not whole_line


def _other_figure(xs: list, ys: list, articles: dict[str, Article], first_key, opts: FactsOptions) -> bool:
    """One side is a single sentence that gives the other group's first report another figure
    for the same fact: it matches only some of the group's members because its figure differs
    (a copy that keeps the figure is closer to each of them), so the missing links are the
    disagreement itself, not drift along a chain."""
    if len(xs) != 1 and len(ys) != 1:
        return False
    single, group = (xs, ys) if len(xs) == 1 else (ys, xs)
    a, k = single[0]
    head = min(group, key=lambda n: first_key(n[0]))
    text = articles[a].sentences[k].text
    ref = articles[head[0]]
    return any(
        slot == "number"
        for slot, _, _ in sentence_conflicts(ref.sentences[head[1]].text, text, ref.language, opts)
    )


def _conflicts(
    by_article: dict[str, list[int]], articles: dict[str, Article], first: str, opts: FactsOptions
) -> list[Conflict]:
    ref = " ".join(articles[first].sentences[k].text for k in by_article[first])
    slots: dict[str, dict[str, str]] = {}
    for a, ks in by_article.items():
        if a == first:
            continue
        text = " ".join(articles[a].sentences[k].text for k in ks)
        for slot, va, vb in sentence_conflicts(ref, text, articles[first].language, opts):
            values = slots.setdefault(slot, {})
            values.setdefault(first, va)
            values[a] = vb
    return [Conflict(slot=s, values=v) for s, v in slots.items()]


def _attach_quote_conflicts(
    claims: list[Claim], quotes: list[QuoteGroup], articles: dict[str, Article]
) -> None:
    """Misattributed and altered quote variants become speaker/quote conflicts of their claim."""
    found = [c for claim in claims for c in claim.conflicts]
    locate: dict[tuple[str, int], Claim] = {}
    for c in claims:
        for a, ks in c.sentences.items():
            for k in ks:
                locate[(a, k)] = c
    for g in quotes:
        ref = next((v for v in g.variants if v.fidelity == "exact"), g.variants[0])
        for v in g.variants:
            if v.fidelity not in ("misattributed", "altered"):
                continue
            slot = "speaker" if v.fidelity == "misattributed" else "quote"
            if slot == "speaker" and (v.speaker or "")[:1].islower():
                continue  # "the gaffer" names no one else: a role word for the same speaker is no conflict
            values = {
                ref.article: (ref.speaker or "") if slot == "speaker" else ref.text,
                v.article: (v.speaker or "") if slot == "speaker" else v.text,
            }
            sents = articles[v.article].sentences
            k = next((i for i, s in enumerate(sents) if s.start <= (v.start or 0) < s.end), None)
            claim = locate.get((v.article, k)) if k is not None else None
            # A slot conflict already found for this article inside the quote explains the change.
            if (
                claim is not None
                and not any(v.article in c.values for c in claim.conflicts)
                and not any(c.values.get(v.article) and c.values[v.article] in v.text for c in found)
            ):
                claim.conflicts.append(Conflict(slot=slot, values=values))
                claim.status = "conflicting"
