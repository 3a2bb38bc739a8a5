"""The benchmark's floor is a parser's output in form: the five tables, as the schema declares them."""

from __future__ import annotations

import sys
from pathlib import Path

from harchang_analysis.schema import check
from harchang_analysis.tokenize import build_tokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from versus import floor_parse


def test_the_floor_gives_the_five_tables_in_their_declared_form(lexicon, tmp_path):
    text = "一、总体要求\n（一）加快推进鹤大高速全线贯通。\n1．新植农防林7.5万亩。\n二、保障措施\n"
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    tables = floor_parse(path, build_tokenizer(lexicon, backend="rjieba").engine)
    names = ["tokens", "units", "tasks", "assignments", "mentions"]
    assert [problem for name, table in zip(names, tables) for problem in check(name, table)] == []
    tokens, units = tables[0], tables[1]
    assert "".join(tokens["token"]) == text  # every word of the text, in order
    assert [text[start:start + len(token)] for start, token in zip(tokens["start"], tokens["token"])] == \
        tokens["token"].tolist()
    assert units["marker"].tolist() == ["一、", "（一）", "1．", "二、"]  # the four heading lines

