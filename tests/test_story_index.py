"""Online story index: stable ids, joining existing stories, persistence (hand-made vectors)."""

from pathlib import Path

import numpy as np

from storytrace.config import Config
from storytrace.group import run
from storytrace.group.story_index import StoryIndex
from storytrace.model import Article, Corpus


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_new_article_joins_matching_story_and_ids_survive_reload(tmp_path: Path) -> None:
    idx = StoryIndex()
    first = idx.add(["q1", "f1"], np.stack([_unit(1, 0, 0), _unit(0, 1, 0)]),
                    [{"ankara", "6.1"}, {"frogs", "andes"}])
    assert first[0] != first[1]
    idx.save(tmp_path)
    again = StoryIndex.load(tmp_path)
    # Close vector and shared anchors: the quake story. Orthogonal, no anchors: a new story.
    second = again.add(["q2", "x1"], np.stack([_unit(1, 0.05, 0), _unit(0, 0, 1)]), [{"ankara", "6.1"}, {"budget"}])
    assert second[0] == first[0]
    assert second[1] not in first
    assert again.add(["f1"], np.stack([_unit(0, 0, 1)]), [set()]) == [first[1]]  # known id: its story
    assert sorted(again.members[again.ids.index(first[0])]) == ["q1", "q2"]


def test_stage_with_state_keeps_story_ids_across_runs(tmp_path: Path) -> None:
    text = ("Rescue teams searched collapsed buildings in Ankara on Monday after a 6.1 magnitude earthquake "
            "struck the region, the Disaster Agency said, with 14 people confirmed dead.")
    cfg = Config(embeddings="hash")
    cfg.stage_options["group"] = {"state": str(tmp_path / "idx")}
    out1 = run(Corpus(articles=[Article(id="a", text=text)]), cfg)
    out2 = run(Corpus(articles=[Article(id="b", text=text + " Aftershocks continued overnight.")]), cfg)
    assert out2.stories[0].id == out1.stories[0].id
    assert (tmp_path / "idx" / "stories.json").exists()
