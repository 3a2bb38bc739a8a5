"""How work is distributed across agencies: counts, sections, co-assignment, concentration."""

from __future__ import annotations

import itertools
from typing import Literal

import numpy as np
import pandas as pd

from ..lexicon import Lexicon
from .common import first_seen_order

Role = Literal["lead", "support", "any"]
AGENCY_TYPE_LABELS = {
    "central_department": ("国务院部门", "State Council departments"),
    "central_organization": ("中央其他机构", "Other central bodies"),
    "provincial_government": ("省级政府", "Provincial governments"),
    "prefecture_government": ("市（州）政府", "Prefecture governments"),
    "county_government": ("县级市政府", "County-level governments"),
    "provincial_department": ("省直部门", "Provincial departments"),
    "municipal_department": ("市直部门", "Municipal departments"),
    "county_department": ("县（区）部门", "County departments"),
    "township_government": ("乡镇（街道）", "Townships and subdistricts"),
    "zone_administration": ("开发区（园区）管理机构", "Development zone administrations"),
    "public_institution": ("事业单位（学校、医院等）", "Public institutions (universities, hospitals …)"),
    "enterprise": ("企业", "Enterprises"),
    "collective": ("集体表述（各有关部门等）", "Collective parties (all departments concerned …)"),
    "other": ("其他（中央驻吉机构等）", "Other (central agencies' branches)"),
}


def count_assignments(assignments: pd.DataFrame, lexicon: Lexicon) -> pd.DataFrame:
    """Lead and support assignments per agency.

    Returns:
        agency, agency_en, agency_short_en (the lexicon's short label, else agency_en),
        agency_type, type_label, type_label_en (the type in words), n_lead, n_support,
        n_total; most assignments first, then most leads, then by name.
    """
    counts = pd.crosstab(assignments["agency"], assignments["role"]).reindex(columns=["lead", "support"], fill_value=0)
    info = assignments.drop_duplicates("agency").set_index("agency")[["agency_en", "agency_type"]]
    info.insert(1, "agency_short_en", _short_names(info.index, info["agency_en"], lexicon))
    table = info.join(counts).rename(columns={"lead": "n_lead", "support": "n_support"}).reset_index()
    table["n_total"] = table["n_lead"] + table["n_support"]
    table.insert(4, "type_label", table["agency_type"].map(lambda t: AGENCY_TYPE_LABELS[t][0]))
    table.insert(5, "type_label_en", table["agency_type"].map(lambda t: AGENCY_TYPE_LABELS[t][1]))
    return table.sort_values(["n_total", "n_lead", "agency"], ascending=[False, False, True], ignore_index=True)


def build_agency_section_matrix(assignments: pd.DataFrame, tasks: pd.DataFrame, sections: pd.DataFrame, *,
                                role: Role = "any") -> pd.DataFrame:
    """Tasks per agency and section.

    Args:
        sections: the table of :func:`~harchang_analysis.analysis.label_sections`.
        role: count only lead or only support assignments, or both.

    Returns:
        agency, agency_en, section, section_en, section_title, n_tasks: one row per agency
        and section where the agency has a task; agencies with the most tasks first (ties by
        name), sections in document order.
    """
    a = assignments if role == "any" else assignments[assignments["role"] == role]
    a = a.merge(tasks[["task_id", "unit_id"]], on="task_id").merge(sections, on="unit_id")
    table = (a.drop_duplicates(["task_id", "agency"])
             .groupby(["agency", "agency_en", "section", "section_en", "section_title"], sort=False)
             .size().rename("n_tasks").reset_index())
    order = first_seen_order(sections["section"])
    table["_order"] = table["section"].map(order)
    table["_total"] = -table.groupby("agency")["n_tasks"].transform("sum")
    table = table.sort_values(["_total", "agency", "_order"], ignore_index=True)
    return table.drop(columns=["_order", "_total"])


def _short_names(agencies, english, lexicon: Lexicon) -> list[str]:
    lookup = lexicon.agency_lookup()
    short = dict(zip(lexicon.agencies["name"], lexicon.agencies["short_en"]))
    return [short.get(lookup.get(a, ""), "") or e or a for a, e in zip(agencies, english)]


def build_coassignment(assignments: pd.DataFrame) -> pd.DataFrame:
    """Pairs of agencies that share tasks, with how many.

    Returns:
        agency_a, agency_b (a < b by name), agency_a_en, agency_b_en, n_shared; most shared
        first, then by names.
    """
    english = dict(zip(assignments["agency"], assignments["agency_en"]))
    pairs: dict[tuple[str, str], int] = {}
    for _, group in assignments.groupby("task_id", sort=True):
        for a, b in itertools.combinations(sorted(set(group["agency"])), 2):
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
    table = pd.DataFrame([(a, b, english[a], english[b], n) for (a, b), n in pairs.items()],
                         columns=["agency_a", "agency_b", "agency_a_en", "agency_b_en", "n_shared"])
    return table.sort_values(["n_shared", "agency_a", "agency_b"], ascending=[False, True, True], ignore_index=True)


def lorenz_curve(counts: pd.Series) -> pd.DataFrame:
    """Points of the Lorenz curve of a count per agency, from (0, 0) to (1, 1).

    Returns:
        share_agencies, share_assignments: cumulative shares, agencies sorted from the
        fewest assignments to the most.

    >>> lorenz_curve(pd.Series([1, 1, 2])).round(3).values.tolist()
    [[0.0, 0.0], [0.333, 0.25], [0.667, 0.5], [1.0, 1.0]]
    """
    values = np.sort(np.asarray(counts, dtype=float))
    if not values.sum():
        return pd.DataFrame({"share_agencies": [], "share_assignments": []}, dtype=float)
    cum = np.concatenate([[0.0], np.cumsum(values)]) / values.sum()
    share = np.arange(len(values) + 1) / len(values)
    return pd.DataFrame({"share_agencies": share, "share_assignments": cum})


def gini(counts: pd.Series) -> float:
    """Gini coefficient of a count per agency: 0 when all carry the same, towards 1 when one carries all.

    >>> gini(pd.Series([5, 5, 5])), round(gini(pd.Series([0, 0, 9])), 3), gini(pd.Series([], dtype=int))
    (0.0, 0.667, nan)
    """
    values = np.sort(np.asarray(counts, dtype=float))
    if not values.sum():
        return float("nan")  # no assignments: concentration is undefined
    n = len(values)
    ranks = np.arange(1, n + 1)
    return float((2 * (ranks * values).sum() / (n * values.sum())) - (n + 1) / n)


def top_share(counts: pd.Series, k: int) -> float:
    """Share of the total carried by the ``k`` largest counts.

    >>> top_share(pd.Series([6, 3, 1]), 1)
    0.6
    """
    values = np.sort(np.asarray(counts, dtype=float))[::-1]
    if not values.sum():
        return float("nan")
    return float(values[:k].sum() / values.sum())


def classify_city_leads(assignments: pd.DataFrame, lexicon: Lexicon) -> pd.DataFrame:
    """For each task, how many of the cluster's prefecture governments lead it.

    Returns:
        task_id, n_city_leads, city_leads (names joined with 、), pattern (``all``,
        ``several``, ``one``, ``none``, where ``all`` means every prefecture government of the
        cluster in the lexicon).
    """
    prefectures = _cluster_prefecture_governments(lexicon)
    rows = []
    for task_id, group in assignments.groupby("task_id", sort=True):
        leads = [a for a in group.loc[group["role"] == "lead", "agency"] if a in prefectures]
        n = len(leads)
        pattern = "none" if n == 0 else "one" if n == 1 else "all" if set(leads) == prefectures else "several"
        rows.append((task_id, n, "、".join(leads), pattern))
    return pd.DataFrame(rows, columns=["task_id", "n_city_leads", "city_leads", "pattern"])


def _cluster_prefecture_governments(lexicon: Lexicon) -> set[str]:
    places = lexicon.places
    cluster = set(places.loc[(places["level"] == "prefecture") & places["in_cluster"], "name"])
    agencies = lexicon.agencies
    return set(agencies.loc[(agencies["agency_type"] == "prefecture_government") & agencies["place"].isin(cluster),
                            "name"])


def build_coassignment_matrix(pairs: pd.DataFrame, workload: pd.DataFrame, *, top_n: int = 20) -> pd.DataFrame:
    """The tasks each two of the busiest agencies share, as a symmetric long table for a heatmap.

    Args:
        pairs: the table of :func:`build_coassignment`.
        workload: the table of :func:`count_assignments` (its order, most assignments first,
            decides which agencies are kept and in which order they are listed).
        top_n: how many agencies, those with most assignments.

    Returns:
        agency_a, agency_a_en, agency_b, agency_b_en (short English labels), n_shared: one row for
        each ordered pair of distinct kept agencies, both directions, zero where they share no
        task; ``agency_a`` in workload order, then ``agency_b`` likewise.
    """
    kept = workload.head(top_n)
    names = list(kept["agency"])
    short = dict(zip(kept["agency"], kept["agency_short_en"]))
    shared = {(a, b): n for a, b, n in zip(pairs["agency_a"], pairs["agency_b"], pairs["n_shared"])}
    rows = [(a, short[a], b, short[b], shared.get((a, b), shared.get((b, a), 0)))
            for a in names for b in names if a != b]
    return pd.DataFrame(rows, columns=["agency_a", "agency_a_en", "agency_b", "agency_b_en", "n_shared"])
