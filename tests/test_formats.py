"""Other formats: the seed as GB18030, UTF-16, Word, PDF or in traditional script gives the same tables."""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.backends.backend_pdf import PdfPages

from harchang_analysis import load_plan
from harchang_analysis.errors import PlanInputError, StructureWarning
from harchang_analysis.plotting import apply_style
from harchang_analysis.text import read_text, to_simplified

from .conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


def assert_same_tables(plan, reference):
    assert plan.text == reference.text
    for name, table in reference.tables().items():
        pd.testing.assert_frame_equal(getattr(plan, name), table, obj=name)


def wrap_like_pdf(text, width, *, indent=0):
    """The lines of ``text`` as a page ``width`` full-width characters wide sets them: every paragraph
    broken where the next character would pass the margin, a letter or digit taking half a character,
    and its first line ``indent`` characters in (the indent itself not kept, as a PDF's text gives it)."""
    lines = []
    for paragraph in text.split("\n"):
        line, used = "", float(indent)
        for ch in paragraph:
            ch_width = 0.5 if ch.isascii() else 1.0
            if used + ch_width > width:
                lines.append(line)
                line, used = "", 0.0
            line, used = line + ch, used + ch_width
        lines.append(line)
    return lines


def write_pdf(path, lines, *, per_page=40, running_head=None, image_only=False):
    """A PDF with a text layer: the given lines, page numbers in the footer, an optional running head."""
    apply_style()
    with warnings.catch_warnings(), matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(path) as pdf:
        warnings.filterwarnings("ignore", message="Glyph 57360")  # U+E010 has no glyph; its text stays
        for page, start in enumerate(range(0, len(lines), per_page), 1):
            fig = plt.figure(figsize=(8.27, 11.69))
            if image_only:
                fig.figimage([[0.2, 0.8], [0.8, 0.2]], 100, 100)
            else:
                if running_head:
                    fig.text(0.1, 0.96, running_head, fontsize=9)
                for i, line in enumerate(lines[start:start + per_page]):
                    fig.text(0.1, 0.92 - 0.021 * i, line, fontsize=10)
                fig.text(0.5, 0.03, f"— {page} —", fontsize=9, ha="center")
            pdf.savefig(fig)
            plt.close(fig)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_seed_in_other_encodings(tmp_path, seed_plan, encoding):
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED_TEXT.replace("\n", "\r\n").encode(encoding))
    plan = load_plan(path)
    assert plan.source.encoding == ("utf-8-sig" if encoding == "utf-8-sig" else encoding)
    assert_same_tables(plan, seed_plan)


def test_seed_as_docx(tmp_path, seed_plan):
    import docx

    document = docx.Document()
    for line in SEED_TEXT.split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "seed.docx"
    document.save(path)
    plan = load_plan(path)
    assert plan.source.encoding == "docx"
    assert_same_tables(plan, seed_plan)


@pytest.mark.slow
def test_seed_as_pdf_with_running_heads(tmp_path, seed_plan):
    # set 28 characters to the line with paragraphs indented by two, as a government document's page is
    lines = wrap_like_pdf(seed_plan.text, 28, indent=2)
    path = tmp_path / "seed.pdf"
    write_pdf(path, lines, running_head="吉林省人民政府办公厅文件")
    plan = load_plan(path)
    assert plan.source.encoding == "pdf"
    assert "办公厅文件" not in plan.source.text  # the running head is gone
    assert "— 3 —" not in plan.source.text  # and so are the page numbers
    assert_same_tables(plan, seed_plan)


@pytest.mark.parametrize(("width", "indent"), [(18, 0), (20, 2), (28, 2), (32, 0), (40, 2)])
def test_seed_set_in_lines_of_any_width_reads_the_same(tmp_path, seed_plan, width, indent):
    # as text copied out of a PDF set `width` characters to the line: breaks fall inside names and
    # numbers, and sentences end at the margin
    path = tmp_path / "seed-lines.txt"
    path.write_text("\n".join(wrap_like_pdf(seed_plan.text, width, indent=indent)), encoding="utf-8")
    assert_same_tables(load_plan(path), seed_plan)


def test_seed_in_traditional_script(tmp_path, seed_plan):
    import opencc

    traditional = opencc.OpenCC("s2t").convert(SEED_TEXT)
    assert "乾安" in traditional and "長春市" in traditional
    path = tmp_path / "seed-traditional.txt"
    path.write_text(traditional, encoding="utf-8")
    plan = load_plan(path)
    assert plan.source.conversion == "t2s"
    assert_same_tables(plan, seed_plan)  # 乾安县 survives, although OpenCC alone would write 干安县
    # kept in traditional script, the clause grammar (written in simplified) finds nothing, and says so
    with pytest.warns(StructureWarning, match="no responsibility clauses"):
        kept = load_plan(path, simplify=False)
    assert kept.source.conversion == "" and "長春市" in kept.text


def test_simplified_text_is_not_converted(seed_plan):
    assert seed_plan.source.conversion == ""


def test_big5_is_recognised(tmp_path):
    text = "吉林省哈長城市群發展規劃實施方案\n（一）構建城市群體系。\n1.發揮長春市的核心帶動作用。\n"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    source = read_text(path)
    assert source.encoding == "big5"
    assert source.conversion == "t2s"
    assert source.text.startswith("吉林省哈长城市群发展规划实施方案")


def test_protected_names_survive_conversion():
    assert to_simplified("推進西部長嶺乾安高地", protect=("乾安", "长岭")) == "推进西部长岭乾安高地"


def test_fake_pdf(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_text("this is not a PDF at all", encoding="utf-8")
    with pytest.raises(PlanInputError, match="not a readable PDF"):
        read_text(path)


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    write_pdf(plain, ["一、总体要求", "正文。"])
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "locked.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(PlanInputError, match="encrypted"):
        read_text(path)


def test_scanned_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    write_pdf(path, ["x"] * 3, image_only=True)
    with pytest.raises(PlanInputError, match="no text layer"):
        read_text(path)


@pytest.mark.parametrize(("name", "data", "fragment"), [
    ("broken.docx", b"PK\x03\x04 not really a zip", "not a Word .docx"),
    ("old.doc", b"\xd0\xcf\x11\xe0 old word", "old Word .doc"),
])
def test_bad_word_files(tmp_path, name, data, fragment):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PlanInputError, match=fragment):
        read_text(path)
