"""Fuzz storytrace for a given time with the generators of ``tests/test_fuzz.py``.

Each round feeds one hostile input to a reader (txt, html, json, jsonl, warc, stdin; intact or with
broken bytes) beside one good file of every format, and one hostile text through the per-article
steps (clean+text, facts), timed against a plain article of the same length. Prints the inputs
tried, the skip lines, the failures (with the seed that reproduces them) and the worst time ratio
per step and generator; exits 1 if anything failed, stalled or passed ``--budget``. A round runs
in a forked child cut off after ``--timeout`` seconds, so a stalled step is reported and the
fuzzing goes on.

    nice .venv/bin/python bench/fuzz.py --minutes 10
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from hostile_inputs import FORMATS, TEXTS, plain, read_one, step_seconds, wrap  # noqa: E402

FLOOR_S = 0.005  # a plain article's time is taken as at least this (a few ms are noise)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--sizes", type=int, nargs="+", default=[200, 4000, 16000, 64000], help="characters of a text"
    )
    ap.add_argument("--budget", type=float, default=25.0, help="largest allowed hostile/plain time ratio")
    ap.add_argument(
        "--timeout", type=float, default=60.0, help="seconds a round may take before it is cut off"
    )
    args = ap.parse_args()
    master = random.Random(args.seed)
    started = time.monotonic()
    deadline = started + args.minutes * 60
    tried = skips = articles = rounds = 0
    failures: list[str] = []
    stalled: list[str] = []
    worst: dict[tuple[str, str], tuple[float, int, int]] = {}  # (step, kind) -> (ratio, size, seed)
    peer: dict[int, dict[str, float]] = {}
    step_seconds(plain(random.Random(0), 500))  # load the models once; the children inherit them

    def note(step: str, kind: str, ratio: float, size: int, seed: int) -> None:
        if ratio > worst.get((step, kind), (0.0, 0, 0))[0]:
            worst[(step, kind)] = (ratio, size, seed)

    while time.monotonic() < deadline:
        rounds += 1
        seed = master.randrange(2**32)
        rng = random.Random(seed)
        fmt, kind = rng.choice(FORMATS), rng.choice(sorted(TEXTS))
        size, corrupt = rng.choice(args.sizes), rng.random() < 0.4
        what = f"fmt={fmt} kind={kind} size={size} corrupt={corrupt} seed={seed}"
        if size not in peer or rounds % 25 == 0:  # the peer is timed again now and then (load changes)
            peer[size] = step_seconds(plain(random.Random(size), size), repeat=3)
        tried += 2  # a reader input and a per-article text
        got = _in_child(_round, (fmt, kind, size, corrupt, seed), args.timeout)
        if got is None:
            stalled.append(what)
            note("cut off", kind, args.timeout / max(min(peer[size].values()), FLOOR_S), size, seed)
            continue
        if "error" in got:
            failures.append(f"{what}\n{got['error']}")
            continue
        skips += got["skipped"]
        articles += got["articles"]
        for step, secs in got["steps"].items():
            ratio = secs / max(peer[size][step], FLOOR_S)
            if ratio > args.budget:  # time it again before believing one slow run
                again = _in_child(_steps, (kind, size, seed), args.timeout)
                if again is not None and "steps" in again:
                    ratio = min(ratio, again["steps"][step] / max(peer[size][step], FLOOR_S))
            note(step, kind, ratio, size, seed)
    print(
        f"fuzzed {(time.monotonic() - started) / 60:.1f} min: {tried} inputs tried in {rounds} rounds "
        f"(a reader input and a per-article text each), {skips} skip lines, {articles} articles from "
        f"hostile inputs, {len(failures)} failures, {len(stalled)} rounds cut off after {args.timeout:g} s"
    )
    print("worst per-article CPU time ratio (hostile / plain article of the same length):")
    for (step, kind), (ratio, size, seed) in sorted(worst.items(), key=lambda kv: -kv[1][0]):
        print(f"  {step:10s} {kind:17s} {ratio:8.1f}x  at {size} chars (seed {seed})")
    for what in stalled[:20]:
        print("STALLED", what)
    for f in failures[:20]:
        print("FAILURE", f)
    over = sorted(k for k, v in worst.items() if v[0] > args.budget)
    if over:
        print(f"over the budget of {args.budget:g}x: {over}")
    return 1 if failures or stalled or over else 0


def _round(fmt: str, kind: str, size: int, corrupt: bool, seed: int) -> dict:
    rng = random.Random(seed)
    data = wrap(fmt, TEXTS[kind](rng, size), rng, corrupt)
    with tempfile.TemporaryDirectory() as d:
        outcome = read_one(fmt, data, d)
    return {**outcome, **_steps(kind, size, seed)}


def _steps(kind: str, size: int, seed: int) -> dict:
    return {"steps": step_seconds(TEXTS[kind](random.Random(seed), size))}


def _child(conn, fn, fn_args) -> None:
    try:
        conn.send(fn(*fn_args))
    except BaseException:
        conn.send({"error": traceback.format_exc(limit=4)})


def _in_child(fn, fn_args: tuple, timeout: float) -> dict | None:
    """``fn(*fn_args)`` in a forked child; ``None`` when it ran past ``timeout`` s (then killed)."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, fn_args))
    proc.start()
    child.close()
    got = parent.recv() if parent.poll(timeout) else None
    if got is None:
        proc.kill()
    proc.join()
    parent.close()
    return got


if __name__ == "__main__":
    sys.exit(main())
