"""The HTML report in headless Chromium: offline, graph, citations, side-by-side, claims, escaping."""

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from report_fixture import A_TEXT, B_TEXT, C_TEXT, hand_result  # noqa: E402

from storytrace.report import to_html  # noqa: E402

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make test installs it)")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(to_html(hand_result()), encoding="utf-8")
    pg = browser.new_page(viewport={"width": 1300, "height": 900})
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(path.as_uri())
    pg.wait_for_selector("section.story")
    pg.requests, pg.errors, pg.file_url = requests, errors, path.as_uri()
    yield pg
    pg.close()


def test_loads_offline_with_no_other_request(page):
    assert page.requests == [page.file_url]
    assert page.errors == []
    # The largest story opens first; the table lists both stories, sizes included.
    assert page.locator("#story-view section.story").get_attribute("data-story") == "s1"
    assert page.locator("#stories tbody tr").count() == 2
    assert page.locator("#stories tbody tr").first.locator("td").nth(1).inner_text() == "3"


def test_sorting_the_stories_table(page):
    page.click("#stories th[data-key='size']")  # second click on the sorted column: ascending
    assert page.locator("#stories tbody tr").first.get_attribute("data-story") == "s2"


def test_graph_has_one_node_per_article_and_labelled_edges(page):
    svg = page.locator("#story-view svg.graph")
    assert sorted(svg.locator("g.node").evaluate_all("ns => ns.map(n => n.dataset.article)")) == [
        "a",
        "b",
        "c",
    ]
    assert svg.locator("g.node.origin").get_attribute("data-article") == "a"
    labels = svg.locator("g.edge text.edge-label").all_text_contents()
    assert sorted(labels) == ["copy", "paraphrase"]
    assert sorted(svg.locator("text.legend-kind").all_text_contents()) == ["copy", "paraphrase"]
    # Nodes are sized by originality: the origin (1.0) is larger than the copy (0.1).
    r = {n: float(svg.locator(f"g.node[data-article='{n}'] circle").get_attribute("r")) for n in "abc"}
    assert r["a"] > r["c"] > r["b"]


def test_side_by_side_highlights_passages_with_kind_colours(page):
    sec = page.locator("#story-view section.story")
    sec.locator(".pick-a").select_option("a")
    sec.locator(".pick-b").select_option("b")
    a_marks = sec.locator(".pane-a mark")
    assert a_marks.evaluate_all("ms => ms.map(m => [m.className, m.textContent])") == [
        ["p-verbatim", A_TEXT[0:28]],
        ["p-near", A_TEXT[29:63]],
    ]
    colours = a_marks.evaluate_all("ms => ms.map(m => getComputedStyle(m).backgroundColor)")
    assert colours[0] != colours[1]
    # Reverse direction works too: c (target of a) on the left, a on the right.
    sec.locator(".pick-a").select_option("c")
    sec.locator(".pick-b").select_option("a")
    assert sec.locator(".pane-a mark").evaluate_all("ms => ms.map(m => [m.className, m.textContent])") == [
        ["p-semantic", C_TEXT[0:69]]
    ]
    assert sec.locator(".pane-b mark.p-semantic").inner_text() == A_TEXT[29:63]


def test_citation_click_shows_and_highlights_the_passage(page):
    sec = page.locator("#story-view section.story")
    sec.locator(".pick-a").select_option("c")
    sec.locator(".pick-b").select_option("c")
    cite = sec.locator("a.cite").filter(has_text="[1]").nth(1)  # "Repairs take a month." [1] -> article a
    cite.click()
    mark = sec.locator(".pane mark.cited")
    assert mark.count() == 1
    assert mark.inner_text() == "Repairs take a month."
    assert mark.evaluate("m => m.closest('.pane').dataset.article") == "a"
    assert mark.evaluate(
        "m => { const p = m.closest('.pane').getBoundingClientRect(), r = m.getBoundingClientRect();"
        " return r.top >= p.top && r.bottom <= p.bottom && r.top >= 0 && r.bottom <= innerHeight; }"
    )


def test_claim_matrix_status_classes_and_conflict_values(page):
    rows = page.locator("#story-view table.claims tbody tr")
    assert rows.count() == 3
    k1 = rows.nth(0).locator("td.cell")
    assert k1.evaluate_all("cs => cs.map(c => c.className)") == [
        "cell st-consensus first",
        "cell st-consensus",
        "cell absent",
    ]
    k2 = rows.nth(1).locator("td.cell")
    assert k2.evaluate_all("cs => cs.map(c => [c.className, c.textContent])") == [
        ["cell st-conflicting", "number: 3"],
        ["cell st-conflicting", "number: 4"],
        ["cell absent", ""],
    ]
    assert "st-unique" in rows.nth(2).locator("td.cell").first.get_attribute("class")


def test_injected_script_does_not_run(page):
    sec = page.locator("#story-view section.story")
    sec.locator(".pick-a").select_option("b")
    assert "<script>window.pwned=1</script>" in sec.locator(".pane-a").inner_text()
    assert page.evaluate("window.pwned") is None
    assert page.locator("main script").count() == 0
    # Titles with markup are shown as text, not parsed.
    assert page.locator("#story-view table.articles").inner_text().count("Bridge <i>shut</i>") == 1
    assert B_TEXT.endswith("</script>")


def test_quote_cards_show_fidelity_and_diff(page):
    card = page.locator("#story-view .quote")
    assert card.locator(".speaker").inner_text() == "Mayor Jo"
    assert card.locator(".fid").all_inner_texts() == ["exact", "altered"]
    assert card.locator(".diff ins").all_inner_texts() == ["very"]


def test_screenshot(page, tmp_path):
    out = tmp_path / "report.png"
    page.screenshot(path=str(out), full_page=True)
    assert out.stat().st_size > 10_000


def test_graph_labels_cover_no_node_name_or_other_label_and_names_have_a_halo(page):
    svg = page.locator("#story-view svg.graph")
    found = svg.evaluate(
        """svg => {
        const box = e => { const b = e.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
        const ov = (a, b, g) => Math.min(a[2], b[2]) + g > Math.max(a[0], b[0])
                             && Math.min(a[3], b[3]) + g > Math.max(a[1], b[1]);
        const labels = [...svg.querySelectorAll('g.edge text.edge-label')].map(box);
        const others = [...svg.querySelectorAll('g.node text, g.node circle')].map(box);
        let bad = 0;
        labels.forEach((b, i) => {
            bad += others.filter(o => ov(b, o, 0)).length;
            bad += labels.slice(i + 1).filter(o => ov(b, o, 2)).length;
        });
        const halo = [...svg.querySelectorAll('g.node text')].map(t => t.getAttribute('paint-order'));
        return [labels.length, bad, halo];
    }"""
    )
    assert found[0] == 2 and found[1] == 0
    assert found[2] == ["stroke"] * 3
