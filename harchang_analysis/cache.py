"""A cache of parsed plans: a plan is parsed once, and every notebook of a run reuses it.

An entry is keyed by the plan file's bytes and path, the lexicon's content, the parsing options
and the library itself (its version and the bytes of its code and data), so an edit to any of them is a
new key and never a stale answer. Entries live in ``$HARCHANG_CACHE_DIR/plans`` (by default
``~/.cache/harchang_analysis/plans``); ``HARCHANG_CACHE=off`` turns the cache off. Only the
newest :data:`KEEP` entries are kept. The warnings a parse gave are stored with it and given
again when the entry is reused, so a cached plan says what a fresh one says.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import warnings
from pathlib import Path
from typing import Any

from .files import write_atomic

#: how many parsed plans the cache keeps (the least recently used go first)
KEEP = 32
#: bump when the layout of an entry changes
_FORMAT = 1


def cache_root() -> Path:
    """The library's cache folder: ``$HARCHANG_CACHE_DIR`` or ``~/.cache/harchang_analysis``."""
    env = os.environ.get("HARCHANG_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "harchang_analysis"


def caching_enabled() -> bool:
    """False when ``HARCHANG_CACHE`` is ``0``, ``off``, ``no`` or ``false``."""
    return os.environ.get("HARCHANG_CACHE", "on").strip().lower() not in {"0", "off", "no", "false"}


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the installed library: its version and every code and data file in it."""
    from . import __version__

    digest = hashlib.sha256(f"{__version__}\n{_FORMAT}\n".encode())
    root = Path(__file__).resolve().parent
    for path in sorted(p for p in root.rglob("*") if p.suffix in {".py", ".csv", ".txt"}):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def plan_key(data: bytes, lexicon_digest: str, options: tuple[Any, ...]) -> str:
    """The cache key of one parse: the file's bytes, the lexicon, the options and the library."""
    digest = hashlib.sha256(hashlib.sha256(data).digest())
    for part in (lexicon_digest, repr(options), code_fingerprint()):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def _entry(key: str) -> Path:
    return cache_root() / "plans" / f"{key}.pickle"


def read_entry(key: str) -> tuple[Any, list[tuple[type[Warning], str]]] | None:
    """The stored (value, warnings) of ``key``, or None when there is none or it cannot be read."""
    path = _entry(key)
    try:
        with path.open("rb") as handle:
            value, recorded = pickle.load(handle)
        os.utime(path)  # most recently used
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None  # missing or unreadable: the caller makes the value again
    return value, list(recorded)


def write_entry(key: str, value: Any, recorded: list[tuple[type[Warning], str]]) -> None:
    """Store ``value`` and the warnings its making gave; a cache that cannot be written is skipped."""
    path = _entry(key)
    data = pickle.dumps((value, recorded), protocol=5)

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    try:
        write_atomic(path, write)
        _prune(path.parent)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
    for old in entries[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass


def replay(recorded: list[tuple[type[Warning], str]], stacklevel: int) -> None:
    """Give again the warnings a parse gave, under the caller's warning filters."""
    for category, message in recorded:
        warnings.warn(message, category, stacklevel=stacklevel + 1)
