"""Test corpora: the bundled example and a generator of corpora with ground truth."""
