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
from IPython.display import Markdown

from harchang_analysis import load_plan
from harchang_analysis.analysis import (add_section_labels, count_projects_by_section, extract_deadlines,
                                        extract_projects, extract_targets, label_sections, read_target_list,
                                        score_targets)
from harchang_analysis.analysis.targets import PROJECT_KINDS
from harchang_analysis.plotting import colour_map, describe_source, plot_stacked_bars, render_figure, show_table

plan = load_plan(PLAN, lexicon=LEXICON)
SOURCE = describe_source(plan.title, lexicon=plan.lexicon)  # the line under every figure

# %% [markdown]
# ## 量化目标 · Quantitative targets
#
# 目标是规划承诺达到的量：带单位的数量（含中文数字）、比例、标准（X年一遇）与无数字的覆盖目标（全覆盖、
# 全面消除）。项目名称中的产能（60万吨甲醇制烯烃）、设施能力（年检修300辆）、表示范围的地名计数
# （11个县（市））、年份与编号（1号线）不计。A target is a quantity the plan commits to reach: a
# count with a unit (Chinese numerals included), a share, a standard (X年一遇) or a coverage target
# without a number (全覆盖, 全面消除). Capacities inside project names (60万吨甲醇制烯烃), a facility's
# rate (年检修300辆), counts of places that give the scope (11个县（市）), years and numbers in names
# (1号线) are not targets.

# %%
targets = extract_targets(plan)
show_table(targets[["task_id", "heading_path", "kind", "quantity", "value", "unit", "qualifier", "deadline",
                    "context"]], "quantitative targets")

# %% [markdown]
# 与人工核对清单比较 · Checked against a list made by reading the plan (`NAME.targets.csv` beside the
# plan's file; the seed's has 14 targets, each with the phrase that holds it).

# %%
hand_list = read_target_list(plan)
score = score_targets(targets, plan.text, hand_list) if hand_list is not None else None
show_table(score.round(3) if score is not None else hand_list, "hand-checked list of targets beside this plan")

# %% [markdown]
# 期限 · Deadlines: the years the plan sets with 到…年, and the sentence of each:

# %%
show_table(extract_deadlines(plan), "deadlines")

# %% [markdown]
# ## 点名项目 · Named projects and their leads

# %%
projects = extract_projects(plan)
sections = label_sections(plan.units)
by_kind = add_section_labels(count_projects_by_section(projects, plan.tasks, sections), plan.lexicon)
fig = render_figure(plot_stacked_bars, by_kind, "06-targets-and-projects-projects-by-chapter", folder=FIGURES,
                    source_line=SOURCE,
                    show=LANG, row="section_label", stack="project_kind", value="n_projects",
                    colours=colour_map(zh for zh, _ in PROJECT_KINDS.values()),
                    title={"zh": "各章节点名项目数（按类型）", "en": "Named projects per chapter, by kind"},
                    xlabel={"zh": "项目数", "en": "Projects"})
show_table(projects, "named projects")

# %% [markdown]
# **这份规划显示 / What this plan shows.**

# %%
deadlines = extract_deadlines(plan)
lines = []
if len(targets):
    kinds = ", ".join(f"{n} {kind}" for kind, n in targets["kind"].value_counts().sort_index().items())
    per_task = targets.dropna(subset=["task_id"]).groupby("task_id").size().sort_values(ascending=False, kind="stable")
    lines.append(f"The plan sets {len(targets)} targets ({kinds}).")
    if len(per_task) and per_task.iloc[0] > 1:
        top = plan.tasks.set_index("task_id").loc[per_task.index[0]]
        lines.append(f"The task with most is {top.heading_path} {top.title} ({per_task.iloc[0]}).")
if score is not None:
    row = score.iloc[0]
    lines.append(f"Against the hand-checked list the extractor finds {int(row.n_matched)} of {int(row.n_gold)} "
                 f"targets (recall {row.recall:.2f}) with precision {row.precision:.2f}.")
if len(deadlines):
    years = sorted(set(deadlines["year"]))
    lines.append(f"It states {len(deadlines)} deadline(s) (到…年): {', '.join(map(str, years))}.")
if len(projects):
    counts = projects["project_kind"].value_counts()
    highways = projects[projects["project"].str.match(r"G\d")]
    listed = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    lines.append(f"It names {len(projects)} projects ({listed}).")
    if len(highways):
        busiest = highways.groupby("task_id").size().sort_values(ascending=False, kind="stable")
        lines.append(f"{busiest.iloc[0]} of its {len(highways)} G-numbered highways stand in one task "
                     f"({plan.tasks.set_index('task_id').loc[busiest.index[0], 'heading_path']}).")
Markdown(" ".join(lines) if lines else "The plan sets no target and names no project.")
