"""The cited brief of one story, section by section, from its claims, quotes and edges.

Guarantee: every :class:`BriefSentence` cites at least one story article, each cited article
holds an aligned passage for it (its span is in ``backing``: :mod:`storytrace.brief.citations`),
and its text is either an article sentence verbatim ("what happened", "what only one source
reports"; a quotation that runs over several sentences is given whole, as those consecutive
sentences; a sentence not in the story's main language is marked with its language, ``[de] ...``)
or built only from extracted values (quotes, conflict values, edge kinds). "What happened" is told
in the story's main language only.
"""

from __future__ import annotations

import re

from storytrace.brief.citations import backing, language_tag, main_language
from storytrace.brief.extractive import Candidate, select
from storytrace.brief.options import BriefOptions
from storytrace.config import Config
from storytrace.facts.lineage import lines
from storytrace.model import Article, Backing, BriefSentence, Claim, Story

SECTIONS = (
    "what happened",
    "who said what",
    "what only one source reports",
    "what the sources disagree on",
    "who copied whom",
)
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’»)\]]*$")
EDGE_VERBS = {
    "copy": "copies",
    "condensed": "condenses",
    "paraphrase": "paraphrases",
    "translation": "translates",
    "duplicate": "duplicates",
    "shared-source": "shares a source with",
    "independent": "is independent of",
}


def _label(articles: dict[str, Article], a: str) -> str:
    art = articles.get(a)
    return (art.source or a) if art else a


def quote_balance(text: str) -> int:
    """+1 if ``text`` opens a quotation it does not close, -1 if it closes one opened before it, else 0."""
    opens, closes = text.count("\u201c"), text.count("\u201d")
    if opens != closes:
        return 1 if opens > closes else -1
    if text.count('"') % 2:
        i = text.index('"')
        opening = (i == 0 or text[i - 1].isspace() or text[i - 1] in "([\u2014\u2013-") and (
            i + 1 < len(text) and not text[i + 1].isspace()
        )
        return 1 if opening else -1
    return 0


def claim_candidates(story: Story, articles: dict[str, Article], passage_cover: float) -> list[Candidate]:
    """One candidate per claim, in the words of one carrier: one in the story's main language if
    any (the origin first), marked with its language otherwise; cited are the carriers that hold
    an aligned passage for those words (a lexical one covering ``passage_cover`` of them)."""
    origin = set(story.origin)
    main = main_language(story, articles)
    n = max(1, len(story.articles))
    order = {a: i for i, a in enumerate(story.articles)}
    out = []
    for c in story.claims:
        carriers = sorted(
            (a for a in c.articles if a in articles),
            key=lambda a: (articles[a].language != main, a not in origin, order.get(a, 0)),
        )
        if not carriers:
            continue
        a = carriers[0]
        sents = articles[a].sentences
        ks = c.sentences.get(a, [])
        if not ks or not sents or quote_balance(sents[ks[0]].text) < 0:
            continue  # the rest of a quote opened a sentence before: it is read with its opening
        text = " ".join(sents[k].text for k in ks)
        k = ks[-1]
        # A quote of several sentences is read whole: never half a quotation in the brief.
        while quote_balance(text) > 0 and k + 1 < len(sents) and k < ks[-1] + 3:
            k += 1
            text = f"{text} {sents[k].text}"
        backs = backing(story, articles, a, ks, carriers, passage_cover)
        out.append(
            Candidate(
                text=language_tag(text, articles[a].language, main),
                citations=[b.article for b in sorted(backs, key=lambda b: order.get(b.article, 0))],
                support=c.support,
                coverage=len(backs) / n,
                position=ks[0] / max(1, len(sents)),
                origin=a in origin,
                # reading order: the origin's account first, in its own order (a sentence another
                # member printed earlier too stays where the origin has it), then the others by time
                order=(
                    a not in origin,
                    a not in origin and c.first_reporter != a,
                    articles[a].published_at or "~",
                    order.get(a, 0),
                    ks[0],
                ),
                backing=backs,
            )
        )
    return out


def _in_main_language(c: Candidate, story: Story, articles: dict[str, Article]) -> bool:
    """The candidate shows words of an article in the story's main language (or of unknown language)."""
    main = main_language(story, articles)
    shown = next((b.article for b in c.backing if b.via == "shown"), None)
    lang = articles[shown].language if shown in articles else None
    return not (lang and main and lang != main)


def _quote_line(story: Story, articles: dict[str, Article], g) -> BriefSentence | None:
    """ "Speaker: “words”" in the words of a variant in the story's main language, citing every
    article that holds a (not misattributed) variant of the quote, at the variant's span."""
    held = [
        v
        for v in g.variants
        if v.fidelity != "misattributed"
        and v.article in articles
        and v.start is not None
        and v.end is not None
    ]
    if not held:
        return None
    main = main_language(story, articles)
    shown = min(held, key=lambda v: (articles[v.article].language != main, v.fidelity != "exact"))
    backs: dict[str, Backing] = {}
    for v in held:
        backs.setdefault(v.article, Backing(article=v.article, start=v.start, end=v.end, via="quote"))
    text = language_tag(f"{g.speaker}: \u201c{shown.text}\u201d", articles[shown.article].language, main)
    return BriefSentence(
        text=text, citations=sorted(backs), section="who said what", backing=[backs[a] for a in sorted(backs)]
    )


def _value_span(claim: Claim, articles: dict[str, Article], a: str, value: str) -> tuple[int, int] | None:
    """The sentence of ``a`` that states ``value``: its sentence of the claim, else any."""
    art = articles.get(a)
    if art is None or not value:
        return None
    ks = claim.sentences.get(a, [])
    for s in [art.sentences[k] for k in ks] + list(art.sentences):
        if value in s.text:
            return s.start, s.end
    return None


def _quotation_around(story: Story, a: str, value: str) -> str | None:
    """The shortest quotation of article ``a`` that holds ``value`` (a differing word or two)."""
    held = [v.text for g in story.quotes for v in g.variants if v.article == a and value and value in v.text]
    return min(held, key=len) if held else None


def _words_around(sentence: str, value: str, before: int = 4, after: int = 3) -> str | None:
    """``value`` with a few words of its sentence either side ("…a turnout of 68.4 percent, the…"),
    marked with ellipses where the sentence goes on."""
    at = sentence.find(value)
    if at < 0:
        return None
    head, tail = sentence[:at].split(), sentence[at + len(value) :].split()
    left, right = head[-before:] if before else [], tail[:after]
    text = " ".join([*left, value]) + (" " if tail and tail[0][:1] not in ",.;:!?" else "") + " ".join(right)
    return (
        ("\u2026" if len(head) > len(left) else "")
        + text.strip()
        + ("\u2026" if len(tail) > len(right) else "")
    )


def _conflict_line(
    story: Story, claim: Claim, conflict, articles: dict[str, Article]
) -> BriefSentence | None:
    """ "Slot differs — outlet: value; ..." over the values an article's text states; a quote's
    values are shown as the whole quotations that differ, not only the words that do ("chose" /
    "decided" says nothing to a reader without the quote around them)."""
    parts, backs = [], []
    for a, v in conflict.values.items():
        span = _value_span(claim, articles, a, v)
        if span is not None:
            whole = _quotation_around(story, a, v) if conflict.slot == "quote" else None
            if whole is None and conflict.slot not in ("quote", "speaker"):
                # a figure alone ("68.4 / 64.8") names no fact: give the words around it
                whole = _words_around(articles[a].text[span[0] : span[1]], v)
            parts.append(
                f"{_label(articles, a)}: \u201c{whole}\u201d" if whole else f"{_label(articles, a)}: {v}"
            )
            backs.append(Backing(article=a, start=span[0], end=span[1], via="value"))
    if len({b.article for b in backs}) < 2:
        return None
    return BriefSentence(
        text=f"{conflict.slot.capitalize()} differs \u2014 " + "; ".join(parts),
        citations=[b.article for b in backs],
        section="what the sources disagree on",
        backing=backs,
    )


def _edge_line(e, articles: dict[str, Article]) -> BriefSentence | None:
    """ "Target copies Source (n% of its text)." backed by the edge's first passage on each side."""
    if not e.passages:
        return None
    p = max(e.passages, key=lambda p: p.target_end - p.target_start)
    verb = EDGE_VERBS.get(e.kind, e.kind)
    return BriefSentence(
        text=f"{_label(articles, e.target)} {verb} {_label(articles, e.source)} "
        f"({round(100 * e.target_coverage)}% of its text).",
        citations=[e.target, e.source],
        section="who copied whom",
        backing=[
            Backing(article=e.target, start=p.target_start, end=p.target_end, via="edge"),
            Backing(article=e.source, start=p.source_start, end=p.source_end, via="edge"),
        ],
    )


def _stands_alone(c: Candidate, articles: dict[str, Article], min_words: int) -> bool:
    """``c`` can be read on its own: at least ``min_words`` words (not counting figures: a name, an
    age and "disagreed" lean on the sentence before them) and no subject pronoun first ("He said he
    would ..."); both say little to a reader who sees them alone."""
    from storytrace.facts.speakers import lexicon

    shown = next((b.article for b in c.backing if b.via == "shown"), None)
    words = re.findall(r"[^\W\d_]+", c.text)
    if len(words) < min_words:
        return False
    return words[0].lower() not in lexicon(articles[shown].language if shown in articles else None).pronouns


def build_brief(story: Story, articles: dict[str, Article], config: Config) -> list[BriefSentence]:
    opts: BriefOptions = config.options("brief")
    out: list[BriefSentence] = []
    cands = [c for c in claim_candidates(story, articles, opts.passage_cover) if c.backing]
    # The account is told in the story's main language; other languages' sentences go, marked, below.
    told = [c for c in cands if _in_main_language(c, story, articles)]
    for c in select(told, opts.words, config.embeddings, opts):
        out.append(
            BriefSentence(text=c.text, citations=c.citations, section="what happened", backing=c.backing)
        )
    used = {b.text for b in out}
    for g in sorted(story.quotes, key=lambda g: -len({v.article for v in g.variants}))[: opts.quote_groups]:
        if not g.speaker or len(g.text.split()) < opts.quote_min_words:
            continue
        line = _quote_line(story, articles, g)
        if line is not None:
            out.append(line)
    line_of = lines(story)
    origin_lines = {line_of[a] for a in story.origin if a in line_of}
    # what one source alone reports is a statement: a line with no sentence end is a heading, a
    # label or a link line the cleaner kept ("Live coverage: all the results"), not a fact
    uniques = [
        c
        for c in cands
        if c.support <= 1
        and c.text not in used
        and not {line_of.get(a) for a in c.citations} & origin_lines
        and _SENTENCE_END.search(c.text.rstrip())
        and _stands_alone(c, articles, opts.unique_min_words)
    ]
    for c in select(uniques, opts.unique_words, config.embeddings, opts)[: opts.unique_max]:
        out.append(
            BriefSentence(
                text=c.text, citations=c.citations, section="what only one source reports", backing=c.backing
            )
        )
    for claim in story.claims:
        for conflict in claim.conflicts:
            line = _conflict_line(story, claim, conflict, articles)
            if line is not None:
                out.append(line)
    for e in story.edges:
        if e.kind != "independent":
            line = _edge_line(e, articles)
            if line is not None:
                out.append(line)
    return out
