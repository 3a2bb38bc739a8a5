"""The label check: labels that overlap or are cut off are found, labels apart are not."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from harchang_analysis.labels import LabelError, LabelWarning, check_labels, collect_labels, find_cut, find_overlaps
from harchang_analysis.plotting import apply_style


@pytest.fixture
def axes():
    apply_style()
    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    ax.set_axis_off()
    yield fig, ax
    plt.close(fig)


def test_two_labels_on_one_spot_overlap(axes):
    fig, ax = axes
    ax.text(0.5, 0.5, "长春市政府", ha="center", va="center")
    ax.text(0.52, 0.5, "吉林市政府", ha="center", va="center")
    assert find_overlaps(collect_labels(fig)) == [("长春市政府", "吉林市政府")]


def test_labels_apart_do_not_overlap(axes):
    fig, ax = axes
    ax.text(0.1, 0.1, "长春市政府")
    ax.text(0.1, 0.8, "吉林市政府")
    assert find_overlaps(collect_labels(fig)) == []


def test_rotated_labels_side_by_side_do_not_overlap(axes):
    # tilted 45° and 0.12 of the axes apart, their upright boxes overlap but their glyphs do not
    fig, ax = axes
    for x in (0.3, 0.42):
        ax.text(x, 0.5, "产业协调发展", rotation=45, ha="center", va="center", fontsize=9)
    labels = collect_labels(fig)
    a, b = (label.corners for label in labels)
    assert min(a[:, 0].max(), b[:, 0].max()) > max(a[:, 0].min(), b[:, 0].min())  # the upright boxes do meet
    assert find_overlaps(labels) == []


def test_rotated_labels_that_cross_overlap(axes):
    fig, ax = axes
    ax.text(0.5, 0.5, "产业协调发展", rotation=45, ha="center", va="center")
    ax.text(0.5, 0.5, "生态环境保护", rotation=-45, ha="center", va="center")
    assert len(find_overlaps(collect_labels(fig))) == 1


def test_tick_labels_and_legend_are_read(axes):
    fig, ax = axes
    ax.set_axis_on()
    ax.bar([0, 1], [1, 2], label="牵头")
    ax.set_xticks([0, 1], ["甲", "乙"])
    ax.legend()
    texts = {label.text for label in collect_labels(fig)}
    assert {"甲", "乙", "牵头"} <= texts


def test_a_clipped_label_running_out_of_its_axes_is_cut(axes):
    fig, ax = axes
    ax.set_xlim(0, 1)
    ax.text(0.95, 0.5, "一个很长的地名标签", clip_on=True)
    ax.text(0.1, 0.2, "短", clip_on=True)
    assert find_cut(collect_labels(fig)) == ["一个很长的地名标签"]


def test_check_labels_warns_or_raises_when_strict(axes, monkeypatch):
    fig, ax = axes
    ax.text(0.5, 0.5, "甲乙丙", ha="center")
    ax.text(0.5, 0.5, "丁戊己", ha="center")
    monkeypatch.setenv("HARCHANG_STRICT_FIGURES", "0")
    with pytest.warns(LabelWarning, match="figure demo: '甲乙丙' overlaps '丁戊己'"):
        assert check_labels(fig, "demo") == ["'甲乙丙' overlaps '丁戊己'"]
    monkeypatch.setenv("HARCHANG_STRICT_FIGURES", "1")
    with pytest.raises(LabelError, match="figure demo"):
        check_labels(fig, "demo")
