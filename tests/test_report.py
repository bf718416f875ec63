"""Markdown, terminal and static HTML reports over a hand-built Result, plus the bundled example."""

import io
import json
import re
import sys
from pathlib import Path

from rich.console import Console

sys.path.insert(0, str(Path(__file__).parent))
from report_fixture import A_TEXT, B_TEXT, hand_result  # noqa: E402

from storytrace import analyze  # noqa: E402
from storytrace.report import print_summary, to_html, to_markdown, write_report  # noqa: E402
from storytrace.report.html import provenance_svg  # noqa: E402
from storytrace.testing.example import write_example  # noqa: E402


def _embedded_data(html: str) -> dict:
    raw = re.search(r"<script type='application/json' id='data'>(.*?)</script>", html, re.S).group(1)
    return json.loads(raw)


def test_html_has_no_external_reference():
    html = to_html(hand_result())
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:)?//", html)
    assert "@import" not in html and "url(http" not in html
    assert "default-src 'none'" in html


def test_html_escapes_article_text_and_metadata():
    html = to_html(hand_result())
    # The only <script> elements are the page's two: the data island and the inlined code.
    assert html.count("<script") == 2
    assert "window.pwned" in html and "<script>window.pwned" not in html
    assert "Copier <b>" not in html and "Copier &lt;b&gt;" in html
    assert "binary &lt;file&gt;" in html
    assert _embedded_data(html)["articles"]["b"]["text"] == B_TEXT


def test_article_text_is_embedded_once():
    html = to_html(hand_result())
    assert html.count("Repairs take a month") == 1 + 1 + 1  # data island, brief sentence, claim row
    assert html.count(A_TEXT) == 1


def test_svg_nodes_edges_and_legend():
    r = hand_result()
    svg = provenance_svg(r.stories[0], {a.id: a for a in r.articles})
    assert sorted(re.findall(r"<g class='node[^']*' data-article='(\w)'", svg)) == ["a", "b", "c"]
    assert re.findall(r"<g class='node origin' data-article='(\w)'", svg) == ["a"]
    assert sorted(re.findall(r"class='edge-label'[^>]*>([^<]+)<", svg)) == ["copy", "paraphrase"]
    assert sorted(re.findall(r"class='legend-kind'[^>]*>([^<]+)<", svg)) == ["copy", "paraphrase"]
    # Layered by direction: the origin sits left of what derives from it.
    xs = {
        m[0]: float(m[1])
        for m in re.findall(r"data-article='(\w)'><title>[^<]*</title><circle cx='([\d.]+)'", svg)
    }
    assert xs["a"] < xs["b"] and xs["a"] < xs["c"]


def test_cycle_in_edges_does_not_hang():
    r = hand_result()
    story = r.stories[0]
    story.edges.append(story.edges[0].model_copy(update={"source": "b", "target": "a"}))
    svg = provenance_svg(story, {a.id: a for a in r.articles})
    assert svg.count("class='edge-label'") == 3


def test_citations_carry_the_cited_span():
    html = to_html(hand_result())
    starts = re.findall(
        r"class='cite' data-story='s1' data-article='(\w)' data-start='(\d+)' data-end='(\d+)'", html
    )
    spans = {(a, A_TEXT[int(s) : int(e)] if a == "a" else B_TEXT[int(s) : int(e)]) for a, s, e in starts}
    assert spans == {
        ("a", "The bridge closed on Monday."),
        ("b", "The bridge closed on Monday."),
        ("a", "Repairs take a month."),
    }


def test_markdown_sections():
    md = to_markdown(hand_result())
    assert "The bridge closed on Monday. [1][2]" in md
    assert "| a | b | copy | 70% | verbatim sentences |" in md
    assert "| conflicting | Engineers found cracks in 3 beams. | [1][2] | 0 |" in md
    assert "- number: [1] 3; [2] 4" in md
    assert "diff: We will reopen **+very** soon" in md
    # markup in input is escaped (a renderer would otherwise pass it as HTML)
    assert "2. `b` — Bridge \\<i\\>shut\\</i\\> (Copier \\<b\\>), originality 10%" in md
    assert "kept `a` of `a`, `a2`" in md and "- `bad.bin`: binary \\<file\\>" in md


def test_terminal_summary():
    buf = io.StringIO()
    print_summary(hand_result(), Console(file=buf, width=140, color_system=None))
    out = buf.getvalue()
    assert "4 articles analysed, 2 stories, 1 duplicates collapsed, 1 inputs skipped" in out
    row = next(line for line in out.splitlines() if " s1 " in line)
    assert re.search(r"s1\s+│\s+3\s+│\s+3\s+│\s+2\s+│\s+0\s+│\s+a\s+│\s+Bridge closed", row)
    assert "moved" not in out
    buf = io.StringIO()
    print_summary(hand_result().model_copy(update={"moved": {"x": "s1", "y": "s2"}}),
                  Console(file=buf, width=140, color_system=None))
    assert "2 articles of earlier runs moved to another story" in buf.getvalue()


def test_example_end_to_end(tmp_path):
    write_example(tmp_path / "corpus")
    result = analyze([tmp_path / "corpus"])
    paths = write_report(result, tmp_path / "out")
    html = Path(paths["html"]).read_text()
    data = _embedded_data(html)
    # Every story gets a template, every article of a story its text once.
    assert len(re.findall(r"<template id='tpl-", html)) == len(result.stories)
    for s in result.stories:
        for aid in s.articles:
            assert data["articles"][aid]["text"] == result.article(aid).text
    biggest = max(result.stories, key=lambda s: len(s.articles))
    assert len(biggest.articles) >= 3  # the example's wire story and its copies
    assert html.count("class='edge-label'") == sum(len(s.edges) for s in result.stories)


def test_undecided_directions_still_draw_the_origin_left_of_its_derivatives():
    r = hand_result()
    story = r.stories[0]
    story.edges = [e.model_copy(update={"directed": False}) for e in story.edges]
    assert {e.source for e in story.edges} == {"a"}
    svg = provenance_svg(story, {a.id: a for a in r.articles})
    xs = {
        m[0]: float(m[1])
        for m in re.findall(r"data-article='(\w)'><title>[^<]*</title><circle cx='([\d.]+)'", svg)
    }
    assert xs["a"] < xs["b"] and xs["a"] < xs["c"]


def test_story_without_publication_times_says_so():
    r = hand_result()
    assert "2026-01-01T08:00 – 2026-01-01T10:00" in to_html(r)
    r.stories[0].time_span = [None, None]
    html = to_html(r)
    assert "no publication times" in html and "? – ?" not in html


def test_heading_is_in_the_storys_main_language():
    from storytrace.model import Article, Story
    from storytrace.report.heading import story_heading

    arts = {
        "en1": Article(id="en1", title="Dam holds after flood alarm", language="en"),
        "en2": Article(id="en2", title="Flood alarm lifted in Oberweiler", language="en"),
        "de1": Article(id="de1", title="Damm hält nach Hochwasseralarm", language="de"),
    }
    story = Story(
        id="s", articles=["de1", "en1", "en2"], label="Damm hält nach Hochwasseralarm", origin=["en2"]
    )
    assert story_heading(story, arts) == "Flood alarm lifted in Oberweiler"  # the origin's title
    story.label = "Dam holds after flood alarm"
    assert story_heading(story, arts) == "Dam holds after flood alarm"  # already in the main language


def test_a_claim_in_another_language_is_marked_in_both_reports():
    from storytrace.model import Article, Claim, Result, Story

    arts = [
        Article(id="en1", title="Dam holds", text="The dam held.", language="en"),
        Article(id="en2", title="Alarm lifted", text="The alarm was lifted.", language="en"),
        Article(id="de1", title="Damm hält", text="Der Damm hielt stand.", language="de"),
    ]
    claims = [
        Claim(id="c1", text="Der Damm hielt stand.", articles=["de1"], status="unique", first_reporter="de1"),
        Claim(id="c2", text="The alarm was lifted.", articles=["en2"], status="unique", first_reporter="en2"),
    ]
    story = Story(id="s", articles=["de1", "en1", "en2"], label="Dam holds", claims=claims)
    result = Result(articles=arts, stories=[story])
    md, html = to_markdown(result), to_html(result)
    assert "\\[de\\] Der Damm hielt stand." in md  # Markdown escapes the brackets
    assert "[de] Der Damm hielt stand." in html
    assert "[en" not in md.replace("\\", "") and "[en]" not in html  # the main language is not marked
