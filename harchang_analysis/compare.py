"""Plans side by side: every comparison table of a corpus at once, and the figures drawn from them.

Used by notebook 08 and by ``harchang compare``; the questions themselves are the functions of
:mod:`harchang_analysis.analysis.comparison`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from .corpus import Corpus
from .files import write_table
from .lexicon import Lexicon
from .plotting import Lang

#: the comparison tables, in the order they are computed and written
COMPARISONS = ("structure", "responsibility", "tiers", "sectors", "instruments", "sector_similarity",
               "text_similarity", "keyness", "places", "provinces", "map")
#: the most plans a figure with one row (or panel) per plan is drawn for
MOST_PLANS_IN_A_FIGURE = 40


def list_bundled_plans() -> list[Path]:
    """The plans notebook 08 compares by default: the seed plan, and the real public plans kept with
    the tests (``tests/data/real``, in a source checkout; see its SOURCES.md), by file name."""
    from .corpus import list_plan_files
    from .plan import seed_path

    real = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"
    return [seed_path(), *(list_plan_files([real])[0] if real.is_dir() else [])]


def compare_corpus(corpus: Corpus, lexicon: Lexicon) -> dict[str, pd.DataFrame]:
    """Every comparison table of a corpus, by name (see :data:`COMPARISONS`).

    Returns:
        structure (:func:`~harchang_analysis.analysis.compare_structure`), responsibility
        (:func:`~harchang_analysis.analysis.compare_responsibility`), tiers
        (:func:`~harchang_analysis.analysis.compare_agency_tiers`), sectors and instruments (the
        profiles of :func:`~harchang_analysis.analysis.profile_codes` over sectors and over
        instrument types), sector_similarity and text_similarity (cosines between plans),
        keyness (:func:`~harchang_analysis.analysis.find_keyness`), places
        (:func:`~harchang_analysis.analysis.locate_corpus_places`), provinces
        (:func:`~harchang_analysis.analysis.count_provinces_by_plan`) and map (what the small maps
        show, :func:`~harchang_analysis.analysis.map_places_by_plan`).
    """
    from .analysis import (
        code_corpus,
        compare_agency_tiers,
        compare_responsibility,
        compare_structure,
        count_provinces_by_plan,
        count_terms,
        find_keyness,
        locate_corpus_places,
        map_places_by_plan,
        measure_profile_similarity,
        measure_text_similarity,
        profile_codes,
    )

    d = corpus.documents
    sectors = profile_codes(d, code_corpus(corpus.tokens, lexicon, "sectors"), category="sector")
    instruments = profile_codes(d, code_corpus(corpus.tokens, lexicon, "instruments"), category="instrument_type")
    places = locate_corpus_places(d, corpus.tokens, corpus.mentions, lexicon)
    terms = count_terms(corpus.tokens)
    provinces = count_provinces_by_plan(d, places)
    return {
        "structure": compare_structure(d, corpus.units, corpus.tasks),
        "responsibility": compare_responsibility(d, corpus.tasks, corpus.assignments),
        "tiers": compare_agency_tiers(d, corpus.assignments),
        "sectors": sectors,
        "instruments": instruments,
        "sector_similarity": measure_profile_similarity(sectors, category="sector"),
        "text_similarity": measure_text_similarity(d, terms),
        "keyness": find_keyness(d, terms),
        "places": places,
        "provinces": provinces,
        "map": map_places_by_plan(provinces, places),
    }


def _tiers(table: pd.DataFrame, lang: Lang, **kwargs):
    from .analysis.comparison import TIERS
    from .plotting import colour_map, plot_stacked_bars

    return plot_stacked_bars(table, row="plan", stack="tier_label", value="share", lang=lang,
                             colours=colour_map(table.drop_duplicates("tier").set_index("tier")
                                                .reindex(list(TIERS))["tier_label"].dropna()),
                             xlabel={"zh": "占本规划分工的比例", "en": "share of the plan's assignments"}, **kwargs)


def _shares(table: pd.DataFrame, lang: Lang, *, column: str, **kwargs):
    from .plotting import plot_heatmap

    return plot_heatmap(table, row="plan", column=column, value="share", fmt=".0%", lang=lang,
                        value_label={"zh": "占本规划编码的比例", "en": "share of the plan's codes"}, **kwargs)


def _similarity(table: pd.DataFrame, lang: Lang, **kwargs):
    from .plotting import plot_heatmap

    order = list(dict.fromkeys(table.sort_values("doc_a")["plan_a"]))  # the plans in doc_id order, both ways
    return plot_heatmap(table, row="plan_a", column="plan_b", value="similarity", fmt=".2f", lang=lang,
                        row_order=order, column_order=order,
                        value_label={"zh": "余弦相似度（TF-IDF）", "en": "cosine similarity (TF-IDF)"}, **kwargs)


def _provinces(table: pd.DataFrame, lang: Lang, *, panels: list[str], **kwargs):
    from .plotting import plot_province_grid

    return plot_province_grid(table, panel="plan", panels=panels, lang=lang,
                              value_label={"zh": "占本规划地名提及的比例", "en": "share of the plan's place mentions"},
                              **kwargs)


#: each figure: its name, the table it draws, how, and its titles
FIGURES: dict[str, tuple[str, Callable[..., Figure], Mapping[str, str]]] = {
    "08-comparing-plans-tiers": ("tiers", _tiers, {"zh": "各规划分工的层级构成",
                                                   "en": "Tiers of government given the work, per plan"}),
    "08-comparing-plans-sectors": ("sectors", functools.partial(_shares, column="sector"),
                                   {"zh": "各规划的行业构成", "en": "Sector profile of each plan"}),
    "08-comparing-plans-similarity": ("text_similarity", _similarity,
                                      {"zh": "规划之间的用词相似度", "en": "How alike the plans' words are"}),
    "08-comparing-plans-places": ("map", _provinces, {"zh": "各规划提及的省份与地级单位（n：地名提及次数）",
                                                      "en": "Provinces and prefecture-level units each plan names "
                                                            "(n: place mentions)"}),
}


def draw_comparison_figure(name: str, tables: Mapping[str, pd.DataFrame], *, folder: str | Path = "figures",
                           show: Lang = "zh", source_line: Mapping[str, str] | str = ""):
    """Draw one of :data:`FIGURES` from the tables of :func:`compare_corpus`, in both languages,
    save it (PNG, SVG, and its data as CSV) and return the version to show."""
    from .plotting import render_figure

    key, plot, title = FIGURES[name]
    table = tables[key]
    if key == "text_similarity":  # a plan with itself (always 1) is left blank, so the scale reads the pairs
        table = table[table["doc_a"] != table["doc_b"]]
    if key == "map":  # every plan gets a map, also one that names no place
        plot = functools.partial(plot, panels=tables["structure"]["plan"].tolist())
    return render_figure(plot, table, name, folder=folder, show=show, source_line=source_line, title=title)


def describe_corpus(documents: pd.DataFrame) -> dict[str, str]:
    """The source line of a comparison figure, in both languages."""
    n = len(documents)
    return {"zh": f"资料来源：{n} 份规划（文件名见图）；harchang_analysis 计算",
            "en": f"Source: {n} plans (file names as shown); computed with harchang_analysis"}


def write_comparison(corpus: Corpus, tables: Mapping[str, pd.DataFrame], folder: str | Path, *,
                     figures: bool = True) -> list[Path]:
    """Write the corpus tables, the comparison tables (CSV, UTF-8) and, with ``figures`` and no more
    than :data:`MOST_PLANS_IN_A_FIGURE` plans, the comparison figures into ``folder``.

    Each file is written whole or not at all. Returns the paths written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []

    def put(name: str, table: pd.DataFrame) -> None:
        write_table(table, folder / f"{name}.csv")
        written.append(folder / f"{name}.csv")

    for name in ("documents", "skipped", "units", "tasks", "assignments", "tokens", "mentions"):
        put(name, getattr(corpus, name))
    for name in COMPARISONS:
        put(f"compare_{name}", tables[name])
    if figures and 0 < len(corpus.documents) <= MOST_PLANS_IN_A_FIGURE:
        import matplotlib.pyplot as plt

        source = describe_corpus(corpus.documents)
        for name in FIGURES:
            plt.close(draw_comparison_figure(name, tables, folder=folder / "figures", source_line=source))
            written.extend(sorted((folder / "figures").glob(f"{name}-*")))
    return written
