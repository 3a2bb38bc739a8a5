"""Which sectors the plan emphasises: lexicon counts, distinctive terms, topics, policy instruments."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..lexicon import Lexicon
from .common import first_seen_order, label_task_tokens, measure_tokens

#: POS tags of content words kept for term analyses (nouns, verbs, names, jieba's nz/vn)
CONTENT_POS = ("n", "nr", "ns", "nt", "nz", "vn", "v", "l", "j")


def count_sector_shares(sector_codes: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    """Sentences per sector and section, and each sector's share of its section's codes.

    Args:
        sector_codes: the table of :func:`~harchang_analysis.analysis.code_sentences` (sectors).
        sections: the table of :func:`~harchang_analysis.analysis.label_sections`.

    Returns:
        section, section_en, section_title, sector, sector_en, n_sentences, share_sentences
        (the sector's sentences over all sentence–sector codes of the section), n_codes (those
        codes, the share's denominator); sections in document order, sectors by name.
    """
    m = sector_codes.merge(sections, on="unit_id")
    keys = ["section", "section_en", "section_title", "sector", "sector_en"]
    table = m.groupby(keys, sort=False).agg(n_sentences=("sentence_id", "nunique")).reset_index()
    table["n_codes"] = table.groupby("section")["n_sentences"].transform("sum")
    table["share_sentences"] = table["n_sentences"] / table["n_codes"]
    order = first_seen_order(sections["section"])
    table = table.sort_values(["section", "sector"], key=lambda s: s.map(order) if s.name == "section" else s)
    return table[[*keys, "n_sentences", "share_sentences", "n_codes"]].reset_index(drop=True)


def _content_terms(tokens: pd.DataFrame) -> pd.DataFrame:
    """The content words among the tokens (see :func:`_content_mask`)."""
    return tokens[_content_mask(tokens)]


def _content_mask(tokens: pd.DataFrame) -> np.ndarray:
    """Which tokens are content words: two characters or more, not a stopword or a quantity, a
    noun, verb or name by their POS tag or an entity of the lexicon. Each property is worked out
    once per distinct word or tag, not once per token."""
    tags, distinct_tags = pd.factorize(tokens["pos"])
    content = np.fromiter((str(t).startswith(CONTENT_POS) for t in distinct_tags), dtype=bool, count=len(distinct_tags))
    entity = tokens["entity"].to_numpy()
    keep = ~tokens["is_stopword"].to_numpy(dtype=bool) & (measure_tokens(tokens) >= 2) & (entity != "quantity")
    keep &= content[tags] | (entity != "")
    return keep


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


def build_instrument_sector_matrix(instrument_codes: pd.DataFrame, sector_codes: pd.DataFrame,
                                   lexicon: Lexicon) -> pd.DataFrame:
    """Sentences coded with both an instrument and a sector.

    Args:
        instrument_codes, sector_codes: the tables of
            :func:`~harchang_analysis.analysis.code_sentences` for each scheme.

    Returns:
        instrument_type, instrument_type_en, instrument, instrument_en, sector, sector_en,
        n_sentences; in the lexicon's order of instruments, then by sector.
    """
    inst_cols = ["instrument_type", "instrument_type_en", "instrument", "instrument_en"]
    pairs = instrument_codes[["sentence_id", *inst_cols]].merge(
        sector_codes[["sentence_id", "sector", "sector_en"]], on="sentence_id")
    table = pairs.groupby([*inst_cols, "sector", "sector_en"]).size().rename("n_sentences").reset_index()
    order = first_seen_order(lexicon.instruments["instrument"])
    table["_order"] = table["instrument"].map(order)
    table = table.sort_values(["_order", "sector"], ignore_index=True).drop(columns="_order")
    return table[[*inst_cols, "sector", "sector_en", "n_sentences"]]


def find_dominant_sectors(shares: pd.DataFrame, *, by: str = "share_sentences") -> pd.DataFrame:
    """The sector with the largest share in each section (ties: first by name).

    Args:
        shares: the table of :func:`count_sector_shares`.

    Returns:
        section, section_en, section_title, sector, sector_en, and the ``by`` column; in the
        sections' order.
    """
    order = first_seen_order(shares["section"])
    ranked = shares.assign(_order=shares["section"].map(order))
    ranked = ranked.sort_values(["_order", by, "sector"], ascending=[True, False, True])
    top = ranked.drop_duplicates("section")
    return top[["section", "section_en", "section_title", "sector", "sector_en", by]].reset_index(drop=True)
