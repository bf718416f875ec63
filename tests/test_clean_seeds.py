"""Acceptance of the clean stage on the five seed articles, with labels written by hand.

Every furniture line below was read off the files and must leave ``text``; every body fragment
must survive. The condensed copy's credit line must land in ``attributions``.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def norm(s: str) -> str:
    """Spaces unified (the files hold no-break spaces), so hand-typed labels compare equal."""
    return " ".join(s.replace("\xa0", " ").split())


SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"

# article id -> (line that must be removed, expected reason family)
FURNITURE: dict[str, list[tuple[str, str]]] = {
    "000_adc079aa63463c9a.txt": [
        (
            "Home North America US Says Putin’s Remarks About Possible Weapons For North Korea Are ‘Incredibly...",
            "breadcrumb",
        ),
        (
            "US Says Putin’s Remarks About Possible Weapons For North Korea Are ‘Incredibly Concerning’",
            "title",
        ),
        ("Putin, North Korea, US, weapons", "tags"),
        (
            "Russia's President Vladimir Putin and North Korea's leader Kim Jong Un ride an Aurus car in Pyongyang, "
            "North Korea in this image released by the Korean Central News Agency June 20, 2024. KCNA via REUTERS.",
            "caption",
        ),
        ("Nitin A Gokhale WhatsApp Channel", "promo"),
        ("With inputs from Reuters", "attribution"),
    ],
    "001_95ac1f7326fa371e.txt": [],
    "002_e1051f1770704682.txt": [
        ("Russia ready to arm North Korea – threat ‘incredibly worrying’", "title"),
        ("See also  Reckless Love band member quits band - Ollie Herman talks future", "related-link"),
        ("The story continues after the film.", "promo"),
        (
            "Putin and Kim Jong-un in Pyongyang on Wednesday. GAVRIIL GRIGOROV / Sputnik / Kremlin Pool, EPA / AOP",
            "caption",
        ),
        ("Leave a Reply", "prompt"),
        ("Your email address will not be published. Required fields are marked *", "prompt"),
    ],
    "003_7e0f51a3e433fde6.txt": [
        ("U.S. Concerned Over Potential Russia-North Korea Arms Deal", "title"),
        ("U.S. Concerned Over Potential Russia-North Korea Arms Deal", "duplicate-headline"),
        (
            "The comments posted here are not from Cnews Live. Kindly refrain from using derogatory, personal, "
            "or obscene words in your comments.",
            "disclaimer",
        ),
    ],
    "004_933459f4706ab866.txt": [("Copyright 2024, Patriot.Buzz", "copyright")],
}

TITLES: dict[str, str | None] = {
    "000_adc079aa63463c9a.txt": "US Says Putin’s Remarks About Possible Weapons For North Korea Are ‘Incredibly Concerning’",
    "001_95ac1f7326fa371e.txt": None,  # opens with a full body sentence
    "002_e1051f1770704682.txt": "Russia ready to arm North Korea – threat ‘incredibly worrying’",
    "003_7e0f51a3e433fde6.txt": "U.S. Concerned Over Potential Russia-North Korea Arms Deal",
    "004_933459f4706ab866.txt": None,  # opens with a long body sentence
}

# Distinctive fragments of every body paragraph, in reading order.
BODY: dict[str, list[str]] = {
    "000_adc079aa63463c9a.txt": [
        "The US has voiced its concern over President Putin’s comment",
        "are “incredibly concerning.”",
        "Putin suggested weapons supplies to Pyongyang would be a mirror response",
        "These remarks were made after his visit to North Korea.",
        "He warned South Korea that it would be making “a big mistake”",
        "painful for Seoul.",
        "Miller said Putin’s remarks about possible arms supplies",
        "“Depending on the type of weapons they provide",
        "The pact signed by Putin and North Korean leader Kim Jong Un on Wednesday",
        "This is in the event of armed aggression",
        "White House national security spokesperson John Kirby called it a cause of concern",
        "was a sign of desperation.",
        "“Obviously, it’s something we’ve taken seriously.”",
        "The head of NATO also voiced his concern",
        "“We’ve been talking about this and warning about a burgeoning defence relationship",
        "US officials have said they believe North Korea is keen to acquire fighter aircraft.",
        "Russia could also provide surface-to-air missiles",
    ],
    "001_95ac1f7326fa371e.txt": [
        "Comments by Russian President Vladimir Putin on Thursday",
        "Putin suggested after a visit to North Korea this week",
        "He also warned that U.S. ally South Korea",
        "“It is incredibly concerning,” Miller told a news briefing",
        "“It would destabilize the Korean Peninsula, of course",
        "The treaty signed by Putin and Kim on Wednesday",
        "White House national security spokesperson John Kirby said called it",
        "“We’ve been talking about this and warning",
        "“Obviously it’s something we’ve taken seriously.”",
        "Kirby said the U.S. also believed the Russia-North Korea pact",
        "The head of NATO said on Tuesday",
        "U.S. officials have said they believe North Korea is keen",
        "The United States and Ukraine say North Korea has already provided",
        "Western countries have condemned Russia for vetoing",
        "Kirby also said the Biden administration had been bolstering",
        "Two U.S. senators, Republican Senator Lindsey Graham",
        "“This picture says it all,” Blumenthal told a news conference, holding up a photo",
        "The two senators have been pushing the legislation since 2022",
        "Moscow has told Washington that diplomatic ties would be badly damaged",
    ],
    "002_e1051f1770704682.txt": [
        "The US State Department is concerned about a joint deal",
        "The United States is concerned about the joint accord",
        "Speaking in Vietnam on Thursday, Putin said he would not rule out",
        "A spokesperson for the US State Department Matthew Miller",
        "– It could destabilize the Korean Peninsula and violate UN Security Council resolutions",
        "The West accused North Korea of supplying Russia with munitions",
        "According to Reuters, fragments of North Korean missiles",
        "Russia, on the other hand, fears helping North Korea",
        "According to AFP, a Japanese government spokesman",
        "Putin And Kim signed a “comprehensive strategic partnership agreement”",
        "not just a “collective agreement”.",
        "South Korea is reconsidering its position",
        "In Vietnam on Thursday, Putin warned South Korea",
        "South Korea has a long-standing policy of refusing",
        "South Korea’s National Security Adviser Song Ho-jin",
        "– We are going to review the issue of arms assistance to Ukraine, Chang said.",
        "Miller says, “Each country has to make its own decision",
        "– We welcome all support for Ukraine in the fight against Russian aggression, says Miller.",
    ],
    "003_7e0f51a3e433fde6.txt": [
        "U.S. State Department spokesperson Matthew Miller expressed deep concern",
        "Putin, after visiting North Korea, indicated",
        "He also warned South Korea against arming Ukraine",
        "Miller emphasized the destabilizing effect",
        "The defense pact between Putin and North Korean leader Kim Jong Un",
        "White House national security spokesperson John Kirby noted",
        "He mentioned ongoing concerns about Russia supporting",
        "U.S. officials believe North Korea seeks advanced military technologies",
        "Russia's veto of extending a U.N. body",
        "Kirby also suggested that the Russia-North Korea pact would concern China",
        "Analysts, such as former Obama administration Asia specialist Evan Medeiros",
        "There are fears this could lead to renewed nuclear testing",
        "In response, Senators Lindsey Graham and Richard Blumenthal",
        "Russia has warned that such a designation could severely damage",
    ],
    "004_933459f4706ab866.txt": [
        "(Patriot.Buzz) – Not content with the ongoing conflict in Ukraine",
        "U.S. State Department spokesperson Matthew Miller expressed significant concern",
        "Following a defense pact signed with North Korean leader Kim Jong Un",
        "“It is incredibly concerning,” Miller stated at a news briefing",
        "He noted that depending on the type of weapons provided",
        "The defense agreement between Russia and North Korea specifies",
        "This development has raised alarms",
        "White House national security spokesperson John Kirby described the pact",
        "“We’ve been talking about this and warning about a burgeoning defense relationship",
        "The NATO chief also voiced concerns earlier this week",
        "According to U.S. officials, North Korea is likely seeking",
        "The U.S. and Ukraine have accused North Korea",
        "The situation has led to international condemnation",
        "Former Obama administration Asia specialist Evan Medeiros, now at Georgetown University",
        "He added that “this relationship could give North Korea confidence",
        "Maybe it could manifest in North Korea starting nuclear testing again.”",
    ],
}


@pytest.fixture(scope="module")
def cleaned():
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS} (../shared is absent outside CI)")
    from storytrace.config import Config
    from storytrace.pipeline import analyze

    result = analyze([SEEDS], Config(progress=False), stages=["clean", "text"])
    return {a.id: a for a in result.articles}


def test_all_seeds_read(cleaned):
    assert sorted(cleaned) == sorted(FURNITURE)


@pytest.mark.parametrize("art_id", sorted(FURNITURE))
def test_furniture_leaves_text(cleaned, art_id):
    article = cleaned[art_id]
    text_lines = {norm(t) for t in article.text.split("\n")}
    removed = {(norm(r.text), r.reason) for r in article.removed}
    for line, reason in FURNITURE[art_id]:
        line = norm(line)
        assert line not in text_lines, f"furniture kept in {art_id}: {line!r}"
        assert (line, reason) in removed, f"{line!r} not removed as {reason!r} in {art_id}"


@pytest.mark.parametrize("art_id", sorted(BODY))
def test_body_survives(cleaned, art_id):
    text = norm(cleaned[art_id].text)
    for fragment in BODY[art_id]:
        assert norm(fragment) in text, f"body lost in {art_id}: {fragment!r}"
    # the fragments keep their reading order
    positions = [text.index(norm(f)) for f in BODY[art_id]]
    assert positions == sorted(positions)


@pytest.mark.parametrize("art_id", sorted(TITLES))
def test_titles(cleaned, art_id):
    title = cleaned[art_id].title
    assert (norm(title) if title else None) == TITLES[art_id]


def test_credit_line_is_attribution(cleaned):
    article = cleaned["000_adc079aa63463c9a.txt"]
    credits = [a for a in article.attributions if a.text == "With inputs from Reuters"]
    assert len(credits) == 1
    assert credits[0].kind == "credit"
    assert credits[0].names == ["Reuters"]
    assert "With inputs from" not in article.text


def test_no_other_article_has_credits(cleaned):
    for art_id, article in cleaned.items():
        if art_id != "000_adc079aa63463c9a.txt":
            assert article.attributions == [], art_id


def test_sentences_point_into_clean_text(cleaned):
    article = cleaned["002_e1051f1770704682.txt"]
    assert article.sentences
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)
    assert not any("Required fields" in s.text for s in article.sentences)
