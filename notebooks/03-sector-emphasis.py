# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 产业与领域侧重 · Which sectors the plan emphasises
#
# **问题 / Question.** 各章节侧重哪些领域？哪些词最能区分各章？规划使用了哪些类型的政策工具？
# Which sectors dominate which chapters, which terms set each chapter apart, and which kinds of
# policy instrument does the plan use?

# %% tags=["parameters"]
import os

PLAN = None  # path of a plan file; None reads the seed plan
LEXICON = None  # a lexicon folder; None uses the packaged lexicons
FIGURES = os.environ.get("HARCHANG_FIGURES", "../figures")  # where figures go; the tests set HARCHANG_FIGURES
LANG = "zh"  # the language of the figures shown here; both languages are saved

# %%
import pandas as pd
from IPython.display import Markdown

from harchang_analysis import load_plan
from harchang_analysis.analysis import (add_section_labels, build_instrument_sector_matrix, code_sentences,
                                        compare_topics_with_sections, count_sector_shares, drop_clause_tokens,
                                        find_dominant_sectors, fit_topics, label_sections, list_hand_codes,
                                        rank_distinctive_terms,
                                        read_coding_reread, read_coding_rounds, read_coding_sample,
                                        score_reread, score_sample,
                                        translate_terms)
from harchang_analysis.plotting import (colour_map, describe_source, plot_heatmap, plot_stacked_bars, render_figure,
                                        show_table)

plan = load_plan(PLAN, lexicon=LEXICON)
SOURCE = describe_source(plan.title, lexicon=plan.lexicon)  # the line under every figure
sections = label_sections(plan.units)
# what the plan says, without the responsibility clauses that name who does it
body_tokens = drop_clause_tokens(plan.tokens)

# %% [markdown]
# ## 各章节的领域构成 · Sector shares by chapter
#
# 按编码手册（docs/codebook.md）给每个句子编码：含某领域关键词且不属于排除语境（如“发展环境”）即计一次；
# 分工括注与机构名称不计。Each sentence is coded by the rules of the codebook (docs/codebook.md): it
# counts once for a sector when it holds one of the sector's keywords (sectors.csv) outside the
# phrases that give the word another meaning (发展环境 is no environment); responsibility clauses and
# agency names are not read.

# %%
sector_codes = code_sentences(plan.text, plan.tokens, plan.lexicon, "sectors")
shares = count_sector_shares(sector_codes, sections)
MIN_CODES = 10  # a chapter with fewer sentence–sector codes is drawn pale: its shares rest on too little
fig = render_figure(plot_stacked_bars, add_section_labels(shares, plan.lexicon), "03-sector-emphasis-shares-by-chapter",
                    folder=FIGURES, source_line=SOURCE, show=LANG, row="section_label", stack="sector",
                    value="share_sentences", colours=colour_map(plan.lexicon.sectors["sector"]), count="n_codes",
                    min_count=MIN_CODES,
                    note={"zh": f"n：该章句子的领域编码数（一句可属多个领域）；* 少于 {MIN_CODES} 个，占比不宜解读",
                          "en": f"n: sentence–sector codes in the chapter (a sentence may have several sectors); "
                                f"* fewer than {MIN_CODES}, too few to read as shares"},
                    title={"zh": "各章节领域构成（句子编码占比）", "en": "Sector shares by chapter (share of coded sentences)"},
                    xlabel={"zh": "占该章领域编码的比例", "en": "Share of the chapter's sector codes"})

# %%
show_table(find_dominant_sectors(shares), "sector keywords")

# %% [markdown]
# ## 各章的区分性词语 · Distinctive terms per chapter (TF-IDF)

# %%
distinctive = rank_distinctive_terms(body_tokens, sections, top_n=6)
distinctive.pivot(index="rank", columns="section", values="term")[distinctive["section"].unique()]

# %%
distinctive["term_en"] = translate_terms(distinctive["term"], plan.lexicon)
distinctive.pivot(index="rank", columns="section_en", values="term_en")[distinctive["section_en"].unique()]

# %% [markdown]
# ## 主题模型 · An NMF topic model of the tasks (random_state=0)

# %%
topics = fit_topics(body_tokens, plan.tasks, plan.units, n_topics=6, random_state=0)
show_table(topics.terms.pivot(index="rank", columns="topic", values="term"), "topics (too few tasks share words)")

# %%
show_table(topics.tasks.merge(plan.tasks[["task_id", "title"]], on="task_id").groupby("topic")["title"].agg("、".join),
           "topics")

# %% [markdown]
# 主题与章节是否一致：各章任务的主导主题，及调整兰德指数（1 = 主题即章节，0 = 与随机无异）。
# Do the topics match the chapters? Each chapter's tasks by dominant topic, and the adjusted Rand
# index of the two groupings (1 = the topics are the chapters, 0 = no more agreement than chance).

# %%
by_topic, agreement = compare_topics_with_sections(topics, plan.tasks, sections)
print(f"adjusted Rand index: {agreement:.2f}")
show_table(by_topic, "topics")

# %% [markdown]
# ## 政策工具 · Policy instruments (supply / environment / demand)
#
# 按 Rothwell & Zegveld 的供给型、环境型、需求型框架（赵筱媛、苏竣，2007 的中文改编）编码，
# 编码词典见 instruments.csv，规则同上。Instruments coded in the supply / environment / demand
# framework of Rothwell & Zegveld, as adapted by 赵筱媛 and 苏竣 (2007), from instruments.csv by the
# same codebook: a word that only labels (《规划》, 体制机制创新, 防洪标准) does not count.

# %%
codes = code_sentences(plan.text, plan.tokens, plan.lexicon, "instruments")
codes.groupby(["instrument_type", "instrument_type_en", "instrument"]).size().rename("n").reset_index()

# %% [markdown]
# ## 编码的可信度 · How far the coding agrees with a reading
#
# 人工按编码手册分若干轮给随机抽取的句子编码（data/coding_sample.csv），与自动编码比较。每轮先编码、
# 后评分（留出样本），再据分歧补充规则。Sentences drawn at random, round by round, and coded by hand
# by the codebook (data/coding_sample.csv), against the coder. Each round was scored before the rules
# saw it (its held-out score, kept in coding_rounds.csv) and then used to extend the rules; the first
# table is the coder now on this plan's sentences of the sample, the second every round's held-out
# score.

# %%
sample = read_coding_sample()
mine = sample[sample["doc"] == "seed"] if PLAN is None else sample.iloc[0:0]
coding_scores = score_sample(plan.text, plan.tokens, plan.lexicon, mine) if len(mine) else None
show_table(pd.concat({k: v.set_index("category") for k, v in coding_scores.items()}).round(3)
           if coding_scores else None, "hand-coded sentences of this plan")

# %%
rounds = read_coding_rounds()
show_table(rounds, "held-out scores of the hand-coded sample, by round")

# %% [markdown]
# 同一批句子再读一遍（不看第一次的编码），两次编码的一致程度即人工编码所能达到的水平。The same
# sentences read a second time by the codebook, without sight of the first reading: how far two readings
# agree is the level a reader reaches, and what the coder's scores compare with.

# %%
reread = score_reread()
show_table(pd.concat({k: v.set_index("category").loc[["all"]] for k, v in reread.items()}).round(3),
           "a second reading against the first (data/coding_reread.csv)")

# %% [markdown]
# ## 按人工编码重算 · The same tables from the reading
#
# 样本中本规划的句子也可按人工编码重算上文的表格：二者一致之处，自动编码的误差不改变结论。The tables
# above built again on the hand codes of this plan's sentences in the sample (`list_hand_codes`), beside
# the coder's codes of the same sentences: where the two agree, the coder's errors do not change what
# the plan is read to say.

# %%
in_sample = set(mine["sentence_id"].astype(int))
if in_sample:
    read_sectors = list_hand_codes(plan.text, plan.tokens, plan.lexicon, mine, "sectors")
    read_instruments = list_hand_codes(plan.text, plan.tokens, plan.lexicon, mine, "instruments")
    coder_shares = count_sector_shares(sector_codes[sector_codes["sentence_id"].isin(in_sample)], sections)
    leading = find_dominant_sectors(coder_shares).merge(
        find_dominant_sectors(count_sector_shares(read_sectors, sections)),
        on=["section", "section_en", "section_title"], suffixes=("_coder", "_reading"))
    types = pd.concat({"coder": codes[codes["sentence_id"].isin(in_sample)].groupby("instrument_type_en").size(),
                       "reading": read_instruments.groupby("instrument_type_en").size()}, axis=1).fillna(0).astype(int)
else:
    leading = types = None
show_table(leading, "hand-coded sentences of this plan")

# %%
show_table(types, "hand-coded sentences of this plan")

# %%
instrument_sector = build_instrument_sector_matrix(codes, sector_codes, plan.lexicon)
fig = render_figure(plot_heatmap, instrument_sector, "03-sector-emphasis-instrument-by-sector", folder=FIGURES,
                    source_line=SOURCE,
                    show=LANG, row="instrument", column="sector", value="n_sentences",
                    value_label={"zh": "共现句子数", "en": "Sentences with both"},
                    title={"zh": "政策工具 × 领域（共现句子数）", "en": "Policy instruments by sector (sentences)"})

# %% [markdown]
# **这份规划显示 / What this plan shows.**

# %%
dominant = find_dominant_sectors(shares)
chapters = dominant[dominant["section"].str.contains("（")]  # the chapters, e.g. 二（一）; not parts or the preamble
by_type = codes.groupby(["instrument_type_en"]).size().sort_values(ascending=False)
lines = []
codes_per_section = shares.groupby("section")["n_codes"].first()
if len(chapters):
    listed = "; ".join(f"{r.section} {r.section_title}: {r.sector_en.lower()} ({r.share_sentences:.0%} of "
                       f"{codes_per_section[r.section]})" for r in chapters.itertuples())
    lines.append(f"The leading sector of each chapter, with its share of the chapter's sentence–sector codes — "
                 f"{listed}. A chapter with few codes has a large share by construction.")
if len(topics.tasks) and agreement == agreement:
    verdict = ("the topics largely are the chapters" if agreement >= 0.7 else
               "they match the chapters only in part" if agreement >= 0.3 else "they cut across the chapters")
    lines.append(f"A {topics.terms['topic'].nunique()}-topic model of the task texts agrees with the chapters with an "
                 f"adjusted Rand index of {agreement:.2f}: {verdict}.")
if len(by_type):
    counts = ", ".join(f"{kind.lower()} {n}" for kind, n in by_type.items())
    lines.append(f"Sentence–instrument codes, by type of instrument: {counts}.")
if coding_scores:
    sec, inst = (coding_scores[k].set_index("category").loc["all"] for k in ("sectors", "instruments"))
    lines.append(f"On the {len(mine)} hand-coded sentences of this plan, all of them tuning data by now, the coder "
                 f"reaches F1 {sec.f1:.2f} for sectors and {inst.f1:.2f} for instruments.")
    fresh = rounds[rounds["plans"].str.startswith("seed ") & (rounds["round"] > 1)]
    if len(fresh):
        held = "; ".join(f"{r.n_sentences} drawn in round {r.round}, {r.sectors_f1_held_out:.3f} for sectors and "
                         f"{r.instruments_f1_held_out:.3f} for instruments" for r in fresh.itertuples())
        lines.append(f"Held out, before the rules were extended by them, fresh sentences of it scored: {held}. "
                     "Read the sector shares as close to a reading, the instrument counts as a rough guide.")
if leading is not None:
    chapter_rows = leading[leading["section"].str.contains("（")]
    same = int((chapter_rows["sector_coder"] == chapter_rows["sector_reading"]).sum())
    kinds = ", ".join(f"{kind.lower()} {r.coder} / {r.reading}" for kind, r in types.iterrows())
    lines.append(f"Built on the reading of its {len(in_sample)} hand-coded sentences instead of the coder's codes of "
                 f"them, the leading sector is the same in {same} of {len(chapter_rows)} chapters, and the "
                 f"sentence–instrument codes by type come to {kinds} (coder / reading).")
low, high = rounds["instruments_f1_held_out"].min(), rounds["instruments_f1_held_out"].max()
lines.append(f"Across the {rounds['round'].nunique()} rounds, held-out F1 ranged "
             f"{rounds['sectors_f1_held_out'].min():.3f}–{rounds['sectors_f1_held_out'].max():.3f} for sectors and "
             f"{low:.3f}–{high:.3f} for instruments; on another kind of plan, hand-code a sample of it first.")
again = {k: v.set_index("category").loc["all"] for k, v in reread.items()}
beaten = all(again[k].f1 > rounds[f"{k}_f1_held_out"].max() for k in again)
lines.append(f"Two readings of {len(read_coding_reread())} sentences agree at F1 "
             f"{again['sectors'].f1:.3f} for sectors and {again['instruments'].f1:.3f} for instruments"
             + (", above every held-out score of the coder: the gap is the coder's, not the codebook's." if beaten
                else "."))
Markdown(" ".join(lines) if lines else "The plan has no sector or instrument keywords.")
