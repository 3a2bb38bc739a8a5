"""Properties that hold for any text: normalization is idempotent and maps back, parsing never crashes."""

from __future__ import annotations

import functools
import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harchang_analysis.lexicon import load_lexicon
from harchang_analysis.responsibility import parse_responsibility
from harchang_analysis.structure import parse_structure
from harchang_analysis.text import normalize
from harchang_analysis.tokenize import build_tokenizer, tokenize_units

# pieces a plan is made of, so that the generated texts hit the rules, not just random characters
PIECES = st.sampled_from([
    "一、", "二、", "（一）", "（二）", "１\ue010", "２\ue010", "1.", "2、", "———", "一是", "二是", "第一章", "第二节",
    "（1）", "①", "②", "—１１—", "长春市", "吉林市政府", "省发展改革委", "负责实施", "按职责分工负责", "牵头单位：",
    "（", "）", "，", "。", "、", "；", "：", "“", "”", "２０２０年", "７\ue010５万亩", "Ｇ１２", " ", "\u3000", "\n",
    "\n\n", "\r\n", "建设", "推进城市群发展", "a b", "1号线",
])
TEXTS = st.one_of(
    st.lists(PIECES, max_size=60).map("".join),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200),
)


@functools.cache
def _tokenizer():
    return build_tokenizer(load_lexicon())


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_normalize_is_idempotent(raw):
    once = normalize(raw).text
    assert normalize(once).text == once


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_offsets_map_back_into_the_source(raw):
    clean = normalize(raw)
    assert len(clean.offsets) == len(clean.text)
    assert all(0 <= o <= len(raw) for o in clean.offsets)
    assert clean.offsets.tolist() == sorted(clean.offsets.tolist())  # an array of 32-bit ints, in order
    for ch, o in zip(clean.text, clean.offsets):
        if ch == "\n":
            continue
        src = raw[o]
        assert src == ch or ord(src) - 0xFEE0 == ord(ch) or (ch == "." and 0xE000 <= ord(src) <= 0xF8FF) \
            or (ch == " " and src.isspace())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_parsing_never_raises(raw):
    text = normalize(raw).text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown agencies are reported, not raised
        units = parse_structure(text)
        tasks, assignments = parse_responsibility(text, units, load_lexicon())
        tokens, _ = tokenize_units(text, units, _tokenizer())
    assert set(tasks["unit_id"]) <= set(units["unit_id"])
    assert set(assignments["task_id"]) <= set(tasks["task_id"])
    assert set(assignments["role"]) <= {"lead", "support"}
    assert (units["start"] <= units["end"]).all()
    for token, start in zip(tokens["token"], tokens["start"]):
        assert text[start:start + len(token)] == token


# the words the convention, the labels and agency lists are made of, with filler between them
CLAUSE_PIECES = st.sampled_from([
    "列", "排", "排序", "排名", "在", "于", "第一位", "首位", "第一个", "第一", "者", "的", "责任", "部门", "单位", "为",
    "是", "牵头", "主责", "，", "。", "：", ":", "【", "】", "[", "]", "牵头单位", "配合单位", "责任单位", " ", "甲乙丙",
    "省发展改革委", "财政厅", "公安部", "等",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(CLAUSE_PIECES, max_size=40).map("".join))
def test_the_fast_searches_answer_as_the_patterns_do(text):
    from harchang_analysis.clauses import CONVENTION, LABEL_LINE, holds_label, states_convention

    assert states_convention(text) == (CONVENTION.search(text) is not None)
    assert holds_label(text) == (LABEL_LINE.search(text) is not None)


MARKER_PIECES = st.sampled_from([
    "第", "一", "二", "十", "两", "百", "0", "1", "2", "12", "章", "节", "条", "部分", "篇", "、", ".", "．", "﹒", "（", "(",
    "）", ")", "㈢", "⑵", "③", "—", "——", "－", "-", " ", "年", "万", "加强", "“", "《", "a",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(MARKER_PIECES, min_size=1, max_size=8).map("".join))
def test_the_markers_one_pattern_takes_the_first_that_matches(line):
    from harchang_analysis.markers import _ANY_PATTERN, _BRANCHES, _PATTERNS

    first = next(((kind, m.group(0)) for kind, pattern, _ in _PATTERNS if (m := pattern.match(line))), None)
    m = _ANY_PATTERN.match(line)
    assert (None if m is None else (_BRANCHES[m.lastgroup or ""][0], m.group(0))) == first
