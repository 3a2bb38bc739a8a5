"""One schema for the tables: the builders follow it, the data dictionary is written from it."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from harchang_analysis import load_plan
from harchang_analysis.schema import TABLES, check, conform, render_data_dictionary

ROOT = Path(__file__).resolve().parent.parent


def test_the_seed_tables_follow_the_schema(seed_plan):
    assert [problem for name, table in seed_plan.tables().items() for problem in check(name, table)] == []


def test_tables_of_a_plan_without_clauses_keep_their_dtypes(tmp_path):
    # empty tables are where dtypes drift (object, float64): conform gives them the declared ones
    path = tmp_path / "plan.txt"
    path.write_text("一、主要任务\n1.建设数据中心。推进数字化转型。\n2.发展智慧农业。", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = load_plan(path)
    assert plan.tasks.empty and plan.assignments.empty
    assert [problem for name, table in plan.tables().items() for problem in check(name, table)] == []


def test_conform_orders_columns_and_casts_dtypes():
    frame = pd.DataFrame({"zone": ["body"], "end": [3], "start": [1], "surface": ["长春"], "name": ["长春市"],
                          "entity": ["place"], "sentence_id": [1.0], "unit_id": [2.0]})
    out = conform("mentions", frame)
    assert list(out.columns) == ["unit_id", "sentence_id", "entity", "name", "surface", "start", "end", "zone"]
    assert str(out["unit_id"].dtype) == "int64"


def test_the_data_dictionary_is_written_from_the_schema():
    written = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    assert written == render_data_dictionary(), "docs/tables.md is stale: run `harchang columns > docs/tables.md`"
    for table, declared in TABLES.items():
        assert f"## {table}" in written
        assert all(f"| {c.name} | {c.dtype} |" in written for c in declared)


@pytest.mark.parametrize("large", [10_000, 0])  # small tables, and every table built as a large one
def test_make_table_gives_what_conform_gives(large, monkeypatch):
    import numpy as np

    from harchang_analysis import schema
    from harchang_analysis.schema import SchemaError, make_table

    monkeypatch.setattr(schema, "LARGE_TABLE", large)

    values = {  # lists, object arrays and arrays already typed, given out of order
        "zone": ["body", "clause", "heading"], "end": [3, 7, 9], "start": np.array([0, 4, 7], dtype=np.int64),
        "surface": np.array(["长春", "吉林市", "延边"], dtype=object), "name": ["长春市", "吉林市", "延边州"],
        "entity": ["place"] * 3, "sentence_id": [1, 1, 2], "unit_id": np.array([1, 1, 2]),
    }
    made = make_table("mentions", values)
    pd.testing.assert_frame_equal(made, conform("mentions", pd.DataFrame(values)))
    assert check("mentions", made) == [] and made["surface"].tolist() == ["长春", "吉林市", "延边"]
    empty = make_table("mentions", {name: [] for name in values})
    assert len(empty) == 0 and check("mentions", empty) == []
    with pytest.raises(SchemaError, match="missing column"):
        make_table("mentions", {name: v for name, v in values.items() if name != "zone"})
    with pytest.raises(SchemaError, match="different lengths"):
        make_table("mentions", {**values, "end": [3, 7]})


def test_make_table_converts_a_list_for_a_float_column():
    # numpy reads None as float64: a list (which has no dtype) must still be converted
    from harchang_analysis.schema import _typed

    made = _typed([1, 2], "float64", pd.api.types.pandas_dtype("float64"))
    assert str(made.dtype) == "float64" and made.tolist() == [1.0, 2.0]
