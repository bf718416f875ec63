"""Furniture and credit lines on text nobody wrote for this tool's rules.

Sets (each says what it is; none of them tuned the rules alone):
  (dev)  the hand-written story clusters of ../shared/corpus/stories-dev (truth.json: ``furniture``
         and ``credit_lines`` per article), cleaned as one mixed corpus: furniture lines removed,
         body lines kept, credit lines in ``attributions`` (the definitions of
         ../shared/tools/score_stories.py, which runs the whole pipeline; this runs the clean stage only);
  (traf) trafilatura's evaluation pages (../shared/benchdata/trafilatura-pages), split by a hash of
         the file name into a tuning half and a held-out half (``--half``). Per snippet: a ``without``
         snippet removed counts as furniture found, a ``with`` snippet kept as body kept (only
         snippets the extraction reached: the clean stage cannot remove what is not there); and the
         main-text snippet P/R/F1 of trafilatura's own evaluation for plain trafilatura (default
         settings, and storytrace's extraction settings) and for storytrace (extraction + cleaning);
  (own)  the hand-written pages of tests/data/furniture (labels in the same file);
  (traflines) the same pages line by line: a line of the extraction holding a ``without`` snippet
         and no ``with`` snippet is furniture, the reverse body (only ``--sets traflines``);
  (fresh) tests/data/furniture-fresh: four more hand-written pages (fi, hu, ca, en), written at the start
         of the issue-15 furniture work of 2026-12-03, before its rules, and never used to design them.

Run: PYTHONPATH=src .venv/bin/python -m eval.furniture [--sets dev,traf,traflines,own,fresh]
[--half held-out|tuning|all] [--show 20]
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
import tempfile
import zlib
from pathlib import Path

from eval.metrics import prf
from storytrace.config import Config
from storytrace.model import Article, Corpus
from storytrace.pipeline import ingest, run_pipeline

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "stories-dev"
TRAF = ROOT.parent / "shared" / "benchdata" / "trafilatura-pages"
OWN = ROOT / "tests" / "data" / "furniture"
OWN_TRAIN = ROOT / "tests" / "data" / "furniture-train"
FRESH = ROOT / "tests" / "data" / "furniture-fresh"
WEIGHTS_PY = ROOT / "src" / "storytrace" / "clean" / "furniture_weights.py"


def read_labelled(path: Path) -> dict:
    """A hand-labelled page: ``@source``/``@url`` header lines, then the page; a line marked ``F| `` is
    furniture, ``C| `` a credit line, any other non-empty line body (the first one is the headline)."""
    meta: dict[str, str] = {}
    out: list[str] = []
    furniture: list[str] = []
    credits: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not out and line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            meta[key] = value.strip()
            continue
        if line.startswith(("F| ", "C| ")):
            (furniture if line[0] == "F" else credits).append(line[3:].strip())
            line = line[3:]
        out.append(line)
    return {
        "text": "\n".join(out).strip() + "\n",
        "source": meta.get("source"),
        "url": meta.get("url"),
        "furniture": furniture,
        "credit_lines": credits,
    }


def traf_half(name: str) -> str:
    """The half a trafilatura page belongs to: a stable hash of its file name (not of its content)."""
    return "tuning" if zlib.crc32(name.encode()) % 2 == 0 else "held-out"


def clean_records(records: list[dict]) -> dict[str, Article]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        config = Config(progress=False, quiet=True)
        corpus = ingest([path], config)
        return {a.id: a for a in run_pipeline(corpus, config, ["clean"]).articles}


def score_lines(records: list[dict], truth: dict[str, dict], show: int, name: str) -> None:
    """``truth[id]`` has ``furniture`` and ``credit_lines`` (exact lines); line 1 (the headline) is
    skipped."""
    arts = clean_records(records)
    fr = fk = br = bk = cr = ck = 0
    misses: list[str] = []
    losses: list[str] = []
    credit_misses: list[str] = []
    for r in records:
        art = arts[r["id"]]
        text = art.text
        lines = {x.strip() for x in text.splitlines() if x.strip()}
        furn, credit = set(truth[r["id"]]["furniture"]), set(truth[r["id"]]["credit_lines"])
        for line in r["text"].splitlines()[1:]:
            line = line.strip()
            if not line or line in credit:
                continue
            if line in furn:
                fr += 1
                removed = line not in lines and not any(line in x for x in lines)
                fk += removed
                if not removed:
                    misses.append(f"{r['id']}: {line}")
            else:
                br += 1
                kept = line in lines or line in text
                bk += kept
                if not kept:
                    losses.append(f"{r['id']}: {line}")
        attrs = json.dumps([a.text for a in art.attributions], ensure_ascii=False)
        for c in credit:
            cr += 1
            found = c.strip().rstrip(".") in attrs
            ck += found
            if not found:
                credit_misses.append(f"{r['id']}: {c}")
    print(
        f"{name}: {len(records)} articles; furniture removed {fk}/{fr} = {fk / max(fr, 1):.3f}; "
        f"body lines kept {bk}/{br} = {bk / max(br, 1):.3f}; credit lines as attributions {ck}/{cr} = "
        f"{ck / max(cr, 1):.3f}"
    )
    for label, items in (
        ("furniture kept", misses),
        ("body removed", losses),
        ("credit missed", credit_misses),
    ):
        for item in items[:show]:
            print(f"    {label}: {item[:160]}")


def eval_dev(show: int) -> None:
    if not DEV.is_dir():
        print(f"(dev) {DEV} not found")
        return
    records: list[dict] = []
    truth: dict[str, dict] = {}
    for cdir in sorted(glob.glob(str(DEV / "c[0-9]*"))):
        t = json.loads((Path(cdir) / "truth.json").read_text(encoding="utf-8"))
        for line in (Path(cdir) / "records.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                records.append(r)
                truth[r["id"]] = {
                    "furniture": t["furniture"].get(r["id"], []),
                    "credit_lines": t["credit_lines"].get(r["id"], []),
                }
    score_lines(records, truth, show, "(dev) stories-dev")


def eval_own(show: int, folder: Path = OWN, name: str = "(own)") -> None:
    pages = sorted(folder.glob("*.txt"))
    if not pages:
        print(f"{name} no pages under {folder}")
        return
    records, truth = [], {}
    for p in pages:
        d = read_labelled(p)
        records.append({"id": p.stem, "source": d.get("source"), "url": d.get("url"), "text": d["text"]})
        truth[p.stem] = {"furniture": d["furniture"], "credit_lines": d["credit_lines"]}
    score_lines(records, truth, show, f"{name} {folder.relative_to(ROOT)}")


def eval_gen(show: int, seed: int = 7) -> None:
    """The generator with ``styles="varied"`` on a seed the model was not fitted on (it used 11)."""
    from storytrace.testing.generator import GeneratorConfig, generate

    records, truth_all = generate(GeneratorConfig(stories=40, per_story=8, seed=seed, styles="varied"))
    records = list(records)
    seen: set[str] = set()
    unique = []
    for r in records:  # exact duplicates collapse at ingest: score each text once
        if r["text"] not in seen:
            seen.add(r["text"])
            unique.append(r)
    truth = {
        r["id"]: {
            "furniture": truth_all["articles"][r["id"]]["junk_lines"],
            "credit_lines": truth_all["articles"][r["id"]]["credits"],
        }
        for r in unique
    }
    score_lines(unique, truth, show, f"(gen) generator, styles=varied, seed {seed}")


def _snippet_in(snippet: str, text: str) -> bool:
    return " ".join(snippet.split()) in text


def eval_traf(half: str, show: int) -> None:
    import trafilatura

    from storytrace.clean.stage import run as clean_run
    from storytrace.ingest.html import extract_html

    if not TRAF.is_dir():
        print(f"(traf) {TRAF} not found")
        return
    data = json.loads((TRAF / "evaldata.json").read_text(encoding="utf-8"))
    items = [(url, v) for url, v in sorted(data.items()) if half == "all" or traf_half(v["file"]) == half]
    corpus = Corpus()
    plain_default: dict[str, str] = {}
    plain_ours: dict[str, str] = {}
    for url, v in items:
        html = (TRAF / "pages" / v["file"]).read_text(encoding="utf-8", errors="replace")
        plain_default[url] = " ".join((trafilatura.extract(html, url=url) or "").split())
        ex = extract_html(html, url)
        text = ex.text if ex else ""
        plain_ours[url] = " ".join(text.split())
        art = Article(id=url, source=ex.source if ex else None, url=url, title=ex.title if ex else None)
        art._raw, art._html = text, True
        corpus.articles.append(art)
    clean_run(corpus, Config(progress=False, quiet=True))
    cleaned = {a.id: " ".join(a.text.split()) for a in corpus.articles}
    counts = {
        k: [0, 0, 0]
        for k in ("trafilatura (default settings)", "trafilatura (storytrace settings)", "storytrace")
    }
    f_found = f_reached = b_kept = b_reached = 0
    misses: list[str] = []
    losses: list[str] = []
    for url, v in items:
        for name, texts in zip(counts, (plain_default, plain_ours, cleaned), strict=True):
            c = counts[name]
            for s in v["with"]:
                if _snippet_in(s, texts[url]):
                    c[0] += 1
                else:
                    c[2] += 1
            c[1] += sum(_snippet_in(s, texts[url]) for s in v["without"])
        for s in v["without"]:
            if _snippet_in(s, plain_ours[url]):
                f_reached += 1
                if _snippet_in(s, cleaned[url]):
                    misses.append(f"{v['file']}: {s}")
                else:
                    f_found += 1
        for s in v["with"]:
            if _snippet_in(s, plain_ours[url]):
                b_reached += 1
                if _snippet_in(s, cleaned[url]):
                    b_kept += 1
                else:
                    losses.append(f"{v['file']}: {s}")
    print(f"(traf) trafilatura pages, {half} half: {len(items)} pages")
    print(
        f"    clean stage on what extraction reached: furniture snippets removed {f_found}/{f_reached} = "
        f"{f_found / max(f_reached, 1):.3f}; main-text snippets kept {b_kept}/{b_reached} = {b_kept / max(b_reached, 1):.3f}"
    )
    for name, (tp, fp, fn) in counts.items():
        p, r, f = prf(tp, fp, fn)
        print(f"    main-text snippets, {name}: P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {tp}, fp {fp}, fn {fn})")
    for label, lst in (("furniture kept", misses), ("body removed", losses)):
        for item in lst[:show]:
            print(f"    {label}: {item[:160]}")


def eval_traf_lines(half: str, show: int) -> None:
    """Line labels from trafilatura's snippets: a line of storytrace's extraction that holds a
    ``without`` snippet and no ``with`` snippet is furniture, the reverse body; lines holding
    neither or both are not scored. Then the clean stage runs and each line is looked up in the
    cleaned text (furniture removed when it is no longer there, body kept when it is)."""
    from storytrace.clean.stage import run as clean_run
    from storytrace.ingest.html import extract_html

    if not TRAF.is_dir():
        print(f"(traflines) {TRAF} not found")
        return
    data = json.loads((TRAF / "evaldata.json").read_text(encoding="utf-8"))
    items = [(url, v) for url, v in sorted(data.items()) if half == "all" or traf_half(v["file"]) == half]
    corpus = Corpus()
    labelled: dict[str, list[tuple[str, int]]] = {}
    for url, v in items:
        html = (TRAF / "pages" / v["file"]).read_text(encoding="utf-8", errors="replace")
        ex = extract_html(html, url)
        if ex is None:
            continue
        rows = []
        for line in ex.text.splitlines():
            flat = " ".join(line.split())
            bad = any(_snippet_in(x, flat) for x in v["without"])
            good = any(_snippet_in(x, flat) for x in v["with"])
            if flat and bad != good:
                rows.append((flat, int(bad)))
        labelled[url] = rows
        art = Article(id=url, source=ex.source, url=url, title=ex.title)
        art._raw, art._html = ex.text, True
        corpus.articles.append(art)
    clean_run(corpus, Config(progress=False, quiet=True))
    cleaned = {a.id: [" ".join(x.split()) for x in a.text.splitlines()] for a in corpus.articles}
    fr = fk = br = bk = 0
    misses: list[str] = []
    losses: list[str] = []
    for url, rows in labelled.items():
        kept = set(cleaned[url])
        for flat, bad in rows:
            there = flat in kept
            if bad:
                fr += 1
                fk += not there
                if there:
                    misses.append(f"{url}: {flat}")
            else:
                br += 1
                bk += there
                if not there:
                    losses.append(f"{url}: {flat}")
    print(
        f"(traflines) trafilatura pages, {half} half, line labels from the snippets: {len(labelled)} pages; "
        f"furniture lines removed {fk}/{fr} = {fk / max(fr, 1):.3f}; body lines kept {bk}/{br} = {bk / max(br, 1):.3f}"
    )
    for label, lst in (("furniture kept", misses), ("body removed", losses)):
        for item in lst[:show]:
            print(f"    {label}: {item[:160]}")


# --- training: a logistic regression over storytrace.clean.signals ---------------------------------


def _examples(raw: str, source: str | None, url: str | None, label_of) -> tuple[list[list[float]], list[int]]:
    """Feature vectors and labels (1 furniture, 0 body) of a page's lines; ``label_of(line)`` gives
    1, 0 or ``None`` (not labelled: skipped). The first line (the headline) is skipped."""
    from storytrace.clean.signals import (
        FEATURES,
        MAX_MODEL_WORDS,
        has_cue,
        is_list_item,
        is_table_row,
        line_features,
        page_context,
    )
    from storytrace.clean.stats import text_lines

    lines = text_lines(raw)
    page = page_context(lines, raw, None, source, url, None)
    xs, ys = [], []
    for k in range(1, len(lines)):
        y = label_of(lines[k])
        if y is None or is_table_row(lines[k]) or lines[k].count(" ") >= MAX_MODEL_WORDS:
            continue
        x = line_features(k, page)
        body_sentence, listed = x[FEATURES.index("body_sentence")], is_list_item(lines[k])
        # the model decides only lines with a cue that are not prose or list items
        # (linemodel.furniture_reason)
        if has_cue(x) and not body_sentence and not (listed and not x[FEATURES.index("cta_count")]):
            xs.append(x)
            ys.append(y)
    return xs, ys


def training_sets(gen_articles: int = 400) -> dict[str, tuple[list[list[float]], list[int]]]:
    """Three teachers, none of them the stories-dev clusters or the held-out trafilatura pages."""
    from storytrace.ingest.html import extract_html
    from storytrace.testing.generator import GeneratorConfig, generate

    sets: dict[str, tuple[list, list]] = {}

    def add(name: str, xs: list, ys: list) -> None:
        a, b = sets.setdefault(name, ([], []))
        a.extend(xs)
        b.extend(ys)

    for p in sorted(OWN_TRAIN.glob("*.txt")):
        d = read_labelled(p)
        furn, cred = set(d["furniture"]), set(d["credit_lines"])
        add(
            "own-train",
            *_examples(
                d["text"],
                d["source"],
                d["url"],
                lambda line, f=furn, c=cred: None if line in c else int(line in f),
            ),
        )
    for styles in ("classic", "varied"):
        cfg = GeneratorConfig(stories=gen_articles // 8 // 2, per_story=8, seed=11, styles=styles)
        records, truth = generate(cfg)
        for r in records:
            lab = truth["articles"][r["id"]]
            junk, body = set(lab["junk_lines"]), set(lab["body_lines"])
            add(
                "generator",
                *_examples(
                    r["text"],
                    r["source"],
                    None,
                    lambda line, j=junk, b=body: 1 if line in j else 0 if line in b else None,
                ),
            )
    if TRAF.is_dir():
        data = json.loads((TRAF / "evaldata.json").read_text(encoding="utf-8"))
        for url, v in sorted(data.items()):
            if traf_half(v["file"]) != "tuning":
                continue
            html = (TRAF / "pages" / v["file"]).read_text(encoding="utf-8", errors="replace")
            ex = extract_html(html, url)
            if ex is None:
                continue

            def label(line: str, v=v) -> int | None:
                flat = " ".join(line.split())
                bad = any(_snippet_in(s, flat) for s in v["without"])
                good = any(_snippet_in(s, flat) for s in v["with"])
                return None if bad == good else int(bad)

            add("trafilatura-tuning", *_examples(ex.text, ex.source, url, label))
    return sets


# How much each teacher weighs in the fit: the generator's furniture is varied but its body is
# all plain sentences, so it would teach that any short line is furniture; real pages say otherwise.
TEACHER_WEIGHT = {"own-train": 0.35, "generator": 0.15, "trafilatura-tuning": 0.5}


def train(drop: tuple[str, ...] = ()) -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from storytrace.clean.signals import FEATURES

    sets = training_sets()
    xs, ys, ws = [], [], []
    for name, (x, y) in sets.items():
        pos = sum(y)
        print(f"  {name}: {len(y)} lines, {pos} furniture")
        # each teacher weighs the same, and in each, furniture and body weigh the same
        for xi, yi in zip(x, y, strict=True):
            xs.append(xi)
            ys.append(yi)
            ws.append(TEACHER_WEIGHT[name] * 0.5 / max(pos if yi else len(y) - pos, 1))
    X, Y, W = np.array(xs), np.array(ys), np.array(ws) * len(ys)
    for name in drop:  # a feature left out of the fit (an ablation) gets weight 0
        X[:, FEATURES.index(name)] = 0.0
    model = LogisticRegression(C=1.0, fit_intercept=False, max_iter=2000)
    model.fit(X, Y, sample_weight=W)
    p = model.predict_proba(X)[:, 1]
    body = Y == 0
    # the threshold on the training lines: the lowest at which at most 2 % of the body (each
    # teacher weighing as in the fit) would go
    body = Y == 0
    grid = np.linspace(0.3, 0.99, 70)
    loss = [(W[body] * (p[body] >= t)).sum() / W[body].sum() for t in grid]
    threshold = float(next((t for t, lo in zip(grid, loss, strict=True) if lo <= 0.02), 0.99))
    recall = (W[~body] * (p[~body] >= threshold)).sum() / W[~body].sum()
    print(f"  threshold {threshold:.3f}; weighted training recall {recall:.3f}")
    weights = dict(zip(FEATURES, (round(float(w), 4) for w in model.coef_[0]), strict=True))
    body_txt = "\n".join(f"    {k!r}: {v}," for k, v in weights.items())
    WEIGHTS_PY.write_text(
        '"""Weights of the furniture line classifier (:mod:`storytrace.clean.linemodel`).\n\n'
        "Written by ``eval/furniture.py --train`` (logistic regression, sklearn) from the generator's\n"
        "corpora, tests/data/furniture-train and the tuning half of the trafilatura pages: numbers only.\n"
        '"""\n\n'
        f"THRESHOLD = {threshold:.4f}\nWEIGHTS: dict[str, float] = {{\n{body_txt}\n}}\n",
        encoding="utf-8",
    )
    for k, v in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"    {k:14s} {v:+.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="dev,own,fresh,gen,traf")
    ap.add_argument("--half", default="held-out", choices=["held-out", "tuning", "all"])
    ap.add_argument("--show", type=int, default=12)
    ap.add_argument("--train", action="store_true", help="fit the line classifier, write its weights")
    ap.add_argument("--drop", default="", help="with --train: features to leave out (comma-separated)")
    args = ap.parse_args()
    if args.train:
        train(tuple(args.drop.split(",")) if args.drop else ())
        return
    sets = args.sets.split(",")
    if "dev" in sets:
        eval_dev(args.show)
    if "own" in sets:
        eval_own(args.show)
    if "fresh" in sets:
        eval_own(args.show, FRESH, "(fresh)")
    if "gen" in sets:
        eval_gen(args.show)
    if "traf" in sets:
        eval_traf(args.half, args.show)
    if "traflines" in sets:
        eval_traf_lines(args.half, args.show)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
