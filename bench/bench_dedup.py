"""Near-duplicate stage vs rensa alone vs datasketch MinHashLSH, same shingles and parameters.

Usage: .venv/bin/python bench/bench_dedup.py [--repeat 4]
Texts: ../shared/benchdata/bbc2225 (2,225 articles), repeated to get a measurable workload.
Prints seconds and the ratios ours/rensa and datasketch/ours from the same run. The peers are given
string shingles (``shingle_set``, timed with them), as their users would; the stage itself finds
and hashes tokens with numpy over code points (``text/token_hashes.py``), combines them into
shingle hashes with numpy and lets rensa compute the digests, so its time is text in, verified
pairs out. Each is timed cold, first in the process, imports included.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from storytrace.group.neardup import NUM_BANDS, NUM_PERM, near_duplicate_pairs, shingle_set

ROOT = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata" / "bbc2225"
PERM, BANDS, THRESHOLD = NUM_PERM, NUM_BANDS, 0.8


def rensa_alone(sets: list[set[str]]) -> int:
    import rensa

    lsh = rensa.RMinHashLSH(threshold=THRESHOLD, num_perm=PERM, num_bands=BANDS)
    hashes = []
    for i, s in enumerate(sets):
        m = rensa.RMinHash(num_perm=PERM, seed=7)
        m.update(list(s) or [""])
        hashes.append(m)
        lsh.insert(i, m)
    return sum(len(lsh.query(m)) for m in hashes)


def datasketch_lsh(sets: list[set[str]]) -> int:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERM, params=(BANDS, PERM // BANDS))
    hashes = []
    for i, s in enumerate(sets):
        m = MinHash(num_perm=PERM, seed=7)
        m.update_batch([w.encode() for w in s] or [b""])
        hashes.append(m)
        lsh.insert(str(i), m)
    return sum(len(lsh.query(m)) for m in hashes)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    if not ROOT.exists():
        sys.exit(f"bbc2225 not found at {ROOT}")
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in sorted(ROOT.glob("*/*.txt"))] * args.repeat
    t0 = time.perf_counter()
    ours = near_duplicate_pairs(texts, threshold=THRESHOLD, num_perm=PERM, num_bands=BANDS)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    sets = [shingle_set(t) for t in texts]  # both peers get the same shingles, timed with them
    rensa_alone(sets)
    t_rensa = time.perf_counter() - t0
    t0 = time.perf_counter()
    sets = [shingle_set(t) for t in texts]
    datasketch_lsh(sets)
    t_ds = time.perf_counter() - t0
    print(f"{len(texts)} texts, {len(ours)} verified pairs")
    print(f"ours {t_ours:.2f}s  rensa alone {t_rensa:.2f}s  datasketch {t_ds:.2f}s")
    print(f"ours/rensa = {t_ours / t_rensa:.2f}x (goal <= 1.5)  datasketch/ours = {t_ds / t_ours:.1f}x (goal >= 10)")


if __name__ == "__main__":
    main()
