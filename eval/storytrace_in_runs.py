#!/usr/bin/env python
"""`storytrace analyze CORPUS --json OUT [options]`, but fed as a stream: the JSONL records of
CORPUS in ``RUNS`` (3) runs of a shuffled order (seed ``RUNS_SEED``, 1) with one ``--state`` and
one ``--db``, every stage of the default pipeline; OUT is what the store holds at the end. So the
scorer of the hand-written stories reads the path a newsroom's daily runs take:

    PATH=.venv/bin:$PATH RUNS_SEED=2 python ../shared/tools/score_stories.py \
        --storytrace eval/storytrace_in_runs.py

(after ``--``, options for every run, e.g. ``--set group.regroup_max=0`` for the index alone).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "analyze" or "--json" not in argv:
        sys.exit("usage: storytrace_in_runs.py analyze CORPUS.jsonl --json OUT [analyze options]")
    corpus, out = argv[1], argv[argv.index("--json") + 1]
    extra = [a for a in argv[2:] if a not in ("--json", out)]
    runs, seed = int(os.environ.get("RUNS", "3")), int(os.environ.get("RUNS_SEED", "1"))
    records = [json.loads(line) for line in Path(corpus).read_text(encoding="utf-8").splitlines() if line.strip()]
    random.Random(seed).shuffle(records)
    storytrace = Path(sys.executable).parent / "storytrace"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for k in range(runs):
            part = work / f"run{k}.jsonl"
            part.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[k::runs]),
                            encoding="utf-8")
            done = subprocess.run([str(storytrace), "analyze", str(part), "--state", str(work / "state"),
                                   "--db", str(work / "store.db"), "--json", str(work / f"run{k}.json"), *extra],
                                  capture_output=True, text=True)
            if done.returncode:
                sys.stderr.write(done.stderr)
                return done.returncode
        from storytrace.report import to_json
        from storytrace.store import Store

        with Store(work / "store.db") as store:
            Path(out).write_text(to_json(store.load()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
