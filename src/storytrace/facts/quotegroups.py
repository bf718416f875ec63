"""Quote groups: one utterance across a story's articles, each variant labelled by fidelity.

Guarantee: every extracted quote is in exactly one group; the group's reference variant (from an
origin article, else the earliest, else the most complete direct quote) is ``exact``; the others
are labelled ``exact | trimmed | altered | translated | paraphrased | misattributed`` against it,
``altered`` ones carrying a word diff.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

import numpy as np

from storytrace.brief.citations import main_language
from storytrace.facts.lineage import edge_kind
from storytrace.facts.options import FactsOptions
from storytrace.facts.quotes import Quote
from storytrace.facts.speakers import canonical_speakers, same_speaker
from storytrace.model import Article, QuoteGroup, QuoteVariant, Story
from storytrace.text import tokens

# The joins' cut-offs are the facts stage's options (``FactsOptions.quote_*``).


def containment(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the smaller word set found in the other, counting content words (> 3 letters)."""
    sa, sb = {w for w in a if len(w) > 3}, {w for w in b if len(w) > 3}
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def _is_sub(small: list[str], big: list[str]) -> bool:
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


def word_diff(ref: str, var: str) -> list[list[str]]:
    a, b = ref.split(), var.split()
    out: list[list[str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(["=", " ".join(a[i1:i2])])
        else:
            if i2 > i1:
                out.append(["-", " ".join(a[i1:i2])])
            if j2 > j1:
                out.append(["+", " ".join(b[j1:j2])])
    return out


def _embeddings(
    quotes: list[Quote],
    toks: list[list[str]],
    backend: str,
    opts: FactsOptions,
    translated: set[int] | frozenset[int] = frozenset(),
) -> np.ndarray | None:
    """Vectors of the quotes that ``group_quotes`` may compare by meaning (zero rows for the
    others): a direct quote with a direct quote of another article whose words it shares in part
    (containment in [``quote_semantic_min_words``, ``quote_same_words``), short of the lexical
    joins), and the ``translated`` quotes (their
    sentences were aligned across languages; the vectors confirm the two say one thing). A model
    pass costs ~30 ms a
    sentence; most quotes are joined or kept apart by their words alone (issue 17)."""
    if backend == "none" or not quotes:
        return None
    from storytrace.embed import encode

    need: set[int] = set(translated)
    for i, qi in enumerate(quotes):
        for j in range(i + 1, len(quotes)):
            qj, ti, tj = quotes[j], toks[i], toks[j]
            if not (qi.direct and qj.direct) or qi.article == qj.article or min(len(ti), len(tj)) < 2:
                continue
            short, long_ = (ti, tj) if len(ti) <= len(tj) else (tj, ti)
            lexical = containment(ti, tj)
            if (
                opts.quote_semantic_min_words <= lexical < opts.quote_same_words
                and not (len(short) >= opts.quote_min_words and lexical >= opts.quote_lexical_join)
                and not _is_sub(short, long_)
            ):
                need |= {i, j}
    if not need:
        return None
    rows = sorted(need)
    vecs = encode([quotes[k].text for k in rows], backend)
    out = np.zeros((len(quotes), vecs.shape[1]), dtype=vecs.dtype)
    out[rows] = vecs
    return out


def _translated_sentences(story: Story, articles: dict[str, Article]) -> set[tuple]:
    """Pairs ((article, sentence), (article, sentence)), both ways, of sentences the align stage
    matched across languages, between two articles provenance calls a translation. Across
    languages a sentence also matches a like sentence of another report (one spokesman's "we will
    switch it off" and another's "we will begin the shutdown"): the translation edge says the two
    texts are one text. The story must be aligned (the facts stage requires it)."""
    out: set[tuple] = set()
    for m in story.alignment.sentence_matches:
        a, b = articles.get(m.a), articles.get(m.b)
        if (
            a
            and b
            and a.language
            and b.language
            and a.language != b.language
            and edge_kind(story, m.a, m.b) == "translation"
        ):
            out |= {((m.a, m.a_index), (m.b, m.b_index)), ((m.b, m.b_index), (m.a, m.a_index))}
    return out


def _sentence_of(article: Article, start: int | None) -> int | None:
    if start is None:
        return None
    return next((k for k, s in enumerate(article.sentences) if s.start <= start < s.end), None)


def group_quotes(
    story: Story,
    articles: dict[str, Article],
    quotes: list[Quote],
    backend: str = "auto",
    opts: FactsOptions | None = None,
) -> list[QuoteGroup]:
    """The story's quotes grouped across articles (one group per utterance), each variant labelled
    by fidelity against the group's reference quote; ``opts``: the joins' cut-offs."""
    opts = opts or FactsOptions()
    toks = [tokens(q.text) for q in quotes]
    n = len(quotes)
    parent = list(range(n))
    arts = [{q.article} for q in quotes]  # articles per component (valid at roots)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    linked = _translated_sentences(story, articles)
    where = [_sentence_of(articles[q.article], q.start) for q in quotes]
    translated = {
        i
        for i in range(n)
        for j in range(n)
        if i != j
        and quotes[i].direct
        and quotes[j].direct
        and ((quotes[i].article, where[i]), (quotes[j].article, where[j])) in linked
    }
    emb = _embeddings(quotes, toks, backend, opts, translated)
    for i in range(n):
        for j in range(i + 1, n):
            qi, qj = quotes[i], quotes[j]
            ti, tj = toks[i], toks[j]
            if min(len(ti), len(tj)) < 2:
                continue
            short, long_ = (ti, tj) if len(ti) <= len(tj) else (tj, ti)
            lexical = containment(ti, tj)
            if _is_sub(short, long_) or lexical >= opts.quote_same_words:
                joined = True  # the same words: may bridge two quotes of one article
            elif (
                qi.direct
                and qj.direct
                and ((qi.article, where[i]), (qj.article, where[j])) in linked
                and (emb is None or float(emb[i] @ emb[j]) >= opts.quote_translated_join)
            ):
                # a quote and its translation share no words: the aligned sentences tell
                joined = not arts[find(i)] & arts[find(j)]
            elif (
                len(short) >= opts.quote_min_words
                and lexical >= opts.quote_lexical_join
                or (
                    qi.article != qj.article
                    and emb is not None
                    and lexical >= opts.quote_semantic_min_words
                    and qi.direct
                    and qj.direct
                    and float(emb[i] @ emb[j]) >= opts.quote_semantic_join
                )
            ):
                # Reworded or translated: close in words or meaning, but never chaining two
                # different quotes of one article together.
                joined = not arts[find(i)] & arts[find(j)]
            else:
                joined = False
            if joined and qi.article == qj.article and same_speaker(qi.speaker, qj.speaker) is False:
                joined = False
            if joined and find(i) != find(j):
                ri, rj = find(i), find(j)
                parent[ri] = rj
                arts[rj] |= arts[ri]
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(find(i), []).append(i)
    names = canonical_speakers([q.speaker for q in quotes if q.speaker])
    origin = set(story.origin)
    main = main_language(story, articles)
    groups: list[QuoteGroup] = []
    for idxs in members.values():
        if not any(quotes[i].direct for i in idxs):
            continue  # indirect statements alone are claims, not quotes

        def rank(i: int) -> tuple:
            # the reference is a direct quote in the story's main language (a translation is
            # "translated" against it, never the other way round), from the origin, the earliest
            q = quotes[i]
            pub = articles[q.article].published_at or "~"
            return (
                not q.direct,
                articles[q.article].language != main,
                q.article not in origin,
                pub,
                -len(toks[i]),
                q.start,
            )

        idxs.sort(key=rank)
        ref = quotes[idxs[0]]
        ref_speaker = names.get(ref.speaker or "", ref.speaker)
        if ref_speaker is None:
            ref_speaker = next(
                (names.get(quotes[i].speaker, quotes[i].speaker) for i in idxs if quotes[i].speaker), None
            )
        variants = [
            _variant(q, toks[i], ref, toks[idxs[0]], ref_speaker, names, story, articles, opts)
            for i, q in ((i, quotes[i]) for i in idxs)
        ]
        # An article that also gives the words to the reference speaker does not misattribute them.
        for v in variants:
            if v.fidelity == "misattributed" and any(
                w.article == v.article
                and w.fidelity != "misattributed"
                and containment(tokens(w.text), tokens(v.text)) >= opts.quote_lexical_join
                for w in variants
            ):
                v.fidelity = "exact" if v.text == ref.text else "trimmed"
        variants.sort(key=lambda v: (v.article, v.start or 0))
        groups.append(QuoteGroup(id="", speaker=ref_speaker, text=ref.text, variants=variants))
    groups.sort(
        key=lambda g: (-len({v.article for v in g.variants}), g.variants[0].article, g.variants[0].start or 0)
    )
    for k, g in enumerate(groups):
        g.id = f"{story.id}-q{k + 1}"
    return groups


def _variant(
    q: Quote,
    qt: list[str],
    ref: Quote,
    rt: list[str],
    ref_speaker: str | None,
    names: dict[str, str],
    story: Story,
    articles: dict[str, Article],
    opts: FactsOptions,
) -> QuoteVariant:
    speaker = names.get(q.speaker or "", q.speaker)
    diff: list[list[str]] = []
    if q is ref:
        fidelity = "exact"
    elif (
        same_speaker(speaker, ref_speaker) is False
        and len(qt) >= opts.quote_min_words  # short phrases recur
        and containment(qt, rt) >= opts.quote_lexical_join
    ):  # the same words, not a chained neighbour
        fidelity = "misattributed"
    elif not q.direct:
        fidelity = "paraphrased"
    elif qt == rt:
        fidelity = "exact"
    elif _is_sub(qt, rt):
        fidelity = "trimmed"
    elif edge_kind(story, q.article, ref.article) == "translation" or (
        articles[q.article].language
        and articles[ref.article].language
        and articles[q.article].language != articles[ref.article].language
    ):
        fidelity = "translated"
    else:
        fidelity = "altered"
    if fidelity in ("altered", "translated", "misattributed") and qt != rt:
        diff = word_diff(ref.text, q.text)
    return QuoteVariant(
        article=q.article,
        speaker=speaker,
        mention=q.mention,
        text=q.text,
        fidelity=fidelity,
        cue=q.cue,
        start=q.start,
        end=q.end,
        diff=diff,
    )
