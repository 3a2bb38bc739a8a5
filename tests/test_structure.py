"""Heading grammar: levels, numbering, and lines that only look like headings."""

from __future__ import annotations

import pandas as pd
import pytest

from harchang_analysis.structure import parse_structure


def kinds(text: str) -> list[tuple[int, str, str]]:
    units = parse_structure(text)
    return list(zip(units["depth"], units["kind"], units["title"]))


def test_seed_style_levels():
    text = "\n".join([
        "一、总体要求",
        "到2020年，基本形成格局。",
        "二、主要任务",
        "（一）构建城市群体系。",
        "1发挥长春市的核心带动作用。",
        "———打造长春大都市区。强化枢纽功能。",
        "———加快长春新区建设。发挥优势。",
        "2加快长吉一体化进程。",
        "依托长吉图开发开放战略。",
        "（二）推进重大基础设施互联互通。",
    ])
    assert kinds(text) == [
        (1, "zh_comma", "总体要求"),
        (2, "paragraph", ""),
        (1, "zh_comma", "主要任务"),
        (2, "zh_paren", "构建城市群体系"),
        (3, "num_dot", "发挥长春市的核心带动作用"),
        (4, "dash", "打造长春大都市区"),
        (4, "dash", "加快长春新区建设"),
        (3, "num_dot", "加快长吉一体化进程"),
        (4, "paragraph", ""),
        (2, "zh_paren", "推进重大基础设施互联互通"),
    ]


def test_parent_ids_and_spans():
    text = "一、甲\n（一）乙。\n正文一。\n（二）丙。\n正文二。"
    units = parse_structure(text)
    assert pd.isna(units["parent_id"].iloc[0])  # the part is at the top
    assert units["parent_id"].tolist()[1:3] == [1, 2]
    part = units.iloc[0]
    assert (part["start"], part["end"]) == (0, len(text))  # a part spans all its descendants
    chapter_two = units.iloc[3]
    assert text[chapter_two["start"]:chapter_two["end"]] == "（二）丙。\n正文二。"
    assert chapter_two["text"] == "正文二。"


def test_points_split_a_paragraph():
    text = "（一）建立工作机制。\n为推动协调发展，建立两个层面的工作机制。一是省际间的工作协调。在两省间建立机制；二是省内协调沟通。省发展改革委负责。"
    units = parse_structure(text)
    rows = list(zip(units["depth"], units["kind"], units["marker"], units["title"]))
    assert rows == [
        (1, "zh_paren", "（一）", "建立工作机制"),
        (2, "paragraph", "", ""),
        (2, "point", "一是", "省际间的工作协调"),
        (2, "point", "二是", "省内协调沟通"),
    ]
    assert units.iloc[1]["text"] == "为推动协调发展，建立两个层面的工作机制。"


def test_lone_yishi_is_not_a_point():
    # "一是" alone, with no 二是 after it, is ordinary text
    units = parse_structure("（一）甲。\n一是要加强领导，确保落实。")
    assert units["kind"].tolist() == ["zh_paren", "paragraph"]


def test_lines_that_look_like_headings_are_not():
    # each of these starts a paragraph in some plan; none opens a part, chapter or item
    text = "\n".join([
        "一、总体要求",
        "2020年，把长春市打造成增长极。",  # a year
        "1号线、2号线续建。",  # a line number
        "一期工程建设。",  # 一期, not 一、
        "一战略部署，深入贯彻落实。",  # 一 without 、
        "（州）政府适时组织评估。",  # （州） is not a numeral
        "5年至10年一遇。",
    ])
    assert kinds(text)[0][1] == "zh_comma"
    assert [k for _, k, _ in kinds(text)[1:]] == ["paragraph"] * 6


def test_numbering_must_be_consecutive():
    text = "（一）甲。\n1第一项。\n3不是第二项。\n2第二项。"
    units = parse_structure(text)
    assert units["kind"].tolist() == ["zh_paren", "num_dot", "paragraph", "num_dot"]
    assert units["number"].dropna().tolist() == [1, 1, 2]


def test_other_house_styles_nest_in_order_of_appearance():
    text = "\n".join([
        "第一章 总则",
        "第一节 目标",
        "（1）提高效率。",
        "①加快建设。具体措施如下。",
        "②完善制度。",
        "（2）降低成本。",
        "第二节 任务",
        "第二章 保障",
    ])
    assert kinds(text) == [
        (1, "zh_chapter", "总则"),
        (2, "zh_section", "目标"),
        (3, "num_paren", "提高效率"),
        (4, "circled", "加快建设"),
        (4, "circled", "完善制度"),
        (3, "num_paren", "降低成本"),
        (2, "zh_section", "任务"),
        (1, "zh_chapter", "保障"),
    ]



def test_markers_that_word_and_informal_house_styles_write():
    # written for the test: 一． for 一、, the one-character ㈠ and ⑴ of Word's automatic formatting, and 1） below 1.
    text = "\n".join([
        "一．总体要求",
        "㈠指导思想",
        "⑴坚持创新驱动。",
        "⑵坚持绿色发展。",
        "二．主要任务",
        "1.加快产业发展。",
        "1）建设产业园区。",
        "2）培育龙头企业。",
    ])
    assert kinds(text) == [
        (1, "zh_dot", "总体要求"), (2, "zh_paren", "指导思想"), (3, "num_paren", "坚持创新驱动"),
        (3, "num_paren", "坚持绿色发展"), (1, "zh_dot", "主要任务"), (2, "num_dot", "加快产业发展"),
        (3, "num_rparen", "建设产业园区"), (3, "num_rparen", "培育龙头企业")]


def test_every_kind_of_unit_has_a_label_in_both_languages():
    from harchang_analysis.analysis.overview import KINDS
    from harchang_analysis.markers import _PATTERNS

    assert {kind for kind, _, _ in _PATTERNS} | {"point", "paragraph"} <= set(KINDS)


@pytest.mark.parametrize("word", ["部分", "篇"])
def test_divisions_above_the_sections_restart_their_numbering(word):
    # a five-year plan's 第一部分 / 第一篇: each holds its own 一、 二、, so a second 一、 opens a new division
    text = "\n".join([f"第一{word} 总体要求", "一、指导思想", "坚持新发展理念。", f"第二{word} 重点任务",
                      "一、加快产业升级", "（一）发展先进制造业。推进智能制造。", f"第三{word} 保障措施"])
    assert kinds(text) == [
        (1, "zh_part", "总体要求"), (2, "zh_comma", "指导思想"), (3, "paragraph", ""),
        (1, "zh_part", "重点任务"), (2, "zh_comma", "加快产业升级"), (3, "zh_paren", "发展先进制造业"),
        (1, "zh_part", "保障措施"),
    ]


def test_chapters_numbered_in_digits():
    # 第1章 as some plans set it, with 一、 restarting under each chapter
    text = "\n".join(["第1章 总体要求", "一、指导思想", "坚持新发展理念。", "第2章 重点任务", "一、加快产业升级"])
    assert kinds(text) == [(1, "zh_chapter", "总体要求"), (2, "zh_comma", "指导思想"), (3, "paragraph", ""),
                           (1, "zh_chapter", "重点任务"), (2, "zh_comma", "加快产业升级")]
    assert parse_structure(text)["number"].tolist()[3] == 2


def test_explicit_item_separators():
    for sep in (".", "、", "．"):
        units = parse_structure(f"（一）甲。\n1{sep}第一项。\n2{sep}第二项。")
        assert units["kind"].tolist() == ["zh_paren", "num_dot", "num_dot"], sep
        assert units["marker"].tolist()[1] == f"1{sep}"


def test_seed_heading_counts(seed_plan):
    # counted by reading the seed: parts 一、二、三; chapters （一）–（六） under 二 and （一）–（五） under 三;
    # items 4+8+12+6+7+7 = 44; three ——— bullets under 二（一）1; points 一是/二是/三是 in 二（一）4
    # and 一是/二是 in 三（四)
    counts = seed_plan.units["kind"].value_counts().to_dict()
    assert counts["zh_comma"] == 3
    assert counts["zh_paren"] == 11
    assert counts["num_dot"] == 44
    assert counts["dash"] == 3
    assert counts["point"] == 5
    units = seed_plan.units
    headings = units[units["kind"] != "paragraph"]
    assert {k: sorted(v) for k, v in headings.groupby("kind")["depth"].unique().map(list).items()} == {
        "zh_comma": [1], "zh_paren": [2], "num_dot": [3], "dash": [4], "point": [3, 4],
    }
    part_two = units.loc[units["marker"] == "二、", "unit_id"].iloc[0]
    chapters_in_two = units[(units["kind"] == "zh_paren") & (units["parent_id"] == part_two)]
    assert chapters_in_two["title"].tolist() == [
        "构建城市群体系", "推进重大基础设施互联互通", "推动产业协调发展",
        "加强生态环境保护", "扩大对外开放", "推进基本公共服务共享",
    ]
    items_per_chapter = units[units["kind"] == "num_dot"].groupby("parent_id").size().tolist()
    assert items_per_chapter == [4, 8, 12, 6, 7, 7]


def _items(n_first: int, n_last: int) -> list[str]:
    return [f"{i}.建设项目{i}。开展工作。" for i in range(n_first, n_last + 1)]


def test_one_unreadable_item_marker_does_not_end_the_list():
    # item 11 is written 11,（a comma for the dot): it stays text, and items 12 and 13 stay items
    text = "\n".join(["一、重点项目", *_items(1, 10), "11,人才梯队项目。开展工作。", *_items(12, 13)])
    units = parse_structure(text)
    items = units[units["kind"] == "num_dot"]
    assert items["number"].tolist() == [*range(1, 11), 12, 13]
    assert units.loc[units["kind"] == "paragraph", "text"].str.contains("人才梯队项目").any()


def test_item_number_glued_to_a_number_in_its_title():
    # 11.121人才梯队项目: item 11 whose title opens with 121
    text = "\n".join(["一、重点项目", *_items(1, 10), "11.121人才梯队项目。开展工作。", *_items(12, 12)])
    units = parse_structure(text)
    items = units[units["kind"] == "num_dot"]
    assert items["number"].tolist() == list(range(1, 13))
    assert items["title"].tolist()[10] == "121人才梯队项目"


def test_items_numbered_straight_through_several_parts():
    # 国发〔2019〕3号 numbers its 21 measures straight through four （一）…（五） sections
    text = "\n".join(["一、主要任务", "（一）拓展市场。", *_items(1, 5), "（二）促进创新。", *_items(6, 9),
                      "二、保障措施", "（一）加强领导。", *_items(10, 12)])
    units = parse_structure(text)
    assert units.loc[units["kind"] == "num_dot", "number"].tolist() == list(range(1, 13))


def test_a_quantity_at_the_start_of_a_paragraph_is_not_an_item():
    text = "\n".join(["一、主要任务", "1.5万亩高标准农田全部建成。"])
    assert "num_dot" not in parse_structure(text)["kind"].tolist()


def test_the_title_is_read_from_the_plan_s_own_text():
    import warnings
    from pathlib import Path

    from harchang_analysis import load_plan

    real = Path(__file__).parent / "data" / "real"
    # the seed's first line; a gov.cn page's 标题 field; a cover letter that issues the plan (关于印发《X》的通知)
    assert load_plan(None).title == "吉林省哈长城市群发展规划实施方案"
    assert load_plan(real / "guofa-2018-39-employment.html").title == "国务院关于做好当前和今后一个时期促进就业工作的若干意见"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its district offices are not in the lexicon: not what is tested here
        lishan = load_plan(real / "lishan-2023-tasks.excerpt.txt").title
    assert lishan == "立山区政府2023年重点工作任务分解和责任分工方案"
    assert load_plan(real / "sichuan-2022-circulation.excerpt.txt").title == "四川省“十四五”现代流通体系建设实施方案"
