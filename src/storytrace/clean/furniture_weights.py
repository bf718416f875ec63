"""Weights of the furniture line classifier (:mod:`storytrace.clean.linemodel`).

Written by ``eval/furniture.py --train`` (logistic regression, sklearn) from the generator's
corpora, tests/data/furniture-train and the tuning half of the trafilatura pages: numbers only.
"""

THRESHOLD = 0.3000
WEIGHTS: dict[str, float] = {
    'bias': -1.3966,
    'short': 1.4782,
    'log_words': -3.2653,
    'no_end': -0.6015,
    'question': 0.8363,
    'stop_low': -2.2255,
    'stop_ratio': -0.9799,
    'sep': -0.0745,
    'dash_sep': 2.7799,
    'caps': 0.0357,
    'symbol': 2.3442,
    'link': -0.9807,
    'phone': -1.4372,
    'time': 0.4529,
    'label': 5.6547,
    'colon_end': 0.0,
    'cta_start': 2.1864,
    'cta_count': 2.4637,
    'address': 3.163,
    'byline': 0.5517,
    'own_name': 0.853,
    'author_name': 0.0334,
    'title_case': 3.5098,
    'digits': -2.9511,
    'head_run': 3.4089,
    'tail_run': 1.4943,
    'island': -1.8942,
    'glued': 1.84,
    'body_sentence': 0.0,
}
