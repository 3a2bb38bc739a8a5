"""jieba's dictionary segmentation and POS tags (``POSTokenizer.cut(text, HMM=False)``), worked out
with array operations instead of a Python loop per character.

jieba cuts a text into blocks of word characters and cuts each block by its dictionary: every
dictionary word found at each position (its DAG), then, from the block's end back to its start, the
word that gives the most probable rest of the block (the sum of log frequencies less the log of the
total; a tie goes to the longer word), and finally the path from the block's start. Its pure-Python
loops over characters take most of the jieba backend's tagging time (2.2 of 2.6 s over a million
characters of plans).

:class:`DictionaryTagger` does the same three steps over all blocks of a text at once:

- **words found**, by walking a trie of the dictionary's keys one character further at every step,
  for all positions still on a key; a step looks up each (key, next character) pair in one hash
  index;
- **the best rest of each block**, position by position from the block ends, for all blocks in
  step, with the same floating-point sums in the same order as jieba, and ties broken the same way;
- **the path**, followed from all block starts in step.

Then it tags as jieba's ``posseg`` does without its HMM: a run of single ASCII letters or digits is
one token tagged ``eng``, another dictionary word gets its dictionary tag (``x`` when it has none),
and each character outside the blocks is a token tagged ``x`` (``\\r\\n`` one token). A block longer
than :data:`LONG_BLOCK` characters, where stepping through every block at once would cost more than
it saves, is cut by jieba itself.

The result is jieba's, token for token and tag for tag; the tests compare the two on every plan
kept with them and on generated text.
"""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
import pandas as pd

from .text import code_points

#: blocks longer than this (characters) are cut by jieba itself
LONG_BLOCK = 256
_CHAR_BITS = 21  # a code point takes at most 21 bits: (key, next character) packs into one int64
_CRLF = re.compile("\r\n")


class DictionaryTagger:
    """The segmentation and tags of a ``jieba.posseg.POSTokenizer`` without its HMM, by arrays.

    Built from the tagger's dictionary as it stands; if words are added to the dictionary later,
    the tagger is rebuilt on its next use.
    """

    def __init__(self, engine) -> None:
        import jieba.posseg as posseg

        self.engine = engine
        self._blocks = posseg.re_han_internal
        self._state: tuple[int, int] | None = None

    def _build(self) -> None:
        """The dictionary as arrays: each key's trie transition, whether it is a word, its weight
        and its tag."""
        tokenizer = self.engine.tokenizer
        freq: dict[str, int] = tokenizer.FREQ
        self.engine.makesure_userdict_loaded()
        keys = list(freq)
        n = len(keys)
        length = np.fromiter(map(len, keys), dtype=np.int64, count=n)
        points = code_points("".join(keys))
        offset = np.cumsum(length) - length
        # the trie, one level at a time: at level k every key longer than k has reached the key that
        # is its first k characters; a key whose prefix is no key is never reached, as in jieba
        self._root = root = n
        node = np.full(n, root, dtype=np.int64)
        alive = np.flatnonzero(length > 0)
        moves, targets = [], []
        step = 0
        while len(alive):
            packed = (node[alive] << _CHAR_BITS) | points[offset[alive] + step]
            whole = length[alive] == step + 1
            moves.append(packed[whole])
            targets.append(alive[whole])
            longer = alive[~whole]
            found = pd.Index(moves[-1]).get_indexer(packed[~whole])
            reached = found >= 0
            node[longer[reached]] = targets[-1][found[reached]]
            alive = longer[reached]
            step += 1
        self._index = pd.Index(np.concatenate(moves) if moves else np.zeros(0, dtype=np.int64))
        self._key_of = np.concatenate(targets) if targets else np.zeros(0, dtype=np.int64)
        logtotal = math.log(tokenizer.total)
        self._logtotal = logtotal
        counts, at = np.unique(np.fromiter(freq.values(), dtype=np.float64, count=n), return_inverse=True)
        self._is_word = (counts != 0)[at]
        # as jieba's calc writes it: log(frequency) - log(total), worked out once per frequency
        self._weight = np.array([math.log(c) - logtotal if c else 0.0 for c in counts.tolist()])[at]
        self._tags = self.engine.word_tag_tab
        codes, names = pd.factorize(np.array(list(map(self._tags.get, keys, itertools.repeat("x"))), dtype=object))
        self._tag_names = [*names.tolist(), *(name for name in ("x", "eng") if name not in set(names.tolist()))]
        self._key_tag = codes.astype(np.int64)
        self._state = (len(freq), tokenizer.total)

    def prepare(self) -> None:
        """Build the arrays now rather than on the first call of :meth:`tag`."""
        self._ready()

    def _ready(self) -> None:
        tokenizer = self.engine.tokenizer
        if self._state != (len(tokenizer.FREQ), tokenizer.total) or tokenizer.user_word_tag_tab:
            self._build()

    def tag(self, text: str) -> tuple[list[str], list[str]]:
        """The tokens of ``text`` and their tags, as ``engine.cut(text, HMM=False)`` gives them."""
        self._ready()
        if not text:
            return [], []
        spans = [match.span() for match in self._blocks.finditer(text)]
        short = [(a, b) for a, b in spans if b - a <= LONG_BLOCK]
        starts, ends, key, first_points = self._cut_blocks(text, short)
        code = {name: i for i, name in enumerate(self._tag_names)}
        given_starts, given_ends, given_tags = self._cut_long(text, [(a, b) for a, b in spans if b - a > LONG_BLOCK])
        other_starts, other_ends = _other_tokens(text, spans)
        # tags: a dictionary word's own; a character that is no word, looked up as jieba does
        tag = self._key_tag[np.maximum(key, 0)]
        for i in np.flatnonzero(key < 0).tolist():
            tag[i] = code.setdefault(self._tags.get(text[starts[i]], "x"), len(code))
        for name in given_tags:
            code.setdefault(name, len(code))
        names = list(code)
        eng = np.zeros(len(starts) + len(given_starts) + len(other_starts), dtype=bool)
        eng[:len(starts)] = (ends - starts == 1) & _ascii_alnum(first_points)
        all_starts = np.concatenate([starts, given_starts, other_starts])
        all_ends = np.concatenate([ends, given_ends, other_ends])
        all_tags = np.concatenate([tag, np.array([code[name] for name in given_tags], dtype=np.int64),
                                   np.full(len(other_starts), code["x"])])
        order = np.argsort(all_starts, kind="stable")
        all_starts, all_ends, all_tags, eng = all_starts[order], all_ends[order], all_tags[order], eng[order]
        # a run of single ASCII letters or digits is one token, tagged eng
        all_tags[eng] = code["eng"]
        continues = eng & np.concatenate([[False], eng[:-1]])
        if continues.any():
            kept = np.flatnonzero(~continues)
            all_ends = all_ends[np.append(kept[1:], len(all_starts)) - 1]
            all_starts, all_tags = all_starts[kept], all_tags[kept]
        words = [text[a:b] for a, b in zip(all_starts.tolist(), all_ends.tolist())]
        return words, np.array(names, dtype=object)[all_tags].tolist()

    def _cut_long(self, text: str, spans: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """The tokens of blocks too long to step through, cut by jieba: starts, ends, tags."""
        starts: list[int] = []
        ends: list[int] = []
        tags: list[str] = []
        for a, b in spans:
            at = a
            for pair in self.engine.cut(text[a:b], HMM=False):
                starts.append(at)
                at += len(pair.word)
                ends.append(at)
                tags.append(pair.flag)
        return np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), tags

    def _cut_blocks(self, text: str,
                    spans: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The words of jieba's path through each block: starts, ends, each word's key in the
        dictionary (-1 for a character that is no word) and the code point it starts with."""
        if not spans:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty, empty
        block = np.array(spans, dtype=np.int64)
        lengths = block[:, 1] - block[:, 0]
        first = np.repeat(block[:, 0] - np.cumsum(np.concatenate([[0], lengths[:-1]])), lengths)
        position = np.arange(len(first)) + first  # every position of every block
        block_end = np.repeat(block[:, 1], lengths)
        points = code_points(text)
        route_end, route_key = self._best_routes(len(text), points, position, block_end)
        starts, ends = _follow(route_end, block)
        return starts, ends, route_key[starts], points[starts]

    def _words_found(self, points: np.ndarray, position: np.ndarray,
                     block_end: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every dictionary word in a block (its DAG): start, last character and key (-1 for a
        position that starts no word and so gets itself, as in jieba), in no particular order."""
        found_start, found_last, found_key = [], [], []
        at, end = position, block_end
        state = np.full(len(at), self._root, dtype=np.int64)
        step = 0
        while len(at):
            inside = at + step < end
            at, end, state = at[inside], end[inside], state[inside]
            found = self._index.get_indexer((state << _CHAR_BITS) | points[at + step])
            hit = found >= 0
            at, end, key = at[hit], end[hit], self._key_of[found[hit]]
            word = self._is_word[key]
            found_start.append(at[word])
            found_last.append(at[word] + step)
            found_key.append(key[word])
            state = key
            step += 1
        start = np.concatenate(found_start)
        has_word = np.zeros(len(points) + 1, dtype=bool)
        has_word[start] = True
        alone = position[~has_word[position]]
        return (np.concatenate([start, alone]), np.concatenate([*found_last, alone]),
                np.concatenate([*found_key, np.full(len(alone), -1)]))

    def _best_routes(self, n: int, points: np.ndarray, position: np.ndarray,
                     block_end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each position, the last character and the key of the word that begins the best rest
        of its block.

        jieba: route[i] = max((weight(i..x) + route[x + 1], x) for x in DAG[i]), from the block's end
        back; here all positions at the same distance from their block's end at once.
        """
        start, last, key = self._words_found(points, position, block_end)
        # log(1) - log(total): jieba's weight for a character that is no word
        weight = np.where(key >= 0, self._weight[np.maximum(key, 0)], 0.0 - self._logtotal)
        distance = block_end[np.searchsorted(position, start)] - start
        order = np.argsort((distance * (n + 1) + start) * (LONG_BLOCK + 1) + (last - start))
        start, last, key, weight, distance = start[order], last[order], key[order], weight[order], distance[order]
        starts_here = np.concatenate([[True], start[1:] != start[:-1]])
        new_start = np.flatnonzero(starts_here)
        segment = np.cumsum(starts_here) - 1  # each edge's start, numbered
        bounds = np.searchsorted(distance, np.arange(1, int(distance[-1]) + 2))
        segment_bounds = np.searchsorted(new_start, bounds)
        best = np.zeros(n + 1, dtype=np.float64)  # 0 at every block's end, as jieba's route[N]
        route_end = np.zeros(n + 1, dtype=np.int64)
        route_key = np.full(n + 1, -1, dtype=np.int64)
        for d in range(len(bounds) - 1):
            lo, hi = bounds[d], bounds[d + 1]
            if lo == hi:
                continue
            first = new_start[segment_bounds[d]:segment_bounds[d + 1]] - lo
            x = last[lo:hi]
            value = weight[lo:hi] + best[x + 1]
            top = np.maximum.reduceat(value, first)
            tied = np.where(value == top[segment[lo:hi] - segment[lo]], np.arange(hi - lo), -1)
            chosen = np.maximum.reduceat(tied, first) + lo  # the longest of the best (the larger x)
            at = start[chosen]
            best[at] = top
            route_end[at] = last[chosen]
            route_key[at] = key[chosen]
        return route_end, route_key


def _follow(route_end: np.ndarray, block: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The words on the path from each block's start: starts and ends, in order."""
    starts, ends = [], []
    at, end = block[:, 0], block[:, 1]
    while len(at):
        after = route_end[at] + 1
        starts.append(at)
        ends.append(after)
        going = after < end
        at, end = after[going], end[going]
    start = np.concatenate(starts)
    stop = np.concatenate(ends)
    order = np.argsort(start, kind="stable")
    return start[order], stop[order]


def _ascii_alnum(points: np.ndarray) -> np.ndarray:
    return ((points >= 48) & (points <= 57)) | ((points >= 65) & (points <= 90)) | ((points >= 97) & (points <= 122))


def _other_tokens(text: str, spans: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """The characters outside the blocks, each a token of its own, ``\\r\\n`` one token."""
    inside = np.zeros(len(text) + 1, dtype=np.int64)
    if spans:
        block = np.array(spans, dtype=np.int64)
        inside[block[:, 0]] += 1  # blocks do not touch: no two share a start or an end
        inside[block[:, 1]] -= 1
    outside = np.flatnonzero(np.cumsum(inside[:-1]) == 0)
    if not len(outside):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    ends = outside + 1
    if "\r\n" in text:
        pairs = np.array([match.start() for match in _CRLF.finditer(text)], dtype=np.int64)
        joined = np.isin(outside, pairs + 1)  # the \n of a \r\n joins the \r before it
        ends[np.flatnonzero(np.isin(outside, pairs))] += 1
        outside, ends = outside[~joined], ends[~joined]
    return outside, ends
