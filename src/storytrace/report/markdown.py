"""Markdown report."""

from __future__ import annotations

from storytrace.model import Result


def _cite(ids: list[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{numbers[i]}]" for i in ids if i in numbers)


def to_markdown(result: Result) -> str:
    arts = {a.id: a for a in result.articles}
    lines = ["# storytrace report", ""]
    lines.append(
        f"{len(result.articles)} articles, {len(result.stories)} stories, "
        f"{len(result.skipped)} inputs skipped. Schema {result.schema_version}."
    )
    for story in sorted(result.stories, key=lambda s: -len(s.articles)):
        numbers = {aid: n for n, aid in enumerate(story.articles, start=1)}
        lines += ["", f"## {story.label or story.id} ({len(story.articles)} articles)", ""]
        if story.origin:
            lines.append(f"**Origin:** {', '.join(story.origin)} — " + "; ".join(story.origin_reasons))
            lines.append("")
        sections: dict[str, list[str]] = {}
        for b in story.brief:
            sections.setdefault(b.section, []).append(f"{b.text} {_cite(b.citations, numbers)}")
        for title, sents in sections.items():
            lines += [f"### {title.capitalize()}", "", " ".join(sents), ""]
        if story.edges:
            lines += ["### Reuse edges", "", "| source | target | kind | coverage | evidence |", "|---|---|---|---|---|"]
            for e in story.edges:
                lines.append(
                    f"| {e.source} | {e.target} | {e.kind} | {e.target_coverage:.0%} | {'; '.join(e.evidence)} |"
                )
            lines.append("")
        if story.quotes:
            lines += ["### Quotes", ""]
            for q in story.quotes:
                lines.append(f"- **{q.speaker or 'unknown'}**: “{q.text}”")
                for v in q.variants:
                    lines.append(f"  - {_cite([v.article], numbers)} {v.fidelity}: “{v.text}” ({v.speaker or '?'})")
            lines.append("")
        lines += ["### Articles", ""]
        for aid, n in numbers.items():
            a = arts.get(aid)
            title = (a.title if a else None) or aid
            lines.append(f"{n}. `{aid}` — {title}" + (f" ({a.source})" if a and a.source else ""))
    if result.skipped:
        lines += ["", "## Skipped inputs", ""]
        lines += [f"- `{s.input}`: {s.reason}" for s in result.skipped]
    return "\n".join(lines) + "\n"
