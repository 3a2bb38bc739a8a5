"""Tokenize and tag a plan with jieba, using the plan's own names as a domain dictionary.

Two backends share one interface. ``jieba`` (the default and the reference) builds our own
``jieba.Tokenizer`` and ``jieba.posseg.POSTokenizer`` instances and never calls the
module-level ``jieba.*`` functions, which share one tokenizer with every other library in the
process; its cache lives in our own folder and its log lines are kept off the terminal.
``rjieba`` (``pip install .[fast]``) uses its own ``rjieba.Jieba`` instance of jieba-rs, which
reads the same dictionary and tags the same way, many times faster. Both segment with the
dictionary alone: jieba's HMM guesses at unknown words differ between the two implementations
and, on plan text, make more errors than they fix (以哈长, 其塔木至), while the plan's own names
come from the lexicon.

Both get the lexicon's words that their dictionary lacks, with tags (``nt`` agencies, ``ns``
places, ``nz`` key terms and projects, ``n`` sector and instrument keywords), so that 省长吉图办
or 省住房城乡建设厅 stand as single tokens; words the dictionary has keep its frequency and tag,
in both backends alike, unless the dictionary's frequency would cut the name (合心, in the
dictionary as a rare word, would come out 合|心): such a name gets the lowest frequency that keeps
it whole, and keeps the dictionary's tag. A tokenizer is built once per backend and lexicon in a process.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from .cache import cache_root
from .errors import PlanError
from .lexicon import Lexicon
from .responsibility import label_zones, locate_clauses
from .schema import columns, conform

Backend = Literal["jieba", "rjieba"]
BACKENDS: tuple[Backend, ...] = ("jieba", "rjieba")
TOKEN_COLUMNS = columns("tokens")
MENTION_COLUMNS = columns("mentions")

#: tokens that end a sentence (each is a token of its own in both backends)
SENTENCE_ENDS = frozenset("。！？；!?;\n")
_QUANTITY = re.compile(r"^\d+(?:\.\d+)?[%％]?$|^[\d.]+(?:万|亿|千)?$")
_G_HIGHWAY = re.compile(r"^G\d+[A-Z]?$")
_ALNUM = re.compile(r"\w")
_DIGIT = re.compile(r"[0-9]")
_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_CACHE_SIZE = 4


class BackendError(PlanError):
    """The requested tokenizer backend is not installed or not known."""


def cache_dir() -> Path:
    """The folder that holds jieba's dictionary cache: $HARCHANG_CACHE_DIR or ~/.cache/harchang_analysis."""
    return cache_root() / "jieba"


@contextlib.contextmanager
def _quiet_jieba() -> Iterator[None]:
    """Keep jieba's 'Building prefix dict' lines off stderr while it initializes."""
    import jieba

    logger = jieba.default_logger
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def lexicon_words(lexicon: Lexicon) -> list[tuple[str, str, str, str]]:
    """The words a tokenizer must know: (word, POS tag, entity or "", canonical name), in a fixed order.

    Agencies come first, then projects, places, sector keywords, key terms and instrument
    keywords; a word keeps the first role it is given.
    """
    out: dict[str, tuple[str, str, str, str]] = {}

    def add(word: str, tag: str, entity: str, name: str) -> None:
        if word and word not in out:
            out[word] = (word, tag, entity, name)

    for alias, name in lexicon.agency_lookup().items():
        add(alias, "nt", "agency", name)
    for term, kind in zip(lexicon.terms["term"], lexicon.terms["kind"]):
        if kind == "project":
            add(term, "nz", "project", term)
    for alias, name in lexicon.place_lookup().items():
        add(alias, "ns", "place", name)
    for keyword, sector in zip(lexicon.sectors["keyword"], lexicon.sectors["sector"]):
        add(keyword, "n", "sector", sector)
    for term, kind in zip(lexicon.terms["term"], lexicon.terms["kind"]):
        if kind == "term" and len(term) > 1:
            add(term, "nz", "", term)
    for keyword in lexicon.instruments["keyword"]:
        if len(keyword) > 1:
            add(keyword, "n", "", keyword)
    return list(out.values())


@dataclass
class PlanTokenizer:
    """A tokenizer and tagger that know the lexicon's words and their entities."""

    backend: Backend
    engine: Any = field(repr=False)  # a jieba.posseg.POSTokenizer or an rjieba.Jieba: no shared type
    entity_of: dict[str, str] = field(repr=False)
    canonical: dict[str, str] = field(repr=False)
    stopwords: frozenset[str] = field(repr=False)
    #: short names that are a place only in a route or a list of places (吉林 → 吉林市)
    context_places: dict[str, str] = field(default_factory=dict, repr=False)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Cut a text into (token, POS tag) pairs, in order; the tokens join back into the text.

        Segmentation uses the dictionary alone (no HMM guessing of unknown words), which both
        backends do alike; a number is one token (7.5, not 7 . 5) and is tagged ``m`` in both.
        """
        if self.backend == "rjieba":
            pairs = self.engine.tag(text, False)
        else:
            pairs = [(pair.word, pair.flag) for pair in self.engine.cut(text, HMM=False)]
        pairs = [(w, "m") if "0" <= w[0] <= "9" and f != "m" and _NUMBER.match(w) else (w, f) for w, f in pairs]
        return _join_decimals(pairs) if ("." , "x") in pairs or (".", "m") in pairs else pairs


def _join_decimals(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join a number cut at its decimal point (7 . 5) back into one token (7.5, tagged m)."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(pairs):
        word, flag = pairs[i]
        if (word == "." and out and i + 1 < len(pairs) and out[-1][0].isdigit() and out[-1][0].isascii()
                and pairs[i + 1][0].isdigit() and pairs[i + 1][0].isascii()):
            out[-1] = (out[-1][0] + "." + pairs[i + 1][0], "m")
            i += 2
            continue
        out.append((word, flag))
        i += 1
    return out


_Key = tuple[Backend, tuple[tuple[str, str, str, str], ...], frozenset[str], tuple[tuple[str, str], ...]]
_TOKENIZERS: dict[_Key, PlanTokenizer] = {}


def build_tokenizer(lexicon: Lexicon, *, backend: Backend = "jieba") -> PlanTokenizer:
    """A tokenizer and tagger with the lexicon's words added (built once per backend and lexicon).

    Raises:
        BackendError: ``rjieba`` is asked for but not installed, or the backend is unknown.

    >>> from harchang_analysis.lexicon import load_lexicon
    >>> tk = build_tokenizer(load_lexicon())
    >>> tk.tag("省长吉图办按职责分工负责")[0]
    ('省长吉图办', 'nt')
    """
    if backend not in BACKENDS:
        raise BackendError(f"unknown tokenizer backend {backend!r}; use one of {', '.join(BACKENDS)}")
    words = tuple(lexicon_words(lexicon))
    context: tuple[tuple[str, str], ...] = tuple(
        (str(alias), str(name)) for name, aliases in zip(lexicon.places["name"], lexicon.places["context_aliases"])
        for alias in aliases)
    key = (backend, words, lexicon.stopwords, context)
    if key in _TOKENIZERS:
        return _TOKENIZERS[key]
    engine = _build_rjieba(words) if backend == "rjieba" else _build_jieba(words)
    tokenizer = PlanTokenizer(
        backend=backend,
        engine=engine,
        entity_of={w: e for w, _, e, _ in words if e},
        canonical={**dict(context), **{w: n for w, _, e, n in words if e}},
        stopwords=lexicon.stopwords,
        context_places=dict(context),
    )
    if len(_TOKENIZERS) >= _CACHE_SIZE:
        _TOKENIZERS.pop(next(iter(_TOKENIZERS)))
    _TOKENIZERS[key] = tokenizer
    return tokenizer


def _build_jieba(words: tuple[tuple[str, str, str, str], ...]) -> object:
    import jieba
    import jieba.posseg

    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(folder)
    with _quiet_jieba():
        tokenizer.initialize()
    for word, tag, _, _ in words:
        if not tokenizer.FREQ.get(word):  # words the dictionary has keep its frequency and tag …
            tokenizer.add_word(word, tag=tag)
    for word, _, _, _ in words:
        if len(tokenizer.lcut(word, HMM=False)) > 1:  # … unless it would cut them (合心 → 合|心)
            tokenizer.add_word(word, freq=tokenizer.suggest_freq(word, tune=False))
    return jieba.posseg.POSTokenizer(tokenizer=tokenizer)


def _build_rjieba(words: tuple[tuple[str, str, str, str], ...]) -> object:
    try:
        import rjieba
    except ImportError as exc:
        raise BackendError("the rjieba backend is not installed; run `pip install .[fast]` (or `make setup`)") from exc
    engine = rjieba.Jieba()
    for word, tag, _, _ in words:
        if not engine.has_word(word):  # words the dictionary has keep its frequency and tag …
            engine.add_word(word, None, tag)
    for word, _, _, _ in words:
        if len(engine.cut(word, False)) > 1:  # … unless it would cut them, as in the jieba backend
            engine.add_word(word, engine.suggest_freq(word), None)
    return engine


#: what makes a short name a place: an end of a route (吉林至长春, 蛟河至吉林) …
ROUTE_WORDS = frozenset({"至", "到"})
#: … or a neighbour in a list of places (长春、吉林、四平; 长春－吉林－延边)
LIST_SEPARATORS = frozenset({"、", "－", "-", "—", "–"})


def mark_context_places(words: list[str], entity: list[str], context_places: dict[str, str]) -> list[int]:
    """Give ``entity = "place"`` to each short name of ``context_places`` that stands in a route or a
    list of places; the others (吉林振兴, 吉林中部, 在吉林和黑龙江两省) stay as they are.

    Returns the positions marked.

    >>> words = ["吉林", "至", "长春", "，", "吉林", "振兴", "，", "长春", "、", "吉林", "地区"]
    >>> entity = ["", "", "place", "", "", "", "", "place", "", "", ""]
    >>> mark_context_places(words, entity, {"吉林": "吉林市"})
    [0, 9]
    """
    marked = []
    n = len(words)
    for i in [i for i, w in enumerate(words) if w in context_places and not entity[i]]:
        before = words[i - 1] if i > 0 else ""
        after = words[i + 1] if i + 1 < n else ""
        in_route = before in ROUTE_WORDS or after in ROUTE_WORDS
        in_list = ((before in LIST_SEPARATORS and i >= 2 and entity[i - 2] == "place")
                   or (after in LIST_SEPARATORS and i + 2 < n and entity[i + 2] == "place"))
        if in_route or in_list:
            entity[i] = "place"
            marked.append(i)
    return marked


def _owners(text: str, units: pd.DataFrame) -> np.ndarray:
    """For every clean offset, the innermost unit that holds it (0 for none)."""
    owner = np.zeros(len(text) + 1, dtype=np.int64)
    for unit_id, start, end in zip(units["unit_id"].tolist(), units["start"].tolist(), units["end"].tolist()):
        owner[start:end] = unit_id
    return owner


def tokenize_units(text: str, units: pd.DataFrame, tk: PlanTokenizer, *,
                   clauses: list[tuple[int, tuple[int, int]]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cut the clean text into sentences and tokens, tag them, and list entity mentions.

    The text is tagged in one call; sentences end at 。！？； and at line ends.

    Returns:
        ``(tokens, mentions)``. tokens: unit_id (the innermost unit holding the token),
        sentence_id (1, 2 … across the document), position (the token's place in its
        sentence, from 0), start (offset in the clean text), token, pos (jieba's tag),
        entity (agency, place, sector, project, quantity or empty), is_stopword, zone
        (``clause``, ``heading`` or ``body``: see
        :func:`~harchang_analysis.responsibility.label_zones`; ``clauses`` are those of
        :func:`~harchang_analysis.responsibility.locate_clauses`, found here when not given).
        mentions: unit_id, sentence_id, entity, name (canonical: the lexicon name, the
        sector for a sector keyword), surface (as written), start, end, zone.
    """
    pairs = tk.tag(text)
    if not pairs:
        empty_tokens, empty_mentions = pd.DataFrame(columns=TOKEN_COLUMNS), pd.DataFrame(columns=MENTION_COLUMNS)
        return conform("tokens", empty_tokens), conform("mentions", empty_mentions)
    words, flags = (list(col) for col in zip(*pairs))
    n = len(words)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=n)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    ends_sentence = np.fromiter(map(SENTENCE_ENDS.__contains__, words), dtype=bool, count=n)
    keep = ~np.fromiter(map(str.isspace, words), dtype=bool, count=n)
    # a sentence is what lies after one sentence end up to and including the next
    raw_sentence = np.concatenate([[0], np.cumsum(ends_sentence)[:-1]])
    if not keep.all():
        words = list(itertools.compress(words, keep))
        flags = list(itertools.compress(flags, keep))
        starts, raw_sentence = starts[keep], raw_sentence[keep]
    n = len(words)
    _, sentence_id = np.unique(raw_sentence, return_inverse=True)
    sentence_id = sentence_id + 1
    first_of_sentence = np.concatenate([[True], sentence_id[1:] != sentence_id[:-1]])
    first_index = np.maximum.accumulate(np.where(first_of_sentence, np.arange(n), 0))
    position = np.arange(n) - first_index
    unit_id = _owners(text, units)[starts]
    entity = list(map(tk.entity_of.get, words, itertools.repeat("")))
    # numbers and G-numbers: the few tokens that start with an ASCII character or are tagged m
    for i in [i for i, (w, f) in enumerate(zip(words, flags)) if w[0] < "\x80" or f == "m"]:
        w = words[i]
        if not entity[i] and _DIGIT.search(w):
            if _G_HIGHWAY.match(w):
                entity[i] = "project"
            elif flags[i] == "m" or _QUANTITY.match(w):
                entity[i] = "quantity"
    if tk.context_places:
        mark_context_places(words, entity, tk.context_places)
    is_stopword = np.fromiter(map(tk.stopwords.__contains__, words), dtype=bool, count=n)
    is_stopword |= np.fromiter(map(("x", "w").__contains__, flags), dtype=bool, count=n)
    for k in np.flatnonzero(~is_stopword & ~np.fromiter(map(str.isalnum, words), dtype=bool, count=n)).tolist():
        is_stopword[k] = not _ALNUM.search(words[k])  # no letter or digit at all: punctuation
    if clauses is None:
        clauses = locate_clauses(text, units)
    tokens = pd.DataFrame({
        "unit_id": unit_id, "sentence_id": sentence_id, "position": position, "start": starts,
        "token": words, "pos": flags, "entity": entity, "is_stopword": is_stopword,
        "zone": label_zones(starts, text, units, clauses),
    }, columns=TOKEN_COLUMNS)
    has_entity = tokens["entity"] != ""
    found = tokens.loc[has_entity, ["unit_id", "sentence_id", "entity", "token", "start", "zone"]]
    mentions = pd.DataFrame({
        "unit_id": found["unit_id"].to_numpy(),
        "sentence_id": found["sentence_id"].to_numpy(),
        "entity": found["entity"].to_numpy(),
        "name": [tk.canonical.get(w, w) for w in found["token"]],
        "surface": found["token"].to_numpy(),
        "start": found["start"].to_numpy(),
        "end": (found["start"] + found["token"].str.len()).to_numpy(),
        "zone": found["zone"].to_numpy(),
    }, columns=MENTION_COLUMNS)
    return conform("tokens", tokens), conform("mentions", mentions)
