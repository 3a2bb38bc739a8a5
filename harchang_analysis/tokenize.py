"""Tokenize and tag a plan with jieba, using the plan's own names as a domain dictionary.

We build our own ``jieba.Tokenizer`` and ``jieba.posseg.POSTokenizer`` instances and never
call the module-level ``jieba.*`` functions, which share one tokenizer with every other
library in the process. Lexicon words are added with their tags (``nt`` agencies, ``ns``
places, ``nz`` key terms and projects, ``n`` sector keywords) so that 省长吉图办 or
省住房城乡建设厅 stand as single tokens. jieba's cache lives in our own folder and its log
lines are kept off stdout and stderr.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jieba
import jieba.posseg
import pandas as pd

from .lexicon import Lexicon

TOKEN_COLUMNS = ["unit_id", "sentence_id", "position", "start", "token", "pos", "entity", "is_stopword"]
MENTION_COLUMNS = ["unit_id", "sentence_id", "entity", "name", "surface", "start", "end"]
ENTITIES = ("agency", "place", "sector", "project", "quantity")

_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_QUANTITY = re.compile(r"^\d+(?:\.\d+)?[%％]?$|^[\d.]+(?:万|亿|千)?$")
_G_HIGHWAY = re.compile(r"^G\d+[A-Z]?$")


def cache_dir() -> Path:
    """The folder that holds jieba's dictionary cache: $HARCHANG_CACHE_DIR or ~/.cache/harchang_analysis."""
    env = os.environ.get("HARCHANG_CACHE_DIR")
    base = Path(env) if env else Path.home() / ".cache" / "harchang_analysis"
    return base / "jieba"


@contextlib.contextmanager
def _quiet_jieba() -> Iterator[None]:
    """Keep jieba's 'Building prefix dict' lines off stderr while it initializes."""
    logger = jieba.default_logger
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@dataclass
class PlanTokenizer:
    """A jieba tokenizer and tagger that know the lexicon's words and their entities."""

    tokenizer: jieba.Tokenizer
    tagger: jieba.posseg.POSTokenizer
    entity_of: dict[str, str]
    canonical: dict[str, str]
    stopwords: frozenset[str]

    def tag(self, sentence: str) -> list[tuple[str, str]]:
        """Cut one sentence into (token, pos) pairs, in order."""
        return [(pair.word, pair.flag) for pair in self.tagger.cut(sentence, HMM=True)]


def build_tokenizer(lexicon: Lexicon) -> PlanTokenizer:
    """Build a tokenizer and tagger with the lexicon's words added.

    >>> from harchang_analysis.lexicon import load_lexicon
    >>> tk = build_tokenizer(load_lexicon())
    >>> [w for w, _ in tk.tag("省长吉图办按职责分工负责")][0]
    '省长吉图办'
    """
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(folder)
    with _quiet_jieba():
        tokenizer.initialize()
    entity_of: dict[str, str] = {}
    canonical: dict[str, str] = {}

    def add(word: str, tag: str, entity: str, name: str) -> None:
        if not word or word in entity_of:
            return
        tokenizer.add_word(word, tag=tag)
        entity_of[word] = entity
        canonical[word] = name

    for alias, name in lexicon.agency_lookup().items():
        add(alias, "nt", "agency", name)
    for term, kind in zip(lexicon.terms["term"], lexicon.terms["kind"]):
        if kind == "project":
            add(term, "nz", "project", term)
    for alias, name in lexicon.place_lookup().items():
        add(alias, "ns", "place", name)
    for keyword, sector in zip(lexicon.sectors["keyword"], lexicon.sectors["sector"]):
        add(keyword, "n", "sector", sector)
    plain = [t for t, k in zip(lexicon.terms["term"], lexicon.terms["kind"]) if k == "term"]
    for word in [*plain, *lexicon.instruments["keyword"]]:
        if word not in entity_of and len(word) > 1:
            tokenizer.add_word(word, tag="nz" if word in plain else "n")
    tagger = jieba.posseg.POSTokenizer(tokenizer=tokenizer)
    return PlanTokenizer(tokenizer, tagger, entity_of, canonical, lexicon.stopwords)


def _entity(token: str, pos: str, tk: PlanTokenizer) -> str:
    if token in tk.entity_of:
        return tk.entity_of[token]
    if _G_HIGHWAY.match(token):
        return "project"
    if pos == "m" and any(ch.isdigit() for ch in token) or _QUANTITY.match(token):
        return "quantity"
    return ""


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start and text[start:m.end()].strip():
            yield start, m.end()
        start = m.end()
    if text[start:].strip():
        yield start, len(text)


def _owners(text: str, units: pd.DataFrame) -> list[int]:
    """For every clean offset, the innermost unit that holds it (0 for none)."""
    owner = [0] * len(text)
    for unit_id, start, end in zip(units["unit_id"], units["start"], units["end"]):
        owner[start:end] = [int(unit_id)] * (end - start)
    return owner


def tokenize_units(text: str, units: pd.DataFrame, tk: PlanTokenizer) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cut the clean text into sentences and tokens, tag them, and list entity mentions.

    Returns:
        ``(tokens, mentions)``. tokens: unit_id (the innermost unit holding the token),
        sentence_id (1, 2 … across the document), position (the token's place in its
        sentence, from 0), start (offset in the clean text), token, pos (jieba's tag),
        entity (agency, place, sector, project, quantity or empty), is_stopword.
        mentions: unit_id, sentence_id, entity, name (canonical: the lexicon name, the
        sector for a sector keyword), surface (as written), start, end.
    """
    owner = _owners(text, units)
    token_rows: list[tuple[object, ...]] = []
    mention_rows: list[tuple[object, ...]] = []
    sentence_id = 0
    for s_start, s_end in _sentences(text):
        sentence = text[s_start:s_end]
        sentence_id += 1
        offset = s_start
        position = 0
        for token, pos in tk.tag(sentence):
            start = offset
            offset += len(token)
            if not token.strip():
                continue
            unit_id = owner[start] if start < len(owner) else 0
            entity = _entity(token, pos, tk)
            is_stop = token in tk.stopwords or pos in ("x", "w") or not any(ch.isalnum() for ch in token)
            token_rows.append((unit_id, sentence_id, position, start, token, pos, entity, is_stop))
            position += 1
            if entity:
                name = tk.canonical.get(token, token)
                mention_rows.append((unit_id, sentence_id, entity, name, token, start, offset))
    tokens = pd.DataFrame(token_rows, columns=TOKEN_COLUMNS)
    mentions = pd.DataFrame(mention_rows, columns=MENTION_COLUMNS)
    return tokens, mentions
