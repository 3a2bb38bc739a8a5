"""Benchmark: load_plan against the bare taggers it wraps, on one corpus, in a process of its own.

Prints one JSON line: seconds (best of ``--repeat``) for ``rjieba.tag``, ``jieba.posseg.lcut(HMM=False)``,
``jieba.lcut``, and ``load_plan`` with each backend, with the corpus's characters and plans.

A process of its own, because the state a long benchmark leaves behind (a large heap, forked
workers, caches) slowed the bare taggers there by up to 2.3 times and not the pipeline, which made
the ratios look better than they are. Within the process every rival runs under the same
conditions (from a collected heap, with the cyclic garbage collector paused, as load_plan pauses
it; every dictionary, the lexicon and both tokenizers loaded beforehand; no parse cache), and the
rivals take turns, one run of each per round, so that a slow spell of the machine falls on all of
them. load_plan remembers a clause's reading only while it parses the plan that holds it, so
neither the variants of one plan in a corpus nor the rounds over the same files find a clause read
already.

A third rival, the **floor**, is what any parser that reads a plan and gives its five tables must
do at the least (:func:`floor_parse`): read the file, tag it in one call, find the heading lines
with one pattern, and build the five tables in their declared dtypes from columns that are
already at hand. It normalizes nothing, reads no clause and types no agency, so a real parser
with pandas tables cannot be faster; its ratio to ``rjieba.tag`` says how much of a target is
left for the real work. Its frames are built as the parser builds its tables (``make_table``):
with the parser's own way of building them, the floor and the parser pay the same for a frame.

Run by benchmarks/run.py; alone: python benchmarks/versus.py --corpus public
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
import pandas as pd
from corpus import write_corpus, write_public_corpus

from harchang_analysis.markers import CN_NUMERAL


def race(rivals: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The best of ``repeat`` runs of each rival, the rivals running in turn within each round.

    Each run starts from a collected heap and runs with the cyclic collector paused (as load_plan
    runs), so that no rival pays for the garbage another left.
    """
    from harchang_analysis.plan import _paused_gc

    best: dict[str, float] = {}
    for _ in range(repeat):
        for name, run in rivals.items():
            gc.collect()
            with _paused_gc():
                start = time.perf_counter()
                run()
                spent = time.perf_counter() - start
            best[name] = min(best.get(name, spent), spent)
    return best


#: the commonest heading markers (一、 （一） 1．), with the numerals of the parser's own markers
_HEADING = re.compile(rf"^\s*(?:{CN_NUMERAL}、|[（(]{CN_NUMERAL}[）)]|\d{{1,2}}[.．、])")


def floor_parse(path: Path, engine) -> list[pd.DataFrame]:
    """The least work of a parser that gives the five tables (see the module's docstring).

    tokens: every word of the tagger with its tag, offset and place in one sentence, and constant
    unit, entity, stopword and zone columns; units: one per heading line, with its marker and
    line; tasks, assignments and mentions: empty. Every column is made in its declared dtype, so
    ``make_table``, which builds the parser's tables too, finds nothing to convert.
    """
    from harchang_analysis.schema import TABLES, int_column, make_table, text_column

    def table(name: str, n: int, given: dict[str, object]) -> pd.DataFrame:
        """The table with the ``given`` columns and every other one of ``n`` empty values, typed."""
        made = {}
        for column in TABLES[name]:
            values = given.get(column.name)
            if column.dtype == "str":
                made[column.name] = text_column([""] * n if values is None else values)
            elif column.dtype == "Int64":  # all missing, made without reading n Nones one by one
                made[column.name] = (pd.arrays.IntegerArray(np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool))
                                     if values is None else int_column(values))
            else:
                dtype = np.dtype(column.dtype)
                made[column.name] = np.zeros(n, dtype=dtype) if values is None else np.asarray(values, dtype=dtype)
        return make_table(name, made)

    text = path.read_text(encoding="utf-8")
    tagged = engine.tag(text, False)
    n = len(tagged)
    words = [w for w, _ in tagged]
    starts = np.zeros(n, dtype=np.int64)
    np.cumsum([len(w) for w in words[:-1]], out=starts[1:])
    tokens = table("tokens", n, {"sentence_id": np.ones(n, dtype=np.int64), "position": np.arange(n), "start": starts,
                                 "token": words, "pos": [t for _, t in tagged], "entity": [""] * n,
                                 "zone": ["body"] * n})
    lines = [(m.group(0), line) for line, m in ((line, _HEADING.match(line)) for line in text.split("\n"))
             if m is not None]
    units = table("units", len(lines), {"unit_id": np.arange(1, len(lines) + 1), "kind": ["section"] * len(lines),
                                        "marker": [marker for marker, _ in lines],
                                        "title": [line for _, line in lines], "text": [line for _, line in lines]})
    return [tokens, units, *(table(name, 0, {}) for name in ("tasks", "assignments", "mentions"))]


def bare_and_pipeline(paths: list[Path], repeat: int) -> dict[str, float]:
    """Seconds for the bare taggers and for load_plan on the same files (see the module's docstring).

    bare: ``rjieba.tag`` (the engine load_plan's fast backend wraps, the lexicon's words added),
    ``jieba.posseg.lcut(HMM=False)`` (the mode the jieba backend tags in) and ``jieba.lcut``.
    """
    import jieba
    import jieba.posseg

    from harchang_analysis import load_plan
    from harchang_analysis.lexicon import load_lexicon
    from harchang_analysis.tokenize import build_tokenizer

    jieba.setLogLevel(60)
    lexicon = load_lexicon()
    engine = build_tokenizer(lexicon, backend="rjieba").engine
    build_tokenizer(lexicon, backend="jieba")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    rivals: dict[str, Callable[[], object]] = {
        "rjieba.tag": lambda: [engine.tag(t, False) for t in texts],
        "load_plan, rjieba": lambda: [load_plan(p, lexicon=lexicon, backend="rjieba", cache=False) for p in paths],
        "jieba.posseg.lcut(HMM=False)": lambda: [jieba.posseg.lcut(t, HMM=False) for t in texts],
        "load_plan, jieba": lambda: [load_plan(p, lexicon=lexicon, backend="jieba", cache=False) for p in paths],
        "jieba.lcut": lambda: [jieba.lcut(t) for t in texts],
        "floor, rjieba": lambda: [floor_parse(p, engine) for p in paths],
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # what the plans say while they are parsed (unknown agencies)
        race(rivals, 1)  # one run of each first: every import, cache and table builder warm
        seconds = race(rivals, repeat)
    return {**seconds, "chars": float(sum(map(len, texts))), "plans": float(len(paths))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["public", "seed"], required=True)
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    writer = write_public_corpus if args.corpus == "public" else write_corpus
    with tempfile.TemporaryDirectory(prefix="harchang-versus-") as folder:
        result = bare_and_pipeline(writer(Path(folder) / args.corpus, n_chars=args.chars), args.repeat)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
