"""Stories across languages on the fast path: e5 reads what the English static model cannot.

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
