"""Large JSONL files parsed by forked workers (byte ranges) give exactly what one process gives."""

import hashlib
import json

import pytest

from storytrace import articlepool
from storytrace.config import Config
from storytrace.ingest.readers import IngestOptions, read_file
from storytrace.model import Article, Skipped
from storytrace.pipeline import ingest, run_pipeline
from storytrace.testing.generator import GeneratorConfig, write_corpus

LINES = [
    b'{"id": "a1", "text": "Storm hits the coast.\\nPower cut in two towns."}',
    b"",
    b"{not json",
    b'{"text": "Second article body here."}',
    b"[1, 2]",
    b'{"title": "no body"}',
    b'{"text": "' + b"x" * 300 + b'"}',
    b'{"text": "Storm hits the coast.\\nPower cut in two towns.", "source": "x"}',
    b'{"text": "a\x00b"}',
    b'{"id": "a1", "text": "Other text entirely, same id."}',
]


def _content_id(normal_form: str) -> str:
    """The id of a record without one: a hash of its text's normal form (lower case, one space)."""
    return "text-" + hashlib.blake2b(normal_form.encode(), digest_size=16).hexdigest()[:16]


ID4, ID8 = (
    _content_id("second article body here."),
    _content_id("storm hits the coast. power cut in two towns."),
)
# (line, article id or None, skip reason or None), written by hand from the lines above: a record
# without an id is named by its content
EXPECTED = [
    (1, "a1", None),
    (3, None, "invalid JSON line: Expecting property name enclosed in double quotes"),
    (4, ID4, None),
    (5, None, "record is not a JSON object"),
    (6, None, "record has no 'text' or 'html' field with content"),
    (7, None, "record longer than 200 bytes"),
    (8, ID8, None),
    (9, None, "invalid JSON line: binary file (contains NUL bytes)"),
    (10, "a1", None),
]


def _parallel(monkeypatch):
    monkeypatch.setattr(articlepool, "worker_count", lambda options=None: 2)  # as on a machine of two cores


def _summary(items, path):
    out = []
    for item in items:
        where = item.input.removeprefix(f"{path}:")
        if isinstance(item, Skipped):
            out.append((int(where), None, item.reason))
        else:
            assert isinstance(item, Article)
            out.append((int(where), item.id, None))
    return out


@pytest.mark.parametrize("range_bytes", [1, 23, 64, 1 << 20])
def test_byte_ranges_give_the_hand_written_items(tmp_path, monkeypatch, range_bytes):
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"\n".join(LINES) + b"\n")
    _parallel(monkeypatch)
    opts = IngestOptions(max_record_bytes=200, parallel_min_bytes=0, range_bytes=range_bytes)
    items = list(read_file(path, "f.jsonl", opts))
    assert _summary(items, path) == EXPECTED
    assert items[0]._raw == "Storm hits the coast.\nPower cut in two towns."
    assert items[0]._key and items[0]._profile is not None  # computed in the workers
    serial = list(read_file(path, "f.jsonl", IngestOptions(max_record_bytes=200)))
    assert _summary(serial, path) == EXPECTED


def test_parallel_ingest_collapses_exact_duplicates_and_renames_ids(tmp_path, monkeypatch):
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"\n".join(LINES))  # no newline at the end
    _parallel(monkeypatch)
    config = Config(quiet=True, ingest={"max_record_bytes": 200, "parallel_min_bytes": 0, "range_bytes": 16})
    corpus = ingest([path], config)
    assert [a.id for a in corpus.articles] == ["a1", ID4, "a1~2"]
    assert [(g.representative, g.members) for g in corpus.duplicates] == [("a1", ["a1", ID8])]
    assert [s.input.rsplit(":", 1)[1] for s in corpus.skipped] == ["3", "5", "6", "7", "9"]


def test_a_file_of_blank_lines_has_no_records(tmp_path, monkeypatch):
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"\n \n\t\n")
    _parallel(monkeypatch)
    items = list(read_file(path, "f.jsonl", IngestOptions(parallel_min_bytes=0, range_bytes=2)))
    assert [(i.input, i.reason) for i in items] == [(str(path), "empty file (no records)")]


def test_pipeline_after_parallel_ingest_equals_one_process(tmp_path, monkeypatch):
    path = tmp_path / "c.jsonl"
    write_corpus(path, GeneratorConfig(stories=10, per_story=8, seed=3))

    def run(min_bytes):
        config = Config(quiet=True, ingest={"parallel_min_bytes": min_bytes, "range_bytes": 4096})
        corpus = run_pipeline(ingest([path], config), config, ["clean", "text"])
        return [json.loads(a.model_dump_json()) for a in corpus.articles], corpus.duplicates

    one = run(1 << 60)
    _parallel(monkeypatch)
    many = run(0)
    assert any(a["removed"] for a in one[0]) and one[1]  # furniture and duplicates to get right
    assert many == one


def _folder(tmp_path):
    """A folder of every kind a reader meets: pages, plain text, a JSON list, a JSONL stream, and
    files that are skipped (empty, binary, unsupported), in nested directories."""
    page = "<html><head><title>Page {k}</title></head><body><article><p>{body}</p></article></body></html>"
    body = "The council voted on the new bridge across the river on {k} March after a long debate. " * 4
    root = tmp_path / "in"
    for k in range(30):
        d = root / f"d{k % 3}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"p{k:02}.html").write_text(page.format(k=k, body=body.format(k=k)), encoding="utf-8")
        (d / f"t{k:02}.txt").write_text(body.format(k=k + 100), encoding="utf-8")
    (root / "d0" / "list.json").write_text(json.dumps([{"text": body.format(k=7)}, {"title": "no body"}]))
    (root / "d1" / "stream.jsonl").write_bytes(b"\n".join(LINES))
    (root / "d1" / "empty.txt").write_bytes(b"")
    (root / "d2" / "bin.txt").write_bytes(bytes(range(256)) * 4)
    (root / "d2" / "table.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 64)
    return root


def _items(root, monkeypatch, **opts):
    from storytrace.ingest.readers import read_inputs

    return [
        (type(i).__name__, i.input, getattr(i, "reason", None), i.model_dump() if isinstance(i, Article) else None,
         getattr(i, "_raw", None), getattr(i, "_html", None))
        for i in read_inputs([root], IngestOptions(**opts))
    ]  # fmt: skip


def test_a_folder_read_by_workers_gives_what_one_process_gives(tmp_path, monkeypatch):
    root = _folder(tmp_path)
    alone = _items(root, monkeypatch, parallel_min_files=10_000)
    _parallel(monkeypatch)
    from storytrace.ingest import parallel

    calls = []
    real = parallel.read_files_parallel
    monkeypatch.setattr(parallel, "read_files_parallel", lambda *a: calls.append(1) or real(*a))
    together = _items(root, monkeypatch, parallel_min_files=10)
    assert calls  # the workers read it
    assert sum(1 for i in alone if i[0] == "Article") >= 60 and any(i[0] == "Skipped" for i in alone)
    assert any(i[5] for i in alone)  # pages came through as HTML
    assert together == alone


def test_a_folder_is_read_whole_when_a_worker_dies(tmp_path, monkeypatch):
    import os
    import signal

    root = _folder(tmp_path)
    alone = _items(root, monkeypatch, parallel_min_files=10_000)
    _parallel(monkeypatch)
    from storytrace.ingest import readers

    parent, real = os.getpid(), readers.read_file

    def dies_in_a_worker(file, id_base, opts):
        if os.getpid() != parent and file.name == "p05.html":
            os.kill(os.getpid(), signal.SIGKILL)  # as the system's OOM killer would
        return real(file, id_base, opts)

    monkeypatch.setattr(readers, "read_file", dies_in_a_worker)
    assert _items(root, monkeypatch, parallel_min_files=10) == alone


def test_byte_ranges_are_read_whole_when_a_worker_dies(tmp_path, monkeypatch):
    """A worker the system kills (SIGKILL, as the OOM killer would) loses the range it was reading:
    this process reads the ranges that did not come back, and the items are those of one process."""
    import os
    import signal

    from storytrace.ingest import parallel

    path = tmp_path / "f.jsonl"
    path.write_bytes(b"\n".join(LINES) + b"\n")
    _parallel(monkeypatch)
    parent, real = os.getpid(), parallel.parse_json

    def dies_in_a_worker(text):
        if os.getpid() != parent and "Second article" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(text)

    monkeypatch.setattr(parallel, "parse_json", dies_in_a_worker)  # the forked workers inherit it
    opts = IngestOptions(max_record_bytes=200, parallel_min_bytes=0, range_bytes=23)
    assert _summary(list(read_file(path, "f.jsonl", opts)), path) == EXPECTED


_PARENT = __import__("os").getpid()


def _square_or_die(x: int) -> int:
    import os
    import signal

    if os.getpid() != _PARENT and x == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return x * x


def test_imap_ahead_gives_every_result_in_order_when_a_worker_dies():
    assert list(articlepool.imap_ahead(_square_or_die, range(12), 2)) == [x * x for x in range(12)]
