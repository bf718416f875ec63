"""Stories on the fast path, re-read with e5 where the English static model is weak.

Three bounded steps, each reading a subset with e5 as the batch e5 path would (``story_labels``):
``split_incoherent`` splits the stories whose members hang together least where e5 parts them;
``rejoin_languages`` (below) joins stories holding non-English text to their story; and
``rejoin_near_misses`` joins English stories that share their rarest names (reports of one event
the static model parted; see its docstring). The stage builds one ``Reading`` for all three, so a
representative is encoded once.

Large corpora and streams are grouped on the static model, which is English: a French, Czech or
Greek lead gets a vector from the English word pieces it happens to share, so non-English articles
join (each other and their English story) only by names. This step re-reads, with e5 (multilingual:
a translation's lead sits next to its original), the stories that hold a non-English
representative and, for each, the few other stories that share its rarest names; it groups those
representatives as the batch e5 path would (``story_labels``), and joins the fast path's stories
that the e5 grouping puts together.

Guarantee (``rejoin_languages``): a story is only joined to others, and only through an e5 group
that holds a non-English representative (English stories among themselves stay as the fast path
grouped them). One exception: a representative the English model grouped blind (another language, and
no name among its anchors, so only numbers put it in its story) leaves its story and goes where
e5 places it. With a story index (``--state``) this step does not take it out: there the fast
path gives such a report no numbers (``places_blind``), so the index opens a story for it and e5
places it.

At most ``RejoinOptions.max_reps`` representatives are encoded: the non-English
ones (if they alone are more, the stories stay as grouped and the log says so), then the other
stories sharing the most names while the budget lasts. Without e5 installed, or when the stories
were grouped on a multilingual model, nothing changes.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from storytrace import embed
from storytrace.group.options import GroupOptions
from storytrace.group.stories import (
    MULTILINGUAL_BACKENDS,
    StoryFeatures,
    anchor_idf,
    most_shared,
    span_gap,
    story_labels,
)
from storytrace.model import Article

log = logging.getLogger(__name__)
ENGLISH_MODELS = ("static", "minilm")


def _story_rows(labels: Sequence[int]) -> dict[int, list[int]]:
    rows: dict[int, list[int]] = defaultdict(list)
    for k, lab in enumerate(labels):
        rows[lab].append(k)
    return rows


def _posting(
    rows_of: dict[int, list[int]], anchor_sets: Sequence[Sequence[str]], wanted: set[str] | None = None
) -> dict[str, Counter[int]]:
    """Each name (of ``wanted``, or every one) -> the stories holding it, each with how many of its
    representatives carry it."""
    posting: dict[str, Counter[int]] = defaultdict(Counter)
    for lab, rows in rows_of.items():
        for k in rows:
            for a in set(anchor_sets[k]):
                if wanted is None or a in wanted:
                    posting[a][lab] += 1
    return posting


@dataclass
class Reading:
    """What both steps read: the fast path's representatives and their names, how to build a subset's
    e5 pair-score inputs (``features(rows, vectors)``, as the batch path does) and the text whose
    vector stands for a representative (``lead``)."""

    reps: list[Article]
    anchor_sets: Sequence[Sequence[str]]
    opts: GroupOptions
    features: Callable[[list[int], np.ndarray], StoryFeatures]
    lead: Callable[[Article], str]
    # e5 vectors of the representatives read so far: the second step does not encode them again (its
    # budget still counts them: what it reads stays bounded)
    vectors: dict[int, np.ndarray] = field(default_factory=dict)
    # a representative's publication day (None: unknown), read only for the stories a step weighs
    day: Callable[[Article], float | None] | None = None

    @cached_property
    def idf(self) -> dict[str, float]:
        """A name's rarity in the whole corpus, not in the subset read."""
        return anchor_idf(self.anchor_sets)

    def e5_labels(self, rows: list[int], across_languages: bool = False) -> list[int]:
        """The representatives ``rows`` grouped on e5 as the batch path would (``story_labels``)."""
        todo = [k for k in rows if k not in self.vectors]
        if todo:
            for k, vec in zip(todo, embed.encode([self.lead(self.reps[k]) for k in todo], "e5"), strict=True):
                self.vectors[k] = vec
        vecs = np.stack([self.vectors[k] for k in rows])
        if self.opts.rejoin.language_neutral:  # (the batch e5 path leaves the offsets in)
            vecs = embed.language_neutral(vecs, [self.reps[k].language for k in rows])
        feats = self.features(rows, vecs)
        feats.idf = self.idf
        # translations often have no date of their own (pairs the time factor cannot judge): dated
        # groups years apart stay apart where they would join through another language. In the
        # language step every pair; elsewhere not between two sides in the model's language, left
        # to the time factor (ECB+'s truth holds an attack and its trial years later as one event)
        r = self.opts.rejoin
        params = replace(self.opts.story_params("e5"), max_gap_days=r.max_gap_days,
                         gap_spares=None if across_languages else r.language)
        return list(story_labels(feats, params))

    def groups(self, rows: list[int], labels: list[int], across_languages: bool = False) -> dict[int, int]:
        """Each story of the representatives ``rows`` -> the e5 group (``e5_labels``) holding most
        of its representatives, so a story that e5 would part cannot chain two groups; a story
        with less than half of them in any one group -> a group of its own (``-1 - label``). A
        story e5 scatters is one e5 cannot place: its largest part, a third of it, joining another
        event of its topic took the whole story there (ECB+ in ten ``--state`` runs)."""
        local = self.e5_labels(rows, across_languages)
        votes: dict[int, Counter[int]] = defaultdict(Counter)
        for row, group in zip(rows, local, strict=True):
            votes[labels[row]][group] += 1
        out: dict[int, int] = {}
        for lab, v in votes.items():
            group, most = max(v.items(), key=lambda kv: (kv[1], -kv[0]))
            out[lab] = group if 2 * most >= sum(v.values()) else -1 - lab
        return out


def _joined(labels: list[int], group_of: dict[int, int], joining: set[int] | None = None) -> list[int]:
    """``labels`` with the stories of one e5 group (of ``joining``, or any) under one label, the
    first story's."""
    target: dict[int, int] = {}
    relabel = {
        lab: target.setdefault(g, lab)
        for lab, g in sorted(group_of.items())
        if joining is None or g in joining
    }
    return [relabel.get(lab, lab) for lab in labels]


def _candidates(
    foreign: set[int],
    rows_of: dict[int, list[int]],
    anchor_sets: Sequence[Sequence[str]],
    idf: Mapping[str, float],
    per_story: int,
) -> dict[int, float]:
    """For each story of ``foreign``, the ``per_story`` other stories sharing the most of its names,
    each name weighed by its rarity in the corpus (``idf``); each with the most it shares with one
    of them."""
    names_of = {lab: {a for k in rows_of[lab] for a in anchor_sets[k]} for lab in foreign}
    wanted = set().union(*names_of.values())
    posting = _posting(rows_of, anchor_sets, wanted)  # only the foreign stories' names are looked up
    chosen: dict[int, float] = {}
    for lab, names in names_of.items():
        # names in a fixed order: a set of strings iterates by per-process hashes, which would move
        # the sums' last bits and the order of ties, and so which stories e5 reads, run to run
        weighted = ((idf.get(a, 0.0), posting[a]) for a in sorted(names))
        for other, weight in most_shared(weighted, per_story, exclude=lab):
            chosen[other] = max(chosen.get(other, 0.0), weight)
    return chosen


def reading_for(
    reps: list[Article],
    anchor_sets: Sequence[Sequence[str]],
    backend: str,
    opts: GroupOptions,
    features: Callable[[list[int], np.ndarray], StoryFeatures],
    lead: Callable[[Article], str],
    day: Callable[[Article], float | None] | None = None,
) -> Reading | None:
    """What the e5 steps read of the fast path's grouping on ``backend``, or None when they do not
    run (switched off, stories grouped on a multilingual model, or e5 not installed).
    ``features(rows, vectors)`` builds the pair score's inputs of those representatives as the
    batch path does; ``lead`` is the text whose vector stands for a representative."""
    if not _e5_rereads(backend, opts):
        return None
    return Reading(reps, anchor_sets, opts, features, lead, day=day)


def _e5_rereads(backend: str, opts: GroupOptions) -> bool:
    """The e5 steps run after grouping on ``backend``: switched on, an English-only model, e5 installed."""
    return opts.rejoin.enabled and backend not in MULTILINGUAL_BACKENDS and embed.resolve("e5") == "e5"


def rejoin(reading: Reading, labels: list[int], backend: str, beside: Reading | None = None) -> list[int]:
    """``labels`` (one per representative, as the fast path on ``backend`` grouped them) with the
    stories joined that e5 groups together: across languages (``rejoin_languages``), then, on an
    English model's vectors, among stories sharing their rarest names (``rejoin_near_misses``).

    ``beside``: a reading of ``reading``'s representatives and more after them (an index's earlier
    stories, ``labels`` giving them labels past the representatives'), which the second step reads
    too; the first reads the representatives alone (an earlier run's foreign stories were read in
    their run). The answer then has a label for each of ``beside``'s rows."""
    n = len(reading.reps)
    out = rejoin_languages(reading, labels[:n]) + list(labels[n:])
    # only over a model's English vectors: with no model asked for (hash, none), none more is loaded
    return rejoin_near_misses(beside or reading, out) if backend in ENGLISH_MODELS else out


def split_incoherent(
    reading: Reading,
    labels: list[int],
    coherence: Mapping[int, float],
    keeper: Callable[[int, list[list[int]]], int] | None = None,
) -> list[int]:
    """``labels`` with the stories e5 parts split (the issue's coherence: a story whose members do
    not hang together is split). Stories of two or more representatives are read with e5, those
    whose members hang together least on the fast path (``coherence``, by label) first, while
    ``opts.rejoin.split_reps`` lasts; e5 groups all read representatives at once, as the batch path
    would, and each story keeps one part (``keeper(label, parts)`` picks it: by default the largest)
    while every other part becomes a story of its own. No story is joined here."""
    r = reading.opts.rejoin
    if not r.split_reps:
        return labels
    rows_of = _story_rows(labels)
    rows: list[int] = []
    read: list[int] = []
    for lab in sorted((lab for lab, ks in rows_of.items() if len(ks) > 1), key=lambda lab: (coherence[lab], lab)):
        if len(rows) + len(rows_of[lab]) <= r.split_reps:
            rows += rows_of[lab]
            read.append(lab)
    if not read:
        return labels
    rows.sort()
    group = dict(zip(rows, reading.e5_labels(rows), strict=True))
    out, fresh = list(labels), max(labels) + 1
    for lab in read:
        by_group: dict[int, list[int]] = defaultdict(list)
        for k in rows_of[lab]:
            by_group[group[k]].append(k)
        if len(by_group) < 2:
            continue
        parts = sorted(by_group.values(), key=lambda ks: (-len(ks), ks[0]))
        kept = keeper(lab, parts) if keeper is not None else 0
        for i, ks in enumerate(parts):
            if i != kept:
                for k in ks:
                    out[k] = fresh
                fresh += 1
    split = len(set(out)) - len(set(labels))
    if split:
        log.info("stories e5 parts: %d parts split off (e5 on %d representatives)", split, len(rows))
    return out


def rejoin_languages(reading: Reading, labels: list[int]) -> list[int]:
    """``labels`` with the stories joined that e5 groups together across languages (module
    docstring)."""
    reps, anchor_sets, r = reading.reps, reading.anchor_sets, reading.opts.rejoin
    rows_of = _story_rows(labels)
    foreign = {labels[k] for k, a in enumerate(reps) if a.language and a.language != r.language}
    if not foreign:
        return labels
    rows = [k for lab in foreign for k in rows_of[lab]]
    if len(rows) > r.max_reps:
        log.info(
            "stories across languages: %d non-English representatives, more than %d to read with e5; "
            "left as grouped",
            len(rows),
            r.max_reps,
        )
        return labels
    if not reading.opts.state:  # an index's stories can be joined, not split
        labels = _blind_alone(reading, labels)
        rows_of = _story_rows(labels)
        foreign = {labels[k] for k in rows}
    # the other stories sharing the most names first, as many as the budget holds
    others = _candidates(foreign, rows_of, anchor_sets, reading.idf, r.candidates)
    for lab in sorted(others, key=lambda o: (-others[o], o)):
        if lab not in foreign and len(rows) + len(rows_of[lab]) <= r.max_reps:
            rows += rows_of[lab]
    rows.sort()
    group_of = reading.groups(rows, labels, across_languages=True)
    # only groups a non-English story goes to join stories (English stories among themselves stay
    # as the fast path grouped them)
    out = _joined(labels, group_of, {group_of[lab] for lab in foreign})
    merged = len(set(labels)) - len(set(out))
    if merged:
        log.info(
            "stories across languages: %d stories joined others (e5 on %d representatives)", merged, len(rows)
        )
    return out


def _blind_alone(reading: Reading, labels: list[int]) -> list[int]:
    """``labels`` with each representative the fast path grouped blind standing alone: text in
    another language than the model's (its vectors say nothing there) and no name among its
    anchors (a script without capitals: Arabic, Hebrew, Devanagari), so only shared numbers (a
    year, a count) put it in its story. e5 then places it by what it says; elsewhere numbers
    chain reports of different subjects (MultiLing in a haystack of 22,955: Arabic, Hebrew and
    Hindi reports of three topics in one story)."""
    language = reading.opts.rejoin.language
    size = Counter(labels)
    out, fresh = list(labels), max(labels, default=-1) + 1
    for k, a in enumerate(reading.reps):
        if size[labels[k]] > 1 and read_blind(a, reading.anchor_sets[k], language):
            out[k], fresh = fresh, fresh + 1
    return out


def read_blind(article: Article, anchors: Sequence[str], language: str) -> bool:
    """The English model groups ``article`` blind: its text is in another language, and no name is
    among its ``anchors`` (only numbers could join it to a story)."""
    return bool(article.language) and article.language != language and all(x[:1].isdigit() for x in anchors)


def places_blind(reps: Sequence[Article], backend: str, opts: GroupOptions) -> bool:
    """``rejoin`` will read this run's non-English representatives with e5, so the fast path need
    not join by numbers alone the ones it reads blind (:func:`read_blind`)."""
    r = opts.rejoin
    return _e5_rereads(backend, opts) and sum(1 for a in reps if a.language and a.language != r.language) <= r.max_reps


def _near_pairs(
    rows_of: dict[int, list[int]],
    anchor_sets: Sequence[Sequence[str]],
    idf: Mapping[str, float],
    max_stories: int,
    cost: Mapping[int, int] | None = None,
) -> list[tuple[float, int, int]]:
    """Pairs of stories sharing names that at most ``max_stories`` stories hold, each with the
    shared names' rarity (``idf``) summed over the two stories' pairs of representatives that both
    carry a name (what average linkage would sum between them: a report sharing its event's rare
    names with nine of its reports weighs more than two reports sharing one); strongest first, or,
    with ``cost`` (per story, what reading it costs), most weight per cost first (ties by label, so
    the order is fixed)."""
    weight: Counter[tuple[int, int]] = Counter()
    for a, labs in _posting(rows_of, anchor_sets).items():
        if 2 <= len(labs) <= max_stories:
            w = idf.get(a, 0.0)
            ordered = sorted(labs)
            for i, x in enumerate(ordered):
                for y in ordered[i + 1 :]:
                    weight[(x, y)] += w * labs[x] * labs[y]

    def per_cost(t: tuple[float, int, int]) -> float:
        return t[0] / max(1, cost[t[1]] + cost[t[2]]) if cost is not None else t[0]

    return sorted(((w, x, y) for (x, y), w in weight.items()), key=lambda t: (-per_cost(t), t[1], t[2]))


def _apart(reading: Reading, rows_of: dict[int, list[int]]) -> Callable[[int, int], bool]:
    """``apart(x, y)``: every representative of both stories has a date, and the two stories' dates
    lie further apart than e5's time factor lets any pair score (``max_span_days``). No e5 grouping
    can join them, so the step does not spend its budget reading them. A story's dates are read the
    first time it is weighed (most stories of a big corpus never are)."""
    day = reading.day
    if day is None:
        return lambda x, y: False
    limit = reading.opts.story_params("e5").max_span_days
    spans: dict[int, tuple[float, float] | None] = {}

    def span(lab: int) -> tuple[float, float] | None:
        if lab not in spans:
            ds = [d for k in rows_of[lab] if (d := day(reading.reps[k])) is not None]
            spans[lab] = (min(ds), max(ds)) if len(ds) == len(rows_of[lab]) else None
        return spans[lab]

    def apart(x: int, y: int) -> bool:
        a, b = span(x), span(y)
        return a is not None and b is not None and span_gap(a, b) > limit

    return apart


def rejoin_near_misses(reading: Reading, labels: list[int]) -> list[int]:
    """``labels`` with the stories joined that e5 groups together among the pairs of stories sharing
    the rarest names: the fast path's English model parts reports of one event that e5 keeps
    together (ECB+ held-out topics: static 0.904, e5 0.964). Pairs are read by their weight
    (``_near_pairs``) per representative still to encode, highest first, both stories' representatives,
    while ``opts.rejoin.near_reps`` lasts (counting the representatives encoded here: those an
    earlier step read cost nothing); e5 groups them as the batch
    path would (``story_labels``), and stories whose representatives mostly fall in one e5 group
    with another read story join it. A story is never split."""
    r = reading.opts.rejoin
    if not r.near_reps:
        return labels
    rows_of = _story_rows(labels)
    chosen: set[int] = set()
    rows: list[int] = []
    spent = 0
    apart = _apart(reading, rows_of)
    # the most shared rarity per representative to encode first: a pair of big stories sharing
    # many names would spend the budget that reads several small ones (a greedy knapsack)
    unread = {lab: sum(1 for k in ks if k not in reading.vectors) for lab, ks in rows_of.items()}
    for _, x, y in _near_pairs(rows_of, reading.anchor_sets, reading.idf, r.near_max_stories, unread):
        if apart(x, y):
            continue
        new = [lab for lab in (x, y) if lab not in chosen]
        # what is read costs what it takes to encode: representatives an earlier step read are free
        cost = sum(1 for lab in new for k in rows_of[lab] if k not in reading.vectors)
        if spent + cost <= r.near_reps:
            chosen.update(new)
            rows += [k for lab in new for k in rows_of[lab]]
            spent += cost
        if spent >= r.near_reps:
            break
    if len(chosen) < 2:
        return labels
    rows.sort()
    out = _joined(labels, reading.groups(rows, labels))
    merged = len(set(labels)) - len(set(out))
    if merged:
        log.info("near misses: %d stories joined others (e5 on %d representatives)", merged, len(rows))
    return out
