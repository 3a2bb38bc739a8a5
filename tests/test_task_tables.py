"""Plans whose tasks are a table (重点任务分工表) in Word, Excel, CSV, PDF and a saved web page.

The table plan is built from six measures of 国发〔2019〕3号 (tests/data/real/), laid out as the
usual 分工表: a section row across the table, a 重点任务 column merged over the measures it
groups, 具体措施, 牵头单位, 配合单位 (written on two lines in one cell) and 完成时限 (the dates
are added for the test). The same plan written as text, with clauses after each measure, must
give the same tasks and assignments in every format.
"""

from __future__ import annotations

import csv
import warnings

import matplotlib
import matplotlib.figure
import matplotlib.patches
import pytest

matplotlib.use("Agg")
from matplotlib.backends.backend_pdf import PdfPages

from harchang_analysis import load_plan
from harchang_analysis.errors import PlanInputError, StructureWarning
from harchang_analysis.plotting import apply_style
from harchang_analysis.tables import find_header, render_table
from harchang_analysis.text import read_text

TITLE = "国务院关于促进综合保税区高水平开放高质量发展的若干意见重点任务分工表"
HEADER = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]
SECTION = "一、统筹两个市场"
# (brief task, measure, lead, supports, deadline)
MEASURES = [
    ("拓展两个市场", "积极稳妥地在综合保税区推广增值税一般纳税人资格试点。", "税务总局", ["财政部", "海关总署"], "2019年底前"),
    ("拓展两个市场", "允许综合保税区内加工制造企业利用剩余产能承接境内区外委托加工。", "海关总署", ["商务部"], "长期坚持"),
    ("拓展两个市场", "将手机、汽车零部件等重点产品从自动进口许可证管理货物目录中剔除，便利企业内销。", "商务部", ["海关总署"],
     "2019年6月底前"),
    ("促进研发创新", "综合保税区内企业从境外进口且在区内用于研发的货物、物品，免于提交许可证件。", "海关总署", ["商务部"], "2019年底前"),
    ("促进研发创新", "支持国家产业创新中心、国家技术创新中心等研发创新机构在综合保税区发展。", "发展改革委", ["科技部", "海关总署"],
     "持续推进"),
    ("促进研发创新", "支持医疗器械研发企业将研发所需医疗设备进境。", "药监局", ["海关总署"], "2020年底前"),
]


def table_rows() -> list[list[str]]:
    rows = [HEADER, [SECTION] * len(HEADER)]
    for n, (brief, measure, lead, supports, deadline) in enumerate(MEASURES, 1):
        rows.append([str(n), brief, measure, lead, "\n".join(supports), deadline])
    return rows


def text_plan() -> str:
    lines = [TITLE, SECTION]
    briefs = list(dict.fromkeys(m[0] for m in MEASURES))
    for k, brief in enumerate(briefs):
        lines.append(f"（{'一二'[k]}）{brief}")
        for n, (b, measure, lead, supports, deadline) in enumerate(MEASURES, 1):
            if b == brief:
                lines.append(f"{n}.{measure}（{lead}牵头，{'、'.join(supports)}配合；{deadline}）")
    return "\n".join(lines)


def tables_of(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = load_plan(path)
    tasks = plan.tasks[["heading_path", "title", "deadline", "deadline_year", "deadline_month"]]
    assignments = plan.assignments[["task_id", "agency", "role", "role_basis"]]
    return tasks.astype("string").fillna("").values.tolist(), assignments.values.tolist()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    path = tmp_path_factory.mktemp("text") / "plan.txt"
    path.write_text(text_plan(), encoding="utf-8")
    return tables_of(path)


def test_the_text_plan_reads_as_written(reference):
    tasks, assignments = reference
    assert [t[0] for t in tasks] == ["一 > （一） > 1", "一 > （一） > 2", "一 > （一） > 3", "一 > （二） > 4",
                                     "一 > （二） > 5", "一 > （二） > 6"]
    assert tasks[0][1] == "积极稳妥地在综合保税区推广增值税一般纳税人资格试点"
    assert [t[2:] for t in tasks][:3] == [["2019年底前", "2019", "12"], ["长期坚持", "", ""],
                                          ["2019年6月底前", "2019", "6"]]
    assert assignments[:3] == [[1, "税务总局", "lead", "stated"], [1, "财政部", "support", "stated"],
                               [1, "海关总署", "support", "stated"]]
    assert len(assignments) == sum(1 + len(m[3]) for m in MEASURES)


def write_docx(path, rows, *, merge_brief: bool, numbered: bool = False) -> None:
    """The table plan in Word; ``numbered``: its 序号 column numbered by Word itself (cells with no text)."""
    import docx

    from tests.test_formats import add_word_list, number_paragraph

    document = docx.Document()
    add_word_list(document, [("decimal", "%1")])
    document.add_paragraph(TITLE)
    document.add_paragraph("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：现将分工表印发给你们。")
    table = document.add_table(rows=len(rows), cols=len(HEADER))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if r == 1 and c > 0:
                continue
            if numbered and r > 1 and c == 0:
                number_paragraph(table.cell(r, c).paragraphs[0], 90, 0)
                continue
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(1, len(HEADER) - 1))  # the section row spans the table
    if merge_brief:  # 重点任务 merged over the rows it groups, its text kept once
        for first, last in ((2, 4), (5, 7)):
            text = rows[first][1]
            merged = table.cell(first, 1).merge(table.cell(last, 1))
            merged.text = text
    document.add_paragraph("国务院办公厅")
    document.save(path)


def write_xlsx(path, rows) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            if (r == 3 and c > 1) or (c == 2 and r in (5, 6, 8, 9)):
                continue  # covered by a merged cell
            sheet.cell(r, c, value)
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=len(HEADER))
    sheet.merge_cells(start_row=4, start_column=2, end_row=6, end_column=2)
    sheet.merge_cells(start_row=7, start_column=2, end_row=9, end_column=2)
    book.save(path)


def write_html(path, rows) -> None:
    cells = []
    for r, row in enumerate(rows):
        if r == 1:
            cells.append(f'<tr><td colspan="{len(HEADER)}">{row[0]}</td></tr>')
            continue
        tds = []
        for c, value in enumerate(row):
            value = value.replace("\n", "<br>")
            if c == 1 and r in (2, 5):
                tds.append(f'<td rowspan="3">{value}</td>')
            elif c == 1 and r not in (0,):
                continue
            else:
                tag = "th" if r == 0 else "td"
                tds.append(f"<{tag}>{value}</{tag}>")
        cells.append("<tr>" + "".join(tds) + "</tr>")
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}</title>
<script>var nav = "首页";</script></head><body><div class="nav"><a href="/">首页</a></div>
<div class="article"><h1>{TITLE}</h1><p>现将分工表印发给你们。</p>
<table border="1">{''.join(cells)}</table><p>国务院办公厅</p></div></body></html>"""
    path.write_text(page, encoding="utf-8")


def write_pdf(path, rows) -> None:
    """A two-page PDF with ruled cells; the table runs on over the page break without its header."""
    apply_style()
    widths = [0.06, 0.12, 0.42, 0.12, 0.14, 0.14]
    pages = [rows[:5], rows[5:]]
    with warnings.catch_warnings(), matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(path) as pdf:
        warnings.simplefilter("ignore")
        for p, page_rows in enumerate(pages):
            fig = matplotlib.figure.Figure(figsize=(8.27, 11.69))
            if p == 0:
                fig.text(0.05, 0.95, TITLE, fontsize=9)
            top, height = 0.9, 0.07
            for r, row in enumerate(page_rows):
                y = top - r * height
                x = 0.03
                spans = [(0, len(HEADER))] if row[1:] == [row[0]] * (len(HEADER) - 1) else \
                    [(c, c + 1) for c in range(len(HEADER))]
                for a, b in spans:
                    w = sum(widths[a:b])
                    fig.add_artist(matplotlib.patches.Rectangle((x, y - height), w, height, fill=False, lw=0.8,
                                                                transform=fig.transFigure))
                    for k, line in enumerate(_wrap(row[a], int(w * 90)).split("\n")):
                        fig.text(x + 0.004, y - 0.015 - k * 0.012, line, fontsize=6)
                    x += w
            pdf.savefig(fig)


def _wrap(text: str, width: int) -> str:
    lines = []
    for part in text.split("\n"):
        lines.extend(part[i:i + width] for i in range(0, len(part), width))
    return "\n".join(lines)


def write_csv(path, rows) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([TITLE])
        writer.writerows(rows)


def write_tabbed(path, rows) -> None:
    """The table pasted into a text file as Word and Excel paste one: a row to a line, tabs between the
    cells, a cell of several lines in double quotes, the section's merged row one cell."""
    lines = [TITLE, "现将分工表印发给你们。"]
    for row in rows:
        if row[1:] == [row[0]] * (len(row) - 1):
            lines.append(row[0])
            continue
        lines.append("\t".join(f'"{cell}"' if "\n" in cell else cell for cell in row))
    lines.append("国务院办公厅")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_cells(path, rows) -> None:
    """The table as a web page's table is copied line by line: a cell to a line, the section's row one line,
    the names of a cell of several lines on one line."""
    lines = [TITLE]
    for row in rows:
        if row[1:] == [row[0]] * (len(row) - 1):
            lines.append(row[0])
            continue
        lines.extend(cell.replace("\n", "、") for cell in row)
    lines.append("国务院办公厅")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_spaced(path, rows) -> None:
    """The table as a PDF's text gives it: a row to a line, spaces between the cells, the section's row one
    cell, the names of a cell of several lines joined."""
    lines = [TITLE]
    for row in rows:
        lines.append(row[0] if row[1:] == [row[0]] * (len(row) - 1) else "  ".join(c.replace("\n", "、") for c in row))
    lines.append("国务院办公厅")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_pdf_unruled(path, rows) -> None:
    """A PDF whose table has no ruled cells, only gaps between them, so that the reader gets it as lines of
    text with spaces between the cells; the names of a cell of several lines joined."""
    apply_style()
    with warnings.catch_warnings(), matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(path) as pdf:
        warnings.simplefilter("ignore")
        fig = matplotlib.figure.Figure(figsize=(16.54, 11.69))
        fig.text(0.02, 0.95, TITLE, fontsize=7)
        for r, row in enumerate(rows):
            cells = [row[0]] if row[1:] == [row[0]] * (len(row) - 1) else [c.replace("\n", "、") for c in row]
            x = 0.02
            for cell in cells:
                fig.text(x, 0.9 - r * 0.03, cell, fontsize=7)
                x += 0.03 + 0.0062 * len(cell)
        pdf.savefig(fig)


#: each form of the table plan, by the writer that makes it (the file's suffix is the form's first word)
WRITERS = {
    "docx": lambda path, rows: write_docx(path, rows, merge_brief=False),
    "docx-merged": lambda path, rows: write_docx(path, rows, merge_brief=True),
    "docx-numbered": lambda path, rows: write_docx(path, rows, merge_brief=False, numbered=True),
    "xlsx": write_xlsx, "csv": write_csv, "html": write_html, "pdf": write_pdf, "pdf-unruled": write_pdf_unruled,
    "txt-tabs": write_tabbed, "txt-cells": write_cells, "txt-spaces": write_spaced,
}


@pytest.mark.parametrize("form", list(WRITERS))
def test_table_plan_gives_the_tables_of_the_text_plan(tmp_path, reference, form):
    path = tmp_path / f"plan.{form.split('-')[0]}"
    WRITERS[form](path, table_rows())
    assert tables_of(path) == reference


def test_a_table_a_cell_to_a_line_with_a_cell_missing_is_read_as_text(tmp_path):
    # an empty 配合单位 leaves no line: which line is which column cannot be told, and the reader says so
    text = "\n".join(["分工表", "序号", "重点任务", "牵头单位", "配合单位", "1", "建设城市算力中心", "市数据局", "市财政局",
                      "2", "推进数据开放", "市数据局", "3", "完善数据标准", "市市场监管局", "市数据局"])
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.warns(StructureWarning, match=r"row 2: a cell empty, broken over lines"):
        source = read_text(path)
    assert source.text == text  # nothing taken away or rewritten
    # the same with spaces between the cells: a row with a cell fewer cannot be read either
    spaced = "\n".join(["分工表", "序号 重点任务 牵头单位 配合单位", "1 建设城市算力中心 市数据局 市财政局", "2 推进数据开放 市数据局"])
    path.write_text(spaced, encoding="utf-8")
    with pytest.warns(StructureWarning, match=r"row 2"):
        assert read_text(path).text == spaced


def test_header_variants_are_recognised():
    for task, lead, support, deadline in [("主要任务", "责任单位", "参与单位", "时间安排"),
                                          ("工作任务", "牵头部门", "配合部门", "进度安排"),
                                          ("任务内容", "牵头单位", "协同单位", "完成时间"),
                                          ("任务名称", "主要责任单位", "协作单位", "完成时限"),
                                          ("工作要点", "牵头处室", "配合处室", "时限要求")]:
        found = find_header([["序号", task, lead, support, deadline]])
        assert found is not None and found[1].task == 1 and found[1].lead == 2 and found[1].support == 3


def test_lead_and_responsible_columns_side_by_side():
    # a 立山区-style table: 牵头单位 and 责任单位; the second names the others
    lines = render_table([["序号", "工作任务", "牵头单位", "责任单位"], ["1", "努力实现地区生产总值增长6.2%左右", "区发改局",
                                                          "立山经济开发区"]])
    assert lines == ["1.努力实现地区生产总值增长6.2%左右。（牵头单位：区发改局；配合单位：立山经济开发区）"]


def test_a_header_over_two_rows_is_read_as_one(tmp_path):
    # written for the test in the common form of a 分工表: 责任单位 merged over 牵头单位 and 配合单位, the other
    # header cells merged down over both rows
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某市重点任务分工表"])
    sheet.append(["序号", "重点任务", "责任单位", None, "完成时限"])
    sheet.append([None, None, "牵头单位", "配合单位", None])
    sheet.append(["1", "建设城市算力中心", "市数据局", "市财政局", "2025年底前"])
    sheet.append(["2", "推进数据开放", "市数据局", "市发展改革委", "长期坚持"])
    for cells in ("A1:E1", "A2:A3", "B2:B3", "C2:D2", "E2:E3"):
        sheet.merge_cells(cells)
    path = tmp_path / "plan.xlsx"
    book.save(path)
    assert read_text(path).text.split("\n") == [
        "某市重点任务分工表",
        "1.建设城市算力中心。（牵头单位：市数据局；配合单位：市财政局；完成时限：2025年底前）",
        "2.推进数据开放。（牵头单位：市数据局；配合单位：市发展改革委；完成时限：长期坚持）"]
    # the same with the upper cells not repeated (a table read with its merged cells left empty)
    assert render_table([["序号", "重点任务", "责任单位", "", "完成时限"], ["", "", "牵头单位", "配合单位", ""],
                         ["1", "建设城市算力中心", "市数据局", "市财政局", "2025年底前"]]) == [
        "1.建设城市算力中心。（牵头单位：市数据局；配合单位：市财政局；完成时限：2025年底前）"]


def test_a_spreadsheet_without_a_task_column_names_its_columns(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("单位,联系人,电话\n省财政厅,王某,12345\n", encoding="utf-8")
    with pytest.raises(PlanInputError, match=r"contacts.csv: the file has no task table \(columns: 单位、联系人、电话\); "
                                             r"expected a header row with a task column"):
        load_plan(path)


def test_a_task_table_in_a_workbook_with_other_sheets(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["本表由省政府办公厅编制"])
    tasks = book.create_sheet("分工表")
    tasks.append(["序号", "重点任务", "牵头单位", "配合单位"])
    tasks.append([1, "推进数字政府建设", "省政务服务和数字化局", "省财政厅"])
    path = tmp_path / "plan.xlsx"
    book.save(path)
    _, assignments = tables_of(path)
    assert [a[1:3] for a in assignments] == [["省政务服务和数字化局", "lead"], ["省财政厅", "support"]]


def test_the_table_plan_as_a_word_97_doc(reference):
    # the docx-merged form saved as .doc by LibreOffice (scripts/make_doc_fixtures.py): its rows are found by
    # the paragraph marks that end them, its merged 重点任务 cells repeated as in the .docx
    from pathlib import Path

    assert tables_of(Path(__file__).parent / "data" / "doc" / "task-table.doc") == reference


def test_the_table_plan_as_an_excel_97_xls(reference):
    # the xlsx form (merged section row and 重点任务 cells) saved as .xls by LibreOffice: numbers come back
    # as floats (序号 1.0) and merges as ranges, and must read as the .xlsx does
    from pathlib import Path

    assert tables_of(Path(__file__).parent / "data" / "doc" / "task-table.xls") == reference
