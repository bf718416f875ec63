"""An embedded SQLite store of results: articles, skipped inputs, duplicate groups and stories.

Guarantee: ``Store(path).load()`` returns a :class:`~storytrace.model.Result` equal (as JSON) to
the union of everything saved, where a later save of the same article or story id replaces the
earlier one. Articles and stories are kept as JSON documents beside indexed columns, so the
store reads back exactly what the pipeline wrote, and the web app can page and filter in SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from storytrace.model import SCHEMA_VERSION, Article, DuplicateGroup, Result, Skipped, Story

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, source TEXT, title TEXT, published_at TEXT, language TEXT,
    content_hash TEXT, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, label TEXT, size INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_articles (
    story TEXT NOT NULL, article TEXT NOT NULL, PRIMARY KEY (story, article));
CREATE INDEX IF NOT EXISTS story_articles_article ON story_articles(article);
CREATE TABLE IF NOT EXISTS skipped (input TEXT NOT NULL, reason TEXT NOT NULL, UNIQUE(input, reason));
CREATE TABLE IF NOT EXISTS duplicates (representative TEXT NOT NULL, kind TEXT NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (representative, kind));
"""


class Store:
    """A SQLite file holding storytrace results (``:memory:`` for a throwaway store)."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)
        self.db.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
        )
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------
    def save(self, result: Result) -> None:
        """Insert or replace everything in ``result`` (one transaction)."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?)",
                (
                    (a.id, a.source, a.title, a.published_at, a.language, a.content_hash, a.model_dump_json())
                    for a in result.articles
                ),
            )
            for s in result.stories:
                self.db.execute("DELETE FROM story_articles WHERE story = ?", (s.id,))
                self.db.execute(
                    "INSERT OR REPLACE INTO stories VALUES (?,?,?,?)",
                    (s.id, s.label, len(s.articles), s.model_dump_json()),
                )
                self.db.executemany(
                    "INSERT OR REPLACE INTO story_articles VALUES (?,?)", ((s.id, a) for a in s.articles)
                )
            self.db.executemany(
                "INSERT OR IGNORE INTO skipped VALUES (?,?)", ((k.input, k.reason) for k in result.skipped)
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO duplicates VALUES (?,?,?)",
                ((g.representative, g.kind, g.model_dump_json()) for g in result.duplicates),
            )

    # -- reading -----------------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT doc FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.model_validate_json(row[0]) if row else None

    def story(self, story_id: str) -> Story | None:
        row = self.db.execute("SELECT doc FROM stories WHERE id = ?", (story_id,)).fetchone()
        return Story.model_validate_json(row[0]) if row else None

    def stories(self, limit: int = 50, offset: int = 0, query: str | None = None) -> list[dict]:
        """Story summaries, largest first; ``query`` filters labels (case-insensitive substring)."""
        sql = "SELECT id, label, size FROM stories"
        args: list = []
        if query:
            sql += " WHERE label LIKE ?"
            args.append(f"%{query}%")
        sql += " ORDER BY size DESC, id LIMIT ? OFFSET ?"
        args += [limit, offset]
        return [{"id": i, "label": lab, "size": n} for i, lab, n in self.db.execute(sql, args)]

    def story_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT story FROM story_articles WHERE article = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def counts(self) -> dict[str, int]:
        return {
            t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("articles", "stories", "skipped", "duplicates")
        }

    def _docs(self, table: str) -> Iterator[str]:
        for (doc,) in self.db.execute(f"SELECT doc FROM {table} ORDER BY rowid"):
            yield doc

    def load(self, story_ids: list[str] | None = None) -> Result:
        """The stored result (or only the given stories and their articles)."""
        if story_ids is None:
            stories = [Story.model_validate_json(d) for d in self._docs("stories")]
            articles = [Article.model_validate_json(d) for d in self._docs("articles")]
        else:
            stories = [s for s in (self.story(i) for i in story_ids) if s is not None]
            wanted = [a for s in stories for a in s.articles]
            articles = [a for a in (self.article(i) for i in wanted) if a is not None]
        skipped = [Skipped(input=i, reason=r) for i, r in self.db.execute("SELECT input, reason FROM skipped")]
        dups = [DuplicateGroup.model_validate_json(d) for d in self._docs("duplicates")]
        return Result(articles=articles, skipped=skipped, duplicates=dups, stories=stories)

