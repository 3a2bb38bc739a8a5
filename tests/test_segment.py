"""The array segmenter gives jieba's own cut and tags (``POSTokenizer.cut(text, HMM=False)``)."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import jieba
import jieba.posseg
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harchang_analysis.lexicon import load_lexicon
from harchang_analysis.segment import LONG_BLOCK, DictionaryTagger
from harchang_analysis.text import read_text
from harchang_analysis.tokenize import build_tokenizer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


@functools.cache
def _engine():
    return build_tokenizer(load_lexicon(), backend="jieba").engine


@functools.cache
def _tagger():
    return DictionaryTagger(_engine())


def _jieba(text: str) -> list[tuple[str, str]]:
    return [(pair.word, pair.flag) for pair in _engine().cut(text, HMM=False)]


def _ours(text: str) -> list[tuple[str, str]]:
    words, tags = _tagger().tag(text)
    return list(zip(words, tags))


def test_every_kept_plan_is_cut_and_tagged_as_jieba_does():
    from corpus import SEED, public_texts

    coding = sorted((ROOT / "tests" / "data" / "coding").glob("*.html"))
    texts = [SEED.read_text(encoding="utf-8"), *(text for _, text in public_texts()),
             *(read_text(path).text for path in coding)]
    assert len(texts) == 1 + len(public_texts()) + len(coding) and len(coding) >= 13
    for text in texts:
        assert _ours(text) == _jieba(text)


# what plans are made of, and what jieba treats apart: ASCII runs, + # & . _, spaces, \r\n, characters
# beyond its CJK range (U+9FD6, Extension A, astral), full-width forms
PIECES = st.sampled_from([
    "长春市", "吉林", "省发展改革委", "推进城市群发展", "建设", "哈长城市群", "长吉图开发开放先导区", "合心", "的", "了",
    "G12", "5G", "a", "B", "7", "7.5", "C++", "R&D", "x_y", "#", "，", "。", "、", "（", "）", "“", " ", "\u3000",
    "\n", "\r\n", "\r", "\t", "\u9fd6", "\u3400", "𠀀", "😀", "Ｇ１２", "２０２０年", "-", "%", "…",
])
TEXTS = st.one_of(
    st.lists(PIECES, max_size=80).map("".join),
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x9FFF, exclude_categories=("Cs",)),
            max_size=120),
)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_any_text_is_cut_and_tagged_as_jieba_does(text):
    ours = _ours(text)
    assert ours == _jieba(text)
    assert "".join(word for word, _ in ours) == text


def test_a_block_longer_than_the_stepping_limit_is_cut_as_jieba_does():
    text = "推进哈长城市群发展" * (LONG_BLOCK // 9 + 2) + "，G1Ab2。" + "建设" * (LONG_BLOCK // 2)
    assert len(text.split("，")[0]) > LONG_BLOCK
    assert _ours(text) == _jieba(text)


@pytest.fixture
def tiny(tmp_path):
    """A tagger over a dictionary of five words, where two cuts of 甲乙丙 score the same."""
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("甲 5 n\n丙 5 n\n甲乙 7 v\n乙丙 7 v\n乙 1 a\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(dictionary=str(dictionary))
    tokenizer.tmp_dir = str(tmp_path)
    jieba.setLogLevel(60)
    tokenizer.initialize()
    return jieba.posseg.POSTokenizer(tokenizer=tokenizer)


def test_a_tie_goes_to_the_longer_first_word(tiny):
    # 甲|乙丙 and 甲乙|丙 both weigh log 5 + log 7 - 2 log 25: jieba takes the longer word at the start
    words, tags = DictionaryTagger(tiny).tag("甲乙丙")
    assert words == ["甲乙", "丙"] and tags == ["v", "n"]
    assert list(zip(words, tags)) == [(p.word, p.flag) for p in tiny.cut("甲乙丙", HMM=False)]


def test_unknown_characters_and_ascii_runs(tiny):
    # 丁 is in no word: a token of its own, tagged x; letters and digits in a row are one token, eng
    words, tags = DictionaryTagger(tiny).tag("丁甲ab1乙 丙")
    assert words == ["丁", "甲", "ab1", "乙", " ", "丙"]
    assert tags == ["x", "n", "eng", "a", "x", "n"]


def test_a_word_added_later_is_used(tiny):
    tagger = DictionaryTagger(tiny)
    assert tagger.tag("乙丙丁")[0] == ["乙丙", "丁"]
    tiny.tokenizer.add_word("丙丁", freq=1000, tag="nz")
    assert tagger.tag("乙丙丁") == (["乙", "丙丁"], ["a", "nz"])
    assert tagger.tag("乙丙丁") == tuple(map(list, zip(*[(p.word, p.flag) for p in tiny.cut("乙丙丁", HMM=False)])))


@pytest.mark.filterwarnings("ignore::harchang_analysis.errors.StructureWarning")  # plans without clauses
def test_a_plan_has_the_same_tables_whichever_way_jieba_is_run(monkeypatch):
    from harchang_analysis import load_plan, tokenize
    from harchang_analysis.schema import TABLES

    coding = sorted((ROOT / "tests" / "data" / "coding").glob("*.html"))
    plans = [ROOT / "seeds" / "000_cfe327ed47657390.txt", *coding[:3]]
    tables = {}
    for after in (10**12, 0):  # posseg alone; the arrays from the first character
        monkeypatch.setattr(tokenize, "SEGMENTER_AFTER", after)
        monkeypatch.setattr(tokenize, "_TOKENIZERS", {})
        parsed = [load_plan(path, backend="jieba", cache=False) for path in plans]
        used_arrays = tokenize.build_tokenizer(load_lexicon(), backend="jieba")._segmenter is not None
        assert used_arrays == (after == 0)
        tables[after] = [[getattr(plan, name) for name in TABLES] for plan in parsed]
    for by_jieba, by_arrays in zip(tables[10**12], tables[0]):
        for one, other in zip(by_jieba, by_arrays):
            pd.testing.assert_frame_equal(one, other)


def test_the_segmenter_is_built_when_enough_text_is_expected(monkeypatch):
    from harchang_analysis import tokenize

    monkeypatch.setattr(tokenize, "SEGMENTER_AFTER", 1000)
    monkeypatch.setattr(tokenize, "_TOKENIZERS", {})
    tk = build_tokenizer(load_lexicon(), backend="jieba")
    tk.expect(999)
    assert tk._segmenter is None
    tk.tag("推进哈长城市群发展")  # 9 characters by posseg: 1,008 would pass the mark
    tk.expect(999)
    assert tk._segmenter is not None
    assert tk.tag("推进哈长城市群发展") == [(p.word, p.flag) for p in tk.engine.cut("推进哈长城市群发展", HMM=False)]
