"""Many plans at once: the same tables for every plan, with a doc_id column, in worker processes."""

from __future__ import annotations

import functools
import multiprocessing
import os
import pickle
import queue
import sys
import tempfile
import threading
import warnings
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import PlanInputError
from .lexicon import Lexicon, load_lexicon
from .plan import TABLES, _paused_gc, load_plan
from .tokenize import Backend, BackendChoice, build_tokenizer, resolve_backend

DOCUMENT_COLUMNS = ["doc_id", "path", "title", "encoding", "conversion", "n_chars", "n_units", "n_tasks", "n_tokens"]


#: the file names a folder of plans is searched for (``harchang compare``, :func:`list_plan_files`)
PLAN_SUFFIXES = (".txt", ".pdf", ".docx", ".xlsx", ".csv", ".html", ".htm", ".shtml", ".xhtml", ".doc", ".xls", ".wps",
                 ".et")


#: lists kept beside plans to score the parser (a gold list of tasks, a hand list of targets): not plans
EVALUATION_LISTS = (".gold.csv", ".targets.csv")


def list_plan_files(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """The plan files among ``paths`` (a folder stands for the plan files in it, by name) and the
    files of the folders left out (not a plan format, hidden, or an evaluation list: ``*.gold.csv``,
    ``*.targets.csv``)."""
    plans: list[Path] = []
    ignored: list[Path] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.iterdir() if p.is_file()):
                keep = (child.suffix.lower() in PLAN_SUFFIXES and not child.name.startswith(".")
                        and not child.name.endswith(EVALUATION_LISTS))
                (plans if keep else ignored).append(child)
        elif path.exists():
            plans.append(path)
        else:
            raise PlanInputError(f"{path}: no such file or folder; give plan files or folders of them")
    return plans, ignored


class CorpusWarning(UserWarning):
    """A plan of the corpus was skipped, or said something while it was parsed."""


@dataclass(frozen=True)
class Corpus:
    """The tables of many plans.

    Attributes:
        documents: doc_id, path, title (:attr:`~harchang_analysis.Plan.title`), encoding, conversion,
            n_chars, n_units, n_tasks, n_tokens: one row per plan that parsed.
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


# set in this process and in each worker before any plan is parsed
_LEXICON: Lexicon | None = None
_BACKEND: Backend = "jieba"

#: what became of one file: doc_id, path, its tables (None when it could not be read), the
#: error, and what the plan said while it was parsed
Result = tuple[int, str, "dict[str, pd.DataFrame] | None", str, list[str]]


def _setup(lexicon: Lexicon, backend: Backend) -> None:
    global _LEXICON, _BACKEND
    _LEXICON, _BACKEND = lexicon, backend
    build_tokenizer(lexicon, backend=backend)


def _size(path: str) -> int:
    """The file's size in bytes; 0 for a file that cannot be read (it is reported when it is parsed)."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _parse_one(job: tuple[int, str]) -> Result:
    """Parse one plan into its tables, with a one-row ``documents`` table."""
    doc_id, path = job
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            plan = load_plan(path, lexicon=_LEXICON, backend=_BACKEND, cache=False)
        except PlanInputError as exc:
            return doc_id, path, None, str(exc), []
    said = [str(w.message) for w in caught]
    tables = plan.tables()
    tables["documents"] = pd.DataFrame([(doc_id, path, plan.title, plan.source.encoding, plan.source.conversion,
                                         len(plan.text), len(plan.units), len(plan.tasks), len(plan.tokens))],
                                       columns=DOCUMENT_COLUMNS)
    return doc_id, path, tables, "", said


def _parse_batch(jobs: list[tuple[int, str]], strict: bool,
                 bar=None) -> tuple[list[Result], dict[str, pd.DataFrame] | None]:
    """Parse a batch of plans and stack their tables: the results (without tables) and the tables,
    or None when no plan of the batch could be read. With ``strict``, stop at a file that cannot be
    read. Each plan parsed is counted on ``bar``, if given.
    """
    results = []
    for job in jobs:
        results.append(_parse_one(job))
        if bar is not None:
            bar.update(1)
        if strict and results[-1][2] is None:
            break  # the caller raises for it; the rest of the batch is not parsed
    parsed = [r for r in results if r[2] is not None]
    return [(d, p, None, e, s) for d, p, _, e, s in results], _stack_frames(parsed) if parsed else None


def _parse_batch_to_file(jobs: list[tuple[int, str]], strict: bool, path: str) -> tuple[list[Result], str | None]:
    """In a worker: parse a batch and leave its tables in a file for the parent to load when it is free.

    Sending them through the pool's pipe instead would stall the worker until the parent, busy
    parsing batches of its own, found the time to read them.
    """
    results, tables = _parse_batch(jobs, strict)
    if tables is None:
        return results, None
    with open(path, "wb") as out:
        pickle.dump(tables, out, protocol=pickle.HIGHEST_PROTOCOL)
    return results, path


def load_corpus(paths: Sequence[str | Path], *, lexicon: str | Path | Lexicon | None = None,
                backend: BackendChoice = "auto", n_jobs: int = 1, strict: bool = False,
                progress: bool | None = None) -> Corpus:
    """Parse many plans into one set of tables, in ``n_jobs`` processes.

    Args:
        paths: the plan files; ``doc_id`` is each file's place in this list, from 1.
        lexicon: as for :func:`~harchang_analysis.load_plan`, shared by every plan.
        backend: the tokenizer, as for :func:`~harchang_analysis.load_plan`.
        n_jobs: processes that parse: this one and ``n_jobs - 1`` workers (1: this one alone).
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
    backend = resolve_backend(backend)
    jobs = [(i, str(p)) for i, p in enumerate(paths, 1)]
    _setup(lex, backend)  # in the parent too: forked workers inherit the built tokenizer
    if n_jobs > 1:  # … and what it builds once enough text has passed (about 3 bytes a character)
        build_tokenizer(lex, backend=backend).expect(sum(_size(path) for _, path in jobs) // 3)
    show = progress if progress is not None else (len(jobs) > 1 and sys.stderr.isatty())
    bar = tqdm(total=len(jobs), unit="plan", disable=not show, file=sys.stderr)
    # the parent too runs without the cyclic collector: its sweeps of the tokenizer's large
    # dictionaries would cost time and, after the fork, copies of memory the workers share
    with _paused_gc():
        try:
            if n_jobs == 1 or len(jobs) < 2:
                pieces = [_parse_batch(jobs, strict, bar)]  # one batch, in this process
            else:
                pieces = _parse_in_processes(jobs, min(n_jobs, len(jobs)) - 1, lex, backend, strict, bar)
        finally:
            bar.close()
        results = _collect((results for results, _ in pieces), strict)
        stacked = _join([tables for _, tables in pieces if tables is not None])
        return Corpus(skipped=_skipped(results), **stacked)


def _parse_in_processes(jobs: list[tuple[int, str]], workers: int, lex: Lexicon, backend: Backend, strict: bool,
                        bar) -> list[tuple[list[Result], dict[str, pd.DataFrame] | None]]:
    """Parse the jobs in this process and ``workers`` worker processes: each batch's results and tables."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                               initializer=_setup, initargs=(lex, backend))
    with tempfile.TemporaryDirectory(prefix="harchang-corpus-") as folder:
        sharing = _Sharing(_batches(jobs, workers + 1), pool, Path(folder), strict)  # this process parses too
        try:
            pieces = sharing.run(workers, bar)
        except BaseException:
            sharing.stop(wait=True)  # the workers end their batch, write nothing more, and exit
            raise
        sharing.stop(wait=False)  # every batch is in: no need to wait for the workers to exit
    return pieces


class _Sharing:
    """Batches handed out in order to whoever is free first: this process or one of the workers.

    This process parses too, so one worker fewer is started and half the tables (with two
    processes) never leave it; the workers' tables come back through files, loaded here between
    batches of its own.
    """

    def __init__(self, batches: list[list[tuple[int, str]]], pool: ProcessPoolExecutor, folder: Path,
                 strict: bool) -> None:
        self.batches, self.pool, self.folder, self.strict = batches, pool, folder, strict
        self.done: dict[int, tuple[list[Result], dict[str, pd.DataFrame] | None]] = {}
        self.finished: queue.SimpleQueue[tuple[int, Future]] = queue.SimpleQueue()  # workers' batches, as they end
        self._next = 0
        self._stopped = False
        self._lock = threading.Lock()

    def take(self) -> int | None:
        """The index of the next batch nobody has taken, or None."""
        with self._lock:
            if self._stopped or self._next == len(self.batches):
                return None
            self._next += 1
            return self._next - 1

    def hand_out(self) -> None:
        """Give a worker the next batch; called once per worker, then each time one of its batches ends."""
        index = self.take()
        if index is None:
            return
        try:
            future = self.pool.submit(_parse_batch_to_file, self.batches[index], self.strict,
                                      str(self.folder / f"{index}.pickle"))
        except Exception as exc:  # the pool is broken or shut down: report it where it is waited for
            future = Future()
            future.set_exception(exc)
            self.finished.put((index, future))
            return
        future.add_done_callback(functools.partial(self._landed, index))

    def _landed(self, index: int, ended: Future) -> None:
        """A worker's batch is done: say so to the waiting process, and hand out the next batch."""
        self.finished.put((index, ended))
        self.hand_out()

    def run(self, workers: int, bar) -> list[tuple[list[Result], dict[str, pd.DataFrame] | None]]:
        """Parse every batch; their results and tables, in order."""
        for _ in range(workers):
            self.hand_out()
        while (index := self.take()) is not None:
            results, tables = _parse_batch(self.batches[index], self.strict, bar)
            self._keep(index, results, tables)
            while True:  # the workers' batches that ended meanwhile
                try:
                    self._load(*self.finished.get_nowait(), bar)
                except queue.Empty:
                    break
        while len(self.done) < len(self.batches):
            self._load(*self.finished.get(), bar)
        return [self.done[index] for index in range(len(self.batches))]

    def _load(self, index: int, future: Future, bar) -> None:
        try:
            results, path = future.result()
        except BrokenProcessPool as exc:
            names = ", ".join(Path(file).name for _, file in self.batches[index])
            raise RuntimeError(f"a worker process stopped while parsing {names} (out of memory, or killed?); "
                               "run again with n_jobs=1 to parse in this process alone") from exc
        tables = None
        if path is not None:
            with open(path, "rb") as data:
                tables = pickle.load(data)
            Path(path).unlink()
        bar.update(len(results))
        self._keep(index, results, tables)

    def _keep(self, index: int, results: list[Result], tables: dict[str, pd.DataFrame] | None) -> None:
        self.done[index] = (results, tables)
        errors = [error for _, _, _, error, _ in results if error]
        if self.strict and errors:
            raise PlanInputError(errors[0])

    def stop(self, *, wait: bool) -> None:
        with self._lock:
            self._stopped = True
        self.pool.shutdown(wait=wait, cancel_futures=True)


#: the most bytes of plan text in one batch: about a second of parsing with jieba, so that the
#: progress bar moves and a worker never holds the tables of a large share of a big corpus
_BATCH_BYTES = 1 << 20


def _batches(jobs: list[tuple[int, str]], processes: int, most: int = _BATCH_BYTES) -> list[list[tuple[int, str]]]:
    """Split the jobs, in order, into batches that shrink as the work runs out.

    Each batch holds about a ``2 × processes``-th of the bytes still to parse, so the first
    batches are large (few round trips, few pieces to join) and the last hold one plan each, so
    that the processes finish together; none holds more than ``most`` bytes unless it is a single
    plan. Sizes are read from the files; one that cannot be read counts as empty and is reported
    when it is parsed.
    """
    sizes = [_size(path) for _, path in jobs]
    batches, start, left = [], 0, sum(sizes)
    while start < len(jobs):
        share, end, taken = min(left / (2 * processes), most), start, 0
        while end < len(jobs) and (end == start or taken + sizes[end] <= share):
            taken += sizes[end]
            end += 1
        batches.append(jobs[start:end])
        start, left = end, left - taken
    return batches


def _collect(stream, strict: bool) -> list[Result]:
    """Go through each batch's results in order: raise or warn for what they said."""
    results = []
    for batch in stream:
        for result in batch:
            _, path, _, error, said = result
            if error:
                if strict:
                    raise PlanInputError(error)
                warnings.warn(f"skipped {error}", CorpusWarning, stacklevel=3)
            for message in said:
                warnings.warn(f"{Path(path).name}: {message}", CorpusWarning, stacklevel=3)
            results.append(result)
    return results


def _skipped(results: list[Result]) -> pd.DataFrame:
    return pd.DataFrame([(path, error) for _, path, _, error, _ in results if error], columns=["path", "error"])


def _empty(name: str) -> pd.DataFrame:
    return pd.DataFrame(columns=DOCUMENT_COLUMNS if name == "documents" else ["doc_id"])


def _join(pieces: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Each table of the pieces joined into one, in order (empty tables when there are no pieces)."""
    return {name: pd.concat([piece[name] for piece in pieces], ignore_index=True) if pieces else _empty(name)
            for name in ("documents", *TABLES)}


def _stack_frames(parsed: list[Result]) -> dict[str, pd.DataFrame]:
    """Stack the DataFrames of parsed plans (one or more), each table with doc_id first (documents has its own)."""
    frames = [(doc_id, tables) for doc_id, _, tables, _, _ in parsed if tables is not None]
    stacked = _join([tables for _, tables in frames])
    for name in TABLES:
        lengths = [len(tables[name]) for _, tables in frames]
        stacked[name].insert(0, "doc_id", np.repeat([doc_id for doc_id, _ in frames], lengths))
    stacked["tokens"]["token"] = _share_words(stacked["tokens"]["token"])
    return stacked


def _share_words(tokens: pd.Series) -> pd.Series:
    """The same words as one string object each: the plans of a batch hold millions of tokens but
    only tens of thousands of words, so the tokens table of 1,000 plans takes hundreds of MB less."""
    codes, words = pd.factorize(tokens)
    return pd.Series(np.asarray(words, dtype=object)[codes], index=tokens.index, dtype=tokens.dtype, name=tokens.name)
