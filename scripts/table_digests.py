"""Write tests/data/table_digests.csv: a digest of every table of the seed, the example plan and the
real plans of the tests, with both tokenizer backends.

tests/test_table_digests.py checks that the tables still have these digests, so that a change made
for speed or memory leaves every table as it was. Run this script only when a change of the
tables is meant (a parser fix), and say in the commit which tables changed and why.
"""

from __future__ import annotations

import csv
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from digests import PLANS, table_digests  # noqa: E402


def main() -> int:
    out = ROOT / "tests" / "data" / "table_digests.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rows = [row for plan in PLANS for backend in ("jieba", "rjieba") for row in table_digests(plan, backend)]
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["plan", "backend", "table", "sha256"])
        writer.writerows(rows)
    print(f"{len(rows)} digests -> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
