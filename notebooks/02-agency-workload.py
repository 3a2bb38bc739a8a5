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
# # 02 机构任务分工 · How work is distributed across agencies
#
# **问题 / Question.** 谁牵头的任务最多？市州政府与省直部门如何分工？任务集中在少数机构手中吗？
# Who leads most tasks, how is the work split between city governments and provincial
# departments, and how concentrated is it?

# %% tags=["parameters"]
import os

PLAN = None  # path of a plan file; None reads the seed plan
LEXICON = None  # a lexicon folder; None uses the packaged lexicons
FIGURES = os.environ.get("HARCHANG_FIGURES", "../figures")  # where figures go; the tests set HARCHANG_FIGURES
LANG = "zh"  # the language of the figures shown here; both languages are saved

# %%
from IPython.display import Markdown

from harchang_analysis import load_plan
from harchang_analysis.analysis import (add_section_labels, build_agency_section_matrix, build_coassignment,
                                        build_coassignment_matrix, classify_city_leads, count_assignments, gini,
                                        label_sections, lorenz_curve, top_share)
from harchang_analysis.plotting import (describe_source, plot_assignments, plot_heatmap, plot_lorenz, render_figure,
                                        show_table)

plan = load_plan(PLAN, lexicon=LEXICON)
SOURCE = describe_source(plan.title, lexicon=plan.lexicon)  # the line under every figure
sections = label_sections(plan.units)

# %% [markdown]
# ## 牵头与配合 · Lead and support assignments per agency

# %%
workload = count_assignments(plan.assignments, plan.lexicon)
fig = render_figure(plot_assignments, workload, "02-agency-workload-assignments", folder=FIGURES, show=LANG,
                    source_line=SOURCE,
                    title={"zh": "各机构牵头与配合任务数", "en": "Lead and support assignments per agency"})
show_table(workload, "assignments (no responsibility clause was recognised)")

# %%
by_type = workload.groupby(["type_label", "type_label_en"])[["n_lead", "n_support", "n_total"]].sum()
show_table(by_type.sort_values("n_total", ascending=False), "assignments")

# %% [markdown]
# ## 机构 × 章节 · Agencies by chapter

# %%
matrix = add_section_labels(build_agency_section_matrix(plan.assignments, plan.tasks, sections), plan.lexicon)
fig = render_figure(plot_heatmap, matrix, "02-agency-workload-agency-by-chapter", folder=FIGURES, show=LANG,
                    source_line=SOURCE,
                    row="agency", column="section_label", value="n_tasks",
                    column_order=list(add_section_labels(sections, plan.lexicon)["section_label"].unique()),
                    value_label={"zh": "任务数", "en": "Tasks"},
                    title={"zh": "各机构在各章节承担的任务数", "en": "Tasks per agency and chapter"})

# %% [markdown]
# ## 共同承担任务的机构 · Agencies that share tasks
#
# 任务最多的 20 个机构两两共同承担的任务数（牵头或配合），按任务总数排序。The tasks each two of the
# 20 busiest agencies share (as lead or support), in order of their assignments. A network of all
# agencies would be one dense knot: the six city governments share almost every task.

# %%
edges = build_coassignment(plan.assignments)
shared = build_coassignment_matrix(edges, workload, top_n=20)
n_kept = shared["agency_a"].nunique()
fig = render_figure(plot_heatmap, shared, "02-agency-workload-coassignment", folder=FIGURES, show=LANG,
                    source_line=SOURCE,
                    row="agency_a", column="agency_b", value="n_shared",
                    row_order=list(workload["agency"]), column_order=list(workload["agency"]),
                    value_label={"zh": "共担任务数", "en": "Shared tasks"},
                    title={"zh": f"任务最多的 {n_kept} 个机构两两共担的任务数",
                           "en": f"Tasks shared by each two of the {n_kept} busiest agencies"})
show_table(edges.head(10), "tasks shared by two agencies")

# %% [markdown]
# ## 集中程度 · Concentration

# %%
curve = lorenz_curve(workload["n_total"])
g = gini(workload["n_total"])
fig = render_figure(plot_lorenz, curve, "02-agency-workload-lorenz", folder=FIGURES, show=LANG, gini_value=g,
                    source_line=SOURCE,
                    title={"zh": "任务分配的洛伦兹曲线", "en": "Lorenz curve of assignments"})
print(f"agencies: {len(workload)}; Gini of all assignments: {g:.3f}; "
      f"share of the top 6: {top_share(workload['n_total'], 6):.1%}; "
      f"Gini of leads: {gini(workload['n_lead']):.3f}")

# %% [markdown]
# ## 一市独担还是六市州共担 · Tasks led by one city or by all six

# %%
patterns = classify_city_leads(plan.assignments, plan.lexicon)
show_table(patterns["pattern"].value_counts().rename_axis("pattern").reset_index(name="n_tasks"), "tasks")

# %%
show_table(patterns.merge(plan.tasks[["task_id", "heading_path", "title"]], on="task_id").query("pattern != 'all'"),
           "tasks led by some of the city governments")

# %% [markdown]
# **这份规划显示 / What this plan shows.**

# %%
leads = plan.assignments[plan.assignments["role"] == "lead"].groupby("task_id")["agency"].agg(list)
lines = []
if len(workload):
    top = workload.sort_values(["n_lead", "agency"], ascending=[False, True]).iloc[0]
    lines.append(f"{top.agency} leads {top.n_lead} of the {len(plan.tasks)} tasks.")
    cities = workload[workload["agency_type"] == "prefecture_government"]
    departments = workload[workload["agency_type"] == "provincial_department"]
    if len(cities) > 1:
        lines.append(f"Every one of the {len(cities)} prefecture governments leads at least {cities['n_lead'].min()}.")
    if len(departments):
        leading = departments[departments["n_lead"] > 0]
        named = "、".join(leading["agency"]) if len(leading) else "none"
        supporters = departments.sort_values(["n_support", "agency"], ascending=[False, True]).head(2)
        lines.append(f"Provincial departments lead at most {departments['n_lead'].max()} task(s) each (those that lead "
                     f"any: {named}) and support instead: "
                     + ", ".join(f"{r.agency} in {r.n_support}" for r in supporters.itertuples()) + ".")
    counts = patterns["pattern"].value_counts()
    single = patterns[patterns["pattern"] == "one"]
    alone = sum(len(leads.get(t, [])) == 1 for t in single["task_id"])
    if len(patterns):
        lines.append(f"{counts.get('all', 0)} tasks are led jointly by all the prefecture governments and "
                     f"{len(single)} by one of them, {alone} of these by it alone and {len(single) - alone} jointly "
                     "with a provincial department.")
    lines.append(f"Across {len(workload)} agencies the Gini of assignments is {g:.2f} "
                 f"({gini(workload['n_lead']):.2f} for leads), and the six agencies with most assignments carry "
                 f"{top_share(workload['n_total'], 6):.1%} of them.")
Markdown(" ".join(lines) if lines else "The plan assigns no task to any agency.")
