"""Which sectors the plan emphasises: lexicon counts, distinctive terms, topics, policy instruments."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..lexicon import Lexicon
from .common import CONTENT_ZONES, first_seen_order, label_task_tokens, select_zones

#: POS tags of content words kept for term analyses (nouns, verbs, names, jieba's nz/vn)
CONTENT_POS = ("n", "nr", "ns", "nt", "nz", "vn", "v", "l", "j")


def count_sector_mentions(mentions: pd.DataFrame, sections: pd.DataFrame, lexicon: Lexicon, *,
                          zones: Iterable[str] | None = CONTENT_ZONES) -> pd.DataFrame:
    """Sector keyword mentions per section, as counts and shares.

    A sentence counts once for a sector however many of its keywords it holds. Only the plan's
    body and headings count (``zones``; None for the clauses too).

    Returns:
        section, section_en, section_title, sector, sector_en, n_mentions, n_sentences,
        share_mentions, share_sentences (shares within the section); sections in document
        order, sectors by name.
    """
    in_zones = select_zones(mentions, zones)
    m = in_zones[in_zones["entity"] == "sector"].merge(sections, on="unit_id")
    english = lexicon.sector_english()
    keys = ["section", "section_en", "section_title", "name"]
    table = m.groupby(keys, sort=False).agg(n_mentions=("surface", "size"), n_sentences=("sentence_id", "nunique"))
    table = table.reset_index().rename(columns={"name": "sector"})
    table["sector_en"] = table["sector"].map(english)
    for col in ("mentions", "sentences"):
        table[f"share_{col}"] = table[f"n_{col}"] / table.groupby("section")[f"n_{col}"].transform("sum")
    order = first_seen_order(sections["section"])
    table = table.sort_values(["section", "sector"], key=lambda s: s.map(order) if s.name == "section" else s)
    cols = ["section", "section_en", "section_title", "sector", "sector_en", "n_mentions", "n_sentences",
            "share_mentions", "share_sentences"]
    return table[cols].reset_index(drop=True)


def _content_terms(tokens: pd.DataFrame) -> pd.DataFrame:
    keep = (~tokens["is_stopword"]) & (tokens["token"].str.len() >= 2) & (tokens["entity"] != "quantity")
    keep &= tokens["pos"].str.startswith(CONTENT_POS) | (tokens["entity"] != "")
    return tokens[keep]


def rank_distinctive_terms(tokens: pd.DataFrame, sections: pd.DataFrame, *, top_n: int = 8) -> pd.DataFrame:
    """The terms that set each section apart from the others, by TF-IDF.

    Each section's content words form one document; scores are scikit-learn's smoothed
    TF-IDF with L2-normalised rows. A section with no content words has no rows.

    Returns:
        section, section_en, section_title, rank (1 = most distinctive), term, tfidf; ties
        broken by term.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer  # slow to import: only when used

    t = _content_terms(tokens).merge(sections, on="unit_id")
    info = sections.drop_duplicates("section").set_index("section")
    docs = t.groupby("section", sort=False)["token"].apply(list)
    vectorizer = TfidfVectorizer(analyzer=lambda doc: doc)
    matrix = vectorizer.fit_transform(docs.tolist()).toarray()
    vocab = vectorizer.get_feature_names_out()
    rows = []
    for section, scores in zip(docs.index, matrix):
        scored = [i for i in range(len(vocab)) if scores[i] > 0]
        order = sorted(scored, key=lambda i: (-round(scores[i], 12), vocab[i]))[:top_n]
        for rank, i in enumerate(order, 1):
            rows.append((section, info.loc[section, "section_en"], info.loc[section, "section_title"], rank,
                         vocab[i], float(scores[i])))
    return pd.DataFrame(rows, columns=["section", "section_en", "section_title", "rank", "term", "tfidf"])


@dataclass(frozen=True)
class TopicModel:
    """An NMF topic model of the plan's tasks.

    Attributes:
        terms: topic (1 …), rank, term, weight: the top terms of each topic.
        tasks: task_id, topic (the task's dominant topic), weight (its share of the task).
    """

    terms: pd.DataFrame
    tasks: pd.DataFrame


def fit_topics(tokens: pd.DataFrame, tasks: pd.DataFrame, units: pd.DataFrame, *, n_topics: int = 6,
               top_n: int = 8, random_state: int = 0) -> TopicModel:
    """Fit an NMF topic model on the tasks' content words (TF-IDF weighted).

    The initialisation is NNDSVD, which is deterministic; ``random_state`` is fixed as well.
    A plan with fewer tasks or shared words than ``n_topics`` gets as many topics as it has
    tasks and words; one with fewer than two tasks, or no word two tasks share, gets none (empty
    tables).
    """
    from sklearn.decomposition import NMF  # slow to import: only when used
    from sklearn.feature_extraction.text import TfidfVectorizer

    empty = TopicModel(terms=pd.DataFrame(columns=["topic", "rank", "term", "weight"]),
                       tasks=pd.DataFrame(columns=["task_id", "topic", "weight"]))
    t = _content_terms(tokens).assign(task_id=label_task_tokens(tokens, tasks, units)).dropna(subset=["task_id"])
    docs = t.groupby("task_id", sort=True)["token"].apply(list)
    if len(docs) < 2:
        return empty
    vectorizer = TfidfVectorizer(analyzer=lambda doc: doc, min_df=2)
    try:
        matrix = vectorizer.fit_transform(docs.tolist())
    except ValueError:  # no word is used by two tasks
        return empty
    n_topics = min(n_topics, *matrix.shape)  # a small plan gets as many topics as it can carry
    model = NMF(n_components=n_topics, init="nndsvd", random_state=random_state, max_iter=1000)
    weights = model.fit_transform(matrix)
    vocab = vectorizer.get_feature_names_out()
    term_rows: list[tuple[int, int, str, float]] = []
    for k, component in enumerate(model.components_, 1):
        order = sorted(range(len(vocab)), key=lambda i: (-round(component[i], 12), vocab[i]))[:top_n]
        term_rows.extend((k, rank, vocab[i], float(component[i])) for rank, i in enumerate(order, 1))
    share = weights / np.clip(weights.sum(axis=1, keepdims=True), 1e-12, None)
    task_rows = [(int(task_id), int(np.argmax(row)) + 1, float(row.max())) for task_id, row in zip(docs.index, share)]
    return TopicModel(terms=pd.DataFrame(term_rows, columns=["topic", "rank", "term", "weight"]),
                      tasks=pd.DataFrame(task_rows, columns=["task_id", "topic", "weight"]))


def compare_topics_with_sections(topics: TopicModel, tasks: pd.DataFrame,
                                 sections: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """How far the topics of a model agree with the chapters the tasks sit in.

    Args:
        topics: a model of :func:`fit_topics`.
        tasks: the plan's tasks table.
        sections: the table of :func:`~harchang_analysis.analysis.label_sections`.

    Returns:
        ``(crosstab, adjusted_rand)``: tasks per section (rows, in document order) and dominant
        topic (columns), and the adjusted Rand index of the two partitions of the tasks (1 = the
        topics are the chapters, 0 = no more agreement than chance; NaN with fewer than two
        tasks).
    """
    from sklearn.metrics import adjusted_rand_score  # slow to import: only when used

    labelled = topics.tasks.merge(tasks[["task_id", "unit_id"]], on="task_id").merge(
        sections[["unit_id", "section"]], on="unit_id")
    table = pd.crosstab(labelled["section"], labelled["topic"])
    order = [s for s in dict.fromkeys(sections["section"]) if s in table.index]
    table = table.reindex(index=order)
    score = (float(adjusted_rand_score(labelled["section"], labelled["topic"])) if len(labelled) >= 2
             else float("nan"))
    return table, score


def code_instruments(tokens: pd.DataFrame, lexicon: Lexicon, *,
                     zones: Iterable[str] | None = CONTENT_ZONES) -> pd.DataFrame:
    """Policy-instrument codes: every token that is an instrument keyword, in the plan's body and
    headings (``zones``; None for every token).

    The instrument lexicon follows the supply / environment / demand framework of Rothwell
    and Zegveld as adapted for Chinese policy texts by 赵筱媛 and 苏竣 (2007).

    Returns:
        unit_id, sentence_id, start, keyword, instrument, instrument_en, instrument_type,
        instrument_type_en; in document order.
    """
    lex = lexicon.instruments.rename(columns={"keyword": "token"})
    coded = select_zones(tokens, zones)[["unit_id", "sentence_id", "start", "token"]].merge(lex, on="token")
    return coded.rename(columns={"token": "keyword"}).sort_values("start", ignore_index=True)


def build_instrument_sector_matrix(codes: pd.DataFrame, mentions: pd.DataFrame, lexicon: Lexicon, *,
                                   zones: Iterable[str] | None = CONTENT_ZONES) -> pd.DataFrame:
    """Sentences in which an instrument and a sector appear together (sectors in ``zones``).

    Returns:
        instrument_type, instrument_type_en, instrument, instrument_en, sector, sector_en,
        n_sentences; in the lexicon's order of instruments, then by sector.
    """
    in_zones = select_zones(mentions, zones)
    sectors = in_zones.loc[in_zones["entity"] == "sector", ["sentence_id", "name"]].drop_duplicates()
    inst_cols = ["instrument_type", "instrument_type_en", "instrument", "instrument_en"]
    pairs = codes[["sentence_id", *inst_cols]].drop_duplicates().merge(sectors, on="sentence_id")
    table = pairs.groupby([*inst_cols, "name"]).size().rename("n_sentences").reset_index()
    table = table.rename(columns={"name": "sector"})
    table["sector_en"] = table["sector"].map(lexicon.sector_english())
    order = first_seen_order(lexicon.instruments["instrument"])
    table["_order"] = table["instrument"].map(order)
    table = table.sort_values(["_order", "sector"], ignore_index=True).drop(columns="_order")
    return table[[*inst_cols, "sector", "sector_en", "n_sentences"]]


def find_dominant_sectors(shares: pd.DataFrame, *, by: str = "share_sentences") -> pd.DataFrame:
    """The sector with the largest share in each section (ties: first by name).

    Args:
        shares: the table of :func:`count_sector_mentions`.

    Returns:
        section, section_en, section_title, sector, sector_en, and the ``by`` column; in the
        sections' order.
    """
    order = first_seen_order(shares["section"])
    ranked = shares.assign(_order=shares["section"].map(order))
    ranked = ranked.sort_values(["_order", by, "sector"], ascending=[True, False, True])
    top = ranked.drop_duplicates("section")
    return top[["section", "section_en", "section_title", "sector", "sector_en", by]].reset_index(drop=True)
