"""Large inputs read by forked workers: a JSONL file, each worker parsing the lines that start in its
byte range; a folder of many single-document files, each worker reading a few files at a time.

Guarantee: :func:`read_files_parallel` yields the same items, in the same order, as reading the
files one by one (``readers.read_file``). :func:`read_jsonl_parallel` yields the same items, in the
same order, with the same ids, ``input`` labels and skip reasons as the one-process reader
(``readers._read_jsonl_stream``). The
workers also do what the parent would otherwise do alone for each article: decoding, JSON parsing,
HTML extraction, Unicode normalisation, the exact-duplicate key and the clean stage's line
profile; the parent only builds the :class:`~storytrace.model.Article` objects, in file order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from storytrace.ingest.decode import DecodeError, decode_bytes
from storytrace.ingest.readers import (
    _ALL_FIELDS,
    NOT_OBJECT,
    IngestOptions,
    Item,
    JSONError,
    LineNoise,
    _bounded_lines,
    content_id,
    make_article,
    parse_json,
    record_fields,
)
from storytrace.model import Article, Skipped

# A row per non-blank line: (kind, line number in the range, ...). Kinds:
TOO_LONG, BAD_LINE, SKIP, ARTICLE = 0, 1, 2, 3

# The file of the current read, set just before the fork so the workers inherit it.
_JOB: tuple[Path, IngestOptions] | None = None
# The files of the current folder read, likewise.
_FILES: tuple[Sequence[tuple[Path, str]], IngestOptions] | None = None
FILES_PER_TASK = 8


def _read_files(bounds: tuple[int, int]) -> list[list[Item]]:
    from storytrace.ingest.readers import read_file

    assert _FILES is not None
    files, opts = _FILES
    return [list(read_file(file, id_base, opts)) for file, id_base in files[bounds[0] : bounds[1]]]


def read_files_parallel(
    found: Sequence[tuple[Path, str] | Skipped | None],
    here: Callable[[tuple[Path, str] | Skipped | None], Iterator[Item]],
    opts: IngestOptions,
    workers: int,
) -> Iterator[Item]:
    """The items of ``found`` (``readers.read_inputs``' entries) in its order: single-document files
    read by ``workers`` forked processes, every other entry (a stream, standard input, a skip) by
    ``here`` in this process (streams have their own workers). If the pool breaks (the system
    killed a worker), the files it had not returned are read here."""
    from storytrace.articlepool import imap_ahead
    from storytrace.ingest.readers import _single_document

    global _FILES
    single = [f for f in found if _single_document(f)]
    _FILES = (single, opts)  # type: ignore[assignment]
    try:
        batches = imap_ahead(_read_files, _ranges(len(single), FILES_PER_TASK), workers, initializer=None)
        per_file: Iterator[list[Item]] = iter(())
        for entry in found:
            if not _single_document(entry):
                yield from here(entry)
                continue
            items = next(per_file, None)
            if items is None:
                per_file = iter(next(batches))
                items = next(per_file)
            for item in items:
                if isinstance(item, Article):
                    # unpickling gave each article its own set of assigned fields; share one
                    object.__setattr__(item, "__pydantic_fields_set__", _ALL_FIELDS)
                yield item
    finally:
        _FILES = None


def _ranges(size: int, step: int) -> list[tuple[int, int]]:
    return [(a, min(a + step, size)) for a in range(0, size, step)]


def _read_range(bounds: tuple[int, int]) -> tuple[int, list[tuple], str | None]:
    """Rows for the lines that start in ``[start, end)``, how many lines start there, and the
    error that stopped the read (``None`` when it reached the end of the range)."""
    from storytrace.ingest.dedup import exact_key
    from storytrace.text.lines import line_profile
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
                    obj = parse_json(decode_bytes(line))
                except (DecodeError, JSONError) as e:
                    rows.append((BAD_LINE, count, str(e)))
                    continue
                fields = record_fields(obj, opts)
                if isinstance(fields, str):
                    rows.append((BAD_LINE if fields == NOT_OBJECT else SKIP, count, fields))
                    continue
                rid, meta, raw, html = fields
                low = fold(raw).lower()  # shared by the line profile and the duplicate key
                hashes, sentences, words = line_profile(raw, low)
                # the word hashes travel as bytes: a numpy array pickles several times slower
                rows.append(
                    (
                        ARTICLE,
                        count,
                        rid,
                        meta,
                        raw,
                        html,
                        exact_key(raw, low),
                        hashes,
                        sentences,
                        words.tobytes(),
                    )
                )
    except OSError as e:
        return count, rows, str(e)
    return count, rows, None


def read_jsonl_parallel(path: Path, label: str, opts: IngestOptions, workers: int) -> Iterator[Item]:
    import numpy as np

    from storytrace.articlepool import imap_ahead

    global _JOB
    _JOB = (path, opts)
    noise = LineNoise(label)
    lines_before = 0
    seen_any = False
    try:
        # a worker the system kills: the parent reads the ranges not returned (imap_ahead)
        for count, rows, error in imap_ahead(
            _read_range, list(_ranges(path.stat().st_size, opts.range_bytes)), workers, initializer=None
        ):
            for row in rows:
                kind, where = row[0], f"{label}:{lines_before + row[1]}"
                if kind == TOO_LONG:
                    yield from noise.noise(where, f"record longer than {opts.max_record_bytes} bytes")
                    continue
                seen_any = True
                if kind == BAD_LINE:
                    reason = row[2] if row[2] == NOT_OBJECT else f"invalid JSON line: {row[2]}"
                    yield from noise.noise(where, reason)
                elif kind == SKIP:
                    yield Skipped(input=where, reason=row[2])
                else:
                    yield from noise.article()
                    yield _article(row, where, np)
            if error is not None:
                yield from noise.end()
                yield Skipped(input=label, reason=f"stream ended early: {error}")
                return
            lines_before += count
    finally:
        _JOB = None
    yield from noise.end()
    if not seen_any:
        yield Skipped(input=label, reason="empty file (no records)")


def _article(row: tuple, where: str, np: Any) -> Item:
    _, _, rid, meta, raw, html, key, hashes, sentences, words = row
    art = make_article(rid or content_id(key), where, raw, meta, html)
    art._key = key
    art._profile = (hashes, sentences, np.frombuffer(words, dtype=np.int64))
    return art
