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
YEAR = 2017  # the plan's year (the seed's): counties roll up to that year's prefectures; None for today's

# %%
from harchang_analysis import load_plan
from IPython.display import Markdown

from harchang_analysis.analysis import (build_place_sector_matrix, code_sentences, compare_place_zones,
                                        count_city_leads, count_place_mentions, find_gazetteer_mentions,
                                        find_home_provinces, map_prefecture_mentions,
                                        roll_up_mentions,
                                        stack_mentions_by_level)
from harchang_analysis.analysis.places import LEVEL_NAMES
from harchang_analysis.plotting import (colour_map, describe_source, plot_heatmap, plot_prefecture_map,
                                        plot_stacked_bars, render_figure)

plan = load_plan(PLAN, lexicon=LEXICON)
SOURCE = describe_source(plan.title, lexicon=plan.lexicon)  # the line under every figure

# %% [markdown]
# ## 地点提及 · Mentions of places, rolled up to their prefecture
#
# 县级单位与镇计入规划当年（YEAR）所属的地级单位（公主岭市 2020 年前属四平市）；省外城市单独计。
# 只计正文与标题：分工括注中的市州政府是承担任务的机构，不是规划论述的地点。Counties and towns
# count towards the prefecture they belonged to in the plan's year (YEAR; 公主岭市 was under 四平市
# until 2020); cities outside Jilin count on their own. Only the body and the headings count: a city
# government named in a responsibility clause is an agency given work, not a place the plan writes
# about (the next table shows the difference).

# %%
places = count_place_mentions(plan.mentions, plan.lexicon, year=YEAR)
rolled = roll_up_mentions(places)
fig = render_figure(plot_stacked_bars, stack_mentions_by_level(rolled), "04-city-coverage-mentions-by-prefecture",
                    folder=FIGURES, source_line=SOURCE, show=LANG,
                    row="prefecture", stack="level", value="n_mentions",
                    colours=colour_map(zh for zh, _ in LEVEL_NAMES.values()),
                    title={"zh": "各地级单位被提及次数（含下辖县、镇）",
                           "en": "Mentions per prefecture-level unit (with its counties and towns)"},
                    xlabel={"zh": "提及次数", "en": "Mentions"})
rolled

# %% [markdown]
# ## 正文与分工括注 · What the plan says, and who it names in its clauses
#
# 同一地级单位的提及，分别在正文与标题中（n_content）和在分工括注中（n_clause）计数。
# The mentions of each prefecture, in the body and headings (n_content) and inside the
# responsibility clauses (n_clause); counting all text would add the second to the first.

# %%
zones = compare_place_zones(plan.mentions, plan.lexicon, year=YEAR)
zones.round({"clause_share": 3})

# %% [markdown]
# ## 地图 · A map of the places named
#
# 提及次数按地级单位着色（含下辖县、镇），本省全部地级单位与城市群内单位都在图上，灰色为邻近地区。
# 边界为现行行政区划（公主岭市今属长春市），计数按规划当年的隶属。Mentions per prefecture-level
# unit (with its counties and towns); every unit of the plan's province and of the cluster is
# drawn, neighbours in grey. The boundaries are today's (公主岭 now lies inside 长春), the counts
# follow the plan's year.

# %%
# places of all of China that the lexicon does not hold, from the national gazetteer; the plan's
# province from its title (or the places it names) decides which units are drawn
provinces = find_home_provinces(plan.title, find_gazetteer_mentions(plan.text, plan.tokens, plan.mentions))
elsewhere = find_gazetteer_mentions(plan.text, plan.tokens, plan.mentions, provinces=provinces)
units = map_prefecture_mentions(rolled, plan.lexicon, gazetteer_mentions=elsewhere, provinces=provinces)
print(f"the plan's province: {'、'.join(provinces) or 'none named'}; places outside the lexicon named in the body: "
      f"{len(elsewhere[elsewhere['level'] != 'province'])}")
fig = render_figure(plot_prefecture_map, units, "04-city-coverage-map", folder=FIGURES, source_line=SOURCE, show=LANG,
                    value_label={"zh": "提及次数", "en": "Mentions"},
                    title={"zh": "规划提及的地级单位（含下辖县、镇）",
                           "en": "Mentions per prefecture-level unit (with its counties and towns)"})

# %% [markdown]
# ## 各市政府牵头的任务 · Tasks led per city government

# %%
count_city_leads(plan.assignments, plan.lexicon)

# %% [markdown]
# ## 城市 × 领域 · Cities by sector

# %%
sector_codes = code_sentences(plan.text, plan.tokens, plan.lexicon, "sectors")
city_sector = build_place_sector_matrix(plan.mentions, sector_codes, plan.lexicon, year=YEAR)
in_cluster = set(rolled.loc[rolled["in_cluster"], "prefecture"])
fig = render_figure(plot_heatmap, city_sector[city_sector["prefecture"].isin(in_cluster)],
                    "04-city-coverage-city-by-sector", folder=FIGURES, source_line=SOURCE, show=LANG,
                    row="prefecture", column="sector", value="n_sentences",
                    value_label={"zh": "共现句子数", "en": "Sentences with both"},
                    title={"zh": "城市 × 领域（共现句子数）", "en": "Cities by sector (sentences)"})

# %% [markdown]
# ## 覆盖最少 · Covered least

# %%
places[(places["level"] != "town")].sort_values(["n_mentions", "place"]).head(12)[
    ["place", "place_en", "level", "prefecture", "n_mentions"]]

# %% [markdown]
# **这份规划显示 / What this plan shows.**

# %%
leads = count_city_leads(plan.assignments, plan.lexicon)
named = zones[zones["n_content"] > 0]
first, second, third = (named.iloc[k] if len(named) > k else None for k in range(3))
from_clauses = zones[(zones["n_all"] > 0) & (zones["clause_share"] >= 0.5)]
silent = zones.loc[zones["in_cluster"] & (zones["n_content"] == 0), "prefecture"].tolist()
lines = []
if first is not None:
    lines.append(f"{first.prefecture} is the place the plan writes about most: {first.n_content} mentions in its body "
                 f"and headings, counted with its counties and towns"
                 + (f", ahead of {second.prefecture} ({second.n_content})" if second is not None else "")
                 + (f" and {third.prefecture} ({third.n_content})" if third is not None else "") + ".")
if len(from_clauses):
    listed = ", ".join(f"{r.prefecture} {r.n_clause} of {r.n_all}" for r in from_clauses.itertuples())
    lines.append(f"Counting the responsibility clauses as well would give a different picture: most mentions of "
                 f"{len(from_clauses)} prefecture(s) stand in clauses ({listed}), where they name governments "
                 "charged with a task, not places the plan describes.")
if silent:
    lines.append(f"Never named in the body or headings: {'、'.join(silent)}.")
if leads["n_lead"].sum() > 0:
    top = leads.iloc[0]
    lines.append(f"The government that leads most tasks is {top.agency} ({top.n_lead}).")
Markdown(" ".join(lines) if lines else "The plan names no place of the lexicon.")
