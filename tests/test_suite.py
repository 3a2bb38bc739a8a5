"""The suite runner on a two-notebook folder: order, parameters, stable output, clean failure."""

from __future__ import annotations

import json
from pathlib import Path

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


SMALL = ["建设数据中心和算力平台。推进产业数字化转型。", "发展智慧农业和农村电商。", "建设智慧交通平台，到2025年建成。",
         "推进长春至吉林城际铁路建设，2026年底前完成。", "支持延边州发展冰雪旅游，打造国际冰雪旅游目的地。",
         "加快四平市老工业基地调整改造，培育新能源汽车产业。", "完善松原市农产品冷链物流体系。",
         "提升哈尔滨至长春高速公路通行能力，新建服务区10个。"]
CLAUSE = "（市数据局牵头，市财政局、市交通运输局配合）"


def _outputs(notebook):
    """(cell source, text of each output) of an executed notebook."""
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            text = output.get("text") or output.get("data", {}).get("text/plain", "")
            yield "".join(cell["source"]), "".join(text)


@pytest.mark.slow
@pytest.mark.parametrize("name, clauses, n_tasks, missing", [
    # one task that names no place: no targets, no projects, no keyword pairs
    ("one-task", True, 1, {"06-targets-and-projects": ["quantitative targets", "named projects"],
                           "05-keyword-cooccurrence": ["keyword pairs frequent enough to test"]}),
    # three items and no clause at all: no tasks, so no assignments
    ("no-clauses", False, 3, {"01-text-and-structure": ["tasks"], "02-agency-workload": ["assignments"]}),
    # eight tasks with places, a deadline and a quantity
    ("eight-tasks", True, 8, {"05-keyword-cooccurrence": ["sentences with 口岸"]}),
])
def test_every_notebook_runs_on_small_plans(tmp_path, name, clauses, n_tasks, missing):
    # every notebook runs to the end; a section with nothing to show says so in one line, and no empty
    # table is printed as an empty frame. The eight-task plan goes through the command line, from an empty
    # folder (the suite beside the package is found), with a lexicon of its own and the plan's year.
    import subprocess
    import sys

    from harchang_analysis.suite import default_notebooks

    lines = ["某市行动方案", "一、主要任务"] + [f"{k}.{SMALL[k - 1]}" + (CLAUSE if clauses else "")
                                                for k in range(1, n_tasks + 1)]
    plan = tmp_path / f"{name}.txt"
    plan.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    if n_tasks == 8:
        lexicon = Path(__file__).resolve().parent.parent / "examples" / "digital-plan" / "lexicon"
        empty = tmp_path / "elsewhere"
        empty.mkdir()
        result = subprocess.run([sys.executable, "-m", "harchang_analysis", "run", "--plan", str(plan), "--lexicon",
                                 str(lexicon), "--year", "2023", "--out", str(out)],
                                capture_output=True, text=True, check=False, cwd=empty)
        assert result.returncode == 0, result.stderr
        assert "[8/8] 08-comparing-plans" in result.stdout
        written = sorted(out.glob("*.ipynb"))
        injected = [c for c in json.loads(written[1].read_text(encoding="utf-8"))["cells"]
                    if "injected-parameters" in c["metadata"].get("tags", [])]
        source = "".join(injected[0]["source"])
        assert "eight-tasks.txt" in source and "digital-plan" in source and "YEAR = 2023" in source
        assert any((out / "figures").glob("*-en.svg"))
    else:
        written = run_notebooks(default_notebooks(), out=out, jobs=1,
                                parameters={"PLAN": str(plan), "LEXICON": None, "FIGURES": str(out / "figures")})
    assert len(written) == 8
    said = {}
    for notebook in written:
        for source, text in _outputs(notebook):
            assert not text.startswith(("Empty DataFrame", "Series([]")), f"{notebook.name}: {source!r} shows {text!r}"
            if text.startswith("本规划中无此类数据 · No such data in this plan: "):
                said.setdefault(notebook.stem, []).append(text.split(": ", 1)[1])
    workload = "".join(text for _, text in _outputs(out / "02-agency-workload.ipynb"))
    assert ("市数据局" in workload) == clauses and "长春市政府" not in workload  # this plan's tables, not the seed's
    for stem, whats in missing.items():
        for what in whats:
            assert what in said.get(stem, []), f"{stem} does not say it has no {what}: {said.get(stem)}"


def test_a_kernel_that_dies_before_running_a_cell_is_started_once_more(tmp_path, monkeypatch):
    # a kernel that fails to start is started again; one that keeps dying is a one-line failure
    from nbclient import NotebookClient

    write(tmp_path, "01-one.py", "# %%\nprint('一')\n")
    execute = NotebookClient.execute
    calls = []

    def dies_first(self, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return execute(self, **kwargs)

    monkeypatch.setattr(NotebookClient, "execute", dies_first)
    written = run_notebooks(tmp_path, out=tmp_path / "out", jobs=1)
    assert [p.name for p in written] == ["01-one.ipynb"] and len(calls) == 2

    def always_dies(self, **kwargs):
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(NotebookClient, "execute", always_dies)
    with pytest.raises(SuiteError, match=r"01-one\.py: the Python kernel stopped \(Kernel died before replying"):
        run_notebooks(tmp_path, out=tmp_path / "again", jobs=1)
    assert not (tmp_path / "again" / "01-one.ipynb").exists()
