"""Align every pair of a story's articles: lexical passages plus semantic sentence matches.

Sentences of all members are embedded once (multilingual e5 by default, so translations align);
for each pair, a one-to-one greedy matching keeps sentence pairs whose score passes the
threshold. The score mixes the embedding cosine with word overlap, so a reworded sentence that
keeps its facts matches while a same-topic sentence with other facts does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from storytrace.align.lexical import align_texts, coverage
from storytrace.model import Article, Passage, Story
from storytrace.text.normalize import tokens

# Calibrated on the e5 backend: cosines of unrelated news sentences sit around 0.75-0.85.
SEMANTIC_THRESHOLD = 0.62
COS_FLOOR = 0.80


@dataclass
class SentenceMatch:
    """Sentence ``a_index`` of article ``a`` says what sentence ``b_index`` of article ``b`` says."""

    a: str
    a_index: int
    b: str
    b_index: int
    similarity: float
    kind: str  # verbatim | near | semantic | translation


@dataclass
class PairAlignment:
    a: str
    b: str
    passages: list[Passage]  # source side = a, target side = b
    sentence_matches: list[SentenceMatch]
    a_coverage: float  # share of a's characters aligned to b
    b_coverage: float
    a_verbatim: float = 0.0  # share of a's characters in lexical passages
    b_verbatim: float = 0.0

    def swapped(self) -> PairAlignment:
        return PairAlignment(
            self.b, self.a,
            [Passage(source_start=p.target_start, source_end=p.target_end, target_start=p.source_start,
                     target_end=p.source_end, similarity=p.similarity, kind=p.kind) for p in self.passages],
            [SentenceMatch(m.b, m.b_index, m.a, m.a_index, m.similarity, m.kind) for m in self.sentence_matches],
            self.b_coverage, self.a_coverage, self.b_verbatim, self.a_verbatim,
        )


@dataclass
class StoryAlignment:
    pairs: dict[tuple[str, str], PairAlignment] = field(default_factory=dict)  # keys (a, b) with a < b

    @property
    def sentence_matches(self) -> list[SentenceMatch]:
        return [m for p in self.pairs.values() for m in p.sentence_matches]

    def pair(self, a: str, b: str) -> PairAlignment | None:
        if (a, b) in self.pairs:
            return self.pairs[(a, b)]
        p = self.pairs.get((b, a))
        return p.swapped() if p is not None else None


def _overlap(x: set[str], y: set[str]) -> float:
    return len(x & y) / max(min(len(x), len(y)), 1) if x and y else 0.0


def _overlap_matrix(tok_a: list[set[str]], tok_b: list[set[str]], inc_a=None, inc_b=None) -> np.ndarray:
    """``_overlap`` of every sentence pair; with story-wide incidence matrices it is one sparse product."""
    if inc_a is None or inc_b is None:
        return np.array([[_overlap(x, y) for y in tok_b] for x in tok_a]).reshape(len(tok_a), len(tok_b))
    inter = (inc_a @ inc_b.T).toarray()
    la = np.array([len(x) for x in tok_a], dtype=float)
    lb = np.array([len(y) for y in tok_b], dtype=float)
    return inter / np.maximum(np.minimum(la[:, None], lb[None, :]), 1)


def align_pair(a: Article, b: Article, emb_a: np.ndarray, emb_b: np.ndarray,
               tok_a: list[set[str]], tok_b: list[set[str]], inc_a=None, inc_b=None) -> PairAlignment:
    lex = align_texts(a.text, b.text)
    passages = [
        Passage(source_start=p.a_start, source_end=p.a_end, target_start=p.b_start, target_end=p.b_end,
                similarity=round(p.similarity, 3), kind="verbatim" if p.similarity >= 0.9 else "near")
        for p in lex
    ]
    cross = bool(a.language and b.language and a.language != b.language)
    matches: list[SentenceMatch] = []
    if len(emb_a) and len(emb_b):
        cos = emb_a @ emb_b.T
        ov = _overlap_matrix(tok_a, tok_b, inc_a, inc_b) if not cross else np.zeros(cos.shape)
        sem = np.clip((cos - COS_FLOOR) / (1 - COS_FLOOR), 0, 1)
        score = np.maximum(ov, 0.5 * sem + 0.5 * ov) if not cross else sem
        used_a, used_b = set(), set()
        for flat in np.argsort(-score, axis=None):
            i, j = divmod(int(flat), score.shape[1])
            s = float(score[i, j])
            if s < SEMANTIC_THRESHOLD:
                break
            if i in used_a or j in used_b:
                continue
            used_a.add(i)
            used_b.add(j)
            o = ov[i, j]
            kind = "translation" if cross else "verbatim" if o >= 0.9 else "near" if o >= 0.5 else "semantic"
            matches.append(SentenceMatch(a.id, i, b.id, j, round(s, 3), kind))
        matches.sort(key=lambda m: (m.a_index, m.b_index))
    for m in matches:  # reworded or translated sentences become passages too, for the side-by-side view
        if m.kind in ("semantic", "translation"):
            sa, sb = a.sentences[m.a_index], b.sentences[m.b_index]
            passages.append(Passage(source_start=sa.start, source_end=sa.end, target_start=sb.start,
                                    target_end=sb.end, similarity=m.similarity, kind=m.kind))
    a_spans = [(p.source_start, p.source_end) for p in passages]
    b_spans = [(p.target_start, p.target_end) for p in passages]
    a_spans += [(a.sentences[m.a_index].start, a.sentences[m.a_index].end) for m in matches]
    b_spans += [(b.sentences[m.b_index].start, b.sentences[m.b_index].end) for m in matches]
    return PairAlignment(
        a.id, b.id, passages, matches,
        coverage(a_spans, len(a.text)), coverage(b_spans, len(b.text)),
        coverage([(p.a_start, p.a_end) for p in lex], len(a.text)),
        coverage([(p.b_start, p.b_end) for p in lex], len(b.text)),
    )


def _incidence(token_sets: list[set[str]]):
    """Binary sentence x word matrix (CSR) over the story's vocabulary."""
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}
    indptr, indices = [0], []
    for t in token_sets:
        indices.extend(vocab.setdefault(w, len(vocab)) for w in t)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return csr_matrix((data, indices, indptr), shape=(len(token_sets), max(len(vocab), 1)))


def align_story(story: Story, articles: Mapping[str, Article] | Iterable[Article], config=None) -> StoryAlignment:
    from storytrace import embed

    if not isinstance(articles, Mapping):
        articles = {a.id: a for a in articles}
    members = [articles[i] for i in story.articles if i in articles]
    backend = getattr(config, "embeddings", "auto") if config is not None else "auto"
    texts = [s.text for a in members for s in a.sentences]
    vecs = embed.encode(texts, backend) if texts else np.zeros((0, 1), dtype=np.float32)
    per: dict[str, np.ndarray] = {}
    toks: dict[str, list[set[str]]] = {}
    k = 0
    for a in members:
        per[a.id] = vecs[k : k + len(a.sentences)]
        toks[a.id] = [set(tokens(s.text)) for s in a.sentences]
        k += len(a.sentences)
    inc = _incidence([t for a in members for t in toks[a.id]])
    rows: dict[str, object] = {}
    k = 0
    for a in members:
        rows[a.id] = inc[k : k + len(a.sentences)]
        k += len(a.sentences)
    out = StoryAlignment()
    for x, a in enumerate(members):
        for b in members[x + 1 :]:
            first, second = (a, b) if a.id < b.id else (b, a)
            out.pairs[(first.id, second.id)] = align_pair(
                first, second, per[first.id], per[second.id], toks[first.id], toks[second.id],
                rows[first.id], rows[second.id],
            )
    return out
