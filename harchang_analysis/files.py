"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def package_folder(name: str) -> Path | None:
    """The folder of a data package that travels with the library (``harchang_analysis.seeds`` …).

    These are folders without ``__init__.py``, so they are found by their import spec, not read
    through ``importlib.resources``; None when the package is not installed.
    """
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        return None
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0]) if locations else None


def current_umask() -> int:
    """The process's file-creation mask (read by setting it and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then move it into place.

    If ``write`` fails, ``path`` keeps what it had and the temporary file is removed. The file
    gets the permissions the user's umask gives a new file (rw-r--r-- under 022).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes the file private; outputs are for sharing
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_table(table: pd.DataFrame, path: Path) -> None:
    """Write a table as UTF-8 CSV with a header row, ``\n`` line ends and floats to 6 significant
    digits (so that the same numbers give the same bytes), all or nothing (:func:`write_atomic`)."""
    write_atomic(path, lambda p: table.to_csv(p, index=False, encoding="utf-8", lineterminator="\n",
                                              float_format="%.6g"))
