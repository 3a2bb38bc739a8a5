"""What every test run needs, wherever pytest is pointed (the tests, the notebooks or both).

The folders the run owns are made when this file is first imported: by the controlling process,
before pytest-xdist starts its workers, so that workers and the notebook kernels they start
inherit them; only the process that made a folder removes it. The notebooks (nbval) and the
check of the figures they draw run in one process, in that order.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_OWNED: list[Path] = []


def _own(variable: str, prefix: str) -> Path:
    if variable not in os.environ:
        os.environ[variable] = tempfile.mkdtemp(prefix=prefix)
        _OWNED.append(Path(os.environ[variable]))
    return Path(os.environ[variable])


#: where the notebooks write their figures while the tests run them (never the tracked figures/)
TEST_FIGURES = _own("HARCHANG_FIGURES", "harchang-figures-")
#: the parse and jieba caches of the test run (never the user's own)
TEST_CACHE = _own("HARCHANG_CACHE_DIR", "harchang-cache-")
#: every figure the tests draw (the notebooks' included) fails if any two labels overlap or one is cut off
os.environ["HARCHANG_STRICT_FIGURES"] = "1"

#: tests that must run in one process, in collection order: the notebooks, then the figure check
NOTEBOOK_GROUP = "notebooks"
FIGURE_CHECK = "test_figures_match_the_committed_ones"


def pytest_configure(config):
    config.addinivalue_line("markers", "xdist_group(name): run with the other tests of this group, in one process")
    config.addinivalue_line("markers", "slow: takes seconds (runs a notebook or builds a wheel); started first")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(session, config, items):
    """Start the slow tests first, so that no worker is left with one at the end; put the figure
    check after the notebooks, and both in one group for ``--dist loadgroup``."""
    last = [item for item in items if item.nodeid.endswith(FIGURE_CHECK)]
    notebooks = [item for item in items if ".ipynb::" in item.nodeid]
    slow = [item for item in items if item.get_closest_marker("slow") and item not in last]
    first = notebooks + slow  # the notebook group is the longest unit of work: it starts at once
    items[:] = first + [item for item in items if item not in last and item not in first] + last
    for item in notebooks + last:
        item.add_marker(pytest.mark.xdist_group(NOTEBOOK_GROUP))


def pytest_sessionfinish(session, exitstatus):
    for folder in _OWNED:
        shutil.rmtree(folder, ignore_errors=True)
