"""Many plans at once: stacked tables with doc_id, worker processes, bad files skipped by name."""

from __future__ import annotations

import os
import warnings

import pandas as pd
import pytest

from harchang_analysis import CorpusWarning, load_corpus, load_plan
from harchang_analysis.errors import PlanInputError

from .conftest import ROOT, SEED

EXAMPLE = ROOT / "examples" / "digital-plan" / "plan.txt"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    bad = folder / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    return [SEED, bad, EXAMPLE]


def test_tables_are_stacked_with_doc_id(files, seed_plan):
    with pytest.warns(CorpusWarning) as said:
        corpus = load_corpus(files)
    messages = [str(w.message) for w in said]
    assert any(m.startswith("skipped ") and "empty.txt" in m for m in messages)
    # the example plan's agencies are in no packaged lexicon, but the form of each name types it
    # (市数据局: a city department), so nothing is said about them
    assert not any("agenc" in m for m in messages)
    assert set(corpus.assignments.query("doc_id == 3")["type_source"]) == {"rule"}
    assert corpus.documents["doc_id"].tolist() == [1, 3]
    assert corpus.documents["n_tasks"].tolist() == [46, 22]
    assert corpus.skipped["path"].tolist() == [str(files[1])]
    for name in ("units", "tasks", "assignments", "tokens", "mentions"):
        table = getattr(corpus, name)
        assert table.columns[0] == "doc_id"
        first = table[table["doc_id"] == 1].drop(columns="doc_id").reset_index(drop=True)
        pd.testing.assert_frame_equal(first, getattr(seed_plan, name), check_dtype=False, obj=name)


def _same_as_one_process(paths, n_jobs):
    """The corpus parsed by ``n_jobs`` processes, checked table by table against one process."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        one = load_corpus(paths, n_jobs=1)
        many = load_corpus(paths, n_jobs=n_jobs)
    for name in ("documents", "units", "tasks", "assignments", "tokens", "mentions", "skipped"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(many, name), obj=name)
    return many


def test_two_processes_give_the_same_tables(files):
    _same_as_one_process(files, n_jobs=2)


def test_strict_stops_at_a_bad_file(files):
    with pytest.raises(PlanInputError, match="empty"):
        load_corpus(files, strict=True)


def test_fast_backend_gives_the_same_tables(files):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        slow = load_corpus(files[:1])
        fast = load_corpus(files[:1], backend="rjieba")
    for name in ("tasks", "assignments", "mentions", "tokens"):
        pd.testing.assert_frame_equal(getattr(slow, name), getattr(fast, name), obj=name)


def test_backends_agree_on_the_seed(seed_plan):
    fast = load_plan(SEED, backend="rjieba")
    for name in ("tasks", "assignments", "mentions"):
        pd.testing.assert_frame_equal(getattr(fast, name), getattr(seed_plan, name), obj=name)
    slow_tokens = set(zip(seed_plan.tokens["start"], seed_plan.tokens["token"], seed_plan.tokens["pos"]))
    fast_tokens = set(zip(fast.tokens["start"], fast.tokens["token"], fast.tokens["pos"]))
    agreement = len(slow_tokens & fast_tokens) / len(slow_tokens)
    assert agreement >= 0.995
    # the lexicon's names are single tokens in both
    assert {"省长吉图办", "省住房城乡建设厅", "人民银行长春中心支行"} <= set(fast.tokens["token"])


def _worker_dies(jobs, strict, path):
    os._exit(3)  # as a worker killed for lack of memory would


def test_a_worker_that_dies_is_named_not_waited_for(files, monkeypatch):
    from harchang_analysis import corpus

    monkeypatch.setattr(corpus, "_parse_batch_to_file", _worker_dies)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        with pytest.raises(RuntimeError, match=r"a worker process stopped while parsing .*n_jobs=1"):
            load_corpus([SEED, EXAMPLE, SEED, EXAMPLE], n_jobs=2)


def test_strict_stops_with_workers_too(files):
    with pytest.raises(PlanInputError, match="empty"):
        load_corpus(files, strict=True, n_jobs=2)


def test_batches_keep_order_and_shrink_to_single_plans(tmp_path):
    from harchang_analysis.corpus import _batches

    paths = []
    for i in range(40):
        path = tmp_path / f"{i:02d}.txt"
        path.write_text("字" * 1000, encoding="utf-8")  # forty plans of the same size
        paths.append(path)
    jobs = [(i, str(p)) for i, p in enumerate(paths, 1)]
    batches = _batches(jobs, processes=2)
    assert [job for batch in batches for job in batch] == jobs  # every plan once, in order
    sizes = [len(batch) for batch in batches]
    # batches shrink as the work runs out, down to single plans, so that the processes finish together
    assert sizes == sorted(sizes, reverse=True)
    assert 1 < sizes[0] < len(jobs) and sizes[-1] == 1
    # a missing file counts as empty and still gets its place
    missing = [*jobs, (41, str(tmp_path / "missing.txt"))]
    assert [job for batch in _batches(missing, processes=2) for job in batch] == missing
    # a cap on the bytes of a batch (each plan is 3,000 bytes of UTF-8): at most three plans a batch
    capped = _batches(jobs, processes=2, most=10_000)
    assert [job for batch in capped for job in batch] == jobs
    assert max(len(batch) for batch in capped) == 3
    # a plan larger than the cap is a batch of its own
    assert _batches(jobs[:2], processes=2, most=1_000) == [[jobs[0]], [jobs[1]]]


def test_three_processes_share_the_work_and_leave_nothing_behind(files, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the workers leave their tables
    three = _same_as_one_process([SEED, EXAMPLE, files[1], SEED, EXAMPLE, SEED, EXAMPLE, SEED], n_jobs=3)
    # doc_id follows the list whoever parsed the plan: the seed's 46 tasks and the example's 22
    assert three.documents["doc_id"].tolist() == [1, 2, 4, 5, 6, 7, 8]
    assert three.documents["n_tasks"].tolist() == [46, 22, 46, 22, 46, 22, 46]
    assert list(tmp_path.iterdir()) == []


def test_progress_counts_every_plan_whoever_parses_it(capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        load_corpus([SEED, EXAMPLE, SEED, EXAMPLE], n_jobs=2, progress=True)
    shown = capsys.readouterr().err
    assert "4/4" in shown and "plan" in shown
    assert "5/4" not in shown
