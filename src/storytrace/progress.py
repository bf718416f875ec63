"""Progress bars (rich) that appear only for work long enough to need them."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from storytrace.model import Article, Story

T = TypeVar("T")

# Bars start only after ``Config.progress_delay`` seconds (2), so short runs print nothing, and
# refresh every ``Config.progress_refresh`` seconds (0.25).


def _enabled(config) -> bool:
    if config is not None and (getattr(config, "quiet", False) or not getattr(config, "progress", True)):
        return False
    return sys.stderr.isatty()


def members_text(articles: Mapping[str, Article]) -> Callable[[Story], float]:
    """A story's weight for :func:`track`: its members' characters (at least 1), for stages that
    read every sentence of every member."""
    return lambda s: sum(len(articles[a].text) for a in s.articles if a in articles) or 1


def track(
    items: Iterable[T],
    description: str,
    config=None,
    total: int | None = None,
    weight: Callable[[T], float] | None = None,
) -> Iterator[T]:
    """Iterate ``items``; after ``config.progress_delay`` seconds show a rich progress bar with an estimate of the
    time left on stderr. With ``weight`` (a sized ``items``), the bar counts work, not items: one
    story of 300 articles weighs more than a hundred pairs, so the estimate holds when sizes vary.
    The bar refreshes at least every ``config.progress_refresh`` seconds of work."""
    if not _enabled(config):
        yield from items
        return
    from storytrace.config import Config

    delay, refresh = (config or Config()).progress_delay, (config or Config()).progress_refresh
    weights: list[float] | None = None
    if isinstance(items, Sequence):
        if weight is not None:
            weights = [float(weight(x)) for x in items]
            total = sum(weights)
        elif total is None:
            total = len(items)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    started = last = time.monotonic()
    progress: Progress | None = None
    task = None
    done = 0.0
    try:
        for k, item in enumerate(items):
            yield item
            done += weights[k] if weights is not None else 1
            now = time.monotonic()
            if progress is None and now - started > delay:
                count = [] if weights is not None else [MofNCompleteColumn()]
                progress = Progress(
                    TextColumn("{task.description}"), BarColumn(), *count,
                    TimeRemainingColumn(), console=Console(stderr=True), transient=True,
                )  # fmt: skip
                progress.start()
                task = progress.add_task(description, total=total, completed=done)
                last = now
            elif progress is not None and (now - last >= refresh or done == total):
                progress.update(task, completed=done)
                last = now
    finally:
        if progress is not None:
            progress.stop()
