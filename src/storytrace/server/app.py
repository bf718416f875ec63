"""The web app: the report's views over an embedded store, with incremental ingestion.

``storytrace serve --db storytrace.db`` starts it (uvicorn, localhost). Pages reuse the HTML
report renderer, so the app and the report show the same pictures; the JSON API returns the
same types as ``report.json``.
"""

from __future__ import annotations

import json
from html import escape
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse

from storytrace.config import Config
from storytrace.model import Result
from storytrace.store import Store

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>storytrace</title>
<style>body{{font:15px/1.5 system-ui,sans-serif;margin:24px;color:#1d2330}}table{{border-collapse:collapse}}
td,th{{border-bottom:1px solid #e5e8ec;padding:4px 10px;text-align:left}}</style></head><body>
<h1>storytrace</h1><p id="counts">{counts}</p>
<form method="get"><input name="q" value="{q}" placeholder="filter stories"> <button>Filter</button></form>
<table id="stories"><tr><th>story</th><th>articles</th><th>label</th></tr>{rows}</table>
<p>{nav}</p></body></html>"""


def create_app(store: Store, config: Config | None = None) -> FastAPI:
    config = config or Config(quiet=True, progress=False)
    app = FastAPI(title="storytrace", version="1")

    @app.get("/", response_class=HTMLResponse)
    def index(
        q: str | None = None, page: int = Query(0, ge=0), per_page: int = Query(50, ge=1, le=500)
    ) -> str:
        rows = store.stories(limit=per_page, offset=page * per_page, query=q)
        counts = store.counts()
        body = "".join(
            f"<tr><td><a href='/stories/{escape(quote(r['id'], safe=''))}'>{escape(r['id'])}</a></td>"
            f"<td>{r['size']}</td><td>{escape(r['label'] or '')}</td></tr>"
            for r in rows
        )
        nav = (
            f"<a href='/?page={page + 1}&q={escape(quote(q or ''))}'>next page</a>"
            if len(rows) == per_page
            else ""
        )
        return _PAGE.format(
            counts=f"{counts['articles']} articles, {counts['stories']} stories, {counts['skipped']} skipped",
            q=escape(q or ""),
            rows=body,
            nav=nav,
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str) -> str:
        from storytrace.report import to_html

        if store.story(story_id) is None:
            raise HTTPException(404, f"no story {story_id!r}")
        return to_html(store.load([story_id]))

    @app.get("/api/stories")
    def api_stories(
        q: str | None = None, limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0)
    ):
        return store.stories(limit=limit, offset=offset, query=q)

    @app.get("/api/stories/{story_id}")
    def api_story(story_id: str):
        story = store.story(story_id)
        if story is None:
            raise HTTPException(404, f"no story {story_id!r}")
        return json.loads(story.model_dump_json())

    @app.get("/api/articles/{article_id:path}")
    def api_article(article_id: str):
        article = store.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return json.loads(article.model_dump_json())

    @app.post("/api/articles")
    def add_articles(records: list[dict]):
        """Analyse a batch of JSON records (the JSONL record format) and store the result."""
        from storytrace.group.story_index import StateError
        from storytrace.pipeline import state_lock_of, story_reanalysis

        # with a story index (group.state), one request at a time adds to it, as one CLI run does
        try:
            with state_lock_of(config.options("group").state):
                result = analyze_records(records, config)
                store.save(result, story_reanalysis(config))  # a stored story that grows is analysed again
        except StateError as e:
            raise HTTPException(500, str(e)) from None
        return {
            "articles": len(result.articles),
            "skipped": [json.loads(k.model_dump_json()) for k in result.skipped],
            "stories": [s.id for s in result.stories],
        }

    return app


def analyze_records(records: list[dict], config: Config) -> Result:
    """Run the pipeline on in-memory JSON records (the web app's ingestion path). A record without
    an id is named by its content, as in a JSONL file: the same in every request, never a counter
    that a later request would reuse for another article."""
    from storytrace.ingest.readers import from_record
    from storytrace.pipeline import DEFAULT_PIPELINE, collect, run_pipeline

    items = (from_record(rec, f"request[{n}]", opts=config.ingest) for n, rec in enumerate(records))
    return run_pipeline(collect(items), config, DEFAULT_PIPELINE)
