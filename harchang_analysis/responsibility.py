"""Tasks and who is responsible for them: find every clause, read it, type every agency.

A task is the innermost heading (or paragraph) that a responsibility clause follows. A clause
is a bracketed aside naming who is responsible (（长春市政府负责实施，省交通运输厅按职责分工分别负责）),
wherever it stands after the sentences it covers, or one or more lines that open with a label
(牵头单位：X / 配合单位：Y). Several clauses in one paragraph all belong to its task. How a
clause is read is in :mod:`harchang_analysis.clauses`; how agencies get a type is in
:mod:`harchang_analysis.agencies`.

A convention stated anywhere outside a clause (列第一位的责任单位为牵头单位) holds for every clause
of the document; one stated inside a clause holds for that clause and, with 下同, every later one.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .agencies import classify_agency, type_agencies
from .clauses import (
    LABEL_LINE,
    Pieces,
    Reading,
    deadline_date,
    find_deadline,
    holds_label,
    read_clause,
    read_pieces,
    roles_of,
    split_agencies,
    states_convention,
)
from .errors import StructureWarning
from .lexicon import Lexicon
from .markers import CLAUSE_VERB, CLOSE, OPEN, bare_marker, find_trailing_clause
from .schema import int_column, make_table, text_column
from .structure import UnitRecords, unit_records

_AFTER_SENTENCE = "。；;！？!?"
#: how the name of a government body ends
_AGENCY_ENDINGS = ("部", "委", "厅", "局", "办", "署", "总社", "政府", "办公室", "委员会")
_AGENCY_END = re.compile(f"(?:{'|'.join(_AGENCY_ENDINGS)})$")
#: the last characters of those endings: a text without one holds no name that ends so
_AGENCY_LAST = re.compile(f"[{''.join(sorted({ending[-1] for ending in _AGENCY_ENDINGS}))}]")
_BRACKET = re.compile(f"[{re.escape(OPEN + CLOSE)}]")
_BRACKET_OR_STOP = re.compile(f"[{re.escape(OPEN + CLOSE + _AFTER_SENTENCE)}]")


@functools.lru_cache(maxsize=4096)
def _pieces_cached(clause: str) -> Pieces:
    """:func:`~harchang_analysis.clauses.read_pieces`, remembered as :func:`read_clause_cached` is."""
    return read_pieces(clause)


@functools.lru_cache(maxsize=4096)
def read_clause_cached(clause: str, convention: bool) -> Reading:
    """:func:`~harchang_analysis.clauses.read_clause`, remembered: a plan repeats its clauses, and a
    clause is read once to find it and once to use it. ``load_plan`` empties it before each plan,
    so that what a plan costs does not depend on the plans parsed before it (a corpus of variants
    of a few plans would otherwise find every clause read already); a clause read with and without
    a convention is split into pieces once. The result must not be changed."""
    return roles_of(_pieces_cached(clause), convention=convention)


def forget_clauses() -> None:
    """Empty what :func:`read_clause_cached` remembers (``load_plan`` does before each plan)."""
    read_clause_cached.cache_clear()
    _pieces_cached.cache_clear()


def find_clause(text: str) -> tuple[int, int] | None:
    """Span of the parenthesised responsibility clause that ends ``text``, if any.

    >>> t = "建设枢纽。（长春市政府负责）"
    >>> s, e = find_clause(t); t[s:e]
    '（长春市政府负责）'
    """
    return find_trailing_clause(text)


def parse_clause(clause: str) -> list[tuple[str, str]]:
    """Parse a clause (with or without its brackets) into (agency, role) pairs.

    >>> parse_clause("（长春市、吉林市政府分别负责实施，省长吉图办按职责分工分别负责）")
    [('长春市政府', 'lead'), ('吉林市政府', 'lead'), ('省长吉图办', 'support')]
    >>> parse_clause("牵头单位：省发展改革委；配合单位：省财政厅、省商务厅")
    [('省发展改革委', 'lead'), ('省财政厅', 'support'), ('省商务厅', 'support')]
    """
    return [(p.agency, p.role) for p in read_clause(clause).parties]


def find_clauses(text: str) -> list[tuple[int, int]]:
    """Spans of every responsibility clause in a unit's own text, in order.

    A bracketed aside is a clause when it names who is responsible and stands after a
    sentence, before a full stop or semicolon, or at the end; text that opens with a label
    (牵头单位：, 责任单位：, 配合单位： …), at the start or after a sentence, is a clause to the end.

    >>> t = "加大支持。（财政部负责）提升服务。（人力资源社会保障部牵头，教育部配合）"
    >>> [t[s:e] for s, e in find_clauses(t)]
    ['（财政部负责）', '（人力资源社会保障部牵头，教育部配合）']
    >>> t = "给予100万元资助。责任单位：市委组织部、市科技局。"
    >>> [t[s:e] for s, e in find_clauses(t)]
    ['责任单位：市委组织部、市科技局。']
    """
    spans: list[tuple[int, int]] = []
    label_at = _label_start(text)
    limit = label_at if label_at is not None else len(text)
    depth, opened = 0, -1
    for m in _BRACKET.finditer(text, 0, limit):
        i, ch = m.start(), m.group()
        if ch in OPEN:
            if depth == 0:
                opened = i
            depth += 1
        elif ch in CLOSE and depth > 0:
            depth -= 1
            if depth == 0 and _is_clause_at(text, opened, i + 1, limit):
                spans.append((opened, i + 1))
            elif depth == 0 and not text[i + 1:limit].strip() and CLAUSE_VERB.search(text, opened, i):
                spans.append((opened, i + 1))  # at the end and naming responsibility, but unreadable: reported
    if label_at is not None:
        spans.append((label_at, len(text.rstrip())))
    return spans


def _is_agency_list(inner: str) -> bool:
    """A bracket holding only a list of agencies (（工信部、公安部、应急管理部）): a clause without a verb.

    Every item must end like a government body and have a form that types it.
    """
    if not _AGENCY_LAST.search(inner):  # no item can end like a government body: no need to split
        return False
    items = split_agencies(inner)
    return bool(items) and all(_AGENCY_END.search(name) and classify_agency(name) is not None for name, _ in items)


def _label_start(text: str) -> int | None:
    """Where text opening with a responsibility label starts: at the start, or after a sentence
    outside any brackets."""
    if LABEL_LINE.match(text):
        return 0
    if not holds_label(text):
        return None
    depth = 0
    for m in _BRACKET_OR_STOP.finditer(text):
        i, ch = m.start(), m.group()
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in _AFTER_SENTENCE and LABEL_LINE.match(text, i + 1):
            return i + 1
    return None


def _is_clause_at(text: str, start: int, end: int, limit: int) -> bool:
    inner = text[start + 1:end - 1]
    if not CLAUSE_VERB.search(inner) and not _is_agency_list(inner):
        return False
    before = text[:start].rstrip()
    after = text[end:limit].strip()
    placed = not after or after[0] in _AFTER_SENTENCE or not before or before[-1] in _AFTER_SENTENCE
    if not placed:
        return False
    return bool(read_clause_cached(text[start:end], False).parties)


def _heading_path(records: UnitRecords, unit_id: int) -> str:
    """``二 > （三） > 6``: the markers from the top heading down; bullets as ———1, ———2 …"""
    parts: list[str] = []
    current: int | None = unit_id
    while current is not None:
        rec = records[current]
        marker = bare_marker(rec.marker)
        if rec.kind == "dash":
            marker = f"{marker}{rec.dash_rank}"
        parts.append(marker)
        current = rec.parent_id
    return " > ".join(reversed(parts))


def locate_clauses(text: str, units: pd.DataFrame | UnitRecords) -> list[tuple[int, tuple[int, int]]]:
    """Every responsibility clause of the text: (unit_id, (start, end)), in document order.

    ``units``: the units table, or its records (:func:`~harchang_analysis.structure.unit_records`).

    A clause on its own line followed by another labelled line (牵头单位： / 配合单位：) is one span.
    """
    records = unit_records(units)
    first_child: dict[int, int] = {}
    for rec in records.values():
        if rec.parent_id is not None:
            first_child.setdefault(rec.parent_id, rec.start)
    clause_spans: list[tuple[int, tuple[int, int]]] = []
    for unit_id, rec in records.items():
        if rec.kind not in ("paragraph", "point") and not rec.text and not _BRACKET.search(text, rec.start, rec.end):
            continue  # a heading alone, with no bracket on its line (a clause may close it: 1.建设X（Y负责）。)
        own = (rec.start, first_child.get(unit_id, rec.end))  # the unit's own text, before any child
        for start, end in find_clauses(text[own[0]:own[1]]):
            clause_spans.append((unit_id, (own[0] + start, own[0] + end)))
    return _merge_label_lines(text, clause_spans)


def label_zones(starts: np.ndarray, text: str, units: pd.DataFrame | UnitRecords,
                clauses: list[tuple[int, tuple[int, int]]]) -> np.ndarray:
    """Where each offset stands: ``clause`` (a responsibility clause), ``heading`` (a heading's
    title, its marker included) or ``body``.

    Args:
        starts: offsets into ``text``.
        units: the units table, or its records (:func:`~harchang_analysis.structure.unit_records`).
        clauses: the spans of :func:`locate_clauses`.
    """
    zone = np.zeros(len(starts), dtype=np.int8)  # an index into _ZONES
    headings = []
    for rec in unit_records(units).values():
        if rec.title:
            at = text.find(rec.title, rec.start, rec.end)
            if at >= 0:
                headings.append((rec.start, at + len(rec.title)))
    for name, spans in ((1, headings), (2, [span for _, span in clauses])):
        if not spans:
            continue
        spans = sorted(spans)
        lo = np.array([a for a, _ in spans])
        hi = np.array([b for _, b in spans])
        nearest = np.searchsorted(lo, starts, side="right") - 1  # the last span starting at or before
        inside = (nearest >= 0) & (starts < hi[np.maximum(nearest, 0)])
        zone[inside] = name
    return _ZONES.take(zone)


#: the zones, by the index label_zones gives them (an array of indices taken at once is much
#: faster than an array of text filled and written over)
_ZONES = np.array(["body", "heading", "clause"], dtype=object)


def parse_responsibility(text: str, units: pd.DataFrame | UnitRecords, lexicon: Lexicon, *,
                         clauses: list[tuple[int, tuple[int, int]]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Find every task and its assignments.

    Args:
        text: the clean text ``units`` was parsed from.
        units: the ``units`` table of :func:`~harchang_analysis.structure.parse_structure`, or its
            records (:func:`~harchang_analysis.structure.unit_records`).
        lexicon: gives each agency its type and English name.
        clauses: the clauses of :func:`locate_clauses`, when the caller has them already.

    Returns:
        ``(tasks, assignments)``. tasks: task_id (1, 2 …), unit_id, heading_path
        (``二 > （三） > 6``), title, text (the task body without its clauses), clause (as
        written; several clauses of one task one per line), deadline (as written, from the
        clause or else the first dated deadline in the text, or empty), deadline_year and
        deadline_month (where the deadline is a date). assignments: task_id, agency (as the
        plan writes it, without qualifiers), role (``lead`` or ``support``), agency_type,
        agency_en, role_basis (``stated``, ``convention`` or ``default``), qualifier (``等``,
        ``等有关部门`` … or empty), agency_level (central, provincial, prefecture, county,
        township, or empty), type_source (``lexicon``, ``rule``, ``gazetteer`` or ``unknown``); one row per
        task × agency × role, in clause order.

    Warns:
        UnknownAgencyWarning: once, listing the agencies no lexicon and no rule can type.
        StructureWarning: once, naming the tasks whose clause could not be read in full.
    """
    records = unit_records(units)
    clause_spans = locate_clauses(text, records) if clauses is None else clauses
    in_force = _document_convention(text, [span for _, span in clause_spans])
    tasks: list[_Task] = []
    assign_rows: list[tuple[int, str, str, str, str]] = []
    unread: list[str] = []
    last_clause_end: dict[int, int] = {}
    for unit_id, (c_start, c_end) in clause_spans:
        task_unit = _task_unit(records, unit_id)
        reading = read_clause_cached(text[c_start:c_end], in_force)
        in_force = in_force or reading.onward
        previous = tasks[-1] if tasks else None
        if previous is not None and previous.unit_id == task_unit and previous.own_unit == unit_id:
            task = previous  # another clause of the same paragraph: the sentences between join the body
            task.text += text[task.clause_end:c_start].strip()
            task.clause += "\n" + text[c_start:c_end]
            task.clause_end = c_end
        else:
            row = records[task_unit]
            body_start = row.end - len(row.text)
            body_start = max(body_start, last_clause_end.get(task_unit, body_start))
            task = _Task(len(tasks) + 1, task_unit, _heading_path(records, task_unit), row.title,
                         text[body_start:c_start].strip(), text[c_start:c_end], "", c_end, unit_id)
            tasks.append(task)
        last_clause_end[task_unit] = c_end
        if reading.deadline and not task.deadline:
            task.deadline = reading.deadline
        if reading.unread or not reading.parties:
            unread.append(f"{task.heading_path} {task.title}".strip())
        for party in reading.parties:
            assign_rows.append((task.task_id, party.agency, party.role, party.role_basis, party.qualifier))
    for task in tasks:
        if not task.deadline:
            task.deadline = find_deadline(task.text)
    if unread:
        listed = "; ".join(dict.fromkeys(unread))
        warnings.warn(f"{len(dict.fromkeys(unread))} task(s) with a clause not read in full: {listed}; "
                      "check their clauses in the tasks table", StructureWarning, stacklevel=3)
    task_frame = _task_frame(tasks)
    # one row per task, agency and role (the first clause that gives it), built column by column
    rows = _first_of_each(assign_rows)
    typed = type_agencies([r[1] for r in rows], lexicon, stacklevel=3)
    assignments = make_table("assignments", {
        "task_id": np.array([r[0] for r in rows], dtype=np.int64),
        "agency": text_column([r[1] for r in rows]), "role": text_column([r[2] for r in rows]),
        "agency_type": text_column([t[0] for t in typed]), "agency_en": text_column([t[2] for t in typed]),
        "role_basis": text_column([r[3] for r in rows]), "qualifier": text_column([r[4] for r in rows]),
        "agency_level": text_column([t[1] for t in typed]), "type_source": text_column([t[3] for t in typed]),
    })
    return task_frame, assignments


def _first_of_each(rows: list[tuple[int, str, str, str, str]]) -> list[tuple[int, str, str, str, str]]:
    """The rows with the first of each (task_id, agency, role), in their order."""
    seen: set[tuple[int, str, str]] = set()
    out = []
    for row in rows:
        key = (row[0], row[1], row[2])
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def _merge_label_lines(text: str, spans: list[tuple[int, tuple[int, int]]]) -> list[tuple[int, tuple[int, int]]]:
    """Join label lines that follow each other (牵头单位：X / 配合单位：Y) into one clause."""
    out: list[tuple[int, tuple[int, int]]] = []
    for unit_id, (start, end) in spans:
        if out and LABEL_LINE.match(text, start) and LABEL_LINE.match(text, out[-1][1][0]) and \
                not text[out[-1][1][1]:start].strip():
            out[-1] = (out[-1][0], (out[-1][1][0], end))
        else:
            out.append((unit_id, (start, end)))
    return out


def _document_convention(text: str, clause_spans: list[tuple[int, int]]) -> bool:
    """Whether the text outside every clause states the first-listed-leads convention."""
    outside, pos = [], 0
    for start, end in sorted(clause_spans):
        outside.append(text[pos:start])
        pos = max(pos, end)
    outside.append(text[pos:])
    return states_convention("".join(outside))


def _task_frame(tasks: list[_Task]) -> pd.DataFrame:
    """The tasks table, built column by column in its declared dtypes (faster than from rows)."""
    dates = [deadline_date(task.deadline) for task in tasks]
    columns: dict[str, object] = {
        "task_id": np.array([t.task_id for t in tasks], dtype=np.int64),
        "unit_id": np.array([t.unit_id for t in tasks], dtype=np.int64),
        **{name: text_column([getattr(t, name) for t in tasks])
           for name in ("heading_path", "title", "text", "clause", "deadline")},
        "deadline_year": int_column([year for year, _ in dates]),
        "deadline_month": int_column([month for _, month in dates]),
    }
    return make_table("tasks", columns)


@dataclass
class _Task:
    """A task being built: a row of ``tasks`` and where its last clause ended."""

    task_id: int
    unit_id: int
    heading_path: str
    title: str
    text: str
    clause: str
    deadline: str
    clause_end: int
    own_unit: int  # the unit whose text holds the clause (a paragraph under the heading, or the heading)


def _task_unit(records: UnitRecords, unit_id: int) -> int:
    """The nearest heading at or above a unit: points and paragraphs belong to it."""
    current = unit_id
    while records[current].kind in ("paragraph", "point"):
        parent = records[current].parent_id
        if parent is None:
            break
        current = parent
    return current


def count_unknown_agencies(assignments: pd.DataFrame, lexicon: Lexicon) -> pd.DataFrame:
    """Agencies named in clauses that no lexicon holds, with how often and the type their form gives.

    Returns:
        agency, n_assignments, agency_type and agency_level (from the form of the name, see
        :func:`~harchang_analysis.agencies.classify_agency`; ``other`` and empty when the form
        says nothing); most frequent first, then by name.
    """
    lookup = lexicon.all_agency_lookup()
    names: Iterable[str] = (a for a in assignments["agency"] if a not in lookup)
    counts = pd.Series(list(names), dtype="object").value_counts()
    frame = counts.rename_axis("agency").reset_index(name="n_assignments")
    frame = frame.sort_values(["n_assignments", "agency"], ascending=[False, True], ignore_index=True)
    typed = [classify_agency(name) or ("other", "") for name in frame["agency"]]
    frame["agency_type"] = [t[0] for t in typed]
    frame["agency_level"] = [t[1] for t in typed]
    return frame
