"""Many plans at once: the same tables for every plan, with a doc_id column, in worker processes."""

from __future__ import annotations

import multiprocessing
import sys
import warnings
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import PlanInputError
from .lexicon import Lexicon, load_lexicon
from .plan import TABLES, _paused_gc, load_plan
from .tokenize import Backend, build_tokenizer

DOCUMENT_COLUMNS = ["doc_id", "path", "encoding", "conversion", "n_chars", "n_units", "n_tasks", "n_tokens"]


class CorpusWarning(UserWarning):
    """A plan of the corpus was skipped, or said something while it was parsed."""


@dataclass(frozen=True)
class Corpus:
    """The tables of many plans.

    Attributes:
        documents: doc_id, path, encoding, conversion, n_chars, n_units, n_tasks, n_tokens:
            one row per plan that parsed.
        units, tasks, assignments, tokens, mentions: the tables of :class:`~harchang_analysis.Plan`,
            stacked, each with ``doc_id`` as its first column.
        skipped: path, error: the files that could not be read, and why.
    """

    documents: pd.DataFrame
    units: pd.DataFrame
    tasks: pd.DataFrame
    assignments: pd.DataFrame
    tokens: pd.DataFrame
    mentions: pd.DataFrame
    skipped: pd.DataFrame


# set in each worker (and in the parent for n_jobs=1) before any plan is parsed
# set in each worker (and in the parent for n_jobs=1) before any plan is parsed
_LEXICON: Lexicon | None = None
_BACKEND: Backend = "jieba"

#: what became of one file: doc_id, path, its tables (None when it could not be read), the
#: error, and what the plan said while it was parsed
Result = tuple[int, str, "dict[str, pd.DataFrame] | None", str, list[str]]


def _setup(lexicon: Lexicon, backend: Backend) -> None:
    global _LEXICON, _BACKEND
    _LEXICON, _BACKEND = lexicon, backend
    build_tokenizer(lexicon, backend=backend)


def _parse_one(job: tuple[int, str]) -> Result:
    """Parse one plan into its tables, with a one-row ``documents`` table."""
    doc_id, path = job
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            plan = load_plan(path, lexicon=_LEXICON, backend=_BACKEND)
        except PlanInputError as exc:
            return doc_id, path, None, str(exc), []
    said = [str(w.message) for w in caught]
    tables = plan.tables()
    tables["documents"] = pd.DataFrame([(doc_id, path, plan.source.encoding, plan.source.conversion, len(plan.text),
                                         len(plan.units), len(plan.tasks), len(plan.tokens))],
                                       columns=DOCUMENT_COLUMNS)
    return doc_id, path, tables, "", said


def _parse_batch(jobs: list[tuple[int, str]], strict: bool) -> tuple[list[Result], dict[str, pd.DataFrame]]:
    """Parse a batch of plans in a worker and stack their tables there.

    The batch travels back as one table of each kind, so the parent only has a few large pieces
    to unpickle and join; the results themselves carry no tables.
    """
    results = []
    for job in jobs:
        results.append(_parse_one(job))
        if strict and results[-1][2] is None:
            break  # the parent raises for it; the rest of the batch is not parsed
    stacked = _stack_frames([r for r in results if r[2] is not None])
    return [(d, p, None, e, s) for d, p, _, e, s in results], stacked


def load_corpus(paths: Sequence[str | Path], *, lexicon: str | Path | Lexicon | None = None,
                backend: Backend = "jieba", n_jobs: int = 1, strict: bool = False,
                progress: bool | None = None) -> Corpus:
    """Parse many plans into one set of tables, in ``n_jobs`` worker processes.

    Args:
        paths: the plan files; ``doc_id`` is each file's place in this list, from 1.
        lexicon: as for :func:`~harchang_analysis.load_plan`, shared by every plan.
        backend: the tokenizer, as for :func:`~harchang_analysis.load_plan`.
        n_jobs: worker processes; 1 parses in this process.
        strict: stop at the first file that cannot be read instead of skipping it.
        progress: show a progress bar on stderr; by default only when stderr is a terminal
            and there is more than one file.

    Raises:
        PlanInputError: with ``strict``, the first file that cannot be read.

    Warns:
        CorpusWarning: once per skipped file, naming it and the reason, and for what a plan
            said while it was parsed (unknown agencies, missing headings), prefixed with its
            file name.
    """
    from tqdm import tqdm

    if n_jobs < 1:
        raise ValueError("n_jobs must be 1 or more")
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    jobs = [(i, str(p)) for i, p in enumerate(paths, 1)]
    _setup(lex, backend)  # in the parent too: forked workers inherit the built tokenizer
    show = progress if progress is not None else (len(jobs) > 1 and sys.stderr.isatty())
    bar = tqdm(total=len(jobs), unit="plan", disable=not show, file=sys.stderr)
    # the parent too runs without the cyclic collector: its sweeps of the tokenizer's large
    # dictionaries would cost time and, after the fork, copies of memory the workers share
    with _paused_gc():
        try:
            if n_jobs == 1 or len(jobs) < 2:
                results = _collect(([_parse_one(job)] for job in jobs), bar, strict)
                return Corpus(skipped=_skipped(results), **_stack_frames([r for r in results if r[2] is not None]))
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            workers = min(n_jobs, len(jobs))
            batches = _batches(jobs, workers)
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                       initializer=_setup, initargs=(lex, backend))
            pieces: list[dict[str, pd.DataFrame]] = []

            def results_of_each_batch():
                for results, tables in pool.map(_parse_batch, batches, [strict] * len(batches)):
                    if any(error == "" for _, _, _, error, _ in results):
                        pieces.append(tables)
                    yield results

            try:
                results = _collect(results_of_each_batch(), bar, strict)
            finally:
                # every result is in (or the run stops): the workers exit on their own, and
                # waiting for them would only delay the tables; on an error, parse no more
                pool.shutdown(wait=False, cancel_futures=True)
        finally:
            bar.close()
        stacked = {name: pd.concat([frames[name] for frames in pieces], ignore_index=True) if pieces else _empty(name)
                   for name in ("documents", *TABLES)}
        return Corpus(skipped=_skipped(results), **stacked)


def _batches(jobs: list[tuple[int, str]], workers: int) -> list[list[tuple[int, str]]]:
    """Split the jobs, in order, into batches that shrink as the work runs out.

    Each batch holds about a ``2 × workers``-th of the characters still to parse, so the first
    batches are large (few round trips, few pieces to join) and the last hold one plan each, so
    that the workers finish together. Sizes are read from the files; one that cannot be read
    counts as empty and is reported when it is parsed.
    """
    sizes = []
    for _, path in jobs:
        try:
            sizes.append(Path(path).stat().st_size)
        except OSError:
            sizes.append(0)
    batches, start, left = [], 0, sum(sizes)
    while start < len(jobs):
        share, end, taken = left / (2 * workers), start, 0
        while end < len(jobs) and (end == start or taken + sizes[end] <= share):
            taken += sizes[end]
            end += 1
        batches.append(jobs[start:end])
        start, left = end, left - taken
    return batches


def _collect(stream, bar, strict: bool) -> list[Result]:
    """Go through each batch's results in order: count them, raise or warn for what they said."""
    results = []
    for batch in stream:
        for result in batch:
            doc_id, path, tables, error, said = result
            if error:
                if strict:
                    raise PlanInputError(error)
                warnings.warn(f"skipped {error}", CorpusWarning, stacklevel=4)
            for message in said:
                warnings.warn(f"{Path(path).name}: {message}", CorpusWarning, stacklevel=4)
            results.append(result)
        bar.update(len(batch))
    return results


def _skipped(results: list[Result]) -> pd.DataFrame:
    return pd.DataFrame([(path, error) for _, path, _, error, _ in results if error], columns=["path", "error"])


def _empty(name: str) -> pd.DataFrame:
    return pd.DataFrame(columns=DOCUMENT_COLUMNS if name == "documents" else ["doc_id"])


def _stack_frames(parsed: list[Result]) -> dict[str, pd.DataFrame]:
    """Stack the DataFrames of parsed plans, each table with doc_id first (documents has its own)."""
    stacked: dict[str, pd.DataFrame] = {}
    for name in ("documents", *TABLES):
        if not parsed:
            stacked[name] = _empty(name)
            continue
        frames = [tables[name] for _, _, tables, _, _ in parsed]
        frame = pd.concat(frames, ignore_index=True)
        if name != "documents":
            frame.insert(0, "doc_id", np.repeat([doc_id for doc_id, *_ in parsed], [len(f) for f in frames]))
        stacked[name] = frame
    return stacked
