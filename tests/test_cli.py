"""Command line: parse writes five tables; bad input is one line, exit 2, nothing half-written."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from harchang_analysis.cli import main

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_cfe327ed47657390.txt"
TABLES = ["assignments.csv", "mentions.csv", "tasks.csv", "tokens.csv", "units.csv"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "harchang_analysis", *args], capture_output=True, text=True,
                          check=False)


def test_parse_writes_the_five_tables(tmp_path):
    out = tmp_path / "tables"
    assert main(["parse", str(SEED), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == TABLES
    with (out / "tasks.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 46
    assert list(rows[0]) == ["task_id", "unit_id", "heading_path", "title", "text", "clause", "deadline",
                            "deadline_year", "deadline_month"]
    with (out / "assignments.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header == ["task_id", "agency", "role", "agency_type", "agency_en", "role_basis", "qualifier",
                      "agency_level", "type_source"]


def test_parse_twice_gives_identical_bytes(tmp_path):
    main(["parse", str(SEED), "--out", str(tmp_path / "a")])
    main(["parse", str(SEED), "--out", str(tmp_path / "b")])
    for name in TABLES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_help_explains_itself():
    result = run("--help")
    assert result.returncode == 0
    assert "parse" in result.stdout and "init-lexicon" in result.stdout
    result = run("parse", "--help")
    assert "--out DIR" in result.stdout and "--lexicon DIR" in result.stdout


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: (d / "empty.txt", (d / "empty.txt").write_text("   \n", encoding="utf-8"))[0], "empty"),
        (lambda d: (d / "bad.txt", (d / "bad.txt").write_bytes(bytes(range(256)) * 4))[0], "not text"),
    ],
)
def test_bad_input_one_line_exit_2_nothing_written(tmp_path, make, fragment):
    src = tmp_path / "in"
    src.mkdir()
    path = make(src)
    out = tmp_path / "out"
    result = run("parse", str(path), "--out", str(out))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0] and str(path) in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["in"]  # no staging folder left behind


def test_bad_lexicon_is_one_line_exit_2(tmp_path):
    result = run("parse", str(SEED), "--out", str(tmp_path / "out"), "--lexicon", str(tmp_path / "nolex"))
    assert result.returncode == 2
    assert "lexicon folder not found" in result.stderr and "Traceback" not in result.stderr


def test_existing_tables_survive_a_failed_run(tmp_path):
    out = tmp_path / "out"
    assert main(["parse", str(SEED), "--out", str(out)]) == 0
    before = {name: (out / name).read_bytes() for name in TABLES}
    assert run("parse", str(tmp_path / "missing.txt"), "--out", str(out)).returncode == 2
    assert {name: (out / name).read_bytes() for name in TABLES} == before


def test_init_lexicon_then_parse_with_it(tmp_path):
    lex = tmp_path / "lex"
    assert run("init-lexicon", str(lex)).returncode == 0
    result = run("parse", str(SEED), "--out", str(tmp_path / "out"), "--lexicon", str(lex))
    assert result.returncode == 0, result.stderr
    again = run("init-lexicon", str(lex))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_unknown_agency_warning_is_one_line(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("一、任务\n（一）甲。\n1乙。\n内容。（东北亚博览会组委会负责实施）\n", encoding="utf-8")
    result = run("parse", str(plan), "--out", str(tmp_path / "out"))
    assert result.returncode == 0
    assert result.stderr.strip().splitlines() == [
        "warning: 1 agency neither in a lexicon nor typed by its form: 东北亚博览会组委会 (1); add them to agencies.csv"]


def test_text_without_headings_or_clauses_parses_with_warnings(tmp_path):
    plan = tmp_path / "notes.txt"
    plan.write_text("这是一段没有标题的文字。\n它也没有责任条款。\n", encoding="utf-8")
    result = run("parse", str(plan), "--out", str(tmp_path / "out"))
    assert result.returncode == 0
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 2
    assert "no headings recognised" in warnings[0] and "no responsibility clauses recognised" in warnings[1]
    assert (tmp_path / "out" / "units.csv").is_file()


@pytest.mark.parametrize(("name", "data", "fragment"), [
    ("fake.pdf", b"%PDF-1.4 truncated nonsense", "not a readable PDF"),
    ("broken.docx", b"PK\x03\x04 nonsense", "not a Word .docx"),
])
def test_bad_pdf_and_docx_are_one_line(tmp_path, name, data, fragment):
    path = tmp_path / name
    path.write_bytes(data)
    result = run("parse", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and fragment in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_backends_write_identical_tables(tmp_path):
    assert main(["parse", str(SEED), "--out", str(tmp_path / "jieba")]) == 0
    assert main(["parse", str(SEED), "--out", str(tmp_path / "rjieba"), "--backend", "rjieba"]) == 0
    for name in TABLES:
        assert (tmp_path / "jieba" / name).read_bytes() == (tmp_path / "rjieba" / name).read_bytes(), name


def test_version():
    from harchang_analysis import __version__

    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"harchang {__version__}"
    assert __version__[0].isdigit()


def test_only_an_unknown_notebook_is_an_error_naming_the_known_ones():
    result = run("run", "--only", "99")
    assert result.returncode == 2
    assert result.stderr.startswith("harchang: error: --only 99: no such notebook; the notebooks are 01-")
    assert "07-adapting-to-another-plan" in result.stderr




def _plan_of(tmp_path, sentences):
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(["一、主要任务", *sentences]), encoding="utf-8")
    return path


def _fill(path, codes):
    """Fill a drawn sample's sectors and instruments, by sentence text, as a reader would."""
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["sectors"], row["instruments"] = codes[row["text"]]
    with path.open("w", encoding="utf-8-sig", newline="") as f:  # as a spreadsheet saves CSV UTF-8
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


CODED = {  # each sentence's codes, by reading it against the codebook
    "建设冰雪旅游景区和机场。": ("旅游会展|交通", "基础设施建设"),
    "扩大农产品对外贸易，提高通关效率。": ("农业|对外开放", "贸易管制"),
    "加大科技研发投入，推动技术创新。": ("", "科技支持"),
}


def test_draw_a_sample_code_it_and_score_the_coder(tmp_path, capsys):
    plan = _plan_of(tmp_path, list(CODED))
    sample = tmp_path / "sample.csv"
    assert main(["draw-sample", str(plan), "--n", "10", "--seed", "1", "--out", str(sample)]) == 0
    with sample.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["text"] for r in rows] == list(CODED)  # fewer than asked for: all, in order; the heading is short
    assert list(rows[0]) == ["doc", "sentence_id", "text", "sectors", "instruments"]
    assert {r["doc"] for r in rows} == {"plan"} and not any(r["sectors"] or r["instruments"] for r in rows)
    _fill(sample, CODED)
    capsys.readouterr()
    assert main(["score-sample", str(plan), "--sample", str(sample)]) == 0
    out = capsys.readouterr().out
    assert "sectors 1.000, instruments 1.000" in out  # the reading and the coder agree on every code
    # one sector left out by the reader: the coder's 交通 is now a code the reading does not have
    _fill(sample, {**CODED, "建设冰雪旅游景区和机场。": ("旅游会展", "基础设施建设")})
    assert main(["score-sample", str(plan), "--sample", str(sample)]) == 0
    out = capsys.readouterr().out
    assert f"sectors {2 * 3 / (3 + 4):.3f}" in out  # 3 codes agreed of 3 read and 4 coded


def test_a_draw_never_overwrites_and_leaves_out_what_was_drawn(tmp_path, capsys):
    plan = _plan_of(tmp_path, [f"推进第{k}个城市的交通建设。" for k in range(1, 9)])
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["draw-sample", str(plan), "--n", "3", "--seed", "4", "--out", str(first)]) == 0
    before = first.read_bytes()
    assert main(["draw-sample", str(plan), "--n", "3", "--seed", "5", "--out", str(first)]) == 2
    assert "exists" in capsys.readouterr().err and first.read_bytes() == before
    assert main(["draw-sample", str(plan), "--n", "10", "--seed", "4", "--out", str(second),
                 "--exclude", str(first)]) == 0
    with first.open(encoding="utf-8") as f, second.open(encoding="utf-8") as g:
        a, b = [r["sentence_id"] for r in csv.DictReader(f)], [r["sentence_id"] for r in csv.DictReader(g)]
    assert len(a) == 3 and len(b) == 5 and not set(a) & set(b)


@pytest.mark.parametrize(("edit", "fragment"), [
    (lambda rows: [{**r, "sectors": "教育"} for r in rows], "not one of the lexicon's"),
    (lambda rows: [{k: v for k, v in r.items() if k != "text"} for r in rows], "no column text"),
    (lambda rows: [{**r, "doc": "another"} for r in rows], "holds no sentence of plan"),
    (lambda rows: [{**r, "text": "别的句子。"} for r in rows], "re-check the sample"),
])
def test_a_bad_sample_is_one_line_exit_2(tmp_path, edit, fragment):
    plan = _plan_of(tmp_path, list(CODED))
    sample = tmp_path / "sample.csv"
    assert main(["draw-sample", str(plan), "--n", "3", "--seed", "1", "--out", str(sample)]) == 0
    with sample.open(encoding="utf-8") as f:
        rows = edit(list(csv.DictReader(f)))
    with sample.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run("score-sample", str(plan), "--sample", str(sample))
    errors = [line for line in result.stderr.splitlines() if not line.startswith("warning:")]
    assert result.returncode == 2 and len(errors) == 1 and fragment in errors[0], result.stderr
