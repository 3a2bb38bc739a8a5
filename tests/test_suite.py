"""The suite runner on a two-notebook folder: order, parameters, stable output, clean failure."""

from __future__ import annotations

import json

import pytest

from harchang_analysis.suite import SuiteError, list_notebooks, run_notebooks

HEADER = ("# ---\n# jupyter:\n#   kernelspec:\n#     display_name: Python 3\n#     language: python\n"
          "#     name: python3\n# ---\n\n")


def write(folder, name, body):
    (folder / name).write_text(HEADER + body, encoding="utf-8")


def test_runs_in_order_with_parameters(tmp_path, capsys):
    write(tmp_path, "02-second.py", '# %% tags=["parameters"]\nX = 1\n\n# %%\nprint(X * 2)\n')
    write(tmp_path, "01-first.py", '# %% [markdown]\n# 标题\n\n# %% tags=["parameters"]\nX = 0\n\n# %%\nprint("一")\n')
    (tmp_path / "notes.py").write_text("print('not a notebook')\n", encoding="utf-8")
    assert [p.name for p in list_notebooks(tmp_path)] == ["01-first.py", "02-second.py"]
    out = tmp_path / "out"
    written = run_notebooks(tmp_path, out=out, parameters={"X": 21})
    assert [p.name for p in written] == ["01-first.ipynb", "02-second.ipynb"]
    progress = capsys.readouterr().out
    assert progress.index("[1/2] 01-first") < progress.index("[2/2] 02-second")
    nb = json.loads((out / "02-second.ipynb").read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert "".join(outputs[-1]["text"]) == "42\n"  # the injected X = 21 overrides X = 1
    first = (out / "01-first.ipynb").read_bytes()
    run_notebooks(tmp_path, out=out, only=["01"], parameters={"X": 21})
    assert (out / "01-first.ipynb").read_bytes() == first  # same notebook, same bytes
    assert not (tmp_path / "01-first.ipynb").exists()  # the source folder is untouched


def test_failing_cell_names_the_notebook_and_the_others_still_run(tmp_path):
    write(tmp_path, "01-broken.py", "# %%\nx = 1\n\n# %%\nraise ValueError('坏了')\n")
    write(tmp_path, "02-fine.py", "# %%\nprint('好')\n")
    with pytest.raises(SuiteError, match=r"^1 of 2 notebooks failed \(01-broken.py, cell 2: ValueError: 坏了\); "
                                         r"the others ran and were written\. Open the failed notebook"):
        run_notebooks(tmp_path, out=tmp_path / "out")
    assert not (tmp_path / "out" / "01-broken.ipynb").exists()
    assert (tmp_path / "out" / "02-fine.ipynb").exists()


def test_notebooks_run_side_by_side_give_the_same_bytes(tmp_path, capsys):
    for k in range(1, 4):
        write(tmp_path, f"0{k}-n{k}.py", f'# %% tags=["parameters"]\nX = {k}\n\n# %%\nprint("第", X)\n')
    one = run_notebooks(tmp_path, out=tmp_path / "one", jobs=1)
    two = run_notebooks(tmp_path, out=tmp_path / "two", jobs=2)
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]
    progress = capsys.readouterr().out.split("[1/3]")[-1]
    assert progress.index("01-n1") < progress.index("[2/3] 02-n2") < progress.index("[3/3] 03-n3")  # reading order


def test_parameters_need_a_parameters_cell(tmp_path):
    write(tmp_path, "01-plain.py", "# %%\nprint(1)\n")
    with pytest.raises(SuiteError, match=r"01-plain\.py: .*parameters"):
        run_notebooks(tmp_path, out=tmp_path / "out", parameters={"X": 1})


def test_empty_folder(tmp_path):
    with pytest.raises(SuiteError, match="no notebooks"):
        list_notebooks(tmp_path)


SMALL = ["建设数据中心和算力平台。推进产业数字化转型。", "发展智慧农业和农村电商。", "建设智慧交通平台，到2025年建成。"]


@pytest.mark.parametrize("name, clauses, n_tasks", [("one-task", True, 1), ("no-clauses", False, 3)])
def test_workload_and_topic_notebooks_run_on_small_plans(tmp_path, name, clauses, n_tasks):
    # a plan that names no place of the lexicon, with one task, or with three items and no clause at all:
    # the notebooks that count agencies and fit topics must say there is little to show, not fail
    from harchang_analysis.suite import default_notebooks

    lines = ["某市行动方案", "一、主要任务"] + [
        f"{k}.{SMALL[k - 1]}" + ("（市数据局牵头，市财政局配合）" if clauses else "") for k in range(1, n_tasks + 1)]
    plan = tmp_path / f"{name}.txt"
    plan.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    written = run_notebooks(default_notebooks(), out=out, only=["02", "03"],
                            parameters={"PLAN": str(plan), "LEXICON": None, "FIGURES": str(out / "figures")})
    assert [p.name for p in written] == ["02-agency-workload.ipynb", "03-sector-emphasis.ipynb"]
