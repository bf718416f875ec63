"""A short terminal summary (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

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
    table.add_column("origin")
    table.add_column("label")
    stories = sorted(result.stories, key=lambda s: -len(s.articles))
    for s in stories[:max_stories]:
        table.add_row(s.id, str(len(s.articles)), ", ".join(s.origin[:2]) or "-", s.label[:70])
    console.print(table)
    if len(stories) > max_stories:
        console.print(f"... and {len(stories) - max_stories} more stories (see the report)")
