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
from IPython.display import Markdown

from harchang_analysis import load_plan
from harchang_analysis.analysis import add_section_labels, count_tasks_by_section, count_units, summarize_normalization
from harchang_analysis.plotting import describe_source, plot_bars, render_figure, show_table

plan = load_plan(PLAN, lexicon=LEXICON)
SOURCE = describe_source(plan.title, lexicon=plan.lexicon)  # the line under every figure
print(f"{plan.source.path.name}: {len(plan.source.text)} characters read as {plan.source.encoding}, "
      f"{len(plan.text)} after cleaning")

# %% [markdown]
# ## 清洗做了什么 · What normalization fixed
#
# 每一类痕迹的处理次数。Each artifact and how often it was fixed.

# %%
normalization = summarize_normalization(plan.clean.report)
normalization

# %% [markdown]
# 私用区字形 U+E010 在条目编号与标题之间时删除，在两个数字之间时是小数点（7.5 万亩）；页脚（—11—）与断行
# 另行处理。A private-use glyph (U+E010) between an item number and its title is removed, one
# between two digits is a decimal point (7.5万亩); page footers (—11—) and wrapped lines are handled
# apart. The counts for this plan are in the table above.

# %%
n = normalization.set_index("artifact")["n"]
if n["line_width"]:
    note = (f"The text is set {n['line_width']} characters to the line, as a PDF gives it: {n['wrapped_lines_joined']} "
            f"line breaks fall inside a paragraph and are re-joined, {n['sentences_at_margin_joined']} of them after a "
            "sentence that ended at the margin, where the next line (not set in) shows the paragraph going on.")
else:
    note = ("The lines share no width: each break is judged by the text alone (a sentence's end, a heading, "
            f"a clause), and {n['wrapped_lines_joined']} are re-joined.")
Markdown(note)

# %% [markdown]
# ## 标题层级 · The heading tree

# %%
count_units(plan.units)

# %%
plan.units.loc[plan.units["depth"] <= 2].query("kind != 'paragraph'")[["unit_id", "depth", "marker", "title"]]

# %% [markdown]
# ## 任务 · The tasks
#
# 每项任务都是以责任条款结尾的最内层标题。Each task is the innermost heading whose text ends with
# a responsibility clause.

# %%
tasks_by_section = add_section_labels(count_tasks_by_section(plan.tasks, plan.units), plan.lexicon)
fig = render_figure(plot_bars, tasks_by_section, "01-text-and-structure-tasks-by-section", folder=FIGURES,
                    source_line=SOURCE,
                    show=LANG, label="section_label", value="n_tasks",
                    title={"zh": "各章节任务数", "en": "Tasks per chapter"},
                    xlabel={"zh": "任务数", "en": "Tasks"})
show_table(tasks_by_section, "tasks (no responsibility clause was recognised)")

# %%
show_table(plan.tasks[["task_id", "heading_path", "title"]], "tasks")

# %% [markdown]
# **这份规划显示 / What this plan shows.**

# %%
units = plan.units.set_index("unit_id")
lines = []
if len(plan.tasks):
    parts = sorted(set(plan.tasks["heading_path"].str.split(" > ").str[0]))
    where = f"all in part {parts[0]}" if len(parts) == 1 else f"in parts {'、'.join(parts)}"
    busiest = tasks_by_section.sort_values("n_tasks", ascending=False, kind="stable").iloc[0]
    deepest = int(units.loc[plan.tasks["unit_id"], "depth"].max())
    lines.append(f"The plan has {len(plan.tasks)} tasks, {where}. {busiest.section} {busiest.section_title} carries "
                 f"the most, {busiest.n_tasks} of {len(plan.tasks)}; the deepest task sits at heading level {deepest}.")
Markdown(" ".join(lines) if lines else "The plan has no task with a responsibility clause.")
