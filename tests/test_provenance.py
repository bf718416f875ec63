"""Provenance on hand-written degenerate stories: one article, identical twins, strict substring,
contradicting clocks, unrelated reports (expected relations written by hand)."""

from storytrace.config import Config
from storytrace.model import Article, Corpus, Story
from storytrace.pipeline import run_pipeline

FULL = (
    "The regional council approved a budget of 40 million euros for the new tram line on Monday evening. "
    "Construction will begin in the spring and last three years, the transport office said in a statement. "
    "Opponents argued that the money should go to bus services in the outer districts instead. "
    "The first trams are expected to run between the station and the university campus by late 2029. "
    "A public consultation on the exact route will open next month and run for six weeks."
)
PART = (
    "Construction will begin in the spring and last three years, the transport office said in a statement. "
    "Opponents argued that the money should go to bus services in the outer districts instead."
)
OTHER = (
    "A late goal gave the visitors a surprise win in the cup semi-final before a record crowd on Saturday. "
    "The home side had dominated possession but failed to convert several chances in the first half. "
    "The final will be played in the capital at the end of the month."
)


def relate(*articles: Article, provenance: dict | None = None):
    config = Config(quiet=True, stages={"provenance": provenance or {}})
    corpus = run_pipeline(Corpus(articles=list(articles)), config, ["text"])
    corpus.stories = [Story(id="s", articles=[a.id for a in articles])]
    return run_pipeline(corpus, config, ["align", "provenance"]).stories[0]


def test_one_article_story_is_its_own_origin():
    story = relate(Article(id="a", text=FULL, language="en"))
    assert story.origin == ["a"] and story.edges == []
    assert story.originality == {"a": 1.0}


def test_identical_articles_are_duplicates():
    story = relate(Article(id="a", text=FULL, language="en"), Article(id="b", text=FULL, language="en"))
    assert [e.kind for e in story.edges] == ["duplicate"]


def test_strict_substring_is_condensed_from_the_longer_text():
    story = relate(
        Article(id="short", text=PART, language="en"), Article(id="long", text=FULL, language="en")
    )
    derived = [e for e in story.edges if e.kind in ("condensed", "copy")]
    assert len(derived) == 1
    assert (derived[0].source, derived[0].target) == ("long", "short") and derived[0].directed
    assert story.origin == ["long"]
    assert story.originality["short"] < 0.1


def test_contradicting_clock_is_overruled_by_containment():
    # The excerpt claims to be older than the full text; containment says otherwise and the evidence says so.
    story = relate(
        Article(id="short", text=PART, language="en", published_at="2026-01-01T08:00:00Z"),
        Article(id="long", text=FULL, language="en", published_at="2026-01-02T08:00:00Z"),
    )
    derived = [e for e in story.edges if e.kind in ("condensed", "copy")]
    assert (derived[0].source, derived[0].target) == ("long", "short")
    assert any("clock" in ev for ev in derived[0].evidence)


def test_unrelated_report_is_independent():
    story = relate(Article(id="a", text=FULL, language="en"), Article(id="b", text=OTHER, language="en"))
    assert [e.kind for e in story.edges if e.kind != "independent"] == []
    assert story.originality["b"] > 0.9


def test_one_changed_word_is_a_duplicate_reworded_phrases_a_copy():
    typo = FULL.replace("exact route", "precise route")
    edited = (
        FULL.replace("the transport office said", "the transport office told reporters")
        .replace("Opponents argued", "Critics of the plan argued")
        .replace("are expected to run", "should be running")
    )
    def kinds(text: str) -> list[str]:
        return [e.kind for e in relate(Article(id="a", text=FULL, language="en"), Article(id="b", text=text, language="en")).edges]

    assert kinds(typo) == ["duplicate"]
    assert kinds(edited) == ["copy"]


def test_provenance_options_reach_the_judge():
    """Options set in ``Config.stages`` change the edges as their descriptions say."""
    typo = Article(id="b", text=FULL.replace("exact route", "precise route"), language="en")
    # no word edit allowed: one changed word makes a copy, not a duplicate
    strict = {"duplicate_edits": 0, "duplicate_edit_share": 0.0}
    assert [
        e.kind for e in relate(Article(id="a", text=FULL, language="en"), typo, provenance=strict).edges
    ] == ["copy"]
    # a run must hold 50 words to count as a long run: one pasted sentence of 17 is no longer reuse
    assert len(PASTED.split()) < 50
    own = Article(id="own", text=OWN + " " + PASTED, language="en")
    assert (
        _derived(relate(Article(id="src", text=FULL, language="en"), own, provenance={"long_run": 50})) == []
    )
    # the clock is never overruled: the excerpt that claims to be older is not derived from the full text
    excerpt = Article(id="short", text=PART, language="en", published_at="2026-01-01T08:00:00Z")
    full = Article(id="long", text=FULL, language="en", published_at="2026-01-02T08:00:00Z")
    story = relate(excerpt, full, provenance={"clock_overrule_margin": 1.0})
    assert ("long", "short") not in {(e.source, e.target) for e in story.edges if e.directed}
    assert not any("clock" in ev for e in story.edges for ev in e.evidence)


def test_short_text_half_made_of_a_longer_ones_words_is_derived():
    from storytrace.align.story import PairAlignment
    from storytrace.provenance.edges import classify

    src = Article(id="s", text=FULL * 3, language="en")
    tgt = Article(id="t", text=PART + " My own view is that the plan is sound and overdue.", language="en")
    # two reused sentences only (no body of reused sentences), but 60 % of the short text in one verbatim run
    from storytrace.model import Passage

    run = Passage(
        source_start=0,
        source_end=len(PART),
        target_start=0,
        target_end=len(PART),
        similarity=1.0,
        kind="verbatim",
    )
    pair = PairAlignment(
        "s", "t", [run], [], a_coverage=0.1, b_coverage=0.6, a_verbatim=0.1, b_verbatim=0.6 - 0.05
    )
    assert classify(src, tgt, pair) is not None
    # the same short text with a fifth of it shared (a lead and a figure) stays independent
    pair_low = PairAlignment(
        "s", "t", [], [], a_coverage=0.05, b_coverage=0.2, a_verbatim=0.05, b_verbatim=0.2
    )
    assert classify(src, tgt, pair_low) is None


def test_reworded_text_without_any_verbatim_support_is_not_a_paraphrase():
    from storytrace.align.story import PairAlignment, SentenceMatch
    from storytrace.provenance.edges import classify

    src = Article(id="s", text=FULL, language="en")
    tgt = Article(id="t", text=FULL, language="en")
    matches = [SentenceMatch("s", k, "t", k, 0.7, "semantic") for k in range(5)]
    loose = PairAlignment(
        "s", "t", [], matches, a_coverage=0.8, b_coverage=0.8, a_verbatim=0.01, b_verbatim=0.01
    )
    assert classify(src, tgt, loose) is None
    supported = PairAlignment(
        "s", "t", [], matches, a_coverage=0.8, b_coverage=0.8, a_verbatim=0.2, b_verbatim=0.2
    )
    assert classify(src, tgt, supported) == "paraphrase"


def test_a_body_of_pasted_sentences_in_a_longer_own_text_is_derived():
    from storytrace.align.story import PairAlignment, SentenceMatch
    from storytrace.provenance.edges import classify

    src = Article(id="s", text=FULL * 4, language="en")
    tgt = Article(id="t", text=FULL * 2, language="en")
    pasted = [SentenceMatch("s", k, "t", k, 1.0, "verbatim") for k in range(4)]
    # four of the source's sentences pasted in, a quarter of the text verbatim, the rest its own:
    # too little of it aligned (30 %) for a paraphrase, yet derived
    pair = PairAlignment(
        "s", "t", [], pasted, a_coverage=0.08, b_coverage=0.3, a_verbatim=0.08, b_verbatim=0.25
    )
    assert classify(src, tgt, pair) is not None
    # a lead, a figure and a quote shared (three sentences) is what own reporting repeats
    pair_three = PairAlignment(
        "s", "t", [], pasted[:3], a_coverage=0.08, b_coverage=0.3, a_verbatim=0.08, b_verbatim=0.25
    )
    assert classify(src, tgt, pair_three) is None


OWN = (
    "Council members voted on the tram plan late in the day. Several residents spoke against it at the "
    "meeting, citing noise. The mayor welcomed the vote and promised regular updates on costs. Critics in "
    "the outer districts want better buses first. Work on the depot could start soon."
)
PASTED = "The first trams are expected to run between the station and the university campus by late 2029."


def _derived(story) -> list[str]:
    return [e.kind for e in story.edges if e.kind not in ("independent", "shared-source")]


def test_one_long_verbatim_run_in_an_own_text_is_reuse_but_not_inside_quotation_marks():
    from storytrace.provenance.options import ProvenanceOptions

    assert len(PASTED.split()) >= ProvenanceOptions().long_run
    src = Article(id="src", text=FULL, language="en")
    pasted = relate(src, Article(id="own", text=OWN + " " + PASTED, language="en"))
    assert _derived(pasted) == ["paraphrase"]
    assert [(e.source, e.target) for e in pasted.edges] == [("src", "own")]
    # the evidence names the rule and the words it counted: the pasted sentence's words (its year is
    # a number, not a word), nothing else
    words = sum(any(c.isalpha() for c in w) for w in PASTED.split())
    assert any(f"{words} of own's words" in ev for ev in pasted.edges[0].evidence)
    # the same words as a spokesman's quote: both reporters quote one speaker, neither copies
    quoted = relate(src, Article(id="own", text=OWN + f" A spokesman said: “{PASTED}”", language="en"))
    assert _derived(quoted) == []
    # one stock phrase of nine words, even in a short text, is not a borrowed passage
    phrase = "Some said that the money should go to bus services in the end."
    assert 8 <= len(phrase.split()) < 16
    stock = relate(src, Article(id="own", text=OWN + " " + phrase, language="en"))
    assert _derived(stock) == []
    # a short shared run (a place and a date) is what same-topic writing shares
    short = relate(
        src,
        Article(
            id="own", text=OWN + " Trams would link the station and the university campus.", language="en"
        ),
    )
    assert _derived(short) == []


def test_bundled_example_condensed_copy_is_derived_from_the_wire_report_it_credits(tmp_path):
    """The example is built as: a wire original, a condensed copy crediting the wire, a rewrite of the
    original, an independent report (``storytrace.testing.example``). The rewrite words the original
    the same way the copy does, which must not hide the credited derivation."""
    from storytrace import analyze
    from storytrace.testing.example import write_example

    write_example(tmp_path)
    result = analyze([tmp_path], config=Config(quiet=True))
    story = max(result.stories, key=lambda s: len(s.articles))
    by_target = {e.target: e for e in story.edges}
    original = next(a for a in story.articles if a.startswith("northwire/"))
    condensed = next(a for a in story.articles if a.startswith("coastline-daily/"))
    rewrite = next(a for a in story.articles if a.startswith("harbour-times/"))
    independent = next(a for a in story.articles if a.startswith("city-herald/"))
    assert story.origin == [original]
    assert (by_target[condensed].source, by_target[condensed].kind) == (original, "condensed")
    assert any("credits its source" in ev for ev in by_target[condensed].evidence)
    assert (by_target[rewrite].source, by_target[rewrite].kind) == (original, "paraphrase")
    assert by_target[independent].kind == "independent"


def test_run_length_counts_unquoted_words_not_digit_groups():
    from storytrace.provenance.edges import unquoted_words

    # a dateline splits into digit tokens; only the four words count towards a long run
    assert unquoted_words("MAY 3, 2013, 9:56 AM Jane Doe") == 4
    text = "He said: “we will go now” and left."
    assert unquoted_words(text) == 4  # he, said, and, left
    assert unquoted_words(text, text.index("“"), text.index("”") + 1) == 0


def test_story_of_500_near_copies_gives_one_story_of_duplicates_with_undecided_direction(tmp_path):
    """500 records, each the same report with one word changed (no publication times): one story,
    every record accounted for, only duplicate/copy relations, and the origin says it is unsure."""
    import json

    from storytrace import analyze

    words = FULL.split()
    lines = []
    for k in range(500):
        w = list(words)
        w[k % len(w)] += "s"
        lines.append(json.dumps({"id": f"c{k:03d}", "text": " ".join(w), "source": f"outlet{k}"}))
    path = tmp_path / "copies.jsonl"
    path.write_text("\n".join(lines))
    result = analyze([path], config=Config(quiet=True, embeddings="static"))
    assert len(result.stories) == 1
    story = result.stories[0]
    seen = set(story.articles) | {m for g in result.duplicates for m in g.members}
    assert seen == {f"c{k:03d}" for k in range(500)}
    assert {e.kind for e in story.edges} <= {"duplicate", "copy"}
    assert len(story.origin) == 1
    assert story.origin_confidence <= 0.5
    assert any("could not be oriented" in r for r in story.origin_reasons)


# Hand-built alignments: the rules of provenance.edges on pairs whose relation is written by hand.


def _arts(n_sent: dict[str, int], lang: dict[str, str] | None = None, times: dict[str, str] | None = None):
    """Articles of ``n`` short distinct sentences each (text only matters for lengths and sentences)."""
    from storytrace.text import split_sentences

    out = {}
    for a, n in n_sent.items():
        text = " ".join(f"Sentence number {k} of article {a} says one thing." for k in range(n))
        out[a] = Article(
            id=a,
            text=text,
            sentences=split_sentences(text),
            language=(lang or {}).get(a, "en"),
            published_at=(times or {}).get(a),
            source=f"outlet {a}",
        )
    return out


def _pair(arts, a, b, matches=(), lexical=(), rewritten=0):
    """PairAlignment a->b: ``matches`` sentence index pairs (kind by language), ``lexical`` sentence index
    pairs held verbatim (a lexical passage over both sentences)."""
    from storytrace.align.lexical import coverage
    from storytrace.align.story import PairAlignment, SentenceMatch
    from storytrace.model import Passage

    A, B = arts[a], arts[b]
    cross = A.language != B.language
    ms = [SentenceMatch(a, i, b, j, 0.9, "translation" if cross else "semantic") for i, j in matches]
    ms += [SentenceMatch(a, i, b, j, 1.0, "verbatim") for i, j in lexical]
    ps = [
        Passage(
            source_start=A.sentences[i].start,
            source_end=A.sentences[i].end,
            target_start=B.sentences[j].start,
            target_end=B.sentences[j].end,
            similarity=1.0,
            kind="verbatim",
        )
        for i, j in lexical
    ]
    a_all = [(A.sentences[m.a_index].start, A.sentences[m.a_index].end) for m in ms]
    b_all = [(B.sentences[m.b_index].start, B.sentences[m.b_index].end) for m in ms]
    a_lex = [(p.source_start, p.source_end) for p in ps]
    b_lex = [(p.target_start, p.target_end) for p in ps]
    return PairAlignment(
        a,
        b,
        ps,
        ms,
        coverage(a_all, len(A.text)),
        coverage(b_all, len(B.text)),
        coverage(a_lex, len(A.text)),
        coverage(b_lex, len(B.text)),
        rewritten,
    )


def _story(arts, pairs):
    from storytrace.align.story import StoryAlignment
    from storytrace.provenance.edges import build_edges

    alignment = StoryAlignment()
    for p in pairs:
        alignment.pairs[(p.a, p.b) if p.a < p.b else (p.b, p.a)] = p if p.a < p.b else p.swapped()
    story = Story(id="s", articles=sorted(arts))
    build_edges(story, arts, alignment)
    return story


def test_a_translation_aligns_sentence_by_sentence():
    from storytrace.provenance.edges import classify

    arts = _arts({"en": 10, "de": 10}, lang={"en": "en", "de": "de"})
    in_order = _pair(arts, "en", "de", matches=[(k, k) for k in range(8)])
    assert classify(arts["en"], arts["de"], in_order) == "translation"
    # the same facts in another order (own reporting in another language): not a translation
    shuffled = _pair(
        arts, "en", "de", matches=[(0, 0), (1, 7), (2, 3), (3, 9), (4, 1), (5, 5), (6, 2), (7, 8)]
    )
    assert classify(arts["en"], arts["de"], shuffled) is None
    # four sentences of ten in order: a report that shares a lead and some facts, not a translation
    few = _pair(arts, "en", "de", matches=[(k, k) for k in range(4)])
    assert classify(arts["en"], arts["de"], few) is None


def test_a_near_total_copy_is_a_copy_even_when_a_rewrite_words_both_alike():
    # "o" the original, "c" its copy (every sentence of it verbatim), "r" a rewrite of "o" that covers
    # both without their wording; no clocks: the copy is a copy, not a shared-source pair
    arts = _arts({"o": 10, "c": 10, "r": 10})
    lex = [(k, k) for k in range(10)]
    story = _story(
        arts,
        [
            _pair(arts, "o", "c", lexical=lex),
            _pair(arts, "r", "o", matches=lex, rewritten=6),
            _pair(arts, "r", "c", matches=lex, rewritten=6),
        ],
    )
    kinds = {frozenset((e.source, e.target)): e.kind for e in story.edges}
    assert kinds[frozenset(("o", "c"))] in ("copy", "duplicate")
    assert "shared-source" not in kinds.values()


def test_a_text_matching_an_original_and_its_copy_alike_derives_from_the_original():
    # "c" copies "o"; "t", published after both, translates either equally well: its source is the original
    times = {"o": "2026-03-01T08:00:00Z", "c": "2026-03-01T09:00:00Z", "t": "2026-03-01T10:00:00Z"}
    arts = _arts({"o": 10, "c": 10, "t": 10}, lang={"t": "de"}, times=times)
    lex = [(k, k) for k in range(10)]
    story = _story(
        arts,
        [
            _pair(arts, "o", "c", lexical=lex[:9]),
            _pair(arts, "o", "t", matches=lex[:9]),
            _pair(arts, "c", "t", matches=lex[:9]),
        ],
    )
    by_target = {e.target: e for e in story.edges if e.kind != "independent"}
    assert (by_target["c"].source, by_target["t"].source) == ("o", "o")
    assert by_target["t"].kind == "translation"
    assert story.origin == ["o"]


def test_one_origin_the_member_no_other_explains():
    # two trees: "o" is the source of "c1" and "c2", "p" of "q" (unrelated to "o"): one origin, the bigger tree's
    arts = _arts({"o": 10, "c1": 10, "c2": 6, "p": 10, "q": 10})
    lex = [(k, k) for k in range(10)]
    story = _story(
        arts,
        [
            _pair(arts, "o", "c1", lexical=lex[:9]),
            _pair(arts, "o", "c2", lexical=lex[:6]),
            _pair(arts, "p", "q", lexical=lex[:9]),
        ],
    )
    assert story.origin == ["o"]
    derived = {(e.source, e.target) for e in story.edges if e.kind in ("copy", "condensed")}
    assert {("o", "c1"), ("o", "c2")} <= derived and len(derived) == 3  # p-q: either way, no clue


def test_a_rewrite_is_a_paraphrase_own_reporting_is_not():
    from storytrace.provenance.edges import classify

    arts = _arts({"o": 12, "r": 12})
    # three sentences reworded closely (mutual best matches), a little wording kept (names, figures)
    rewrite = _pair(arts, "o", "r", lexical=[(0, 0)], rewritten=4)
    rewrite.b_verbatim = rewrite.a_verbatim = 0.08
    assert classify(arts["o"], arts["r"], rewrite) == "paraphrase"
    # own reporting of the event repeats the lead and a fact in other words: two close sentences
    own = _pair(arts, "o", "r", lexical=[(0, 0)], rewritten=2)
    own.b_verbatim = own.a_verbatim = 0.08
    assert classify(arts["o"], arts["r"], own) is None
