"""Provenance on hand-written story clusters (``../shared/corpus/stories-dev`` format), per true story.

Usage: .venv/bin/python -m eval.provenance_stories [--stories ../shared/corpus/stories-dev] [--other]
       [--detail] [--cache /tmp/storytrace-emb.pkl]

Each cluster's true story is given to the align and provenance stages (grouping is scored
elsewhere, and changes on its own), so this measures provenance alone, with the definitions of
``../shared/tools/score_stories.py``: true derivations (copy/condensed/paraphrase/translation)
found as a derivation edge between the pair, in the right direction, of the right kind;
independent reports called derived; shared-source pairs; origins. ``--other`` also puts the
cluster's other-event article(s) into the story (as a grouping mistake would) and counts
derivation edges that touch them. The facts and brief stages then run too, and every citation
(brief sentence, claim, quote variant) whose article holds no aligned passage for it is counted
(``storytrace.brief.citations``).

Sentence embeddings are cached on disk (``--cache``): e5 on the clusters takes minutes here.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import pickle
import re
import sys
from pathlib import Path

import numpy as np

DERIVED = {"copy", "condensed", "paraphrase", "translation", "duplicate"}
HERE = Path(__file__).resolve().parent


def cached_encode(path: str):
    """``storytrace.embed.encode`` with a disk cache keyed by (backend, text)."""
    from storytrace import embed

    original = embed.encode
    cache: dict[tuple[str, str], np.ndarray] = {}
    if os.path.exists(path):
        with open(path, "rb") as f:
            cache = pickle.load(f)

    def encode(texts, backend="auto", batch_size=64):
        b = embed.resolve(backend)
        texts = [t if t else " " for t in texts]
        todo = list(dict.fromkeys(t for t in texts if (b, t) not in cache))
        if todo:
            for t, v in zip(todo, original(todo, b, batch_size), strict=True):
                cache[(b, t)] = v
            with open(path, "wb") as f:
                pickle.dump(cache, f)
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([cache[(b, t)] for t in texts])

    embed.encode = encode


def norm_value(v: str) -> str:
    """Values compared as ``score_stories.py`` does (digits and letters only, lower case)."""
    return re.sub(r"[^0-9a-z]", "", v.lower())


def conflict_counts(truths: list[dict], stories, detail: bool = False) -> tuple[int, int, int, int]:
    """(true disagreements found, true disagreements, reported conflicts spanning none, reported).
    A reported conflict finds a true one when its articles include both a majority and a minority
    article of it (the shared scorer's rule); the third count is a rough false-positive count."""
    found = n = none = reported = 0
    for t, s in zip(truths, stories, strict=True):
        pred = [(set(k.values), k) for c in s.claims for k in c.conflicts]
        reported += len(pred)
        sides = []
        for c in t["conflicts"]:
            groups: dict[str, set] = {}
            for a, v in c["values"].items():
                groups.setdefault(norm_value(v), set()).add(a)
            if len(groups) < 2:
                continue
            big = max(groups.values(), key=len)
            sides.append((big, set().union(*[g for g in groups.values() if g is not big]), c["what"]))
        for big, small, what in sides:
            n += 1
            hit = any(p & big and p & small for p, _ in pred)
            found += hit
            if detail and not hit:
                print(f"  MISSED CONFLICT {what}")
        for p, k in pred:
            if not any(p & big and p & small for big, small, _ in sides):
                none += 1
                if detail:
                    print(f"  CONFLICT SPANNING NO TRUE ONE {k.slot} {k.values}")
    return found, n, none, reported


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", default=str(HERE.parent.parent / "shared" / "corpus" / "stories-dev"))
    ap.add_argument("--other", action="store_true", help="put the other-event article(s) into each story")
    ap.add_argument("--detail", action="store_true", help="print every predicted and missed edge")
    ap.add_argument("--cache", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "storytrace-emb.pkl"))
    ap.add_argument("--embeddings", default="auto")
    ap.add_argument(
        "--aligned",
        help="pickle of the aligned corpus: read if it exists, else written "
        "(to rerun provenance and later stages without aligning again)",
    )
    args = ap.parse_args()
    dirs = sorted(glob.glob(os.path.join(args.stories, "c[0-9]*")))
    if not dirs:
        print(f"no clusters under {args.stories}; skipped")
        return 0
    cached_encode(args.cache)
    from storytrace.brief.citations import unbacked_citations
    from storytrace.config import Config
    from storytrace.model import Story
    from storytrace.pipeline import ingest, run_pipeline

    truths = [json.loads(Path(d, "truth.json").read_text(encoding="utf-8")) for d in dirs]
    config = Config(quiet=True, embeddings=args.embeddings)
    if args.aligned and os.path.exists(args.aligned):
        with open(args.aligned, "rb") as f:
            corpus, alignments = pickle.load(f)
        for s in corpus.stories:
            s.set_alignment(alignments[s.id])
    else:
        corpus = run_pipeline(
            ingest([Path(d, "records.jsonl") for d in dirs], config), config, ["clean", "text"]
        )
        kept = {a.id for a in corpus.articles}
        corpus.stories = [
            Story(
                id=Path(d).name,
                articles=[a for a in t["story"] + (t["other_event"] if args.other else []) if a in kept],
            )
            for d, t in zip(dirs, truths, strict=True)
        ]
        corpus = run_pipeline(corpus, config, ["align"])
        if args.aligned:
            with open(args.aligned, "wb") as f:
                pickle.dump((corpus, {s.id: s.alignment for s in corpus.stories}), f)
    corpus = run_pipeline(corpus, config, ["provenance", "facts", "brief"])
    n = found = direction = kind = indep = indep_bad = ss = ss_found = origin = other_bad = 0
    for d, t, s in zip(dirs, truths, corpus.stories, strict=True):
        edges = [(e.source, e.target, e.kind) for e in s.edges]
        lines = []
        for te in t["edges"]:
            if te["kind"] not in DERIVED:
                continue
            n += 1
            hit = [e for e in edges if {e[0], e[1]} == {te["source"], te["target"]} and e[2] in DERIVED]
            found += bool(hit)
            right_dir = any(e[0] == te["source"] and e[1] == te["target"] for e in hit)
            right_kind = any(e[2] == te["kind"] or {e[2], te["kind"]} <= {"copy", "duplicate"} for e in hit)
            direction += right_dir
            kind += right_kind
            if not (hit and right_dir and right_kind):
                got = ", ".join(f"{e[0]}->{e[1]} {e[2]}" for e in hit) or "nothing"
                lines.append(f"  MISS {te['source']}->{te['target']} {te['kind']}: got {got}")
        for a in t["independent"]:
            indep += 1
            bad = [e for e in edges if e[1] == a and e[2] in DERIVED]
            indep_bad += bool(bad)
            lines += [f"  INDEPENDENT CALLED DERIVED {e[0]}->{e[1]} {e[2]}" for e in bad]
        for a, b in t["shared_source_pairs"]:
            ss += 1
            ok = any({e[0], e[1]} == {a, b} and e[2] == "shared-source" for e in edges)
            ss_found += ok
            if not ok:
                lines.append(f"  MISS shared-source {a} {b}")
        for e in edges:
            if e[2] in DERIVED and {e[0], e[1]} & set(t["other_event"]):
                other_bad += 1
                lines.append(f"  OTHER-EVENT EDGE {e[0]}->{e[1]} {e[2]}")
        ok = s.origin == [t["origin"]]
        origin += ok
        if not ok:
            lines.append(f"  ORIGIN {s.origin} (true {t['origin']})")
        print(f"{Path(d).name}: {len(lines)} problem(s)")
        if args.detail:
            for e in s.edges:
                print(f"    {e.source}->{e.target} {e.kind} cov {e.target_coverage} | {e.evidence[-1]}")
            print("\n".join(lines))
    found_c, n_c, spans_none, reported = conflict_counts(truths, corpus.stories, args.detail)
    print(
        f"conflicts found {found_c}/{n_c} (a reported conflict spans both sides of a true disagreement); "
        f"reported {reported}, of which {spans_none} span no true disagreement"
    )
    unbacked, total = unbacked_citations(corpus)
    chained, carriers = unbacked_citations(corpus, claims=True)
    print(
        f"claim carriers reached only through a chain of matches: {len(chained) - len(unbacked)} of "
        f"{carriers - total}"
    )
    print(
        f"provenance (per true story{', other-event articles added' if args.other else ''}): derivations found "
        f"{found}/{n}, right direction {direction}, right kind {kind}; independent reports called derived "
        f"{indep_bad}/{indep}; shared-source pairs {ss_found}/{ss}; origin right (exactly one, the true one) "
        f"{origin}/{len(dirs)}"
        + (f"; derivation edges touching another event {other_bad}" if args.other else "")
    )
    print(f"brief citations: {len(unbacked)} of {total} unbacked")
    for u in unbacked[:10]:
        print(f"  UNBACKED {u}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
