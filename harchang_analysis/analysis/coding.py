"""Coding sentences by sector and policy instrument, by the rules of docs/codebook.md.

A keyword codes its category where it stands in a sentence's text, as a substring (so 卫生 counts
inside 卫生计生 and 开放 inside 对外开放), unless it stands inside one of its ``not_in`` phrases
(发展环境 is not the environment), and, when it has ``needs`` words, only if one of them is in the
same sentence (合作 is opening-up only with 国际, 对外, 东北亚 …). What the plan says is coded, not
whom it names: the responsibility clauses and agency names are blanked out first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources
from typing import Literal

import pandas as pd

from ..lexicon import Lexicon
from .common import CONTENT_ZONES, select_zones

Scheme = Literal["sectors", "instruments"]
#: what one coded sentence carries, per scheme
CODE_COLUMNS = {
    "sectors": ["sentence_id", "unit_id", "start", "sector", "sector_en", "keywords"],
    "instruments": ["sentence_id", "unit_id", "start", "instrument", "instrument_en", "instrument_type",
                    "instrument_type_en", "keywords"],
}


def sentence_texts(text: str, tokens: pd.DataFrame, *, zones: Iterable[str] | None = CONTENT_ZONES,
                   names: Iterable[str] = ()) -> pd.DataFrame:
    """Each sentence's text as the coder reads it: tokens outside ``zones`` and agency names blanked.

    Args:
        names: more names to blank wherever they stand (the central government's bodies, which
            are not tokenizer words: 人力资源社会保障部 is no social security, 文化和旅游部 no tourism).

    Returns:
        sentence_id, unit_id (of its first token), start, end (offsets in the clean text), text
        (with blanked characters as spaces); sentences with nothing left are dropped.
    """
    if tokens.empty:
        return pd.DataFrame(columns=["sentence_id", "unit_id", "start", "end", "text"])
    ends = tokens["start"].to_numpy() + tokens["token"].str.len().to_numpy()
    chars = list(text)
    kept = select_zones(tokens, zones).index
    blank = ~tokens.index.isin(kept) | (tokens["entity"] == "agency").to_numpy()
    for start, end in zip(tokens["start"].to_numpy()[blank], ends[blank]):
        chars[start:end] = " " * (end - start)
    names = sorted(set(filter(None, names)), key=lambda name: (-len(name), name))
    if names:
        pattern = re.compile("|".join(map(re.escape, names)))
        for match in pattern.finditer(text):
            chars[match.start():match.end()] = " " * (match.end() - match.start())
    spans = tokens.assign(_end=ends).groupby("sentence_id", sort=True).agg(
        unit_id=("unit_id", "first"), start=("start", "min"), end=("_end", "max"))
    rows = []
    for sentence_id, unit_id, start, end in zip(spans.index, spans["unit_id"], spans["start"], spans["end"]):
        sentence = "".join(chars[start:end])
        if sentence.strip():
            rows.append((int(sentence_id), int(unit_id), int(start), int(end), sentence))
    return pd.DataFrame(rows, columns=["sentence_id", "unit_id", "start", "end", "text"])


def central_names(lexicon: Lexicon) -> list[str]:
    """The names and aliases of the central government's bodies, which the coder blanks in body text."""
    central = lexicon.central_agencies
    return sorted(set(central["name"]) | {alias for aliases in central["aliases"] for alias in aliases})


def _stands_inside(sentence: str, at: int, keyword: str, phrases: list[str]) -> bool:
    """Whether the keyword found at ``at`` is part of one of ``phrases`` there."""
    for phrase in phrases:
        offset = phrase.find(keyword)
        while offset >= 0:
            if sentence.startswith(phrase, at - offset):
                return True
            offset = phrase.find(keyword, offset + 1)
    return False


def code_sentences(text: str, tokens: pd.DataFrame, lexicon: Lexicon, scheme: Scheme = "sectors", *,
                   zones: Iterable[str] | None = CONTENT_ZONES) -> pd.DataFrame:
    """The sectors (or policy instruments) of every sentence, by the lexicon's keywords and rules.

    Args:
        text: the plan's clean text; tokens: its tokens table.
        scheme: ``sectors`` (sectors.csv) or ``instruments`` (instruments.csv).
        zones: what is read (the body and headings by default; the clauses name agencies).

    Returns:
        One row per sentence and category: sentence_id, unit_id, start (offset of the first
        keyword), the category (sector, sector_en; or instrument, instrument_en,
        instrument_type, instrument_type_en), keywords (the keywords found, |-joined, in order of
        appearance); by sentence, then category.
    """
    if scheme not in CODE_COLUMNS:
        raise ValueError(f"unknown coding scheme {scheme!r}; use sectors or instruments")
    table = lexicon.sectors if scheme == "sectors" else lexicon.instruments
    category = "sector" if scheme == "sectors" else "instrument"
    info_cols = [c for c in CODE_COLUMNS[scheme] if c.startswith(category)]
    info = table.drop_duplicates(category).set_index(category)
    sentences = sentence_texts(text, tokens, zones=zones, names=central_names(lexicon))
    found: dict[tuple[int, str], tuple[int, int, list[str]]] = {}
    rules = list(zip(table["keyword"], table[category], table["not_in"], table["needs"]))
    for sentence_id, unit_id, start, sentence in zip(sentences["sentence_id"], sentences["unit_id"],
                                                     sentences["start"], sentences["text"]):
        for keyword, name, not_in, needs in rules:
            at = sentence.find(keyword)
            while at >= 0:
                if not _stands_inside(sentence, at, keyword, not_in) and (
                        not needs or any(word in sentence for word in needs)):
                    key = (int(sentence_id), name)
                    first, unit, words = found.get(key, (start + at, int(unit_id), []))
                    if keyword not in words:
                        words.append(keyword)
                    found[key] = (min(first, start + at), unit, words)
                    break
                at = sentence.find(keyword, at + 1)
    rows = []
    for (sentence_id, name), (first, unit, words) in sorted(found.items()):
        extra = [info.loc[name, c] for c in info_cols[1:]]
        rows.append((sentence_id, unit, first, name, *extra, "|".join(words)))
    return pd.DataFrame(rows, columns=CODE_COLUMNS[scheme])


def read_coding_sample() -> pd.DataFrame:
    """The hand-coded sample of sentences (docs/codebook.md): doc, sentence_id, text, sectors,
    instruments (|-separated)."""
    with (resources.files("harchang_analysis") / "data" / "coding_sample.csv").open(encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype=str, keep_default_na=False)


def score_sample(text: str, tokens: pd.DataFrame, lexicon: Lexicon, sample: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Score the coder on the rows of the hand-coded sample that belong to this plan.

    Args:
        sample: rows of :func:`read_coding_sample` for this plan (their sentence_id and text must
            be this plan's).

    Returns:
        ``{"sectors": table, "instruments": table}``, each the table of
        :func:`~harchang_analysis.evaluation.score_coding` (per category, then ``all``).

    Raises:
        ValueError: a sentence of the sample is not the plan's sentence of that number any more.
    """
    from ..evaluation import score_coding

    texts = sentence_texts(text, tokens, names=central_names(lexicon)).set_index("sentence_id")["text"]
    for sentence_id, expected in zip(sample["sentence_id"].astype(int), sample["text"]):
        if sentence_id not in texts.index or " ".join(texts[sentence_id].split()) != expected:
            raise ValueError(f"sample sentence {sentence_id} is no longer {expected!r}: re-check the sample")
    gold = sample.assign(sentence=sample["sentence_id"].astype(int))
    out = {}
    for scheme in ("sectors", "instruments"):
        codes = code_sentences(text, tokens, lexicon, scheme).rename(columns={"sentence_id": "sentence"})
        out[scheme] = score_coding(codes, gold, category="sector" if scheme == "sectors" else "instrument",
                                   gold_column=scheme)
    return out
