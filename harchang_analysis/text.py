"""Read a plan file and normalize its text, keeping a map back to the source.

``read_text`` decodes a file strictly and records the encoding it used. ``normalize``
removes what a PDF-to-text converter leaves behind (full-width ASCII letters and digits,
private-use glyphs, page footers, stray spaces, lines wrapped inside a sentence) and
returns the clean text with, for every clean character, its offset in the source.
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PlanInputError
from .markers import match_marker

#: Encodings tried in order, each strictly. UTF-16 is only tried when a BOM says so.
ENCODINGS = ("utf-8-sig", "gb18030")

_FOOTER_RE = re.compile(r"^[—–\-－]\s*[0-9０-９]{1,4}\s*[—–\-－]$")
_CJK_OR_PUNCT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》—…·]")
_SENTENCE_DONE = re.compile(r"[。！？!?][”’」』）)]*$")
_CONTINUES = "，、；：（“《—"
_PUNCT = re.compile(r"[，。、；：！？（）“”《》—,.;:!?()]")
_SHORT_LINE = 30  # a heading line of its own is at most this long
_TITLE_LINE = 20  # a line with no punctuation at all and at most this long is a title
_CLAUSE_VERB = re.compile(r"负责|牵头|配合|责任单位")


@dataclass(frozen=True)
class SourceText:
    """A decoded plan file."""

    text: str
    encoding: str
    path: Path


@dataclass(frozen=True)
class CleanText:
    """Normalized text, its map back to the source, and what normalization changed.

    ``offsets[i]`` is the offset in the source text of clean character ``i``; a paragraph
    break maps to the end of the source line it replaces.
    """

    text: str
    offsets: list[int]
    report: dict[str, int] = field(default_factory=dict)


def read_text(path: str | Path) -> SourceText:
    """Read a plain-text plan file, decoding it strictly.

    Tries UTF-16 when the file starts with a UTF-16 byte-order mark, otherwise UTF-8 (with
    or without BOM), then GB18030 (a superset of GBK and GB2312). Line ends are kept as in
    the file; ``normalize`` handles CRLF.

    Raises:
        PlanInputError: the file is missing, a directory, empty, binary or undecodable.
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
    return decode_bytes(data, path)


def decode_bytes(data: bytes, path: Path) -> SourceText:
    """Decode the bytes of a text file strictly; see :func:`read_text`."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates: tuple[str, ...] = ("utf-16",)
    else:
        candidates = ENCODINGS
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text or _control_ratio(text) > 0.01:
            continue
        if not text.strip():
            raise PlanInputError(f"{path}: the file is empty or holds only white space; give a plan with text")
        return SourceText(text=text, encoding=encoding, path=path)
    if not data.strip():
        raise PlanInputError(f"{path}: the file is empty or holds only white space; give a plan with text")
    tried = ", ".join(candidates)
    raise PlanInputError(f"{path}: not text in a known encoding (tried {tried}); save it as UTF-8 text")


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls / max(len(text), 1)


# ---------------------------------------------------------------------------------------
# normalization


def _is_private_use(ch: str) -> bool:
    return 0xE000 <= ord(ch) <= 0xF8FF


def _clean_line(raw: str, start: int, counts: collections.Counter[str]) -> tuple[list[str], list[int]]:
    """Clean one source line: width, private-use glyphs, spaces. Returns chars and offsets."""
    chars: list[str] = []
    offs: list[int] = []
    n = len(raw)
    for i, ch in enumerate(raw):
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            ch = chr(code - 0xFEE0)
            counts["full_width_characters"] += 1
        elif _is_private_use(ch):
            nxt = raw[i + 1] if i + 1 < n else ""
            if chars and chars[-1].isdigit() and nxt and (nxt.isdigit() and nxt.isascii() or "０" <= nxt <= "９"):
                # Between two digits the glyph is the typeface's decimal point: ７\ue010５ = 7.5
                ch = "."
                counts["private_use_decimal_points"] += 1
            else:
                counts["private_use_glyphs_removed"] += 1
                continue
        elif ch.isspace():
            ch = " "  # ideographic and no-break spaces, tabs, stray carriage returns
        chars.append(ch)
        offs.append(start + i)
    # spaces: keep one only between two ASCII letters or digits
    out_c: list[str] = []
    out_o: list[int] = []
    for i, ch in enumerate(chars):
        if ch == " ":
            prev = out_c[-1] if out_c else ""
            nxt = next((c for c in chars[i + 1:] if c != " "), "")
            keep = prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum() and out_c[-1] != " "
            if not keep:
                counts["spaces_removed"] += 1
                continue
        out_c.append(ch)
        out_o.append(offs[i])
    return out_c, out_o


def _opens_clause(lines: list[str], k: int) -> bool:
    """Whether line k opens a parenthesised responsibility clause (not a heading)."""
    if not lines[k].startswith(("（", "(")) or match_marker(lines[k]):
        return False
    depth, seen = 0, []
    for j in range(k, len(lines)):
        if j > k and match_marker(lines[j]):
            break
        for ch in lines[j]:
            depth += ch in "（("
            depth -= ch in "）)"
            seen.append(ch)
            if depth == 0:
                return bool(_CLAUSE_VERB.search("".join(seen)))
    return bool(_CLAUSE_VERB.search("".join(seen)))


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
    line_offs: list[list[int]] = []
    line_ends: list[int] = []
    pos = 0
    for raw_line in raw.split("\n"):
        start, pos = pos, pos + len(raw_line) + 1
        body = raw_line.rstrip("\r")
        if body.startswith("\ufeff"):
            body, start = body[1:], start + 1
        if _FOOTER_RE.match(body.strip()):
            counts["page_footers"] += 1
            continue
        chars, offs = _clean_line(body, start, counts)
        if not chars:
            continue
        lines.append("".join(chars))
        line_offs.append(offs)
        line_ends.append(start + len(body))

    out: list[str] = []
    out_offs: list[int] = []
    para = ""  # the paragraph so far: every decision looks at it, not at the last line alone
    for k, line in enumerate(lines):
        out.append(line)
        out_offs.extend(line_offs[k])
        para += line
        if k + 1 == len(lines):
            break
        if _ends_paragraph(para, lines, k + 1):
            out.append("\n")
            out_offs.append(line_ends[k])
            para = ""
        else:
            counts["wrapped_lines_joined"] += 1
    paragraphs = "".join(out).split("\n")
    # a footer can only show once wrapped pieces are joined ("—1" + "1—"); drop those too
    kept, kept_offs, pos = [], [], 0
    for para in paragraphs:
        span = out_offs[pos:pos + len(para) + 1]
        pos += len(para) + 1
        if _FOOTER_RE.match(para):
            counts["page_footers"] += 1
            continue
        kept.append(para)
        kept_offs.extend(span)
    text = "\n".join(kept)
    out_offs = kept_offs[:len(text)]
    counts["paragraphs"] = len(kept) if text else 0
    return CleanText(text=text, offsets=out_offs, report=dict(sorted(counts.items())))


def _ends_paragraph(para: str, lines: list[str], k: int) -> bool:
    """Whether the paragraph so far ends before line ``k``.

    A paragraph ends before a heading, and after a sentence (。！？ with any closing quote or
    bracket), a responsibility clause, a heading line of its own, or a short line with no
    punctuation (a title). It does not end inside parentheses, nor before a clause that opens
    on the next line. The decision reads only the paragraph so far and the lines after it,
    never the page's line width, so that normalizing clean text again changes nothing.
    """
    if match_marker(lines[k]):
        return True
    if para.count("（") + para.count("(") > para.count("）") + para.count(")"):
        return False  # a clause or aside wrapped over several lines
    if _opens_clause(lines, k):
        return False
    if _SENTENCE_DONE.search(para) or _ends_with_clause(para):
        return True
    if para[-1] in _CONTINUES:
        return False
    if match_marker(para) and len(para) <= _SHORT_LINE and "。" not in para:
        return True  # a heading line without a full stop: 一、总体要求
    return len(para) <= _TITLE_LINE and not _PUNCT.search(para)


def _ends_with_clause(line: str) -> bool:
    if not line.endswith(("）", ")")):
        return False
    depth = 0
    for i in range(len(line) - 1, -1, -1):
        depth += line[i] in "）)"
        depth -= line[i] in "（("
        if depth == 0:
            return bool(_CLAUSE_VERB.search(line[i:]))
    return False
