"""Agency types: the central lexicon, the rules of form, collective parties, and what is warned about."""

from __future__ import annotations

import pytest

from harchang_analysis.agencies import LEVEL_OF_TYPE, classify_agency, english_agency_name, type_agencies
from harchang_analysis.analysis.workload import AGENCY_TYPE_LABELS
from harchang_analysis.errors import UnknownAgencyWarning
from harchang_analysis.lexicon import AGENCY_TYPES


@pytest.mark.parametrize("name, expected", [
    ("各省级人民政府", ("collective", "provincial")),          # 国发〔2018〕39号
    ("各有关部门和单位", ("collective", "")),
    ("各市（州）政府", ("collective", "prefecture")),
    ("县级市", ("collective", "county")),
    ("省有关部门", ("collective", "provincial")),              # 数字广东 task 62
    ("国家数据局", ("central_department", "central")),
    ("国务院扶贫办", ("central_department", "central")),
    ("中央网信办", ("central_organization", "central")),
    ("浙江省人民政府", ("provincial_government", "provincial")),
    ("江苏省发展改革委", ("provincial_department", "provincial")),
    ("省委网信办", ("provincial_department", "provincial")),
    ("广东海事局", ("provincial_department", "provincial")),   # a central agency's provincial branch
    ("杭州市人民政府", ("prefecture_government", "prefecture")),
    ("延边朝鲜族自治州人民政府", ("prefecture_government", "prefecture")),
    ("市市场监管局（市知识产权局）", ("municipal_department", "prefecture")),
    ("市场监管局", None),                                      # 市场 is not the level 市
    ("区市场监管局", ("county_department", "county")),         # nor after a district's 区 (立山区: 区市场局)
    ("县市场监管局", ("county_department", "county")),
    ("市市场监管局", ("municipal_department", "prefecture")),
    ("西湖区人民政府", ("county_government", "county")),
    ("区发改局", ("county_department", "county")),
    ("良渚街道", ("township_government", "township")),
    ("科学技术部", ("central_department", "central")),
    ("东北亚博览会组委会", None),                               # an ad hoc committee: no form says what it is
    # 关于推进人才集聚工程的实施意见 (Guangzhou, 2012): people's organisations, and 有关 before a level
    ("市科协", ("municipal_department", "prefecture")),
    ("市工商联", ("municipal_department", "prefecture")),
    ("各有关区", ("collective", "county")),
    ("各有关市", ("collective", "prefecture")),
    ("各有关区域", ("collective", "")),                        # a region is no district
    ("越秀区", None),                                          # a bare name is no form: the gazetteer decides
    # 滁州市2020年重点工作及责任分解: the People's Bank's city branch, and a list of levels
    ("市人行", ("municipal_department", "prefecture")),
    ("各县、市、区政府", ("collective", "county")),
    ("滁州海关", None),                                        # a city's name first: the gazetteer decides
    # bodies that are no government, written for the test in the forms plans name them: public institutions
    # and enterprises, with the level they write first, and a community's committee, which is no district's
    ("吉林大学", ("public_institution", "")),
    ("吉林省人民医院", ("public_institution", "provincial")),
    ("市图书馆", ("public_institution", "prefecture")),
    ("国网长春供电公司", ("enterprise", "")),
    ("省交投集团", ("enterprise", "provincial")),
    ("建设银行", ("enterprise", "")),
    ("人民银行", None),                                        # the central bank is no enterprise
    ("社区居委会", None),
    # 黑龙江省促进经济稳增长的若干措施: a project's headquarters is no ministry, 相关 opens a collective
    ("哈尔滨机场扩建指挥部", None),
    ("相关市、县政府", ("collective", "prefecture")),
    ("相关县政府", ("collective", "county")),
])
def test_types_by_form(name, expected):
    assert classify_agency(name) == expected


def test_lexicon_first_then_rule_then_unknown(lexicon):
    names = ["人力资源社会保障部", "发改委", "省大数据局", "东北亚博览会组委会", "东北亚博览会组委会"]
    with pytest.warns(UnknownAgencyWarning,
                      match=r"^1 agency neither in a lexicon nor typed by its form: 东北亚博览会组委会 \(2\)"):
        out = type_agencies(names, lexicon)
    assert [[t[0], t[1], t[3]] for t in out] == [
        ["central_department", "central", "lexicon"],       # the central lexicon
        ["central_department", "central", "lexicon"],       # an alias of 国家发展改革委
        ["provincial_department", "provincial", "rule"],
        ["other", "", "unknown"], ["other", "", "unknown"]]
    assert [t[2] for t in out][:2] == ["Ministry of Human Resources and Social Security",
                                       "National Development and Reform Commission"]


def test_a_bare_unit_name_is_its_government_by_the_gazetteer(lexicon):
    # 配合单位：市委组织部、…、市财政局、越秀区 (Guangzhou, 2012): the district is named bare among departments
    names = ["越秀区", "农安县", "延边朝鲜族自治州", "北京市", "长白朝鲜族自治县", "立山经济开发区", "金融机构"]
    with pytest.warns(UnknownAgencyWarning, match=r"^1 agency neither .*: 金融机构 \(1\)"):
        out = type_agencies(names, lexicon)
    assert out[:5] == [
        ("county_government", "county", "Yuexiu District Government", "gazetteer"),
        ("county_government", "county", "Nong'an County Government", "gazetteer"),
        ("prefecture_government", "prefecture", "Yanbian Prefecture Government", "gazetteer"),
        ("provincial_government", "provincial", "Beijing Municipal Government", "gazetteer"),  # a province-level city
        ("county_government", "county", "Changbai Autonomous County Government", "gazetteer")]
    # a development zone is in no gazetteer but is typed by its form (立山经济开发区, of 立山区: county level);
    # a name that is no zone's, government's or body's stays unknown
    assert out[5] == ("zone_administration", "county", "", "rule")
    assert out[6] == ("other", "", "", "unknown")
    # a body named after its city (协同责任单位:市税务局、滁州海关…, Chuzhou 2020)
    assert type_agencies(["滁州海关"], lexicon) == [("municipal_department", "prefecture", "", "gazetteer")]


@pytest.mark.parametrize("name, english", [
    # the level, then the department: the forms of the Guangzhou plan and the Guangdong task table
    ("市人力资源和社会保障局", "Municipal Human Resources and Social Security Bureau"),
    ("市委组织部", "Municipal Party Committee Organization Department"),
    ("省委网信办", "Provincial Party Committee Cyberspace Affairs Office"),
    ("省文化和旅游厅", "Provincial Department of Culture and Tourism"),
    ("区发改局", "District Development and Reform Bureau"),
    ("市市场监管局（市知识产权局）", "Municipal Administration for Market Regulation"),  # named by its first name
    ("团市委", "Municipal Committee of the Communist Youth League"),
    ("各区", "All districts"),
    ("县级市", "County-level cities"),
    # what the file does not hold gets none, rather than a guess
    ("市留交办", ""),
    # a government or department named after its unit in full: the gazetteer's English name of the unit
    # (哈尔滨、黑河、绥芬河市政府, 黑龙江省促进经济稳增长的若干措施)
    ("广州市交通运输局", "Guangzhou Municipal Transport Bureau"),
    ("绥芬河市政府", "Suifenhe Municipal Government"),
    ("越秀区人民政府", "Yuexiu District Government"),
    ("广州市留交办", ""),                 # a department the file does not hold, after a place, gets none too
    ("市场监管局", ""),                   # no level: 市场 is no 市
    ("市委", ""),
])
def test_english_names_of_agencies_by_form(name, english):
    assert english_agency_name(name) == english


def test_typed_by_form_carries_its_english_name(lexicon):
    out = type_agencies(["市财政局", "各街道"], lexicon)
    assert out == [("municipal_department", "prefecture", "Municipal Finance Bureau", "rule"),
                   ("collective", "township", "All subdistricts", "rule")]


def test_every_type_has_a_level_or_is_decided_by_form_and_has_labels():
    assert set(LEVEL_OF_TYPE) | {"collective", "zone_administration", "public_institution", "enterprise",
                                 "other"} == set(AGENCY_TYPES)
    assert set(AGENCY_TYPE_LABELS) == set(AGENCY_TYPES)


def test_the_agency_terms_file_is_well_formed():
    import csv
    import re
    from importlib import resources

    with (resources.files("harchang_analysis") / "data" / "agency_terms.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {r["kind"] for r in rows} == {"whole", "body"}
    terms = [r["term"] for r in rows]
    assert len(terms) == len(set(terms)), "a term is listed twice"
    assert all(r["name_en"] and r["name_en"][0].isupper() for r in rows)
    # a department's name is kept without its level, which the code adds (市场 is a market, no level)
    assert not [r["term"] for r in rows if r["kind"] == "body" and re.match(r"[省区县]|市(?!场)", r["term"])]


@pytest.mark.parametrize("name, level", [
    # the zones the real plans of the tests name among agencies: Chuzhou 2020, Lishan 2023, Xuchang 2020,
    # Jingmen 2021 (its addressees); the level is the government the name places the zone under
    ("滁州经开区管委会", "prefecture"), ("中新苏滁高新区管委会", ""), ("立山经济开发区", "county"),
    ("市城乡一体化示范区", "prefecture"), ("经济技术开发区", ""), ("东城区管委会", ""), ("屈家岭管理区", ""),
    ("漳河新区", ""), ("荆门高新区", "prefecture"), ("吉林省长春新区管委会", "provincial"), ("区工业园管委会", "county"),
])
def test_development_zones_are_typed_as_zones(name, level):
    assert classify_agency(name) == ("zone_administration", level)


def test_a_commission_that_supervises_is_no_zone():
    # 管理委员会 names a zone's committee only after a zone's word: 国资委's full name is a department's
    assert classify_agency("市国有资产监督管理委员会") == ("municipal_department", "prefecture")
    assert classify_agency("长白山管委会") == ("zone_administration", "")  # 长白山 is no 长白县 zone
