"""Command line: ``harchang parse``, ``run``, ``compare``, ``draw-sample``, ``score-sample``, ``columns``
and ``init-lexicon``.

Every documented error ends the program with one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from .errors import PlanError

EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="harchang",
        description="Read a Chinese government plan as data: its heading tree, who leads and who "
        "supports each task, and its tokens and named entities.",
        epilog="Example: harchang parse seeds/000_cfe327ed47657390.txt --out build/tables",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"harchang {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse = sub.add_parser("parse", help="parse a plan file and write its tables as CSV",
                           description="Parse a plan (.txt in UTF-8, UTF-16, GB18030 or Big5; .pdf with a text "
                           "layer; .docx or .doc; .xlsx, .xls, .csv, .html) and write units.csv, tasks.csv, "
                           "assignments.csv, tokens.csv and mentions.csv into DIR. A plan in traditional script is "
                           "converted to simplified first.")
    parse.add_argument("path", type=Path, metavar="PATH", help="the plan file")
    parse.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the CSV tables")
    parse.add_argument("--lexicon", type=Path, metavar="DIR", help="your own lexicon folder (see init-lexicon)")
    parse.add_argument("--keep-script", action="store_true",
                       help="do not convert traditional script to simplified")
    parse.add_argument("--backend", choices=["auto", "jieba", "rjieba"], default="auto",
                       help="tokenizer: auto (default: rjieba when installed, else jieba), jieba (the reference) "
                       "or rjieba (faster; pip install .[fast]); the tables are the same")

    run = sub.add_parser("run", help="run the notebook suite, on the seed plan or on yours",
                         description="Execute every notebook in a fresh kernel, in reading order. Without --plan "
                         "and --out: on the seed plan, writing the notebooks back with their outputs and rewriting "
                         "figures/. With --out: the executed notebooks and their figures go into DIR only, on the "
                         "seed plan or, with --plan, on yours.",
                         epilog="Example: harchang run --plan my_plan.pdf --lexicon my_lexicon --out build/my_plan")
    run.add_argument("--plan", type=Path, metavar="PATH", help="a plan file to run the suite on")
    run.add_argument("--lexicon", type=Path, metavar="DIR", help="your own lexicon folder (see init-lexicon)")
    run.add_argument("--out", type=Path, metavar="DIR", help="where to write the executed notebooks and figures")
    run.add_argument("--year", type=int, default=None, metavar="YYYY",
                     help="the year of --plan: counties roll up to the prefectures of that year (default: today's)")
    run.add_argument("--notebooks", type=Path, default=None, metavar="DIR",
                     help="folder of the NN-topic.py notebooks (default: ./notebooks, else the suite's own)")
    run.add_argument("--only", action="append", metavar="NN", help="run only notebooks starting with NN (repeatable)")
    run.add_argument("--jobs", type=int, default=None, metavar="N",
                     help="how many notebooks run at once (default: the machine's cores)")

    compare = sub.add_parser("compare", help="compare many plans: corpus tables, comparison tables and figures",
                             description="Parse every plan given (files, or folders of plan files: .txt, .pdf, "
                             ".docx, .doc, .xlsx, .xls, .csv, .html; *.gold.csv and *.targets.csv lists are not "
                             "plans) and write into DIR the corpus tables (documents, skipped, units, tasks, "
                             "assignments, tokens, mentions, each with doc_id), the comparison tables "
                             "(compare_*.csv) and, for up to 40 plans, the comparison figures in zh and en. Files "
                             "that cannot be read are listed with the reason in skipped.csv and on stderr; the rest "
                             "are compared.",
                             epilog="Example: harchang compare plans/ --out build/compare")
    compare.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="plan files or folders of them")
    compare.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the tables and figures")
    compare.add_argument("--lexicon", type=Path, metavar="DIR", help="your own lexicon folder (see init-lexicon)")
    compare.add_argument("--backend", choices=["auto", "jieba", "rjieba"], default="auto",
                         help="tokenizer: auto (default: rjieba when installed, else jieba), jieba or rjieba")
    compare.add_argument("--jobs", type=int, default=None, metavar="N",
                         help="processes that parse (default: the machine's cores)")
    compare.add_argument("--no-figures", action="store_true", help="write the tables only")

    draw = sub.add_parser("draw-sample", help="draw sentences of a plan at random, to code them by hand",
                          description="Draw N sentences of a plan at random (seeded) into a CSV for hand coding by "
                          "docs/codebook.md: doc, sentence_id, text, and empty sectors and instruments columns to fill "
                          "in (|-separated). Then score the coder on it with score-sample.",
                          epilog="Example: harchang draw-sample my_plan.pdf --n 60 --seed 1 --out my_sample.csv")
    draw.add_argument("plan", type=Path, metavar="PLAN", help="the plan file")
    draw.add_argument("--n", type=int, default=60, metavar="N", help="how many sentences (default 60)")
    draw.add_argument("--seed", type=int, required=True, metavar="S", help="the seed of the draw (note it down)")
    draw.add_argument("--out", type=Path, required=True, metavar="FILE", help="the CSV to write (must not exist)")
    draw.add_argument("--exclude", type=Path, action="append", default=[], metavar="FILE",
                      help="a sample drawn before: its sentences of this plan are not drawn again (repeatable)")
    draw.add_argument("--lexicon", type=Path, metavar="DIR", help="your own lexicon folder (see init-lexicon)")

    score = sub.add_parser("score-sample", help="score the sector and instrument coder against a hand-coded sample",
                           description="Compare the coder's sectors and policy instruments with a sample coded by "
                           "hand (a file from draw-sample, its sectors and instruments filled in): precision, recall "
                           "and F1 per category and over all codes.",
                           epilog="Example: harchang score-sample my_plan.pdf --sample my_sample.csv")
    score.add_argument("plan", type=Path, metavar="PLAN", help="the plan file the sample was drawn from")
    score.add_argument("--sample", type=Path, required=True, metavar="FILE", help="the hand-coded sample (CSV)")
    score.add_argument("--lexicon", type=Path, metavar="DIR", help="your own lexicon folder (see init-lexicon)")

    sub.add_parser("columns", help="print the data dictionary: every table's columns, dtypes and meanings",
                   description="Print, as Markdown, the columns of units, tasks, assignments, tokens and mentions "
                   "with their dtypes and meanings (the same text as docs/tables.md).")

    init = sub.add_parser("init-lexicon", help="copy the packaged lexicons into DIR for editing",
                          description="Copy agencies.csv, agencies_central.csv, places.csv, sectors.csv, terms.csv, "
                          "instruments.csv, glossary.csv and stopwords.txt "
                          "into DIR, to adapt them to another plan. Existing files are never overwritten.")
    init.add_argument("folder", type=Path, metavar="DIR")
    return parser


def _cmd_parse(args: argparse.Namespace) -> int:
    from .plan import load_plan

    plan = load_plan(args.path, lexicon=args.lexicon, simplify=not args.keep_script, backend=args.backend)
    written = plan.write_tables(args.out)
    counts = ", ".join(f"{len(getattr(plan, p.stem))} {p.stem}" for p in written)
    read_as = plan.source.encoding + (", converted to simplified script" if plan.source.conversion else "")
    read_as += f", tokenized with {plan.source.backend}"
    print(f"{args.path} ({read_as}): {counts} -> {args.out}")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from .suite import default_notebooks, list_notebooks, run_notebooks

    if args.jobs is not None and args.jobs < 1:
        raise PlanError(f"--jobs {args.jobs}: give 1 or more notebooks to run at once")
    if args.notebooks is None:
        args.notebooks = default_notebooks()
    if args.only:
        known = [p.stem for p in list_notebooks(args.notebooks)]
        unknown = [o for o in args.only if not any(k.startswith(o) for k in known)]
        if unknown:
            raise PlanError(f"--only {', '.join(unknown)}: no such notebook; the notebooks are {', '.join(known)}")

    if args.plan is None and args.out is None:
        if args.lexicon is not None:
            raise PlanError("--lexicon goes with --plan; without --plan the suite runs on the seed plan")
        run_notebooks(args.notebooks, only=args.only, jobs=args.jobs)
        return 0
    if args.out is None:
        raise PlanError("--plan needs --out DIR, so that the committed notebooks and figures stay untouched")
    from .plan import load_plan

    if args.plan is not None:
        load_plan(args.plan, lexicon=args.lexicon)  # fail early, with one line, on a bad plan or lexicon
    elif args.lexicon is not None:
        raise PlanError("--lexicon goes with --plan; without --plan the suite runs on the seed plan")
    out = args.out.resolve()
    parameters: dict[str, object] = {"FIGURES": str(out / "figures")}
    if args.plan is not None:  # without --plan each notebook keeps its own plan (the seed, 07's example)
        parameters["PLAN"] = str(args.plan.resolve())
        parameters["LEXICON"] = str(args.lexicon.resolve()) if args.lexicon else None
        parameters["YEAR"] = args.year
    elif args.year is not None:
        raise PlanError("--year goes with --plan; the seed plan's year is set in its notebooks")
    written = run_notebooks(args.notebooks, out=out, parameters=parameters, only=args.only, jobs=args.jobs)
    print(f"{len(written)} notebooks and their figures -> {out}")
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    import os

    from .compare import MOST_PLANS_IN_A_FIGURE, compare_corpus, write_comparison
    from .corpus import CorpusWarning, list_plan_files, load_corpus
    from .lexicon import load_lexicon

    if args.jobs is not None and args.jobs < 1:
        raise PlanError(f"--jobs {args.jobs}: give 1 or more processes")
    plans, ignored = list_plan_files(args.paths)
    if ignored:
        print(f"not plans, left out: {', '.join(p.name for p in ignored)}", file=sys.stderr)
    if not plans:
        raise PlanError("no plan files found; give .txt, .pdf, .docx, .doc, .xlsx, .xls, .csv or .html files, "
                        "or folders of them")
    lexicon = load_lexicon(args.lexicon)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # the skipped files are listed below, the rest is noise here
        corpus = load_corpus(plans, lexicon=lexicon, backend=args.backend, n_jobs=args.jobs or os.cpu_count() or 1)
    for error in corpus.skipped["error"]:
        print(f"skipped: {error}", file=sys.stderr)
    if corpus.documents.empty:
        raise PlanError(f"none of the {len(plans)} files could be read as a plan (see above); nothing to compare")
    tables = compare_corpus(corpus, lexicon)
    written = write_comparison(corpus, tables, args.out, figures=not args.no_figures)
    n = len(corpus.documents)
    too_many = n > MOST_PLANS_IN_A_FIGURE and not args.no_figures
    figures = f" (no figures: more than {MOST_PLANS_IN_A_FIGURE} plans)" if too_many else ""
    print(f"{n} plans compared, {len(corpus.skipped)} skipped: {len(written)} files -> {args.out}{figures}")
    return 0


def _read_sample(path: Path):
    """A sample CSV as text columns; one line of error when it cannot be read."""
    import pandas as pd

    if not path.is_file():
        raise PlanError(f"{path}: no such sample file")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise PlanError(f"{path}: not a UTF-8 CSV sample ({str(exc).splitlines()[0]}); save it as CSV UTF-8") from None


def _cmd_draw_sample(args: argparse.Namespace) -> int:
    from .analysis import draw_coding_sample
    from .files import write_table
    from .plan import load_plan

    if args.n < 1:
        raise PlanError(f"--n {args.n}: draw 1 or more sentences")
    if args.out.exists():
        raise PlanError(f"{args.out} exists; give a new file name "
                        "(a draw never overwrites a sample you may have coded)")
    doc = args.plan.stem
    exclude: list[int] = []
    for path in args.exclude:
        before = _read_sample(path)
        if "sentence_id" not in before.columns:
            raise PlanError(f"{path}: no sentence_id column; --exclude takes a sample written by draw-sample")
        rows = before[before["doc"] == doc] if "doc" in before.columns else before
        ids = rows["sentence_id"].str.strip()
        if not ids.str.fullmatch(r"\d+").all():
            raise PlanError(f"{path}: a sentence_id is not a whole number; --exclude takes a sample from draw-sample")
        exclude += ids.astype(int).tolist()
    plan = load_plan(args.plan, lexicon=args.lexicon)
    drawn = draw_coding_sample(plan.text, plan.tokens, plan.lexicon, args.n, seed=args.seed, exclude=exclude)
    if drawn.empty:
        raise PlanError(f"{args.plan}: no sentence of 8 or more characters is left to draw")
    table = drawn.assign(sectors="", instruments="")
    table.insert(0, "doc", doc)
    write_table(table, args.out)
    print(f"{len(table)} sentences of {args.plan} (seed {args.seed}) -> {args.out}: fill in sectors and instruments "
          f"by docs/codebook.md (|-separated), then: harchang score-sample {args.plan} --sample {args.out}")
    return 0


def _cmd_score_sample(args: argparse.Namespace) -> int:
    from .analysis import check_coding_sample, score_sample
    from .plan import load_plan

    sample = _read_sample(args.sample)
    plan = load_plan(args.plan, lexicon=args.lexicon)
    try:
        check_coding_sample(sample, plan.lexicon)
    except ValueError as exc:
        raise PlanError(f"{args.sample}: {exc}") from None
    doc = args.plan.stem
    rows = sample[sample["doc"] == doc]
    if rows.empty:
        named = ", ".join(sorted(set(sample["doc"]))) or "nothing"
        raise PlanError(f"{args.sample} holds no sentence of {doc} (its doc column names {named})")
    try:
        scores = score_sample(plan.text, plan.tokens, plan.lexicon, rows)
    except ValueError as exc:
        raise PlanError(f"{args.sample}: {exc} (was it drawn from this plan, with this lexicon?)") from None
    for scheme, table in scores.items():
        print(f"{scheme}, {len(rows)} sentences of {doc}:")
        print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        print()
    sec, inst = (scores[k].set_index("category").loc["all", "f1"] for k in ("sectors", "instruments"))
    print(f"F1 over all codes: sectors {sec:.3f}, instruments {inst:.3f} (the packaged sample's floors: 0.85 and 0.75)")
    return 0


def _cmd_columns(args: argparse.Namespace) -> int:
    from .schema import render_data_dictionary

    sys.stdout.write(render_data_dictionary())
    return 0


def _cmd_init_lexicon(args: argparse.Namespace) -> int:
    from .lexicon import copy_lexicon

    for path in copy_lexicon(args.folder):
        print(path)
    return 0


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    commands = {"parse": _cmd_parse, "run": _cmd_run, "compare": _cmd_compare, "columns": _cmd_columns,
                "init-lexicon": _cmd_init_lexicon, "draw-sample": _cmd_draw_sample,
                "score-sample": _cmd_score_sample}
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = _show_warning
        try:
            return commands[args.command](args)
        except PlanError as exc:
            print(f"harchang: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except KeyboardInterrupt:
            print("harchang: interrupted", file=sys.stderr)
            return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
