"""The e5-static backend: static token vectors distilled from e5, shipped in the package."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from storytrace import embed

# Hand-written translations (not from any benchmark): the same sentence in several languages.
FLOOD = {
    "en": "The river burst its banks and flooded the village after three days of heavy rain.",
    "fr": "La rivière est sortie de son lit et a inondé le village après trois jours de fortes pluies.",
    "de": "Der Fluss trat über die Ufer und überschwemmte das Dorf nach drei Tagen starken Regens.",
    "es": "El río se desbordó e inundó el pueblo tras tres días de lluvias intensas.",
    "ru": "Река вышла из берегов и затопила деревню после трёх дней сильных дождей.",
}
ELECTION = {
    "en": "The opposition party won the parliamentary election and will form the next government.",
    "fr": "Le parti d'opposition a remporté les élections législatives et formera le prochain gouvernement.",
    "de": "Die Oppositionspartei hat die Parlamentswahl gewonnen und wird die nächste Regierung bilden.",
    "es": "El partido de la oposición ganó las elecciones parlamentarias y formará el próximo gobierno.",
    "ru": "Оппозиционная партия победила на парламентских выборах и сформирует следующее правительство.",
}
UNRELATED_EN = [
    "The company sold more smartphones this quarter and its profits rose sharply.",
    "Scientists found a new species of frog in the mountains of the island.",
    "The striker scored twice as the team won the cup final.",
]

needs_model = pytest.mark.skipif(
    not embed.available("e5-static"), reason="e5-static model file not in the package"
)


@needs_model
def test_model_ships_in_the_package():
    assert embed.E5_STATIC_FILE.parent.name == "embed_data"
    assert embed.E5_STATIC_FILE.is_relative_to(embed.__file__.rsplit("/", 1)[0])
    assert embed.resolve("e5-static") == "e5-static"


CASES = [
    (s, lang)
    for s in ("flood", "election")
    for lang in ("fr", "de", "es", "ru")
    if (s, lang) != ("flood", "ru")
]
# A known limit, kept visible: the Russian flood sentence is nearer unrelated English sentences
# than its original (0.51 against 0.72-0.78); Cyrillic words share no pieces with English and
# the catalogues that aligned the languages hold few words about weather.
KNOWN_MISS = pytest.param(
    "flood", "ru", marks=pytest.mark.xfail(strict=True, reason="Russian flood sentence")
)


@needs_model
@pytest.mark.parametrize(("name", "lang"), [*CASES, KNOWN_MISS])
def test_translation_is_closer_than_an_unrelated_sentence(name, lang):
    story = {"flood": FLOOD, "election": ELECTION}[name]
    v = embed.encode([story["en"], story[lang], *UNRELATED_EN], "e5-static")
    translation = float(v[0] @ v[1])
    unrelated = [float(v[0] @ u) for u in v[2:]] + [float(v[1] @ u) for u in v[2:]]
    assert translation > max(unrelated)


@needs_model
@pytest.mark.parametrize("lang", ["fr", "de", "es", "ru"])
def test_translation_finds_its_original_among_other_stories(lang):
    # the French flood report is nearer the English flood report than the English election report
    en = embed.encode([FLOOD["en"], ELECTION["en"]], "e5-static")
    x = embed.encode([FLOOD[lang], ELECTION[lang]], "e5-static")
    sims = x @ en.T
    assert sims[0, 0] > sims[0, 1]
    assert sims[1, 1] > sims[1, 0]


@needs_model
def test_rows_are_unit_float32_and_deterministic():
    texts = [FLOOD["en"], ELECTION["ru"], "中央银行周二提高了利率。", "x"]
    a = embed.encode(texts, "e5-static")
    assert a.dtype == np.float32
    assert a.shape[0] == 4
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    b = embed.encode(list(reversed(texts)), "e5-static")
    assert np.array_equal(a, b[::-1])  # a row depends on its text alone, not on the batch


@needs_model
def test_empty_text_gives_finite_row():
    v = embed.encode(["", "   "], "e5-static")
    assert np.isfinite(v).all()


def test_missing_file_falls_back_with_a_warning(tmp_path, caplog):
    absent = tmp_path / "absent.npz"
    with caplog.at_level(logging.WARNING, logger="storytrace.embed"):
        used = embed.resolve("e5-static", e5_static_file=absent)
    assert used in ("static", "hash")
    assert "e5-static" in caplog.text
    texts = ["A short sentence.", "Another one about rain."]
    assert np.array_equal(embed.encode(texts, "e5-static", e5_static_file=absent), embed.encode(texts, used))


def test_the_pipeline_accepts_every_backend_embed_offers() -> None:
    """``--embeddings e5-static`` was refused by the option check though the backend exists."""
    from storytrace.config import Config
    from storytrace.pipeline import check_options

    stages = ["clean", "text", "group"]
    assert check_options(Config(embeddings="e5-static"), stages) == stages
    with pytest.raises(ValueError):
        check_options(Config(embeddings="e6-static"), stages)
