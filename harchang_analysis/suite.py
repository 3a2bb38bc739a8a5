"""Run the notebook suite: each paired script becomes a notebook, executed top to bottom.

The ``NN-topic.py`` scripts (jupytext, py:percent) are the source; ``run_notebooks`` turns
each into ``NN-topic.ipynb``, executes it in a fresh kernel with its folder as the working
directory, and writes it back with its outputs. It says which notebook it is on.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from .errors import PlanError
from .files import package_folder, write_atomic


class SuiteError(PlanError):
    """A notebook failed to run."""


def default_notebooks() -> Path:
    """``notebooks/`` in the current folder if it has the suite, else the suite that travels with the package."""
    here = Path("notebooks")
    if here.is_dir() and any(here.glob("[0-9][0-9]-*.py")):
        return here
    return package_folder("harchang_analysis.notebooks") or Path(__file__).resolve().parent.parent / "notebooks"


def list_notebooks(folder: str | Path) -> list[Path]:
    """The paired scripts of the suite, ``NN-topic.py``, in reading order."""
    folder = Path(folder)
    scripts = sorted(p for p in folder.glob("[0-9][0-9]-*.py"))
    if not scripts:
        raise SuiteError(f"{folder}: no notebooks (NN-topic.py) found")
    return scripts


def _set_parameters(nb, parameters: Mapping[str, object]):
    """The notebook with papermill's cell of ``parameters`` after its ``parameters`` cell."""
    from papermill.parameterize import parameterize_notebook

    if not parameters:
        return nb
    if not any("parameters" in c.get("metadata", {}).get("tags", []) for c in nb.cells):
        raise SuiteError("the notebook has no cell tagged 'parameters'")
    for cell in nb.cells:
        cell.metadata.setdefault("tags", [])  # papermill reads every cell's tags, and its own metadata
    nb.metadata.setdefault("papermill", {})
    return parameterize_notebook(nb, dict(parameters), kernel_name="python3", language="python")


def _run_one(script: Path, folder: Path, target: Path, parameters: Mapping[str, object],
             timeout: int) -> tuple[Path, str, float]:
    """Execute one notebook in a fresh kernel and write it; returns its path, a failure (or ""), seconds."""
    import jupytext
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    started = time.monotonic()
    path = target / f"{script.stem}.ipynb"
    nb = jupytext.read(script)
    try:
        nb = _set_parameters(nb, parameters)
    except SuiteError as exc:
        return path, f"{script.name}: {exc}", 0.0
    for k, cell in enumerate(nb.cells):
        cell["id"] = f"{script.stem[:2]}-{k:03d}"  # stable ids: the same notebook gives the same bytes
    for attempt in range(KERNEL_STARTS):
        # the kernel is stopped at once when the last cell is done: a notebook writes its files as it goes
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                                shutdown_kernel="immediate", resources={"metadata": {"path": str(folder)}})
        try:
            # the kernel's own log lines (a note on its local TCP transport) stay off the terminal
            client.execute(stderr=subprocess.DEVNULL)
        except CellExecutionError as exc:
            return path, f"{script.name}, cell {_failed_cell(nb)}: {_last_line(exc)}", 0.0
        except RuntimeError as exc:  # the kernel died or did not answer (DeadKernelError among them)
            if attempt + 1 < KERNEL_STARTS and not _ran_any_cell(nb):
                continue  # it never ran a cell: a kernel that failed to start, started once more
            return path, f"{script.name}: the Python kernel stopped ({_last_line(exc)})", 0.0
        break
    write_atomic(path, functools.partial(_write_notebook, nb))
    return path, "", time.monotonic() - started


#: how many times a notebook's kernel is started when it dies before running a cell (a kernel
#: that fails to start now and then on a busy machine)
KERNEL_STARTS = 2


def _ran_any_cell(nb) -> bool:
    """Whether any code cell of the notebook has run (has an execution count or an output)."""
    return any(c.get("cell_type") == "code" and (c.get("execution_count") or c.get("outputs")) for c in nb.cells)


def _write_notebook(nb, path: Path) -> None:
    import nbformat

    nbformat.write(nb, str(path))


def _last_line(exc: BaseException) -> str:
    lines = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip().splitlines()
    return lines[-1] if lines else type(exc).__name__


def _failed_cell(nb) -> int:
    """The number (1 …) of the code cell whose output holds the error."""
    code = [c for c in nb.cells if c.get("cell_type") == "code"]
    for k, cell in enumerate(code, 1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return k
    return len(code)


def run_notebooks(folder: str | Path = "notebooks", *, out: str | Path | None = None,
                  parameters: Mapping[str, object] | None = None, timeout: int = 900,
                  only: list[str] | None = None, jobs: int | None = None) -> list[Path]:
    """Execute every notebook of the suite and write it with its outputs.

    Args:
        folder: where the ``NN-topic.py`` scripts are.
        out: where to write the executed notebooks; ``folder`` itself when None.
        parameters: values that override the notebooks' ``parameters`` cells.
        timeout: seconds a single cell may run.
        only: run just the notebooks whose names start with one of these prefixes.
        jobs: how many notebooks run at once, each in its own kernel; the machine's cores when
            None. Progress is reported in reading order whatever order they finish in.

    Every notebook runs even when another fails; the failed ones are not written.

    Raises:
        SuiteError: after the last notebook, when any failed: the message names each failed
            notebook, its code cell (counted from 1) and the error, and says what to do.
    """
    from concurrent.futures import ThreadPoolExecutor

    folder = Path(folder).resolve()
    target = Path(out).resolve() if out is not None else folder
    target.mkdir(parents=True, exist_ok=True)
    scripts = [p for p in list_notebooks(folder) if not only or p.stem.startswith(tuple(only))]
    workers = max(1, min(len(scripts), jobs or os.cpu_count() or 1))
    written: list[Path] = []
    failures: list[str] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        running = [pool.submit(_run_one, script, folder, target, parameters or {}, timeout) for script in scripts]
        for i, (script, future) in enumerate(zip(scripts, running), 1):
            print(f"[{i}/{len(scripts)}] {script.stem} …", end=" ", flush=True)
            path, failure, seconds = future.result()
            if failure:
                print("failed", flush=True)
                failures.append(failure)
            else:
                written.append(path)
                print(f"{seconds:.1f} s", flush=True)
    if failures:
        sys.stdout.flush()
        listed = "; ".join(failures)
        raise SuiteError(f"{len(failures)} of {len(scripts)} notebooks failed ({listed}); the others ran and were "
                         f"written. Open the failed notebook in JupyterLab, run it to the cell named, and check the "
                         f"plan's tables there (or report the plan if they look right)")
    sys.stdout.flush()
    return written
