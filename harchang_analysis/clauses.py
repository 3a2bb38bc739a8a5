"""Read one responsibility clause: who leads, who supports, on what basis, by when.

A clause is what a plan writes after a task to say who is responsible for it, in brackets
(（…）, (…), 〔…〕, 【…】) or on lines of its own (责任单位：…). It is split into segments at
top-level commas, semicolons and full stops; each segment is one of:

- a **label** and a list: ``牵头单位：X`` (lead), ``配合单位：Y`` (support), ``责任单位：Z``
  (responsible: lead, or support when the clause also names a 牵头单位), ``完成时限：…``
  (the deadline);
- a list and a **verb**: ``X牵头`` (lead), ``X配合`` (support), ``X负责`` (responsible),
  ``X按职责分工负责`` (by division of duties), ``X结合实际落实`` (local implementation), and the
  other verbs of :data:`VERBS`; where no role is stated, the agencies of the strongest verb
  (负责, then 按职责分工负责, then 结合实际落实 or 落实 alone) lead and the others support;
- a bare **list**, which takes the role of the label before it or of the verb after it
  (``A、B，各省级人民政府按职责分工负责``);
- a **convention** (``列第一位者为牵头单位，下同``), which makes the first party named the lead
  and the others supports, here and, with 下同, in every later clause;
- a **deadline** (``2025年底前完成``, ``长期坚持``).

A label may stand in square brackets instead of before a colon (``【牵头单位】X【配合单位】Y``).
A name marked in brackets (``市营商环境局（牵头）``, ``X（配合）``) takes that role, stated, and a
responsible label's other names then support.

Names are split at 、 and at 及/以及/和各; a 政府 written once after a list of places belongs
to each place (长春市、吉林市政府), and a level written once before a list of departments belongs to
each department (省科技厅、工业和信息化厅 = 省科技厅, 省工业和信息化厅). Qualifiers (``等``,
``等有关部门``, ``会同有关部门`` …) are taken off the name and kept in their own field. A sentence
after the clause proper that names no one (具体任务均涉及…，不再做分工) is kept as a remark.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .markers import CLOSE, OPEN

_ANY_BRACKET = re.compile(f"[{re.escape(OPEN + CLOSE)}]")

#: verbs (at the end of a segment) -> the role they give; checked in this order
VERBS: list[tuple[str, str]] = [
    (r"(?:按|按照|根据)?(?:各自)?职责(?:分工)?(?:分别)?(?:负责|落实|推进|抓好落实)(?:相关工作|落实)?", "duty"),
    # 牵头 before 督导 and the like: X牵头督导 leads (潮州 2019)
    (r"牵头(?:负责|实施|落实|推进|组织|抓总|督导|督促|指导|协调)?(?:实施|落实)?", "lead"),
    (r"(?:共同)?(?:配合|参与|协助|协同|协办)(?:实施|落实|推进|做好)?(?:相关工作)?", "support"),
    (r"(?:指导|督促|督导|监督|指导督促|督促指导|指导推进)(?:实施|落实|推进)?", "support"),
    (r"(?:统筹|统筹推进|统筹协调|组织实施|组织推进|协调推进|抓总|负总责|主责)", "lead"),
    (r"为牵头(?:单位|部门)", "lead"),
    (r"为(?:配合|参与|协办|协同)(?:单位|部门)", "support"),
    (r"为(?:主要)?责任(?:单位|部门)", "responsible"),
    (r"(?:结合实际|因地制宜)(?:抓好)?(?:落实|推进|实施|组织实施)", "local"),
    # 落实 alone, after no 负责 (各区县政府落实): carrying out where the parties are, as 结合实际落实 says
    (r"(?<!负责)(?<!负责抓好)(?:分别|具体)?(?:抓好)?落实(?:到位)?", "local"),
    (r"(?:分别|共同|具体)?(?:负责|承担|落实|实施|推进|抓好落实)(?:实施|落实|推进)?", "responsible"),
]
_VERB_RE = [(re.compile(rf"^(?:由)?(?P<names>.+?)(?:{pattern})$"), role) for pattern, role in VERBS]
#: roles a verb or label states outright; the others are decided by the clause
STATED = {"lead", "support"}
#: how strongly an unstated verb makes its agencies responsible: the strongest in a clause lead
STRENGTH = {"responsible": 3, "responsible_label": 3, "duty": 2, "local": 1}

LEAD_LABELS = ("牵头单位", "牵头部门", "主责单位", "主责部门", "牵头责任单位", "牵头责任部门", "牵头")
RESPONSIBLE_LABELS = ("主要责任单位", "责任单位", "责任部门", "实施单位", "承办单位", "责任主体", "主体责任单位", "部门分工",
                      "责任分工")
SUPPORT_LABELS = ("配合单位", "配合部门", "参与单位", "参与部门", "协办单位", "协同单位", "协同部门", "协助单位",
                  "协作单位", "支持单位", "协同责任单位", "配合责任单位", "参与责任单位", "配合", "参与", "协办")
DEADLINE_LABELS = ("完成时限", "完成时间", "时间安排", "进度安排", "时间节点", "时限要求", "时限")
PEOPLE_LABELS = ("牵头领导", "牵头负责领导", "牵头市领导", "责任领导", "责任市领导", "分管领导", "分管市领导", "分管省领导",
                 "牵头省领导", "联系领导", "责任人", "联系人")
_ALL_LABELS = sorted((*LEAD_LABELS, *RESPONSIBLE_LABELS, *SUPPORT_LABELS, *DEADLINE_LABELS, *PEOPLE_LABELS),
                     key=len, reverse=True)
LABEL_RE = re.compile(rf"^(?P<label>{'|'.join(_ALL_LABELS)})\s*[：:]\s*(?P<rest>.*)$", re.S)
#: a label in square brackets instead of before a colon: 【牵头单位】X【配合单位】Y
_BRACKETED_LABEL = re.compile(rf"[【\[]\s*({'|'.join(_ALL_LABELS)})\s*[】\]]\s*[：:]?")
#: a line (or the rest of a paragraph) that opens with a responsibility label
#: a label before its colon, wherever it stands (牵头单位：市发改委 配合单位：市财政局 holds two)
_LABEL_AT = re.compile(rf"(?:{'|'.join(_ALL_LABELS)})\s*[：:]")
LABEL_LINE = re.compile(rf"{_LABEL_AT.pattern}|{_BRACKETED_LABEL.pattern}")  # used with .match
#: a character every label of LABEL_LINE holds: its colon or its opening bracket
_LABEL_MARK = re.compile(r"[：:【\[]")


def holds_label(text: str) -> bool:
    """Whether a responsibility label stands anywhere in ``text`` (``LABEL_LINE.search``), with the
    labels' many alternatives tried only in a text that has a colon or a bracket for them."""
    return _LABEL_MARK.search(text) is not None and LABEL_LINE.search(text) is not None

CONVENTION = re.compile(
    r"(?:列|排|排列|位列)?(?:在|于)?(?:第一位|首位|第一个|第一)(?:者|的)?(?:责任)?(?:部门|单位)?(?:为|是)(?:牵头|主责)(?:单位|部门)?"
    # 由责任部门中排序第一的单位牵头，其他部门配合 (the order named, then 牵头 as a verb)
    r"|(?:排序|排名|排列|列|排)(?:在|于)?(?:第一位|首位|第一个|第一)的?(?:责任)?(?:部门|单位)?(?:牵头|主责)")
DEADLINE = re.compile(
    r"(?:(?:19|20)\d{2}年(?:\d{1,2}月|(?:第)?[一二三四1-4]季度)?(?:\d{1,2}日)?(?:底|末|年底|年内|上半年|下半年|中旬|上旬|下旬)?"
    r"(?:前|以前|之前)?"
    r"(?:(?:基本|全面)?完成|出台|建成|实现)?|长期坚持|持续推进|持续实施|长期推进|年内完成|按年度推进|常态化推进)")

_QUALIFIER = re.compile(
    r"(?:等有关部门和单位|等有关单位和部门|等有关部门|等相关部门|等有关单位|等相关单位|等部门和单位|等部门|等单位|"
    r"会同有关部门和单位|会同有关部门|会同相关部门|等)$")
_NOT_A_NAME = re.compile(r"[的要将把]|应当|必须|进一步|加强|积极|确保|按照|根据|涉及|不再|具体任务|[0-9０-９]{3,}|%"
                         r"|指标|以下|均需|逐一")  # 预期性指标，牵头单位：…；…，以下均需各县市区落实
_PLACE_SUFFIX = re.compile(r"(?:市|州|县|区|旗|盟)$")
_WORD_WITH_JI = re.compile(r"[涉普危惠顾论提触遍波累企]及|来得及")
#: the provincial-level units, as names of agencies begin with them (广东海事局, 吉林银监局)
PROVINCES = ("北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|"
             "重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门|台湾")


#: the words a development zone's, new area's or park's name ends with (立山经济开发区, 长春新区, 中韩产业园)
ZONE_WORDS = ("开发区|经开区|高新区|新区|示范区|试验区|实验区|先行区|先导区|自贸区|保税区|保税港区|合作区|园区|产业园|工业园|"
               "管理区|度假区|风景区|景区")


class Party(NamedTuple):
    """One agency a clause names, with its role.

    Attributes:
        agency: the name as written, without qualifiers.
        role: ``lead`` or ``support``.
        role_basis: ``stated`` (a label or verb says it), ``convention`` (a document
            convention such as 列第一位者为牵头单位 decided it) or ``default`` (the grammar's
            reading of 负责 and 按职责分工负责).
        qualifier: what followed the name (``等``, ``等有关部门``, ``会同有关部门`` …), or empty.
    """

    agency: str
    role: str
    role_basis: str
    qualifier: str = ""


@dataclass
class Reading:
    """What a clause says.

    Attributes:
        parties: the agencies with their roles, in clause order.
        deadline: the deadline the clause gives, as written, or empty.
        convention: the clause states a document convention (列第一位者为牵头单位 …).
        onward: the convention holds for later clauses too (下同).
        unread: segments the grammar could not read.
        remarks: sentences after the clause proper that name no one (具体任务均涉及相关市（州）人民政府，
            不再做分工): kept here, not read as agencies.
    """

    parties: list[Party] = field(default_factory=list)
    deadline: str = ""
    convention: bool = False
    onward: bool = False
    unread: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)


def strip_brackets(clause: str) -> str:
    """The clause without its outer brackets.

    >>> strip_brackets("〔省财政厅负责〕")
    '省财政厅负责'
    """
    inner = clause.strip()
    if inner[:1] in OPEN and inner[-1:] in CLOSE:
        return inner[1:-1]
    return inner


@functools.cache
def _separator(separators: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(separators)}]")


def split_top(text: str, separators: str) -> list[str]:
    """Split at separators that are not inside brackets."""
    if not _ANY_BRACKET.search(text):  # the common case, without a character loop
        return [p.strip() for p in _separator(separators).split(text) if p.strip()]
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth -= 1
        if ch in separators and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def split_agencies(names: str) -> list[tuple[str, str]]:
    """Split a list of agencies into (name, qualifier) pairs.

    A 政府 written once after a list of places belongs to each place; 及, 以及 and 和各
    separate names too; qualifiers are taken off the names.

    >>> split_agencies("长春市、吉林市、辽源市政府及公主岭市政府")
    [('长春市政府', ''), ('吉林市政府', ''), ('辽源市政府', ''), ('公主岭市政府', '')]
    >>> split_agencies("商务部、扶贫办等和各有关省级人民政府")
    [('商务部', ''), ('扶贫办', '等'), ('各有关省级人民政府', '')]
    >>> split_agencies("省市场监管局（省知识产权局）、工业和信息化部")
    [('省市场监管局（省知识产权局）', ''), ('工业和信息化部', '')]
    """
    names = re.sub(r"和(?=各)", "及", names.replace("以及", "及"))
    names = _WORD_WITH_JI.sub(lambda m: m.group(0).replace("及", "\x00"), names)  # 涉及, 普及 … are words
    out: list[tuple[str, str]] = []
    for group in split_top(names, "及"):
        items = join_level_words([piece for item in split_top(group, "、，,") for piece in _unglue(item)])
        if any(item.endswith("政府") for item in items):
            items = _share_government(items)
        named: list[tuple[str, str]] = []
        for item in (item.replace("\x00", "及") for item in items):
            qualifier = ""
            m = _QUALIFIER.search(item) if ("等" in item or "会同" in item) else None
            if m and m.start() > 0:
                item, qualifier = item[:m.start()], m.group(0)
            if item:
                named.append((item, qualifier))
        shared = _share_prefix([name for name, _ in named])
        out.extend((name, qualifier) for name, (_, qualifier) in zip(shared, named))
    return out


#: the government a list of places shares, written once after the last: 市政府, 县人民政府
_SHARED_GOVERNMENT = re.compile(r"(?<=.)(?P<level>市|州|县|区|旗|盟)(?P<government>(?:人民)?政府)$")


def _share_government(items: list[str]) -> list[str]:
    """A 政府 written once after a list of places belongs to each place of the list: 长春市、吉林市政府 =
    长春市政府, 吉林市政府; a place named bare in the list takes the level of the last too, where the
    gazetteer has that place (哈尔滨、黑河、绥芬河市政府 = 哈尔滨市政府, 黑河市政府, 绥芬河市政府). The list
    is the run of places just before the name with 政府; what stands before the run keeps its name.

    >>> _share_government(["长春市", "吉林市政府"]), _share_government(["哈尔滨", "绥芬河市人民政府", "省农垦总局"])
    (['长春市政府', '吉林市政府'], ['哈尔滨市人民政府', '绥芬河市人民政府', '省农垦总局'])
    >>> _share_government(["海关", "长春市政府"])  # no place of that name: left as it is
    ['海关', '长春市政府']
    """
    out = list(items)
    for end, last in enumerate(items):
        shared = _SHARED_GOVERNMENT.search(last)
        if shared is None and not last.endswith("政府"):
            continue
        government = shared["government"] if shared else "政府"
        for k in range(end - 1, -1, -1):
            item = items[k]
            if _PLACE_SUFFIX.search(item) and len(item) <= 10 and not _ZONE_END.search(item):
                out[k] = item + government
            elif shared and 2 <= len(item) <= 8 and _is_place(item + shared["level"]):
                out[k] = item + shared["level"] + government
            else:
                break
    return out


#: a zone's name ends in 区 too, but a zone has a committee, not a government (经开区、各县政府)
_ZONE_END = re.compile(rf"(?:{ZONE_WORDS})$")


def _is_place(name: str) -> bool:
    from .geography import unit_names

    return name in unit_names()


#: where two names meet with nothing between them, as names set apart by spaces in a table cell or a
#: PDF line come out of the reader (市财政局市商务局): a body's last word, then a level and a whole name
_BODY_LAST = r"[局委厅办院]"
_LEVEL_FIRST = r"(?:省|市(?!场)|区|县)"
_GLUED_NAMES = re.compile(rf"(?<={_BODY_LAST})(?={_LEVEL_FIRST}[^、，,（）()]{{0,14}}?(?:局|委|厅|办|院|政府)$|"
                          rf"{_LEVEL_FIRST}[^、，,（）()]{{0,14}}?(?:局|委|厅|办|院|政府)(?:省|市|区|县))")


#: where _GLUED_NAMES can split at all: a body's last word right before a level
_GLUE_POINT = re.compile(_BODY_LAST + _LEVEL_FIRST)
_SPACE_OR_GLUE_POINT = re.compile(rf"\s|{_GLUE_POINT.pattern}")


def _unglue(item: str) -> list[str]:
    """``市财政局市商务局`` or ``市财政局 市商务局`` → 市财政局, 市商务局; a name with no second name in it
    stays whole.

    >>> _unglue("市财政局市商务局"), _unglue("市委宣传部"), _unglue("省委省政府")
    (['市财政局', '市商务局'], ['市委宣传部'], ['省委', '省政府'])
    """
    if "（" in item or "(" in item or not _SPACE_OR_GLUE_POINT.search(item):  # one name, as most are
        return [item]
    out: list[str] = []
    for word in item.split():  # 市发改委 市财政局: names set apart by spaces
        glued = len(word) >= 4 and _GLUE_POINT.search(word) is not None  # a body's last word, then a level
        pieces = [piece for piece in _GLUED_NAMES.split(word) if piece] if glued else [word]
        out.extend(pieces if all(len(piece) >= 2 for piece in pieces) else [word])
    return out or [item]


#: a level word alone, which is no agency but the rest of a list of levels (各县、市、区政府)
_LEVEL_WORD = re.compile(r"(?:县|市|区|旗|州|乡|镇)(?:政府|人民政府)?(?:[（(][^（）()]{1,8}[）)])?")  # 区人民政府(管委会)


#: how a collective party opens: 各县, 有关市, 相关市, 所在县
_COLLECTIVE_OPENING = re.compile(r"各|有关|相关|所在|沿线")


def join_level_words(items: list[str]) -> list[str]:
    """``各县、市、区政府`` names one party, the governments of every county, city and district: a
    level word standing alone after a collective (各…, 有关…, 相关…) is joined back to it. ``区委、区政府``
    stays two.

    >>> join_level_words(["相关市", "县政府"]), join_level_words(["区委", "区政府"])
    (['相关市、县政府'], ['区委', '区政府'])
    """
    out: list[str] = []
    for item in items:
        if out and _COLLECTIVE_OPENING.match(out[-1]) and _LEVEL_WORD.fullmatch(item):
            out[-1] += "、" + item
        else:
            out.append(item)
    return out


_LEVEL = re.compile(r"^(?:省|市(?!场)|县|区(?!域))")
_OWN_PREFIX = re.compile(r"^(?:省|市(?!场)|县|区(?!域)|国家|国务院|中央|中国|全国|各|有关|相关)|^.{1,6}?[省市县区州旗盟]|"
                         rf"^(?:{PROVINCES})")
_DEPARTMENT_END = re.compile(r"(?:厅|局|委|办|院|署|社|中心|办公室|委员会|总队|支队)$")


def _share_prefix(items: list[str]) -> list[str]:
    """A level written once before a list of departments belongs to each: 省科技厅、工业和信息化厅
    = 省科技厅, 省工业和信息化厅. Names with a level or place of their own keep it."""
    level = _LEVEL.match(items[0]) if items else None
    if level is None:
        return items
    prefix = level.group(0)
    return [items[0]] + [prefix + it if not _OWN_PREFIX.search(it) and _DEPARTMENT_END.search(it)
                         and not _opens_with_place(it) else it for it in items[1:]]


def _opens_with_place(name: str) -> bool:
    """Whether a name opens with a province's or a prefecture's name (哈尔滨铁路局, 广东海事局): a body of
    that place, which takes no level written before the list."""
    from .geography import unit_openings

    return any(unit_openings(level).match(name) for level in ("province", "prefecture"))


def is_plausible_name(name: str) -> bool:
    """Whether a piece of a clause can be an agency's name (short, no verbs or particles).

    >>> is_plausible_name("省发展改革委"), is_plausible_name("各有关部门要加强")
    (True, False)
    """
    return 1 < len(name) <= 30 and not _NOT_A_NAME.search(name)


def read_clause(clause: str, *, convention: bool = False) -> Reading:
    """Read a clause (with or without its brackets).

    Args:
        clause: the clause as written.
        convention: a document convention (列第一位者为牵头单位) is in force from before.

    >>> r = read_clause("（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）")
    >>> [(p.agency, p.role, p.role_basis) for p in r.parties], r.onward
    ([('人力资源社会保障部', 'lead', 'convention'), ('财政部', 'support', 'convention')], True)
    >>> r = read_clause("牵头单位：区发改局\\n责任单位：立山经济开发区，全区经济运行各专班")
    >>> [(p.agency, p.role) for p in r.parties]
    [('区发改局', 'lead'), ('立山经济开发区', 'support'), ('全区经济运行各专班', 'support')]
    """
    return roles_of(read_pieces(clause), convention=convention)


class Pieces(NamedTuple):
    """A clause read up to its roles (:func:`read_pieces`): what it says apart from the parties, the
    names with their role hints, and whether a lead was labelled."""

    reading: Reading
    named: tuple[tuple[str, str, str], ...]  # (name, hint, qualifier)
    lead_labelled: bool


def roles_of(pieces: Pieces, *, convention: bool = False) -> Reading:
    """The reading of a clause from its pieces, each party given its role; ``convention``: a document
    convention (列第一位者为牵头单位) is in force from before. The only step that depends on it, so a
    clause read under both is split into pieces once."""
    reading = pieces.reading
    parties = _decide_roles(list(pieces.named), convention=convention or reading.convention,
                            lead_labelled=pieces.lead_labelled)
    return Reading(parties=parties, deadline=reading.deadline, convention=reading.convention,
                   onward=reading.onward, unread=list(reading.unread), remarks=list(reading.remarks))


def read_pieces(clause: str) -> Pieces:
    """A clause read up to the roles of its parties (see :func:`read_clause`)."""
    reading = Reading()
    if "【" in clause or "[" in clause:  # 【牵头单位】X【配合单位】Y reads as 牵头单位：X；配合单位：Y
        clause = _BRACKETED_LABEL.sub(lambda m: f"；{m.group(1)}：", clause).lstrip("；")
    clause = _separate_labels(clause)
    pieces: list[tuple[str, str, str]] = []  # (name, hint, qualifier)
    pending: list[tuple[str, str]] = []
    label_role: str | None = None
    lead_labelled = False
    named_leads: set[str] = set()
    sentences = [sentence for line in clause.split("\n") for sentence in split_top(strip_brackets(line), "。")]
    for number, sentence in enumerate(sentences):
        segments = []
        for seg in split_top(sentence, "，；;,"):
            seg, aside = _pull_aside(seg.strip().rstrip("；;"))
            if aside is not None:  # A、B（按职责分工负责）, A、B（第一个为牵头单位）, A、B（A为牵头单位）
                kind, value = aside
                if kind == "convention":
                    reading.convention, reading.onward = True, reading.onward or "下同" in value
                elif kind == "lead":
                    named_leads.add(value)
            segments.append(seg)
        if number > 0 and (_STANDING_NOTE.search(sentence) or not any(_is_anchored(seg) for seg in segments)):
            reading.remarks.append(sentence)  # a remark after the clause proper (具体任务均涉及…，不再做分工)
            continue
        says_convention = any(states_convention(seg) for seg in segments)
        for segment in segments:
            if not segment:
                continue
            if states_convention(segment) or (segment in ("下同", "以下同") and says_convention):
                reading.convention = True
                reading.onward = reading.onward or "下同" in segment
                continue
            if segment in ("下同", "以下同"):
                continue
            m = LABEL_RE.match(segment)
            if m and _match_verb(m["rest"].strip()) is not None and m["label"] not in DEADLINE_LABELS:
                segment = m["rest"].strip()  # 责任单位：X牵头，Y按职责分工负责: the verbs say the roles
                m = None
                label_role = None
            if m:
                label, rest = m["label"], m["rest"].strip()
                if label in DEADLINE_LABELS:
                    reading.deadline = reading.deadline or rest
                    label_role = None
                    continue
                if label in PEOPLE_LABELS:
                    label_role = None
                    continue
                if label in LEAD_LABELS:
                    label_role, lead_labelled = "lead", True
                elif label in SUPPORT_LABELS:
                    label_role = "support"
                else:
                    label_role = "responsible_label"
                pieces.extend((n, label_role, q) for n, q in pending + split_agencies(rest))
                pending = []
                continue
            if DEADLINE.fullmatch(segment):
                reading.deadline = reading.deadline or segment
                continue
            verb = _match_verb(segment)
            if verb is not None:
                role, names = verb
                parts = _split_huitong(names)
                for k, (part, forced) in enumerate(parts):
                    listed = split_agencies(part)
                    if k == 0:
                        listed = pending + listed
                        pending = []
                    pieces.extend((n, forced or role, q) for n, q in listed)
                label_role = None
                continue
            if label_role is not None:
                pieces.extend((n, label_role, q) for n, q in split_agencies(segment))
            else:
                pending.extend(split_agencies(segment))
    pieces.extend((n, "responsible", q) for n, q in pending)
    kept = []
    for name, hint, qualifier in pieces:
        if name in named_leads:
            hint, lead_labelled = "lead", True
        marked = _ROLE_MARK.search(name)
        if marked:  # 市营商环境局（牵头）
            name, hint = name[:marked.start()], "lead" if marked["mark"] in ("牵头", "牵头单位", "主责") else "support"
            lead_labelled = lead_labelled or hint == "lead"
        if is_plausible_name(name):
            kept.append((name, hint, qualifier))
        else:
            reading.unread.append(name)
    return Pieces(reading, tuple(kept), lead_labelled)


#: what may stand before a label that opens a segment of its own
_OPENS_SEGMENT = "；;，,。\n（(【[〔：:"


def _separate_labels(clause: str) -> str:
    """``牵头单位：X 配合单位：Y`` (from a table cell or a PDF line) as ``牵头单位：X；配合单位：Y``."""
    out: list[str] = []
    last = 0
    for m in _LABEL_AT.finditer(clause):
        before = clause[:m.start()].rstrip()
        if before and before[-1] not in _OPENS_SEGMENT:
            out.append(clause[last:m.start()].rstrip() + "；")
            last = m.start()
    out.append(clause[last:])
    return "".join(out)


#: a bracket that ends a list and says how to read it: （按职责分工负责）, （第一个为牵头单位）, （X为牵头单位）
_TRAILING_ASIDE = re.compile(r"[（(](?P<inner>[^（）()]+)[）)]$")
_BRACKETED_DUTY = re.compile(r"(?:按|按照|根据)?(?:各自)?职责(?:分工)?(?:分别)?负责|分别负责|共同负责")
_NAMED_LEAD = re.compile(r"(?P<name>.{2,30}?)(?:为|是)牵头(?:单位|部门)")


def _pull_aside(segment: str) -> tuple[str, tuple[str, str] | None]:
    """A segment without the bracket that closes its list, and what the bracket said: a verb
    for the whole list (（按职责分工负责） becomes the verb), a convention, or the lead by name."""
    m = _TRAILING_ASIDE.search(segment)
    if m is None or m.start() == 0:
        return segment, None
    inner, rest = m["inner"].strip(), segment[:m.start()]
    if _BRACKETED_DUTY.fullmatch(inner):
        return rest + inner, None
    if states_convention(inner):
        return rest, ("convention", inner)
    named = _NAMED_LEAD.fullmatch(inner)
    if named and named["name"] in rest:
        return rest, ("lead", named["name"])
    return segment, None


#: a role written in brackets after a name: 市营商环境局（牵头）, 市财政局（配合）
_ROLE_MARK = re.compile(r"[（(](?P<mark>牵头|牵头单位|主责|配合|配合单位)[）)]$")


#: a note on the clauses that follow, after the clause proper: 以下政策措施均需各县区人民政府落实，不再单独列出
_STANDING_NOTE = re.compile(r"^以下|不再(?:单独|逐一|逐项|一一)?(?:列出|列明|分工|做分工|重复)")


def _is_anchored(segment: str) -> bool:
    """Whether a segment says who does what: a convention, a label, a verb or a deadline."""
    return bool(states_convention(segment) or LABEL_RE.match(segment) or DEADLINE.fullmatch(segment)
                or _match_verb(segment) is not None)


def _match_verb(segment: str) -> tuple[str, str] | None:
    for pattern, role in _VERB_RE:
        m = pattern.match(segment)
        if m:
            return role, m["names"]
    return None


def _split_huitong(names: str) -> list[tuple[str, str | None]]:
    """``X会同Y``: X leads and Y supports; ``X会同有关部门`` is X with a qualifier."""
    if "会同" not in names or _QUALIFIER.search(names):
        return [(names, None)]
    left, right = names.split("会同", 1)
    return [(left, "lead"), (right, "support")]


def _decide_roles(pieces: list[tuple[str, str, str]], *, convention: bool, lead_labelled: bool) -> list[Party]:
    hints = [hint for _, hint, _ in pieces]
    stated_lead = "lead" in hints
    any_stated = stated_lead or "support" in hints
    top = max((STRENGTH[h] for h in hints if h in STRENGTH), default=0)
    parties: list[Party] = []
    seen: set[tuple[str, str]] = set()
    for k, (name, hint, qualifier) in enumerate(pieces):
        if hint in STATED:
            role, basis = hint, "stated"
        elif hint == "responsible_label" and lead_labelled:
            role, basis = "support", "default"
        elif any_stated:
            role, basis = ("support" if stated_lead else "lead"), "default"
        elif convention:
            role, basis = ("lead" if k == 0 else "support"), "convention"
        else:
            role, basis = ("lead" if STRENGTH[hint] == top else "support"), "default"
        if (name, role) not in seen:
            seen.add((name, role))
            parties.append(Party(name, role, basis, qualifier))
    return parties


def states_convention(text: str) -> bool:
    """Whether a text states the first-listed-leads convention.

    >>> states_convention("责任分解中，列第一位的责任单位为牵头单位或汇总单位。")
    True
    """
    # every statement of it ends in 牵头 or 主责 within a few characters, so the pattern is tried
    # only around those words: the same answer, without trying its alternatives at every character
    for anchor in _CONVENTION_ANCHOR.finditer(text):
        if CONVENTION.search(text, max(anchor.start() - _CONVENTION_REACH, 0), anchor.end()):
            return True
    return False


_CONVENTION_ANCHOR = re.compile("牵头|主责")
#: how far before its 牵头 or 主责 a statement of the convention can start (longer than its longest form)
_CONVENTION_REACH = 24


def find_deadline(text: str) -> str:
    """The first dated deadline in a task's text (``2025年底前``), or empty.

    >>> find_deadline("2019年6月底前出台实施细则，2020年全面推开。")
    '2019年6月底前'
    """
    m = re.search(r"(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末|年底|上半年|下半年)?(?:前|以前|之前)", text)
    return m.group(0) if m else ""


def deadline_date(deadline: str) -> tuple[int | None, int | None]:
    """The year and month of a deadline, where it is a date.

    A quarter is its last month (2023年三季度: 9); a span of years is its last year (2023—2025年: 2025).

    >>> deadline_date("2024年6月底"), deadline_date("2025年底前"), deadline_date("长期坚持")
    ((2024, 6), (2025, 12), (None, None))
    >>> deadline_date("2023年第三季度末"), deadline_date("2023—2025年"), deadline_date("2023年至2025年6月")
    ((2023, 9), (2025, 12), (2025, 6))
    """
    if not deadline:
        return None, None
    span = _YEAR_SPAN.search(deadline)
    if span:
        return int(span.group(1)), int(span.group(2)) if span.group(2) else 12
    m = re.search(r"((?:19|20)\d{2})年(?:(\d{1,2})月|(?:第)?([一二三四1-4])季度)?(底|末|上半年|下半年)?", deadline)
    if not m:
        return None, None
    month = int(m.group(2)) if m.group(2) else None
    if m.group(3):
        month = 3 * ("一二三四".find(m.group(3)) + 1 if m.group(3) in "一二三四" else int(m.group(3)))
    elif month is None and m.group(4) in ("底", "末", "下半年"):
        month = 12
    elif month is None and m.group(4) == "上半年":
        month = 6
    return int(m.group(1)), month


#: a span of years, whose end is the deadline: 2023—2025年, 2023-2025年, 2023年至2025年
_YEAR_SPAN = re.compile(r"(?:19|20)\d{2}(?:年)?\s*(?:—|–|－|-|~|～|至|到)\s*((?:19|20)\d{2})年(?:(\d{1,2})月)?")
