"""The SQLite store reads back exactly what was saved; later saves replace by id."""

import json

import pytest

from storytrace.model import Article, DuplicateGroup, Result, ReuseEdge, Skipped, Story
from storytrace.store import Store
from storytrace.testing.generator import GeneratorConfig, write_corpus


def _result() -> Result:
    arts = [
        Article(id="a", title="Gates fail", text="Two gates failed.", source="wire", content_hash="h1"),
        Article(
            id="b", title="Gates fail (copy)", text="Two gates failed.", source="daily", content_hash="h2"
        ),
        Article(id="c", title="Library opens", text="The library opened.", content_hash="h3"),
    ]
    stories = [
        Story(
            id="s1",
            articles=["a", "b"],
            label="gates fail",
            edges=[ReuseEdge(source="a", target="b", kind="copy", target_coverage=1.0)],
            origin=["a"],
        ),
        Story(id="s2", articles=["c"], label="library opens"),
    ]
    return Result(
        articles=arts,
        stories=stories,
        skipped=[Skipped(input="x.bin", reason="binary file")],
        duplicates=[DuplicateGroup(representative="a", members=["a", "a2"], kind="exact")],
    )


def test_round_trip(tmp_path):
    original = _result()
    with Store(tmp_path / "st.db") as st:
        st.save(original)
    with Store(tmp_path / "st.db") as st:
        loaded = st.load()
        assert json.loads(loaded.model_dump_json()) == json.loads(original.model_dump_json())
        assert st.counts() == {"articles": 3, "stories": 2, "skipped": 1, "duplicates": 1}


def test_queries_and_replacement(tmp_path):
    st = Store(tmp_path / "st.db")
    st.save(_result())
    assert [s["id"] for s in st.stories()] == ["s1", "s2"]  # largest first
    assert [s["id"] for s in st.stories(query="LIBRARY")] == ["s2"]
    assert st.story_of("b") == "s1"
    assert st.article("missing") is None
    # A story grows: saving it again replaces its membership.
    st.save(
        Result(
            articles=[Article(id="d", text="Gates again.")],
            stories=[Story(id="s1", articles=["a", "b", "d"], label="gates fail")],
        )
    )
    assert st.story("s1").articles == ["a", "b", "d"]
    assert st.story_of("d") == "s1"
    assert st.stories()[0] == {"id": "s1", "label": "gates fail", "size": 3}
    part = st.load(["s2"])
    assert [a.id for a in part.articles] == ["c"]


# --- nothing stored is dropped (issue 16) -------------------------------------------------------


def _stored(tmp_path) -> Store:
    st = Store(tmp_path / "st.db")
    st.save(_result())
    return st


def _relabel(calls: list[Result]):
    """A stand-in re-analysis: records what it was given and marks the stories it returns."""

    def reanalyse(corpus: Result) -> Result:
        calls.append(corpus)
        for s in corpus.stories:
            s.label = "re-analysed"
        return corpus

    return reanalyse


def _membership(st: Store) -> dict[str, list[str]]:
    rows = st.db.execute("SELECT article, story FROM story_articles ORDER BY article").fetchall()
    out: dict[str, list[str]] = {}
    for article, story in rows:
        out.setdefault(article, []).append(story)
    return out


def test_a_story_saved_again_with_new_members_only_keeps_the_stored_ones(tmp_path):
    st = _stored(tmp_path)
    calls: list[Result] = []
    # a later --state run sees only its own new member of story s1
    written = st.save(
        Result(articles=[Article(id="d", text="Gates again.")], stories=[Story(id="s1", articles=["d"])]),
        reanalyse=_relabel(calls),
    )
    assert st.story("s1").articles == ["a", "b", "d"]
    assert st.story("s1").label == "re-analysed" and [s.id for s in written.stories] == ["s1"]
    assert [sorted(a.id for a in c.articles) for c in calls] == [
        ["a", "b", "d"]
    ]  # all its articles, stored ones too
    assert _membership(st) == {"a": ["s1"], "b": ["s1"], "c": ["s2"], "d": ["s1"]}


def test_without_a_reanalysis_such_a_save_is_refused_and_nothing_written(tmp_path):
    from storytrace.store.sqlite import StoreConflict

    st = _stored(tmp_path)
    with pytest.raises(StoreConflict, match="would change membership"):
        st.save(
            Result(articles=[Article(id="d", text="Gates again.")], stories=[Story(id="s1", articles=["d"])])
        )
    assert st.story("s1").articles == ["a", "b"] and st.article("d") is None


def test_an_article_saved_into_another_story_leaves_the_first(tmp_path):
    st = _stored(tmp_path)
    calls: list[Result] = []
    st.save(
        Result(
            articles=[Article(id="e", text="More on the library.")],
            stories=[Story(id="s3", articles=["b", "e"])],
        ),
        reanalyse=_relabel(calls),
    )
    assert _membership(st) == {"a": ["s1"], "b": ["s3"], "c": ["s2"], "e": ["s3"]}
    assert st.story("s1").articles == ["a"] and st.story("s1").label == "re-analysed"
    # a story left with no member is gone
    st.save(Result(stories=[Story(id="s4", articles=["c"])]), reanalyse=_relabel(calls))
    assert st.story("s2") is None and _membership(st)["c"] == ["s4"]


def _halves(tmp_path):
    path = tmp_path / "corpus.jsonl"
    write_corpus(path, GeneratorConfig(stories=4, per_story=6, seed=11))
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return recs, recs[0::2], recs[1::2]  # every story has members in both halves


def _each_stored_article_in_one_story(st: Store) -> set[str]:
    stored = {r[0] for r in st.db.execute("SELECT id FROM articles")}
    assert {a: len(s) for a, s in _membership(st).items()} == dict.fromkeys(stored, 1)
    return stored


def test_a_corpus_split_in_two_state_runs_is_stored_whole(tmp_path):
    from typer.testing import CliRunner

    from storytrace.cli import app

    recs, first, second = _halves(tmp_path)
    for k, part in enumerate((first, second)):
        (tmp_path / f"part{k}.jsonl").write_text("\n".join(json.dumps(r) for r in part), encoding="utf-8")
        res = CliRunner().invoke(
            app,
            [
                "analyze",
                str(tmp_path / f"part{k}.jsonl"),
                "--state",
                str(tmp_path / "state"),
                "--db",
                str(tmp_path / "st.db"),
                "--json",
                str(tmp_path / f"r{k}.json"),
                "--quiet",
                "--embeddings",
                "none",
                "--stages",
                "clean,text,group,align,provenance",
            ],
        )
        assert res.exit_code == 0, res.output
    st = Store(tmp_path / "st.db")
    stored = _each_stored_article_in_one_story(st)
    dup_of = {m: g.representative for g in st.load().duplicates for m in g.members}
    assert [r["id"] for r in recs if r["id"] not in stored and dup_of.get(r["id"]) not in stored] == []
    # a story with members from both runs was analysed over all of them
    firsts = {r["id"] for r in first}
    both = [s for s in st.load().stories if firsts & set(s.articles) and set(s.articles) - firsts]
    assert both
    for s in both:
        assert sorted(s.originality) == sorted(s.articles)


def test_two_posts_without_ids_store_every_article_once(tmp_path):
    from fastapi.testclient import TestClient

    from storytrace.config import Config
    from storytrace.server import create_app

    recs, first, second = _halves(tmp_path)
    st = Store(tmp_path / "app.db")
    client = TestClient(create_app(st, Config(embeddings="none", quiet=True, progress=False)))
    for part in (first, second):
        resp = client.post("/api/articles", json=[{k: v for k, v in r.items() if k != "id"} for r in part])
        assert resp.status_code == 200, resp.text
    # one stored article per distinct text (exact copies collapse), none overwritten by another
    assert len(_each_stored_article_in_one_story(st)) == len({r["text"] for r in recs})


def test_articles_an_earlier_run_stored_move_where_the_grouping_moved_them(tmp_path):
    """``Result.moved`` (a ``--state`` run placed earlier runs' articles in another story): the
    store moves them, with their duplicates, and analyses the stories that changed again."""
    def art(i: str) -> Article:
        return Article(id=i, title=i, text=f"text {i}.", content_hash=f"h{i}")

    first = Result(
        articles=[art(i) for i in "abc"] + [art("b2")],
        stories=[Story(id="s1", articles=["a", "b", "b2"], label="one",
                       duplicates=[DuplicateGroup(representative="b", members=["b", "b2"], kind="near")]),
                 Story(id="s2", articles=["c"], label="two")],
        duplicates=[DuplicateGroup(representative="b", members=["b", "b2"], kind="near")],
    )
    redone: list[list[str]] = []

    def reanalyse(sub: Result) -> Result:
        redone.extend(sorted(s.articles) for s in sub.stories)
        return sub

    with Store(tmp_path / "st.db") as st:
        st.save(first)
        st.save(Result(articles=[art("d")], stories=[Story(id="s2", articles=["d"])], moved={"b": "s2"}), reanalyse)
        assert sorted(st.story("s2").articles) == ["b", "b2", "c", "d"]  # the duplicate went with b
        assert [g.representative for g in st.story("s2").duplicates] == ["b"] and st.story("s1").duplicates == []
        assert st.story("s1").articles == ["a"] and ["a"] in redone and ["b", "b2", "c", "d"] in redone
        # moved to a story no article of the run is in: it is made, its label from where they came
        st.save(Result(articles=[art("e")], stories=[Story(id="s3", articles=["e"])], moved={"a": "s4"}), reanalyse)
        assert st.story("s4").articles == ["a"] and st.story("s4").label == "one"
        assert st.story("s1") is None  # emptied
        assert {a: len(s) for a, s in _membership(st).items()} == dict.fromkeys(["a", "b", "b2", "c", "d", "e"], 1)
