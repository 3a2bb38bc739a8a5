"""Many plans at once: the same tables for every plan, with a doc_id column, in worker processes."""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
import warnings
from collections.abc import Sequence
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
_LEXICON: Lexicon | None = None
_BACKEND: Backend = "jieba"


def _setup(lexicon: Lexicon, backend: Backend) -> None:
    global _LEXICON, _BACKEND
    _LEXICON, _BACKEND = lexicon, backend
    build_tokenizer(lexicon, backend=backend)


def _parse_one(job: tuple[int, str], *, compact: bool = True) -> tuple[int, str, dict | None, str, list[str]]:
    """Parse one plan; its tables as DataFrames, or (``compact``) as arrays for sending to the parent."""
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
    if not compact:
        return doc_id, path, tables, "", said
    # Tables travel as plain arrays, and the columns that are slices of the clean text (token,
    # surface, a unit's text) as lengths: the parent rebuilds them from the text far faster than it
    # would unpickle them, and rebuilding hundreds of small DataFrames would cost it more still.
    arrays = {name: _to_arrays(frame) for name, frame in tables.items()}
    for name, column, (start, end) in _SLICES:
        values = arrays[name][1].pop(column)
        arrays[name][1][column] = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    arrays["text"] = ({}, {"text": plan.text})
    return doc_id, path, arrays, "", said


#: (table, column, how to find its slice of the clean text): (start column, end column), where a
#: missing start is end minus the length and a missing end is start plus the length
_SLICES = [("tokens", "token", ("start", None)), ("mentions", "surface", ("start", "end")),
           ("units", "text", (None, "end"))]


def _to_arrays(frame: pd.DataFrame) -> tuple[dict[str, str], dict[str, np.ndarray]]:
    dtypes = {column: str(dtype) for column, dtype in frame.dtypes.items()}
    arrays = {}
    for column in frame.columns:
        if dtypes[column] in ("Int64", "str"):
            arrays[column] = frame[column].to_numpy(dtype=object)
        elif dtypes[column] == "int64" and (frame.empty or frame[column].abs().max() < 2**31):
            arrays[column] = frame[column].to_numpy(dtype=np.int32)  # offsets and ids fit; half the bytes
        else:
            arrays[column] = frame[column].to_numpy()
    return dtypes, arrays


def _restore_slices(tables: dict[str, tuple]) -> None:
    """Turn the lengths sent for sliced columns back into the strings, from the document's text."""
    text = tables["text"][1]["text"]
    for name, column, (start_col, end_col) in _SLICES:
        arrays = tables[name][1]
        lengths = arrays[column].tolist()
        if start_col is None:
            ends = arrays[end_col].tolist()
            values = [text[e - n:e] for e, n in zip(ends, lengths)]
        else:
            starts = arrays[start_col].tolist()
            values = [text[b:b + n] for b, n in zip(starts, lengths)]
        arrays[column] = np.array(values, dtype=object)


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
                stream = (_parse_one(job, compact=False) for job in jobs)
                return _stack_frames(_collect(stream, bar, strict))
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            workers = min(n_jobs, len(jobs))
            chunk = max(1, len(jobs) // (workers * 8))  # few round trips, yet even shares
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                     initializer=_setup, initargs=(lex, backend)) as pool:
                try:
                    results = _collect(pool.map(_parse_one, jobs, chunksize=chunk), bar, strict)
                except PlanInputError:
                    pool.shutdown(cancel_futures=True)  # strict: stop, do not parse the rest
                    raise
        finally:
            bar.close()
        return _stack(results)


def _collect(stream, bar, strict: bool) -> list[tuple[int, str, dict[str, tuple] | None, str, list[str]]]:
    results = []
    for result in stream:
        doc_id, path, tables, error, said = result
        bar.update(1)
        if tables is None:
            if strict:
                raise PlanInputError(error)
            warnings.warn(f"skipped {error}", CorpusWarning, stacklevel=3)
        for message in said:
            warnings.warn(f"{Path(path).name}: {message}", CorpusWarning, stacklevel=3)
        results.append(result)
    return results


def _split(results) -> tuple[list, pd.DataFrame]:
    """The (doc_id, tables) of the plans that parsed, and the table of those skipped."""
    parsed = [(doc_id, tables) for doc_id, _, tables, _, _ in results if tables is not None]
    skipped = pd.DataFrame([(path, error) for _, path, tables, error, _ in results if tables is None],
                           columns=["path", "error"])
    return parsed, skipped


def _with_doc_id(frame: pd.DataFrame, parsed: list, lengths: list[int]) -> pd.DataFrame:
    frame.insert(0, "doc_id", np.repeat([doc_id for doc_id, _ in parsed], lengths))
    return frame


def _empty(name: str) -> pd.DataFrame:
    return pd.DataFrame(columns=DOCUMENT_COLUMNS if name == "documents" else ["doc_id"])


def _stack_frames(results) -> Corpus:
    """Stack the DataFrames of plans parsed in this process."""
    parsed, skipped = _split(results)
    stacked: dict[str, pd.DataFrame] = {}
    for name in ("documents", *TABLES):
        if not parsed:
            stacked[name] = _empty(name)
            continue
        frames = [tables[name] for _, tables in parsed]
        frame = pd.concat(frames, ignore_index=True)
        stacked[name] = frame if name == "documents" else _with_doc_id(frame, parsed, [len(f) for f in frames])
    return Corpus(skipped=skipped, **stacked)


def _stack(results) -> Corpus:
    """Stack the arrays sent by worker processes."""
    parsed, skipped = _split(results)
    for _, tables in parsed:
        _restore_slices(tables)
    stacked: dict[str, pd.DataFrame] = {}
    for name in ("documents", *TABLES):
        if not parsed:
            stacked[name] = _empty(name)
            continue
        dtypes = parsed[0][1][name][0]
        columns = {column: np.concatenate([tables[name][1][column] for _, tables in parsed]) for column in dtypes}
        frame = pd.DataFrame(columns, columns=list(dtypes)).astype(dtypes)
        if name != "documents":
            lengths = [len(next(iter(tables[name][1].values()), ())) for _, tables in parsed]
            frame = _with_doc_id(frame, parsed, lengths)
        stacked[name] = frame
    return Corpus(skipped=skipped, **stacked)
