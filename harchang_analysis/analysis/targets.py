"""Quantitative targets, deadlines and named projects, with the agencies that lead them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from .common import first_seen_order

if TYPE_CHECKING:
    from ..plan import Plan

#: a number with an optional 万/亿 and a unit of count, area, length, mass or vehicles
TARGET_RE = re.compile(
    r"(?P<value>\d+(?:\.\d+)?)(?P<scale>万|亿)?(?P<unit>亩|条|个|家|辆|户|吨|座|公里|千米|千瓦|所|项|人|处|元)"
    r"(?P<more>以上|左右)?")
DEADLINE_RE = re.compile(r"到(20\d\d)年")
_SEGMENT = re.compile(r"[^，、；。：“”]+")
_LEADING_VERBS = re.compile(
    r"^(?:重点|加快|推进|建设|实施|启动|续建|新建|扩建|新改建|改造|推动|完成|打造|开通|提升|完善|依托|抓好|构建|设立|"
    r"规划|探索|建立|开辟|稳定运营|拓展|畅通|以|和|及)+")
_TRAILING = re.compile(r"(?:等(?:项目|工程|功能区)?(?:建设)?|全线贯通|建设)$")
PROJECT_SUFFIXES = {
    "park": ("产业园", "物流园区", "物流园", "科技园", "产业基地", "物流中心", "试验区", "示范区", "综合保税区", "食品区"),
    "airport": ("机场",),
    "route": ("航线",),
    "rail": ("铁路", "线"),
    "highway": ("高速",),
}
#: words that end in 线 but are no rail line
NOT_RAIL = ("红线", "路线", "沿线", "生产线", "干线", "一线")
_SCALE = {"": 1, "万": 10_000, "亿": 100_000_000}


def _task_of(plan: Plan) -> list[tuple[int, int, int, str]]:
    spans = plan.units.set_index("unit_id").loc[plan.tasks["unit_id"], ["start", "end"]].to_numpy()
    tasks = plan.tasks
    return [(int(t), int(s), int(e), p) for t, (s, e), p in zip(tasks["task_id"], spans, tasks["heading_path"])]


def _locate(tasks: list[tuple[int, int, int, str]], offset: int) -> tuple[object, str]:
    for task_id, start, end, path in tasks:
        if start <= offset < end:
            return task_id, path
    return pd.NA, ""


def extract_targets(plan: Plan) -> pd.DataFrame:
    """Quantitative targets: a number with a unit (25条, 7.5万亩, 1000家 …) and its deadline.

    The deadline is the year of the nearest 到20XX年 before the number in the same paragraph,
    if any. Numbers in names (1号线, 世界500强), years and ranges of years are not targets.

    Returns:
        task_id (empty outside tasks), heading_path, quantity (as written), value (the number
        times 万 or 亿), unit, qualifier (以上 / 左右 or empty), deadline, context (the phrase
        that holds the number); in document order.
    """
    text = plan.text
    tasks = _task_of(plan)
    rows = []
    for m in TARGET_RE.finditer(text):
        value = float(m["value"]) * _SCALE[m["scale"] or ""]
        para_start = text.rfind("\n", 0, m.start()) + 1
        deadlines = DEADLINE_RE.findall(text, para_start, m.start())
        seg_start = max(text.rfind(ch, 0, m.start()) for ch in "，；。、\n") + 1
        seg_end = min((i for i in (text.find(ch, m.end()) for ch in "，；。、\n") if i >= 0), default=len(text))
        task_id, path = _locate(tasks, m.start())
        rows.append((task_id, path, m.group(0), value, (m["scale"] or "") + m["unit"], m["more"] or "",
                     deadlines[-1] if deadlines else "", text[seg_start:seg_end]))
    table = pd.DataFrame(rows, columns=["task_id", "heading_path", "quantity", "value", "unit", "qualifier",
                                        "deadline", "context"])
    table["task_id"] = table["task_id"].astype("Int64")
    return table


def _project_kind(name: str) -> str | None:
    if re.match(r"^G\d+", name):
        return "highway"
    if "的" in name or "成为" in name or name.endswith(NOT_RAIL):
        return None
    for kind, suffixes in PROJECT_SUFFIXES.items():
        if name.endswith(suffixes):
            return kind
    return None


def extract_projects(plan: Plan) -> pd.DataFrame:
    """Named projects in the tasks (highways, rail lines, airports, parks and zones) and who leads them.

    A project is a phrase between punctuation, less its leading verbs (重点推进, 加快 …),
    that starts with a G-number or ends with a project word (产业园, 机场, 铁路, …线 …);
    the lexicon's project terms count as well.

    Returns:
        task_id, heading_path, project, project_kind (highway, rail, airport, route, park, other),
        lead_agencies (joined with 、); in document order, each project once per task.
    """
    leads = (plan.assignments[plan.assignments["role"] == "lead"].groupby("task_id")["agency"]
             .apply("、".join).to_dict())
    known = set(plan.lexicon.terms.loc[plan.lexicon.terms["kind"] == "project", "term"])
    rows, seen = [], set()
    for task in plan.tasks.itertuples():
        body = task.text
        for m in _SEGMENT.finditer(body):
            phrase = re.sub(r"（[^）]*）", "", m.group(0)).strip()
            phrase = _LEADING_VERBS.sub("", phrase)
            phrase = _TRAILING.sub("", phrase)
            kind = _project_kind(phrase)
            if kind is None and phrase not in known:
                continue
            if not 3 <= len(phrase) <= 20 or (task.task_id, phrase) in seen:
                continue
            seen.add((task.task_id, phrase))
            rows.append((task.task_id, task.heading_path, phrase, kind or "other", leads.get(task.task_id, "")))
    return pd.DataFrame(rows, columns=["task_id", "heading_path", "project", "project_kind", "lead_agencies"])


PROJECT_KINDS = {"highway": ("公路", "Highways"), "rail": ("铁路与轨道", "Rail"), "airport": ("机场", "Airports"),
                 "route": ("航线", "Routes"), "park": ("园区与示范区", "Parks and zones"), "other": ("其他", "Other")}


def extract_deadlines(plan: Plan) -> pd.DataFrame:
    """Every deadline of the form 到20XX年, with the sentence it stands in.

    Returns:
        year, task_id (empty outside tasks), heading_path, sentence; in document order.
    """
    tasks = _task_of(plan)
    rows = []
    for m in DEADLINE_RE.finditer(plan.text):
        start = max(plan.text.rfind(ch, 0, m.start()) for ch in "。；\n") + 1
        ends = [i for i in (plan.text.find(ch, m.end()) for ch in "。；\n") if i >= 0]
        task_id, path = _locate(tasks, m.start())
        rows.append((int(m.group(1)), task_id, path, plan.text[start:min(ends, default=len(plan.text)) + 1]))
    table = pd.DataFrame(rows, columns=["year", "task_id", "heading_path", "sentence"])
    table["task_id"] = table["task_id"].astype("Int64")
    return table


def count_projects_by_section(projects: pd.DataFrame, tasks: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    """Named projects per section and kind.

    Returns:
        section, section_en, project_kind (in Chinese), project_kind_en, n_projects; sections
        in document order, kinds in a fixed order.
    """
    merged = projects.merge(tasks[["task_id", "unit_id"]], on="task_id").merge(sections, on="unit_id")
    table = merged.groupby(["section", "section_en", "project_kind"], sort=False).size().rename("n_projects")
    table = table.reset_index()
    order = {k: i for i, k in enumerate(PROJECT_KINDS)}
    sec_order = first_seen_order(sections["section"])
    table = table.assign(_s=table["section"].map(sec_order), _k=table["project_kind"].map(order))
    table = table.sort_values(["_s", "_k"], ignore_index=True).drop(columns=["_s", "_k"])
    table["project_kind_en"] = table["project_kind"].map(lambda k: PROJECT_KINDS[k][1])
    table["project_kind"] = table["project_kind"].map(lambda k: PROJECT_KINDS[k][0])
    return table[["section", "section_en", "project_kind", "project_kind_en", "n_projects"]]
