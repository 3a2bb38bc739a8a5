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
# # 06 目标与项目 · Targets, deadlines and named projects
#
# **问题 / Question.** 规划提出了哪些可量化的目标与期限？点名了哪些项目，由谁牵头？
# Which quantitative targets and deadlines does the plan set, and which named projects does it
# list, led by whom?

# %% tags=["parameters"]
import os

PLAN = None  # path of a plan file; None reads the seed plan
LEXICON = None  # a lexicon folder; None uses the packaged lexicons
FIGURES = os.environ.get("HARCHANG_FIGURES", "../figures")  # where figures go; the tests set HARCHANG_FIGURES
LANG = "zh"  # the language of the figures shown here; both languages are saved

# %%
from harchang_analysis import load_plan
from harchang_analysis.analysis import (count_projects_by_section, extract_deadlines, extract_projects,
                                        extract_targets, label_sections)
from harchang_analysis.plotting import plot_stacked_bars, render_figure, show_table

plan = load_plan(PLAN, lexicon=LEXICON)

# %% [markdown]
# ## 量化目标 · Quantitative targets
#
# 数字加计量单位（条、个、万亩、万吨……）；年份、编号（1号线）不计。A number with a unit of
# count, area or mass; years and numbers in names (1号线, 世界500强) are not targets.

# %%
targets = extract_targets(plan)
show_table(targets[["task_id", "heading_path", "quantity", "value", "unit", "qualifier", "deadline", "context"]],
           "quantitative targets")

# %% [markdown]
# 期限 · Deadlines: the plan states one year, in its general requirements (一、总体要求):

# %%
show_table(extract_deadlines(plan), "deadlines")

# %% [markdown]
# ## 点名项目 · Named projects and their leads

# %%
projects = extract_projects(plan)
sections = label_sections(plan.units)
by_kind = count_projects_by_section(projects, plan.tasks, sections)
fig = render_figure(plot_stacked_bars, by_kind, "06-targets-and-projects-projects-by-chapter", folder=FIGURES,
                    show=LANG, row="section", stack="project_kind", value="n_projects",
                    title={"zh": "各章节点名项目数（按类型）", "en": "Named projects per chapter, by kind"},
                    xlabel={"zh": "项目数", "en": "Projects"})
show_table(projects, "named projects")

# %% [markdown]
# **这份规划显示 / What this plan shows.** The plan is sparing with numbers: 14 quantities with a
# unit, five of them in a single agricultural task (棚膜园区30个以上, 示范园区10个以上, 网店1000家 …)
# and most of the rest in industry and the environment (60万吨, 新植农防林7.5万亩). It states a
# single deadline, 2020, once, for the plan as a whole. Named projects concentrate in
# infrastructure — ten G-numbered highways in one task alone — and in industrial and logistics
# parks; the cities lead them all, joined by a provincial office only in 长春新区 (省长吉图办).
