"""Task tables: recognise the columns of a 重点任务分工表 and write its rows as clauses.

A plan whose tasks sit in a table (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限) is read into the
same tables as one written as text. Each reader (Word, Excel, CSV, PDF, HTML) gives a table as
rows of cell texts, merged cells repeated; :func:`render_table` finds the header, maps its
columns and writes each task row as one paragraph in the form the clause grammar reads::

    3.建设城市算力中心。（牵头单位：市数据局；配合单位：市财政局；完成时限：2025年底前）

A row with one value across the table (a section such as 一、加快产业发展) becomes a paragraph
of its own; when a table has both a short task column (重点任务) and a detailed one (具体措施),
each new value of the short one becomes a heading （一）… over the rows it spans.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import warnings
from dataclasses import dataclass

from .errors import PlanInputError, StructureWarning
from .markers import CLAUSE_VERB, match_marker

#: column role -> header names, in their common variants (checked after removing spaces)
HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "序"),
    "task": ("重点任务", "主要任务", "工作任务", "任务内容", "具体任务", "工作内容", "重点工作", "任务事项", "工作事项",
             "工作措施", "具体措施", "主要措施", "政策措施", "改革举措", "任务举措", "具体内容", "主要内容", "目标任务",
             "任务名称", "任务分解", "工作要点", "主要工作", "具体工作", "重点事项", "任务", "措施", "内容", "事项"),
    "lead": ("牵头单位", "牵头部门", "责任单位", "责任部门", "主责单位", "主责部门", "牵头责任单位", "牵头责任部门",
             "责任主体", "主要责任单位", "承办单位", "实施单位", "牵头处室", "责任处室", "牵头科室", "责任科室"),
    "support": ("配合单位", "配合部门", "参与单位", "参与部门", "协同单位", "协同部门", "协办单位", "协助单位",
                "支持单位", "协作单位", "配合责任单位", "协同责任单位", "配合处室", "配合科室"),
    "deadline": ("完成时限", "时间安排", "进度安排", "完成时间", "时间节点", "时限要求", "时限", "完成期限"),
}
#: every header name, to tell a header's cells (or a line holding one) from a row's
_HEADER_CELLS = frozenset(name for names in HEADERS.values() for name in names)
#: task columns that name a task briefly; another task column beside one of them holds the detail
BRIEF = ("重点任务", "主要任务", "工作任务", "任务", "重点工作", "任务事项", "工作事项", "目标任务")
_CN = "一二三四五六七八九十"
_BODY_END = "厅局委办部府署心院会社处队所站"


@dataclass(frozen=True)
class Columns:
    """Which column holds what, by index (None when the table has no such column)."""

    task: int
    lead: int | None
    support: int | None
    deadline: int | None
    number: int | None
    brief: int | None  # a short task column beside a detailed one


def _clean(cell: object) -> str:
    return "" if cell is None else re.sub(r"[ \t\u3000\xa0]+", " ", str(cell)).strip()


def _header_key(cell: object) -> str:
    """A cell as a header name is matched: without any white space (序 号 = 序号)."""
    return re.sub(r"\s+", "", _clean(cell))


def _only_header_names(keys: list[str]) -> bool:
    """Whether every cell of a row that has text is a header name (the upper row of a two-row header)."""
    return all(not key or key in _HEADER_CELLS for key in keys)


def find_header(rows: list[list[str]]) -> tuple[int, Columns] | None:
    """The header row (among the first five) and its columns, or None for a table of something else.

    A header over two rows (责任单位 over 牵头单位 | 配合单位, the upper cell merged) is read as one: the
    lower row's names where it has them; the row returned is the lower one.

    >>> find_header([["序号", "重点任务", "牵头单位", "配合单位", "完成时限"], ["1", "建设", "市数据局", "", ""]])
    (0, Columns(task=1, lead=2, support=3, deadline=4, number=0, brief=None))
    >>> find_header([["序号", "重点任务", "责任单位", "责任单位"], ["序号", "重点任务", "牵头单位", "配合单位"],
    ...              ["1", "建设", "市数据局", "市财政局"]])
    (1, Columns(task=1, lead=2, support=3, deadline=None, number=0, brief=None))
    """
    for r, row in enumerate(rows[:5]):
        keys = [_header_key(cell) for cell in row]
        columns = _columns(keys)
        if columns is None:
            continue
        below = [_header_key(cell) for cell in rows[r + 1]] if r + 1 < len(rows) else []
        if any(below) and _only_header_names(below) and below != keys:
            merged = [low or high for high, low in itertools.zip_longest(keys, below, fillvalue="")]
            lower = _columns(merged)
            if lower is not None:
                return r + 1, lower
        return r, columns
    return None


def _columns(keys: list[str]) -> Columns | None:
    """The columns a header row's names give, or None when they name no task and no lead or support."""
    found: dict[str, list[int]] = {}
    for c, key in enumerate(keys):
        for role, names in HEADERS.items():
            if key in names or (role != "number" and any(key.startswith(n) for n in names if len(n) > 2)):
                if c not in [i for ids in found.values() for i in ids]:
                    found.setdefault(role, []).append(c)
                break
    if len(found.get("lead", [])) > 1 and "support" not in found:
        found["support"] = found["lead"][1:2]  # 牵头单位 and 责任单位: the second names the others
    if "task" not in found or ("lead" not in found and "support" not in found):
        return None
    tasks = found["task"]
    brief = None
    task = tasks[-1]
    if len(tasks) > 1:
        briefs = [c for c in tasks if keys[c] in BRIEF]
        brief = briefs[0] if briefs else tasks[0]
        task = next(c for c in reversed(tasks) if c != brief)
    return Columns(task=task, lead=_first(found, "lead"), support=_first(found, "support"),
                   deadline=_first(found, "deadline"), number=_first(found, "number"), brief=brief)


def _first(found: dict[str, list[int]], role: str) -> int | None:
    return found[role][0] if role in found else None


def join_cell_lines(cell: str, *, names: bool) -> str:
    """One line for a cell written over several: names joined with 、, text joined as it runs.

    >>> join_cell_lines("省财政厅\\n省教育厅", names=True), join_cell_lines("省发展改\\n革委", names=True)
    ('省财政厅、省教育厅', '省发展改革委')
    """
    parts = [p.strip() for p in cell.replace("\r", "\n").split("\n") if p.strip()]
    if not names:
        return "".join(parts)
    out = ""
    for part in parts:
        if out and out[-1] in _BODY_END and part[0] not in "（(、，,":
            out += "、"
        out += part
    return re.sub(r"\s+", "、", out.strip())


def render_table(rows: list[list[str]]) -> list[str] | None:
    """The paragraphs a task table stands for, or None when it is not a task table.

    >>> render_table([["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ...               ["1", "建设城市算力中心", "市数据局", "市财政局\\n市统计局", "2025年底前"]])
    ['1.建设城市算力中心。（牵头单位：市数据局；配合单位：市财政局、市统计局；完成时限：2025年底前）']
    """
    rows = [[_clean(c) for c in row] for row in rows]
    found = find_header(rows)
    if found is None:
        return None
    header_at, cols = found
    out: list[str] = [join_cell_lines(" ".join(dict.fromkeys(c for c in row if c)), names=False)
                      for row in rows[:header_at]  # a title above the header, not its upper row
                      if any(row) and not _only_header_names([_header_key(c) for c in row])]
    number, brief_seen, last_brief = 0, 0, None
    for row in rows[header_at + 1:]:
        if not any(row):
            continue
        distinct = list(dict.fromkeys(c for c in row if c))
        if (len(distinct) == 1 and len(row) > 1 and sum(1 for c in row if c) != 1) or (
                len(distinct) == 1 and not _cell(row, cols.task)):
            out.append(join_cell_lines(distinct[0], names=False))  # a section row spanning the table
            brief_seen, last_brief = 0, None
            continue
        task = join_cell_lines(_cell(row, cols.task), names=False)
        if not task:
            continue
        if cols.brief is not None:
            brief = join_cell_lines(_cell(row, cols.brief), names=False)
            if brief and brief != last_brief and brief != task:
                brief_seen += 1
                out.append(f"（{_cn(brief_seen)}）{brief.rstrip('。')}")
                last_brief = brief
                number = 0
        given = _cell(row, cols.number)
        number = int(given) if given.isdigit() else number + 1
        clause = []
        lead, support = _cell(row, cols.lead), _cell(row, cols.support)
        deadline = join_cell_lines(_cell(row, cols.deadline), names=False)
        label = "牵头单位" if support or cols.support is not None else "责任单位"
        if lead and CLAUSE_VERB.search(lead):
            clause.append(join_cell_lines(lead, names=True))  # the cell is a clause: 省X厅牵头，省Y厅按职责分工负责
        elif lead:
            clause.append(f"{label}：{join_cell_lines(lead, names=True)}")
        if support:
            clause.append(f"配合单位：{join_cell_lines(support, names=True)}")
        if deadline:
            clause.append(f"完成时限：{deadline}")
        body = re.sub(r"^\d{1,3}[.．、]\s*", "", task)
        if body[-1] not in "。；！？":
            body += "。"
        out.append(f"{number}.{body}" + (f"（{'；'.join(clause)}）" if clause else ""))
    return out


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")


def render_sheet(rows: list[list[str]], *, where: str, path: object) -> list[str]:
    """The paragraphs of a table-only file (a spreadsheet or CSV); it must be a task table.

    Raises:
        PlanInputError: no header row names a task column and a lead or support column; the
            message lists the columns found and what is expected.
    """
    rendered = render_table(rows)
    if rendered is not None:
        return rendered
    first = next((r for r in rows if any(_clean(c) for c in r)), [])
    columns = "、".join(_clean(c) for c in first if _clean(c)) or "none"
    raise PlanInputError(f"{path}: {where} has no task table (columns: {columns}); expected a header row with a task "
                         "column (重点任务/主要任务/工作任务/任务内容) and 牵头单位/责任单位 or 配合单位")



def render_text_tables(text: str) -> str:
    """A plain text with the task tables in it written as paragraphs (:func:`render_table`).

    A table pasted into a text file comes in one of these forms, all read here:

    - a row to a line, its cells set apart by tabs (``序号⇥重点任务⇥牵头单位⇥…``), as a table copied
      from Word, Excel or a web page is pasted; a cell of several lines is in double quotes;
    - a row to a line with spaces between the cells, as a PDF's text gives a table; a row that does
      not split into as many cells as the header (an empty cell, a cell with a space) cannot be read;
    - a cell to a line, as a web page's table is copied line by line or a PDF's text gives it: the
      header's names each on a line, then each row as its number (1, 2 …) and one line for each of
      its other cells. A row whose cells do not all have a line (an empty cell, a cell broken over
      two lines) makes it impossible to tell which line is which column; then the text is left as
      it is.

    Text that holds no task table comes back unchanged.

    >>> print(render_text_tables("分工表\\n序号\\t重点任务\\t牵头单位\\n1\\t建设算力中心\\t市数据局\\n附则"))
    分工表
    1.建设算力中心。（责任单位：市数据局）
    附则
    >>> print(render_text_tables("序号\\n重点任务\\n牵头单位\\n配合单位\\n1\\n建设算力中心\\n市数据局\\n市财政局"))
    1.建设算力中心。（牵头单位：市数据局；配合单位：市财政局）
    """
    if "\t" not in text and "序号" not in text and "编号" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        try:
            taken = (_tabbed_table(lines, k) if "\t" in lines[k] else
                     _spaced_table(lines, k) if " " in lines[k].strip() else _table_by_cells(lines, k))
        except _Unfit as unfit:
            warnings.warn(f"a task table in the text has a row whose cells cannot be told apart (row {unfit.row}: "
                          "a cell empty, broken over lines or with a space in it); it is read as text. Save the table "
                          "as .xlsx or .csv, or write each row on a line with tabs between its cells",
                          StructureWarning, stacklevel=3)
            taken = None
        if taken is None:
            out.append(lines[k])
            k += 1
            continue
        rendered, k = taken
        out.extend(rendered)
    return "\n".join(out)


def _tabbed_table(lines: list[str], k: int) -> tuple[list[str], int] | None:
    """The task table whose header is line ``k``, a row to a line with tabs: its paragraphs and the
    line after it; None when line k heads no task table."""
    header = lines[k].split("\t")
    if len(header) < 2 or find_header([header]) is None:
        return None
    end = k + 1
    quoted = False  # a cell of several lines, in double quotes, goes on over the line ends
    while end < len(lines) and ("\t" in lines[end] or quoted or (  # a section's row, across the table
            lines[end].strip() and end + 1 < len(lines) and "\t" in lines[end + 1])):
        quoted ^= lines[end].count('"') % 2 == 1
        end += 1
    rows = list(csv.reader(io.StringIO("\n".join(lines[k:end])), delimiter="\t"))
    rendered = render_table(rows)
    return (rendered, end) if rendered is not None else None


def _spaced_table(lines: list[str], k: int) -> tuple[list[str], int] | None:
    """The task table whose header is line ``k``, a row to a line with spaces between the cells (as a
    PDF's text gives a table): each row must split into as many cells as the header, else the
    table is left as text (:class:`_Unfit`)."""
    if "号" not in lines[k]:
        return None
    header = lines[k].split()
    if len(header) < 3 or header[0] not in ("序号", "编号") or any(h not in _HEADER_CELLS for h in header) \
            or find_header([header]) is None:
        return None
    rows = [header]
    at = k + 1
    while at < len(lines) and lines[at].strip():
        cells = lines[at].split()
        if cells[0].isdigit() and len(cells) != len(header):
            raise _Unfit(int(cells[0]))  # a cell empty or with a space in it: the columns cannot be told
        if not cells[0].isdigit():
            if len(cells) == 1 and match_marker(cells[0]) is not None:
                rows.append(cells * len(header))  # a section's row, across the table
                at += 1
                continue
            break
        rows.append(cells)
        at += 1
    if len(rows) < 2:
        return None
    rendered = render_table(rows)
    return (rendered, at) if rendered is not None else None


def _table_by_cells(lines: list[str], k: int) -> tuple[list[str], int] | None:
    """The task table whose header opens at line ``k``, a cell to a line (see :func:`render_text_tables`)."""
    if "号" not in lines[k] or _header_key(lines[k]) not in ("序号", "编号"):
        return None
    width = 1
    while k + width < len(lines) and _header_key(lines[k + width]) in _HEADER_CELLS:
        width += 1
    header = [_header_key(line) for line in lines[k:k + width]]
    if width < 3 or find_header([header]) is None:
        return None
    rows = [header]
    at, number = k + width, 1
    while at < len(lines):
        line = lines[at].strip()
        if line == str(number):
            cells = [c.strip() for c in lines[at + 1:at + width]]
            after = at + width
            if len(cells) < width - 1 or "" in cells or str(number + 1) in cells:
                raise _Unfit(number)  # a cell missing: the next row's number comes too soon
            rest = [lines[j].strip() for j in range(after, min(after + width, len(lines)))]
            if rest and rest[0] != str(number + 1) and not _section_row(rest) and str(number + 1) in rest:
                raise _Unfit(number)  # a cell broken over lines: the next row's number comes too late
            rows.append([str(number), *cells])
            at, number = after, number + 1
        elif _section_row([lines[j].strip() for j in range(at, min(at + 2, len(lines)))], number):
            rows.append([line] * width)  # a section's row, across the table: one line
            at += 1
        else:
            break
    if len(rows) < 2:
        return None
    rendered = render_table(rows)
    return (rendered, at) if rendered is not None else None


def _section_row(lines: list[str], number: int | None = None) -> bool:
    """Whether ``lines`` open with a section's row across a table (一、统筹两个市场), which a row's
    number follows (``number``, or any number when None)."""
    if len(lines) < 2 or not lines[0] or lines[0].isdigit() or match_marker(lines[0]) is None:
        return False
    return lines[1] == str(number) if number is not None else lines[1].isdigit()


class _Unfit(Exception):
    """A task table in a text whose row ``row`` has too few or too many cells."""

    def __init__(self, row: int) -> None:
        super().__init__(row)
        self.row = row
