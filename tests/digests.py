"""Digests of a plan's tables, shared by tests/test_table_digests.py and scripts/table_digests.py."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from harchang_analysis import load_plan
from harchang_analysis.plan import TABLES

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"
#: the plans whose tables are pinned: the seed, the example plan and the real plans of the tests
PLANS = ["seeds/000_cfe327ed47657390.txt", "examples/digital-plan/plan.txt",
         *sorted(str(p.relative_to(ROOT)) for p in REAL.iterdir() if not p.name.endswith((".gold.csv", ".md")))]


def table_digests(plan: str, backend: str) -> list[tuple[str, str, str, str]]:
    """(plan, backend, table, the first 16 hex digits of the SHA-256 of the table as CSV), per table."""
    lexicon = ROOT / "examples" / "digital-plan" / "lexicon" if plan.startswith("examples/") else None
    parsed = load_plan(ROOT / plan, lexicon=lexicon, backend=backend, cache=False)  # type: ignore[arg-type]
    rows = []
    for name in TABLES:
        buffer = io.StringIO()
        getattr(parsed, name).to_csv(buffer, index=False, lineterminator="\n")
        rows.append((plan, backend, name, hashlib.sha256(buffer.getvalue().encode("utf-8")).hexdigest()[:16]))
    return rows
