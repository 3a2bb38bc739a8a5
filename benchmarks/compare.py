"""Benchmark: compare a corpus of N plans of seed size, in a process of its own (so that its peak
memory is its own). Prints one JSON line: plans, characters, seconds to parse (load_corpus with the
fast backend on 2 processes), to compare (compare_corpus), to write the tables as `harchang compare`
does, and the peak resident memory of the largest process in MB.

Run by benchmarks/run.py; alone: python benchmarks/compare.py --plans 1000
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import SEED, peak_rss_mb, write_corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000, help="how many plans of seed size")
    parser.add_argument("--backend", default="rjieba", choices=["jieba", "rjieba"])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    from harchang_analysis import load_corpus, load_lexicon
    from harchang_analysis.compare import compare_corpus, write_comparison

    seed_chars = len(SEED.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="harchang-compare-bench-") as folder:
        paths = write_corpus(Path(folder) / "plans", n_chars=args.plans * seed_chars - 1)
        lexicon = load_lexicon()
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus = load_corpus(paths, lexicon=lexicon, backend=args.backend, n_jobs=args.jobs)
        parsed = time.perf_counter()
        tables = compare_corpus(corpus, lexicon)
        compared = time.perf_counter()
        write_comparison(corpus, tables, Path(folder) / "out", figures=False)
        written = time.perf_counter()
        n_chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    own = peak_rss_mb()
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the workers, forked from this one
    print(json.dumps({"plans": len(paths), "chars": n_chars, "parse": parsed - start, "compare": compared - parsed,
                      "write": written - compared, "peak_mb": max(own, workers),
                      "tokens": len(corpus.tokens)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
