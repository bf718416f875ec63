"""One self-contained HTML report over a :class:`Result`.

Guarantees: the page makes no external request (CSS, JS and the provenance SVG are inlined), and
no article text is ever interpreted as markup — Python escapes everything it writes, the embedded
JSON escapes ``<``, ``>`` and ``&``, and the script only inserts data with ``textContent``.
Each article's text is embedded once (in the JSON); story details sit in inert ``<template>``
elements and are instantiated on demand, so 10,000 articles stay fast.
"""

from __future__ import annotations

import json
import math
from html import escape
from pathlib import Path

from storytrace.brief.citations import main_language
from storytrace.model import Article, Result, Story
from storytrace.report.heading import claim_text, story_heading
from storytrace.text import tokens

_ASSETS = Path(__file__).parent / "assets"
# A brief sentence not found verbatim in its cited article highlights the article sentence that
# shares most words with it (cosine of word sets) when they share at least this much. A constant:
# the report renders a finished result and has no options; this only chooses what is highlighted.
CITED_SPAN_MIN_COSINE = 0.2

EDGE_COLOURS = {
    "duplicate": "#6b7280",
    "copy": "#c0392b",
    "condensed": "#d35400",
    "paraphrase": "#8e44ad",
    "translation": "#2471a3",
    "shared-source": "#16a085",
    "independent": "#95a5a6",
}


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def _json_for_script(data: object) -> str:
    # Inside <script> only "</" can end the element; escaping <, > and & makes any text inert.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _cited_span(article: Article, sentence: str) -> list[int] | None:
    """The article sentence a brief sentence most likely comes from, as ``[start, end]``."""
    if not article.text:
        return None
    at = article.text.find(sentence)
    if at >= 0:
        return [at, at + len(sentence)]
    want = set(tokens(sentence))
    best, best_score = None, 0.0
    for s in article.sentences:
        have = set(tokens(s.text))
        if want and have:
            score = len(want & have) / math.sqrt(len(want) * len(have))
            if score > best_score:
                best, best_score = [s.start, s.end], score
    return best if best_score >= CITED_SPAN_MIN_COSINE else None


def _layers(story: Story) -> dict[str, int]:
    """Column per article: sources left of what derives from them (longest path, cycles cut). An
    edge whose direction is undecided still names the member taken as source, and an independent
    report sits right of the origin it is compared with, so no story is drawn as a single column;
    only shared-source edges, which name no source, do not place anything."""
    order = {aid: i for i, aid in enumerate(story.articles)}
    depth = dict.fromkeys(story.articles, 0)
    directed = [
        e for e in story.edges if e.kind != "shared-source" and e.source in depth and e.target in depth
    ]
    for _ in range(len(depth)):  # Bellman-Ford style; bounded so a cycle cannot loop forever
        changed = False
        for e in directed:
            if depth[e.target] < depth[e.source] + 1 and depth[e.source] + 1 < len(depth):
                depth[e.target] = depth[e.source] + 1
                changed = True
        if not changed:
            break
    return dict(sorted(depth.items(), key=lambda kv: (kv[1], order[kv[0]])))


def _time_span(story: Story) -> str:
    """ "first – last" publication time, one time if they agree; "?" for a missing end."""
    if not any(story.time_span):
        return "no publication times"
    ends = [t or "?" for t in story.time_span]
    return ends[0] if len(set(ends)) == 1 else " – ".join(ends)


LABEL_GAP = 4  # px kept free round an edge label


def _curve_at(
    p0: tuple[float, float], c: tuple[float, float], p2: tuple[float, float], t: float
) -> tuple[float, float]:
    """The point at ``t`` of the quadratic curve p0-c-p2."""
    u = 1 - t
    return (
        u * u * p0[0] + 2 * u * t * c[0] + t * t * p2[0],
        u * u * p0[1] + 2 * u * t * c[1] + t * t * p2[1],
    )


def _label_spot(
    p0: tuple[float, float],
    c: tuple[float, float],
    p2: tuple[float, float],
    half_w: float,
    taken: list[tuple[float, float, float, float]],
) -> tuple[float, float]:
    """A point of the quadratic curve p0-c-p2 where a label ``2 * half_w`` wide and 14 high overlaps
    no box in ``taken`` (the middle first, then outwards; the least overlapping one if none is free);
    its box is added to ``taken``."""

    def at(t: float) -> tuple[float, float]:
        return _curve_at(p0, c, p2, t)

    def overlap(x: float, y: float) -> float:
        # a margin round the label: two labels that touch read as one ("shared-source independent")
        box = (x - half_w - LABEL_GAP, y - 7 - LABEL_GAP, x + half_w + LABEL_GAP, y + 7 + LABEL_GAP)
        return sum(
            max(0.0, min(box[2], b[2]) - max(box[0], b[0])) * max(0.0, min(box[3], b[3]) - max(box[1], b[1]))
            for b in taken
        )

    spots = [at(t) for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)]
    x, y = min(spots, key=lambda xy: overlap(*xy))  # min keeps the first of equals: the middle
    taken.append((x - half_w, y - 7, x + half_w, y + 7))
    return x, y


def provenance_svg(story: Story, arts: dict[str, Article]) -> str:
    """The story's provenance graph as inline SVG: one ``<g class='node'>`` per article, one
    ``<g class='edge'>`` per edge labelled with its kind, and a legend of the kinds present."""
    depth = _layers(story)
    columns: dict[int, list[str]] = {}
    for aid, d in depth.items():
        columns.setdefault(d, []).append(aid)
    col_w, row_h, pad = 230, 100, 50
    width = pad * 2 + col_w * max(1, len(columns) - 1) + 160
    height = pad * 2 + row_h * max(len(c) for c in columns.values()) if columns else 120
    pos: dict[str, tuple[float, float]] = {}
    for d, ids in columns.items():
        for i, aid in enumerate(ids):
            pos[aid] = (
                pad + 40 + d * col_w,
                pad + row_h * i + (row_h * (max(len(c) for c in columns.values()) - len(ids))) / 2,
            )

    def radius(aid: str) -> float:
        return 9 + 16 * max(0.0, min(1.0, story.originality.get(aid, 0.5)))

    out = [
        f"<svg class='graph' xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height + 40}' "
        f"viewBox='0 0 {width} {height + 40}' role='img' aria-label='provenance graph'><defs>"
    ]
    for kind, colour in EDGE_COLOURS.items():
        out.append(
            f"<marker id='arrow-{kind}' viewBox='0 0 10 10' refX='9' refY='5' markerWidth='5' markerHeight='5' "
            f"orient='auto-start-reverse'><path d='M0,0L10,5L0,10z' fill='{colour}'/></marker>"
        )
    out.append("</defs>")
    # Edge curves first: each node's name then goes below or above its circle, wherever fewer
    # edges pass (a name crossed by a line is hard to read), and each kind label sits on its
    # curve where it covers no node, no name and no label placed before it (the first free point
    # from the middle outwards).
    curves = []
    for e in story.edges:
        if e.source not in pos or e.target not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1.0
        r1, r2 = radius(e.source) + 2, radius(e.target) + 4
        sx, sy = x1 + dx / dist * r1, y1 + dy / dist * r1
        tx, ty = x2 - dx / dist * r2, y2 - dy / dist * r2
        # Bend edges so that A->B and B->A, or edges crossing a column, stay apart; an edge inside a
        # column bows far out, clear of the names written under its nodes.
        bend = 18 if abs(dx) > 1 else 40 + 0.3 * dist
        mx, my = (sx + tx) / 2 - dy / dist * bend, (sy + ty) / 2 + dx / dist * bend
        curves.append((e, (sx, sy), (mx, my), (tx, ty)))
    points = [_curve_at(p0, c, p2, k / 40) for _, p0, c, p2 in curves for k in range(41)]
    taken: list[tuple[float, float, float, float]] = []
    name_y: dict[str, float] = {}
    for aid, (x, y) in pos.items():
        r = radius(aid)
        a = arts.get(aid)
        half = 3.4 * len(((a.source if a and a.source else None) or aid)[:28])
        boxes = [(x - half, y + r + 3, x + half, y + r + 17), (x - half, y - r - 17, x + half, y - r - 3)]
        crossed = [sum(b[0] < px < b[2] and b[1] < py < b[3] for px, py in points) for b in boxes]
        best = 1 if crossed[1] < crossed[0] else 0  # below unless above is crossed less
        name_y[aid] = y + r + 14 if best == 0 else y - r - 6
        taken.append((x - r, y - r, x + r, y + r))
        taken.append(boxes[best])
    for e, (sx, sy), (mx, my), (tx, ty) in curves:
        lx, ly = _label_spot((sx, sy), (mx, my), (tx, ty), 3.4 * len(e.kind) + 4, taken)
        colour = EDGE_COLOURS.get(e.kind, "#555")
        marker = f" marker-end='url(#arrow-{e.kind})'" if e.directed else ""
        dash = "" if e.directed else " stroke-dasharray='5 4'"
        title = f"{e.source} → {e.target}: {e.kind}, confidence {e.confidence:.2f}; " + "; ".join(e.evidence)
        out.append(
            f"<g class='edge kind-{escape(e.kind)}' data-source='{escape(e.source)}' data-target='{escape(e.target)}'>"
            f"<title>{escape(title)}</title>"
            f"<path d='M{sx:.1f},{sy:.1f} Q{mx:.1f},{my:.1f} {tx:.1f},{ty:.1f}' fill='none' stroke='{colour}' "
            f"stroke-width='{1.5 + 2.5 * e.confidence:.1f}'{dash}{marker}/>"
            f"<text class='edge-label' x='{lx:.1f}' y='{ly + 4:.1f}' fill='{colour}' text-anchor='middle' "
            f"stroke='#fff' stroke-width='3' paint-order='stroke'>"
            f"{escape(e.kind)}</text></g>"
        )
    for aid, (x, y) in pos.items():
        a = arts.get(aid)
        origin = aid in story.origin
        label = (a.source if a and a.source else None) or aid
        tip = f"{aid}: {(a.title if a else '') or ''} — originality {story.originality.get(aid, 0):.0%}"
        out.append(
            f"<g class='node{' origin' if origin else ''}' data-article='{escape(aid)}'>"
            f"<title>{escape(tip)}</title>"
            f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{radius(aid):.1f}' fill='{'#f4d03f' if origin else '#d6e4f0'}' "
            f"stroke='{'#b7950b' if origin else '#34495e'}' stroke-width='{3 if origin else 1.5}'/>"
            # a white halo: an edge that still passes under the name does not strike it through
            f"<text x='{x:.1f}' y='{name_y[aid]:.1f}' text-anchor='middle' stroke='#fff' "
            f"stroke-width='4' paint-order='stroke'>{escape(label[:28])}</text></g>"
        )
    kinds = sorted({e.kind for e in story.edges})
    lx = 10
    out.append(f"<g class='legend' transform='translate(0,{height + 18})'>")
    out.append(f"<circle cx='{lx + 6}' cy='0' r='6' fill='#f4d03f' stroke='#b7950b' stroke-width='2'/>")
    out.append(f"<text x='{lx + 16}' y='4'>origin</text>")
    lx += 70
    for kind in kinds:
        colour = EDGE_COLOURS.get(kind, "#555")
        out.append(
            f"<line x1='{lx}' y1='0' x2='{lx + 24}' y2='0' stroke='{colour}' stroke-width='3'/>"
            f"<text class='legend-kind' x='{lx + 28}' y='4'>{escape(kind)}</text>"
        )
        lx += 40 + 8 * len(kind)
    out.append("</g></svg>")
    return "".join(out)


def _brief_html(story: Story, numbers: dict[str, int], arts: dict[str, Article]) -> str:
    if not story.brief:
        return "<p class='muted'>No brief.</p>"
    sections: dict[str, list[str]] = {}
    for b in story.brief:
        cites = []
        for aid in b.citations:
            if aid not in numbers:
                continue
            span = _cited_span(arts[aid], b.text) if aid in arts else None
            attrs = f" data-start='{span[0]}' data-end='{span[1]}'" if span else ""
            cites.append(
                f"<a href='#' class='cite' data-story='{escape(story.id)}' data-article='{escape(aid)}'{attrs}"
                f" title='{escape(aid)}'>[{numbers[aid]}]</a>"
            )
        sections.setdefault(b.section, []).append(f"<span class='bs'>{escape(b.text)}</span>{''.join(cites)}")
    return "".join(
        f"<h4>{escape(title.capitalize())}</h4><p class='brief'>{' '.join(sents)}</p>"
        for title, sents in sections.items()
    )


def _claims_html(story: Story, numbers: dict[str, int], arts: dict[str, Article]) -> str:
    if not story.claims:
        return ""
    head = "".join(f"<th title='{escape(a)}'>[{n}]</th>" for a, n in numbers.items())
    main = main_language(story, arts)
    rows = []
    for c in story.claims:
        conflict_values: dict[str, list[str]] = {}
        for k in c.conflicts:
            for aid, value in k.values.items():
                conflict_values.setdefault(aid, []).append(f"{k.slot}: {value}")
        cells = []
        for aid in numbers:
            if aid in c.articles or aid in conflict_values:
                status = "conflicting" if aid in conflict_values else c.status
                first = " first" if aid == c.first_reporter else ""
                value = "; ".join(conflict_values.get(aid, []))
                cells.append(
                    f"<td class='cell st-{status}{first}' data-article='{escape(aid)}'>"
                    f"{escape(value) if value else '●'}</td>"
                )
            else:
                cells.append(f"<td class='cell absent' data-article='{escape(aid)}'></td>")
        rows.append(
            f"<tr data-claim='{escape(c.id)}'><td class='claim-text'><span class='badge st-{c.status}'>"
            f"{c.status}</span> {escape(claim_text(c, arts, main))} <span class='muted'>support {c.support}</span></td>"
            f"{''.join(cells)}</tr>"
        )
    return (
        "<h3>Claims</h3><div class='scroll'><table class='claims'><thead><tr><th>claim</th>"
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _diff_html(diff: list[list[str]]) -> str:
    tags = {"=": "span", "+": "ins", "-": "del"}
    return " ".join(
        f"<{tags.get(op, 'span')}>{escape(words)}</{tags.get(op, 'span')}>"
        for op, words in (d[:2] for d in diff if len(d) >= 2)
    )


def _quotes_html(story: Story, numbers: dict[str, int]) -> str:
    if not story.quotes:
        return ""
    cards = []
    for q in story.quotes:
        variants = []
        for v in q.variants:
            diff = f"<div class='diff'>{_diff_html(v.diff)}</div>" if v.diff else ""
            variants.append(
                f"<li><span class='fid fid-{v.fidelity}'>{v.fidelity}</span> "
                f"<span class='ref'>[{numbers.get(v.article, '?')}]</span> “{escape(v.text)}” "
                f"<span class='muted'>— {escape(v.speaker or 'unattributed')}</span>{diff}</li>"
            )
        cards.append(
            f"<div class='quote' data-quote='{escape(q.id)}'><div class='speaker'>{escape(q.speaker or 'unknown speaker')}"
            f"</div><blockquote>{escape(q.text)}</blockquote><ul>{''.join(variants)}</ul></div>"
        )
    return f"<h3>Quotes</h3><div class='quotes'>{''.join(cards)}</div>"


def _articles_html(story: Story, numbers: dict[str, int], arts: dict[str, Article]) -> str:
    rows = []
    for aid, n in numbers.items():
        a = arts.get(aid)
        orig = story.originality.get(aid)
        bar = (
            f"<span class='bar'><span style='width:{100 * orig:.0f}%'></span></span> {orig:.0%}"
            if orig is not None
            else "–"
        )
        rows.append(
            f"<tr><td>[{n}]</td><td><code>{escape(aid)}</code>{' ★' if aid in story.origin else ''}</td>"
            f"<td>{escape((a.source if a else None) or '')}</td><td>{escape((a.published_at if a else None) or '')}</td>"
            f"<td>{escape((a.title if a else None) or '')}</td><td class='orig'>{bar}</td></tr>"
        )
    return (
        "<h3>Articles</h3><table class='articles'><tr><th>#</th><th>id</th><th>source</th><th>published</th>"
        f"<th>title</th><th>originality</th></tr>{''.join(rows)}</table>"
    )


def _edges_html(story: Story) -> str:
    if not story.edges:
        return ""
    rows = "".join(
        f"<tr><td><code>{escape(e.source)}</code></td><td>{'→' if e.directed else '↔'}</td>"
        f"<td><code>{escape(e.target)}</code></td><td><span class='kind' style='color:{EDGE_COLOURS.get(e.kind, '#555')}'>"
        f"{escape(e.kind)}</span></td><td>{e.target_coverage:.0%}</td><td>{e.verbatim_share:.0%}</td>"
        f"<td>{e.confidence:.2f}</td><td>{escape('; '.join(e.evidence))}</td></tr>"
        for e in story.edges
    )
    return (
        "<table class='edges'><tr><th>source</th><th></th><th>target</th><th>kind</th><th>target covered</th>"
        f"<th>verbatim</th><th>confidence</th><th>evidence</th></tr>{rows}</table>"
    )


def _story_html(story: Story, arts: dict[str, Article]) -> str:
    numbers = {aid: n for n, aid in enumerate(story.articles, start=1)}
    origin = ", ".join(story.origin)
    reasons = "; ".join(story.origin_reasons)
    opts = "".join(
        f"<option value='{escape(aid)}'>[{n}] {escape(((arts[aid].source or '') + ' ' + aid) if aid in arts else aid)}</option>"
        for aid, n in numbers.items()
    )
    dups = ""
    if story.duplicates:
        dups = (
            "<h3>Duplicates</h3><ul>"
            + "".join(
                f"<li>{g.kind} ({g.similarity:.2f}): kept <code>{escape(g.representative)}</code> for "
                f"{escape(', '.join(g.members))}</li>"
                for g in story.duplicates
            )
            + "</ul>"
        )
    return (
        f"<section class='story' data-story='{escape(story.id)}'><h2>{escape(story_heading(story, arts))}</h2>"
        f"<p class='muted'>{len(story.articles)} articles · {escape(_time_span(story))}"
        f" · keywords: {escape(', '.join(story.keywords))}</p>"
        + (
            f"<p><b>Origin:</b> <code>{escape(origin)}</code> ({story.origin_confidence:.0%}) "
            f"<span class='muted'>{escape(reasons)}</span></p>"
            if origin
            else ""
        )
        + f"<h3>Brief</h3>{_brief_html(story, numbers, arts)}"
        + f"<h3>Provenance graph</h3><div class='scroll'>{provenance_svg(story, arts)}</div>{_edges_html(story)}"
        + "<h3>Side by side</h3><div class='pair-controls'>"
        f"<select class='pick-a'>{opts}</select> vs <select class='pick-b'>{opts}</select>"
        "<span class='legend-spans'><mark class='p-verbatim'>verbatim</mark> <mark class='p-near'>near</mark> "
        "<mark class='p-semantic'>semantic</mark> <mark class='p-translation'>translation</mark> "
        "<mark class='cited'>cited</mark></span></div>"
        "<div class='pair'><div class='pane pane-a'></div><div class='pane pane-b'></div></div>"
        + _claims_html(story, numbers, arts)
        + _quotes_html(story, numbers)
        + _articles_html(story, numbers, arts)
        + dups
        + "</section>"
    )


def _data(result: Result) -> dict:
    arts = {a.id: a for a in result.articles}
    used = {aid for s in result.stories for aid in s.articles}
    return {
        # Full text only for articles a story shows; everything else is listed by title.
        "articles": {
            a.id: {
                "title": a.title or "",
                "source": a.source or "",
                "date": a.published_at or "",
                "text": a.text if a.id in used else "",
            }
            for a in result.articles
        },
        "stories": [
            {
                "id": s.id,
                "label": story_heading(s, arts),
                "size": len(s.articles),
                "origin": s.origin,
                "start": s.time_span[0] if s.time_span else None,
                "sources": len({arts[a].source for a in s.articles if a in arts and arts[a].source}),
                "edges": len(s.edges),
                "claims": len(s.claims),
                "conflicts": sum(1 for c in s.claims if c.status == "conflicting"),
                "quotes": len(s.quotes),
                "dups": sum(len(g.members) - 1 for g in s.duplicates),
                "pairs": [
                    [
                        e.source,
                        e.target,
                        e.kind,
                        [
                            [p.source_start, p.source_end, p.target_start, p.target_end, p.kind]
                            for p in e.passages
                        ],
                    ]
                    for e in s.edges
                ],
            }
            for s in result.stories
        ],
    }


def to_html(result: Result) -> str:
    arts = {a.id: a for a in result.articles}
    n_dup = sum(len(g.members) - 1 for g in result.duplicates)
    n_edges = sum(len(s.edges) for s in result.stories)
    n_conf = sum(1 for s in result.stories for c in s.claims if c.status == "conflicting")
    stories = sorted(result.stories, key=lambda s: -len(s.articles))
    templates = "".join(
        f"<template id='tpl-{escape(s.id)}'>{_story_html(s, arts)}</template>" for s in stories
    )
    skipped = ""
    if result.skipped:
        skipped = (
            "<h2>Skipped inputs</h2><table id='skipped'><tr><th>input</th><th>reason</th></tr>"
            + "".join(
                f"<tr><td><code>{escape(k.input)}</code></td><td>{escape(k.reason)}</td></tr>"
                for k in result.skipped
            )
            + "</table>"
        )
    dups = ""
    if result.duplicates:
        dups = (
            "<h2>Duplicates</h2><table id='duplicates'><tr><th>kept</th><th>kind</th><th>similarity</th><th>members</th></tr>"
            + "".join(
                f"<tr><td><code>{escape(g.representative)}</code></td><td>{g.kind}</td><td>{g.similarity:.2f}</td>"
                f"<td>{escape(', '.join(g.members))}</td></tr>"
                for g in result.duplicates
            )
            + "</table>"
        )
    return "".join(
        [
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
            "<meta name='viewport' content='width=device-width,initial-scale=1'>",
            # The CSP forbids every network fetch; inline script and style are the only ones allowed.
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
            f"<title>storytrace report</title><style>{_asset('report.css')}</style></head><body>",
            "<header><h1>storytrace report</h1>",
            f"<div id='summary'><b>{len(result.articles)}</b> articles · <b>{len(result.stories)}</b> stories · "
            f"<b>{n_edges}</b> reuse edges · <b>{n_conf}</b> conflicting claims · <b>{n_dup}</b> duplicates collapsed · "
            f"<b>{len(result.skipped)}</b> inputs skipped · schema {escape(result.schema_version)}</div></header><main>",
            "<h2>Stories</h2><div class='controls'><input id='filter' placeholder='filter stories…'>"
            "<span id='pager'></span></div>",
            "<table id='stories'><thead><tr><th data-key='label'>story</th><th data-key='size'>articles</th>"
            "<th data-key='sources'>sources</th><th data-key='edges'>edges</th><th data-key='claims'>claims</th>"
            "<th data-key='conflicts'>conflicts</th><th data-key='quotes'>quotes</th><th data-key='dups'>duplicates</th>"
            "<th data-key='start'>first seen</th></tr></thead><tbody></tbody></table>",
            "<div id='story-view'></div>",
            dups,
            skipped,
            templates,
            f"</main><script type='application/json' id='data'>{_json_for_script(_data(result))}</script>",
            f"<script>{_asset('report.js')}</script></body></html>",
        ]
    )
