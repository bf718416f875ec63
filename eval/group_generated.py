"""Near duplicates and stories on generated corpora, scored against the generator's truth.

Usage: .venv/bin/python -m eval.group_generated [--stories 300] [--per-story 8] [--seeds 11 12 13]

Near duplicates are scored as pairs: two articles form a predicted pair when they end up in one set
of duplicates (the exact groups made at the door joined with the near groups of the group stage).
The true pairs are those of the truth's ``duplicate_groups`` (an original, its byte-identical
``duplicate`` and its ``near-duplicate``) plus every pair of one story whose true bodies (furniture
excluded, read from the truth file) have word-3-shingle Jaccard >= 0.8 -- near duplicates by the
usual definition that the generator labels otherwise (a ``copy`` with a few words changed, two
paraphrases made with one synonym table). The script prints which roles those are. Stories are
scored with B-cubed against the truth's stories (``--embeddings`` matters only for that figure).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import tempfile
import time
from pathlib import Path

from eval.metrics import bcubed
from storytrace.config import Config
from storytrace.pipeline import analyze
from storytrace.testing.generator import GeneratorConfig, write_corpus


def _pairs(groups) -> set[tuple[str, str]]:
    """Pairs inside the transitive closure of the groups (an exact group collapsed at the door and
    the near group of its representative are one set of duplicates)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for g in groups:
        g = list(g)
        for m in g[1:]:
            parent[find(m)] = find(g[0])
    clusters: dict[str, set[str]] = {}
    for x in list(parent):
        clusters.setdefault(find(x), set()).add(x)
    return {tuple(sorted(p)) for c in clusters.values() for p in itertools.combinations(c, 2)}


def _body_shingles(lines: list[str]) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", " ".join(lines).lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _textual_pairs(truth: dict, threshold: float = 0.8) -> set[tuple[str, str]]:
    """Members of one story whose true bodies (furniture excluded) have word-3-shingle Jaccard >=
    ``threshold``: near duplicates by the usual definition, whatever role the generator gave them
    (a ``copy`` with a few words changed; two paraphrases made with the same synonym table)."""
    out = set()
    for ids in truth["stories"].values():
        sh = {a: _body_shingles(truth["articles"][a]["body_lines"]) for a in ids}
        for a, b in itertools.combinations(sorted(ids), 2):
            if sh[a] and sh[b] and len(sh[a] & sh[b]) / len(sh[a] | sh[b]) >= threshold:
                out.add((a, b))
    return out


def run_seed(stories: int, per_story: int, seed: int, embeddings: str) -> dict:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "c.jsonl"
        info = write_corpus(path, GeneratorConfig(stories=stories, per_story=per_story, seed=seed, background=3))
        truth = json.loads(Path(info["truth_path"]).read_text())
        t0 = time.perf_counter()
        result = analyze([path], Config(quiet=True, embeddings=embeddings), stages=["clean", "text", "group"])
        secs = time.perf_counter() - t0
    labelled = _pairs(truth["duplicate_groups"])
    textual = _textual_pairs(truth)
    gold = labelled | textual
    pred = _pairs(g.members for g in result.duplicates)
    role = {a: v["role"] for a, v in truth["articles"].items()}
    parent = {a: v["parent"] for a, v in truth["articles"].items()}
    copies = [a for a, r in role.items() if r == "copy"]
    copies_grouped = sum(tuple(sorted((a, parent[a]))) in pred for a in copies)
    roles_of_textual = sorted({"+".join(sorted((role[a], role[b]))) for a, b in textual - labelled})
    wrong = pred - gold
    for a, b in sorted(wrong)[:5]:
        print(f"    pair not in the truth: {role[a]} {a} ~ {role[b]} {b}")
    for a, b in sorted(gold - pred)[:5]:
        print(f"    pair missed: {role[a]} {a} ~ {role[b]} {b}")
    # stories: every article (duplicates included) against the truth's stories
    story_of = {a: s.id for s in result.stories for a in s.articles}
    for g in result.duplicates:
        for m in g.members:
            story_of.setdefault(m, story_of.get(g.representative, m))
    gold_story = {a: s for s, ids in truth["stories"].items() for a in ids}
    sp, sr, sf = bcubed({a: story_of.get(a, a) for a in gold_story}, gold_story)
    return {"n": len(role), "secs": secs, "gold": len(gold), "tp": len(pred & gold), "pred": len(pred),
            "labelled": len(labelled), "labelled_found": len(pred & labelled), "textual_roles": roles_of_textual,
            "copies": len(copies), "copies_grouped": copies_grouped, "story": (sp, sr, sf)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=300)
    ap.add_argument("--per-story", type=int, default=8)
    ap.add_argument("--seeds", type=int, nargs="+", default=[11, 12, 13])
    ap.add_argument("--embeddings", default="auto")
    args = ap.parse_args()
    tot = {"gold": 0, "tp": 0, "pred": 0, "labelled": 0, "labelled_found": 0}
    for seed in args.seeds:
        r = run_seed(args.stories, args.per_story, seed, args.embeddings)
        for k in tot:
            tot[k] += r[k]
        print(f"seed {seed}: {r['n']} articles in {r['secs']:.1f} s; true near-dup pairs {r['gold']} "
              f"({r['labelled']} labelled by the generator, the rest textual: {', '.join(r['textual_roles'])}); "
              f"found {r['tp']}, wrong {r['pred'] - r['tp']}; copies grouped with their original "
              f"{r['copies_grouped']}/{r['copies']}; stories B3 P {r['story'][0]:.3f} R {r['story'][1]:.3f} "
              f"F1 {r['story'][2]:.3f}")
    recall = tot["tp"] / max(tot["gold"], 1)
    precision = tot["tp"] / max(tot["pred"], 1)
    print(f"near duplicates, all seeds: recall {recall:.4f}, precision {precision:.4f} "
          f"(labelled pairs alone: recall {tot['labelled_found'] / max(tot['labelled'], 1):.4f})")
    print(f"acceptance recall >= 0.99 and precision >= 0.99: "
          f"{'met' if recall >= 0.99 and precision >= 0.99 else 'missed'}")


if __name__ == "__main__":
    main()
