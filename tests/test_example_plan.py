"""The second plan (examples/digital-plan): another house style, its tables worked out by hand."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from harchang_analysis import UnknownAgencyWarning, count_unknown_agencies, load_lexicon, load_plan

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "digital-plan" / "plan.txt"
LEXICON = ROOT / "examples" / "digital-plan" / "lexicon"

# Read off the plan: 第一章 (2 节), 第二章 (3 节, items 1–18), 第三章 (2 节, items 19–22 in 第二节).
# Leads and supports counted clause by clause; T3 (责任单位：市数据局、市工业和信息化局) and T18
# (责任单位：市人力资源社会保障局、市教育局) have two leads each, so 22 tasks give 24 leads.
LEADS = {
    "市数据局": 4, "市工业和信息化局": 3, "市发展改革委": 2, "市商务局": 2, "市教育局": 2, "市人力资源社会保障局": 2,
    "市科技局": 1, "市市场监管局（市知识产权局）": 1, "市农业农村局": 1, "市文化广电和旅游局": 1, "市生态环境局": 1,
    "市交通运输局": 1, "市住房城乡建设局": 1, "市卫生健康委": 1, "市财政局": 1,
}
SUPPORTS = {
    "市数据局": 5, "市财政局": 3, "市科技局": 3, "市交通运输局": 2, "市自然资源局": 2, "市公安局": 2,
    "市住房城乡建设局": 1, "市发展改革委": 1, "市邮政管理局": 1, "市农业农村局": 1, "市商务局": 1,
    "各县（市、区）政府": 1, "市生态环境局": 1, "市医保局": 1, "市委网信办": 1, "市统计局": 1, "市教育局": 1,
}


@pytest.fixture(scope="module")
def plan():
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnknownAgencyWarning)  # the example lexicon knows every agency
        return load_plan(PLAN, lexicon=LEXICON)


def test_headings_are_inferred(plan):
    units = plan.units
    assert units["kind"].value_counts().to_dict() == {"num_dot": 22, "zh_section": 7, "paragraph": 5, "zh_chapter": 3}
    assert units.groupby("kind")["depth"].unique().map(list).to_dict() == {
        "zh_chapter": [1], "zh_section": [2], "num_dot": [3], "paragraph": [1, 3]}
    # items number on from one 节 to the next (1–4, 5–9, 10–18) and again in 第三章 (19–22)
    assert units.loc[units["kind"] == "num_dot", "number"].tolist() == list(range(1, 23))
    assert units.loc[units["kind"] == "zh_chapter", "title"].tolist() == ["总体要求", "重点任务", "保障措施"]
    # the ①②③ in 第三章第一节 stand inside a sentence and open nothing
    assert "circled" not in set(units["kind"])


def test_tasks(plan):
    tasks = plan.tasks
    assert len(tasks) == 22
    assert tasks["heading_path"].tolist()[:2] == ["第二章 > 第一节 > 1", "第二章 > 第一节 > 2"]
    assert tasks["heading_path"].tolist()[-1] == "第三章 > 第二节 > 22"
    assert tasks["title"].tolist()[6] == "加强知识产权保护"
    assert tasks["text"].tolist()[0] == "加快5G网络建设。推进5G网络向重点乡镇和产业园区延伸，实现城区连续覆盖。"


@pytest.mark.parametrize(("task_id", "expected"), [
    (1, [("市工业和信息化局", "lead"), ("市住房城乡建设局", "support"), ("市交通运输局", "support")]),  # 牵头单位；配合单位
    (3, [("市数据局", "lead"), ("市工业和信息化局", "lead")]),  # 责任单位：both lead
    (4, [("市工业和信息化局", "lead"), ("市科技局", "support"), ("市财政局", "support")]),  # X牵头，Y、Z配合
    (5, [("市科技局", "lead")]),  # X负责
    (6, [("市数据局", "lead")]),  # 由X负责
    (7, [("市市场监管局（市知识产权局）", "lead"), ("市科技局", "support")]),  # parentheses inside a name
    (10, [("市农业农村局", "lead"), ("市商务局", "support"), ("各县（市、区）政府", "support")]),  # 、 inside a name
    (11, [("市文化广电和旅游局", "lead")]),  # 和 inside a name
])
def test_clause_styles(plan, task_id, expected):
    rows = plan.assignments[plan.assignments["task_id"] == task_id]
    assert list(zip(rows["agency"], rows["role"])) == expected


def test_lead_and_support_counts(plan):
    a = plan.assignments
    assert a[a["role"] == "lead"]["agency"].value_counts().to_dict() == LEADS
    assert a[a["role"] == "support"]["agency"].value_counts().to_dict() == SUPPORTS
    assert set(a["agency_type"]) == {"municipal_department", "county_government", "other"}


def test_packaged_lexicon_lists_what_to_add():
    packaged = load_lexicon()
    with warnings.catch_warnings():
        # every agency of the example is typed by the form of its name: no warning
        warnings.simplefilter("error", UnknownAgencyWarning)
        plan = load_plan(PLAN, lexicon=packaged)
    unknown = count_unknown_agencies(plan.assignments, packaged)
    assert len(unknown) == 22
    # 4 leads + 5 supports; 市 + 局: a city department
    assert unknown.iloc[0].tolist() == ["市数据局", 9, "municipal_department", "prefecture"]


def test_run_with_plan_needs_out(tmp_path):
    result = subprocess.run([sys.executable, "-m", "harchang_analysis", "run", "--plan", str(PLAN)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "--plan needs --out" in result.stderr and "Traceback" not in result.stderr


def test_run_with_year_needs_plan(tmp_path):
    # the seed's year is set in its notebooks; --year only goes with a plan of one's own
    result = subprocess.run([sys.executable, "-m", "harchang_analysis", "run", "--year", "2017",
                             "--out", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "--year goes with --plan" in result.stderr and "Traceback" not in result.stderr
    assert not any(tmp_path.iterdir())
