"""Lexicons: packaged data, a user's copy, and clear errors for malformed files."""

from __future__ import annotations

import pytest

from harchang_analysis.errors import LexiconError
from harchang_analysis.lexicon import AGENCY_TYPES, PLACE_LEVELS, copy_lexicon, load_lexicon


def test_packaged_lexicon_is_complete(lexicon):
    assert set(lexicon.agencies["agency_type"]) <= set(AGENCY_TYPES)
    assert set(lexicon.places["level"]) <= set(PLACE_LEVELS)
    assert (lexicon.agencies["name_en"] != "").all() and (lexicon.places["name_en"] != "").all()
    prefectures = lexicon.places[(lexicon.places["level"] == "prefecture") & lexicon.places["in_cluster"]]
    assert sorted(prefectures["name"]) == sorted(["长春市", "吉林市", "四平市", "辽源市", "松原市", "延边州"])
    assert {"哈尔滨市", "大庆市", "齐齐哈尔市", "牡丹江市", "绥化市"} <= set(lexicon.places["name"])
    # every parent a county or town names is in the table (a town whose county is unknown names none)
    parents = set(lexicon.places["parent"]) - {""}
    assert parents <= set(lexicon.places["name"])
    # coordinates, where given, sit in or near Northeast China (the foreign ports excepted, none listed
    # here); a prefecture always has them, a town named only as the end of a road section may not
    located = lexicon.places.dropna(subset=["lat", "lon"])
    assert located["lat"].between(40, 50).all() and located["lon"].between(117, 132).all()
    assert (lexicon.places.loc[lexicon.places["lat"].isna(), "level"] != "prefecture").all()
    assert "的" in lexicon.stopwords


def test_aliases_map_to_canonical_names(lexicon):
    assert lexicon.agency_lookup()["延边朝鲜族自治州人民政府"] == "延边州政府"
    assert lexicon.place_lookup()["延边朝鲜族自治州"] == "延边州"


def test_user_copy_loads_and_edits_take_effect(tmp_path):
    folder = tmp_path / "lex"
    copy_lexicon(folder)
    with (folder / "agencies.csv").open("a", encoding="utf-8") as f:
        f.write("省大数据局,,provincial_department,,Provincial Big Data Bureau,Big Data\n")
    lex = load_lexicon(folder)
    assert lex.agency_lookup()["省大数据局"] == "省大数据局"
    assert lex.source == str(folder)


def test_copy_never_overwrites(tmp_path):
    copy_lexicon(tmp_path)
    with pytest.raises(LexiconError, match="already exists"):
        copy_lexicon(tmp_path)


@pytest.mark.parametrize(
    ("file", "line", "reason"),
    [
        ("agencies.csv", "省甲局,,bureau,,A,A\n", "agency_type 'bureau'"),
        ("agencies.csv", "省甲局,,other\n", "3 fields, expected 6"),
        ("agencies.csv", "省发展改革委,,other,,Dup,D\n", "repeats line {first}"),
        ("instruments.csv", "补贴,补贴,Subsidy,补贴型,Subsidy,,\n", "instrument_type '补贴型'"),
        ("places.csv", "甲市,,prefecture,,true,north,125,Jia,,,\n", "lat 'north' is not a number"),
        ("places.csv", "甲市,,city,,true,43,125,Jia,,,\n", "level 'city'"),
        ("places.csv", "甲县,,county,长春市,true,43,125,Jia,,四平市,去年\n", "parent_since '去年' is not a year"),
        ("sectors.csv", "港口,交通,,,\n", "sector_en is empty"),
    ],
)
def test_malformed_rows_name_file_line_and_reason(tmp_path, file, line, reason):
    copy_lexicon(tmp_path)
    path = tmp_path / file
    n_lines = len(path.read_text(encoding="utf-8").splitlines())
    with path.open("a", encoding="utf-8") as f:
        f.write(line)
    with pytest.raises(LexiconError) as info:
        load_lexicon(tmp_path)
    message = str(info.value)
    assert message.startswith(f"{path}: line {n_lines + 1}: ")
    # a repeated name points at the line where the name first stands, found by reading the file
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next((k for k, text in enumerate(lines, 1) if text.split(",")[0] == line.split(",")[0]), 0)
    assert reason.format(first=first) in message


def test_missing_file_and_missing_folder(tmp_path):
    with pytest.raises(LexiconError, match="lexicon folder not found"):
        load_lexicon(tmp_path / "nowhere")
    copy_lexicon(tmp_path)
    (tmp_path / "places.csv").unlink()
    with pytest.raises(LexiconError, match=r"places\.csv: missing lexicon file"):
        load_lexicon(tmp_path)


def test_missing_column(tmp_path):
    copy_lexicon(tmp_path)
    (tmp_path / "terms.csv").write_text("term,name_en\n甲,A\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"terms.csv: line 1: missing column\(s\) kind"):
        load_lexicon(tmp_path)


def test_loading_the_same_files_again_gives_tables_of_its_own(tmp_path, monkeypatch):
    import harchang_analysis.lexicon as lexicon_module

    copy_lexicon(tmp_path)
    parsed = []
    parse = lexicon_module._parse_lexicon
    monkeypatch.setattr(lexicon_module, "_parse_lexicon", lambda *args: parsed.append(args) or parse(*args))
    first = load_lexicon(tmp_path)
    first.agencies.loc[0, "name_en"] = "changed in this copy only"
    first.places["level"] = "town"
    second = load_lexicon(tmp_path)
    assert second.agencies.loc[0, "name_en"] != "changed in this copy only"
    assert set(second.places["level"]) != {"town"}
    # what is derived from the tables is worked out once for the files, and shared
    assert second.agency_lookup() == first.agency_lookup()
    assert second.fingerprint() == load_lexicon(tmp_path).fingerprint()
    assert len(parsed) == 1  # the files were parsed once, for the first load


def test_a_changed_file_is_read_again(tmp_path):
    copy_lexicon(tmp_path)
    before = load_lexicon(tmp_path)
    assert "新设局" not in before.agency_lookup()
    agencies = tmp_path / "agencies.csv"
    header = agencies.read_text(encoding="utf-8").splitlines()[0].split(",")
    row = {"name": "新设局", "agency_type": "provincial_department", "name_en": "New Bureau", "short_en": "New"}
    with agencies.open("a", encoding="utf-8") as out:
        out.write(",".join(row.get(column, "") for column in header) + "\n")
    after = load_lexicon(tmp_path)
    assert after.agency_lookup()["新设局"] == "新设局"
    assert after.fingerprint() != before.fingerprint()
