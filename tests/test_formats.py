"""Other formats: the seed as GB18030, UTF-16, Word, PDF or in traditional script gives the same tables."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.backends.backend_pdf import PdfPages

from harchang_analysis import load_plan
from harchang_analysis.errors import PlanInputError, StructureWarning
from harchang_analysis.formats import OLE_MAGIC
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


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: a Chinese plan's three list levels as Word defines them: 一、 （一） and a bare 1 (the seed's items)
PLAN_LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3")]


def add_word_list(document, levels, *, num_id=90, start_override=None):
    """Define a numbered list in ``document``'s numbering part: ``levels`` as (w:numFmt, w:lvlText)."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                   f'</w:lvl>' for i, (fmt, text) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{num_id}">{lvls}</w:abstractNum>')
    override = ("" if start_override is None else
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>')
    num = parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/>{override}'
                    f'</w:num>')
    first_num = numbering.find(f"{{{W_NS}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)  # every w:abstractNum comes before the first w:num
    else:
        numbering.append(abstract)
    numbering.append(num)


def number_paragraph(paragraph, num_id, level):
    """Put ``paragraph`` in list ``num_id`` at ``level`` (w:numPr), as Word does for a numbered line."""
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def write_numbered_by_word(path, text) -> int:
    """Write ``text`` as a .docx whose 一、, （一） and bare item numbers Word writes itself (taken out of
    the paragraphs' text and put in an automatic list); return how many paragraphs are numbered."""
    import docx

    from harchang_analysis.markers import match_marker

    document = docx.Document()
    add_word_list(document, PLAN_LEVELS)
    numbered = 0
    for line in text.split("\n"):
        marker = match_marker(line)
        level = {"zh_comma": 0, "zh_paren": 1, "num_dot": 2}.get(marker.kind) if marker else None
        if level is None:
            document.add_paragraph(line)
            continue
        number_paragraph(document.add_paragraph(line[len(marker.marker):]), 90, level)
        numbered += 1
    document.save(path)
    return numbered


def test_a_docx_gives_the_text_of_tracked_changes_as_accepted(tmp_path):
    # written for the test: a draft circulated with its changes tracked, as drafts for comment are; the
    # inserted agency is read, the deleted one is not, and a hyperlink's text is the paragraph's too
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run(parent, text, tag="w:t"):
        r, t = OxmlElement("w:r"), OxmlElement(tag)
        t.text = text
        r.append(t)
        parent.append(r)

    document = docx.Document()
    document.add_paragraph("一、主要任务")
    paragraph = document.add_paragraph()
    paragraph.add_run("1.建设城市算力中心。（")
    for tag, text, inner in (("w:ins", "市数据局", "w:t"), ("w:del", "市发展改革委", "w:delText")):
        change = OxmlElement(tag)
        change.set(qn("w:id"), "1")
        change.set(qn("w:author"), "起草组")
        run(change, text, inner)
        paragraph._p.append(change)
    paragraph.add_run("负责）")
    linked = document.add_paragraph("详见")
    link = OxmlElement("w:hyperlink")
    run(link, "《实施细则》")
    linked._p.append(link)
    path = tmp_path / "draft.docx"
    document.save(path)
    assert read_text(path).text.split("\n") == ["一、主要任务", "1.建设城市算力中心。（市数据局负责）", "详见《实施细则》"]


def test_a_docx_reads_the_paragraphs_inside_a_template_s_content_control(tmp_path):
    # written for the test: a plan written in a template whose body is a content control (w:sdt) around the
    # paragraphs; before, only the paragraphs outside it were read
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    document.add_paragraph("某市实施方案")
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    control.append(content)
    for text in ("一、主要任务", "1.建设城市算力中心。（市数据局负责）"):
        content.append(document.add_paragraph(text)._p)  # moved into the control
    document.element.body.insert(len(document.element.body) - 1, control)  # before the section's properties
    path = tmp_path / "template.docx"
    document.save(path)
    assert read_text(path).text.split("\n") == ["某市实施方案", "一、主要任务", "1.建设城市算力中心。（市数据局负责）"]


def test_seed_as_docx_numbered_by_word(tmp_path, seed_plan):
    # the seed as a Word file whose headings and items Word numbers itself: their numbers are in no
    # paragraph's text, only in the list definitions, and must read back as the plan writes them
    path = tmp_path / "seed-numbered.docx"
    assert write_numbered_by_word(path, seed_plan.text) == 3 + 11 + 44  # the seed's 一、 （一） and items
    assert_same_tables(load_plan(path), seed_plan)


def test_word_list_numbers_restart_and_take_their_format(tmp_path):
    import docx

    document = docx.Document()
    add_word_list(document, PLAN_LEVELS)
    add_word_list(document, [("decimalEnclosedCircle", "%1")], num_id=91)
    add_word_list(document, [("decimal", "%1.")], num_id=92, start_override=5)
    for text, num_id, level in [("总体要求", 90, 0), ("主要任务", 90, 0), ("推动产业协调发展。", 90, 1),
                                ("打造汽车产业集群。", 90, 2), ("打造石化产业集群。", 90, 2),
                                ("加强生态环境保护。", 90, 1), ("治理松花江。", 90, 2), ("其一", 91, 0),
                                ("其二", 91, 0), ("接续第五项", 92, 0), ("保障措施", 90, 0)]:
        number_paragraph(document.add_paragraph(text), num_id, level)
    document.add_paragraph("List Number 样式的段落", style="List Number")
    path = tmp_path / "lists.docx"
    document.save(path)
    from harchang_analysis.formats import read_docx

    assert read_docx(path, path.read_bytes()).split("\n") == [
        "一、总体要求", "二、主要任务", "（一）推动产业协调发展。", "1打造汽车产业集群。", "2打造石化产业集群。",
        "（二）加强生态环境保护。", "1治理松花江。", "①其一", "②其二", "5.接续第五项", "三、保障措施",
        "1.List Number 样式的段落"]


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
    ("old.doc", b"\xd0\xcf\x11\xe0 old word", "not a Word document that can be read"),
])
def test_bad_word_files(tmp_path, name, data, fragment):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PlanInputError, match=fragment):
        read_text(path)


def test_word_list_defined_through_a_numbering_style(tmp_path):
    # Word keeps a multilevel list's levels in one list (w:styleLink) and points others at it (w:numStyleLink)
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    add_word_list(document, PLAN_LEVELS, num_id=93)
    numbering = document.part.numbering_part.element
    defining = numbering.find(f"{{{W_NS}}}abstractNum[@{{{W_NS}}}abstractNumId='93']")
    defining.insert(0, parse_xml(f'<w:styleLink xmlns:w="{W_NS}" w:val="PlanList"/>'))
    linked = parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="94"><w:numStyleLink w:val="PlanList"/>'
                       f'</w:abstractNum>')
    defining.addnext(linked)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="94"><w:abstractNumId w:val="94"/></w:num>'))
    number_paragraph(document.add_paragraph("重点任务"), 94, 0)
    number_paragraph(document.add_paragraph("推动产业协调发展。"), 94, 1)
    path = tmp_path / "linked.docx"
    document.save(path)
    from harchang_analysis.formats import read_docx

    assert read_docx(path, path.read_bytes()).split("\n") == ["一、重点任务", "（一）推动产业协调发展。"]


def test_ordered_lists_of_a_web_page_show_their_numbers(tmp_path):
    # a page that numbers its headings and items with <ol> has the numbers in no text node
    page = ('<html><body><h1>某市产业发展实施方案</h1><ol style="list-style-type: cjk-ideographic">'
            '<li>总体要求<p>坚持创新驱动。</p></li><li>主要任务'
            '<ol><li>打造汽车产业集群。（市工信局牵头，市发展改革委配合）</li>'
            '<li value="5">建设物流园区。（市商务局负责）</li><li>发展会展业。（市商务局负责）</li></ol></li></ol>'
            '<ol start="3" type="a"><li>附则</li></ol><ul><li>不编号的要点</li></ul></body></html>')
    path = tmp_path / "plan.html"
    path.write_text(page, encoding="utf-8")
    assert read_text(path).text.split("\n") == [
        "某市产业发展实施方案", "一、总体要求", "坚持创新驱动。", "二、主要任务", "1.打造汽车产业集群。（市工信局牵头，市发展改革委配合）",
        "5.建设物流园区。（市商务局负责）", "6.发展会展业。（市商务局负责）", "c.附则", "不编号的要点"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = load_plan(path)
    assert plan.tasks["title"].tolist() == ["打造汽车产业集群", "建设物流园区", "发展会展业"]
    assert plan.assignments[["agency", "role"]].values.tolist() == [
        ["市工信局", "lead"], ["市发展改革委", "support"], ["市商务局", "lead"], ["市商务局", "lead"]]


def test_a_text_file_holding_the_body_of_a_page_is_read_as_a_page(tmp_path):
    # 山西省激发重点群体活力带动城乡居民增收的实施方案（晋政发〔2018〕13号）, as a copy keeps it: the article's body
    # with its tags, after two lines of plain text, and no page around it
    body = ("发文机关:山西省人民政府\n"
            '<p>各市、县人民政府,省人民政府各委、办、厅、局:</p><p style="text-align: right;"> 山西省人民政府</p>'
            '<p><br/></p><p style="text-align: center;"><strong>山西省激发重点群体活力带动城乡居民增收的实施方案</strong></p>'
            "<p><strong> 一、指导思想</strong></p><p> 以习近平新时代中国特色社会主义思想为指导。</p>")
    path = tmp_path / "plan.txt"
    path.write_text(body, encoding="utf-8")
    assert read_text(path).text.split("\n") == [
        "发文机关:山西省人民政府", "各市、县人民政府,省人民政府各委、办、厅、局:", "山西省人民政府",
        "山西省激发重点群体活力带动城乡居民增收的实施方案", "一、指导思想", "以习近平新时代中国特色社会主义思想为指导。"]
    # a plan that only mentions a tag or two in its text is no page
    plain = tmp_path / "plain.txt"
    plain.write_text("一、总体要求\n网页用<p>标记段落。\n", encoding="utf-8")
    assert read_text(plain).text == "一、总体要求\n网页用<p>标记段落。\n"


def test_the_readings_of_a_web_page_ruby_are_no_text(tmp_path):
    # written for the test: a page that gives a character's reading in <ruby> (發<rt>fā</rt>展), some browsers'
    # fallback in <rp> brackets
    page = ("<html><body><p>絳縣促進專業<ruby>鎮<rp>(</rp><rt>zhèn</rt><rp>)</rp></ruby>高質量"
            "<ruby>發<rt>fā</rt></ruby>展實施方案</p></body></html>")
    path = tmp_path / "plan.html"
    path.write_text(page, encoding="utf-8")
    assert read_text(path, simplify=False).text == "絳縣促進專業鎮高質量發展實施方案"
# Word 97–2003 files, written by scripts/make_doc_fixtures.py (python-docx, then LibreOffice's .doc filter)
DOC = Path(__file__).parent / "data" / "doc"


def test_seed_as_word_97_doc(seed_plan):
    plan = load_plan(DOC / "seed.doc")
    assert plan.source.encoding == "doc"
    assert_same_tables(plan, seed_plan)


def test_a_doc_with_a_field_and_word_numbering():
    from harchang_analysis.formats import read_doc

    path = DOC / "numbered.doc"
    # the hyperlink field shows its result (中国政府网), not its code; the numbers Word writes itself come
    # from the document's list definitions and instances
    text = read_doc(path, path.read_bytes())
    assert text.split("\n") == ["某市产业发展实施方案", "一、总体要求", "二、主要任务", "（一）推动产业协调发展。",
                                "详见中国政府网。（市发展改革委负责）"]


def test_seed_numbered_by_word_as_a_word_97_doc(seed_plan):
    # the seed with its 58 一、 （一） and item numbers in Word's lists, saved as .doc: numbering restarts
    # under each heading as the plan's does
    assert_same_tables(load_plan(DOC / "seed-numbered.doc"), seed_plan)


@pytest.mark.parametrize(("name", "data", "fragment"), [
    ("rtf.doc", b"{\\rtf1\\ansi hello}", "an RTF file under a Word name"),
    ("junk.doc", bytes(range(256)) * 4, "not a Word document that can be read"),
    ("fake-ole.doc", OLE_MAGIC + b"\x00" * 600, "not a Word document that can be read"),
    ("junk.xls", bytes(range(256)) * 4, "not an Excel workbook that can be read"),
    ("fake-ole.xls", OLE_MAGIC + b"\x00" * 600, "not an Excel .xls file that can be read"),
])
def test_bad_old_office_files_are_refused_in_one_line(tmp_path, name, data, fragment):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PlanInputError, match=fragment):
        read_text(path)


def test_a_docx_or_a_web_page_saved_under_a_doc_name_is_read_as_what_it_is(tmp_path, seed_plan):
    import docx

    document = docx.Document()
    for line in seed_plan.text.split("\n"):
        document.add_paragraph(line)
    document.save(tmp_path / "seed.doc")  # a .docx, renamed
    assert read_text(tmp_path / "seed.doc").encoding == "docx"
    (tmp_path / "page.doc").write_text("<html><body><p>一、总体要求</p><p>加快发展。</p></body></html>", encoding="utf-8")
    assert read_text(tmp_path / "page.doc").text == "一、总体要求\n加快发展。"


@pytest.mark.parametrize("name", ["seed-numbered.doc", "task-table.doc", "task-table.xls"])
def test_a_damaged_old_office_file_is_read_or_refused_never_crashes(name):
    # cut short or with bytes overwritten at random (seeded): the reader gives text or a one-line refusal,
    # never another exception, and never runs on (counts in a damaged file are held to the bytes there)
    import random

    from harchang_analysis.formats import read_doc, read_xls

    reader = read_xls if name.endswith(".xls") else read_doc
    data = (DOC / name).read_bytes()
    rng = random.Random(2026)
    refused = 0
    for trial in range(60):
        damaged = bytearray(data[:rng.randrange(len(data))] if trial % 3 == 0 else data)
        for _ in range(0 if trial % 3 == 0 else rng.randrange(1, 40)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                reader(Path(name), bytes(damaged))
        except PlanInputError as exc:
            refused += 1
            assert "\n" not in str(exc) and str(exc).startswith(f"{name}: ")
    assert refused > 0  # the damage is real: some of it is refused


@pytest.mark.slow
def test_seed_typeset_as_a_government_document_reads_the_same(seed_plan):
    # the seed set as a document is printed (A4, 16-point type, justified, first lines indented by two)
    # and exported to PDF by LibreOffice: lines are broken by width, a sentence now and then ends at the
    # margin, and the exporter puts spaces around Latin digits
    plan = load_plan(DOC / "seed-typeset.pdf")
    assert plan.source.encoding == "pdf"
    assert plan.clean.report["sentences_at_margin_joined"] > 0  # the layout puts some sentence ends at the margin
    assert_same_tables(plan, seed_plan)
