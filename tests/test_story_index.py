"""Online story index: stable ids, joining existing stories, persistence (hand-made vectors)."""

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

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
    cfg = Config(embeddings="hash", stages={"group": {"state": str(tmp_path / "idx")}})
    out1 = run(Corpus(articles=[Article(id="a", text=text)]), cfg)
    out2 = run(Corpus(articles=[Article(id="b", text=text + " Aftershocks continued overnight.")]), cfg)
    assert out2.stories[0].id == out1.stories[0].id
    assert (tmp_path / "idx" / "stories.json").exists()


def test_large_corpus_path_streams_and_matches_the_truth(tmp_path, monkeypatch) -> None:
    """Above BATCH_MAX representatives the group stage builds stories chunk by chunk (no pair
    matrix); on a generated corpus it must still recover the generator's stories."""
    import json
    import sys
    from pathlib import Path

    from storytrace.config import Config
    from storytrace.pipeline import analyze
    from storytrace.testing.generator import GeneratorConfig, write_corpus

    sys.path.insert(0, str(Path(__file__).parents[1] / "eval"))
    from metrics import bcubed

    path = tmp_path / "c.jsonl"
    info = write_corpus(path, GeneratorConfig(stories=8, per_story=6, seed=9))
    truth = json.loads(Path(info["truth_path"]).read_text())
    gold = {a: s for s, ids in truth["stories"].items() for a in ids}

    def f1(result) -> float:
        story_of = {a: s.id for s in result.stories for a in s.articles}
        for g in result.duplicates:
            for m in g.members:
                story_of.setdefault(m, story_of.get(g.representative, m))
        return bcubed({a: story_of.get(a, a) for a in gold}, gold)[2]

    batch = analyze([path], Config(quiet=True, embeddings="e5"), stages=["clean", "text", "group"])
    small = {"group": {"batch_max": 5, "stream_chunk": 7}}
    streamed = analyze([path], Config(quiet=True, embeddings="e5", stages=small), stages=["clean", "text", "group"])
    assert f1(batch) >= 0.9
    assert f1(streamed) >= 0.9


def test_story_profile_does_not_match_on_names_a_few_members_carry() -> None:
    """A large story's anchors are a profile, not a union: an article with the same wording but
    only names that single members mention (and none of the story's own) opens a story of its own,
    while an article with the story's shared names joins it."""
    from storytrace.group.stories import StoryParams

    params = StoryParams(anchor_gate=0.6)
    idx = StoryIndex(params=params)
    # a stream where this story is one of many (anchor weights come from the whole stream)
    idx.add([f"b{k}" for k in range(60)], np.stack([_unit(0, 1, 0.01 * k) for k in range(60)]),
            [{f"town{k}", f"{k + 100}"} for k in range(60)])
    story = [f"m{k}" for k in range(10)]
    own = [{"velmora", "quake", "2031", f"witness{k}"} for k in range(10)]
    placed = idx.add(story, np.stack([_unit(1, 0.01 * k, 0) for k in range(10)]), own)
    assert len(set(placed)) == 1
    # same template (vector), shares three bystanders' names but not the story's place or number
    sibling = idx.add(["x"], np.stack([_unit(1, 0.02, 0)]), [{"witness1", "witness2", "witness3", "harbourton"}])
    assert sibling[0] != placed[0]
    follow_up = idx.add(["y"], np.stack([_unit(1, 0.03, 0)]), [{"velmora", "2031", "rescuers"}])
    assert follow_up[0] == placed[0]


def test_anchor_gate_spares_pairs_across_languages_on_a_multilingual_model_only() -> None:
    from storytrace.group.stories import StoryFeatures, StoryParams, pair_scores

    params = StoryParams(anchor_gate=0.5)
    vecs = np.stack([_unit(1, 0, 0), _unit(1, 0, 0)])
    no_names = [{"alpha"}, {"beta"}]

    def score(langs, multilingual=True):
        return pair_scores(StoryFeatures(vecs, no_names, langs, multilingual=multilingual), params)[0, 1]

    assert score(["en", "en"]) < params.threshold <= score(["en", "ru"])
    # an English-only model's vectors of two languages say nothing: no join on them
    assert score(["en", "ru"], multilingual=False) < params.threshold


def test_articles_months_apart_do_not_share_a_story_in_the_index() -> None:
    from storytrace.group.stories import StoryParams

    idx = StoryIndex(params=StoryParams(window_days=7, max_span_days=60))
    names = [{"velmora", "quake", "2031"}] * 3
    first = idx.add(["a", "b", "c"], np.stack([_unit(1, 0.01 * k, 0) for k in range(3)]), names,
                    ["en"] * 3, [100.0, 100.5, 101.0])
    assert len(set(first)) == 1
    same_week = idx.add(["d"], np.stack([_unit(1, 0.02, 0)]), names[:1], ["en"], [104.0])
    years_later = idx.add(["e"], np.stack([_unit(1, 0.02, 0)]), names[:1], ["en"], [100.0 + 3 * 365])
    assert same_week[0] == first[0]
    assert years_later[0] != first[0]


def test_time_fade_keeps_the_window_fades_past_it_and_stops_at_the_longest_span() -> None:
    from storytrace.group.story_index import _time_fade

    nan = float("nan")
    window, longest = 7.0, 60.0
    reach = longest - window

    def fade(span, other):
        return _time_fade(span, other, window, reach, longest)

    assert fade([100.0, 102.0], [103.0, 105.0]) == 1.0           # 1 day apart
    assert fade([100.0, 100.0], [107.0, 107.0]) == 1.0           # at the window's edge
    assert fade([100.0, 100.0], [133.5, 133.5]) == 0.25          # half way to the end: (1 - 1/2)^2
    assert fade([133.5, 133.5], [100.0, 100.0]) == 0.25          # either order
    # two spans that overlap, but together would span more than the longest story: no join
    assert fade([100.0, 150.0], [140.0, 170.0]) == 0.0
    assert fade([nan, nan], [100.0, 2000.0]) == 1.0              # undated: time says nothing
    assert fade([100.0, 100.0], [nan, nan]) == 1.0


def test_backend_choice_follows_corpus_size_and_index() -> None:
    from storytrace import embed
    from storytrace.group.stage import choose_backend

    assert choose_backend("auto", 10, online=False, e5_max=100) == embed.resolve("e5")
    assert choose_backend("auto", 101, online=False, e5_max=100) == embed.resolve("static")
    assert choose_backend("auto", 10, online=True, e5_max=100) == embed.resolve("static")
    assert choose_backend("e5", 10**6, online=True) == embed.resolve("e5")  # asked for: kept
    assert choose_backend("auto", 10, online=True, index_backend="hash") == "hash"  # the index's space


def test_posting_candidates_place_like_the_full_search() -> None:
    """Past ``full_search_below`` stories, candidates come from the postings of rare anchors (or,
    with none shared, from the vectors): the same stream must land in the same stories."""
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(30, 16)).astype(np.float32)
    ids, vecs, ancs = [], [], []
    for k in range(120):
        s = k % 30
        v = centres[s] + 0.05 * rng.normal(size=16).astype(np.float32)
        ids.append(f"a{k}")
        vecs.append(v / np.linalg.norm(v))
        # some articles are translations: the names changed script, the number survived
        ancs.append({f"{1000 + s}"} if k % 4 == 3 else {f"place{s}", f"{1000 + s}", "monday"})
    langs = ["ru" if k % 4 == 3 else "en" for k in range(120)]
    vecs_arr = np.stack(vecs)

    def run(full_below: int) -> list[str]:
        # a multilingual model's vectors: translations join by them
        idx = StoryIndex(backend="e5", full_search_below=full_below)
        out: list[str] = []
        for start in range(0, 120, 10):
            part = slice(start, start + 10)
            out += idx.add(ids[part], vecs_arr[part], ancs[part], langs[part])
        return out

    full, postings = run(10**9), run(0)
    # the truth: story k % 30
    groups = {}
    for k, sid in enumerate(postings):
        groups.setdefault(sid, set()).add(k % 30)
    assert all(len(g) == 1 for g in groups.values())
    assert len(groups) == 30
    assert postings == full


def test_features_computed_ahead_in_workers_give_the_same_stories(tmp_path, monkeypatch) -> None:
    """On the streaming path forked workers compute the representatives' vectors and anchors
    ahead of the index; the stories must be those of computing them in this process."""
    from storytrace.group import stage
    from storytrace.pipeline import analyze
    from storytrace.testing.generator import GeneratorConfig, write_corpus

    path = tmp_path / "c.jsonl"
    write_corpus(path, GeneratorConfig(stories=8, per_story=6, seed=4))
    monkeypatch.setattr(stage, "worker_count", lambda: 2)
    pools: list[int] = []
    real = stage.imap_ahead
    monkeypatch.setattr(stage, "imap_ahead", lambda fn, items, workers: pools.append(workers) or real(fn, items, workers))

    def stories(fork: bool) -> list[list[str]]:
        small = {"group": {"batch_max": 5, "stream_chunk": 7, "feature_block": 4, "fork_features": fork}}
        result = analyze([path], Config(quiet=True, embeddings="static", stages=small), stages=["clean", "text", "group"])
        return sorted(s.articles for s in result.stories)

    ahead = stories(True)
    assert pools == [1]  # one worker computes ahead, this process places
    here = stories(False)
    assert pools == [1]  # this time in this process
    assert ahead == here
    assert len(ahead) >= 6  # eight events, not one lump


def test_year_less_datelines_far_apart_keep_two_reports_apart_in_the_index_too() -> None:
    """Two reports alike in vector and names, dated only by year-less datelines: "Feb 3" and
    "Nov 18" lie 77 days apart round the calendar (past the 60-day span), "Feb 3" and "Feb 5" two."""
    vecs = np.stack([_unit(1.0, 0.0, 0.0), _unit(1.0, 0.01, 0.0)])
    names = [{"harbourton", "velmora", "2031"}] * 2

    def stories(yeardays: list[float | None]) -> int:
        idx = StoryIndex(backend="e5")
        return len(set(idx.add(["a", "b"], vecs, names, ["en", "en"], [None, None], yeardays)))

    assert stories([34.0, 36.0]) == 1
    assert stories([34.0, 323.0]) == 2
    assert stories([34.0, None]) == 1  # an unknown day does not split


def test_a_stream_chunk_joins_thin_dated_events_only_when_they_hang_together_closely() -> None:
    from storytrace.group.stories import StoryParams

    # two one-article events of the same day, cosine 0.9, two of three names shared: no event
    # join (cut 0.9), a subject join by vector and names; their pair score is ~0.65
    vecs = np.stack([_unit(1, 0, 0), _unit(0.9, np.sqrt(1 - 0.81), 0)])
    names = [{"velmora", "harbourton", "kestrel"}, {"velmora", "harbourton", "quillan"}]

    def joined(stream_guard: float) -> bool:
        idx = StoryIndex(params=StoryParams(threshold=0.9, stream_subject_min_mean=stream_guard))
        out = idx.add(["a", "b"], vecs, names, ["en"] * 2, [100.0, 100.0])
        return out[0] == out[1]

    assert joined(0.4)        # 0.65 hangs together more closely than the stream's guard asks
    assert not joined(0.7)    # not as closely as this


@pytest.mark.parametrize("full_below", [10**9, 0])
def test_stories_too_far_by_vector_to_pass_are_skipped_without_changing_a_placement(monkeypatch, full_below) -> None:
    """Candidates are only the stories whose vectors leave the threshold reachable: the stream must
    land in the same stories as when every story is ranked (full search and postings alike)."""
    rng = np.random.default_rng(5)
    centres = rng.normal(size=(40, 16)).astype(np.float32)
    ids, vecs, ancs = [], [], []
    for k in range(400):
        s = int(rng.integers(40))
        # wide spread with the story's names in full: many placements rest on a vector near the
        # floor, on either side of it
        v = centres[s] + 1.0 * rng.normal(size=16).astype(np.float32)
        ids.append(f"a{k}")
        vecs.append(v / np.linalg.norm(v))
        ancs.append({f"place{s}", f"{1000 + s}", "monday"})
    vecs_arr = np.stack(vecs)
    from storytrace.group.stories import StoryParams

    params = StoryParams.for_backend("static")

    def run() -> list[str]:
        idx = StoryIndex(backend="static", params=params, full_search_below=full_below)
        out: list[str] = []
        for start in range(0, 400, 25):
            part = slice(start, start + 25)
            out += idx.add(ids[part], vecs_arr[part], ancs[part])
        return out

    floor = StoryIndex(backend="static", params=params)._least_vector()
    assert 0.0 < floor < 1.0
    skipping = run()
    monkeypatch.setattr(StoryIndex, "_least_vector", lambda self: -np.inf)
    ranking_all = run()
    assert skipping == ranking_all
    assert 5 < len(set(skipping)) < 400  # stories formed: the comparison is not between singletons


def test_a_batch_reads_the_reports_focus_as_the_batch_stage_does(monkeypatch) -> None:
    # the stream's subject step gets each new report's focus (stories.focus), so another event that
    # names a story in passing stays out of it within a batch, as on the batch path
    import storytrace.group.story_index as si

    seen = []
    real = si.story_labels

    def spy(feats, params, scores=None):
        seen.append(feats.focus)
        return real(feats, params, scores)

    monkeypatch.setattr(si, "story_labels", spy)
    idx = StoryIndex()
    idx.add(["a", "b"], np.stack([_unit(1, 0, 0), _unit(0, 1, 0)]), [{"ankara"}, {"skovby"}],
            focus=[None, "lindqvist"])
    assert seen == [[None, "lindqvist"]]


@pytest.mark.parametrize("full_below", [10**9, 0])
def test_a_rewrite_finds_its_story_by_its_rare_names_past_closer_template_reports(full_below) -> None:
    """On a beat of template reports, other events told in the same words sit nearer a rewrite of
    one event by vector than that event's own story (more of them than the candidates read by
    vector): the story sharing the rewrite's rarest names is a candidate in the full search too,
    as it is in the search by postings."""
    rng = np.random.default_rng(5)
    template, own = np.zeros(16, dtype=np.float32), np.zeros(16, dtype=np.float32)
    template[0] = 1.0
    own[:3] = (1.0, 0.35, 0.0)
    ids, vecs, ancs = [], [], []
    for k in range(80):  # other events in the template's words: a place and a figure of their own
        v = template + 0.02 * rng.normal(size=16).astype(np.float32)
        ids.append(f"d{k}")
        vecs.append(v / np.linalg.norm(v))
        ancs.append({f"place{k}", f"{2000 + k}", "monday"})
    ids.append("orig")
    vecs.append(own / np.linalg.norm(own))
    ancs.append({"kessel", "4941", "monday"})
    idx = StoryIndex(full_search_below=full_below)
    placed = idx.add(ids, np.stack(vecs), ancs)
    rewrite = np.zeros(16, dtype=np.float32)
    rewrite[:3] = (1.0, 0.0, 0.35)
    rewrite /= np.linalg.norm(rewrite)
    nearer = sum(float(v @ rewrite) > float(vecs[-1] @ rewrite) for v in vecs[:-1])
    assert nearer > 50  # the own story is not among the closest by vector
    [story] = idx.add(["rewrite"], rewrite[None, :], [{"kessel", "4941", "monday"}])
    assert story == placed[-1]
    assert len(set(placed)) == len(placed)  # the template reports stayed apart


def test_the_stream_reads_the_focus_of_dated_reports_too(tmp_path, monkeypatch) -> None:
    # the subject step keeps two dated sides apart when each is about a name the other never
    # mentions (stories.merge_fragments): the stream must hand it every report's focus, not only
    # the undated ones', and the headline's name of those without one
    import storytrace.group.story_index as si
    from storytrace.config import Config
    from storytrace.pipeline import analyze
    from storytrace.testing.generator import GeneratorConfig, write_corpus

    seen: list = []
    real = si.StoryIndex.add

    def spy(self, ids, vectors, anchor_sets, languages=None, days=None, yeardays=None, focus=None, headline=None):
        seen.extend(zip(days or [], focus or [], headline or [], strict=False))
        return real(self, ids, vectors, anchor_sets, languages, days, yeardays, focus, headline)

    monkeypatch.setattr(si.StoryIndex, "add", spy)
    path = tmp_path / "c.jsonl"
    write_corpus(path, GeneratorConfig(stories=4, per_story=4, seed=2))
    small = {"group": {"batch_max": 5, "stream_chunk": 7}}
    analyze([path], Config(quiet=True, embeddings="static", stages=small), stages=["clean", "text", "group"])
    dated = [(f, h) for d, f, h in seen if d is not None]
    assert dated and any(f is not None for f, _ in dated)
    # and, for a report with no focus, its headline's one name (a condensed copy's place)
    assert any(h is not None for f, h in dated if f is None)


def test_the_index_keeps_a_few_heads_per_story_through_saves_and_joins(tmp_path: Path) -> None:
    """What a later run re-reads of a story (group/stage.py ``_rejoin_in_index``): the heads of its
    first ``HEADS_KEPT`` members, kept through a save, a join, and an index saved without them."""
    import json

    from storytrace.group.story_index import HEADS_KEPT

    idx = StoryIndex()
    quake = [f"q{i}" for i in range(HEADS_KEPT + 1)]
    idx.add(quake + ["f1"], np.stack([_unit(1, 0, 0)] * len(quake) + [_unit(0, 1, 0)]),
            [{"ankara", "6.1"}] * len(quake) + [{"frogs", "andes"}])
    for aid in [*quake, quake[0], "f1"]:
        idx.keep_head(aid, {"id": aid, "text": f"text of {aid}"})
    q, f = idx.story_of["q0"], idx.story_of["f1"]
    assert [h["id"] for h in idx.heads[q]] == quake[:HEADS_KEPT]  # the first ones, once each
    # a story of this run (skipped) is not offered; another sharing a rare name is, with its heads
    assert idx.earlier_heads([Counter({"ankara": 1})], skip={q}, per_story=3) == {}
    assert [h["id"] for h in idx.earlier_heads([Counter({"ankara": 1})], skip=set(), per_story=3)[q]] == quake[:HEADS_KEPT]
    assert f not in idx.earlier_heads([Counter({"ankara": 1})], skip=set(), per_story=3)
    idx.save(tmp_path)
    again = StoryIndex.load(tmp_path)
    assert again.heads == idx.heads
    again.merge([(again.ids[f], again.ids[q])])
    assert len(again.heads[f]) == HEADS_KEPT and again.heads[f][0]["id"] == "f1" and again.heads[q] == []
    meta = json.loads((tmp_path / "stories.json").read_text())
    del meta["heads"]
    (tmp_path / "stories.json").write_text(json.dumps(meta))
    assert StoryIndex.load(tmp_path).heads == [[], []]  # saved before heads were kept: none to read


def test_a_part_split_off_takes_its_heads_out_of_the_story_it_leaves() -> None:
    idx = StoryIndex()
    idx.add(["a", "b"], np.stack([_unit(1, 0, 0)] * 2), [{"ankara", "6.1"}] * 2)
    for aid in ("a", "b"):
        idx.keep_head(aid, {"id": aid, "text": aid})
    idx.split_off(["a"], _unit(1, 0, 0), Counter({"ankara": 1, "6.1": 1}), set(), np.array([np.nan]))
    assert [h["id"] for h in idx.heads[idx.story_of["b"]]] == ["b"]  # a later run reads no head of another story
    assert idx.heads[idx.story_of["a"]] == []  # the stage keeps the new story's heads after the split
