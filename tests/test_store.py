"""The SQLite store reads back exactly what was saved; later saves replace by id."""

import json

from storytrace.model import Article, DuplicateGroup, Result, ReuseEdge, Skipped, Story
from storytrace.store import Store


def _result() -> Result:
    arts = [
        Article(id="a", title="Gates fail", text="Two gates failed.", source="wire", content_hash="h1"),
        Article(id="b", title="Gates fail (copy)", text="Two gates failed.", source="daily", content_hash="h2"),
        Article(id="c", title="Library opens", text="The library opened.", content_hash="h3"),
    ]
    stories = [
        Story(id="s1", articles=["a", "b"], label="gates fail",
              edges=[ReuseEdge(source="a", target="b", kind="copy", target_coverage=1.0)], origin=["a"]),
        Story(id="s2", articles=["c"], label="library opens"),
    ]
    return Result(
        articles=arts, stories=stories,
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
    st.save(Result(articles=[Article(id="d", text="Gates again.")],
                   stories=[Story(id="s1", articles=["a", "b", "d"], label="gates fail")]))
    assert st.story("s1").articles == ["a", "b", "d"]
    assert st.story_of("d") == "s1"
    assert st.stories()[0] == {"id": "s1", "label": "gates fail", "size": 3}
    part = st.load(["s2"])
    assert [a.id for a in part.articles] == ["c"]
