"""Command line: ``harchang parse``, ``harchang run``, ``harchang init-lexicon``.

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
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse = sub.add_parser("parse", help="parse a plan file and write its tables as CSV",
                           description="Parse a plan (.txt in UTF-8, UTF-16 or GB18030) and write units.csv, "
                           "tasks.csv, assignments.csv, tokens.csv and mentions.csv into DIR.")
    parse.add_argument("path", type=Path, metavar="PATH", help="the plan file")
    parse.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the CSV tables")
    parse.add_argument("--lexicon", type=Path, metavar="DIR", help="your own lexicon folder (see init-lexicon)")

    run = sub.add_parser("run", help="run the notebook suite top to bottom and rewrite its figures",
                         description="Execute every notebook in notebooks/ in a fresh kernel, in reading order, "
                         "writing each back with its outputs; the notebooks write figures/ as they run.")
    run.add_argument("--notebooks", type=Path, default=Path("notebooks"), metavar="DIR",
                     help="folder of the NN-topic.py notebooks (default: notebooks)")
    run.add_argument("--only", action="append", metavar="NN", help="run only notebooks starting with NN (repeatable)")

    init = sub.add_parser("init-lexicon", help="copy the packaged lexicons into DIR for editing",
                          description="Copy agencies.csv, places.csv, sectors.csv, terms.csv, instruments.csv, glossary.csv and stopwords.txt "
                          "into DIR, to adapt them to another plan. Existing files are never overwritten.")
    init.add_argument("folder", type=Path, metavar="DIR")
    return parser


def _cmd_parse(args: argparse.Namespace) -> int:
    from .plan import load_plan

    plan = load_plan(args.path, lexicon=args.lexicon)
    written = plan.write_tables(args.out)
    counts = ", ".join(f"{len(getattr(plan, p.stem))} {p.stem}" for p in written)
    print(f"{args.path}: {counts} -> {args.out}")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from .suite import run_notebooks

    run_notebooks(args.notebooks, only=args.only)
    return 0


def _cmd_init_lexicon(args: argparse.Namespace) -> int:
    from .lexicon import copy_lexicon

    for path in copy_lexicon(args.folder):
        print(path)
    return 0


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:  # noqa: ANN001
    print(f"warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    commands = {"parse": _cmd_parse, "run": _cmd_run, "init-lexicon": _cmd_init_lexicon}
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
