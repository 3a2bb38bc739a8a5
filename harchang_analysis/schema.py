"""The tables' contract: every output table's columns, their dtypes and what they mean, in one place.

Table building (:func:`conform`), the checks of the tests and the data dictionary
(``docs/tables.md``, written by ``harchang columns``) all read these
declarations, so that a column is described once. Offsets (``start``, ``end``) point into the
plan's clean text; rows come in document order.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .errors import PlanError


class SchemaError(PlanError):
    """A table does not have the columns its schema declares."""


@dataclass(frozen=True)
class Column:
    """One column: its name, pandas dtype and meaning; an optional lexicon column may be left out."""

    name: str
    dtype: str
    meaning: str
    optional: bool = False


def _cols(*specs: tuple[str, str, str] | tuple[str, str, str, bool]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


TABLES: dict[str, tuple[Column, ...]] = {
    "units": _cols(
        ("unit_id", "int64", "1, 2 … in document order"),
        ("parent_id", "Int64", "the unit_id of the heading above; empty at the top level"),
        ("depth", "int64", "1 for the top level, 2 below it …"),
        ("kind", "str", "the marker style: zh_part 第一部分 / 第一篇, zh_chapter 第一章, zh_section 第一节, "
                        "zh_article 第一条, zh_comma 一、, zh_dot 一．, "
                        "zh_paren （一） / ㈠, num_paren （1） / ⑴, circled ①, num_dot 1 / 1. / 1、, num_rparen 1）, "
                        "dash ———, point 一是, "
                        "or paragraph"),
        ("marker", "str", "the heading marker as written (一、, （一）, 1., ———, 一是 …); empty for a paragraph"),
        ("number", "Int64", "the number the marker gives, where it numbers"),
        ("title", "str", "a heading's title (its line, or its first sentence when text follows on the line)"),
        ("text", "str", "the unit's body, its descendants included"),
        ("start", "int64", "offset of the unit's first character"),
        ("end", "int64", "offset just after the unit's last character"),
    ),
    "tasks": _cols(
        ("task_id", "int64", "1, 2 … in document order; the key of assignments"),
        ("unit_id", "int64", "the heading (or paragraph) the task is"),
        ("heading_path", "str", "the markers from the top heading down: 二 > （三） > 6; bullets as ———1, ———2"),
        ("title", "str", "the task heading's title"),
        ("text", "str", "the task's body without its clauses"),
        ("clause", "str", "the responsibility clause as written, with its brackets; several clauses of one task "
                          "one per line"),
        ("deadline", "str", "the deadline as written (2025年底前, 长期坚持), from the clause or a table's 完成时限, else "
                            "the first dated deadline in the text; empty when none"),
        ("deadline_year", "Int64", "the deadline's year, where it is a date"),
        ("deadline_month", "Int64", "the deadline's month, where it names one (年底 = 12, 上半年 = 6)"),
    ),
    "assignments": _cols(
        ("task_id", "int64", "the task"),
        ("agency", "str", "the agency as the plan writes it, without qualifiers; a 政府 or a level written once "
                          "for a list belongs to each name"),
        ("role", "str", "lead or support"),
        ("agency_type", "str", "central_department, central_organization, provincial_government, "
                               "provincial_department, prefecture_government, municipal_department, "
                               "county_government, county_department, township_government, zone_administration, "
                               "public_institution, enterprise, collective or other"),
        ("agency_en", "str", "the English name, from a lexicon; empty when no lexicon holds the agency"),
        ("role_basis", "str", "how the role was decided: stated (a label or verb), convention (列第一位者为牵头单位 "
                              "and the like) or default (the grammar's reading of 负责 and 按职责分工负责)"),
        ("qualifier", "str", "what followed the name in the clause (等, 等有关部门, 会同有关部门 …), or empty"),
        ("agency_level", "str", "central, provincial, prefecture, county, township, or empty"),
        ("type_source", "str",
         "lexicon, rule (the form of the name), gazetteer (a bare unit name: its government) or unknown"),
    ),
    "tokens": _cols(
        ("unit_id", "int64", "the unit the token is in"),
        ("sentence_id", "int64", "the sentence, numbered through the plan"),
        ("position", "int64", "the token's place in its sentence (0, 1 …)"),
        ("start", "int64", "offset of the token's first character"),
        ("token", "str", "the word"),
        ("pos", "str", "jieba's part-of-speech tag (m for numbers)"),
        ("entity", "str", "agency, place, sector, project, quantity, or empty"),
        ("is_stopword", "bool", "whether the word is in the stopword list"),
        ("zone", "str", "where the token stands: clause (a responsibility clause), heading (a heading's "
                        "marker and title) or body"),
    ),
    "mentions": _cols(
        ("unit_id", "int64", "the unit the mention is in"),
        ("sentence_id", "int64", "the sentence"),
        ("entity", "str", "agency, place, sector, project or quantity"),
        ("name", "str", "the canonical name in the lexicon"),
        ("surface", "str", "the words as written"),
        ("start", "int64", "offset of the first character"),
        ("end", "int64", "offset just after the last character"),
        ("zone", "str", "clause, heading or body, as for tokens: who is named to do a task (clause) is not "
                        "what the plan says about a place or sector (heading, body)"),
    ),
}


_AGENCY_FILE = _cols(
    ("name", "str", "the agency's name as plans write it"),
    ("aliases", "list", "other names, |-separated in the file (全称, 简称)"),
    ("agency_type", "str", "one of the agency types of assignments.agency_type"),
    ("place", "str", "the place a government governs; empty for a department"),
    ("name_en", "str", "the English name"),
    ("short_en", "str", "a short English label for figures"),
)

#: the lexicon files: what each column holds (all read as text; aliases as a list, lat/lon as numbers)
LEXICON_FILES: dict[str, tuple[Column, ...]] = {
    "agencies.csv": _AGENCY_FILE,
    "agencies_central.csv": _AGENCY_FILE,
    "places.csv": _cols(
        ("name", "str", "the place's name"),
        ("aliases", "list", "other names, |-separated"),
        ("level", "str", "prefecture, county, town or outside_province"),
        ("parent", "str", "the prefecture a county or town rolls up to; a town may leave it empty when its county "
                          "is not known (it is counted, and rolls up to no prefecture)"),
        ("in_cluster", "bool", "whether the Harbin–Changchun cluster plan covers it (true/false; a town without a "
                               "parent may leave it empty: not known, read as false)"),
        ("lat", "float64", "approximate seat latitude, WGS84 degrees; a place below a prefecture may leave lat "
                           "and lon empty (counted, not mapped)"),
        ("lon", "float64", "approximate seat longitude, WGS84 degrees"),
        ("name_en", "str", "the English name"),
        ("context_aliases", "list", "short names that mean this place only in a route (吉林至长春, 蛟河至吉林) or in a "
                                    "list of places (长春、吉林、四平), and otherwise something else (吉林 the province)",
         True),
        ("former_parent", "str", "the prefecture a county belonged to before parent_since (公主岭市: 四平市)", True),
        ("parent_since", "str", "the year the current parent took over (公主岭市: 2020); roll-ups for a plan of an "
                                "earlier year use former_parent", True),
    ),
    "sectors.csv": _cols(
        ("keyword", "str", "a word that marks the sector"),
        ("sector", "str", "the sector"),
        ("sector_en", "str", "the sector in English"),
        ("not_in", "list", "phrases holding the keyword where it does not mean the sector (发展环境 for 环境), "
                           "|-separated", True),
        ("needs", "list", "words of which one must stand in the same sentence for the keyword to count (合作: "
                          "国际|对外|…), |-separated; empty for none", True),
    ),
    "terms.csv": _cols(
        ("term", "str", "a key term or project name, kept whole by the tokenizer"),
        ("kind", "str", "term or project"),
        ("name_en", "str", "the English name"),
    ),
    "instruments.csv": _cols(
        ("keyword", "str", "a word that marks the policy instrument"),
        ("instrument", "str", "the instrument"),
        ("instrument_en", "str", "the instrument in English"),
        ("instrument_type", "str", "供给型 (supply), 环境型 (environment) or 需求型 (demand), after Rothwell and Zegveld "
                                   "as adapted by 赵筱媛 and 苏竣 (2007)"),
        ("instrument_type_en", "str", "the type in English"),
        ("not_in", "list", "phrases holding the keyword where it does not mean the instrument (《规划》 for 规划), "
                           "|-separated", True),
        ("needs", "list", "words of which one must stand in the same sentence (创新: 科技|技术|…), |-separated",
         True),
    ),
    "glossary.csv": _cols(
        ("term", "str", "a common word, a heading's title or the plan's title"),
        ("name_en", "str", "its English, to label the English figures"),
    ),
}


def columns(table: str) -> list[str]:
    """The column names of a table, in order.

    >>> columns("mentions")
    ['unit_id', 'sentence_id', 'entity', 'name', 'surface', 'start', 'end', 'zone']
    """
    return [c.name for c in TABLES[table]]


#: the dtypes of the tables' text and nullable integer columns, made once (naming them by string
#: makes pandas look the name up on every call)
STR = pd.api.types.pandas_dtype("str")
INT64 = pd.Int64Dtype()
_STR_ARRAY = STR.construct_array_type()


def text_column(values: list) -> pd.api.extensions.ExtensionArray:
    """A column of text, in the tables' ``str`` dtype (made by the dtype's own array type, which is
    what ``pd.array`` calls after finding it: a third of the cost for a column of a few rows)."""
    return _STR_ARRAY._from_sequence(values, dtype=STR)


def int_column(values: list) -> pd.api.extensions.ExtensionArray:
    """A column of integers where some may be missing (None), in the ``Int64`` dtype.

    >>> int_column([3, None, 5]).tolist()
    [3, <NA>, 5]
    """
    if isinstance(values, list) and all(type(v) is int or v is None for v in values):
        missing = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
        data = np.fromiter((0 if v is None else v for v in values), dtype=np.int64, count=len(values))
        return pd.arrays.IntegerArray(data, missing)
    return pd.array(values, dtype=INT64)


def _present(table: str, given) -> tuple[Column, ...]:
    """The table's declared columns, once every one of them is among ``given`` (names).

    Raises:
        SchemaError: a declared column is missing.
    """
    declared = TABLES[table]
    missing = [c.name for c in declared if c.name not in given]
    if missing:
        raise SchemaError(f"{table}: missing column(s) {', '.join(missing)}")
    return declared


def conform(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the declared columns, in order, and their dtypes (an empty table included).

    Raises:
        SchemaError: a declared column is missing.
    """
    declared = _present(table, frame.columns)
    names = [c.name for c in declared]
    out = frame if list(frame.columns) == names else frame[names]
    wrong = {c.name: c.dtype for c, have in zip(declared, out.dtypes) if str(have) != c.dtype}
    if not wrong:
        return out
    out = out.copy(deep=False)  # column by column: a whole-frame astype re-checks every column (3-4x slower)
    for name, dtype in wrong.items():
        out[name] = out[name].astype(dtype)
    return out


#: the rows above which :func:`make_table` builds a frame on its arrays rather than from copies
LARGE_TABLE = 10_000


def make_table(table: str, values: dict[str, object]) -> pd.DataFrame:
    """The table from its columns (arrays or lists, one per declared column, all of one length): a
    column already in its declared dtype is taken as it is, any other converted to it.

    The same frame as ``conform(table, pd.DataFrame(values))``. A table of up to
    :data:`LARGE_TABLE` rows is put together without pandas checking again, column by column,
    what the schema has just made sure of: that is most of what a frame of a few rows costs, and a
    plan's tables are five such frames. A larger one is built by pandas' public constructor on the
    arrays themselves, where its checks cost little and its not copying the columns saves memory
    (about 30 MB at the peak for a document of two million characters).

    Raises:
        SchemaError: a declared column is missing, or the columns differ in length.
    """
    declared = _present(table, values)
    names, dtypes = _frame_parts(table)
    arrays = [_typed(values[c.name], c.dtype, dtype) for c, dtype in zip(declared, dtypes)]
    lengths = {len(array) for array in arrays}
    if len(lengths) > 1:
        raise SchemaError(f"{table}: columns of different lengths {sorted(lengths)}")
    index = pd.RangeIndex(lengths.pop() if lengths else 0)
    build = getattr(pd.DataFrame, "_from_arrays", None)
    if build is None or len(index) > LARGE_TABLE:  # the public constructor, taking the arrays as they are
        return pd.DataFrame(dict(zip(names, arrays)), index=index, copy=False)
    return build(arrays, columns=names, index=index, verify_integrity=False)


@functools.cache
def _frame_parts(table: str) -> tuple[pd.Index, tuple[Any, ...]]:
    """A table's column names as an index (shared by its frames: an index cannot change) and its
    dtypes as objects."""
    declared = TABLES[table]
    return pd.Index([c.name for c in declared]), tuple(pd.api.types.pandas_dtype(c.dtype) for c in declared)


def _typed(values: Any, dtype: str, made: Any) -> Any:
    """``values`` as a one-dimensional array in ``dtype`` (``made``: the dtype as an object), taken
    as it is when it is one already."""
    have = getattr(values, "dtype", None)  # (not compared with None: numpy reads None as float64)
    if have is not None and have == made and getattr(values, "ndim", 0) == 1:
        return values
    if dtype == "str":
        return text_column(values)
    if dtype == "Int64":
        return int_column(values)
    return np.asarray(values, dtype=dtype)


def check(table: str, frame: pd.DataFrame) -> list[str]:
    """What is wrong with a table against its schema (column names and order, dtypes); empty when right."""
    problems = []
    expected = columns(table)
    if list(frame.columns) != expected:
        problems.append(f"{table}: columns {list(frame.columns)}, declared {expected}")
    for column in TABLES[table]:
        if column.name in frame.columns and str(frame[column.name].dtype) != column.dtype:
            problems.append(f"{table}.{column.name}: dtype {frame[column.name].dtype}, declared {column.dtype}")
    return problems


def render_data_dictionary() -> str:
    """The data dictionary, as Markdown: one section per table, one row per column."""
    lines = ["# The tables", "",
             "Written by `harchang columns > docs/tables.md` from `harchang_analysis/schema.py`; "
             "edit that module, not this file.", "",
             "Offsets (`start`, `end`) point into `plan.text`, the clean text; rows come in document order. "
             "`load_corpus` adds `doc_id` as the first column of each.", ""]
    for table, declared in TABLES.items():
        lines += [f"## {table}", "", "| column | dtype | meaning |", "| --- | --- | --- |"]
        lines += [f"| {c.name} | {c.dtype} | {c.meaning} |" for c in declared]
        lines.append("")
    lines += ["# The lexicon files", "",
              "CSV files in `harchang_analysis/data/` (or a folder of your own, from `harchang init-lexicon`), "
              "one row per name with its English name; `stopwords.txt` holds one word a line. Every file is "
              "checked on load, and a malformed row is reported with its file, line and reason. "
              "`agencies_central.csv` may be left out of your folder: the packaged one is used.", ""]
    for name, declared in LEXICON_FILES.items():
        lines += [f"## {name}", "", "| column | kind | meaning |", "| --- | --- | --- |"]
        lines += [f"| {c.name} | {c.dtype}{' (optional)' if c.optional else ''} | {c.meaning} |" for c in declared]
        lines.append("")
    return "\n".join(lines)

