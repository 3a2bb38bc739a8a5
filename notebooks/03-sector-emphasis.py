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
from harchang_analysis import load_plan
from harchang_analysis.analysis import (build_instrument_sector_matrix, code_instruments, count_sector_mentions,
                                        drop_clause_tokens, find_dominant_sectors, fit_topics, label_sections,
                                        rank_distinctive_terms, translate_terms)
from harchang_analysis.plotting import plot_heatmap, plot_stacked_bars, render_figure, show_table

plan = load_plan(PLAN, lexicon=LEXICON)
sections = label_sections(plan.units)
# what the plan says, without the responsibility clauses that name who does it
body_tokens = drop_clause_tokens(plan.tokens)

# %% [markdown]
# ## 各章节的领域构成 · Sector shares by chapter
#
# 以领域词典计数：一个句子含某领域关键词即计一次。A sentence counts once for a sector if it holds
# any of the sector's keywords (sectors.csv).

# %%
shares = count_sector_mentions(plan.mentions, sections, plan.lexicon)
fig = render_figure(plot_stacked_bars, shares, "03-sector-emphasis-shares-by-chapter", folder=FIGURES, show=LANG,
                    row="section", stack="sector", value="share_sentences",
                    title={"zh": "各章节领域构成（句子占比）", "en": "Sector shares by chapter (share of sentences)"},
                    xlabel={"zh": "句子占比", "en": "Share of sentences"})

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
# ## 主题模型 · An NMF topic model of the 46 tasks (random_state=0)

# %%
topics = fit_topics(body_tokens, plan.tasks, plan.units, n_topics=6, random_state=0)
show_table(topics.terms.pivot(index="rank", columns="topic", values="term"), "topics (too few tasks share words)")

# %%
show_table(topics.tasks.merge(plan.tasks[["task_id", "title"]], on="task_id").groupby("topic")["title"].agg("、".join),
           "topics")

# %% [markdown]
# ## 政策工具 · Policy instruments (supply / environment / demand)
#
# 按 Rothwell & Zegveld 的供给型、环境型、需求型框架（赵筱媛、苏竣，2007 的中文改编）编码，
# 编码词典见 instruments.csv。Instruments coded in the supply / environment / demand framework of
# Rothwell & Zegveld, as adapted by 赵筱媛 and 苏竣 (2007), from the lexicon instruments.csv.

# %%
codes = code_instruments(plan.tokens, plan.lexicon)
codes.groupby(["instrument_type", "instrument_type_en", "instrument"]).size().rename("n").reset_index()

# %%
instrument_sector = build_instrument_sector_matrix(codes, plan.mentions, plan.lexicon)
fig = render_figure(plot_heatmap, instrument_sector, "03-sector-emphasis-instrument-by-sector", folder=FIGURES,
                    show=LANG, row="instrument", column="sector", value="n_sentences",
                    title={"zh": "政策工具 × 领域（共现句子数）", "en": "Policy instruments by sector (sentences)"})

# %% [markdown]
# **这份规划显示 / What this plan shows.** Each chapter of part 二 has its own leading sector:
# transport in 二（二） (infrastructure), manufacturing in 二（三）, environment in 二（四）, opening-up
# in 二（五） and public services in 二（六）; only 二（一） is led by urbanisation, its subject. The
# TF-IDF terms agree (产业集群 in （三）, 保护 and 生态 in （四）, 珲春 and 招商 in （五）), and the six
# NMF topics recover the same chapters from the task texts alone. Environment-side instruments
# (pilots and demonstration zones, planning goals, regulation) are the most frequent, supply-side
# ones (technology, infrastructure, public platforms) come next, and demand-side tools
# (procurement, outsourcing, trade) are rare: a plan that steers by targets and pilots more than
# by creating demand.
