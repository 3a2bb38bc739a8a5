"""Sentence coding by the codebook: the traps a keyword match falls into, and what it must find."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from harchang_analysis import load_plan
from harchang_analysis.analysis import code_sentences

SENTENCES = {
    # sector traps: a word of the field that means something else here
    "优化发展环境，打造良好软环境。": set(),
    "推进长吉图开发开放先导区建设。": set(),  # 开放 inside a zone's name
    "建设长春汽车物流园。": {"物流商贸"},
    "加强长春与吉林的交流合作。": set(),
    # former central bodies are agencies too: their names say who, not what (国办函〔2005〕57号)
    "由铁道部、交通部、国家粮食局和中国农业发展银行组成工作组。": set(),
    # sector words a token match used to miss, kept inside longer words
    "扩大对外开放，加强与东北亚国家的合作。": {"对外开放"},
    "完善公共卫生服务体系。": {"公共服务"},
    "办好东北亚博览会等会展活动。": {"旅游会展"},
    # both sides of the codebook at once
    "加强大气污染治理，推进节能减排。": {"生态环境"},
    "建设冰雪旅游景区和机场。": {"旅游会展", "交通"},
}
INSTRUMENTS = {
    "围绕《规划》确定的目标、任务，推进体制机制创新。": set(),
    # a road works project and a target: not trade (出口 is a road exit) and not regulation (a standard to reach)
    "实施长春出口改移工程，除涝标准达到5年至10年一遇。": {"基础设施建设", "目标规划"},
    "加大科技研发投入，推动技术创新。": {"科技支持"},
    "编制城市群发展规划，设立改革试点。": {"目标规划", "策略性措施"},
    "扩大农产品出口，提高通关效率。": {"贸易管制"},
    # a policy named by its kind is that kind of instrument, not a strategic measure besides
    "落实税收优惠政策，加大信贷支持。": {"税收优惠", "金融支持"},
    "争取国家政策支持，开展改革试点。": {"策略性措施"},
    # 市场 is market cultivation beside words of opening markets; 开发 inside 开发区 is none of them
    "推进开发区与批发市场对接。": set(),
    "开发国际市场，扩大消费需求。": {"市场培育"},
}


def _coded(tmp_path, sentences, scheme):
    path = tmp_path / "plan.txt"
    lines = ["一、主要任务", *[f"{k}.事项{k}。{s}（省发展改革委负责）" for k, s in enumerate(sentences, 1)]]
    path.write_text("\n".join(lines), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = load_plan(path, cache=False)
    codes = code_sentences(plan.text, plan.tokens, plan.lexicon, scheme)
    column = "sector" if scheme == "sectors" else "instrument"
    out = {}
    for sentence in sentences:
        at = plan.text.index(sentence)
        ids = set(plan.tokens.loc[(plan.tokens["start"] >= at) & (plan.tokens["start"] < at + len(sentence)),
                                  "sentence_id"])
        out[sentence] = set(codes.loc[codes["sentence_id"].isin(ids), column])
    return out


def test_sector_coding_follows_the_codebook(tmp_path):
    coded = _coded(tmp_path, list(SENTENCES), "sectors")
    for sentence, expected in SENTENCES.items():
        assert coded[sentence] == expected, sentence


def test_instrument_coding_follows_the_codebook(tmp_path):
    coded = _coded(tmp_path, list(INSTRUMENTS), "instruments")
    for sentence, expected in INSTRUMENTS.items():
        assert coded[sentence] == expected, sentence


def test_the_two_vocabularies_share_no_keyword(lexicon):
    assert not set(lexicon.sectors["keyword"]) & set(lexicon.instruments["keyword"])


def test_clauses_and_agency_names_are_not_coded(tmp_path):
    coded = _coded(tmp_path, ["做好相关工作。"], "sectors")
    assert coded["做好相关工作。"] == set()  # its clause names 省发展改革委 (发展 is no keyword) and is not read


def test_an_unknown_scheme_is_refused(seed_plan):
    with pytest.raises(ValueError, match="unknown coding scheme"):
        code_sentences(seed_plan.text, seed_plan.tokens, seed_plan.lexicon, "topics")


REAL = Path(__file__).resolve().parent / "data" / "real"
CODING = Path(__file__).resolve().parent / "data" / "coding"  # plans kept for the sample alone
DOCS = {"seed": Path(__file__).resolve().parent.parent / "seeds" / "000_cfe327ed47657390.txt",
        "guofa-2018-42": REAL / "guofa-2018-42-farm-machinery.html",
        "guobanfa-2018-121": REAL / "guobanfa-2018-121-sports-events.html",
        "guofa-2018-39": REAL / "guofa-2018-39-employment.html",
        "guobanfa-2018-129": REAL / "guobanfa-2018-129-poverty-consumption.html",
        "guofa-2019-3": REAL / "guofa-2019-3-bonded-zones.html",
        "guobanfa-2018-117": REAL / "guobanfa-2018-117-incentives.html",
        "sichuan-2022": REAL / "sichuan-2022-circulation.excerpt.txt",
        "xianyang-2022": REAL / "xianyang-2022-business.excerpt.txt",
        "lishan-2023": REAL / "lishan-2023-tasks.excerpt.txt",
        "guangdong-2025": REAL / "guangdong-2025-digital.xlsx",
        "guobanfa-2018-128": CODING / "guobanfa-2018-128-zero-waste-cities.html",
        "guofa-2019-4": CODING / "guofa-2019-4-vocational-education.html",
        "guobanfa-2019-6": CODING / "guobanfa-2019-6-financing-guarantees.html",
        "guobanfa-2019-4": CODING / "guobanfa-2019-4-hospital-performance.html",
        "guofa-2018-38": CODING / "guofa-2018-38-free-trade-zones.html",
        "guobanfa-2019-2": CODING / "guobanfa-2019-2-drug-procurement.html",
        "guobanfa-2019-3": CODING / "guobanfa-2019-3-kindergartens.html",
        "guobanfa-2018-126": CODING / "guobanfa-2018-126-innovation-reforms.html",
        "guofa-2019-5": CODING / "guofa-2019-5-random-inspections.html",
        "guobanfa-2018-123": CODING / "guobanfa-2018-123-government-new-media.html",
        "guobanfa-2018-124": CODING / "guobanfa-2018-124-cultural-enterprises.html",
        "guobanhan-2005-57": CODING / "guobanhan-2005-57-grain-emergency.html",
        "guobanhan-2018-71": CODING / "guobanhan-2018-71-government-websites.html",
        "guangzhou-2012": REAL / "guangzhou-2012-talent.html"}
#: the floors the coder must reach on the tuning part of the hand-coded sample (micro-averaged F1); a
#: held-out part (plans the rules were never compared with), while there is one, is scored and printed,
#: not held to them: its score is recorded in data/coding_rounds.csv when the round is drawn
FLOORS = {"sectors": 0.85, "instruments": 0.75}


@pytest.mark.slow
def test_the_coder_agrees_with_the_hand_coded_sample():
    import pandas as pd

    from harchang_analysis.analysis import read_coding_sample, score_sample

    sample = read_coding_sample()
    assert (sample["part"] == "tuning").sum() >= 150 and set(sample["doc"]) == set(DOCS)
    assert set(sample["part"]) <= {"tuning", "held-out"}
    totals: dict[tuple[str, str], list] = {}
    for doc, path in DOCS.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            plan = load_plan(path)
        for (part, round_), rows in sample[sample["doc"] == doc].groupby(["part", "round"]):
            for scheme, table in score_sample(plan.text, plan.tokens, plan.lexicon, rows).items():
                totals.setdefault((part, scheme), []).append(table[table["category"] != "all"])
                totals.setdefault((f"round {round_}", scheme), []).append(table[table["category"] == "all"])
    overall = {}
    for (part, scheme), tables in sorted(totals.items()):
        table = pd.concat(tables).groupby("category")[["n_gold", "n_coded", "n_agreed"]].sum()
        agreed, coded, gold = table["n_agreed"].sum(), table["n_coded"].sum(), table["n_gold"].sum()
        overall[part, scheme] = 2 * agreed / (coded + gold)  # micro-averaged F1: every pair counts once
        table["f1"] = (2 * table["n_agreed"] / (table["n_coded"] + table["n_gold"])).round(3)
        print(f"\n{part} {scheme}: precision {agreed / coded:.3f}, recall {agreed / gold:.3f}, "
              f"F1 {overall[part, scheme]:.3f}\n{table.to_string()}")
    for scheme, floor in FLOORS.items():
        assert overall["tuning", scheme] >= floor, f"{scheme}: F1 {overall['tuning', scheme]:.3f} is below {floor}"


def test_every_round_of_the_sample_has_its_held_out_score():
    from harchang_analysis.analysis import read_coding_rounds, read_coding_sample

    sample, rounds = read_coding_sample(), read_coding_rounds()
    assert sorted(set(sample["round"].astype(int))) == sorted(set(rounds["round"]))
    # each round's sentences are the sum of its plans' counts, as the plans column lists them
    for round_, rows in rounds.groupby("round"):
        listed = sum(int(part.rsplit(" ", 1)[1]) for plans in rows["plans"] for part in plans.split(" | "))
        assert listed == rows["n_sentences"].sum() == (sample["round"].astype(int) == round_).sum(), round_
    assert rounds[["sectors_f1_held_out", "instruments_f1_held_out"]].stack().between(0, 1).all()


@pytest.mark.slow
def test_every_round_of_the_sample_is_drawn_again_by_its_seed():
    """The sample's provenance can be checked: each round's sentences of each plan are what
    draw_coding_sample gives with the round's seed, less the sentences earlier rounds took."""
    from harchang_analysis.analysis import draw_coding_sample, read_coding_rounds, read_coding_sample

    sample, rounds = read_coding_sample(), read_coding_rounds()
    sample = sample.assign(round=sample["round"].astype(int), sentence_id=sample["sentence_id"].astype(int))
    seeds = dict(zip(rounds["round"], rounds["seed"]))
    plans = {}
    for (round_, doc), rows in sample.groupby(["round", "doc"]):
        if doc not in plans:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                plans[doc] = load_plan(DOCS[doc])
        plan = plans[doc]
        earlier = sample.loc[(sample["doc"] == doc) & (sample["round"] < round_), "sentence_id"]
        drawn = draw_coding_sample(plan.text, plan.tokens, plan.lexicon, len(rows), seed=seeds[round_],
                                   exclude=earlier)
        kept = rows.sort_values("sentence_id")
        assert drawn["sentence_id"].tolist() == kept["sentence_id"].tolist(), (round_, doc)
        assert drawn["text"].tolist() == kept["text"].tolist(), (round_, doc)


def test_a_draw_is_seeded_leaves_out_what_was_coded_and_short_sentences(tmp_path):
    from harchang_analysis.analysis import draw_coding_sample

    path = tmp_path / "plan.txt"
    body = [f"第{k}项，推进第{k}个城市的交通建设。" for k in range(1, 13)]
    path.write_text("\n".join(["一、主要任务", *body, "短句。"]), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = load_plan(path, cache=False)
    whole = draw_coding_sample(plan.text, plan.tokens, plan.lexicon, 100, seed=1)
    assert whole["text"].tolist() == body  # fewer than asked for: all of them, in order; 短句 is too short
    first = draw_coding_sample(plan.text, plan.tokens, plan.lexicon, 5, seed=7)
    assert first.equals(draw_coding_sample(plan.text, plan.tokens, plan.lexicon, 5, seed=7))
    assert len(first) == 5 and first["sentence_id"].is_monotonic_increasing
    second = draw_coding_sample(plan.text, plan.tokens, plan.lexicon, 100, seed=7, exclude=first["sentence_id"])
    assert len(second) == 7 and not set(second["sentence_id"]) & set(first["sentence_id"])
    with pytest.raises(ValueError, match="at least one sentence"):
        draw_coding_sample(plan.text, plan.tokens, plan.lexicon, 0, seed=1)


def test_hand_codes_are_a_codes_table_of_the_reading(tmp_path):
    import pandas as pd

    from harchang_analysis.analysis import code_sentences, list_hand_codes

    path = tmp_path / "plan.txt"
    path.write_text("一、主要任务\n建设冰雪旅游景区和机场。\n加强大气污染治理。", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = load_plan(path, cache=False)
    ids = plan.tokens.drop_duplicates("sentence_id").set_index("token")["sentence_id"]
    first, second = int(ids["建设"]), int(ids["加强"])
    sample = pd.DataFrame({"doc": "plan", "sentence_id": [str(first), str(second)],
                           "text": ["建设冰雪旅游景区和机场。", "加强大气污染治理。"],
                           "sectors": ["交通|旅游会展", "生态环境"], "instruments": ["基础设施建设", ""]})
    read = list_hand_codes(plan.text, plan.tokens, plan.lexicon, sample, "sectors")
    assert list(read.columns) == list(code_sentences(plan.text, plan.tokens, plan.lexicon, "sectors").columns)
    assert list(zip(read["sentence_id"], read["sector"])) == [(first, "交通"), (first, "旅游会展"), (second, "生态环境")]
    assert set(read["sector_en"]) == {"Transport", "Tourism & expos", "Environment"}
    assert (read["keywords"] == "").all()
    assert list_hand_codes(plan.text, plan.tokens, plan.lexicon, sample, "instruments")["instrument"].tolist() == [
        "基础设施建设"]
    with pytest.raises(ValueError, match="not a category"):
        list_hand_codes(plan.text, plan.tokens, plan.lexicon, sample.assign(sectors="教育"), "sectors")
    with pytest.raises(ValueError, match="re-check the sample"):
        list_hand_codes(plan.text, plan.tokens, plan.lexicon, sample.assign(text="别的句子。"), "sectors")


def test_a_second_reading_agrees_with_the_first_above_the_floors():
    """The floors are within a reader's reach: 80 sentences of rounds 1 to 5, read again by the
    codebook without sight of the first reading, agree with it at least as well as the coder must."""
    from harchang_analysis.analysis import read_coding_reread, read_coding_sample, score_reread

    sample, reread = read_coding_sample(), read_coding_reread()
    assert len(reread) >= 80 and not reread.duplicated(["doc", "sentence_id"]).any()
    rounds = sample.set_index(["doc", "sentence_id"])["round"].astype(int)
    assert rounds.loc[list(zip(reread["doc"], reread["sentence_id"]))].le(5).all()
    scores = score_reread(sample, reread)
    for scheme, floor in FLOORS.items():
        assert scores[scheme].set_index("category").loc["all", "f1"] >= floor, scheme


def test_agreement_of_two_readings_is_symmetric_and_checks_its_sentences():
    import pandas as pd

    from harchang_analysis.analysis import score_reread

    first = pd.DataFrame({"doc": ["a", "a"], "sentence_id": ["1", "2"], "sectors": ["交通|能源", ""],
                          "instruments": ["", "法规管制"]})
    second = first.assign(sectors=["交通", "水利"])  # one sector agreed, one left out, one added
    ab, ba = score_reread(first, second)["sectors"], score_reread(second, first)["sectors"]
    assert ab.set_index("category").loc["all", ["n_gold", "n_coded", "n_agreed"]].tolist() == [2, 2, 1]
    assert ab.set_index("category").loc["all", "f1"] == ba.set_index("category").loc["all", "f1"] == 0.5
    assert score_reread(first, second)["instruments"].set_index("category").loc["all", "f1"] == 1.0
    with pytest.raises(ValueError, match="not in the coding sample"):
        score_reread(first, second.assign(sentence_id=["1", "9"]))


def test_a_sentence_that_frames_the_document_codes_nothing(tmp_path):
    framing = "为推进城市群交通一体化，现将有关事项通知如下。"  # the note that issues a plan, not what it does
    body = "推进城市群交通一体化。"
    coded = _coded(tmp_path, [framing, body], "sectors")
    assert coded[framing] == set() and coded[body] == {"交通", "城镇化"}
