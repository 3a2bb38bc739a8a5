"""Figures: one style, a CJK font that ships with the package set, zh/en labels, reproducible files.

Plot functions take a table and return a matplotlib Figure; they never compute a statistic
they were not given. ``lang="zh"`` labels a figure in Chinese, ``lang="en"`` in English
(agency, place and sector names from the lexicon's English columns). ``save_figure`` writes
``NAME-zh.png``/``NAME-zh.svg`` (or ``-en``) and the numbers behind the figure as
``data/NAME.csv``, byte-identical from run to run.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import matplotlib as mpl
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath

from .errors import PlanError
from .files import write_atomic, write_table
from .labels import check_labels
from .lexicon import Lexicon

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
FONT_FAMILY = "Noto Sans CJK SC"
FONT_PACKAGE = "noto_cjk_sans_otc"
FONT_FILE = "NotoSansCJK-Regular.ttc"
PALETTE = ["#1b6ca8", "#e07b39", "#3a9e6f", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c", "#ccb974",
           "#64b5cd", "#2f4b7c", "#a05195", "#f95d6a"]
ROLE_COLOURS = {"lead": "#1b6ca8", "support": "#e07b39"}

ROLE_LABELS = {"zh": {"lead": "牵头", "support": "配合"}, "en": {"lead": "Lead", "support": "Support"}}


class FontError(PlanError):
    """The CJK font the figures need is not installed."""


def find_font() -> Path:
    """Path of the Noto Sans CJK collection installed with the package set.

    Raises:
        FontError: the font package is missing; ``make setup`` installs it.
    """
    try:
        path = resources.files(FONT_PACKAGE) / FONT_FILE
    except ModuleNotFoundError as exc:
        raise FontError(f"the CJK font package {FONT_PACKAGE} is not installed; run `make setup`") from exc
    if not path.is_file():
        raise FontError(f"{path}: the CJK font file is missing; reinstall with `make setup`")
    return Path(str(path))


def apply_style() -> None:
    """Register the CJK font and set the figure style (idempotent).

    Raises:
        FontError: the font cannot be found or does not provide Noto Sans CJK SC.
    """
    from matplotlib import font_manager

    path = find_font()
    if not any(f.name == FONT_FAMILY for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(path))
    if not any(f.name == FONT_FAMILY for f in font_manager.fontManager.ttflist):
        raise FontError(f"{path}: does not provide the font {FONT_FAMILY}")
    mpl.rcParams.update({
        "font.family": [FONT_FAMILY],
        "font.size": 9,
        "axes.titlesize": 11,
        "axes.labelsize": 9,
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "svg.fonttype": "path",
        "svg.hashsalt": "harchang_analysis",
        "path.simplify": True,
        "image.cmap": "Blues",
    })


def label_column(table: pd.DataFrame, column: str, lang: Lang) -> pd.Series:
    """The labels of ``column`` in a language.

    Chinese: ``column`` itself. English: ``column_short_en`` or ``column_en`` when the table
    has one and the row's value is not empty, else ``column``.
    """
    labels = table[column].astype(str)
    if lang == "en":
        for name in (f"{column}_en", f"{column}_short_en"):
            if name in table:
                english = table[name].fillna("").astype(str)
                labels = english.where(english != "", labels)
    return labels


def _title(ax, title: Mapping[str, str] | str, lang: Lang) -> None:
    ax.set_title(title if isinstance(title, str) else title[lang], loc="left")


#: what a figure or a table says when the plan has nothing for it
NO_DATA = {"zh": "本规划中无此类数据", "en": "No such data in this plan"}


def _empty_figure(title: Mapping[str, str] | str, lang: Lang) -> Figure:
    """A figure that says there is nothing to show (a plan without such data)."""
    fig, ax = plt.subplots(figsize=(6, 1.6))
    ax.text(0.5, 0.45, NO_DATA[lang], ha="center", va="center", color="#666666")
    ax.set_axis_off()
    _title(ax, title, lang)
    return fig


def plot_assignments(counts: pd.DataFrame, *, lang: Lang = "zh", title: Mapping[str, str] | str = "") -> Figure:
    """Horizontal stacked bars of lead and support assignments per agency, each with its total.

    Args:
        counts: agency, agency_en, n_lead, n_support (the table of ``count_assignments``).
    """
    apply_style()
    if counts.empty:
        return _empty_figure(title, lang)
    labels = label_column(counts, "agency", lang)
    fig, ax = plt.subplots(figsize=(7.5, 0.22 * len(counts) + 1.2))
    y = np.arange(len(counts))[::-1]
    ax.barh(y, counts["n_lead"], color=ROLE_COLOURS["lead"], label=ROLE_LABELS[lang]["lead"])
    ax.barh(y, counts["n_support"], left=counts["n_lead"], color=ROLE_COLOURS["support"],
            label=ROLE_LABELS[lang]["support"])
    totals = (counts["n_lead"] + counts["n_support"]).to_numpy()
    _label_bar_ends(ax, y, totals, [str(int(t)) for t in totals])
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.7, len(counts) - 0.3)
    ax.set_xlabel("任务数" if lang == "zh" else "Tasks")
    ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(1.01, 0))
    _title(ax, title, lang)
    return fig


def _label_bar_ends(ax, y: np.ndarray, ends: np.ndarray, texts: list[str], *, room: float = 0.1) -> None:
    """Write ``texts`` just right of bars ending at ``ends``, with whole-number ticks and the axis
    ending past the longest bar and its label (``room``: the share of the axis kept free)."""
    top = float(np.nanmax(ends)) if len(ends) else 1.0
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.set_xlim(0, top * (1 + room) or 1)
    for yi, end, text in zip(y, ends, texts):
        ax.annotate(text, (end, yi), xytext=(2, 0), textcoords="offset points", ha="left", va="center", fontsize=7,
                    color="#333333")


def plot_heatmap(table: pd.DataFrame, *, row: str, column: str, value: str, lang: Lang = "zh",
                 title: Mapping[str, str] | str = "", row_order: list[str] | None = None,
                 column_order: list[str] | None = None, fmt: str = "d", annotate: bool = True,
                 value_label: Mapping[str, str] | str = "") -> Figure:
    """A heatmap of a long table (one row per cell), annotated with its values (seaborn).

    Rows and columns keep the order in which their values first appear in ``table``, unless
    ``row_order`` or ``column_order`` lists the values of ``row`` or ``column`` in the order
    wanted (values not in the table are skipped). ``value_label`` names the colour bar (what a
    cell counts or measures); ``annotate=False`` leaves the cells without numbers. Empty cells
    (zero) carry no number.
    """
    import seaborn as sns

    apply_style()
    if table.empty:
        return _empty_figure(title, lang)
    row_labels = dict(zip(table[row], label_column(table, row, lang)))
    col_labels = dict(zip(table[column], label_column(table, column, lang)))
    row_keys = [k for k in (row_order or dict.fromkeys(table[row])) if k in row_labels]
    col_keys = [k for k in (column_order or dict.fromkeys(table[column])) if k in col_labels]
    matrix = table.pivot_table(index=row, columns=column, values=value, aggfunc="sum", fill_value=0)
    matrix = matrix.reindex(index=row_keys, columns=col_keys, fill_value=0).astype(float)
    matrix.index = [row_labels[k] for k in row_keys]
    matrix.columns = [col_labels[k] for k in col_keys]
    fig, ax = plt.subplots(figsize=(0.55 * len(col_keys) + 3.0, 0.3 * len(row_keys) + 1.6))
    numbers = np.where(matrix.to_numpy() != 0,
                       np.vectorize(lambda v: format(round(v) if fmt == "d" else v, fmt))(matrix.to_numpy()), "")
    label = value_label if isinstance(value_label, str) else value_label.get(lang, "")
    counts = {"vmin": 0, "vmax": max(1.0, float(matrix.to_numpy().max()))} if fmt == "d" else {}
    sns.heatmap(matrix, ax=ax, cmap="Blues", annot=numbers if annotate else False, fmt="", **counts,
                annot_kws={"fontsize": 7}, cbar_kws={"shrink": 0.6, "pad": 0.02, "label": label},
                linewidths=0.4, linecolor="white")
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_xticks(ax.get_xticks(), matrix.columns, rotation=45, ha="right", rotation_mode="anchor")
    ax.tick_params(length=0)
    if fmt == "d":
        fig.axes[-1].yaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    _title(ax, title, lang)
    return fig


def colour_map(keys) -> dict[str, str]:
    """One colour per category, in the order given (the same keys in the same order give the same
    colours in every figure and language).

    >>> colour_map(["交通", "能源"])
    {'交通': '#1b6ca8', '能源': '#e07b39'}
    """
    return {str(k): PALETTE[i % len(PALETTE)] for i, k in enumerate(dict.fromkeys(keys))}


def plot_stacked_bars(table: pd.DataFrame, *, row: str, stack: str, value: str, lang: Lang = "zh",
                      title: Mapping[str, str] | str = "", xlabel: Mapping[str, str] | str = "",
                      colours: Mapping[str, str] | None = None, count: str | None = None, min_count: int = 0,
                      note: Mapping[str, str] | str = "") -> Figure:
    """Horizontal bars, one per ``row``, stacked by ``stack`` (e.g. sector shares by section).

    Args:
        colours: a colour for each value of ``stack`` (see :func:`colour_map`); stacks are drawn in
            its order. Without it, stacks are ordered and coloured by their own values (not their
            labels), so a category keeps its place and colour in every language.
        count: a column holding each row's n (the same on all of its stacks), written beside the
            bar as ``n=…``; a row with fewer than ``min_count`` is drawn pale and hatched, and
            ``note`` (e.g. what n counts and why a pale bar should not be read) goes under the axis.
    """
    apply_style()
    if table.empty:
        return _empty_figure(title, lang)
    t = table.assign(_row=label_column(table, row, lang), _key=table[stack].astype(str),
                     _stack=label_column(table, stack, lang))
    rows = list(dict.fromkeys(t["_row"]))
    present = set(t["_key"])
    keys = [k for k in colours if k in present] + sorted(present - set(colours)) if colours else sorted(present)
    palette = {**colour_map(keys), **(colours or {})}
    names = dict(zip(t["_key"], t["_stack"]))
    matrix = t.pivot_table(index="_row", columns="_key", values=value, aggfunc="sum", fill_value=0)
    matrix = matrix.reindex(index=rows, columns=keys, fill_value=0)
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(rows) + 1.6))
    y = np.arange(len(rows))[::-1]
    n = t.groupby("_row", sort=False)[count].first().reindex(rows).to_numpy() if count else None
    few = n < min_count if n is not None else np.zeros(len(rows), dtype=bool)
    from matplotlib.patches import Patch

    left = np.zeros(len(rows))
    for key in keys:
        bars = ax.barh(y, matrix[key], left=left, color=palette[key])
        for bar, pale in zip(bars, few):
            if pale:
                bar.set_alpha(0.35)
                bar.set_hatch("///")
        left += matrix[key].to_numpy()
    if np.allclose(matrix.to_numpy(), np.round(matrix.to_numpy())):
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))  # counts: no fractional ticks
    if n is not None:
        for yi, end, k, pale in zip(y, left, n, few):
            ax.annotate(f"n={int(k)}" + ("*" if pale else ""), (end, yi), xytext=(3, 0), textcoords="offset points",
                        ha="left", va="center", fontsize=7, color="#333333")
    ax.set_yticks(y, rows)
    ax.set_xlabel(xlabel if isinstance(xlabel, str) else xlabel[lang])
    ax.legend(handles=[Patch(color=palette[k], label=names[k]) for k in keys], frameon=False,
              bbox_to_anchor=(1.1 if n is not None else 1.01, 1), loc="upper left")
    text = note if isinstance(note, str) else note.get(lang, "")
    if text:
        ax.annotate(text, (0, 0), xycoords="axes fraction", xytext=(0, -30), textcoords="offset points",
                    ha="left", va="top", fontsize=7, color="#555555")
    _title(ax, title, lang)
    return fig


def plot_bars(table: pd.DataFrame, *, label: str, value: str, lang: Lang = "zh", title: Mapping[str, str] | str = "",
              xlabel: Mapping[str, str] | str = "", colour_by: str | None = None) -> Figure:
    """Horizontal bars of one value per label, in the table's order (first at the top); a count is
    written at the end of its bar."""
    apply_style()
    if table.empty:
        return _empty_figure(title, lang)
    labels = label_column(table, label, lang)
    fig, ax = plt.subplots(figsize=(7, 0.24 * len(table) + 1.2))
    y = np.arange(len(table))[::-1]
    if colour_by:
        groups = label_column(table, colour_by, lang)
        colours = {g: PALETTE[k % len(PALETTE)] for k, g in enumerate(dict.fromkeys(groups))}
        ax.barh(y, table[value], color=[colours[g] for g in groups])
        for g, c in colours.items():
            ax.barh([np.nan], [np.nan], color=c, label=g)
        ax.legend(frameon=False, loc="lower right")
    else:
        ax.barh(y, table[value], color=PALETTE[0])
    values = table[value].to_numpy(dtype=float)
    if np.allclose(values, np.round(values)):  # counts: each bar's number at its end
        _label_bar_ends(ax, y, values, [str(int(v)) for v in values])
    ax.set_yticks(y, labels)
    ax.set_xlabel(xlabel if isinstance(xlabel, str) else xlabel[lang])
    _title(ax, title, lang)
    return fig


def plot_lorenz(curve: pd.DataFrame, gini_value: float, *, lang: Lang = "zh",
                title: Mapping[str, str] | str = "") -> Figure:
    """The Lorenz curve of assignments across agencies, with the line of equality and the Gini."""
    apply_style()
    if curve.empty or not np.isfinite(gini_value):
        return _empty_figure(title, lang)
    fig, ax = plt.subplots(figsize=(4.6, 4.4))
    ax.plot([0, 1], [0, 1], color="#8c8c8c", linestyle="--", linewidth=1,
            label="完全均等" if lang == "zh" else "Equality")
    ax.plot(curve["share_agencies"], curve["share_assignments"], color=PALETTE[0], marker="o", markersize=3,
            label=("洛伦兹曲线" if lang == "zh" else "Lorenz curve"))
    ax.fill_between(curve["share_agencies"], curve["share_assignments"], curve["share_agencies"], alpha=0.15)
    ax.text(0.05, 0.85, f"Gini = {gini_value:.3f}", transform=ax.transAxes)
    ax.set_xlabel("机构累计占比" if lang == "zh" else "Cumulative share of agencies")
    ax.set_ylabel("任务分配累计占比" if lang == "zh" else "Cumulative share of assignments")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(frameon=False, loc="lower right")
    _title(ax, title, lang)
    return fig


def plot_network(edges: pd.DataFrame, nodes: pd.DataFrame, *, source: str, target: str, weight: str, node: str,
                 size: str, group: str, lang: Lang = "zh", title: Mapping[str, str] | str = "",
                 layout: Literal["spring", "shell"] = "spring", seed: int = 7,
                 legend_title: Mapping[str, str] | str = "") -> Figure:
    """A network drawn with a spring layout from a fixed seed.

    Args:
        edges: one row per edge with ``source``, ``target`` and ``weight`` columns.
        nodes: one row per node with ``node``, ``size`` and ``group`` columns (and
            ``node_en`` for English labels, when present).
        layout: ``spring`` (force-directed from ``seed``) or ``shell`` (one ring per group,
            in the order the groups first appear in ``nodes``).
        legend_title: what the colours are (the groups' legend).

    Node labels are moved apart until none overlaps another (adjustText).
    """
    apply_style()
    if nodes.empty or edges.empty:
        return _empty_figure(title, lang)
    graph = nx.Graph()
    for n in sorted(nodes[node]):
        graph.add_node(n)
    for a, b, w in sorted(zip(edges[source], edges[target], edges[weight])):
        if a in graph and b in graph:
            graph.add_edge(a, b, weight=float(w))
    if layout == "shell":
        shells = [sorted(nodes.loc[nodes[group] == g, node]) for g in dict.fromkeys(nodes[group])]
        positions = nx.shell_layout(graph, nlist=shells)
    else:
        positions = nx.spring_layout(graph, seed=seed, weight="weight", k=1.2 / np.sqrt(max(len(graph), 1)))
    info = nodes.set_index(node)
    labels = dict(zip(nodes[node], label_column(nodes, node, lang)))
    groups = list(dict.fromkeys(label_column(nodes, group, lang)))
    group_of = dict(zip(nodes[node], label_column(nodes, group, lang)))
    fig, ax = plt.subplots(figsize=(8, 6.5))
    widths = [0.3 + 2.5 * d["weight"] / max(edges[weight].max(), 1e-9) for _, _, d in graph.edges(data=True)]
    nx.draw_networkx_edges(graph, positions, ax=ax, width=widths, edge_color="#b0b0b0", alpha=0.7)
    sizes = info[size].astype(float)
    for k, g in enumerate(groups):
        members = [n for n in graph.nodes if group_of[n] == g]
        nx.draw_networkx_nodes(graph, positions, nodelist=members, ax=ax, label=g,
                               node_size=[60 + 900 * sizes[n] / sizes.max() for n in members],
                               node_color=PALETTE[k % len(PALETTE)], alpha=0.9)
    from matplotlib import patheffects

    texts = [ax.text(x, y, labels[n], fontsize=7, ha="center", va="center",
                     path_effects=[patheffects.withStroke(linewidth=1.2, foreground="white")])
             for n, (x, y) in sorted(positions.items())]
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), markerscale=0.5,
              title=legend_title if isinstance(legend_title, str) else legend_title.get(lang, ""))
    ax.set_axis_off()
    ax.margins(0.08)
    _place_labels(ax, texts)
    _title(ax, title, lang)
    return fig


def _geometry_path(geometry: Mapping) -> MplPath:
    """One matplotlib path for a GeoJSON Polygon or MultiPolygon (holes stay empty: the rings are
    oriented, outer counter-clockwise)."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    vertices, codes = [], []
    for polygon in polygons:
        for ring in polygon:
            vertices.extend(ring)
            codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY])
    return MplPath(np.asarray(vertices, dtype=float), codes)


@lru_cache(maxsize=2)
def _boundary_paths(level: str) -> dict[str, MplPath]:
    """The outline of every unit of a level (``prefecture`` or ``province``) as a path, by adcode;
    built once per process."""
    from .geography import read_boundaries

    return {f["properties"]["adcode"]: _geometry_path(f["geometry"]) for f in read_boundaries(level)}


def _place_labels(ax, texts: list) -> None:
    """Move text labels apart until none overlaps another (adjustText), with a leader line to the
    point of a label that had to move far.

    adjustText stops after a fixed number of iterations (not its default time limit, so that the
    figure does not depend on how busy the machine is); while labels still overlap it runs again,
    pushing them further apart, up to six rounds.
    """
    from adjustText import adjust_text

    from .labels import overlapping_texts

    if len(texts) < 2:
        return
    xs, ys = zip(*(t.get_position() for t in texts))  # where each label belongs: its leader line ends there
    lines: list = []
    for attempt in range(6):
        for line in lines:
            line.remove()
        _, lines = adjust_text(texts, ax=ax, target_x=list(xs), target_y=list(ys), ensure_inside_axes=True,
                               expand=(1.15 + 0.15 * attempt, 1.3 + 0.2 * attempt), max_move=None,
                               iter_lim=300 + 200 * attempt,
                               arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.5})
        if not overlapping_texts(ax.figure, texts):
            return


def plot_prefecture_map(units: pd.DataFrame, *, lang: Lang = "zh", title: Mapping[str, str] | str = "",
                        value_label: Mapping[str, str] | str = "") -> Figure:
    """A choropleth of mentions on prefecture-level units, with their neighbours in grey.

    Args:
        units: adcode, name, name_en, n_mentions, home, lat, lon (the table of
            ``map_prefecture_mentions``): every unit to fill. The view is the box around the
            ``home`` units and the units of its rows within 3 degrees of them; neighbouring
            units in view are drawn in grey, province outlines in dark grey.
        value_label: the colour bar's label.
    """
    from matplotlib import patheffects
    from matplotlib.collections import PatchCollection
    from matplotlib.colors import PowerNorm
    from matplotlib.patches import PathPatch

    apply_style()
    if units.empty:
        return _empty_figure(title, lang)
    home = units[units["home"]] if units["home"].any() else units
    box = [home["lon"].min(), home["lon"].max(), home["lat"].min(), home["lat"].max()]
    near = units[(units["lon"].between(box[0] - 3, box[1] + 3)) & (units["lat"].between(box[2] - 3, box[3] + 3))]
    paths = _boundary_paths("prefecture")
    extents = np.array([paths[code].get_extents().bounds for code in near["adcode"] if code in paths])
    west, south = extents[:, 0].min(), extents[:, 1].min()
    east, north = (extents[:, 0] + extents[:, 2]).max(), (extents[:, 1] + extents[:, 3]).max()
    pad = 0.04 * max(east - west, north - south)
    west, east, south, north = west - pad, east + pad, south - pad, north + pad
    aspect = 1 / np.cos(np.deg2rad((south + north) / 2))
    width = 7.0
    fig, ax = plt.subplots(figsize=(width, min(9.0, width * 0.82 * (north - south) * aspect / (east - west))))
    shown = set(units["adcode"])

    def in_view(path: MplPath) -> bool:
        x0, y0, w, h = path.get_extents().bounds
        return x0 < east and x0 + w > west and y0 < north and y0 + h > south

    context = [PathPatch(path) for code, path in sorted(paths.items()) if code not in shown and in_view(path)]
    ax.add_collection(PatchCollection(context, facecolor="#e4e4e4", edgecolor="white", linewidth=0.5))
    values = units["n_mentions"].to_numpy()
    norm = PowerNorm(0.5, vmin=0, vmax=max(1, values.max()))
    filled = PatchCollection([PathPatch(paths[code]) for code in units["adcode"]], cmap="Blues", norm=norm,
                             edgecolor="white", linewidth=0.6)
    filled.set_array(values)
    ax.add_collection(filled)
    for _, path in sorted(_boundary_paths("province").items()):
        if in_view(path):
            ax.add_patch(PathPatch(path, facecolor="none", edgecolor="#555555", linewidth=0.9))
    bar = fig.colorbar(filled, ax=ax, shrink=0.6, pad=0.02)
    bar.set_label(value_label.get(lang, "") if isinstance(value_label, Mapping) else value_label)
    bar.ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    names = units["name"] if lang == "zh" else units["name_en"]
    texts = []
    inset = 0.06 * (east - west)
    for name, lon, lat in zip(names, units["lon"], units["lat"]):
        # a unit whose inside point lies out of view is labelled at the nearest point well inside it
        lon, lat = float(np.clip(lon, west + inset, east - inset)), float(np.clip(lat, south + inset, north - inset))
        texts.append(ax.text(lon, lat, name, fontsize=7.5, ha="center", va="center", color="#1a1a1a",
                             path_effects=[patheffects.withStroke(linewidth=2.2, foreground="white")]))
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(aspect)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    _place_labels(ax, texts)
    _title(ax, title, lang)
    return fig


@lru_cache(maxsize=2)
def _coarse_paths(level: str) -> dict[str, MplPath]:
    """The outlines of a level's units with every eighth vertex only (rings of a few points
    dropped): enough for a map a few centimetres wide, and an eighth of the file size; built once
    per process."""
    out = {}
    for code, path in _boundary_paths(level).items():
        vertices: list[np.ndarray] = []
        codes: list = []
        for points in path.to_polygons(closed_only=False):
            ring = np.asarray(points, dtype=float)
            if len(ring) < 24:
                continue
            kept = np.vstack([ring[:-1:8], ring[:1]])  # every eighth point, and the ring closed
            vertices.extend(kept)
            codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(kept) - 2) + [MplPath.CLOSEPOLY])
        if vertices:
            out[code] = MplPath(np.asarray(vertices, dtype=float), codes)
    return out


def plot_province_grid(table: pd.DataFrame, *, panel: str, value: str = "share", lang: Lang = "zh",
                       title: Mapping[str, str] | str = "", panels: list[str] | None = None,
                       value_label: Mapping[str, str] | str = "", columns: int = 4) -> Figure:
    """Small multiples: one map of China per ``panel`` (a plan), each province filled by its
    ``value`` (a share, 0 to 1) on one colour scale for all panels, and the prefecture-level units
    the plan names outlined and filled in orange over it.

    Args:
        table: panel, level (``province`` or ``prefecture``), adcode, ``value`` and n_mentions:
            one row per panel and province it names (their n_mentions add up to the panel's
            total, given in its title), and one per panel and prefecture-level unit it names.
        panels: every panel to draw, in order (a plan that names no place gets an empty map with
            a note); by default those of ``table``, in order of appearance.
    """
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Patch, PathPatch

    apply_style()
    names = panels if panels is not None else list(dict.fromkeys(table[panel]))
    if not names:
        return _empty_figure(title, lang)
    provinces, prefectures = _coarse_paths("province"), _coarse_paths("prefecture")
    rows = -(-len(names) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(2.1 * columns, 1.8 * rows + 1.0), squeeze=False)
    filled = None
    codes = sorted(provinces)
    named_colour = "#e07b39"
    for ax, name in zip(axes.ravel(), names):
        mine = table[table[panel] == name]
        by_province = mine[mine["level"] == "province"]
        shares = by_province.set_index("adcode")[value]
        values = np.array([shares.get(code, 0.0) for code in codes], dtype=float)
        filled = PatchCollection([PathPatch(provinces[c]) for c in codes], edgecolor="#999999", linewidth=0.2,
                                 cmap=mpl.colormaps["Blues"].with_extremes(bad="#eeeeee"))  # bad: not named
        filled.set_array(np.ma.masked_equal(values, 0))
        filled.set_clim(0, 1)
        ax.add_collection(filled)
        units = [prefectures[c] for c in sorted(set(mine.loc[mine["level"] == "prefecture", "adcode"]))
                 if c in prefectures]
        if units:
            ax.add_collection(PatchCollection([PathPatch(u) for u in units], facecolor=named_colour,
                                              edgecolor="#7a3a10", linewidth=0.3))
        ax.set_xlim(73, 135.5)
        ax.set_ylim(17.5, 54)
        ax.set_aspect(1.25)
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ax.spines.values():
            side.set_visible(False)
        total = int(by_province["n_mentions"].sum())
        ax.set_title(f"{name}\nn={total}", fontsize=6.5, pad=2)
        if not total:
            ax.text(0.5, 0.5, "未提及地名" if lang == "zh" else "no place named", transform=ax.transAxes,
                    ha="center", va="center", fontsize=6.5, color="#555555")
    for ax in axes.ravel()[len(names):]:
        ax.set_visible(False)
    assert filled is not None  # there is at least one panel
    fig.subplots_adjust(left=0.01, right=0.88, bottom=0.08, top=0.88, wspace=0.05, hspace=0.35)
    bar = fig.colorbar(filled, cax=fig.add_axes((0.9, 0.25, 0.015, 0.5)))
    bar.set_label(value_label.get(lang, "") if isinstance(value_label, Mapping) else value_label, fontsize=7)
    bar.ax.tick_params(labelsize=6.5)
    bar.ax.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
    named = "所提及的地级单位" if lang == "zh" else "prefecture-level unit named"
    fig.legend(handles=[Patch(facecolor=named_colour, edgecolor="#7a3a10", label=named)], loc="lower left",
               bbox_to_anchor=(0.01, 0.0), frameon=False, fontsize=7)
    text = title.get(lang, "") if isinstance(title, Mapping) else title
    fig.suptitle(text, x=0.01, ha="left", fontsize=mpl.rcParams["axes.titlesize"])
    return fig


def describe_source(title: str, *, lexicon: Lexicon | None = None) -> dict[str, str]:
    """The source line of a figure drawn from a plan, in both languages.

    The English line gives the title's English from the lexicon's glossary, when it has one,
    followed by the title as written.

    >>> describe_source("某市实施方案")["en"]
    'Source: 某市实施方案; computed with harchang_analysis'
    """
    english = dict(zip(lexicon.glossary["term"], lexicon.glossary["name_en"])).get(title, "") if lexicon else ""
    return {"zh": f"资料来源：《{title}》；harchang_analysis 计算",
            "en": f"Source: {f'{english} ({title})' if english else title}; computed with harchang_analysis"}


def add_source_line(fig: Figure, source: Mapping[str, str] | str, lang: Lang) -> None:
    """Write the source line under everything else in the figure, flush with its left edge and
    wrapped at spaces to the figure's width."""
    text = source if isinstance(source, str) else source.get(lang, "")
    if not text:
        return
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())  # type: ignore[attr-defined]  # inches
    width, height = fig.get_size_inches()
    # no wider than the figure: about 17 characters of 6.5-point text to the inch (wrapped at spaces)
    text = textwrap.fill(text, width=max(40, int(box.width * 17)), break_long_words=False)
    fig.text(box.x0 / width, (box.y0 - 0.06) / height, text, ha="left", va="top", fontsize=6.5, color="#666666")


def save_figure(fig: Figure, name: str, *, data: pd.DataFrame, lang: Lang,
                folder: str | Path = "figures") -> list[Path]:
    """Write a figure as PNG and SVG, and the numbers behind it as CSV, reproducibly.

    Files: ``FOLDER/NAME-LANG.png``, ``FOLDER/NAME-LANG.svg`` and ``FOLDER/data/NAME.csv``.
    Metadata that would change from run to run (dates, software versions) is left out and
    SVG ids are salted with a fixed string, so two runs give byte-identical files.
    """
    folder = Path(folder)
    png, svg, csv = folder / f"{name}-{lang}.png", folder / f"{name}-{lang}.svg", folder / "data" / f"{name}.csv"
    write_atomic(png, lambda p: fig.savefig(p, format="png", metadata={"Software": None}))
    write_atomic(svg, lambda p: fig.savefig(p, format="svg", metadata={"Date": None, "Creator": None}))
    write_table(data, csv)
    return [png, svg, csv]


class NothingToShow:
    """What a notebook shows in place of an empty table: one line that says what is missing."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __repr__(self) -> str:
        return f"{NO_DATA['zh']} · {NO_DATA['en']}: {self.what}"


def show_table(table: pd.DataFrame | pd.Series | None, what: str) -> pd.DataFrame | pd.Series | NothingToShow:
    """``table`` when it has rows; else (empty, or None) one line saying the plan has no ``what``.

    >>> show_table(pd.DataFrame({"target": []}), "quantitative targets")
    本规划中无此类数据 · No such data in this plan: quantitative targets
    >>> len(show_table(pd.DataFrame({"target": ["30个"]}), "quantitative targets"))
    1
    """
    return table if table is not None and len(table) else NothingToShow(what)


def render_figure(plot: Callable[..., Figure], data: pd.DataFrame, name: str, *, folder: str | Path = "figures",
                  show: Lang = "zh", langs: tuple[Lang, ...] = LANGS, source_line: Mapping[str, str] | str = "",
                  **kwargs: object) -> Figure:
    """Draw a figure in every language, save each, and return the one to show.

    ``plot(data, lang=..., **kwargs)`` draws one version; the others are closed once saved.
    ``source_line`` (see :func:`describe_source`) is written under each version. Each
    version's labels are checked first (:func:`~harchang_analysis.labels.check_labels`): labels
    that overlap or are cut off give a warning, or an error in strict mode.
    """
    shown = None
    for lang in langs:
        fig = plot(data, lang=lang, **kwargs)
        add_source_line(fig, source_line, lang)
        check_labels(fig, f"{name}-{lang}")
        save_figure(fig, name, data=data, lang=lang, folder=folder)
        if lang == show:
            shown = fig
        else:
            plt.close(fig)
    if shown is None:
        raise ValueError(f"show={show!r} is not among langs={langs!r}")
    return shown
