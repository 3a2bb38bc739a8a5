"""The parse cache: a plan parsed once is reused, and never when anything it depends on changed."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from harchang_analysis import cache, load_lexicon, load_plan, plan
from harchang_analysis.cli import main
from harchang_analysis.errors import StructureWarning

PLAN = """一、重点任务
（一）建设数据中心。建设全省数据中心。（牵头单位：省发展改革委；配合单位：省财政厅）
（二）完善交通网络。推进高速公路建设。（省交通运输厅负责）
"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("HARCHANG_CACHE_DIR", str(folder))
    monkeypatch.delenv("HARCHANG_CACHE", raising=False)
    return folder


@pytest.fixture
def parses(monkeypatch):
    """Count the real parses load_plan makes."""
    calls = []
    real = plan._parse

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(plan, "_parse", counting)
    return calls


def _write(tmp_path, text=PLAN, name="plan.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_second_load_reuses_the_first_parse(tmp_path, cache_dir, parses):
    path = _write(tmp_path)
    first = load_plan(path)
    second = load_plan(path)
    assert len(parses) == 1
    assert len(list((cache_dir / "plans").glob("*.pickle"))) == 1
    for name, table in first.tables().items():
        pd.testing.assert_frame_equal(second.tables()[name], table)
    assert second.text == first.text and second.source == first.source
    assert list(second.tasks["title"]) == ["建设数据中心", "完善交通网络"]


def test_an_edited_file_is_parsed_again(tmp_path, cache_dir, parses):
    path = _write(tmp_path)
    assert len(load_plan(path).tasks) == 2
    _write(tmp_path, PLAN + "（三）发展冰雪旅游。（省文化和旅游厅负责）\n")
    assert len(load_plan(path).tasks) == 3
    assert len(parses) == 2


def test_another_lexicon_or_option_is_another_entry(tmp_path, cache_dir, parses):
    path = _write(tmp_path)
    load_plan(path)
    folder = tmp_path / "lexicon"
    main(["init-lexicon", str(folder)])
    with (folder / "stopwords.txt").open("a", encoding="utf-8") as handle:
        handle.write("数据中心\n")
    load_plan(path, lexicon=folder)
    load_plan(path, simplify=False)
    load_plan(path, lexicon=load_lexicon())  # the packaged lexicon again: reused
    assert len(parses) == 3


def test_the_warnings_of_a_parse_are_given_again(tmp_path, cache_dir, parses):
    path = _write(tmp_path, "这是一段没有标题也没有分工的文字。\n")
    for _ in range(2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            load_plan(path)
        messages = sorted(str(w.message) for w in caught if issubclass(w.category, StructureWarning))
        assert len(messages) == 2
        assert "no headings recognised" in messages[0] and "no responsibility clauses" in messages[1]
    assert len(parses) == 1


def test_turned_off_it_writes_nothing(tmp_path, cache_dir, parses, monkeypatch):
    path = _write(tmp_path)
    monkeypatch.setenv("HARCHANG_CACHE", "off")
    load_plan(path)
    load_plan(path)
    load_plan(path, cache=False)
    assert len(parses) == 3
    assert not cache_dir.exists()


def test_a_damaged_entry_is_parsed_again_and_replaced(tmp_path, cache_dir, parses):
    path = _write(tmp_path)
    load_plan(path)
    (entry,) = (cache_dir / "plans").glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert len(load_plan(path).tasks) == 2
    assert len(parses) == 2
    assert len(load_plan(path).tasks) == 2
    assert len(parses) == 2


def test_only_the_newest_entries_are_kept(tmp_path, cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    paths = [_write(tmp_path, PLAN.replace("全省", f"第{i}个"), name=f"plan{i}.txt") for i in range(3)]
    for path in paths:
        load_plan(path)
    assert len(list((cache_dir / "plans").glob("*.pickle"))) == 2


def test_the_key_follows_every_input():
    base = cache.plan_key(b"text", "lexicon", ("a.txt", True, "jieba"))
    assert base == cache.plan_key(b"text", "lexicon", ("a.txt", True, "jieba"))
    assert base != cache.plan_key(b"text!", "lexicon", ("a.txt", True, "jieba"))
    assert base != cache.plan_key(b"text", "lexicon2", ("a.txt", True, "jieba"))
    assert base != cache.plan_key(b"text", "lexicon", ("a.txt", True, "rjieba"))
    assert base != cache.plan_key(b"text", "lexicon", ("b.txt", True, "jieba"))
