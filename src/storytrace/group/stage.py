"""The ``group`` pipeline component: near-duplicate groups, then stories."""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np

from storytrace import embed
from storytrace.articlepool import imap_ahead, trim_heap, worker_count
from storytrace.config import Config, options_of
from storytrace.group.languages import (
    Reading,
    _story_rows,
    places_blind,
    read_blind,
    reading_for,
    rejoin,
    split_incoherent,
)
from storytrace.group.neardup import UnionFind, near_duplicate_pairs
from storytrace.group.options import GroupOptions
from storytrace.group.stories import (
    ANCHOR_CHARS,
    MULTILINGUAL_BACKENDS,
    StoryFeatures,
    anchor_idf,
    anchors,
    focus_and_headline,
    pair_scores,
    story_labels,
    term_matrix,
)
from storytrace.group.story_index import WHOLE_ONLY, StoryIndex, story_id
from storytrace.model import Article, Corpus, DuplicateGroup, Story
from storytrace.progress import track
from storytrace.text.dates import HEAD_CHARS, date_in_text, day_of, day_of_year_in_text
from storytrace.text.language import detect_language

log = logging.getLogger(__name__)

# The sizes and switches of this stage are its options (GroupOptions, group/options.py): above
# ``batch_max`` representatives stories grow like a stream; with ``embeddings="auto"`` they are
# grouped on e5 vectors up to ``e5_max_reps`` representatives (e5 embeds ~35 leads/s on 2 cores,
# the static model ~2,800/s), and on static vectors above it and in an online index, where adding
# a batch must take seconds; each model has its own calibration (``StoryParams.for_backend``).


def choose_backend(
    requested: str, n_reps: int, online: bool, index_backend: str = "", e5_max: int = 5_000
) -> str:
    """The embedding backend the grouping stage uses (an existing index keeps its own)."""
    if index_backend:
        return index_backend  # the index's vectors live in that model's space
    if requested not in ("auto", None):
        return embed.resolve(requested)
    if online or n_reps > e5_max:
        return embed.resolve("static")
    return embed.resolve("e5")


# Representatives' features (lead vector, anchors) are computed per block (``feature_block``).
# When stories grow like a stream, forked workers compute the blocks ahead, in the order the index
# takes them, while this process places them (``fork_features``).
LEAD_CHARS = 600
# What the features read of a representative's text (its lead vector and its names); an index keeps
# as much of a story's first members (``_head``) so a later run re-reads them as this run read them.
READ_CHARS = max(LEAD_CHARS, ANCHOR_CHARS)
# The date lines cleaning removed that are read for a date (a page has one or two: the date and an
# "updated" line); more are timestamps of comments or related links.
DATE_LINES_READ = 3
# Models that are safe and cheap to run in forked workers (the others keep threads of their own).
FORKABLE_BACKENDS = ("static", "hash")


def _compact(found: set[str]) -> tuple[str, ...]:
    """An anchor set at rest: a sorted tuple of interned strings (~140 bytes for ten anchors, a
    set of fresh strings ~1.3 KB); the stages only iterate it."""
    return tuple(sorted(map(sys.intern, found)))


def _representative(members: list[Article]) -> Article:
    # The earliest known publication, then the longest text: the likeliest original.
    return min(members, key=lambda a: (a.published_at or "9999", -len(a.text), a.id))


def _lead(a: Article) -> str:
    return _lead_of(a.title, a.text)


def _lead_of(title: str | None, text: str) -> str:
    return ((title or "") + "\n" + text[:LEAD_CHARS]).strip()


def _block_features(
    block: tuple[str, list[tuple[str | None, str]]],
) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    """Unit lead vectors and anchor sets of ``(title, text head)`` rows."""
    backend, rows = block
    return embed.encode([_lead_of(t, x) for t, x in rows], backend), [
        _compact(anchors(t, x)) for t, x in rows
    ]


# The features job of the current pass, set before the workers fork so they read it from memory.
_FEATURES_JOB: tuple[list[Article], list[int], str, int] | None = None


def _block_at(start: int) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    """``_block_features`` of the block of ``_FEATURES_JOB`` that starts at ``start``."""
    assert _FEATURES_JOB is not None
    reps, order, backend, size = _FEATURES_JOB
    block = order[start : start + size]
    # e5's own vectors, with their language offsets left in: taken out here, they cost MultiLing
    # through a user's pipeline 0.971 -> 0.941 (P 0.906: other topics joined across languages; the
    # fast path's e5 reading takes them out, group.rejoin.language_neutral, where they helped)
    return _block_features((backend, [(reps[k].title, reps[k].text[:READ_CHARS]) for k in block]))


def _features_in_order(
    reps: list[Article],
    order: list[int],
    backend: str,
    opts: GroupOptions,
) -> Iterator[tuple[np.ndarray, list[tuple[str, ...]]]]:
    """``(vectors, anchor sets)`` of ``reps[order[...]]``, ``opts.feature_block`` at a time, in
    order; computed ahead in forked workers when the corpus is large and the model forks safely."""
    global _FEATURES_JOB
    size = opts.feature_block
    starts = range(0, len(order), size)
    _FEATURES_JOB = (reps, order, backend, size)
    forks = opts.fork_features and backend in FORKABLE_BACKENDS
    if not forks or len(order) < 4 * size or worker_count() < 2:
        blocks = map(_block_at, starts)  # in this process, block by block
    else:
        embed.encode([" "], backend)  # load the model once, before the fork
        blocks = imap_ahead(_block_at, starts, worker_count() - 1)
    try:
        yield from blocks
    finally:
        _FEATURES_JOB = None  # the corpus is not kept alive by the job


def member_order(a: Article) -> tuple[str, str]:
    """A story lists its members in this order (earliest known publication first)."""
    return (a.published_at or "9999", a.id)


def story_id_of(members: list[Article]) -> str:
    return story_id(min(members, key=member_order).id)


def _label(
    members: list[Article], centrality: dict[str, float], known: dict[str, tuple[str, ...]]
) -> tuple[str, list[str]]:
    titled = [a for a in members if a.title]
    words: Counter[str] = Counter()
    for a in members:
        words.update(known[a.id] if a.id in known else anchors(a.title, a.text))
    keywords = [w for w, _ in words.most_common(6)]
    if titled:
        best = max(titled, key=lambda a: (centrality.get(a.id, 0.0), -len(a.title or "")))
        return best.title or "", keywords
    return ", ".join(keywords), keywords


def _centroid_similarity(reps: list[Article], vectors: np.ndarray, labels: list[int]) -> dict[str, float]:
    """Cosine of each article's vector to its story's mean direction (centrality without a matrix)."""
    sums: dict[int, np.ndarray] = {}
    for k, lab in enumerate(labels):
        sums[lab] = sums[lab] + vectors[k] if lab in sums else vectors[k].astype(np.float32).copy()
    out = {}
    for k, (a, lab) in enumerate(zip(reps, labels, strict=True)):
        centre = sums[lab] / max(float(np.linalg.norm(sums[lab])), 1e-9)
        out[a.id] = float(vectors[k] @ centre)
    return out


def dated_head(a: Article) -> str:
    """The text an article's date is read from: the date lines cleaning took out of it (reason
    ``meta``: "Saturday, January 8, 2005", "Posted 3 March"), then its text. A page's date line is
    furniture for the text but still the day it was written; without it a copied page or a
    record without ``published_at`` would lose its only date."""
    meta = [r.text for r in a.removed if r.reason == "meta"][:DATE_LINES_READ]
    # only the head is read for a date: no copy of a long text per article
    return "\n".join([*meta, a.text[:HEAD_CHARS]]) if meta else a.text


def read_text_dates(articles: list[Article]) -> None:
    """Fill ``date_in_text`` where no valid ``published_at`` is given (a dateline stands in)."""
    for a in articles:
        a.date_in_text = None if day_of(a.published_at) is not None else date_in_text(a.title, dated_head(a))


def publication_day(a: Article) -> float | None:
    """An article's publication day: ``published_at`` when valid, else the date in its text."""
    day = day_of(a.published_at)
    return day if day is not None else day_of(a.date_in_text)


def story_features(
    reps: list[Article],
    vectors: np.ndarray,
    anchor_sets: list[tuple[str, ...]],
    backend: str,
    weights: list[int] | None = None,
) -> StoryFeatures:
    """The pair score's inputs for ``reps`` (the batch path; also what eval/tune_stories.py reads)."""
    # languages tell translations (not independent coverage) apart when sizing events
    languages = [a.language or detect_language(_lead(a)) for a in reps]
    days = np.array([np.nan if (d := publication_day(a)) is None else d for a in reps], dtype=np.float64)
    yeardays = np.array([_year_day(a, d) for a, d in zip(reps, days, strict=True)], dtype=np.float64)
    read = [focus_and_headline(a.title, a.text, lang, found) for a, lang, found in zip(reps, languages, anchor_sets, strict=True)]
    return StoryFeatures(
        vectors=vectors,
        anchor_sets=anchor_sets,
        languages=languages,
        terms=term_matrix([_lead(a) for a in reps], languages),
        days=days,
        yeardays=yeardays,
        multilingual=backend in MULTILINGUAL_BACKENDS,
        weights=weights,
        idf=anchor_idf(anchor_sets),
        focus=[f for f, _ in read],
        headline=[h for _, h in read],
    )


def _year_day(a: Article, day: float) -> float:
    """Day of the year of the article's date, or of a year-less dateline in its head; NaN if none."""
    if np.isfinite(day):
        return float((datetime(1970, 1, 1, tzinfo=UTC) + timedelta(days=float(day))).timetuple().tm_yday)
    found = day_of_year_in_text(a.title, dated_head(a))
    return float(found) if found is not None else np.nan


@dataclass
class _Grouping:
    """The story step's answer, per representative: its story's label (an index), its anchors,
    its closeness to its story, and the story ids an index keeps across runs (by label)."""

    labels: list[int] = field(default_factory=list)
    anchor_sets: list[tuple[str, ...]] = field(default_factory=list)
    centrality: dict[str, float] = field(default_factory=dict)
    indexed_ids: dict[int, str] = field(default_factory=dict)
    index: StoryIndex | None = None  # the online index the stories were placed in, saved by the caller
    # on the stream path: the representatives' fast-path vectors and the anchors the index was given
    vectors: np.ndarray | None = None
    indexed_anchors: list[tuple[str, ...]] = field(default_factory=list)
    # with a state: earlier runs' articles this run placed in another story (id -> story id)
    moved: dict[str, str] = field(default_factory=dict)


def _near_duplicates(
    articles: list[Article], opts: GroupOptions
) -> tuple[list[Article], dict[str, list[Article]], list[DuplicateGroup]]:
    """Near-duplicate groups among the articles that survived exact dedup: each group's
    representative, the members each stands for, and the groups of two or more."""
    uf = UnionFind(len(articles))
    for i, j, _ in near_duplicate_pairs([a.text for a in articles], opts.neardup):
        uf.union(i, j)
    trim_heap()  # the digests and shingle blocks are gone
    reps: list[Article] = []
    members_of: dict[str, list[Article]] = {}
    near_groups: list[DuplicateGroup] = []
    for idx in uf.groups():
        group = [articles[i] for i in idx]
        rep = _representative(group)
        reps.append(rep)
        members_of[rep.id] = group
        if len(group) > 1:
            near_groups.append(
                DuplicateGroup(
                    representative=rep.id,
                    members=[rep.id] + sorted(a.id for a in group if a is not rep),
                    kind="near",
                )
            )
    return reps, members_of, near_groups


def _stream_stories(
    reps: list[Article], backend: str, params, saved: StoryIndex | None, opts: GroupOptions, config
) -> _Grouping:
    """Online (and for corpora too large for a pair matrix): stories grow like a stream, in time
    order, chunk by chunk; with a state directory the persisted stories are joined and their ids
    kept across runs."""
    index = saved or StoryIndex()
    index.params, index.backend = params, backend
    index.full_search_below = opts.full_search_below
    by_time = sorted(range(len(reps)), key=lambda k: (reps[k].published_at or "9999", reps[k].id))
    sids: list[str] = [""] * len(reps)
    anchor_sets: list[tuple[str, ...]] = [()] * len(reps)
    indexed: list[tuple[str, ...]] = [()] * len(reps)  # what the index was given (none when read blind)
    vectors: np.ndarray | None = None
    done = 0
    blocks = _features_in_order(reps, by_time, backend, opts)
    blind = places_blind(reps, backend, opts)
    for vecs, found in track(blocks, "Grouping", config, total=-(-len(reps) // opts.feature_block)):
        block = by_time[done : done + len(found)]
        done += len(found)
        if vectors is None:
            vectors = np.zeros((len(reps), vecs.shape[1]), dtype=np.float32)
        vectors[block] = vecs
        for k, anc in zip(block, found, strict=True):
            anchor_sets[k] = tuple(map(sys.intern, anc))  # one string per name across blocks
        for start in range(0, len(block), opts.stream_chunk):
            part = block[start : start + opts.stream_chunk]
            days = [publication_day(reps[k]) for k in part]
            # a report read blind opens its own story: e5 places it after (group/languages.py)
            for k in part:
                if blind and read_blind(reps[k], anchor_sets[k], opts.rejoin.language):
                    indexed[k] = ()
                else:
                    indexed[k] = anchor_sets[k]
            # every report's focus: dated ones too (``merge_fragments``: two dated sides each about
            # a name the other never mentions stay apart), and its headline's name
            read = [focus_and_headline(reps[k].title, reps[k].text, reps[k].language, anchor_sets[k]) for k in part]
            placed = index.add(
                [reps[k].id for k in part],
                vectors[part],
                [indexed[k] for k in part],
                [reps[k].language for k in part],
                days,
                [_year_day(reps[k], np.nan if d is None else d) for k, d in zip(part, days, strict=True)],
                [f for f, _ in read],
                [h for _, h in read],
            )
            for k, sid in zip(part, placed, strict=True):
                sids[k] = sid
    order = {sid: k for k, sid in enumerate(dict.fromkeys(sids))}
    labels = [order[s] for s in sids]
    assert vectors is not None
    return _Grouping(
        labels=labels,
        anchor_sets=anchor_sets,
        centrality=_centroid_similarity(reps, vectors, labels),
        indexed_ids={order[s]: s for s in sids} if opts.state else {},
        index=index,
        vectors=vectors if opts.state else None,
        indexed_anchors=indexed if opts.state else [],
    )


def _coherence(reps: list[Article], grouping: _Grouping) -> dict[int, float]:
    """Per story label, its representatives' mean closeness to their story."""
    total: dict[int, float] = defaultdict(float)
    for a, lab in zip(reps, grouping.labels, strict=True):
        total[lab] += grouping.centrality.get(a.id, 0.0)
    size = Counter(grouping.labels)
    return {lab: t / size[lab] for lab, t in total.items()}


def _split_in_index(reading: Reading, grouping: _Grouping, coherence: dict[int, float]) -> list[int]:
    """``split_incoherent`` on an index's stories: only this run's representatives are read, so in a
    story that held articles before this run the part that stays is the one whose fast-path vectors
    lie closest to those earlier members; every other part leaves for a story of its own."""
    index = grouping.index
    assert index is not None and index.sums is not None and grouping.vectors is not None
    vectors, labels = grouping.vectors, grouping.labels
    row_of = {sid: r for r, sid in enumerate(index.ids)}

    def keeper(lab: int, parts: list[list[int]]) -> int:
        row = row_of[grouping.indexed_ids[lab]]
        ours = [k for ks in parts for k in ks]
        if len(index.members[row]) == len(ours):
            return 0  # a story of this run only: its largest part
        earlier = index.sums[row] - vectors[ours].sum(axis=0)

        def closeness(ks: list[int]) -> float:  # the cosine of the part's direction to the earlier members'
            vsum = vectors[ks].sum(axis=0)
            return float(vsum @ earlier) / max(float(np.linalg.norm(vsum)), 1e-9)

        return max(range(len(parts)), key=lambda i: (closeness(parts[i]), -i))

    out = split_incoherent(reading, labels, coherence, keeper)
    reps = reading.reps
    parts: dict[int, list[int]] = defaultdict(list)
    for k, (old, new) in enumerate(zip(labels, out, strict=True)):
        if old != new:
            parts[new].append(k)
    for new, ks in parts.items():
        grouping.indexed_ids[new] = index.split_off(
            [reps[k].id for k in ks],
            vectors[ks].sum(axis=0),
            Counter(a for k in ks for a in grouping.indexed_anchors[k]),
            {reps[k].language for k in ks if reps[k].language},
            np.array([np.nan if (d := publication_day(reps[k])) is None else d for k in ks], dtype=np.float64),
        )
    return out


def _head(a: Article) -> dict:
    """What the index keeps of a story's first representative, for later runs to re-read."""
    return {"id": a.id, "title": a.title, "text": a.text[:READ_CHARS], "language": a.language,
            "published_at": a.published_at, "date_in_text": a.date_in_text}


def _rejoin_in_index(reading: Reading, grouping: _Grouping, backend: str, features_of) -> None:
    """``rejoin`` on an index's stories, with the heads of earlier runs' stories that share this
    run's stories' rarest names read beside this run's representatives: a story whose reports
    arrive over several runs is read as one run would read it (the index's own match compares a
    cluster with a story's mean, where a name one of its members carries counts a fraction). The
    index joins what e5 joins; a group holding an earlier story keeps that story's id."""
    index = grouping.index
    assert index is not None
    reps, labels = reading.reps, grouping.labels
    rows_of = _story_rows(labels)
    ours = {index.story_of[a.id] for a in reps}
    # this run's smallest stories first (a report whose story began in an earlier run is likeliest
    # alone in this one), while the heads are fewer than the e5 steps could read
    stories = sorted(rows_of.values(), key=lambda ks: (len(ks), ks[0]))
    profiles = [Counter(a for k in ks for a in grouping.anchor_sets[k]) for ks in stories]
    r = reading.opts.rejoin
    heads = index.earlier_heads(profiles, ours, r.candidates, most=r.near_reps + r.max_reps)
    extra = [Article(**h) for hs in heads.values() for h in hs]
    extra_anchors = [_compact(anchors(a.title, a.text)) for a in extra]
    pool, pool_anchors = reps + extra, list(grouping.anchor_sets) + extra_anchors
    wide = Reading(pool, pool_anchors, reading.opts, features_of(pool, pool_anchors), reading.lead,
                   vectors=reading.vectors, day=reading.day)  # this run's vectors are read already
    first = max(labels, default=-1) + 1
    ids = dict(grouping.indexed_ids)
    wide_labels = list(labels)
    for j, (row, hs) in enumerate(heads.items()):
        ids[first + j] = index.ids[row]
        wide_labels += [first + j] * len(hs)  # an earlier story's heads vote as one story
    out = rejoin(reading, wide_labels, backend, beside=wide)
    olds: dict[int, set[int]] = defaultdict(set)
    for old, new in zip(wide_labels, out, strict=True):
        olds[new].add(old)
    joins = []
    for new, group in olds.items():
        earlier = sorted(o for o in group if o >= first)
        into = ids[earlier[0]] if earlier else ids[new]
        joins += [(into, ids[o]) for o in sorted(group) if ids[o] != into]
        ids[new] = into
    # the index joins the stories too, so later runs place new articles in the joined story
    row_of = {sid: r for r, sid in enumerate(index.ids)}
    ours = {a.id for a in reps}
    for into, other in joins:
        grouping.moved.update((m, into) for m in index.members[row_of[other]] if m not in ours)
    index.merge(joins)
    grouping.labels = out[: len(reps)]
    grouping.indexed_ids = {lab: ids[lab] for lab in set(grouping.labels)}


def _batch_stories(
    reps: list[Article], weights: list[int], backend: str, params, opts: GroupOptions, lap
) -> _Grouping:
    """Average linkage over the pair-score matrix of the representatives (see group/stories.py)."""
    features = list(_features_in_order(reps, list(range(len(reps))), backend, opts))
    vectors = np.concatenate([vecs for vecs, _ in features])
    anchor_sets = [anc for _, found in features for anc in found]
    lap("features")
    return _linkage(reps, vectors, anchor_sets, weights, backend, params)


def _linkage(
    reps: list[Article], vectors: np.ndarray, anchor_sets: list[tuple[str, ...]], weights: list[int], backend: str,
    params,
) -> _Grouping:
    feats = story_features(reps, vectors, anchor_sets, backend, weights)
    scores = pair_scores(feats, params)
    labels = story_labels(feats, params, scores)
    rows_of: dict[int, list[int]] = {}
    for k, lab in enumerate(labels):
        rows_of.setdefault(lab, []).append(k)
    centrality = {a.id: float(scores[k, rows_of[labels[k]]].mean()) for k, a in enumerate(reps)}
    return _Grouping(labels=labels, anchor_sets=anchor_sets, centrality=centrality)


def regroups(saved: StoryIndex | None, reps: list[Article], opts: GroupOptions) -> bool:
    """Whether this ``--state`` run groups the index's articles again with its own: the index kept
    every member's head and, with this run's representatives, holds at most ``regroup_max``."""
    earlier = saved.whole if saved is not None else []
    if earlier is None:
        return False
    known = {h["id"] for h in earlier}
    return len(earlier) + sum(a.id not in known for a in reps) <= opts.regroup_max


def _story_ids(groups: list[list[str]], saved: StoryIndex | None) -> list[str]:
    """An id per group of article ids: a group holding most of an earlier story's members keeps
    that story's id (the larger share first, each id once); any other gets a new one."""
    ids: list[str | None] = [None] * len(groups)
    if saved is not None and saved.ids:
        shares: Counter[tuple[int, str]] = Counter()
        for g, members in enumerate(groups):
            for a in members:
                if a in saved.story_of:
                    shares[g, saved.ids[saved.story_of[a]]] += 1
        given: set[str] = set()
        for (g, sid), _ in sorted(shares.items(), key=lambda x: (-x[1], x[0])):
            if ids[g] is None and sid not in given:
                ids[g] = sid
                given.add(sid)
    taken = set(saved.ids) if saved is not None else set()
    out = []
    for g, members in enumerate(groups):
        sid = ids[g]
        if sid is None:
            sid, salt = story_id(min(members)), 0
            while sid in taken:  # never an id another story had
                salt += 1
                sid = story_id(f"{min(members)}#{salt}")
        taken.add(sid)
        out.append(sid)
    return out


def _regroup(
    reps: list[Article], weights: list[int], saved: StoryIndex | None, requested: str, opts: GroupOptions, lap
) -> _Grouping:
    """A ``--state`` run while the index is small (``regroups``): the index's articles (their
    heads) and this run's representatives are grouped at once as the batch path groups a corpus,
    and the index is built again from the answer, so runs fed in any order end with the stories one
    run over everything gives (ECB+ in shuffled runs: an event's first reports, read alone, join
    another event of their topic that later reports tell apart). Stories keep their ids
    (``_story_ids``)."""
    earlier = (saved.whole or []) if saved is not None else []
    row_of = {h["id"]: k for k, h in enumerate(earlier)}
    fresh = [k for k, a in enumerate(reps) if a.id not in row_of]
    for n, k in enumerate(fresh):
        row_of[reps[k].id] = len(earlier) + n
    pool = [Article(**{x: v for x, v in h.items() if x not in WHOLE_ONLY}) for h in earlier] + [reps[k] for k in fresh]
    pool_weights = [int(h.get("weight", 1)) for h in earlier] + [weights[k] for k in fresh]
    backend = choose_backend(requested, len(pool), False, e5_max=opts.e5_max_reps)
    params = opts.story_params(backend)
    # vectors: the earlier articles' from the index when it read them with this model
    cached = saved is not None and saved.whole_backend == backend and saved.whole_vectors is not None
    start = len(earlier) if cached else 0
    features = list(_features_in_order(pool, list(range(start, len(pool))), backend, opts))
    vectors = np.concatenate([saved.whole_vectors] * cached + [v for v, _ in features])  # type: ignore[list-item]
    anchor_sets = [tuple(map(sys.intern, h.get("anchors", ()))) for h in earlier[:start]]
    anchor_sets += [anc for _, found in features for anc in found]
    lap("features")
    grouping = _linkage(pool, vectors, anchor_sets, pool_weights, backend, params)
    # the e5 steps read a fast model's grouping, as in the batch path
    reading = reading_for(
        pool, anchor_sets, backend, opts,
        lambda rows, vecs: story_features([pool[k] for k in rows], vecs, [anchor_sets[k] for k in rows], "e5",
                                          [pool_weights[k] for k in rows]),
        lambda a: _lead_of(a.title, a.text[:LEAD_CHARS]), publication_day,
    )
    if reading is not None:
        labels = split_incoherent(reading, grouping.labels, _coherence(pool, grouping))
        grouping.labels = rejoin(reading, labels, backend)
    # the index, built again in its own model's space (a later run past ``regroup_max`` grows it)
    index_backend = (saved.backend if saved is not None and saved.backend else
                     choose_backend(requested, len(pool), True, e5_max=opts.e5_max_reps))
    if index_backend == backend:
        index_vectors = vectors
    else:
        index_vectors = np.concatenate([v for v, _ in _features_in_order(pool, list(range(len(pool))), index_backend, opts)])
    rows_of = _story_rows(grouping.labels)
    groups = list(rows_of.values())
    ids = _story_ids([[pool[k].id for k in ks] for ks in groups], saved)
    whole = [{**_head(a), "weight": w, "anchors": list(anc)}
             for a, w, anc in zip(pool, pool_weights, anchor_sets, strict=True)]
    index = StoryIndex.of_groups(
        opts.story_params(index_backend), index_backend, groups, ids, [a.id for a in pool], index_vectors,
        anchor_sets, [a.language or detect_language(_lead(a)) for a in pool], [publication_day(a) for a in pool],
        whole,
    )
    index.whole_vectors, index.whole_backend = vectors, backend
    index.full_search_below = opts.full_search_below
    id_of = {lab: sid for lab, sid in zip(rows_of, ids, strict=True)}
    ours = {a.id for a in reps}
    moved = {} if saved is None else {
        a.id: id_of[lab] for a, lab in zip(pool, grouping.labels, strict=True)
        if a.id not in ours and a.id in saved.story_of and saved.ids[saved.story_of[a.id]] != id_of[lab]
    }
    rows = [row_of[a.id] for a in reps]
    return _Grouping(
        labels=[grouping.labels[k] for k in rows],
        anchor_sets=[anchor_sets[k] for k in rows],
        centrality=grouping.centrality,
        indexed_ids=id_of,
        index=index,
        moved=moved,
    )


def _make_stories(
    reps: list[Article],
    members_of: dict[str, list[Article]],
    grouping: _Grouping,
    empty: list[Article],
    duplicates: list[DuplicateGroup],
) -> list[Story]:
    """The stories: each label's representatives with the articles they stand for (an article
    without text is a story of its own), largest first."""
    # the representatives' anchors, also for their near duplicates (the same names, nearly)
    known_anchors: dict[str, tuple[str, ...]] = {}
    for rep, anc in zip(reps, grouping.anchor_sets, strict=True):
        for m in members_of[rep.id]:
            known_anchors[m.id] = anc
    clusters: dict[int, list[Article]] = {}
    for rep, lab in zip(reps, grouping.labels, strict=True):
        clusters.setdefault(lab, []).extend(members_of[rep.id])
    group_of = {(g.kind, g.representative): g for g in duplicates}
    stories: list[Story] = []
    for lab, members in list(clusters.items()) + [(-1, [a]) for a in empty]:
        members.sort(key=member_order)
        ids = [a.id for a in members]
        label, keywords = _label(members, grouping.centrality, known_anchors)
        dated = sorted(
            (a.published_at, False) if day_of(a.published_at) is not None else (a.date_in_text, True)
            for a in members
            if day_of(a.published_at) is not None or a.date_in_text
        )
        dates = [d for d, _ in dated]
        dups = [
            g for rid in ids for kind in ("exact", "near") if (g := group_of.get((kind, rid))) is not None
        ]
        stories.append(
            Story(
                id=grouping.indexed_ids.get(lab) or story_id_of(members),
                articles=ids,
                duplicates=dups,
                label=label,
                keywords=keywords,
                time_span=[dates[0] if dates else None, dates[-1] if dates else None],
                time_span_guessed=bool(dated) and (dated[0][1] or dated[-1][1]),
            )
        )
    stories.sort(key=lambda s: (-len(s.articles), s.id))
    return stories


def run(corpus: Corpus, config: Config | None = None) -> Corpus:

    opts: GroupOptions = options_of(config, "group")
    read_text_dates(corpus.articles)
    articles = [a for a in corpus.articles if a.text.strip()]
    empty = [a for a in corpus.articles if not a.text.strip()]
    if empty:
        log.warning("%d articles have no text after cleaning; each is its own story", len(empty))
    # seconds of each step, in the run's stats (which step grows fastest with N shows there)
    clock = [time.perf_counter()]

    def lap(step: str) -> None:
        now = time.perf_counter()
        corpus.stats[f"seconds_group.{step}"] = round(now - clock[0], 3)
        clock[0] = now

    # 1. near duplicates among the articles that survived exact dedup
    reps, members_of, near_groups = _near_duplicates(articles, opts)
    exact = {g.representative: g for g in corpus.duplicates if g.kind == "exact"}
    corpus.duplicates = [g for g in corpus.duplicates if g.kind == "exact"] + near_groups
    lap("neardup")
    # 2. stories over representatives
    grouping = _Grouping()
    if reps:
        requested = config.embeddings if config is not None else "auto"
        saved = StoryIndex.load(opts.state) if opts.state else None
        backend = choose_backend(
            requested, len(reps), bool(opts.state), saved.backend if saved else "", opts.e5_max_reps
        )
        regrouped = bool(opts.state) and regroups(saved, reps, opts)
        if requested == "auto" and backend != embed.resolve("e5") and not regrouped:
            log.info(
                "grouping %d representatives on %s vectors (e5 up to %d, or with --embeddings e5)",
                len(reps),
                backend,
                opts.e5_max_reps,
            )
        params = opts.story_params(backend)

        def weight(a: Article) -> int:
            # a representative stands for its near and exact duplicates when coverage is counted
            return sum(len(exact[m.id].members) if m.id in exact else 1 for m in members_of[a.id])

        if regrouped:
            grouping = _regroup(reps, [weight(a) for a in reps], saved, requested, opts, lap)
        elif opts.state or len(reps) > opts.batch_max:
            grouping = _stream_stories(reps, backend, params, saved, opts, config)
            if grouping.index is not None:
                grouping.index.whole = None  # outgrown: from now on the index only grows
        else:
            grouping = _batch_stories(reps, [weight(a) for a in reps], backend, params, opts, lap)
        lap("stories")
        def features_of(pool: list[Article], pool_anchors: list[tuple[str, ...]]):
            # an earlier run's story head (``_rejoin_in_index``) stands for itself alone
            return lambda rows, vecs: story_features(
                [pool[k] for k in rows], vecs, [pool_anchors[k] for k in rows], "e5",
                [weight(pool[k]) if pool[k].id in members_of else 1 for k in rows],
            )

        anchor_sets = grouping.anchor_sets
        reading = reading_for(
            reps, anchor_sets, backend, opts, features_of(reps, anchor_sets),
            lambda a: _lead_of(a.title, a.text[:LEAD_CHARS]), publication_day,
        )
        if reading is not None and not regrouped:
            coherence = _coherence(reps, grouping)
            if opts.state and grouping.index is not None:  # state: the index splits and joins its stories too
                grouping.labels = _split_in_index(reading, grouping, coherence)
                _rejoin_in_index(reading, grouping, backend, features_of)
            else:
                grouping.labels = split_incoherent(reading, grouping.labels, coherence)
                grouping.labels = rejoin(reading, grouping.labels, backend)
        if opts.state and grouping.index is not None:
            if not regrouped:
                for a in reps:
                    grouping.index.keep_head(a.id, _head(a))
            grouping.index.save(opts.state)
        lap("languages")
    # 3. the stories, with their duplicate groups
    corpus.stories = _make_stories(reps, members_of, grouping, empty, corpus.duplicates)
    corpus.moved = grouping.moved
    lap("output")
    return corpus
