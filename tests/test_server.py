"""The web app serves stored stories as pages and JSON, and ingests new records."""

from fastapi.testclient import TestClient

from storytrace.model import Article, Result, Story
from storytrace.server import create_app
from storytrace.store import Store


def _client(tmp_path) -> tuple[TestClient, Store]:
    store = Store(tmp_path / "app.db")
    store.save(
        Result(
            articles=[
                Article(id="a", title="Gates fail", text="Two floodgates failed on Tuesday."),
                Article(id="b", title="Library", text="The library reopened on Saturday."),
            ],
            stories=[
                Story(id="s-gates", articles=["a"], label="floodgates fail"),
                Story(id="s-lib", articles=["b"], label="library reopens"),
            ],
        )
    )
    return TestClient(create_app(store)), store


def test_index_lists_and_filters_stories(tmp_path):
    client, _ = _client(tmp_path)
    page = client.get("/")
    assert page.status_code == 200
    assert "s-gates" in page.text and "s-lib" in page.text
    filtered = client.get("/", params={"q": "library"})
    assert "s-lib" in filtered.text and "s-gates" not in filtered.text


def test_json_api(tmp_path):
    client, _ = _client(tmp_path)
    assert client.get("/api/stories/s-gates").json()["articles"] == ["a"]
    assert client.get("/api/articles/b").json()["title"] == "Library"
    assert client.get("/api/stories/nope").status_code == 404
    assert {s["id"] for s in client.get("/api/stories").json()} == {"s-gates", "s-lib"}


def test_story_page_escapes_and_renders(tmp_path):
    client, store = _client(tmp_path)
    store.save(
        Result(
            articles=[Article(id="x", title="<script>alert(1)</script>", text="Body text here.")],
            stories=[Story(id="s-x", articles=["x"], label="hostile")],
        )
    )
    page = client.get("/stories/s-x")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text


def test_post_articles_ingests_and_reports_skips(tmp_path):
    client, store = _client(tmp_path)
    before = store.counts()["articles"]
    resp = client.post(
        "/api/articles",
        json=[
            {"id": "n1", "text": "A new report about the floodgates failing at the port on Tuesday."},
            {"id": "n2"},
        ],
    )
    assert resp.status_code == 200
    body = resp.json()
    assert body["articles"] == 1
    assert body["skipped"][0]["input"] == "request[1]"
    assert store.counts()["articles"] == before + 1
    assert store.article("n1") is not None


def test_records_without_ids_never_overwrite_each_other(tmp_path):
    from storytrace.config import Config

    store = Store(tmp_path / "app.db")
    client = TestClient(create_app(store, Config(embeddings="none", quiet=True, progress=False)))
    first = "The harbour authority closed two floodgates on Tuesday after a storm surge."
    second = "The city council approved a new library budget on Thursday evening."
    for text in (first, second, first):  # the third POST repeats the first text
        assert client.post("/api/articles", json=[{"text": text}]).status_code == 200
    stored = {a.text for a in store.load().articles}
    assert stored == {first, second}


def test_a_hostile_body_is_a_client_error_and_nested_metadata_is_ignored(tmp_path):
    from storytrace.config import Config

    store = Store(tmp_path / "app.db")
    client = TestClient(create_app(store, Config(embeddings="none", quiet=True, progress=False)))
    deep = "[" * 100_000 + "]" * 100_000
    resp = client.post("/api/articles", content=deep, headers={"content-type": "application/json"})
    assert resp.status_code == 400 and store.counts()["articles"] == 0
    text = "Two floodgates failed at the port on Tuesday, officials said."
    resp = client.post(
        "/api/articles", json=[{"text": text, "title": {"nested": [[["x"]]]}, "source": ["A", "B"]}]
    )
    assert resp.status_code == 200
    (article,) = store.load().articles
    assert (article.title, article.source) == (None, "A, B")


def test_with_a_story_index_a_post_holds_its_lock_and_a_damaged_index_is_said(tmp_path, monkeypatch):
    """With ``group.state`` each POST adds to the index under its lock (a second request, like a
    second CLI run, waits; else each would save the index without the other's stories)."""
    import fcntl
    import os

    from storytrace.config import Config
    from storytrace.server import app as server_app
    from storytrace.store.lock import LOCK_NAME

    state = tmp_path / "state"
    config = Config(embeddings="none", quiet=True, progress=False, stages={"group": {"state": str(state)}})
    client = TestClient(create_app(Store(tmp_path / "app.db"), config))
    held = []
    real = server_app.analyze_records

    def analyze_records(records, cfg):
        fd = os.open(state / LOCK_NAME, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another process's attempt
            held.append(False)
        except BlockingIOError:
            held.append(True)
        finally:
            os.close(fd)
        return real(records, cfg)

    monkeypatch.setattr(server_app, "analyze_records", analyze_records)
    text = "The harbour authority closed two floodgates on Tuesday after a storm surge."
    assert client.post("/api/articles", json=[{"id": "n1", "text": text}]).status_code == 200
    assert held == [True] and (state / "stories.json").exists()
    (state / "stories.json").write_text("{", encoding="utf-8")
    resp = client.post("/api/articles", json=[{"id": "n2", "text": text + " More."}])
    assert resp.status_code == 500 and "stories.json" in resp.json()["detail"]
