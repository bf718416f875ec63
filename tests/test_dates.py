"""Publication days: validated ISO values and datelines read from the text (hand-written cases)."""

import random
import re

import pytest

from storytrace.text.dates import alternation, date_in_text, day_of, day_of_year_in_text


@pytest.mark.parametrize("value", ["not a date <b>", "1e308", "", None, "0001-01-01", "2999-01-01", "x" * 100])
def test_implausible_publication_times_are_rejected(value) -> None:
    assert day_of(value) is None


def test_iso_times_with_and_without_zone_are_days_since_1970() -> None:
    assert day_of("1970-01-02") == 1.0
    assert day_of("1970-01-01T12:00:00Z") == 0.5
    assert day_of("1970-01-01T12:00:00+12:00") == 0.0


@pytest.mark.parametrize("head, expected", [
    ("OSLO, 4 March 2024 (Agency) - A ferry", "2024-03-04"),
    ("WASHINGTON, March 4, 2024 — Lawmakers", "2024-03-04"),
    ("Lyon, 4 mars 2024. Le conseil", "2024-03-04"),
    ("Köln, 4. März 2024. Der Rat", "2024-03-04"),
    ("Sevilla, 4 de marzo de 2024. El consejo", "2024-03-04"),
    ("Kraków, 4 marca 2024. Rada miasta", "2024-03-04"),
    ("Posted 2024-03-04 by the desk", "2024-03-04"),
])
def test_a_dateline_gives_the_day(head: str, expected: str) -> None:
    assert date_in_text(None, head + " voted on the new harbour plan.") == expected


def test_no_full_date_no_guess() -> None:
    assert date_in_text("Council votes", "The council met in March 2024 and on 31 February 2024.") is None
    # a date far into the text is what the article is about, not when it was written
    assert date_in_text(None, "A long opening. " * 40 + "It happened on 4 March 1999.") is None


@pytest.mark.parametrize("head, expected", [
    ("HARWICK, Nov 18 (Agency) - A kitchenware maker", 323),   # 31+29+31+30+31+30+31+31+30+31 + 18
    ("PARIS, 18 novembre (AFP) - Le fabricant", 323),
    ("Some headline\nLONDON, March 3rd - The council", 63),   # 31 + 29 + 3 (counted in a leap year)
    ("Feb 29 - Leap day", 60),
])
def test_a_dateline_without_a_year_gives_the_day_of_the_year(head: str, expected: int) -> None:
    assert day_of_year_in_text(None, head + " voted on the new harbour plan.") == expected


@pytest.mark.parametrize("head", [
    "The city has until June 10 to switch off the cameras",     # a deadline inside a sentence
    "OSLO, 4 March 2024 (Agency) - A ferry",                    # a full date: date_in_text reads it
    "The council met and nothing else happened",
])
def test_no_day_of_the_year_where_no_dateline_opens_a_line(head: str) -> None:
    assert day_of_year_in_text(None, head) is None


def test_the_trie_alternation_matches_what_the_flat_one_does() -> None:
    # words that are prefixes of each other, a space and an apostrophe inside, an empty choice
    words = ["mar", "mars", "marzo", "march", "marc", "ma", "de gen", "de gener", "d’abr", "d’abril", "m"]
    flat = re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b", re.I)
    trie = re.compile(r"\b(" + alternation(words) + r")\b", re.I)
    rng = random.Random(7)
    pieces = [*words, "MARS", "Marz", "de", "gener", "d’", "x", "1", " ", ".", ","]
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) + rng.choice(["", ".", "s", ""]) for _ in range(5))
        assert [m.span(1) for m in trie.finditer(text)] == [m.span(1) for m in flat.finditer(text)], text
    assert re.fullmatch(alternation([]), "") is None  # no word: matches nothing
