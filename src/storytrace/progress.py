"""Progress bars (rich) that appear only for work long enough to need them."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

# Bars start only after this many seconds, so short runs print nothing.
DELAY_S = 2.0


def _enabled(config) -> bool:
    if config is not None and (getattr(config, "quiet", False) or not getattr(config, "progress", True)):
        return False
    return sys.stderr.isatty()


def track(items: Iterable[T], description: str, config=None, total: int | None = None) -> Iterator[T]:
    """Iterate ``items``; after ``DELAY_S`` seconds show a rich progress bar on stderr."""
    if not _enabled(config):
        yield from items
        return
    if total is None and isinstance(items, Sequence):
        total = len(items)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    started = time.monotonic()
    progress: Progress | None = None
    task = None
    done = 0
    try:
        for item in items:
            yield item
            done += 1
            if progress is None and time.monotonic() - started > DELAY_S:
                progress = Progress(
                    TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=Console(stderr=True), transient=True,
                )
                progress.start()
                task = progress.add_task(description, total=total, completed=done)
            elif progress is not None and (done & 63 == 0 or done == total):
                progress.update(task, completed=done)
    finally:
        if progress is not None:
            progress.stop()
