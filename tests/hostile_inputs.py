"""Generators of hostile input, shared by ``tests/test_fuzz.py`` (a few examples, in the suite) and
``bench/fuzz.py`` (the same generators for a given time).

Each text generator takes a ``random.Random`` and a size in characters and returns a string about
that long built to hurt one kind of code: recursion (deep nesting), line and token scanners (huge
lines, very long tokens), quote and punctuation handling (pathological runs), Unicode handling
(mixed scripts and directions, control characters, lone surrogates). ``wrap`` turns a text into
the bytes of one input file of a given format, good or broken.
"""

from __future__ import annotations

import gzip
import io
import json
import random

PLAIN = (
    "The harbour authority said on Tuesday that two floodgates had failed during the storm. "
    "About 1,200 workers were moved from the terminals, and the port will stay closed until Friday. "
    "“We are checking every gate,” the director, Ana Ruiz, told reporters. Repairs could take a month, "
    "according to engineers who inspected the site. Shipping companies have rerouted 14 vessels. "
)


def plain(rng: random.Random, size: int) -> str:
    """An ordinary article of ``size`` characters: the peer every hostile text is timed against."""
    sentences = PLAIN.split(". ")
    out: list[str] = []
    n = 0
    while n < size:
        s = rng.choice(sentences).strip()
        s = s if s.endswith((".", "”")) else s + "."
        out.append(s + (" " if rng.random() < 0.8 else "\n"))
        n += len(out[-1])
    return "".join(out)[:size]


def deep_nesting(rng: random.Random, size: int) -> str:
    k = max(1, size // 2)
    opener, closer = rng.choice(
        [("[", "]"), ("{", "}"), ("(", ")"), ("<div>", "</div>"), ("“", "”"), ("«", "»")]
    )
    k = max(1, size // (len(opener) + len(closer)))
    return opener * k + closer * (k if rng.random() < 0.7 else k // 2)


def huge_line(rng: random.Random, size: int) -> str:
    return plain(rng, size).replace("\n", " ")


def punctuation_runs(rng: random.Random, size: int) -> str:
    marks = "\"'“”„«»‘’‹›.,;:!?-–—()[]{}…/\\*_#@&"
    parts: list[str] = []
    n = 0
    while n < size:
        kind = rng.random()
        if kind < 0.3:  # quotes around a speech verb, repeated (a quote finder's worst case)
            q = rng.choice(['"', "“", "”", "'", "«"])
            part = (q * rng.randint(1, 12) + rng.choice([" said ", " told ", " says ", ", "])) * rng.randint(
                1, 20
            )
        elif kind < 0.6:
            part = rng.choice(marks) * rng.randint(1, 400)
        elif kind < 0.8:
            part = "".join(rng.choice(marks + " ") for _ in range(rng.randint(1, 200)))
        else:
            part = rng.choice(PLAIN.split(". ")) + rng.choice(marks) * rng.randint(1, 30)
        parts.append(part)
        n += len(part)
    return "".join(parts)[:size]


_SCRIPTS = [
    "Der Hafen bleibt geschlossen",  # Latin with diacritics below
    "Порт закрыт до пятницы",
    "أغلق الميناء حتى يوم الجمعة",
    "הנמל סגור עד יום שישי",
    "港口关闭至周五",
    "港は金曜日まで閉鎖",
    "बंदरगाह शुक्रवार तक बंद",
    "ท่าเรือปิดถึงวันศุกร์",
    "😀👍🏽🇺🇳 👨‍👩‍👧",
]
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_COMBINING = "".join(chr(c) for c in range(0x300, 0x36F))


def mixed_scripts(rng: random.Random, size: int) -> str:
    parts: list[str] = []
    n = 0
    while n < size:
        part = rng.choice(_SCRIPTS)
        r = rng.random()
        if r < 0.3:
            part = rng.choice(_BIDI) + part + rng.choice(_BIDI)
        elif r < 0.45:  # stacked combining marks ("zalgo")
            part = "".join(
                c + "".join(rng.choice(_COMBINING) for _ in range(rng.randint(0, 30))) for c in part
            )
        part += rng.choice([" ", ". ", "\n", "، ", "。"])
        parts.append(part)
        n += len(part)
    return "".join(parts)[:size]


def control_chars(rng: random.Random, size: int) -> str:
    controls = (
        [chr(c) for c in range(32)]
        + ["\x7f"]
        + [chr(c) for c in range(0x80, 0xA0)]
        + ["\u2028", "\u2029", "\ufeff"]
    )
    text = list(plain(rng, size))
    for _ in range(max(1, size // rng.choice([3, 10, 50]))):
        text[rng.randrange(len(text))] = rng.choice(controls)
    return "".join(text)


def surrogates(rng: random.Random, size: int) -> str:
    text = list(plain(rng, size))
    for _ in range(max(1, size // 40)):
        text[rng.randrange(len(text))] = chr(rng.randint(0xD800, 0xDFFF))
    return "".join(text)


def long_tokens(rng: random.Random, size: int) -> str:
    kind = rng.random()
    if kind < 0.25:
        return "a" * size
    if kind < 0.5:
        return "".join(rng.choice("0123456789,.") for _ in range(size))
    if kind < 0.75:
        return "https://example.org/" + "x/" * (size // 2)
    return " ".join(
        rng.choice(["Ab" * rng.randint(100, 2000), "word", "U.S.A." * 300]) for _ in range(size // 500 + 1)
    )[:size]


def whitespace(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(["\n", " ", "\t", "\u00a0", "\u3000", "x"]) for _ in range(size))


TEXTS = {
    "deep_nesting": deep_nesting,
    "huge_line": huge_line,
    "punctuation_runs": punctuation_runs,
    "mixed_scripts": mixed_scripts,
    "control_chars": control_chars,
    "surrogates": surrogates,
    "long_tokens": long_tokens,
    "whitespace": whitespace,
}

FORMATS = ("txt", "html", "json", "jsonl", "warc", "stdin")


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # lone surrogates become the bytes no decoder accepts


def _warc(html: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
    writer.write_record(
        writer.create_warc_record(
            "http://example.org/a", "response", payload=io.BytesIO(html), http_headers=headers
        )
    )
    return buf.getvalue()


def wrap(fmt: str, text: str, rng: random.Random, corrupt: bool = False) -> bytes:
    """The bytes of one input file (``stdin``: a JSONL stream) carrying ``text`` as its one article;
    ``corrupt`` breaks the bytes afterwards (truncated, bytes flipped, or random bytes)."""
    if fmt == "txt":
        data = _utf8(text)
    elif fmt == "html":
        data = _utf8(
            f"<html><head><title>{text[:80]}</title></head><body><article><p>{text}</p></article></body></html>"
        )
    elif fmt == "json":
        data = _utf8(json.dumps({"title": text[:80], "text": text, "published_at": text[:30]}))
    elif fmt in ("jsonl", "stdin"):
        data = _utf8(json.dumps({"title": text[:80], "text": text, "source": text[-40:]}) + "\n")
        if rng.random() < 0.2:
            data = gzip.compress(data) if fmt == "stdin" else data
    else:
        data = _warc(_utf8(f"<html><body><article><p>{text}</p></article></body></html>"))
    if corrupt:
        r = rng.random()
        if r < 0.33:
            data = data[: rng.randrange(len(data) + 1)]
        elif r < 0.66:
            b = bytearray(data)
            for _ in range(max(1, len(b) // 100)):
                if b:
                    b[rng.randrange(len(b))] = rng.randrange(256)
            data = bytes(b)
        else:
            data = rng.randbytes(rng.randint(1, max(1, len(data))))
    return data


EXT = {"txt": ".txt", "html": ".html", "json": ".json", "jsonl": ".jsonl", "warc": ".warc", "stdin": ".jsonl"}


def good_files() -> dict[str, bytes]:
    """One good input per file format, each its own article (the run must keep all of them)."""
    rng = random.Random(0)
    out = {}
    for n, fmt in enumerate(("txt", "html", "json", "jsonl", "warc")):
        text = f"Report {n} from the {fmt} desk. " + plain(rng, 600)
        data = wrap(fmt, text, rng)
        out[f"good-{fmt}{EXT[fmt]}"] = data
    return out


# --- the checks, shared by the test and the bench ------------------------------------------------


def read_one(fmt: str, data: bytes, directory) -> dict:
    """Ingest the good files and one hostile input of ``fmt`` together; return what came of each.

    Raises ``AssertionError`` when the run lost a good input, gave the hostile one more than one
    skip line (it holds one record), gave a skip reason that is empty or not one line, or produced
    something that cannot be written out."""
    from pathlib import Path

    from storytrace.ingest.readers import IngestOptions, read_inputs
    from storytrace.pipeline import collect
    from storytrace.report import to_json, to_markdown

    d = Path(directory)
    for name, good in good_files().items():
        (d / name).write_bytes(good)
    inputs = [str(d)]
    stdin = None
    if fmt == "stdin":
        inputs.append("-")
        stdin = io.BytesIO(data)
        label = "<stdin>"
    else:
        (d / f"hostile{EXT[fmt]}").write_bytes(data)
        label = str(d / f"hostile{EXT[fmt]}")
    corpus = collect(read_inputs(inputs, IngestOptions(), stdin=stdin))
    kept = {a.input.split(":")[0].split("#")[0].split("[")[0] for a in corpus.articles}
    dup_inputs = {m for g in corpus.duplicates for m in g.members}
    for name in good_files():
        assert str(d / name) in kept or any(name in m for m in dup_inputs), f"good input {name} lost"
    mine = [k for k in corpus.skipped if k.input.startswith(label)]
    articles = [a for a in corpus.articles if a.input.startswith(label)]
    assert len(mine) <= 1, [(k.input, k.reason) for k in mine]
    assert mine or articles or any(label in str(g) for g in corpus.duplicates), (
        "hostile input vanished silently"
    )
    for k in corpus.skipped:
        assert k.reason.strip() and "\n" not in k.reason, k
    json.loads(to_json(corpus))
    to_markdown(corpus).encode("utf-8")
    return {"skipped": len(mine), "articles": len(articles)}


def step_seconds(text: str, repeat: int = 1) -> dict[str, float]:
    """CPU seconds of the per-article steps on one article of ``text``: clean and text (one pass,
    as the pipeline runs them) and facts (quotes and claims of a one-article story); the best of
    ``repeat`` runs."""
    import time

    from storytrace.config import Config
    from storytrace.ingest.readers import make_article, normalise_unicode
    from storytrace.model import Result, Story
    from storytrace.pipeline import run_pipeline

    config = Config(quiet=True, progress=False, embeddings="none")
    best = {"clean+text": float("inf"), "facts": float("inf")}
    for _ in range(repeat):
        corpus = Result(articles=[make_article("x", "fuzz", normalise_unicode(text), {}, False)])
        t0 = time.process_time()
        corpus = run_pipeline(corpus, config, ["clean", "text"])
        t1 = time.process_time()
        best["clean+text"] = min(best["clean+text"], t1 - t0)
        corpus.stories = [Story(id="s", articles=["x"])]
        corpus = run_pipeline(corpus, config, ["align", "provenance"])  # what facts requires (not timed)
        t2 = time.process_time()
        run_pipeline(corpus, config, ["facts"])
        best["facts"] = min(best["facts"], time.process_time() - t2)
        json.loads(corpus.model_dump_json())
    return best
