"""Quantitative targets, deadlines and named projects, with the agencies that lead them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..evaluation import precision_recall_f1
from .common import first_seen_order

if TYPE_CHECKING:
    from ..plan import Plan

#: a number (Arabic or Chinese) with an optional 万/亿 and a unit of count, area, length, mass or vehicles
_NUMBER = r"(?P<value>\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
TARGET_RE = re.compile(
    _NUMBER + r"(?P<scale>万亿|万|亿)?(?P<unit>亩|条|个|家|辆|户|吨|座|公里|千米|千瓦|所|项|人次|人|处|元|%|％)"
    r"(?P<more>以上|左右)?")
#: the verbs that make a share a target (机械化率达到70%); a share without one is a parameter (返还…50%)
REACH_VERBS = re.compile(r"(?:达到|提高到|提升到|增长到|超过|稳定在|控制在|保持在|不低于|降低到|下降到|降到)"
                         r"(?:\d+(?:\.\d+)?[%％][和、])*$")  # …分别达到65%和55%: both
#: a sentence that grants something on a condition sets parameters, not targets (…的，可申请…25%)
_CONDITIONAL = re.compile(r"的，可|可申请|可按|可返还|符合.{0,12}条件")
#: a standard of protection: 50年一遇, 5年至10年一遇
STANDARD_RE = re.compile(r"\d+(?:年)?(?:至|到|-|—|～)?\d*年一遇")
#: a coverage target without a number: 全覆盖, 全面消除 …, 全部消除 …
COVERAGE_RE = re.compile(r"全覆盖|(?:全面|全部|基本)消除[^，。；、]{1,20}")
#: verbs that commit the plan to a count (解决7.4万户…, 打造…三个世界级产业基地)
COMMIT_VERBS = re.compile(r"新建|建设|建成|创建|打造|开展|解决|实现|完成|达到|力争|培育|引进|新增|新植|更新改造|续扩建|启动|"
                          r"扩建|改造|发展|提高|增加|培训|帮扶|安置|转移|推出|举办|培养|认定|形成")
#: what a count that describes scope or capacity, not a target, looks like
_ADMIN_NOUN = re.compile(r"^(?:县|市|区|乡|镇|村|省|州|盟|旗)(?:（|\(|[^\u4e00-\u9fff]|$)")
_CAPACITY_UNITS = {"吨", "千瓦", "辆"}
_NAME_BEFORE = re.compile(r"(?:公司|化工|集团|厂|年|年产|年检修|年处理|年加工)$")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CLAUSE_ENDS = "，；。：\n"
_SEPARATORS = "，；。、：）)\n"


def _bounds(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    """The phrase around ``text[start:end]``: from just after the last of ``stops`` before it to the
    first of them after it (the text's ends where there is none)."""
    lo = max(text.rfind(ch, 0, start) for ch in stops) + 1
    hi = min((i for i in (text.find(ch, end) for ch in stops) if i >= 0), default=len(text))
    return lo, hi


def chinese_number(text: str) -> float:
    """The value of a Chinese numeral below 万 (三 → 3, 十二 → 12, 两百 → 200), or of an Arabic one.

    >>> [chinese_number(t) for t in ("三", "十二", "二十", "两百零五", "7.5")]
    [3.0, 12.0, 20.0, 205.0, 7.5]
    """
    if text[0].isdigit():
        return float(text)
    total, digit = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[ch]
            digit = 0
    return float(total + digit)


def _is_target(text: str, m: re.Match[str]) -> bool:
    """Whether a number with a unit is something the plan commits to reach.

    A count standing at the end of its phrase (国际航线力争达到25条，) is a target; one that goes on
    into a noun is one when a verb of commitment opens its clause (解决7.4万户“低压电”问题, 打造…三个
    世界级产业基地), unless it counts places (11个县（市）: the scope), describes a structure (两个层面的),
    or is a capacity inside a name (60万吨甲醇制烯烃, 年检修300辆动车组).
    """
    before = text[max(0, m.start() - 4):m.start()]
    after = text[m.end():m.end() + 6]
    if _NAME_BEFORE.search(before):
        return False
    if m["unit"] in ("%", "％"):
        sentence_start, sentence_end = _bounds(text, m.start(), m.end(), "。；\n")
        reached = REACH_VERBS.search(text[max(0, m.start() - 16):m.start()].split("，")[-1].rstrip("约近"))
        return bool(reached) and not _CONDITIONAL.search(text, sentence_start, sentence_end)
    chinese = not m["value"][0].isdigit()
    if not after or after[0] in _SEPARATORS:
        return not chinese or bool(REACH_VERBS.search(before))  # 冬季两项 is a sport, 达到三个 a target
    if _ADMIN_NOUN.match(after) or m["unit"] in _CAPACITY_UNITS or after[0] == "等":
        return False  # the scope (11个县（市）), a capacity (60万吨甲醇), an item of a list (冬季两项等)
    noun_end = _bounds(text, m.start(), m.end(), _SEPARATORS)[1]
    if "的" in text[m.end():noun_end][:4]:
        return False
    clause_start = _bounds(text, m.start(), m.end(), _CLAUSE_ENDS)[0]
    return bool(COMMIT_VERBS.search(text, clause_start, m.start()))


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
#: 和 between two G-numbered highways (扩建G1京哈高速拉林河至长春和G12吉林至机场段)
_JOINED_HIGHWAYS = re.compile(r"和(?=G\d)")
#: words that end in 线 but are no rail line
NOT_RAIL = ("红线", "路线", "沿线", "生产线", "干线", "一线")
_SCALE = {"": 1, "万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000}
TARGET_COLUMNS = ["task_id", "heading_path", "kind", "quantity", "value", "unit", "qualifier", "deadline", "context",
                  "start"]


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
    """Quantitative targets: what the plan commits to reach, with its deadline.

    Four kinds: a count with a unit (国际航线力争达到25条, 新植农防林7.5万亩, 三个世界级产业基地), a
    share the plan is to reach (机械化率达到70%; a share without such a verb, or in a sentence that
    grants something on a condition, is a parameter), a standard (除涝标准达到5年至10年一遇) and a
    coverage target without a number (运输机场全覆盖, 全面消除县级以上重度缺水城市). Numbers in names (1号线, 世界500强), years, capacities inside
    project names (60万吨甲醇制烯烃), rates of a facility (年检修300辆) and counts of places that
    say where something happens (11个县（市）) are not targets. The deadline is the year of the
    nearest 到20XX年 before the target in the same paragraph, if any.

    Returns:
        task_id (empty outside tasks), heading_path, kind (``count``, ``share``, ``standard`` or
        ``coverage``), quantity (as written), value (the number times 万 or 亿; empty for a
        standard or coverage), unit, qualifier (以上 / 左右 or empty), deadline, context (the
        phrase that holds it), start (its offset in the clean text); in document order.
    """
    text = plan.text
    tasks = _task_of(plan)
    found: list[tuple[int, int, str, float | None, str, str]] = []  # start, end, kind, value, unit, qualifier
    for m in TARGET_RE.finditer(text):
        if _is_target(text, m):
            amount = chinese_number(m["value"]) * _SCALE[m["scale"] or ""]
            kind = "share" if m["unit"] in ("%", "％") else "count"
            found.append((m.start(), m.end(), kind, amount, (m["scale"] or "") + m["unit"], m["more"] or ""))
    for m in STANDARD_RE.finditer(text):
        found.append((m.start(), m.end(), "standard", None, "年一遇", ""))
    for m in COVERAGE_RE.finditer(text):
        found.append((m.start(), m.end(), "coverage", None, "", ""))
    rows = []
    for start, end, kind, value, unit, qualifier in sorted(found, key=lambda f: f[0]):
        para_start = text.rfind("\n", 0, start) + 1
        deadlines = DEADLINE_RE.findall(text, para_start, start)
        seg_start, seg_end = _bounds(text, start, end, "，；。、\n")
        task_id, path = _locate(tasks, start)
        rows.append((task_id, path, kind, text[start:end], value, unit, qualifier, deadlines[-1] if deadlines else "",
                     text[seg_start:max(seg_end, end)], start))
    table = pd.DataFrame(rows, columns=TARGET_COLUMNS)
    table["task_id"] = table["task_id"].astype("Int64")
    table["value"] = table["value"].astype("float64")
    table["start"] = table["start"].astype("int64")
    return table


def read_target_list(plan: Plan) -> pd.DataFrame | None:
    """The hand-checked targets kept beside the plan's file (``NAME.targets.csv`` beside ``NAME.txt``),
    or None when there is no such list.

    The file's columns: quantity (as written), anchor (a phrase of the text that holds it once),
    kind, reading (what the target commits to). The seed plan has one.
    """
    path = Path(plan.source.path).with_suffix(".targets.csv")
    if not path.is_file():
        return None
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"quantity", "anchor"} - set(gold.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}; it needs quantity and anchor")
    return gold


def score_targets(targets: pd.DataFrame, text: str, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of extracted targets against a hand-checked list.

    Args:
        targets: the table of :func:`extract_targets`.
        text: the plan's clean text.
        gold: quantity (as written) and anchor (a phrase of the text that holds it once): the
            targets a reader finds, one row each.

    Returns:
        One row: n_gold, n_found, n_matched, precision, recall, f1; a target matches when it
        starts where its gold quantity stands in its anchor.
    """
    expected = set()
    for quantity, anchor in zip(gold["quantity"], gold["anchor"]):
        at = text.find(anchor)
        if at < 0 or quantity not in anchor:
            raise ValueError(f"gold target {quantity!r}: its anchor {anchor!r} is not in the text")
        expected.add(at + anchor.index(quantity))
    n_gold, n_found, matched, precision, recall, f1 = precision_recall_f1(set(targets["start"]), expected)
    return pd.DataFrame([{"n_gold": n_gold, "n_found": n_found, "n_matched": matched,
                          "precision": precision, "recall": recall, "f1": f1}])


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

    A project is a phrase between punctuation (two G-numbered highways joined by 和 are two
    phrases), less its leading verbs (重点推进, 加快 …),
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
        pieces = (piece for m in _SEGMENT.finditer(body) for piece in _JOINED_HIGHWAYS.split(m.group(0)))
        for piece in pieces:
            phrase = re.sub(r"（[^）]*）", "", piece).strip()
            phrase = _LEADING_VERBS.sub("", phrase)
            phrase = _TRAILING.sub("", phrase)
            kind = _project_kind(phrase)
            if kind is None and phrase not in known:
                continue
            if not 3 <= len(phrase) <= (30 if kind == "highway" else 20) or (task.task_id, phrase) in seen:
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
        start, end = _bounds(plan.text, m.start(), m.end(), "。；\n")
        task_id, path = _locate(tasks, m.start())
        rows.append((int(m.group(1)), task_id, path, plan.text[start:end + 1]))
    table = pd.DataFrame(rows, columns=["year", "task_id", "heading_path", "sentence"])
    table["task_id"] = table["task_id"].astype("Int64")
    return table


def count_projects_by_section(projects: pd.DataFrame, tasks: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    """Named projects per section and kind.

    Returns:
        section, section_en, section_title, project_kind (in Chinese), project_kind_en, n_projects;
        sections in document order, kinds in a fixed order.
    """
    merged = projects.merge(tasks[["task_id", "unit_id"]], on="task_id").merge(sections, on="unit_id")
    table = merged.groupby(["section", "section_en", "section_title", "project_kind"], sort=False).size()
    table = table.rename("n_projects")
    table = table.reset_index()
    order = {k: i for i, k in enumerate(PROJECT_KINDS)}
    sec_order = first_seen_order(sections["section"])
    table = table.assign(_s=table["section"].map(sec_order), _k=table["project_kind"].map(order))
    table = table.sort_values(["_s", "_k"], ignore_index=True).drop(columns=["_s", "_k"])
    table["project_kind_en"] = table["project_kind"].map(lambda k: PROJECT_KINDS[k][1])
    table["project_kind"] = table["project_kind"].map(lambda k: PROJECT_KINDS[k][0])
    return table[["section", "section_en", "section_title", "project_kind", "project_kind_en", "n_projects"]]
