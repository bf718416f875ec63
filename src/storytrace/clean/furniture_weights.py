"""Weights of the furniture line classifier (:mod:`storytrace.clean.linemodel`).

Written by ``eval/furniture.py --train`` (logistic regression, sklearn) from the generator's
corpora, tests/data/furniture-train and the tuning half of the trafilatura pages: numbers only.
"""

THRESHOLD = 0.3000
WEIGHTS: dict[str, float] = {
    "bias": -2.3457,
    "short": 3.1831,
    "log_words": -2.5305,
    "no_end": -1.0993,
    "question": 0.7589,
    "stop_low": -2.6023,
    "stop_ratio": -2.0174,
    "sep": 1.2296,
    "dash_sep": 0.9657,
    "caps": 0.1984,
    "symbol": 1.4687,
    "link": -1.6695,
    "phone": -2.8353,
    "time": 0.0781,
    "label": 6.0476,
    "colon_end": 0.0,
    "cta_start": 2.3265,
    "cta_count": 3.6636,
    "address": 3.1282,
    "byline": 1.0014,
    "own_name": 1.321,
    "author_name": 0.0177,
    "title_case": 3.7793,
    "digits": -2.0074,
    "head_run": 2.3985,
    "tail_run": 2.471,
    "island": -2.2426,
    "glued": 0.2977,
    "body_sentence": 0.0,
}
