"""Read a plan file and normalize its text, keeping a map back to the source.

``read_text`` decodes a file strictly and records the encoding it used. ``normalize``
removes what a PDF-to-text converter leaves behind (full-width ASCII letters and digits,
private-use glyphs, page footers, stray spaces, lines wrapped inside a sentence) and
returns the clean text with, for every clean character, its offset in the source.
"""

from __future__ import annotations

import collections
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .clauses import LABEL_LINE
from .errors import PlanInputError
from .formats import OLE_MAGIC, read_csv_text, read_doc, read_docx, read_html_text, read_pdf, read_xls, read_xlsx
from .markers import CLAUSE_VERB, CLOSE, OPEN, find_trailing_clause, match_marker
from .tables import render_text_tables

#: Encodings tried, each strictly. UTF-16 is only tried when a BOM says so; of GB18030 and Big5
#: the more plausible reading wins.
ENCODINGS = ("utf-8-sig", "gb18030", "big5")

#: a page number on a line of its own: between dashes or dots (—１１—, - 3 -, ·3·), 第3页 (共12页), 3/12
_FOOTER = (r"^(?:[—–\-－·•]\s*[0-9０-９]{1,4}\s*[—–\-－·•]"
           r"|(?:共\s*[0-9０-９]{1,4}\s*页\s*[，,]?\s*)?第\s*[0-9０-９]{1,4}\s*页(?:\s*[，,/]?\s*共\s*[0-9０-９]{1,4}\s*页)?"
           r"|[0-9０-９]{1,4}\s*/\s*[0-9０-９]{1,4})$")
_FOOTER_RE = re.compile(_FOOTER)
_FOOTER_LINE_RE = re.compile(_FOOTER, re.MULTILINE)
_CLOSERS = "”’」』）)"  # what may close after a sentence's end: 。” 。）
_CONTINUES = "，、；：（“《—"
_PUNCT = re.compile(r"[，。、；：！？（）“”《》—,.;:!?()]")
#: the characters an agency's name or a clause can end with (…局, …委员会, …管委会）, …等, …负责);
#: a label line that stops on any other character was broken inside a name
_NAME_ENDS = "部局委厅府办署会位行院室社联协团班队关台心所站司组处馆校盟区市县州旗镇乡道门央等责实）)。；;"
_NEVER_OPENS = "、，,；;：:。）)〕】」』”’！？"
_MIN_WRAPPED = 15  # lines shorter than this say nothing of the width a text is wrapped at
_PARAGRAPH_END = "。！？!?）)：:”"
_BRACKET = re.compile(f"[{re.escape(OPEN + CLOSE)}]")
_LIST_MARK = re.compile(r"[、，,；;]")
_SENTENCE_PUNCT = re.compile(r"[，。、；：！？,;:!?]")
_SHORT_LINE = 30  # a heading line of its own is at most this long
_TITLE_LINE = 20  # a line with no punctuation at all and at most this long is a title
#: the end of a document's title: the kind of document it is (…的通知, …实施方案, …工作要点)
_TITLE_END = re.compile(r"(?:方案|规划|意见|通知|计划|要点|办法|措施|纲要|决定|清单|细则|指南|报告)[）)]?$")
_LONG_TITLE = 60  # a document's title, on its first line, is at most this long


@dataclass(frozen=True)
class SourceText:
    """A decoded plan file.

    Attributes:
        text: the text as read (after conversion to simplified script, when that was done).
        encoding: the text encoding used, or ``pdf`` / ``docx`` / ``doc`` / ``xlsx`` for those formats.
        path: the file.
        conversion: ``t2s`` when the file was in traditional script and was converted to
            simplified, else empty.
        backend: the tokenizer that cut the text (``jieba`` or ``rjieba``), once it is parsed.
    """

    text: str
    encoding: str
    path: Path
    conversion: str = ""
    backend: str = ""


@dataclass(frozen=True)
class CleanText:
    """Normalized text, its map back to the source, and what normalization changed.

    ``offsets[i]`` is the offset in the source text of clean character ``i``; a paragraph
    break maps to the end of the source line it replaces. They are kept as an array of 32-bit
    integers (4 bytes a character, where a list of Python ints takes 36).
    """

    text: str
    offsets: np.ndarray
    report: dict[str, int] = field(default_factory=dict)


def read_text(path: str | Path, *, simplify: bool = True, protect: tuple[str, ...] = ()) -> SourceText:
    """Read a plan file: text in any common encoding, PDF with a text layer, Word .docx or .doc, a
    web page (.html), or a task table (.xlsx, .csv).

    Plain text is decoded strictly: UTF-16 when a byte-order mark says so, otherwise UTF-8
    (with or without BOM), then GB18030 (a superset of GBK) or Big5, whichever reads as more
    plausible Chinese. PDF pages are read with pdfplumber; lines that repeat at the top or
    bottom of most pages (running heads, page numbers) are dropped. A .docx is read
    paragraph by paragraph with python-docx, a .doc from its compound file
    (olefile). Task tables in any of these, and in spreadsheets,
    are written as one paragraph per task (see :mod:`harchang_analysis.formats`).

    Text in traditional script is converted to simplified with OpenCC unless
    ``simplify=False``; the names in ``protect`` (the lexicon's, in simplified form) are kept
    exactly as the lexicon writes them, since a character-level converter can change a
    place name (乾安 → 干安).

    Raises:
        PlanInputError: the file is missing, a directory, empty, binary, undecodable, an
            encrypted or damaged PDF, a PDF without a text layer, not a .docx, or a .doc that is
            damaged, encrypted or RTF.
    """
    path = Path(path)
    if not path.exists():
        raise PlanInputError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise PlanInputError(f"{path}: is a directory; give the path of a plan file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanInputError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from exc
    suffix = path.suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF"):  # a table without ruled cells comes as text: spaces between
        source = SourceText(text=render_text_tables(read_pdf(path, data)), encoding="pdf", path=path)
    elif suffix == ".docx":
        source = SourceText(text=read_docx(path, data), encoding="docx", path=path)
    elif suffix == ".xlsx":
        source = SourceText(text=read_xlsx(path, data), encoding="xlsx", path=path)
    elif suffix in (".doc", ".wps", ".docx") and data.startswith(OLE_MAGIC):
        source = SourceText(text=read_doc(path, data), encoding="doc", path=path)
    elif suffix in (".doc", ".wps") and data.startswith(b"PK"):  # a .docx under an old name
        source = SourceText(text=read_docx(path, data), encoding="docx", path=path)
    elif suffix in (".doc", ".wps") and data.lstrip()[:5] == b"{\\rtf":
        raise PlanInputError(f"{path}: an RTF file under a Word name; open it in Word or WPS and save it as .docx")
    elif suffix in (".xls", ".et") and data.startswith(OLE_MAGIC):
        source = SourceText(text=read_xls(path, data), encoding="xls", path=path)
    elif suffix in (".xls", ".et") and data.startswith(b"PK"):  # an .xlsx under an old name
        source = SourceText(text=read_xlsx(path, data), encoding="xlsx", path=path)
    else:
        try:
            decoded = decode_bytes(data, path)
        except PlanInputError as exc:
            if suffix in (".xls", ".et"):
                raise PlanInputError(f"{path}: not an Excel workbook that can be read; save it as .xlsx or .csv") \
                    from exc
            if suffix not in (".doc", ".wps"):
                raise
            raise PlanInputError(f"{path}: not a Word document that can be read; open it in Word or WPS and save "
                                 "it as .docx") from exc
        if suffix == ".csv":
            decoded = SourceText(text=read_csv_text(decoded.text, path), encoding=decoded.encoding, path=path)
        elif suffix in (".html", ".htm", ".shtml", ".xhtml") or _looks_like_html(decoded.text):
            decoded = SourceText(text=read_html_text(decoded.text, path), encoding=decoded.encoding, path=path)
        else:  # a task table pasted into the text: a row to a line with tabs, or a cell to a line
            decoded = SourceText(text=render_text_tables(decoded.text), encoding=decoded.encoding, path=path)
        source = decoded
    if not source.text.strip():
        raise PlanInputError(f"{path}: the file is empty or holds only white space; give a plan with text")
    if simplify and is_traditional(source.text):
        return SourceText(text=to_simplified(source.text, protect=protect), encoding=source.encoding, path=path,
                          conversion="t2s")
    return source


def decode_bytes(data: bytes, path: Path) -> SourceText:
    """Decode the bytes of a text file strictly; see :func:`read_text`."""
    if not data.strip():
        raise PlanInputError(f"{path}: the file is empty or holds only white space; give a plan with text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates: tuple[str, ...] = ("utf-16",)
    else:
        candidates = ENCODINGS
    decoded: list[tuple[str, str]] = []
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text or _control_ratio(text) > 0.01:
            continue
        if encoding in ("utf-8-sig", "utf-16"):
            return SourceText(text=text, encoding=encoding, path=path)
        decoded.append((encoding, text))
    if decoded:
        encoding, text = max(decoded, key=lambda pair: _plausibility(pair[1]))
        if _plausibility(text) >= 0.6:
            return SourceText(text=text, encoding=encoding, path=path)
    tried = ", ".join(candidates)
    raise PlanInputError(f"{path}: not text in a known encoding (tried {tried}); save it as UTF-8 text")


def _is_common_hanzi(ch: str) -> bool:
    """A character of GB2312 level 1 or of Big5's frequent characters: what real text is made of."""
    try:
        gb = ch.encode("gb2312")
        if len(gb) == 2 and 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        big5 = ch.encode("big5")
        return len(big5) == 2 and 0xA440 <= int.from_bytes(big5, "big") <= 0xC67E
    except UnicodeEncodeError:
        return False


_COMMON_PUNCT = set("，。、；：？！（）“”‘’《》——…·")


def _plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are common hanzi or Chinese punctuation."""
    chars = [ch for ch in text if not ch.isascii() and not ch.isspace()]
    if not chars:
        return 1.0
    sample = chars[:5000]
    good = sum(1 for ch in sample if ch in _COMMON_PUNCT or _is_common_hanzi(ch))
    return good / len(sample)


def code_points(text: str) -> np.ndarray:
    """The text's characters as their code points, one int64 each (a lone surrogate included, as
    Python indexes it).

    >>> code_points("长春").tolist()
    [38271, 26149]
    """
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)


def pair_code(word: str) -> int:
    """One number for the first two characters of ``word``: the key names are looked up by."""
    return (ord(word[0]) << 21) | ord(word[1])


def pair_codes(points: np.ndarray) -> np.ndarray:
    """:func:`pair_code` at every character of a text's :func:`code_points` (the last character
    paired with 0)."""
    return (points << 21) | np.append(points[1:], 0)


def is_traditional(text: str) -> bool:
    """Whether a text is written in traditional script (OpenCC would change 3% or more of its hanzi).

    The test reads up to 3,000 hanzi spread evenly over the whole text, so a plan whose first
    pages are a simplified cover letter is judged by its body too, and judges each alone.

    >>> is_traditional("吉林省哈長城市群發展規劃實施方案"), is_traditional("吉林省哈长城市群发展规划实施方案")
    (True, False)
    """
    chars = code_points(text)
    where = np.flatnonzero((chars >= 0x4E00) & (chars <= 0x9FFF))
    if not len(where):
        return False
    picked = chars[where[np.linspace(0, len(where) - 1, num=min(3000, len(where))).astype(np.int64)]]
    changed = int(np.count_nonzero(_t2s_alone()[picked - 0x4E00] != picked))
    return changed >= 3 and changed / len(picked) >= 0.03


@functools.cache
def _t2s_alone() -> np.ndarray:
    """What OpenCC's t2s makes of each hanzi of U+4E00–U+9FFF alone, by code point from U+4E00 (0
    where it makes more or less than one character): the characters of a sample stand apart in the
    text, so each is judged alone, and one conversion of the whole range serves every plan."""
    hanzi = [chr(code) for code in range(0x4E00, 0xA000)]
    made = _converter("t2s").convert("\n".join(hanzi)).split("\n")
    if len(made) != len(hanzi):  # a conversion that joined or split lines: judge one by one
        made = [_converter("t2s").convert(ch) for ch in hanzi]
    return np.array([ord(ch) if len(ch) == 1 else 0 for ch in made], dtype=np.int64)


@functools.cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str, *, protect: tuple[str, ...] = ()) -> str:
    """Convert traditional script to simplified, one character for one, keeping protected names.

    Each name in ``protect`` is written in simplified script; wherever its traditional form
    stands in ``text``, the name comes back exactly as given. All names are found in one pass over
    the text (:func:`_find_forms`); where two overlap, the longer is written last, so it wins.

    >>> to_simplified("乾安縣和長春市", protect=("乾安县",))
    '乾安县和长春市'
    """
    t2s = _converter("t2s")
    converted = t2s.convert(text)
    if len(converted) != len(text):  # a phrase rule changed the length: convert char by char
        converted = "".join(t2s.convert(ch) if len(t2s.convert(ch)) == 1 else ch for ch in text)
    chars = list(converted)
    s2t = _converter("s2t")
    forms: dict[str, str] = {}
    for name in sorted(set(protect), key=lambda n: (len(n), n)):
        for form in (s2t.convert(name), name):
            if len(form) == len(name) and form:
                forms.setdefault(form, name)
    for start, name in _find_forms(text, forms):
        chars[start:start + len(name)] = name
    return "".join(chars)


def _find_forms(text: str, forms: dict[str, str]) -> list[tuple[int, str]]:
    """Every place a form of ``forms`` stands in ``text`` (overlaps included), as (start, the name
    it stands for), shortest name first. One pass: the text's positions are first narrowed to
    those whose first two characters begin some form, with array operations."""
    if not forms or not text:
        return []
    chars = code_points(text)
    pairs = pair_codes(chars)
    long_heads = np.array(sorted({pair_code(f) for f in forms if len(f) > 1}), dtype=np.int64)
    short_heads = np.array(sorted({ord(f) for f in forms if len(f) == 1}), dtype=np.int64)
    candidates = np.flatnonzero(np.isin(pairs, long_heads) | np.isin(chars, short_heads))
    sizes = sorted({len(f) for f in forms})
    found = []
    for start in candidates.tolist():
        for size in sizes:
            name = forms.get(text[start:start + size])
            if name is not None:
                found.append((len(name), start, name))
    return [(start, name) for _, start, name in sorted(found, key=lambda f: (f[0], f[1]))]


#: the tags of a page's body, as a crawl's dump of an article keeps them without the page around it
_BODY_MARKUP = re.compile(r"</?(?:p|div|br|span|strong|table|tr|td|h[1-6]|li|font)\b[^<>]{0,200}>", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    """Whether a text is a web page, or the body of one without the page around it (a database dump
    of an article: ``<p>…</p><p>…</p>``)."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<body" in text[:5000].lower()):
        return True
    return "<" in text and len(_BODY_MARKUP.findall(text, 0, 20_000)) >= 3


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    return len(_CONTROL_RE.findall(text)) / max(len(text), 1)


# ---------------------------------------------------------------------------------------
# normalization


_FULL_WIDTH = {code: code - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
               for code in range(r[0], r[1] + 1)}
_FULL_WIDTH_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")
_SPACE_RE = re.compile(r"\s+")
_SPACE_OR_PRIVATE_USE_RE = re.compile(r"[\s\ue000-\uf8ff]")


def _clean_line(raw: str, start: int, counts: collections.Counter[str]) -> tuple[str, Sequence[int]]:
    """Clean one source line: width, private-use glyphs, spaces. Returns the text and its offsets.

    Full-width letters and digits become half-width (one character for one). A private-use
    glyph between two digits becomes a decimal point, elsewhere it is removed. A run of white
    space becomes one space between two ASCII letters or digits and is removed elsewhere.
    """
    n_full = len(_FULL_WIDTH_RE.findall(raw))
    counts["full_width_characters"] += n_full
    text = raw.translate(_FULL_WIDTH) if n_full else raw
    offsets: Sequence[int] = range(start, start + len(text))  # a list only where characters go
    if _SPACE_OR_PRIVATE_USE_RE.search(text):  # one look for both, as most lines have neither
        if _PRIVATE_USE_RE.search(text):
            text, offsets = _replace_private_use(text, offsets, counts)
        if _SPACE_RE.search(text):
            text, offsets = _collapse_spaces(text, offsets, counts)
    if "(" in text and _TONE_MARKS.search(text):
        text, offsets = _drop_readings(text, offsets, counts)
    return text, offsets


#: a vowel with a tone mark, which pinyin has and a plan's own words never do
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONE_MARKS = re.compile(f"[{_TONED}]")
#: the reading a converter writes after a character it changed, when a web page is saved as text: 發(fā)展
_READING = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,6}}\)")


def _drop_readings(text: str, offsets: Sequence[int], counts: collections.Counter[str]) -> tuple[str, list[int]]:
    """Remove the pinyin readings a converter wrote after characters (規(guī)劃 → 規劃).

    >>> _drop_readings("發(fā)展規(guī)劃(app)", list(range(15)), collections.Counter())[0]
    '發展規劃(app)'
    """
    out: list[str] = []
    out_offsets: list[int] = []
    last = 0
    for m in _READING.finditer(text):
        out.append(text[last:m.start()])
        out_offsets.extend(offsets[last:m.start()])
        last = m.end()
        counts["readings_removed"] += 1
    out.append(text[last:])
    out_offsets.extend(offsets[last:])
    return "".join(out), out_offsets


def _replace_private_use(text: str, offsets: Sequence[int], counts: collections.Counter[str]) -> tuple[str, list[int]]:
    out: list[str] = []
    out_offsets: list[int] = []
    last = 0
    for m in _PRIVATE_USE_RE.finditer(text):
        i = m.start()
        out.append(text[last:i])
        out_offsets.extend(offsets[last:i])
        last = i + 1
        before = next((piece[-1] for piece in reversed(out) if piece), "")
        after = text[i + 1] if i + 1 < len(text) else ""
        if before.isdigit() and after.isdigit() and after.isascii():
            # between two digits the glyph is the typeface's decimal point: ７\ue010５ = 7.5
            out.append(".")
            out_offsets.append(offsets[i])
            counts["private_use_decimal_points"] += 1
        else:
            counts["private_use_glyphs_removed"] += 1
    out.append(text[last:])
    out_offsets.extend(offsets[last:])
    return "".join(out), out_offsets


def _collapse_spaces(text: str, offsets: Sequence[int], counts: collections.Counter[str]) -> tuple[str, list[int]]:
    out: list[str] = []
    out_offsets: list[int] = []
    last = 0
    for m in _SPACE_RE.finditer(text):
        i, j = m.span()
        out.append(text[last:i])
        out_offsets.extend(offsets[last:i])
        last = j
        before = next((piece[-1] for piece in reversed(out) if piece), "")
        after = text[j] if j < len(text) else ""
        if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
            out.append(" ")
            out_offsets.append(offsets[i])
            counts["spaces_removed"] += j - i - 1
        else:
            counts["spaces_removed"] += j - i
    out.append(text[last:])
    out_offsets.extend(offsets[last:])
    return "".join(out), out_offsets


def _names_only(line: str) -> bool:
    """Whether a line is nothing but the rest of a list of names (经开区管委会、中新苏滁高新区管委会等，各县、市、区政府。).

    Every piece between list marks is short and ends as a name does; a sentence has pieces that do not.
    """
    body = line.rstrip("。；;")
    if not body or "。" in body:
        return False
    pieces = _LIST_MARK.split(body)
    return all(0 < len(piece) <= 20 and piece[-1] in _NAME_ENDS for piece in pieces)


def _open_brackets(line: str, at: int, opened: list[int]) -> None:
    """Go on with ``opened``, where each bracket of a text that is still open stands, over ``line``
    put at ``at`` in the text: a paragraph's brackets are followed as its lines come, not read again
    from its start for every line. What follows the last of them is the paragraph's open tail.

    >>> opened = []
    >>> _open_brackets("扶持。（牵头单位：", 0, opened); _open_brackets("市委组织部，", 9, opened); opened
    [3]
    >>> para = "扶持。（牵头单位：市委组织部，"; para[opened[-1] + 1:]
    '牵头单位：市委组织部，'
    >>> opened = []; _open_brackets("各县(市、区)政府", 0, opened); opened
    []
    """
    for m in _BRACKET.finditer(line):
        if m.group() in OPEN:
            opened.append(at + m.start())
        elif opened:
            opened.pop()


def _opens_clause(lines: list[str], k: int) -> bool:
    """Whether line k opens a parenthesised responsibility clause (not a heading)."""
    if not lines[k].startswith(("（", "(")) or match_marker(lines[k]):
        return False
    depth, seen = 0, []
    for j in range(k, len(lines)):
        if j > k and match_marker(lines[j]):
            break
        for ch in lines[j]:
            depth += ch in OPEN
            depth -= ch in CLOSE
            seen.append(ch)
            if depth == 0:
                return bool(CLAUSE_VERB.search("".join(seen)))
    return bool(CLAUSE_VERB.search("".join(seen)))


def normalize(raw: str) -> CleanText:
    """Normalize the raw text of a plan.

    Full-width ASCII letters and digits become half-width; Chinese punctuation stays as it
    is. Private-use glyphs are removed, except between two digits, where the glyph is a
    decimal point. Page footers (``—１１—``) are dropped. White space is removed except a
    single space between two ASCII letters or digits. Lines wrapped inside a sentence are
    re-joined (see ``_ends_paragraph``); paragraphs are separated by one newline.
    Normalizing clean text again changes nothing.

    >>> normalize("１\\ue010发挥作用。\\n\\n—１１—\\n\\n新植７\\ue010５万亩 、更新１５万亩。").text
    '1发挥作用。\\n新植7.5万亩、更新15万亩。'
    """
    counts: collections.Counter[str] = collections.Counter()
    lines: list[str] = []
    line_offs: list[Sequence[int]] = []
    line_ends: list[int] = []
    bodies: list[str] = []  # each line as written, for what cleaning takes away (a tab before a page number)
    pos = 0
    for raw_line in raw.split("\n"):
        start, pos = pos, pos + len(raw_line) + 1
        body = raw_line.rstrip("\r")
        if body.startswith("\ufeff"):
            body, start = body[1:], start + 1
        if _FOOTER_RE.match(body.strip()):
            counts["page_footers"] += 1
            continue
        line, offs = _clean_line(body, start, counts)
        if not line:
            continue
        lines.append(line)
        line_offs.append(offs)
        line_ends.append(start + len(body))
        bodies.append(body.strip())

    contents = _contents_lines(lines, bodies)
    if contents:  # a table of contents repeats the headings: its lines are no headings of the text
        counts["contents_lines"] = len(contents)
        kept_lines = [k for k in range(len(lines)) if k not in contents]
        lines = [lines[k] for k in kept_lines]
        line_offs = [line_offs[k] for k in kept_lines]
        line_ends = [line_ends[k] for k in kept_lines]

    out: list[str] = []
    out_offs: list[Sequence[int]] = []  # the offsets of each piece of ``out``
    para = ""  # the paragraph so far: every decision looks at it, not at the last line alone
    opened: list[int] = []  # where in it each bracket still open opens, kept line by line
    first = True  # whether it is the document's first paragraph (its title)
    width = wrap_width(lines)
    indents = width is not None and _sets_indents(lines, width)
    for k, line in enumerate(lines):
        out.append(line)
        out_offs.append(line_offs[k])
        _open_brackets(line, len(para), opened)
        para += line
        if k + 1 == len(lines):
            break
        tail = para[opened[-1] + 1:] if opened else None
        ends, at_margin = _ends_paragraph(para, lines, k + 1, first=first, width=width, indents=indents, tail=tail)
        if ends:
            out.append("\n")
            out_offs.append(range(line_ends[k], line_ends[k] + 1))
            para, first = "", False
            opened.clear()
        else:
            counts["wrapped_lines_joined"] += 1
            if at_margin and _ends_sentence(para):
                counts["sentences_at_margin_joined"] += 1  # the margin, not the text, kept the paragraph going
    if width is not None:
        counts["line_width"] = width // 2
    text = "".join(out)
    offsets = _joined_offsets(out_offs)
    # a footer can only show once wrapped pieces are joined ("—1" + "1—"); drop those too
    if _FOOTER_LINE_RE.search(text):
        kept, kept_offs, pos = [], [], 0
        every = offsets.tolist()
        for para in text.split("\n"):
            span = every[pos:pos + len(para) + 1]
            pos += len(para) + 1
            if _FOOTER_RE.match(para):
                counts["page_footers"] += 1
                continue
            kept.append(para)
            kept_offs.extend(span)
        text = "\n".join(kept)
        offsets = np.asarray(kept_offs[:len(text)], dtype=np.int32)
    counts["paragraphs"] = text.count("\n") + 1 if text else 0
    return CleanText(text=text, offsets=offsets, report=dict(sorted(counts.items())))


def _joined_offsets(pieces: list[Sequence[int]]) -> np.ndarray:
    """The offsets of pieces of text, one after another, as one array, laid out with array
    operations: a piece whose characters all stayed (a ``range``) needs no Python int for each
    character, and the few that lost one (a list) are written over it afterwards."""
    n = len(pieces)
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=n)
    ends = np.cumsum(lengths)
    begins = ends - lengths
    firsts = np.fromiter((p.start if isinstance(p, range) else 0 for p in pieces), dtype=np.int64, count=n)
    # each character's offset: its place in the whole, moved by how far its piece starts from there
    out = np.arange(int(ends[-1]) if n else 0, dtype=np.int64) + np.repeat(firsts - begins, lengths)
    listed = [k for k, piece in enumerate(pieces) if not isinstance(piece, range) and len(piece)]
    if listed:
        at = np.concatenate([np.arange(begins[k], ends[k]) for k in listed])
        out[at] = np.fromiter(itertools.chain.from_iterable(pieces[k] for k in listed), dtype=np.int64, count=len(at))
    return out.astype(np.int32)


#: a table of contents' own title: 目录, 目 录
_CONTENTS_TITLE = re.compile(r"目\s*录")
#: what stands between a contents entry's title and its page number: a leader (……, ····, ____) or a tab
_LEADER = r"(?:(?:[.．·…‥_]\s*){3,}|\t)"
#: an entry of a table of contents: a title, a leader, and a page number
_CONTENTS_ENTRY = re.compile(rf"{_LEADER}\s*\d{{1,4}}$")
#: the page number an entry ends with, after a leader, or white space, or nothing
_PAGE_NUMBER = re.compile(rf"(?:{_LEADER}|\s+)?\d{{1,4}}$")
#: an entry is at most this long; a longer line is text
_CONTENTS_WIDTH = 60


def _contents_lines(lines: list[str], written: list[str] | None = None) -> set[int]:
    """The lines of a table of contents, to be dropped: a heading repeated there is no heading.

    A table is the line 目录 and the headings after it, with or without page numbers, up to the
    line where the first of them comes again (the text's own heading); three headings or more with no
    text between them, followed by the first of them again; and, with or without a 目录
    line, every line that ends in a leader or a tab and a page number (总体要求……4), where at least
    two do. ``lines`` are clean; ``written``, the same lines as written (with their tabs), when at hand.

    >>> sorted(_contents_lines(["规划", "目录", "一、总体要求", "二、主要任务", "一、总体要求", "正文。"]))
    [1, 2, 3]
    >>> sorted(_contents_lines(["第一章 总体要求......4", "(一)基本思路......4", "第一章 总体要求", "正文。"]))
    [0, 1]
    >>> sorted(_contents_lines(["一、总体要求", "二、主要任务", "三、保障措施", "一、总体要求", "正文。"]))
    [0, 1, 2]
    """
    def entry(line: str) -> str:  # the heading an entry names, without its page number
        return re.sub(r"\s+", "", _PAGE_NUMBER.sub("", line))

    dropped = {k for k, line in enumerate(written or lines)
               if line[-1:].isdigit() and len(line) <= _CONTENTS_WIDTH and _CONTENTS_ENTRY.search(line)}
    if len(dropped) < 2:
        dropped = set()
    # where a table can open: after a 目录 line, or at the first of a short line that comes again
    openings = {k for k, line in enumerate(lines) if "录" in line and _CONTENTS_TITLE.fullmatch(line.strip())}
    first_at: dict[str, int] = {}
    for k, line in enumerate(lines):
        if len(line) <= _CONTENTS_WIDTH and first_at.setdefault(line, k) != k:
            openings.add(first_at[line])
    if not openings and not dropped:
        return set()

    def is_entry(j: int) -> bool:
        text = lines[j]
        return len(text) <= _CONTENTS_WIDTH and "。" not in text and (
            j in dropped or match_marker(entry(text)) is not None)

    for k in sorted(openings):
        titled = _CONTENTS_TITLE.fullmatch(lines[k].strip()) is not None
        if not titled and not (is_entry(k) and (k == 0 or not is_entry(k - 1))):
            continue  # without a 目录 line, a table is a run of headings alone, then its first again
        run: list[int] = []
        repeated = False
        for j in range(k + 1 if titled else k, len(lines)):
            if run and entry(lines[j]) == entry(lines[run[0]]):
                repeated = True  # the first heading again: the text itself begins
                break
            if not is_entry(j):
                break
            run.append(j)
        if (titled and len(run) >= 2) or (repeated and len(run) >= 3):
            dropped.update([k] if titled else [])
            dropped.update(run)
    return dropped


def wrap_width(lines: list[str]) -> int | None:
    """The width that a text's lines were broken at, when they were (text taken from a PDF), in
    half-characters (:func:`_printed_width`).

    Only lines of at least 15 characters that stop inside a sentence (on a Chinese character, ， or 、)
    before a line that is no heading are measured. The width is the greatest at which at least five of
    them, and a fifth of them, stop. With the lines up to a character short of it (a line one letter
    short, or pushed over so that the next does not open with 。) and up to two and a half short (a
    paragraph's first line, indented), they must be a third of all long lines. Clean text, one paragraph
    to a line, has none.
    """
    long = sum(len(line) >= _MIN_WRAPPED for line in lines)
    cut = collections.Counter(
        _printed_width(line) for line, after in itertools.pairwise(lines)
        if len(line) >= _MIN_WRAPPED and _stops_mid_sentence(line) and not match_marker(after))

    wide = [w for w in sorted(cut, reverse=True) if cut[w] >= max(5, sum(cut.values()) / 5)]
    if not wide:
        return None
    width = wide[0]
    return width if 3 * sum(cut[w] for w in range(width - 5, width + 2)) >= long else None


def _sets_indents(lines: list[str], width: int) -> bool:
    """Whether a wrapped text's paragraphs open with a two-character indent: at least two lines after a
    finished sentence, clause or lead-in (。）：) stop, inside a sentence, two characters short of the margin."""
    return sum(1 for before, line in itertools.pairwise(lines)
               if before[-1] in _PARAGRAPH_END and _indented(line, width)) >= 2


def _indented(line: str, width: int) -> bool:
    """Whether a line is the first of a paragraph set with a two-character indent, the indent itself
    lost (as a PDF's text gives it): two characters short of the width, and going on to the next line."""
    return width - 5 <= _printed_width(line) <= width - 4 and _stops_mid_sentence(line)


def _ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence: 。！？ with any closing quote or bracket after it."""
    body = text.rstrip(_CLOSERS)
    return bool(body) and body[-1] in "。！？!?"


def _stops_mid_sentence(line: str) -> bool:
    """Whether a line stops inside a sentence: on a Chinese character, ， or 、 (its last character
    read at once, where a pattern anchored at the end would be tried at every character)."""
    return bool(line) and ("\u4e00" <= line[-1] <= "\u9fff" or line[-1] in "，、")


def _printed_width(line: str) -> int:
    """A line's printed width in half-characters: a Chinese character or mark is two, a letter or digit one."""
    return 2 * len(line) - len(line.encode("ascii", "ignore"))


def _goes_on_at_margin(para: str, lines: list[str], k: int, *, width: int, indents: bool, first: bool) -> bool:
    """Whether the line before ``k`` runs to the margin of a wrapped text (a paragraph's first line, set in,
    to two characters short of it), so that the paragraph goes on, also where a sentence ended there by
    chance; but after a sentence or a clause, a short line with no punctuation stands alone (the signature,
    the date)."""
    indent = 4 if indents and not first and para == lines[k - 1] else 0
    return (_printed_width(lines[k - 1]) >= width - 1 - indent
            and not (indents and _indented(lines[k], width))
            and bool(not (_ends_sentence(para) or para[-1] in CLOSE) or _PUNCT.search(lines[k])
                     or _printed_width(lines[k]) >= width))


def _ends_paragraph(para: str, lines: list[str], k: int, *, first: bool, width: int | None = None,
                    indents: bool = False, tail: str | None) -> tuple[bool, bool]:
    """Whether the paragraph so far ends before line ``k``, and whether it goes on only because the
    line before runs to the margin (where the text alone would end it or leave it to later rules).

    A paragraph ends before a heading or a line that opens with a responsibility label
    (牵头单位：), after such a line unless it breaks off inside a list, and after a sentence (。！？ with any closing quote or
    bracket), a responsibility clause, a heading line of its own, a short line with no
    punctuation, or a first line without sentence punctuation (the document's title, which
    may hold brackets: 行动方案（2024—2026年）; up to 40 characters, or 60 when it ends with the
    kind of document it is, …的通知). It does not end inside parentheses, nor before a clause that opens
    on the next line, a line that opens with 、，。）, or a line that only finishes a label's list
    of names; nor after a line that runs to the text's wrap ``width`` (see :func:`wrap_width`),
    where a sentence ended at the margin by chance. Otherwise the decision reads only the
    paragraph so far and the lines after it. Clean text has one paragraph to a line and so no
    wrap width, and normalizing it again changes nothing. ``tail``: the paragraph after the last
    bracket it leaves open (see :func:`_open_brackets`), or None.
    """
    full = width is not None and _printed_width(lines[k - 1]) >= width - 5 and _stops_mid_sentence(para)
    decided = _break_by_the_next_line(para, lines[k], full=full, tail=tail)
    if decided is not None:
        return decided, False
    if width is not None and _goes_on_at_margin(para, lines, k, width=width, indents=indents, first=first):
        return False, True
    return _break_by_the_text(para, lines, k, first=first, full=full), False


def _break_by_the_next_line(para: str, line: str, *, full: bool, tail: str | None) -> bool | None:
    """The rules that the next line decides first (a heading, a label, a line that cannot open a
    paragraph, a bracket still open: ``tail`` is what follows it), or None when none of them does."""
    marker = match_marker(line)
    if marker and not (marker.marker.isdigit() and ((para[-1].isascii() and para[-1].isalnum()) or full)):
        return True  # a heading; but not a number cut in two (…G101｜5榆树至松原段) or carried over (…选｜10名…)
    if line[0] in _NEVER_OPENS:
        return False  # a line cannot open with 、，。） : it goes on the one before (…各县、市｜、区政府。)
    if LABEL_LINE.match(line):
        # a new label ends the paragraph, unless it goes on a clause whose bracket is still open:
        # （牵头单位：X，｜配合单位：Y） or …扶持。（｜牵头单位：X）, as text taken from a PDF breaks it
        return tail is None or not (tail == "" or LABEL_LINE.match(tail))
    if tail is not None:
        return False  # a clause or aside wrapped over several lines
    return None


def _break_by_the_text(para: str, lines: list[str], k: int, *, first: bool, full: bool) -> bool:
    """The rules the paragraph's own text decides: a label line, a clause, a sentence, a heading or title."""
    if LABEL_LINE.match(para) and para[-1] not in _CONTINUES and para[-1] in _NAME_ENDS \
            and not _names_only(lines[k]):
        return True  # 牵头单位：X on a line of its own (not broken inside a name: …高新区管｜委会, …滁州｜经开区…)
    if _opens_clause(lines, k):
        return False
    if _ends_sentence(para) or find_trailing_clause(para) is not None:
        return True
    if para[-1] in _CONTINUES:
        return False
    if match_marker(para) and len(para) <= _SHORT_LINE and "。" not in para and not full:
        return True  # a heading line without a full stop (一、总体要求), unless it runs to the margin mid-sentence
    if first and _TITLE_END.search(lines[k]) and len(para) + len(lines[k]) <= _LONG_TITLE \
            and not _SENTENCE_PUNCT.search(para + lines[k]):
        return False  # a title set on two lines: …关于2020年市政府重点工作及责任分｜解的通知
    if first and len(para) <= _SHORT_LINE + 10 and not _SENTENCE_PUNCT.search(para):
        return True
    if first and len(para) <= _LONG_TITLE and _TITLE_END.search(para) and not _SENTENCE_PUNCT.search(para):
        return True  # a long title that names its kind: …关于2020年市政府重点工作及责任分解的通知
    return len(para) <= _TITLE_LINE and not _PUNCT.search(para)
