"""Set-up files agree: pyproject.toml, requirements.lock and environment.yml pin the same versions."""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^\s*-?\s*([A-Za-z0-9_.\-]+)==([^\s#]+)")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(lines) -> dict[str, str]:
    return {_norm(m[1]): m[2] for m in map(PIN.match, lines) if m}


def test_every_declared_package_is_pinned_alike_everywhere():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared.extend(extra)
    pyproject = _pins(declared)
    lock = _pins((ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines())
    env_lines = (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines()
    conda = _pins(line.strip() for line in env_lines)
    assert len(pyproject) == len(declared), "every dependency in pyproject.toml is pinned with =="
    assert conda == pyproject, "environment.yml lists the same packages and versions as pyproject.toml"
    assert {name: lock.get(name) for name in pyproject} == pyproject, "requirements.lock holds the same pins"


def test_seed_is_byte_identical_to_its_source():
    # the SHA-256 of the plan as it was given to the project; the copy here is never edited
    data = (ROOT / "seeds" / "000_cfe327ed47657390.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == "274162b868ce38a46973b7ef52675e51603fd1ba5eee6c525adf34796d0d0dd1"
    assert data.decode("utf-8").splitlines()[1] == "吉林省哈长城市群发展规划实施方案"


@pytest.mark.slow
def test_the_wheel_installs_and_runs_from_an_empty_folder(tmp_path):
    # build the wheel, install it alone into a fresh virtual environment (its dependencies are lent by
    # this environment through a .pth line, so nothing is downloaded), then use it from an empty folder
    import subprocess
    import sys
    import sysconfig

    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                    "--disable-pip-version-check", "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    wheel, = wheels.glob("harchang_analysis-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "lent.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet",
                    "--disable-pip-version-check", str(wheel)], check=True, capture_output=True)
    empty = tmp_path / "empty"
    empty.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(python), *args], cwd=empty, capture_output=True, text=True, check=False)

    probe = run("-c", "import harchang_analysis, harchang_analysis.analysis as a; from harchang_analysis import "
                      "load_plan; print(harchang_analysis.__file__); print(len(load_plan().tasks))")
    assert probe.returncode == 0, probe.stderr
    where, n_tasks = probe.stdout.split()
    assert where.startswith(str(venv)) and n_tasks == "46"  # the installed copy, with its seed
    version = run("-m", "harchang_analysis", "--version")
    assert version.stdout.startswith("harchang 0.")
    suite = run("-m", "harchang_analysis", "run", "--only", "01", "--out", "results")
    assert suite.returncode == 0, suite.stderr
    assert (empty / "results" / "01-text-and-structure.ipynb").is_file()
    assert any((empty / "results" / "figures").glob("01-*.svg"))


def test_source_lines_are_at_most_120_characters():
    # ruff counts a CJK character as two columns, so the line length is checked here, in characters
    sources = [*ROOT.glob("harchang_analysis/**/*.py"), *ROOT.glob("tests/*.py"), *ROOT.glob("notebooks/*.py"),
               *ROOT.glob("benchmarks/*.py")]
    long = [f"{p.relative_to(ROOT)}:{k}" for p in sources
            for k, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if len(line) > 120]
    assert not long, f"lines over 120 characters: {long}"
