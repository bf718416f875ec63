"""Stories across languages on the fast path: e5 reads what the English static model cannot.

Two steps, each bounded: ``rejoin_languages`` (below) for stories holding non-English text, and
``rejoin_near_misses`` for English stories that share their rarest names (reports of one event the
static model parted; see its docstring).

Large corpora and streams are grouped on the static model, which is English: a French, Czech or
Greek lead gets a vector from the English word pieces it happens to share, so non-English articles
join (each other and their English story) only by names. This step re-reads, with e5 (multilingual:
a translation's lead sits next to its original), the stories that hold a non-English
representative and, for each, the few other stories that share its rarest names; it groups those
representatives as the batch e5 path would (``story_labels``), and joins the fast path's stories
that the e5 grouping puts together.

Guarantee: a story is never split, only joined to others, and only through an e5 group that
holds a non-English representative (English stories among themselves stay as the fast path
grouped them). At most ``RejoinOptions.max_reps`` representatives are encoded: the non-English
ones (if they alone are more, the stories stay as grouped and the log says so), then the other
stories sharing the most names while the budget lasts. Without e5 installed, or when the stories
were grouped on a multilingual model, nothing changes.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from storytrace import embed
from storytrace.group.options import GroupOptions
from storytrace.group.stories import MULTILINGUAL_BACKENDS, StoryFeatures, anchor_idf, story_labels
from storytrace.model import Article

log = logging.getLogger(__name__)
ENGLISH_MODELS = ("static", "minilm")


def _story_rows(labels: Sequence[int]) -> dict[int, list[int]]:
    rows: dict[int, list[int]] = defaultdict(list)
    for k, lab in enumerate(labels):
        rows[lab].append(k)
    return rows


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
    posting: dict[str, set[int]] = defaultdict(set)  # only the foreign stories' names are looked up
    for lab, rows in rows_of.items():
        for k in rows:
            for a in anchor_sets[k]:
                if a in wanted:
                    posting[a].add(lab)
    chosen: dict[int, float] = {}
    for lab, names in names_of.items():
        shared: Counter[int] = Counter()
        for a in names:
            for other in posting[a]:
                if other != lab:
                    shared[other] += idf.get(a, 0.0)
        for other, weight in shared.most_common(per_story):
            chosen[other] = max(chosen.get(other, 0.0), weight)
    return chosen


def rejoin_languages(
    reps: list[Article],
    labels: list[int],
    anchor_sets: Sequence[Sequence[str]],
    backend: str,
    opts: GroupOptions,
    features: Callable[[list[int], np.ndarray], StoryFeatures],
    lead: Callable[[Article], str],
) -> list[int]:
    """``labels`` (one per representative) with the stories joined that e5 groups together across
    languages (module docstring). ``features(rows, vectors)`` builds the pair score's inputs of
    those representatives as the batch path does; ``lead`` is the text whose vector stands for a
    representative."""
    r = opts.rejoin
    if not r.enabled or backend in MULTILINGUAL_BACKENDS or embed.resolve("e5") != "e5":
        return labels
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
    # the other stories sharing the most names first, as many as the budget holds
    idf = anchor_idf(anchor_sets)  # a name's rarity in the whole corpus, not in the subset read
    others = _candidates(foreign, rows_of, anchor_sets, idf, r.candidates)
    for lab in sorted(others, key=lambda o: (-others[o], o)):
        if lab not in foreign and len(rows) + len(rows_of[lab]) <= r.max_reps:
            rows += rows_of[lab]
    rows.sort()
    vectors = embed.encode([lead(reps[k]) for k in rows], "e5")
    feats = features(rows, vectors)
    feats.idf = idf
    local = story_labels(feats, opts.story_params("e5"))
    # Each story goes to the e5 group holding most of its representatives, so a story that e5 would
    # part cannot chain two groups; only groups a non-English story goes to join stories (English
    # stories among themselves stay as the fast path grouped them).
    votes: dict[int, Counter[int]] = defaultdict(Counter)
    for row, group in zip(rows, local, strict=True):
        votes[labels[row]][group] += 1
    group_of = {lab: max(v.items(), key=lambda kv: (kv[1], -kv[0]))[0] for lab, v in votes.items()}
    speaks = {group_of[lab] for lab in foreign}
    target: dict[int, int] = {}  # e5 group -> the label its stories take (the first story's)
    relabel = {lab: target.setdefault(g, lab) for lab, g in sorted(group_of.items()) if g in speaks}
    out = [relabel.get(lab, lab) for lab in labels]
    merged = len(set(labels)) - len(set(out))
    if merged:
        log.info("stories across languages: %d stories joined others (e5 on %d representatives)", merged, len(rows))
    return out


def _near_pairs(
    rows_of: dict[int, list[int]], anchor_sets: Sequence[Sequence[str]], idf: Mapping[str, float], max_stories: int
) -> list[tuple[float, int, int]]:
    """Pairs of stories sharing names that at most ``max_stories`` stories hold, each with the
    shared names' summed rarity (``idf``), strongest first (ties by label, so the order is fixed)."""
    posting: dict[str, set[int]] = defaultdict(set)
    for lab, rows in rows_of.items():
        for k in rows:
            for a in anchor_sets[k]:
                posting[a].add(lab)
    weight: Counter[tuple[int, int]] = Counter()
    for a, labs in posting.items():
        if 2 <= len(labs) <= max_stories:
            w = idf.get(a, 0.0)
            ordered = sorted(labs)
            for i, x in enumerate(ordered):
                for y in ordered[i + 1 :]:
                    weight[(x, y)] += w
    return sorted(((w, x, y) for (x, y), w in weight.items()), key=lambda t: (-t[0], t[1], t[2]))


def rejoin_near_misses(
    reps: list[Article],
    labels: list[int],
    anchor_sets: Sequence[Sequence[str]],
    backend: str,
    opts: GroupOptions,
    features: Callable[[list[int], np.ndarray], StoryFeatures],
    lead: Callable[[Article], str],
) -> list[int]:
    """``labels`` with the stories joined that e5 groups together among the pairs of stories sharing
    the rarest names: the fast path's English model parts reports of one event that e5 keeps
    together (ECB+ held-out topics: static 0.904, e5 0.964). Pairs are read strongest first, both
    stories' representatives, while ``opts.rejoin.near_reps`` lasts; e5 groups them as the batch
    path would (``story_labels``), and stories whose representatives mostly fall in one e5 group
    with another read story join it. A story is never split; nothing changes on a multilingual
    model, without a model (hash, none) or without e5."""
    r = opts.rejoin
    # only over a model's English vectors: with no model asked for (hash, none), none is loaded
    if not r.enabled or not r.near_reps or backend not in ENGLISH_MODELS or embed.resolve("e5") != "e5":
        return labels
    rows_of = _story_rows(labels)
    idf = anchor_idf(anchor_sets)
    chosen: list[int] = []
    rows: list[int] = []
    for _, x, y in _near_pairs(rows_of, anchor_sets, idf, r.near_max_stories):
        new = [lab for lab in (x, y) if lab not in chosen]
        cost = sum(len(rows_of[lab]) for lab in new)
        if len(rows) + cost > r.near_reps:
            continue
        chosen += new
        rows += [k for lab in new for k in rows_of[lab]]
    if len(chosen) < 2:
        return labels
    rows.sort()
    feats = features(rows, embed.encode([lead(reps[k]) for k in rows], "e5"))
    feats.idf = idf
    local = story_labels(feats, opts.story_params("e5"))
    votes: dict[int, Counter[int]] = defaultdict(Counter)
    for row, group in zip(rows, local, strict=True):
        votes[labels[row]][group] += 1
    # each story goes to the e5 group holding most of its representatives, so one story cannot
    # chain two groups
    group_of = {lab: max(v.items(), key=lambda kv: (kv[1], -kv[0]))[0] for lab, v in votes.items()}
    target: dict[int, int] = {}
    relabel = {lab: target.setdefault(g, lab) for lab, g in sorted(group_of.items())}
    out = [relabel.get(lab, lab) for lab in labels]
    merged = len(set(labels)) - len(set(out))
    if merged:
        log.info("near misses: %d stories joined others (e5 on %d representatives)", merged, len(rows))
    return out
