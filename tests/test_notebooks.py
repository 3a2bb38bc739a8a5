"""The notebook suite: pairs in sync, outputs stored and clean, every figure in both languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
FIGURES = ROOT / "figures"
EXPECTED = ["01-text-and-structure", "02-agency-workload", "03-sector-emphasis", "04-city-coverage",
            "05-keyword-cooccurrence", "06-targets-and-projects", "07-adapting-to-another-plan", "08-comparing-plans"]


def _cells(nb) -> list[tuple[str, str]]:
    return [(c["cell_type"], "".join(c["source"]).strip()) for c in nb["cells"]
            if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]


def test_the_suite_is_complete_and_paired():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED
    for nb in NOTEBOOKS:
        assert nb.with_suffix(".py").is_file(), f"{nb.name} has no paired script"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_pair_is_in_sync(path):
    script = jupytext.read(path.with_suffix(".py"))
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert _cells(stored) == _cells(script), f"{path.name} and its .py differ: run `make run`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_outputs_are_stored_in_order_and_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    # what a reader sees: the outputs without their images (base64 can spell anything)
    shown = [[{**out, "data": {k: v for k, v in out.get("data", {}).items() if not k.startswith("image/")}}
              for out in c.get("outputs", [])] for c in code]
    text = json.dumps(shown, ensure_ascii=False)
    assert '"output_type": "error"' not in text
    assert '"name": "stderr"' not in text, "a warning or log line reached the notebook"
    for pattern in (r"/work/", r"/home/", r"/root/", r"/tmp/", r"\d+\.\d+ ?s\b", r"0x[0-9a-f]{6,}", r"it/s\]"):
        assert not re.search(pattern, text), f"{path.name}: volatile output matching {pattern!r}"
    tags = [c.get("metadata", {}).get("tags", []) for c in nb["cells"]]
    assert ["parameters"] in tags, "papermill needs a cell tagged 'parameters'"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_comes_in_both_languages_with_its_data(path):
    source = path.with_suffix(".py").read_text(encoding="utf-8")
    names = re.findall(r'"(\d\d-[a-z0-9-]+)",\s*folder=FIGURES', source)
    assert names, f"{path.name} saves no figure"
    for name in names:
        assert name.startswith(path.stem)
        for lang in ("zh", "en"):
            for ext in ("png", "svg"):
                assert (FIGURES / f"{name}-{lang}.{ext}").is_file(), f"missing {name}-{lang}.{ext}"
        assert (FIGURES / "data" / f"{name}.csv").is_file()


def test_no_stray_figures():
    saved = set()
    for path in NOTEBOOKS:
        saved |= set(re.findall(r'"(\d\d-[a-z0-9-]+)",\s*folder=FIGURES', path.with_suffix(".py").read_text("utf-8")))
    on_disk = {re.sub(r"-(zh|en)$", "", p.stem) for p in FIGURES.glob("*.svg")}
    assert on_disk == saved
