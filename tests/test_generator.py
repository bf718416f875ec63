"""Generator truth is consistent with the text it writes (expected values come from the truth file)."""

from __future__ import annotations

import json

import pytest

from storytrace.testing.generator import GeneratorConfig, generate, write_corpus
from storytrace.text import shingles, tokens


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen") / "c.jsonl"
    truth = write_corpus(out, GeneratorConfig(stories=12, per_story=8, seed=7))
    recs = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    return recs, json.loads(open(truth["truth_path"], encoding="utf-8").read()), truth


def _jaccard(a: str, b: str) -> float:
    x, y = set(shingles(tokens(a), 3)), set(shingles(tokens(b), 3))
    return len(x & y) / max(len(x | y), 1)


def test_counts_and_story_membership(corpus):
    recs, truth, ret = corpus
    assert ret["n_articles"] == len(recs) == 12 * 8
    assert sorted(a for ids in truth["stories"].values() for a in ids) == sorted(recs)
    assert set(truth["articles"]) == set(recs)


def test_deterministic_per_seed():
    a = [r["text"] for r in generate(GeneratorConfig(stories=3, per_story=5, seed=3))[0]]
    b = [r["text"] for r in generate(GeneratorConfig(stories=3, per_story=5, seed=3))[0]]
    c = [r["text"] for r in generate(GeneratorConfig(stories=3, per_story=5, seed=4))[0]]
    assert a == b and a != c


def test_original_is_earliest_and_parent_of_derived(corpus):
    recs, truth, _ = corpus
    for ids in truth["stories"].values():
        orig = [a for a in ids if truth["articles"][a]["role"] == "original"]
        assert len(orig) == 1
        assert min(recs[a]["published_at"] for a in ids) == recs[orig[0]]["published_at"]
        assert all(truth["articles"][a]["parent"] == orig[0] for a in ids if a != orig[0])


def test_duplicates_are_byte_identical_and_near_duplicates_close(corpus):
    recs, truth, _ = corpus
    assert truth["duplicate_groups"]
    for group in truth["duplicate_groups"]:
        orig = recs[group[0]]["text"]
        for a in group[1:]:
            if truth["articles"][a]["role"] == "duplicate":
                assert recs[a]["text"] == orig and recs[a]["id"] != group[0]
            else:
                assert recs[a]["text"] != orig and _jaccard(recs[a]["text"], orig) > 0.5


def test_body_junk_and_credit_lines_are_in_the_text(corpus):
    recs, truth, _ = corpus
    for aid, a in truth["articles"].items():
        lines = set(recs[aid]["text"].splitlines())
        assert set(a["body_lines"]) <= lines and set(a["junk_lines"]) <= lines and set(a["credits"]) <= lines
        if a["role"] == "condensed":
            assert a["credits"] and a["credits"][0].startswith("With inputs from")


def test_paraphrases_have_low_shingle_overlap(corpus):
    recs, truth, _ = corpus
    paras = [(a, v["parent"]) for a, v in truth["articles"].items() if v["role"] == "paraphrase"]
    assert paras
    for a, p in paras:
        body = " ".join(truth["articles"][a]["body_lines"])
        assert _jaccard(body, " ".join(truth["articles"][p]["body_lines"])) < 0.3


def test_planted_number_conflicts_appear_in_the_texts(corpus):
    recs, truth, _ = corpus
    assert truth["conflicts"]
    for c in truth["conflicts"]:
        assert len(c["articles"]) == 2
        for aid, value in c["articles"].items():
            assert value in recs[aid]["text"]
        assert len(set(c["articles"].values())) == 2


def test_directory_output_keys_by_relative_path(tmp_path):
    truth = write_corpus(tmp_path / "d", GeneratorConfig(stories=2, per_story=4, seed=1))
    files = sorted(str(p.relative_to(tmp_path / "d")) for p in (tmp_path / "d").rglob("*.txt"))
    assert files == sorted(truth["articles"]) and truth["n_articles"] == 8


def test_background_paragraphs_make_longer_articles_and_stay_in_the_truth():
    records, truth = generate(GeneratorConfig(stories=4, per_story=8, seed=2, background=10))
    recs = list(records)
    plain = list(generate(GeneratorConfig(stories=4, per_story=8, seed=2))[0])
    mean = sum(len(r["text"]) for r in recs) / len(recs)
    assert mean >= 2.5 * sum(len(r["text"]) for r in plain) / len(plain)
    for r in recs:
        t = truth["articles"][r["id"]]
        # every line of the text is either furniture, a credit, the title or a body line of the truth
        known = set(t["junk_lines"]) | set(t["credits"]) | set(t["body_lines"]) | {r["title"]}
        assert all(line in known for line in r["text"].splitlines() if line)


def test_independent_report_is_told_in_its_own_words(corpus):
    """An independent report shares facts with the original, never a run of its wording long enough
    to count as reuse (outside quotation marks: a speaker may be quoted alike)."""
    from storytrace.align.lexical import align_texts
    from storytrace.provenance.edges import unquoted_words
    from storytrace.provenance.options import ProvenanceOptions

    long_run = ProvenanceOptions().long_run

    recs, truth, _ = corpus
    independents = 0
    for ids in truth["stories"].values():
        by_role = {truth["articles"][a]["role"]: a for a in ids}
        if "independent" not in by_role:
            continue
        independents += 1
        body = "\n".join(truth["articles"][by_role["independent"]]["body_lines"])
        for other in ("original", "paraphrase"):
            src = "\n".join(truth["articles"][by_role[other]]["body_lines"])
            for p in align_texts(src, body):
                assert unquoted_words(body, p.b_start, p.b_end) < long_run, body[p.b_start:p.b_end]
    assert independents == len(truth["stories"])


def test_every_story_has_a_place_of_its_own_however_many_there_are():
    # the module's promise ("different stories differ in place"): 64 listed combinations once put
    # ~9 events of one type in one place on one day at 10^6 articles
    import random

    from storytrace.testing.generator import PLACES, _event

    rng = random.Random(5)
    places = [_event(rng, n)["slots"]["place"] for n in range(3000)]
    assert places[: len(PLACES)] == PLACES
    assert len(set(places)) == len(places)
