"""Places, sectors and targets on small plans written for the test."""

from __future__ import annotations

import textwrap

import pytest

from harchang_analysis import load_plan
from harchang_analysis.analysis import (
    count_place_mentions,
    count_sector_mentions,
    drop_clause_tokens,
    extract_deadlines,
    extract_projects,
    extract_targets,
    label_sections,
    roll_up_mentions,
)

PLAN = textwrap.dedent("""\
    一、总体要求
    到2020年，城市群基本形成。
    二、主要任务
    （一）加强交通。
    1建设机场。
    完善延吉机场、珲春口岸，国际航线力争达到25条。新建G1211舒兰至吉林段。（延边州政府负责实施，省交通运输厅按职责分工负责）
    2发展农业。
    建设棚膜园区30个以上，新植农防林7.5万亩。续建1号线。（长春市、松原市政府分别负责实施）
    """)


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return load_plan(path)


def test_sections(plan):
    sections = label_sections(plan.units).set_index("unit_id")
    task_units = plan.tasks["unit_id"].tolist()
    assert sections.loc[task_units, "section"].tolist() == ["二（一）", "二（一）"]
    assert sections.loc[task_units, "section_en"].tolist() == ["II.1", "II.1"]


def test_targets_and_deadlines(plan):
    targets = extract_targets(plan)
    # 25条, 30个以上, 7.5万亩; not 2020年, not G1211, not 1号线
    assert targets["quantity"].tolist() == ["25条", "30个以上", "7.5万亩"]
    assert targets["value"].tolist() == [25, 30, 75_000]
    assert targets["qualifier"].tolist() == ["", "以上", ""]
    assert targets["task_id"].tolist() == [1, 2, 2]
    assert targets["context"].tolist()[0] == "国际航线力争达到25条"
    deadlines = extract_deadlines(plan)
    assert deadlines["year"].tolist() == [2020]
    assert deadlines["task_id"].isna().all()


def test_projects(plan):
    projects = extract_projects(plan)
    rows = projects[["task_id", "project", "project_kind", "lead_agencies"]].values.tolist()
    assert [1, "延吉机场", "airport", "延边州政府"] in rows
    assert [1, "G1211舒兰至吉林段", "highway", "延边州政府"] in rows
    assert [2, "1号线", "rail", "长春市政府、松原市政府"] in rows


def test_place_mentions_roll_up(plan):
    places = count_place_mentions(plan.mentions, plan.lexicon).set_index("place")
    assert places.loc["延吉市", "n_mentions"] == 1  # 延吉机场 is cut as 延吉 + 机场, and 延吉 is an alias of 延吉市
    rolled = roll_up_mentions(places.reset_index()).set_index("prefecture")
    # 延边州 is named in the clause (延边州政府 is an agency, not a place); 珲春 and 延吉 roll up to it
    assert rolled.loc["延边州", "n_county"] == places.loc[["延吉市", "珲春市"], "n_mentions"].sum()
    assert rolled.loc["松原市", "n_prefecture"] == places.loc["松原市", "n_mentions"]


def test_clause_tokens_are_dropped(plan):
    body = drop_clause_tokens(plan.tokens, plan.text, plan.tasks, plan.units)
    assert "省交通运输厅" in set(plan.tokens["token"])
    assert "省交通运输厅" not in set(body["token"])
    assert "机场" in set(body["token"])


def test_sector_mentions(plan):
    shares = count_sector_mentions(plan.mentions, label_sections(plan.units), plan.lexicon)
    chapter = shares[shares["section"] == "二（一）"].set_index("sector")
    assert chapter["share_sentences"].sum() == pytest.approx(1.0)
    assert chapter.loc["交通", "sector_en"] == "Transport"
