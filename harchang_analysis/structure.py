"""Heading grammar: turn clean text into a tree of units.

A unit is a heading (part, chapter, item, bullet …), a 一是/二是 point inside a paragraph,
or a plain paragraph. The parser does not assume the seed's order of markers: the first
marker style it meets opens level 1, a new style below it opens the next level, and a style
already open closes everything beneath it. A numbered marker counts as a heading only when
its number continues the numbering of its level (1 first, then n after n-1); a numbered item
(1. 2. …) may also skip up to three numbers, so that an item whose marker cannot be read does not
turn the rest of its list into paragraphs. Items numbered straight through several parts (1–45 under 一、,
二、 …) stay items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from .markers import POINT_RE, Marker, find_trailing_clause, match_marker, parse_cn_numeral
from .schema import int_column, make_table, text_column

#: kinds that are not headings
LEAF_KINDS = ("point", "paragraph")
#: how many numbers a list of items (1. 2. …) may skip and go on
MAX_SKIP = 3
#: a standalone heading line is at most this long (characters after the marker)
MAX_TITLE = 60


@dataclass
class _Unit:
    unit_id: int
    parent_id: int | None
    depth: int
    kind: str
    marker: str
    number: int | None
    title: str
    start: int
    body_start: int
    own_end: int
    end: int = 0


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for para in text.split("\n"):
        if para.strip():
            spans.append((pos, pos + len(para)))
        pos += len(para) + 1
    return spans


def _standalone(rest: str) -> bool:
    """Whether the text after a marker is a heading line of its own (title only)."""
    body = rest.rstrip("。")
    return 0 < len(body) <= MAX_TITLE and "。" not in body


def _first_sentence(rest: str) -> str:
    m = re.search(r"[。；]", rest)
    return rest[: m.start()] if m else rest


class UnitRecord(NamedTuple):
    """A unit, for fast walking: its place in the tree, its text and its span (a row of ``units``)."""

    parent_id: int | None
    kind: str
    marker: str
    title: str
    text: str
    start: int
    end: int
    dash_rank: int  # a bullet's place (1, 2 …) among the bullets of its parent; 0 for other units


#: the units of a text by unit_id, as :func:`unit_records` gives them
UnitRecords = dict[int, UnitRecord]


def unit_records(units: pd.DataFrame | UnitRecords) -> UnitRecords:
    """The units by unit_id (parent_id None at the top): from the ``units`` table, or as they are
    when they are records already (:func:`parse_units` gives both, so that a parse reads the table
    it has just built no more)."""
    if isinstance(units, dict):
        return units
    fields = ["unit_id", "parent_id", "kind", "marker", "title", "text", "start", "end"]
    rows = zip(*(units[f].tolist() for f in fields))
    return _records((int(unit_id), None if pd.isna(parent) else int(parent), kind, marker, title, body, int(start),
                     int(end)) for unit_id, parent, kind, marker, title, body, start, end in rows)


def _records(rows: Any) -> UnitRecords:
    """The records of rows (unit_id, parent_id, kind, marker, title, text, start, end), each bullet
    with its place among its parent's bullets."""
    records: UnitRecords = {}
    dashes: dict[int | None, int] = {}
    for unit_id, parent_id, kind, marker, title, body, start, end in rows:
        rank = 0
        if kind == "dash":
            rank = dashes[parent_id] = dashes.get(parent_id, 0) + 1
        records[unit_id] = UnitRecord(parent_id, kind, marker, title, body, start, end, rank)
    return records


def parse_structure(text: str) -> pd.DataFrame:
    """Recover the heading tree of a clean plan text.

    Args:
        text: normalized text, one paragraph per line.

    Returns:
        The ``units`` table, in document order: unit_id (1, 2 …), parent_id (empty at the
        top), depth (1 = top), kind (``zh_comma`` for 一、, ``zh_paren`` for （一）,
        ``num_dot`` for 1 / 1. / 1、, ``dash`` for ———, ``zh_chapter`` for 第一章 …,
        ``point`` for 一是, ``paragraph``), marker (as written), number, title, text (the
        unit's body with its descendants), start and end (offsets into ``text``).

    >>> units = parse_structure("一、总体要求\\n到2020年，基本形成。\\n二、主要任务\\n（一）构建体系。\\n1发挥作用。\\n正文。")
    >>> units[["depth", "kind", "marker", "title"]].values.tolist()[:4]  # doctest: +NORMALIZE_WHITESPACE
    [[1, 'zh_comma', '一、', '总体要求'], [2, 'paragraph', '', ''],
     [1, 'zh_comma', '二、', '主要任务'], [2, 'zh_paren', '（一）', '构建体系']]
    """
    return parse_units(text)[0]


def parse_units(text: str) -> tuple[pd.DataFrame, UnitRecords]:
    """:func:`parse_structure`, with the same units as records (:func:`unit_records`)."""
    units: list[_Unit] = []
    stack: list[_Unit] = []  # open headings, outermost first
    last_number: dict[tuple[int | None, str], int] = {}
    last_global: dict[str, int] = {}

    def new_unit(**kw: Any) -> _Unit:
        unit = _Unit(unit_id=len(units) + 1, **kw)
        units.append(unit)
        return unit

    for start, end in _paragraphs(text):
        para = text[start:end]
        marker = match_marker(para)
        placed = _place_heading(marker, para, stack, last_number, last_global) if marker else None
        if marker and placed is not None:
            level = placed
            parent = stack[level - 1] if level > 0 else None
            rest = para[len(marker.marker):]
            standalone = not marker.run_in and _standalone(rest)
            title = rest.rstrip("。") if standalone else _first_sentence(rest)
            clause = find_trailing_clause(title)
            if clause is not None and clause[0] > 0:  # 1.建设城市算力中心（市数据局负责）。: the clause is no title
                title = title[:clause[0]].rstrip("。；;，, ")
            body_start = end + 1 if standalone else start + len(marker.marker)
            unit = new_unit(parent_id=parent.unit_id if parent else None, depth=level + 1, kind=marker.kind,
                            marker=marker.marker, number=marker.number, title=title.strip(), start=start,
                            body_start=min(body_start, len(text)), own_end=end)
            del stack[level:]
            stack.append(unit)
            if marker.number is not None:
                last_number[(unit.parent_id, marker.kind)] = marker.number
                last_global[marker.kind] = marker.number
            if not standalone:
                _add_points(text, unit.body_start, end, stack, new_unit, as_children=True)
            continue
        _add_points(text, start, end, stack, new_unit, as_children=False)

    # a unit ends where its last descendant ends
    for unit in reversed(units):
        unit.end = max(unit.end, unit.own_end)
        if unit.parent_id is not None:
            parent = units[unit.parent_id - 1]
            parent.end = max(parent.end, unit.end)
    def ints(values: list[int]) -> np.ndarray:
        return np.array(values, dtype=np.int64)

    bodies = [text[u.body_start:u.end] if u.body_start < u.end else "" for u in units]
    columns = {  # column by column, in the declared dtypes: much faster than a frame of row dicts
        "unit_id": ints([u.unit_id for u in units]),
        "parent_id": int_column([u.parent_id for u in units]),
        "depth": ints([u.depth for u in units]),
        "kind": text_column([u.kind for u in units]),
        "marker": text_column([u.marker for u in units]),
        "number": int_column([u.number for u in units]),
        "title": text_column([u.title for u in units]),
        "text": text_column(bodies),
        "start": ints([u.start for u in units]),
        "end": ints([u.end for u in units]),
    }
    records = _records((u.unit_id, u.parent_id, u.kind, u.marker, u.title, body, u.start, u.end)
                       for u, body in zip(units, bodies))
    return make_table("units", columns), records


def _place_heading(marker: Marker, para: str, stack: list[_Unit], last_number: dict[tuple[int | None, str], int],
                   last_global: dict[str, int]) -> int | None:
    """The stack level at which this marker opens a heading, or None if it is not one."""
    kinds = [u.kind for u in stack]
    level = kinds.index(marker.kind) if marker.kind in kinds else len(stack)
    rest = para[len(marker.marker):]
    if marker.kind == "num_dot" and marker.marker.isdigit() and not _standalone(rest):
        return None  # a bare number opens an item only on a heading line of its own
    if marker.number is None:
        return level
    parent_id = stack[level - 1].unit_id if level > 0 else None
    expected = last_number.get((parent_id, marker.kind), 0) + 1
    if marker.number == expected or marker.number == last_global.get(marker.kind, 0) + 1:
        return level
    previous = last_global.get(marker.kind, 0)
    if marker.kind == "num_dot" and not marker.marker.isdigit() and (
            (expected > 1 and expected < marker.number <= expected + MAX_SKIP)
            or (previous > 0 and previous + 1 < marker.number <= previous + 1 + MAX_SKIP)):
        return level  # items the parser could not read (or a list with gaps) must not end the list
    return None


def _add_points(text: str, start: int, end: int, stack: list[_Unit], new_unit, *, as_children: bool) -> None:
    """Add a paragraph unit, split into 一是/二是 … points when it has them.

    With ``as_children`` the span is the body of a run-in heading: only its points become
    units, the text before them stays in the heading's body.
    """
    points = _find_points(text[start:end])
    parent = stack[-1] if stack else None
    depth = len(stack) + 1
    pid = parent.unit_id if parent else None
    first = points[0][0] + start if points else end
    if not as_children and first > start:
        new_unit(parent_id=pid, depth=depth, kind="paragraph", marker="", number=None, title="",
                 start=start, body_start=start, own_end=first if points else end)
    for i, (p_start, marker, number) in enumerate(points):
        p_end = points[i + 1][0] + start if i + 1 < len(points) else end
        body = text[start + p_start + len(marker):p_end]
        new_unit(parent_id=pid, depth=depth, kind="point", marker=marker, number=number,
                 title=_first_sentence(body).strip(), start=start + p_start,
                 body_start=start + p_start + len(marker), own_end=p_end)


def _find_points(para: str) -> list[tuple[int, str, int]]:
    """一是 … 二是 … points in order; fewer than two in sequence means none."""
    if "一是" not in para or "二是" not in para:  # points start at 一是 and need a 二是
        return []
    found: list[tuple[int, str, int]] = []
    for m in POINT_RE.finditer(para):
        number = parse_cn_numeral(m.group(1))
        if number == len(found) + 1:
            found.append((m.start(), m.group(0), number))
    return found if len(found) >= 2 else []


#: words that end the name of a plan-like document (方案, 规划 …)
DOCUMENT_WORDS = ("方案", "规划", "意见", "通知", "计划", "要点", "办法", "措施", "纲要", "决定", "清单", "分工", "细则",
                  "指南", "报告")


#: the document a cover letter issues: 关于印发《X》的通知, 现将《X》印发给你们 (but 现将《政府工作报告》提出的
#: 任务予以分解 issues no 政府工作报告)
_ISSUED_TITLE = re.compile(r"印发[《<]([^》>]{4,60})[》>]|现将[《<]([^》>]{4,60})[》>](?:印发|转发|下发|发给)")
_META_TITLE = re.compile(r"标\s*题[:：]\s*(.{4,80}?)(?=发文字号|发布日期|成文日期|主题词|$)")


def find_title(units: pd.DataFrame) -> str:
    """The plan's own title, from the text before its first heading; ``""`` when there is none.

    In order: the document a cover letter issues (``关于印发《X》的通知``, ``现将《X》印发给你们``);
    the 标题 field of a government site's metadata block; the first short paragraph (at most
    60 characters, not ending a sentence) that names a kind of document (方案, 规划, 意见 …).

    >>> find_title(parse_structure("吉林省某某规划实施方案\\n为落实规划，制定本方案。\\n一、总体要求\\n正文。"))
    '吉林省某某规划实施方案'
    >>> find_title(parse_structure("现将《某市营商环境实施方案》印发给你们，请认真贯彻执行。\\n一、总体要求\\n正文。"))
    '某市营商环境实施方案'
    >>> find_title(parse_structure("【重点工作】某市人民政府关于2020年重点工作及责任分解的通知\\n一、总体要求\\n正文。"))
    '某市人民政府关于2020年重点工作及责任分解的通知'
    >>> find_title(parse_structure("现将《政府工作报告》提出的重点工作任务予以分解。\\n一、总体要求\\n正文。"))
    ''
    >>> find_title(parse_structure("一、总体要求\\n正文。"))
    ''
    """
    first_heading = units.index[~units["kind"].isin(LEAF_KINDS)]
    before = [str(t).strip() for t in (units.loc[: first_heading[0] - 1] if len(first_heading) else units)["text"]]
    for pattern in (_ISSUED_TITLE, _META_TITLE):
        for text in before:
            found = pattern.search(text)
            if found:
                return next(group for group in found.groups() if group is not None).strip()
    for text in before:
        text = _SITE_TAG.sub("", text)  # 【市政府重点工作及责任分解】…的通知: a site's column, not the title
        if 0 < len(text) <= MAX_TITLE and not text.endswith(("。", "；", "：", ":", "文件")) \
                and any(word in text for word in DOCUMENT_WORDS):
            return text
    return ""


#: a tag a government site puts before a page's title: 【市政府重点工作及责任分解】
_SITE_TAG = re.compile(r"^【[^】]{1,20}】(?=\S)")
