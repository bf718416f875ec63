"""``--state`` runs while the index is small: every run groups the index's articles again with its
own (``group/stage.py``, ``_regroup``), so the order runs come in does not change the stories."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np

from storytrace import Config, analyze
from storytrace.group.stage import _story_ids
from storytrace.group.story_index import StoryIndex, story_id
from storytrace.testing.generator import GeneratorConfig, write_corpus

STAGES = ["clean", "text", "group"]


def _records(tmp_path: Path, seed: int = 3) -> list[dict]:
    path = tmp_path / "corpus.jsonl"
    write_corpus(path, GeneratorConfig(stories=12, per_story=5, seed=seed, styles="varied"))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _feed(tmp_path: Path, batches: list[list[dict]], **group) -> tuple[list, StoryIndex]:
    state = tmp_path / "state"
    config = Config(quiet=True, progress=False, stages={"group": {"state": str(state), **group}})
    out = []
    for i, recs in enumerate(batches):
        path = tmp_path / f"run{i}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
        out.append(analyze([path], config, stages=STAGES))
    return out, StoryIndex.load(state)


def test_state_runs_in_any_order_end_with_the_stories_of_one_run(tmp_path):
    """Twelve generated stories fed in four shuffled runs end in the index as one run over all of
    them groups them (on this corpus the index placing each run alone, ``regroup_max`` 0, joins
    stories whose first reports arrived apart from the reports that tell them apart)."""
    recs = _records(tmp_path)
    path = tmp_path / "all.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    one = analyze([path], Config(quiet=True, progress=False), stages=STAGES)
    random.Random(1).shuffle(recs)
    runs, index = _feed(tmp_path, [recs[i::4] for i in range(4)])
    placed = set(index.story_of)  # a run's near duplicates stand behind their representative
    expected = sorted(sorted(a for a in s.articles if a in placed) for s in one.stories)
    assert sorted(sorted(m) for m in index.members if m) == [s for s in expected if s]
    assert len(index.whole or []) == len(placed)  # every member's head kept for the next run
    # each run's stories carry the ids the index gave them in that run
    last = {a: s.id for s in runs[-1].stories for a in s.articles}
    assert all(index.ids[index.story_of[a]] == sid for a, sid in last.items() if a in placed)


def test_a_story_keeps_its_id_when_a_later_run_regroups_it(tmp_path):
    recs = _records(tmp_path)
    random.Random(2).shuffle(recs)
    (first, second), index = _feed(tmp_path, [recs[:30], recs[30:]])
    before = {a: s.id for s in first.stories for a in s.articles}
    after = {a: index.ids[index.story_of[a]] for a in index.story_of}
    # a story of the first run whose members stay together keeps its id
    whole = 0
    for sid in set(before.values()):
        members = [a for a, s in before.items() if s == sid and a in after]
        if members and len({after[a] for a in members}) == 1:
            assert after[members[0]] == sid
            whole += 1
    assert whole >= 6
    assert len(set(index.ids)) == len(index.ids)  # no id given twice
    assert any(s.id in set(before.values()) for s in second.stories)  # second-run reports joined first-run stories


def test_past_regroup_max_the_index_only_grows(tmp_path):
    recs = _records(tmp_path)
    (_, _), index = _feed(tmp_path, [recs[:10], recs[10:14]], regroup_max=15)
    assert index.whole is not None and len(index.whole) == len(index.story_of)
    assert (tmp_path / "state" / "whole.npy").exists()
    kept = {a: index.story_of[a] for a in index.story_of}
    (_,), index = _feed(tmp_path, [recs[14:30]], regroup_max=15)  # now past 15: the index places them
    assert index.whole is None and not (tmp_path / "state" / "whole.npy").exists()
    # the earlier articles were not grouped again: any two that shared a story still do
    for a in kept:
        for b in kept:
            if kept[a] == kept[b]:
                assert index.story_of[a] == index.story_of[b]


def test_story_ids_follow_the_larger_share_and_are_never_reused():
    old = StoryIndex(ids=["s-a", "s-b"], members=[["1", "2", "3"], ["4", "5"]])
    old.story_of = {a: r for r, ms in enumerate(old.members) for a in ms}
    # story a splits (2 + 1), story b joins the smaller part of a
    ids = _story_ids([["1", "2"], ["3", "4", "5"], ["6"]], old)
    assert ids[0] == "s-a"  # two of a's three members
    assert ids[1] == "s-b"  # b's two members (a's one is the smaller share)
    assert ids[2] == story_id("6") and ids[2] not in ("s-a", "s-b")
    # a story that takes its id from an earlier one's first article never reuses that id
    taken = StoryIndex(ids=[story_id("7")], members=[["9"]])
    taken.story_of = {"9": 0}
    fresh = _story_ids([["9"], ["7", "8"]], taken)
    assert fresh[0] == story_id("7") and fresh[1] != story_id("7")


def test_an_index_of_groups_is_the_index_add_builds(tmp_path):
    """``StoryIndex.of_groups`` holds what placing the groups one by one holds, and keeps every
    member's head through a save; an index saved without them cannot be grouped whole again."""
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(5, 8)).astype(np.float32)
    anchors = [("ankara", "7"), ("ankara",), ("ankara", "bridge"), ("oslo",), ("oslo", "9")]
    whole = [{"id": f"a{k}", "title": None, "text": f"text {k}", "language": "en", "published_at": None,
              "date_in_text": None, "weight": 1, "anchors": list(anchors[k])} for k in range(5)]
    days = [10.0, None, 12.0, None, 40.0]
    idx = StoryIndex.of_groups(StoryIndex().params, "static", [[0, 1, 2], [3, 4]], ["s-x", "s-y"],
                               [f"a{k}" for k in range(5)], vectors, anchors, ["en"] * 5, days, whole)
    assert idx.ids == ["s-x", "s-y"] and idx.members == [["a0", "a1", "a2"], ["a3", "a4"]]
    assert np.allclose(idx.sums[0], vectors[:3].sum(axis=0)) and np.allclose(idx.sums[1], vectors[3:].sum(axis=0))
    assert idx.anchors[0] == {"ankara": 3, "7": 1, "bridge": 1} and idx.postings["oslo"] == [1]
    assert idx.spans == [[10.0, 12.0], [40.0, 40.0]] and idx.seen == 5
    assert all("weight" not in h and "anchors" not in h for hs in idx.heads for h in hs)
    idx.whole_vectors, idx.whole_backend = vectors, "e5"
    idx.save(tmp_path)
    again = StoryIndex.load(tmp_path)
    assert again.whole == whole and again.whole_backend == "e5" and np.allclose(again.whole_vectors, vectors)
    meta = json.loads((tmp_path / "stories.json").read_text())
    del meta["whole"]
    (tmp_path / "stories.json").write_text(json.dumps(meta))
    assert StoryIndex.load(tmp_path).whole is None


def test_earlier_articles_a_run_moves_are_moved_in_the_store_too(tmp_path):
    """A run that groups the index's articles again says which earlier ones changed story
    (``Result.moved``), and a store kept beside the state follows: every placed article is stored
    in the story the index has it in. (The first run cuts every event apart, a setting a user may
    change between runs; the second, on the defaults, joins them.)"""
    from typer.testing import CliRunner

    from storytrace.cli import app
    from storytrace.store import Store

    recs = _records(tmp_path)[:24]
    random.Random(2).shuffle(recs)
    moved = []
    for k, (part, sets) in enumerate(((recs[:16], ["group.story.threshold=0.99", "group.story.min_coverage=1"]),
                                      (recs[16:], []))):
        path = tmp_path / f"run{k}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
        args = ["analyze", str(path), "--state", str(tmp_path / "state"), "--db", str(tmp_path / "st.db"),
                "--json", str(tmp_path / f"r{k}.json"), "--quiet", "--stages", "clean,text,group"]
        res = CliRunner().invoke(app, args + [x for s in sets for x in ("--set", s)])
        assert res.exit_code == 0, res.output
        moved.append(json.loads((tmp_path / f"r{k}.json").read_text(encoding="utf-8")).get("moved", {}))
    index = StoryIndex.load(tmp_path / "state")
    assert moved[0] == {} and moved[1] and set(moved[1]) <= {r["id"] for r in recs[:16]}
    assert all(index.ids[index.story_of[a]] == sid for a, sid in moved[1].items())
    stored = dict(Store(tmp_path / "st.db").db.execute("SELECT article, story FROM story_articles").fetchall())
    assert {a: stored.get(a) for a in index.story_of} == {a: index.ids[r] for a, r in index.story_of.items()}
