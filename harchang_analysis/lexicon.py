"""Lexicons: the agencies, places, sectors and key terms a plan names, kept as CSV data.

The packaged lexicons describe the seed plan. A user adapting the analyses to another plan
copies them (``harchang init-lexicon DIR``), edits the copy and passes the folder as
``lexicon=DIR``. Every file is validated on load; a malformed row is reported with its file,
line and reason.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from .errors import LexiconError
from .schema import LEXICON_FILES

T = TypeVar("T")

AGENCY_TYPES = ("central_department", "central_organization", "provincial_government", "provincial_department",
                "prefecture_government", "municipal_department", "county_government", "county_department",
                "township_government", "zone_administration", "public_institution", "enterprise", "collective",
                "other")
PLACE_LEVELS = ("prefecture", "county", "town", "outside_province")
TERM_KINDS = ("term", "project")
#: the three instrument types of Rothwell & Zegveld, as named in their Chinese adaptation
INSTRUMENT_TYPES = ("供给型", "环境型", "需求型")

#: file name -> required columns (declared, with their meanings, in :mod:`harchang_analysis.schema`)
FILES: dict[str, tuple[str, ...]] = {name: tuple(c.name for c in declared if not c.optional)
                                     for name, declared in LEXICON_FILES.items() if name != "agencies_central.csv"}
#: columns a file may leave out (older copies of the lexicon): filled with empty values
OPTIONAL: dict[str, tuple[str, ...]] = {name: tuple(c.name for c in declared if c.optional)
                                        for name, declared in LEXICON_FILES.items()}
STOPWORDS = "stopwords.txt"
#: the central-government lexicon: State Council ministries, commissions, administrations and the
#: national bodies that documents name beside them. Used to type agencies, never as tokenizer words;
#: a user's folder may leave it out, and then the packaged one is used.
CENTRAL = "agencies_central.csv"


@dataclass(frozen=True)
class Lexicon:
    """The validated lexicon tables.

    Attributes:
        agencies: name, aliases (list), agency_type, place (the place a government
            governs, empty for departments), name_en, short_en (a short English label for
            figures).
        places: name, aliases (list), level, parent, in_cluster, lat, lon, name_en, context_aliases
            (list), former_parent, parent_since.
        sectors: keyword, sector, sector_en.
        terms: term, kind (``term`` or ``project``), name_en.
        instruments: keyword, instrument, instrument_en, instrument_type (供给型 supply,
            环境型 environment, 需求型 demand), instrument_type_en.
        glossary: term, name_en: English for common words, used to label figures.
        stopwords: words that carry no topic.
        central_agencies: the columns of ``agencies``, for the central government's bodies
            (``agencies_central.csv``); they type agencies in clauses but are not tokenizer words.
        source: the folder the lexicon came from, or ``"package"``.

    What is derived from the tables (the alias maps, the names to protect, the tokenizer's words)
    is worked out once per lexicon and kept, and :func:`load_lexicon` parses the same files once
    in a process: every load of them shares what was derived. Change a lexicon by editing its
    files and loading it again (or with ``dataclasses.replace``), not by editing its tables in
    place: such an edit stays in that copy's tables (no other load sees it), but what was derived
    before it does not follow.
    """

    agencies: pd.DataFrame
    places: pd.DataFrame
    sectors: pd.DataFrame
    terms: pd.DataFrame
    instruments: pd.DataFrame
    glossary: pd.DataFrame
    stopwords: frozenset[str]
    source: str
    central_agencies: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(FILES["agencies.csv"])))
    _derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def fresh_copy(self) -> Lexicon:
        """A lexicon with the same tables and derived values, whose tables can be changed without
        changing this one's (pandas copies a table's data when it is first written to)."""
        copy = Lexicon(**{f.name: getattr(self, f.name) for f in fields(self) if f.init})
        for name in _TABLE_FIELDS:
            object.__setattr__(copy, name, getattr(self, name).copy(deep=False))
        object.__setattr__(copy, "_derived", self._derived)  # worked out from the same tables
        return copy

    def derive(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, worked out the first time ``key`` is asked for and kept with this lexicon."""
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]

    def agency_lookup(self) -> dict[str, str]:
        """Map every agency name and alias to its canonical name."""
        return dict(self.derive("agency_lookup", lambda: _alias_map(self.agencies)))

    def all_agencies(self) -> pd.DataFrame:
        """The plan's agencies and then the central government's, one row per name.

        A name in both keeps the plan lexicon's row.
        """
        central = self.central_agencies[~self.central_agencies["name"].isin(set(self.agency_lookup()))]
        return pd.concat([self.agencies, central], ignore_index=True)

    def all_agency_lookup(self) -> dict[str, str]:
        """Map every name and alias of :meth:`all_agencies` (the plan's and the central ones) to its name."""
        return dict(self.derive("all_agency_lookup", lambda: _alias_map(self.all_agencies())))

    def sector_english(self) -> dict[str, str]:
        """Map every sector to its English name."""
        return dict(zip(self.sectors["sector"], self.sectors["sector_en"]))

    def names(self) -> tuple[str, ...]:
        """Every agency, place and key-term name and alias, for protecting them in conversions."""
        return self.derive("names", lambda: tuple(sorted({*self.agency_lookup(), *self.place_lookup(),
                                                          *self.terms["term"]})))

    def place_lookup(self) -> dict[str, str]:
        """Map every place name and alias to its canonical name."""
        return dict(self.derive("place_lookup", lambda: _alias_map(self.places)))

    def fingerprint(self) -> str:
        """A digest of the lexicon's content (every table and the stopwords), for cache keys."""
        return self.derive("fingerprint", self._digest)

    def _digest(self) -> str:
        digest = hashlib.sha256()
        for name in _TABLE_FIELDS:
            digest.update(name.encode() + b"\0" + getattr(self, name).to_csv(index=False).encode())
        digest.update("\n".join(sorted(self.stopwords)).encode())
        return digest.hexdigest()


_TABLE_FIELDS = ("agencies", "places", "sectors", "terms", "instruments", "glossary", "central_agencies")


def _alias_map(table: pd.DataFrame) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, aliases in zip(table["name"], table["aliases"]):
        out[name] = name
        for alias in aliases:
            out.setdefault(alias, name)
    return out


def _package_files() -> dict[str, str]:
    root = resources.files("harchang_analysis") / "data"
    names = [*FILES, STOPWORDS, CENTRAL]
    return {name: (root / name).read_text(encoding="utf-8") for name in names}


def _folder_files(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        raise LexiconError(f"{folder}: lexicon folder not found; create it with `harchang init-lexicon {folder}`")
    out = {}
    for name in [*FILES, STOPWORDS]:
        path = folder / name
        if not path.is_file():
            raise LexiconError(f"{path}: missing lexicon file; copy it from `harchang init-lexicon`")
        try:
            out[name] = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LexiconError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    central = folder / CENTRAL
    if central.is_file():
        try:
            out[CENTRAL] = central.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LexiconError(f"{central}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    return out


def load_lexicon(folder: str | Path | None = None) -> Lexicon:
    """Load and validate the packaged lexicon, or a user's copy in ``folder``.

    Files already loaded in this process, unchanged since, are not read again (see
    :class:`Lexicon`); each call gives tables of its own.

    Raises:
        LexiconError: a file is missing or a row is malformed; the message names the file,
            the line and the reason.

    >>> lex = load_lexicon()
    >>> lex.agency_lookup()["省发改委"]
    '省发展改革委'
    """
    prefix = Path("harchang_analysis/data") if folder is None else Path(folder)
    where = "package" if folder is None else str(prefix)
    stamps = _stamps(None if folder is None else prefix)
    key = (where, stamps) if stamps is not None else None
    loaded = _LOADED.get(key) if key is not None else None
    if loaded is None:
        texts = _package_files() if folder is None else _folder_files(prefix)
        loaded = _parse_lexicon(prefix, texts, where)
        if key is not None:
            if len(_LOADED) >= _LOADED_SIZE:
                _LOADED.pop(next(iter(_LOADED)))
            _LOADED[key] = loaded
    return loaded.fresh_copy()


#: lexicons parsed in this process, by their files' paths, sizes and times of change, so that a
#: second load of the same files (every ``load_plan`` that is given no lexicon loads one) skips
#: reading, parsing and checking them again; a file changed on disk is read anew
_LOADED: dict[tuple[str, tuple[tuple[str, int, int], ...]], Lexicon] = {}
_LOADED_SIZE = 8


def _stamps(folder: Path | None) -> tuple[tuple[str, int, int], ...] | None:
    """(path, size, time of change) of every file a load of ``folder`` (None: the package's) reads;
    None where they cannot be told without reading them (a lexicon not in a folder on disk) or a
    file cannot be found (the load says why)."""
    package = resources.files("harchang_analysis") / "data"
    if not isinstance(package, Path):
        return None
    paths = [package / name for name in [*FILES, STOPWORDS, CENTRAL]]
    if folder is not None:  # the folder's files, and the package's central lexicon it may fall back on
        paths = [folder.resolve() / name for name in [*FILES, STOPWORDS, CENTRAL]] + [package / CENTRAL]
    stamps = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            if path.name == CENTRAL:  # a folder may leave it out
                stamps.append((str(path), -1, -1))
                continue
            return None
        stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def _parse_lexicon(prefix: Path, texts: dict[str, str], where: str) -> Lexicon:
    """The lexicon in the files' ``texts`` (read from ``prefix``), parsed and checked."""
    tables = {name: _with_optional(_parse_csv(prefix / name, texts[name], cols), name) for name, cols in FILES.items()}
    if CENTRAL in texts:
        central = _parse_csv(prefix / CENTRAL, texts[CENTRAL], FILES["agencies.csv"])
    else:
        package = Path("harchang_analysis/data") / CENTRAL
        text = (resources.files("harchang_analysis") / "data" / CENTRAL).read_text(encoding="utf-8")
        central = _parse_csv(package, text, FILES["agencies.csv"])
    stopwords = frozenset(
        line.strip() for line in texts[STOPWORDS].splitlines() if line.strip() and not line.startswith("#")
    )
    return Lexicon(
        agencies=tables["agencies.csv"],
        places=tables["places.csv"],
        sectors=tables["sectors.csv"],
        terms=tables["terms.csv"],
        instruments=tables["instruments.csv"],
        glossary=tables["glossary.csv"],
        stopwords=stopwords,
        source=where,
        central_agencies=central,
    )


_LIST_COLUMNS = ("aliases", "context_aliases", "not_in", "needs")


def _with_optional(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """``frame`` with every optional column of lexicon file ``name``, empty where the file had none."""
    for col in OPTIONAL.get(name, ()):
        if col not in frame:
            frame[col] = [[] for _ in range(len(frame))] if col in _LIST_COLUMNS else ""
    return frame


def _parse_csv(path: Path, text: str, columns: tuple[str, ...]) -> pd.DataFrame:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise LexiconError(f"{path}: line 1: empty file; it needs the header {','.join(columns)}") from None
    missing = [c for c in columns if c not in header]
    if missing:
        raise LexiconError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    rows: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise LexiconError(f"{path}: line {line}: {len(row)} fields, expected {len(header)}")
        record: dict[str, object] = {key: cell.strip() for key, cell in zip(header, row)}
        _check_row(path, line, record)
        key = record[columns[0]]
        if key in seen:
            raise LexiconError(f"{path}: line {line}: {key!r} repeats line {seen[key]}")
        seen[str(key)] = line
        rows.append(record)
    frame = pd.DataFrame(rows, columns=list(header))
    for col in _LIST_COLUMNS:
        if col in frame:
            frame[col] = [[a for a in str(v).split("|") if a] for v in frame[col]]
    if "lat" in frame:
        frame["lat"] = pd.to_numeric(frame["lat"].replace("", None)).astype(float)  # empty: no point given
        frame["lon"] = pd.to_numeric(frame["lon"].replace("", None)).astype(float)
        frame["in_cluster"] = frame["in_cluster"].eq("true")
    return frame


def _check_row(path: Path, line: int, record: dict[str, object]) -> None:
    def fail(reason: str) -> None:
        raise LexiconError(f"{path}: line {line}: {reason}")

    first = next(iter(record.values()))
    if not first:
        fail("the first column is empty")
    if "agency_type" in record and record["agency_type"] not in AGENCY_TYPES:
        fail(f"agency_type {record['agency_type']!r} is not one of {', '.join(AGENCY_TYPES)}")
    if "level" in record:
        if record["level"] not in PLACE_LEVELS:
            fail(f"level {record['level']!r} is not one of {', '.join(PLACE_LEVELS)}")
        unplaced = record["level"] == "town" and not record["parent"]  # a town whose county is not known
        if record["in_cluster"] not in ("true", "false", *([""] if unplaced else [])):
            fail(f"in_cluster {record['in_cluster']!r} is not true or false")
        for coord, low, high in (("lat", -90, 90), ("lon", -180, 180)):
            if record["level"] != "prefecture" and not record["lat"] and not record["lon"]:
                continue  # a place the lexicon names without a point: counted, not mapped
            try:
                value = float(str(record[coord]))
            except ValueError:
                fail(f"{coord} {record[coord]!r} is not a number")
            if not low <= value <= high:
                fail(f"{coord} {value} is out of range")
    if record.get("parent_since") and not str(record["parent_since"]).isdigit():
        fail(f"parent_since {record['parent_since']!r} is not a year")
    if "instrument_type" in record and record["instrument_type"] not in INSTRUMENT_TYPES:
        fail(f"instrument_type {record['instrument_type']!r} is not one of {', '.join(INSTRUMENT_TYPES)}")
    if "kind" in record and record["kind"] not in TERM_KINDS:
        fail(f"kind {record['kind']!r} is not one of {', '.join(TERM_KINDS)}")
    for key in ("name_en", "short_en", "sector_en", "instrument_en", "instrument_type_en"):
        if key in record and not record[key]:
            fail(f"{key} is empty; every name carries its English name")


def copy_lexicon(folder: str | Path) -> list[Path]:
    """Copy the packaged lexicon files into ``folder`` for editing; never overwrite.

    Raises:
        LexiconError: ``folder`` already holds one of the files.
    """
    folder = Path(folder)
    targets = [folder / name for name in [*FILES, STOPWORDS, CENTRAL]]
    existing = [t for t in targets if t.exists()]
    if existing:
        raise LexiconError(f"{existing[0]}: already exists; choose an empty folder so nothing is overwritten")
    folder.mkdir(parents=True, exist_ok=True)
    root = resources.files("harchang_analysis") / "data"
    for target in targets:
        with resources.as_file(root / target.name) as src:
            shutil.copyfile(src, target)
    return targets
