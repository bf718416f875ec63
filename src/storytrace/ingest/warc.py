"""WARC / WARC.gz: every HTTP response record with an HTML payload becomes an article (warcio)."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path

from storytrace.ingest.decode import DecodeError, decode_bytes
from storytrace.model import Article, Skipped


def read_warc(file: Path, id_base: str, opts) -> Iterator[Article | Skipped]:
    from warcio.archiveiterator import ArchiveIterator

    from storytrace.ingest.readers import display_name, from_record

    label = display_name(str(file))
    if file.stat().st_size == 0:
        yield Skipped(input=label, reason="empty file")
        return
    n = 0
    found = 0
    said = 0  # skip records yielded: a broken file is one skip line, not one per symptom
    try:
        with open(file, "rb") as fh:
            head = fh.read(64)
            if head[:2] == b"\x1f\x8b":
                try:
                    head = gzip.GzipFile(fileobj=io.BytesIO(head + fh.read(4096))).read(5)
                except (OSError, EOFError):
                    head = b""  # a gzip stream cut inside its first block: the iterator reports it
            if head and not head.startswith(b"WARC/"):
                yield Skipped(input=label, reason="not a WARC file (no WARC/1.x header)")
                return
            fh.seek(0)
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{label}#{n}"
                n += 1
                ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if ctype and "html" not in ctype.lower():
                    continue
                payload = record.content_stream().read(opts.max_record_bytes + 1)
                reason = None
                if len(payload) > opts.max_record_bytes:
                    reason = f"record larger than {opts.max_record_bytes} bytes"
                elif getattr(record.raw_stream, "limit", 0) > 0:  # Content-Length promised more bytes
                    reason = "truncated WARC record (file ends inside it)"
                else:
                    try:
                        html = decode_bytes(payload)
                    except DecodeError as e:
                        reason = str(e)
                if reason is not None:
                    said += 1
                    yield Skipped(input=where, reason=reason)
                    continue
                found += 1
                # The WARC date is the crawl time, not publication: it is not used as published_at.
                item = from_record({"html": html, "url": uri}, where, f"{id_base}#{found - 1}", opts)
                said += isinstance(item, Skipped)
                yield item
    except Exception as e:  # warcio raises many kinds on broken records (AttributeError for no target URI)
        if not said:  # a record cut short already said the file ends early
            first = (str(e).splitlines() or [type(e).__name__])[0][:200]
            yield Skipped(input=label, reason=f"invalid or truncated WARC: {first}")
        return
    if (
        found == 0 and not said
    ):  # a WARC that gives nothing says so, even when it holds responses of other types
        what = "HTML responses" if n else "HTTP response records"
        yield Skipped(input=label, reason=f"WARC has no {what}")
