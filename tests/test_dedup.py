"""Near-duplicate pairs: verified MinHash/LSH (hand-written truth)."""

from storytrace.group.neardup import NearDupOptions, UnionFind, near_duplicate_pairs, shingle_set

BASE = (
    "The city council voted on Tuesday to close the old harbour bridge for repairs after inspectors "
    "found cracks in two of its supporting piers. Traffic will be diverted through the northern ring "
    "road for at least six months, officials said, and ferry services will run every twenty minutes "
    "during the morning and evening peaks while engineers replace the damaged steel sections."
)
OTHER = (
    "A new species of frog was described by biologists working in a remote cloud forest, where the "
    "animals live in water pooled inside bromeliad leaves high above the ground and call at dusk."
)


def test_copy_with_one_word_changed_is_a_near_duplicate() -> None:
    copy = BASE.replace("Tuesday", "Wednesday")
    pairs = near_duplicate_pairs([BASE, OTHER, copy], threshold=0.8)
    assert [(i, j) for i, j, _ in pairs] == [(0, 2)]
    assert 0.8 <= pairs[0][2] < 1.0


def test_unrelated_and_half_overlapping_texts_are_not_merged() -> None:
    half = BASE[: len(BASE) // 2] + " " + OTHER
    assert near_duplicate_pairs([BASE, half, OTHER], threshold=0.8) == []


def test_empty_texts_never_pair() -> None:
    assert near_duplicate_pairs(["", "", BASE], threshold=0.8) == []


def test_cjk_shingles_are_character_ngrams() -> None:
    # No spaces: tokens are characters, so 3-shingles are character trigrams.
    s = shingle_set("地震发生在北京")
    assert len(s) == 5
    zh = "今天上午北京发生了五级地震，没有人员伤亡报告，专家说余震可能持续几天。"
    pairs = near_duplicate_pairs([zh, zh.replace("今天", "昨天"), "日本东京明天将举行马拉松比赛，数万人参加。"], threshold=0.7)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]


def test_union_find_groups_chains() -> None:
    uf = UnionFind(5)
    uf.union(0, 3)
    uf.union(3, 4)
    assert sorted(sorted(g) for g in uf.groups()) == [[0, 3, 4], [1], [2]]


def _variants(n: int) -> list[str]:
    """n texts: for each base sentence pair, a copy with one word changed and an unrelated text."""
    out = []
    for k in range(n):
        out.append(BASE.replace("Tuesday", f"day {k}") + f" Item {k}.")
        out.append(BASE.replace("Tuesday", f"day {k}").replace("six", "seven") + f" Item {k}.")
        out.append(OTHER + f" Sample {k} was taken on site {k * 7}.")
    return out


def test_one_word_variants_pair_and_unrelated_texts_do_not() -> None:
    texts = _variants(12)
    single = near_duplicate_pairs(texts)
    # the hand-made truth: each text pairs with its one-word variant, never with the unrelated one
    found = {(i, j) for i, j, _ in single}
    assert found >= {(3 * k, 3 * k + 1) for k in range(12)}
    assert not any(i % 3 == 2 and j % 3 != 2 for i, j in found)


def test_short_texts_are_one_shingle() -> None:
    from storytrace.group.neardup import shingle_hashes

    flat, offsets = shingle_hashes(["two words", "", "one", "a b c d"])
    assert [int(offsets[i + 1] - offsets[i]) for i in range(4)] == [1, 0, 1, 2]
    assert len(set(flat.tolist())) == 4


def test_digest_blocks_and_template_buckets_keep_the_pairs() -> None:
    """Digesting in small blocks and capping large band buckets (every text shares one template
    here) must still find each text's one-word variant, and nothing unrelated."""
    texts = _variants(12)
    small = NearDupOptions(digest_block=7, max_run=2, window=1)
    found = {(i, j) for i, j, _ in near_duplicate_pairs(texts, small)}
    assert found >= {(3 * k, 3 * k + 1) for k in range(12)}
    assert not any(i % 3 == 2 and j % 3 != 2 for i, j in found)
