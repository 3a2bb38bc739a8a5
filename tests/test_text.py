"""Reading and normalizing: encodings, artifacts, wraps, and the offset map."""

from __future__ import annotations

import pytest

from harchang_analysis.errors import PlanInputError
from harchang_analysis.text import normalize, read_text, wrap_width

SAMPLE = "二、主要任务\n（一）构建城市群体系。\n１\ue010发挥长春市的核心带动作用。\n"


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected_encoding"),
    [
        ("utf-8", b"", "utf-8-sig"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),  # BOM is dropped, not kept as text
        ("utf-16", b"", "utf-16"),  # Python writes a BOM for utf-16
        ("gb18030", b"", "gb18030"),
        ("gbk", b"", "gb18030"),  # GBK is a subset of GB18030
    ],
)
def test_read_text_decodes_each_encoding(tmp_path, encoding, prefix, expected_encoding):
    path = tmp_path / "plan.txt"
    text = SAMPLE.replace("\ue010", "")  # GBK cannot hold private-use glyphs
    path.write_bytes(prefix + text.encode(encoding))
    source = read_text(path)
    assert source.encoding == expected_encoding
    assert source.text == text


def test_crlf_lines_normalize_like_lf():
    assert normalize(SAMPLE.replace("\n", "\r\n")).text == normalize(SAMPLE).text


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda p: p, "no such file"),
        (lambda p: (p.mkdir(), p)[1], "is a directory"),
        (lambda p: (p.write_text("", encoding="utf-8"), p)[1], "empty"),
        (lambda p: (p.write_text(" \n\u3000\n\t", encoding="utf-8"), p)[1], "empty"),
        (lambda p: (p.write_bytes(b"\x81\x30\xff\xfe\x00\x01" * 50), p)[1], "not text"),
    ],
)
def test_read_text_rejects_bad_input(tmp_path, make, fragment):
    path = make(tmp_path / "plan.txt")
    with pytest.raises(PlanInputError) as info:
        read_text(path)
    message = str(info.value)
    assert fragment in message
    assert str(path) in message
    assert "\n" not in message


def test_full_width_letters_and_digits_become_half_width():
    assert normalize("新建Ｇ１２１１舒兰至吉林段").text == "新建G1211舒兰至吉林段"


def test_chinese_punctuation_stays_chinese():
    text = "省交通运输厅、省水利厅（分别负责）。"
    assert normalize(text).text == text


def test_private_use_glyph_after_item_number_is_removed():
    assert normalize("１\ue010发挥长春市的核心带动作用。").text == "1发挥长春市的核心带动作用。"


def test_private_use_glyph_between_digits_is_a_decimal_point():
    # "新植农防林７\ue010５万亩、更新改造１５万亩": 7.5 (not 75) thousand-mu, read with the 15 beside it
    assert normalize("新植农防林７\ue010５万亩、更新改造１５万亩。").text == "新植农防林7.5万亩、更新改造15万亩。"


def test_page_footer_is_dropped_and_the_paragraph_continues():
    raw = _wrapped([[FULL] * 12 + ["产业集群。（长春市政府分", "—１１—", "别负责实施）"]])
    assert normalize(raw).text == FULL * 12 + "产业集群。（长春市政府分别负责实施）"



@pytest.mark.parametrize("footer", ["- 3 -", "·3·", "第3页", "第 3 页 共 12 页", "共12页 第3页", "3 / 12"])
def test_page_numbers_in_other_forms_are_dropped(footer):
    # the forms a PDF converter leaves on a line of their own; 第3条, 12 and 1/2的比例 are text
    assert normalize(f"加快发展，\n{footer}\n推进建设。").text == "加快发展，推进建设。"
    for text in ("第3条", "12", "1/2的比例"):
        assert text in normalize(f"加快发展，\n{text}\n推进建设。").text
def test_converter_spaces_are_removed_but_not_between_latin_words():
    assert normalize(" 国务院批复 《哈长城市群发展规划》（国函 〔２０１６〕４３号）").text == \
        "国务院批复《哈长城市群发展规划》（国函〔2016〕43号）"
    assert normalize("建设 Big Data 中心").text == "建设Big Data中心"


def _wrapped(paragraphs: list[list[str]]) -> str:
    """Lay out paragraphs as a PDF converter does: each line alone, blank lines between."""
    return "\n\n".join(line for para in paragraphs for line in para)


FULL = "哈长城市群是我国东北地区城市群的重要组成区域，包括我省"  # a full wrapped line, ends mid-sentence


def test_wrapped_lines_are_rejoined_and_paragraphs_kept():
    raw = _wrapped([
        ["一、总体要求"],
        [FULL] * 12 + ["制定本实施方案。"],  # short last line ends the paragraph
        ["二、主要任务"],
        [FULL + "，", "２０２０年，" + FULL[:20], "建成。"],  # a wrapped line starting 2020年 is not an item
    ])
    paragraphs = normalize(raw).text.split("\n")
    assert paragraphs[0] == "一、总体要求"
    assert paragraphs[1] == FULL * 12 + "制定本实施方案。"
    assert paragraphs[2] == "二、主要任务"
    assert paragraphs[3] == FULL + "，2020年，" + FULL[:20] + "建成。"
    assert len(paragraphs) == 4


def test_a_long_title_that_names_its_kind_is_a_paragraph_of_its_own():
    # the Chuzhou 2020 notice: a 45-character title (with the site's column tag), then the date line
    raw = ("【市政府重点工作及责任分解】滁州市人民政府关于2020年市政府重点工作及责任分解的通知\n\n"
           "    发布时间:2020-02-03 17:29\n")
    paragraphs = normalize(raw).text.split("\n")
    assert paragraphs[0] == "【市政府重点工作及责任分解】滁州市人民政府关于2020年市政府重点工作及责任分解的通知"
    # a first line as long that names no kind of document still joins what follows (a wrapped sentence)
    assert len(normalize(FULL * 2 + "\n继续。").text.split("\n")) == 1


def test_clause_on_its_own_line_joins_its_paragraph():
    # the seed's task 8 of chapter (二) ends a sentence on a short line and opens the clause on the next
    raw = _wrapped([[FULL] * 12 + ["打造哈长城市群信息共享平台。", "（长春市、吉林市政府分别", "负责实施）"], ["（三）推动产业协调发展。"]])
    paragraphs = normalize(raw).text.split("\n")
    assert paragraphs[0].endswith("信息共享平台。（长春市、吉林市政府分别负责实施）")
    assert paragraphs[1] == "（三）推动产业协调发展。"


def test_every_clean_offset_maps_back_to_the_same_character(seed_plan):
    raw, clean = seed_plan.source.text, seed_plan.clean
    assert len(clean.offsets) == len(clean.text)
    for i, ch in enumerate(clean.text):
        src = raw[clean.offsets[i]] if clean.offsets[i] < len(raw) else "\n"
        if ch == "\n":
            assert src in "\n\r"
        elif ch == ".":
            assert src == "\ue010"
        elif ch.isascii() and ch.isalnum():
            assert src in (ch, chr(ord(ch) + 0xFEE0))
        else:
            assert src == ch
    assert clean.offsets.tolist() == sorted(clean.offsets.tolist())  # an array of 32-bit ints, in order


def test_seed_artifacts_are_counted(seed_plan):
    report = seed_plan.clean.report
    # counted in the file: footers —11— and —12—; 46 U+E010 glyphs, two of them decimals (7.5, 7.4)
    assert report["page_footers"] == 2
    assert report["private_use_decimal_points"] == 2
    assert report["private_use_glyphs_removed"] == 44
    assert "\ue010" not in seed_plan.text
    assert "７" not in seed_plan.text and "Ｇ" not in seed_plan.text
    assert "—１１—" not in seed_plan.text and "—11—" not in seed_plan.text
    assert "新植农防林7.5万亩" in seed_plan.text
    assert "解决7.4万户" in seed_plan.text
    # the file's lines are 28 characters wide, a paragraph's first line 26 (set in by two); three
    # sentences end at the margin of a line after which the paragraph goes on, not set in
    assert report["line_width"] == 28
    assert report["sentences_at_margin_joined"] == 3
    for sentence, going_on in [("稳步减少重污染天气。", "加强城中村棚户区改造"), ("生产和维修基地。", "加快长春轨道客车股份有限公司"),
                               ("区域内的各级政府。", "长春市、吉林市、四平市")]:
        assert sentence + going_on in seed_plan.text


# Text taken from a PDF is broken at the margin wherever the line is full, inside a clause or a name.
# The forms below are clauses of the real plans in tests/data/real (Guangzhou 2012, Chuzhou 2020,
# Xuchang 2020), broken where such a break falls.

def test_a_label_inside_an_open_bracket_goes_on_the_clause():
    # Guangzhou 2012, item 28: the bracket opens at the end of a line, its label opens the next
    raw = ("由企业所在区（县级市）提供配套孵化培育服务。（\n"
           "牵头单位：市留交办，配合单位：各有关单位，各区、县级市\n）\n29.百名高端外国专家引进项目。")
    assert normalize(raw).text.split("\n") == [
        "由企业所在区（县级市）提供配套孵化培育服务。（牵头单位：市留交办，配合单位：各有关单位，各区、县级市）",
        "29.百名高端外国专家引进项目。"]
    # item 33: the second label opens a line of its own, inside the clause's bracket
    raw = "打造海内外高层次人才猎头平台。（牵头单位：市委组织部，\n配合单位：市科技和信息化局、市留交办）"
    assert normalize(raw).text == "打造海内外高层次人才猎头平台。（牵头单位：市委组织部，配合单位：市科技和信息化局、市留交办）"


def test_a_label_line_broken_inside_a_name_goes_on():
    # Chuzhou 2020, items 2 and 1: the list of 协同责任单位 broken inside 管委会, after 滁州, inside 各县、市、区政府
    for first, second in [("协同责任单位:市税务局、滁州海关、市人行、滁州经开区管委会、中新苏滁高新区管",
                           "委会等,各县、市、区政府。"),
                          ("协同责任单位:市经信局、市商务局、市交通局、市农业农村局、滁州",
                           "经开区管委会、中新苏滁高新区管委会等,各县、市、区政府。"),
                          ("协同责任单位:市经信局、滁州经开区管委会、中新苏滁高新区管委会等,各县、市",
                           "、区政府。")]:
        assert normalize(f"{first}\n{second}\n2.财政收入增长8%左右。").text.split("\n") == [
            first + second, "2.财政收入增长8%左右。"]
    # a label line that ends on a whole name ends its paragraph before a sentence, a label or an item
    raw = "牵头单位:区发改局\n加快推进产业转型升级，建设现代化产业体系。\n责任单位:立山经济开发区\n2.规模上工业增加值增长5%左右。"
    assert len(normalize(raw).text.split("\n")) == 4


def test_a_closing_bracket_alone_on_a_line_goes_on_the_line_before():
    # Xuchang 2020: a half-width bracket left alone by the break
    raw = "责任单位:市疫情防控指挥部办公室、市卫生健康委等,各县(市、区)政府(管委会\n)\n2.坚持必要的人员管控和健康监测措施。"
    assert normalize(raw).text.split("\n")[0] == "责任单位:市疫情防控指挥部办公室、市卫生健康委等,各县(市、区)政府(管委会)"


def test_a_number_broken_at_the_margin_is_no_item():
    # the seed's G1015 broken after G101: "5榆树至松原段" would read as item 5
    raw = "新建G1211舒兰（省界）至吉林段、G1112集安至通化段、G101\n5榆树至松原段。"
    assert normalize(raw).text == "新建G1211舒兰（省界）至吉林段、G1112集安至通化段、G1015榆树至松原段。"


def test_a_sentence_that_ends_at_the_margin_of_a_wrapped_text_goes_on():
    line = FULL + "建设。"  # as wide as the wrapped lines, and ending a sentence
    raw = "\n".join([FULL] * 6 + [line, FULL, "建成。", "（二）推动产业协调发展。"])
    assert wrap_width(raw.split("\n")) == 2 * len(FULL)  # in half-characters
    assert normalize(raw).text.split("\n") == [FULL * 6 + line + FULL + "建成。", "（二）推动产业协调发展。"]
    # a text of one paragraph to a line has no wrap width, and a sentence ends its paragraph there
    assert wrap_width([line, line, line, line, line, line]) is None
    assert len(normalize("\n".join([line] * 6)).text.split("\n")) == 6
    # a shorter line that ends a sentence ends the paragraph in a wrapped text too
    raw = "\n".join([FULL] * 6 + ["建设。", FULL, "建成。"])
    assert normalize(raw).text.split("\n") == [FULL * 6 + "建设。", FULL + "建成。"]


# 哈长一体化发展示范区实施方案 (黑龙江省、吉林省, 2019-12), its table of contents, from a copy of the plan: the
# headings with a leader and a page number, then the text, whose first heading is the first entry again
CONTENTS = [
    "哈长一体化发展示范区实施方案", "2019年12月", "目 录",
    "第一章 总体要求...................................... 4",
    "(一) 基本思路........................................ 4",
    "(二) 工作目标........................................ 4",
    "第二章 主要任务和举措................................. 9",
    "(一)打造一二三产融合发展的标杆区.........9",
    "(二)打造乡村振兴的样板区........................11",
    "第三章 保障措施..................................... 28",
    "(一) 加强组织领导................................... 28",
]


def test_a_table_of_contents_is_dropped_and_the_headings_of_the_text_kept():
    from harchang_analysis.structure import parse_structure

    body = ["第一章 总体要求", "(一)基本思路", "坚持新发展理念。", "(二)工作目标", "到2025年，取得明显成效。",
            "第二章 主要任务和举措", "(一)打造一二三产融合发展的标杆区", "构建新能源产业集群。"]
    clean = normalize("\n".join(CONTENTS + body))
    assert clean.report["contents_lines"] == 9  # 目 录 and its eight entries
    assert clean.text.split("\n")[:3] == ["哈长一体化发展示范区实施方案", "2019年12月", "第一章总体要求"]
    units = parse_structure(clean.text)
    headings = units[units["kind"] != "paragraph"]
    assert headings[["depth", "marker", "title"]].values.tolist() == [
        [1, "第一章", "总体要求"], [2, "(一)", "基本思路"], [2, "(二)", "工作目标"],
        [1, "第二章", "主要任务和举措"], [2, "(一)", "打造一二三产融合发展的标杆区"]]


@pytest.mark.parametrize("contents", [
    # written for the test: a table with tabs before its page numbers, as a Word file's gives them …
    ["目录", "一、总体要求\t3", "二、主要任务\t5"],
    # … with no page numbers at all, after its 目录 line …
    ["目录", "一、总体要求", "二、主要任务"],
    # … and with no 目录 line: three headings with nothing between them, then the first again
    ["一、总体要求", "二、主要任务", "三、保障措施"],
])
def test_tables_of_contents_in_other_forms_are_dropped(contents):
    body = ["一、总体要求", "到2025年，基本形成。", "二、主要任务", "加快发展。", "三、保障措施", "加强领导。"]
    clean = normalize("\n".join(["某某实施方案", *contents, *body]))
    assert clean.report["contents_lines"] == len(contents)
    assert clean.text.split("\n") == ["某某实施方案", *body]


def test_headings_that_only_look_like_a_table_of_contents_are_kept():
    # a heading line ending in a number, and headings alone in a row that never come again
    text = "\n".join(["一、总体要求", "（一）指导思想", "（二）目标到2025", "二、主要任务", "加快发展。"])
    clean = normalize(text)
    assert "contents_lines" not in clean.report
    assert clean.text == text


def test_readings_a_converter_wrote_after_characters_are_removed():
    # 绛县促进专业镇高质量发展实施方案 (绛政办发〔2023〕14号), from a copy in traditional script whose converter wrote
    # the reading after each character it changed: 發(fā)展, 鎮(zhèn)
    raw = "絳縣促進專業(yè)鎮(zhèn)高質量發(fā)展實施方案\n為促進全縣專業(yè)鎮(zhèn)高質量發(fā)展,提升專業(yè)鎮(zhèn)競爭力。"
    clean = normalize(raw)
    assert clean.text == "絳縣促進專業鎮高質量發展實施方案\n為促進全縣專業鎮高質量發展,提升專業鎮競爭力。"
    assert clean.report["readings_removed"] == 8  # 業 鎮 發 in the title; 業 鎮 發 業 鎮 after it
    # every character left maps back to itself in the raw text
    assert all(raw[o] == c for c, o in zip(clean.text, clean.offsets.tolist()) if c != "\n")
    # letters in brackets that are no reading stay: 移动客户端(app), 政府和社会资本合作(PPP)
    assert normalize("推广移动客户端(app)和政府和社会资本合作(PPP)。").text == "推广移动客户端(app)和政府和社会资本合作(PPP)。"
