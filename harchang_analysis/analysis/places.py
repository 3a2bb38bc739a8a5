"""Which cities the plan covers: mentions by place, rolled up to prefectures, and who leads."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from ..lexicon import Lexicon
from ..text import code_points, pair_code, pair_codes
from .common import CONTENT_ZONES, measure_tokens, select_zones


def _prefecture_of(lexicon: Lexicon, year: int | None = None) -> dict[str, str]:
    """Map each place to the prefecture-level unit it rolls up to (itself for a prefecture); a town
    whose county the lexicon does not know is left out.

    With ``year``, a county whose parent changed after that year (``parent_since``) rolls up to
    its former parent, as it did when a plan of that year was written (公主岭市: 四平市 until 2020).
    """
    parent = dict(zip(lexicon.places["name"], lexicon.places["parent"]))
    if year is not None:
        for name, former, since in zip(lexicon.places["name"], lexicon.places["former_parent"],
                                       lexicon.places["parent_since"]):
            if former and since and year < int(since):
                parent[name] = former
    level = dict(zip(lexicon.places["name"], lexicon.places["level"]))
    out = {}
    for name in parent:
        current = name
        while parent.get(current):
            current = parent[current]
        if level.get(current) in ("prefecture", "outside_province"):  # a town without a parent rolls up nowhere
            out[name] = current
    return out


def count_place_mentions(mentions: pd.DataFrame, lexicon: Lexicon, *,
                         zones: Iterable[str] | None = CONTENT_ZONES, year: int | None = None) -> pd.DataFrame:
    """Mentions of every place in the lexicon, including those never mentioned.

    By default only what the plan says (its body and headings) counts: a city government named
    in a responsibility clause is an agency given work, not a place the plan writes about. Pass
    ``zones=None`` to count the clauses too. ``year`` (the plan's) rolls each county up to the
    prefecture it belonged to then; None uses today's.

    Returns:
        place, place_en, level, prefecture, prefecture_en, in_cluster, lat, lon,
        n_mentions; most mentioned first, then by name.
    """
    m = select_zones(mentions, zones)
    counts = m[m["entity"] == "place"]["name"].value_counts()
    places = lexicon.places
    english = dict(zip(places["name"], places["name_en"]))
    prefecture = _prefecture_of(lexicon, year)
    table = pd.DataFrame({
        "place": places["name"],
        "place_en": places["name_en"],
        "level": places["level"],
        "prefecture": places["name"].map(prefecture),
        "in_cluster": places["in_cluster"],
        "lat": places["lat"],
        "lon": places["lon"],
        "n_mentions": places["name"].map(counts).fillna(0).astype(int),
    })
    table.insert(4, "prefecture_en", table["prefecture"].map(english))
    return table.sort_values(["n_mentions", "place"], ascending=[False, True], ignore_index=True)


def roll_up_mentions(place_mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions rolled up to prefecture-level units, by the level at which they were made.

    Args:
        place_mentions: the table of :func:`count_place_mentions`.

    Returns:
        prefecture, prefecture_en, in_cluster, n_prefecture (the unit named itself),
        n_county, n_town, n_total; most mentioned first, then by name.
    """
    t = place_mentions.copy()
    t["as"] = t["level"].where(t["place"] != t["prefecture"], "prefecture").replace({"outside_province": "county"})
    wide = t.pivot_table(index="prefecture", columns="as", values="n_mentions", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=["prefecture", "county", "town"], fill_value=0)
    wide.columns = ["n_prefecture", "n_county", "n_town"]
    info = t[t["place"] == t["prefecture"]].set_index("place")[["place_en", "in_cluster"]]
    info = info.rename(columns={"place_en": "prefecture_en"})
    table = info.join(wide, how="left").fillna(0).reset_index(names="prefecture")
    for col in ("n_prefecture", "n_county", "n_town"):
        table[col] = table[col].astype(int)
    table["n_total"] = table["n_prefecture"] + table["n_county"] + table["n_town"]
    return table.sort_values(["n_total", "prefecture"], ascending=[False, True], ignore_index=True)


def compare_place_zones(mentions: pd.DataFrame, lexicon: Lexicon, *, year: int | None = None) -> pd.DataFrame:
    """Place mentions per prefecture counted two ways: in what the plan says, and in all its text.

    The difference is the mentions inside responsibility clauses (a city named in a list of
    governments charged with a task).

    Returns:
        prefecture, prefecture_en, in_cluster, n_content (body and headings, rolled up as in
        :func:`roll_up_mentions`), n_clause, n_all, clause_share (n_clause / n_all, 0 where
        n_all is 0); most content mentions first, then by name.
    """
    content = roll_up_mentions(count_place_mentions(mentions, lexicon, year=year)).set_index("prefecture")
    everything = roll_up_mentions(count_place_mentions(mentions, lexicon, zones=None, year=year)).set_index(
        "prefecture")
    table = content[["prefecture_en", "in_cluster"]].copy()
    table["n_content"] = content["n_total"]
    table["n_all"] = everything["n_total"].reindex(table.index)
    table["n_clause"] = table["n_all"] - table["n_content"]
    table["clause_share"] = (table["n_clause"] / table["n_all"].where(table["n_all"] > 0)).fillna(0.0)
    table = table.reset_index()[["prefecture", "prefecture_en", "in_cluster", "n_content", "n_clause", "n_all",
                                 "clause_share"]]
    return table.sort_values(["n_content", "prefecture"], ascending=[False, True], ignore_index=True)


def count_city_leads(assignments: pd.DataFrame, lexicon: Lexicon) -> pd.DataFrame:
    """Tasks led and supported by each government that the lexicon ties to a place.

    Returns:
        place, place_en, agency, n_lead, n_support; most leads first, then by place.
    """
    agencies = lexicon.agencies[lexicon.agencies["place"] != ""][["name", "place"]]
    english = dict(zip(lexicon.places["name"], lexicon.places["name_en"]))
    counts = pd.crosstab(assignments["agency"], assignments["role"]).reindex(columns=["lead", "support"], fill_value=0)
    table = agencies.rename(columns={"name": "agency"}).set_index("agency").join(counts).fillna(0).reset_index()
    table["place_en"] = table["place"].map(english)
    table = table.rename(columns={"lead": "n_lead", "support": "n_support"})
    table[["n_lead", "n_support"]] = table[["n_lead", "n_support"]].astype(int)
    table = table[["place", "place_en", "agency", "n_lead", "n_support"]]
    return table.sort_values(["n_lead", "place"], ascending=[False, True], ignore_index=True)


def build_place_sector_matrix(mentions: pd.DataFrame, sector_codes: pd.DataFrame, lexicon: Lexicon, *,
                              zones: Iterable[str] | None = CONTENT_ZONES, year: int | None = None) -> pd.DataFrame:
    """Sentences in which a prefecture (or a place within it) is named and a sector is coded.

    Places are counted where the plan writes about them (``zones``, as for
    :func:`count_place_mentions`), and rolled up to the prefectures of ``year``; sectors come from
    :func:`~harchang_analysis.analysis.code_sentences`.

    Returns:
        prefecture, prefecture_en, sector, sector_en, n_sentences; by prefecture, then sector.
    """
    prefecture = _prefecture_of(lexicon, year)
    english = dict(zip(lexicon.places["name"], lexicon.places["name_en"]))
    in_zones = select_zones(mentions, zones)
    places = in_zones[in_zones["entity"] == "place"].assign(prefecture=lambda m: m["name"].map(prefecture))
    sectors = sector_codes[["sentence_id", "sector", "sector_en"]].drop_duplicates()
    pairs = places[["sentence_id", "prefecture"]].drop_duplicates().merge(sectors, on="sentence_id")
    table = pairs.groupby(["prefecture", "sector", "sector_en"]).size().rename("n_sentences").reset_index()
    table.insert(1, "prefecture_en", table["prefecture"].map(english))
    return table[["prefecture", "prefecture_en", "sector", "sector_en", "n_sentences"]].sort_values(
        ["prefecture", "sector"], ignore_index=True)


LEVEL_NAMES = {"n_prefecture": ("地级单位本身", "Prefecture itself"), "n_county": ("县级单位", "County-level units"),
               "n_town": ("镇", "Towns")}


def stack_mentions_by_level(rolled: pd.DataFrame) -> pd.DataFrame:
    """The rolled-up mentions in long form, one row per prefecture and level, for stacked bars.

    Args:
        rolled: the table of :func:`roll_up_mentions`.

    Returns:
        prefecture, prefecture_en, in_cluster, level (in Chinese), level_en, n_mentions; in
        the order of ``rolled``, then by level.
    """
    long = rolled.melt(id_vars=["prefecture", "prefecture_en", "in_cluster"], value_vars=list(LEVEL_NAMES),
                       var_name="level", value_name="n_mentions")
    order = {p: i for i, p in enumerate(rolled["prefecture"])}
    long = long.assign(_p=long["prefecture"].map(order), _l=long["level"].map(list(LEVEL_NAMES).index))
    long = long.sort_values(["_p", "_l"], ignore_index=True).drop(columns=["_p", "_l"])
    long.insert(4, "level_en", long["level"].map(lambda k: LEVEL_NAMES[k][1]))
    long["level"] = long["level"].map(lambda k: LEVEL_NAMES[k][0])
    return long


def map_prefecture_mentions(rolled: pd.DataFrame, lexicon: Lexicon, *, gazetteer_mentions: pd.DataFrame | None = None,
                            provinces: Iterable[str] | None = None,
                            zones: Iterable[str] | None = CONTENT_ZONES) -> pd.DataFrame:
    """The rolled-up mentions on China's prefecture-level units, ready for a choropleth.

    The plan's province(s) are those of the lexicon's own prefectures (``level`` prefecture);
    every unit of them is on the map, with the units of the lexicon's cluster places and every
    unit the plan names. Names are found in the national gazetteer
    (:func:`~harchang_analysis.geography.locate_places`); a county-level place the lexicon keeps as
    a unit of its own (满洲里市) counts towards the gazetteer's prefecture (呼伦贝尔市).

    Args:
        rolled: the table of :func:`roll_up_mentions`.
        gazetteer_mentions: places the lexicon does not hold (:func:`find_gazetteer_mentions`);
            their prefecture- and county-level mentions in ``zones`` count too.
        provinces: the plan's province(s) (:func:`find_home_provinces`); by default the
            lexicon's. The lexicon's cluster is drawn only when its province is among them.

    Returns:
        adcode, prefecture (gazetteer name), name, name_en (short, for labels), province,
        n_mentions, home (in the plan's province), lat, lon (a point inside the unit), named_as
        (the lexicon's names counted here, |-joined); one row per unit of the plan's province,
        of its cluster or named by it, by adcode. Names the gazetteer does not hold are left out
        with a warning.
    """
    from ..geography import locate_places, read_gazetteer

    places = lexicon.places
    own = places.loc[places["level"] == "prefecture", "name"]
    own_units = locate_places(own)
    lexicon_home = set(own_units.loc[own_units["matched_by"] != "", "province"])
    home = set(provinces) if provinces is not None else lexicon_home
    located = locate_places(rolled["prefecture"], provinces=home)
    missing = sorted(set(rolled.loc[located["matched_by"].eq("").to_numpy() & rolled["n_total"].gt(0).to_numpy(),
                                    "prefecture"]))
    if missing:
        warnings.warn(f"not in the national gazetteer, left off the map: {', '.join(missing)}", stacklevel=2)
    ours = bool(lexicon_home & home)  # the lexicon was made for this plan's province: its cluster is drawn
    cluster = locate_places(places.loc[places["in_cluster"] & ours, "name"], provinces=home)
    table = pd.DataFrame({"adcode": located["prefecture_adcode"], "n": rolled["n_total"].to_numpy(),
                          "named_as": rolled["prefecture"].to_numpy()})
    if not ours:  # another province's lexicon: only the places of it that this plan names
        table = table[table["n"] > 0]
    if gazetteer_mentions is not None and len(gazetteer_mentions):
        extra = select_zones(gazetteer_mentions, zones)
        extra = extra[extra["level"].isin(["prefecture", "county"])]
        table = pd.concat([table, pd.DataFrame({"adcode": extra["prefecture_adcode"], "n": 1,
                                                "named_as": extra["unit"]})], ignore_index=True)
    table = table[table["adcode"] != ""]
    counts = table.groupby("adcode").agg(n_mentions=("n", "sum"),
                                         named_as=("named_as", lambda s: "|".join(sorted(set(s)))))
    gazetteer = read_gazetteer()
    units = gazetteer[gazetteer["level"] == "prefecture"]
    keep = units["province"].isin(home) | units["adcode"].isin(set(cluster["prefecture_adcode"]) | set(counts.index))
    out = units[keep].set_index("adcode")
    out = pd.DataFrame({
        "prefecture": out["name"], "name": out["short_name"], "name_en": out["name_en"], "province": out["province"],
        "n_mentions": counts["n_mentions"].reindex(out.index).fillna(0).astype(int),
        "home": out["province"].isin(home), "lat": out["lat"], "lon": out["lon"],
        "named_as": counts["named_as"].reindex(out.index).fillna(""),
    })
    return out.reset_index().sort_values("adcode", ignore_index=True)


#: county-level names that plans also use as common words (a new urban district, a mining area):
#: never taken from the gazetteer, only from a lexicon that lists them
GENERIC_UNIT_NAMES = frozenset({"城区", "新城区", "老城区", "郊区", "矿区", "新区", "市中区", "城中区", "东区", "西区",
                                "开发区", "市辖区"})
#: what follows a place name that makes it part of an agency's name (成都市人民政府, 鞍山市发改委)
_AGENCY_TAIL = re.compile(r"(?:人民政府|政府|党委|市委|县委|区委|委员会|管委会|管理委员会|发改委|[委局厅办署])")
GAZETTEER_COLUMNS = ["name", "start", "end", "zone", "level", "adcode", "unit", "unit_en", "province", "prefecture",
                     "prefecture_adcode", "n_candidates"]


@lru_cache(maxsize=1)
def _gazetteer_names() -> tuple[frozenset[str], tuple[int, ...], np.ndarray]:
    """The names :func:`find_gazetteer_mentions` reads, their lengths (longest first) and the code
    points of their first two characters (as one number each); built once per process."""
    from ..geography import read_gazetteer

    gazetteer = read_gazetteer()
    level = gazetteer["level"]
    names = (set(gazetteer.loc[level != "county", "name"]) | set(gazetteer.loc[level != "county", "short_name"])
             | set(gazetteer.loc[level == "county", "name"]))
    names = {n for n in names if len(n) >= 2 and n not in GENERIC_UNIT_NAMES}
    heads = np.array(sorted({pair_code(n) for n in names}), dtype=np.int64)
    return frozenset(names), tuple(sorted({len(n) for n in names}, reverse=True)), heads


def scan_gazetteer(text: str, starts: np.ndarray, lengths: np.ndarray, zones: np.ndarray,
                   taken: np.ndarray) -> list[tuple[str, int, int, str]]:
    """The gazetteer names that stand in ``text`` as whole tokens: name, start, end, zone.

    A name is looked for at each token's start (``starts``, with the tokens' ``lengths`` and
    ``zones``), longest first; it counts when it ends where a token ends, covers no character
    marked in ``taken`` (the lexicon's own mentions) and is not followed by what makes it an
    agency's name (人民政府, 发改委 …). The next name is looked for after it. ``text`` may hold
    many plans one after another.
    """
    names, sizes, heads = _gazetteer_names()
    if len(starts) == 0:
        return []
    pairs = pair_codes(code_points(text))[starts]
    candidates = np.flatnonzero(np.isin(pairs, heads))
    ends = np.zeros(len(text) + 1, dtype=bool)
    ends[starts + lengths] = True
    rows: list[tuple[str, int, int, str]] = []
    after = -1
    for k in candidates.tolist():
        start = int(starts[k])
        if start < after:
            continue
        for size in sizes:
            name = text[start:start + size]
            if len(name) == size and name in names:
                end = start + size
                after = end
                if ends[end] and not taken[start:end].any() and not _AGENCY_TAIL.match(text, end):
                    rows.append((name, start, end, str(zones[k])))
                break
    return rows


def find_gazetteer_mentions(text: str, tokens: pd.DataFrame, mentions: pd.DataFrame, *,
                            provinces: Iterable[str] = ()) -> pd.DataFrame:
    """Places of all of China that the plan names and its lexicon does not: provinces,
    prefecture-level units (full or short name) and county-level units (full name), from the
    national gazetteer.

    A name counts where it stands as whole words (it starts and ends where the plan's tokens do:
    白山 inside 长白山 is no mention), outside the lexicon's own mentions (places and agencies),
    and not as the head of an agency's name (成都市人民政府, 东城区管委会). County-level units are matched by
    their full names only (立山区, 双流区): their short names are too often ordinary words (振兴,
    和平); names that are also common words (新城区, 矿区) are never matched. A name shared by
    several units goes to the one in ``provinces`` (see
    :func:`~harchang_analysis.geography.locate_places`).

    Args:
        text, tokens, mentions: the plan's clean text and its tokens and mentions tables.
        provinces: the plan's province(s), to resolve shared names.

    Returns:
        name (as written), start, end, zone, level (province, prefecture or county), adcode, unit,
        unit_en, province, prefecture, prefecture_adcode, n_candidates; in text order.
    """
    from ..geography import locate_places, read_gazetteer

    gazetteer = read_gazetteer()
    provincial = gazetteer[gazetteer["level"] == "province"]
    taken = np.zeros(len(text) + 1, dtype=bool)
    for start, end in zip(mentions.loc[mentions["entity"].isin(["place", "agency"]), "start"],
                          mentions.loc[mentions["entity"].isin(["place", "agency"]), "end"]):
        taken[int(start):int(end)] = True
    rows = scan_gazetteer(text, tokens["start"].to_numpy(dtype=np.int64), measure_tokens(tokens),
                          tokens["zone"].to_numpy(), taken)
    province_of = dict(zip(provincial["name"], zip(provincial["adcode"], provincial["name"], provincial["name_en"])))
    province_of |= {short: province_of[full] for full, short in zip(provincial["name"], provincial["short_name"])}
    located = locate_places([r[0] for r in rows if r[0] not in province_of], provinces=provinces)
    units = iter(located.itertuples(index=False))
    out = []
    for name, start, end, zone in rows:
        if name in province_of:
            code, full, english = province_of[name]
            out.append((name, start, end, zone, "province", code, full, english, full, "", "", 1))
            continue
        u = next(units)
        if u.matched_by:
            out.append((name, start, end, zone, u.level, u.adcode, u.unit, u.unit_en, u.province, u.prefecture,
                        u.prefecture_adcode, u.n_candidates))
    return pd.DataFrame(out, columns=GAZETTEER_COLUMNS)


def find_home_provinces(title: str, gazetteer_mentions: pd.DataFrame) -> list[str]:
    """The province(s) a plan is about: those its title names (吉林省…, 四川省…), else the province
    of a prefecture or county its title names (咸阳市…, 立山区…), else the province whose units the
    plan names most (ties: all of them); empty for a plan that names no place.

    >>> find_home_provinces("吉林省哈长城市群发展规划实施方案", pd.DataFrame(columns=GAZETTEER_COLUMNS))
    ['吉林省']
    """
    from ..geography import locate_places, read_gazetteer

    gazetteer = read_gazetteer()
    provincial = gazetteer[gazetteer["level"] == "province"]
    named = [full for full, short in zip(provincial["name"], provincial["short_name"])
             if full in title or (len(short) >= 2 and short in title)]
    if named:
        return sorted(set(named))
    units = gazetteer[(gazetteer["level"] != "province") & (gazetteer["name"].str.len() >= 3)]
    in_title = sorted({n for n in units["name"] if n in title and n not in GENERIC_UNIT_NAMES})
    if in_title:
        located = locate_places(in_title)
        return sorted(set(located.loc[located["matched_by"] != "", "province"]))
    counts = gazetteer_mentions["province"].value_counts()
    return sorted(counts[counts == counts.max()].index) if len(counts) else []
