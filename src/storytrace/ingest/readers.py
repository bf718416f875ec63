"""Readers: turn paths (files, directories, ``-`` for stdin) into articles or skip records.

Every input either becomes one or more :class:`~storytrace.model.Article` (its ``_raw`` text set,
not yet cleaned) or one :class:`~storytrace.model.Skipped` with a one-line reason. A bad file never
stops the run: readers are generators and each file is read inside its own ``try``.

Ids: a record's own ``id`` is kept; otherwise the id is the file's path relative to the directory
given (a file given directly is named by its file name). A record of a JSON list, a JSONL file or
stdin without an id is named by its content (``text-`` and a hash of its normal form), so the same
record gets the same id in every run and two runs never hand one id to different texts; the n-th
record of a WARC file gets ``path#n``.

Hostile input is bounded here: nesting too deep for the JSON parser, lone surrogates and control
characters, a file of noise (one skip line, not one per line), dates that are not dates.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import Field

from storytrace.ingest.decode import DecodeError, decode_bytes, wide_encoding
from storytrace.model import Article, Skipped
from storytrace.options import Options
from storytrace.text.dates import FIRST_YEAR, LAST_YEAR

SINGLE_DOC_EXT = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".json"}
STREAM_EXT = {".jsonl", ".ndjson", ".warc", ".warc.gz", ".jsonl.gz"}
SUPPORTED = sorted(SINGLE_DOC_EXT | STREAM_EXT)


class IngestOptions(Options):
    """How inputs are read (``Config.ingest``)."""

    max_file_bytes: int = Field(50 * 1024 * 1024, ge=1)
    """A single-document file (txt/html/json) larger than this is skipped: it is not one article."""
    max_record_bytes: int = Field(10 * 1024 * 1024, ge=1)
    """One record of a stream (a JSONL line, a WARC response) larger than this is skipped."""
    follow_hidden: bool = False
    """Read hidden files and directories (names starting with a dot) too."""
    parallel_min_bytes: int = Field(16 * 1024 * 1024, ge=0)
    """A JSONL file from this size on is parsed by forked workers (each a byte range of the file)."""
    parallel_min_files: int = Field(64, ge=1)
    """Inputs holding this many single-document files (txt/html/json) or more, in folders or named
    one by one, are read by forked workers, a few files a task: extracting a page's main text
    takes ~30 ms, and the files are independent. Below it, forking costs more than it saves."""
    range_bytes: int = Field(2 << 20, ge=1)
    """A worker's share of such a file per task: big enough to amortise the task, small enough to
    keep every worker busy."""
    min_article_words: int = Field(40, ge=0)
    """An HTML page is an article only when its extracted main text has at least this many words
    (two sentences' worth): less is a cookie wall, a login form or a list of links. Set by hand with
    the HTML reader (tests/test_html_pages.py holds such pages), not tuned on a benchmark."""
    max_code_share: float = Field(0.08, ge=0.0, le=1.0)
    """An extracted page text with more than this share of code punctuation (braces, brackets, `=`,
    `$`, ...) is template or script source, not prose (set by hand, as `min_article_words`)."""


Item = Article | Skipped

# Python keeps the bytes of a file name that are not UTF-8 as lone surrogates (U+DC80-U+DCFF);
# JSON text may carry lone surrogates too ("\ud800"). Neither can be written as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")


def display_name(name: str) -> str:
    """A path as text that can be written anywhere: a byte of a file name that is not UTF-8 becomes
    ``\\xNN`` (the file itself is still opened by its real name)."""
    if not _SURROGATE.search(name):
        return name
    return _SURROGATE.sub(
        lambda m: f"\\x{ord(m[0]) - 0xDC00:02x}" if 0xDC80 <= ord(m[0]) <= 0xDCFF else "\ufffd", name
    )


def _ext(path: Path) -> str:
    name = path.name.lower()
    for double in (".warc.gz", ".jsonl.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def iter_files(path: Path, opts: IngestOptions) -> Iterator[tuple[Path, str] | Skipped]:
    """Files under ``path`` (recursively, sorted) with the id base relative to ``path``; a
    directory that cannot be listed is a :class:`Skipped` (``os.walk`` alone passes over it)."""
    if path.is_dir():
        errors: list[OSError] = []
        for root, dirs, files in os.walk(path, onerror=errors.append):
            yield from _walk_errors(errors)
            dirs[:] = sorted(d for d in dirs if opts.follow_hidden or not d.startswith("."))
            for name in sorted(files):
                if not opts.follow_hidden and name.startswith("."):
                    continue
                full = Path(root) / name
                yield full, display_name(full.relative_to(path).as_posix())
        yield from _walk_errors(errors)
    else:
        yield path, display_name(path.name)


def _walk_errors(errors: list[OSError]) -> Iterator[Skipped]:
    while errors:
        e = errors.pop(0)
        yield Skipped(input=display_name(str(e.filename)), reason=f"cannot read directory: {e.strerror or e}")


def read_inputs(
    inputs: Iterable[str | os.PathLike], opts: IngestOptions | None = None, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Yield an :class:`Article` or a :class:`Skipped` for everything found under ``inputs``."""
    opts = opts or IngestOptions()
    found: list[tuple[Path, str] | Skipped | None] = []  # None: standard input, read in its place
    for given in inputs:
        if str(given) == "-":
            found.append(None)
        elif not Path(given).exists():
            found.append(Skipped(input=display_name(str(given)), reason="no such file or directory"))
        else:
            found += iter_files(Path(given), opts)

    def here(entry: tuple[Path, str] | Skipped | None) -> Iterator[Item]:
        if entry is None:
            yield from _read_jsonl_stream(stdin if stdin is not None else sys.stdin.buffer, "<stdin>", opts)
        elif isinstance(entry, Skipped):
            yield entry
        else:
            yield from read_file(entry[0], entry[1], opts)

    if sum(1 for f in found if _single_document(f)) >= opts.parallel_min_files:
        from storytrace.articlepool import worker_count

        if (workers := worker_count()) >= 2:
            from storytrace.ingest.parallel import read_files_parallel

            yield from read_files_parallel(found, here, opts, workers)
            return
    for entry in found:
        yield from here(entry)


def _single_document(entry: tuple[Path, str] | Skipped | None) -> bool:
    """A file read as one document (not a stream of records); workers may read it."""
    return isinstance(entry, tuple) and _ext(entry[0]) not in STREAM_EXT


def read_file(file: Path, id_base: str, opts: IngestOptions) -> Iterator[Item]:
    label = display_name(str(file))
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
            yield Skipped(
                input=label, reason=f"unsupported file type '{display_name(file.suffix or file.name)}'"
            )
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
        yield _from_html(text, label, id_base, _path_meta(id_base), opts)
    else:
        yield _make_article(id_base, label, text, _path_meta(id_base))


def _path_meta(id_base: str) -> dict[str, Any]:
    """A file inside a sub-folder (``outlet/story.txt``) takes the folder name as its source."""
    parent = id_base.rsplit("/", 1)[0] if "/" in id_base else ""
    return {"source": parent.rsplit("/", 1)[-1]} if parent else {}


def _sniff(data: bytes) -> str | None:
    """Guess the format of a file with an unknown extension (or none)."""
    if wide_encoding(data[:4096]) is not None:
        return ".txt"
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


class JSONError(ValueError):
    """Text that is not JSON the reader can take; ``position`` says where, when known."""

    def __init__(self, msg: str, position: str = "") -> None:
        super().__init__(msg)
        self.position = position


def parse_json(text: str) -> Any:
    """``json.loads`` whose every failure is a :class:`JSONError`: nesting deeper than the parser's
    recursion limit (``'[' * 100000``) and numbers too long to convert included."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise JSONError(e.msg, f" at line {e.lineno} column {e.colno}") from None
    except RecursionError:
        raise JSONError("nested too deeply") from None
    except ValueError as e:  # an integer of more digits than Python converts
        raise JSONError(str(e).split(";")[0][:200]) from None


def _read_json_doc(text: str, label: str, id_base: str, opts: IngestOptions) -> Iterator[Item]:
    try:
        obj = parse_json(text)
    except JSONError as e:
        yield Skipped(input=label, reason=f"invalid JSON: {e}{e.position}")
        return
    if isinstance(obj, dict):
        yield from_record(obj, label, id_base, opts)  # one object is one file: the path names it
    elif isinstance(obj, list):
        for n, rec in enumerate(obj):
            yield from_record(rec, f"{label}[{n}]", opts=opts)
    else:
        yield Skipped(input=label, reason="JSON must be an object or a list of objects")


def _read_stream_file(file: Path, ext: str, id_base: str, opts: IngestOptions) -> Iterator[Item]:
    label = display_name(str(file))
    if ext in (".warc", ".warc.gz"):
        from storytrace.ingest.warc import read_warc

        yield from read_warc(file, id_base, opts)
        return
    size = file.stat().st_size
    if size == 0:
        yield Skipped(input=label, reason="empty file")
        return
    if not ext.endswith(".gz") and size >= opts.parallel_min_bytes:
        from storytrace.articlepool import worker_count

        with open(file, "rb") as fh:
            head = fh.read(4096)
        # workers split the file at newline bytes, which UTF-16/32 text does not have alone
        if wide_encoding(head) is None and (workers := worker_count()) >= 2:
            from storytrace.ingest.parallel import read_jsonl_parallel

            yield from read_jsonl_parallel(file, label, opts, workers)
            return
    opener = gzip.open if ext.endswith(".gz") else open
    with opener(file, "rb") as fh:
        yield from _read_jsonl_stream(fh, label, opts)


# The reason a JSON line that is valid but not an object gets; such lines count as noise.
NOT_OBJECT = "record is not a JSON object"


class LineNoise:
    """The per-line skips of one JSONL stream, collapsed when the stream is mostly noise.

    A line that is not a record is reported on its own while the stream has had at least as many
    articles; past that, such lines are held back. If articles catch up, the held lines are
    reported in order; if not, the stream ends with one skip line giving the count (100 KB of
    random bytes as ``.jsonl`` is one bad file, not 381 bad records). Both readers (one process
    and forked workers) use this class, so they report alike."""

    HOLD = 1000  # held skip records at most; beyond that only counted

    def __init__(self, label: str) -> None:
        self.label = label
        self.good = self.bad = self.over = 0
        self.held: list[Skipped] = []

    def noise(self, where: str, reason: str) -> Iterator[Skipped]:
        self.bad += 1
        skip = Skipped(input=where, reason=reason)
        if not self.held and self.bad <= self.good:
            yield skip
        elif len(self.held) < self.HOLD:
            self.held.append(skip)
        else:
            self.over += 1

    def article(self) -> Iterator[Skipped]:
        self.good += 1
        if self.held and self.bad <= self.good:
            yield from self.held
            if self.over:
                yield Skipped(input=self.label, reason=f"{self.over} more lines are not JSON records")
            self.held, self.over = [], 0

    def end(self) -> Iterator[Skipped]:
        held, n = self.held, len(self.held) + self.over
        self.held, self.over = [], 0
        if n == 1:
            yield held[0]
        elif n > 1:
            line = held[0].input.rsplit(":", 1)[-1]
            yield Skipped(
                input=self.label,
                reason=f"mostly not JSON Lines: {n} lines are not records (line {line}: {held[0].reason}); "
                f"{self.good} records read",
            )


def _peekable(stream: BinaryIO) -> BinaryIO:
    return stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]


def _read_jsonl_stream(stream: BinaryIO, label: str, opts: IngestOptions) -> Iterator[Item]:
    noise = LineNoise(label)
    seen_any = False
    try:
        stream = _peekable(stream)
        wide = wide_encoding(stream.peek(4096)[:4096])
        lines = (
            _bounded_lines(stream, opts.max_record_bytes)
            if wide is None
            else _wide_lines(stream, wide, opts.max_record_bytes)
        )
        for lineno, line in enumerate(lines, start=1):
            where = f"{label}:{lineno}"
            if line is None:
                yield from noise.noise(where, f"record longer than {opts.max_record_bytes} bytes")
                continue
            if not line.strip():
                continue
            seen_any = True
            try:
                obj = parse_json(decode_bytes(line))
            except (DecodeError, JSONError) as e:
                yield from noise.noise(where, f"invalid JSON line: {e}")
                continue
            item = from_record(obj, where, opts=opts)
            if isinstance(item, Skipped):
                if item.reason == NOT_OBJECT:
                    yield from noise.noise(where, item.reason)
                    continue
            else:
                yield from noise.article()
            yield item
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        yield from noise.end()
        yield Skipped(input=label, reason=f"stream ended early: {str(e)[:200]}")
        return
    yield from noise.end()
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


def _wide_lines(stream: BinaryIO, encoding: str, limit: int) -> Iterator[bytes | None]:
    """Lines of UTF-16/32 text as UTF-8 bytes (``None`` for one over ``limit`` characters)."""
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")  # type: ignore[arg-type]
    try:
        while True:
            line = text.readline(limit + 1)
            if not line:
                return
            if len(line) > limit and not line.endswith("\n"):
                while (more := text.readline(1 << 20)) and not more.endswith("\n"):
                    pass
                yield None
                continue
            yield line.encode("utf-8", "surrogatepass")
    finally:
        text.detach()  # the caller owns the stream (stdin must stay open)


_META_KEYS = {
    "url": ("url", "link", "uri"),
    "source": ("source", "outlet", "site", "sitename", "publisher"),
    "title": ("title", "headline"),
    "published_at": ("published_at", "date", "published", "datetime", "pub_date", "time"),
    "language": ("language", "lang"),
    "author": ("author", "byline"),
}
# A metadata value is one line of at most this many characters (a title, a URL, a byline).
MAX_META_CHARS = 2000


def from_record(obj: Any, where: str, default_id: str | None = None, opts: IngestOptions | None = None) -> Item:
    """One JSON record -> article. ``text`` or ``html`` is required. Without an own id the
    article is ``default_id``, or else named by its content (:func:`content_id`). ``opts``: how an
    HTML page is judged an article (defaults when None)."""
    fields = record_fields(obj, opts)
    if isinstance(fields, str):
        return Skipped(input=where, reason=fields)
    rid, meta, raw, html = fields
    key = None if rid or default_id else _exact_key(raw)
    art = make_article(rid or default_id or content_id(key), where, raw, meta, html)
    if key is not None:
        art._key = key
    return art


def _exact_key(raw: str) -> bytes:
    from storytrace.ingest.dedup import exact_key

    return exact_key(raw)


def content_id(key: bytes | None) -> str:
    """The id of a record without one: its exact-duplicate key (a hash of its normal form), so
    it is the same in every run and request and differs between different texts."""
    assert key is not None
    return "text-" + key.hex()[:16]


# A record's parts: (its own id or None, metadata, normalised raw text, text came from HTML).
RecordFields = tuple[str | None, dict[str, Any], str, bool]


def record_fields(obj: Any, opts: IngestOptions | None = None) -> RecordFields | str:
    """The parts of one JSON record, or the reason it is skipped. A pure function of the record
    (and ``opts``), so the ingest workers run it (HTML extraction included)."""
    if not isinstance(obj, dict):
        return NOT_OBJECT
    meta: dict[str, Any] = {}
    for field, keys in _META_KEYS.items():
        for k in keys:
            v = obj.get(k)
            if v not in (None, ""):
                if field == "published_at":
                    _set_date(meta, v)
                elif (value := meta_value(v)) is not None:
                    meta[field] = value
                break
    rid = obj.get("id")
    art_id = _id_value(rid)
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        return _text_fields(art_id, text, meta, False)
    if isinstance(html, str) and html.strip():
        return _html_fields(art_id, html, meta, opts)
    return "record has no 'text' or 'html' field with content"


def _id_value(v: Any) -> str | None:
    """A record's own id: a string (lone surrogates replaced, so it can be written) or a number."""
    if isinstance(v, str) and v:
        return v if v.isascii() else _SURROGATE.sub("\ufffd", v)
    if isinstance(v, int) and not isinstance(v, bool) or isinstance(v, float) and math.isfinite(v):
        return str(v)
    return None


def meta_value(v: Any) -> str | None:
    """A metadata value as clean text: strings, numbers and lists of strings (several authors);
    nested values are ignored (they are not metadata, and their text could be anything)."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, str):
        s = v
    elif isinstance(v, int) or (isinstance(v, float) and math.isfinite(v)):
        s = str(v)
    elif isinstance(v, list) and v and all(isinstance(x, str) for x in v[:20]):
        s = ", ".join(v[:20])
    else:
        return None
    if not (s.isascii() and s.isprintable()):  # most values are plain one-line ASCII already
        s = normalise_unicode(s[:MAX_META_CHARS])
    s = " ".join(s[:MAX_META_CHARS].split())
    return s or None


def _set_date(meta: dict[str, Any], value: Any) -> None:
    date = checked_date(value)
    if date is not None:
        meta["published_at"] = date
        return
    shown = repr(value if not isinstance(value, str) else value[:60])
    meta.setdefault("notes", []).append(
        f"published_at {shown} is not a date (ISO 8601, RFC 2822 or Unix time): left out"
    )


# Format detection, not tuning (constants, not options): a number is a Unix time in seconds when it
# lies in 1973-2103 (1e8 to 4.2e9 s), in milliseconds when it lies in the same years as ms (a
# seconds value there would be after the year 5000).
_EPOCH_S = (1e8, 4.2e9)
_EPOCH_MS = (1e11, 4.2e12)


def checked_date(value: Any) -> str | None:
    """``value`` as a publication time, or ``None`` when it is none: an ISO 8601 string is kept
    as given; an RFC 2822 date or a Unix time (seconds or milliseconds) becomes ISO 8601 (UTC).
    Years outside ``text.dates.FIRST_YEAR``-``LAST_YEAR`` are taken for garbage (``1e308``,
    ``"0001-01-01"``)."""
    if isinstance(value, bool):
        return None
    if (
        isinstance(value, str)
        and value.strip().isascii()
        and value.strip().isdigit()
        and len(value.strip()) >= 9
    ):
        value = int(value.strip())
    if isinstance(value, int | float):
        x = float(value)
        if math.isfinite(x) and _EPOCH_MS[0] <= abs(x) < _EPOCH_MS[1]:
            x /= 1000
        if not (math.isfinite(x) and _EPOCH_S[0] <= x < _EPOCH_S[1]):
            return None
        return datetime.fromtimestamp(x, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not 4 <= len(s) <= 64:
        return None
    try:
        d = datetime.fromisoformat(s)
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            d = parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if not FIRST_YEAR <= d.year <= LAST_YEAR:
            return None
        if d.tzinfo is not None:
            return d.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return d.isoformat()
    return s if FIRST_YEAR <= d.year <= LAST_YEAR else None


def _html_fields(
    art_id: str | None, html: str, meta: dict[str, Any], opts: IngestOptions | None
) -> RecordFields | str:
    from storytrace.ingest.html import extract_html, not_an_article

    try:
        extracted = extract_html(html, url=meta.get("url"))
    except Exception as e:  # trafilatura/lxml raise many kinds on hostile markup
        return f"unreadable HTML: {type(e).__name__}: {e}"[:300]
    if extracted is None or not extracted.text.strip():
        return "no main text found in HTML"
    if (reason := not_an_article(extracted.text, opts or IngestOptions())) is not None:
        return reason
    for field in ("title", "author", "published_at", "source", "url", "language"):
        value = getattr(extracted, field)
        if value and field not in meta:
            if field == "published_at":
                _set_date(meta, value)
            elif (clean := meta_value(value)) is not None:
                meta[field] = clean
    return _text_fields(art_id, extracted.text, meta, True)


def _text_fields(art_id: str | None, text: str, meta: dict[str, Any], html: bool) -> RecordFields | str:
    raw = normalise_unicode(text)
    if not raw.strip():
        return "no text"
    return art_id, meta, raw, html


def _from_html(html: str, where: str, art_id: str, meta: dict[str, Any], opts: IngestOptions) -> Item:
    fields = _html_fields(art_id, html, meta, opts)
    if isinstance(fields, str):
        return Skipped(input=where, reason=fields)
    return make_article(art_id, where, fields[2], fields[1], True)


def _make_article(art_id: str, where: str, text: str, meta: dict[str, Any]) -> Item:
    fields = _text_fields(art_id, text, meta, False)
    if isinstance(fields, str):
        return Skipped(input=where, reason=fields)
    return make_article(art_id, where, fields[2], meta, False)


_ALL_FIELDS = set(Article.model_fields)


def make_article(art_id: str, where: str, raw: str, meta: dict[str, Any], html: bool) -> Article:
    """An article of normalised ``raw`` text (see :func:`normalise_unicode`), not yet cleaned."""
    art = Article(id=art_id, input=where, **meta)
    # pydantic keeps a set of assigned field names per instance (~700 bytes); all articles share
    # one holding every field, so later assignments add nothing to it
    object.__setattr__(art, "__pydantic_fields_set__", _ALL_FIELDS)
    art._raw = raw
    art._html = html
    return art


def normalise_unicode(text: str) -> str:
    """NFC, unified newlines, no control characters (C0 but tab and newline, DEL, C1), lone
    surrogates as U+FFFD. Curly quotes and dashes are kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():  # (substring and encode checks: 5x faster than one regex search here)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = _SURROGATE.sub("\ufffd", text)
        text = unicodedata.normalize("NFC", text)
        if any(c in text for c in _C1_MAP_KEYS):
            text = text.translate(_C1_MAP)
    if any(c in text for c in _CONTROL_SET):
        text = text.translate(_CONTROL_MAP)
    return text.replace("\ufeff", "")


_CONTROL_SET = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {"\x7f"}
_CONTROL_MAP = {ord(c): None for c in _CONTROL_SET}
_C1_MAP_KEYS = [chr(c) for c in range(0x80, 0xA0)]
_C1_MAP = {ord(c): None for c in _C1_MAP_KEYS}


def read_bytes_as_articles(data: bytes, name: str) -> list[Item]:
    """Convenience for tests and the web app: ingest an in-memory file."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / name
        p.write_bytes(data)
        return list(read_file(p, name, IngestOptions()))


__all__ = ["IngestOptions", "read_inputs", "read_file", "from_record", "normalise_unicode"]
