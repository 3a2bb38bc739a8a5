"""Helpers every analysis shares: which section a unit sits in, which task a token belongs to,
which tokens and mentions stand in the plan's body and headings rather than in its clauses."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..lexicon import Lexicon
from ..markers import bare_marker

SECTION_COLUMNS = ["unit_id", "section", "section_en", "section_title"]
_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
PREAMBLE = "序"
#: where a token or mention stands (the ``zone`` column)
ZONES = ("body", "heading", "clause")
#: what the plan says, as opposed to whom it makes responsible: analyses of content count these
CONTENT_ZONES = ("body", "heading")


def _roman(n: int) -> str:
    return _ROMAN[n] if 0 < n < len(_ROMAN) else str(n)


def first_seen_order(values: pd.Series) -> dict[object, int]:
    """Each distinct value's rank by first appearance: a sort key that keeps document order.

    >>> first_seen_order(pd.Series(["二（三）", "二（一）", "二（三）"]))
    {'二（三）': 0, '二（一）': 1}
    """
    return {value: i for i, value in enumerate(values.drop_duplicates())}


def label_sections(units: pd.DataFrame) -> pd.DataFrame:
    """The section (the top two heading levels) that each unit sits in.

    Returns:
        unit_id, section (markers of the top two headings, ``二（三）``; ``一`` for text
        directly under a part; ``序`` for text before the first heading), section_en
        (``II.3``, ``I``, ``preamble``), section_title (the title of the deeper heading).

    >>> from harchang_analysis.structure import parse_structure
    >>> units = parse_structure("引言。\\n一、总体要求\\n正文。\\n二、主要任务\\n（一）构建体系。\\n正文。")
    >>> label_sections(units)["section"].tolist()
    ['序', '一', '一', '二', '二（一）', '二（一）']
    """
    by_id = units.set_index("unit_id")
    rows = []
    for unit_id in units["unit_id"]:
        chain = []
        current = unit_id
        while not pd.isna(current):
            chain.append(current)
            current = by_id.loc[current, "parent_id"]
        headings = [u for u in reversed(chain) if by_id.loc[u, "kind"] not in ("paragraph", "point")][:2]
        if not headings:
            rows.append((unit_id, PREAMBLE, "preamble", ""))
            continue
        markers = [bare_marker(str(by_id.loc[u, "marker"])) for u in headings]
        numbers = [by_id.loc[u, "number"] for u in headings]
        en = ".".join(_roman(int(n)) if i == 0 else str(int(n)) for i, n in enumerate(numbers) if not pd.isna(n))
        rows.append((unit_id, "".join(markers), en or markers[0], str(by_id.loc[headings[-1], "title"])))
    return pd.DataFrame(rows, columns=SECTION_COLUMNS)


#: the most characters of a chapter's title shown beside its number in a figure
SHORT_TITLE = 12


def shorten_title(title: str, *, limit: int = SHORT_TITLE) -> str:
    """A heading's title cut to fit a figure: its first clause, at most ``limit`` characters.

    >>> shorten_title("推进重大基础设施互联互通。")
    '推进重大基础设施互联互通'
    >>> shorten_title("加强市场体系建设，推进高标准市场体系建设")
    '加强市场体系建设'
    >>> shorten_title("深入实施创新驱动发展战略和人才强省战略")
    '深入实施创新驱动发展战…'
    """
    first = re.split(r"[，,。；;：:！!？?]", title.strip(), maxsplit=1)[0].strip()
    return first if len(first) <= limit else first[: limit - 1] + "…"


def add_section_labels(table: pd.DataFrame, lexicon: Lexicon) -> pd.DataFrame:
    """``table`` with a figure label for each section, in both languages.

    Args:
        table: with ``section``, ``section_en`` and ``section_title`` (as from :func:`label_sections`).
        lexicon: its glossary gives a title's English (looked up by the full title, then by the
            short one); a title the glossary lacks stays in Chinese in the English label.

    Returns:
        ``table`` with ``section_label`` (``二（一）构建城市群体系``, ``一 总体要求``) and ``section_label_en``
        (``II.1 Urban system``); a section without a title keeps its number alone.
    """
    english = dict(zip(lexicon.glossary["term"], lexicon.glossary["name_en"]))
    short = table["section_title"].fillna("").astype(str).map(shorten_title)
    title_en = [english.get(full, english.get(cut, cut)) for full, cut in zip(table["section_title"].fillna(""), short)]
    zh = [f"{s}{'' if s.endswith('）') else ' '}{t}".strip() for s, t in zip(table["section"], short)]
    en = [f"{s} {t}".strip() for s, t in zip(table["section_en"], title_en)]
    return table.assign(section_label=zh, section_label_en=en)


def label_task_tokens(tokens: pd.DataFrame, tasks: pd.DataFrame, units: pd.DataFrame) -> pd.Series:
    """The task each token belongs to (by offset), as a nullable integer Series aligned with ``tokens``."""
    spans = units.set_index("unit_id").loc[tasks["unit_id"], ["start", "end"]].to_numpy()
    starts = tokens["start"].to_numpy()
    out = np.full(len(tokens), -1)
    for task_id, (start, end) in zip(tasks["task_id"], spans):
        out[(starts >= start) & (starts < end)] = task_id
    series = pd.Series(out, index=tokens.index, name="task_id").astype("Int64")
    return series.mask(series < 0)


def drop_clause_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """The tokens outside the responsibility clauses: what the plan says, not who does it.

    Returns:
        ``tokens`` without the rows whose ``zone`` is ``clause``, same columns and order.
    """
    return tokens[tokens["zone"] != "clause"]


def select_zones(frame: pd.DataFrame, zones: Iterable[str] | None) -> pd.DataFrame:
    """The rows of a tokens or mentions table that stand in ``zones`` (all rows for None).

    >>> select_zones(pd.DataFrame({"zone": ["body", "clause", "heading"]}), CONTENT_ZONES)["zone"].tolist()
    ['body', 'heading']
    """
    if zones is None:
        return frame
    wanted = set(zones)
    unknown = wanted - set(ZONES)
    if unknown:
        raise ValueError(f"unknown zone(s) {sorted(unknown)}; the zones are {', '.join(ZONES)}")
    return frame[frame["zone"].isin(wanted)]


def measure_tokens(tokens: pd.DataFrame) -> np.ndarray:
    """Each token's length in characters, worked out once per distinct word (a corpus has millions
    of tokens but only tens of thousands of words).

    >>> measure_tokens(pd.DataFrame({"token": ["长春市", "和", "长春市"]})).tolist()
    [3, 1, 3]
    """
    words, distinct = pd.factorize(tokens["token"])
    sizes = np.fromiter((len(w) for w in distinct), dtype=np.int64, count=len(distinct))
    return sizes[words] if len(words) else np.zeros(0, dtype=np.int64)
