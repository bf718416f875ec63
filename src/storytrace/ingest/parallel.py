"""A large JSONL file read by forked workers, each parsing the lines that start in its byte range.

Guarantee: :func:`read_jsonl_parallel` yields the same items, in the same order, with the same ids,
``input`` labels and skip reasons as the one-process reader (``readers._read_jsonl_stream``). The
workers also do what the parent would otherwise do alone for each article: decoding, JSON parsing,
HTML extraction, Unicode normalisation, the exact-duplicate key and the clean stage's line
profile; the parent only builds the :class:`~storytrace.model.Article` objects, in file order.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storytrace.ingest.decode import DecodeError, decode_bytes
from storytrace.ingest.readers import IngestOptions, Item, _bounded_lines, make_article, record_fields
from storytrace.model import Skipped

# A worker's share per task: big enough to amortise the task, small enough to keep both busy.
RANGE_BYTES = 2 << 20

# A row per non-blank line: (kind, line number in the range, ...). Kinds:
TOO_LONG, BAD_LINE, SKIP, ARTICLE = 0, 1, 2, 3

# The file of the current read, set just before the fork so the workers inherit it.
_JOB: tuple[Path, IngestOptions] | None = None


def _ranges(size: int, step: int) -> list[tuple[int, int]]:
    return [(a, min(a + step, size)) for a in range(0, size, step)]


def _read_range(bounds: tuple[int, int]) -> tuple[int, list[tuple], str | None]:
    """Rows for the lines that start in ``[start, end)``, how many lines start there, and the
    error that stopped the read (``None`` when it reached the end of the range)."""
    from storytrace.clean.stats import line_profile
    from storytrace.ingest.dedup import exact_key
    from storytrace.text.normalize import fold

    assert _JOB is not None
    path, opts = _JOB
    start, end = bounds
    rows: list[tuple] = []
    count = 0
    try:
        with open(path, "rb") as fh:
            if start > 0:  # the line running over the range's start belongs to the range before
                fh.seek(start - 1)
                while (tail := fh.readline(1 << 20)) and not tail.endswith(b"\n"):
                    pass
            lines = _bounded_lines(fh, opts.max_record_bytes)
            while fh.tell() < end:
                line = next(lines, b"")
                if line == b"":
                    break
                count += 1
                if line is None:
                    rows.append((TOO_LONG, count))
                    continue
                if not line.strip():
                    continue
                try:
                    obj = json.loads(decode_bytes(line))
                except (DecodeError, json.JSONDecodeError, UnicodeDecodeError) as e:
                    rows.append((BAD_LINE, count, e.msg if isinstance(e, json.JSONDecodeError) else str(e)))
                    continue
                fields = record_fields(obj)
                if isinstance(fields, str):
                    rows.append((SKIP, count, fields))
                    continue
                rid, meta, raw, html = fields
                low = fold(raw).lower()  # shared by the line profile and the duplicate key
                hashes, sentences, words = line_profile(raw, low)
                # the word hashes travel as bytes: a numpy array pickles several times slower
                rows.append((ARTICLE, count, rid, meta, raw, html, exact_key(raw, low), hashes, sentences,
                             words.tobytes()))
    except OSError as e:
        return count, rows, str(e)
    return count, rows, None


def read_jsonl_parallel(path: Path, label: str, id_base: str, opts: IngestOptions, workers: int) -> Iterator[Item]:
    import multiprocessing as mp

    import numpy as np

    global _JOB
    _JOB = (path, opts)
    n = 0  # records parsed so far: the default id of the next one is ``id_base#n``
    lines_before = 0
    seen_any = False
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            for count, rows, error in pool.imap(_read_range, _ranges(path.stat().st_size, RANGE_BYTES)):
                for row in rows:
                    kind, where = row[0], f"{label}:{lines_before + row[1]}"
                    if kind == TOO_LONG:
                        yield Skipped(input=where, reason=f"record longer than {opts.max_record_bytes} bytes")
                        continue
                    seen_any = True
                    if kind == BAD_LINE:
                        yield Skipped(input=where, reason=f"invalid JSON line: {row[2]}")
                        continue
                    if kind == SKIP:
                        yield Skipped(input=where, reason=row[2])
                    else:
                        yield _article(row, where, f"{id_base}#{n}", np)
                    n += 1
                if error is not None:
                    yield Skipped(input=label, reason=f"stream ended early: {error}")
                    return
                lines_before += count
    finally:
        _JOB = None
    if not seen_any:
        yield Skipped(input=label, reason="empty file (no records)")


def _article(row: tuple, where: str, default_id: str, np: Any) -> Item:
    _, _, rid, meta, raw, html, key, hashes, sentences, words = row
    art = make_article(rid or default_id, where, raw, meta, html)
    art._key = key
    art._profile = (hashes, sentences, np.frombuffer(words, dtype=np.int64))
    return art
