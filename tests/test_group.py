"""Group stage: near-duplicate groups, stories, degenerate input (hand-written truth)."""

from dataclasses import replace
from pathlib import Path

import pytest

from storytrace.config import Config
from storytrace.group import run
from storytrace.group.stories import StoryParams, anchor_idf, focus, focus_and_headline, merge_fragments
from storytrace.model import Article, Corpus

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seeds"

BRIDGE = (
    "The city council voted on Tuesday to close the old harbour bridge for repairs after inspectors "
    "found cracks in two of its supporting piers. Traffic will be diverted through the northern ring "
    "road for at least six months, officials said, and ferry services will run every twenty minutes "
    "during the morning and evening peaks while engineers replace the damaged steel sections."
)
FROG = (
    "A new species of frog was described by biologists working in a remote cloud forest, where the "
    "animals live in water pooled inside bromeliad leaves high above the ground and call at dusk."
)


def _config() -> Config:
    return Config(embeddings="hash")


def test_one_article_is_one_story() -> None:
    out = run(Corpus(articles=[Article(id="a", title="Bridge closed", text=BRIDGE)]), _config())
    assert [s.articles for s in out.stories] == [["a"]]
    assert out.stories[0].label == "Bridge closed"


def test_near_copy_grouped_and_recorded_with_every_member() -> None:
    arts = [
        Article(id="orig", text=BRIDGE, published_at="2024-01-01T10:00:00"),
        Article(id="copy", text=BRIDGE.replace("Tuesday", "Wednesday"), published_at="2024-01-01T12:00:00"),
        Article(id="frog", text=FROG),
    ]
    out = run(Corpus(articles=arts), _config())
    near = [g for g in out.duplicates if g.kind == "near"]
    assert len(near) == 1 and near[0].representative == "orig" and sorted(near[0].members) == ["copy", "orig"]
    story = next(s for s in out.stories if "orig" in s.articles)
    assert sorted(story.articles) == ["copy", "orig"]
    assert story.duplicates == near
    assert story.time_span == ["2024-01-01T10:00:00", "2024-01-01T12:00:00"]
    assert any(s.articles == ["frog"] for s in out.stories)


def test_empty_articles_are_kept_as_their_own_stories() -> None:
    arts = [Article(id="e1", text=""), Article(id="e2", text="  "), Article(id="b", text=BRIDGE)]
    out = run(Corpus(articles=arts), _config())
    assert sorted(sorted(s.articles) for s in out.stories) == [["b"], ["e1"], ["e2"]]


def test_same_text_under_fifty_ids_is_one_story_with_all_ids() -> None:
    arts = [Article(id=f"x{k:02d}", text=BRIDGE) for k in range(50)]
    out = run(Corpus(articles=arts), _config())
    assert len(out.stories) == 1
    assert sorted(out.stories[0].articles) == [f"x{k:02d}" for k in range(50)]
    assert sorted(out.stories[0].duplicates[0].members) == [f"x{k:02d}" for k in range(50)]


def test_story_ids_do_not_depend_on_input_order() -> None:
    arts = [Article(id="orig", text=BRIDGE), Article(id="frog", text=FROG)]
    a = {tuple(s.articles): s.id for s in run(Corpus(articles=list(arts)), _config()).stories}
    b = {tuple(s.articles): s.id for s in run(Corpus(articles=arts[::-1]), _config()).stories}
    assert a == b


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.exists():
        pytest.skip(f"seed articles not found at {SEEDS} (../shared is absent)")
    return SEEDS


def test_seeds_form_one_story(seeds: Path) -> None:
    from storytrace import embed
    from storytrace.pipeline import analyze

    if not embed.available("e5"):
        pytest.skip("multilingual e5 model not installed")
    result = analyze([seeds], Config(embeddings="e5"), stages=["clean", "text", "group"])
    assert len(result.stories) == 1
    assert len(result.stories[0].articles) + sum(
        len(g.members) - 1 for g in result.duplicates if g.kind == "exact") == 5


# --- fragments join their subject; well-covered events stay apart (hand-made vectors and anchors) ---

def _unit(*xs: float):
    import numpy as np

    v = np.zeros(8, dtype=np.float32)
    v[: len(xs)] = xs
    return v / np.linalg.norm(v)


SUBJECT = StoryParams(min_coverage=5, subject_threshold=0.4, subject_vector_weight=0.7, cosine_floor=0.7,
                      subject_min_anchors=0.12)


def _two_events_and_extra(extra_vecs, extra_anchors, extra_langs):
    """Event A (5 articles) and event B (5) of one subject — centroid cosine 0.9, shared rare
    names — plus extra articles given as their own level-1 cluster(s)."""
    import numpy as np

    a = [_unit(1.0, 0.0, 0.02 * k) for k in range(5)]
    b = [_unit(0.9, 0.436, 0.02 * k) for k in range(5)]
    vecs = np.stack(a + b + list(extra_vecs))
    anc = [{"harbourton", "velmora", "2031"}] * 5 + [{"harbourton", "velmora", "2032"}] * 5 + list(extra_anchors)
    langs = ["en"] * 10 + list(extra_langs)
    return vecs, anc, langs


def test_well_covered_events_of_one_subject_stay_apart_and_a_fragment_joins_its_event() -> None:
    vecs, anc, langs = _two_events_and_extra([_unit(1.0, 0.05, 0.0)], [{"harbourton", "2031"}], ["en"])
    events = [0] * 5 + [1] * 5 + [2]
    out = merge_fragments(events, vecs, anc, langs, SUBJECT)
    assert len(set(out[:5])) == 1 and len(set(out[5:10])) == 1
    assert out[0] != out[5]          # two events with 5 reports each: two stories
    assert out[10] == out[0]         # the one-article follow-up joins the event it is closest to


def test_a_fragment_about_a_name_the_event_never_mentions_stays_apart() -> None:
    # the same follow-up as above, but mostly about a name event A never mentions (another
    # signing that names A's event in passing): with the foci it stays a story of its own
    extra = [{"harbourton", "2031", "lindqvist"}]
    vecs, anc, langs = _two_events_and_extra([_unit(1.0, 0.05, 0.0)], extra, ["en"])
    events = [0] * 5 + [1] * 5 + [2]
    out = merge_fragments(events, vecs, anc, langs, SUBJECT)
    assert out[10] == out[0]  # without the foci it joins
    about = [None] * 10 + ["lindqvist"]
    out = merge_fragments(events, vecs, anc, langs, SUBJECT, focus=about)
    assert out[10] not in (out[0], out[5])
    # about a name event A does mention: it joins as before
    out = merge_fragments(events, vecs, anc, langs, SUBJECT, focus=[None] * 10 + ["harbourton"])
    assert out[10] == out[0]
    # dated both ways, the time factor judges (a development is often about a new person)
    import numpy as np

    days = np.array([100.0] * 11)
    out = merge_fragments(events, vecs, anc, langs, SUBJECT, focus=[None] * 10 + ["lindqvist"], days=days)
    assert out[10] == out[0]


def test_dated_sides_each_about_a_name_the_other_never_mentions_stay_apart() -> None:
    # the follow-up about "lindqvist", dated like event A: when A's reports are about a name the
    # follow-up never mentions ("velmora"), each side is about its own name: two events of one day
    import numpy as np

    extra = [{"harbourton", "2031", "lindqvist"}]
    vecs, anc, langs = _two_events_and_extra([_unit(1.0, 0.05, 0.0)], extra, ["en"])
    events = [0] * 5 + [1] * 5 + [2]
    days = np.array([100.0] * 11)
    apart = ["velmora"] * 5 + [None] * 5 + ["lindqvist"]
    out = merge_fragments(events, vecs, anc, langs, SUBJECT, focus=apart, days=days)
    assert out[10] not in (out[0], out[5])
    # A about a name the follow-up does mention ("harbourton"): a development, it joins
    out = merge_fragments(events, vecs, anc, langs, SUBJECT, focus=["harbourton"] * 5 + apart[5:], days=days)
    assert out[10] == out[0]


def test_dated_clusters_years_apart_do_not_join_when_a_gap_is_set() -> None:
    # the follow-up of event A, but dated six years later (its translation undated): without a gap
    # only the time factor in the mean pair score judges (here no scores: it joins); with one, apart
    import numpy as np

    vecs, anc, langs = _two_events_and_extra([_unit(1.0, 0.05, 0.0)] * 2, [{"harbourton", "2031"}] * 2, ["en", "fr"])
    events = [0] * 5 + [1] * 5 + [2, 2]
    days = np.array([100.0] * 10 + [100.0 + 6 * 365, np.nan])
    out = merge_fragments(events, vecs, anc, langs, SUBJECT, days=days)
    assert out[10] == out[11] == out[0]
    out = merge_fragments(events, vecs, anc, langs, replace(SUBJECT, max_gap_days=365.0), days=days)
    assert out[10] == out[11] and out[10] not in (out[0], out[5])
    # across languages only: the fragment holds a French report, so still apart; all in English,
    # the time factor alone judges (here: joins)
    across = replace(SUBJECT, max_gap_days=365.0, gap_spares="en")
    out = merge_fragments(events, vecs, anc, langs, across, days=days)
    assert out[10] == out[11] and out[10] not in (out[0], out[5])
    out = merge_fragments(events, vecs, anc, langs[:-1] + ["en"], across, days=days)
    assert out[10] == out[11] == out[0]
    # a month apart: joins
    days[10] = 130.0
    out = merge_fragments(events, vecs, anc, langs, replace(SUBJECT, max_gap_days=365.0), days=days)
    assert out[10] == out[0]


def test_focus_is_the_name_mentioned_most_and_more_than_any_other() -> None:
    text = ("The club signed Jonas Lindqvist from Skovby on Monday, days after Ruggeri joined Northwell. "
            "Lindqvist, 26, scored 22 goals. Coach Aksoy said Lindqvist was never a second choice.")
    assert focus("Borsa sign Lindqvist", text) == "lindqvist"
    # two names mentioned equally often: no focus; a name mentioned twice: too few
    assert focus(None, "Talks between Arden and Belmont. Arden met Belmont. Then Arden and Belmont left.") is None
    assert focus(None, "The mayor of Corvale met Dunmore. Later Dunmore spoke.") is None


def test_words_only_ever_together_are_one_name_of_focus() -> None:
    # "Port" and "Elgin" each counted three times would tie: never apart, they are one name
    text = "Voters in Port Elgin elected a council. Port Elgin's mayor said the vote in Port Elgin was calm."
    assert focus("Port Elgin votes", text) == "port elgin"
    # a word also used alone is its own name: the surname, after the first mention in full
    assert focus(None, "Barack Obama spoke. Obama left. Later Obama and Biden met.") == "obama"


def test_where_no_name_stands_out_the_headline_names_one_name() -> None:
    # a condensed copy: its lead names no name three times, its headline one (of two words)
    lead = "The combined bank will have 72 branches, Ines Rossi said. Analysts expect closures."
    assert focus_and_headline("Two banks based in Norvale Upper agree to merge", lead) == (None, "norvale upper")
    # a headline naming two names says nothing of which one; nor does no headline
    assert focus_and_headline("Norvale Upper and Dunmore banks agree to merge", lead) == (None, None)
    assert focus_and_headline(None, lead) == (None, None)
    # a headline in capitals or title case runs all its words into one "name"
    assert focus_and_headline("FLOODS HIT NORVALE UPPER", lead) == (None, None)
    assert focus_and_headline("Floods Hit Norvale Upper", lead) == (None, None)
    # ... but a short headline with a name of two words is neither
    assert focus_and_headline("Banks in Norvale Upper merge", lead) == (None, "norvale upper")
    # a report with a focus has no headline name besides it
    text = "Voters in Port Elgin elected a council. Port Elgin's mayor said the vote in Port Elgin was calm."
    assert focus_and_headline("Corvale and Port Elgin vote", text) == ("port elgin", None)


def test_a_lone_dated_report_without_focus_is_judged_by_its_headline() -> None:
    # event A about "velmora"; the dated follow-up, a lone report, has no focus, its headline
    # names "lindqvist", which A never mentions: two events. Undated, a headline is too weak to part them (a
    # development's headline names its own new person): it joins
    import numpy as np

    extra = [{"harbourton", "2031", "lindqvist"}]
    vecs, anc, langs = _two_events_and_extra([_unit(1.0, 0.05, 0.0)], extra, ["en"])
    events = [0] * 5 + [1] * 5 + [2]
    about = ["velmora"] * 5 + [None] * 6
    head = [None] * 10 + ["lindqvist"]
    out = merge_fragments(events, vecs, anc, langs, SUBJECT, focus=about, headline=head, days=np.array([100.0] * 11))
    assert out[10] not in (out[0], out[5])
    out = merge_fragments(events, vecs, anc, langs, SUBJECT, focus=about, headline=head)
    assert out[10] == out[0]
    # two such reports: a cluster's headlines name its developments' people, it joins
    vecs, anc, langs = _two_events_and_extra([_unit(1.0, 0.05, 0.0)] * 2, extra * 2, ["en"] * 2)
    out = merge_fragments(events + [2], vecs, anc, langs, SUBJECT, focus=about + [None], headline=head + ["lindqvist"],
                          days=np.array([100.0] * 12))
    assert out[10] == out[11] == out[0]


def test_a_focus_of_several_words_is_named_by_its_rarest_word() -> None:
    # event A about "velmora east" (every report names some "east"): the follow-up naming "east"
    # but not "velmora" is still about another name; A about "harbourton east", which the
    # follow-up names: a development, it joins
    import numpy as np

    extra = [{"harbourton", "2031", "lindqvist"}]
    vecs, anc, langs = _two_events_and_extra([_unit(1.0, 0.05, 0.0)], extra, ["en"])
    anc = [set(a) | {"east"} for a in anc]
    idf = anchor_idf(anc) | {"east": 0.1}
    events = [0] * 5 + [1] * 5 + [2]
    days = np.array([100.0] * 11)
    rest = [None] * 5 + ["lindqvist"]
    out = merge_fragments(events, vecs, anc, langs, SUBJECT, focus=["velmora east"] * 5 + rest, days=days, idf=idf)
    assert out[10] not in (out[0], out[5])
    out = merge_fragments(events, vecs, anc, langs, SUBJECT, focus=["harbourton east"] * 5 + rest, days=days, idf=idf)
    assert out[10] == out[0]


def test_translations_are_not_coverage() -> None:
    trans = [_unit(1.0, 0.0, 0.05)] * 5
    names = [{"harbourton", "2031"}] * 5
    events = [0] * 5 + [1] * 5 + [2] * 5
    # five translations of one report: one report's coverage, so a fragment of its subject
    vecs, anc, langs = _two_events_and_extra(trans, names, ["fr", "de", "es", "cs", "el"])
    out = merge_fragments(events, vecs, anc, langs, SUBJECT)
    assert out[10] == out[14] == out[0]
    # five same-language reports of it: an event of its own
    vecs, anc, langs = _two_events_and_extra(trans, names, ["en"] * 5)
    out = merge_fragments(events, vecs, anc, langs, SUBJECT)
    assert out[10] == out[14] and out[10] not in (out[0], out[5])


def test_a_loosely_related_fragment_stays_alone() -> None:
    # cosine 0.8 to event A's articles and no shared name: subject score 0.7 * (0.8 - 0.7) / 0.3 < 0.4
    vecs, anc, langs = _two_events_and_extra([_unit(0.8, 0.0, 0.0, 0.6)], [{"quillan", "1999"}], ["en"])
    events = [0] * 5 + [1] * 5 + [2]
    out = merge_fragments(events, vecs, anc, langs, SUBJECT)
    assert out[10] not in (out[0], out[5])
    assert len(set(out)) == 3


def test_fragments_of_one_subject_gather_without_a_well_covered_event() -> None:
    # a subject reported one article per development (no event reaches 5 reports): one story
    vecs = [_unit(1.0, 0.1 * k, 0.0) for k in range(4)] + [_unit(0.0, 0.0, 1.0, 0.1 * k) for k in range(3)]
    anc = [{"ostrava", "rhine"}] * 4 + [{"quillan"}] * 3
    import numpy as np

    out = merge_fragments(list(range(7)), np.stack(vecs), anc, ["en"] * 7, SUBJECT)
    assert len(set(out[:4])) == 1 and len(set(out[4:])) == 1 and out[0] != out[4]


def test_wide_coverage_in_different_languages_is_one_subject() -> None:
    # the subject of event A, reported by five articles in another language: nothing says it is
    # a second event (one language's press would have to report both widely), so it joins A
    vecs, anc, langs = _two_events_and_extra([_unit(1.0, 0.0, 0.05)] * 5, [{"harbourton", "2031"}] * 5, ["el"] * 5)
    out = merge_fragments([0] * 5 + [1] * 5 + [2] * 5, vecs, anc, langs, SUBJECT)
    assert out[10] == out[14] == out[0] and out[0] != out[5]


def test_a_same_language_join_needs_shared_names_a_cross_language_one_does_not() -> None:
    # a near-identical vector (same topic) but none of event A's rare names: in A's language that
    # is another story of the same kind; in another language (other spellings) vectors decide
    close = [_unit(1.0, 0.0, 0.03)]
    vecs, anc, langs = _two_events_and_extra(close, [{"quillan", "1999"}], ["en"])
    out = merge_fragments([0] * 5 + [1] * 5 + [2], vecs, anc, langs, SUBJECT)
    assert out[10] not in (out[0], out[5])
    vecs, anc, langs = _two_events_and_extra(close, [{"quillan", "1999"}], ["el"])
    out = merge_fragments([0] * 5 + [1] * 5 + [2], vecs, anc, langs, SUBJECT)
    assert out[10] == out[0]


def test_duplicates_count_as_coverage() -> None:
    trans = [_unit(1.0, 0.0, 0.05)]
    names = [{"harbourton", "2031"}]
    events = [0] * 5 + [1] * 5 + [2]
    vecs, anc, langs = _two_events_and_extra(trans, names, ["en"])
    # one representative alone is a fragment of its subject and joins it
    alone = merge_fragments(events, vecs, anc, langs, SUBJECT)
    assert alone[10] == alone[0]
    # the same representative standing for five copies (its near/exact duplicates) is an event
    out = merge_fragments(events, vecs, anc, langs, SUBJECT, weights=[1] * 10 + [5])
    assert out[10] not in (out[0], out[5])

def test_a_subject_does_not_chain_through_shared_names() -> None:
    """One beat: six two-article events share the beat's names (a president, a chamber) and close
    vectors, each with its own rare name. Their name profiles grow as they merge; with the pair
    scores given, merges stop where the clusters' mean pair score is below ``subject_min_mean``."""
    import numpy as np

    vecs = np.stack([_unit(1.0, 0.05 * e, 0.01 * k) for e in range(6) for k in range(2)])
    anc = [{"president", "senate", f"rare{e}"} for e in range(6) for _ in range(2)]
    events = [e for e in range(6) for _ in range(2)]
    scores = np.full((12, 12), 0.02, dtype=np.float32)
    for i in range(12):
        for j in range(12):
            if events[i] == events[j]:
                scores[i, j] = 0.9
    chained = merge_fragments(events, vecs, anc, ["en"] * 12, SUBJECT)
    guarded = merge_fragments(events, vecs, anc, ["en"] * 12, SUBJECT, scores=scores)
    assert len(set(chained)) < 6          # profiles alone join events of the beat
    assert len(set(guarded)) == 6         # the mean pair score keeps them apart


# --- time: a story's members sit within a window; dates come from datelines when none is given ---



def test_undated_fragments_need_a_closer_mean_to_join_than_dated_ones() -> None:
    """Two two-article events of one subject whose mean pair score (0.25) passes the dated guard
    but not the undated one: with both sides dated the follow-up joins, with no dates (nothing
    tells a follow-up from another event of the beat years later) the two stay apart."""
    import numpy as np

    vecs = np.stack([_unit(1.0, 0.05 * e, 0.01 * k) for e in range(2) for k in range(2)])
    anc = [{"harbourton", "velmora", f"rare{e}"} for e in range(2) for _ in range(2)]
    events = [0, 0, 1, 1]
    scores = np.full((4, 4), 0.25, dtype=np.float32)
    scores[:2, :2] = scores[2:, 2:] = 0.9
    params = replace(SUBJECT, subject_min_mean=0.15, subject_min_mean_undated=0.35)
    dated = merge_fragments(events, vecs, anc, ["en"] * 4, params, scores=scores, days=np.array([10.0, 10, 12, 12]))
    undated = merge_fragments(events, vecs, anc, ["en"] * 4, params, scores=scores)
    one_dated = merge_fragments(events, vecs, anc, ["en"] * 4, params, scores=scores,
                                days=np.array([10.0, 10, np.nan, np.nan]))
    assert len(set(dated)) == 1
    assert len(set(undated)) == 2
    assert len(set(one_dated)) == 2


def test_an_undated_fragment_joins_another_only_when_it_stands_out_among_its_neighbours() -> None:
    """Three two-article events of one subject, undated, every mean pair score past the undated
    guard. When event 0 is as close to event 2 as to event 1 (one beat: the same people, other
    days), it joins neither; when event 1 is clearly its closest (mean 0.6 against 0.35), the two
    join, and event 2 (mean 0.275 to the pair) stays a story of its own."""
    import numpy as np

    vecs = np.stack([_unit(1.0, 0.05 * e, 0.01 * k) for e in range(3) for k in range(2)])
    anc = [{"harbourton", "velmora", f"rare{e}"} for e in range(3) for _ in range(2)]
    events = [0, 0, 1, 1, 2, 2]
    params = replace(SUBJECT, subject_min_mean_undated=0.3, subject_undated_margin=1.3)

    def scores_with(m01: float, m02: float, m12: float) -> np.ndarray:
        s = np.zeros((6, 6), dtype=np.float32)
        for (a, b), v in {(0, 1): m01, (0, 2): m02, (1, 2): m12}.items():
            s[2 * a : 2 * a + 2, 2 * b : 2 * b + 2] = s[2 * b : 2 * b + 2, 2 * a : 2 * a + 2] = v
        for e in range(3):
            s[2 * e : 2 * e + 2, 2 * e : 2 * e + 2] = 0.9
        return s

    crowded = merge_fragments(events, vecs, anc, ["en"] * 6, params, scores=scores_with(0.4, 0.38, 0.39))
    clear = merge_fragments(events, vecs, anc, ["en"] * 6, params, scores=scores_with(0.6, 0.35, 0.2))
    assert len(set(crowded)) == 3
    assert clear[0] == clear[2] and clear[4] != clear[0]

def test_the_same_subject_years_apart_is_two_stories_the_same_week_one() -> None:
    import numpy as np

    from storytrace.group.stories import StoryFeatures, story_labels

    vecs = np.stack([np.eye(4, dtype=np.float32)[0]] * 2)
    names = [{"harbourton", "velmora", "2031"}] * 2
    params = StoryParams(window_days=7, max_span_days=60)

    def together(days: list[float]) -> bool:
        labels = story_labels(StoryFeatures(vecs, names, ["en", "en"], days=np.array(days)), params)
        return labels[0] == labels[1]

    assert together([100.0, 102.0])
    assert not together([100.0, 100.0 + 3 * 365])
    assert together([100.0, float("nan")])  # an unknown day does not split


def test_year_less_datelines_far_apart_on_the_calendar_keep_a_follow_up_out() -> None:
    """A five-report event (one report with the dateline "Feb 3", no year) and a one-report event
    of the same kind filed "Nov 18": whichever years they are in, the two lie 77 days apart round
    the calendar, past ``max_span_days``, so the one report does not join. Filed "Feb 5", it does."""
    import numpy as np

    vecs, anc, langs = _two_events_and_extra([_unit(1.0, 0.05, 0.0)], [{"harbourton", "2031"}], ["en"])
    events = [0] * 5 + [1] * 5 + [2]
    nan = float("nan")

    def joined(extra_day: float) -> bool:
        yeardays = np.array([34.0] + [nan] * 9 + [extra_day])
        out = merge_fragments(events, vecs, anc, langs, SUBJECT, yeardays=yeardays)
        return out[10] == out[0]

    assert joined(36.0)
    assert not joined(323.0)
    assert joined(nan)  # an unknown day does not split


def test_a_span_read_from_datelines_says_so() -> None:
    arts = [
        Article(id="a", title="Bridge closed", text="OSLO, 4 March 2024 (Agency) - " + BRIDGE),
        Article(id="b", title="Bridge shut", text="OSLO, 5 March 2024 - " + BRIDGE.replace("council", "assembly")),
    ]
    out = run(Corpus(articles=arts), _config())
    assert [a.date_in_text for a in out.articles] == ["2024-03-04", "2024-03-05"]
    story = next(s for s in out.stories if "a" in s.articles)
    assert story.time_span_guessed and story.time_span[0] == "2024-03-04"
    dated = [Article(id="c", text=BRIDGE, published_at="2024-03-04T10:00:00Z")]
    out = run(Corpus(articles=dated), _config())
    assert out.articles[0].date_in_text is None and not out.stories[0].time_span_guessed


def test_a_date_line_cleaning_took_out_still_dates_the_article() -> None:
    from storytrace.ingest.readers import normalise_unicode
    from storytrace.pipeline import collect, run_pipeline

    art = Article(id="a", title="Bridge closed", input="a.txt")
    art._raw = normalise_unicode("Saturday, January 8, 2005\n\n" + BRIDGE)
    out = run_pipeline(collect([art]), _config(), ["clean", "text", "group"])
    cleaned = out.articles[0]
    assert "2005" not in cleaned.text  # the line is furniture for the text ...
    assert any(r.reason == "meta" for r in cleaned.removed)
    assert cleaned.date_in_text == "2005-01-08"  # ... and still the article's date
    assert out.stories[0].time_span_guessed


def test_days_of_the_year_are_compared_the_short_way_round_the_calendar() -> None:
    import numpy as np

    from storytrace.group.stories import time_factor

    params = StoryParams(window_days=7, max_span_days=60)
    # 30 December and 5 January: 6 days apart across the new year, inside the window
    assert time_factor(None, params, np.array([364.0, 5.0]))[0, 1] == 1.0
    # 3 February and 18 November: 77 days apart round the calendar, past the span
    assert time_factor(None, params, np.array([34.0, 323.0]))[0, 1] == 0.0
    # a full date on each side wins over the days of the year (three years apart: no join)
    far = time_factor(np.array([100.0, 100.0 + 3 * 365]), params, np.array([100.0, 100.0]))
    assert far[0, 1] == 0.0


def test_one_shared_name_among_many_is_not_one_subject() -> None:
    # singletons with the same vector (cosine 1): what decides is their names
    import numpy as np

    vecs = np.stack([_unit(1.0, 0.0, 0.0)] * 2 + [_unit(0.0, 1.0, 0.0)] * 2)
    own = [{f"name{k}x{i}" for k in range(20)} for i in range(2)]
    anc = [{"quillan"} | own[0], {"quillan"} | own[1], {"ostrava", "rhine"}, {"ostrava", "rhine"}]
    out = merge_fragments(list(range(4)), vecs, anc, ["en"] * 4, SUBJECT)
    assert out[0] != out[1]   # one rare name shared among twenty-one each: two subjects
    assert out[2] == out[3]   # the same two names and nothing else: one subject


def test_an_english_model_joins_other_languages_by_names_alone() -> None:
    # identical vectors, one name of three shared (IDF-weighted name cosine ~0.17): on a
    # multilingual model the vectors carry the join (0.7 x 1 + 0.3 x 0.17 >= 0.4); an English
    # model's vectors of Spanish text say nothing, and the names alone (< 0.4) are not one
    # subject. English text joins on both.
    import numpy as np

    vecs = np.stack([_unit(1.0, 0.0, 0.0)] * 2)
    anc = [{"quillan", "velmora", "2031"}, {"quillan", "harbourton", "1999"}]
    for lang, multilingual, joined in [("es", True, True), ("es", False, False), ("en", False, True)]:
        out = merge_fragments([0, 1], vecs, anc, [lang] * 2, SUBJECT, multilingual=multilingual)
        assert (out[0] == out[1]) is joined, (lang, multilingual)
