"""Readers: turn paths (files, directories, ``-`` for stdin) into articles or skip records.

Every input either becomes one or more :class:`~storytrace.model.Article` (its ``_raw`` text set,
not yet cleaned) or one :class:`~storytrace.model.Skipped` with a one-line reason. A bad file never
stops the run: readers are generators and each file is read inside its own ``try``.

Ids: a record's own ``id`` is kept; otherwise the id is the file's path relative to the directory
given (a file given directly is named by its file name); the n-th record of a multi-record file
(JSON list, JSONL, WARC) without an id gets ``path#n``.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from storytrace.ingest.decode import DecodeError, decode_bytes
from storytrace.model import Article, Skipped

SINGLE_DOC_EXT = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".json"}
STREAM_EXT = {".jsonl", ".ndjson", ".warc", ".warc.gz", ".jsonl.gz"}
SUPPORTED = sorted(SINGLE_DOC_EXT | STREAM_EXT)


@dataclass
class IngestOptions:
    # A single-document file (txt/html/json) larger than this is skipped: it is not one article.
    max_file_bytes: int = 50 * 1024 * 1024
    # One record of a stream (a JSONL line, a WARC response) larger than this is skipped.
    max_record_bytes: int = 10 * 1024 * 1024
    follow_hidden: bool = False
    # A JSONL file from this size on is parsed by forked workers (each a byte range of the file).
    parallel_min_bytes: int = 16 * 1024 * 1024


Item = Article | Skipped


def _ext(path: Path) -> str:
    name = path.name.lower()
    for double in (".warc.gz", ".jsonl.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def iter_files(path: Path, opts: IngestOptions) -> Iterator[tuple[Path, str]]:
    """Files under ``path`` (recursively, sorted) with the id base relative to ``path``."""
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if opts.follow_hidden or not d.startswith("."))
            for name in sorted(files):
                if not opts.follow_hidden and name.startswith("."):
                    continue
                full = Path(root) / name
                yield full, full.relative_to(path).as_posix()
    else:
        yield path, path.name


def read_inputs(
    inputs: Iterable[str | os.PathLike], opts: IngestOptions | None = None, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Yield an :class:`Article` or a :class:`Skipped` for everything found under ``inputs``."""
    opts = opts or IngestOptions()
    for given in inputs:
        if str(given) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_jsonl_stream(stream, "<stdin>", "stdin", opts)
            continue
        path = Path(given)
        if not path.exists():
            yield Skipped(input=str(given), reason="no such file or directory")
            continue
        for file, id_base in iter_files(path, opts):
            yield from read_file(file, id_base, opts)


def read_file(file: Path, id_base: str, opts: IngestOptions) -> Iterator[Item]:
    label = str(file)
    ext = _ext(file)
    try:
        size = file.stat().st_size
        if ext in STREAM_EXT:
            yield from _read_stream_file(file, ext, id_base, opts)
            return
        if size == 0:
            yield Skipped(input=label, reason="empty file")
            return
        if size > opts.max_file_bytes:
            yield Skipped(
                input=label,
                reason=f"file too large for one article ({size / 1e6:.1f} MB > "
                f"{opts.max_file_bytes / 1e6:.0f} MB; use JSONL for many articles or raise --max-bytes)",
            )
            return
        data = file.read_bytes()
    except OSError as e:
        yield Skipped(input=label, reason=f"cannot read: {e.strerror or e}")
        return
    if ext not in SINGLE_DOC_EXT:
        ext = _sniff(data)
        if ext is None:
            yield Skipped(input=label, reason=f"unsupported file type '{file.suffix or file.name}'")
            return
    try:
        text = decode_bytes(data)
    except DecodeError as e:
        yield Skipped(input=label, reason=str(e))
        return
    if not text.strip():
        yield Skipped(input=label, reason="empty file (only whitespace)")
        return
    if ext == ".json":
        yield from _read_json_doc(text, label, id_base, opts)
    elif ext in {".html", ".htm", ".xhtml"}:
        yield _from_html(text, label, id_base, _path_meta(id_base))
    else:
        yield _make_article(id_base, label, text, _path_meta(id_base))


def _path_meta(id_base: str) -> dict[str, str]:
    """A file inside a sub-folder (``outlet/story.txt``) takes the folder name as its source."""
    parent = id_base.rsplit("/", 1)[0] if "/" in id_base else ""
    return {"source": parent.rsplit("/", 1)[-1]} if parent else {}


def _sniff(data: bytes) -> str | None:
    """Guess the format of a file with an unknown extension (or none)."""
    head = data[:2048].lstrip()
    if b"\x00" in data[:8192]:
        return None
    low = head[:200].lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<body" in low:
        return ".html"
    if head[:1] in (b"{", b"["):
        return ".json"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return ".txt"


def _read_json_doc(text: str, label: str, id_base: str, opts: IngestOptions) -> Iterator[Item]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        yield Skipped(input=label, reason=f"invalid JSON: {e.msg} at line {e.lineno} column {e.colno}")
        return
    if isinstance(obj, dict):
        yield from_record(obj, label, id_base)
    elif isinstance(obj, list):
        for n, rec in enumerate(obj):
            yield from_record(rec, f"{label}[{n}]", f"{id_base}#{n}")
    else:
        yield Skipped(input=label, reason="JSON must be an object or a list of objects")


def _read_stream_file(file: Path, ext: str, id_base: str, opts: IngestOptions) -> Iterator[Item]:
    label = str(file)
    if ext in (".warc", ".warc.gz"):
        from storytrace.ingest.warc import read_warc

        yield from read_warc(file, id_base, opts)
        return
    if file.stat().st_size == 0:
        yield Skipped(input=label, reason="empty file")
        return
    if not ext.endswith(".gz") and file.stat().st_size >= opts.parallel_min_bytes:
        from storytrace.articlepool import worker_count

        if (workers := worker_count()) >= 2:
            from storytrace.ingest.parallel import read_jsonl_parallel

            yield from read_jsonl_parallel(file, label, id_base, opts, workers)
            return
    opener = gzip.open if ext.endswith(".gz") else open
    with opener(file, "rb") as fh:
        yield from _read_jsonl_stream(fh, label, id_base, opts)


def _read_jsonl_stream(stream: BinaryIO, label: str, id_base: str, opts: IngestOptions) -> Iterator[Item]:
    n = 0
    seen_any = False
    try:
        for lineno, line in enumerate(_bounded_lines(stream, opts.max_record_bytes), start=1):
            if line is None:
                yield Skipped(input=f"{label}:{lineno}", reason=f"record longer than {opts.max_record_bytes} bytes")
                continue
            if not line.strip():
                continue
            seen_any = True
            where = f"{label}:{lineno}"
            try:
                text = decode_bytes(line)
                obj = json.loads(text)
            except (DecodeError, json.JSONDecodeError, UnicodeDecodeError) as e:
                msg = e.msg if isinstance(e, json.JSONDecodeError) else str(e)
                yield Skipped(input=where, reason=f"invalid JSON line: {msg}")
                continue
            yield from_record(obj, where, f"{id_base}#{n}")
            n += 1
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        yield Skipped(input=label, reason=f"stream ended early: {e}")
        return
    if not seen_any:
        yield Skipped(input=label, reason="empty file (no records)")


def _bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Lines of a binary stream; ``None`` for a line over ``limit`` bytes (read past, never held)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drain the rest of the over-long line
                more = stream.readline(1 << 20)
                if not more or more.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


_META_KEYS = {
    "url": ("url", "link", "uri"),
    "source": ("source", "outlet", "site", "sitename", "publisher"),
    "title": ("title", "headline"),
    "published_at": ("published_at", "date", "published", "datetime", "pub_date", "time"),
    "language": ("language", "lang"),
    "author": ("author", "byline"),
}


def from_record(obj: Any, where: str, default_id: str) -> Item:
    """One JSON record -> article. ``text`` or ``html`` is required."""
    fields = record_fields(obj)
    if isinstance(fields, str):
        return Skipped(input=where, reason=fields)
    rid, meta, raw, html = fields
    return make_article(rid or default_id, where, raw, meta, html)


# A record's parts: (its own id or None, metadata, normalised raw text, text came from HTML).
RecordFields = tuple[str | None, dict[str, str], str, bool]


def record_fields(obj: Any) -> RecordFields | str:
    """The parts of one JSON record, or the reason it is skipped. A pure function of the record,
    so the ingest workers run it (HTML extraction included)."""
    if not isinstance(obj, dict):
        return "record is not a JSON object"
    meta: dict[str, str] = {}
    for field, keys in _META_KEYS.items():
        for k in keys:
            v = obj.get(k)
            if v not in (None, ""):
                meta[field] = str(v)
                break
    rid = obj.get("id")
    art_id = str(rid) if rid not in (None, "") else None
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        return _text_fields(art_id, text, meta, False)
    if isinstance(html, str) and html.strip():
        return _html_fields(art_id, html, meta)
    return "record has no 'text' or 'html' field with content"


def _html_fields(art_id: str | None, html: str, meta: dict[str, str]) -> RecordFields | str:
    from storytrace.ingest.html import extract_html, not_an_article

    try:
        extracted = extract_html(html, url=meta.get("url"))
    except Exception as e:  # trafilatura/lxml raise many kinds on hostile markup
        return f"unreadable HTML: {type(e).__name__}: {e}"[:300]
    if extracted is None or not extracted.text.strip():
        return "no main text found in HTML"
    if (reason := not_an_article(extracted.text)) is not None:
        return reason
    for field in ("title", "author", "published_at", "source", "url", "language"):
        value = getattr(extracted, field)
        if value and field not in meta:
            meta[field] = value
    return _text_fields(art_id, extracted.text, meta, True)


def _text_fields(art_id: str | None, text: str, meta: dict[str, str], html: bool) -> RecordFields | str:
    raw = normalise_unicode(text)
    if not raw.strip():
        return "no text"
    return art_id, meta, raw, html


def _from_html(html: str, where: str, art_id: str, meta: dict[str, str]) -> Item:
    fields = _html_fields(art_id, html, meta)
    if isinstance(fields, str):
        return Skipped(input=where, reason=fields)
    return make_article(art_id, where, fields[2], fields[1], True)


def _make_article(art_id: str, where: str, text: str, meta: dict[str, str]) -> Item:
    fields = _text_fields(art_id, text, meta, False)
    if isinstance(fields, str):
        return Skipped(input=where, reason=fields)
    return make_article(art_id, where, fields[2], meta, False)


_ALL_FIELDS = set(Article.model_fields)


def make_article(art_id: str, where: str, raw: str, meta: dict[str, str], html: bool) -> Article:
    """An article of normalised ``raw`` text (see :func:`normalise_unicode`), not yet cleaned."""
    art = Article(id=art_id, input=where, **meta)
    # pydantic keeps a set of assigned field names per instance (~700 bytes); all articles share
    # one holding every field, so later assignments add nothing to it
    object.__setattr__(art, "__pydantic_fields_set__", _ALL_FIELDS)
    art._raw = raw
    art._html = html
    return art


def normalise_unicode(text: str) -> str:
    """NFC, unified newlines, no control characters. Curly quotes and dashes are kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if any(c in text for c in _CONTROL_SET):
        text = text.translate(_CONTROL_MAP)
    return text.replace("\ufeff", "")


_CONTROL_SET = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {"\x7f"}
_CONTROL_MAP = {ord(c): None for c in _CONTROL_SET}


def read_bytes_as_articles(data: bytes, name: str) -> list[Item]:
    """Convenience for tests and the web app: ingest an in-memory file."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / name
        p.write_bytes(data)
        return list(read_file(p, name, IngestOptions()))


__all__ = ["IngestOptions", "read_inputs", "read_file", "from_record", "normalise_unicode"]
