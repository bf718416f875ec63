"""Markdown report: per story the cited brief, reuse edges, quotes with fidelity and word diff,
claims with status and conflicting values, originality; then duplicates and skipped inputs.
Citations ``[n]`` number the story's articles in the order of its article list."""

from __future__ import annotations

from storytrace.model import Result


def _cite(ids: list[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{numbers[i]}]" for i in ids if i in numbers)


def _md(text: str) -> str:
    # Table cells: a pipe or newline in article text must not break the table.
    return text.replace("|", "\\|").replace("\n", " ")


def _diff(diff: list[list[str]]) -> str:
    marks = {"+": "**+{}**", "-": "~~{}~~"}
    return " ".join(marks.get(op, "{}").format(words) for op, words in (d[:2] for d in diff if len(d) >= 2))


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
            reasons = "; ".join(story.origin_reasons)
            lines.append(f"**Origin:** {', '.join(story.origin)}" + (f" — {reasons}" if reasons else ""))
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
                    f"| {_md(e.source)} | {_md(e.target)} | {e.kind} | {e.target_coverage:.0%} | "
                    f"{_md('; '.join(e.evidence))} |"
                )
            lines.append("")
        if story.quotes:
            lines += ["### Quotes", ""]
            for q in story.quotes:
                lines.append(f"- **{q.speaker or 'unknown'}**: “{q.text}”")
                for v in q.variants:
                    lines.append(f"  - {_cite([v.article], numbers)} {v.fidelity}: “{v.text}” ({v.speaker or '?'})")
                    if v.diff and v.fidelity != "exact":
                        lines.append(f"    - diff: {_diff(v.diff)}")
            lines.append("")
        if story.claims:
            lines += ["### Claims", "", "| status | claim | articles | support |", "|---|---|---|---|"]
            for c in story.claims:
                lines.append(f"| {c.status} | {_md(c.text)} | {_cite(c.articles, numbers)} | {c.support} |")
            lines.append("")
            conflicts = [(c, k) for c in story.claims for k in c.conflicts]
            if conflicts:
                lines += ["### Conflicts", ""]
                for c, k in conflicts:
                    values = "; ".join(f"{_cite([a], numbers) or a} {v}" for a, v in k.values.items())
                    lines.append(f"- {k.slot}: {values} — “{c.text}”")
                lines.append("")
        lines += ["### Articles", ""]
        for aid, n in numbers.items():
            a = arts.get(aid)
            title = (a.title if a else None) or aid
            orig = story.originality.get(aid)
            lines.append(
                f"{n}. `{aid}` — {title}" + (f" ({a.source})" if a and a.source else "")
                + (f", originality {orig:.0%}" if orig is not None else "")
            )
    if result.duplicates:
        lines += ["", "## Duplicates", ""]
        lines += [
            f"- {g.kind} ({g.similarity:.2f}): kept `{g.representative}` of "
            + ", ".join(f"`{m}`" for m in g.members)
            for g in result.duplicates
        ]
    if result.skipped:
        lines += ["", "## Skipped inputs", ""]
        lines += [f"- `{s.input}`: {s.reason}" for s in result.skipped]
    return "\n".join(lines) + "\n"
