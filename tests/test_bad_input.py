"""Bad input is normal input: each case gives one clear skip record, and the rest survives."""

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storytrace.cli import app
from storytrace.config import Config
from storytrace.pipeline import ingest

GOOD = "Floodgates failed at the port on Tuesday.\nAbout 1,200 workers were evacuated, officials said.\n"


def _run(paths, config=None):
    return ingest([str(p) for p in paths], config or Config(quiet=True))


def _good(tmp_path: Path) -> Path:
    p = tmp_path / "good.txt"
    p.write_text(GOOD, encoding="utf-8")
    return p


def _reasons(corpus) -> dict[str, str]:
    return {Path(k.input.split(":")[0].split("#")[0]).name: k.reason for k in corpus.skipped}


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n  ")
    c = _run([tmp_path / "empty.txt", tmp_path / "blank.txt", _good(tmp_path)])
    r = _reasons(c)
    assert "empty" in r["empty.txt"] and "empty" in r["blank.txt"]
    assert [a.id for a in c.articles] == ["good.txt"]


def test_binary_file(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    (tmp_path / "blob.bin").write_bytes(os.urandom(3000))
    c = _run([tmp_path])
    r = _reasons(c)
    assert "binary" in r["photo.txt"]
    assert "blob.bin" in r
    assert [a.id for a in c.articles] == []


def test_non_utf8_text_is_decoded_not_skipped(tmp_path):
    text = "Le ministre a déclaré que la crise était « très inquiétante » pour l'économie française."
    (tmp_path / "latin1.txt").write_bytes((text + "\n" + text.replace("ministre", "préfet")).encode("cp1252"))
    c = _run([tmp_path / "latin1.txt"])
    assert not c.skipped
    assert "déclaré" in c.articles[0]._raw and "très inquiétante" in c.articles[0]._raw


def test_invalid_and_truncated_json(tmp_path):
    (tmp_path / "bad.json").write_text('{"id": "x", "text": "unterminated')
    (tmp_path / "scalar.json").write_text("42")
    (tmp_path / "ok.json").write_text(json.dumps([{"id": "j1", "text": GOOD}, {"id": "j2", "title": "no text"}]))
    c = _run([tmp_path / "bad.json", tmp_path / "scalar.json", tmp_path / "ok.json"])
    r = {k.input: k.reason for k in c.skipped}
    assert any("invalid JSON" in v for k, v in r.items() if k.endswith("bad.json"))
    assert any("object" in v for k, v in r.items() if k.endswith("scalar.json"))
    assert any("no 'text' or 'html'" in v for k, v in r.items() if "ok.json" in k)
    assert [a.id for a in c.articles] == ["j1"]


def test_jsonl_bad_lines_skipped_good_lines_kept(tmp_path):
    lines = [json.dumps({"id": "a", "text": GOOD}), "{not json", json.dumps({"id": "b"}),
             json.dumps({"id": "c", "text": GOOD.replace("1,200", "900")}), ""]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    c = _run([tmp_path / "feed.jsonl"])
    assert [a.id for a in c.articles] == ["a", "c"]
    skipped = {k.input: k.reason for k in c.skipped}
    assert any(k.endswith("feed.jsonl:2") and "invalid JSON" in v for k, v in skipped.items())
    assert any(k.endswith("feed.jsonl:3") and "no 'text'" in v for k, v in skipped.items())


def test_invalid_html(tmp_path):
    (tmp_path / "cut.html").write_text("<html><head><title>Cut</title></head><body><div><p>")
    (tmp_path / "junk.html").write_text("<<<>>>< / >")
    c = _run([tmp_path / "cut.html", tmp_path / "junk.html", _good(tmp_path)])
    r = _reasons(c)
    assert "HTML" in r["cut.html"] and "HTML" in r["junk.html"]
    assert [a.id for a in c.articles] == ["good.txt"]


def _warc_bytes(html: str) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
    rec = writer.create_warc_record("http://example.org/a", "response",
                                    payload=io.BytesIO(html.encode()), http_headers=headers)
    writer.write_record(rec)
    return buf.getvalue()


PAGE = ("<html><head><title>Port floods</title></head><body><article><h1>Port floods</h1>"
        + "".join(f"<p>Paragraph {i}: the floodgates failed and workers were evacuated from the terminals.</p>"
                  for i in range(6)) + "</article></body></html>")


def test_warc_good_truncated_and_garbage(tmp_path):
    data = _warc_bytes(PAGE)
    (tmp_path / "good.warc").write_bytes(data)
    (tmp_path / "good.warc.gz").write_bytes(gzip.compress(_warc_bytes(PAGE.replace("floodgates", "levees"))))
    (tmp_path / "cut.warc").write_bytes(data[: len(data) // 2])
    (tmp_path / "cut.warc.gz").write_bytes(gzip.compress(data)[:60])
    (tmp_path / "noise.warc").write_bytes(b"this is not a warc file at all\n" * 10)
    c = _run(sorted(tmp_path.iterdir()))
    assert sorted(a.id for a in c.articles) == ["good.warc#0", "good.warc.gz#0"]
    r = _reasons(c)
    for name in ("cut.warc", "cut.warc.gz", "noise.warc"):
        assert "WARC" in r[name] or "ended early" in r[name], (name, r.get(name))


def test_huge_file_is_skipped_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    c = _run([big, _good(tmp_path)])
    assert "too large" in _reasons(c)["huge.txt"]
    assert [a.id for a in c.articles] == ["good.txt"]


def test_huge_jsonl_record_is_skipped_rest_kept(tmp_path):
    config = Config(quiet=True)
    config.ingest.max_record_bytes = 10_000
    lines = [json.dumps({"id": "big", "text": "word " * 5000}), json.dumps({"id": "small", "text": GOOD})]
    (tmp_path / "f.jsonl").write_text("\n".join(lines) + "\n")
    c = _run([tmp_path / "f.jsonl"], config)
    assert [a.id for a in c.articles] == ["small"]
    assert "longer than" in c.skipped[0].reason


def test_directory_of_10000_files(tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    for i in range(10_000):
        (d / f"{i:05d}.txt").write_text(f"Report number {i} on the council vote.\nThe vote was {i} to {i + 1}.\n")
    c = _run([d])
    assert len(c.articles) == 10_000 and not c.skipped


def test_unreadable_file(tmp_path, monkeypatch):
    target = tmp_path / "locked.txt"
    target.write_text(GOOD)
    original = Path.read_bytes

    def deny(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    c = _run([target, _good(tmp_path)])
    assert "Permission denied" in _reasons(c)["locked.txt"]
    assert [a.id for a in c.articles] == ["good.txt"]


def test_missing_path_and_broken_symlink(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    c = _run([tmp_path / "absent", tmp_path / "dangling.txt", _good(tmp_path)])
    assert len(c.skipped) == 2
    assert [a.id for a in c.articles] == ["good.txt"]


def test_same_article_under_50_ids_collapses_but_is_recorded(tmp_path):
    recs = [{"id": f"copy-{i}", "text": GOOD} for i in range(50)]
    (tmp_path / "dups.jsonl").write_text("\n".join(json.dumps(r) for r in recs))
    c = _run([tmp_path / "dups.jsonl"])
    assert [a.id for a in c.articles] == ["copy-0"]
    assert len(c.duplicates) == 1 and sorted(c.duplicates[0].members) == sorted(r["id"] for r in recs)


def test_duplicate_ids_are_both_kept(tmp_path):
    recs = [{"id": "same", "text": GOOD}, {"id": "same", "text": GOOD.replace("Tuesday", "Friday")}]
    (tmp_path / "ids.jsonl").write_text("\n".join(json.dumps(r) for r in recs))
    c = _run([tmp_path / "ids.jsonl"])
    assert [a.id for a in c.articles] == ["same", "same~2"]


@pytest.mark.parametrize("contents,code", [({"good.txt": GOOD, "empty.txt": ""}, 0), ({"empty.txt": ""}, 2)])
def test_cli_exit_codes_and_one_line_per_skip(tmp_path, contents, code):
    for name, text in contents.items():
        (tmp_path / name).write_text(text)
    result = CliRunner().invoke(app, ["analyze", str(tmp_path), "--json", str(tmp_path / "out.json"), "--quiet"])
    assert result.exit_code == code, result.output
    skip_lines = [ln for ln in result.output.splitlines() if "skipped" in ln and "empty.txt" in ln]
    assert len(skip_lines) == 1 and "empty" in skip_lines[0]
