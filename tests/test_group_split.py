"""Stories the fast path made that e5 parts are split (group/languages.py ``split_incoherent``), in a
batch and in the online index (``StoryIndex.split_off``; the stage's ``_split_in_index``).
Hand-made vectors and e5 groupings: what is tested is what the step does with e5's answer."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from storytrace.group.languages import Reading, split_incoherent
from storytrace.group.options import GroupOptions
from storytrace.group.story_index import StoryIndex
from storytrace.model import Article


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


class _Fixed(Reading):
    """A reading whose e5 grouping is given: representative -> e5 group."""

    e5: dict[int, int] = {}

    def e5_labels(self, rows):
        return [self.e5[k] for k in rows]


def _reading(n: int, e5: dict[int, int], **rejoin) -> _Fixed:
    reps = [Article(id=f"a{k}", text=f"report {k}") for k in range(n)]
    reading = _Fixed(reps, [()] * n, GroupOptions(rejoin=rejoin), lambda rows, vecs: None, lambda a: a.text)
    reading.e5 = e5
    return reading


# stories 0 (rows 0-3), 1 (rows 4-5) and 2 (row 6); e5 parts 0 into {0,1,2} and {3}, 1 into {4} and
# {5}, and puts row 3 with row 5 (a join this step must not make)
LABELS = [0, 0, 0, 0, 1, 1, 2]
E5 = {0: 10, 1: 10, 2: 10, 3: 11, 4: 12, 5: 11, 6: 13}


def test_a_story_e5_parts_is_split_and_keeps_its_largest_part():
    out = split_incoherent(_reading(7, E5), LABELS, {0: 0.2, 1: 0.5, 2: 1.0})
    assert out[:3] == [0, 0, 0] and out[6] == 2
    assert out[3] not in LABELS and out[3] != out[5]  # split off, and not joined to its e5 group-mate
    assert out[4] == 1 and out[5] not in LABELS  # a tie: the part of the first representative stays
    assert len(set(out)) == 5


@pytest.mark.parametrize(("budget", "split"), [(4, {0}), (2, {1}), (6, {0, 1}), (0, set())])
def test_the_least_coherent_stories_are_read_first_while_the_budget_lasts(budget, split):
    out = split_incoherent(_reading(7, E5, split_reps=budget), LABELS, {0: 0.2, 1: 0.5, 2: 1.0})
    was_split = {lab for lab in (0, 1) if len({out[k] for k, x in enumerate(LABELS) if x == lab}) > 1}
    assert was_split == split


def test_a_keeper_chooses_the_part_that_keeps_the_story():
    out = split_incoherent(_reading(7, E5), LABELS, {0: 0.2, 1: 0.5, 2: 1.0}, keeper=lambda lab, parts: len(parts) - 1)
    assert out[3] == 0 and out[0] == out[1] == out[2] != 0  # the smaller part kept story 0


def _index_of_one_story() -> tuple[StoryIndex, str]:
    idx = StoryIndex()
    vec = np.stack([_unit(1, 0, 0), _unit(1, 0.05, 0), _unit(1, 0.1, 0)])
    ids = idx.add(["a", "b", "c"], vec, [{"ankara", "6.1"}, {"ankara", "6.1"}, {"ankara", "izmir"}])
    assert len(set(ids)) == 1  # one story to split
    return idx, ids[0]


def test_split_off_moves_members_vectors_and_names_to_a_new_story(tmp_path):
    idx, sid = _index_of_one_story()
    row = idx.ids.index(sid)
    new = idx.split_off(["a", "c"], _unit(1, 0, 0) + _unit(1, 0.1, 0), Counter({"ankara": 2, "6.1": 1, "izmir": 1}),
                        {"en"}, np.array([100.0, np.nan]))
    # "a" gave the story its id; the part it leaves with gets another one, the story keeps its own
    assert new != sid and idx.ids[row] == sid
    assert idx.members[row] == ["b"] and sorted(idx.members[idx.story_of["a"]]) == ["a", "c"]
    assert idx.spans[idx.story_of["a"]] == [100.0, 100.0]  # the part's known day
    assert idx.story_of["b"] == row and idx.ids[idx.story_of["c"]] == new
    assert idx.anchors[row] == Counter({"ankara": 1, "6.1": 1})
    assert row not in idx.postings["izmir"] and idx.story_of["c"] in idx.postings["izmir"]
    assert np.allclose(idx.sums[row], _unit(1, 0.05, 0), atol=1e-6)
    idx.save(tmp_path)
    again = StoryIndex.load(tmp_path)
    assert again.story_of == idx.story_of and again.ids == idx.ids
    # a later report of the part split off joins it, not the story it left
    placed = again.add(["d"], np.stack([_unit(1, 0.1, 0)]), [{"izmir"}])
    assert placed == [new]


def test_in_an_index_the_part_closest_to_the_earlier_members_keeps_the_story():
    from storytrace.group.stage import _Grouping, _split_in_index

    idx = StoryIndex()
    sid = idx.add(["old1", "old2"], np.stack([_unit(1, 0, 0), _unit(1, 0.02, 0)]), [{"ankara"}, {"ankara"}])[0]
    # this run: one report like the earlier ones, two of another event that the index put there too
    vecs = np.stack([_unit(1, 0.05, 0), _unit(1, 0.6, 0), _unit(1, 0.65, 0)])
    placed = idx.add(["n1", "n2", "n3"], vecs, [{"ankara"}] * 3)
    assert set(placed) == {sid}
    reading = _reading(3, {0: 0, 1: 1, 2: 1})
    reading.reps = [Article(id=x, text=x) for x in ("n1", "n2", "n3")]
    grouping = _Grouping(labels=[0, 0, 0], anchor_sets=[("ankara",)] * 3, indexed_ids={0: sid}, index=idx,
                         vectors=vecs, indexed_anchors=[("ankara",)] * 3)
    out = _split_in_index(reading, grouping, {0: 0.5})
    assert out[0] == 0 and out[1] == out[2] != 0
    assert sorted(idx.members[idx.ids.index(sid)]) == ["n1", "old1", "old2"]  # the larger part left
    new = grouping.indexed_ids[out[1]]
    assert new != sid and sorted(idx.members[idx.ids.index(new)]) == ["n2", "n3"]


class _Recording(Reading):
    """A reading whose e5 grouping only records the rows it was asked to read."""

    read: list[list[int]]

    def groups(self, rows, labels):
        self.read.append(list(rows))
        return {labels[k]: labels[k] for k in rows}


def _recording(anchors, near_reps: int) -> _Recording:
    reps = [Article(id=f"a{k}", text=f"report {k}") for k in range(len(anchors))]
    reading = _Recording(reps, anchors, GroupOptions(rejoin={"near_reps": near_reps}), lambda rows, vecs: None,
                         lambda a: a.text)
    reading.read = []
    return reading


def test_the_near_step_budget_counts_only_what_it_encodes():
    """Representatives an earlier step encoded cost the step on rare names nothing: with a budget
    of one, it still reads two stories already read, but not a pair needing two new encodings."""
    from storytrace.group.languages import rejoin_near_misses

    # stories 0 (rows 0, 1) and 1 (row 2) share "karnow"; stories 2 (row 3) and 3 (row 4) share
    # "valdmark", rarer; story 4 (row 5) shares nothing
    anchors = [("karnow",), ("karnow",), ("karnow",), ("valdmark", "tessin"), ("valdmark", "tessin"), ("oslo",)]
    reading = _recording(anchors, near_reps=1)
    reading.vectors = {k: np.ones(2, dtype=np.float32) for k in (0, 1, 2)}
    rejoin_near_misses(reading, [0, 0, 1, 2, 3, 4])
    assert reading.read == [[0, 1, 2]]
    reading.read.clear()
    reading.vectors = {}
    rejoin_near_misses(reading, [0, 0, 1, 2, 3, 4])
    assert reading.read == []  # every pair needs two or more encodings: nothing fits a budget of one


def test_the_near_step_reads_the_most_shared_rarity_per_encoding_first():
    """A budget that holds either two stories of three sharing two names (one report of each) or
    two pairs of single reports each sharing one name reads the two small pairs: more evidence per
    representative encoded (the big pair shares more in all, and was read first before)."""
    from storytrace.group.languages import rejoin_near_misses

    anchors = [("alder", "birch"), (), (), ("alder", "birch"), (), (), ("cedar",), ("cedar",), ("dogwood",), ("dogwood",)]
    reading = _recording(anchors, near_reps=6)
    idf = reading.idf
    assert idf["alder"] + idf["birch"] > idf["cedar"]  # the big pair shares more rarity in all
    rejoin_near_misses(reading, [0, 0, 0, 1, 1, 1, 2, 3, 4, 5])
    assert reading.read == [[6, 7, 8, 9]]
