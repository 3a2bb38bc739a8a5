"""The national gazetteer, place lookup, and the prefecture map of the seed."""

from __future__ import annotations

import itertools
import warnings

import matplotlib
import pytest

from harchang_analysis.geography import locate_places, read_boundaries, read_gazetteer

matplotlib.use("Agg")


def test_the_gazetteer_covers_every_level_of_china():
    gazetteer = read_gazetteer()
    levels = gazetteer["level"].value_counts()
    assert levels["province"] == 34  # 23 provinces, 5 autonomous regions, 4 municipalities, 2 SARs
    assert levels["prefecture"] > 330 and levels["county"] > 2800
    assert not gazetteer.duplicated(["adcode", "level"]).any()  # 香港, 澳门, 台湾 stand at several levels
    jilin = gazetteer[(gazetteer["province"] == "吉林省") & (gazetteer["level"] == "prefecture")]
    assert set(jilin["short_name"]) == {"长春", "吉林", "四平", "辽源", "通化", "白山", "松原", "白城", "延边"}
    assert {f["properties"]["adcode"] for f in read_boundaries("prefecture")} >= set(jilin["adcode"])


def test_names_are_found_as_plans_write_them():
    found = locate_places(["长春市", "延边州", "沈阳", "满洲里市", "公主岭市", "不在此处"], provinces=["吉林省"])
    rows = found.set_index("name")
    assert rows.loc["长春市", "adcode"] == "220100" and rows.loc["长春市", "matched_by"] == "name"
    assert rows.loc["延边州", "unit"] == "延边朝鲜族自治州" and rows.loc["延边州", "matched_by"] == "short_name"
    assert rows.loc["沈阳", "unit"] == "沈阳市"
    # a county-level city counts towards its prefecture
    assert rows.loc["满洲里市", "level"] == "county" and rows.loc["满洲里市", "prefecture"] == "呼伦贝尔市"
    assert rows.loc["公主岭市", "prefecture"] == "长春市"  # today's parent; the plan's year is the lexicon's business
    assert rows.loc["不在此处", "matched_by"] == "" and rows.loc["不在此处", "n_candidates"] == 0


def test_a_shared_short_name_goes_to_the_plans_province():
    assert locate_places(["朝阳"], provinces=["辽宁省"]).loc[0, "unit"] == "朝阳市"
    in_jilin = locate_places(["朝阳"], provinces=["吉林"]).loc[0]
    assert (in_jilin["unit"], in_jilin["prefecture"]) == ("朝阳区", "长春市") and in_jilin["n_candidates"] > 1
    # 吉林 alone is never the province when a place below it is meant
    assert locate_places(["吉林"]).loc[0, "unit"] == "吉林市"


def test_english_names_tell_a_city_from_its_province():
    gazetteer = read_gazetteer().set_index("adcode")
    assert gazetteer.loc["220200", "name_en"] == "Jilin City"
    assert gazetteer.loc["220000", "name_en"] == "Jilin"
    assert gazetteer.loc["211300", "name_en"] == "Chaoyang"  # 朝 read chao in a place name


def test_an_autonomous_county_keeps_the_end_of_its_own_name():
    # 白 and 水 are peoples too (白族, 水族), but each people in a unit's name is followed by 族,
    # save the last (伊犁哈萨克自治州): 长白 is the county, 朝鲜族 its people
    gazetteer = read_gazetteer().drop_duplicates("name").set_index("name")  # 陵水 stands at two levels
    shorts = {name: gazetteer.loc[name, "short_name"] for name in
              ("长白朝鲜族自治县", "陵水黎族自治县", "彭水苗族土家族自治县", "保亭黎族苗族自治县", "伊犁哈萨克自治州")}
    assert shorts == {"长白朝鲜族自治县": "长白", "陵水黎族自治县": "陵水", "彭水苗族土家族自治县": "彭水",
                      "保亭黎族苗族自治县": "保亭", "伊犁哈萨克自治州": "伊犁"}
    assert (read_gazetteer()["short_name"].str.len() >= 2).all()


def test_chang_is_read_chang_in_county_names_but_zhang_in_zhangzi():
    gazetteer = read_gazetteer().drop_duplicates("name").set_index("name")["name_en"]
    assert (gazetteer["长白朝鲜族自治县"], gazetteer["长岭县"], gazetteer["长宁区"]) == ("Changbai", "Changling", "Changning")
    assert gazetteer["长子县"] == "Zhangzi"


@pytest.fixture(scope="module")
def seed_units(seed_plan):
    from harchang_analysis.analysis import count_place_mentions, map_prefecture_mentions, roll_up_mentions

    rolled = roll_up_mentions(count_place_mentions(seed_plan.mentions, seed_plan.lexicon, year=2017))
    return rolled, map_prefecture_mentions(rolled, seed_plan.lexicon)


def test_the_seed_map_holds_all_of_jilin_and_the_cluster(seed_units):
    rolled, units = seed_units
    home = units[units["home"]]
    assert len(home) == 9 and set(home["province"]) == {"吉林省"}
    assert home.set_index("name").loc["白山", "n_mentions"] == 0  # never named, still on the map
    assert {"哈尔滨", "大庆", "齐齐哈尔", "绥化", "牡丹江"} <= set(units["name"])  # the cluster's other half
    assert units.set_index("name").loc["绥化", "n_mentions"] == 0
    # every mention of the roll-up lands on a unit of the map
    assert units["n_mentions"].sum() == rolled["n_total"].sum()


def _boxes(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for ax in fig.axes for t in ax.texts if t.get_text()]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_labels_neither_overlap_nor_leave_the_figure(seed_units, lang):
    from harchang_analysis.plotting import plot_prefecture_map

    _, units = seed_units
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig = plot_prefecture_map(units, lang=lang, title="t", value_label="n")
    boxes = _boxes(fig)
    assert len(boxes) == len(units)
    width, height = fig.canvas.get_width_height()
    for (name_a, a), (name_b, b) in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), f"{name_a} and {name_b} overlap"
    for name, box in boxes:
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, f"{name} is cut by the edge"


def _map_of(path):
    import warnings

    from harchang_analysis import load_plan
    from harchang_analysis.analysis import (
        count_place_mentions,
        find_gazetteer_mentions,
        find_home_provinces,
        map_prefecture_mentions,
        roll_up_mentions,
    )

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # agencies of another province are not in the Jilin lexicon
        plan = load_plan(path)
    provinces = find_home_provinces(plan.title, find_gazetteer_mentions(plan.text, plan.tokens, plan.mentions))
    elsewhere = find_gazetteer_mentions(plan.text, plan.tokens, plan.mentions, provinces=provinces)
    rolled = roll_up_mentions(count_place_mentions(plan.mentions, plan.lexicon))
    units = map_prefecture_mentions(rolled, plan.lexicon, gazetteer_mentions=elsewhere, provinces=provinces)
    return provinces, elsewhere, units


def test_a_plan_from_sichuan_is_mapped_on_sichuan():
    from pathlib import Path

    import matplotlib.pyplot as plt

    from harchang_analysis.labels import collect_labels, find_cut, find_overlaps
    from harchang_analysis.plotting import plot_prefecture_map

    path = Path(__file__).parent / "data" / "real" / "sichuan-2022-circulation.excerpt.txt"
    provinces, elsewhere, units = _map_of(path)
    # the title 四川省“十四五”现代流通体系建设实施方案 names the province; the body names one city, once:
    # 争取将成都市纳入国家要素市场化配置综合改革试点
    assert provinces == ["四川省"]
    cities = elsewhere[elsewhere["level"] != "province"]
    assert cities[["name", "unit", "zone"]].values.tolist() == [["成都市", "成都市", "body"]]
    # Sichuan has 21 prefecture-level units (18 cities and 3 autonomous prefectures); none of Jilin's is drawn
    assert units["home"].sum() == 21 and set(units["province"]) == {"四川省"}
    assert units.set_index("name")["n_mentions"].to_dict() == {**{n: 0 for n in units["name"]}, "成都": 1}
    fig = plot_prefecture_map(units, lang="en")
    west, east = fig.axes[0].get_xlim()
    assert west < 104.07 < east and east < 115  # Chengdu in view, Jilin (east of 121°E) far out of it
    labels = collect_labels(fig)
    assert not find_overlaps(labels) and not find_cut(labels)
    plt.close(fig)


def test_a_district_plan_is_mapped_on_its_province_and_agency_names_are_no_places():
    from pathlib import Path

    path = Path(__file__).parent / "data" / "real" / "lishan-2023-tasks.excerpt.txt"
    provinces, elsewhere, units = _map_of(path)
    # the title names 立山区, a district of 鞍山市 in Liaoning; 鞍山 stands twice in the text
    # (鞍山市立山区人民政府文件, 鞍山市“抓项目、进企业、解难题”专项行动); every 立山区 heads an agency's
    # name (立山区人民政府, 立山区政府) and is no place
    assert provinces == ["辽宁省"]
    assert "立山区" not in set(elsewhere["name"])
    counted = units[units["n_mentions"] > 0].set_index("name")["n_mentions"].to_dict()
    assert counted == {"鞍山": 2}
    assert units["home"].sum() == 14  # Liaoning's 14 prefecture-level cities


def test_a_zone_committee_in_the_addressees_is_no_place():
    # 许政〔2020〕20号 is addressed to …经济技术开发区、东城区管委会: Xuchang's 东城区 is a zone run by a
    # management committee, and Beijing's 东城区 (the only one in the gazetteer) is not meant
    from pathlib import Path

    from harchang_analysis.analysis import find_gazetteer_mentions

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from harchang_analysis import load_plan

        plan = load_plan(Path(__file__).parent / "data" / "real" / "xuchang-2020-tasks.excerpt.txt")
    found = find_gazetteer_mentions(plan.text, plan.tokens, plan.mentions)
    assert "东城区" in plan.text and "东城区" not in set(found["name"])
