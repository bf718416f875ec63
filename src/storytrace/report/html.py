"""One self-contained HTML report: no external requests, opens from disk."""

from __future__ import annotations

from html import escape

from storytrace.model import Result

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:14px 24px}main{padding:16px 24px;max-width:1200px}
.story{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:12px 18px;margin:14px 0}
table{border-collapse:collapse;font-size:14px}td,th{border-bottom:1px solid #e5e8ec;padding:4px 8px;text-align:left}
.muted{color:#66707f}
"""


def to_html(result: Result) -> str:
    arts = {a.id: a for a in result.articles}
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width,initial-scale=1'>",
        f"<title>storytrace report</title><style>{_CSS}</style></head><body>",
        "<header><h1>storytrace report</h1>",
        f"<div id='summary'>{len(result.articles)} articles · {len(result.stories)} stories · "
        f"{len(result.skipped)} skipped</div></header><main>",
    ]
    parts.append("<h2>Stories</h2><table id='stories'><tr><th>story</th><th>articles</th><th>label</th></tr>")
    for s in sorted(result.stories, key=lambda s: -len(s.articles)):
        parts.append(
            f"<tr><td><a href='#{escape(s.id)}'>{escape(s.id)}</a></td><td>{len(s.articles)}</td>"
            f"<td>{escape(s.label)}</td></tr>"
        )
    parts.append("</table>")
    for s in result.stories:
        parts.append(f"<section class='story' id='{escape(s.id)}'><h2>{escape(s.label or s.id)}</h2><ol>")
        for aid in s.articles:
            a = arts.get(aid)
            parts.append(f"<li><code>{escape(aid)}</code> {escape((a.title if a else '') or '')}</li>")
        parts.append("</ol></section>")
    if result.skipped:
        parts.append("<h2>Skipped inputs</h2><table id='skipped'>")
        parts += [f"<tr><td>{escape(k.input)}</td><td>{escape(k.reason)}</td></tr>" for k in result.skipped]
        parts.append("</table>")
    parts.append("</main></body></html>")
    return "".join(parts)
