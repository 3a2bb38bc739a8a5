"""Score a parsed plan against a hand-checked gold list of its tasks and agencies.

A gold file is a CSV with one row per task, in document order: task (1, 2 …), title (as the
plan writes it), lead and support (the agencies' names as written, without qualifiers such as
等, separated by 、; empty when there are none). A researcher who checks a plan of their own by
hand can score the parser on it the same way the tests score it on the bundled real plans.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .clauses import join_level_words, split_top
from .errors import PlanInputError

GOLD_COLUMNS = ("task", "title", "lead", "support")


def read_gold(path: str | Path) -> pd.DataFrame:
    """Read a gold CSV (see the module docstring).

    Raises:
        PlanInputError: the file lacks one of the columns task, title, lead, support.
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in GOLD_COLUMNS if c not in frame.columns]
    if missing:
        raise PlanInputError(f"{path}: gold file lacks column(s) {', '.join(missing)}; "
                             f"it needs {', '.join(GOLD_COLUMNS)}")
    return frame


def _pairs(frame: pd.DataFrame, column: str) -> set[tuple[int, str]]:
    """(task, agency) of a gold column: names split at 、 outside brackets, as a clause's list is
    (各县(市、区)政府 is one name; a level word alone rejoins the name before it: 各县、市、区政府)."""
    return {(int(task), name) for task, names in zip(frame["task"], frame[column])
            for name in join_level_words(split_top(names, "、"))}


def _f1(predicted: set[tuple[int, str]], gold: set[tuple[int, str]]) -> tuple[float, float, float]:
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else float(not gold)
    recall = hits / len(gold) if gold else float(not predicted)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_plan(tasks: pd.DataFrame, assignments: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """Compare a plan's tasks and assignments with its gold list, task by task in order.

    Returns:
        n_gold, n_found (tasks parsed), titles_right (share of gold tasks whose parsed title is
        the gold title), lead_precision, lead_recall, lead_f1, support_precision, support_recall,
        support_f1 (over task × agency pairs), and the counts behind them: lead_hits, lead_predicted,
        lead_gold, support_hits, support_predicted, support_gold.
    """
    numbered = dict(zip(tasks["task_id"], range(1, len(tasks) + 1)))
    predicted = pd.DataFrame({
        "task": [str(numbered[t]) for t in assignments["task_id"]],
        "agency": assignments["agency"], "role": assignments["role"]})
    out: dict[str, float] = {"n_gold": len(gold), "n_found": len(tasks)}
    titles = list(tasks["title"])
    right = sum(1 for k, title in enumerate(gold["title"]) if k < len(titles) and titles[k] == title)
    out["titles_right"] = right / len(gold) if len(gold) else 1.0
    for role in ("lead", "support"):
        rows = predicted[predicted["role"] == role]
        mine = {(int(t), a) for t, a in zip(rows["task"], rows["agency"])}
        theirs = _pairs(gold, role)
        p, r, f = _f1(mine, theirs)
        out.update({f"{role}_precision": p, f"{role}_recall": r, f"{role}_f1": f,
                    f"{role}_hits": len(mine & theirs), f"{role}_predicted": len(mine), f"{role}_gold": len(theirs)})
    return out


def score_coding(codes: pd.DataFrame, gold: pd.DataFrame, *, category: str, gold_column: str) -> pd.DataFrame:
    """Precision, recall and F1 of sentence codes against a hand coding, per category and overall.

    Args:
        codes: the coder's table: sentence (any hashable key, e.g. (doc, sentence_id)) and
            ``category`` (one row per sentence and category).
        gold: one row per coded sentence: sentence and ``gold_column`` (the categories a reader
            gave it, |-separated, spaces around a category ignored; empty for none). Only these
            sentences are scored.

    Returns:
        category, n_gold, n_coded, n_agreed, precision, recall, f1 (NaN where undefined), one
        row per category that either side used, by name; then a row ``all`` with the
        micro-averaged scores.
    """
    keys = set(gold["sentence"])
    expected = {(key, c.strip()) for key, cats in zip(gold["sentence"], gold[gold_column])
                for c in str(cats).split("|") if c.strip()}
    coded = {(key, c) for key, c in zip(codes["sentence"], codes[category]) if key in keys}
    rows = []
    for name in sorted({c for _, c in expected | coded}):
        g = {p for p in expected if p[1] == name}
        c = {p for p in coded if p[1] == name}
        rows.append((name, *precision_recall_f1(c, g)))
    rows.append(("all", *precision_recall_f1(coded, expected)))
    return pd.DataFrame(rows, columns=["category", "n_gold", "n_coded", "n_agreed", "precision", "recall", "f1"])


def precision_recall_f1(coded: set, gold: set) -> tuple[int, int, int, float, float, float]:
    """n_gold, n_coded, n_agreed, precision, recall, F1 of a set of findings against a gold set;
    precision (recall) is NaN when nothing was found (expected), F1 is 0 when nothing agrees."""
    agreed = len(coded & gold)
    precision = agreed / len(coded) if coded else float("nan")
    recall = agreed / len(gold) if gold else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if agreed else 0.0
    return len(gold), len(coded), agreed, precision, recall, f1
