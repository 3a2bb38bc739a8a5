"""The clause grammar on clause forms as real documents write them.

Each clause below is quoted from a public document (the plans in tests/data/real/ and the
excerpts in tests/data/real/SOURCES.md), unless its test says it was written for the test in a
form such tables use; the expected agencies and roles are read from it by hand. Where a form was
seen only in one bracket style, the test says which bracket it swaps in.
"""

from __future__ import annotations

import warnings

import pytest

from harchang_analysis.clauses import deadline_date, find_deadline, read_clause, split_agencies, states_convention
from harchang_analysis.responsibility import find_clauses, parse_responsibility
from harchang_analysis.structure import parse_structure


def roles(clause: str, **kw) -> list[tuple[str, str, str]]:
    return [(p.agency, p.role, p.role_basis) for p in read_clause(clause, **kw).parties]


def test_several_groups_no_group_dropped():
    # 国发〔2018〕39号 （四）, under its convention 列第一位者为牵头单位
    got = roles("（人力资源社会保障部、科技部、财政部、住房城乡建设部、市场监管总局，各省级人民政府按职责分工负责）",
                convention=True)
    assert got == [("人力资源社会保障部", "lead", "convention")] + [
        (a, "support", "convention") for a in ("科技部", "财政部", "住房城乡建设部", "市场监管总局", "各省级人民政府")]


def test_labelled_groups_with_a_trailing_collective_group():
    # a city's implementation opinions: the last group, with no label, continues 配合单位
    got = roles("（牵头单位：市发展改革委，配合单位：市财政局、市商务局，各区、县级市）")
    assert got == [("市发展改革委", "lead", "stated"), ("市财政局", "support", "stated"),
                   ("市商务局", "support", "stated"), ("各区", "support", "stated"), ("县级市", "support", "stated")]


def test_sentence_inside_the_clause_states_the_convention():
    # 国发〔2018〕42号 （三）: the convention is a second sentence inside the first clause
    reading = read_clause("（工业和信息化部、发展改革委、科技部、农业农村部等负责。列第一位者为牵头单位，下同）")
    assert (reading.convention, reading.onward) == (True, True)
    assert [(p.agency, p.role, p.qualifier) for p in reading.parties] == [
        ("工业和信息化部", "lead", ""), ("发展改革委", "support", ""), ("科技部", "support", ""),
        ("农业农村部", "support", "等")]


@pytest.mark.parametrize("clause", [
    "（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）",  # 国发〔2019〕3号 1
    "（税务总局、财政部、海关总署负责。列第一位者为牵头单位，下同）",        # 国发〔2018〕39号's wording
    "（税务总局、财政部、海关总署负责，排在首位的为牵头单位，下同）",
])
def test_convention_wordings(clause):
    assert roles(clause) == [("税务总局", "lead", "convention"), ("财政部", "support", "convention"),
                             ("海关总署", "support", "convention")]


def test_convention_holds_for_later_clauses_and_is_recorded(lexicon):
    # 国发〔2019〕3号 items 1–2: only the first clause states the convention (下同)
    text = "\n".join([
        "四、主要任务",
        "1.拓展两个市场。推动综合保税区内企业开展内销。（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）",
        "2.提前适用政策。在综合保税区建设期间提前适用政策。（海关总署、财政部、税务总局负责）",
    ])
    _, assignments = parse_responsibility(text, parse_structure(text), lexicon)
    second = assignments[assignments["task_id"] == 2]
    assert second[["agency", "role", "role_basis"]].values.tolist() == [
        ["海关总署", "lead", "convention"], ["财政部", "support", "convention"], ["税务总局", "support", "convention"]]


def test_convention_stated_in_the_notice_holds_everywhere(lexicon):
    # 杭州市人民政府办公厅 2020: the notice says 列第一位的责任单位为牵头单位或汇总单位 before the list
    text = "\n".join([
        "二、责任分解中，列第一位的责任单位为牵头单位或汇总单位。",
        "三、重点工作",
        "1.推进数字经济。建设城市大脑。（市数据资源局、市经信局）",
    ])
    _, assignments = parse_responsibility(text, parse_structure(text), lexicon)
    assert assignments[["agency", "role", "role_basis"]].values.tolist() == [
        ["市数据资源局", "lead", "convention"], ["市经信局", "support", "convention"]]


def test_without_a_convention_every_named_agency_is_responsible():
    # 国办发〔2018〕121号 （十四）: no convention in this document
    assert roles("（发展改革委、工业和信息化部、体育总局负责）") == [
        ("发展改革委", "lead", "default"), ("工业和信息化部", "lead", "default"), ("体育总局", "lead", "default")]


@pytest.mark.parametrize("names, expected", [
    ("农业农村部、工业和信息化部等", [("农业农村部", ""), ("工业和信息化部", "等")]),                    # 国发〔2018〕42号
    ("海关总署、商务部等有关部门", [("海关总署", ""), ("商务部", "等有关部门")]),                        # 国发〔2019〕3号
    ("人力资源社会保障部等有关部门和单位", [("人力资源社会保障部", "等有关部门和单位")]),                 # 国发〔2018〕39号
    ("教育部会同有关部门", [("教育部", "会同有关部门")]),                                               # 国办发〔2018〕117号
    ("农业农村部、财政部、商务部等和各有关省级人民政府",                                                # 国办发〔2018〕129号
     [("农业农村部", ""), ("财政部", ""), ("商务部", "等"), ("各有关省级人民政府", "")]),
])
def test_qualifiers_are_kept_off_names(names, expected):
    assert split_agencies(names) == expected


def test_several_clauses_in_one_task_are_all_read(lexicon):
    # 国办发〔2018〕121号 （十）: three clauses, each after the sentences it covers
    text = "\n".join([
        "三、主要任务",
        "（一）鼓励创新创业。完善市场准入。（市场监管总局负责）推动体育院校开设专业。（体育总局、教育部负责）"
        "推进体育与科技融合。（体育总局、网信办、科技部、工业和信息化部负责）",
    ])
    tasks, assignments = parse_responsibility(text, parse_structure(text), lexicon)
    assert len(tasks) == 1
    assert tasks["clause"].iloc[0].split("\n") == [
        "（市场监管总局负责）", "（体育总局、教育部负责）", "（体育总局、网信办、科技部、工业和信息化部负责）"]
    assert assignments["agency"].tolist() == ["市场监管总局", "体育总局", "教育部", "网信办", "科技部", "工业和信息化部"]
    assert "（" not in tasks["text"].iloc[0] and "推进体育与科技融合" in tasks["text"].iloc[0]


def test_collective_parties_are_parties_of_their_own(lexicon):
    # 咸阳市 2022 放管服 要点 1: 市级各有关部门及各县市区政府 are two collective parties
    text = "一、主要任务\n1.全面实施行政许可事项清单管理。编制并公布清单。（市政府办公室、市行政审批制度改革工作领导小组办公室牵头，" \
           "市级各有关部门及各县市区政府按职责分工负责）"
    _, assignments = parse_responsibility(text, parse_structure(text), lexicon)
    rows = assignments[["agency", "role", "agency_type"]].values.tolist()
    assert rows == [["市政府办公室", "lead", "municipal_department"],
                    ["市行政审批制度改革工作领导小组办公室", "lead", "municipal_department"],
                    ["市级各有关部门", "support", "collective"], ["各县市区政府", "support", "collective"]]


def test_label_lines_without_brackets(lexicon):
    # 鞍山市立山区 2023 分工方案: 牵头单位 and 责任单位 on lines of their own under each item
    text = "\n".join([
        "一、经济社会发展的主要预期目标",
        "1.努力实现地区生产总值增长6.2%左右。",
        "牵头单位:区发改局",
        "责任单位:立山经济开发区,全区经济运行各专班",
        "2.规模上工业增加值增长5%左右。",
        "牵头单位:区工信局",
        "责任单位:立山经济开发区",
    ])
    # a development zone is typed as one and 全区经济运行各专班 (the task forces) is a collective party, so
    # no agency is left untyped
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tasks, assignments = parse_responsibility(text, parse_structure(text), lexicon)
    assert assignments["agency_type"].tolist() == ["county_department", "zone_administration", "collective",
                                                   "county_department", "zone_administration"]
    assert tasks["title"].tolist() == ["努力实现地区生产总值增长6.2%左右", "规模上工业增加值增长5%左右"]
    assert assignments[["task_id", "agency", "role"]].values.tolist() == [
        [1, "区发改局", "lead"], [1, "立山经济开发区", "support"], [1, "全区经济运行各专班", "support"],
        [2, "区工信局", "lead"], [2, "立山经济开发区", "support"]]


def test_label_sentence_at_the_end_of_a_paragraph():
    # 莆田市 “双招双引” 十条: 责任单位 follows the measure's last sentence, no brackets
    text = "1.对来莆田创新创业的团队，最高给予5000万元资助。责任单位：市委组织部、市科技局。"
    (start, end), = find_clauses(text)
    assert roles(text[start:end]) == [("市委组织部", "lead", "default"), ("市科技局", "lead", "default")]


@pytest.mark.parametrize("clause", [
    "〔工业和信息化部、公安部、应急管理部按职责分工负责〕",  # the 应急通信 opinions' clause, in 〔〕
    "【工业和信息化部、公安部、应急管理部按职责分工负责】",  # the same, in 【】
    "（工业和信息化部、公安部、应急管理部按职责分工负责）",
])
def test_other_brackets(clause):
    assert [p.agency for p in read_clause(clause).parties] == ["工业和信息化部", "公安部", "应急管理部"]
    assert find_clauses("推进技术研发应用。" + clause) == [(9, 9 + len(clause))]


def test_bare_list_of_agencies_is_a_clause():
    # the 应急通信 opinions' （二）: agencies listed with no verb
    text = "研发推广新型应急通信装备。（工信部、公安部、应急管理部、国家消防救援局）"
    (start, end), = find_clauses(text)
    assert [p.agency for p in read_clause(text[start:end]).parties] == ["工信部", "公安部", "应急管理部", "国家消防救援局"]


@pytest.mark.parametrize("clause, expected", [
    ("（省教育厅指导，各市（州）政府负责）", [("省教育厅", "support"), ("各市（州）政府", "lead")]),
    ("（省生态环境厅督促，各市（州）政府负责落实）", [("省生态环境厅", "support"), ("各市（州）政府", "lead")]),
    ("（省发展改革委统筹，省直有关部门按职责分工负责）", [("省发展改革委", "lead"), ("省直有关部门", "support")]),
    ("（省交通运输厅组织实施，省财政厅配合）", [("省交通运输厅", "lead"), ("省财政厅", "support")]),
    ("（国家发展改革委会同财政部负责）", [("国家发展改革委", "lead"), ("财政部", "support")]),
])
def test_other_verbs_of_responsibility(clause, expected):
    assert [(p.agency, p.role) for p in read_clause(clause).parties] == expected


def test_deadlines_from_the_clause_and_from_the_text():
    assert read_clause("【牵头单位：省财政厅；配合单位：省教育厅；完成时限：2024年6月底前】").deadline == "2024年6月底前"
    assert read_clause("（省财政厅负责，长期坚持）").deadline == "长期坚持"
    assert find_deadline("2019年底前出台实施细则，2020年全面推开。") == "2019年底前"
    assert find_deadline("到2020年，基本形成城市群。") == ""  # a target year, not a deadline
    assert deadline_date("2019年底前") == (2019, 12)


@pytest.mark.parametrize("clause, deadline, date", [
    # written for the test, in the forms task lists give deadlines: a quarter is its last month …
    ("（市发改委负责，2023年三季度完成）", "2023年三季度完成", (2023, 9)),
    ("（牵头单位：市发改委；完成时限：2024年第一季度末前）", "2024年第一季度末前", (2024, 3)),
    # … and a span of years its last year, or its last month where it names one
    ("（牵头单位：市发改委；完成时限：2023—2025年）", "2023—2025年", (2025, 12)),
    ("（牵头单位：市发改委；完成时限：2023年至2025年6月）", "2023年至2025年6月", (2025, 6)),
])
def test_deadlines_by_quarter_and_over_years(clause, deadline, date):
    reading = read_clause(clause)
    assert (reading.deadline, deadline_date(reading.deadline), reading.unread) == (deadline, date, [])


def test_a_clause_that_cannot_be_read_is_named(lexicon):
    text = "一、任务\n1.加强协调。各地要建立机制。（各有关部门要加强配合）"
    with pytest.warns(UserWarning, match=r"1 task\(s\) with a clause not read in full: 一 > 1 加强协调"):
        parse_responsibility(text, parse_structure(text), lexicon)


def test_an_aside_is_not_a_clause(lexicon):
    text = "一、任务\n1.建设枢纽。建设综合货运枢纽（物流园区）。"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tasks, _ = parse_responsibility(text, parse_structure(text), lexicon)
    assert tasks.empty


def test_a_level_written_once_belongs_to_every_department_of_the_list():
    # 数字广东建设2025年工作要点 task 14: 省 before the first name only
    got = roles("（省工业和信息化厅牵头，省委宣传部、文化和旅游厅、广电局、体育局按职责分工负责）")
    assert got == [("省工业和信息化厅", "lead", "stated")] + [
        (a, "support", "default") for a in ("省委宣传部", "省文化和旅游厅", "省广电局", "省体育局")]


def test_names_with_a_place_of_their_own_keep_it():
    # the seed's clause of 二（五）5 and 数字广东 task 20: branches of central agencies named by their province
    assert [p.agency for p in read_clause("（省财政厅、省金融办、人民银行长春中心支行、吉林银监局负责）").parties] == [
        "省财政厅", "省金融办", "人民银行长春中心支行", "吉林银监局"]
    assert roles("（人民银行广东省分行牵头，省委金融办，广东金融监管局、中国证监会广东监管局按职责分工负责）") == [
        ("人民银行广东省分行", "lead", "stated"), ("省委金融办", "support", "default"),
        ("广东金融监管局", "support", "default"), ("中国证监会广东监管局", "support", "default")]


def test_local_implementation_ranks_below_division_of_duties():
    # 数字广东 task 1: the departments are responsible, the cities carry it out locally
    assert roles("（省科技厅、工业和信息化厅按职责分工负责，各地级以上市人民政府结合实际落实）") == [
        ("省科技厅", "lead", "default"), ("省工业和信息化厅", "lead", "default"),
        ("各地级以上市人民政府", "support", "default")]


def test_groups_separated_by_commas_all_share_the_verb():
    # 数字广东 task 58
    assert [p.agency for p in read_clause(
        "（省委网信办，省保密局、密码管理局，省公安厅、政务和数据局，省通信管理局按职责分工负责）").parties] == [
        "省委网信办", "省保密局", "省密码管理局", "省公安厅", "省政务和数据局", "省通信管理局"]


def test_a_remark_after_the_clause_names_no_one():
    # 四川省“十四五”现代流通体系建设实施方案 （一）: 〔〕 brackets, a label before a verb, and a remark whose
    # 下同 is no lead-first convention
    reading = read_clause("〔责任单位:省发展改革委、省市场监管局、商务厅、省大数据中心按职责分工负责。"
                          "具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕")
    assert [(p.agency, p.role, p.role_basis) for p in reading.parties] == [
        (a, "lead", "default") for a in ("省发展改革委", "省市场监管局", "省商务厅", "省大数据中心")]
    assert (reading.convention, reading.onward) == (False, False)
    assert reading.remarks == ["具体任务均涉及相关市(州)人民政府,不再做分工,下同"]



def test_a_note_on_the_clauses_that_follow_is_a_remark():
    # 淮安市 关于进一步帮助市场主体纾困解难着力稳定经济增长的具体实施细则 (2022), measure 1: the note ends in 落实,
    # a verb, but says who carries out the later measures, not who is responsible for this one
    reading = read_clause("(责任单位:市工信局、市财政局等有关部门,各县区人民政府、园区管委会。以下政策措施均需各县区人民政府、"
                          "园区管委会落实,不再单独列出)")
    assert [(p.agency, p.role, p.qualifier) for p in reading.parties] == [
        ("市工信局", "lead", ""), ("市财政局", "lead", "等有关部门"), ("各县区人民政府", "lead", ""),
        ("园区管委会", "lead", "")]
    assert reading.remarks == ["以下政策措施均需各县区人民政府、园区管委会落实,不再单独列出"]
    assert reading.unread == []

def test_bare_implementation_by_localities_supports_the_departments_responsible():
    # written for the test: 落实 alone, by the localities, after the departments 按职责分工负责; as with
    # 结合实际落实 (数字广东 2025), the departments lead and the localities carry it out
    assert roles("（市人社局、市财政局按职责分工负责，各区县政府落实）") == [
        ("市人社局", "lead", "default"), ("市财政局", "lead", "default"), ("各区县政府", "support", "default")]
    # 负责落实 is still 负责, and one party alone leads whatever its verb
    assert roles("（省发展改革委负责落实）") == [("省发展改革委", "lead", "default")]
    assert roles("（省发展改革委落实）") == [("省发展改革委", "lead", "default")]
    assert roles("（各市县政府负责，省直各部门抓好落实）") == [
        ("各市县政府", "lead", "default"), ("省直各部门", "support", "default")]


def test_a_role_marked_after_a_name():
    # written for the test: task tables mark the lead inside a 责任单位 list, 市营商环境局（牵头）
    assert roles("责任单位：市营商环境局（牵头）、市市场监管局") == [
        ("市营商环境局", "lead", "stated"), ("市市场监管局", "support", "default")]
    assert roles("（市财政局（配合）、市发展改革委负责）") == [
        ("市财政局", "support", "stated"), ("市发展改革委", "lead", "default")]
    # an alias in brackets is part of the name, not a role
    assert roles("（省市场监管局（省知识产权局）负责）") == [("省市场监管局（省知识产权局）", "lead", "default")]


def test_labels_in_square_brackets():
    # written for the test: 【牵头单位】X【配合单位】Y, a label set in 【】 instead of before a colon
    assert roles("【牵头单位】市生态环境局【配合单位】市工信局、市住建局") == [
        ("市生态环境局", "lead", "stated"), ("市工信局", "support", "stated"), ("市住建局", "support", "stated")]
    text = "推进大气污染防治。【牵头单位】市生态环境局【配合单位】市工信局"
    assert [text[s:e] for s, e in find_clauses(text)] == ["【牵头单位】市生态环境局【配合单位】市工信局"]
    # a bracketed aside that is no label stays what it was
    assert find_clauses("推进大气污染防治。【重点】加强监测。") == []


def test_lead_and_joint_responsibility_labels_with_a_leader_named_first():
    # 滁州市2020年市政府重点工作及责任分解, task 1: a leader, then 牵头责任单位 and 协同责任单位, each
    # on a paragraph of its own; 各县、市、区政府 is one party, the governments of every county, city
    # and district, not 各县政府, 市政府 and 区政府
    clause = ("牵头负责领导:金力。\n牵头责任单位:市发展改革委。\n协同责任单位:市经信局、市商务局、市交通局、"
              "市农业农村局、滁州经开区管委会、中新苏滁高新区管委会等,各县、市、区政府。")
    reading = read_clause(clause)
    assert [(p.agency, p.role, p.qualifier) for p in reading.parties] == [
        ("市发展改革委", "lead", ""), ("市经信局", "support", ""), ("市商务局", "support", ""),
        ("市交通局", "support", ""), ("市农业农村局", "support", ""), ("滁州经开区管委会", "support", ""),
        ("中新苏滁高新区管委会", "support", "等"), ("各县、市、区政府", "support", "")]
    assert not reading.unread


def test_a_list_of_levels_is_one_party():
    assert split_agencies("各县、市、区政府") == [("各县、市、区政府", "")]
    assert split_agencies("各区、县级市") == [("各区", ""), ("县级市", "")]   # 县级市 is a party of its own
    assert split_agencies("长春市、吉林市政府") == [("长春市政府", ""), ("吉林市政府", "")]


def test_a_division_of_work_label_with_verbs_and_a_leader_before_it():
    # 2021年省《政府工作报告》重点任务分工方案 (粤府〔2021〕22号), target 1: 分管省领导 names a person,
    # 部门分工 holds verbs, which give the roles
    reading = read_clause("分管省领导:林克庆\n部门分工:省发展改革委牵头,各地、各部门配合。")
    assert [(p.agency, p.role, p.role_basis) for p in reading.parties] == [
        ("省发展改革委", "lead", "stated"), ("各地", "support", "stated"), ("各部门", "support", "stated")]
    assert not reading.unread


def test_items_numbered_with_a_small_full_stop():
    # 安徽省 重点工作及责任分解 (a copy of the notice): 1﹒全省生产总值增长7%以上 (U+FE52, not ． or .)
    text = ("一、确保完成全年主要预期目标\n1﹒全省生产总值增长7%以上,在实际工作中力争更好结果。\n牵头负责领导:刘惠。\n"
            "牵头责任单位:省发展改革委。\n协同责任单位:省政府各部门、各直属机构。\n"
            "2﹒固定资产投资力争增长10%以上,在实际工作中奋力完成得更快一些。\n牵头责任单位:省发展改革委。\n")
    units = parse_structure(text)
    assert units.loc[units["kind"] == "num_dot", "number"].tolist() == [1, 2]


@pytest.mark.parametrize("clause", [
    "牵头单位：市发改委 配合单位：市财政局、市商务局",      # a table cell or PDF line: labels apart by spaces
    "（牵头单位：市发改委  配合单位：市财政局、市商务局）",
    "牵头单位：市发改委配合单位：市财政局、市商务局",        # or by nothing at all
])
def test_labels_not_set_apart_by_punctuation(clause):
    # written for the test: the labels of a task table's cells, run together when the table is read as text
    assert roles(clause) == [("市发改委", "lead", "stated"), ("市财政局", "support", "stated"),
                             ("市商务局", "support", "stated")]


def test_a_bracket_that_closes_a_list_says_how_to_read_it():
    # written for the test: a verb, a convention or the lead by name, in brackets after the list
    assert roles("责任单位：市发改委、市财政局（按职责分工负责）") == [
        ("市发改委", "lead", "default"), ("市财政局", "lead", "default")]
    assert roles("责任单位：市发改委、市财政局（第一个为牵头单位）") == [
        ("市发改委", "lead", "convention"), ("市财政局", "support", "convention")]
    assert roles("责任单位：市财政局、市发改委（市发改委为牵头单位）") == [
        ("市财政局", "support", "default"), ("市发改委", "lead", "stated")]
    # a bracket that names no role stays part of the name (an alias), and a lead's own mark stays its own
    assert roles("（省市场监管局（省知识产权局）负责）") == [("省市场监管局（省知识产权局）", "lead", "default")]
    assert roles("责任单位：市市场监管局、市营商环境局（牵头）") == [
        ("市市场监管局", "support", "default"), ("市营商环境局", "lead", "stated")]


def test_short_labels_and_verbs_of_overall_responsibility():
    # written for the test: forms of task tables and work plans, one per line
    assert roles("牵头：市发改委；配合：市财政局、市商务局") == [
        ("市发改委", "lead", "stated"), ("市财政局", "support", "stated"), ("市商务局", "support", "stated")]
    # 负总责 and 主责 name the lead (a 负总责 before 按职责分工负责 no longer reads as part of a name)
    assert roles("（市政府办公室负总责，市直各部门按职责分工负责）") == [
        ("市政府办公室", "lead", "stated"), ("市直各部门", "support", "default")]
    assert roles("（市发改委主责，市财政局配合）") == [("市发改委", "lead", "stated"), ("市财政局", "support", "stated")]
    # X为牵头单位 / 为配合单位 / 为责任单位
    assert roles("（市发改委为牵头单位，市财政局为配合单位）") == [
        ("市发改委", "lead", "stated"), ("市财政局", "support", "stated")]
    assert roles("（市发改委为责任单位）") == [("市发改委", "lead", "default")]


def test_a_clause_that_closes_a_heading_line(lexicon):
    # written for the test: headings that carry their own clause, with and without a full stop after it
    text = "\n".join(["一、重点任务", "（一）加快5G建设（市通信管理局牵头，市工信局配合）", "推进5G基站建设。",
                      "（二）完善算力设施。建设数据中心。（市发改委负责）", "1.建设城市算力中心（市数据局负责）。",
                      "2.推进智算中心建设。（市数据局牵头，市财政局配合）"])
    tasks, assignments = parse_responsibility(text, parse_structure(text), lexicon)
    assert tasks["title"].tolist() == ["加快5G建设", "完善算力设施", "建设城市算力中心", "推进智算中心建设"]
    assert assignments.loc[assignments["task_id"] == 3, ["agency", "role"]].values.tolist() == [["市数据局", "lead"]]


def test_names_set_apart_by_spaces_or_run_together():
    # written for the test: a table cell or PDF line lists names with spaces, which the reader's
    # normalizing removes between Chinese characters, so they reach the grammar run together
    expected = [("市发改委", "lead", "default"), ("市财政局", "lead", "default"), ("市商务局", "lead", "default")]
    assert roles("责任单位：市发改委 市财政局 市商务局") == expected
    assert roles("责任单位：市发改委市财政局市商务局") == expected
    assert split_agencies("区委区政府") == [("区委", ""), ("区政府", "")]
    # names that hold a level or a body word inside stay whole
    assert [n for n, _ in split_agencies("市委宣传部、市人力资源和社会保障局、市政府办公室、省市场监管局")] == [
        "市委宣传部", "市人力资源和社会保障局", "市政府办公室", "省市场监管局"]


def test_a_remark_before_the_first_label_and_a_note_after_the_list():
    # 荆门市 14th five-year outline, task division (2021), target 1: the kind of target opens the clause and a
    # note on the counties closes it; neither is an agency (the copy read breaks off at 不再逐; 一列出 is
    # added for the test)
    assert roles("（预期性指标，牵头单位：市发改委；责任单位：市政府有关部门，各县市区，以下均需各县市区落实，不再逐一列出）") == [
        ("市发改委", "lead", "stated"), ("市政府有关部门", "support", "default"), ("各县市区", "support", "default")]


def test_the_first_named_leads_when_the_notice_says_so_in_other_words(lexicon):
    # 沙市区 2019 (沙政办发〔2019〕2号): 由责任部门中排序第一的单位牵头，其他部门配合, stated in the notice;
    # the items are written for the test in the document's form
    assert states_convention("工作任务涉及到多个部门的，原则上由责任部门中排序第一的单位牵头，其他部门配合。")
    assert not states_convention("由区发改局牵头，区统计局配合。")
    text = "\n".join(["二、明确工作责任。工作任务涉及到多个部门的，原则上由责任部门中排序第一的单位牵头，其他部门配合。",
                      "三、主要目标", "1.地区生产总值增长8%。责任单位：区发改局、区统计局"])
    _, assignments = parse_responsibility(text, parse_structure(text), lexicon)
    assert assignments[["agency", "role", "role_basis"]].values.tolist() == [
        ["区发改局", "lead", "convention"], ["区统计局", "support", "convention"]]


# 黑龙江省促进经济稳增长的若干措施, measures 1 and 3 (read from a copy in traditional script): a 政府 written
# once after places named bare, a collective 相关 before a list of levels, and a railway bureau named after its city
@pytest.mark.parametrize("names, expected", [
    ("哈尔滨机场扩建指挥部、哈尔滨、黑河、绥芬河市政府、省农垦总局",
     ["哈尔滨机场扩建指挥部", "哈尔滨市政府", "黑河市政府", "绥芬河市政府", "省农垦总局"]),
    ("省发改委、铁路办、哈尔滨铁路局、相关市、县政府", ["省发改委", "省铁路办", "哈尔滨铁路局", "相关市、县政府"]),
    # a name before the list of places keeps its own, and so does a zone (it has a committee, not a government)
    ("长春市、省发改委、吉林市政府", ["长春市", "省发改委", "吉林市政府"]),
    ("长春新区、吉林市政府", ["长春新区", "吉林市政府"]),
    # a name that is no place is not given the level (海关 is no 海关市)
    ("海关、长春市政府", ["海关", "长春市政府"]),
])
def test_a_government_written_once_belongs_to_each_place(names, expected):
    assert [name for name, _ in split_agencies(names)] == expected


def test_a_collective_party_of_several_levels_is_one_party(lexicon):
    text = "\n".join([
        "一、推进重大基础设施建设",
        "2.加快国省干道和农村公路建设。新改扩建国省干道5478公里。（省发改委、交通运输厅、相关市、县政府负责）",
    ])
    _, assignments = parse_responsibility(text, parse_structure(text), lexicon)
    assert assignments[["agency", "role", "agency_type"]].values.tolist() == [
        ["省发改委", "lead", "provincial_department"], ["省交通运输厅", "lead", "provincial_department"],
        ["相关市、县政府", "lead", "collective"]]


def test_a_lead_that_oversees_and_a_collective_with_its_committee(lexicon):
    # 潮州市打赢蓝天保卫战实施方案(2019-2020年), tasks 1 and 2: 牵头督导 leads; 各县、区人民政府(管委会) is one
    # party, the committees in brackets included; the note after the first clause names no one
    text = "\n".join([
        "二、工作任务",
        "1.制定实施准入清单。完成环境准入清单编制工作。〔市生态环境局牵头,市发展和改革局、工业和信息化局、自然资源局参与,"
        "各县、区人民政府(管委会)负责落实。以下各项工作均需各县、区人民政府(管委会)落实,不再列出。〕",
        "2.排查整治“散乱污”工业企业(场所)。2019年9月底前,基本完成全市整治任务。(市生态环境局、发展和改革局、"
        "工业和信息化局牵头督导,市公安局、自然资源局参与)",
    ])
    _, assignments = parse_responsibility(text, parse_structure(text), lexicon)
    assert assignments[["task_id", "agency", "role"]].values.tolist() == [
        [1, "市生态环境局", "lead"], [1, "市发展和改革局", "support"], [1, "市工业和信息化局", "support"],
        [1, "市自然资源局", "support"], [1, "各县、区人民政府(管委会)", "support"],
        [2, "市生态环境局", "lead"], [2, "市发展和改革局", "lead"], [2, "市工业和信息化局", "lead"],
        [2, "市公安局", "support"], [2, "市自然资源局", "support"]]
