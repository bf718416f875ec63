"""Text stage: sentence offsets, abbreviations, CJK/Thai, language id (hand-written samples)."""

from __future__ import annotations

import pytest

from storytrace.config import Config
from storytrace.model import Article, Corpus
from storytrace.text import run as text_run
from storytrace.text.language import detect_language
from storytrace.text.sentences import split_sentences

SAMPLES = {
    "en": (
        "Mr. Okafor met Dr. Lind in Tarrow on Monday. The U.S. delegation arrived later.\n"
        "“We will rebuild,” she said. J. R. Berg agreed.",
        [
            "Mr. Okafor met Dr. Lind in Tarrow on Monday.",
            "The U.S. delegation arrived later.",
            "“We will rebuild,” she said.",
            "J. R. Berg agreed.",
        ],
    ),
    "de": (
        "Die Feuerwehr war mit 80 Kräften im Einsatz. Verletzt wurde niemand.",
        ["Die Feuerwehr war mit 80 Kräften im Einsatz.", "Verletzt wurde niemand."],
    ),
    "ja": (
        "東京で強い地震が発生した。けが人は確認されていない。政府は調査を始めた。",
        ["東京で強い地震が発生した。", "けが人は確認されていない。", "政府は調査を始めた。"],
    ),
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_sentences_match_hand_split_and_offsets(lang):
    text, expected = SAMPLES[lang]
    got = split_sentences(text)
    assert [s.text for s in got] == expected
    assert all(text[s.start : s.end] == s.text for s in got)


def test_glued_full_stop_is_a_boundary():
    text = "The bridge was closed for repairs.Traffic moved to the ring road."
    assert [s.text for s in split_sentences(text)] == [
        "The bridge was closed for repairs.",
        "Traffic moved to the ring road.",
    ]


def test_offsets_survive_blank_lines_and_indentation():
    text = "  First line here.\n\n\tSecond one, indented.  \nThird.\n"
    got = split_sentences(text)
    assert [s.text for s in got] == ["First line here.", "Second one, indented.", "Third."]
    assert all(text[s.start : s.end] == s.text for s in got)


def test_thai_text_without_full_stops_keeps_offsets():
    text = "วันนี้ฝนตกหนักในกรุงเทพ\nถนนหลายสายมีน้ำท่วมขัง"
    got = split_sentences(text)
    assert [s.text for s in got] == ["วันนี้ฝนตกหนักในกรุงเทพ", "ถนนหลายสายมีน้ำท่วมขัง"]


@pytest.mark.parametrize(
    "text,lang",
    [
        ("The council voted on Tuesday to close the old harbour bridge for repairs until spring.", "en"),
        ("Der Stadtrat hat am Dienstag beschlossen, die alte Hafenbrücke bis zum Frühjahr zu sperren.", "de"),
        ("Le conseil municipal a décidé mardi de fermer le vieux pont du port jusqu'au printemps.", "fr"),
        ("El ayuntamiento decidió el martes cerrar el viejo puente del puerto hasta la primavera.", "es"),
        ("市議会は火曜日、古い港の橋を春まで閉鎖することを決めた。", "ja"),
    ],
)
def test_language_id(text, lang):
    assert detect_language(text) == lang


def test_language_unknown_for_too_little_text():
    assert detect_language("12 / 34 --") is None


def test_stage_sets_sentences_language_and_equal_hashes_for_equal_text():
    a = Article(id="a", text="Floods hit the valley on Friday. Roads were closed.")
    b = Article(id="b", text="Floods hit the valley on Friday. Roads were closed.")
    c = Article(id="c", text="Floods hit the valley on Friday. Roads were open.")
    out = text_run(Corpus(articles=[a, b, c]))
    assert [len(x.sentences) for x in out.articles] == [2, 2, 2]
    assert out.articles[0].language == "en"
    assert a.content_hash == b.content_hash != c.content_hash


def test_pool_gives_the_same_result_as_one_process():
    texts = [f"Item {i}. Mr. Lind said the road to Tarrow reopened.\nSecond paragraph {i} here." for i in range(9)]
    one = text_run(Corpus(articles=[Article(id=str(i), text=t) for i, t in enumerate(texts)]))
    pooled = text_run(Corpus(articles=[Article(id=str(i), text=t) for i, t in enumerate(texts)]),
                      Config(workers={"processes": 2, "pool_min": 2, "chunk": 2}))
    assert [a.model_dump() for a in pooled.articles] == [a.model_dump() for a in one.articles]
    assert [s.text for s in pooled.articles[0].sentences] == [
        "Item 0.",
        "Mr. Lind said the road to Tarrow reopened.",
        "Second paragraph 0 here.",
    ]


def test_language_id_falls_back_to_py3langid(monkeypatch):
    from storytrace.text import language

    monkeypatch.setattr(language, "_fasttext", lambda: None)
    language.load_identifier.cache_clear()
    try:
        assert (
            detect_language("Der Stadtrat hat am Dienstag beschlossen, die alte Hafenbrücke zu sperren.")
            == "de"
        )
        assert (
            detect_language("The council voted on Tuesday to close the old harbour bridge for repairs.")
            == "en"
        )
    finally:
        language.load_identifier.cache_clear()


def test_one_sentence_lines_and_split_lines_mix_in_order():
    # one-sentence lines skip blingfire; lines with an inner full stop go to it; order and offsets hold
    text = (
        "Residents were told to stay indoors\n"
        "Le maire a dit : « C'est fait. »\n"
        "  Power was cut at noon. Crews worked overnight.  \n"
        "“We are safe now,” she said.\n"
        "\u200b\n"
        "Le maire a dit : « C'est fait. »"
    )
    got = split_sentences(text)
    assert [s.text for s in got] == [
        "Residents were told to stay indoors",
        "Le maire a dit : « C'est fait. »",
        "Power was cut at noon.",
        "Crews worked overnight.",
        "“We are safe now,” she said.",
        "Le maire a dit : « C'est fait. »",
    ]
    assert all(text[s.start : s.end] == s.text for s in got)


def test_vocabulary_same_words_on_ascii_and_unicode_paths():
    from storytrace.text.lines import vocabulary

    assert vocabulary("the government’s harbour—bridge reopened 2024abcdef") == [
        "government",
        "harbour",
        "bridge",
        "reopened",
        "abcdef",
    ]
    assert vocabulary("l'été dernier, la straße über 12 flüsse") == ["dernier", "straße", "flüsse"]


def test_sentences_array_behaves_like_the_list_it_replaces() -> None:
    from array import array

    from storytrace.model import Article, Sentence, Sentences

    text = "The port closed. It reopened on Friday."
    listed = [Sentence(0, 16, "The port closed."), Sentence(17, 39, "It reopened on Friday.")]
    packed = Sentences(text, array("l", [0, 16, 17, 39]))
    assert packed == listed and listed == packed
    assert len(packed) == 2 and packed[-1].text == "It reopened on Friday." and packed[:1] == listed[:1]
    assert [s.text for s in packed] == [s.text for s in listed]
    article = Article(id="a", text=text)
    article.sentences = packed
    again = Article.model_validate_json(article.model_dump_json())
    assert again.sentences == listed
    assert (
        Article(id="b", text=text, sentences=listed).model_dump()["sentences"]
        == article.model_dump()["sentences"]
    )


@pytest.mark.parametrize(
    "text,expected",
    [
        # invented sentences: an ordinal or day written "10." goes on with a month name or lower case
        (
            "Die Frist läuft bis zum 10. Dezember. Danach wird abgeschaltet.",
            ["Die Frist läuft bis zum 10. Dezember.", "Danach wird abgeschaltet."],
        ),
        ("Termín je do 3. října. Pak se uvidí.", ["Termín je do 3. října.", "Pak se uvidí."]),
        ("Takım ligde 4. sırada. Sonra kazandı.", ["Takım ligde 4. sırada.", "Sonra kazandı."]),
        # a figure ending a sentence before a capitalised word, or a year, still ends it
        ("He finished 10. Then he left.", ["He finished 10.", "Then he left."]),
        ("She won in 2019. March was hard.", ["She won in 2019.", "March was hard."]),
    ],
)
def test_an_ordinal_full_stop_does_not_end_the_sentence(text, expected):
    got = split_sentences(text)
    assert [s.text for s in got] == expected
    assert all(text[s.start : s.end] == s.text for s in got)
