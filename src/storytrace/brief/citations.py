"""Backed citations: an article is cited for a sentence only where it holds an aligned passage for it.

A brief sentence shows the words of one article (the *shown* article); another article backs it
when the story's alignment matches one of the shown sentences to a sentence of it, or a lexical
passage covers most of a shown sentence. :func:`aligned_span` finds that span, the brief stage
writes it into ``BriefSentence.backing``, and :func:`unbacked_citations` checks a finished corpus
(the count the tests and ``eval/provenance_stories.py`` report).
"""

from __future__ import annotations

from collections import Counter

from storytrace.brief.options import BriefOptions
from storytrace.model import Article, Backing, BriefSentence, Corpus, Story

# A lexical passage backs a sentence when it covers ``BriefOptions.passage_cover`` of it.
TAG_OPEN, TAG_CLOSE = "[", "] "


def main_language(story: Story, articles: dict[str, Article]) -> str | None:
    """The language most members are written in (ties: the origin's, then the first member's)."""
    langs = Counter(articles[a].language for a in story.articles if a in articles and articles[a].language)
    if not langs:
        return None
    top = max(langs.values())
    tied = [lang for lang, n in langs.items() if n == top]
    for a in [*story.origin, *story.articles]:
        if a in articles and articles[a].language in tied:
            return articles[a].language
    return tied[0]


def language_tag(text: str, language: str | None, main: str | None) -> str:
    """``text`` marked with its language when it is not the story's main language."""
    return f"{TAG_OPEN}{language}{TAG_CLOSE}{text}" if language and main and language != main else text


def untagged(text: str) -> str:
    """``text`` without the language tag of :func:`language_tag`."""
    if text.startswith(TAG_OPEN) and TAG_CLOSE in text[:12]:
        return text.split(TAG_CLOSE, 1)[1]
    return text


def _sentence_at(article: Article, pos: int) -> tuple[int, int] | None:
    for s in article.sentences:
        if s.start <= pos < s.end:
            return s.start, s.end
    return None


def aligned_span(
    story: Story,
    articles: dict[str, Article],
    shown: str,
    indices: list[int],
    cited: str,
    passage_cover: float,
) -> tuple[int, int] | None:
    """The span of ``cited`` aligned to sentences ``indices`` of ``shown`` (None if it holds none):
    a matched sentence, or a lexical passage covering ``passage_cover`` of a shown sentence."""
    if cited == shown:
        sents = articles[shown].sentences
        return (sents[indices[0]].start, sents[indices[-1]].end) if indices else None
    pair = story.alignment.pair(shown, cited)
    if pair is None:
        return None
    src, tgt = articles[shown], articles[cited]
    want = set(indices)
    for m in pair.sentence_matches:  # a matched sentence: the strongest evidence
        if m.a_index in want:
            s = tgt.sentences[m.b_index]
            return s.start, s.end
    for k in indices:  # a lexical passage covering most of a shown sentence
        s = src.sentences[k]
        for p in pair.passages:
            lo, hi = max(p.source_start, s.start), min(p.source_end, s.end)
            if hi - lo < passage_cover * (s.end - s.start):
                continue
            # the same point of the passage on the cited side (passages keep word order)
            ratio = (p.target_end - p.target_start) / max(p.source_end - p.source_start, 1)
            mid = p.target_start + int(((lo + hi) / 2 - p.source_start) * ratio)
            span = _sentence_at(tgt, min(max(mid, p.target_start), p.target_end - 1))
            if span is not None:
                return span
    return None


def _shown(sentence: BriefSentence, articles: dict[str, Article]) -> tuple[str, list[int]] | None:
    """The article whose words a brief sentence shows, and the indices of those sentences."""
    text = untagged(sentence.text)
    for a in sentence.citations:
        art = articles.get(a)
        at = art.text.find(text) if art is not None else -1
        if at >= 0:
            ks = [k for k, s in enumerate(art.sentences) if s.start < at + len(text) and at < s.end]
            if ks:
                return a, ks
    return None


def _check_brief(
    story: Story, articles: dict[str, Article], b: BriefSentence, require_span: bool, passage_cover: float
) -> list[str]:
    """The citations of ``b`` its articles do not back, as readable lines. Without ``require_span``
    a citation with no span is judged on the alignment alone (for output made before spans existed)."""
    spans = {x.article: x for x in getattr(b, "backing", [])}
    bad: list[str] = []
    shown = _shown(b, articles) if b.section in ("what happened", "what only one source reports") else None
    for a in b.citations:
        art = articles.get(a)
        x = spans.get(a)
        where = f"{story.id} [{b.section}] {b.text[:60]!r} cites {a}"
        if x is None and not require_span and art is not None:
            x = Backing(article=a, start=0, end=len(art.text), via="whole text")
        if art is None or x is None or not 0 <= x.start < x.end <= len(art.text):
            bad.append(f"{where}: no backing span")
            continue
        held = art.text[x.start : x.end]
        if b.section in ("what happened", "what only one source reports"):
            if shown is None:
                ok = False
            else:
                span = aligned_span(story, articles, shown[0], shown[1], a, passage_cover)
                ok = span is not None and span[0] < x.end and x.start < span[1]
        elif b.section == "who said what":
            ok = any(
                v.article == a
                and v.start is not None
                and v.start < x.end
                and x.start < (v.end or 0)
                and v.fidelity != "misattributed"
                for g in story.quotes
                for v in g.variants
            )
        elif b.section == "what the sources disagree on":
            ok = any(k.values.get(a) and k.values[a] in held for c in story.claims for k in c.conflicts)
        else:  # who copied whom: a passage of the edge between the two cited articles
            ok = any(
                {e.source, e.target} == set(b.citations)
                and any(
                    (p.target_start < x.end and x.start < p.target_end)
                    if a == e.target
                    else (p.source_start < x.end and x.start < p.source_end)
                    for p in e.passages
                )
                for e in story.edges
            )
        if not ok:
            bad.append(f"{where}: its span {held[:50]!r} is not aligned to it")
    return bad


def _claim_backed(
    story: Story,
    articles: dict[str, Article],
    first: str,
    first_ks: list[int],
    a: str,
    ks: list[int],
    passage_cover: float,
) -> bool:
    """Sentences ``ks`` of ``a`` are aligned to the first reporter's sentences ``first_ks``."""
    span = aligned_span(story, articles, first, first_ks, a, passage_cover)
    sents = articles[a].sentences
    return span is not None and any(sents[k].start < span[1] and span[0] < sents[k].end for k in ks)


def unbacked_citations(
    corpus: Corpus, require_span: bool = True, claims: bool = False, opts: BriefOptions | None = None
) -> tuple[list[str], int]:
    """Every citation no aligned passage backs, and the number of citations checked: brief
    sentences (each cited article) and, with ``claims``, claims (each carrier against the first
    reporter's sentences: a claim is grouped through chains of matches, so a carrier may be reached
    only through another). Needs the stories' alignments (a corpus fresh from the pipeline);
    ``opts``: the brief options the corpus was made with (their defaults when None)."""
    cover = (opts or BriefOptions()).passage_cover
    articles = {a.id: a for a in corpus.articles}
    bad: list[str] = []
    total = 0
    for story in corpus.stories:
        for b in story.brief:
            total += len(b.citations)
            bad += _check_brief(story, articles, b, require_span, cover)
        for c in story.claims if claims else []:
            first = c.first_reporter
            for a in c.articles:
                total += 1
                if first is None or first not in c.sentences or a not in c.sentences:
                    bad.append(f"{story.id} claim {c.id} cites {a}: no sentences")
                elif a != first and not _claim_backed(
                    story, articles, first, c.sentences[first], a, c.sentences[a], cover
                ):
                    bad.append(f"{story.id} claim {c.id} {c.text[:50]!r} cites {a}: not aligned to {first}")
    return bad, total


def backing(
    story: Story,
    articles: dict[str, Article],
    shown: str,
    indices: list[int],
    cited: list[str],
    passage_cover: float,
) -> list[Backing]:
    """Backing spans of the ``cited`` articles that hold an aligned passage for sentences ``indices``
    of ``shown`` (the others are left out: they are not to be cited)."""
    out = []
    for a in cited:
        span = aligned_span(story, articles, shown, indices, a, passage_cover) if a in articles else None
        if span is not None:
            out.append(
                Backing(article=a, start=span[0], end=span[1], via="shown" if a == shown else "aligned")
            )
    return out
