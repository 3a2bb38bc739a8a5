"""Shared fixtures: the seed plan is parsed once per test session."""

from __future__ import annotations

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
