"""A short terminal summary (rich): totals, then the largest stories with size, sources, edges,
duplicates and origin. Everything that came from the input (ids, labels, file names) is printed as
:func:`printable` text without markup: it is hostile input."""

from __future__ import annotations

import re

from rich.console import Console
from rich.table import Table
from rich.text import Text

from storytrace.model import Result

# What a terminal would act on instead of showing: C0 and C1 control characters (ESC starts colour
# and cursor sequences), DEL, the bidi overrides and isolates that reorder what follows (a name
# shown reversed), line and paragraph separators, and lone surrogates (not writable as UTF-8).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape_char(m: re.Match[str]) -> str:
    c = ord(m[0])
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on shown as an escape (``\\x1b``), so a
    file name or id prints literally, on one line."""
    return _UNPRINTABLE.sub(_escape_char, text)


def plain(text: str) -> Text:
    """Input text for a rich console: escapes shown, no markup parsed, no highlighting."""
    return Text(printable(text))


def print_summary(result: Result, console: Console | None = None, max_stories: int = 15) -> None:
    console = console or Console()
    n_dup = sum(len(g.members) - 1 for g in result.duplicates)
    console.print(
        f"[bold]{len(result.articles)}[/] articles analysed, [bold]{len(result.stories)}[/] stories, "
        f"{n_dup} duplicates collapsed, {len(result.skipped)} inputs skipped"
    )
    if result.moved:  # a --state run grouped earlier runs' articles again
        console.print(f"{len(result.moved)} articles of earlier runs moved to another story (`moved` in the JSON)")
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
            plain(s.id),
            str(len(s.articles)),
            str(n_sources),
            str(len(s.edges)),
            str(sum(len(g.members) - 1 for g in s.duplicates)),
            plain(", ".join(s.origin[:2]) or "-"),
            plain(s.label[:70]),
        )
    console.print(table)
    if len(stories) > max_stories:
        console.print(f"... and {len(stories) - max_stories} more stories (see the report)")
