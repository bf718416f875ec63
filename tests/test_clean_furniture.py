"""Furniture and credit lines on hand-written pages in languages the stories-dev clusters lack.

The pages in tests/data/furniture (German, Italian, Portuguese, Dutch, Czech, English; invented
text) mark every furniture line ``F| `` and every credit line ``C| `` by hand; they never trained
the line model (that used tests/data/furniture-train, the generator and trafilatura's tuning half).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from storytrace.clean.article import clean_article
from storytrace.clean.attribution import parse_attribution
from storytrace.clean.signals import byline_names, cta_hits, fold, name_keys, stop_words
from storytrace.model import Article

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "tests" / "data" / "furniture").glob("*.txt"))


def _read_labelled():
    spec = importlib.util.spec_from_file_location("furniture_eval", ROOT / "eval" / "furniture.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.read_labelled


def _clean(d: dict) -> Article:
    art = Article(id="p", source=d["source"], url=d["url"])
    art._raw = d["text"]
    clean_article(art)
    return art


def test_hand_labelled_pages_furniture_out_body_in_credits_kept():
    read = _read_labelled()
    assert len(PAGES) >= 5
    furniture = removed = 0
    for path in PAGES:
        d = read(path)
        art = _clean(d)
        kept = set(art.text.split("\n"))
        lines = [x.strip() for x in d["text"].split("\n")[1:] if x.strip()]
        for line in lines:
            if line in d["credit_lines"]:
                assert line in [a.text for a in art.attributions], (path.name, line)
                assert line not in kept
            elif line in d["furniture"]:
                furniture += 1
                removed += line not in kept
            else:
                assert line in kept, (path.name, line)  # no body line is ever lost
    assert removed / furniture >= 0.9, (removed, furniture)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Compiled from agency reports", ["agency"]),
        ("Material from news agencies was used in this report.", ["agencies"]),
        ("Avec AFP", ["AFP"]),
        ("Com Lusa", ["Lusa"]),
        ("Źródło: PAP", ["PAP"]),
        ("Kaynak: AA", ["AA"]),
        ("Fuente: EFE", ["EFE"]),
        ("Bron: ANP", ["ANP"]),
        ("Zdroj: ČTK", ["ČTK"]),
        ("Additional reporting: Jo Roe", ["Jo Roe"]),
        ("Com informações da Agência Sul", ["Agência Sul"]),
        ("Mit Material von dpa und AFP", ["dpa", "AFP"]),
    ],
)
def test_credit_lines_in_many_wordings(line, names):
    credit = parse_attribution(line)
    assert credit is not None, line
    assert credit.names == names


@pytest.mark.parametrize(
    "line",
    [
        "The agency said it would appeal the ruling on Monday.",
        "Mit Freunden und Familie feierte sie bis in die Nacht ihren Sieg.",
        "Com o apoio do governo, a obra terminou em março.",
    ],
)
def test_sentences_about_agencies_are_not_credits(line):
    assert parse_attribution(line) is None


def _page(body_tail: list[str], source: str = "Valley Post") -> Article:
    paragraphs = [
        "The regional council approved a new flood plan on Tuesday after two years of debate.",
        "The plan foresees higher dikes along the river and a new pumping station near the harbour.",
        '"We cannot wait for the next flood," said council leader Maria Stein at the meeting.',
        "Work is due to start in the spring and should take about three years to finish.",
    ]
    art = Article(id="x", source=source, url="https://valleypost.example/news/flood-plan")
    art._raw = "Council approves flood plan\n\n" + "\n\n".join(paragraphs + body_tail) + "\n"
    clean_article(art)
    return art


def test_calls_to_action_addressed_to_the_reader_go_body_sentences_stay():
    art = _page(
        [
            "Share prices of the construction firm rose 3 percent on the news.",
            "Follow Valley Post on Instagram for more local news.",
            "Is the plan enough? Send your view to the editors in the comments.",
        ]
    )
    assert "Share prices of the construction firm rose 3 percent on the news." in art.text
    assert "Follow Valley Post" not in art.text
    assert "Send your view" not in art.text


def test_pull_quote_repeating_the_body_is_removed():
    art = _page(['"We cannot wait for the next flood"'])
    assert art.text.count("We cannot wait for the next flood") == 1
    assert any(r.reason == "pull-quote" for r in art.removed)


def test_stop_words_cover_many_languages_and_outlet_names_come_from_metadata():
    for lang, word in (("pl", "się"), ("tr", "ve"), ("pt", "que"), ("nl", "het"), ("cs", "je")):
        assert word in stop_words(lang), lang
    assert stop_words("xx") == frozenset()
    assert "ninety minutes" in name_keys("Ninety Minutes News", "https://ninetyminutes-news.example/a")
    assert "citybrief" in name_keys("CityBrief Local", "https://citybrief-local.example/a")


def test_byline_name_is_two_whole_words_and_its_bio_goes():
    # invented byline: the name's last word must not be split to make up a two-word name
    assert byline_names(["Headline", "By Ada Lind, science editor"], None) == ("ada lind",)
    art = _page(["Ada Lind has covered climate science for the paper since 2019."])
    art2 = Article(id="y", source="Valley Post", url="https://valleypost.example/a")
    art2._raw = art._raw.replace(
        "Council approves flood plan\n\n", "Council approves flood plan\n\nBy Ada Lind, science editor\n\n"
    )
    clean_article(art2)
    assert "Ada Lind has covered" not in art2.text
    assert "Work is due to start in the spring" in art2.text


def test_turkish_dotted_capital_folds_to_the_lexicon_word():
    assert fold("İlgili") == "ilgili"
    assert cta_hits([fold("İlgili")]) == 1


def _spaced(head: list[str], body: list[str], foot: list[str]) -> Article:
    art = Article(id="z", source="Valley Post", url="https://valleypost.example/a")
    art._raw = "Council approves flood plan\n\n" + "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n\n"
    art._raw += "\n".join(foot) + "\n"
    clean_article(art)
    return art


BODY = [
    "The regional council approved a new flood plan on Tuesday after two years of debate.",
    "The plan foresees higher dikes along the river and a new pumping station near the harbour.",
    "Work is due to start in the spring and should take about three years to finish.",
]


def test_a_short_line_glued_to_the_head_or_foot_furniture_goes_with_it():
    art = _spaced(
        ["Home › Region › Floods", "Local news around the clock, 24/7"],
        BODY,
        ["Club members: tickets for the river walk go on sale at 09:00.", "Posted in Region | 14 comments"],
    )
    assert "24/7" not in art.text
    assert "river walk" not in art.text
    assert all(line in art.text for line in BODY)


def test_body_glued_to_furniture_stays_when_long_or_plain():
    lede = (
        "The regional council approved a new flood plan on Tuesday after two years of debate, "
        "promising higher dikes along the river, a pumping station and new warning sirens in every village."
    )
    last = "Work starts in the spring."
    art = _spaced(["Home › Region › Floods", lede], BODY[1:2], [last, "© Valley Post 2026"])
    assert lede in art.text  # too long for a furniture run
    assert last in art.text  # short, but a plain sentence with no cue


# Paragraphs of an invented article, as an HTML extraction writes them (one line each, no blank lines).
HTML_BODY = [
    "The regional council approved a new flood plan on Tuesday after two years of debate.",
    "The plan foresees higher dikes along the river and a new pumping station near the harbour.",
    "Work is due to start in the spring and should take about three years to finish.",
]


def _html_page(tail: list[str], html: bool = True) -> Article:
    art = Article(id="h", source="Valley Post", url="https://valleypost.example/a", title="Flood plan")
    art._raw = "\n".join(HTML_BODY + tail) + "\n"
    art._html = html
    clean_article(art)
    return art


def test_teaser_headlines_below_the_foot_furniture_go():
    # a share bar, then a "read next" block: its label and the teased headlines lead elsewhere
    teasers = ["Already read?", "Harbour ferry gets a new timetable", "Two cafés open on the quay"]
    art = _html_page(["Follow us on Twitter", "Like us on Facebook", *teasers])
    kept = art.text.split("\n")
    assert all(line not in kept for line in teasers)
    assert kept == HTML_BODY


def test_a_list_or_a_reference_at_the_foot_stays():
    specs = ["- Length: 2.4 metres", "- Weight: 186 grams", "- Price: 159 euros"]
    art = _html_page(["Follow us on Twitter", *specs])
    assert all(line in art.text.split("\n") for line in specs)  # list items are content
    ref = "(Regional court, ruling of 3 January 2022, case 240/21)"
    assert ref in _html_page([ref]).text  # the text's own reference, in brackets


def test_a_label_ending_an_extracted_page_goes_a_plain_texts_last_line_stays():
    label = "Other topics from the region"
    assert label not in _html_page([label]).text.split("\n")  # a heading with nothing under it
    assert label in _html_page([label], html=False).text.split("\n")  # the author's own line


def test_a_sentence_closed_by_a_german_quotation_mark_is_prose():
    from storytrace.clean.signals import is_body_sentence

    line = "Die Sprecherin sagte: „Der neue Damm schützt die Altstadt vor dem nächsten Hochwasser.“"
    assert is_body_sentence(line, stop_words("de"))
    assert not is_body_sentence("Auch gelesen?", stop_words("de"))  # too short to be prose


@pytest.mark.parametrize(
    ("line", "teaser"),
    [
        ("See: Harbour ferry gets a new timetable", True),  # an imperative label
        ("LEA TAMBIÉN: El puerto abre una nueva terminal", True),  # "read also", in capitals
        ("Puede interesarle: El puerto abre una nueva terminal", True),  # "may interest you"
        ("Auch interessant: Neue Fähre für den Hafen", True),
        ("Podcast: Die Woche im Hafen, Folge 12", True),  # a call word in the label
        ("Neues gastronomisches Konzept: Drei Köche übernehmen das Hafenrestaurant", False),  # a subheading
        ("Ergebnis: Die Stadt spart 12 Millionen Euro im Jahr.", False),  # a sentence
        ("See: it", False),  # no headline after the label
        ("Download: 250 Mbit/s, upload 40 Mbit/s", False),  # a field of a spec sheet
        ("- Also: two new cafés on the quay", False),  # a list item
    ],
)
def test_a_teaser_is_a_headline_under_a_calling_label(line, teaser):
    from storytrace.clean.signals import is_teaser

    assert is_teaser(line) is teaser


def test_a_call_opening_a_sentence_to_the_reader_goes():
    later = "The council will vote on the budget for the pumping station in March."
    art = _page(["See what is new on our YouTube page this week!", later])  # between two paragraphs
    assert "YouTube" not in art.text
    assert later in art.text


def test_a_call_in_the_foot_block_goes_the_same_sentence_in_the_prose_stays():
    call = "Flood alerts are sent to phones: download the city app before the storm season."
    foot = _html_page(["Subscribe now to the print edition.", call])
    assert call not in foot.text  # below a removed promo, at the very end
    prose = _html_page([call, HTML_BODY[0].replace("Tuesday", "Monday")])
    assert call in prose.text  # followed by prose: kept (one weak cue never removes a sentence)


def test_a_quotations_signature_with_a_date_is_content():
    from storytrace.clean.lines import classify_line

    assert classify_line("— Ada Lind (@adalind) January 24, 2020") is None
    assert classify_line("— Ada Lind, 24. Januar 2020") is None
    assert classify_line("Published 24 January 2020, 10:15") == "meta"


def test_a_source_line_names_the_source_not_its_date_and_place():
    credit = parse_attribution("Quelle: Deutscher Hafenverband (DHV), 02. Februar 2022, Bremen")
    assert credit is not None and credit.names == ["Deutscher Hafenverband (DHV)"]
    assert parse_attribution("Source: 20 Minutes").names == ["20 Minutes"]  # a name may open with a digit


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Diese Beiträge könnten Sie auch interessieren:", True),
        ("You may also be interested in", True),
        ("Also on our site:", True),
        ("Interest rates and inflation", False),  # a subheading about interest
        ("US interest rates rise to 2%", False),  # "US", the country, is not the reader's "us"
        ("Interesting links:", False),  # "interest" alone also heads a list of the text's own
        ("Also in the plan", False),  # "also" without a call or the reader
        ("You may also be interested in the new ferry.", False),  # a sentence
    ],
)
def test_a_related_heading_offers_other_articles(line, heading):
    from storytrace.clean.signals import is_related_heading

    assert is_related_heading(line) is heading


def test_the_teasers_under_a_related_heading_go_up_to_the_next_prose():
    teasers = [
        "You may also be interested in:",
        "- Harbour ferry gets a new timetable",
        "Two cafés open on the quay",
    ]
    art = _html_page([*teasers, HTML_BODY[0].replace("Tuesday", "Monday")])
    kept = art.text.split("\n")
    assert all(t not in kept for t in teasers)
    assert HTML_BODY[0].replace("Tuesday", "Monday") in kept  # the prose below the block stays
    specs = ["Interest rates and inflation", "- Rates: 4.5 percent", "- Inflation: 2.1 percent"]
    assert all(s in _html_page(specs + HTML_BODY[:1]).text.split("\n") for s in specs)


def test_guillemets_that_quote_are_not_bar_separators():
    from storytrace.clean.signals import is_body_sentence, separators

    german = "Der Bürgermeister sprach von einem »schwarzen Tag« für die Stadt und ihre Fischer."
    french = "Le ministre a parlé d'une «situation grave» devant les députés de la commission."
    assert separators(german) == [] and is_body_sentence(german, stop_words("de"))
    assert separators(french) == [] and is_body_sentence(french, stop_words("fr"))
    assert len(separators("Start » Politik » Inland")) == 2  # a breadcrumb's bars still count


def test_a_headline_that_reads_like_a_related_heading_is_still_the_title():
    art = Article(id="t", source="Valley Post")
    art._raw = "Also on our coast, ferries\n\n" + "\n\n".join(BODY) + "\n"
    clean_article(art)
    assert art.title == "Also on our coast, ferries"


def test_line_features_character_counts_match_their_definitions():
    """The symbol, capitals and digits features are counted through C-level map/filter and an
    ASCII shortcut; on lines of every script (and every ASCII character) they equal the plain
    per-character definitions."""
    import random
    import unicodedata

    from storytrace.clean.signals import FEATURES, Page, has_symbol, line_features, words_of

    def symbol(ch: str) -> bool:
        return unicodedata.category(ch) in ("So", "Sk") or ch in "►▶▸▷→←↑↓★☆✓✔✚"

    rng = random.Random(7)
    pool = [chr(i) for i in range(32, 127)] + list("€©®°½²ⅧⒶ→★✓▶ÄÖÜßİıçğşЖжΩωאבعربي中文한국어 \u0301\u200b")
    lines = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 80))) for _ in range(3000)]
    lines += [chr(i) for i in range(32, 127)] + ["Plain ASCII line of prose.", "Tags: A ^ B", "Back`tick"]
    caps_i, sym_i, dig_i = FEATURES.index("caps"), FEATURES.index("symbol"), FEATURES.index("digits")
    for line in lines:
        assert has_symbol(line) == any(symbol(c) for c in line), line
        x = line_features(0, Page(lines=[line], bodylike=[False]))
        letters = [c for c in line if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        nw = max(len(words_of(line)), 1)
        caps = float(len(letters) >= 6 and upper / len(letters) > 0.6 and nw >= 3)
        assert x[caps_i] == caps, line
        assert x[sym_i] == float(any(symbol(c) for c in line)), line
        assert x[dig_i] == min(sum(c.isdigit() for c in line) / max(len(line), 1) * 5, 1.0), line


def test_a_plain_sentence_that_neither_calls_nor_names_the_page_has_no_strong_evidence():
    """``furniture_reason`` keeps such a sentence without computing its features: that is only
    right while the model's strong evidence needs a call, the outlet's name or the author's."""
    from storytrace.clean.article import article_lines
    from storytrace.clean.linemodel import furniture_reason, strong_evidence
    from storytrace.clean.signals import line_features, page_context, voice

    read = _read_labelled()
    pages = sorted((ROOT / "tests" / "data").glob("furniture*/*.txt"))
    plain = 0
    for path in pages:
        d = read(path)
        art = Article(id="p", source=d["source"], url=d["url"])
        art._raw = d["text"]
        lines = article_lines(art)
        page = page_context(lines, d["text"], None, art.source, art.url, None)
        for k, line in enumerate(lines):
            said = voice(line, page)
            if page.bodylike[k] and not (said.cta or said.own or said.author):
                plain += 1
                assert strong_evidence(line_features(k, page)) is None, (path.name, line)
                assert furniture_reason(k, page) is None
    assert plain >= 50  # the check ran over many sentences
