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
# # 01 从原文到表格 · From the raw text to tables
#
# **问题 / Question.** 这份规划经 PDF 转换后留下了哪些痕迹？清洗之后，它的标题层级和任务是什么样的？
# What did the PDF-to-text conversion leave in the plan, and once it is cleaned, what are its
# heading tree and its tasks?

# %% tags=["parameters"]
import os

PLAN = None  # path of a plan file; None reads the seed plan
LEXICON = None  # a lexicon folder; None uses the packaged lexicons
FIGURES = os.environ.get("HARCHANG_FIGURES", "../figures")  # where figures go; the tests set HARCHANG_FIGURES
LANG = "zh"  # the language of the figures shown here; both languages are saved

# %%
from harchang_analysis import load_plan
from harchang_analysis.analysis import count_tasks_by_section, count_units, summarize_normalization
from harchang_analysis.plotting import plot_bars, render_figure, show_table

plan = load_plan(PLAN, lexicon=LEXICON)
print(f"{plan.source.path.name}: {len(plan.source.text)} characters read as {plan.source.encoding}, "
      f"{len(plan.text)} after cleaning")

# %% [markdown]
# ## 清洗做了什么 · What normalization fixed
#
# 每一类痕迹的处理次数。Each artifact and how often it was fixed.

# %%
summarize_normalization(plan.clean.report)

# %% [markdown]
# 原文 46 个私用区字形 U+E010 中，44 个位于条目编号与标题之间（删除），2 个位于两个数字之间，是小数点
# （7.5 万亩、7.4 万户）。Of the 46 private-use glyphs, 44 sit between an item number and its title
# and are removed; two sit between digits and are decimal points (7.5万亩, 7.4万户). Two page
# footers (—11—, —12—) interrupted sentences and are gone; nearly 500 wrapped lines were re-joined.

# %% [markdown]
# ## 标题层级 · The heading tree

# %%
count_units(plan.units)

# %%
plan.units.loc[plan.units["depth"] <= 2].query("kind != 'paragraph'")[["unit_id", "depth", "marker", "title"]]

# %% [markdown]
# ## 46 项任务 · The 46 tasks
#
# 每项任务都是以责任条款结尾的最内层标题。Each task is the innermost heading whose text ends with
# a responsibility clause.

# %%
tasks_by_section = count_tasks_by_section(plan.tasks, plan.units)
fig = render_figure(plot_bars, tasks_by_section, "01-text-and-structure-tasks-by-section", folder=FIGURES,
                    show=LANG, label="section", value="n_tasks",
                    title={"zh": "各章节任务数", "en": "Tasks per chapter"},
                    xlabel={"zh": "任务数", "en": "Tasks"})
show_table(tasks_by_section, "tasks (no responsibility clause was recognised)")

# %%
show_table(plan.tasks[["task_id", "heading_path", "title"]], "tasks")

# %% [markdown]
# **这份规划显示 / What this plan shows.** All 46 tasks sit in part 二 (主要任务); part 三 (组织实施)
# describes mechanisms and names no one per task. Industry (二（三）) carries the most tasks, 12 of 46,
# and chapter 二（一） is the only one that goes one level deeper, with three ——— bullets under its
# first item, each a task of its own.
