"""Per-article steps over a corpus, in forked worker processes when the corpus is large.

A stage that works article by article (after an optional corpus-wide preparation) offers an
:class:`ArticleStep`; the pipeline runs consecutive steps in one pass, so each article is handed
to a worker once, not once per stage (spaCy's ``nlp.pipe(n_process=...)`` in spirit).

Guarantee: every article ends up exactly as if the steps ran on it in order in this process.
Workers are forked after the corpus exists and read their articles from inherited memory, so
nothing is pickled on the way in; only each step's payload (plain values) comes back.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from storytrace.model import Article
from storytrace.options import Options

MAX_WORKERS = 8
# A forked worker copies (copy-on-write) every inherited page it touches, and keeps what the steps
# wrote into its copies of the articles: it is replaced by a fresh fork after this many chunks, so
# the pool's memory stays bounded instead of growing to a second copy of the corpus.
RECYCLE_TASKS = 16


class WorkerOptions(Options):
    """Worker processes for article-by-article work (``Config.workers``)."""

    processes: int | None = Field(None, ge=1)
    """Worker processes; unset: the machine's CPU count, at most 8."""
    pool_min: int = Field(4000, ge=1)
    """Below this many articles a pool costs more (fork, result transfer) than it saves."""
    chunk: int = Field(250, ge=1)
    """Articles a worker takes at a time."""


@dataclass(frozen=True)
class ArticleStep:
    """``work`` computes a payload from an article (in a worker); ``apply`` writes it into the
    article (in the parent, and in the worker when a later step of the pass needs it)."""

    name: str
    work: Callable[[Article], Any]
    apply: Callable[[Article, Any], None]


# The job of the current pass, set just before the fork so the workers inherit it.
_JOB: tuple[Sequence[Article], Sequence[ArticleStep]] | None = None


def _run_range(bounds: tuple[int, int]) -> list[list[Any]]:
    assert _JOB is not None
    articles, steps = _JOB
    last = len(steps) - 1
    rows = []
    for article in articles[bounds[0] : bounds[1]]:
        payloads = []
        for k, step in enumerate(steps):
            payload = step.work(article)
            if k < last:
                step.apply(article, payload)
            payloads.append(payload)
        rows.append(payloads)
    return rows


def trim_heap() -> None:
    """Hand the heap's free pages back to the OS (glibc ``malloc_trim``; a no-op elsewhere). A pass
    over a large corpus frees millions of payload objects between the ones it keeps, and the
    allocator would otherwise hold those pages (~1.7 KB an article after clean+text)."""
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


def worker_count(options: WorkerOptions | None = None) -> int:
    if options is not None and options.processes is not None:
        return options.processes
    return min(os.cpu_count() or 1, MAX_WORKERS)


def map_ranges(fn: Callable[[tuple[int, int]], Any], n: int, block: int) -> list[Any]:
    """``fn`` over the ranges ``(start, end)`` of ``0..n`` in blocks, in forked workers, in order.
    ``fn`` reads its items from memory the caller set before (a module global): forked workers
    inherit it, so nothing is pickled on the way in."""
    bounds = [(i, min(i + block, n)) for i in range(0, n, block)]
    return list(imap_ahead(fn, bounds, worker_count()))


def imap_ahead(
    fn: Callable[[Any], Any], items: Sequence[Any], workers: int, initializer: Callable[[], Any] | None = gc.freeze
) -> Iterator[Any]:
    """``fn`` over ``items`` in forked worker processes, results in order and lazily: the workers
    compute ahead while the caller works on what they returned (a single-threaded consumer, such
    as the story index, and its producer then share the cores).

    Every item is handed out at once, so items should be small (ranges over memory the workers
    inherit): the workers then finish as fast as they can and exit, not when the caller is done (a
    forked worker keeps the old copy of every page the caller writes after the fork: ~2 GB over
    the index of 10^6 articles). ``initializer`` (``gc.freeze``: a worker's cyclic collector never
    walks, and so never copies, the inherited heap) runs in each worker.

    Guarantee: every item's result is yielded, in order. If the pool breaks (a worker killed by
    the system), the items whose results had not come back are computed in this process and the
    log says so; a ``multiprocessing.Pool`` would wait forever for them."""
    items = list(items)
    return _results(fn, items, _submit(fn, items, workers, initializer))  # forked now, not at the first result


def imap_recycled(fn: Callable[[Any], Any], items: Sequence[Any], workers: int, tasks_per_worker: int) -> Iterator[Any]:
    """:func:`imap_ahead` with fresh workers every ``workers * tasks_per_worker`` items: a worker
    that keeps what its tasks wrote into its copies of inherited objects grows with every task, so
    each generation of workers is forked anew (the next one when half of the current one's results
    are in, so the cores do not wait). Same guarantee as :func:`imap_ahead`."""
    items = list(items)
    size = max(1, workers * tasks_per_worker)
    gens = [items[i : i + size] for i in range(0, len(items), size)]
    if not gens:
        return
    running, following = _submit(fn, gens[0], workers, None), None
    try:
        for g, gen in enumerate(gens):
            for k, result in enumerate(_results(fn, gen, running)):
                if following is None and g + 1 < len(gens) and k >= len(gen) // 2:
                    following = _submit(fn, gens[g + 1], workers, None)
                yield result
            running, following = following, None
    finally:
        if following is not None:  # the caller stopped early: the next generation's work is not wanted
            following[0].shutdown(wait=False, cancel_futures=True)


def _submit(fn: Callable[[Any], Any], items: list[Any], workers: int, initializer: Callable[[], Any] | None):
    """A fork pool with every item of ``items`` submitted; it shuts down when they are done."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max(1, workers), mp_context=mp.get_context("fork"), initializer=initializer)
    futures = []
    try:
        for item in items:
            futures.append(pool.submit(fn, item))
    except BrokenProcessPool:
        pass  # the rest are computed in this process (_results)
    pool.shutdown(wait=False)  # the workers exit when the last item is done
    return pool, futures


def _results(fn: Callable[[Any], Any], items: list[Any], submitted) -> Iterator[Any]:
    import logging
    from concurrent.futures.process import BrokenProcessPool

    pool, futures = submitted
    broken = False
    try:
        for k, item in enumerate(items):
            if not broken and k < len(futures):
                try:
                    result = futures[k].result()
                    futures[k] = None  # a result the caller has is not kept here too (1 GB of vectors at 10^6)
                    yield result
                    continue
                except BrokenProcessPool:
                    broken = True
                    logging.getLogger(__name__).warning(
                        "a worker process died; the %d items left are computed in this process", len(items) - k
                    )
            yield fn(item)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def run_steps(articles: Sequence[Article], steps: Sequence[ArticleStep], config=None) -> None:
    """Run ``steps`` on every article, in order; in a process pool from ``pool_min`` articles
    (``config.workers``)."""
    from storytrace.progress import track

    opts = config.workers if config is not None else WorkerOptions()
    label = " + ".join(s.name for s in steps).capitalize()
    workers = worker_count(opts)
    if len(articles) < opts.pool_min or workers < 2:
        for article in track(articles, label, config):
            for step in steps:
                step.apply(article, step.work(article))
        return

    global _JOB
    bounds = [(i, min(i + opts.chunk, len(articles))) for i in range(0, len(articles), opts.chunk)]
    _JOB = (articles, steps)
    # The parent builds millions of small objects (sentences) that form no cycles: the cyclic
    # collector would traverse the whole corpus again and again (a fifth of the parent's CPU).
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        # fresh workers every RECYCLE_TASKS chunks each; a worker the system kills: its chunks are
        # computed here (imap_recycled)
        results = imap_recycled(_run_range, bounds, workers, RECYCLE_TASKS)
        for (start, end), rows in track(zip(bounds, results, strict=True), label, config, total=len(bounds)):
            for article, payloads in zip(articles[start:end], rows, strict=True):
                for step, payload in zip(steps, payloads, strict=True):
                    step.apply(article, payload)
    finally:
        _JOB = None
        if gc_was_on:
            gc.enable()
    trim_heap()
