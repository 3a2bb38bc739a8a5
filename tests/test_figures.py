"""Figure regression that holds on any machine: numbers exactly, pictures within a tolerance.

While the tests run, the notebooks (executed by nbval) draw into a temporary folder
(``HARCHANG_FIGURES``, set in conftest.py), never into the tracked ``figures/``. This module's
last test then compares what they drew with the committed figures: the numbers behind each
figure (``figures/data/*.csv``) must be identical, and each PNG must match the committed one
within an RMS difference of ``TOLERANCE`` (matplotlib's image comparison), so that another
FreeType build or font rasteriser passes while a moved bar fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pandas as pd

matplotlib.use("Agg")
from matplotlib.testing.compare import compare_images

from harchang_analysis.plotting import plot_bars, save_figure

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "figures"
#: where the notebooks drew during this test run (set by the repository's conftest.py)
TEST_FIGURES = Path(os.environ["HARCHANG_FIGURES"])
#: RMS difference (0–255 grey levels) a PNG may show and still be the same picture
TOLERANCE = 2.0


def _bars(tmp_path: Path, values: list[int], name: str) -> Path:
    table = pd.DataFrame({"label": ["甲", "乙", "丙"], "n": values})
    fig = plot_bars(table, label="label", value="n", lang="zh", title="测试")
    save_figure(fig, name, data=table, lang="zh", folder=tmp_path)
    matplotlib.pyplot.close(fig)
    return tmp_path / f"{name}-zh.png"


def test_the_tolerance_passes_the_same_picture_and_fails_a_moved_bar(tmp_path):
    first = _bars(tmp_path / "a", [5, 3, 2], "bars")
    again = _bars(tmp_path / "b", [5, 3, 2], "bars")
    moved = _bars(tmp_path / "c", [5, 4, 2], "bars")
    assert compare_images(str(first), str(again), tol=TOLERANCE) is None
    assert compare_images(str(first), str(moved), tol=TOLERANCE) is not None


def _draw_if_missing() -> None:
    """Run the suite into the test folder when nbval did not (e.g. `pytest tests/`)."""
    expected = {p.name for p in (COMMITTED / "data").glob("*.csv")}
    if expected <= {p.name for p in (TEST_FIGURES / "data").glob("*.csv")}:
        return
    from harchang_analysis.suite import run_notebooks

    run_notebooks(ROOT / "notebooks", out=TEST_FIGURES / "notebooks", parameters={"FIGURES": str(TEST_FIGURES)})


def test_figures_match_the_committed_ones():
    _draw_if_missing()
    problems = []
    for committed in sorted((COMMITTED / "data").glob("*.csv")):
        drawn = TEST_FIGURES / "data" / committed.name
        if committed.read_bytes() != drawn.read_bytes():
            problems.append(f"{committed.name}: the numbers differ")
    for committed in sorted(COMMITTED.glob("*.png")):
        drawn = TEST_FIGURES / committed.name
        if not drawn.is_file():
            problems.append(f"{committed.name}: not drawn")
            continue
        result = compare_images(str(committed), str(drawn), tol=TOLERANCE)
        if result is not None:
            rms = float(result.split("RMS Value:")[-1].split()[0]) if "RMS Value:" in result else float("nan")
            problems.append(f"{committed.name}: moved (RMS {rms:.2f} > {TOLERANCE})")
    drawn_names = {p.name for p in TEST_FIGURES.glob("*.png") if not p.stem.endswith("-failed-diff")}
    extra = drawn_names - {p.name for p in COMMITTED.glob("*.png")}
    assert not problems, "; ".join(problems) + " — run `make run`, look at the figures, and commit them"
    assert not extra, f"figures drawn but not committed: {sorted(extra)}; run `make run` and commit them"
