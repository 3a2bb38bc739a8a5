"""Coding sentences by sector and policy instrument, by the rules of docs/codebook.md.

A keyword codes its category where it stands in a sentence's text, as a substring (so 卫生 counts
inside 卫生计生 and 开放 inside 对外开放), unless it stands inside one of its ``not_in`` phrases
(发展环境 is not the environment), and, when it has ``needs`` words, only if one of them is in the
same sentence (合作 is opening-up only with 国际, 对外, 东北亚 …). What the plan says is coded, not
whom it names: the responsibility clauses and agency names are blanked out first; and a sentence
that frames the document rather than saying what it will do (a web page's metadata, the note that
issues it) codes nothing.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from importlib import resources
from typing import Literal

import numpy as np
import pandas as pd

from ..lexicon import Lexicon
from .common import CONTENT_ZONES, measure_tokens, select_zones

Scheme = Literal["sectors", "instruments"]
#: what one coded sentence carries, per scheme
CODE_COLUMNS = {
    "sectors": ["sentence_id", "unit_id", "start", "sector", "sector_en", "keywords"],
    "instruments": ["sentence_id", "unit_id", "start", "instrument", "instrument_en", "instrument_type",
                    "instrument_type_en", "keywords"],
}
#: phrases of the official-document form that mark a sentence as framing, not content: a portal's
#: metadata block (索引号, 发文字号) and the note that issues a plan (印发给你们, 通知如下, 提出以下意见,
#: 制定本方案). They are the same in every ministry's and province's documents, so they are kept here
#: rather than in a plan's lexicon.
FRAMING_PHRASES = ("索引号", "发文字号", "印发给你们", "通知如下", "以下意见", "如下意见", "制定本方案",
                   "制定本实施方案", "制定本意见", "制定本办法", "特制定本", "此件公开发布")


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
    for start, end in _name_spans(text, names):
        chars[start:end] = " " * (end - start)
    spans = tokens.assign(_end=ends).groupby("sentence_id", sort=True).agg(
        unit_id=("unit_id", "first"), start=("start", "min"), end=("_end", "max"))
    rows = []
    for sentence_id, unit_id, start, end in zip(spans.index, spans["unit_id"], spans["start"], spans["end"]):
        sentence = "".join(chars[start:end])
        if sentence.strip():
            rows.append((int(sentence_id), int(unit_id), int(start), int(end), sentence))
    return pd.DataFrame(rows, columns=["sentence_id", "unit_id", "start", "end", "text"])


def draw_coding_sample(text: str, tokens: pd.DataFrame, lexicon: Lexicon, n: int, *, seed: int,
                       exclude: Iterable[int] = (), min_chars: int = 8) -> pd.DataFrame:
    """Draw ``n`` sentences of a plan at random, to be coded by hand (docs/codebook.md).

    The pool is every sentence as the coder reads it (:func:`sentence_texts`, the central
    government's names blanked too, runs of spaces squeezed to one) of at least ``min_chars``
    characters, in document order, less the sentence ids in ``exclude`` (those coded before);
    the draw is ``random.Random(seed).sample(pool, n)``, so the same plan, seed and exclusions
    give the same sentences on any machine. Every sentence of the pool is taken when it holds
    ``n`` or fewer. This is how the rounds of the packaged sample were drawn.

    Returns:
        sentence_id, text; by sentence_id.

    Raises:
        ValueError: ``n`` is not positive.
    """
    if n < 1:
        raise ValueError(f"a sample needs at least one sentence, not {n}")
    sentences = sentence_texts(text, tokens, names=central_names(lexicon))
    skip = {int(i) for i in exclude}
    squeezed = [(int(i), " ".join(t.split())) for i, t in zip(sentences["sentence_id"], sentences["text"])]
    pool = [(i, t) for i, t in squeezed if i not in skip and len(t) >= min_chars]
    picked = pool if len(pool) <= n else random.Random(seed).sample(pool, n)
    return pd.DataFrame(sorted(picked), columns=["sentence_id", "text"])


def central_names(lexicon: Lexicon) -> list[str]:
    """The names and aliases of the central government's bodies, which the coder blanks in body text."""
    central = lexicon.central_agencies
    return sorted(set(central["name"]) | {alias for aliases in central["aliases"] for alias in aliases})


def _name_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where ``names`` stand in ``text``, longest name first where two start at one place."""
    ordered = sorted(set(filter(None, names)), key=lambda name: (-len(name), name))
    if not ordered:
        return []
    return [match.span() for match in re.compile("|".join(map(re.escape, ordered))).finditer(text)]


def _rules(lexicon: Lexicon, scheme: Scheme) -> tuple[pd.DataFrame, str]:
    """The scheme's keyword table and the name of its category column."""
    return (lexicon.sectors, "sector") if scheme == "sectors" else (lexicon.instruments, "instrument")


def _find_codes(big: str, begins: np.ndarray, ends: np.ndarray, lexicon: Lexicon,
                scheme: Scheme) -> dict[tuple[int, str], tuple[int, list[str]]]:
    """Code the sentences that stand at ``begins[i]:ends[i]`` of ``big``, all in one pass per keyword.

    Returns:
        ``{(sentence index, category): (offset of its first keyword in ``big``, keywords in rule
        order)}``. A keyword counts where it lies wholly inside one sentence, outside its
        ``not_in`` phrases, and (with ``needs``) where one of those words is in the same sentence.
    """
    table, category = _rules(lexicon, scheme)

    def occurrences(word: str) -> tuple[np.ndarray, np.ndarray]:
        """Where ``word`` stands wholly inside a sentence (overlaps included), and in which sentence."""
        where = np.array(_find_all(big, word), dtype=np.int64)
        which = np.searchsorted(begins, where, side="right") - 1
        inside = (which >= 0) & (where + len(word) <= ends[np.maximum(which, 0)])
        return where[inside], which[inside]

    having: dict[str, set[int]] = {}  # the sentences that hold a ``needs`` word
    found: dict[tuple[int, str], tuple[int, list[str]]] = {}
    for keyword, name, not_in, needs in zip(table["keyword"], table[category], table["not_in"], table["needs"]):
        where, which = occurrences(keyword)
        if needs:
            for word in needs:
                if word not in having:
                    having[word] = set(occurrences(word)[1].tolist())
            allowed = set().union(*(having[word] for word in needs))
            keep = np.fromiter((w in allowed for w in which.tolist()), dtype=bool, count=len(which))
            where, which = where[keep], which[keep]
        phrases = [(phrase, offset) for phrase in not_in for offset in _find_all(phrase, keyword)]
        done: set[int] = set()
        for at, sentence in zip(where.tolist(), which.tolist()):
            if sentence in done or any(_holds(big, phrase, at - offset, begins[sentence], ends[sentence])
                                       for phrase, offset in phrases):
                continue
            done.add(sentence)
            first, words = found.get((sentence, name), (at, []))
            if keyword not in words:
                words.append(keyword)
            found[(sentence, name)] = (min(first, at), words)
    framing = {int(sentence) for phrase in FRAMING_PHRASES for sentence in occurrences(phrase)[1]}
    return {key: value for key, value in found.items() if key[0] not in framing}


def _find_all(text: str, word: str) -> list[int]:
    """Every place ``word`` stands in ``text``, overlaps included."""
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def _holds(big: str, phrase: str, at: int, begin: int, end: int) -> bool:
    """Whether ``phrase`` stands at ``at`` of ``big``, inside the sentence ``begin:end``."""
    return begin <= at and at + len(phrase) <= end and big.startswith(phrase, at)


def _code_rows(found: dict[tuple[int, str], tuple[int, list[str]]], keys: list[tuple], unit_ids: np.ndarray,
               shift: np.ndarray, lexicon: Lexicon, scheme: Scheme) -> list[tuple]:
    """The rows of a codes table: ``keys`` (the sentence's key columns) per sentence index, the
    sentence's unit, the first keyword's offset in the plan (its offset in ``big`` plus ``shift``)."""
    table, category = _rules(lexicon, scheme)
    info_cols = [c for c in CODE_COLUMNS[scheme] if c.startswith(category)]
    info = {name: tuple(row) for name, *row in table.drop_duplicates(category)[info_cols].itertuples(index=False)}
    rows = []
    for (sentence, name), (first, words) in sorted(found.items(), key=lambda item: (keys[item[0][0]], item[0][1])):
        rows.append((*keys[sentence], int(unit_ids[sentence]), int(first + shift[sentence]), name, *info[name],
                     "|".join(words)))
    return rows


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
        instrument_type, instrument_type_en), keywords (the keywords found, |-joined, in the
        lexicon's order); by sentence, then category.
    """
    if scheme not in CODE_COLUMNS:
        raise ValueError(f"unknown coding scheme {scheme!r}; use sectors or instruments")
    sentences = sentence_texts(text, tokens, zones=zones, names=central_names(lexicon))
    texts = sentences["text"].tolist()
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    begins = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]).astype(np.int64)  # one "\n" between sentences
    found = _find_codes("\n".join(texts), begins, begins + lengths, lexicon, scheme)
    keys = [(int(s),) for s in sentences["sentence_id"]]
    rows = _code_rows(found, keys, sentences["unit_id"].to_numpy(), sentences["start"].to_numpy() - begins,
                      lexicon, scheme)
    return pd.DataFrame(rows, columns=CODE_COLUMNS[scheme])


def code_corpus(tokens: pd.DataFrame, lexicon: Lexicon, scheme: Scheme = "sectors", *,
                zones: Iterable[str] | None = CONTENT_ZONES) -> pd.DataFrame:
    """:func:`code_sentences` for every plan of a corpus at once, from its tokens alone.

    The plans' sentences are rebuilt from their tokens (which cover every character but line
    breaks, read as spaces, which no keyword holds) and coded in one pass per keyword, so a
    thousand plans take seconds. Each plan gets the codes :func:`code_sentences` gives it.

    Args:
        tokens: the corpus's tokens table (:attr:`~harchang_analysis.Corpus.tokens`, with doc_id).

    Returns:
        doc_id, then the columns of :func:`code_sentences`; by doc_id, sentence, category.
    """
    if scheme not in CODE_COLUMNS:
        raise ValueError(f"unknown coding scheme {scheme!r}; use sectors or instruments")
    columns = ["doc_id", *CODE_COLUMNS[scheme]]
    if tokens.empty:
        return pd.DataFrame(columns=columns)
    big, shift, spans = _rebuild_sentences(tokens, zones, central_names(lexicon))
    found = _find_codes(big, spans["begin"].to_numpy(), spans["end"].to_numpy(), lexicon, scheme)
    keys = list(zip(spans["doc_id"].tolist(), spans["sentence_id"].tolist()))
    rows = _code_rows(found, keys, spans["unit_id"].to_numpy(), -shift[spans["doc"].to_numpy()], lexicon, scheme)
    return pd.DataFrame(rows, columns=columns)


def _rebuild_sentences(tokens: pd.DataFrame, zones: Iterable[str] | None,
                       names: Iterable[str]) -> tuple[str, np.ndarray, pd.DataFrame]:
    """The corpus's text as the coder reads it, plans one after another, each followed by a space.

    Tokens outside ``zones``, agency names and ``names`` are blanked, as by :func:`sentence_texts`.

    Returns:
        the text; each plan's offset in it (by its position among the doc_ids); and one row per
        sentence: doc_id, sentence_id, doc (the plan's position), unit_id (of its first token),
        begin, end (offsets in the text).
    """
    chars, at, lengths, shift, doc, begin = _corpus_chars(tokens)
    whole = chars.tobytes().decode("utf-32-le")  # every token: where names are looked for, as in sentence_texts
    kept = (tokens["entity"] != "agency").to_numpy().copy()
    if zones is not None:
        select_zones(tokens.iloc[:0], zones)  # raises for a zone that does not exist
        kept &= tokens["zone"].isin(list(zones)).to_numpy()
    chars[at[np.repeat(~kept, lengths)]] = ord(" ")
    for start, end in _name_spans(whole, names):
        chars[start:end] = ord(" ")
    big = chars.tobytes().decode("utf-32-le")
    # tokens come in document order, so each sentence's tokens are one run: its first token starts it
    sentence = tokens["sentence_id"].to_numpy()
    first = np.flatnonzero(np.r_[True, (doc[1:] != doc[:-1]) | (sentence[1:] != sentence[:-1])])
    spans = pd.DataFrame({"doc": doc[first], "sentence_id": sentence[first],
                          "doc_id": tokens["doc_id"].to_numpy()[first], "unit_id": tokens["unit_id"].to_numpy()[first],
                          "begin": np.minimum.reduceat(begin, first),
                          "end": np.maximum.reduceat(begin + lengths, first)})
    return big, shift, spans


def read_coding_sample() -> pd.DataFrame:
    """The hand-coded sample of sentences (docs/codebook.md): doc, sentence_id, text, sectors,
    instruments (|-separated)."""
    return _read_data_csv("coding_sample.csv")


def _read_data_csv(name: str, **dtypes: type) -> pd.DataFrame:
    """A CSV file of the package's data folder, every column text (empty, not NaN, where empty)
    unless ``dtypes`` names it."""
    with (resources.files("harchang_analysis") / "data" / name).open(encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype=str, keep_default_na=False).astype(dtypes)


def read_coding_rounds() -> pd.DataFrame:
    """How each round of the hand-coded sample scored when it was drawn, before the rules were
    extended by it (docs/codebook.md): round, seed (of its draw: :func:`draw_coding_sample`),
    plans (each with its number of sentences), n_sentences, sectors_f1_held_out,
    instruments_f1_held_out (micro-averaged F1). These are the coder's out-of-sample scores; a
    round is tuning data once it has been scored."""
    return _read_data_csv("coding_rounds.csv", round=int, seed=int, n_sentences=int, sectors_f1_held_out=float,
                          instruments_f1_held_out=float)


def read_coding_reread() -> pd.DataFrame:
    """A second reading of 80 sentences of the hand-coded sample (docs/codebook.md), coded from the
    text by the codebook without sight of the first: doc, sentence_id, sectors, instruments."""
    return _read_data_csv("coding_reread.csv")


def score_reread(sample: pd.DataFrame | None = None, reread: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """How far two readings of the same sentences agree: the second reading scored against the
    first (the sample's), as :func:`score_sample` scores the coder. Agreement is symmetric in F1
    (precision and recall swap when the readings do). This is the level a reader reaches, and so
    what a coder's score can be compared with.

    Returns:
        ``{"sectors": table, "instruments": table}``, each the table of
        :func:`~harchang_analysis.evaluation.score_coding` (per category, then ``all``).

    Raises:
        ValueError: a sentence of the second reading is not in the sample.
    """
    from ..evaluation import score_coding

    sample = read_coding_sample() if sample is None else sample
    reread = read_coding_reread() if reread is None else reread
    first = sample.assign(sentence=list(zip(sample["doc"], sample["sentence_id"].astype(int))))
    second = reread.assign(sentence=list(zip(reread["doc"], reread["sentence_id"].astype(int))))
    missing = sorted(set(second["sentence"]) - set(first["sentence"]))
    if missing:
        raise ValueError(f"sentence {missing[0]} of the second reading is not in the coding sample")
    first = first[first["sentence"].isin(set(second["sentence"]))]
    out = {}
    for scheme, category in (("sectors", "sector"), ("instruments", "instrument")):
        codes = pd.DataFrame([(key, name) for key, names in zip(second["sentence"], second[scheme])
                              for name in names.split("|") if name], columns=["sentence", category])
        out[scheme] = score_coding(codes, first, category=category, gold_column=scheme)
    return out


#: the columns of a hand-coded sample, as draw_coding_sample's file has them (a sample may have more)
SAMPLE_COLUMNS = ["doc", "sentence_id", "text", "sectors", "instruments"]


def check_coding_sample(sample: pd.DataFrame, lexicon: Lexicon) -> None:
    """Check a hand-coded sample before it is scored: its columns, its sentence ids and its codes.

    Raises:
        ValueError: with one line saying what is wrong and how to mend it: a column is missing, a
            sentence id is not a whole number or comes twice for one plan, or a code is not a
            category of the lexicon (a misspelt code would count as a disagreement unseen).
    """
    missing = [c for c in SAMPLE_COLUMNS if c not in sample.columns]
    if missing:
        raise ValueError(f"the sample has no column {', '.join(missing)}; it needs {', '.join(SAMPLE_COLUMNS)}")
    ids = sample["sentence_id"].astype(str).str.strip()
    bad = sample.loc[~ids.str.fullmatch(r"\d+"), "sentence_id"]
    if len(bad):
        raise ValueError(f"sentence_id {bad.iloc[0]!r} is not a whole number; keep the ids the sample was drawn with")
    twice = sample.assign(sentence_id=ids.astype(int)).duplicated(["doc", "sentence_id"])
    if twice.any():
        doc = sample.loc[twice, "doc"].iloc[0]
        raise ValueError(f"sentence {ids[twice].iloc[0]} of {doc} comes twice; keep one row")
    for scheme, table, column in (("sectors", lexicon.sectors, "sector"),
                                  ("instruments", lexicon.instruments, "instrument")):
        known = set(table[column])
        for line, codes in zip(sample.index, sample[scheme].fillna("").astype(str)):
            unknown = [c for c in codes.split("|") if c.strip() and c.strip() not in known]
            if unknown:
                raise ValueError(f"{scheme} code {unknown[0]!r} (row {line + 2}) is not one of the lexicon's: "
                                 f"{'、'.join(sorted(known))}; separate codes with |")


def _check_sample_texts(text: str, tokens: pd.DataFrame, lexicon: Lexicon, sample: pd.DataFrame) -> pd.DataFrame:
    """The plan's sentences as the coder reads them (:func:`sentence_texts`), by sentence_id, once
    every sentence of ``sample`` is checked to be the plan's sentence of that number.

    Raises:
        ValueError: a sentence of the sample is not the plan's sentence of that number any more.
    """
    sentences = sentence_texts(text, tokens, names=central_names(lexicon)).set_index("sentence_id")
    for sentence_id, expected in zip(sample["sentence_id"].astype(int), sample["text"]):
        if sentence_id not in sentences.index or " ".join(sentences.at[sentence_id, "text"].split()) != expected:
            shown = expected if len(expected) <= 24 else expected[:24] + "…"
            raise ValueError(f"sample sentence {sentence_id} is no longer {shown!r}: re-check the sample")
    return sentences


def list_hand_codes(text: str, tokens: pd.DataFrame, lexicon: Lexicon, sample: pd.DataFrame,
                    scheme: Scheme = "sectors") -> pd.DataFrame:
    """The codes a reader gave the sample's sentences of this plan, as :func:`code_sentences`
    gives the coder's, so that every table built on codes can be built on the reading too.

    Args:
        sample: rows of :func:`read_coding_sample` (or a sample of one's own) for this plan.

    Returns:
        The columns of :func:`code_sentences` for ``scheme``, with ``start`` the sentence's own
        start and ``keywords`` empty (a reader codes from the whole sentence); by sentence, then
        category.

    Raises:
        ValueError: a sentence of the sample is not the plan's, or a code is not a category of the
            lexicon.
    """
    if scheme not in CODE_COLUMNS:
        raise ValueError(f"unknown coding scheme {scheme!r}; use sectors or instruments")
    sentences = _check_sample_texts(text, tokens, lexicon, sample)
    table, category = _rules(lexicon, scheme)
    info_cols = [c for c in CODE_COLUMNS[scheme] if c.startswith(category)]
    info = {name: tuple(row) for name, *row in table.drop_duplicates(category)[info_cols].itertuples(index=False)}
    rows = []
    for sentence_id, codes in zip(sample["sentence_id"].astype(int), sample[scheme].fillna("").astype(str)):
        for name in sorted({c.strip() for c in codes.split("|") if c.strip()}):
            if name not in info:
                raise ValueError(f"{scheme} code {name!r} of sentence {sentence_id} is not a category of the lexicon")
            unit_id, start = sentences.at[sentence_id, "unit_id"], sentences.at[sentence_id, "start"]
            rows.append((sentence_id, int(unit_id), int(start), name, *info[name], ""))
    return pd.DataFrame(sorted(rows, key=lambda row: (row[0], row[3])), columns=CODE_COLUMNS[scheme])


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

    _check_sample_texts(text, tokens, lexicon, sample)
    gold = sample.assign(sentence=sample["sentence_id"].astype(int))
    out = {}
    for scheme in ("sectors", "instruments"):
        codes = code_sentences(text, tokens, lexicon, scheme).rename(columns={"sentence_id": "sentence"})
        out[scheme] = score_coding(codes, gold, category="sector" if scheme == "sectors" else "instrument",
                                   gold_column=scheme)
    return out


def _corpus_chars(tokens: pd.DataFrame) -> tuple[np.ndarray, ...]:
    """The corpus's characters as code points, rebuilt from its tokens: chars, where each token's
    characters went, the tokens' lengths, each plan's offset, each token's plan (its position among
    the sorted doc_ids) and each token's offset in the whole."""
    starts = tokens["start"].to_numpy(dtype=np.int64)
    lengths = measure_tokens(tokens)
    doc_ids, doc = np.unique(tokens["doc_id"].to_numpy(), return_inverse=True)
    doc_length = np.zeros(len(doc_ids), dtype=np.int64)
    np.maximum.at(doc_length, doc, starts + lengths)
    shift = np.concatenate([[0], np.cumsum(doc_length + 1)[:-1]]).astype(np.int64)
    begin = starts + shift[doc]
    chars = np.full(int(shift[-1] + doc_length[-1] + 1), ord(" "), dtype=np.uint32)
    codes = np.frombuffer("".join(tokens["token"].to_numpy(dtype=object)).encode("utf-32-le"), dtype=np.uint32)
    at = np.repeat(begin, lengths) + np.arange(len(codes)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    chars[at] = codes
    return chars, at, lengths, shift, doc, begin


def rebuild_corpus_text(tokens: pd.DataFrame) -> tuple[str, np.ndarray, np.ndarray]:
    """The plans' clean texts, rebuilt from a corpus's tokens, one after another, each followed by
    a space; the tokens cover every character but line breaks, which come back as spaces.

    Returns:
        the text; each plan's offset in it (plans in doc_id order); each token's plan (its place
        in that order).
    """
    if tokens.empty:
        return "", np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    chars, _, _, shift, doc, _ = _corpus_chars(tokens)
    return chars.tobytes().decode("utf-32-le"), shift, doc
