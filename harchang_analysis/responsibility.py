"""Clause grammar: who leads and who supports each task.

A task is the innermost heading whose text ends with a parenthesised clause naming who is
responsible, e.g. （长春市政府负责实施，省交通运输厅、省发展改革委按职责分工分别负责）.
The clause is split into segments at top-level commas and semicolons; each segment is a
list of agencies followed by a verb phrase that sets their role:

=============================================  =======
segment                                        role
=============================================  =======
X（分别）负责（实施）, 由X负责, X牵头                 lead
牵头单位：X, 责任单位：X, 主要责任单位：X            lead
X按职责分工（分别）负责（相关工作）, X配合, X参与    support
配合单位：X, 参与单位：X                        support
=============================================  =======

Agency lists split at 、 and 及; a 政府 written once after a list of places belongs to every
place in it (长春市、吉林市政府 = 长春市政府, 吉林市政府).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable

import pandas as pd

from .errors import UnknownAgencyWarning
from .lexicon import Lexicon
from .markers import bare_marker, find_trailing_clause

TASK_COLUMNS = ["task_id", "unit_id", "heading_path", "title", "text", "clause"]
ASSIGNMENT_COLUMNS = ["task_id", "agency", "role", "agency_type", "agency_en"]

_LABELLED = re.compile(r"^(?P<label>(?:主要)?责任单位|牵头单位|牵头部门|配合单位|配合部门|参与单位|协办单位)[：:](?P<names>.+)$")
_SUPPORT_LABELS = ("配合单位", "配合部门", "参与单位", "协办单位")
_SUPPORT_VERB = re.compile(r"^(?P<names>.+?)(?:按职责分工(?:分别)?负责(?:相关工作)?|(?:共同)?配合|参与)$")
_LEAD_VERB = re.compile(r"^(?:由)?(?P<names>.+?)(?:分别|共同)?(?:牵头)?(?:负责(?:实施|落实)?|牵头(?:实施|落实)?)$")
_PLACE_SUFFIX = re.compile(r"(?:市|州|县|区|旗|盟)$")
_ORG_SUFFIX = "政府"


def find_clause(text: str) -> tuple[int, int] | None:
    """Span of the parenthesised responsibility clause that ends ``text``, if any.

    >>> t = "建设枢纽。（长春市政府负责）"
    >>> s, e = find_clause(t); t[s:e]
    '（长春市政府负责）'
    """
    return find_trailing_clause(text)


def _split_top(text: str, separators: str) -> list[str]:
    """Split at separators that are not inside parentheses."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def split_agencies(names: str) -> list[str]:
    """Split a list of agencies, distributing a shared 政府 over a list of places.

    >>> split_agencies("长春市、吉林市、辽源市政府及公主岭市政府")
    ['长春市政府', '吉林市政府', '辽源市政府', '公主岭市政府']
    >>> split_agencies("省市场监管局（省知识产权局）、省商务厅")
    ['省市场监管局（省知识产权局）', '省商务厅']
    """
    out: list[str] = []
    for group in _split_top(names, "及"):
        items = _split_top(group, "、，")
        if items and items[-1].endswith(_ORG_SUFFIX):
            items = [it + _ORG_SUFFIX if _PLACE_SUFFIX.search(it) else it for it in items[:-1]] + [items[-1]]
        out.extend(items)
    return out


def parse_clause(clause: str) -> list[tuple[str, str]]:
    """Parse a clause (with or without its parentheses) into (agency, role) pairs.

    >>> parse_clause("（长春市、吉林市政府分别负责实施，省长吉图办按职责分工分别负责）")
    [('长春市政府', 'lead'), ('吉林市政府', 'lead'), ('省长吉图办', 'support')]
    >>> parse_clause("牵头单位：省发展改革委；配合单位：省财政厅、省商务厅")
    [('省发展改革委', 'lead'), ('省财政厅', 'support'), ('省商务厅', 'support')]
    """
    inner = clause.strip()
    if inner[:1] in "（(" and inner[-1:] in "）)":
        inner = inner[1:-1]
    pairs: list[tuple[str, str]] = []
    for segment in _split_top(inner, "，；;,"):
        segment = segment.rstrip("。")
        role, names = _segment_role(segment)
        if role is None:
            continue
        for agency in split_agencies(names):
            if (agency, role) not in pairs:
                pairs.append((agency, role))
    return pairs


def _segment_role(segment: str) -> tuple[str | None, str]:
    m = _LABELLED.match(segment)
    if m:
        return ("support" if m["label"] in _SUPPORT_LABELS else "lead"), m["names"]
    m = _SUPPORT_VERB.match(segment)
    if m:
        return "support", m["names"]
    m = _LEAD_VERB.match(segment)
    if m:
        return "lead", m["names"]
    return None, segment


def _heading_path(records: dict[int, dict[str, object]], unit_id: int) -> str:
    """``二 > （三） > 6``: the markers from the top heading down; bullets as ———1, ———2 …"""
    parts: list[str] = []
    current: int | None = unit_id
    while current is not None:
        rec = records[current]
        marker = bare_marker(str(rec["marker"]))
        if rec["kind"] == "dash":
            siblings = [u for u, r in records.items() if r["parent_id"] == rec["parent_id"] and r["kind"] == "dash"]
            marker = f"{marker}{siblings.index(current) + 1}"
        parts.append(marker)
        current = rec["parent_id"]  # type: ignore[assignment]
    return " > ".join(reversed(parts))


def parse_responsibility(text: str, units: pd.DataFrame, lexicon: Lexicon) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Find every task and its assignments.

    Args:
        text: the clean text ``units`` was parsed from.
        units: the ``units`` table of :func:`~harchang_analysis.structure.parse_structure`.
        lexicon: gives each agency its type and English name.

    Returns:
        ``(tasks, assignments)``. tasks: task_id (1, 2 …), unit_id, heading_path
        (``二 > （三） > 6``), title, text (the task body without its clause), clause (as
        written, with its parentheses). assignments: task_id, agency (as the plan writes
        it), role (``lead`` or ``support``), agency_type, agency_en; one row per task ×
        agency × role, in clause order.

    Warns:
        UnknownAgencyWarning: once, listing the agencies the lexicon does not know with
            how many assignments each has.
    """
    records = _unit_records(units)
    first_child: dict[int, int] = {}
    for rec in records.values():
        if rec["parent_id"] is not None:
            first_child.setdefault(rec["parent_id"], rec["start"])
    task_rows, assign_rows = [], []
    seen_clauses: set[int] = set()
    last_clause_end: dict[int, int] = {}
    for unit_id, rec in records.items():
        if rec["kind"] not in ("paragraph", "point") and not rec["text"]:
            continue
        span = (rec["start"], first_child.get(unit_id, rec["end"]))  # the unit's own text, before any child
        found = find_clause(text[span[0]:span[1]])
        if found is None:
            continue
        c_start, c_end = span[0] + found[0], span[0] + found[1]
        if c_start in seen_clauses:
            continue
        seen_clauses.add(c_start)
        task_unit = _task_unit(records, unit_id)
        task_id = len(task_rows) + 1
        row = records[task_unit]
        body_start = row["end"] - len(row["text"])
        body_start = max(body_start, last_clause_end.get(task_unit, body_start))
        last_clause_end[task_unit] = c_end
        task_rows.append((task_id, task_unit, _heading_path(records, task_unit), row["title"],
                          text[body_start:c_start].strip(), text[c_start:c_end]))
        for agency, role in parse_clause(text[c_start:c_end]):
            assign_rows.append((task_id, agency, role))
    tasks = pd.DataFrame(task_rows, columns=TASK_COLUMNS)
    assignments = _describe_agencies(pd.DataFrame(assign_rows, columns=["task_id", "agency", "role"]), lexicon)
    return tasks, assignments


def _unit_records(units: pd.DataFrame) -> dict[int, dict[str, object]]:
    """The units as plain dicts by unit_id (parent_id None at the top), for fast walking."""
    records = {}
    for row in zip(units["unit_id"], units["parent_id"], units["kind"], units["marker"], units["title"],
                   units["text"], units["start"], units["end"]):
        unit_id, parent, kind, marker, title, body, start, end = row
        records[int(unit_id)] = {"parent_id": None if pd.isna(parent) else int(parent), "kind": kind,
                                 "marker": marker, "title": title, "text": body, "start": int(start), "end": int(end)}
    return records


def _task_unit(records: dict[int, dict[str, object]], unit_id: int) -> int:
    """The nearest heading at or above a unit: points and paragraphs belong to it."""
    current = unit_id
    while records[current]["kind"] in ("paragraph", "point") and records[current]["parent_id"] is not None:
        current = records[current]["parent_id"]  # type: ignore[assignment]
    return current


def _describe_agencies(assignments: pd.DataFrame, lexicon: Lexicon) -> pd.DataFrame:
    lookup = lexicon.agency_lookup()
    type_of = dict(zip(lexicon.agencies["name"], lexicon.agencies["agency_type"]))
    english_of = dict(zip(lexicon.agencies["name"], lexicon.agencies["name_en"]))
    types, english = [], []
    unknown: dict[str, int] = {}
    for agency in assignments["agency"]:
        canonical = lookup.get(agency)
        if canonical is None:
            types.append("other")
            english.append("")
            unknown[agency] = unknown.get(agency, 0) + 1
        else:
            types.append(type_of[canonical])
            english.append(english_of[canonical])
    if unknown:
        ranked = sorted(unknown.items(), key=lambda item: (-item[1], item[0]))
        listed = ", ".join(f"{name} ({n})" for name, n in ranked)
        noun = "agency" if len(ranked) == 1 else "agencies"
        warnings.warn(f"{len(ranked)} {noun} not in the lexicon: {listed}; add them to agencies.csv",
                      UnknownAgencyWarning, stacklevel=3)
    out = assignments.copy()
    out["agency_type"] = types
    out["agency_en"] = english
    return out[ASSIGNMENT_COLUMNS]


def count_unknown_agencies(assignments: pd.DataFrame, lexicon: Lexicon) -> pd.DataFrame:
    """Agencies named in clauses that the lexicon does not know, with how often.

    Returns:
        agency, n_assignments; most frequent first, then by name.
    """
    lookup = lexicon.agency_lookup()
    names: Iterable[str] = (a for a in assignments["agency"] if a not in lookup)
    counts = pd.Series(list(names), dtype="object").value_counts()
    frame = counts.rename_axis("agency").reset_index(name="n_assignments")
    return frame.sort_values(["n_assignments", "agency"], ascending=[False, True], ignore_index=True)
