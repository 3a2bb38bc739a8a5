"""Which keywords go together: sentence-level co-occurrence with association measures."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd

from ..lexicon import Lexicon
from .sectors import _content_terms

PAIR_COLUMNS = ["term_a", "term_b", "n_a", "n_b", "n_ab", "n_sentences", "pmi", "npmi", "jaccard", "g2", "p_value",
                "q_value"]


def adjust_p_values(p_values: np.ndarray | pd.Series) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values): the false discovery rate at which each
    test would just be called significant, over all the tests given.

    >>> adjust_p_values(np.array([0.01, 0.04, 0.03, 0.5])).round(4).tolist()
    [0.04, 0.0533, 0.0533, 0.5]
    """
    p = np.asarray(p_values, dtype=float)
    m = len(p)
    if m == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]  # q_(i) = min over j >= i of p_(j) m / j
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return out


def collect_sentence_terms(tokens: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """The set of terms in each sentence: content words after stopwords, entities by canonical name.

    Sector keywords keep their own word (航线, not 交通); agencies and places take their
    canonical name, so 长春 and 长春市 count as one term.

    Returns:
        sentence_id, term: one row per sentence and distinct term, sorted.
    """
    content = _content_terms(tokens)
    canonical = mentions[mentions["entity"].isin(["agency", "place"])].set_index("start")["name"]
    terms = content["start"].map(canonical).fillna(content["token"])
    table = pd.DataFrame({"sentence_id": content["sentence_id"], "term": terms}).drop_duplicates()
    return table.sort_values(["sentence_id", "term"], ignore_index=True)


def _g2(k11: int, k12: int, k21: int, k22: int) -> float:
    """Dunning's log-likelihood ratio G² of a 2×2 table."""
    total = k11 + k12 + k21 + k22
    rows, cols = (k11 + k12, k21 + k22), (k11 + k21, k12 + k22)
    g = 0.0
    for observed, r, c in ((k11, 0, 0), (k12, 0, 1), (k21, 1, 0), (k22, 1, 1)):
        expected = rows[r] * cols[c] / total
        if observed > 0:
            g += observed * math.log(observed / expected)
    return 2 * g


def build_cooccurrence(sentence_terms: pd.DataFrame, *, min_count: int = 5, min_pair: int = 3) -> pd.DataFrame:
    """Association of every pair of terms that share sentences.

    Args:
        sentence_terms: the table of :func:`collect_sentence_terms`.
        min_count: keep terms that occur in at least this many sentences.
        min_pair: keep pairs that share at least this many sentences.

    Returns:
        term_a, term_b (a < b), n_a, n_b, n_ab (sentences with a, with b, with both),
        n_sentences, pmi (log2), npmi, jaccard, g2 (log-likelihood), p_value (χ², 1 df; a
        positive association only when pmi > 0), q_value (the p-value adjusted for testing every
        pair of the table, Benjamini–Hochberg); strongest G² first, then by terms.
    """
    from scipy.special import chdtrc  # the χ² survival function; imported here, as it is slow to import

    n_sentences = int(sentence_terms["sentence_id"].nunique())
    counts = sentence_terms["term"].value_counts()
    frequent = set(counts[counts >= min_count].index)
    kept = sentence_terms[sentence_terms["term"].isin(frequent)]
    pair_counts: dict[tuple[str, str], int] = {}
    for _, terms in kept.groupby("sentence_id", sort=True)["term"]:
        for a, b in itertools.combinations(sorted(terms), 2):
            pair_counts[(a, b)] = pair_counts.get((a, b), 0) + 1
    rows = []
    for (a, b), n_ab in pair_counts.items():
        if n_ab < min_pair:
            continue
        n_a, n_b = int(counts[a]), int(counts[b])
        p_ab, p_a, p_b = n_ab / n_sentences, n_a / n_sentences, n_b / n_sentences
        pmi = math.log2(p_ab / (p_a * p_b))
        npmi = pmi / -math.log2(p_ab) if p_ab < 1 else 1.0
        g2 = _g2(n_ab, n_a - n_ab, n_b - n_ab, n_sentences - n_a - n_b + n_ab)
        rows.append((a, b, n_a, n_b, n_ab, n_sentences, pmi, npmi, n_ab / (n_a + n_b - n_ab), g2,
                     float(chdtrc(1, g2))))
    table = pd.DataFrame(rows, columns=PAIR_COLUMNS[:-1])
    table["q_value"] = adjust_p_values(table["p_value"])
    table["_g2"] = table["g2"].round(9)
    return table.sort_values(["_g2", "term_a", "term_b"], ascending=[False, True, True],
                             ignore_index=True).drop(columns="_g2")


def detect_communities(pairs: pd.DataFrame, *, top_n: int = 60, weight: str = "npmi", seed: int = 0) -> pd.DataFrame:
    """Communities of terms in the network of the ``top_n`` strongest positive pairs (Louvain).

    Returns:
        term, community (1 = largest), degree, strength (sum of edge weights); by community,
        then strength, then term.
    """
    top = pairs[pairs["pmi"] > 0].head(top_n)
    graph = nx.Graph()
    for row in top.itertuples():
        graph.add_edge(row.term_a, row.term_b, weight=float(getattr(row, weight)))
    communities = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    communities = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    rows = []
    for k, members in enumerate(communities, 1):
        for term in members:
            rows.append((term, k, graph.degree(term), float(graph.degree(term, weight="weight"))))
    table = pd.DataFrame(rows, columns=["term", "community", "degree", "strength"])
    return table.sort_values(["community", "strength", "term"], ascending=[True, False, True], ignore_index=True)


def name_communities(communities: pd.DataFrame, *, n_terms: int = 3) -> pd.DataFrame:
    """Name each community by its most central terms (greatest strength), in both languages.

    Args:
        communities: the table of :func:`detect_communities`, with ``term_en`` when English
            names are wanted (see :func:`translate_terms`).

    Returns:
        ``communities`` with ``group`` (``创新、作用、发挥``) and ``group_en`` (``innovation · role ·
        bring into play``): the ``n_terms`` terms of greatest strength in the community, ties by term.

    >>> table = pd.DataFrame({"term": ["港口", "口岸", "铁路"], "community": [1, 1, 2], "strength": [2.0, 1.0, 1.0]})
    >>> name_communities(table, n_terms=2)["group"].tolist()
    ['港口、口岸', '港口、口岸', '铁路']
    """
    english = communities["term_en"] if "term_en" in communities else communities["term"]
    ranked = communities.assign(_en=english).sort_values(["community", "strength", "term"],
                                                          ascending=[True, False, True])
    top = ranked.groupby("community", sort=False).head(n_terms).groupby("community", sort=False)
    zh = top["term"].agg("、".join)
    en = top["_en"].agg(" · ".join)
    return communities.assign(group=communities["community"].map(zh), group_en=communities["community"].map(en))


def build_term_matrix(pairs: pd.DataFrame, communities: pd.DataFrame, *, value: str = "npmi",
                      top_n: int = 25) -> pd.DataFrame:
    """A symmetric term × term matrix of an association measure, over the strongest terms of the
    communities, in community order.

    Args:
        pairs: the table of :func:`build_cooccurrence` (or a subset of it).
        communities: the table of :func:`detect_communities` over those pairs.
        value: the measure in each cell (``npmi``, ``pmi``, ``jaccard``, ``g2``, ``n_ab``).
        top_n: how many terms: those of greatest strength, kept in community order.

    Returns:
        term_a, term_b, community_a, community_b, ``value``: one row per ordered pair of distinct
        terms that share a row of ``pairs`` (both orders, so the matrix is symmetric); in the
        order of the terms (community, then strength, then term), then ``term_b`` likewise.
    """
    strongest = communities.nlargest(top_n, "strength", keep="first") if len(communities) > top_n else communities
    order = communities[communities["term"].isin(set(strongest["term"]))]  # communities is in community order
    rank = {term: k for k, term in enumerate(order["term"])}
    community = dict(zip(order["term"], order["community"]))
    kept = pairs[pairs["term_a"].isin(rank) & pairs["term_b"].isin(rank)]
    both = pd.concat([kept[["term_a", "term_b", value]],
                      kept[["term_b", "term_a", value]].set_axis(["term_a", "term_b", value], axis=1)],
                     ignore_index=True)
    both.insert(2, "community_a", both["term_a"].map(community))
    both.insert(3, "community_b", both["term_b"].map(community))
    both["_a"], both["_b"] = both["term_a"].map(rank), both["term_b"].map(rank)
    return both.sort_values(["_a", "_b"], ignore_index=True).drop(columns=["_a", "_b"])


def keyword_in_context(text: str, tokens: pd.DataFrame, term: str, *, window: int = 15) -> pd.DataFrame:
    """Every occurrence of a token, with the text around it (keyword in context).

    Returns:
        sentence_id, start, left, keyword, right; in document order. Line breaks in the
        context show as ``¶``.
    """
    hits = tokens[tokens["token"] == term]
    rows = []
    for sentence_id, start in zip(hits["sentence_id"], hits["start"]):
        left = text[max(0, start - window):start].replace("\n", "¶")
        right = text[start + len(term):start + len(term) + window].replace("\n", "¶")
        rows.append((int(sentence_id), int(start), left, term, right))
    return pd.DataFrame(rows, columns=["sentence_id", "start", "left", "keyword", "right"])


def translate_terms(terms: pd.Series, lexicon: Lexicon) -> pd.Series:
    """English labels for terms the lexicon names (glossary, key terms, places, agencies); others stay as written.

    >>> from harchang_analysis.lexicon import load_lexicon
    >>> translate_terms(pd.Series(["长春", "省发展改革委", "创新", "口岸"]), load_lexicon()).tolist()
    ['Changchun', 'DRC', 'innovation', '口岸']
    """
    english: dict[str, str] = {}
    english.update(zip(lexicon.glossary["term"], lexicon.glossary["name_en"]))
    english.update(zip(lexicon.terms["term"], lexicon.terms["name_en"]))
    for name, aliases, name_en in zip(lexicon.places["name"], lexicon.places["aliases"], lexicon.places["name_en"]):
        english.update({alias: name_en for alias in [name, *aliases]})
    english.update(zip(lexicon.agencies["name"], lexicon.agencies["short_en"]))
    return terms.map(lambda t: english.get(t, t))
