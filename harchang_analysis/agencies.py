"""Agency types and levels: from the lexicons first, then from the form of the name.

A name in the plan's lexicon or the central-government lexicon takes the type written there.
Any other name is typed by its form, in this order (the first rule that matches decides):

=====================================================  ======================  ==========
form of the name                                       agency_type             level
=====================================================  ======================  ==========
各…, 有关…, 相关…, …各有关部门, 县级市, 各地               collective              from the
                                                                               words in it
…开发区, …高新区, …新区, …园区, …区管委会 (a zone)          zone_administration     by the place
                                                                               named first
…大学, …学院, …医院, …图书馆, …研究院 … (事业单位)        public_institution      by the level
…公司, …集团, …银行 (not 人民银行), 国网…, 中国移动 …      enterprise              written first
中央…, 全国…, 中国…                                    central_organization    central
广东…局, 吉林…局 (a province's name, then a department)  provincial_department   provincial
国家…, 国务院…                                         central_department      central
…省人民政府, …省政府, 省政府, …自治区人民政府             provincial_government   provincial
省…, 省委…, …省… (department)                          provincial_department   provincial
…市人民政府, …市政府, …州政府, …盟行政公署                prefecture_government   prefecture
市…, 市委…, …市… (department)                          municipal_department    prefecture
…县/区/旗人民政府, …县/区/旗政府                         county_government       county
县…, 区…, …县… / …区… (department)                     county_department       county
…乡/镇人民政府, …街道办事处                              township_government     township
…部, …委, …总局, …署, …总社 (no place before them)       central_department      central
=====================================================  ======================  ==========

"Department" means the name ends with a government body's word: 部, 委, 厅, 局, 办, 办公室,
委员会, 中心, 院, 署, 总社, 会, 队, 处, or a people's organisation's (科协, 工商联, 妇联: 协, 联).

A name that no rule types but that is the full name of a province, prefecture or county in the
national gazetteer (越秀区, 农安县, 公主岭市, 延边朝鲜族自治州) stands for that unit's government
(``provincial_government``, ``prefecture_government``, ``county_government``; type_source
``gazetteer``): plans list a district or a county among the agencies of a clause by its bare name.
One that opens with a prefecture's name and ends as a body does (滁州海关) is a municipal
department, also by the gazetteer.
Any other name is ``other``, and is listed in the unknown-agency warning.

A name typed by its form gets an English name where its form gives one
(:func:`english_agency_name`: 市财政局, Municipal Finance Bureau; 各区, All districts).
"""

from __future__ import annotations

import csv
import re
import warnings
from functools import lru_cache

from .clauses import PROVINCES, ZONE_WORDS
from .errors import UnknownAgencyWarning
from .geography import unit_openings
from .lexicon import Lexicon

#: agency_type -> level, for the types whose level does not depend on the name
LEVEL_OF_TYPE = {
    "central_department": "central",
    "central_organization": "central",
    "provincial_government": "provincial",
    "provincial_department": "provincial",
    "prefecture_government": "prefecture",
    "municipal_department": "prefecture",
    "county_government": "county",
    "county_department": "county",
    "township_government": "township",
}

_BODY = r"(?:部|委|厅|局|办|办公室|委员会|中心|院|署|总社|社|会|队|处|所|站|分行|支行|人行|海关|协|联)"
_COLLECTIVE = re.compile(r"^(?:各|有关|相关|其他|其它|全国各|省直各|市直各|省级各|市级各|县级各|区级各)|各有关|有关部门$|"
                         r"^县级市$|^各地$|直各(?:部门|单位)$|各(?:部门|单位|专班)$")
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:中央|全国|中国)"), "central_organization"),
    (re.compile(r"^(?:国家|国务院)"), "central_department"),
    (re.compile(r"^(?:.{1,8}(?:省|自治区)|省)(?:人民)?政府$"), "provincial_government"),
    (re.compile(rf"^(?:省|.{{1,8}}(?:省|自治区)).*{_BODY}$"), "provincial_department"),
    (re.compile(r"^.{1,10}(?:市|州|盟|地区)(?:人民政府|政府|行政公署|行署)$"), "prefecture_government"),
    (re.compile(rf"^(?:{PROVINCES})(?![省市]).*{_BODY}$"), "provincial_department"),
    (re.compile(rf"^(?:市|.{{1,10}}市)(?!场).*{_BODY}$"), "municipal_department"),
    (re.compile(r"^.{1,10}(?:县|区|旗)(?:人民)?政府$"), "county_government"),
    (re.compile(rf"^(?:县|区|旗|.{{1,10}}(?:县|(?<![社小])区|旗)).*{_BODY}$"), "county_department"),  # 社区 is none
    (re.compile(r"^.{1,10}(?:乡|镇)(?:人民)?政府$|^.{1,10}街道(?:办事处)?$"), "township_government"),
    # a ministry, commission or administration named with no place before it; a project's 指挥部 is none
    (re.compile(r"^(?!.*指挥部$)[^省市县区州]{1,12}(?:部|委|总局|署|总社)$"), "central_department"),
]
#: a development zone, new area or park, or its administration: 立山经济开发区, 滁州经开区管委会, 东城区管委会,
#: 屈家岭管理区 (a zone is run by a committee the city or county sets up, not by a government of its own)
_ZONE = re.compile(rf"(?:{ZONE_WORDS})(?:党工委|工委|管委会|管理委员会|管理局|管理处)?$|区管委会$|.管委会$")
_ZONE_OPENING = re.compile(rf"(?:经济|高新|经开|开发|工业|产业|综合|保税|国家|省级|城乡|临空|临港|市|县|区|{ZONE_WORDS})")
_TRAILING_ALIAS = re.compile(r"[（(][^（）()]*[）)]$")
#: a public institution (事业单位) that plans give work to: a university, school, hospital, library,
#: museum, observatory, broadcaster, newspaper or research institute
_INSTITUTION = re.compile(r"(?:大学|学院|学校|中学|小学|幼儿园|医院|卫生院|图书馆|博物馆|档案馆|纪念馆|科技馆|文化馆|美术馆|"
                          r"气象台|电视台|广播电视台|报社|出版社|研究院|研究所|科学院|设计院)$")
#: an enterprise: a company or group, a commercial bank, and the state grid and carriers by their names
_ENTERPRISE = re.compile(r"(?:公司|集团|(?<!人民)(?<!开发)(?<!发展)银行)$|^(?:国网|国家电网|南方电网|中国移动|中国联通|"
                         r"中国电信|中国铁塔)")
_COLLECTIVE_LEVELS = [
    (re.compile(r"^省|省级|省直|各省|省（区、市）|省\(区、市\)|自治区"), "provincial"),
    (re.compile(r"县级市|县（市、区）|县\(市、区\)|县级|(?:各|有关|相关)(?:县|区(?!域)|旗)|区县|县区|县（市）|^县|^区(?!域)"), "county"),
    (re.compile(r"市级|市直|(?:各|有关|相关)(?:市|州|盟)|市（州）|市\(州\)|地市|地级|^市(?!场)"), "prefecture"),
    (re.compile(r"乡镇|街道|各乡|各镇"), "township"),
    (re.compile(r"中央|国务院|国家"), "central"),
]


def classify_agency(name: str) -> tuple[str, str] | None:
    """The type and level an agency's name shows by its form, or None when it shows none.

    >>> classify_agency("各省级人民政府"), classify_agency("区发改局"), classify_agency("国家数据局")
    (('collective', 'provincial'), ('county_department', 'county'), ('central_department', 'central'))
    >>> classify_agency("浙江省商务厅"), classify_agency("杭州市人民政府")
    (('provincial_department', 'provincial'), ('prefecture_government', 'prefecture'))
    >>> classify_agency("滁州经开区管委会")
    ('zone_administration', 'prefecture')
    >>> classify_agency("市国有资产监督管理委员会"), classify_agency("人民团体") is None
    (('municipal_department', 'prefecture'), True)
    """
    name = _TRAILING_ALIAS.sub("", name)  # 市市场监管局（市知识产权局）: the form is the first name's
    if _COLLECTIVE.search(name):
        level = next((lvl for pattern, lvl in _COLLECTIVE_LEVELS if pattern.search(name)), "")
        return "collective", level
    if _ZONE.search(name):
        return "zone_administration", _zone_level(name)
    if _INSTITUTION.search(name):
        return "public_institution", _level_written(name)
    if _ENTERPRISE.search(name):
        return "enterprise", _level_written(name)
    for pattern, agency_type in _RULES:
        if pattern.search(name):
            return agency_type, LEVEL_OF_TYPE[agency_type]
    return None


def type_agencies(agencies: list[str], lexicon: Lexicon, *, stacklevel: int = 2) -> list[tuple[str, str, str, str]]:
    """(agency_type, agency_level, agency_en, type_source) of each name, worked out once per
    distinct name.

    ``type_source`` is ``lexicon`` (the plan's or the central lexicon), ``rule`` (the form of
    the name), ``gazetteer`` (the bare name of a province, prefecture or county: its government)
    or ``unknown`` (none of these: agency_type ``other``, level empty).

    Warns:
        UnknownAgencyWarning: once, listing the agencies that neither a lexicon nor a rule types,
            with how many times each is named.
    """
    lookup, type_of, english_of = _lexicon_maps(lexicon)
    known: dict[str, tuple[str, str, str, str]] = {}
    unknown: dict[str, int] = {}
    for agency in agencies:
        if agency in known:
            if known[agency][3] == "unknown":
                unknown[agency] += 1
            continue
        canonical = lookup.get(agency)
        if canonical is not None:
            agency_type = type_of[canonical]
            level = LEVEL_OF_TYPE.get(agency_type) or _level_by_form(agency)
            known[agency] = (agency_type, level, english_of[canonical], "lexicon")
            continue
        typed = classify_agency(agency)
        if typed is not None:
            known[agency] = (typed[0], typed[1], english_agency_name(agency), "rule")
        elif agency in (governments := gazetteer_governments()):
            known[agency] = (*governments[agency], "gazetteer")
        elif _is_city_body(agency):  # 滁州海关: a body of the city named first
            known[agency] = ("municipal_department", "prefecture", "", "gazetteer")
        else:
            known[agency] = ("other", "", "", "unknown")
            unknown[agency] = 1
    if unknown:
        ranked = sorted(unknown.items(), key=lambda item: (-item[1], item[0]))
        listed = ", ".join(f"{name} ({n})" for name, n in ranked)
        noun = "agency" if len(ranked) == 1 else "agencies"
        warnings.warn(f"{len(ranked)} {noun} neither in a lexicon nor typed by its form: {listed}; "
                      "add them to agencies.csv", UnknownAgencyWarning, stacklevel=stacklevel + 1)
    return [known[a] for a in agencies]


def _lexicon_maps(lexicon: Lexicon) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Name or alias -> canonical name, canonical name -> type, and -> English; built once per
    lexicon (and shared by every load of the same files)."""
    return lexicon.derive("agency maps", lambda: _build_lexicon_maps(lexicon))


def _build_lexicon_maps(lexicon: Lexicon) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    table = lexicon.all_agencies()
    return (lexicon.all_agency_lookup(), dict(zip(table["name"], table["agency_type"])),
            dict(zip(table["name"], table["name_en"])))


def _level_written(name: str) -> str:
    """The level a name writes before itself, for bodies that are no government: 中国…/国家… central,
    省… or a province's name with 省 provincial, 市… or a city's name with 市 prefecture, 县…/区… or a
    county's name with 县/区 county; else empty (吉林大学, 国网长春供电公司: the place is no level).

    >>> _level_written("吉林省人民医院"), _level_written("长春市第一中学"), _level_written("吉林大学")
    ('provincial', 'prefecture', '')
    >>> _level_written("城市学院"), _level_written("社区卫生服务中心"), _level_written("农安县人民医院")
    ('', '', 'county')
    """
    if re.match(r"(?:中央|中国|国家)", name):
        return "central"
    if name.startswith("省") or re.match(rf"(?:{PROVINCES})(?:省|自治区)", name):
        return "provincial"
    if name.startswith("市") or re.match(r"[^省市县区]{1,6}(?<![城都])市", name):  # 城市学院 names no city
        return "prefecture"
    if name.startswith(("县", "区")) or re.match(r"[^省市县区]{1,6}(?:县|(?<![社小园景])区)", name):
        return "county"
    return ""


def _zone_level(name: str) -> str:
    """The level of the government a zone's name places it under: 省… provincial; 市… or a prefecture's
    name (滁州经开区) prefecture; 县…, 区… or a county's name (立山经济开发区) county; else empty."""
    if name.startswith("省") or re.match(rf"(?:{PROVINCES})(?:省|自治区)", name):
        return "provincial"

    def placed(pattern: re.Pattern[str]) -> bool:  # a place's name, then the zone's own words (not 长白|山管委会)
        found = pattern.match(name)
        return found is not None and _ZONE_OPENING.match(name, found.end()) is not None

    if name.startswith("市") or placed(unit_openings("prefecture")):
        return "prefecture"
    if name.startswith(("县", "区")) or placed(unit_openings("county")):
        return "county"
    return ""


def _is_city_body(name: str) -> bool:
    """Whether a name opens with a prefecture's name and ends as a government body does (滁州海关)."""
    found = unit_openings("prefecture").match(name)
    return found is not None and re.search(rf"{_BODY}$", name[found.end():]) is not None


#: the English word for a unit by the end of its Chinese name, longest ending first
_UNIT_EN = [("特别行政区", "SAR"), ("自治区", "Autonomous Region"), ("自治州", "Prefecture"), ("自治县", "Autonomous County"),
            ("自治旗", "Autonomous Banner"), ("林区", "Forestry District"), ("地区", "Prefecture"), ("省", "Provincial"),
            ("市", "Municipal"), ("州", "Prefecture"), ("盟", "League"), ("县", "County"), ("区", "District"),
            ("旗", "Banner")]
_GOVERNMENT_OF_LEVEL = {"province": "provincial_government", "prefecture": "prefecture_government",
                        "county": "county_government"}
_RANK = {"province": 0, "prefecture": 1, "county": 2}


@lru_cache(maxsize=1)
def gazetteer_governments() -> dict[str, tuple[str, str, str]]:
    """Full name of every unit in the national gazetteer -> (agency_type, agency_level, agency_en)
    of its government.

    A name held at two levels takes the higher (北京市 is a province-level municipality before it
    is a prefecture; a county-level city under its province directly, such as 仙桃市, is listed as
    a prefecture).

    >>> gazetteer_governments()["越秀区"], gazetteer_governments()["北京市"][:2]
    (('county_government', 'county', 'Yuexiu District Government'), ('provincial_government', 'provincial'))
    """
    from .geography import read_gazetteer

    table = read_gazetteer()
    held: dict[str, tuple[int, tuple[str, str, str]]] = {}
    for name, name_en, level in zip(table["name"], table["name_en"], table["level"]):
        unit = next((word for ending, word in _UNIT_EN if name.endswith(ending)), "")
        english = " ".join(part for part in (name_en, unit, "Government") if part)
        agency_type = _GOVERNMENT_OF_LEVEL[level]
        if name not in held or _RANK[level] < held[name][0]:
            held[name] = (_RANK[level], (agency_type, LEVEL_OF_TYPE[agency_type], english))
    return {name: typed for name, (_, typed) in held.items()}


#: the level written before a department's name, in English; longest first
_LEVEL_EN = [("省委", "Provincial Party Committee"), ("市委", "Municipal Party Committee"),
             ("区委", "District Party Committee"), ("县委", "County Party Committee"), ("省", "Provincial"),
             ("市", "Municipal"), ("区", "District"), ("县", "County")]


@lru_cache(maxsize=1)
def _agency_terms() -> tuple[dict[str, str], dict[str, str]]:
    """``data/agency_terms.csv``: whole names (collective parties) and department names without
    their level, each with its English."""
    from importlib import resources

    with (resources.files("harchang_analysis") / "data" / "agency_terms.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return ({r["term"]: r["name_en"] for r in rows if r["kind"] == "whole"},
            {r["term"]: r["name_en"] for r in rows if r["kind"] == "body"})


def english_agency_name(name: str) -> str:
    """An English name for an agency no lexicon holds, read off its form, or empty.

    A collective party is looked up whole (各区: All districts); a department is its level
    (省 Provincial, 市 Municipal, 区 District, 县 County, 省委/市委 … Party Committee) and a
    department's name from ``data/agency_terms.csv``. A government or department named after its
    unit in full takes the gazetteer's English name of the unit (广州市交通运输局: Guangzhou
    Municipal Transport Bureau). A name with an alias in brackets is named by its first name. Names
    the file does not hold get none: the figures then show the Chinese.

    >>> english_agency_name("市人力资源和社会保障局"), english_agency_name("省委网信办")
    ('Municipal Human Resources and Social Security Bureau', 'Provincial Party Committee Cyberspace Affairs Office')
    >>> english_agency_name("各区"), english_agency_name("哈尔滨市人民政府"), english_agency_name("市留交办")
    ('All districts', 'Harbin Municipal Government', '')
    """
    whole, bodies = _agency_terms()
    name = _TRAILING_ALIAS.sub("", name)
    if name in whole:
        return whole[name]
    for prefix, level in _LEVEL_EN:
        if name.startswith(prefix) and name[len(prefix):] in bodies:
            return f"{level} {bodies[name[len(prefix):]]}"
    return _english_of_placed(name, bodies)


def _english_of_placed(name: str, bodies: dict[str, str]) -> str:
    """The English name of a government or department named after its unit in full, by the gazetteer's
    English name: 哈尔滨市人民政府 Harbin Municipal Government, 广州市交通运输局 Guangzhou Municipal Transport
    Bureau; empty for any other name.

    >>> _english_of_placed("绥芬河市政府", {}), _english_of_placed("广州市交通运输局", {"交通运输局": "Transport Bureau"})
    ('Suifenhe Municipal Government', 'Guangzhou Municipal Transport Bureau')
    """
    governments = gazetteer_governments()
    for size in range(min(len(name) - 1, 12), 1, -1):
        unit = governments.get(name[:size])
        if unit is None:
            continue
        rest, english = name[size:], unit[2]
        if rest in ("政府", "人民政府"):
            return english
        if rest in bodies and english.endswith(" Government"):
            return f"{english.removesuffix(' Government')} {bodies[rest]}"
        return ""
    return ""


def _level_by_form(name: str) -> str:
    """The level of a lexicon agency whose type says none (``other``, ``collective``)."""
    typed = classify_agency(name)
    return typed[1] if typed else ""
