"""Figures: the CJK font, labels in both languages, byte-identical files."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from harchang_analysis import plotting
from harchang_analysis.plotting import FontError, apply_style, label_column, plot_bars, render_figure, save_figure


def test_font_is_registered():
    apply_style()
    assert matplotlib.rcParams["font.family"] == ["Noto Sans CJK SC"]
    assert matplotlib.rcParams["svg.hashsalt"]


def test_missing_font_fails_loudly(monkeypatch):
    monkeypatch.setattr(plotting, "FONT_PACKAGE", "no_such_font_package")
    with pytest.raises(FontError, match="make setup"):
        apply_style()


def test_every_lexicon_name_renders_without_missing_glyphs(lexicon, tmp_path):
    names = pd.concat([lexicon.agencies["name"], lexicon.agencies["name_en"], lexicon.places["name"],
                       lexicon.places["name_en"], lexicon.sectors["sector"], lexicon.sectors["sector_en"],
                       lexicon.instruments["instrument"], lexicon.terms["term"]]).drop_duplicates()
    table = pd.DataFrame({"label": names.tolist(), "value": range(len(names))})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" is a UserWarning
        fig = plot_bars(table, label="label", value="value", title="标题 Title −1")
        fig.savefig(tmp_path / "all.png")
        fig.savefig(tmp_path / "all.svg")
    plt.close(fig)


def test_label_column_prefers_short_then_full_english():
    table = pd.DataFrame({"agency": ["甲", "乙", "丙"], "agency_en": ["A full", "", "C full"],
                          "agency_short_en": ["A", "", ""]})
    assert label_column(table, "agency", "zh").tolist() == ["甲", "乙", "丙"]
    # 乙 has no English at all and keeps its Chinese name
    assert label_column(table, "agency", "en").tolist() == ["A", "乙", "C full"]


def test_saved_files_are_byte_identical(tmp_path):
    table = pd.DataFrame({"label": ["长春市", "吉林市"], "label_en": ["Changchun", "Jilin City"], "value": [3, 1.5]})
    for folder in ("a", "b"):
        fig = render_figure(plot_bars, table, "99-test-bars", folder=tmp_path / folder, label="label", value="value",
                            title={"zh": "测试", "en": "Test"})
        plt.close(fig)
    names = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert [str(n) for n in names] == ["99-test-bars-en.png", "99-test-bars-en.svg", "99-test-bars-zh.png",
                                       "99-test-bars-zh.svg", "data/99-test-bars.csv"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    svg = (tmp_path / "a" / "99-test-bars-en.svg").read_text(encoding="utf-8")
    assert "<text" not in svg and "<path" in svg  # text is drawn as paths, so readers need no font
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    data = (tmp_path / "a" / "data" / "99-test-bars.csv").read_text(encoding="utf-8")
    assert data.splitlines()[1] == "长春市,Changchun,3"


def test_save_figure_leaves_no_temporary_files(tmp_path):
    fig = plot_bars(pd.DataFrame({"label": ["甲"], "value": [1]}), label="label", value="value")
    save_figure(fig, "x", data=pd.DataFrame({"a": [1]}), lang="zh", folder=tmp_path)
    plt.close(fig)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["data", "x-zh.png", "x-zh.svg", "x.csv"]


def test_outputs_take_the_permissions_of_the_umask(tmp_path):
    import os

    from harchang_analysis.files import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "shared.csv", lambda tmp: tmp.write_text("a,b\n", encoding="utf-8"))
        assert (tmp_path / "shared.csv").stat().st_mode & 0o777 == 0o644  # readable by group and others
        os.umask(0o077)
        write_atomic(tmp_path / "private.csv", lambda tmp: tmp.write_text("a,b\n", encoding="utf-8"))
        assert (tmp_path / "private.csv").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_a_stacked_category_keeps_its_colour_in_both_languages():
    import matplotlib.pyplot as plt
    import pandas as pd

    from harchang_analysis.plotting import plot_stacked_bars

    # sorted by their English names the kinds would come in another order than by their Chinese ones
    table = pd.DataFrame({"chapter": ["一", "一", "二"], "kind": ["公路", "铁路", "公路"],
                          "kind_en": ["Roads", "Rail", "Roads"], "n": [2, 1, 3]})
    colours = {}
    for lang in ("zh", "en"):
        fig = plot_stacked_bars(table, row="chapter", stack="kind", value="n", lang=lang)
        legend = fig.axes[0].get_legend()
        labels = [t.get_text() for t in legend.get_texts()]
        key = dict(zip(table["kind_en"], table["kind"])) if lang == "en" else {k: k for k in table["kind"]}
        colours[lang] = {key[label]: tuple(h.get_facecolor()) for h, label in zip(legend.legend_handles, labels)}
        bars = {tuple(p.get_facecolor()) for p in fig.axes[0].patches}
        assert set(colours[lang].values()) == bars, "the legend's colours are not the bars' colours"
        ticks = [t for t in fig.axes[0].get_xticks() if 0 <= t <= 5]
        assert all(float(t).is_integer() for t in ticks), "a count axis has fractional ticks"
        plt.close(fig)
    assert colours["zh"] == colours["en"]

    assert len(colours["zh"]) == 2


def test_shares_carry_their_n_and_a_thin_row_is_marked():
    import pandas as pd

    from harchang_analysis.plotting import plot_stacked_bars

    table = pd.DataFrame({"chapter": ["一", "一", "二"], "sector": ["交通", "能源", "交通"],
                          "share": [0.75, 0.25, 1.0], "n": [40, 40, 2]})
    fig = plot_stacked_bars(table, row="chapter", stack="sector", value="share", count="n", min_count=10,
                            colours={"能源": "#e07b39", "交通": "#1b6ca8"}, note="n: codes")
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "n=40" in texts and "n=2*" in texts and "n: codes" in texts
    # row 二 (drawn at y = 0) is pale and hatched; row 一 (y = 1) is not
    thin = [p for p in ax.patches if abs(p.get_y() + p.get_height() / 2) < 1e-9]
    full = [p for p in ax.patches if abs(p.get_y() + p.get_height() / 2 - 1) < 1e-9 and p.get_width() > 0]
    assert thin and all(p.get_hatch() for p in thin if p.get_width() > 0)
    assert full and not any(p.get_hatch() for p in full)
    # stacks follow the order of the colours given: 能源 first in the legend
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["能源", "交通"]
    plt.close(fig)


def test_count_bars_end_inside_the_axis_with_their_number():
    import pandas as pd

    from harchang_analysis.plotting import plot_assignments

    counts = pd.DataFrame({"agency": ["甲", "乙"], "agency_en": ["A", "B"], "n_lead": [44, 0], "n_support": [0, 3]})
    fig = plot_assignments(counts, lang="en")
    ax = fig.axes[0]
    assert ax.get_xlim()[1] > 44
    assert sorted(t.get_text() for t in ax.texts) == ["3", "44"]
    plt.close(fig)


def test_render_figure_writes_the_source_line_under_the_figure(tmp_path):
    import pandas as pd

    from harchang_analysis.plotting import describe_source

    table = pd.DataFrame({"name": ["甲", "乙"], "n": [3, 1]})
    source = describe_source("某市实施方案")
    fig = render_figure(plot_bars, table, "demo", folder=tmp_path, show="en", label="name", value="n",
                        source_line=source)
    line = [t for t in fig.texts if t.get_text().startswith("Source: 某市实施方案")]
    assert len(line) == 1
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert line[0].get_window_extent(renderer).y1 <= fig.axes[0].get_tightbbox(renderer).y0
    plt.close(fig)
