"""The cited brief of one story, section by section, from its claims, quotes and edges.

Guarantee: every :class:`BriefSentence` cites at least one story article, and its text is either
an article sentence verbatim ("what happened", "what only one source reports"; a quotation that
runs over several sentences is given whole, as those consecutive sentences) or built only from
extracted values (quotes, conflict values, edge kinds).
"""

from __future__ import annotations

from storytrace.brief.extractive import Candidate, select
from storytrace.config import Config
from storytrace.facts.lineage import lines
from storytrace.model import Article, BriefSentence, Story

SECTIONS = (
    "what happened",
    "who said what",
    "what only one source reports",
    "what the sources disagree on",
    "who copied whom",
)
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


def claim_candidates(story: Story, articles: dict[str, Article]) -> list[Candidate]:
    origin = set(story.origin)
    n = max(1, len(story.articles))
    order = {a: i for i, a in enumerate(story.articles)}
    out = []
    for c in story.claims:
        carriers = sorted(c.articles, key=lambda a: (a not in origin, order.get(a, 0)))
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
        out.append(
            Candidate(
                text=text,
                citations=c.articles,
                support=c.support,
                coverage=len(c.articles) / n,
                position=ks[0] / max(1, len(sents)),
                origin=a in origin,
                # reading order: the origin's account first, then the others by time
                order=(
                    a not in origin,
                    c.first_reporter != a,
                    articles[a].published_at or "~",
                    order.get(a, 0),
                    ks[0],
                ),
            )
        )
    return out


def build_brief(story: Story, articles: dict[str, Article], config: Config) -> list[BriefSentence]:
    out: list[BriefSentence] = []
    for c in select(claim_candidates(story, articles), config.brief_words, config.embeddings):
        out.append(BriefSentence(text=c.text, citations=c.citations, section="what happened"))
    used = {b.text for b in out}
    for g in sorted(story.quotes, key=lambda g: -len({v.article for v in g.variants}))[:5]:
        if not g.speaker or len(g.text.split()) < 3:
            continue
        cites = sorted({v.article for v in g.variants if v.fidelity != "misattributed"})
        out.append(
            BriefSentence(text=f"{g.speaker}: \u201c{g.text}\u201d", citations=cites, section="who said what")
        )
    line = lines(story)
    origin_lines = {line[a] for a in story.origin if a in line}
    uniques = [
        c
        for c in claim_candidates(story, articles)
        if c.support <= 1 and c.text not in used and not {line.get(a) for a in c.citations} & origin_lines
    ]
    for c in select(uniques, 60, config.embeddings)[:3]:
        out.append(BriefSentence(text=c.text, citations=c.citations, section="what only one source reports"))
    for claim in story.claims:
        for conflict in claim.conflicts:
            parts = [f"{_label(articles, a)}: {v}" for a, v in conflict.values.items()]
            out.append(
                BriefSentence(
                    text=f"{conflict.slot.capitalize()} differs \u2014 " + "; ".join(parts),
                    citations=list(conflict.values),
                    section="what the sources disagree on",
                )
            )
    for e in story.edges:
        if e.kind == "independent":
            continue
        verb = EDGE_VERBS.get(e.kind, e.kind)
        out.append(
            BriefSentence(
                text=f"{_label(articles, e.target)} {verb} {_label(articles, e.source)} "
                f"({round(100 * e.target_coverage)}% of its text).",
                citations=[e.target, e.source],
                section="who copied whom",
            )
        )
    return out
