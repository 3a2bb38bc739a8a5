"""The parser scored on real public plans, each with a hand-checked gold list of its tasks.

tests/data/real/ holds the plans as published (sources in SOURCES.md) and, beside each, a gold
CSV written by reading the plan: every task's title, lead and support agencies, with the plan's
own conventions applied (列第一位者为牵头单位 …). The corpus-wide scores must meet the floors below;
the per-plan table is printed (run pytest with -s to see it).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from harchang_analysis import load_plan
from harchang_analysis.evaluation import read_gold, score_plan

REAL = Path(__file__).parent / "data" / "real"
GOLDS = sorted(REAL.glob("*.gold.csv"))


def _plan_path(gold: Path) -> Path:
    stem = gold.name.removesuffix(".gold.csv")
    found = [p for p in REAL.iterdir() if p.name.startswith(stem + ".") and not p.name.endswith(".gold.csv")]
    assert len(found) == 1, f"{gold.name}: expected one plan file beside it, found {found}"
    return found[0]


@pytest.fixture(scope="module")
def scores() -> pd.DataFrame:
    rows = []
    for gold_path in GOLDS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            plan = load_plan(_plan_path(gold_path))
        score = score_plan(plan.tasks, plan.assignments, read_gold(gold_path))
        rows.append({"plan": gold_path.name.removesuffix(".gold.csv"), **score})
    table = pd.DataFrame(rows)
    shown = table[["plan", "n_gold", "n_found", "titles_right", "lead_f1", "support_f1"]]
    print("\n" + shown.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    return table


def test_every_plan_has_its_source_line():
    sources = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    for gold in GOLDS:
        assert _plan_path(gold).name in sources


def test_every_task_is_found(scores):
    assert (scores["n_found"] == scores["n_gold"]).all(), scores[["plan", "n_gold", "n_found"]]


def test_corpus_scores_meet_the_floors(scores):
    titles = (scores["titles_right"] * scores["n_gold"]).sum() / scores["n_gold"].sum()
    assert titles >= 0.98
    for role, floor in (("lead", 0.97), ("support", 0.95)):
        hits, predicted, gold = (scores[f"{role}_{k}"].sum() for k in ("hits", "predicted", "gold"))
        precision, recall = hits / predicted, hits / gold
        assert 2 * precision * recall / (precision + recall) >= floor, (role, precision, recall)


def test_gold_lists_split_as_clauses_do():
    # a gold list is read like a clause's list: 、 inside brackets is part of a name (许昌 2020), and a
    # level word alone rejoins the name before it (滁州 2020)
    import pandas as pd

    gold = pd.DataFrame({"task": ["1"], "title": ["任务"], "lead": ["市卫生健康委、各县(市、区)政府(管委会)"],
                         "support": ["市经信局、各县、市、区政府"]})
    tasks = pd.DataFrame({"task_id": [1], "title": ["任务"]})
    assignments = pd.DataFrame({"task_id": [1, 1, 1, 1], "role": ["lead", "lead", "support", "support"],
                                "agency": ["市卫生健康委", "各县(市、区)政府(管委会)", "市经信局", "各县、市、区政府"]})
    score = score_plan(tasks, assignments, gold)
    assert (score["lead_gold"], score["lead_f1"], score["support_gold"], score["support_f1"]) == (2, 1.0, 2, 1.0)


@pytest.mark.parametrize(("width", "indent"), [(20, 0), (22, 0), (26, 2), (28, 2), (37, 0)])
def test_every_plan_reads_the_same_broken_into_lines_as_a_pdf_gives_them(tmp_path, width, indent):
    # the plan's text set in lines of a page `width` characters wide (28 is a government document's, with
    # paragraphs indented by two), as text taken from a PDF is: broken inside names, clauses and numbers
    # (Guangzhou at 20: …选｜10名…), inside a heading's first line (Xuchang at 26: 1.坚持…完善常｜态化…), and
    # after sentences that end at the margin
    from tests.test_formats import wrap_like_pdf

    for gold_path in GOLDS:
        source = _plan_path(gold_path)
        if source.suffix == ".xlsx":
            continue  # a task table's cells are not set in lines
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            plan = load_plan(source)
            broken = tmp_path / f"{source.stem}.txt"
            broken.write_text("\n".join(wrap_like_pdf(plan.text, width, indent=indent)), encoding="utf-8")
            again = load_plan(broken)
        assert again.text == plan.text, gold_path.name
        score = score_plan(again.tasks, again.assignments, read_gold(gold_path))
        assert (score["n_found"], score["lead_f1"], score["support_f1"]) == (score["n_gold"], 1.0, 1.0), \
            (gold_path.name, score)


@pytest.mark.slow
def test_a_real_plan_typeset_as_a_pdf_reads_to_its_gold_list():
    # the Guangzhou plan set as a government document is (A4, 16-point type, justified, indented) and
    # exported to PDF by LibreOffice (scripts/make_doc_fixtures.py): its clauses break across lines
    gold_path = REAL / "guangzhou-2012-talent.gold.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = load_plan(Path(__file__).parent / "data" / "doc" / "guangzhou-typeset.pdf")
        page = load_plan(_plan_path(gold_path))
    assert plan.text == page.text
    score = score_plan(plan.tasks, plan.assignments, read_gold(gold_path))
    assert (score["n_found"], score["titles_right"], score["lead_f1"], score["support_f1"]) == (44, 1.0, 1.0, 1.0)
