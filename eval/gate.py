"""Quality gate: rerun the cheap, deterministic evaluations and fail below the floors pinned in
``eval/baseline.json``.

Run from the project root::

    python -m eval.gate              # every check (a few minutes); exit 1 if a figure is below its floor
    python -m eval.gate --fast       # the checks `make test` runs (tests/test_gate.py), under a minute
    python -m eval.gate --only boilerplate --only neardup-fast
    python -m eval.gate --update     # pin the measured figures as the new floors (raises only)
    python -m eval.gate --update --allow-lower "why the figure may drop"

Each check names the data it reads and pins a digest of it (sha256 of the files read, or of the
corpus the generator writes for the given seed and size): a floor holds only on the data it was
measured on, so a changed digest fails the check until ``--update`` pins it again. A check whose
data is absent (``../shared``) is skipped with the reason, never counted as passed.

The floors are measured figures of the code at the time they were pinned (a regression floor, not
a goal); what tuned each figure and what it is measured on is in the baseline next to it and in
docs/EVALUATION.md. The generator and the seeds are test data: their figures guard against
regressions and are never claims.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import math
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "eval" / "baseline.json"
SHARED = ROOT.parent / "shared"
CLOUGH = SHARED / "benchdata" / "clough_stevenson_shortanswer"
ECBPLUS = SHARED / "benchdata" / "ecbplus" / "ECB+"
SEEDS = SHARED / "corpus" / "seeds"
HTML = ROOT / "tests" / "data" / "html"
# Floors are stored to 6 decimals, rounded down; a figure this close under its floor still passes
# (rounding and float noise, not a change of the result: one item in a million).
DECIMALS = 6
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Check:
    """One evaluation run and the figures it yields (metric name -> value in [0, 1])."""

    name: str
    fast: bool  # run by `make test` (tests/test_gate.py)
    command: str  # the eval command whose printed figures these are
    data: str  # what it is measured on
    tuned: str  # what tuned the code it measures
    digest: Callable[[], str | None]  # sha256 of the data read; None when the data is absent
    run: Callable[[], dict[str, float]]


def _sha256_files(paths: Iterable[Path], root: Path) -> str:
    """One digest over the files' relative names and bytes, in sorted order."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _dir_digest(root: Path) -> str | None:
    if not root.is_dir():
        return None
    return _sha256_files((p for p in root.rglob("*") if p.is_file()), root)


def _generated_digest(**cfg: int) -> str:
    """The digest of the corpus and truth the generator writes for ``cfg`` (what the eval reads)."""
    from storytrace.testing.generator import GeneratorConfig, write_corpus

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "c.jsonl"
        info = write_corpus(path, GeneratorConfig(**cfg))
        return _sha256_files([path, Path(info["truth_path"])], Path(d))


def _quietly(fn: Callable[[], dict[str, float]]) -> Callable[[], dict[str, float]]:
    """The eval functions print their own tables; the gate prints one table of its own."""

    def run() -> dict[str, float]:
        with contextlib.redirect_stdout(io.StringIO()):
            return fn()

    return run


# --- the checks -----------------------------------------------------------------------------------


def _boilerplate_generated(articles: int, seed: int) -> dict[str, float]:
    from eval import boilerplate

    score = boilerplate.eval_generated(articles, seed)
    assert score is not None
    return {"precision": score.precision, "recall": score.recall}


def _boilerplate_html() -> dict[str, float]:
    from eval import boilerplate

    score = boilerplate.eval_html()
    return {"precision": score.precision, "recall": score.recall}


def _boilerplate_seeds() -> dict[str, float]:
    from eval import boilerplate

    score = boilerplate.eval_seeds()
    assert score is not None
    return {"precision": score.precision, "recall": score.recall}


def _neardup(stories: int, seeds: list[int]) -> dict[str, float]:
    from eval import group_generated

    tp = gold = pred = 0
    for seed in seeds:
        r = group_generated.run_seed(stories, 8, seed, "hash")
        tp, gold, pred = tp + r["tp"], gold + r["gold"], pred + r["pred"]
    return {"recall": tp / max(gold, 1), "precision": tp / max(pred, 1)}


def _neardup_digest(stories: int, seeds: list[int]) -> str:
    # group_generated writes its corpora with background=3
    return hashlib.sha256(
        "".join(_generated_digest(stories=stories, per_story=8, seed=s, background=3) for s in seeds).encode()
    ).hexdigest()


def _provenance(stories: int, seed: int) -> dict[str, float]:
    from eval import provenance_generated

    return provenance_generated.evaluate(stories, 8, seed)


def _conflicts(stories: int, seeds: list[int]) -> dict[str, float]:
    from eval import conflicts

    return conflicts.generated(seeds, stories, 8)


def _generated_many_digest(stories: int, seeds: list[int]) -> str:
    return hashlib.sha256(
        "".join(_generated_digest(stories=stories, per_story=8, seed=s) for s in seeds).encode()
    ).hexdigest()


def _clough() -> dict[str, float]:
    from eval import clough_stevenson

    r = clough_stevenson.evaluate()
    return {"reused_vs_not": r["reused_vs_not"], "reused_vs_not_held_out": r["held_out"]}


def _seed_relations() -> dict[str, float]:
    """The five hand-read relations of the seed articles, as ``tests/test_provenance_seeds.py``
    states them (its checks are run here, not restated)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("seed_checks", ROOT / "tests" / "test_provenance_seeds.py")
    assert spec and spec.loader
    checks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checks)
    story = checks.story.__wrapped__()  # the pytest fixture's body
    tests = [getattr(checks, n) for n in dir(checks) if n.startswith("test_")]
    passed = 0
    for test in tests:
        try:
            test(story)
            passed += 1
        except AssertionError:
            pass
    return {"relations_right": passed / len(tests)}


def _stories_online() -> dict[str, float]:
    """ECB+ held-out topics through ``--state`` runs, in file order and in two shuffled orders
    (``eval.ecbplus_paths``: the same reports, the same runs)."""
    import random

    from eval import ecbplus, ecbplus_paths
    from eval.metrics import bcubed
    from storytrace.model import Article

    ecbplus.cache_embeddings()
    docs = [d for d in ecbplus.load() if 36 <= d["topic"] <= 45]
    gold = {d["id"]: d["event"] for d in docs}
    out = {}
    for name, seed in (("file_order", None), ("shuffled_seed1", 1), ("shuffled_seed2", 2)):
        arts = [Article(id=d["id"], text=d["text"], language="en") for d in docs]
        if seed is not None:
            random.Random(seed).shuffle(arts)
        pred = ecbplus_paths.stories_of(arts, "online")
        out[name] = bcubed(pred, {a.id: gold[a.id] for a in arts})[2]
    return out


GEN_TUNED = (
    "the generator (storytrace.testing.generator) is the tests' own data: a regression floor, not a claim"
)

CHECKS: list[Check] = [
    Check(
        "boilerplate-generated-fast",
        True,
        "python -m eval.boilerplate --articles 400 --seed 7",
        "generated corpus, 50 stories x 8, seed 7 (line labels from the generator's truth)",
        "line rules written against the generator, the seeds and tests/data/html; " + GEN_TUNED,
        lambda: _generated_digest(stories=50, per_story=8, seed=7),
        _quietly(lambda: _boilerplate_generated(400, 7)),
    ),
    Check(
        "boilerplate-generated",
        False,
        "python -m eval.boilerplate --articles 1150 --seed 7",
        "generated corpus, 144 stories x 8, seed 7 (line labels from the generator's truth)",
        "line rules written against the generator, the seeds and tests/data/html; " + GEN_TUNED,
        lambda: _generated_digest(stories=144, per_story=8, seed=7),
        _quietly(lambda: _boilerplate_generated(1150, 7)),
    ),
    Check(
        "boilerplate-html",
        True,
        "python -m eval.boilerplate",
        "11 hand-labelled HTML pages in tests/data/html (11 layouts, 3 languages)",
        "the line rules were written with these pages in view (the clean stage's own test data)",
        lambda: _dir_digest(HTML),
        _quietly(_boilerplate_html),
    ),
    Check(
        "boilerplate-seeds",
        True,
        "python -m eval.boilerplate",
        "the 5 seed articles (../shared/corpus/seeds), hand labels in tests/test_clean_seeds.py",
        "the line rules were written with the seeds in view (test data, not a claim)",
        lambda: _dir_digest(SEEDS),
        _quietly(_boilerplate_seeds),
    ),
    Check(
        "neardup-fast",
        True,
        "python -m eval.group_generated --stories 50 --seeds 11 --embeddings hash",
        "generated, 50 stories x 8, seed 11, background 3 (pairs from the generator's truth)",
        "LSH bands and the 0.8 Jaccard threshold are the usual near-duplicate definition; " + GEN_TUNED,
        lambda: _neardup_digest(50, [11]),
        _quietly(lambda: _neardup(50, [11])),
    ),
    Check(
        "neardup",
        False,
        "python -m eval.group_generated --embeddings hash",
        "generated, 3 seeds (11, 12, 13) x 300 stories x 8 = 7,200 articles",
        "as neardup-fast",
        lambda: _neardup_digest(300, [11, 12, 13]),
        _quietly(lambda: _neardup(300, [11, 12, 13])),
    ),
    Check(
        "provenance-generated-fast",
        True,
        "python -m eval.provenance_generated --stories 5 --seed 9",
        "generated, 5 stories x 8, seed 9",
        "provenance rules tuned on generator seed 5; " + GEN_TUNED,
        lambda: _generated_digest(stories=5, per_story=8, seed=9),
        _quietly(lambda: _provenance(5, 9)),
    ),
    Check(
        "provenance-generated-seed9",
        False,
        "python -m eval.provenance_generated --stories 30 --seed 9",
        "generated, 30 stories x 8, seed 9 (held out from the tuning seed 5)",
        "provenance rules tuned on generator seed 5; " + GEN_TUNED,
        lambda: _generated_digest(stories=30, per_story=8, seed=9),
        _quietly(lambda: _provenance(30, 9)),
    ),
    Check(
        "provenance-generated-seed7",
        False,
        "python -m eval.provenance_generated --stories 30 --seed 7",
        "generated, 30 stories x 8, seed 7 (held out from the tuning seed 5)",
        "provenance rules tuned on generator seed 5; " + GEN_TUNED,
        lambda: _generated_digest(stories=30, per_story=8, seed=7),
        _quietly(lambda: _provenance(30, 7)),
    ),
    Check(
        "conflicts-fast",
        True,
        "python -m eval.conflicts --seeds 2 --stories 4",
        "generated, 4 stories x 8, seed 2 (planted changes from the generator's truth)",
        "conflict rules tuned on generator seed 1; " + GEN_TUNED,
        lambda: _generated_many_digest(4, [2]),
        _quietly(lambda: _conflicts(4, [2])),
    ),
    Check(
        "conflicts",
        False,
        "python -m eval.conflicts",
        "generated, 40 stories x 8, seeds 2 and 3 (held out from the tuning seed 1)",
        "conflict rules tuned on generator seed 1; " + GEN_TUNED,
        lambda: _generated_many_digest(40, [2, 3]),
        _quietly(lambda: _conflicts(40, [2, 3])),
    ),
    Check(
        "clough-stevenson",
        False,
        "python -m eval.clough_stevenson",
        "Clough-Stevenson short answers, 95 answers (../shared/benchdata/clough_stevenson_shortanswer)",
        "reuse rules tuned on tasks a-c; tasks d-e (38 answers) held out",
        lambda: _dir_digest(CLOUGH),
        _quietly(_clough),
    ),
    Check(
        "stories-ecbplus-online",
        False,
        "python -m eval.ecbplus_paths --paths online --shuffled 2",
        "ECB+ topics 36-45, 210 reports of 20 events, fed in 5 --state runs (../shared/benchdata/ecbplus)",
        "story settings chosen on ECB+ topics 1-35, AllSides train, MultiLing 0-4 and the generator; 36-45 held out",
        lambda: _dir_digest(ECBPLUS),
        _quietly(_stories_online),
    ),
    Check(
        "seed-relations",
        False,
        "pytest tests/test_provenance_seeds.py",
        "the 5 seed articles (../shared/corpus/seeds): 5 hand-read relations",
        "provenance rules were written with the seeds in view (test data, not a claim)",
        lambda: _dir_digest(SEEDS),
        _quietly(_seed_relations),
    ),
]


# --- running and pinning ---------------------------------------------------------------------------


@dataclass
class Outcome:
    check: Check
    status: str  # "ok", "below", "data changed", "new", "skipped"
    values: dict[str, float]
    floors: dict[str, float]
    digest: str | None
    seconds: float
    note: str = ""


def load_baseline(path: Path = BASELINE) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"checks": {}}


def run_check(check: Check, baseline: dict) -> Outcome:
    """Run one check and compare it with its pinned floors and digest."""
    pinned = baseline["checks"].get(check.name, {})
    floors = pinned.get("floors", {})
    t0 = time.perf_counter()
    digest = check.digest()
    if digest is None:
        return Outcome(check, "skipped", {}, floors, None, 0.0, "its data is absent")
    values = check.run()
    secs = time.perf_counter() - t0
    if not pinned:
        return Outcome(check, "new", values, {}, digest, secs, "no floor pinned yet")
    if pinned.get("digest") != digest:
        return Outcome(
            check, "data changed", values, floors, digest, secs, "the data differs from the pinned digest"
        )
    below = [m for m, floor in floors.items() if values.get(m, float("-inf")) < floor - TOLERANCE]
    note = ", ".join(f"{m} {values.get(m, float('nan')):.4f} < {floors[m]:.4f}" for m in below)
    return Outcome(check, "below" if below else "ok", values, floors, digest, secs, note)


def select(names: list[str] | None, fast: bool, checks: list[Check] | None = None) -> list[Check]:
    checks = CHECKS if checks is None else checks
    known = {c.name for c in checks}
    unknown = sorted(set(names or []) - known)
    if unknown:
        raise SystemExit(f"unknown check(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return [c for c in checks if (not names or c.name in names) and (c.fast or not fast)]


def update(baseline: dict, outcomes: list[Outcome], allow_lower: str | None) -> list[str]:
    """Pin the measured figures as floors. Returns the refusals (a floor that would drop without
    ``allow_lower``); nothing is written for a check that has one."""
    refusals = []
    for o in outcomes:
        if o.status == "skipped":
            continue
        old = baseline["checks"].get(o.check.name, {})
        drops = {
            m: (f, o.values.get(m))
            for m, f in old.get("floors", {}).items()
            if o.values.get(m) is None or o.values[m] < f - TOLERANCE
        }
        if drops and not allow_lower:
            refusals.append(
                f"{o.check.name}: " + ", ".join(f"{m} {v} < floor {f}" for m, (f, v) in drops.items())
            )
            continue
        entry = {
            "command": o.check.command,
            "data": o.check.data,
            "tuned": o.check.tuned,
            "digest": o.digest,
            "floors": {m: math.floor(v * 10**DECIMALS) / 10**DECIMALS for m, v in sorted(o.values.items())},
            "history": old.get("history", []),
        }
        if drops:
            entry["history"].append(
                {
                    "date": time.strftime("%Y-%m-%d"),
                    "lowered": {m: f for m, (f, _) in drops.items()},
                    "why": allow_lower,
                }
            )
        elif old and old.get("digest") != o.digest:
            entry["history"].append({"date": time.strftime("%Y-%m-%d"), "data changed": True})
        baseline["checks"][o.check.name] = entry
    return refusals


def table(outcomes: list[Outcome]) -> str:
    rows = [("check", "figure", "value", "floor", "status", "s")]
    for o in outcomes:
        metrics = sorted(set(o.values) | set(o.floors)) or ["-"]
        for k, m in enumerate(metrics):
            v, f = o.values.get(m), o.floors.get(m)
            rows.append(
                (
                    o.check.name if k == 0 else "",
                    m,
                    "-" if v is None else f"{v:.4f}",
                    "-" if f is None else f"{f:.4f}",
                    (o.status + (f": {o.note}" if o.note else "")) if k == 0 else "",
                    f"{o.seconds:.0f}" if k == 0 else "",
                )
            )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def failed(outcomes: list[Outcome]) -> list[Outcome]:
    return [o for o in outcomes if o.status in ("below", "data changed", "new")]


def main(argv: list[str] | None = None, checks: list[Check] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fast", action="store_true", help="only the checks `make test` runs")
    ap.add_argument("--only", action="append", metavar="CHECK", help="run this check (repeatable)")
    ap.add_argument("--update", action="store_true", help="pin the measured figures as the floors")
    ap.add_argument("--allow-lower", metavar="WHY", help="with --update: let a floor drop, recording why")
    ap.add_argument("--baseline", type=Path, default=BASELINE)
    args = ap.parse_args(argv)
    if args.allow_lower is not None and not args.allow_lower.strip():
        ap.error("--allow-lower needs a reason")
    baseline = load_baseline(args.baseline)
    outcomes = []
    for check in select(args.only, args.fast, checks):
        print(f"running {check.name} ...", file=sys.stderr, flush=True)
        outcomes.append(run_check(check, baseline))
    print(table(outcomes))
    if args.update:
        refusals = update(baseline, outcomes, args.allow_lower)
        args.baseline.write_text(json.dumps(baseline, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        for r in refusals:
            print(f'refused to lower a floor (give --allow-lower "why"): {r}', file=sys.stderr)
        return 1 if refusals else 0
    bad = failed(outcomes)
    for o in bad:
        print(f"FAILED {o.check.name}: {o.status}: {o.note} (command: {o.check.command})", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
