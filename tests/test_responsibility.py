"""Clause grammar: leads, supports, shared 政府, unknown agencies, and the seed's 46 tasks."""

from __future__ import annotations

import warnings

import pytest

from harchang_analysis.errors import UnknownAgencyWarning
from harchang_analysis.responsibility import find_clause, parse_clause, parse_responsibility, split_agencies
from harchang_analysis.structure import parse_structure

SIX = ["长春市政府", "吉林市政府", "四平市政府", "辽源市政府", "松原市政府", "延边州政府"]


def test_shared_government_distributes_over_six_places():
    pairs = parse_clause("（长春市、吉林市、四平市、辽源市、松原市、延边州政府分别负责实施）")
    assert pairs == [(a, "lead") for a in SIX]


def test_ji_adds_one_more_government():
    pairs = parse_clause("（长春市、吉林市、四平市、辽源市政府及公主岭市政府分别负责实施，省工业和信息化厅按职责分工负责相关工作）")
    assert pairs == [(a, "lead") for a in [*SIX[:4], "公主岭市政府"]] + [("省工业和信息化厅", "support")]


def test_lead_then_supports_by_division_of_duties():
    pairs = parse_clause("（长春市政府负责实施，省交通运输厅、省住房城乡建设厅、省发展改革委按职责分工分别负责）")
    assert pairs == [("长春市政府", "lead"), ("省交通运输厅", "support"),
                     ("省住房城乡建设厅", "support"), ("省发展改革委", "support")]


def test_plain_fuze_makes_every_agency_a_lead():
    # no 实施 and no 按职责分工: both are leads
    assert parse_clause("（长春市政府、省长吉图办负责）") == [("长春市政府", "lead"), ("省长吉图办", "lead")]


def test_fenbie_fuze_without_shishi_is_lead():
    pairs = parse_clause("（吉林市、四平市、辽源市、松原市、延边州政府分别负责）")
    assert pairs == [(a, "lead") for a in SIX[1:]]


def test_support_without_fenbie_and_without_xiangguan_gongzuo():
    assert parse_clause("（长春市政府负责实施，省商务厅、省博览局按职责分工负责）")[1:] == [
        ("省商务厅", "support"), ("省博览局", "support")]


def test_he_inside_a_name_does_not_split_it():
    assert split_agencies("省工业和信息化厅、省科技厅") == [("省工业和信息化厅", ""), ("省科技厅", "")]


def test_find_clause_ignores_asides_without_a_responsibility_verb():
    assert find_clause("建设综合货运枢纽（物流园区）。") is None
    text = "建设综合货运枢纽（物流园区）。（长春市政府、省交通运输厅负责）"
    start, end = find_clause(text)
    assert text[start:end] == "（长春市政府、省交通运输厅负责）"


def test_task_is_the_innermost_heading_and_points_belong_to_it(lexicon):
    text = "\n".join([
        "一、总体要求",
        "二、主要任务",
        "（一）构建城市群体系。",
        "1发挥长春市的核心带动作用。",
        "———打造长春大都市区。强化功能。（长春市政府负责实施，省交通运输厅按职责分工分别负责）",
        "———加快长春新区建设。发挥优势。（长春市政府、省长吉图办负责）",
        "2建设重要节点城镇。",
        "一是加快卫星镇建设。内容；二是强化节点城市。内容。（吉林市、松原市政府分别负责）",
    ])
    units = parse_structure(text)
    tasks, assignments = parse_responsibility(text, units, lexicon)
    assert tasks["heading_path"].tolist() == ["二 > （一） > 1 > ———1", "二 > （一） > 1 > ———2", "二 > （一） > 2"]
    assert tasks["title"].tolist() == ["打造长春大都市区", "加快长春新区建设", "建设重要节点城镇"]
    assert tasks["text"].tolist()[2] == "一是加快卫星镇建设。内容；二是强化节点城市。内容。"
    assert tasks["clause"].tolist()[2] == "（吉林市、松原市政府分别负责）"
    assert assignments[assignments["task_id"] == 3][["agency", "role"]].values.tolist() == [
        ["吉林市政府", "lead"], ["松原市政府", "lead"]]
    described = assignments.drop_duplicates("agency").set_index("agency")
    assert described.loc["省长吉图办", "agency_type"] == "provincial_department"
    assert described.loc["长春市政府", "agency_type"] == "prefecture_government"
    assert described.loc["长春市政府", "agency_en"] == "Changchun Municipal Government"


def test_agency_outside_the_lexicon_is_typed_by_its_form(lexicon):
    # 省大数据局 is in no lexicon: the 省 prefix and the 局 suffix make it a provincial department
    text = "（一）甲。\n1乙。\n内容。（省大数据局负责实施，省财政厅按职责分工负责）"
    units = parse_structure(text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, assignments = parse_responsibility(text, units, lexicon)
    row = assignments.iloc[0]
    assert (row["agency"], row["role"], row["agency_type"], row["agency_level"], row["type_source"]) == (
        "省大数据局", "lead", "provincial_department", "provincial", "rule")
    assert assignments.iloc[1]["type_source"] == "lexicon"


def test_agency_no_rule_can_type_yields_its_row_and_a_warning(lexicon):
    # an enterprise: no level prefix, no government suffix
    text = "（一）甲。\n1乙。\n内容。（东北亚博览会组委会负责实施，省财政厅按职责分工负责）"
    units = parse_structure(text)
    with pytest.warns(UnknownAgencyWarning, match="东北亚博览会组委会"):
        _, assignments = parse_responsibility(text, units, lexicon)
    row = assignments.iloc[0]
    assert (row["agency"], row["role"], row["agency_type"], row["agency_en"], row["type_source"]) == (
        "东北亚博览会组委会", "lead", "other", "", "unknown")


# Counted by hand from the 46 clauses of the seed (see the closing paragraph of each task).
# Lead counts: the six prefecture units appear together in 30 clauses; 长春市 misses only the
# clause of 二（一）3 and the clause of 二（三）2; 公主岭市政府 appears after 及 three times.
SEED_LEADS = {
    "长春市政府": 44, "吉林市政府": 39, "四平市政府": 38, "延边州政府": 35, "松原市政府": 34,
    "辽源市政府": 33, "公主岭市政府": 3, "省交通运输厅": 1, "省长吉图办": 1,
}
SEED_SUPPORTS = {
    "省发展改革委": 12, "省住房城乡建设厅": 10, "省交通运输厅": 9, "省工业和信息化厅": 9, "省水利厅": 7,
    "省环保厅": 6, "省经合局": 6, "省商务厅": 6, "省长吉图办": 5, "省国土资源厅": 5, "省农委": 5,
    "省林业厅": 4, "省文化厅": 4, "省旅游局": 3, "省科技厅": 3, "省畜牧局": 3, "省卫生计生委": 3,
    "省能源局": 2, "省博览局": 2, "省民政厅": 2, "省教育厅": 2, "省人力资源社会保障厅": 2,
    "省新闻出版广电局": 1, "省财政厅": 1, "省金融办": 1, "人民银行长春中心支行": 1, "吉林银监局": 1,
    "吉林证监局": 1, "吉林保监局": 1,
}


def test_seed_has_46_tasks_all_in_part_two(seed_plan):
    tasks = seed_plan.tasks
    assert len(tasks) == 46
    assert tasks["task_id"].tolist() == list(range(1, 47))
    assert all(path.startswith("二 > ") for path in tasks["heading_path"])
    chapters = tasks["heading_path"].str.split(" > ").str[1].value_counts().to_dict()
    # （一）: three bullets + items 2, 3, 4; then every item of （二）…（六）
    assert chapters == {"（一）": 6, "（二）": 8, "（三）": 12, "（四）": 6, "（五）": 7, "（六）": 7}


def test_seed_lead_and_support_counts(seed_plan):
    a = seed_plan.assignments
    leads = a[a["role"] == "lead"]["agency"].value_counts().to_dict()
    supports = a[a["role"] == "support"]["agency"].value_counts().to_dict()
    assert leads == SEED_LEADS
    assert supports == SEED_SUPPORTS
    assert not a.duplicated(["task_id", "agency", "role"]).any()


def test_seed_agencies_are_all_in_the_lexicon(seed_plan):
    a = seed_plan.assignments
    assert (a["agency_en"] != "").all()
    other = sorted(a.loc[a["agency_type"] == "other", "agency"].unique())
    assert other == sorted(["人民银行长春中心支行", "吉林银监局", "吉林证监局", "吉林保监局"])
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnknownAgencyWarning)
        parse_responsibility(seed_plan.text, seed_plan.units, seed_plan.lexicon)


def test_seed_task_with_joined_clause_line(seed_plan):
    # 二（二）8 ends "信息共享平台。" on a short line and opens its clause on the next one
    task = seed_plan.tasks[seed_plan.tasks["heading_path"] == "二 > （二） > 8"].iloc[0]
    assert task["title"] == "推进城市基础设施建设"
    assert task["text"].endswith("打造哈长城市群信息共享平台。")
    assert task["clause"].startswith("（长春市、吉林市、四平市、辽源市、松原市、延边州政府分别负责实施，省住房城乡建设厅")
