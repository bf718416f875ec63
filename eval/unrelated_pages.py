"""Unrelated real pages must not share stories: the trafilatura evaluation pages on every path.

Usage: .venv/bin/python -m eval.unrelated_pages [--paths auto static online] [--show 10]

The 345 pages (news, blogs, institutions; many languages and years) are nearly all about unrelated
subjects. Each path reads them as a user would (``storytrace.analyze`` on the folder, stages clean,
text, group): ``auto`` (e5 below 2,000 representatives), ``static`` (the vectors of big corpora),
``online`` (``--state`` with the pages fed in 5 batches and the default embeddings, as a user's
stream is: while the index is small each run groups all its pages again, past ``group.regroup_max``
the index places them on static vectors). Prints the share of pages placed in a story with another
page (goal: at most 2 %) and the stories that hold several pages, to read. Pages skipped as non-
articles are counted apart. No parameter was chosen on these pages. Reads
../shared/benchdata/trafilatura-pages at run time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from storytrace.config import Config
from storytrace.model import Corpus
from storytrace.pipeline import analyze

PAGES = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata" / "trafilatura-pages" / "pages"


def run_path(path: str, base: Corpus) -> list[list[str]]:
    """Stories (lists of article ids) of the group stage on ``path``."""
    from storytrace.group import run

    def fresh(articles: list) -> Corpus:
        return Corpus(articles=[a.model_copy() for a in articles])

    if path != "online":
        return [s.articles for s in run(fresh(base.articles), Config(embeddings=path, quiet=True, progress=False)).stories]
    with tempfile.TemporaryDirectory() as state:
        step = -(-len(base.articles) // 5)
        for s in range(0, len(base.articles), step):
            cfg = Config(quiet=True, progress=False, stages={"group": {"state": state}})
            run(fresh(base.articles[s : s + step]), cfg)
        from storytrace.group.story_index import StoryIndex

        return [list(m) for m in StoryIndex.load(state).members]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--paths", nargs="+", default=["auto", "static", "online"])
    ap.add_argument("--show", type=int, default=10, help="multi-page stories to print per path")
    args = ap.parse_args()
    if not PAGES.exists():
        sys.exit(f"trafilatura pages not found at {PAGES}")
    files = sorted(PAGES.glob("*.html"))
    base = analyze(files, Config(quiet=True, progress=False), stages=["clean", "text"])
    arts, n, skipped = {a.id: a for a in base.articles}, len(base.articles), len(base.skipped)
    for path in args.paths:
        stories = run_path(path, base)
        multi = sorted((s for s in stories if len(s) > 1), key=len, reverse=True)
        joined = sum(len(s) for s in multi)
        print(f"{path}: {len(files)} pages, {skipped} skipped as not articles, {n} articles, {len(stories)} stories; "
              f"{joined} articles ({joined / max(n, 1):.1%}) share a story with another (goal <= 2 %)")
        for s in multi[: args.show]:
            print(f"   story of {len(s)}:")
            for a in s[:6]:
                art = arts.get(a)
                date = (art.published_at or art.date_in_text or "?") if art else "?"
                title = ((art.title if art else None) or "")[:70]
                print(f"      {a[:40]:40} {date[:10]:10} {title}")


if __name__ == "__main__":
    main()
