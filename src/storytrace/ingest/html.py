"""HTML main-text extraction with trafilatura (title, date, author, site name too).

A page is an article only when its main text reads like one: a page whose extraction leaves a
few words (a cookie wall, a login form, a list of links) or template code is skipped with the
reason. Titles lose the site's name and dates that CMSs append ("Story | Site | 10.06.2013"),
and an outlet without a site name is named by its domain ("example.at", not "Exampleat").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from storytrace.ingest.readers import IngestOptions

_TITLE_SEPARATORS = re.compile(r"\s+(?:[|·•»«:]{1,2}|[-–—]{1,2})\s+")
_DATEISH = re.compile(r"^[\d\s./:-]{6,}$")
_CODE_CHARS = set("{}();=<>[]$\\")
_GENERATOR = re.compile(r"""<meta[^>]+name=["']generator["'][^>]*content=["']([^"']{1,80})""", re.I)


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
    host = _host(get("url") or url) or (get("hostname") or None)
    sitename = get("sitename") or None
    title = clean_title(get("title") or None, sitename, host)
    generator = _GENERATOR.search(html[:65536])
    if title and generator and _squash(title) == _squash(generator.group(1).split()[0]):
        title = None  # the CMS's name, not a headline
    return Extracted(
        text=text,
        title=title,
        author=get("author") or None,
        published_at=get("date") or None,
        source=sitename or host,
        url=get("url") or url,
        language=get("language") or None,
    )


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host or None


def _squash(s: str) -> str:
    return "".join(ch for ch in s.lower() if ch.isalnum())


def _names_site(part: str, sitename: str | None, host: str | None) -> bool:
    """True when a title segment is the site's own name (or its domain, or a date)."""
    key = _squash(part)
    if not key or _DATEISH.match(part.strip()):
        return True
    names = [_squash(sitename or "")]
    if host:
        names += [_squash(host), _squash(host.rsplit(".", 1)[0]), _squash(host.split(".")[-2] if "." in host else host)]
    return any(n and len(key) >= 2 and (key == n or (len(key) >= 4 and (key in n or n in key))) for n in names)


def clean_title(title: str | None, sitename: str | None, host: str | None) -> str | None:
    """``title`` without leading or trailing segments that name the site or a date."""
    if not title:
        return None
    parts = _TITLE_SEPARATORS.split(title.strip())
    while len(parts) > 1 and _names_site(parts[-1], sitename, host):
        parts.pop()
    while len(parts) > 1 and _names_site(parts[0], sitename, host):
        parts.pop(0)
    kept = " – ".join(p.strip() for p in parts) if len(parts) > 1 else parts[0].strip()
    if len(parts) == 1 and _names_site(kept, sitename, host) and not _DATEISH.match(kept):
        return None  # the title is only the site's name: no headline
    return kept or None


def not_an_article(text: str, opts: IngestOptions) -> str | None:
    """Why an extracted page text is not an article (fewer than ``opts.min_article_words`` words,
    more than ``opts.max_code_share`` code characters), or None."""
    words = len(text.split())
    if words < opts.min_article_words:
        return f"no article text after extraction ({words} words)"
    code = sum(1 for ch in text if ch in _CODE_CHARS)
    if code > opts.max_code_share * len(text):
        return f"page text looks like code or a template ({code / len(text):.0%} code characters)"
    return None
