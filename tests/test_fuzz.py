"""Fuzzing: hostile inputs for every reader and the per-article steps (hypothesis, a few examples).

The generators and checks live in ``tests/hostile_inputs.py``; ``bench/fuzz.py`` runs the same
ones for minutes. Here each reader gets hostile files (deep nesting, huge lines, punctuation runs,
mixed scripts and directions, control characters, lone surrogates, very long tokens), intact or
with broken bytes, beside one good file of every format: nothing may escape as an exception, the
hostile input gives at most one skip line with a one-line reason (it holds one record) or becomes
an article, and every good file of the run is still there.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from hostile_inputs import FORMATS, TEXTS, plain, read_one, step_seconds, wrap  # noqa: E402

FEW = settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
KINDS = st.sampled_from(sorted(TEXTS))
SEEDS = st.integers(0, 2**32 - 1)


@FEW
@given(
    fmt=st.sampled_from(FORMATS),
    kind=KINDS,
    seed=SEEDS,
    size=st.sampled_from([1, 300, 5000, 60000]),
    corrupt=st.booleans(),
)
def test_readers_survive_hostile_files(fmt, kind, seed, size, corrupt):
    rng = random.Random(seed)
    data = wrap(fmt, TEXTS[kind](rng, size), rng, corrupt)
    with tempfile.TemporaryDirectory() as d:
        outcome = read_one(fmt, data, d)
    assert outcome["skipped"] + outcome["articles"] >= 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_random_bytes_in_every_format_is_one_skip_line(fmt, tmp_path):
    data = random.Random(len(fmt)).randbytes(50_000)
    assert read_one(fmt, data, tmp_path) == {"skipped": 1, "articles": 0}


@settings(max_examples=12, deadline=None, database=None)
@given(kind=KINDS, seed=SEEDS, size=st.sampled_from([50, 1500]))
def test_per_article_steps_survive_hostile_text(kind, seed, size):
    step_seconds(TEXTS[kind](random.Random(seed), size))  # raises if a step does


# Per-article CPU time of a hostile text may be this many times that of a plain article of the
# same length (a ratio, so the machine's load weighs on both sides; a floor keeps a few
# milliseconds of noise from counting). Generous on purpose: the suite catches a step that blows
# up; bench/fuzz.py measures the ratios on larger texts for minutes.
RATIO_BUDGET = 25.0
FLOOR_S = 0.005


def test_per_article_time_is_within_a_linear_budget():
    size = 4000
    step_seconds(plain(random.Random(0), 500))  # load spaCy and the like outside the measurement
    base = step_seconds(plain(random.Random(1), size), repeat=3)
    worst = {}
    for kind, make in TEXTS.items():
        spent = step_seconds(make(random.Random(2), size), repeat=2)
        for step, secs in spent.items():
            worst[(kind, step)] = secs / max(base[step], FLOOR_S)
    over = {k: round(v, 1) for k, v in worst.items() if v > RATIO_BUDGET}
    assert not over, over
