"""Write the Word and Excel 97–2003 (.doc, .xls) files and the typeset PDFs the tests read, in
tests/data/doc/.

Each is written first as a .docx with python-docx (the seed plan; the task-table plan of
tests/test_task_tables.py; the seed and a short plan whose headings Word numbers itself, the
latter with a hyperlink field) or as an .xlsx with openpyxl (the task-table plan, its merged
cells included), then saved in the old format by LibreOffice (``soffice --headless --convert-to
doc`` or ``xls``), which the tests do not need. The PDFs are the seed and the Guangzhou plan of tests/data/real set as a
government document is (A4, 16-point Noto Serif CJK, justified, first lines indented by two
characters) and exported by LibreOffice: lines broken by width, as real PDFs of plans are.

Run it from the project's root with LibreOffice (Writer and Calc) and the Noto CJK fonts installed:

    .venv/bin/python scripts/make_doc_fixtures.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "doc"


def write_typeset_docx(path: Path, text: str) -> None:
    """``text`` as a government document is set: A4, the margins of GB/T 9704, 16-point type (三号),
    paragraphs justified with a two-character first-line indent, the title centred."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "Noto Serif CJK SC"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    normal.paragraph_format.first_line_indent = Pt(32)
    normal.paragraph_format.space_after = Pt(0)
    for k, line in enumerate(text.split("\n")):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = 1 if k == 0 else 3  # centred title, justified text
        if k == 0:
            paragraph.paragraph_format.first_line_indent = Pt(0)
    document.save(path)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    import docx
    from docx.oxml import parse_xml

    from harchang_analysis import load_plan
    from tests.test_formats import PLAN_LEVELS, W_NS, add_word_list, number_paragraph, write_numbered_by_word
    from tests.test_task_tables import table_rows, write_docx, write_xlsx

    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice (soffice) is needed to write .doc files", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed = docx.Document()
        for line in load_plan().text.split("\n"):
            seed.add_paragraph(line)
        seed.save(folder / "seed.docx")
        write_numbered_by_word(folder / "seed-numbered.docx", load_plan().text)
        write_docx(folder / "task-table.docx", table_rows(), merge_brief=True)
        numbered = docx.Document()
        add_word_list(numbered, PLAN_LEVELS)
        numbered.add_paragraph("某市产业发展实施方案")
        for text, level in [("总体要求", 0), ("主要任务", 0), ("推动产业协调发展。", 1)]:
            number_paragraph(numbered.add_paragraph(text), 90, level)
        linked = numbered.add_paragraph("详见")
        field = f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" HYPERLINK &quot;http://www.gov.cn/&quot; ">'
        linked._p.append(parse_xml(field + "<w:r><w:t>中国政府网</w:t></w:r></w:fldSimple>"))
        linked.add_run("。（市发展改革委负责）")
        numbered.save(folder / "numbered.docx")
        write_xlsx(folder / "task-table.xlsx", table_rows())
        write_typeset_docx(folder / "seed-typeset.docx", load_plan().text)
        guangzhou = ROOT / "tests" / "data" / "real" / "guangzhou-2012-talent.html"
        write_typeset_docx(folder / "guangzhou-typeset.docx", load_plan(guangzhou).text)
        for name, kind in (("seed.docx", "doc"), ("seed-numbered.docx", "doc"), ("task-table.docx", "doc"),
                           ("numbered.docx", "doc"), ("task-table.xlsx", "xls"), ("seed-typeset.docx", "pdf"),
                           ("guangzhou-typeset.docx", "pdf")):
            subprocess.run([soffice, "--headless", "--convert-to", kind, "--outdir", str(OUT), str(folder / name)],
                           check=True, capture_output=True)
            written = OUT / f"{Path(name).stem}.{kind}"
            if not written.exists():  # soffice says nothing when the module for the format (Writer, Calc) is missing
                print(f"LibreOffice wrote no {written.name}; is its Writer and Calc installed?", file=sys.stderr)
                return 1
            print(written)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
