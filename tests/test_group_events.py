"""The event step: average linkage that does not merge two events each about its own person."""

import numpy as np

from storytrace.group.stories import StoryFeatures, StoryParams, cluster, focus_apart, story_labels


def _two_blocks(within: float, between: float, sizes: tuple[int, int] = (3, 4)) -> np.ndarray:
    n = sum(sizes)
    scores = np.full((n, n), between, dtype=np.float32)
    scores[: sizes[0], : sizes[0]] = within
    scores[sizes[0] :, sizes[0] :] = within
    np.fill_diagonal(scores, 1.0)
    return scores


def test_a_vetoed_merge_leaves_both_sides_whole() -> None:
    scores = _two_blocks(0.9, 0.6)
    assert len(set(cluster(scores, 0.5))) == 1  # close enough to merge
    calls: list[tuple[list[int], list[int]]] = []

    def apart(a: list[int], b: list[int]) -> bool:
        calls.append((a, b))
        return {0, 1, 2} <= set(a) | set(b) and {3, 4, 5, 6} <= set(a) | set(b)

    labels = cluster(scores, 0.5, apart)
    assert labels[:3] == [labels[0]] * 3 and labels[3:] == [labels[3]] * 4  # each side merged within
    assert labels[0] != labels[3]
    assert any(sorted(a + b) == list(range(7)) for a, b in calls)  # the veto saw the whole sides
    # nothing vetoed: the plain cut
    assert cluster(scores, 0.5, lambda a, b: False) == cluster(scores, 0.5)


def _features(focus: list[str | None], anchors: list[set[str]], days: list[float] | None = None) -> StoryFeatures:
    n = len(focus)
    # each side's reports alike, the two sides close (cosine 0.89)
    vectors = np.array([[1.0, 0.0]] * 3 + [[1.0, 0.5]] * (n - 3), dtype=np.float32)
    return StoryFeatures(
        vectors=vectors / np.linalg.norm(vectors, axis=1, keepdims=True), anchor_sets=anchors, languages=["en"] * n,
        days=np.array(days if days is not None else [np.nan] * n), focus=focus, headline=[None] * n,
    )


# two arrests of two players of one club, weeks apart: the same words, the club's names in both;
# the later reports name the earlier player in passing
CLUB = {"harbourton", "rovers", "police"}
FIRST = [CLUB | {"halvard"}] * 3
SECOND = [CLUB | {"orsini", "halvard"}] * 4


def test_two_sides_each_about_their_own_name_are_two_events() -> None:
    f = _features(["halvard"] * 3 + ["orsini"] * 4, FIRST + SECOND)
    apart = focus_apart(f)
    assert apart is not None
    # undated: both sides about a name, one of them never mentioned by the other side
    assert apart([0, 1, 2, 3], [4, 5, 6]) is False  # both sides hold both players' reports
    assert apart([3, 4, 5, 6], [0, 1, 2]) is True   # "halvard"'s side never names "orsini"
    assert apart([0, 1, 2], [3, 4, 5, 6]) is True
    # one report about a name is not a side about it (often a side actor of its event)
    assert apart([3], [0, 1, 2]) is False
    # a side about no one: the other's own name is no reason to part them
    f = _features(["halvard"] * 3 + [None] * 4, FIRST + [CLUB] * 4)
    assert focus_apart(f)([0, 1, 2], [3, 4, 5, 6]) is False  # type: ignore[misc]
    # dated both ways: each side must be about a name the other never mentions; here the later
    # reports name the earlier player, so the time factor judges them, not the names
    f = _features(["halvard"] * 3 + ["orsini"] * 4, FIRST + SECOND, days=[1.0] * 3 + [20.0] * 4)
    assert focus_apart(f)([0, 1, 2], [3, 4, 5, 6]) is False  # type: ignore[misc]
    f = _features(["halvard"] * 3 + ["orsini"] * 4, FIRST + [CLUB | {"orsini"}] * 4, days=[1.0] * 3 + [20.0] * 4)
    assert focus_apart(f)([0, 1, 2], [3, 4, 5, 6]) is True  # type: ignore[misc]


def test_the_event_step_parts_two_players_told_in_one_template() -> None:
    params = StoryParams(vector_weight=1.0, anchor_gate=0.0, threshold=0.5, min_coverage=1)
    f = _features(["halvard"] * 3 + ["orsini"] * 4, FIRST + SECOND)
    labels = story_labels(f, params)
    assert len(set(labels[:3])) == 1 and len(set(labels[3:])) == 1 and labels[0] != labels[3]
    # the same reports with no name standing out in them: one event, as before
    f.focus = [None] * 7
    assert len(set(story_labels(f, params))) == 1
