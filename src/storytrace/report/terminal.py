"""A short terminal summary (rich): totals, then the largest stories with size, sources, edges,\nduplicates and origin. Article text is printed with markup disabled (it is hostile input)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from storytrace.model import Result


def print_summary(result: Result, console: Console | None = None, max_stories: int = 15) -> None:
    console = console or Console()
    n_dup = sum(len(g.members) - 1 for g in result.duplicates)
    console.print(
        f"[bold]{len(result.articles)}[/] articles analysed, [bold]{len(result.stories)}[/] stories, "
        f"{n_dup} duplicates collapsed, {len(result.skipped)} inputs skipped"
    )
    if not result.stories:
        return
    table = Table(show_header=True, header_style="bold")
    table.add_column("story")
    table.add_column("articles", justify="right")
    table.add_column("sources", justify="right")
    table.add_column("edges", justify="right")
    table.add_column("dups", justify="right")
    table.add_column("origin")
    table.add_column("label")
    stories = sorted(result.stories, key=lambda s: -len(s.articles))
    sources = {a.id: a.source for a in result.articles}
    for s in stories[:max_stories]:
        n_sources = len({sources[a] for a in s.articles if sources.get(a)})
        table.add_row(
            Text(s.id), str(len(s.articles)), str(n_sources), str(len(s.edges)),
            str(sum(len(g.members) - 1 for g in s.duplicates)),
            Text(", ".join(s.origin[:2]) or "-"), Text(s.label[:70]),
        )
    console.print(table)
    if len(stories) > max_stories:
        console.print(f"... and {len(stories) - max_stories} more stories (see the report)")
