"""Markdown report: per story the cited brief, reuse edges, quotes with fidelity and word diff,
claims with status and conflicting values, originality; then duplicates and skipped inputs.
Citations ``[n]`` number the story's articles in the order of its article list.

Everything that came from the input (titles, text, quotes, sources, ids, URLs, file names) is
written so that a Markdown renderer shows it as text: many renderers pass raw HTML through, so an
unescaped ``<script>`` in a title would run in the reader's browser. Inline text has every
character that can open a construct (HTML, entity, link, emphasis, code, table cell) escaped with a
backslash, ids are code spans fenced longer than any backtick run they hold, URLs are links only
when they are plain http(s), and line breaks and control characters become spaces so no input
starts a block of its own."""

from __future__ import annotations

import re

from storytrace.brief.citations import main_language
from storytrace.model import Result
from storytrace.report.heading import claim_text, story_heading

_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#])")
_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]+")  # surrogates: not UTF-8
_LIST_START = re.compile(r"^(\d+)([.)])|^([-+=])")
_URL = re.compile(r"https?://[^\s<>\"'`\\\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)


def esc(text: str) -> str:
    """Input text as inline Markdown that renders literally (one line, no construct of its own)."""
    return _SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", text))


def line_start(md: str) -> str:
    """Escaped text (:func:`esc`) that starts a line: also no list item, setext underline or
    indented code block."""
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", md.lstrip())


def code(text: str) -> str:
    """An id or file name as a code span: its fence is longer than any backtick run inside."""
    text = _BREAKS.sub(" ", text)
    if not text.strip():
        return esc(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def link(url: str) -> str:
    """A plain http(s) URL as an autolink; anything else (``javascript:``...) as escaped text."""
    return f"<{url}>" if _URL.fullmatch(url) else esc(url)


def _cite(ids: list[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{numbers[i]}]" for i in ids if i in numbers)


def _diff(diff: list[list[str]]) -> str:
    marks = {"+": "**+{}**", "-": "~~{}~~"}
    return " ".join(
        marks.get(op, "{}").format(esc(words)) for op, words in (d[:2] for d in diff if len(d) >= 2)
    )


def to_markdown(result: Result) -> str:
    arts = {a.id: a for a in result.articles}
    lines = ["# storytrace report", ""]
    lines.append(
        f"{len(result.articles)} articles, {len(result.stories)} stories, "
        f"{len(result.skipped)} inputs skipped. Schema {esc(result.schema_version)}."
    )
    for story in sorted(result.stories, key=lambda s: -len(s.articles)):
        numbers = {aid: n for n, aid in enumerate(story.articles, start=1)}
        lines += ["", f"## {esc(story_heading(story, arts))} ({len(story.articles)} articles)", ""]
        if story.origin:
            reasons = esc("; ".join(story.origin_reasons))
            lines.append(
                f"**Origin:** {', '.join(code(o) for o in story.origin)}"
                + (f" — {reasons}" if reasons else "")
            )
            lines.append("")
        sections: dict[str, list[str]] = {}
        for b in story.brief:
            sections.setdefault(b.section, []).append(f"{esc(b.text)} {_cite(b.citations, numbers)}")
        for title, sents in sections.items():
            lines += [f"### {esc(title.capitalize())}", "", line_start(" ".join(sents)), ""]
        if story.edges:
            lines += [
                "### Reuse edges",
                "",
                "| source | target | kind | coverage | evidence |",
                "|---|---|---|---|---|",
            ]
            for e in story.edges:
                lines.append(
                    f"| {esc(e.source)} | {esc(e.target)} | {esc(e.kind)} | {e.target_coverage:.0%} | "
                    f"{esc('; '.join(e.evidence))} |"
                )
            lines.append("")
        if story.quotes:
            lines += ["### Quotes", ""]
            for q in story.quotes:
                lines.append(f"- **{esc(q.speaker or 'unknown')}**: “{esc(q.text)}”")
                for v in q.variants:
                    lines.append(
                        f"  - {_cite([v.article], numbers)} {esc(v.fidelity)}: “{esc(v.text)}” "
                        f"({esc(v.speaker or '?')})"
                    )
                    if v.diff and v.fidelity != "exact":
                        lines.append(f"    - diff: {_diff(v.diff)}")
            lines.append("")
        if story.claims:
            lines += ["### Claims", "", "| status | claim | articles | support |", "|---|---|---|---|"]
            main = main_language(story, arts)
            for c in story.claims:
                lines.append(
                    f"| {esc(c.status)} | {esc(claim_text(c, arts, main))} | {_cite(c.articles, numbers)} | {c.support} |"
                )
            lines.append("")
            conflicts = [(c, k) for c in story.claims for k in c.conflicts]
            if conflicts:
                lines += ["### Conflicts", ""]
                for c, k in conflicts:
                    values = "; ".join(
                        f"{_cite([a], numbers) or esc(a)} {esc(v)}" for a, v in k.values.items()
                    )
                    lines.append(f"- {esc(k.slot)}: {values} — “{esc(c.text)}”")
                lines.append("")
        lines += ["### Articles", ""]
        for aid, n in numbers.items():
            a = arts.get(aid)
            title = (a.title if a else None) or aid
            orig = story.originality.get(aid)
            lines.append(
                f"{n}. {code(aid)} — {esc(title)}"
                + (f" ({esc(a.source)})" if a and a.source else "")
                + (f", originality {orig:.0%}" if orig is not None else "")
                + (f" {link(a.url)}" if a and a.url else "")
            )
    if result.duplicates:
        lines += ["", "## Duplicates", ""]
        lines += [
            f"- {esc(g.kind)} ({g.similarity:.2f}): kept {code(g.representative)} of "
            + ", ".join(code(m) for m in g.members)
            for g in result.duplicates
        ]
    if result.skipped:
        lines += ["", "## Skipped inputs", ""]
        lines += [f"- {code(s.input)}: {esc(s.reason)}" for s in result.skipped]
    return "\n".join(lines) + "\n"
