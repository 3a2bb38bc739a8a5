"""What the parser did: artifacts removed in normalization, units by kind, tasks by section."""

from __future__ import annotations

import pandas as pd

from .common import first_seen_order, label_sections

ARTIFACTS = {
    "full_width_characters": ("全角字母数字转半角", "Full-width letters and digits made half-width"),
    "private_use_glyphs_removed": ("删除私用区字形", "Private-use glyphs removed"),
    "private_use_decimal_points": ("私用区字形还原为小数点", "Private-use glyphs read as decimal points"),
    "page_footers": ("删除页脚", "Page footers removed"),
    "contents_lines": ("删除目录行", "Table-of-contents lines removed"),
    "readings_removed": ("删除转换器加注的拼音", "Pinyin readings a converter added, removed"),
    "spaces_removed": ("删除多余空格", "Stray spaces removed"),
    "line_width": ("每行字数（文本按此宽度断行）", "Characters per line (the width the text is wrapped at)"),
    "wrapped_lines_joined": ("合并断行", "Wrapped lines re-joined"),
    "sentences_at_margin_joined": ("句末恰在行尾、段落续接", "Sentence ended at the margin, paragraph went on"),
    "paragraphs": ("段落数（结果）", "Paragraphs (result)"),
}
KINDS = {
    "zh_part": ("篇（第一部分、第一篇）", "Division (第一部分, 第一篇)"),
    "zh_chapter": ("章（第一章）", "Chapter (第一章)"),
    "zh_section": ("节（第一节）", "Section (第一节)"),
    "zh_article": ("条（第一条）", "Article (第一条)"),
    "zh_comma": ("部分（一、）", "Part (一、)"),
    "zh_dot": ("部分（一．）", "Part (一．)"),
    "zh_paren": ("章节（（一））", "Chapter ((一))"),
    "num_dot": ("条目（1）", "Item (1)"),
    "num_paren": ("小项（（1））", "Sub-item ((1))"),
    "num_rparen": ("小项（1））", "Sub-item (1))"),
    "circled": ("小项（①）", "Sub-item (①)"),
    "dash": ("破折号条目（———）", "Bullet (———)"),
    "point": ("要点（一是）", "Point (一是)"),
    "paragraph": ("段落", "Paragraph"),
}


def summarize_normalization(report: dict[str, int]) -> pd.DataFrame:
    """The normalization report as a table.

    Args:
        report: ``plan.clean.report``.

    Returns:
        artifact, artifact_zh, artifact_en, n; in a fixed order.
    """
    rows = [(key, zh, en, int(report.get(key, 0))) for key, (zh, en) in ARTIFACTS.items()]
    return pd.DataFrame(rows, columns=["artifact", "artifact_zh", "artifact_en", "n"])


def count_units(units: pd.DataFrame) -> pd.DataFrame:
    """Units per kind and depth.

    Returns:
        kind, kind_zh, kind_en, depth, n; by depth, then in order of first appearance.
    """
    order = first_seen_order(units["kind"])
    table = units.groupby(["depth", "kind"]).size().rename("n").reset_index()
    table["kind_zh"] = table["kind"].map(lambda k: KINDS[k][0])
    table["kind_en"] = table["kind"].map(lambda k: KINDS[k][1])
    table["_order"] = table["kind"].map(order)
    table = table.sort_values(["depth", "_order"], ignore_index=True)
    return table[["kind", "kind_zh", "kind_en", "depth", "n"]]


def count_tasks_by_section(tasks: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Tasks per section, in document order.

    Returns:
        section, section_en, section_title, n_tasks.
    """
    sections = label_sections(units)
    merged = tasks[["task_id", "unit_id"]].merge(sections, on="unit_id")
    return (merged.groupby(["section", "section_en", "section_title"], sort=False).size()
            .rename("n_tasks").reset_index())
