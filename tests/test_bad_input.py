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
    (tmp_path / "ok.json").write_text(
        json.dumps([{"id": "j1", "text": GOOD}, {"id": "j2", "title": "no text"}])
    )
    c = _run([tmp_path / "bad.json", tmp_path / "scalar.json", tmp_path / "ok.json"])
    r = {k.input: k.reason for k in c.skipped}
    assert any("invalid JSON" in v for k, v in r.items() if k.endswith("bad.json"))
    assert any("object" in v for k, v in r.items() if k.endswith("scalar.json"))
    assert any("no 'text' or 'html'" in v for k, v in r.items() if "ok.json" in k)
    assert [a.id for a in c.articles] == ["j1"]


def test_jsonl_bad_lines_skipped_good_lines_kept(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": GOOD}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": GOOD.replace("1,200", "900")}),
        "",
    ]
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
    rec = writer.create_warc_record(
        "http://example.org/a", "response", payload=io.BytesIO(html.encode()), http_headers=headers
    )
    writer.write_record(rec)
    return buf.getvalue()


PAGE = (
    "<html><head><title>Port floods</title></head><body><article><h1>Port floods</h1>"
    + "".join(
        f"<p>Paragraph {i}: the floodgates failed and workers were evacuated from the terminals.</p>"
        for i in range(6)
    )
    + "</article></body></html>"
)


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
        (d / f"{i:05d}.txt").write_text(
            f"Report number {i} on the council vote.\nThe vote was {i} to {i + 1}.\n"
        )
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
    result = CliRunner().invoke(
        app, ["analyze", str(tmp_path), "--json", str(tmp_path / "out.json"), "--quiet"]
    )
    assert result.exit_code == code, result.output
    skip_lines = [ln for ln in result.output.splitlines() if "skipped" in ln and "empty.txt" in ln]
    assert len(skip_lines) == 1 and "empty" in skip_lines[0]


# --- hostile input (issue 16): every case below failed before its fix --------------------------

DEEP = "[" * 100_000 + "]" * 100_000


def test_deeply_nested_json_is_one_skip_and_the_good_records_stay(tmp_path):
    (tmp_path / "deep.json").write_text(DEEP)
    (tmp_path / "deep-object.json").write_text('{"text": ' + DEEP + "}")
    good = json.dumps({"id": "g1", "text": "First. " + GOOD})
    (tmp_path / "feed.jsonl").write_text(
        good + "\n" + DEEP + "\n" + json.dumps({"id": "g2", "text": GOOD + "More."})
    )
    _good(tmp_path)
    c = _run([tmp_path])
    reasons = {k.input.removeprefix(str(tmp_path) + "/"): k.reason for k in c.skipped}
    assert reasons == {
        "deep.json": "invalid JSON: nested too deeply",
        "deep-object.json": "invalid JSON: nested too deeply",
        "feed.jsonl:2": "invalid JSON line: nested too deeply",
    }
    assert sorted(a.id for a in c.articles) == ["g1", "g2", "good.txt"]


def test_deep_json_run_exits_0_with_the_good_record(tmp_path):
    (tmp_path / "deep.json").write_text(DEEP)
    _good(tmp_path)
    out = tmp_path / "out.json"
    res = CliRunner().invoke(
        app,
        [
            "analyze",
            str(tmp_path),
            "--json",
            str(out),
            "--quiet",
            "--embeddings",
            "none",
            "--stages",
            "clean,text",
        ],
    )
    assert res.exit_code == 0, res.output
    assert [a["id"] for a in json.loads(out.read_text())["articles"]] == ["good.txt"]


def test_file_names_with_markup_and_escape_codes_are_shown_literally(tmp_path):
    (tmp_path / "[red]x.txt").write_text("")
    (tmp_path / "a[").mkdir()
    (tmp_path / "a[" / "]b.txt").write_text("")  # the path holds "[/]", rich's closing tag
    (tmp_path / "esc\x1b[31mred\x07.txt").write_text("")
    _good(tmp_path)
    res = CliRunner().invoke(
        app,
        [
            "analyze",
            str(tmp_path),
            "--json",
            str(tmp_path / "o.json"),
            "--quiet",
            "--embeddings",
            "none",
            "--stages",
            "clean,text",
        ],
    )
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.output.splitlines() if ln.startswith("skipped")]
    assert sorted(lines) == sorted(
        [
            f"skipped {tmp_path}/[red]x.txt: empty file",
            f"skipped {tmp_path}/a[/]b.txt: empty file",
            f"skipped {tmp_path}/esc\\x1b[31mred\\x07.txt: empty file",
        ]
    )
    assert "\x1b" not in res.output and "\x07" not in res.output


def test_unreadable_directory_is_a_skip_line(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text(GOOD)
    _good(tmp_path)
    real = os.scandir

    def scandir(path="."):  # root reads any directory, so the refusal is simulated
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    c = _run([tmp_path])
    assert [(k.input, k.reason) for k in c.skipped] == [
        (str(tmp_path / "locked"), "cannot read directory: Permission denied")
    ]
    assert [a.id for a in c.articles] == ["good.txt"]


def test_random_bytes_as_jsonl_is_one_skip_line(tmp_path):
    import random

    (tmp_path / "noise.jsonl").write_bytes(random.Random(7).randbytes(100_000))
    (tmp_path / "prose.jsonl").write_text("This is not JSON.\nNeither is this line.\nNor this one.\n")
    _good(tmp_path)
    c = _run([tmp_path])
    by_file = {}
    for k in c.skipped:
        by_file.setdefault(Path(k.input.split(":")[0]).name, []).append(k)
    assert sorted(by_file) == ["noise.jsonl", "prose.jsonl"]
    assert len(by_file["noise.jsonl"]) == 1 and len(by_file["prose.jsonl"]) == 1
    assert by_file["prose.jsonl"][0].reason.startswith(
        "mostly not JSON Lines: 3 lines are not records (line 1:"
    )
    assert "0 records read" in by_file["noise.jsonl"][0].reason
    assert [a.id for a in c.articles] == ["good.txt"]


def test_a_few_bad_lines_among_good_records_are_each_reported(tmp_path):
    lines = [json.dumps({"id": f"r{i}", "text": f"Report {i}: {GOOD}"}) for i in range(3)]
    lines[1:1] = ["{broken", "also broken"]  # 2 bad lines after 1 good record: held, then reported in order
    (tmp_path / "f.jsonl").write_text("\n".join(lines) + "\n")
    c = _run([tmp_path / "f.jsonl"])
    assert [k.input.rsplit(":", 1)[1] for k in c.skipped] == ["2", "3"]
    assert [a.id for a in c.articles] == ["r0", "r1", "r2"]


LATIN = "Die Hafenbehörde meldete am Dienstag, dass 1.200 Arbeiter evakuiert wurden.\nÜberflutung am Kai."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16", "utf-32"])
def test_utf16_and_utf32_are_decoded_with_or_without_bom(tmp_path, encoding):
    (tmp_path / "wide.txt").write_bytes(LATIN.encode(encoding))
    (tmp_path / "wide.jsonl").write_bytes(
        (json.dumps({"id": "w1", "text": "Meldung: " + LATIN}, ensure_ascii=False) + "\n").encode(encoding)
    )
    c = _run([tmp_path / "wide.txt", tmp_path / "wide.jsonl"])
    assert c.skipped == []
    assert sorted(a.id for a in c.articles) == ["w1", "wide.txt"]
    assert all(a._raw.endswith("Überflutung am Kai.") for a in c.articles)


def test_dates_are_validated(tmp_path):
    recs = [
        {"id": "bad-text", "text": "One. " + GOOD, "published_at": "not a date <b>"},
        {"id": "bad-number", "text": "Two. " + GOOD, "published_at": 1e308},
        {"id": "iso", "text": "Three. " + GOOD, "published_at": "2024-03-05T10:00:00Z"},
        {"id": "rfc", "text": "Four. " + GOOD, "date": "Tue, 05 Mar 2024 11:30:00 +0100"},
        {"id": "epoch", "text": "Five. " + GOOD, "published_at": 1700000000},
        {"id": "year-1", "text": "Six. " + GOOD, "published_at": "0001-01-01"},
    ]
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps(r) for r in recs))
    c = _run([tmp_path / "d.jsonl"])
    got = {a.id: (a.published_at, list(a.notes)) for a in c.articles}
    assert got["iso"] == ("2024-03-05T10:00:00Z", [])
    assert got["rfc"] == ("2024-03-05T10:30:00Z", [])
    assert got["epoch"] == ("2023-11-14T22:13:20Z", [])
    for aid, shown in (
        ("bad-text", "'not a date <b>'"),
        ("bad-number", "1e+308"),
        ("year-1", "'0001-01-01'"),
    ):
        date, notes = got[aid]
        assert date is None and len(notes) == 1 and notes[0].startswith(f"published_at {shown} is not a date")


def test_lone_surrogates_and_control_characters_cannot_break_the_output(tmp_path):
    rec = {
        "id": "s1",
        "title": "Title\x1b[2J with \x9b31m escape",
        "source": "Wire\u0085",
        "text": "Broken \ud800 surrogate here.\nSecond line \x1b[31m red.",
    }
    (tmp_path / "s.jsonl").write_text(json.dumps(rec))  # json.dumps writes "\ud800" as an escape
    c = _run([tmp_path / "s.jsonl"])
    (a,) = c.articles
    assert a._raw == "Broken \ufffd surrogate here.\nSecond line [31m red."
    assert a.title == "Title[2J with 31m escape" and a.source == "Wire"
    json.loads(c.model_dump_json())  # writable as UTF-8 JSON


def test_records_without_id_are_named_by_their_content(tmp_path):
    texts = ["The council approved the budget on Monday.", "Floods closed the port road on Friday."]
    (tmp_path / "one.jsonl").write_text("\n".join(json.dumps({"text": t}) for t in texts))
    (tmp_path / "two.jsonl").write_text(json.dumps({"text": "  THE COUNCIL approved the budget on Monday. "}))
    first = _run([tmp_path / "one.jsonl"])
    again = _run([tmp_path / "two.jsonl"])
    ids = [a.id for a in first.articles]
    assert len(set(ids)) == 2 and all(i.startswith("text-") for i in ids)
    # the same text (up to case and spacing) has the same id in another file and run
    assert [a.id for a in again.articles] == [ids[0]]


# --- outputs carry hostile text inertly -------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[click](javascript:alert(3))",
    "<svg/onload=alert(4)>",
    "`<img src=x onerror=alert(5)>`",
    "``x`` <img src=x onerror=alert(6)>",
    "\n\n<script>alert(7)</script>\n\n",
    "<javascript:alert(8)>",
    "&lt;img src=x onerror=alert(9)&gt;",
    "<iframe srcdoc='<script>alert(10)</script>'></iframe>",
    "x\n[ref]: javascript:alert(11)\n[ref]",
    '<a href="javascript:alert(12)">x</a>',
    "<details open ontoggle=alert(13)>",
    "<style>@import 'http://evil.example/x.css'</style>",
]


def hostile_result():
    """A result whose every input-carried field holds the payloads (built by hand, as a crafted
    corpus would fill it)."""
    from storytrace.model import (
        Article,
        BriefSentence,
        Claim,
        Conflict,
        DuplicateGroup,
        QuoteGroup,
        QuoteVariant,
        Result,
        ReuseEdge,
        Skipped,
        Story,
    )

    arts, stories = [], []
    for n, p in enumerate(PAYLOADS):
        aid, bid = f"a{n}{p}", f"b{n}{p}"
        arts += [
            Article(
                id=aid, title=f"T {p}", source=f"S {p}", url=f"javascript:alert({n})//{p}", text=f"A {p}"
            ),
            Article(id=bid, title=p, source=p, url=f"https://example.org/{n}", text=f"B {p}"),
        ]
        stories.append(
            Story(
                id=f"s{n}{p}",
                articles=[aid, bid],
                label=f"L {p}",
                keywords=[p],
                origin=[aid],
                origin_reasons=[p],
                edges=[ReuseEdge(source=aid, target=bid, kind="copy", evidence=[p])],
                brief=[
                    BriefSentence(text=p, citations=[aid], section="what happened"),
                    BriefSentence(text=f"{p} more", citations=[bid], section=p),
                ],
                quotes=[
                    QuoteGroup(
                        id=f"q{n}",
                        speaker=p,
                        text=p,
                        variants=[
                            QuoteVariant(
                                article=bid,
                                speaker=p,
                                text=p,
                                fidelity="altered",
                                diff=[["+", p], ["-", p], ["=", p]],
                            )
                        ],
                    )
                ],
                claims=[
                    Claim(
                        id=f"k{n}",
                        text=p,
                        articles=[aid, bid],
                        status="conflicting",
                        conflicts=[Conflict(slot="number", values={aid: p, bid: p})],
                    )
                ],
                duplicates=[DuplicateGroup(representative=aid, members=[aid, p], kind="exact")],
            )
        )
    return Result(
        articles=arts,
        stories=stories,
        skipped=[Skipped(input=p, reason=p) for p in PAYLOADS],
        duplicates=[DuplicateGroup(representative=p, members=[p, p + "2"], kind="near") for p in PAYLOADS],
    )


def _markdown_html(md: str) -> str:
    """Markdown rendered by a CommonMark renderer that lets raw HTML through (as many do)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(md)


_SAFE_TAGS = {
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "code",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "s",
    "a",
    "br",
    "hr",
    "blockquote",
}


def _tags(html: str) -> list[tuple[str, dict]]:
    from html.parser import HTMLParser

    found: list[tuple[str, dict]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collect().feed(html)
    return found


def test_markdown_report_passes_no_html():
    from storytrace.report import to_markdown

    html = _markdown_html(to_markdown(hostile_result()))
    tags = _tags(html)
    assert {t for t, _ in tags} <= _SAFE_TAGS, {t for t, _ in tags} - _SAFE_TAGS
    assert all(not k.startswith("on") for _, attrs in tags for k in attrs)
    hrefs = [attrs.get("href", "") for t, attrs in tags if t == "a"]
    assert hrefs and all(h.startswith("https://example.org/") for h in hrefs)
    # the payloads are shown as text, not dropped
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 14
    assert "&amp;lt;img src=x onerror=alert(9)&amp;gt;" in html


def test_json_report_round_trips_hostile_text():
    from storytrace.report import to_json

    result = hostile_result()
    data = json.loads(to_json(result))
    assert [a["title"] for a in data["articles"]][1::2] == PAYLOADS
    assert [k["input"] for k in data["skipped"]] == PAYLOADS


CHROMIUM = __import__("shutil").which("chromium")


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (make test installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def _dialogs(browser, path: Path, after=None) -> list[str]:
    """Script dialogs a page opens while it loads (and while ``after`` runs on it)."""
    page = browser.new_page()
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    if after is not None:
        after(page)
    page.wait_for_timeout(300)  # error and toggle handlers run after load
    page.close()
    return fired


@pytest.mark.browser
def test_markdown_report_runs_no_script_in_a_browser(browser, tmp_path):
    from storytrace.report import to_markdown

    # the harness sees a dialog when there is one: the raw payloads, rendered the same way, fire
    raw = tmp_path / "raw.html"
    raw.write_text("<!doctype html><meta charset='utf-8'>" + _markdown_html("\n\n".join(PAYLOADS)))
    assert len(_dialogs(browser, raw)) >= 3
    page = tmp_path / "report.html"
    page.write_text("<!doctype html><meta charset='utf-8'>" + _markdown_html(to_markdown(hostile_result())))
    assert _dialogs(browser, page) == []


@pytest.mark.browser
def test_html_report_runs_no_script_in_a_browser(browser, tmp_path):
    from storytrace.report import to_html

    path = tmp_path / "report.html"
    path.write_text(to_html(hostile_result()), encoding="utf-8")

    def open_every_story(page):
        for k in range(page.locator("#stories a.open-story").count()):
            page.locator("#stories a.open-story").nth(k).click()
            page.locator("#story-view a.cite").first.click()

    assert _dialogs(browser, path, open_every_story) == []


def test_terminal_summary_prints_ids_and_labels_literally():
    from rich.console import Console

    from storytrace.model import Article, Result, Story
    from storytrace.report import print_summary

    result = Result(
        articles=[Article(id="x\x1b]0;pwned\x07", text="t")],
        stories=[Story(id="s[/]\x1b[2J", articles=["x\x1b]0;pwned\x07"], label="[red]alarm\u202egnp.exe")],
    )
    out = io.StringIO()
    print_summary(result, Console(file=out, width=200, force_terminal=False))
    text = out.getvalue()
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "s[/]\\x1b[2J" in text and "[red]alarm\\u202egnp.exe" in text


def test_warc_response_without_target_uri_is_one_skip_line(tmp_path):
    # found by bench/fuzz.py: warcio raises AttributeError on it
    data = b"".join(
        line for line in _warc_bytes(PAGE).splitlines(keepends=True) if b"WARC-Target-URI" not in line
    )
    (tmp_path / "nouri.warc").write_bytes(data)
    c = _run([tmp_path / "nouri.warc", _good(tmp_path)])
    assert [k.reason.split(":")[0] for k in c.skipped] == ["invalid or truncated WARC"]
    assert [a.id for a in c.articles] == ["good.txt"]


def test_warc_with_an_empty_record_and_a_broken_tail_is_one_skip_line(tmp_path):
    # found by bench/fuzz.py: the empty record and the broken rest were two skip lines
    data = _warc_bytes("")
    (tmp_path / "cut.warc").write_bytes(data + b"Content-Type: text/html\r\n\r\nrest")
    c = _run([tmp_path / "cut.warc", _good(tmp_path)])
    assert len(c.skipped) == 1 and c.skipped[0].input.startswith(str(tmp_path / "cut.warc"))
    assert [a.id for a in c.articles] == ["good.txt"]
