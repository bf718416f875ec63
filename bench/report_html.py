"""HTML report at scale: build time for a synthetic 10,000-article result against the JSON
serialisation of the same result (the peer), page size against the article text, and — when
Debian's Chromium and playwright are present — the time until the page shows its first story.

    .venv/bin/python bench/report_html.py [n_articles]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from storytrace.model import Article, BriefSentence, Claim, Passage, Result, ReuseEdge, Story
from storytrace.report import to_html, to_json

WORDS = ["port", "storm", "gate", "water", "minister", "said", "workers", "evacuated", "surge", "harbour", "ships", "closed"]


def synthetic(n: int, per_story: int = 4, seed: int = 0) -> Result:
    rnd = random.Random(seed)
    arts = [
        Article(id=f"a{i}", source=f"outlet{i % 50}", title=f"title {i}",
                text=" ".join(rnd.choice(WORDS) for _ in range(400)))
        for i in range(n)
    ]
    stories = []
    for k in range(0, n, per_story):
        ids = [a.id for a in arts[k:k + per_story]]
        edges = [ReuseEdge(source=ids[0], target=t, kind="copy", confidence=0.8,
                           passages=[Passage(source_start=0, source_end=200, target_start=0, target_end=200,
                                             similarity=1.0, kind="verbatim")]) for t in ids[1:]]
        claims = [Claim(id=f"c{k}-{j}", text=arts[k].text[:120], articles=ids, status="consensus") for j in range(5)]
        brief = [BriefSentence(text=arts[k].text[:120], citations=ids[:2])]
        stories.append(Story(id=f"s{k}", articles=ids, label=f"story {k}", edges=edges, origin=ids[:1],
                             originality=dict.fromkeys(ids, 0.5), claims=claims, brief=brief))
    return Result(articles=arts, stories=stories)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    result = synthetic(n)
    t0 = time.perf_counter()
    js = to_json(result)
    t_json = time.perf_counter() - t0
    t0 = time.perf_counter()
    html = to_html(result)
    t_html = time.perf_counter() - t0
    text_mb = sum(len(a.text) for a in result.articles) / 1e6
    print(f"{n} articles, {len(result.stories)} stories")
    print(f"to_html {t_html:.2f}s vs to_json {t_json:.2f}s: ratio {t_html / t_json:.2f}")
    print(f"html {len(html) / 1e6:.1f} MB vs json {len(js) / 1e6:.1f} MB vs article text {text_mb:.1f} MB")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright missing: page load not measured")
        return
    if not Path("/usr/bin/chromium").exists():
        print("chromium missing: page load not measured")
        return
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        path = Path(tmp) / "report.html"
        path.write_text(html, encoding="utf-8")
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        t0 = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("#story-view section.story")
        print(f"page shows its first story after {time.perf_counter() - t0:.2f}s")
        t0 = time.perf_counter()
        page.click("#stories th[data-key='label']")
        page.locator("#stories tbody tr").first.wait_for()
        print(f"re-sorting {len(result.stories)} stories: {time.perf_counter() - t0:.2f}s")
        browser.close()


if __name__ == "__main__":
    main()
