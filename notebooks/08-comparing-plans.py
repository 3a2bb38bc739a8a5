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
# # 08 规划比较 · Comparing plans
#
# **问题 / Question.** 把多份规划放在一起：它们的结构、分工、行业重点和所涉地域有何异同？
# Set several plans side by side: how do they differ in structure, in who is made responsible,
# in the sectors they stress and in the places they name?
#
# 默认语料为种子规划与测试中收录的真实公开文件（国务院及国办文件、省市区方案，含网页、Excel
# 任务表和摘录；来源见 tests/data/real/SOURCES.md）。The default corpus is the seed plan and the
# real public documents kept with the tests (State Council and General Office documents, provincial,
# city and district plans, as web pages, an Excel task table and excerpts; sources in
# tests/data/real/SOURCES.md). `harchang compare DIR --out OUT` does the same for your own plans.

# %% tags=["parameters"]
import os

CORPUS = None  # a folder of plan files; None compares the seed plan with the real plans of the tests
PLAN = None  # one more plan file to set beside them (`harchang run --plan` sets it)
LEXICON = None  # a lexicon folder; None uses the packaged lexicons
FIGURES = os.environ.get("HARCHANG_FIGURES", "../figures")  # where figures go; the tests set HARCHANG_FIGURES
LANG = "zh"  # the language of the figures shown here; both languages are saved

# %%
import warnings
from pathlib import Path

from IPython.display import Markdown

from harchang_analysis import load_corpus, load_lexicon
from harchang_analysis.compare import compare_corpus, describe_corpus, draw_comparison_figure, list_bundled_plans
from harchang_analysis.corpus import list_plan_files
from harchang_analysis.plotting import show_table

paths = list_bundled_plans() if CORPUS is None else list_plan_files([Path(CORPUS)])[0]
paths += [Path(PLAN)] if PLAN is not None and Path(PLAN).resolve() not in {p.resolve() for p in paths} else []
lexicon = load_lexicon(LEXICON)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # what each plan said while it was parsed; the skipped files are shown below
    corpus = load_corpus(paths, lexicon=lexicon, n_jobs=1)
tables = compare_corpus(corpus, lexicon)
SOURCE = describe_corpus(corpus.documents)
structure = tables["structure"]
print(f"{len(corpus.documents)} plans read, {len(corpus.skipped)} skipped")

# %% [markdown]
# ## 结构 · How each plan is built

# %%
structure[["plan", "title", "n_tasks", "depth", "n_deadline", "share_deadline"]]

# %% [markdown]
# ## 分工 · Who is made responsible, and how evenly
#
# 每项任务的机构数、有配合单位的任务占比、牵头集中度（牵头任务的基尼系数与最多牵头机构的占比），
# 以及由文件约定（如“列第一位者为牵头单位”）决定角色的分工占比。Agencies per task, the share of
# tasks with a support agency, how concentrated the leads are (the Gini coefficient of lead
# assignments and the top agency's share), and the share of roles decided by a convention the
# document states (列第一位者为牵头单位).

# %%
responsibility = tables["responsibility"]
responsibility.round(2)

# %%
fig = draw_comparison_figure("08-comparing-plans-tiers", folder=FIGURES, tables=tables, show=LANG,
                             source_line=SOURCE)

# %% [markdown]
# ## 行业与政策工具 · Sectors and policy instruments
#
# 行业按 sectors.csv 的关键词与规则对句子编码（同 03 号笔记本），只读正文与标题；占比的分母是该规划的
# 句子—行业编码数。Sentences coded by sector with the keywords and rules of sectors.csv (as in
# notebook 03), in the body and headings only; a share's denominator is the plan's sentence–sector
# codes. Notebook 03 reports how far the coding agrees with a reading by hand.

# %%
fig = draw_comparison_figure("08-comparing-plans-sectors", folder=FIGURES, tables=tables, show=LANG,
                             source_line=SOURCE)

# %%
instruments = tables["instruments"]
instruments.pivot(index="plan", columns="instrument_type_en", values="share").round(2)

# %% [markdown]
# ## 相似度与关键词 · How alike the plans are, and the words that set each apart
#
# 用词相似度：各规划实词的 TF-IDF 向量的余弦。关键词：每份规划相对于其余规划的对数似然（G²，
# Benjamini–Hochberg 校正）与效应量 Log Ratio（log2 频率比，1 即两倍）。Word similarity: the cosine of
# the plans' TF-IDF vectors over content words. Key words: each plan against the rest of the corpus,
# by log-likelihood (G², Benjamini–Hochberg corrected) with Hardie's Log Ratio as the effect size
# (log2 of the ratio of relative frequencies; 1 = twice as frequent).

# %%
fig = draw_comparison_figure("08-comparing-plans-similarity", folder=FIGURES, tables=tables, show=LANG,
                             source_line=SOURCE)

# %%
keyness = tables["keyness"]
keyness[keyness["rank"] <= 5].pivot(index="rank", columns="plan", values="term")

# %% [markdown]
# ## 地域 · The places each plan names
#
# 词典中的地名上卷至地级单位；其余地名按全国行政区划查找（同 04 号笔记本），只计正文与标题。
# The lexicon's places roll up to their prefecture; other places are found in the national
# gazetteer (as in notebook 04), in the body and headings only. 地图中省份按其占本规划地名提及的比例
# 着色，所提及的地级单位以橙色标出。On the maps a province's shade is its share of the plan's place
# mentions; the prefecture-level units the plan names are filled in orange.

# %%
fig = draw_comparison_figure("08-comparing-plans-places", folder=FIGURES, tables=tables, show=LANG,
                             source_line=SOURCE)

# %%
show_table(tables["provinces"][["plan", "province", "province_en", "n_mentions", "share", "n_prefectures"]].round(3),
           "places")

# %%
places = tables["places"]
show_table(places[places["prefecture"] != ""].groupby(["plan", "province", "prefecture"], sort=False).size()
           .rename("n_mentions").reset_index(), "prefecture-level places")

# %% [markdown]
# **这些规划显示 / What these plans show.**

# %%
pairs = tables["text_similarity"]
pairs = pairs[pairs["doc_a"] < pairs["doc_b"]].dropna(subset=["similarity"]).sort_values(
    ["similarity", "doc_a", "doc_b"], ascending=[False, True, True])
tiers = tables["tiers"].sort_values(["doc_id", "share"], ascending=[True, False], kind="stable")  # ties: higher tier
main_tier = tiers.drop_duplicates("doc_id").set_index("plan")["tier_label_en"]
sectors = tables["sectors"].sort_values(["doc_id", "share", "sector"], ascending=[True, False, True])
lead_sector = sectors.drop_duplicates("doc_id").set_index("plan")
named = tables["provinces"]["plan"].nunique()
lines = [f"The {len(structure)} plans hold from {structure['n_tasks'].min()} to {structure['n_tasks'].max()} tasks; "
         f"{int((structure['n_deadline'] > 0).sum())} of them set a deadline for at least one task."]
by_tier = main_tier.value_counts()
lines.append("The tier of government given the most assignments (a tie goes to the higher tier): " + "; ".join(
    f"{tier} in {n} plan{'s' if n > 1 else ''} ({', '.join(sorted(main_tier[main_tier == tier].index))})"
    for tier, n in by_tier.items()) + ".")
supported = responsibility.dropna(subset=["share_supported"])
lines.append(f"Tasks with a support agency range from {supported['share_supported'].min():.0%} of a plan's tasks "
             f"to {supported['share_supported'].max():.0%}; in {int((supported['share_convention'] > 0).sum())} plans "
             f"a convention the document states decided roles.")
focused = lead_sector[lead_sector["share"] >= 0.5]
if len(focused):
    lines.append("Plans with one sector taking half their codes or more: " + "; ".join(
        f"{plan} ({row.sector_en}, {row.share:.0%} of {row.n_codes} codes)" for plan, row in focused.iterrows())
        + ". A plan with few codes (an excerpt) reaches such shares easily.")
if len(pairs):
    top = pairs.iloc[0]
    lines.append(f"The two plans most alike in their words are {top.plan_a} and {top.plan_b} "
                 f"(cosine {top.similarity:.2f}); the median pair scores {pairs['similarity'].median():.2f}.")
lines.append(f"{named} of the {len(structure)} plans name a place of China in their body or headings; the "
             f"others name none.")
Markdown(" ".join(lines))
