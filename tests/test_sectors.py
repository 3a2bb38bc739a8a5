"""The topic model sizes itself to the plan it is given."""

from __future__ import annotations

import warnings

from harchang_analysis import load_plan
from harchang_analysis.analysis.sectors import fit_topics


def small_plan(tmp_path, n_tasks: int):
    texts = ["建设数据中心和算力平台。推进产业数字化转型和数据共享。", "发展智慧农业和农村电商。推进产业数字化转型。",
             "建设智慧交通和数据共享平台。发展智慧农业。"]
    lines = ["一、主要任务"]
    for k in range(1, n_tasks + 1):
        lines.append(f"{k}.{texts[(k - 1) % 3]}（市数据局负责）")
    path = tmp_path / f"plan{n_tasks}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_plan(path)


def test_three_tasks_get_at_most_three_topics(tmp_path):
    plan = small_plan(tmp_path, 3)
    model = fit_topics(plan.tokens, plan.tasks, plan.units, n_topics=6)
    assert 1 <= model.terms["topic"].nunique() <= 3
    assert sorted(model.tasks["task_id"]) == [1, 2, 3]


def test_one_task_gets_no_topics(tmp_path):
    plan = small_plan(tmp_path, 1)
    model = fit_topics(plan.tokens, plan.tasks, plan.units, n_topics=6)
    assert model.terms.empty and model.tasks.empty
    assert list(model.terms.columns) == ["topic", "rank", "term", "weight"]


def test_topics_that_are_the_chapters_score_one_and_a_mixed_model_less():
    import pandas as pd

    from harchang_analysis.analysis import compare_topics_with_sections
    from harchang_analysis.analysis.sectors import TopicModel

    tasks = pd.DataFrame({"task_id": [1, 2, 3, 4], "unit_id": [10, 11, 20, 21]})
    sections = pd.DataFrame({"unit_id": [10, 11, 20, 21], "section": ["二（一）", "二（一）", "二（二）", "二（二）"]})
    same = TopicModel(terms=pd.DataFrame(), tasks=pd.DataFrame({"task_id": [1, 2, 3, 4], "topic": [2, 2, 1, 1],
                                                                "weight": [1.0] * 4}))
    table, score = compare_topics_with_sections(same, tasks, sections)
    assert score == 1.0
    assert table.index.tolist() == ["二（一）", "二（二）"] and table.loc["二（一）", 2] == 2
    crossed = TopicModel(terms=pd.DataFrame(), tasks=pd.DataFrame({"task_id": [1, 2, 3, 4], "topic": [1, 2, 1, 2],
                                                                   "weight": [1.0] * 4}))
    assert compare_topics_with_sections(crossed, tasks, sections)[1] < 0.5


def test_chapters_are_labelled_with_their_short_titles_in_both_languages(seed_plan):
    from harchang_analysis.analysis import add_section_labels, label_sections, shorten_title

    sections = add_section_labels(label_sections(seed_plan.units), seed_plan.lexicon).drop_duplicates("section")
    labels = dict(zip(sections["section"], zip(sections["section_label"], sections["section_label_en"])))
    # the seed's heading （二）推进重大基础设施互联互通。 under 二、主要任务
    assert labels["二（二）"] == ("二（二）推进重大基础设施互联互通", "II.2 Linking major infrastructure")
    assert labels["一"] == ("一 总体要求", "I General requirements")
    assert labels["序"] == ("序", "preamble")
    assert shorten_title("推动建立健全城市群协调发展机制和成本共担利益共享机制") == "推动建立健全城市群协调…"
