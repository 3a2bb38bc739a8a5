"""Tokenize and tag a plan with jieba, using the plan's own names as a domain dictionary.

Two backends share one interface. ``jieba`` (the default and the reference) builds our own
``jieba.Tokenizer`` and ``jieba.posseg.POSTokenizer`` instances and never calls the
module-level ``jieba.*`` functions, which share one tokenizer with every other library in the
process; its cache lives in our own folder and its log lines are kept off the terminal.
``rjieba`` (``pip install .[fast]``) uses its own ``rjieba.Jieba`` instance of jieba-rs, which
reads the same dictionary and tags the same way, many times faster. Past its first 150,000
characters the jieba backend stops calling posseg and does the same cut with array
operations over jieba's own dictionary (:mod:`harchang_analysis.segment`), about three times as
fast and token for token the same. Both segment with the dictionary alone: jieba's HMM guesses
at unknown words differ between the two implementations and, on plan text, make more errors than
they fix (以哈长, 其塔木至), while the plan's own names come from the lexicon.

Both get the lexicon's words that their dictionary lacks, with tags (``nt`` agencies, ``ns``
places, ``nz`` key terms and projects, ``n`` sector and instrument keywords), so that 省长吉图办
or 省住房城乡建设厅 stand as single tokens; words the dictionary has keep its frequency and tag,
in both backends alike, unless the dictionary's frequency would cut the name (合心, in the
dictionary as a rare word, would come out 合|心): such a name gets the lowest frequency that keeps
it whole, and keeps the dictionary's tag. A tokenizer is built once per backend and lexicon in a process.
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import importlib.util
import logging
import re
import sys
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
from .schema import columns, make_table
from .segment import DictionaryTagger
from .structure import UnitRecords, unit_records

Backend = Literal["jieba", "rjieba"]
#: what a caller may ask for: a backend, or ``auto`` for the fastest installed one
BackendChoice = Literal["auto", "jieba", "rjieba"]
BACKENDS: tuple[Backend, ...] = ("jieba", "rjieba")

#: the entities of the tokens table, "" for none; tokens carry them as an index into this array
ENTITIES = np.array(["", "agency", "place", "sector", "project", "quantity"], dtype=object)
_ENTITY_CODE = {name: code for code, name in enumerate(ENTITIES.tolist())}
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


class _Vocabulary:
    """The words a tokenizer has met, each with an id and what depends on the word alone (its
    length, entity, canonical name, whether it is a number, a stopword …), worked out once per word
    for the life of the tokenizer instead of once per plan. Only the tokenizer's lexicon and the
    word decide these values, so the tables do not depend on what was parsed before."""

    def __init__(self, tk: PlanTokenizer, *, properties: bool = True) -> None:
        self.tk = tk
        self.properties = properties  # False for the tags, which need none
        self.index: dict[str, int] = {}
        self.words = np.zeros(0, dtype=object)
        self.props: dict[str, np.ndarray] = {}
        self._held = 0  # ids in use; the arrays above may be longer (room to grow)

    def encode(self, words: list[str] | tuple[str, ...]) -> np.ndarray:
        """Each word's id, registering the words not met before."""
        index = self.index
        try:  # most words of a plan have been met before, in a corpus: look them up at once
            return np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))
        except KeyError:
            self._add([w for w in dict.fromkeys(words) if w not in index])  # in order of first use
            return np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))

    def _add(self, new: list[str]) -> None:
        start, end = self._held, self._held + len(new)
        for k, word in enumerate(new):
            self.index[word] = start + k
        if end > len(self.words):  # grow by doubling, so that adding words stays cheap
            size = max(end, 2 * len(self.words), 1024)
            words = np.empty(size, dtype=object)
            words[:start] = self.words[:start]
            self.words = words
            for name, values in self.props.items():
                grown = np.zeros(size, dtype=values.dtype)
                grown[:start] = values[:start]
                self.props[name] = grown
        self.words[start:end] = new
        for name, values in (self._properties(new) if self.properties else {}).items():
            if name not in self.props:
                self.props[name] = np.zeros(len(self.words), dtype=values.dtype)
            self.props[name][start:end] = values
        self._held = end

    def _properties(self, words: list[str]) -> dict[str, np.ndarray]:
        tk, n = self.tk, len(words)

        def flags(test) -> np.ndarray:
            return np.fromiter(map(test, words), dtype=bool, count=n)

        return {
            "size": np.fromiter(map(len, words), dtype=np.int64, count=n),
            "ends_sentence": flags(SENTENCE_ENDS.__contains__),
            "space": flags(str.isspace),
            "number": flags(lambda w: ("0" <= w[0] <= "9") and _NUMBER.match(w) is not None),
            "ascii_digits": flags(_ascii_digits),
            "digit": flags(lambda w: _DIGIT.search(w) is not None),
            "ascii_first": flags(lambda w: w[0] < "\x80"),
            "highway": flags(lambda w: _G_HIGHWAY.match(w) is not None),
            "quantity": flags(lambda w: _QUANTITY.match(w) is not None),
            "named": flags(tk.context_places.__contains__),
            "listed": flags(tk.stopwords.__contains__),
            "bare": flags(lambda w: _ALNUM.search(w) is None),
            "entity": np.fromiter((_ENTITY_CODE[tk.entity_of.get(w, "")] for w in words), dtype=np.int8, count=n),
            "canonical": np.array([tk.canonical.get(w, w) for w in words], dtype=object),
            # the tag the rjieba tagger gives the word alone, where the text is cut without tags
            **({"tag": np.fromiter(map(tk.tag_alone, words), dtype=np.int64, count=n)} if tk.backend == "rjieba"
               else {}),
        }

    def prop(self, name: str) -> np.ndarray:
        """A property of every word met so far, by id."""
        return self.props[name][:self._held]

    def held_words(self) -> np.ndarray:
        """The words met so far, by id."""
        return self.words[:self._held]


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
    _vocabulary: _Vocabulary | None = field(default=None, init=False, repr=False, compare=False)
    _tags: _Vocabulary | None = field(default=None, init=False, repr=False, compare=False)
    _segmenter: DictionaryTagger | None = field(default=None, init=False, repr=False, compare=False)
    _cut_by_jieba: int = field(default=0, init=False, repr=False, compare=False)

    @property
    def vocabulary(self) -> _Vocabulary:
        """The words met so far, with what depends on each word alone (built on first use)."""
        if self._vocabulary is None:
            self._vocabulary = _Vocabulary(self)
        return self._vocabulary

    @property
    def tag_vocabulary(self) -> _Vocabulary:
        """The POS tags met so far."""
        if self._tags is None:
            self._tags = _Vocabulary(self, properties=False)
        return self._tags

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Cut a text into (token, POS tag) pairs, in order; the tokens join back into the text.

        Segmentation uses the dictionary alone (no HMM guessing of unknown words), which both
        backends do alike; a number is one token (7.5, not 7 . 5) and is tagged ``m`` in both.
        """
        words, distinct, tags, distinct_tags = self.tag_codes(text)
        return list(zip(distinct[words].tolist(), distinct_tags[tags].tolist()))

    def tag_codes(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`tag` as codes: each token's word as an index into the words this tokenizer has
        met, and its tag as an index into the tags, so that what depends on a word alone is worked
        out once per word (:attr:`vocabulary`). Returns (words, the words by index, tags, the tags
        by index).

        The rjieba backend cuts without tagging, which takes half the time, and gives each word
        the tag its tagger gives the word alone: the tagger tags a word by the word alone (its
        dictionary's tag, or the one its characters give), so the tags are the same. A piece
        with a word the tagger would cut otherwise alone is tagged in full.
        """
        vocabulary, tag_vocabulary = self.vocabulary, self.tag_vocabulary
        words: list[np.ndarray] = []
        tags: list[np.ndarray] = []
        for piece in _pieces(text):  # a piece at a time: the list of tokens never holds the whole text
            if self.backend == "rjieba":
                codes, tag_codes = self._piece_codes(self.engine.cut(piece, False), None)
                if (tag_codes < 0).any():
                    pairs = self.engine.tag(piece, False)
                    codes, tag_codes = self._piece_codes([pair[0] for pair in pairs], [pair[1] for pair in pairs])
            else:
                codes, tag_codes = self._piece_codes(*self._tag_with_jieba(piece))
            words.append(codes)
            tags.append(tag_codes)
        if not words:
            empty = np.zeros(0, dtype=np.int64)
            return empty, np.zeros(0, dtype=object), empty, np.zeros(0, dtype=object)
        return (np.concatenate(words), vocabulary.held_words(), np.concatenate(tags),
                tag_vocabulary.held_words())

    def _piece_codes(self, piece_words: list[str], piece_tags: list[str] | None) -> tuple[np.ndarray, np.ndarray]:
        """The word and tag codes of a piece's tokens; ``piece_tags`` None: each word's tag alone
        (-1 for a word the tagger cuts otherwise alone)."""
        vocabulary, tag_vocabulary = self.vocabulary, self.tag_vocabulary
        codes = vocabulary.encode(piece_words)
        dot = vocabulary.index.get(".")
        if dot is not None:  # a number cut at its decimal point (7 . 5): join it back
            dots = np.flatnonzero(codes[1:-1] == dot) + 1  # not the first token or the last
            digits = vocabulary.prop("ascii_digits")
            between = dots[digits[codes[dots - 1]] & digits[codes[dots + 1]]]  # only these can join
            joins = _decimal_points(between.tolist()) if len(between) else []
            if joins:
                piece_words, piece_tags = _join_at(piece_words, piece_tags, joins)
                codes = vocabulary.encode(piece_words)
        tag_codes = vocabulary.prop("tag")[codes] if piece_tags is None else tag_vocabulary.encode(piece_tags)
        number = vocabulary.prop("number")[codes]
        if number.any():  # a number the tagger did not tag m (a year, a count in ASCII digits) is m
            tag_codes = np.where(number, tag_vocabulary.encode(["m"])[0], tag_codes)
        return codes, tag_codes

    def tag_alone(self, word: str) -> int:
        """The code of the tag the rjieba tagger gives ``word`` alone; -1 where it cuts the word."""
        pairs = self.engine.tag(word, False)
        if len(pairs) != 1 or pairs[0][0] != word:
            return -1
        return int(self.tag_vocabulary.encode([pairs[0][1]])[0])

    def expect(self, characters: int) -> None:
        """Say that about ``characters`` characters are coming to be tagged: with the jieba backend,
        if they would take it past :data:`SEGMENTER_AFTER`, the array segmenter is built now (so that
        workers forked after this inherit it rather than each building its own)."""
        if self.backend == "jieba" and self._segmenter is None and self._cut_by_jieba + characters > SEGMENTER_AFTER:
            self._array_segmenter().prepare()

    def _tag_with_jieba(self, piece: str) -> tuple[list[str], list[str]]:
        """jieba's tokens and tags of a piece: from posseg itself for the first
        :data:`SEGMENTER_AFTER` characters a tokenizer tags, from the arrays of a
        :class:`~harchang_analysis.segment.DictionaryTagger` after that (the same tokens and tags;
        building its arrays costs about as much as posseg takes over that many characters, so a
        single plan never pays for it and a corpus pays once)."""
        if self._segmenter is None and self._cut_by_jieba + len(piece) <= SEGMENTER_AFTER:
            self._cut_by_jieba += len(piece)
            pairs = [(pair.word, pair.flag) for pair in self.engine.cut(piece, HMM=False)]
            return [word for word, _ in pairs], [tag for _, tag in pairs]
        return self._array_segmenter().tag(piece)

    def _array_segmenter(self) -> DictionaryTagger:
        """The array segmenter over this tokenizer's jieba dictionary, made on first use."""
        if self._segmenter is None:
            self._segmenter = DictionaryTagger(self.engine)
        return self._segmenter


#: characters the jieba backend tags with posseg itself before it builds its array segmenter
SEGMENTER_AFTER = 150_000
#: the size of the pieces the text is tagged in (characters; each piece ends at a line end)
PIECE = 1 << 16


def _pieces(text: str) -> Iterator[str]:
    """The text in pieces of about :data:`PIECE` characters, each ending at a line end: both
    taggers cut a text into blocks at every character that is not a word character, a line end
    among them, so no token spans two pieces and the tokens are those of the whole text."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + PIECE)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _decimal_points(between: list[int]) -> list[int]:
    """Of the points that stand between two runs of ASCII digits (``between``, their positions in
    order), those that join them into one number (7 . 5); a point right after a number just joined
    is not one (1.2.3 gives 1.2 and . 3)."""
    joins: list[int] = []
    for i in between:
        if not joins or joins[-1] + 1 != i - 1:
            joins.append(i)
    return joins


def _ascii_digits(word: str) -> bool:
    return word.isdigit() and word.isascii()


def _join_at(words: list[str], tags: list[str] | None, joins: list[int]) -> tuple[list[str], list[str] | None]:
    """The tokens with each number cut at one of the ``joins`` points joined back (7.5, tagged m)."""
    for i in reversed(joins):
        words[i - 1:i + 2] = [words[i - 1] + "." + words[i + 1]]
        if tags is not None:
            tags[i - 1:i + 2] = ["m"]
    return words, tags


_Key = tuple[Backend, tuple[tuple[str, str, str, str], ...], frozenset[str], tuple[tuple[str, str], ...]]


class _TokenizerKey:
    """What makes a tokenizer (backend, words, stopwords, context places), with its hash worked out
    once: a tuple of every word of a lexicon is hashed anew on every look-up, a plan's worth of time."""

    __slots__ = ("_hash", "parts")

    def __init__(self, parts: _Key) -> None:
        self.parts = parts
        self._hash = hash(parts)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _TokenizerKey) and self.parts == other.parts


_TOKENIZERS: dict[_TokenizerKey, PlanTokenizer] = {}


def resolve_backend(backend: str) -> Backend:
    """The backend to use: ``auto`` is rjieba when it is installed (the same tables, several times
    faster; the tests and ``make bench`` check that they are the same) and jieba otherwise.

    Raises:
        BackendError: the backend is not known.
    """
    if backend == "auto":
        return "rjieba" if _rjieba_installed() else "jieba"
    if backend not in BACKENDS:
        raise BackendError(f"unknown tokenizer backend {backend!r}; use auto, {' or '.join(BACKENDS)}")
    return backend


def build_tokenizer(lexicon: Lexicon, *, backend: BackendChoice = "jieba") -> PlanTokenizer:
    """A tokenizer and tagger with the lexicon's words added (built once per backend and lexicon).

    Raises:
        BackendError: ``rjieba`` is asked for but not installed, or the backend is unknown.

    >>> from harchang_analysis.lexicon import load_lexicon
    >>> tk = build_tokenizer(load_lexicon())
    >>> tk.tag("省长吉图办按职责分工负责")[0]
    ('省长吉图办', 'nt')
    """
    backend = resolve_backend(backend)
    words, context = lexicon.derive("tokenizer_words", lambda: _tokenizer_words(lexicon))
    key = lexicon.derive(f"tokenizer key {backend}",
                         lambda: _TokenizerKey((backend, words, lexicon.stopwords, context)))
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


def _tokenizer_words(lexicon: Lexicon) -> tuple[tuple[tuple[str, str, str, str], ...], tuple[tuple[str, str], ...]]:
    """The lexicon's words (:func:`lexicon_words`) and its context place names (alias, place)."""
    context = tuple((str(alias), str(name)) for name, aliases in zip(lexicon.places["name"],
                                                                    lexicon.places["context_aliases"])
                    for alias in aliases)
    return tuple(lexicon_words(lexicon)), context


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


def _rjieba_installed() -> bool:
    """Whether rjieba can be imported, found without importing it."""
    if "rjieba" in sys.modules:
        return sys.modules["rjieba"] is not None
    return importlib.util.find_spec("rjieba") is not None


def _rjieba_class() -> Any:
    """rjieba's ``Jieba`` class, taken from its compiled module without running the package's
    ``__init__``, which builds a default instance for its module-level functions: a second load of
    the whole dictionary (0.15 s), which a plan's own instance never uses. Where rjieba is already
    imported, or its compiled module is not where the package keeps it, the package is imported.

    Raises:
        BackendError: rjieba is not installed.
    """
    if "rjieba" not in sys.modules:
        spec = importlib.util.find_spec("rjieba")
        folders = list(spec.submodule_search_locations or []) if spec is not None else []
        for folder in folders:
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = Path(folder) / f"rjieba{suffix}"
                if not path.is_file():
                    continue
                loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(path))
                found = importlib.util.spec_from_file_location("rjieba.rjieba", path, loader=loader)
                if found is not None:
                    module = importlib.util.module_from_spec(found)
                    loader.exec_module(module)
                    return module.Jieba
    try:
        import rjieba
    except ImportError as exc:
        raise BackendError("the rjieba backend is not installed; run `pip install .[fast]` (or `make setup`)") from exc
    return rjieba.Jieba


def _build_rjieba(words: tuple[tuple[str, str, str, str], ...]) -> object:
    engine = _rjieba_class()()
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
    candidates = [i for i, w in enumerate(words) if w in context_places and not entity[i]]
    return _mark_context_places(words, entity, context_places, candidates)


def _mark_context_places(words, entity, context_places: dict[str, str], candidates, *,
                         place: object = "place") -> list[int]:
    """:func:`mark_context_places` at the ``candidates`` only (a short name with no entity yet);
    ``place``: what ``entity`` holds for a place."""
    marked = []
    n = len(words)
    for i in [int(i) for i in candidates]:
        before = words[i - 1] if i > 0 else ""
        after = words[i + 1] if i + 1 < n else ""
        in_route = before in ROUTE_WORDS or after in ROUTE_WORDS
        in_list = ((before in LIST_SEPARATORS and i >= 2 and entity[i - 2] == place)
                   or (after in LIST_SEPARATORS and i + 2 < n and entity[i + 2] == place))
        if in_route or in_list:
            entity[i] = place
            marked.append(i)
    return marked


def _owners(text: str, records: UnitRecords) -> np.ndarray:
    """For every clean offset, the innermost unit that holds it (0 for none)."""
    owner = np.zeros(len(text) + 1, dtype=np.int64)
    for unit_id, rec in records.items():
        owner[rec.start:rec.end] = unit_id
    return owner


def tokenize_units(text: str, units: pd.DataFrame | UnitRecords, tk: PlanTokenizer, *,
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
    records = unit_records(units)
    codes, distinct, tag_codes, distinct_tags = tk.tag_codes(text)
    if not len(codes):
        return (make_table("tokens", {column: [] for column in columns("tokens")}),
                make_table("mentions", {column: [] for column in columns("mentions")}))
    # what a token is depends on its word (and tag) alone: worked out once per word by the tokenizer
    word = tk.vocabulary.prop
    size = word("size")
    lengths = size[codes]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    # a sentence is what lies after one sentence end up to and including the next
    raw_sentence = np.concatenate([[0], np.cumsum(word("ends_sentence")[codes])[:-1]])
    keep = ~word("space")[codes]
    if not keep.all():
        codes, tag_codes, starts, raw_sentence = codes[keep], tag_codes[keep], starts[keep], raw_sentence[keep]
    n = len(codes)
    # numbered 1, 2 … in order (a sentence of nothing but space has gone): raw_sentence never falls
    sentence_id = np.cumsum(np.concatenate([[1], raw_sentence[1:] != raw_sentence[:-1]]))[:n]
    first_of_sentence = np.concatenate([[True], sentence_id[1:] != sentence_id[:-1]])
    first_index = np.maximum.accumulate(np.where(first_of_sentence, np.arange(n), 0))
    position = np.arange(n) - first_index
    unit_id = _owners(text, records)[starts]
    # each token's entity as an index into ENTITIES (a copy: the numbers and places below are marked in it)
    entity = word("entity")[codes]
    # numbers and G-numbers: a word with a digit, starting with an ASCII character or tagged m
    tagged_m = (distinct_tags == "m")[tag_codes]
    highway = word("highway")[codes]
    numeric = (entity == 0) & word("digit")[codes] & (word("ascii_first")[codes] | tagged_m)
    entity[numeric & highway] = _ENTITY_CODE["project"]
    entity[numeric & ~highway & (tagged_m | word("quantity")[codes])] = _ENTITY_CODE["quantity"]
    token = distinct[codes]  # one string object per distinct word
    if tk.context_places:
        candidates = np.flatnonzero(word("named")[codes] & (entity == 0))
        _mark_context_places(token, entity, tk.context_places, candidates, place=_ENTITY_CODE["place"])
    # a stopword: in the list, tagged x or w, or with no letter or digit at all (punctuation)
    symbol_tag = np.array([tag in ("x", "w") for tag in distinct_tags.tolist()], dtype=bool)
    is_stopword = word("listed")[codes] | word("bare")[codes] | symbol_tag[tag_codes]
    if clauses is None:
        clauses = locate_clauses(text, records)
    zone = label_zones(starts, text, records, clauses)
    tokens = make_table("tokens", {
        "unit_id": unit_id, "sentence_id": sentence_id, "position": position, "start": starts,
        "token": token, "pos": distinct_tags[tag_codes], "entity": ENTITIES.take(entity), "is_stopword": is_stopword,
        "zone": zone,
    })
    found = np.flatnonzero(entity)
    mentions = make_table("mentions", {
        "unit_id": unit_id[found],
        "sentence_id": sentence_id[found],
        "entity": ENTITIES.take(entity[found]),
        "name": word("canonical")[codes[found]],
        "surface": token[found],
        "start": starts[found],
        "end": starts[found] + size[codes[found]],
        "zone": np.asarray(zone)[found],
    })
    return tokens, mentions
