"""An embedded SQLite store of results: articles, skipped inputs, duplicate groups and stories.

Guarantee: ``Store(path).load()`` returns a :class:`~storytrace.model.Result` equal (as JSON) to
the union of everything saved, where a later save of the same article id replaces the earlier
one, and nothing stored is dropped: a story saved again keeps every member it had (a later run
with ``--state`` sees only its own new members of a story), each article belongs to one stored
story (saved into another, it leaves the first), and a story whose members changed that way is
analysed again over all of them before it is written (articles are stored whole). Articles and
stories are kept as JSON documents beside indexed columns, so the store reads back exactly what
the pipeline wrote, and the web app can page and filter in SQL.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from storytrace.model import SCHEMA_VERSION, Article, DuplicateGroup, Result, Skipped, Story

# Re-analyses a corpus of grown or shrunk stories (their articles all present); see ``Store.save``.
Reanalyse = Callable[[Result], Result]

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
        # a second writer (another run, another request) waits for the first instead of failing
        self.db = sqlite3.connect(self.path, check_same_thread=False, timeout=600, isolation_level=None)
        self._lock = threading.Lock()  # one connection shared by the web app's threads
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)
        self.db.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
        )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------
    def save(self, result: Result, reanalyse: Reanalyse | None = None) -> Result:
        """Write everything in ``result`` (one transaction) and return what was written.

        A story already stored keeps its stored members: those missing from ``result`` are added
        (their stored articles with them), and an article ``result`` puts into another story
        leaves the one it was stored in; so does an article of ``result.moved`` (an earlier run's,
        with its stored duplicates), for the story named there. Every story whose members changed
        so is passed, with all its articles, to ``reanalyse`` (``pipeline.reanalyse_stories``:
        alignment, provenance, facts and brief over the whole membership) before it is written;
        without ``reanalyse`` such a save is refused (:class:`StoreConflict`) rather than writing
        an analysis that leaves members out."""
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")  # read and write as one: a concurrent save waits
            try:
                written = self._merge(result, reanalyse)
                self._write(written)
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        return written

    def _moving(self, moved: dict[str, str]) -> tuple[dict[str, str], dict[str, list[DuplicateGroup]]]:
        """``moved`` (article id -> story) with the stored duplicates of each moved article (a
        duplicate group stays in the story of its representative), and those groups by moved article."""
        out = dict(moved)
        groups: dict[str, list[DuplicateGroup]] = {}
        for aid, sid in moved.items():
            for (doc,) in self.db.execute("SELECT doc FROM duplicates WHERE representative = ?", (aid,)):
                g = DuplicateGroup.model_validate_json(doc)
                groups.setdefault(aid, []).append(g)
                for m in g.members:
                    out.setdefault(m, sid)
        return out, groups

    def _members(self, story_id: str) -> list[str]:
        story = self.story(story_id)
        return list(story.articles) if story else []

    def _merge(self, result: Result, reanalyse: Reanalyse | None) -> Result:
        """``result`` with every stored story it touches made whole (see :meth:`save`)."""
        new_arts = {a.id: a for a in result.articles}
        home = {aid: s.id for s in result.stories for aid in s.articles}
        # earlier articles the grouping placed in another story (``Result.moved``), with their duplicates
        arriving: dict[str, list[str]] = {}
        moving, moved_groups = self._moving(result.moved)
        for aid, sid in moving.items():
            if aid not in home:
                home[aid] = sid
                arriving.setdefault(sid, []).append(aid)
        ours = {s.id for s in result.stories}
        changed: dict[str, Story] = {}
        for s in result.stories:
            stored = self._members(s.id)
            kept = [a for a in stored if a not in home]  # stored members this result does not place
            kept += [a for a in arriving.get(s.id, []) if a not in s.articles]
            if kept:
                changed[s.id] = s.model_copy(update={"articles": list(s.articles) + kept})
                changed[s.id].duplicates = _union_duplicates(self.story(s.id), s)
        # stories stored before that lose an article to a story of this result
        placed = list(home)
        for k in range(0, len(placed), 500):
            chunk = placed[k : k + 500]
            rows = self.db.execute(
                f"SELECT DISTINCT story FROM story_articles WHERE article IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            for (sid,) in rows:
                if sid in changed or sid in ours:
                    continue
                old = self.story(sid)
                if old is not None:
                    changed[sid] = old.model_copy(
                        update={"articles": [a for a in old.articles if a not in home]}
                    )
        # stories no article of this result is in that earlier articles moved to
        for sid, arts in arriving.items():
            if sid in ours:
                continue
            if sid not in changed:
                old = self.story(sid)
                came_from = self.story(self.story_of(arts[0]) or "")
                changed[sid] = (old or Story(id=sid, articles=[], label=came_from.label if came_from else "")).model_copy(
                    update={"articles": [a for a in (old.articles if old else []) if a not in home]}
                )
            changed[sid].articles = changed[sid].articles + [a for a in arts if a not in changed[sid].articles]
        if arriving:  # a duplicate group goes where its representative went
            for s in changed.values():
                groups = {(g.representative, g.kind): g for g in s.duplicates if g.representative in s.articles}
                for aid in arriving.get(s.id, []):
                    for g in moved_groups.get(aid, []):
                        groups.setdefault((aid, g.kind), g)
                s.duplicates = list(groups.values())
        if not changed:
            return result
        gone = [sid for sid, s in changed.items() if not s.articles]
        grown = [s for s in changed.values() if s.articles]
        if grown and reanalyse is None:
            raise StoreConflict(
                f"{len(grown)} stored stories would change membership (e.g. {grown[0].id!r}); saving them "
                "unanalysed would drop members from their analysis. Pass reanalyse=..."
            )
        need = {a for s in grown for a in s.articles if a not in new_arts}
        stored_arts = {a.id: a for a in (self.article(i) for i in need) if a is not None}
        arts = {**stored_arts, **new_arts}
        for s in grown:  # members in time order, as the group stage orders them
            s.articles = sorted(
                s.articles, key=lambda a: ((arts[a].published_at if a in arts else None) or "9999", a)
            )
            dates = sorted(d for a in s.articles if a in arts and (d := arts[a].published_at))
            s.time_span = [dates[0] if dates else None, dates[-1] if dates else None]
        sub = Result(
            articles=[arts[a] for a in dict.fromkeys(a for s in grown for a in s.articles) if a in arts],
            stories=[_fresh(s) for s in grown],
        )
        assert reanalyse is not None
        redone = {s.id: s for s in reanalyse(sub).stories}
        whole = {s.id: redone.get(s.id, s) for s in grown}  # never the part without the stored members
        stories = [whole.get(s.id, s) for s in result.stories] + [
            s for sid, s in whole.items() if sid not in ours
        ]
        for sid in gone:
            self.db.execute("DELETE FROM stories WHERE id = ?", (sid,))
            self.db.execute("DELETE FROM story_articles WHERE story = ?", (sid,))
        return result.model_copy(update={"stories": stories})

    def _write(self, result: Result) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?)",
            (
                (a.id, a.source, a.title, a.published_at, a.language, a.content_hash, a.model_dump_json())
                for a in result.articles
            ),
        )
        for s in result.stories:
            self.db.execute("DELETE FROM story_articles WHERE story = ?", (s.id,))
            self.db.executemany("DELETE FROM story_articles WHERE article = ?", ((a,) for a in s.articles))
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
        skipped = [
            Skipped(input=i, reason=r) for i, r in self.db.execute("SELECT input, reason FROM skipped")
        ]
        dups = [DuplicateGroup.model_validate_json(d) for d in self._docs("duplicates")]
        return Result(articles=articles, skipped=skipped, duplicates=dups, stories=stories)


class StoreConflict(RuntimeError):
    """A save would change a stored story's members and no re-analysis was given."""


def _union_duplicates(old: Story | None, new: Story) -> list[DuplicateGroup]:
    groups = {(g.representative, g.kind): g for g in (old.duplicates if old else [])}
    groups.update({(g.representative, g.kind): g for g in new.duplicates})
    return list(groups.values())


def _fresh(story: Story) -> Story:
    """The story's grouping (id, members, label, keywords, duplicates, time span), its analysis
    cleared for the re-analysis to fill."""
    return Story(
        id=story.id,
        articles=story.articles,
        duplicates=story.duplicates,
        label=story.label,
        keywords=story.keywords,
        time_span=story.time_span,
    )
