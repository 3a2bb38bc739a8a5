"""Benchmark: peak memory of one large document, in a process of its own. Prints one JSON line:
characters, seconds, the process's resident memory before the parse and at its peak (MB), and the
growth per million characters.

Run by benchmarks/run.py; alone: python benchmarks/large.py --chars 2000000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import peak_rss_mb, write_public_corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=2_000_000)
    args = parser.parse_args()

    from harchang_analysis import load_plan
    from harchang_analysis.lexicon import load_lexicon
    from harchang_analysis.tokenize import build_tokenizer

    with tempfile.TemporaryDirectory(prefix="harchang-large-") as folder:
        parts = write_public_corpus(Path(folder) / "parts", n_chars=args.chars)
        big = Path(folder) / "large.txt"
        big.write_text("\n".join(p.read_text(encoding="utf-8") for p in parts), encoding="utf-8")
        lexicon = load_lexicon()
        build_tokenizer(lexicon, backend="auto")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            load_plan(parts[0], lexicon=lexicon, cache=False)  # every import and table builder warm
            before = peak_rss_mb()
            start = time.perf_counter()
            plan = load_plan(big, lexicon=lexicon, cache=False)
            seconds = time.perf_counter() - start
    peak = peak_rss_mb()
    chars = len(plan.text)
    print(json.dumps({"chars": chars, "seconds": seconds, "before_mb": before, "peak_mb": peak,
                      "mb_per_million": (peak - before) / (chars / 1e6), "backend": plan.source.backend}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
