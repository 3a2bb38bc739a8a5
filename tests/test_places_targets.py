"""Places, sectors and targets on small plans written for the test."""

from __future__ import annotations

import textwrap

import pytest

from harchang_analysis import load_plan
from harchang_analysis.analysis import (
    code_sentences,
    count_place_mentions,
    count_sector_shares,
    drop_clause_tokens,
    extract_deadlines,
    extract_projects,
    extract_targets,
    label_sections,
    roll_up_mentions,
)
from harchang_analysis.errors import StructureWarning

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
    body = drop_clause_tokens(plan.tokens)
    assert "省交通运输厅" in set(plan.tokens["token"])
    assert "省交通运输厅" not in set(body["token"])
    assert "机场" in set(body["token"])


def test_sector_shares(plan):
    codes = code_sentences(plan.text, plan.tokens, plan.lexicon, "sectors")
    shares = count_sector_shares(codes, label_sections(plan.units))
    chapter = shares[shares["section"] == "二（一）"].set_index("sector")
    assert chapter["share_sentences"].sum() == pytest.approx(1.0)
    assert chapter.loc["交通", "sector_en"] == "Transport"
    # 完善延吉机场、珲春口岸，国际航线力争达到25条 is transport (机场, 航线) and opening-up (口岸); 新建G1211舒兰至吉林段
    # is not coded (no keyword); the clause naming 省交通运输厅 is not read
    first = codes[codes["sentence_id"] == codes["sentence_id"].min()]
    assert set(codes["sector"]) >= {"交通", "对外开放"}
    assert not codes["keywords"].str.contains("交通运输厅").any()
    assert len(first) >= 1


ZONED = textwrap.dedent("""\
    一、主要任务
    1.建设长春现代物流园区。支持吉林市发展冰雪旅游。（吉林市政府牵头，省文化和旅游厅配合）完善四平市路网。（四平市、松原市政府负责）
    """)


def test_mentions_know_whether_they_stand_in_a_heading_the_body_or_a_clause(tmp_path):
    path = tmp_path / "zoned.txt"
    path.write_text(ZONED, encoding="utf-8")
    plan = load_plan(path)
    zone_of = {(m.surface, m.start): m.zone for m in plan.mentions.itertuples()}
    text = plan.text
    assert zone_of[("长春", text.index("长春"))] == "heading"  # the item's title
    assert zone_of[("吉林市", text.index("支持吉林市") + 2)] == "body"
    assert zone_of[("吉林市政府", text.index("吉林市政府"))] == "clause"
    assert zone_of[("四平市", text.index("完善四平市") + 2)] == "body"
    assert zone_of[("四平市", text.index("（四平市") + 1)] == "clause"  # the second clause of the task
    # places count where the plan writes about them: 四平市 once in the body, not again in the clause; 松原市
    # only in the clause, as the agency 松原市政府; with zones=None the clauses count too
    places = count_place_mentions(plan.mentions, plan.lexicon).set_index("place")["n_mentions"]
    assert (places["长春市"], places["吉林市"], places["四平市"], places["松原市"]) == (1, 1, 1, 0)
    everywhere = count_place_mentions(plan.mentions, plan.lexicon, zones=None).set_index("place")["n_mentions"]
    assert (everywhere["四平市"], everywhere["松原市"]) == (2, 0)
    # both clauses of the task are dropped from what the plan says, and nothing else is
    body = drop_clause_tokens(plan.tokens)
    assert not {"省文化和旅游厅", "松原市", "负责", "牵头"} & set(body["token"])
    assert {"冰雪", "路网"} <= set(body["token"])
    assert set(plan.tokens["zone"]) == {"heading", "body", "clause"}
    with pytest.raises(ValueError, match="unknown zone"):
        count_place_mentions(plan.mentions, plan.lexicon, zones=["clauses"])


def test_bare_jilin_is_the_city_only_in_a_route_or_a_list_of_places(seed_plan):
    text = seed_plan.text
    jilin = seed_plan.mentions[seed_plan.mentions["surface"] == "吉林"].set_index("start")
    for phrase, offset in (("吉林至长春南线", 0), ("舒兰（省界）至吉林段", 7), ("蛟河至吉林", 3), ("长春、吉林、四平", 3),
                           ("长春－吉林－延边", 3)):
        at = text.index(phrase) + offset
        assert jilin.loc[at, "name"] == "吉林市", phrase
    for phrase in ("吉林振兴", "吉林中部", "在吉林和黑龙江两省", "开放吉林"):
        at = text.index(phrase) + phrase.index("吉林")
        assert at not in jilin.index, phrase  # the province


def test_every_place_the_seed_names_is_kept_whole_and_known(seed_plan):
    places = seed_plan.mentions[seed_plan.mentions["entity"] == "place"]
    assert {"合心", "肇源县", "宁安市"} <= set(places["name"])  # 合心 was cut 合|心; 肇源 and 宁安 were missing


def test_the_ends_of_the_seeds_road_sections_are_places(seed_plan):
    # Ｇ２２９饶盖线其塔木至长春, 敦化至白石山, Ｇ２０３绥沈线…望宝桥至双榆树、双榆树至金宝屯, Ｇ２３２牙四线海坨乡至朱家屯、
    # 四平至桑树台: each end is a place mention where the plan writes it
    text, places = seed_plan.text, seed_plan.mentions[seed_plan.mentions["entity"] == "place"]
    for phrase, end in (("其塔木至长春", "其塔木"), ("敦化至白石山", "白石山"), ("望宝桥至双榆树", "望宝桥"),
                        ("双榆树至金宝屯", "金宝屯"), ("海坨乡至朱家屯", "海坨乡"), ("海坨乡至朱家屯", "朱家屯"),
                        ("四平至桑树台", "桑树台")):
        at = text.index(phrase) + phrase.index(end)
        assert places.loc[places["start"] == at, "name"].tolist() == [end], phrase
    # those whose county is known roll up to its prefecture; the others are counted and roll up nowhere
    table = count_place_mentions(seed_plan.mentions, seed_plan.lexicon, year=2017).set_index("place")
    assert table.loc["其塔木", "prefecture"] == "长春市" and table.loc["白石山", "prefecture"] == "吉林市"
    assert table.loc["金宝屯", "prefecture"] == "通辽市"
    assert table.loc["望宝桥", "n_mentions"] == 1 and table.loc["望宝桥", "prefecture"] != table.loc["望宝桥", "prefecture"]
    rolled = roll_up_mentions(table.reset_index())
    assert "望宝桥" not in set(rolled["prefecture"]) and rolled["prefecture"].notna().all()


def test_a_place_below_a_prefecture_may_be_named_without_a_point_or_a_county(tmp_path):
    from harchang_analysis import load_lexicon
    from harchang_analysis.cli import main
    from harchang_analysis.errors import LexiconError

    folder = tmp_path / "lexicon"
    main(["init-lexicon", str(folder)])
    places = folder / "places.csv"
    base = places.read_text(encoding="utf-8")
    places.write_text(base + "甲乙屯,,town,,,,,Jiayitun,,,\n", encoding="utf-8")
    row = load_lexicon(folder).places.set_index("name").loc["甲乙屯"]
    assert row["lat"] != row["lat"] and not row["in_cluster"]  # no point (NaN); not known to be in the cluster
    places.write_text(base + "甲乙市,,prefecture,,true,,,Jiayi,,,\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="lat '' is not a number"):
        load_lexicon(folder)  # a prefecture is drawn on the map: it needs its point
    places.write_text(base + "甲乙县,,county,长春市,,,,Jiayi County,,,\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="in_cluster '' is not true or false"):
        load_lexicon(folder)  # only a town whose county is unknown may leave in_cluster open


def test_counties_roll_up_to_the_prefecture_of_the_plans_year(seed_plan):
    # 公主岭市 was under 四平市 until 2020, under 长春市 since
    then = count_place_mentions(seed_plan.mentions, seed_plan.lexicon, year=2017).set_index("place")
    now = count_place_mentions(seed_plan.mentions, seed_plan.lexicon).set_index("place")
    assert then.loc["公主岭市", "prefecture"] == "四平市" and now.loc["公主岭市", "prefecture"] == "长春市"
    n = then.loc["公主岭市", "n_mentions"]
    assert n > 0
    before = roll_up_mentions(then.reset_index()).set_index("prefecture")["n_total"]
    after = roll_up_mentions(now.reset_index()).set_index("prefecture")["n_total"]
    assert before["四平市"] - after["四平市"] == n and after["长春市"] - before["长春市"] == n


def test_a_lexicon_without_the_optional_place_columns_still_loads(tmp_path):
    import csv

    from harchang_analysis import load_lexicon
    from harchang_analysis.cli import main

    folder = tmp_path / "lexicon"
    main(["init-lexicon", str(folder)])
    rows = list(csv.reader((folder / "places.csv").open(encoding="utf-8")))
    keep = [rows[0].index(c) for c in ("name", "aliases", "level", "parent", "in_cluster", "lat", "lon", "name_en")]
    with (folder / "places.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[row[i] for i in keep] for row in rows])
    places = load_lexicon(folder).places
    assert places["former_parent"].eq("").all() and places["context_aliases"].map(len).eq(0).all()


def test_targets_are_what_the_plan_commits_to_reach(tmp_path):
    path = tmp_path / "targets.txt"
    path.write_text(textwrap.dedent("""\
        一、主要任务
        1.发展产业。着力打造汽车和轨道客车两个世界级产业基地，重点推进化工公司60万吨甲醇制烯烃项目。
        2.完善设施。推进实现地级城市运输机场全覆盖，除涝标准达到5年至10年一遇，年检修300辆动车组。
        3.发展农业。推进榆树市等11个县（市）率先实现农业现代化，综合机械化率达到70%。
        4.稳定就业。符合条件的企业，可返还其失业保险费的50%。大力发展高山滑雪、冬季两项等冰雪赛事。
        """), encoding="utf-8")
    with pytest.warns(StructureWarning):  # no clauses: this plan is about its targets only
        targets = extract_targets(load_plan(path))
    # targets: 两个 (a count in Chinese numerals to build), 全覆盖 (coverage), 5年至10年一遇 (a standard), 70% (a
    # share to reach); not targets: 60万吨 (inside a project's name), 年检修300辆 (a rate), 11个县（市） (the
    # scope), 50% (a parameter granted on a condition), 冬季两项 (a sport)
    assert targets[["kind", "quantity"]].values.tolist() == [
        ["count", "两个"], ["coverage", "全覆盖"], ["standard", "5年至10年一遇"], ["share", "70%"]]
    assert targets["value"].tolist()[0] == 2 and targets["value"].tolist()[3] == 70


def test_the_seeds_targets_against_its_hand_checked_list(seed_plan):
    from harchang_analysis.analysis import read_target_list, score_targets

    gold = read_target_list(seed_plan)
    assert gold is not None and len(gold) == 14
    score = score_targets(extract_targets(seed_plan), seed_plan.text, gold).iloc[0]
    print(score.to_dict())
    assert score["precision"] >= 0.9 and score["recall"] >= 0.9
