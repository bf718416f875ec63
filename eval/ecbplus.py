"""ECB+ story clustering: B-cubed of stories against events (topic + ecb/ecbplus) and topics.

Usage: .venv/bin/python eval/ecbplus.py [--threshold T] [--sweep]
Thresholds are chosen on topics 1-35 (--sweep prints the tuning curve there); the report is on
topics 36-45 and on all 982 documents. Reads ../shared/benchdata/ecbplus (never copied).
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from metrics import bcubed  # noqa: E402

from storytrace import embed  # noqa: E402
from storytrace.group.stories import StoryParams, anchors, cluster, pair_scores  # noqa: E402

ROOT = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata" / "ecbplus" / "ECB+"


def load() -> list[dict]:
    docs = []
    for f in sorted(ROOT.glob("*/*.xml")):
        tree = ET.parse(f)
        sents: dict[int, list[str]] = {}
        for tok in tree.getroot().iter("token"):
            sents.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
        plus = f.name.endswith("ecbplus.xml")
        lines = [" ".join(sents[k]) for k in sorted(sents) if not (plus and k == 0)]
        text = re.sub(r" ([.,;:!?'])", r"\1", "\n".join(lines))
        topic = int(f.parent.name)
        docs.append({"id": f.name, "topic": topic, "event": f"{topic}-{'plus' if plus else 'ecb'}", "text": text})
    return docs


def run(docs: list[dict], vectors, anc, params: StoryParams) -> dict[str, int]:
    idx = list(range(len(docs)))
    scores = pair_scores(vectors[idx], [anc[i] for i in idx], params)
    labels = cluster(scores, params.threshold)
    return {docs[i]["id"]: labels[k] for k, i in enumerate(idx)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--backend", default="auto")
    ap.add_argument("--sweep", action="store_true")
    args = ap.parse_args()
    if not ROOT.exists():
        sys.exit(f"ECB+ not found at {ROOT}")
    docs = load()
    leads = [d["text"][:800] for d in docs]
    vectors = embed.encode(leads, args.backend)
    anc = [anchors(None, d["text"]) for d in docs]

    def evaluate(sel, params):
        sub = [docs[i] for i in sel]
        pred = run(sub, vectors[sel], [anc[i] for i in sel], params)
        ev = bcubed(pred, {d["id"]: d["event"] for d in sub})
        tp = bcubed(pred, {d["id"]: d["topic"] for d in sub})
        return ev, tp

    tune = [i for i, d in enumerate(docs) if d["topic"] <= 35]
    test = [i for i, d in enumerate(docs) if d["topic"] >= 36]
    alls = list(range(len(docs)))
    best = StoryParams()
    if args.sweep or args.threshold is None:
        best_f = -1.0
        for t in [x / 100 for x in range(30, 80, 2)]:
            for w in (0.4, 0.5, 0.6, 0.7):
                p = StoryParams(threshold=t, vector_weight=w)
                (ep, er, ef), (tpp, _, _) = evaluate(tune, p)
                if args.sweep:
                    print(f"tune t={t:.2f} w={w:.1f} event P={ep:.3f} R={er:.3f} F1={ef:.3f} topicP={tpp:.3f}")
                if ef > best_f:
                    best_f, best = ef, p
        print(f"chosen on topics 1-35: threshold={best.threshold} vector_weight={best.vector_weight} (F1 {best_f:.3f})")
    else:
        best = StoryParams(threshold=args.threshold)
    for name, sel in (("topics 36-45", test), ("all 982", alls)):
        (ep, er, ef), (tp, tr, tf) = evaluate(sel, best)
        print(f"{name}: event B3 P={ep:.3f} R={er:.3f} F1={ef:.3f} | topic B3 P={tp:.3f}")


if __name__ == "__main__":
    main()
