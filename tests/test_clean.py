"""The clean stage: credit lines, line rules, titles, corpus line statistics, HTML pages.

Expected values are written by hand (or read from the hand-written labels of tests/data/html).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storytrace.clean.article import clean_article, looks_like_body, same_headline
from storytrace.clean.attribution import parse_attribution
from storytrace.clean.lines import classify_line
from storytrace.clean.stats import LineStats
from storytrace.config import Config
from storytrace.model import Article, Corpus
from storytrace.pipeline import analyze, run_pipeline

HTML_DIR = Path(__file__).parent / "data" / "html"


def article(
    raw: str, art_id: str = "a", source: str | None = None, title: str | None = None, html=False
) -> Article:
    art = Article(id=art_id, source=source, title=title)
    art._raw = raw
    art._html = html
    return art


# --- credit lines -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind", "names"),
    [
        ("With inputs from Reuters", "credit", ["Reuters"]),
        ("(With inputs from agencies)", "credit", ["agencies"]),
        ("With inputs from PTI and AFP.", "credit", ["PTI", "AFP"]),
        ("(Reporting by Ana Ruiz; Editing by Tom Hale)", "reporting", ["Ana Ruiz", "Tom Hale"]),
        (
            "Reporting by Jo Bell in Oslo; Writing by Kim Roe; Editing by Lee Fox",
            "reporting",
            ["Jo Bell", "Kim Roe", "Lee Fox"],
        ),
        ("Mara Olsen contributed to this report.", "contributed", ["Mara Olsen"]),
        ("Source: Northwire", "source", ["Northwire"]),
        ("– AFP", "credit", ["AFP"]),
        ("(AP)", "credit", ["AP"]),
        ("Mit Material von dpa", "credit", ["dpa"]),
        ("(avec AFP)", "credit", ["AFP"]),
        ("Con información de EFE", "credit", ["EFE"]),
        ("This article was originally published on The Harbour Review.", "source", ["The Harbour Review"]),
        ("This story first appeared in Coastline Daily", "source", ["Coastline Daily"]),
    ],
)
def test_credit_lines_parse(line, kind, names):
    credit = parse_attribution(line)
    assert credit is not None, line
    assert credit.kind == kind
    assert credit.names == names
    assert credit.text == line


@pytest.mark.parametrize(
    "line",
    [
        "According to Reuters, fragments of missiles were found in the region.",
        "The reporting by local media was later confirmed by the ministry.",
        "– We welcome all support, the minister said.",
        "Avec le soutien de ses alliés, le gouvernement a annoncé un plan.",
        "Source: a person familiar with the talks said the deal was close, speaking on condition of anonymity.",
        "– and",
        "Sources say the vote will be delayed.",
    ],
)
def test_body_is_not_a_credit(line):
    assert parse_attribution(line) is None


def test_sign_off_only_at_the_end():
    # "- Name" under a quote names its speaker; as the article's last line it is a credit.
    assert parse_attribution("- Sanders.", last=False) is None
    assert parse_attribution("– AFP", last=True) is not None
    art = article(
        "Port closes\nThe port closed on Tuesday.\n“We will rebuild.”\n- Varga.\nIt reopens Friday.\n– AFP"
    )
    clean_article(art)
    assert "- Varga." in art.text.split("\n")
    assert [(a.kind, a.names) for a in art.attributions] == [("credit", ["AFP"])]


# --- line rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "head", "tail", "reason"),
    [
        ("Home > World > Europe > Floodgates fail", True, False, "breadcrumb"),
        ("News | Politics | Elections", True, False, "breadcrumb"),
        ("Home Business Markets Shares Tumble As Banks Report Losses...", True, False, "breadcrumb"),
        ("Tags: storm, ports, shipping", False, False, "tags"),
        ("floods, harbour, shipping, weather", True, False, "tags"),
        ("See also: Ten years of coastal storms in pictures", False, False, "related-link"),
        ("Related: Port strike enters second week", False, False, "related-link"),
        ("Read more: Council approves harbour budget", False, False, "related-link"),
        ("Lesen Sie auch: Hafen bleibt geschlossen", False, False, "related-link"),
        ("Share this article: Facebook | X | Email", False, True, "prompt"),
        ("Leave a comment", False, True, "prompt"),
        ("Your email address will not be published. Required fields are marked *", False, True, "prompt"),
        ("Follow us on our channel for breaking news", False, True, "prompt"),
        ("Subscribe to our newsletter for daily updates", False, True, "prompt"),
        ("Get breaking news from our newsroom with push notifications", False, True, "promo"),
        ("Coastline Daily Broadcast Channel", False, False, "promo"),
        ("Advertisement", False, False, "promo"),
        ("Article continues below", False, False, "promo"),
        ("The report continues after the video.", False, False, "promo"),
        ("© 2026 Coastline Daily. All rights reserved.", False, True, "copyright"),
        ("Copyright 2025, Harbour Times", False, True, "copyright"),
        ("Tous droits réservés", False, True, "copyright"),
        ("Photo: Jane Roe/Northwire", False, False, "credit-photo"),
        ("(File photo)", False, False, "credit-photo"),
        ("Flooded terminal at the port on Tuesday. (Photo: Jane Roe)", False, False, "caption"),
        (
            "Workers leave the terminal in this image released by the port authority on March 3. NORTHWIRE",
            False,
            False,
            "caption",
        ),
        ("Ministers arrive for the summit on Monday. JANE ROE / NORTHWIRE / POOL", False, False, "caption"),
        ("Dock workers on strike on Friday. NORTHWIRE/Jane Roe", False, False, "caption"),
        (
            "The views expressed in comments are not those of this site. Please refrain from offensive or abusive language.",
            False,
            True,
            "disclaimer",
        ),
        ("Disclaimer: this article is for information only.", False, True, "disclaimer"),
        ("Updated: 14 August 2026, 07:45", True, False, "meta"),
        ("March 12, 2026", True, False, "meta"),
        ("4 min read", True, False, "meta"),
        ("By Ana Ruiz and Tom Hale", True, False, "byline"),
        ("www.example-news.test/weather", False, True, "link"),
        ("Skip to main content", True, False, "navigation"),
        ("Back to top", False, True, "navigation"),
        ("Click to share on X (Opens in new window)", False, True, "prompt"),
        ("We use cookies to improve your experience. Accept all cookies", False, True, "cookie-notice"),
        ("Firefighters at the scene on Monday. (XY Photo/Jane Roe)", False, False, "caption"),
        ("FILE - Firefighters work at the port in Marrow Bay, March 3, 2026.", False, False, "caption"),
        ("Image caption Firefighters at the scene", False, False, "caption"),
        ("Posted in Community", False, True, "meta"),
        ("}", False, False, "code"),
        (".image-wrap {", False, False, "code"),
        ("width:100%;", False, False, "code"),
        ('<embed data-id="12345"></embed>', False, False, "code"),
    ],
)
def test_furniture_lines(line, head, tail, reason):
    assert classify_line(line, head, tail) == reason


@pytest.mark.parametrize(
    "line",
    [
        "“This picture says it all,” the senator told a news conference, holding up a photo of the meeting.",
        "A photo of the flooded terminal was shared widely online this week.",
        "Satellite images published on Tuesday show the damage to the eastern gates.",
        "The company said customers who sign up to its broadband service before December get free calls.",
        "Officials declined to comment on the report.",
        "Subscribers to the service rose by 10 percent last year, the company said.",
        "The port, the airport, the railway station and the bus depot were closed.",
        "South Korea is reconsidering its position",
        "– It could destabilise the region and violate resolutions, the spokesman said, citing the agency.",
        "Drug makers are struggling to contain HIV/Aids in the region.",
        "The newsletter of the union said members would vote on Friday.",
        "Comments by the minister on Thursday were “incredibly concerning,” the spokesperson said.",
        "Brandt said the surge reached 2.4 metres, the highest since 1987.",
        "By Tuesday evening, the water had receded from most streets.",
        "The chef, who backed out of plans to open a cafÃ© at the hotel, said he was relieved.",
        "Poll: 3 battleground Senate races are tight;",
        '<post author="someone">The water is still rising on Main Street</post>',
        "The company updated its privacy policy after the regulator's ruling, the spokesman said.",
        "The file was handed to prosecutors on Friday.",
        "Load-bearing walls were damaged in the blast, engineers said.",
    ],
)
def test_body_lines_are_kept(line):
    for head, tail in ((False, False), (True, False), (False, True)):
        assert classify_line(line, head, tail) is None, (line, head, tail)


# --- titles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("Floodgates fail at Marrow Bay port as storm surge hits, officials say", False),
        ("Storm surge overwhelms port defences", False),
        ("Is the port ready for the next storm?", False),
        (
            "Seawater poured into the harbour district on Tuesday after a storm surge knocked out two gates.",
            True,
        ),
        ("MARROW BAY, March 3 (Northwire) - Two of the four floodgates failed", True),
        (" ".join(["word"] * 30), True),
    ],
)
def test_title_or_body(line, body):
    assert looks_like_body(line) is body


def test_headline_with_a_full_stop():
    # Title Case, or short and set apart above a longer paragraph: a headline despite the full stop.
    assert looks_like_body("Council Approves New Harbour Budget After Long Debate.") is False
    assert looks_like_body("Council approves harbour budget after long debate.", set_apart=True) is False
    assert looks_like_body("Council approves harbour budget after long debate.") is True
    art = article(
        "Council approves harbour budget.\n\nThe city council approved a 40 million budget for the harbour on "
        "Tuesday after a debate that lasted until midnight.\n\nThe vote was 21 to 9."
    )
    clean_article(art)
    assert art.title == "Council approves harbour budget."
    assert art.text.startswith("The city council approved")


def test_same_headline_handles_truncation():
    title = "Floodgates fail at Marrow Bay port as storm surge hits"
    assert same_headline(title, title)
    assert same_headline("Floodgates fail at Marrow Bay port as…", title)
    assert not same_headline("Floodgates fail at another port", title)


def test_txt_title_and_duplicated_headline():
    art = article(
        "Port closes after storm\n\nPort closes after storm\nThe port closed on Tuesday after a storm.\n"
    )
    clean_article(art)
    assert art.title == "Port closes after storm"
    assert art.text == "The port closed on Tuesday after a storm."
    assert [(r.text, r.reason) for r in art.removed] == [
        ("Port closes after storm", "title"),
        ("Port closes after storm", "duplicate-headline"),
    ]


def test_ingest_title_is_kept_but_duplicate_removed():
    art = article(
        "Port closes after storm\nThe port closed on Tuesday.", title="Port closes after storm", html=True
    )
    clean_article(art)
    assert art.title == "Port closes after storm"
    assert art.text == "The port closed on Tuesday."
    assert [r.reason for r in art.removed] == ["duplicate-headline"]


def test_body_first_line_is_not_a_title():
    art = article("The port closed on Tuesday after a storm surge hit the coast.\nNobody was hurt.")
    clean_article(art)
    assert art.title is None
    assert art.text.startswith("The port closed")


def test_every_raw_line_is_accounted_for():
    raw = (
        "Home > News > Ports\nPort closes after storm\nBy Ana Ruiz\nThe port closed on Tuesday.\n"
        "Photo: Jane Roe/Northwire\nIt will reopen on Friday.\n(Reporting by Ana Ruiz; Editing by Tom Hale)\n"
        "Leave a comment\n© 2026 Coastline Daily\n"
    )
    art = article(raw)
    clean_article(art)
    assert art.text == "The port closed on Tuesday.\nIt will reopen on Friday."
    assert art.author == "Ana Ruiz"
    assert [r.reason for r in art.removed] == [
        "breadcrumb",
        "title",
        "byline",
        "credit-photo",
        "attribution",
        "prompt",
        "copyright",
    ]
    assert art.attributions[0].names == ["Ana Ruiz", "Tom Hale"]


def test_comment_section_is_removed():
    raw = (
        "Port closes after storm\nThe port closed on Tuesday after a storm surge.\nIt will reopen on Friday.\n"
        "Workers were sent home.\n3 comments\nPosted by harbourfan · 2 hours ago\nWhat a mess, again!\nReply"
    )
    art = article(raw)
    clean_article(art)
    assert art.text.split("\n") == [
        "The port closed on Tuesday after a storm surge.",
        "It will reopen on Friday.",
        "Workers were sent home.",
    ]
    assert ("What a mess, again!", "comment") in {(r.text, r.reason) for r in art.removed}


# --- corpus statistics ------------------------------------------------------------------------

TOPICS = [
    ("harbour", "Floodgates failed at the harbour when the storm surge pushed seawater into the terminals."),
    ("library", "The central library reopened after renovation with a children's wing and a rooftop garden."),
    ("election", "Voters queued outside polling stations as turnout reached its highest level in decades."),
    ("football", "The striker scored twice in the second half as the visitors won the derby comfortably."),
    ("vaccine", "Health officials expanded the vaccination campaign to pharmacies and mobile clinics."),
]


def _unrelated(tail_line: str, source: str | None = "daily") -> list[Article]:
    out = []
    for i, (topic, sentence) in enumerate(TOPICS):
        raw = f"{topic.title()} news\n{sentence}\nMore details on the {topic} followed later.\n{tail_line}"
        out.append(article(raw, f"{topic}-{i}", source=source))
    return out


def test_short_line_repeated_across_unrelated_articles_is_furniture():
    arts = _unrelated("Daily Ledger Morning Edition")
    stats = LineStats.from_articles(arts)
    assert stats.reason("daily ledger morning edition") == "repeated-line"
    for a in arts:
        clean_article(a, stats)
        assert "Morning Edition" not in a.text
        assert ("Daily Ledger Morning Edition", "repeated-line") in {(r.text, r.reason) for r in a.removed}


def test_repeated_line_across_sources_needs_three_unrelated_articles():
    two = _unrelated("Daily Ledger Morning Edition", source=None)[:2]
    assert LineStats.from_articles(two).furniture == {}
    three = _unrelated("Daily Ledger Morning Edition", source=None)[:3]
    assert "daily ledger morning edition" in LineStats.from_articles(three).furniture


def test_body_sentence_shared_by_copies_of_one_story_is_not_furniture():
    shared = "Two of the four floodgates failed on Tuesday, the port director said."
    copies = []
    for i, extra in enumerate(
        ["Nobody was hurt.", "Ships were diverted.", "The pumps failed too.", "Rain continues."]
    ):
        raw = (
            f"Port floodgates fail\n{shared}\nAbout 1,200 workers were evacuated from the terminals.\n{extra}"
        )
        copies.append(article(raw, f"copy-{i}", source="wire" if i < 2 else f"outlet-{i}"))
    stats = LineStats.from_articles(copies)
    assert stats.furniture == {}
    for a in copies:
        clean_article(a, stats)
        assert shared in a.text


# --- HTML pages (hand labels in tests/data/html/labels.json) ------------------------------------


@pytest.fixture(scope="module")
def html_pages():
    labels = json.loads((HTML_DIR / "labels.json").read_text(encoding="utf-8"))
    result = analyze([HTML_DIR], Config(progress=False), stages=["clean", "text"])
    return labels, {a.id: a for a in result.articles}


def test_html_pages_are_many_layouts(html_pages):
    labels, articles = html_pages
    assert len(labels) >= 8
    assert set(labels) <= set(articles)


def test_html_furniture_removed_body_kept(html_pages):
    labels, articles = html_pages
    for page, lab in labels.items():
        art = articles[page]
        lines = set(art.text.split("\n"))
        for junk in lab["junk_lines"]:
            assert junk not in lines, (page, junk)
        for body in lab["body_lines"]:
            assert body in lines, (page, body)
        assert art.title == lab["title"], page


def test_html_credit_lines(html_pages):
    labels, articles = html_pages
    for page, lab in labels.items():
        got = [(a.kind, a.names) for a in articles[page].attributions]
        assert got == [(c["kind"], c["names"]) for c in lab["credits"]], page


# --- the stage on the bundled example ---------------------------------------------------------


def test_stage_on_bundled_example(tmp_path):
    from storytrace.testing.example import write_example

    write_example(tmp_path)
    result = analyze([tmp_path], Config(progress=False), stages=["clean"])
    arts = {a.id: a for a in result.articles}
    condensed = arts["coastline-daily/marrow-bay-floodgates.txt"]
    assert condensed.title == "Floodgates fail at Marrow Bay port as storm surge hits"
    assert [(a.kind, a.names) for a in condensed.attributions] == [("credit", ["Northwire"])]
    assert condensed.text.split("\n")[0].startswith("Two of the four floodgates")
    assert (
        condensed.text.split("\n")[-1]
        == "Shipping lines diverted at least nine vessels to the neighbouring port of Kessling."
    )
    original = arts["northwire/floodgates-fail.txt"]
    assert [(a.kind, a.names) for a in original.attributions] == [("reporting", ["Ana Ruiz", "Tom Hale"])]
    assert original.text.startswith("MARROW BAY, March 3 (Northwire)")
    assert arts["city-herald/dock-workers-chaos.txt"].text.endswith("opened two emergency shelters.")


def test_run_keeps_other_fields():
    corpus = Corpus(articles=[article("Title here\nBody sentence one is here.", source="x")])
    corpus.articles[0].url = "https://example.test/a"
    out = run_pipeline(corpus, Config(progress=False), ["clean"])
    assert out.articles[0].url == "https://example.test/a"
    assert out.articles[0].text == "Body sentence one is here."


# --- the generator's truth (junk_lines / body_lines) ------------------------------------------


def test_generated_corpus_against_truth(tmp_path):
    generator = pytest.importorskip(
        "storytrace.testing.generator", reason="the corpus generator is not installed"
    )
    out = tmp_path / "corpus.jsonl"
    info = generator.write_corpus(out, generator.GeneratorConfig(stories=40, per_story=8, seed=3))
    truth = json.loads(Path(info["truth_path"]).read_text(encoding="utf-8"))["articles"]
    result = analyze([out], Config(progress=False), stages=["clean"])
    arts = {a.id: a for a in result.articles}
    removed_junk = kept_junk = removed_body = 0
    for art_id, lab in truth.items():
        if art_id not in arts:  # exact duplicates collapse at the door
            continue
        lines = set(arts[art_id].text.split("\n"))
        removed_junk += sum(line not in lines for line in lab["junk_lines"])
        kept_junk += sum(line in lines for line in lab["junk_lines"])
        removed_body += sum(line not in lines for line in lab["body_lines"])
        got = [a.names for a in arts[art_id].attributions]
        assert got == [[c.removeprefix("With inputs from ")] for c in lab["credits"]], art_id
    assert removed_junk / (removed_junk + removed_body) >= 0.97
    assert removed_junk / (removed_junk + kept_junk) >= 0.97


def test_the_clean_stage_shares_repeated_furniture():
    """A furniture line repeated across articles is one object in memory, and stays each
    article's own record of what was removed."""
    body = [
        "The port closed on Tuesday after a storm.",
        "Flights resumed at noon on Friday.",
        "Schools reopened in the north.",
        "Markets fell by two percent.",
    ]
    arts = [
        article(f"Home > News > Ports\n{line}\nLeave a comment\n© 2026 Coastline Daily\n") for line in body
    ]
    corpus = run_pipeline(Corpus(articles=arts), Config(quiet=True), stages=["clean"])
    removed = [{r.text: r for r in a.removed} for a in corpus.articles]
    assert [a.text for a in corpus.articles] == body
    for line in ("Home > News > Ports", "Leave a comment", "© 2026 Coastline Daily"):
        assert all(line in r for r in removed)
        assert len({id(r[line]) for r in removed}) == 1


@pytest.mark.parametrize(
    "line,reason",
    [
        # invented: a page's date under a label or beside a desk name, in any language
        ("Letzte Änderung 14.02.2019", "meta"),
        ("Ultima modifica 3 marzo 2021", "meta"),
        ("24. März 2004, 19:49 | Redaktion", "meta"),
        # a date inside a statement, a field of a fact list, a timeline entry, a phone number: kept
        ("The vote on 3 May 2022", None),
        ("Datum der Aufnahme: 12.01.2020", None),
        ("14.02.2019 – Gründung der Firma Keller", None),
        ("+81 158-23-2012", None),
    ],
)
def test_a_date_with_at_most_two_other_words_is_a_timestamp(line, reason):
    assert classify_line(line) == reason
