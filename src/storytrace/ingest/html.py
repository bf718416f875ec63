"""HTML main-text extraction with trafilatura (title, date, author, site name too)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Extracted:
    text: str
    title: str | None = None
    author: str | None = None
    published_at: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None


def extract_html(html: str, url: str | None = None) -> Extracted | None:
    """Main text of a page, one paragraph a line, or ``None`` when trafilatura finds none.

    Comments and tables of links are left out; page furniture that survives extraction is
    handled by :mod:`storytrace.clean` exactly as in plain text."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_links=False,
        include_images=False,
        deduplicate=False,
    )
    if doc is None:
        return None
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    text = get("text") or ""
    return Extracted(
        text=text,
        title=get("title") or None,
        author=get("author") or None,
        published_at=get("date") or None,
        source=get("sitename") or get("hostname") or None,
        url=get("url") or url,
        language=get("language") or None,
    )
