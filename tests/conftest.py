"""Shared fixtures: the seed plan is parsed once per test session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from harchang_analysis import load_lexicon, load_plan

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_cfe327ed47657390.txt"


@pytest.fixture(scope="session")
def seed_plan():
    return load_plan(SEED)


@pytest.fixture(scope="session")
def lexicon():
    return load_lexicon()


#: where the notebooks write their figures while the tests run them (never the tracked figures/)
if "HARCHANG_FIGURES" not in os.environ:
    os.environ["HARCHANG_FIGURES"] = tempfile.mkdtemp(prefix="harchang-figures-")
TEST_FIGURES = Path(os.environ["HARCHANG_FIGURES"])


def pytest_collection_modifyitems(session, config, items):
    """Compare the figures after the notebooks (nbval) have drawn them: that test goes last."""
    last = [item for item in items if item.nodeid.endswith("test_figures_match_the_committed_ones")]
    items[:] = [item for item in items if item not in last] + last


def pytest_sessionfinish(session, exitstatus):
    if str(TEST_FIGURES).startswith(tempfile.gettempdir()) and TEST_FIGURES.name.startswith("harchang-figures-"):
        shutil.rmtree(TEST_FIGURES, ignore_errors=True)


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory):
    """Keep jieba's cache inside the test session's temporary folder."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    old = os.environ.get("HARCHANG_CACHE_DIR")
    os.environ["HARCHANG_CACHE_DIR"] = str(folder)
    yield
    if old is None:
        os.environ.pop("HARCHANG_CACHE_DIR", None)
    else:
        os.environ["HARCHANG_CACHE_DIR"] = old
