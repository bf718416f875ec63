"""Lexical passage alignment survives small edits; spans point at the right text."""

import numpy as np

from storytrace.align.lexical import align_texts, coverage

ORIGINAL = (
    "The regional council approved a budget of 40 million for the new tram line on Monday. "
    "Construction will begin in the spring and last three years, the transport office said. "
    "Opponents argued that the money should go to bus services instead."
)


def test_verbatim_copy_is_one_passage_covering_everything():
    ps = align_texts(ORIGINAL, ORIGINAL)
    assert len(ps) == 1
    p = ps[0]
    assert (p.a_start, p.b_start) == (0, 0)
    assert ORIGINAL[p.a_start : p.a_end].endswith("bus services instead")


def test_small_edits_do_not_break_the_passage():
    edited = (
        ORIGINAL.replace("approved", "passed").replace("three years", "3 years").replace("Monday", "Tuesday")
    )
    ps = align_texts(ORIGINAL, edited)
    assert len(ps) == 1, [(p.b_start, p.b_end) for p in ps]
    assert coverage([(p.b_start, p.b_end) for p in ps], len(edited)) > 0.9


def test_unrelated_texts_do_not_align():
    other = "A late goal gave the visitors a surprise win in the cup semi-final before a record crowd."
    assert align_texts(ORIGINAL, other) == []


def test_condensed_copy_aligns_only_its_part():
    part = "Construction will begin in the spring and last three years, the transport office said."
    ps = align_texts(ORIGINAL, "Some intro words here. " + part)
    assert len(ps) == 1
    p = ps[0]
    assert ORIGINAL[p.a_start : p.a_end] == part.rstrip(".")[: p.a_end - p.a_start]
    assert coverage([(p.a_start, p.a_end)], len(ORIGINAL)) < 0.5


def test_coverage_merges_overlapping_spans():
    assert coverage([(0, 10), (5, 15), (20, 30)], 40) == 25 / 40


def test_cross_language_match_needs_a_standout_mutual_best():
    import numpy as np

    from storytrace.align.options import AlignOptions
    from storytrace.align.story import cross_language_scores

    SEMANTIC_THRESHOLD = AlignOptions().semantic_threshold

    # translation: each sentence's counterpart (0.90) stands out from the rest (0.80)
    translated = np.full((4, 4), 0.80) + np.eye(4) * 0.10
    assert ((cross_language_scores(translated) >= SEMANTIC_THRESHOLD) == np.eye(4, dtype=bool)).all()
    # another article on the topic: high but flat cosines, one barely above the others
    flat = np.full((4, 4), 0.85)
    flat[0, 0] = 0.86
    assert not (cross_language_scores(flat) >= SEMANTIC_THRESHOLD).any()
    # a stricter margin (the options' cross_margin): 0.90 over the mean of its row's top four,
    # (0.90 + 3 x 0.80) / 4 = 0.825, is a margin of 1.09: below 1.2, no sentence passes
    strict = AlignOptions(cross_margin=1.2)
    assert not (cross_language_scores(translated, strict) >= SEMANTIC_THRESHOLD).any()


def test_story_backend_is_cheap_for_english_and_e5_across_languages():
    from storytrace import embed
    from storytrace.align.story import story_backend
    from storytrace.config import Config
    from storytrace.model import Article

    en = [Article(id=f"e{k}", text="x", language="en") for k in range(3)]
    fr = Article(id="f", text="x", language="fr")
    assert story_backend(en) == embed.resolve("static")  # AlignOptions.english_backend's default
    assert story_backend(en, Config(stages={"align": {"english_backend": "hash"}})) == "hash"
    assert story_backend(en + [fr]) == embed.resolve("e5")
    assert story_backend(en + [fr], Config(embeddings="hash")) == "hash"


def test_other_backends_cosines_map_onto_e5_scale_monotonically():
    import numpy as np

    from storytrace.align.story import CALIBRATION, E5_QUANTILES, e5_scale

    xs = np.array(CALIBRATION["static"])
    assert np.allclose(e5_scale(xs, "static"), E5_QUANTILES)  # knots land on e5's quantiles
    grid = np.linspace(-1, 1, 201)
    assert (np.diff(e5_scale(grid, "static")) >= 0).all()
    assert np.array_equal(e5_scale(grid, "e5"), grid)  # e5 itself is left as it is


# The paraphrase judge (align/paraphrase.py); truth below is written by hand.
REWORDED = [
    (
        "The regional council approved a budget of 40 million for the new tram line on Monday.",
        "On Monday the regional council passed a 40 million budget for the new tram line.",
    ),
    (
        "Construction will begin in the spring and last three years, the transport office said.",
        "The transport office said work starts in spring and will take three years.",
    ),
]
UNRELATED = [
    (
        "Construction will begin in the spring and last three years, the transport office said.",
        "Opponents argued that the money should go to bus services instead.",
    ),
    (
        "A late goal gave the visitors a surprise win in the cup semi-final before a record crowd.",
        "The regional council approved a budget of 40 million for the new tram line on Monday.",
    ),
]


def _judge(pairs, backend="hash"):
    from storytrace import embed
    from storytrace.align import paraphrase
    from storytrace.align.options import AlignOptions
    from storytrace.align.story import e5_scale, sentence_scores
    from storytrace.text.normalize import tokens

    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    vecs = embed.encode(a + b, backend)
    cos = e5_scale(np.sum(vecs[: len(a)] * vecs[len(a) :], axis=1), backend)
    grams = paraphrase.sentence_grams([tokens(t) for t in a + b])
    feats = paraphrase.paired_features(cos, grams.rows(0, len(a)), grams.rows(len(a), 2 * len(a)))
    verdict = paraphrase.probability(feats, backend) >= paraphrase.coefficients(backend)[2]
    return feats, sentence_scores(feats[:, 0], feats[:, 1], verdict) >= AlignOptions().semantic_threshold


def test_judge_accepts_rewordings_and_rejects_other_sentences_of_the_story():
    from storytrace import embed

    for backend in ("hash", "static") if embed.available("static") else ("hash",):
        _, ok = _judge(REWORDED + UNRELATED, backend)
        assert ok.tolist() == [True, True, False, False], backend


def test_judge_is_symmetric():
    from storytrace.align import paraphrase

    fwd, _ = _judge(REWORDED + UNRELATED)
    back, _ = _judge([(y, x) for x, y in REWORDED + UNRELATED])
    assert np.allclose(paraphrase.probability(fwd, "static"), paraphrase.probability(back, "static"))


def test_judge_features_count_shared_words_and_numbers():
    from storytrace.align import paraphrase
    from storytrace.text.normalize import tokens

    x, y = "the toll rose to 12 on friday", "on friday the toll rose to 15 people"
    grams = paraphrase.sentence_grams([tokens(x), tokens(y)])
    f = dict(
        zip(
            paraphrase.FEATURES,
            paraphrase.paired_features(np.array([0.9]), grams.rows(0, 1), grams.rows(1, 2))[0],
            strict=True,
        )
    )
    # x has 7 distinct words, y 8; they share 6 (all but the numbers and "people")
    assert f["uni_short"] == 6 / 7 and f["uni_long"] == 6 / 8 and f["uni_jacc"] == 6 / 9
    # bigrams shared: "the toll", "toll rose", "rose to", "on friday" (x has 6, y has 7)
    assert f["bi_short"] == 4 / 6
    assert f["numbers_equal"] == 0.0 and f["numbers_differ"] == 1.0
    assert f["unmatched"] == 2 and f["len_diff"] == 1


def test_judge_block_equals_paired_features():
    from storytrace.align import paraphrase
    from storytrace.text.normalize import tokens

    texts = [t for pair in REWORDED + UNRELATED for t in pair]
    grams = paraphrase.sentence_grams([tokens(t) for t in texts])
    cos = np.linspace(0.8, 1.0, 16).reshape(4, 4)
    block = paraphrase.block_features(cos, grams.rows(0, 4), grams.rows(4, 8))
    for i in range(4):
        for j in range(4):
            one = paraphrase.paired_features(
                cos[i : i + 1, j], grams.rows(i, i + 1), grams.rows(4 + j, 5 + j)
            )
            assert np.allclose(block[i, j], one[0])


def test_a_rewrite_match_keeps_its_sources_content_words():
    # Two reports of one story whose sentences an embedding puts equally close (0.95, each pair the
    # other's mutual best) and the paraphrase judge passes neither: the first pair rewords one
    # statement (the mayor, the depot, the street, the season kept), the second pair are two
    # different sentences of the story that share no content word: only the first is a rewrite.
    from storytrace.align.story import align_pair
    from storytrace.config import Config
    from storytrace.model import Article, Corpus
    from storytrace.pipeline import run_pipeline
    from storytrace.text.normalize import tokens

    a_text = (
        "Mayor Ana Duarte said the council would close the Vessel Street bus depot next spring. "
        "Residents of the eastern districts have complained about crowded buses for years."
    )
    b_text = (
        "The Vessel Street bus depot will shut next spring, Mayor Ana Duarte told the council. "
        "A larger garage on the harbour side will take its place once building work is finished."
    )
    corpus = run_pipeline(
        Corpus(
            articles=[
                Article(id="a", text=a_text, language="en"),
                Article(id="b", text=b_text, language="en"),
            ]
        ),
        Config(quiet=True),
        ["text"],
    )
    a, b = corpus.articles
    assert len(a.sentences) == len(b.sentences) == 2
    cos = np.array([[0.95, 0.80], [0.80, 0.95]])
    pair = align_pair(
        a,
        b,
        np.zeros((2, 4)),
        np.zeros((2, 4)),
        [set(tokens(s.text)) for s in a.sentences],
        [set(tokens(s.text)) for s in b.sentences],
        cos=cos,
        paraphrase=np.zeros((2, 2), dtype=bool),
    )
    assert [(m.a_index, m.b_index, m.kind) for m in pair.sentence_matches] == [(0, 0, "rewrite")]
    assert pair.rewritten == 1
