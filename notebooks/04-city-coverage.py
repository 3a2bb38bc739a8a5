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
# # 04 城市覆盖 · Which cities the plan covers
#
# **问题 / Question.** 规划提到哪些城市、县和镇？哪些城市被提及最少？各市在哪些领域出现？
# Which cities, counties and towns does the plan name, which are covered least, and in which
# sectors does each city appear?

# %% tags=["parameters"]
import os

PLAN = None  # path of a plan file; None reads the seed plan
LEXICON = None  # a lexicon folder; None uses the packaged lexicons
FIGURES = os.environ.get("HARCHANG_FIGURES", "../figures")  # where figures go; the tests set HARCHANG_FIGURES
LANG = "zh"  # the language of the figures shown here; both languages are saved

# %%
from harchang_analysis import load_plan
from harchang_analysis.analysis import (build_place_sector_matrix, count_city_leads, count_place_mentions,
                                        roll_up_mentions, stack_mentions_by_level)
from harchang_analysis.plotting import plot_heatmap, plot_place_map, plot_stacked_bars, render_figure

plan = load_plan(PLAN, lexicon=LEXICON)

# %% [markdown]
# ## 地点提及 · Mentions of places, rolled up to their prefecture
#
# 县级单位与镇计入所属地级单位；省外城市单独计。Counties and towns count towards their
# prefecture; cities outside Jilin count on their own.

# %%
places = count_place_mentions(plan.mentions, plan.lexicon)
rolled = roll_up_mentions(places)
fig = render_figure(plot_stacked_bars, stack_mentions_by_level(rolled), "04-city-coverage-mentions-by-prefecture",
                    folder=FIGURES, show=LANG,
                    row="prefecture", stack="level", value="n_mentions",
                    title={"zh": "各地级单位被提及次数（含下辖县、镇）",
                           "en": "Mentions per prefecture-level unit (with its counties and towns)"},
                    xlabel={"zh": "提及次数", "en": "Mentions"})
rolled

# %% [markdown]
# ## 地图 · A map of the places named

# %%
fig = render_figure(plot_place_map, places, "04-city-coverage-map", folder=FIGURES, show=LANG,
                    title={"zh": "规划提及的地点（气泡大小=提及次数；×=未提及）",
                           "en": "Places named in the plan (bubble size = mentions; × = not named)"})

# %% [markdown]
# ## 各市政府牵头的任务 · Tasks led per city government

# %%
count_city_leads(plan.assignments, plan.lexicon)

# %% [markdown]
# ## 城市 × 领域 · Cities by sector

# %%
city_sector = build_place_sector_matrix(plan.mentions, plan.lexicon)
in_cluster = set(rolled.loc[rolled["in_cluster"], "prefecture"])
fig = render_figure(plot_heatmap, city_sector[city_sector["prefecture"].isin(in_cluster)],
                    "04-city-coverage-city-by-sector", folder=FIGURES, show=LANG,
                    row="prefecture", column="sector", value="n_sentences",
                    title={"zh": "城市 × 领域（共现句子数）", "en": "Cities by sector (sentences)"})

# %% [markdown]
# ## 覆盖最少 · Covered least

# %%
places[(places["level"] != "town")].sort_values(["n_mentions", "place"]).head(12)[
    ["place", "place_en", "level", "prefecture", "n_mentions"]]

# %% [markdown]
# **这份规划显示 / What this plan shows.** 长春市 dominates: counted with its counties and towns it
# is named 147 times, more than twice as often as 吉林市 (65) or 四平市 (64), and it leads 44
# tasks. 延边州 is named by its own name only 6 times — its coverage comes through its county-level
# cities (珲春, 延吉, 敦化), which makes it the prefecture most described through its parts — and
# with 辽源市 it is covered least among the six (39 and 44 mentions). Of the Heilongjiang half of
# the cluster only 哈尔滨 is named more than three times; 绥化 is never named.
