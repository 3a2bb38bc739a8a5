"""Tokens and tags: lexicon words stay whole, offsets are exact, jieba stays private and quiet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harchang_analysis.structure import parse_structure
from harchang_analysis.tokenize import build_tokenizer, cache_dir, tokenize_units

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tk(lexicon):
    return build_tokenizer(lexicon)


@pytest.mark.parametrize("name", ["省长吉图办", "省住房城乡建设厅", "省工业和信息化厅", "人民银行长春中心支行", "延边州政府"])
def test_agency_names_as_written_are_single_tokens(tk, name):
    tokens = [w for w, _ in tk.tag(f"由{name}按职责分工负责相关工作")]
    assert name in tokens


def test_entities_and_canonical_names(tk):
    text = "（一）甲。\n开通延吉至台北等航线，国际航线力争达到25条，延边朝鲜族自治州人民政府负责。"
    units = parse_structure(text)
    tokens, mentions = tokenize_units(text, units, tk)
    by_token = dict(zip(tokens["token"], tokens["entity"]))
    assert by_token["延吉"] == "place"
    assert by_token["航线"] == "sector"
    assert by_token["25"] == "quantity"
    agency = mentions[mentions["entity"] == "agency"].iloc[0]
    assert (agency["surface"], agency["name"]) == ("延边朝鲜族自治州人民政府", "延边州政府")
    place = mentions[mentions["surface"] == "延吉"].iloc[0]
    assert place["name"] == "延吉市"
    sector = mentions[mentions["surface"] == "航线"].iloc[0]
    assert sector["name"] == "交通"
    highway = tokenize_units("新建G1211舒兰至吉林段。", parse_structure("新建G1211舒兰至吉林段。"), tk)[0]
    assert highway.set_index("token").loc["G1211", "entity"] == "project"


def test_offsets_point_at_the_tokens(seed_plan):
    text = seed_plan.text
    for token, start in zip(seed_plan.tokens["token"], seed_plan.tokens["start"]):
        assert text[start:start + len(token)] == token
    mentions = seed_plan.mentions
    for surface, start, end in zip(mentions["surface"], mentions["start"], mentions["end"]):
        assert text[start:end] == surface


def test_sentences_and_positions(seed_plan):
    tokens = seed_plan.tokens
    assert tokens["sentence_id"].is_monotonic_increasing
    first = tokens.groupby("sentence_id")["position"].min()
    assert (first == 0).all()
    # every token lies inside the unit it is filed under
    units = seed_plan.units.set_index("unit_id")
    starts = units.loc[tokens["unit_id"], "start"].to_numpy()
    ends = units.loc[tokens["unit_id"], "end"].to_numpy()
    assert ((tokens["start"].to_numpy() >= starts) & (tokens["start"].to_numpy() < ends)).all()


def test_stopwords_and_punctuation_are_flagged(seed_plan):
    flags = seed_plan.tokens.drop_duplicates("token").set_index("token")["is_stopword"]
    assert flags["的"] and flags["，"] and flags["。"]
    assert not flags["省发展改革委"]


def test_seed_mentions_every_prefecture_unit(seed_plan):
    places = set(seed_plan.mentions.loc[seed_plan.mentions["entity"] == "place", "name"])
    assert {"长春市", "吉林市", "四平市", "辽源市", "松原市", "延边州", "哈尔滨市", "大庆市"} <= places


def test_jieba_stays_private_cached_and_quiet(tmp_path):
    code = (
        "import jieba\n"
        "from harchang_analysis import load_plan\n"
        "plan = load_plan(backend='jieba')\n"
        "assert not jieba.dt.initialized, 'the module-level tokenizer was used'\n"
        "assert not jieba.dt.FREQ\n"
    )
    env = {**os.environ, "HARCHANG_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the second run reads the cache the first one wrote
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
        assert result.returncode == 0, result.stderr
        assert result.stdout == "" and result.stderr == ""
    assert (tmp_path / "jieba" / "jieba.cache").is_file()


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("HARCHANG_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path / "jieba"


def test_missing_fast_backend_is_a_clear_error(monkeypatch, lexicon):
    import harchang_analysis.tokenize as tokenize
    from harchang_analysis.tokenize import BackendError

    monkeypatch.setitem(sys.modules, "rjieba", None)  # as if it were not installed
    monkeypatch.setattr(tokenize, "_TOKENIZERS", {})
    with pytest.raises(BackendError, match=r"pip install \.\[fast\]"):
        build_tokenizer(lexicon, backend="rjieba")
    with pytest.raises(BackendError, match="unknown tokenizer backend"):
        build_tokenizer(lexicon, backend="spacy")


def test_backends_cut_and_tag_alike(lexicon):
    text = "加快推进G11鹤大高速全线贯通，国际航线力争达到25条，新植农防林7.5万亩。（省长吉图办负责）"
    slow = build_tokenizer(lexicon).tag(text)
    fast = build_tokenizer(lexicon, backend="rjieba").tag(text)
    assert slow == fast
    assert ("25", "m") in slow and ("7.5", "m") in slow  # numbers are tagged m in both
    assert "".join(w for w, _ in slow) == text


def test_auto_takes_the_fast_backend_when_it_is_installed(monkeypatch):
    from harchang_analysis.tokenize import resolve_backend

    assert resolve_backend("auto") == "rjieba"  # make setup installs it
    monkeypatch.setitem(sys.modules, "rjieba", None)  # as if it were not installed
    assert resolve_backend("auto") == "jieba"
    assert resolve_backend("jieba") == "jieba"


def test_the_fast_backend_loads_one_dictionary_not_two():
    # rjieba's package builds a default instance at import, for its module-level functions; a plan's
    # tokenizer has its own, so the package stays unimported, and importing it later still works
    code = (
        "import sys\n"
        "from harchang_analysis.lexicon import load_lexicon\n"
        "from harchang_analysis.tokenize import build_tokenizer\n"
        "tk = build_tokenizer(load_lexicon(), backend='auto')\n"
        "assert tk.backend == 'rjieba' and 'rjieba' not in sys.modules, sorted(sys.modules)\n"
        "import rjieba\n"
        "assert type(tk.engine) is rjieba.Jieba\n"
        "assert tk.tag('省长吉图办负责')[0] == ('省长吉图办', 'nt')\n"
        "assert rjieba.cut('省长吉图办负责', False)[0] != '省长吉图办'  # its own instance, without our names\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_the_plan_says_which_backend_cut_it():
    from harchang_analysis import load_plan

    assert load_plan(cache=False).source.backend == "rjieba"  # auto, with rjieba installed
    assert load_plan(backend="jieba", cache=False).source.backend == "jieba"


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_tagging_in_pieces_gives_the_tokens_of_the_whole(monkeypatch, backend):
    # a long plan is tagged a piece at a time, each piece ending at a line end; pieces of about
    # 40 characters (over 50 of them in the seed) must give exactly the one-piece tokens
    import harchang_analysis.tokenize as tokenize
    from harchang_analysis import load_plan

    whole = load_plan(backend=backend, cache=False)
    monkeypatch.setattr(tokenize, "PIECE", 40)
    pieces = load_plan(backend=backend, cache=False)
    assert len(list(tokenize._pieces(whole.clean.text))) > 50  # a piece runs on to the end of its line
    pd.testing.assert_frame_equal(pieces.tokens, whole.tokens)
    pd.testing.assert_frame_equal(pieces.mentions, whole.mentions)


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_a_number_cut_at_its_point_is_joined_once(lexicon, backend):
    tk = build_tokenizer(lexicon, backend=backend)
    # 7.5 is one number; in 1.2.3 (a version, not a number) only the first point joins, as reading
    # left to right gives 1.2 and then a point with no number before it
    assert tk.tag("增长7.5%") == [("增长", "v"), ("7.5", "m"), ("%", "x")]
    assert [w for w, _ in tk.tag("1.2.3版")] == ["1.2", ".", "3", "版"]
    assert [w for w, _ in tk.tag("12.34.56.78")] == ["12.34", ".", "56.78"]
    assert [w for w, _ in tk.tag("A.5")] == ["A", ".", "5"]  # a letter is no number


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_a_plans_tables_do_not_depend_on_what_was_parsed_before(lexicon, backend):
    # the tokenizer keeps each word it meets with what depends on the word alone; a plan parsed
    # in a fresh tokenizer and one parsed after others must give the same tables
    from harchang_analysis.tokenize import PlanTokenizer

    kept = build_tokenizer(lexicon, backend=backend)
    fresh = PlanTokenizer(backend=kept.backend, engine=kept.engine, entity_of=kept.entity_of,
                          canonical=kept.canonical, stopwords=kept.stopwords, context_places=kept.context_places)
    text = "（一）甲。\n新植农防林7.5万亩，开通延吉至台北等航线，长春、吉林、四平共建。延边州政府负责。"
    kept.tag("二〇二五年，G12珲乌高速3.5公里，吉林振兴，新词汇甲乙丙。" * 3)  # words met before
    units = parse_structure(text)
    for got, want in zip(tokenize_units(text, units, kept), tokenize_units(text, units, fresh)):
        pd.testing.assert_frame_equal(got, want)


def test_the_fast_backend_tags_every_kept_plan_as_the_reference_does(lexicon):
    # rjieba cuts the text and gives each word the tag its tagger gives the word alone; the tags
    # must be those of the jieba backend, which tags every word in its text
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import SEED, public_texts

    slow, fast = build_tokenizer(lexicon), build_tokenizer(lexicon, backend="rjieba")
    for text in [SEED.read_text(encoding="utf-8"), *(text for _, text in public_texts())]:
        assert fast.tag(text) == slow.tag(text)


FAST_PIECES = st.sampled_from([
    "长春市", "吉林", "省发展改革委", "推进城市群发展", "合心", "的", "G12", "5G", "a", "7", ".", "7.5", "C++", "R&D",
    "x_y", "#", "，", "。", "（", "）", " ", "\n", "\u3000", "\u9fd6", "𠀀", "Ｇ１２", "２０２０年", "-", "%", "…",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(FAST_PIECES, max_size=60).map("".join))
def test_the_fast_backend_tags_any_text_as_the_reference_does(text):
    from harchang_analysis.lexicon import load_lexicon

    lexicon = load_lexicon()
    assert build_tokenizer(lexicon, backend="rjieba").tag(text) == build_tokenizer(lexicon).tag(text)


def test_a_word_the_tagger_would_cut_alone_has_its_piece_tagged_in_full(lexicon, monkeypatch):
    # where the tagger cuts a word of the text otherwise when given it alone, the word's own tag
    # cannot be had by itself: the piece holding it is tagged in full, with the same result
    from harchang_analysis.tokenize import PlanTokenizer

    kept = build_tokenizer(lexicon, backend="rjieba")
    fresh = PlanTokenizer(backend=kept.backend, engine=kept.engine, entity_of=kept.entity_of,
                          canonical=kept.canonical, stopwords=kept.stopwords, context_places=kept.context_places)
    monkeypatch.setattr(fresh, "tag_alone", lambda word: -1 if word == "建设" else PlanTokenizer.tag_alone(fresh, word))
    calls = []
    engine_tag = kept.engine.tag

    class Engine:
        def cut(self, text, hmm):
            return kept.engine.cut(text, hmm)

        def tag(self, text, hmm):
            calls.append(text)
            return engine_tag(text, hmm)

    fresh.engine = Engine()
    text = "加快建设长春市新区，新植7.5万亩。\n推进省发展改革委工作。"
    assert fresh.tag(text) == build_tokenizer(lexicon).tag(text)
    assert text in calls  # the piece with 建设, in full
    assert fresh.tag("推进工作。") == [("推进", "v"), ("工作", "vn"), ("。", "x")]
    assert "推进工作。" not in calls  # a piece without it is cut, and its words tagged one by one
