"""The Plan: one object holding a plan's text and every table parsed from it."""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from .cache import caching_enabled, plan_key, read_entry, replay, write_entry
from .errors import PlanInputError, StructureWarning
from .files import package_folder
from .lexicon import Lexicon, load_lexicon
from .responsibility import forget_clauses, locate_clauses, parse_responsibility
from .structure import find_title, parse_units
from .text import CleanText, SourceText, normalize, read_text
from .tokenize import Backend, BackendChoice, build_tokenizer, resolve_backend, tokenize_units

TABLES = ("units", "tasks", "assignments", "tokens", "mentions")
SEED_NAME = "000_cfe327ed47657390.txt"


def seed_path() -> Path:
    """Path of the bundled seed plan (吉林省哈长城市群发展规划实施方案).

    The seed travels with the package (``harchang_analysis.seeds``, mapped from the repository's
    ``seeds/``); in a source tree that was never installed it is read from ``seeds/``.
    """
    folder = package_folder("harchang_analysis.seeds") or Path(__file__).resolve().parent.parent / "seeds"
    candidate = folder / SEED_NAME
    if not candidate.is_file():
        raise PlanInputError(f"{candidate}: the seed plan is not there; reinstall the package (`make setup`)")
    return candidate


@dataclass
class Plan:
    """A parsed plan.

    Attributes:
        source: the decoded file (text as read, encoding, path).
        clean: the normalized text, its offsets back to the source and the artifact counts.
        units, tasks, assignments, tokens, mentions: the tables described in the README.
        lexicon: the lexicon the plan was parsed with.
    """

    source: SourceText
    clean: CleanText
    units: pd.DataFrame
    tasks: pd.DataFrame
    assignments: pd.DataFrame
    tokens: pd.DataFrame
    mentions: pd.DataFrame
    lexicon: Lexicon = field(repr=False)

    @property
    def text(self) -> str:
        """The clean text every offset in the tables points into."""
        return self.clean.text

    @property
    def title(self) -> str:
        """The plan's title as its text gives it (:func:`~harchang_analysis.structure.find_title`),
        else its file name without the extension."""
        return find_title(self.units) or (Path(self.source.path).stem if self.source.path else "")

    def tables(self) -> dict[str, pd.DataFrame]:
        """The five tables by name, in a fixed order."""
        return {name: getattr(self, name) for name in TABLES}

    def write_tables(self, folder: str | Path) -> list[Path]:
        """Write the five tables as UTF-8 CSV files into ``folder``, all or none.

        The files are written into a temporary folder beside ``folder`` and moved into
        place only when every one is complete.
        """
        folder = Path(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
        try:
            for name, table in self.tables().items():
                table.to_csv(staging / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
            folder.mkdir(exist_ok=True)
            written = []
            for name in TABLES:
                target = folder / f"{name}.csv"
                os.replace(staging / f"{name}.csv", target)
                written.append(target)
            return written
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def load_plan(path: str | Path | None = None, *, lexicon: str | Path | Lexicon | None = None,
              simplify: bool = True, backend: BackendChoice = "auto", cache: bool = True) -> Plan:
    """Read, normalize and parse a plan into tables.

    Args:
        path: a plan file (.txt in any common encoding, .pdf with a text layer, .docx, .doc, .xlsx,
            .csv, .html); the
            bundled seed plan when omitted.
        lexicon: a folder with the user's lexicon files, an already loaded
            :class:`~harchang_analysis.lexicon.Lexicon`, or None for the packaged one.
        simplify: convert a plan in traditional script to simplified before parsing
            (recorded as ``plan.source.conversion == "t2s"``); False keeps the script.
        backend: the tokenizer: ``auto`` (the default: rjieba when it is installed, else jieba),
            ``jieba`` (the reference) or ``rjieba`` (jieba-rs, several times faster; ``pip install
            .[fast]``). Every table is the same with both; ``plan.source.backend`` says which ran.
        cache: reuse the tables of an earlier parse of the same file with the same lexicon,
            options and library (see :mod:`harchang_analysis.cache`; ``HARCHANG_CACHE=off``
            turns it off everywhere). The warnings of that parse are given again.

    Raises:
        PlanInputError: the file cannot be read.
        LexiconError: the lexicon folder is missing a file or has a malformed row.
        BackendError: the backend is not installed.

    Warns:
        StructureWarning: the text has no recognisable headings or no responsibility
            clauses.
        UnknownAgencyWarning: a clause names an agency the lexicon does not know.
    """
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    file = seed_path() if path is None else Path(path)
    chosen = resolve_backend(backend)
    key = None
    if cache and caching_enabled():
        try:
            key = plan_key(file.read_bytes(), lex.fingerprint(), (str(file.resolve()), simplify, chosen))
        except OSError:
            key = None  # unreadable: the parse below says why
    if key is not None and (entry := read_entry(key)) is not None:
        (source, clean, tables), recorded = entry
        if isinstance(source, SourceText) and isinstance(clean, CleanText) and list(tables) == list(TABLES):
            replay(recorded, stacklevel=2)
            return Plan(source=replace(source, path=file), clean=clean, lexicon=lex, **tables)
    with _paused_gc(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plan = _parse(file, lex, simplify=simplify, backend=chosen)
    recorded = [(w.category, str(w.message)) for w in caught]
    if key is not None:
        write_entry(key, (plan.source, plan.clean, plan.tables()), recorded)
    replay(recorded, stacklevel=2)
    return plan


@contextlib.contextmanager
def _paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a plan is parsed.

    Parsing allocates hundreds of thousands of small tuples and lists that live until the
    tables are built; the collector would walk them again and again (a third of the time of
    the fast backend) and find nothing to free. Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(path: Path, lex: Lexicon, *, simplify: bool, backend: Backend) -> Plan:
    forget_clauses()  # remember the clauses of this plan only (see read_clause_cached)
    source = read_text(path, simplify=simplify, protect=lex.names())
    clean = normalize(source.text)
    if not clean.text.strip():
        raise PlanInputError(f"{source.path}: no text is left after cleaning; check that it is a plan")
    units, records = parse_units(clean.text)
    if all(rec.kind == "paragraph" for rec in records.values()):
        warnings.warn(f"{source.path}: no headings recognised; every paragraph sits at the top level",
                      StructureWarning, stacklevel=2)
    clauses = locate_clauses(clean.text, records)
    tasks, assignments = parse_responsibility(clean.text, records, lex, clauses=clauses)
    if tasks.empty:
        warnings.warn(f"{source.path}: no responsibility clauses recognised; tasks and assignments are empty",
                      StructureWarning, stacklevel=2)
    tokens, mentions = tokenize_units(clean.text, records, build_tokenizer(lex, backend=backend), clauses=clauses)
    return Plan(source=replace(source, backend=backend), clean=clean, units=units, tasks=tasks, assignments=assignments,
                tokens=tokens, mentions=mentions, lexicon=lex)
