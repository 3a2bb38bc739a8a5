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
