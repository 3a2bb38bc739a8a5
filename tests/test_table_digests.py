"""Work done for speed or memory leaves every table as it was.

tests/data/table_digests.csv holds a digest of every table of the seed, the example plan and the
real plans of the tests, with both backends, written by scripts/table_digests.py before the
tokenizer was reworked to do its work once per distinct word. A table that differs fails here; if
the change was meant (a parser fix), rewrite the file with that script and say why in the commit.
"""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pytest

from .digests import PLANS, table_digests

PINNED = Path(__file__).parent / "data" / "table_digests.csv"


def _pinned() -> dict[tuple[str, str], dict[str, str]]:
    out: dict[tuple[str, str], dict[str, str]] = {}
    with PINNED.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            out.setdefault((row["plan"], row["backend"]), {})[row["table"]] = row["sha256"]
    return out


def test_every_plan_is_pinned():
    assert {plan for plan, _ in _pinned()} == set(PLANS)


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
@pytest.mark.parametrize("plan", PLANS)
def test_tables_are_unchanged(plan, backend):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        now = {table: digest for _, _, table, digest in table_digests(plan, backend)}
    assert now == _pinned()[(plan, backend)], f"{plan} ({backend}): tables changed"
