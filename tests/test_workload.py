"""Workload analyses on a small assignments table worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from harchang_analysis.analysis import (
    build_coassignment,
    classify_city_leads,
    count_assignments,
    gini,
    lorenz_curve,
    top_share,
)

# task 1: 长春 leads, 交通厅 and 发改委 support; task 2: all six lead, 发改委 supports;
# task 3: 长春 and 交通厅 both lead (a "A、B负责" clause)
SIX = ["长春市政府", "吉林市政府", "四平市政府", "辽源市政府", "松原市政府", "延边州政府"]
ROWS = ([(1, "长春市政府", "lead"), (1, "省交通运输厅", "support"), (1, "省发展改革委", "support")]
        + [(2, a, "lead") for a in SIX] + [(2, "省发展改革委", "support")]
        + [(3, "长春市政府", "lead"), (3, "省交通运输厅", "lead")])


@pytest.fixture
def assignments(lexicon):
    frame = pd.DataFrame(ROWS, columns=["task_id", "agency", "role"])
    english = lexicon.agencies.set_index("name")
    frame["agency_type"] = frame["agency"].map(english["agency_type"])
    frame["agency_en"] = frame["agency"].map(english["name_en"])
    return frame


def test_count_assignments(assignments, lexicon):
    table = count_assignments(assignments, lexicon).set_index("agency")
    assert table.loc["长春市政府", ["n_lead", "n_support", "n_total"]].tolist() == [3, 0, 3]
    assert table.loc["省交通运输厅", ["n_lead", "n_support", "n_total"]].tolist() == [1, 1, 2]
    assert table.loc["省发展改革委", ["n_lead", "n_support", "n_total"]].tolist() == [0, 2, 2]
    assert table.loc["松原市政府", "n_total"] == 1
    assert table.loc["省交通运输厅", "agency_short_en"] == "Transport"
    assert table.index[0] == "长春市政府"  # most assignments first


def test_coassignment_counts_shared_tasks(assignments):
    pairs = build_coassignment(assignments).set_index(["agency_a", "agency_b"])["n_shared"]
    # 长春 shares tasks 1 and 3 with 交通厅, tasks 1 and 2 with 发改委; 交通厅 and 发改委 share task 1
    assert pairs[("省交通运输厅", "长春市政府")] == 2
    assert pairs[("省发展改革委", "长春市政府")] == 2
    assert pairs[("省交通运输厅", "省发展改革委")] == 1
    assert pairs[("吉林市政府", "松原市政府")] == 1
    assert len(pairs) == 3 + 15 + 6 - 1  # task 1: 3 pairs; task 2: C(7,2) = 21; task 3: 1 (already counted)


def test_classify_city_leads(assignments, lexicon):
    patterns = classify_city_leads(assignments, lexicon).set_index("task_id")
    assert patterns["pattern"].to_dict() == {1: "one", 2: "all", 3: "one"}
    assert patterns.loc[2, "n_city_leads"] == 6


def test_concentration_measures():
    counts = pd.Series([1, 1, 2, 4])
    # sorted 1,1,2,4 of 8: cumulative 1/8, 2/8, 4/8, 8/8
    assert lorenz_curve(counts)["share_assignments"].tolist() == [0, 0.125, 0.25, 0.5, 1.0]
    # G = 2·Σ i·x_i / (n·Σx) − (n+1)/n = 2·(1+2+6+16)/(4·8) − 5/4 = 50/32 − 40/32
    assert gini(counts) == pytest.approx(10 / 32)
    assert top_share(counts, 2) == pytest.approx(6 / 8)


def test_the_coassignment_matrix_is_symmetric_over_the_busiest_agencies(seed_plan):
    from harchang_analysis.analysis import build_coassignment, build_coassignment_matrix, count_assignments

    workload = count_assignments(seed_plan.assignments, seed_plan.lexicon)
    pairs = build_coassignment(seed_plan.assignments)
    matrix = build_coassignment_matrix(pairs, workload, top_n=5)
    kept = list(workload["agency"].head(5))
    assert list(dict.fromkeys(matrix["agency_a"])) == kept
    assert len(matrix) == 5 * 4
    cell = matrix.set_index(["agency_a", "agency_b"])["n_shared"]
    assert all(cell[(a, b)] == cell[(b, a)] for a in kept for b in kept if a != b)
    # 长春市政府 and 吉林市政府 share a task wherever both are named in one clause; the first task
    # names 长春市政府 alone (长春市政府负责实施 …), so they share fewer tasks than 长春市政府 has
    assert 0 < cell[("长春市政府", "吉林市政府")] < workload.set_index("agency").loc["长春市政府", "n_total"]
