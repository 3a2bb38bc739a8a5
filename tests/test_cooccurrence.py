"""Association measures on a five-sentence table worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from harchang_analysis.analysis import build_cooccurrence, detect_communities, keyword_in_context
from harchang_analysis.analysis.cooccurrence import _g2

# a and b together in sentences 1-2, a alone in 3, b alone in 4, c alone in 5 (N = 5)
TERMS = pd.DataFrame([(1, "a"), (1, "b"), (2, "a"), (2, "b"), (3, "a"), (4, "b"), (5, "c")],
                     columns=["sentence_id", "term"])


def test_pair_measures():
    pairs = build_cooccurrence(TERMS, min_count=1, min_pair=1)
    assert len(pairs) == 1
    row = pairs.iloc[0]
    counts = (row["term_a"], row["term_b"], row["n_a"], row["n_b"], row["n_ab"], row["n_sentences"])
    assert counts == ("a", "b", 3, 3, 2, 5)
    # PMI = log2(P(ab) / P(a)P(b)) = log2((2/5) / (3/5 · 3/5)) = log2(10/9)
    assert row["pmi"] == pytest.approx(math.log2(10 / 9))
    assert row["npmi"] == pytest.approx(math.log2(10 / 9) / -math.log2(2 / 5))
    assert row["jaccard"] == pytest.approx(2 / 4)
    # 2×2 table [[2, 1], [1, 1]]; expected [[1.8, 1.2], [1.2, 0.8]]
    expected_g2 = 2 * (2 * math.log(2 / 1.8) + 1 * math.log(1 / 1.2) * 2 + 1 * math.log(1 / 0.8))
    assert row["g2"] == pytest.approx(expected_g2)
    assert 0 < row["p_value"] <= 1


def test_g2_of_independence_is_zero():
    assert _g2(10, 10, 10, 10) == pytest.approx(0.0)


def test_thresholds():
    assert build_cooccurrence(TERMS, min_count=1, min_pair=3).empty
    assert build_cooccurrence(TERMS, min_count=4, min_pair=1).empty  # no term in four sentences


def test_communities_split_two_cliques():
    rows = [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")]
    pairs = pd.DataFrame([(a, b, 1.0, 1.0 if (a, b) != ("c", "x") else 0.1) for a, b in rows],
                         columns=["term_a", "term_b", "pmi", "npmi"])
    table = detect_communities(pairs, top_n=10, seed=0)
    groups = table.groupby("community")["term"].apply(set).tolist()
    assert sorted(map(sorted, groups)) == [["a", "b", "c"], ["x", "y", "z"]]


def test_keyword_in_context():
    text = "一二三口岸四五六\n七口岸八"
    tokens = pd.DataFrame({"sentence_id": [1, 2], "start": [3, 10], "token": ["口岸", "口岸"]})
    kwic = keyword_in_context(text, tokens, "口岸", window=3)
    assert kwic[["left", "keyword", "right"]].values.tolist() == [["一二三", "口岸", "四五六"], ["六¶七", "口岸", "八"]]


def test_benjamini_hochberg_by_hand():
    from harchang_analysis.analysis import adjust_p_values

    # m = 5; sorted p: 0.001, 0.008, 0.039, 0.041, 0.6 → p·m/rank = 0.005, 0.02, 0.065, 0.05125, 0.6;
    # the running minimum from the largest rank down gives 0.005, 0.02, 0.05125, 0.05125, 0.6
    q = adjust_p_values([0.039, 0.001, 0.6, 0.041, 0.008])
    assert q.tolist() == pytest.approx([0.05125, 0.005, 0.6, 0.05125, 0.02])
    assert adjust_p_values([]).tolist() == []
    assert adjust_p_values([0.9, 0.95]).max() <= 1.0


def test_q_values_cover_every_pair_of_the_table():
    pairs = build_cooccurrence(TERMS, min_count=1, min_pair=1)
    assert pairs.loc[0, "q_value"] == pytest.approx(pairs.loc[0, "p_value"])  # one test: nothing to adjust


def test_term_matrix_is_symmetric_and_in_community_order():
    from harchang_analysis.analysis import build_term_matrix

    pairs = pd.DataFrame({"term_a": ["a", "a", "c", "b"], "term_b": ["b", "c", "d", "d"],
                          "npmi": [0.9, 0.2, 0.8, 0.1]})
    communities = pd.DataFrame({"term": ["c", "d", "a", "b"], "community": [1, 1, 2, 2],
                                "degree": [2, 2, 2, 2], "strength": [1.0, 0.9, 1.1, 1.0]})
    matrix = build_term_matrix(pairs, communities, value="npmi", top_n=10)
    cells = {(a, b): v for a, b, v in zip(matrix["term_a"], matrix["term_b"], matrix["npmi"])}
    assert len(cells) == 8 and all(cells[(b, a)] == v for (a, b), v in cells.items())
    assert list(dict.fromkeys(matrix["term_a"])) == ["c", "d", "a", "b"]  # community 1 first, then 2
    # the three strongest terms: a (1.1), c and b (1.0); d (0.9) is left out
    top3 = build_term_matrix(pairs, communities, value="npmi", top_n=3)
    assert set(top3["term_a"]) == {"a", "b", "c"}


def test_communities_are_named_by_their_most_central_terms():
    import pandas as pd

    from harchang_analysis.analysis import name_communities

    table = pd.DataFrame({"term": ["港口", "口岸", "通道", "铁路", "机场"], "term_en": ["ports", "ports of entry",
                          "corridors", "rail", "airports"], "community": [1, 1, 1, 2, 2],
                          "strength": [1.0, 3.0, 2.0, 1.0, 1.0]})
    named = name_communities(table, n_terms=2)
    assert named.loc[named["community"] == 1, "group"].unique().tolist() == ["口岸、通道"]
    assert named.loc[named["community"] == 1, "group_en"].unique().tolist() == ["ports of entry · corridors"]
    # a tie in strength is broken by the term
    assert named.loc[named["community"] == 2, "group"].unique().tolist() == ["机场、铁路"]
