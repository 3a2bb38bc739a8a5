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
# # 07 用于另一份规划 · Adapting the suite to another plan
#
# **问题 / Question.** 如何把这套分析用于另一份规划——不同的格式、标题样式和责任条款写法？
# How do you take these analyses to another plan, with other heading styles and another way of
# naming who is responsible?
#
# 示例是一份虚构的市级行动方案（examples/digital-plan/plan.txt）：第X章、第X节标题，
# “（牵头单位：X；配合单位：Y）”“（责任单位：X、Y）”“（X牵头，Y配合）”“（由X负责）”等条款。
# The example is a fictional city action plan written for teaching, with 第X章/第X节 headings and
# 牵头单位-style clauses.

# %% tags=["parameters"]
import os

PLAN = "../examples/digital-plan/plan.txt"  # the plan to adapt to (.txt, .pdf, .docx, .doc, .html, .xlsx, .xls, .csv)
LEXICON = "../examples/digital-plan/lexicon"  # its lexicon folder, made with `harchang init-lexicon`
FIGURES = os.environ.get("HARCHANG_FIGURES", "../figures")  # where figures go; the tests set HARCHANG_FIGURES
LANG = "zh"  # the language of the figures shown here; both languages are saved

# %%
import warnings

from IPython.display import Markdown

from harchang_analysis import UnknownAgencyWarning, count_unknown_agencies, load_lexicon, load_plan
from harchang_analysis.analysis import count_assignments, count_units
from harchang_analysis.plotting import describe_source, plot_assignments, render_figure, show_table

# %% [markdown]
# ## 第一步：用自带词典试读 · Step 1: a first reading with the packaged lexicons
#
# 自带词典只认识吉林省的机构和中央国家机关。第一遍解析列出词典中没有的机构、出现次数，以及按名称形式
# 推断的类型（如“市数据局”为市直部门）——这就是要补充的内容。
# The packaged lexicons know Jilin's agencies and the central government's. A first reading lists
# the agencies a clause names that no lexicon holds, with how often and the type the form of the
# name gives (市数据局: a city department): the rows to add, with their English names.
# (`harchang parse` warns only about names whose form gives no type.)

# %%
packaged = load_lexicon()
with warnings.catch_warnings():
    warnings.simplefilter("ignore", UnknownAgencyWarning)
    first = load_plan(PLAN, lexicon=packaged)
print(f"{first.source.path.name}: read as {first.source.encoding}; {len(first.tasks)} tasks, "
      f"{len(first.assignments)} assignments")
show_table(count_unknown_agencies(first.assignments, packaged), "agencies the lexicon does not know")

# %% [markdown]
# ## 第二步：补充词典 · Step 2: your own lexicon
#
# 复制自带词典，再在 agencies.csv 中逐行补充机构（中文名、别名、类型、英文名）：
# Copy the packaged lexicons and add one row per agency (name, aliases, type, English name):
#
# ```sh
# .venv/bin/harchang init-lexicon examples/digital-plan/lexicon
# ```
#
# 以下是示例所补充的行。The rows added for the example:

# %%
lexicon = load_lexicon(LEXICON)
added = lexicon.agencies[~lexicon.agencies["name"].isin(packaged.agencies["name"])]
show_table(added[["name", "agency_type", "name_en", "short_en"]], "agencies to add")

# %% [markdown]
# ## 第三步：解析 · Step 3: parse with it
#
# 解析器自行推断标题层级（此处为 第X章 > 第X节 > 1.），并识别各种条款写法。
# The parser infers the heading levels this plan uses (第X章 > 第X节 > 1.) and reads each clause
# style.

# %%
plan = load_plan(PLAN, lexicon=lexicon)
SOURCE = describe_source(plan.title, lexicon=plan.lexicon)  # the line under every figure
count_units(plan.units)

# %%
show_table(plan.tasks[["task_id", "heading_path", "title", "clause"]], "tasks")

# %%
workload = count_assignments(plan.assignments, plan.lexicon)
fig = render_figure(plot_assignments, workload, "07-adapting-to-another-plan-assignments", folder=FIGURES,
                    source_line=SOURCE,
                    show=LANG, title={"zh": "示例规划：各机构牵头与配合任务数",
                                      "en": "Example plan: lead and support assignments per agency"})
show_table(workload[["agency", "agency_en", "n_lead", "n_support", "n_total"]], "assignments")

# %% [markdown]
# ## 第四步：运行全部分析 · Step 4: the whole suite on the new plan
#
# 一条命令即可在新规划上运行全部笔记本，结果写入指定文件夹，不改动仓库中的笔记本与图表：
# One command runs every notebook on the new plan and writes the executed notebooks and all the
# figures into a folder of your choice, leaving the committed notebooks and figures untouched:
#
# ```sh
# .venv/bin/harchang run --plan examples/digital-plan/plan.txt \
#     --lexicon examples/digital-plan/lexicon --out build/digital-plan
# ```
#
# PDF（需有文字层）、Word（.docx 或 .doc）、Excel 任务表（.xlsx 或 .xls）、网页及各种编码的文本均可；
# 繁体文本会先转为简体（可用 `--keep-script` 保留原文字体）。A PDF with a text layer, a Word .docx or
# .doc, an Excel task table (.xlsx or .xls), a saved web page, or text in UTF-8, UTF-16, GB18030 or
# Big5 all work; traditional script is converted to simplified first, and the lexicon's names are
# kept exactly through the conversion.

# %% [markdown]
# **这份规划显示 / What this plan shows.**

# %%
still_unknown = count_unknown_agencies(plan.assignments, lexicon)
unknown_before = count_unknown_agencies(first.assignments, packaged)
lines = [f"With {len(added)} rows added to agencies.csv, {len(plan.tasks)} tasks of the example plan parse with "
         f"{len(still_unknown)} agencies left unknown ({len(unknown_before)} with the packaged lexicons)."]
if len(workload):
    lead = workload.sort_values(["n_lead", "agency"], ascending=[False, True]).iloc[0]
    support = workload.sort_values(["n_support", "agency"], ascending=[False, True]).iloc[0]
    lines.append(f"{lead.agency} leads the most tasks ({lead.n_lead}) and {support.agency} supports the most "
                 f"({support.n_support}). The same analyses answer the same questions of a plan in another "
                 "house style.")
Markdown(" ".join(lines))
