"""Align every pair of a story's articles: lexical passages plus semantic sentence matches.

Each distinct sentence of the members is embedded once: with multilingual e5 when the story mixes
languages (so translations align), with static token vectors when every member is English (e5
costs ~300x their CPU time); cosines of other backends are mapped onto e5's scale, so one set of
thresholds serves all. For each pair, a one-to-one greedy matching keeps sentence pairs whose
score passes the threshold. The score mixes the embedding cosine with word overlap, so a reworded
sentence that keeps its facts matches while a same-topic sentence with other facts does not; which
reworded pairs pass is the paraphrase judge's call (``align.paraphrase``), and English pairs it is
unsure of are read again by a cross-encoder (``align.paraphrase_model``) where torch is allowed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from storytrace.align.lexical import align_texts, coverage
from storytrace.align.options import AlignOptions
from storytrace.config import options_of
from storytrace.model import Article, Passage, Story
from storytrace.progress import track
from storytrace.text.normalize import tokens

# The matcher's cut-offs are the stage's options (``AlignOptions``: what each does, what chose it);
# the entry points take them, their defaults when none are given.
# Cosine quantiles of a backend (x) against e5's (y) over the sentence pairs of different members of
# the same story (generated stories and the seeds: `bench/bench_align.py --calibrate`); between
# knots the map is linear, so a backend's pairs pass the e5-calibrated floors about as often as e5's.
E5_QUANTILES = (0.797, 0.819, 0.843, 0.857, 0.867, 0.883, 0.908, 0.953, 0.966, 0.977, 1.0)
CALIBRATION = {
    "minilm": (0.157, 0.282, 0.399, 0.46, 0.504, 0.565, 0.641, 0.752, 0.812, 0.869, 1.0),
    "static": (0.448, 0.527, 0.602, 0.648, 0.678, 0.715, 0.752, 0.812, 0.848, 0.893, 1.0),
}


@dataclass
class SentenceMatch:
    """Sentence ``a_index`` of article ``a`` says what sentence ``b_index`` of article ``b`` says."""

    a: str
    a_index: int
    b: str
    b_index: int
    similarity: float
    kind: str  # verbatim | near | semantic | rewrite (AlignOptions.rewrite_cos) | translation


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
    rewritten: int = 0  # same-language sentence pairs: mutual best matches, very close (rewrite_cos)

    def swapped(self) -> PairAlignment:
        return PairAlignment(
            self.b,
            self.a,
            [
                Passage(
                    source_start=p.target_start,
                    source_end=p.target_end,
                    target_start=p.source_start,
                    target_end=p.source_end,
                    similarity=p.similarity,
                    kind=p.kind,
                )
                for p in self.passages
            ],
            [
                SentenceMatch(m.b, m.b_index, m.a, m.a_index, m.similarity, m.kind)
                for m in self.sentence_matches
            ],
            self.b_coverage,
            self.a_coverage,
            self.b_verbatim,
            self.a_verbatim,
            self.rewritten,
        )


@dataclass
class StoryAlignment:
    pairs: dict[tuple[str, str], PairAlignment] = field(default_factory=dict)  # keys (a, b) with a < b
    model_pairs: int = 0  # distinct sentence pairs the paraphrase model read for this story
    model_seconds: float = 0.0  # and what they cost (its load included, when this story loaded it)

    @property
    def sentence_matches(self) -> list[SentenceMatch]:
        return [m for p in self.pairs.values() for m in p.sentence_matches]

    def pair(self, a: str, b: str) -> PairAlignment | None:
        if (a, b) in self.pairs:
            return self.pairs[(a, b)]
        p = self.pairs.get((b, a))
        return p.swapped() if p is not None else None


def e5_scale(cos: np.ndarray, backend: str) -> np.ndarray:
    """Cosines of ``backend`` mapped onto e5's scale (identity for e5 and uncalibrated backends)."""
    knots = CALIBRATION.get(backend)
    return cos if knots is None else np.interp(cos, knots, E5_QUANTILES).astype(cos.dtype, copy=False)


def story_backend(members: list[Article], config=None) -> str:
    """The embedding backend for a story: the configured one if set; by default (``auto``)
    ``AlignOptions.english_backend`` when every member is English, e5 when languages mix or are not
    English."""
    from storytrace import embed

    backend = getattr(config, "embeddings", "auto") if config is not None else "auto"
    if backend not in ("auto", None):
        return embed.resolve(backend)
    langs = {a.language for a in members}
    english = options_of(config, "align").english_backend
    return embed.resolve(english if langs == {"en"} else "e5")


def semantic_part(cos: np.ndarray, cos_floor: float) -> np.ndarray:
    """Embedding cosine rescaled so unrelated news sentences (cos <= ``cos_floor``) score 0."""
    return np.clip((cos - cos_floor) / (1 - cos_floor), 0, 1)


def sentence_scores(
    cos: np.ndarray,
    overlap: np.ndarray,
    paraphrase: np.ndarray | None = None,
    opts: AlignOptions | None = None,
) -> np.ndarray:
    """Same-language sentence-pair score: word overlap, raised by the embedding when the wording differs.
    With ``paraphrase`` (the verdicts of ``align.paraphrase``) the judge decides which pairs reach
    ``opts.semantic_threshold`` and the score only ranks them; without it the score's own threshold
    does."""
    opts = opts or AlignOptions()
    w = opts.semantic_weight
    score = np.maximum(overlap, w * semantic_part(cos, opts.cos_floor) + (1 - w) * overlap)
    if paraphrase is None:
        return score
    passes = paraphrase & (score >= opts.candidate_floor)
    thr = opts.semantic_threshold
    return np.where(passes, np.maximum(score, thr), np.minimum(score, 0.99 * thr))


def judge_block(cos: np.ndarray, a, b, backend: str, shared_words: np.ndarray | None = None) -> np.ndarray:
    """The feature judge's P(paraphrase) (``align.paraphrase``) of every sentence of ``a`` against every
    sentence of ``b`` (``SentenceGrams``), given their cosines on e5's scale (and their shared-word
    counts, when computed already)."""
    from storytrace.align import paraphrase

    if cos.size == 0:
        return np.zeros(cos.shape)
    return paraphrase.probability(paraphrase.block_features(cos, a, b, shared_words), backend)


def _weights(opts: AlignOptions) -> Path | None:
    """The paraphrase model's adapter file ``opts`` names (None: the shipped one)."""
    return Path(opts.model_weights) if opts.model_weights else None


def use_paraphrase_model(config=None) -> bool:
    """Whether English sentence pairs get the paraphrase model's second reading: its packages and
    weights (``AlignOptions.model_weights``) are installed and the configured embeddings allow torch
    (``static``, ``hash`` and ``none`` promise a run without it)."""
    from storytrace.align import paraphrase_model

    backend = getattr(config, "embeddings", "auto") if config is not None else "auto"
    weights = _weights(options_of(config, "align"))
    return backend not in ("static", "hash", "none") and paraphrase_model.available(weights)


def needs_second_reading(
    prob: np.ndarray, cos: np.ndarray, overlap: np.ndarray, opts: AlignOptions | None = None
) -> np.ndarray:
    """Which same-language pairs the paraphrase model should read: the feature judge is unsure of
    them (probability ``prob`` inside ``opts.model_band``) and their score (from the cosines on
    e5's scale and word overlaps) reaches ``opts.candidate_floor``, so a verdict can change the
    match."""
    opts = opts or AlignOptions()
    lo, hi = opts.model_band
    return (prob >= lo) & (prob <= hi) & (sentence_scores(cos, overlap, None, opts) >= opts.candidate_floor)


def can_change_matching(score: np.ndarray, unsure: np.ndarray, threshold: float) -> np.ndarray:
    """Which ``unsure`` pairs of one article pair can change its one-to-one matching (``align_pair``)
    by their verdict. ``score`` holds every pair's score with its verdict known
    (``sentence_scores``) and, for the unsure ones, the score a pass gives them. The matching takes
    the passing pairs (score >= ``threshold``) best first: a pair whose row or column is taken
    before it, for certain, is
    never matched whatever its verdict. Taken for certain is a known pass that no better pair
    can take away (no better pair in its row or column is unsure, or itself not certain)."""
    rows, cols = np.nonzero(score >= threshold)
    out = np.zeros(score.shape, dtype=bool)
    used_r: set[int] = set()
    used_c: set[int] = set()
    open_r: set[int] = set()
    open_c: set[int] = set()
    for k in np.argsort(-score[rows, cols], kind="stable"):  # align_pair's order, ties included
        i, j = int(rows[k]), int(cols[k])
        if i in used_r or j in used_c:
            continue
        if unsure[i, j] or i in open_r or j in open_c:
            out[i, j] = unsure[i, j]
            open_r.add(i)
            open_c.add(j)
        else:
            used_r.add(i)
            used_c.add(j)
    return out


def _pair_keys(texts_a: list[str], texts_b: list[str]) -> list[tuple[str, str]]:
    """Each pair as (smaller, larger) text, so a pair and its mirror are one key."""
    return [(x, y) if x <= y else (y, x) for x, y in zip(texts_a, texts_b, strict=True)]


def model_verdicts(texts_a: list[str], texts_b: list[str], weights: Path | None = None) -> np.ndarray:
    """The paraphrase model's verdict on each pair (texts_a[k], texts_b[k]); each distinct pair is
    read once (``weights``: the adapter file, None for the shipped one)."""
    from storytrace.align import paraphrase_model

    keys = _pair_keys(texts_a, texts_b)
    distinct = list(dict.fromkeys(keys))
    if not distinct:
        return np.zeros(0, dtype=bool)
    p = paraphrase_model.probability([k[0] for k in distinct], [k[1] for k in distinct], weights)
    verdict = dict(zip(distinct, p >= paraphrase_model.threshold(weights), strict=True))
    return np.array([verdict[k] for k in keys], dtype=bool)


def cross_language_scores(cos: np.ndarray, opts: AlignOptions | None = None) -> np.ndarray:
    """Sentence-pair score across languages, where absolute cosines say little (translations sit at
    0.85-0.93 with e5, same-topic sentences of other articles at 0.80-0.86): a translated sentence
    is its counterpart's mutual best match and stands out from the other candidates by a ratio
    margin (cosine over the mean of the top-k cosines of its row and column, as in LASER mining).
    Passing pairs score at least ``opts.semantic_threshold``, ranked by cosine; others 0."""
    if cos.size == 0:
        return cos
    opts = opts or AlignOptions()
    kr, kc = min(opts.margin_k, cos.shape[1]), min(opts.margin_k, cos.shape[0])
    row = np.sort(cos, axis=1)[:, -kr:].mean(axis=1)
    col = np.sort(cos, axis=0)[-kc:, :].mean(axis=0)
    margin = cos / np.maximum(0.5 * row[:, None] + 0.5 * col[None, :], 1e-9)
    mutual = (margin >= margin.max(axis=1, keepdims=True)) & (margin >= margin.max(axis=0, keepdims=True))
    ok = mutual & (margin >= opts.cross_margin) & (cos >= opts.cross_cos_floor)
    return np.where(ok, np.maximum(semantic_part(cos, opts.cos_floor), opts.semantic_threshold), 0.0)


def _figures_differ(x: str, y: str) -> bool:
    """The two sentences give one fact different figures (a number slot conflict of ``facts.conflicts``)."""
    from storytrace.facts.conflicts import sentence_conflicts

    return any(slot == "number" for slot, _, _ in sentence_conflicts(x, y))


def _keeps_content(x: set[str], y: set[str], stop: frozenset[str], share: float) -> bool:
    """``y`` keeps what ``x`` is about: they share at least ``share`` of the shorter one's content
    words (words less the function words ``stop``), and at least one."""
    cx, cy = x - stop, y - stop
    shared = len(cx & cy)
    return shared > 0 and shared >= share * min(len(cx), len(cy))


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


def align_pair(
    a: Article,
    b: Article,
    emb_a: np.ndarray,
    emb_b: np.ndarray,
    tok_a: list[set[str]],
    tok_b: list[set[str]],
    inc_a=None,
    inc_b=None,
    *,
    cos: np.ndarray | None = None,
    overlap: np.ndarray | None = None,
    lex: list | None = None,
    paraphrase: np.ndarray | None = None,
    opts: AlignOptions | None = None,
) -> PairAlignment:
    """Align ``a`` with ``b``. A story passes the blocks it computed for many pairs at once: the
    sentence cosines and word overlaps (``cos``, ``overlap``), the paraphrase judge's verdicts
    (``paraphrase``; without them the score's own threshold decides) and the lexical passages (``lex``)."""
    opts = opts or AlignOptions()
    thr = opts.semantic_threshold
    if lex is None:
        lex = align_texts(a.text, b.text, opts.passage_ngram, opts.passage_max_gap, opts.passage_min_seeds)
    passages = [
        Passage(
            source_start=p.a_start,
            source_end=p.a_end,
            target_start=p.b_start,
            target_end=p.b_end,
            similarity=round(p.similarity, 3),
            kind="verbatim" if p.similarity >= opts.verbatim_similarity else "near",
        )
        for p in lex
    ]
    cross = bool(a.language and b.language and a.language != b.language)
    matches: list[SentenceMatch] = []
    rewritten = 0
    if len(emb_a) and len(emb_b):
        if cos is None:
            cos = emb_a @ emb_b.T
        if cross:
            ov = np.zeros(cos.shape)
            score = cross_language_scores(cos, opts)
        else:
            ov = overlap if overlap is not None else _overlap_matrix(tok_a, tok_b, inc_a, inc_b)
            score = sentence_scores(cos, ov, paraphrase, opts)
        # Greedy one-to-one matching over the pairs that pass, best first (most pairs of a story
        # have none, so only those are sorted).
        rows, cols = np.nonzero(score >= thr)
        used_a, used_b = set(), set()
        for k in np.argsort(-score[rows, cols], kind="stable"):
            i, j = int(rows[k]), int(cols[k])
            if i in used_a or j in used_b:
                continue
            used_a.add(i)
            used_b.add(j)
            o = ov[i, j]
            kind = (
                "translation"
                if cross
                else "verbatim"
                if o >= opts.verbatim_similarity
                else "near"
                if o >= opts.near_overlap
                else "semantic"
            )
            matches.append(SentenceMatch(a.id, i, b.id, j, round(float(score[i, j]), 3), kind))
        if not cross:  # rewritten sentences the paraphrase judge did not pass still say the same
            close = (cross_language_scores(cos, opts) > 0) & (cos >= opts.rewrite_cos)
            # a rewrite keeps its source's figures: another figure is another account of the fact;
            # it rewords sentences, not list numbers or headings; and it keeps their content words
            from storytrace.clean.signals import stop_words

            stop = stop_words(a.language)
            for i, j in zip(*np.nonzero(close), strict=True):
                x, y = a.sentences[int(i)].text, b.sentences[int(j)].text
                if (
                    min(len(tok_a[i]), len(tok_b[j])) < opts.rewrite_min_words
                    or not _keeps_content(tok_a[i], tok_b[j], stop, opts.rewrite_shared)
                    or _figures_differ(x, y)
                ):
                    close[i, j] = False
            rewritten = int(close.sum())
            for i, j in zip(*np.nonzero(close), strict=True):
                if int(i) not in used_a and int(j) not in used_b:
                    matches.append(SentenceMatch(a.id, int(i), b.id, int(j), thr, "rewrite"))
        matches.sort(key=lambda m: (m.a_index, m.b_index))
    for m in matches:  # reworded or translated sentences become passages too, for the side-by-side view
        if m.kind in ("semantic", "rewrite", "translation"):
            sa, sb = a.sentences[m.a_index], b.sentences[m.b_index]
            passages.append(
                Passage(
                    source_start=sa.start,
                    source_end=sa.end,
                    target_start=sb.start,
                    target_end=sb.end,
                    similarity=m.similarity,
                    kind="semantic" if m.kind == "rewrite" else m.kind,
                )
            )
    a_spans = [(p.source_start, p.source_end) for p in passages]
    b_spans = [(p.target_start, p.target_end) for p in passages]
    a_spans += [(a.sentences[m.a_index].start, a.sentences[m.a_index].end) for m in matches]
    b_spans += [(b.sentences[m.b_index].start, b.sentences[m.b_index].end) for m in matches]
    return PairAlignment(
        a.id,
        b.id,
        passages,
        matches,
        coverage(a_spans, len(a.text)),
        coverage(b_spans, len(b.text)),
        coverage([(p.a_start, p.a_end) for p in lex], len(a.text)),
        coverage([(p.b_start, p.b_end) for p in lex], len(b.text)),
        rewritten,
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


def align_story(
    story: Story, articles: Mapping[str, Article] | Iterable[Article], config=None
) -> StoryAlignment:
    """Align every pair of the story's members (keys ``(a, b)`` with ``a < b``).

    Work is shared across pairs: each distinct sentence is embedded once; each member's sentence
    cosines and word overlaps against all later members are one matrix product; its token spans
    and n-gram index are built once; lexical alignment runs only for pairs sharing a word trigram
    (a passage needs one, so skipping the others changes nothing)."""
    from storytrace import embed
    from storytrace.align import paraphrase
    from storytrace.align.lexical import ngram_index
    from storytrace.text.normalize import token_spans

    if not isinstance(articles, Mapping):
        articles = {a.id: a for a in articles}
    members = sorted((articles[i] for i in set(story.articles) if i in articles), key=lambda a: a.id)
    if len(members) < 2:
        # no pair to align: encoding a lone article's sentences (with e5 where it is not English;
        # the facts stage asks for every story) would cost model passes for nothing
        return StoryAlignment()
    backend = story_backend(members, config)
    texts = [s.text for a in members for s in a.sentences]
    # Copies repeat their source's sentences: each distinct sentence is embedded once.
    distinct = list(dict.fromkeys(texts))
    where = {t: k for k, t in enumerate(distinct)}
    vecs = (
        embed.encode(distinct, backend)[[where[t] for t in texts]]
        if texts
        else np.zeros((0, 1), dtype=np.float32)
    )
    token_lists = [tokens(t) for t in texts]
    toks = [set(t) for t in token_lists]
    inc = _incidence(toks)
    grams = paraphrase.sentence_grams(token_lists)
    lens = np.array([len(t) for t in toks], dtype=float)
    start = np.cumsum([0] + [len(a.sentences) for a in members])
    spans = [token_spans(a.text) for a in members]
    opts: AlignOptions = options_of(config, "align")
    index = [ngram_index(sp, opts.passage_ngram) for sp in spans]
    trigrams = [set(ix) for ix in index]
    out = StoryAlignment()
    # The per-member products are small: a BLAS thread pool only adds hand-offs (17x slower on a
    # busy 2-core machine), so they run single-threaded.
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1, user_api="blas"):
        verdicts, unsure = _judge_members(
            members, vecs, inc, lens, start, grams, backend, use_paraphrase_model(config), opts
        )
    if unsure:  # outside the BLAS limit: the model's batches want every core
        t0 = time.perf_counter()
        out.model_pairs = _second_reading(verdicts, unsure, texts, start, backend, story.id, opts)
        out.model_seconds = time.perf_counter() - t0
    with threadpool_limits(1, user_api="blas"):
        shared = _Members(members, vecs, toks, inc, lens, start, spans, index, trigrams, backend)
        _align_members(shared, verdicts, out, config, opts)
    return out


@dataclass(frozen=True)
class _Members:
    """A story's members and what is computed once for all their pairs (``align_story``)."""

    articles: list[Article]
    vecs: np.ndarray  # every member's sentence vectors, stacked in member order
    toks: list[set[str]]  # each sentence's word set, in the same order
    inc: Any  # sentence x word incidence (sparse)
    lens: np.ndarray  # each sentence's word count
    start: np.ndarray  # member k's sentences are rows start[k]:start[k + 1]
    spans: list  # each member's token spans
    index: list  # each member's n-gram index
    trigrams: list[set]  # each member's n-gram keys (a pair sharing none has no passage)
    backend: str


def _member_blocks(x: int, vecs, inc, lens, start, backend: str):
    """Member ``x``'s sentences against every later member's: cosines on e5's scale, shared-word counts
    and word overlaps."""
    lo, hi = start[x], start[x + 1]
    cos_rows = e5_scale(vecs[lo:hi] @ vecs[hi:].T, backend)
    inter = (inc[lo:hi] @ inc[hi:].T).toarray()
    return cos_rows, inter, inter / np.maximum(np.minimum(lens[lo:hi, None], lens[None, hi:]), 1)


def _judge_members(members, vecs, inc, lens, start, grams, backend: str, use_model: bool, opts: AlignOptions):
    """Per member, the feature judge's paraphrase verdicts on its sentences against every later
    member's; with ``use_model``, also where the paraphrase model should read instead: English pairs
    the judge is unsure of (probability in ``opts.model_band``) that could pass (score >=
    ``opts.candidate_floor``), as (member, row indices, column indices)."""
    from storytrace.align import paraphrase

    thr = paraphrase.coefficients(backend)[2]
    english = np.repeat([a.language == "en" for a in members], [len(a.sentences) for a in members])
    verdicts, unsure = [], []
    for x in range(len(members) - 1):
        lo, hi = start[x], start[x + 1]
        cos_rows, inter, ov_rows = _member_blocks(x, vecs, inc, lens, start, backend)
        # the word incidence and the judge's unigrams are the same sets: one product serves both
        prob = judge_block(cos_rows, grams.rows(lo, hi), grams.rows(hi, len(grams)), backend, inter)
        verdicts.append(prob >= thr)
        if use_model and members[x].language == "en":
            ask = needs_second_reading(prob, cos_rows, ov_rows, opts) & english[None, hi:]
            if ask.any():
                ask = _verdict_matters(x, ask, prob >= thr, cos_rows, ov_rows, start, opts)
            i, j = np.nonzero(ask)
            if len(i):
                unsure.append((x, i, j, prob[i, j]))
    return verdicts, unsure


def _verdict_matters(
    x: int, ask: np.ndarray, verdict: np.ndarray, cos_rows, ov_rows, start, opts: AlignOptions
) -> np.ndarray:
    """``ask`` (member ``x``'s unsure pairs against every later member) narrowed to the pairs whose
    verdict can change the matching of their article pair (``can_change_matching``)."""
    thr = opts.semantic_threshold
    raw = sentence_scores(cos_rows, ov_rows, None, opts)
    score = np.where(ask, np.maximum(raw, thr), sentence_scores(cos_rows, ov_rows, verdict, opts))
    out = np.zeros_like(ask)
    base = start[x + 1]
    for y in range(x + 1, len(start) - 1):
        c0, c1 = start[y] - base, start[y + 1] - base
        if ask[:, c0:c1].any():
            out[:, c0:c1] = can_change_matching(score[:, c0:c1], ask[:, c0:c1], thr)
    return out


def _second_reading(
    verdicts: list[np.ndarray],
    unsure: list,
    texts: list[str],
    start,
    backend: str,
    story_id: str,
    opts: AlignOptions,
) -> int:
    """Replace the feature judge's verdicts on the ``unsure`` pairs (from ``_judge_members``) by the
    paraphrase model's, reading at most ``opts.model_max_pairs`` distinct pairs: the ones whose
    feature probability lies closest to the judge's threshold first."""
    import logging

    from storytrace.align import paraphrase

    xs = np.concatenate([np.full(len(i), x) for x, i, _, _ in unsure])
    rows = np.concatenate([i for _, i, _, _ in unsure])
    cols = np.concatenate([j for _, _, j, _ in unsure])
    prob = np.concatenate([p for _, _, _, p in unsure])
    order = np.argsort(np.abs(prob - paraphrase.coefficients(backend)[2]), kind="stable")
    left = [texts[start[xs[k]] + rows[k]] for k in order]
    right = [texts[start[xs[k] + 1] + cols[k]] for k in order]
    keys = _pair_keys(left, right)
    chosen = list(dict.fromkeys(keys))  # distinct pairs, most uncertain first
    max_pairs = opts.model_max_pairs
    if len(chosen) > max_pairs:
        logging.getLogger(__name__).info(
            "story %s: the paraphrase model read the %d most uncertain of %d distinct sentence pairs",
            story_id,
            max_pairs,
            len(chosen),
        )
        chosen = chosen[:max_pairs]
    read = model_verdicts([x for x, _ in chosen], [y for _, y in chosen], _weights(opts))
    verdict = dict(zip(chosen, read, strict=True))
    for k, key in zip(order, keys, strict=True):
        if key in verdict:
            verdicts[xs[k]][rows[k], cols[k]] = verdict[key]
    return len(chosen)


def _align_members(m: _Members, verdicts, out: StoryAlignment, config, opts: AlignOptions) -> None:
    members, vecs, toks, start = m.articles, m.vecs, m.toks, m.start
    shown = track(members, "Aligning pairs", config) if len(members) > opts.progress_min_members else members
    for x, a in enumerate(shown):
        if x + 1 >= len(members):
            break
        lo, hi = start[x], start[x + 1]
        cos_rows, _, ov_rows = _member_blocks(x, vecs, m.inc, m.lens, start, m.backend)
        for y in range(x + 1, len(members)):
            b = members[y]
            c0, c1 = start[y] - hi, start[y + 1] - hi
            lex = (
                align_texts(
                    a.text,
                    b.text,
                    opts.passage_ngram,
                    opts.passage_max_gap,
                    opts.passage_min_seeds,
                    spans_a=m.spans[x],
                    spans_b=m.spans[y],
                    index_a=m.index[x],
                )
                if not m.trigrams[x].isdisjoint(m.trigrams[y])
                else []
            )
            out.pairs[(a.id, b.id)] = align_pair(
                a,
                b,
                vecs[lo:hi],
                vecs[start[y] : start[y + 1]],
                toks[lo:hi],
                toks[start[y] : start[y + 1]],
                cos=cos_rows[:, c0:c1],
                overlap=ov_rows[:, c0:c1],
                lex=lex,
                paraphrase=verdicts[x][:, c0:c1],
                opts=opts,
            )
