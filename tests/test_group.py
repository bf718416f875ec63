"""Group stage: near-duplicate groups, stories, degenerate input (hand-written truth)."""

from pathlib import Path

import pytest

from storytrace.config import Config
from storytrace.group import run
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
