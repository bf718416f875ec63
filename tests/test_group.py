"""Group stage: near-duplicate groups, stories, degenerate input (hand-written truth)."""

from pathlib import Path

import pytest

from storytrace.config import Config
from storytrace.group import run
from storytrace.group.stories import StoryParams, merge_fragments
from storytrace.model import Article, Corpus

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seeds"

BRIDGE = (
    "The city council voted on Tuesday to close the old harbour bridge for repairs after inspectors "
    "found cracks in two of its supporting piers. Traffic will be diverted through the northern ring "
    "road for at least six months, officials said, and ferry services will run every twenty minutes "
    "during the morning and evening peaks while engineers replace the damaged steel sections."
)
FROG = (
    "A new species of frog was described by biologists working in a remote cloud forest, where the "
    "animals live in water pooled inside bromeliad leaves high above the ground and call at dusk."
)


def _config() -> Config:
    return Config(embeddings="hash")


def test_one_article_is_one_story() -> None:
    out = run(Corpus(articles=[Article(id="a", title="Bridge closed", text=BRIDGE)]), _config())
    assert [s.articles for s in out.stories] == [["a"]]
    assert out.stories[0].label == "Bridge closed"


def test_near_copy_grouped_and_recorded_with_every_member() -> None:
    arts = [
        Article(id="orig", text=BRIDGE, published_at="2024-01-01T10:00:00"),
        Article(id="copy", text=BRIDGE.replace("Tuesday", "Wednesday"), published_at="2024-01-01T12:00:00"),
        Article(id="frog", text=FROG),
    ]
    out = run(Corpus(articles=arts), _config())
    near = [g for g in out.duplicates if g.kind == "near"]
    assert len(near) == 1 and near[0].representative == "orig" and sorted(near[0].members) == ["copy", "orig"]
    story = next(s for s in out.stories if "orig" in s.articles)
    assert sorted(story.articles) == ["copy", "orig"]
    assert story.duplicates == near
    assert story.time_span == ["2024-01-01T10:00:00", "2024-01-01T12:00:00"]
    assert any(s.articles == ["frog"] for s in out.stories)


def test_empty_articles_are_kept_as_their_own_stories() -> None:
    arts = [Article(id="e1", text=""), Article(id="e2", text="  "), Article(id="b", text=BRIDGE)]
    out = run(Corpus(articles=arts), _config())
    assert sorted(sorted(s.articles) for s in out.stories) == [["b"], ["e1"], ["e2"]]


def test_same_text_under_fifty_ids_is_one_story_with_all_ids() -> None:
    arts = [Article(id=f"x{k:02d}", text=BRIDGE) for k in range(50)]
    out = run(Corpus(articles=arts), _config())
    assert len(out.stories) == 1
    assert sorted(out.stories[0].articles) == [f"x{k:02d}" for k in range(50)]
    assert sorted(out.stories[0].duplicates[0].members) == [f"x{k:02d}" for k in range(50)]


def test_story_ids_do_not_depend_on_input_order() -> None:
    arts = [Article(id="orig", text=BRIDGE), Article(id="frog", text=FROG)]
    a = {tuple(s.articles): s.id for s in run(Corpus(articles=list(arts)), _config()).stories}
    b = {tuple(s.articles): s.id for s in run(Corpus(articles=arts[::-1]), _config()).stories}
    assert a == b


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.exists():
        pytest.skip(f"seed articles not found at {SEEDS} (../shared is absent)")
    return SEEDS


def test_seeds_form_one_story(seeds: Path) -> None:
    from storytrace import embed
    from storytrace.pipeline import analyze

    if not embed.available("e5"):
        pytest.skip("multilingual e5 model not installed")
    result = analyze([seeds], Config(embeddings="e5"), stages=["clean", "text", "group"])
    assert len(result.stories) == 1
    assert len(result.stories[0].articles) + sum(
        len(g.members) - 1 for g in result.duplicates if g.kind == "exact") == 5


# --- fragments join their subject; well-covered events stay apart (hand-made pair scores) ---

SUBJECT = StoryParams(min_coverage=5, subject_threshold=0.4)


def _scores(groups: list[int], within: float, between: dict[tuple[int, int], float]):
    """A pair-score matrix: ``within`` inside each group, ``between[(g, h)]`` across groups, 0 else."""
    import numpy as np

    n = len(groups)
    s = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        for j in range(n):
            gi, gj = groups[i], groups[j]
            s[i, j] = 1.0 if i == j else within if gi == gj else between.get((min(gi, gj), max(gi, gj)), 0.0)
    return s


def test_well_covered_events_of_one_subject_stay_apart_and_a_fragment_joins_its_event() -> None:
    groups = [0] * 5 + [1] * 5 + [2]
    s = _scores(groups, 0.9, {(0, 1): 0.5, (0, 2): 0.6, (1, 2): 0.45})
    out = merge_fragments(groups, s, ["en"] * 11, SUBJECT)
    assert out[0] != out[5]          # two events with 5 reports each: two stories
    assert out[10] == out[0]         # the one-article follow-up joins the event it is closest to


def test_translations_are_not_coverage() -> None:
    groups = [0] * 5 + [1] * 5 + [2] * 5
    s = _scores(groups, 0.9, {(0, 1): 0.5, (0, 2): 0.6})
    out = merge_fragments(groups, s, ["en"] * 10 + ["fr", "de", "es", "cs", "el"], SUBJECT)
    assert out[10] == out[14] == out[0]   # five translations of one report: one report's coverage
    out = merge_fragments(groups, s, ["en"] * 15, SUBJECT)
    assert out[10] == out[14] and out[10] not in (out[0], out[5])  # five reports: an event of its own


def test_a_loosely_related_fragment_stays_alone() -> None:
    groups = [0] * 5 + [1] * 5 + [2]
    s = _scores(groups, 0.9, {(0, 1): 0.5, (0, 2): 0.3, (1, 2): 0.2})
    out = merge_fragments(groups, s, ["en"] * 11, SUBJECT)
    assert len(set(out)) == 3


def test_one_bridging_article_does_not_join_two_subjects() -> None:
    # fragments A (3) and B (3) share nothing; one article C is close to both. Mean linkage: C joins
    # one of them, and the pair (A+C, B) averages below the cut, so A and B stay apart.
    groups = [0] * 3 + [1] * 3 + [2]
    s = _scores(groups, 0.9, {(0, 2): 0.7, (1, 2): 0.65})
    out = merge_fragments(groups, s, ["en"] * 7, SUBJECT)
    assert out[0] != out[3]
    assert out[6] == out[0]


def test_duplicates_count_as_coverage() -> None:
    groups = [0] * 5 + [1] * 5 + [2]
    s = _scores(groups, 0.9, {(0, 1): 0.5, (0, 2): 0.6})
    alone = merge_fragments(groups, s, ["en"] * 11, SUBJECT)
    assert alone[10] == alone[0]  # one representative alone is a fragment of its subject
    out = merge_fragments(groups, s, ["en"] * 11, SUBJECT, weights=[1] * 10 + [5])
    assert out[10] not in (out[0], out[5])  # standing for five copies it is an event




# --- time: a story's members sit within a window; dates come from datelines when none is given ---


def test_the_same_subject_years_apart_is_two_stories_the_same_week_one() -> None:
    import numpy as np

    from storytrace.group.stories import StoryFeatures, story_labels

    vecs = np.stack([np.eye(4, dtype=np.float32)[0]] * 2)
    names = [{"harbourton", "velmora", "2031"}] * 2
    params = StoryParams(window_days=7, max_span_days=60)

    def together(days: list[float]) -> bool:
        labels = story_labels(StoryFeatures(vecs, names, ["en", "en"], days=np.array(days)), params)
        return labels[0] == labels[1]

    assert together([100.0, 102.0])
    assert not together([100.0, 100.0 + 3 * 365])
    assert together([100.0, float("nan")])  # an unknown day does not split


def test_a_span_read_from_datelines_says_so() -> None:
    arts = [
        Article(id="a", title="Bridge closed", text="OSLO, 4 March 2024 (Agency) - " + BRIDGE),
        Article(id="b", title="Bridge shut", text="OSLO, 5 March 2024 - " + BRIDGE.replace("council", "assembly")),
    ]
    out = run(Corpus(articles=arts), _config())
    assert [a.date_in_text for a in out.articles] == ["2024-03-04", "2024-03-05"]
    story = next(s for s in out.stories if "a" in s.articles)
    assert story.time_span_guessed and story.time_span[0] == "2024-03-04"
    dated = [Article(id="c", text=BRIDGE, published_at="2024-03-04T10:00:00Z")]
    out = run(Corpus(articles=dated), _config())
    assert out.articles[0].date_in_text is None and not out.stories[0].time_span_guessed
