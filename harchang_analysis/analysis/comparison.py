"""Many plans side by side: one function per question, each taking a corpus's tables (with doc_id).

A plan is named in every table by ``plan``, its file name without the extension, which reads the
same in both languages; ``documents`` gives its title.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from ..lexicon import Lexicon
from .common import CONTENT_ZONES, measure_tokens, select_zones
from .cooccurrence import adjust_p_values
from .workload import gini

#: the tiers of government an assignment can go to, from the top; ``collective`` is a group of
#: bodies named together (各省级人民政府, 各有关部门), ``unknown`` a name no lexicon or rule places
TIERS = ("central", "provincial", "prefecture", "county", "township", "collective", "unknown")
TIERS_EN = {"central": "central", "provincial": "provincial", "prefecture": "city (prefecture)",
            "county": "county", "township": "township", "collective": "collective", "unknown": "unknown"}
TIERS_ZH = {"central": "中央", "provincial": "省级", "prefecture": "市（地）级", "county": "县级", "township": "乡镇",
            "collective": "集合主体", "unknown": "未知"}


#: the seed plan's file name is a hash; in comparisons it is called by what it is
SEED_SHORT_NAME = "jilin-2017-harchang"


def name_plans(documents: pd.DataFrame) -> pd.Series:
    """Each plan's short name, its file name without the extension (``.excerpt`` and the like kept;
    the seed plan is ``jilin-2017-harchang``), indexed by doc_id. A name that several plans share
    (files of one name in two folders) gets each plan's doc_id: ``plan#2``, ``plan#5``.

    >>> name_plans(pd.DataFrame({"doc_id": [1, 2, 3], "path": ["a/guofa-2019-3.html", "a/x.txt", "b/x.pdf"]})).tolist()
    ['guofa-2019-3', 'x#2', 'x#3']
    """
    from ..plan import SEED_NAME

    names = pd.Series([SEED_SHORT_NAME if Path(p).name == SEED_NAME else Path(p).stem for p in documents["path"]],
                      index=documents["doc_id"].to_numpy(), name="plan")
    shared = names.duplicated(keep=False)
    return names.where(~shared, names + "#" + names.index.astype(str))


def _per_plan(ids: pd.Series, counts: pd.Series) -> np.ndarray:
    """A count by doc_id, for each plan of ``ids`` (0 for a plan it does not list)."""
    return ids.map(counts).fillna(0).astype(int).to_numpy()


def _share(part: pd.Series, whole: pd.Series) -> pd.Series:
    """``part / whole``, empty where ``whole`` is 0."""
    return part / whole.where(whole > 0)


def _with_plan(table: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    table.insert(1, "plan", table["doc_id"].map(name_plans(documents)))
    return table


def compare_structure(documents: pd.DataFrame, units: pd.DataFrame, tasks: pd.DataFrame) -> pd.DataFrame:
    """How each plan is built: its tasks, the depth of its heading tree, and its stated deadlines.

    Returns:
        doc_id, plan, title, n_units, n_tasks, depth (the deepest heading level; 0 for a plan
        without headings), n_deadline (tasks with a deadline), share_deadline (of its tasks; empty
        for a plan without tasks); by doc_id.
    """
    headings = units[units["kind"] != "paragraph"]
    depth = headings.groupby("doc_id")["depth"].max()
    n_tasks = tasks.groupby("doc_id").size()
    n_deadline = tasks[tasks["deadline"] != ""].groupby("doc_id").size()
    ids = documents["doc_id"]
    table = pd.DataFrame({
        "doc_id": ids.to_numpy(),
        "title": documents["title"].to_numpy(),
        "n_units": _per_plan(ids, units.groupby("doc_id").size()),
        "n_tasks": _per_plan(ids, n_tasks),
        "depth": _per_plan(ids, depth),
        "n_deadline": _per_plan(ids, n_deadline),
    })
    table["share_deadline"] = _share(table["n_deadline"], table["n_tasks"])
    return _with_plan(table, documents).sort_values("doc_id", ignore_index=True)


def compare_responsibility(documents: pd.DataFrame, tasks: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """Who is made responsible in each plan, and how evenly.

    Returns:
        doc_id, plan, n_tasks, n_assigned (tasks with at least one agency), agencies_per_task
        (distinct agencies per assigned task, on average), share_supported (assigned tasks with a
        support agency), n_agencies (distinct agencies), n_leads (lead assignments), lead_gini
        (the Gini coefficient of lead assignments over the agencies that lead), top_agency (the
        agency leading most tasks; ties: the first by name), top_share (its share of the lead
        assignments), share_convention (assignments whose role a document convention decided,
        ``role_basis`` convention); by doc_id. Shares are empty where their denominator is 0.
    """
    a = assignments.assign(_support=assignments["role"] == "support")
    per_task = a.groupby(["doc_id", "task_id"]).agg(n_agencies=("agency", "nunique"), supported=("_support", "max"))
    by_doc = per_task.groupby("doc_id").agg(n_assigned=("n_agencies", "size"), agencies_per_task=("n_agencies", "mean"),
                                            n_supported=("supported", "sum"))
    leads = a[a["role"] == "lead"].groupby(["doc_id", "agency"]).size().rename("n").reset_index()
    leads = leads.sort_values(["doc_id", "n", "agency"], ascending=[True, False, True])
    top = leads.drop_duplicates("doc_id").set_index("doc_id")
    ids = documents["doc_id"]
    table = pd.DataFrame({
        "doc_id": ids.to_numpy(),
        "n_tasks": _per_plan(ids, tasks.groupby("doc_id").size()),
        "n_assigned": _per_plan(ids, by_doc["n_assigned"]),
        "agencies_per_task": ids.map(by_doc["agencies_per_task"]).to_numpy(dtype=float),
        "n_supported": _per_plan(ids, by_doc["n_supported"]),
        "n_agencies": _per_plan(ids, a.groupby("doc_id")["agency"].nunique()),
        "n_leads": _per_plan(ids, leads.groupby("doc_id")["n"].sum()),
        "lead_gini": ids.map(leads.groupby("doc_id")["n"].agg(gini)).to_numpy(dtype=float),
        "top_agency": ids.map(top["agency"]).fillna("").to_numpy(),
        "n_top": _per_plan(ids, top["n"]),
        "n_convention": _per_plan(ids, a[a["role_basis"] == "convention"].groupby("doc_id").size()),
        "n_assignments": _per_plan(ids, a.groupby("doc_id").size()),
    })
    table["share_supported"] = _share(table["n_supported"], table["n_assigned"])
    table["top_share"] = _share(table["n_top"], table["n_leads"])
    table["share_convention"] = _share(table["n_convention"], table["n_assignments"])
    table = _with_plan(table, documents)
    return table[["doc_id", "plan", "n_tasks", "n_assigned", "agencies_per_task", "share_supported", "n_agencies",
                  "n_leads", "lead_gini", "top_agency", "top_share", "share_convention"]]


def compare_agency_tiers(documents: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """The tiers of government each plan gives its assignments to (central, provincial, city …).

    A collective party (各省级人民政府) counts as ``collective`` whatever its level; an agency
    whose level neither a lexicon nor the form of its name gives counts as ``unknown``.

    Returns:
        doc_id, plan, tier, tier_label (zh), tier_label_en, n_assignments, share (of the plan's assignments);
        plans by doc_id, tiers from the top, every tier listed for every plan (0 where none).
    """
    tier = assignments["agency_level"].where(assignments["agency_level"] != "", "unknown")
    tier = tier.where(assignments["agency_type"] != "collective", "collective")
    counts = pd.crosstab(assignments["doc_id"], tier).reindex(index=documents["doc_id"], columns=list(TIERS),
                                                              fill_value=0)
    long = counts.stack().rename("n_assignments").reset_index()
    long.columns = ["doc_id", "tier", "n_assignments"]
    total = long.groupby("doc_id")["n_assignments"].transform("sum")
    long["share"] = _share(long["n_assignments"], total)
    long.insert(2, "tier_label", long["tier"].map(TIERS_ZH))
    long.insert(3, "tier_label_en", long["tier"].map(TIERS_EN))
    long = long.astype({"n_assignments": int})
    return _with_plan(long, documents)


def profile_codes(documents: pd.DataFrame, codes: pd.DataFrame, *, category: str) -> pd.DataFrame:
    """Each plan's profile over a coding's categories: sectors, instruments or instrument types.

    Args:
        codes: the table of :func:`~harchang_analysis.analysis.code_corpus` (sectors or
            instruments).
        category: the column to profile: ``sector``, ``instrument`` or ``instrument_type``; its
            English column (``sector_en`` …) comes along.

    Returns:
        doc_id, plan, the category and its English, n_sentences (sentences coded with it),
        share (of the plan's sentence–category codes), n_codes (those codes, the denominator);
        plans by doc_id, categories by name; every category of the corpus for every plan.
    """
    english = f"{category}_en"
    counts = codes.drop_duplicates(["doc_id", "sentence_id", category])
    names = counts[[category, english]].drop_duplicates(category).sort_values(category)
    table = pd.crosstab(counts["doc_id"], counts[category]).reindex(
        index=documents["doc_id"], columns=names[category], fill_value=0)
    long = table.stack().rename("n_sentences").reset_index()
    long.columns = ["doc_id", category, "n_sentences"]
    long.insert(2, english, long[category].map(dict(zip(names[category], names[english]))))
    long["n_codes"] = long.groupby("doc_id")["n_sentences"].transform("sum").astype(int)
    long["share"] = _share(long["n_sentences"], long["n_codes"])
    long = long.astype({"n_sentences": int})
    return _with_plan(long[["doc_id", category, english, "n_sentences", "share", "n_codes"]], documents)


def _cosine(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1)
    safe = np.where(norms > 0, norms, 1.0)
    unit = matrix / safe[:, None]
    sim = unit @ unit.T
    sim[norms == 0, :] = np.nan
    sim[:, norms == 0] = np.nan
    return sim


def _pairs(ids: np.ndarray, sim: np.ndarray, names: pd.Series) -> pd.DataFrame:
    """Every ordered pair of the plans ``ids`` with its similarity; ``names``: plan by doc_id."""
    a, b = np.meshgrid(np.arange(len(ids)), np.arange(len(ids)), indexing="ij")
    table = pd.DataFrame({"doc_a": ids[a.ravel()], "doc_b": ids[b.ravel()], "similarity": sim.ravel()})
    table.insert(1, "plan_a", table["doc_a"].map(names))
    table.insert(3, "plan_b", table["doc_b"].map(names))
    return table


def measure_profile_similarity(profile: pd.DataFrame, *, category: str, value: str = "share") -> pd.DataFrame:
    """How alike every two plans' profiles are (:func:`profile_codes`): the cosine of their shares.

    Returns:
        doc_a, plan_a, doc_b, plan_b, similarity (1: the same mix; empty for a plan with no
        codes); every ordered pair, a plan with itself included, by doc_a then doc_b.
    """
    wide = profile.pivot_table(index="doc_id", columns=category, values=value, aggfunc="sum", fill_value=0.0)
    names = profile.drop_duplicates("doc_id").set_index("doc_id")["plan"]
    return _pairs(wide.index.to_numpy(), _cosine(wide.to_numpy(dtype=float)), names)


def count_terms(tokens: pd.DataFrame, *, zones: Iterable[str] | None = CONTENT_ZONES) -> pd.DataFrame:
    """How often each plan uses each content word: the counts that word similarity and keyness read.

    Content words are those of :func:`~harchang_analysis.analysis.rank_distinctive_terms` (two
    characters or more, no stopword or quantity, a noun, verb or name), in the body and headings
    by default.

    Returns:
        doc_id, term, n; by doc_id, then term.
    """
    from .sectors import _content_mask

    columns = ["doc_id", "token", "pos", "entity", "is_stopword", "zone"]  # what it reads: no copy of the rest
    t = select_zones(tokens[columns], zones)
    t = t[_content_mask(t)]
    if t.empty:
        return pd.DataFrame({"doc_id": pd.Series(dtype="int64"), "term": pd.Series(dtype="str"),
                             "n": pd.Series(dtype="int64")})
    words, distinct = pd.factorize(t["token"], sort=True)  # codes in the order of the terms
    docs = t["doc_id"].to_numpy(dtype=np.int64)
    pair, n = np.unique(docs * len(distinct) + words, return_counts=True)  # sorted: by doc, then term
    terms = np.asarray(distinct, dtype=object)
    return pd.DataFrame({"doc_id": pair // len(distinct), "term": terms[pair % len(distinct)],
                         "n": n})


def measure_text_similarity(documents: pd.DataFrame, term_counts: pd.DataFrame) -> pd.DataFrame:
    """How alike every two plans' words are: the cosine of their TF-IDF vectors over content terms.

    Each plan's content words (:func:`count_terms`) form one document; weights are scikit-learn's
    smoothed TF-IDF with L2-normalised rows, so words every plan uses (发展, 建设) weigh little.

    Returns:
        doc_a, plan_a, doc_b, plan_b, similarity (0 to 1; empty for a plan without content
        words); every ordered pair, by doc_a then doc_b.
    """
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer  # slow to import: only when used

    ids = documents["doc_id"].to_numpy()
    rows = pd.Index(ids).get_indexer(term_counts["doc_id"])
    known = rows >= 0
    terms, _ = pd.factorize(term_counts["term"])
    if not known.any():
        return _pairs(ids, np.full((len(ids), len(ids)), np.nan), name_plans(documents))
    counts = csr_matrix((term_counts["n"].to_numpy(dtype=float)[known], (rows[known], terms[known])),
                        shape=(len(ids), int(terms.max()) + 1))
    matrix = TfidfTransformer().fit_transform(counts)
    sim = (matrix @ matrix.T).toarray()
    empty = np.asarray(counts.sum(axis=1)).ravel() == 0
    sim[empty, :] = np.nan
    sim[:, empty] = np.nan
    return _pairs(ids, sim, name_plans(documents))


def find_keyness(documents: pd.DataFrame, term_counts: pd.DataFrame, *, top_n: int = 10,
                 min_count: int = 5) -> pd.DataFrame:
    """The words that set each plan apart from the rest of the corpus: keyness by log-likelihood.

    For each plan and content term (:func:`count_terms`), the plan's count (a of its n words) is
    set against the rest of the corpus (b of m words): G² (Dunning's log-likelihood, 1 degree of
    freedom), with its p-value corrected by Benjamini–Hochberg over every plan and term tested;
    the effect size is Hardie's Log Ratio, log2((a/n) / (b/m)), with 0.5 for a count of 0 (1 =
    twice as frequent as in the rest). Only terms a plan uses more than the rest, ``min_count``
    times or more, are kept.

    Returns:
        doc_id, plan, rank (1 = the highest G²), term, n_plan, n_rest, per_10k_plan, per_10k_rest
        (per 10,000 content words), g2, log_ratio, p_adjusted; up to ``top_n`` per plan, by
        doc_id and rank (ties by term).
    """
    from scipy.stats import chi2

    columns = ["doc_id", "plan", "rank", "term", "n_plan", "n_rest", "per_10k_plan", "per_10k_rest", "g2",
               "log_ratio", "p_adjusted"]
    counts = term_counts.rename(columns={"n": "a"}).copy()
    if counts.empty or counts["doc_id"].nunique() < 2:
        return pd.DataFrame(columns=columns)
    size = counts.groupby("doc_id")["a"].transform("sum").to_numpy(dtype=float)
    total = counts.groupby("term")["a"].transform("sum").to_numpy(dtype=float)
    a = counts["a"].to_numpy(dtype=float)
    b = total - a
    n, m = size, float(counts["a"].sum()) - size
    e1, e2 = n * (a + b) / (n + m), m * (a + b) / (n + m)
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * (np.where(a > 0, a * np.log(a / e1), 0.0) + np.where(b > 0, b * np.log(b / e2), 0.0))
        log_ratio = np.log2((np.where(a > 0, a, 0.5) / n) / (np.where(b > 0, b, 0.5) / m))
    counts["n_rest"] = b.astype(int)
    counts["per_10k_plan"] = a / n * 10_000
    counts["per_10k_rest"] = np.where(m > 0, b / np.where(m > 0, m, 1) * 10_000, np.nan)
    counts["g2"] = g2
    counts["log_ratio"] = log_ratio
    counts["p_adjusted"] = adjust_p_values(chi2.sf(g2, 1))
    kept = counts[(counts["a"] >= min_count) & (counts["log_ratio"] > 0)]
    kept = kept.sort_values(["doc_id", "g2", "term"], ascending=[True, False, True])
    kept = kept.groupby("doc_id").head(top_n).copy()
    kept["rank"] = kept.groupby("doc_id").cumcount() + 1
    kept = kept.rename(columns={"a": "n_plan"}).astype({"n_plan": int})
    return _with_plan(kept.reset_index(drop=True), documents)[columns]


def locate_corpus_places(documents: pd.DataFrame, tokens: pd.DataFrame, mentions: pd.DataFrame, lexicon: Lexicon,
                         *, zones: Iterable[str] | None = CONTENT_ZONES) -> pd.DataFrame:
    """Every place each plan names, located in the national gazetteer.

    The lexicon's places (its mentions) roll up to their prefecture, as in
    :func:`~harchang_analysis.analysis.roll_up_mentions`; the other places of China are found as
    by :func:`~harchang_analysis.analysis.find_gazetteer_mentions`, their shared names resolved
    by each plan's own province (:func:`~harchang_analysis.analysis.find_home_provinces`). All
    plans are read in one pass.

    Returns:
        doc_id, plan, name (as written), source (lexicon or gazetteer), level (province,
        prefecture, county or town), province, prefecture (empty for a province),
        prefecture_adcode; one row per mention in ``zones``, by doc_id and place in the text.
    """
    from ..geography import locate_places, read_gazetteer
    from .coding import rebuild_corpus_text
    from .places import GAZETTEER_COLUMNS, _prefecture_of, find_home_provinces, scan_gazetteer

    columns = ["doc_id", "plan", "name", "source", "level", "province", "prefecture", "prefecture_adcode"]
    if tokens.empty:
        return pd.DataFrame(columns=columns)
    gazetteer = read_gazetteer()
    provincial = gazetteer[gazetteer["level"] == "province"]
    province_names = dict(zip(provincial["name"], provincial["name"])) | dict(zip(provincial["short_name"],
                                                                                   provincial["name"]))
    # the gazetteer's places, in all plans at once
    text, shift, doc_of = rebuild_corpus_text(tokens)
    taken = np.zeros(len(text) + 1, dtype=bool)
    named = mentions[mentions["entity"].isin(["place", "agency"])]
    doc_index = pd.Index(np.unique(tokens["doc_id"].to_numpy()))
    named = named[named["doc_id"].isin(doc_index)]
    if len(named):
        begin = named["start"].to_numpy(dtype=np.int64) + shift[doc_index.get_indexer(named["doc_id"])]
        size = (named["end"] - named["start"]).to_numpy(dtype=np.int64)
        taken[np.repeat(begin, size) + np.arange(size.sum()) - np.repeat(np.cumsum(size) - size, size)] = True
    starts = tokens["start"].to_numpy(dtype=np.int64) + shift[doc_of]
    found = scan_gazetteer(text, starts, measure_tokens(tokens), tokens["zone"].to_numpy(), taken)
    hits = pd.DataFrame(found, columns=["name", "start", "end", "zone"])
    hits["doc_id"] = doc_index[np.searchsorted(shift, hits["start"].to_numpy(), side="right") - 1]
    # each plan's province, from its title and the places it names, resolves shared names
    first = locate_places(sorted(set(hits["name"]) - set(province_names)))
    province_of_name = dict(zip(first["name"], first["province"])) | province_names
    titles = dict(zip(documents["doc_id"], documents["title"]))
    homes = {}
    for doc_id, group in hits.groupby("doc_id"):
        guess = pd.DataFrame("", index=range(len(group)), columns=GAZETTEER_COLUMNS)
        guess["province"] = group["name"].map(province_of_name).fillna("").to_numpy()
        homes[doc_id] = tuple(find_home_provinces(titles.get(doc_id, ""), guess))
    pieces = []
    hits = select_zones(hits, zones)
    provincial_hits = hits[hits["name"].isin(province_names)]
    pieces.append(pd.DataFrame({"doc_id": provincial_hits["doc_id"].to_numpy(),
                                "_at": provincial_hits["start"].to_numpy(),
                                "name": provincial_hits["name"].to_numpy(), "source": "gazetteer", "level": "province",
                                "province": provincial_hits["name"].map(province_names).to_numpy(), "prefecture": "",
                                "prefecture_adcode": ""}))
    inside = hits[~hits["name"].isin(province_names)]
    home_of = inside["doc_id"].map(lambda d: "|".join(homes.get(d, ())))
    for home, group in inside.groupby(home_of, sort=True):
        located = locate_places(sorted(set(group["name"])), provinces=[p for p in home.split("|") if p])
        found = group.merge(located[located["matched_by"] != ""], on="name", how="inner")
        pieces.append(pd.DataFrame({"doc_id": found["doc_id"].to_numpy(), "_at": found["start"].to_numpy(),
                                    "name": found["name"].to_numpy(), "source": "gazetteer",
                                    "level": found["level"].to_numpy(), "province": found["province"].to_numpy(),
                                    "prefecture": found["prefecture"].to_numpy(),
                                    "prefecture_adcode": found["prefecture_adcode"].to_numpy()}))
    # the lexicon's own places, rolled up to their prefecture
    own = select_zones(mentions[mentions["entity"] == "place"], zones)
    own = own[own["doc_id"].isin(doc_index)]
    if len(own):
        prefecture = _prefecture_of(lexicon)
        level = dict(zip(lexicon.places["name"], lexicon.places["level"]))
        units = sorted(set(own["name"].map(prefecture).dropna()))
        home = sorted(set(locate_places(lexicon.places.loc[lexicon.places["level"] == "prefecture", "name"])
                          ["province"]) - {""})
        located = locate_places(units, provinces=home)
        located = located[located["matched_by"] != ""].drop(columns="level").rename(columns={"name": "unit_name"})
        own = own.assign(unit_name=own["name"].map(prefecture),
                         _at=own["start"].to_numpy() + shift[doc_index.get_indexer(own["doc_id"])])
        found = own.merge(located, on="unit_name", how="inner")
        kind = found["name"].map(level).fillna("county").where(found["name"] != found["unit_name"], "prefecture")
        pieces.append(pd.DataFrame({"doc_id": found["doc_id"].to_numpy(), "_at": found["_at"].to_numpy(),
                                    "name": found["name"].to_numpy(), "source": "lexicon",
                                    "level": kind.replace({"outside_province": "county"}).to_numpy(),
                                    "province": found["province"].to_numpy(),
                                    "prefecture": found["prefecture"].to_numpy(),
                                    "prefecture_adcode": found["prefecture_adcode"].to_numpy()}))
    table = pd.concat(pieces, ignore_index=True).sort_values(["doc_id", "_at"], kind="stable")
    return _with_plan(table.drop(columns="_at").reset_index(drop=True), documents)[columns]


def count_provinces_by_plan(documents: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """How often each plan names places in each province (the province itself or any unit in it).

    Args:
        places: the table of :func:`locate_corpus_places`.

    Returns:
        doc_id, plan, province, province_en, adcode (the province's), n_mentions, share (of the
        plan's place mentions), n_prefectures (distinct prefecture-level units named in it); one
        row per plan and province it names,
        by doc_id then most mentions (ties by adcode). A plan that names no place has no rows.
    """
    from ..geography import read_gazetteer

    gazetteer = read_gazetteer()
    provincial = gazetteer[gazetteer["level"] == "province"].set_index("name")
    grouped = places.groupby(["doc_id", "province"])
    table = grouped.size().rename("n_mentions").to_frame()
    table["n_prefectures"] = grouped["prefecture_adcode"].agg(lambda s: s[s != ""].nunique())
    table = table.reset_index()
    table["province_en"] = table["province"].map(provincial["name_en"])
    table["adcode"] = table["province"].map(provincial["adcode"])
    table["share"] = table["n_mentions"] / table.groupby("doc_id")["n_mentions"].transform("sum")
    table = table.sort_values(["doc_id", "n_mentions", "adcode"], ascending=[True, False, True], ignore_index=True)
    return _with_plan(table, documents)[["doc_id", "plan", "province", "province_en", "adcode", "n_mentions", "share",
                                         "n_prefectures"]]


def map_places_by_plan(provinces: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """What the small maps of the plans show: each plan's provinces with their share of its place
    mentions, and the prefecture-level units it names.

    Args:
        provinces: the table of :func:`count_provinces_by_plan`; places: that of
            :func:`locate_corpus_places`.

    Returns:
        doc_id, plan, level (province or prefecture), adcode, name, n_mentions (for a prefecture,
        the mentions of it and of the places in it), share (of the plan's place mentions); by
        doc_id, provinces first (most mentions first), then prefectures by adcode.
    """
    columns = ["doc_id", "plan", "level", "adcode", "name", "n_mentions", "share"]
    own = provinces.assign(level="province", name=provinces["province"])[columns]
    named = places[places["prefecture_adcode"] != ""]
    units = named.groupby(["doc_id", "plan", "prefecture_adcode", "prefecture"], sort=True).size()
    units = units.rename("n_mentions").reset_index().rename(columns={"prefecture_adcode": "adcode",
                                                                     "prefecture": "name"})
    totals = places.groupby("doc_id").size()
    units["share"] = units["n_mentions"] / units["doc_id"].map(totals)
    units["level"] = "prefecture"
    table = pd.concat([own, units[columns]], ignore_index=True)
    table["_order"] = (table["level"] == "prefecture").astype(int)
    return table.sort_values(["doc_id", "_order"], kind="stable").drop(columns="_order").reset_index(drop=True)
