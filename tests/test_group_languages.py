"""Stories across languages on the fast path (group/languages.py): a translation joins its story
although the English static model cannot read it; other stories stay apart. And stories sharing
rare names, re-read with e5: reports of one event join, other events of the same people do not."""

from __future__ import annotations

import json

import pytest

from storytrace import Config, analyze, embed

pytestmark = pytest.mark.skipif(embed.resolve("e5") != "e5", reason="e5 not installed")

BRIDGE_EN = (
    "Bridge collapses in Karnow after days of heavy rain",
    "KARNOW, May 4 - A road bridge over the Ilse river in the city of Karnow collapsed on Sunday "
    "after four days of heavy rain, injuring seven people, the regional fire service said. "
    "Two cars and a delivery van fell into the water when the central span gave way shortly "
    "after 6 a.m., fire service spokesman Piotr Lessing told reporters at the scene. "
    "Divers pulled all seven people from the river; two of them were in a serious condition. "
    "The 62-metre bridge was built in 1974 and had been due for repairs next year, "
    "city engineer Hanna Voss said. Engineers will inspect four other bridges on the Ilse on Monday.",
)
BRIDGE_EN2 = (
    "Seven hurt as Karnow bridge falls into the Ilse",
    "Seven people were injured when a road bridge in Karnow fell into the swollen Ilse river on "
    "Sunday morning, rescuers said. The central span of the 62-metre bridge, built in 1974, gave "
    "way at about 6 a.m. and two cars and a van dropped into the water, spokesman Piotr Lessing said. "
    "Two of the injured are in a serious condition. City engineer Hanna Voss said repairs had been "
    "planned for next year. Four more bridges on the river will be inspected on Monday.",
)
# A translation that names fewer people than its original: names alone do not join it.
BRIDGE_FR = (
    "Un pont s'effondre à Karnow après des jours de pluie",
    "Un pont routier sur la rivière s'est effondré dimanche dans la ville de Karnow après quatre "
    "jours de fortes pluies, faisant sept blessés, ont indiqué les pompiers. Deux voitures et une "
    "camionnette de livraison sont tombées dans l'eau lorsque la travée centrale a cédé peu après "
    "six heures, a déclaré aux journalistes le porte-parole des pompiers. Des plongeurs ont sorti "
    "les sept personnes de la rivière ; deux d'entre elles sont dans un état grave. Le pont, "
    "construit il y a cinquante ans, devait être réparé l'an prochain, a précisé l'ingénieure de "
    "la ville. Quatre autres ponts seront inspectés lundi.",
)
ORCHESTRA_EN = (
    "Valdmark orchestra names Lena Sorensen as its first woman conductor",
    "The Valdmark Symphony Orchestra on Tuesday named Danish conductor Lena Sorensen as its chief "
    "conductor from next season, the first woman to hold the post in its 110-year history. "
    "Sorensen, 41, will conduct twelve concerts a year and lead a tour of Japan in 2027, the "
    "orchestra's director Tomas Berg said. She succeeds Austrian conductor Felix Amann, who held the "
    "post for 14 years. Sorensen said she wanted to bring more contemporary music to the hall.",
)


def _write(path, records) -> None:
    with path.open("w", encoding="utf-8") as f:
        for rid, (title, text) in records:
            f.write(json.dumps({"id": rid, "title": title, "text": text, "published_at": "2026-05-04"}) + "\n")


def _stories(path, **rejoin) -> dict[str, set[str]]:
    config = Config(embeddings="static", quiet=True, progress=False, stages={"group": {"rejoin": rejoin}})
    result = analyze([path], config, stages=["clean", "text", "group"])
    return {a: set(s.articles) for s in result.stories for a in s.articles}


def test_a_translation_joins_its_story_on_the_static_path(tmp_path):
    path = tmp_path / "mixed.jsonl"
    _write(path, [("en1", BRIDGE_EN), ("en2", BRIDGE_EN2), ("fr", BRIDGE_FR), ("other", ORCHESTRA_EN)])
    story_of = _stories(path)
    assert story_of["fr"] == {"en1", "en2", "fr"}
    assert story_of["other"] == {"other"}


def test_without_the_step_the_translation_stays_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    _write(path, [("en1", BRIDGE_EN), ("en2", BRIDGE_EN2), ("fr", BRIDGE_FR), ("other", ORCHESTRA_EN)])
    story_of = _stories(path, enabled=False)
    assert story_of["fr"] == {"fr"}  # the English model alone does not join it
    assert story_of["en1"] == {"en1", "en2"}


def test_english_stories_are_left_as_grouped(tmp_path):
    path = tmp_path / "english.jsonl"
    _write(path, [("en1", BRIDGE_EN), ("en2", BRIDGE_EN2), ("other", ORCHESTRA_EN)])
    assert _stories(path) == _stories(path, enabled=False)


@pytest.mark.parametrize("budget", [0, 1])  # not even the French one; only the French one
def test_what_the_budget_does_not_hold_is_not_joined(tmp_path, budget):
    path = tmp_path / "mixed.jsonl"
    _write(path, [("en1", BRIDGE_EN), ("en2", BRIDGE_EN2), ("fr", BRIDGE_FR), ("other", ORCHESTRA_EN)])
    # (the step on stories sharing rare names, which would read them too, is off here)
    assert _stories(path, max_reps=budget, near_reps=0)["fr"] == {"fr"}
    assert _stories(path, max_reps=3, near_reps=0)["fr"] == {"en1", "en2", "fr"}  # the French and its English story


def test_with_a_state_the_index_keeps_the_joined_story(tmp_path):
    from storytrace.group.story_index import StoryIndex

    path = tmp_path / "mixed.jsonl"
    _write(path, [("en1", BRIDGE_EN), ("en2", BRIDGE_EN2), ("fr", BRIDGE_FR), ("other", ORCHESTRA_EN)])
    state = tmp_path / "state"
    config = Config(embeddings="static", quiet=True, progress=False, stages={"group": {"state": str(state)}})
    result = analyze([path], config, stages=["clean", "text", "group"])
    joined = next(s for s in result.stories if "fr" in s.articles)
    assert set(joined.articles) == {"en1", "en2", "fr"}
    index = StoryIndex.load(state)
    row = index.story_of["fr"]
    assert index.story_of["en1"] == row and index.ids[row] == joined.id  # the index joined them too
    assert sorted(index.members[row]) == ["en1", "en2", "fr"]
    assert sum(1 for m in index.members if m) == 2  # the bridge and the orchestra; the joined row is empty


# A three-line report of the bridge: the English static model parts it from the full report.
BRIDGE_SHORT = (
    "Karnow: seven hurt",
    "Seven people were hurt in Karnow when vehicles plunged into the Ilse, spokesman Piotr Lessing said.",
)
# Another event of the orchestra's (its director, its city): shares rare names, not the event.
ORCHESTRA_HALL = (
    "Valdmark hall wins architecture prize",
    "The concert hall of the Valdmark Symphony Orchestra won the national architecture prize on "
    "Tuesday for its renovation, the jury said. Director Tomas Berg accepted the award; the hall "
    "reopened last year after three years of building work costing 80 million crowns.",
)


def test_e5_rereads_stories_sharing_rare_names_and_joins_only_one_event(tmp_path):
    path = tmp_path / "english.jsonl"
    _write(path, [("full", BRIDGE_EN), ("short", BRIDGE_SHORT), ("orch", ORCHESTRA_EN), ("hall", ORCHESTRA_HALL)])
    off = _stories(path, near_reps=0)
    assert off["short"] == {"short"}  # the static model alone parts the two bridge reports
    story_of = _stories(path)
    assert story_of["short"] == {"full", "short"}
    assert story_of["hall"] == {"hall"} and story_of["orch"] == {"orch"}  # both pairs were read


def test_near_pairs_link_stories_by_their_rare_shared_names():
    from storytrace.group.languages import _near_pairs

    rows_of = {0: [0], 1: [1], 2: [2], 3: [3]}
    anchors = [["karnow", "ilse", "river"], ["karnow", "ilse", "river"], ["river", "berg"], ["river", "berg"]]
    idf = {"karnow": 2.0, "ilse": 1.5, "river": 0.1, "berg": 1.0}
    pairs = _near_pairs(rows_of, anchors, idf, max_stories=3)
    assert [(x, y) for _, x, y in pairs] == [(0, 1), (2, 3)]  # "river" is in 4 stories: no link
    assert pairs[0][0] == pytest.approx(3.5) and pairs[1][0] == pytest.approx(1.0)
    assert len(_near_pairs(rows_of, anchors, idf, max_stories=4)) == 6  # now "river" links every pair


def test_near_pairs_weigh_a_name_by_the_representatives_carrying_it():
    """A single report sharing a name with all three reports of a story outweighs two single
    reports sharing a somewhat rarer one: the evidence is summed over pairs of reports."""
    from storytrace.group.languages import _near_pairs

    rows_of = {0: [0, 1, 2], 1: [3], 2: [4], 3: [5]}
    anchors = [["karnow"], ["karnow"], ["karnow"], ["karnow"], ["ilse"], ["ilse"]]
    idf = {"karnow": 1.5, "ilse": 2.0}
    pairs = _near_pairs(rows_of, anchors, idf, max_stories=3)
    assert [(x, y) for _, x, y in pairs] == [(0, 1), (2, 3)]
    assert pairs[0][0] == pytest.approx(3 * 1.5) and pairs[1][0] == pytest.approx(2.0)


def _reading(langs, anchors, state=None):
    from storytrace.group.languages import Reading
    from storytrace.group.options import GroupOptions
    from storytrace.model import Article

    reps = [Article(id=f"a{k}", text="x", language=lang) for k, lang in enumerate(langs)]
    opts = GroupOptions(state=state)
    return Reading(reps, anchors, opts, features=lambda rows, vecs: None, lead=lambda a: a.text)


def test_representatives_grouped_blind_stand_alone_before_e5_places_them():
    """Another language than the model's and only numbers among the anchors: the English model
    joined it by numbers alone, so it leaves its story; a name, English text or a story of one
    keep their place."""
    from storytrace.group.languages import _blind_alone

    langs = ["he", "he", "ar", "en", "fr", "fr", "hi"]
    anchors = [["2005"], ["2005", "12"], ["2005"], ["2005"], ["2005", "karnow"], ["karnow"], ["12"]]
    labels = [0, 0, 0, 0, 1, 1, 2]
    out = _blind_alone(_reading(langs, anchors), labels)
    assert len({out[0], out[1], out[2]}) == 3 and not {out[0], out[1], out[2]} & set(labels)
    assert out[3:] == labels[3:]  # English; French with a name (and its story-mate); a story of one


def test_blind_representatives_join_the_e5_group_they_fall_in_not_their_story():
    from storytrace.group.languages import Reading, rejoin_languages

    # stories: 0 = two Hebrew reports joined by a year (one of the bridge, one of the orchestra),
    # 1 = the English bridge story, 2 = the English orchestra story; e5 reads each report alone
    e5_group = {0: "bridge", 1: "orchestra", 2: "bridge", 3: "orchestra"}

    class Fixed(Reading):
        def groups(self, rows, labels, across_languages=False):
            votes = {}
            for k in rows:
                votes.setdefault(labels[k], []).append(e5_group[k])
            return {lab: max(set(v), key=v.count) for lab, v in votes.items()}

    base = _reading(["he", "he", "en", "en"], [["2005"], ["2005"], ["karnow", "2005"], ["valdmark", "2005"]])
    reading = Fixed(base.reps, base.anchor_sets, base.opts, base.features, base.lead)
    out = rejoin_languages(reading, [0, 0, 1, 2])
    assert out[0] == out[2] and out[1] == out[3] and out[0] != out[1]
    # with a story index the stories are only joined: the two stay together
    stateful = Fixed(base.reps, base.anchor_sets, _reading([], [], state="x").opts, base.features, base.lead)
    kept = rejoin_languages(stateful, [0, 0, 1, 2])
    assert kept[0] == kept[1]



def test_the_second_step_does_not_encode_what_the_first_read(monkeypatch):
    """Both steps read through one ``Reading``: a representative the language step encoded is not
    encoded again when the step on rare names reads its story."""
    import types

    import numpy as np

    import storytrace.group.languages as languages

    encoded: list[str] = []

    def encode(texts, backend, *args, **kwargs):
        encoded.extend(texts)
        return np.ones((len(texts), 384), dtype=np.float32)  # e5's width (its language offsets)

    monkeypatch.setattr(languages.embed, "encode", encode)
    monkeypatch.setattr(languages, "story_labels", lambda feats, params: [0] * len(feats.rows))
    base = _reading(["fr", "en", "en", "en"], [["karnow"], ["karnow"], ["karnow"], ["valdmark"]])
    reading = languages.Reading(
        base.reps, base.anchor_sets, base.opts, lambda rows, vecs: types.SimpleNamespace(rows=rows), base.lead
    )
    for k, a in enumerate(reading.reps):
        a.text = f"lead {k}"
    reading.groups([0, 1], [0, 1, 2, 3])  # the language step: the French report and a candidate
    reading.groups([0, 1, 2], [0, 0, 2, 3])  # the next step: their story and another
    assert encoded == ["lead 0", "lead 1", "lead 2"]


def test_a_story_joins_an_e5_group_only_with_half_of_its_representatives(monkeypatch):
    """A story e5 parts into several groups does not follow the largest part into another story:
    only the group holding at least half of the representatives read speaks for it."""
    import types

    import numpy as np

    import storytrace.group.languages as languages

    monkeypatch.setattr(languages.embed, "encode", lambda texts, *a, **k: np.ones((len(texts), 384), np.float32))
    # story 0: five reports, e5 puts two with story 1's report and parts the rest in three;
    # story 2: three reports, two of them with story 3's report
    e5 = [7, 7, 8, 9, 6, 7, 1, 1, 2, 1]
    monkeypatch.setattr(languages, "story_labels", lambda feats, params: [e5[k] for k in feats.rows])
    base = _reading(["en"] * 10, [["x"]] * 10)
    reading = languages.Reading(
        base.reps, base.anchor_sets, base.opts, lambda rows, vecs: types.SimpleNamespace(rows=rows), base.lead
    )
    labels = [0, 0, 0, 0, 0, 1, 2, 2, 2, 3]
    group_of = reading.groups(list(range(10)), labels)
    assert group_of[0] != group_of[1]  # two of five: story 0 stays apart
    assert group_of[2] == group_of[3]  # two of three: story 2 joins story 3
    out = languages._joined(labels, group_of)
    assert out[0] != out[5] and out[6] == out[9]


def test_the_step_on_rare_names_does_not_read_stories_whose_dates_no_pair_can_bridge(monkeypatch):
    """Two stories sharing a rare name, every report dated and a year apart: e5's time factor gives
    each of their pairs 0, so reading them would only spend the budget. With one report undated (or
    the dates within ``max_span_days``) the pair is read."""
    import types

    import numpy as np

    import storytrace.group.languages as languages

    read: list[list[int]] = []
    monkeypatch.setattr(languages.embed, "encode", lambda texts, backend: np.ones((len(texts), 384), np.float32))
    monkeypatch.setattr(languages, "story_labels", lambda feats, params: read.append(feats.rows) or [0] * len(feats.rows))
    base = _reading(["en"] * 4, [["karnow"], ["karnow"], ["karnow"], ["karnow"]])
    for days, expect in (([100.0, 110.0, 480.0, 490.0], 0), ([100.0, 110.0, 480.0, None], 1),
                         ([100.0, 110.0, 130.0, 140.0], 1)):
        day = dict(zip((a.id for a in base.reps), days, strict=True))
        reading = languages.Reading(base.reps, base.anchor_sets, base.opts,
                                    lambda rows, vecs: types.SimpleNamespace(rows=rows), base.lead,
                                    day=lambda a, day=day: day[a.id])
        read.clear()
        out = languages.rejoin_near_misses(reading, [0, 0, 1, 1])
        assert len(read) == expect and (out == [0, 0, 0, 0]) == bool(expect)


def test_the_e5_reading_takes_language_offsets_out_and_parts_groups_years_apart(monkeypatch):
    import types

    import numpy as np

    import storytrace.group.languages as languages

    monkeypatch.setattr(languages.embed, "encode", lambda texts, backend: np.full((len(texts), 384), 0.05, np.float32))
    seen = []
    monkeypatch.setattr(languages, "story_labels", lambda feats, params: seen.append((feats.vecs, params)) or [0, 0])
    base = _reading(["hi", "en"], [["karnow"], ["karnow"]])
    for opts, neutral, gap in ((base.opts, True, 365.0),
                               (languages.GroupOptions(rejoin={"language_neutral": False, "max_gap_days": 0}), False, 0)):
        reading = languages.Reading(base.reps, base.anchor_sets, opts,
                                    lambda rows, vecs: types.SimpleNamespace(vecs=vecs), base.lead)
        reading.e5_labels([0, 1], across_languages=True)
        vecs, params = seen[-1]
        assert params.max_gap_days == gap
        assert params.gap_spares is None
        reading.e5_labels([0, 1])  # another step: the gap parts only pairs through another language
        assert seen[-1][1].max_gap_days == gap and seen[-1][1].gap_spares == "en"
        # the Hindi row moved by its offset (the English one has none), or both as encoded
        assert (not np.allclose(vecs[0], vecs[1])) == neutral and np.allclose(vecs[1], vecs[1][0])


def test_the_fast_path_leaves_blind_reports_for_e5_only_when_e5_reads_them():
    from storytrace.group.languages import places_blind, read_blind
    from storytrace.group.options import GroupOptions
    from storytrace.model import Article

    he = Article(id="he", text="x", language="he")
    assert read_blind(he, ["2005", "12"], "en") and read_blind(he, [], "en")
    assert not read_blind(he, ["2005", "karnow"], "en")  # a name the English model can match
    assert not read_blind(Article(id="en", text="x", language="en"), ["2005"], "en")
    reps = [he, Article(id="ar", text="x", language="ar")]
    assert places_blind(reps, "static", GroupOptions())
    assert not places_blind(reps, "e5", GroupOptions())  # a multilingual model reads them itself
    assert not places_blind(reps, "static", GroupOptions(rejoin={"enabled": False}))
    assert not places_blind(reps, "static", GroupOptions(rejoin={"max_reps": 1}))  # more than e5 reads


def test_the_online_index_opens_a_story_for_each_blind_report(tmp_path, monkeypatch):
    """With a state, stories are only joined after the index placed a report, so a report the
    English model reads blind is placed alone (no numbers given to the index) and e5 places it."""
    from storytrace.group.story_index import StoryIndex

    given: dict[str, tuple] = {}
    real_add = StoryIndex.add

    def add(self, ids, vectors, anchor_sets, *args, **kwargs):
        given.update(zip(ids, anchor_sets, strict=True))
        return real_add(self, ids, vectors, anchor_sets, *args, **kwargs)

    monkeypatch.setattr(StoryIndex, "add", add)
    path = tmp_path / "mixed.jsonl"
    hebrew = ("גשר קרס בעיר", "גשר קרס ביום ראשון אחרי ארבעה ימים של גשם, ושבעה אנשים נפצעו. הגשר נבנה בשנת 1974 "
              "ואורכו 62 מטרים, אמרו מכבי האש. ארבעה גשרים נוספים ייבדקו ביום שני.")
    _write(path, [("en1", BRIDGE_EN), ("he", hebrew)])
    for rejoin, expected in (({}, ()), ({"enabled": False}, None)):
        given.clear()
        config = Config(embeddings="static", quiet=True, progress=False,  # the index places every run
                        stages={"group": {"state": str(tmp_path / f"state{len(rejoin)}"), "rejoin": rejoin,
                                          "regroup_max": 0}})
        analyze([path], config, stages=["clean", "text", "group"])
        assert given["en1"]  # the English report's names and numbers go to the index
        if expected is None:
            assert set(given["he"]) >= {"1974", "62"}
        else:
            assert given["he"] == expected


def test_the_stories_read_with_a_foreign_story_do_not_depend_on_string_hashing():
    """Python hashes strings with a per-process seed, so a set of names iterates in another order in
    every run: which stories e5 reads (and so the stories) must not follow it."""
    import os
    import subprocess
    import sys

    code = (
        "from storytrace.group.languages import _candidates\n"
        "names = [f'name{i}' for i in range(12)]\n"
        "rows_of = {0: [0], **{i + 1: [i + 1] for i in range(12)}}\n"
        "anchors = [names] + [[n] for n in names]\n"
        "idf = {n: 0.1 * (1 + i % 3) for i, n in enumerate(names)}\n"
        "print(sorted(_candidates({0}, rows_of, anchors, idf, 2).items()))\n"
    )
    outs = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        outs.add(run.stdout)
    assert len(outs) == 1, outs
    assert "(3, " in outs.pop()  # of the tied rarest names, the lowest story first


def _runs(tmp_path, *batches, regroup_max: int | None = None):
    """Each batch through clean, text and group as one ``--state`` run; the results and the index
    (``regroup_max`` 0: the index places every run, as past that many articles)."""
    from storytrace.group.story_index import StoryIndex

    state = tmp_path / "state"
    group = {"state": str(state)} | ({} if regroup_max is None else {"regroup_max": regroup_max})
    config = Config(embeddings="static", quiet=True, progress=False, stages={"group": group})
    results = []
    for i, records in enumerate(batches):
        path = tmp_path / f"run{i}.jsonl"
        _write(path, records)
        results.append(analyze([path], config, stages=["clean", "text", "group"]))
    return results, StoryIndex.load(state)


@pytest.mark.parametrize("regroup_max", [0, None])
def test_a_report_arriving_in_a_later_run_joins_its_story_through_e5(tmp_path, regroup_max):
    """A run with a state re-reads, beside its own reports, the heads of earlier runs' stories
    that share their rare names, as one run holding both would (or, while the index is small, all
    of them): the short bridge report joins the full one's story (whose id stays), the orchestra's
    other event stays apart."""
    (first, second), index = _runs(
        tmp_path, [("full", BRIDGE_EN), ("orch", ORCHESTRA_EN)], [("short", BRIDGE_SHORT), ("hall", ORCHESTRA_HALL)],
        regroup_max=regroup_max,
    )
    bridge = next(s.id for s in first.stories if "full" in s.articles)
    assert next(s.id for s in second.stories if "short" in s.articles) == bridge
    assert sorted(index.members[index.story_of["short"]]) == ["full", "short"]
    assert index.members[index.story_of["hall"]] == ["hall"]
    assert index.members[index.story_of["orch"]] == ["orch"]


@pytest.mark.parametrize("regroup_max", [0, None])
def test_a_translation_arriving_in_a_later_run_joins_its_story(tmp_path, regroup_max):
    _, index = _runs(tmp_path, [("en1", BRIDGE_EN), ("en2", BRIDGE_EN2), ("other", ORCHESTRA_EN)], [("fr", BRIDGE_FR)],
                     regroup_max=regroup_max)
    assert sorted(index.members[index.story_of["fr"]]) == ["en1", "en2", "fr"]
    assert index.members[index.story_of["other"]] == ["other"]
