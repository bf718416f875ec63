"""e5's language offsets (embed.language_neutral; measured by eval/e5_language_offsets.py on gettext
catalogues): taking them out brings a translation nearer its original than other topics written in
its own language. Sentences hand-written for this test."""

from __future__ import annotations

import numpy as np
import pytest

from storytrace import embed

FLOOD = {
    "en": "The river burst its banks and flooded the village after three days of heavy rain.",
    "fr": "La rivière est sortie de son lit et a inondé le village après trois jours de fortes pluies.",
    "de": "Der Fluss trat über die Ufer und überschwemmte das Dorf nach drei Tagen starken Regens.",
}
# other topics, in each of those languages
OTHER = {
    "fr": ["Le parti d'opposition a remporté les élections et formera le prochain gouvernement.",
           "L'entreprise a vendu plus de téléphones ce trimestre et ses bénéfices ont fortement augmenté."],
    "de": ["Die Oppositionspartei hat die Wahl gewonnen und wird die nächste Regierung bilden.",
           "Das Unternehmen verkaufte in diesem Quartal mehr Telefone und sein Gewinn stieg kräftig."],
}


def test_offsets_ship_in_the_package_for_many_languages():
    offsets = embed._language_offsets()
    assert embed.LANGUAGE_OFFSETS.parent.name == "embed_data"
    assert len(offsets) >= 30 and {"fr", "de", "ar", "hi", "he", "el", "cs"} <= set(offsets)
    assert "en" not in offsets
    assert all(v.shape == (384,) and 0.05 < float(np.linalg.norm(v)) < 1.0 for v in offsets.values())


def test_rows_are_shifted_by_their_language_only():
    offsets = embed._language_offsets()
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(4, 384)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    out = embed.language_neutral(vecs, ["en", "fr", None, "xx"])
    assert np.array_equal(out[[0, 2, 3]], vecs[[0, 2, 3]])  # English, unknown, no offset: unchanged
    expected = vecs[1] - offsets["fr"]
    assert np.allclose(out[1], expected / np.linalg.norm(expected), atol=1e-6)
    assert not np.shares_memory(out, vecs)


@pytest.mark.skipif(embed.resolve("e5") != "e5", reason="e5 not installed")
@pytest.mark.parametrize("lang", ["fr", "de"])
def test_a_translation_moves_nearer_its_original_than_its_own_language(lang):
    texts = [FLOOD["en"], FLOOD[lang], *OTHER[lang]]
    langs = ["en", lang, lang, lang]
    raw = embed.encode(texts, "e5")
    neutral = embed.language_neutral(raw, langs)

    def margin(v: np.ndarray) -> float:  # the original's cosine less the best other topic's
        return float(v[1] @ v[0] - max(v[1] @ v[2], v[1] @ v[3]))

    assert margin(neutral) > margin(raw) + 0.01  # measured: fr +0.023, de +0.018


@pytest.mark.skipif(embed.resolve("e5") != "e5", reason="e5 not installed")
def test_the_batch_path_reads_e5s_own_vectors(monkeypatch):
    """The batch path leaves e5's language offsets in (through a user's pipeline, with languages
    known, taking them out joined MultiLing's topics across languages); only the fast path's e5
    reading takes them out (``group.rejoin.language_neutral``)."""
    from storytrace.config import Config
    from storytrace.group import run
    from storytrace.model import Article, Corpus

    seen: list[list[str | None]] = []
    real = embed.language_neutral

    def recording(vectors, languages):
        seen.append(list(languages))
        return real(vectors, languages)

    monkeypatch.setattr(embed, "language_neutral", recording)
    arts = [Article(id=lang, title="", text=FLOOD[lang], language=lang) for lang in FLOOD]
    corpus = run(Corpus(articles=arts), Config(embeddings="e5", quiet=True))
    assert corpus.stories and seen == []
