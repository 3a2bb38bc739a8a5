"""Heading markers: the patterns that open a part, chapter, item or bullet.

Shared by :mod:`harchang_analysis.text` (a heading line ends the paragraph before it) and
:mod:`harchang_analysis.structure` (which builds the tree). A marker says only what a line
*could* be; the structure parser decides with numbering and context whether it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "[一二三四五六七八九十百零〇两]+"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: one-character forms of （一） … （十） and (1) … (20), as Word's automatic formatting writes them
ENCLOSED_CN = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
ENCLOSED_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"

# Characters that, right after a bare number, show that the number is a quantity or a
# name ("2020年", "1号线", "3个"), not an item marker.
QUANTITY_FOLLOWERS = "年月日号个万亿千百期条座家所批项次户人元吨米亩倍%．.、－-~～"


def parse_cn_numeral(text: str) -> int:
    """Convert a Chinese numeral up to 999 to an int.

    >>> parse_cn_numeral("十二"), parse_cn_numeral("二十"), parse_cn_numeral("一百零五")
    (12, 20, 105)
    """
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


@dataclass(frozen=True)
class Marker:
    """A heading marker found at the start of a paragraph."""

    kind: str
    marker: str
    number: int | None
    run_in: bool  # True when the marker's own style puts body text on the same line


# (kind, pattern, how to read the number). Order matters: longer, more specific first.
_PATTERNS: list[tuple[str, re.Pattern[str], str]] = [
    # 第一部分 / 第一篇 above chapters; 第一章 or 第1章 (a numeral or digits)
    ("zh_part", re.compile(rf"第({CN_NUMERAL}|\d{{1,2}})(?:部分|篇)\s*"), "cn"),
    ("zh_chapter", re.compile(rf"第({CN_NUMERAL}|\d{{1,2}})章\s*"), "cn"),
    ("zh_section", re.compile(rf"第({CN_NUMERAL}|\d{{1,2}})节\s*"), "cn"),
    ("zh_article", re.compile(rf"第({CN_NUMERAL}|\d{{1,2}})条\s*"), "cn"),
    ("zh_comma", re.compile(rf"({CN_NUMERAL})、"), "cn"),
    ("zh_dot", re.compile(rf"({CN_NUMERAL})[.．](?!\d)"), "cn"),  # 一．总体要求, where a plan sets a dot for 、
    ("zh_paren", re.compile(rf"[（(]({CN_NUMERAL})[）)]"), "cn"),
    ("zh_paren", re.compile(f"([{ENCLOSED_CN}])"), "enclosed_cn"),
    ("num_paren", re.compile(r"[（(](\d{1,2})[）)]"), "int"),
    ("num_paren", re.compile(f"([{ENCLOSED_DIGITS}])"), "enclosed_digits"),
    ("circled", re.compile(f"([{CIRCLED}])"), "circled"),
    ("num_dot", re.compile(r"(\d{1,2})(?:[.．﹒、](?!\d)|(?=[\u4e00-\u9fff“《]))"), "int"),  # ﹒: 1﹒全省生产总值
    ("num_rparen", re.compile(r"(\d{1,2})[）)](?=[\u4e00-\u9fff“《])"), "int"),  # 1）加强统筹, below 1.
    ("dash", re.compile(r"(?:——|—{3}|－{2,}|-{3,})—?"), "none"),
]

RUN_IN_KINDS = {"zh_article", "dash", "circled"}
#: an item number glued to a number that opens the title: 11.121人才梯队项目 (item 11, "121人才…")
_GLUED = re.compile(r"(\d{1,2})[.．﹒](?=\d{2,}([\u4e00-\u9fff]))")
#: what after a number shows a quantity (7.5万亩, 2.35亿元), not a glued title
_UNITS = "年月日万亿千百元吨米亩个项家次户倍%"
#: the first character of every marker above: a quick test before trying each pattern
_MARKER_FIRST = re.compile(rf"[第（(0-9—－\-{CIRCLED}{ENCLOSED_CN}{ENCLOSED_DIGITS}一二三四五六七八九十百零〇两]")


def _branches() -> tuple[re.Pattern[str], dict[str, tuple[str, str, int]]]:
    """The patterns as one, each a named branch, tried in their order within one match (a regular
    expression takes the first branch that matches, as a loop over them would); and for each branch
    its kind, how to read its number and the group that holds the number (0 for none)."""
    branches, seen = {}, 0
    for k, (kind, pattern, reader) in enumerate(_PATTERNS):
        branches[f"p{k}"] = (kind, reader, seen + 2 if pattern.groups else 0)  # the number: the first group inside
        seen += 1 + pattern.groups
    combined = "|".join(f"(?P<p{k}>{pattern.pattern})" for k, (_, pattern, _) in enumerate(_PATTERNS))
    return re.compile(combined), branches


_ANY_PATTERN, _BRANCHES = _branches()


def match_marker(paragraph: str) -> Marker | None:
    """Return the heading marker that opens ``paragraph``, if its shape is one.

    >>> match_marker("（三）推动产业协调发展。")
    Marker(kind='zh_paren', marker='（三）', number=3, run_in=False)
    >>> match_marker("2020年，把长春市打造成增长极") is None
    True
    >>> match_marker("11.121人才梯队项目。"), match_marker("1.5万亩农田") is None
    (Marker(kind='num_dot', marker='11.', number=11, run_in=False), True)
    >>> [match_marker(p).number for p in ("㈢推动产业协调发展", "⑵加强统筹", "一．总体要求", "2）完善机制")]
    [3, 2, 1, 2]
    """
    if not _MARKER_FIRST.match(paragraph):
        return None
    m = _ANY_PATTERN.match(paragraph)  # the first of the patterns, in their order, that matches
    if m:
        kind, reader, group = _BRANCHES[m.lastgroup or ""]
        rest = paragraph[m.end():]
        if not rest.strip():
            return None
        if kind == "num_dot" and m.group(0) == m.group(group) and rest[0] in QUANTITY_FOLLOWERS:
            return None
        if kind == "zh_comma" and rest[0] in "、，。":
            return None
        written = m.group(group) if group else ""
        if reader == "cn":
            number: int | None = int(written) if written.isdigit() else parse_cn_numeral(written)
        elif reader == "int":
            number = int(written)
        elif reader == "circled":
            number = CIRCLED.index(written) + 1
        elif reader == "enclosed_cn":
            number = ENCLOSED_CN.index(written) + 1
        elif reader == "enclosed_digits":
            number = ENCLOSED_DIGITS.index(written) + 1
        else:
            number = None
        return Marker(kind, m.group(0).strip(), number, kind in RUN_IN_KINDS)
    glued = _GLUED.match(paragraph)
    if glued and glued.group(2) not in _UNITS:
        return Marker("num_dot", glued.group(0), int(glued.group(1)), False)
    return None


#: the brackets a responsibility clause stands in
OPEN = "（(〔【"
CLOSE = "）)〕】"
#: words that make a bracketed aside a candidate responsibility clause (the clause grammar decides)
CLAUSE_VERB = re.compile(r"负责|牵头|配合|参与|协办|协同|协助|主责|统筹|指导|督促|责任单位|责任部门|实施单位|承办单位|"
                         r"第一位|首位")


def find_trailing_clause(text: str) -> tuple[int, int] | None:
    """Span of the parenthesised responsibility clause that ends ``text``, if any.

    Nested parentheses stay inside the clause: （省市场监管局（省知识产权局）负责）.

    >>> t = "建设枢纽。（长春市政府负责）"
    >>> s, e = find_trailing_clause(t); t[s:e]
    '（长春市政府负责）'
    >>> find_trailing_clause("建设综合货运枢纽（物流园区）") is None
    True
    """
    stripped = text.rstrip()
    if not stripped.endswith(tuple(CLOSE)):
        return None
    depth = 0
    for i in range(len(stripped) - 1, -1, -1):
        ch = stripped[i]
        if ch in CLOSE:
            depth += 1
        elif ch in OPEN:
            depth -= 1
            if depth == 0:
                return (i, len(stripped)) if CLAUSE_VERB.search(stripped[i + 1:-1]) else None
    return None


def bare_marker(marker: str) -> str:
    """A heading marker without its trailing punctuation, as heading paths show it.

    >>> bare_marker("二、"), bare_marker("1."), bare_marker("（三）")
    ('二', '1', '（三）')
    """
    return marker.rstrip("、.．﹒")


POINT_RE = re.compile(r"(?:(?<=^)|(?<=[。；：;:\n]))([一二三四五六七八九十])是")
