"""HTML pages: only articles become articles; titles and outlets without site furniture."""

from storytrace.ingest.html import clean_title, not_an_article
from storytrace.ingest.readers import IngestOptions, record_fields

PARA = ("The regional council approved the new ferry timetable on Monday after a long debate about "
        "fares, night services and the harbour works that closed two piers last winter. ")


def test_site_names_and_dates_leave_the_title() -> None:
    assert clean_title("Ferry timetable approved | Harbour Post", "Harbour Post", "harbourpost.example") == \
        "Ferry timetable approved"
    assert clean_title("Ferry timetable approved - Harbourpost", None, "harbourpost.example") == \
        "Ferry timetable approved"
    assert clean_title("Ferry plan | HP | 10.06.2013", "HP", "hp.example") == "Ferry plan"
    assert clean_title("Spider-Man - a review", None, "films.example") == "Spider-Man – a review"
    assert clean_title("Harbourpost", None, "harbourpost.example") is None  # only the site: no headline


def test_a_page_without_article_text_is_skipped_with_its_reason() -> None:
    opts = IngestOptions()
    assert "no article text" in not_an_article("Accept cookies to continue. Log in.", opts)
    assert "code" in not_an_article("{{ item.title }} <% if (x) { y(); } %> $(function(){ z[0] = 1; });" * 10, opts)
    assert not_an_article(PARA * 3, opts) is None


def test_the_article_cut_offs_are_options() -> None:
    short = PARA * 3
    assert "no article text" in not_an_article(short, IngestOptions(min_article_words=len(short.split()) + 1))
    code = PARA * 3 + "{}();=" * 3
    assert not_an_article(code, IngestOptions()) is None
    assert "code" in not_an_article(code, IngestOptions(max_code_share=0.001))
    page = f"<html><body><article><p>{short}</p></article></body></html>"
    assert not isinstance(record_fields({"html": page}), str)
    assert "no article text" in record_fields({"html": page}, IngestOptions(min_article_words=10_000))


def test_an_html_record_without_article_text_is_one_skip_reason_and_outlet_is_the_domain() -> None:
    assert "no article text" in record_fields({"html": "<html><body><p>Sign in to read.</p></body></html>"})
    page = f"<html><head><title>Ferry plan | Harbourpost</title></head><body><article><p>{PARA * 3}</p></article></body></html>"
    fields = record_fields({"html": page, "url": "https://www.harbourpost.example/ferry"})
    assert not isinstance(fields, str)
    meta = fields[1]
    assert meta["title"] == "Ferry plan"
    assert meta["source"] == "harbourpost.example"
