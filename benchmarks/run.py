"""Benchmark: load_plan stage by stage against bare jieba, load_corpus on 1 and 2 cores, memory, import,
the notebook suite and the comparison of 1,000 plans.

Run with `make bench`. The stages, load_corpus, import and the suite are measured in this one process (the
corpus runs in worker processes of it), on a corpus of at least 1,000,000 characters built from the seed plan
(benchmarks/corpus.py); load_plan against the bare taggers (versus.py), one large document (large.py) and the
comparison of 1,000 plans (compare.py) each run in a process of their own. Each timing is the best of three
runs; rivals take turns. Prints a Markdown table of ratios and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def best_of_pair(first: Callable[[], object], second: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best of ``repeat`` runs of two rivals, run in turn, so that a slow spell of the machine falls on both."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, spent in zip((first, second), times):
            start = time.perf_counter()
            fn()
            spent.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def stage_times(paths: list[Path], backend: str, repeat: int) -> dict[str, float]:
    """Seconds spent in each stage of load_plan over the corpus (best of ``repeat``), each plan's
    stages run as load_plan runs them: the clauses found once and given to the tasks and the
    tokens, and the clauses read for an earlier plan forgotten first."""
    from harchang_analysis.lexicon import load_lexicon
    from harchang_analysis.plan import _paused_gc
    from harchang_analysis.responsibility import forget_clauses, locate_clauses, parse_responsibility
    from harchang_analysis.structure import parse_units
    from harchang_analysis.text import normalize, read_text
    from harchang_analysis.tokenize import build_tokenizer, tokenize_units

    lexicon = load_lexicon()
    names = lexicon.names()
    tokenizer = build_tokenizer(lexicon, backend=backend)
    stages = ("read", "normalize", "structure", "clauses", "tokenize+tag")
    best: dict[str, float] = {}
    for _ in range(repeat):
        spent = dict.fromkeys(stages, 0.0)
        for path in paths:
            forget_clauses()
            with _paused_gc():  # as load_plan runs them
                t0 = time.perf_counter()
                source = read_text(path, protect=names)
                t1 = time.perf_counter()
                clean = normalize(source.text)
                t2 = time.perf_counter()
                _, records = parse_units(clean.text)
                t3 = time.perf_counter()
                clauses = locate_clauses(clean.text, records)
                parse_responsibility(clean.text, records, lexicon, clauses=clauses)
                t4 = time.perf_counter()
                tokenize_units(clean.text, records, tokenizer, clauses=clauses)
                t5 = time.perf_counter()
            for key, value in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
                spent[key] += value
        for key, value in spent.items():
            best[key] = min(best.get(key, value), value)
    return best


def cold_parse(repeat: int) -> float:
    """Seconds for a whole `harchang parse` of the seed in a new process (default backend, no cache)."""
    import os

    env = {**os.environ, "HARCHANG_CACHE": "off"}
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "harchang_analysis", "parse",
                            str(HERE.parent / "seeds" / "000_cfe327ed47657390.txt"), "--out", out],
                           check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - start)
    return min(times)


def agreement(reference, fast) -> tuple[float, list[str]]:
    """Share of the reference's (doc_id, start, token, POS) that the fast backend gives too, and
    the names of the tables that differ between the two (of tasks, assignments and mentions)."""
    import pandas as pd

    columns = ["doc_id", "start", "token", "pos"]
    ref = set(map(tuple, reference.tokens[columns].itertuples(index=False)))
    got = set(map(tuple, fast.tokens[columns].itertuples(index=False)))
    differ = []
    for name in ("tasks", "assignments", "mentions"):
        try:
            pd.testing.assert_frame_equal(getattr(reference, name), getattr(fast, name))
        except AssertionError:
            differ.append(name)
    return len(ref & got) / len(ref), differ


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def import_time(repeat: int) -> float:
    code = "import time; t = time.perf_counter(); import harchang_analysis; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(repeat)]
    return min(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000, help="corpus size in characters")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best counts")
    parser.add_argument("--skip-suite", action="store_true", help="do not time the notebook suite")
    parser.add_argument("--compare-plans", type=int, default=1000,
                        help="plans of seed size in the comparison benchmark (0: skip it)")
    args = parser.parse_args()

    import jieba
    import jieba.posseg

    from harchang_analysis import load_corpus, load_plan
    from harchang_analysis.lexicon import load_lexicon
    from harchang_analysis.tokenize import build_tokenizer

    folder = Path(tempfile.mkdtemp(prefix="harchang-bench-"))
    paths = write_corpus(folder, n_chars=args.chars)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    n_chars = sum(map(len, texts))
    print(f"corpus: {len(paths)} plans, {n_chars:,} characters; best of {args.repeat}", flush=True)

    jieba.setLogLevel(60)  # this benchmark's own process: keep jieba's start-up lines quiet
    jieba.lcut("预热")  # both sides warm: dictionaries loaded before timing
    lexicon = load_lexicon()
    start = time.perf_counter()
    build_tokenizer(lexicon, backend="jieba")
    build_jieba = time.perf_counter() - start
    start = time.perf_counter()
    build_tokenizer(lexicon, backend="rjieba")
    build_rjieba = time.perf_counter() - start

    lcut = best_of(lambda: [jieba.lcut(t) for t in texts], args.repeat)
    posseg = best_of(lambda: [jieba.posseg.lcut(t) for t in texts], args.repeat)
    posseg_no_hmm = best_of(lambda: [jieba.posseg.lcut(t, HMM=False) for t in texts], args.repeat)
    print(f"bare jieba.lcut {lcut:.2f} s, jieba.posseg.lcut {posseg:.2f} s (HMM off: {posseg_no_hmm:.2f} s)",
          flush=True)

    rows = []
    totals = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for backend in ("rjieba", "jieba"):
            stages = stage_times(paths, backend, args.repeat)
            total = best_of(lambda b=backend: [load_plan(p, lexicon=lexicon, backend=b, cache=False)
                                                        for p in paths], args.repeat)
            totals[backend] = total
            for name, seconds in stages.items():
                rows.append((f"{backend}: {name}", seconds))
            rows.append((f"{backend}: load_plan, all tables", total))
            print(f"load_plan ({backend}) {total:.2f} s", flush=True)
        one, two = best_of_pair(lambda: load_corpus(paths, n_jobs=1, backend="jieba"),
                                lambda: load_corpus(paths, n_jobs=2, backend="jieba"), args.repeat)
        one_fast, two_fast = best_of_pair(lambda: load_corpus(paths, n_jobs=1, backend="rjieba"),
                                          lambda: load_corpus(paths, n_jobs=2, backend="rjieba"), args.repeat)
        memory = peak_rss_mb()  # before the check below, which holds two corpora at once
        agreed, differ = agreement(load_corpus(paths, n_jobs=2, backend="jieba"),
                                   load_corpus(paths, n_jobs=2, backend="rjieba"))
    imported = import_time(args.repeat)

    suite = None
    if not args.skip_suite:
        out = folder / "suite"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "harchang_analysis", "run", "--plan",
                        str(HERE.parent / "seeds" / "000_cfe327ed47657390.txt"), "--out", str(out),
                        "--notebooks", str(HERE.parent / "notebooks")], check=True, capture_output=True)
        suite = time.perf_counter() - start

    honest = {}
    for corpus in ("public", "seed"):  # each in a process of its own (see versus.py)
        result = subprocess.run([sys.executable, str(HERE / "versus.py"), "--corpus", corpus, "--chars",
                                 str(args.chars), "--repeat", str(args.repeat)], capture_output=True, text=True,
                                check=True)
        honest[corpus] = json.loads(result.stdout.strip().splitlines()[-1])
    cold = cold_parse(args.repeat)
    large = json.loads(subprocess.run([sys.executable, str(HERE / "large.py"), "--chars", str(2 * args.chars)],
                                      capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])

    compared = None
    if args.compare_plans:
        # in a process of its own, so that its peak memory is its own
        result = subprocess.run([sys.executable, str(HERE / "compare.py"), "--plans", str(args.compare_plans)],
                                capture_output=True, text=True, check=True)
        compared = json.loads(result.stdout.strip().splitlines()[-1])

    print()
    print(f"Corpus: {len(paths)} variants of the seed plan, {n_chars:,} characters. Times are the best of "
          f"{args.repeat} runs on this machine; ratios divide by bare `jieba.lcut` ({lcut:.2f} s, "
          f"{n_chars / lcut / 1000:.0f}k characters/s) or bare `jieba.posseg.lcut` ({posseg:.2f} s) on the same text.")
    print()
    print("| measure | seconds | ÷ jieba.lcut | ÷ jieba.posseg.lcut |")
    print("| --- | ---: | ---: | ---: |")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.3f} | {seconds / lcut:.2f} | {seconds / posseg:.3f} |")
    print(f"| tokenizer build, once per process (jieba / rjieba) | {build_jieba:.2f} / {build_rjieba:.2f} | | |")
    print(f"| load_corpus, jieba, n_jobs=1 / 2 | {one:.2f} / {two:.2f} | speed-up {one / two:.2f}× | |")
    speedup = one_fast / two_fast
    print(f"| load_corpus, rjieba, n_jobs=1 / 2 | {one_fast:.2f} / {two_fast:.2f} | speed-up {speedup:.2f}× | |")
    print(f"| rjieba agrees with jieba: tokens and POS tags / tables that differ | {agreed:.2%} / "
          f"{', '.join(differ) or 'none'} | | |")
    print(f"| peak memory (largest process) | {memory:.0f} MB | | |")
    print(f"| `import harchang_analysis` | {imported:.2f} | | |")
    if suite is not None:
        print(f"| notebook suite (`harchang run`, 8 notebooks) | {suite:.1f} | | |")
    if compared is not None:
        print(f"| compare {compared['plans']:,} plans ({compared['chars']:,} characters), rjieba on 2 processes: "
              f"parse / compare / write the tables | {compared['parse']:.1f} / {compared['compare']:.1f} / "
              f"{compared['write']:.1f} | | |")
        print(f"| compare {compared['plans']:,} plans: peak memory (largest process) | "
              f"{compared['peak_mb']:.0f} MB | | |")
    print()

    print("Against the bare taggers, same conditions (collector paused, dictionaries loaded, no parse cache):")
    print()
    print("| corpus | plans | characters | rjieba.tag | jieba.posseg.lcut(HMM=False) | jieba.lcut | load_plan, rjieba "
          "| ÷ rjieba.tag | ÷ jieba.lcut | load_plan, jieba | ÷ posseg(HMM=False) | floor, rjieba | ÷ rjieba.tag |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, h in honest.items():
        print(f"| {name} | {h['plans']:.0f} | {h['chars']:,.0f} | {h['rjieba.tag']:.3f} | "
              f"{h['jieba.posseg.lcut(HMM=False)']:.3f} | {h['jieba.lcut']:.3f} | {h['load_plan, rjieba']:.3f} | "
              f"{h['load_plan, rjieba'] / h['rjieba.tag']:.2f} | {h['load_plan, rjieba'] / h['jieba.lcut']:.2f} | "
              f"{h['load_plan, jieba']:.3f} | {h['load_plan, jieba'] / h['jieba.posseg.lcut(HMM=False)']:.2f} | "
              f"{h['floor, rjieba']:.3f} | {h['floor, rjieba'] / h['rjieba.tag']:.2f} |")
    print()
    print("floor: read, tag in one call, heading lines by one pattern, the five tables in their dtypes from "
          "columns at hand (no normalizing, no clauses, no agencies), built as the parser builds them (make_table)")
    print()
    print(f"`harchang parse` of the seed, whole process, cold (default backend): {cold:.2f} s")
    print(f"one large document ({large['chars']:,} characters, {large['backend']}): {large['seconds']:.2f} s, "
          f"peak {large['peak_mb']:.0f} MB ({large['mb_per_million']:.0f} MB per million characters above the "
          f"{large['before_mb']:.0f} MB of a process that has parsed one small plan)")
    print()
    public = honest["public"]
    targets = [
        ("rjieba's tokens and POS tags agree with jieba's on ≥ 99.5%", agreed * 100, 99.5, "ge"),
        ("tasks, assignments and mentions identical with both backends (tables that differ)", len(differ), 0, "le"),
        ("load_plan (rjieba) ≤ 3.5 × bare rjieba.tag, public corpus",
         public["load_plan, rjieba"] / public["rjieba.tag"], 3.5, "le"),
        ("load_plan (jieba) ≤ 1.2 × bare jieba.posseg.lcut(HMM=False), public corpus",
         public["load_plan, jieba"] / public["jieba.posseg.lcut(HMM=False)"], 1.2, "le"),
        ("harchang parse of the seed, cold, ≤ 1.0 s", cold, 1.0, "le"),
        ("one large document: peak memory ≤ 150 MB per million characters", large["mb_per_million"], 150.0, "le"),
        ("load_corpus on 2 cores ≥ 1.7 × on 1 (jieba)", one / two, 1.7, "ge"),
        ("peak memory < 1024 MB", memory, 1024, "lt"),
        ("import < 1 s", imported, 1.0, "lt"),
    ]
    if compared is not None:
        targets += [(f"parse and compare {compared['plans']:,} plans ≤ 120 s", compared["parse"] + compared["compare"],
                     120.0, "le"),
                    (f"comparing {compared['plans']:,} plans: peak memory ≤ 4096 MB", compared["peak_mb"], 4096.0,
                     "le")]
    missed = 0
    for label, value, bound, how in targets:
        ok = value <= bound if how == "le" else value >= bound if how == "ge" else value < bound
        missed += not ok
        print(f"{'met   ' if ok else 'MISSED'} {label}: {value:.2f}")
    print(f"\nreference: load_plan (jieba) ÷ jieba.posseg.lcut with HMM off = {totals['jieba'] / posseg_no_hmm:.2f}"
          f" (the pipeline segments with the dictionary alone); median of the per-plan sizes "
          f"{statistics.median(map(len, texts)):,.0f} characters")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
