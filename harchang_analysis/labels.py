"""Where a figure's text labels land, and whether any two collide or any is cut off.

A label is any piece of text a reader sees: titles, axis labels, tick labels, legend entries,
colour-bar labels and text placed in the axes (node names, place names, counts beside bars).
Each is taken as the rectangle its glyphs fill, turned by its rotation, in display pixels, so
that rotated tick labels that only brush each other's corners are not called overlapping.

:func:`check_labels` is what :func:`~harchang_analysis.plotting.render_figure` runs on every
figure it saves.
"""

from __future__ import annotations

import itertools
import os
import warnings
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Text

#: set to 1 (the tests and ``harchang run`` do) to make a figure with colliding labels an error
STRICT_VARIABLE = "HARCHANG_STRICT_FIGURES"
#: how far (pixels at the figure's dpi) two labels may run into each other before they collide
TOLERANCE = 0.5


class LabelWarning(UserWarning):
    """A figure has labels that overlap or are cut off."""


class LabelError(ValueError):
    """A figure has labels that overlap or are cut off (strict mode)."""


@dataclass(frozen=True)
class Label:
    """One visible text of a figure: its text and the four corners of its rectangle (pixels)."""

    text: str
    corners: np.ndarray  # shape (4, 2)
    clip: tuple[float, float, float, float] | None  # the box the label is clipped to, if any


def _corners(text: Text, renderer) -> np.ndarray:
    """The rotated rectangle of a text: its axis-aligned box has the same centre, and the rectangle
    the size of the text laid out unrotated."""
    box = text.get_window_extent(renderer)
    angle = text.get_rotation()
    if angle % 180 == 0:
        return np.array([[box.x0, box.y0], [box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1]])
    text.set_rotation(0)
    flat = text.get_window_extent(renderer)
    text.set_rotation(angle)
    w, h = flat.width / 2, flat.height / 2
    theta = np.deg2rad(angle)
    turn = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    half = np.array([[-w, -h], [w, -h], [w, h], [-w, h]]) @ turn.T
    return half + np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])


def _texts(fig: Figure, renderer) -> list[Text]:
    """Every text artist a reader sees: drawn ticks only (ticks outside the view are not drawn)."""
    found: list[Text] = list(fig.texts)
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        found += [child for child in ax.get_children() if isinstance(child, Text)]  # titles, texts, annotations
        for axis in (ax.xaxis, ax.yaxis):
            if ax.axison and axis.get_visible():
                found.append(axis.label)
                # the ticks that are drawn (those in view): matplotlib has no public call for them
                for tick in axis._update_ticks():  # type: ignore[union-attr]
                    found += [tick.label1, tick.label2]
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            found += [*legend.get_texts(), legend.get_title()]
    for legend in fig.legends:
        found += [*legend.get_texts(), legend.get_title()]
    return [t for t in found if t.get_visible() and t.get_text().strip()]


def collect_labels(fig: Figure) -> list[Label]:
    """The visible labels of a figure, drawn once at its dpi."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = []
    for text in _texts(fig, renderer):
        clip = None
        box = text.get_clip_box() if text.get_clip_on() else None
        if box is not None:
            clip = (box.x0, box.y0, box.x1, box.y1)
        labels.append(Label(text.get_text(), _corners(text, renderer), clip))
    return labels


def overlapping_texts(fig: Figure, texts: list[Text], *, tolerance: float = TOLERANCE) -> list[tuple[Text, Text]]:
    """Pairs of the given texts that overlap, as the figure now draws them."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    shown = [t for t in texts if t.get_visible() and t.get_text().strip()]
    corners = [_corners(t, renderer) for t in shown]
    return [(shown[i], shown[j]) for i, j in itertools.combinations(range(len(shown)), 2)
            if not _separated(corners[i], corners[j], tolerance)]


def _separated(a: np.ndarray, b: np.ndarray, tolerance: float) -> bool:
    """Whether two convex quadrilaterals are apart along one of their edges' normals (separating axes)."""
    for quad in (a, b):
        for i in range(4):
            edge = quad[(i + 1) % 4] - quad[i]
            normal = np.array([-edge[1], edge[0]])
            length = np.hypot(*normal)
            if length == 0:
                continue
            normal /= length
            pa, pb = a @ normal, b @ normal
            if pa.max() <= pb.min() + tolerance or pb.max() <= pa.min() + tolerance:
                return True
    return False


def find_overlaps(labels: list[Label], *, tolerance: float = TOLERANCE) -> list[tuple[str, str]]:
    """Pairs of labels whose rectangles overlap by more than ``tolerance`` pixels."""
    found = []
    for a, b in itertools.combinations(labels, 2):
        if not _separated(a.corners, b.corners, tolerance):
            found.append((a.text, b.text))
    return found


def find_cut(labels: list[Label], *, tolerance: float = TOLERANCE) -> list[str]:
    """Labels that run out of the box they are clipped to (part of them is not drawn)."""
    cut = []
    for label in labels:
        if label.clip is None:
            continue
        x0, y0, x1, y1 = label.clip
        xs, ys = label.corners[:, 0], label.corners[:, 1]
        if xs.min() < x0 - tolerance or xs.max() > x1 + tolerance or ys.min() < y0 - tolerance \
                or ys.max() > y1 + tolerance:
            cut.append(label.text)
    return cut


def check_labels(fig: Figure, name: str) -> list[str]:
    """Problems with a figure's labels, one line each; warn about them, or raise when strict.

    Strict when the environment variable ``HARCHANG_STRICT_FIGURES`` is ``1``.

    Raises:
        LabelError: in strict mode, when any two labels overlap or any label is cut off.
    """
    labels = collect_labels(fig)
    problems = [f"{a!r} overlaps {b!r}" for a, b in find_overlaps(labels)]
    problems += [f"{t!r} is cut off" for t in find_cut(labels)]
    if problems:
        message = f"figure {name}: " + "; ".join(problems[:5]) + (" …" if len(problems) > 5 else "")
        if os.environ.get(STRICT_VARIABLE) == "1":
            raise LabelError(message)
        warnings.warn(message, LabelWarning, stacklevel=3)
    return problems
