"""One reader per file format, each giving a plan's paragraphs and task tables in document order.

Every reader returns plain text, one paragraph per line. A task table (序号 | 重点任务 | 牵头单位 |
配合单位 | 完成时限, see :mod:`harchang_analysis.tables`) becomes one paragraph per task where the
table stands; any other table is read as text, cell by cell.

- PDF: pdfplumber. Pages are read top to bottom, tables found by their ruling lines; a table
  that runs on over a page break without repeating its header is joined to the one before.
  Lines that repeat at the top or bottom of most pages (running heads, page numbers) are
  dropped.
- Word .docx: python-docx's document, its body walked in order; merged cells (gridSpan,
  vMerge) are repeated into every cell they cover, and the numbers Word writes itself (automatic
  lists: 一、 （一） 1., an automatically numbered 序号 column) are put back before their text.
- Word 97–2003 .doc (and .wps in that format): olefile for the compound file; the text from the
  piece table, tables from the paragraph properties that end a cell and a row (see :func:`read_doc`).
- Excel .xlsx: openpyxl, every sheet; merged cells repeated. Excel 97–2003 .xls: xlrd, the same way.
- CSV: Python's csv module, after the text is decoded like any text file.
- HTML (a page saved from a government site): lxml. Scripts, styles, navigation and forms are
  dropped; block elements and <br> break paragraphs; rowspan and colspan are repeated; an
  ordered list's items get the numbers a browser shows.
  Layout tables (pages laid out with tables) are read as text.
"""

from __future__ import annotations

import bisect
import collections
import csv
import io
import re
import string
from pathlib import Path

from .errors import PlanInputError
from .tables import find_header, render_sheet, render_table

Rows = list[list[str]]


# ---------------------------------------------------------------------------------------
# tables as text


def _table_lines(rows: Rows) -> list[str]:
    """A table's paragraphs: as tasks when it is a task table, else each row's cells in order."""
    rendered = render_table(rows)
    if rendered is not None:
        return rendered
    lines: list[str] = []
    for row in rows:
        for cell in dict.fromkeys(c.strip() for c in row if c and c.strip()):
            lines.extend(part.strip() for part in cell.split("\n") if part.strip())
    return lines


# ---------------------------------------------------------------------------------------
# PDF

_PAGE_NUMBER = re.compile(r"^[—–\-－]?\s*(?:第\s*)?[0-9０-９]{1,4}\s*(?:页|/\s*[0-9]+)?\s*[—–\-－]?$")


def _placeholder(n: int) -> str:
    letters = ""
    while True:
        n, r = divmod(n, 26)
        letters = string.ascii_uppercase[r] + letters
        if n == 0:
            return f"\x00TABLE{letters}\x00"


def read_pdf(path: Path, data: bytes) -> str:
    """The text of a PDF with a text layer, its task tables as paragraphs.

    Raises:
        PlanInputError: encrypted, damaged, or without a text layer.
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    tables: list[Rows] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_text(page, tables) for page in pdf.pages]
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise PlanInputError(f"{path}: the PDF is encrypted; save an unprotected copy or export it as text") from exc
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise PlanInputError(f"{path}: the PDF is encrypted; save an unprotected copy or export it as text") \
                from exc
        raise PlanInputError(f"{path}: not a readable PDF ({type(cause).__name__}); check the file or export it "
                             "as text") from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise PlanInputError(f"{path}: not a readable PDF ({type(exc).__name__}); check the file or export it "
                             "as text") from exc
    if not any(page.strip() for page in pages):
        raise PlanInputError(f"{path}: the PDF has no text layer (a scan?); run OCR on it first or give a text file")
    lines = drop_running_lines([page.splitlines() for page in pages])
    if not tables:
        return "\n".join(lines)
    return "\n".join(_place_tables(lines, tables))


def _page_text(page, tables: list[Rows]) -> str:
    """A page's text with each table replaced by a placeholder line, tables collected in order."""
    found = [t for t in page.find_tables() if t.bbox[3] - t.bbox[1] > 1]
    if not found:
        return page.extract_text() or ""
    found.sort(key=lambda t: t.bbox[1])
    inside = [t.bbox for t in found]

    def outside(obj) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in inside)

    free = page.filter(outside)
    parts, top = [], 0.0
    for table in found:
        band = free.crop((0, top, page.width, max(top, table.bbox[1])), strict=False) if table.bbox[1] > top else None
        if band is not None:
            parts.append(band.extract_text() or "")
        parts.append(_placeholder(len(tables)))
        tables.append(_pdf_rows(table))
        top = table.bbox[3]
    if top < page.height:
        parts.append(free.crop((0, top, page.width, page.height), strict=False).extract_text() or "")
    return "\n".join(p for p in parts if p)


def _place_tables(lines: list[str], tables: list[Rows]) -> list[str]:
    """Put each table's paragraphs where its placeholder stands; join tables that run on."""
    merged: dict[int, Rows] = {}
    last: int | None = None
    for line in lines:
        m = re.fullmatch("\x00TABLE([A-Z]+)\x00", line.strip())
        if not m:
            if line.strip():
                last = None
            continue
        index = _letters_index(m.group(1))
        rows = tables[index]
        if last is not None and find_header(rows) is None and find_header(merged[last]) is not None and \
                len(rows[0]) == len(merged[last][0]):
            merged[last].extend(rows)  # the table runs on from the page before
        else:
            merged[index] = rows
            last = index
    out = []
    for line in lines:
        m = re.fullmatch("\x00TABLE([A-Z]+)\x00", line.strip())
        if not m:
            out.append(line)
        elif _letters_index(m.group(1)) in merged:
            out.extend(_table_lines(merged[_letters_index(m.group(1))]))
    return out


def _letters_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + string.ascii_uppercase.index(ch)
    return n


def _pdf_rows(table) -> Rows:
    """A pdfplumber table's cells; where a merged cell covers a position, its text is repeated there."""
    texts = table.extract()
    cells: list[tuple[tuple[float, float, float, float], str]] = []
    columns: dict[int, tuple[float, float]] = {}
    for r, row in enumerate(table.rows):
        for c, bbox in enumerate(row.cells):
            if bbox is not None:
                cells.append((bbox, texts[r][c] or ""))
                columns.setdefault(c, (bbox[0], bbox[2]))
    out: Rows = []
    for r, row in enumerate(table.rows):
        filled = []
        for c, bbox in enumerate(row.cells):
            if bbox is not None:
                filled.append(texts[r][c] or "")
                continue
            x0, x1 = columns.get(c, (0.0, 0.0))
            x, y = (x0 + x1) / 2, (row.bbox[1] + row.bbox[3]) / 2
            filled.append(next((text for (a, top, b, bottom), text in cells if a <= x <= b and top <= y <= bottom), ""))
        out.append(filled)
    return out


def drop_running_lines(pages: list[list[str]]) -> list[str]:
    """Drop page numbers, and lines that repeat at the top or bottom of most pages."""
    def key(line: str) -> str:
        return re.sub(r"[0-9０-９]+", "#", line.strip())

    edges: collections.Counter[str] = collections.Counter()
    for lines in pages:
        stripped = [line for line in lines if line.strip()]
        for line in {*(stripped[:2]), *(stripped[-2:])}:
            edges[key(line)] += 1
    running = {k for k, n in edges.items() if len(pages) >= 3 and n >= 0.5 * len(pages) and "\x00" not in k}
    out = []
    for lines in pages:
        stripped = [line for line in lines if line.strip()]
        edge = {*(stripped[:2]), *(stripped[-2:])}
        for line in lines:
            if line in edge and (key(line) in running or _PAGE_NUMBER.match(line.strip())):
                continue
            out.append(line)
    return out


# ---------------------------------------------------------------------------------------
# Word

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path, data: bytes) -> str:
    """The paragraphs and tables of a .docx, in document order.

    Raises:
        PlanInputError: not a .docx file.
    """
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PlanInputError(f"{path}: not a Word .docx file; open it in Word and save as .docx, or as text") from exc
    numbering = _WordNumbering(document)
    lines: list[str] = []

    def read_block(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == f"{_W}p":
                lines.append(numbering.label(child) + _docx_paragraph_text(child))
            elif child.tag == f"{_W}tbl":
                lines.extend(_table_lines(_docx_rows(child, numbering)))
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
                read_block(child)  # a content control of a template, around paragraphs and tables

    read_block(document.element.body)
    return "\n".join(lines)


Level = tuple[int, str, str]  # a list level: its start, its number format (w:numFmt), its number text


class _ListCounts:
    """Word's counting of its automatic lists, for .docx and .doc alike.

    A list counts each level in document order and starts its deeper levels again when a shallower
    one moves on; an instance of the list that overrides a level's start sets it on first use. A
    level's number text holds the levels it shows as characters U+0000–U+0008 (level 0–8), as a
    .doc writes them (a .docx's %1 … %9 are turned into them when read).
    """

    def __init__(self) -> None:
        self._counters: dict[object, dict[int, int]] = {}
        self._started: set[object] = set()

    def number(self, list_id: object, instance: object, overrides: dict[int, int], levels: dict[int, Level],
               ilvl: int) -> str:
        """Count a paragraph at level ``ilvl`` and return the number Word shows before it ("" for a bullet)."""
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(list_id, {})
        if instance not in self._started:
            self._started.add(instance)
            for level, start in overrides.items():
                counters[level] = start - 1
                for deeper in [d for d in counters if d > level]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [d for d in counters if d > ilvl]:
            del counters[deeper]
        if levels[ilvl][1] == "bullet":
            return ""
        out = []
        for ch in levels[ilvl][2]:
            if ord(ch) < 9:  # a placeholder for the number of that level
                start, fmt, _ = levels.get(ord(ch), (1, "decimal", ""))
                out.append(format_list_number(counters.get(ord(ch), start), fmt))
            else:
                out.append(ch)
        return "".join(out)


class _WordNumbering:
    """Word's automatic numbering, as the reader of the document sees it.

    A paragraph Word numbers itself (一、 （一） 1. ①, a task table's 序号) has no number in its text: the
    number comes from its list (``w:numPr``, on the paragraph or its style) and the list's definition in
    numbering.xml (start, format, ``w:lvlText`` such as ``（%1）``). Lists are counted in document order,
    a list's deeper levels starting again when a shallower one moves on; bullets give nothing.
    """

    def __init__(self, document) -> None:
        self._levels: dict[str, dict[int, Level]] = {}  # abstractNumId → ilvl → its level
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        self._styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # id → (numId, ilvl, basedOn)
        self._counts = _ListCounts()
        from docx.opc.constants import RELATIONSHIP_TYPE

        try:
            root = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
        except KeyError:  # a document with no lists
            root = None
        if root is not None:
            links: dict[str, str] = {}  # a list that takes its levels from a numbering style: its id → the style
            by_style: dict[str, str] = {}  # the list that defines a numbering style's levels
            for abstract in root.iterchildren(f"{_W}abstractNum"):
                levels = {}
                for lvl in abstract.iterchildren(f"{_W}lvl"):
                    start, fmt, text = _val(lvl, "start"), _val(lvl, "numFmt"), _val(lvl, "lvlText")
                    placeholders = re.sub(r"%([1-9])", lambda m: chr(int(m.group(1)) - 1), text or "")
                    levels[int(lvl.get(f"{_W}ilvl", "0"))] = (int(start or 1), fmt or "decimal", placeholders)
                abstract_id = abstract.get(f"{_W}abstractNumId", "")
                self._levels[abstract_id] = levels
                if _val(abstract, "numStyleLink"):
                    links[abstract_id] = _val(abstract, "numStyleLink") or ""
                if _val(abstract, "styleLink"):
                    by_style[_val(abstract, "styleLink") or ""] = abstract_id
            for abstract_id, style in links.items():
                if not self._levels[abstract_id] and style in by_style:
                    self._levels[abstract_id] = self._levels[by_style[style]]
            for num in root.iterchildren(f"{_W}num"):
                overrides = {int(o.get(f"{_W}ilvl", "0")): int(_val(o, "startOverride") or 1)
                             for o in num.iterchildren(f"{_W}lvlOverride") if _val(o, "startOverride")}
                self._nums[num.get(f"{_W}numId", "")] = (_val(num, "abstractNumId") or "", overrides)
        for style in document.styles.element.iterchildren(f"{_W}style"):
            props = style.find(f"{_W}pPr/{_W}numPr")
            num_id = _val(props, "numId") if props is not None else None
            ilvl = _val(props, "ilvl") if props is not None else None
            self._styles[style.get(f"{_W}styleId", "")] = (num_id, ilvl, _val(style, "basedOn"))

    def label(self, p) -> str:
        """The number Word shows before paragraph ``p`` (``一、``, ``（二）``, ``3.``), or ``""``."""
        num_id, ilvl = self._list_of(p)
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract_id, overrides = self._nums[num_id]
        return self._counts.number(abstract_id, num_id, overrides, self._levels.get(abstract_id, {}), ilvl)

    def _list_of(self, p) -> tuple[str | None, int]:
        props = p.find(f"{_W}pPr/{_W}numPr")
        num_id = _val(props, "numId") if props is not None else None
        ilvl = _val(props, "ilvl") if props is not None else None
        style = _val(p.find(f"{_W}pPr"), "pStyle") if p.find(f"{_W}pPr") is not None else None
        seen: set[str] = set()
        while (num_id is None or ilvl is None) and style and style not in seen:  # the style, then its bases
            seen.add(style)
            style_num, style_ilvl, based_on = self._styles.get(style, (None, None, None))
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
            style = based_on
        return num_id, int(ilvl or 0)


def _val(element, name: str) -> str | None:
    """The ``w:val`` of ``element``'s child ``w:name``, or None."""
    if element is None:
        return None
    child = element.find(f"{_W}{name}")
    return None if child is None else child.get(f"{_W}val")


_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"


def format_list_number(n: int, fmt: str) -> str:
    """Write list number ``n`` in Word's number format ``fmt`` (``w:numFmt``).

    >>> [format_list_number(n, "chineseCounting") for n in (1, 10, 12, 20, 105)]
    ['一', '十', '十二', '二十', '一百零五']
    >>> format_list_number(3, "decimalEnclosedCircle"), format_list_number(2, "ideographTraditional")
    ('③', '乙')
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese_numeral(n, _CN_DIGITS, "十百千")
    if fmt == "chineseLegalSimplified":
        return _chinese_numeral(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiac") and 1 <= n <= len(_STEMS):
        return _STEMS[n - 1]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return f"({n})"
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return f"{n}."
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = string.ascii_lowercase[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "none":
        return ""
    return str(n)  # decimal, decimalFullWidth, decimalHalfWidth and the rest


def _chinese_numeral(n: int, digits: str, units: str) -> str:
    """一 … 十, 十一, 二十, 一百零五, as a Chinese list counts (up to 9999)."""
    if n <= 0 or n >= 10000:
        return str(n)
    out, zero = "", False
    for value, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // value % 10
        if d:
            if zero:
                out += digits[0]
            out += ("" if (value == 10 and d == 1 and n < 20) else digits[d]) + unit
            zero = False
        elif out:
            zero = True
    return out


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


#: what holds no text of the paragraph itself: deleted text of a tracked change, drawings and text boxes
#: (their own paragraphs, given twice: as DrawingML and as the VML fallback)
_NOT_PARAGRAPH_TEXT = {f"{_W}del", f"{_W}drawing", f"{_W}pict", f"{_W}txbxContent",
                       "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}


def _docx_paragraph_text(p) -> str:
    """A paragraph's text, wherever its runs stand (in a tracked insertion, a hyperlink, a field's result,
    a content control), with its tabs and its line breaks (w:br, w:cr) as newlines; not the text a
    tracked change deleted, nor that of a text box.

    >>> from lxml import etree
    >>> w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    >>> p = etree.fromstring(f'<w:p xmlns:w="{w}"><w:r><w:t>建设（</w:t></w:r>'
    ...                      '<w:ins><w:r><w:t>市数据局</w:t></w:r></w:ins>'
    ...                      '<w:del><w:r><w:delText>市发改委</w:delText></w:r></w:del>'
    ...                      '<w:r><w:t>负责）</w:t></w:r></w:p>')
    >>> _docx_paragraph_text(p)
    '建设（市数据局负责）'
    """
    parts: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif isinstance(tag, str) and tag not in _NOT_PARAGRAPH_TEXT:
                walk(child)

    walk(p)
    return "".join(parts)


def _docx_rows(tbl, numbering: _WordNumbering) -> Rows:
    """A Word table's cells, with horizontally and vertically merged cells repeated, and the numbers
    Word writes in them itself (an automatically numbered 序号 column)."""
    rows: Rows = []
    for tr in tbl.iterchildren(f"{_W}tr"):
        row: list[str] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span, merge = 1, None
            if props is not None:
                grid = props.find(f"{_W}gridSpan")
                span = int(grid.get(f"{_W}val", "1")) if grid is not None else 1
                vmerge = props.find(f"{_W}vMerge")
                merge = None if vmerge is None else vmerge.get(f"{_W}val", "continue")
            paragraphs = [numbering.label(p) + _docx_paragraph_text(p) for p in tc.iter(f"{_W}p")]
            text = "\n".join(p for p in paragraphs if p.strip())
            if merge == "continue" and rows:
                above = rows[-1]
                text = above[len(row)] if len(row) < len(above) else text
            row.extend([text] * span)
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------
# Word 97–2003 (.doc, and WPS's .wps in the same binary format)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SPRM_IN_TABLE = 0x2416  # sprmPFInTable: the paragraph stands in a table cell
_SPRM_TABLE_END = 0x2417  # sprmPFTtp: the paragraph mark that ends a table row
_SPRM_LIST = 0x460B  # sprmPIlfo: the list (instance, 1-based) that numbers the paragraph
_SPRM_LEVEL = 0x260A  # sprmPIlvl: the paragraph's level in its list
_SPRM_WANTED = (_SPRM_IN_TABLE, _SPRM_TABLE_END, _SPRM_LIST, _SPRM_LEVEL)
_SPRM_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # operand size by the sprm's spra bits (6: sized)


def read_doc(path: Path, data: bytes) -> str:
    """The paragraphs and tables of a Word 97–2003 binary document, in document order.

    The text is gathered from the document's pieces ([MS-DOC] 2.4.1: the piece table in the table
    stream says where each run of characters lies in the WordDocument stream, as 8-bit or UTF-16
    text); only the main text is kept (not footnotes, headers or comments), a field's code is
    dropped and its result kept. Table cells end with U+0007; the mark that ends a row is told
    apart from an empty cell by its paragraph's properties (sprmPFTtp), and each row becomes one
    row of cells, as a .docx table does. A paragraph in one of Word's automatic lists (sprmPIlfo,
    sprmPIlvl on the paragraph itself) gets the number Word shows, from the list's levels (PlfLst,
    LVL) and instances (PlfLfo) as in a .docx; numbering that comes only from a paragraph's style
    is not read.

    Raises:
        PlanInputError: not a Word binary document, encrypted, or damaged.
    """
    import olefile

    def refuse(why: str) -> PlanInputError:
        return PlanInputError(f"{path}: {why}; open it in Word or WPS and save it as .docx")

    try:
        ole = olefile.OleFileIO(data)
    except (OSError, ValueError) as exc:  # olefile says a bad header with either
        raise refuse("not a Word document that can be read") from exc
    with ole:
        if not ole.exists("WordDocument"):
            raise refuse("an Office file with no Word document in it")
        try:
            word = ole.openstream("WordDocument").read()
            if len(word) < 0x200 or int.from_bytes(word[0:2], "little") != 0xA5EC:
                raise refuse("a damaged Word document")
            flags = int.from_bytes(word[0x0A:0x0C], "little")
            if flags & 0x0100:
                raise refuse("the Word document is encrypted (a password is set)")
            table_name = "1Table" if flags & 0x0200 else "0Table"
            if not ole.exists(table_name):
                raise refuse("a damaged Word document (no table stream)")
            table = ole.openstream(table_name).read()
        except (OSError, ValueError) as exc:
            raise refuse("a damaged Word document") from exc
    try:
        text, fcs = _doc_text(word, table)
        runs = _Runs(_doc_paragraph_runs(word, table))
        labels = _doc_list_labels(text, fcs, runs, _DocLists(word, table))
    except (IndexError, ValueError, KeyError) as exc:
        raise refuse("a damaged Word document") from exc
    return _doc_lines(text, fcs, runs, labels)


def _doc_list_labels(text: str, fcs: list[int], runs: _Runs, lists: _DocLists) -> dict[int, str]:
    """The number Word shows before each numbered paragraph, by the position of the paragraph's first
    character in the text; a paragraph's properties are those of the run its mark falls in."""
    labels: dict[int, str] = {}
    first = 0
    for k, ch in enumerate(text):
        if ch not in "\r\x07":
            continue
        sprms = runs.at(fcs[k])
        if sprms is not None:
            ilfo = sprms.get(_SPRM_LIST, 0)
            if ilfo and ilfo != 0xF801:  # 0xF801: numbering switched off
                label = lists.label(ilfo, sprms.get(_SPRM_LEVEL, 0))
                if label:
                    labels[first] = label
        first = k + 1
    return labels


def _fib_long(word: bytes, index: int) -> int:
    """The 32-bit value number ``index`` of the FIB's FibRgLw (3: ccpText, the main text's length)."""
    at = 34 + 2 * int.from_bytes(word[32:34], "little") + 2 + 4 * index  # after FibBase and FibRgW
    return int.from_bytes(word[at:at + 4], "little")


def _fib_pair(word: bytes, index: int) -> tuple[int, int]:
    """The (fc, lcb) pair number ``index`` of the FIB's FibRgFcLcb."""
    at = 34 + 2 * int.from_bytes(word[32:34], "little")
    cslw = int.from_bytes(word[at:at + 2], "little")
    at += 2 + 4 * cslw + 2 + 8 * index
    return int.from_bytes(word[at:at + 4], "little"), int.from_bytes(word[at + 4:at + 8], "little")


def _doc_text(word: bytes, table: bytes) -> tuple[str, list[int]]:
    """The main text of the document and, for each character, its offset in the WordDocument stream."""
    ccp_text = _fib_long(word, 3)
    fc_clx, lcb_clx = _fib_pair(word, 33)
    clx, at = table[fc_clx:fc_clx + lcb_clx], 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers, skipped
        at += 3 + int.from_bytes(clx[at + 1:at + 3], "little", signed=True)
    if at >= len(clx) or clx[at] != 0x02:
        raise ValueError("no piece table")
    lcb = int.from_bytes(clx[at + 1:at + 5], "little")
    plc = clx[at + 5:at + 5 + lcb]
    n = (len(plc) - 4) // 12  # as many pieces as the bytes hold, whatever a damaged count says
    cps = [int.from_bytes(plc[4 * i:4 * i + 4], "little") for i in range(n + 1)]
    parts: list[str] = []
    fcs: list[int] = []
    for i in range(n):
        if cps[i] >= ccp_text:
            break
        count = min(cps[i + 1], ccp_text) - cps[i]
        raw = int.from_bytes(plc[4 * (n + 1) + 8 * i + 2:4 * (n + 1) + 8 * i + 6], "little")
        if raw & 0x40000000:  # 8-bit text, at half the offset
            start = (raw & 0x3FFFFFFF) // 2
            piece = word[start:start + max(count, 0)]
            parts.append(piece.decode("cp1252", errors="replace"))
            fcs.extend(range(start, start + len(piece)))
        else:
            start = raw & 0x3FFFFFFF
            piece = word[start:start + 2 * max(count, 0)]
            parts.append(piece[:len(piece) // 2 * 2].decode("utf-16-le", errors="replace"))
            fcs.extend(range(start, start + len(piece) // 2 * 2, 2))
    return "".join(parts), fcs


def _doc_paragraph_runs(word: bytes, table: bytes) -> list[tuple[int, int, dict[int, int]]]:
    """The runs of paragraphs as (start, end offsets in the WordDocument stream, the sprms of
    :data:`_SPRM_WANTED` their properties set, with their operands): in a table, ending a row, in a
    list and at which level."""
    fc_bte, lcb_bte = _fib_pair(word, 13)  # PlcBtePapx: the pages of paragraph properties
    plc = table[fc_bte:fc_bte + lcb_bte]
    n = (len(plc) - 4) // 8
    runs: list[tuple[int, int, dict[int, int]]] = []
    for i in range(n):
        page_no = int.from_bytes(plc[4 * (n + 1) + 4 * i:4 * (n + 1) + 4 * i + 4], "little") & 0x3FFFFF
        page = word[512 * page_no:512 * (page_no + 1)]
        crun = page[511]
        for j in range(crun):
            offset = 2 * page[4 * (crun + 1) + 13 * j]
            sprms = _papx_sprms(page, offset) if offset else {}
            if sprms:
                runs.append((int.from_bytes(page[4 * j:4 * j + 4], "little"),
                             int.from_bytes(page[4 * j + 4:4 * j + 8], "little"), sprms))
    return runs


def _papx_sprms(page: bytes, at: int) -> dict[int, int]:
    """The sprms of :data:`_SPRM_WANTED` in the paragraph properties at ``at`` of a PapxFkp page, with
    their operands."""
    cb = page[at]
    size, at = (2 * cb - 1, at + 1) if cb else (2 * page[at + 1], at + 2)
    grpprl, k = page[at + 2:at + size], 0  # after the style index
    found: dict[int, int] = {}
    while k + 2 <= len(grpprl):
        sprm = int.from_bytes(grpprl[k:k + 2], "little")
        k += 2
        spra = sprm >> 13
        if sprm in _SPRM_WANTED:
            found[sprm] = int.from_bytes(grpprl[k:k + _SPRM_OPERAND[spra]], "little")
        if spra == 6:
            k += 1 + grpprl[k] if sprm not in (0xD608, 0xC615) else 2 + int.from_bytes(grpprl[k:k + 2], "little")
        else:
            k += _SPRM_OPERAND[spra]
    return found


#: Word's number formats (MSONFC) as the numFmt names :func:`format_list_number` takes
_MSONFC = {0x00: "decimal", 0x01: "upperRoman", 0x02: "lowerRoman", 0x03: "upperLetter", 0x04: "lowerLetter",
           0x0A: "ideographDigital", 0x0E: "decimalFullWidth", 0x0F: "decimalHalfWidth", 0x12: "decimalEnclosedCircle",
           0x13: "decimalFullWidth2", 0x16: "decimalZero", 0x17: "bullet", 0x1A: "decimalEnclosedFullstop",
           0x1B: "decimalEnclosedParen", 0x1C: "decimalEnclosedCircleChinese", 0x1E: "ideographTraditional",
           0x1F: "ideographZodiac",
           0x21: "taiwaneseCounting", 0x22: "ideographLegalTraditional", 0x23: "taiwaneseCountingThousand",
           0x24: "taiwaneseDigital", 0x25: "chineseCounting", 0x26: "chineseLegalSimplified",
           0x27: "chineseCountingThousand", 0xFF: "none"}


class _DocLists:
    """The automatic lists of a .doc ([MS-DOC] PlfLst, LVL, PlfLfo), counted in document order as Word
    numbers them: a list's deeper levels start again when a shallower one moves on."""

    def __init__(self, word: bytes, table: bytes) -> None:
        self._levels: dict[int, dict[int, Level]] = {}  # lsid → ilvl → its level
        self._lfos: list[tuple[int, dict[int, int]]] = []  # per list instance (1-based ilfo): lsid, start overrides
        self._counts = _ListCounts()
        fc, lcb = _fib_pair(word, 73)  # PlfLst, then the LVLs of every list, in order
        if lcb:
            count = min(int.from_bytes(table[fc:fc + 2], "little", signed=True), (len(table) - fc - 2) // 28)
            at = fc + 2 + 28 * count
            for k in range(count):
                lstf = table[fc + 2 + 28 * k:fc + 2 + 28 * (k + 1)]
                levels: dict[int, Level] = {}
                for ilvl in range(1 if lstf[26] & 0x01 else 9):  # fSimpleList: one level
                    levels[ilvl], at = _read_lvl(table, at)
                self._levels[int.from_bytes(lstf[0:4], "little")] = levels
        fc, lcb = _fib_pair(word, 74)  # PlfLfo: the list instances paragraphs point at, then their overrides
        if lcb:
            count = min(int.from_bytes(table[fc:fc + 4], "little"), (len(table) - fc - 4) // 16)
            lfos = [table[fc + 4 + 16 * k:fc + 4 + 16 * (k + 1)] for k in range(count)]
            at = fc + 4 + 16 * count
            for lfo in lfos:
                overrides: dict[int, int] = {}
                at += 4  # LFOData.cp
                for _ in range(lfo[12]):  # clfolvl
                    start = int.from_bytes(table[at:at + 4], "little", signed=True)
                    flags = int.from_bytes(table[at + 4:at + 8], "little")
                    at += 8
                    if flags & 0x10:  # fStartAt
                        overrides[flags & 0x0F] = start
                    if flags & 0x20:  # fFormatting: a whole LVL follows
                        _, at = _read_lvl(table, at)
                self._lfos.append((int.from_bytes(lfo[0:4], "little"), overrides))

    def label(self, ilfo: int, ilvl: int) -> str:
        """The number Word shows before a paragraph of list instance ``ilfo`` (1-based) at level ``ilvl``."""
        if not 1 <= ilfo <= len(self._lfos):
            return ""
        lsid, overrides = self._lfos[ilfo - 1]
        return self._counts.number(lsid, ilfo, overrides, self._levels.get(lsid, {}), ilvl)


def _read_lvl(table: bytes, at: int) -> tuple[Level, int]:
    """An LVL at ``at``: (start, number format, number text with placeholders), and where the next begins."""
    if at + 28 > len(table):
        raise ValueError("a list level runs past the table stream")
    start = int.from_bytes(table[at:at + 4], "little", signed=True)
    fmt = _MSONFC.get(table[at + 4], "decimal")
    cb_chpx, cb_papx = table[at + 24], table[at + 25]
    at += 28 + cb_papx + cb_chpx
    cch = int.from_bytes(table[at:at + 2], "little")
    text = table[at + 2:at + 2 + 2 * cch].decode("utf-16-le", errors="replace")
    return (start, fmt, text), at + 2 + 2 * cch


class _Runs:
    """Runs of the WordDocument stream (start, end offsets) with what holds in each: the run an offset
    falls in, found by bisection."""

    def __init__(self, runs: list[tuple[int, int, dict[int, int]]]) -> None:
        self.runs = sorted(runs, key=lambda run: run[:2])
        self.starts = [run[0] for run in self.runs]

    def at(self, fc: int) -> dict[int, int] | None:
        """What holds at offset ``fc`` (a run's sprms), or None when no run holds it."""
        i = bisect.bisect_right(self.starts, fc) - 1
        return self.runs[i][2] if i >= 0 and fc < self.runs[i][1] else None


def _doc_lines(text: str, fcs: list[int], runs: _Runs, labels: dict[int, str]) -> str:
    """Paragraphs and table rows of a .doc's text: list numbers put before their paragraphs, fields
    reduced to their results, cells gathered into rows."""

    def holds(sprm: int, fc: int) -> bool:
        return bool((runs.at(fc) or {}).get(sprm))

    lines: list[str] = []
    rows: Rows = []
    row: list[str] = []
    cell: list[str] = []
    showing: list[bool] = []  # one entry per open field (\x13 code \x14 result \x15): whether its text shows
    for k, ch in enumerate(text):
        if k in labels:
            cell.append(labels[k])
        if ch == "\x13":
            showing.append(False)
            continue
        if ch == "\x14" and showing:
            showing[-1] = True
            continue
        if ch == "\x15" and showing:
            showing.pop()
            continue
        if not all(showing):
            continue
        if ch == "\x07":
            if holds(_SPRM_TABLE_END, fcs[k]):
                rows.append(row)
                row = []
            else:
                row.append("".join(cell).strip())
            cell = []
        elif ch in "\r\x0c" and holds(_SPRM_IN_TABLE, fcs[k]):
            cell.append("\n")  # a cell of several paragraphs
        elif ch in "\r\x0c":
            if rows:
                lines.extend(_table_lines(rows))
                rows = []
            lines.append("".join(cell))
            cell = []
        elif ch == "\x0b":
            cell.append("\n")
        elif ch >= " " or ch == "\t":
            cell.append(ch)
    if row:
        rows.append(row)
    if rows:
        lines.extend(_table_lines(rows))
    if cell:
        lines.append("".join(cell))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Excel and CSV


def read_xlsx(path: Path, data: bytes) -> str:
    """The task tables of every sheet of an .xlsx workbook.

    Raises:
        PlanInputError: not an .xlsx file, or no sheet holds a task table.
    """
    import zipfile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PlanInputError(f"{path}: not an Excel .xlsx file; save it as .xlsx or .csv") from exc
    sheets = []
    for sheet in workbook.worksheets:
        rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        merges = [(m.min_row - 1, m.max_row, m.min_col - 1, m.max_col) for m in sheet.merged_cells.ranges]
        sheets.append((sheet.title, rows, merges))
    return _render_workbook(sheets, path)


def read_xls(path: Path, data: bytes) -> str:
    """The task tables of every sheet of an Excel 97–2003 (.xls) workbook, read with xlrd.

    Whole numbers are written without a decimal point (序号 1, not 1.0) and dates as openpyxl
    writes them, so that a table reads the same as in an .xlsx.

    Raises:
        PlanInputError: not an .xls file (or encrypted), or no sheet holds a task table.
    """
    import struct

    import xlrd

    # what a damaged file makes xlrd raise
    damaged = (xlrd.XLRDError, xlrd.compdoc.CompDocError, struct.error, AssertionError, ValueError, KeyError,
               IndexError, TypeError, OverflowError, UnicodeDecodeError, OSError)
    try:  # xlrd's own messages go to a log of their own, not to the user's screen
        workbook = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=io.StringIO())
    except damaged as exc:
        raise PlanInputError(f"{path}: not an Excel .xls file that can be read (damaged, or protected by a "
                             "password); open it in Excel or WPS and save it as .xlsx or .csv") from exc

    def text_of(cell) -> str:
        if cell.ctype == xlrd.XL_CELL_NUMBER:
            return str(int(cell.value)) if float(cell.value).is_integer() else str(cell.value)
        if cell.ctype == xlrd.XL_CELL_DATE:
            return str(xlrd.xldate.xldate_as_datetime(cell.value, workbook.datemode))  # as openpyxl gives it
        if cell.ctype == xlrd.XL_CELL_BOOLEAN:
            return str(bool(cell.value))
        return "" if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR) else str(cell.value)

    sheets = []
    try:
        for sheet in workbook.sheets():
            rows = [[text_of(sheet.cell(r, c)) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
            sheets.append((sheet.name, rows, list(sheet.merged_cells)))
    except damaged as exc:
        raise PlanInputError(f"{path}: not an Excel .xls file that can be read (damaged); open it in Excel or WPS "
                             "and save it as .xlsx or .csv") from exc
    return _render_workbook(sheets, path)


def _render_workbook(sheets: list[tuple[str, Rows, list[tuple[int, int, int, int]]]], path: Path) -> str:
    """The task tables of a workbook's sheets, each given as (title, rows, merged ranges as
    (first row, end row, first column, end column), zero-based, ends excluded); a merged range's
    value is repeated into every cell it covers."""
    lines: list[str] = []
    failures: list[PlanInputError] = []
    for title, rows, merges in sheets:
        for first_row, end_row, first_col, end_col in merges:
            value = rows[first_row][first_col]
            for r in range(first_row, min(end_row, len(rows))):
                for c in range(first_col, min(end_col, len(rows[r]))):
                    rows[r][c] = value
        if not any(any(cell.strip() for cell in row) for row in rows):
            continue
        try:
            lines.extend(render_sheet(rows, where=f"sheet {title!r}", path=path))
        except PlanInputError as exc:
            failures.append(exc)
    if not lines:
        if failures:
            raise failures[0]
        raise PlanInputError(f"{path}: the workbook is empty; give a sheet with a task table")
    return "\n".join(lines)


def read_csv_text(text: str, path: Path) -> str:
    """The task table of a CSV file (comma, tab or semicolon separated), decoded already.

    Raises:
        PlanInputError: the file holds no task table.
    """
    sample = text[:4096]
    delimiter = max(",\t;，", key=sample.count)
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return "\n".join(render_sheet(rows, where="the file", path=path))


# ---------------------------------------------------------------------------------------
# HTML

_SKIP = {"script", "style", "noscript", "head", "nav", "footer", "header", "aside", "form", "select", "button",
         "iframe", "object", "svg", "template", "title", "meta", "link",
         "rt", "rp"}  # a ruby's reading (發<rt>fā</rt>) is no text of the plan
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "center",
          "blockquote", "pre", "dt", "dd", "dl", "tr", "td", "th", "table", "tbody", "thead", "tfoot", "main", "body",
          "figure", "figcaption", "address", "hr", "caption"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def read_html_text(text: str, path: Path) -> str:
    """The text of a web page, its task tables as paragraphs.

    Raises:
        PlanInputError: no text is left once markup is removed.
    """
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text) or "<html></html>")
    except (etree.ParserError, ValueError) as exc:
        raise PlanInputError(f"{path}: not a readable web page ({exc}); save the page again or as text") from exc
    out: list[str] = []
    _walk_html(root, out)
    lines = [re.sub(r"[ \t\r\f\v\xa0\u3000]+", " ", line).strip() for line in "".join(out).split("\n")]
    return "\n".join(line for line in lines if line)


def _walk_html(element, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if tag in _SKIP:
        if element.tail:
            out.append(re.sub(r"\s+", " ", element.tail))
        return
    if tag == "table":
        rows = _html_rows(element)
        if render_table(rows) is not None:
            out.append("\n" + "\n".join(_table_lines(rows)) + "\n")
            if element.tail:
                out.append(re.sub(r"\s+", " ", element.tail))
            return
    if tag == "br":
        out.append("\n")
    block = tag in _BLOCK
    if block:
        out.append("\n")
    if tag == "li":
        out.append(_list_item_label(element))
    if element.text and tag:
        out.append(re.sub(r"\s+", " ", element.text))
    for child in element:
        _walk_html(child, out)
    if block:
        out.append("\n")
    if element.tail:
        out.append(re.sub(r"\s+", " ", element.tail))


#: an ordered list's type attribute or CSS list-style-type, as a Word number format and what follows it
_HTML_LIST_STYLES = {
    "1": ("decimal", "."), "decimal": ("decimal", "."), "a": ("lowerLetter", "."), "lower-alpha": ("lowerLetter", "."),
    "lower-latin": ("lowerLetter", "."), "A": ("upperLetter", "."), "upper-alpha": ("upperLetter", "."),
    "upper-latin": ("upperLetter", "."), "i": ("lowerRoman", "."), "lower-roman": ("lowerRoman", "."),
    "I": ("upperRoman", "."), "upper-roman": ("upperRoman", "."), "cjk-ideographic": ("chineseCounting", "、"),
    "simp-chinese-informal": ("chineseCounting", "、"), "trad-chinese-informal": ("chineseCounting", "、"),
    "cjk-heavenly-stem": ("ideographTraditional", "、"), "cjk-decimal": ("ideographDigital", "、"),
    "decimal-leading-zero": ("decimalZero", "."), "none": ("none", ""),
}


def _list_item_label(li) -> str:
    """The number a browser shows before an <li> of an ordered list (<ol start type>, <li value>,
    list-style-type), as it shows it (1. a. 一、); nothing for an item of a bulleted list."""
    parent = li.getparent()
    if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() != "ol":
        return ""
    style = re.search(r"list-style(?:-type)?\s*:\s*([\w-]+)", parent.get("style", "") + ";" + li.get("style", ""))
    kind = style.group(1) if style else parent.get("type", "1")
    fmt, after = _HTML_LIST_STYLES.get(kind, ("decimal", "."))
    number = _int_attribute(parent, "start", 1) - 1
    for item in parent.iterchildren():
        if isinstance(item.tag, str) and item.tag.lower() == "li":
            number = _int_attribute(item, "value", number + 1)
            if item is li:
                break
    return format_list_number(number, fmt) + after if fmt != "none" else ""


def _int_attribute(element, name: str, default: int) -> int:
    value = (element.get(name) or "").strip()
    return int(value) if re.fullmatch(r"-?\d{1,6}", value) else default


def _html_rows(table) -> Rows:
    """A table's rows, rowspan and colspan repeated; nested tables stay inside their cell's text."""
    grid: dict[tuple[int, int], str] = {}
    rows = [tr for tr in table.iter("tr") if _nearest_table(tr) is table]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            parts: list[str] = []
            _walk_html(cell, parts)
            text = "\n".join(line.strip() for line in "".join(parts).split("\n") if line.strip())
            rowspan = _span(cell.get("rowspan"))
            colspan = _span(cell.get("colspan"))
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = text
            c += colspan
    if not grid:
        return []
    height = max(r for r, _ in grid) + 1
    width = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(height)]


def _nearest_table(element):
    parent = element.getparent()
    while parent is not None and (not isinstance(parent.tag, str) or parent.tag.lower() != "table"):
        parent = parent.getparent()
    return parent


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 200))
    except ValueError:
        return 1
