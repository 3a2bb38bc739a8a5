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
# # 05 关键词共现 · Which keywords go together
#
# **问题 / Question.** 哪些词语经常出现在同一句中？它们聚成哪些群组？
# Which terms share sentences more often than chance, and into which clusters do they fall?

# %% tags=["parameters"]
import os

PLAN = None  # path of a plan file; None reads the seed plan
LEXICON = None  # a lexicon folder; None uses the packaged lexicons
FIGURES = os.environ.get("HARCHANG_FIGURES", "../figures")  # where figures go; the tests set HARCHANG_FIGURES
LANG = "zh"  # the language of the figures shown here; both languages are saved

# %%
from IPython.display import Markdown

from harchang_analysis import load_plan
from harchang_analysis.analysis import (build_cooccurrence, build_term_matrix, collect_sentence_terms,
                                        detect_communities, drop_clause_tokens, keyword_in_context,
                                        name_communities, translate_terms)
from harchang_analysis.plotting import describe_source, plot_heatmap, plot_network, render_figure, show_table

plan = load_plan(PLAN, lexicon=LEXICON)
SOURCE = describe_source(plan.title, lexicon=plan.lexicon)  # the line under every figure

# %% [markdown]
# ## 共现与关联度 · Co-occurrence and association
#
# 以句为单位，去除停用词与责任条款，机构与地名取规范名。Sentences are the unit; stopwords and the
# responsibility clauses are dropped, and agencies and places take their canonical names.
# Measures: PMI and normalised PMI, Jaccard, and Dunning's log-likelihood G² with its χ² p-value
# (1 df) and that p-value adjusted for testing every pair at once (q, Benjamini–Hochberg). Only
# terms in at least 5 sentences and pairs in at least 3 are tested.

# %%
body_tokens = drop_clause_tokens(plan.tokens)
sentence_terms = collect_sentence_terms(body_tokens, plan.mentions)
pairs = build_cooccurrence(sentence_terms, min_count=5, min_pair=3)
print(f"{sentence_terms['sentence_id'].nunique()} sentences, {sentence_terms['term'].nunique()} terms, "
      f"{len(pairs)} pairs tested: {(pairs['p_value'] < 0.05).sum()} with p < 0.05, "
      f"{(pairs['q_value'] < 0.05).sum()} with q < 0.05")
show_table(pairs.head(15).round({"pmi": 3, "npmi": 3, "jaccard": 3, "g2": 2}).round({"p_value": 6, "q_value": 6}),
           "keyword pairs frequent enough to test")

# %% [markdown]
# 去掉地名之后的词对：地名的共现多来自正文中的城市列举（长春、吉林、四平、松原等城市）。The pairs
# without place names, whose co-occurrence mostly reflects lists of cities in the body:

# %%
places = set(plan.lexicon.places["name"])
topical = pairs[~pairs["term_a"].isin(places) & ~pairs["term_b"].isin(places)]
show_table(topical.head(15).round({"pmi": 3, "npmi": 3, "jaccard": 3, "g2": 2}).round({"p_value": 6, "q_value": 6}),
           "keyword pairs without a place")

# %% [markdown]
# ## 共现网络与群组 · The network and its communities (Louvain, seed 0)

# %%
communities = detect_communities(topical, top_n=60, weight="npmi", seed=0)
communities["term_en"] = translate_terms(communities["term"], plan.lexicon)
communities = name_communities(communities, n_terms=3)  # each named by its three most central terms
fig = render_figure(plot_network, topical.head(60), "05-keyword-cooccurrence-network", folder=FIGURES, show=LANG,
                    source_line=SOURCE,
                    nodes=communities.rename(columns={"term": "node", "term_en": "node_en"}),
                    source="term_a", target="term_b", weight="npmi", node="node", size="strength",
                    group="group", seed=7, legend_title={"zh": "群组（中心词）", "en": "Community (central terms)"},
                    title={"zh": "关键词共现网络（颜色=群组，节点大小=关联强度）",
                           "en": "Keyword co-occurrence network (colour = community, size = strength)"})
show_table(communities.groupby("community")["term"].agg("、".join), "communities")

# %% [markdown]
# ## 关联矩阵 · The association matrix, ordered by community
#
# 最强的 25 个词两两之间的归一化点互信息（NPMI，−1 至 1；0 为独立），按群组排序；空白为共现不足 3 句。
# Normalised PMI between the 25 strongest terms (−1 to 1, 0 = independent), symmetric and ordered by
# community, so that each community is a block on the diagonal; blank cells share fewer than 3
# sentences.

# %%
matrix = build_term_matrix(topical, communities, value="npmi", top_n=25)
matrix["term_a_en"] = translate_terms(matrix["term_a"], plan.lexicon)
matrix["term_b_en"] = translate_terms(matrix["term_b"], plan.lexicon)
order = list(dict.fromkeys(matrix["term_a"]))
fig = render_figure(plot_heatmap, matrix, "05-keyword-cooccurrence-heatmap", folder=FIGURES, show=LANG,
                    source_line=SOURCE,
                    row="term_a", column="term_b", value="npmi", row_order=order, column_order=order,
                    annotate=False, value_label={"zh": "归一化点互信息（NPMI）", "en": "Normalised PMI (NPMI)"},
                    title={"zh": "关键词关联（按群组排序）", "en": "Keyword association, ordered by community"})

# %% [markdown]
# ## 关键词在语境中 · Keywords in context

# %%
show_table(keyword_in_context(plan.text, plan.tokens, "口岸", window=14), "sentences with 口岸")

# %%
show_table(keyword_in_context(plan.text, plan.tokens, "示范区", window=14), "sentences with 示范区")

# %% [markdown]
# **这份规划显示 / What this plan shows.**

# %%
place_pairs = pairs[pairs["term_a"].isin(places) & pairs["term_b"].isin(places)]
lines = []
if len(pairs):
    lines.append(f"Of {len(pairs)} pairs tested, {(pairs['q_value'] < 0.05).sum()} are associated at a false "
                 "discovery rate of 5%.")
if len(topical):
    strongest = "、".join(f"{r.term_a}–{r.term_b}" for r in topical.head(4).itertuples())
    lines.append(f"Without place names the strongest pairs (by G²) are {strongest}.")
if len(communities):
    groups = communities.groupby("community")["term"].apply(lambda t: "、".join(t.head(3)))
    lines.append(f"The network falls into {len(groups)} communities, led by "
                 + "; ".join(f"{k}: {v}" for k, v in groups.head(5).items())
                 + ". Reading them as themes (coordination, innovation, parks, opening-up …) is an interpretation.")
if len(place_pairs):
    best = place_pairs.sort_values("npmi", ascending=False).iloc[0]
    lines.append(f"Among places, {best.term_a} and {best.term_b} share sentences most (NPMI {best.npmi:.2f}, "
                 f"{best.n_ab} sentences).")
Markdown(" ".join(lines) if lines else "The plan has too few repeated terms to test any pair.")
