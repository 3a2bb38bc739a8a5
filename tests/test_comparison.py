"""Comparing plans: each comparison read off two small plans written for the test, keyness and
similarity worked out by hand, the corpus coder against the one-plan coder, and `harchang compare`."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import pandas as pd
import pytest

from harchang_analysis import load_corpus, load_lexicon, load_plan
from harchang_analysis.analysis import (
    code_corpus,
    code_sentences,
    compare_agency_tiers,
    compare_responsibility,
    compare_structure,
    count_provinces_by_plan,
    count_terms,
    find_keyness,
    locate_corpus_places,
    map_places_by_plan,
    measure_profile_similarity,
    profile_codes,
)
from harchang_analysis.cli import main

REAL = Path(__file__).parent / "data" / "real"
SEED = Path(__file__).parent.parent / "seeds" / "000_cfe327ed47657390.txt"

PLAN_A = """某省甲方案

一、基础设施
（一）建设道路。推进公路建设，打通成都市至四川省外通道。（省交通运输厅牵头，省财政厅配合）
（二）完善水利。2025年底前建成长春市水库。（省水利厅负责）
二、产业发展
（一）发展农业。（省农业农村厅、各市政府负责）
"""
PLAN_B = """某市乙方案

一、重点任务
1.发展旅游。（市文旅局负责）
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plans")
    (folder / "a.txt").write_text(PLAN_A, encoding="utf-8")
    (folder / "b.txt").write_text(PLAN_B, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus([folder / "a.txt", folder / "b.txt"])


def test_structure_counts_tasks_depth_and_deadlines(small):
    t = compare_structure(small.documents, small.units, small.tasks).set_index("plan")
    assert t.loc["a", "title"] == "某省甲方案"
    assert t.loc["a", ["n_tasks", "depth", "n_deadline"]].tolist() == [3, 2, 1]  # 2025年底前 on the second task
    assert t.loc["a", "share_deadline"] == pytest.approx(1 / 3)
    assert t.loc["b", ["n_tasks", "n_deadline"]].tolist() == [1, 0]


def test_responsibility_per_plan(small):
    t = compare_responsibility(small.documents, small.tasks, small.assignments).set_index("plan")
    a = t.loc["a"]
    assert a["agencies_per_task"] == pytest.approx((2 + 1 + 2) / 3)
    assert a["share_supported"] == pytest.approx(1 / 3)  # only 省财政厅 supports
    assert a["n_leads"] == 4 and a["lead_gini"] == pytest.approx(0.0)  # four agencies lead one task each
    assert a["top_agency"] == "各市政府" and a["top_share"] == pytest.approx(0.25)  # a tie goes to the first name
    assert t.loc["b", "top_agency"] == "市文旅局" and t.loc["b", "top_share"] == 1.0


def test_tiers_put_collectives_apart(small):
    t = compare_agency_tiers(small.documents, small.assignments)
    a = t[t["plan"] == "a"].set_index("tier")
    assert a.loc["provincial", "n_assignments"] == 4 and a.loc["collective", "n_assignments"] == 1  # 各市政府
    assert a.loc["provincial", "share"] == pytest.approx(0.8)
    assert set(t["tier"]) == {"central", "provincial", "prefecture", "county", "township", "collective", "unknown"}
    b = t[t["plan"] == "b"].set_index("tier")
    assert b.loc["prefecture", "share"] == 1.0  # 市文旅局, a city department


def test_places_are_located_in_the_gazetteer_and_the_lexicon(small):
    places = locate_corpus_places(small.documents, small.tokens, small.mentions, load_lexicon())
    a = places[places["plan"] == "a"]
    assert a[["name", "source", "province"]].values.tolist() == [
        ["成都市", "gazetteer", "四川省"], ["四川省", "gazetteer", "四川省"], ["长春市", "lexicon", "吉林省"]]
    assert places[places["plan"] == "b"].empty
    provinces = count_provinces_by_plan(small.documents, places)
    assert provinces[["plan", "province", "n_mentions", "n_prefectures"]].values.tolist() == [
        ["a", "四川省", 2, 1], ["a", "吉林省", 1, 1]]
    shown = map_places_by_plan(provinces, places)  # what the small maps draw
    assert shown[["level", "name", "n_mentions"]].values.tolist() == [
        ["province", "四川省", 2], ["province", "吉林省", 1], ["prefecture", "长春市", 1],
        ["prefecture", "成都市", 1]]  # prefectures by adcode: 长春 220100 before 成都 510100
    assert shown["share"].tolist() == pytest.approx([2 / 3, 1 / 3, 1 / 3, 1 / 3])


def test_keyness_by_hand():
    # plan 1: 农机 10 times and 发展 10 times; plan 2: 发展 20 times
    words = [(1, "农机")] * 10 + [(1, "发展")] * 10 + [(2, "发展")] * 20
    tokens = pd.DataFrame({"doc_id": [d for d, _ in words], "token": [w for _, w in words], "pos": "n", "entity": "",
                           "is_stopword": False, "zone": "body"})
    documents = pd.DataFrame({"doc_id": [1, 2], "path": ["one.txt", "two.txt"]})
    k = find_keyness(documents, count_terms(tokens), min_count=5)
    # 农机 sets plan 1 apart; 发展 is all of plan 2 against half of plan 1, so it sets plan 2 apart
    assert k[["plan", "term"]].values.tolist() == [["one", "农机"], ["two", "发展"]]
    # a = 10 of n = 20, b = 0 of m = 20: expected 5 in plan 1, so G2 = 2 * 10 * ln(10 / 5)
    assert k.loc[0, "g2"] == pytest.approx(20 * math.log(2))
    # a = 20 of 20, b = 10 of 20: expected 15 in each, G2 = 2 * (20 ln(20/15) + 10 ln(10/15)); Log Ratio 1
    assert k.loc[1, "g2"] == pytest.approx(2 * (20 * math.log(20 / 15) + 10 * math.log(10 / 15)))
    assert k.loc[1, "log_ratio"] == pytest.approx(1.0)
    assert k.loc[0, "log_ratio"] == pytest.approx(math.log2((10 / 20) / (0.5 / 20)))  # 0.5 stands in for 0
    assert k.loc[0, "per_10k_plan"] == pytest.approx(5000)


def test_profile_similarity_is_the_cosine_of_shares():
    profile = pd.DataFrame({"doc_id": [1, 1, 2, 2, 3, 3], "plan": ["x", "x", "y", "y", "z.excerpt", "z.excerpt"],
                            "sector": ["交通", "能源"] * 3, "share": [0.5, 0.5, 0.5, 0.5, 1.0, 0.0]})
    sim = measure_profile_similarity(profile, category="sector").set_index(["plan_a", "plan_b"])["similarity"]
    assert sim["x", "y"] == pytest.approx(1.0)
    # (0.5, 0.5) · (1, 0) over their lengths; a plan keeps its name as the profile gives it (z.excerpt)
    assert sim["x", "z.excerpt"] == pytest.approx(0.5 / math.sqrt(0.5))


def test_profiles_share_out_each_plans_codes():
    codes = pd.DataFrame({"doc_id": [1, 1, 1, 2], "sentence_id": [1, 2, 2, 1], "sector": ["交通", "交通", "能源", "能源"],
                          "sector_en": ["Transport", "Transport", "Energy", "Energy"]})
    p = profile_codes(pd.DataFrame({"doc_id": [1, 2], "path": ["a.txt", "b.txt"]}), codes, category="sector")
    one = p[p["doc_id"] == 1].set_index("sector")
    assert one.loc["交通", "n_sentences"] == 2 and one.loc["交通", "share"] == pytest.approx(2 / 3)
    assert p[p["doc_id"] == 2].set_index("sector").loc["交通", "n_sentences"] == 0  # every sector for every plan


@pytest.mark.parametrize("scheme", ["sectors", "instruments"])
def test_corpus_coder_gives_each_plan_its_own_codes(scheme):
    paths = [SEED, REAL / "guofa-2019-3-bonded-zones.html"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(paths)
        plans = [load_plan(p) for p in paths]
    lexicon = load_lexicon()
    together = code_corpus(corpus.tokens, lexicon, scheme)
    for doc_id, plan in enumerate(plans, 1):
        alone = code_sentences(plan.text, plan.tokens, lexicon, scheme)
        assert len(alone) > 10
        mine = together[together["doc_id"] == doc_id].drop(columns="doc_id").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, alone, check_dtype=False)


def test_compare_command_on_a_mixed_folder(tmp_path, capsys):
    import docx

    from tests.test_formats import write_pdf

    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.txt").write_text(PLAN_A, encoding="utf-8")
    document = docx.Document()
    for line in PLAN_A.splitlines():
        document.add_paragraph(line)
    document.save(str(folder / "a-as-word.docx"))
    write_pdf(folder / "b.pdf", PLAN_B.splitlines())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 cut off")
    (folder / "notes.md").write_text("not a plan", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["compare", str(folder), "--out", str(out), "--no-figures", "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert "broken.pdf" in err and "notes.md" in err
    documents = pd.read_csv(out / "documents.csv")
    assert sorted(Path(p).name for p in documents["path"]) == ["a-as-word.docx", "a.txt", "b.pdf"]
    skipped = pd.read_csv(out / "skipped.csv")
    assert [Path(p).name for p in skipped["path"]] == ["broken.pdf"]
    structure = pd.read_csv(out / "compare_structure.csv").set_index("plan")
    assert structure.loc["a-as-word", "n_tasks"] == structure.loc["a", "n_tasks"] == 3  # Word and text alike
    assert structure.loc["b", "n_tasks"] == 1
    for name in ("responsibility", "tiers", "sectors", "instruments", "sector_similarity", "text_similarity",
                 "keyness", "places", "provinces"):
        columns = pd.read_csv(out / f"compare_{name}.csv").columns
        assert "doc_id" in columns or {"doc_a", "doc_b"} <= set(columns)
    assert not list(out.glob("*.tmp*"))


def test_compare_command_without_plans(tmp_path, capsys):
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    assert main(["compare", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("harchang: error: no plan files found")
    assert not (tmp_path / "out").exists()


def test_compare_command_draws_the_figures(tmp_path, capsys):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.txt").write_text(PLAN_A, encoding="utf-8")
    (folder / "b.txt").write_text(PLAN_B, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["compare", str(folder), "--out", str(out), "--jobs", "1"]) == 0
    assert "2 plans compared, 0 skipped" in capsys.readouterr().out
    for name in ("tiers", "sectors", "similarity", "places"):
        for lang in ("zh", "en"):
            for ext in ("png", "svg"):
                assert (out / "figures" / f"08-comparing-plans-{name}-{lang}.{ext}").is_file()
        assert (out / "figures" / "data" / f"08-comparing-plans-{name}.csv").is_file()
