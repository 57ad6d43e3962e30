"""A body's blocks as plain text and as Markdown."""

from __future__ import annotations

import re

from . import patterns, selectors
from .blocks import HEADING_TAGS, Block, is_credit_line
from .tree import Element

_CAPTION_TAGS = frozenset(("figcaption", "caption"))
_CAPTION_CREDIT = re.compile(f"\\s*(?:{'|'.join(selectors.CAPTION_CREDITS)})\\s*$", re.I)


def render_text(blocks: list[Block]) -> str:
    """Plain text: one paragraph per block, table rows on one line. Of captions,
    only those of a <figure> or a table (<figcaption>, <caption>), without credits."""
    paragraphs: list[str] = []
    for row in _group_rows(_text_blocks(blocks)):
        if len(row) == 1:  # a block, or a row of one cell (a layout table's column)
            paragraphs += [block.text for block in row[0]]
        else:
            paragraphs.append("\t".join(_cell_text(cell) for cell in row))
    return "\n\n".join(paragraphs)


def _text_blocks(blocks: list[Block]) -> list[Block]:
    kept: list[Block] = []
    for block in blocks:
        if block.kind != "caption":
            kept.append(block)
            continue
        caption = _figure_caption(block)
        if caption and not (kept and kept[-1].text == caption):  # a layout's second copy
            kept.append(block.with_text(caption))
    return kept


def _figure_caption(block: Block) -> str:
    """The words of a <figcaption> or table <caption>, without the picture's credit."""
    element = block.element
    if element.tag not in _CAPTION_TAGS and not any(
        ancestor.tag in _CAPTION_TAGS for ancestor in element.iterancestors()
    ):
        return ""  # a caption by class only, a player's or a gallery's text
    if is_credit_line(block.text):
        return ""  # "Photo: Jane Doe/AFP", "Image 3 of 12"
    text = patterns.cut_tail(block.text, _CAPTION_CREDIT)
    return text if any(char.isalpha() for char in text) else ""


def render_markdown(blocks: list[Block]) -> str:
    """Markdown: headings, lists, quotes, code and tables kept."""
    out: list[str] = []
    previous: Block | None = None
    table_rows: list[list[list[Block]]] = []
    for row in _group_rows(blocks):
        block = row[0][0]
        if block.kind == "cell":
            if table_rows and table_rows[-1][0][0].table is not block.table:  # the next table
                out.append(_markdown_table(table_rows))
                table_rows = []
            table_rows.append(row)
            previous = block
            continue
        if table_rows:
            out.append(_markdown_table(table_rows))
            table_rows = []
        line = _markdown_block(block)
        # Items of one list (nested ones included) sit on consecutive lines.
        if (
            previous is not None
            and previous.kind == "li"
            and block.kind == "li"
            and previous.list_root is block.list_root
            and out
        ):
            out[-1] += "\n" + line
        else:
            out.append(line)
        previous = block
    if table_rows:
        out.append(_markdown_table(table_rows))
    return "\n\n".join(out)


def _markdown_block(block: Block) -> str:
    text = block.text
    if block.kind in HEADING_TAGS:
        line = "#" * int(block.kind[1]) + " " + text.replace("\n", " ")
    elif block.kind == "li":
        marker = "1." if block.ordered else "-"
        line = "  " * max(block.list_depth - 1, 0) + f"{marker} " + text.replace("\n", " ")
    elif block.kind == "pre":
        line = f"```\n{text}\n```"
    elif block.kind == "caption":
        line = f"*{text}*"
    else:
        line = text.replace("\n", "  \n")
    if block.quote_depth:
        prefix = "> " * block.quote_depth
        line = "\n".join(prefix + part for part in line.split("\n"))
    return line


def _markdown_table(rows: list[list[list[Block]]]) -> str:
    width = max(len(row) for row in rows)
    if width == 1:
        # One column is a layout table (an old page's content cell), not data.
        return "\n\n".join(_markdown_block(block) for row in rows for block in row[0])
    texts = [[_cell_text(cell).replace("|", "\\|") for cell in row] for row in rows]
    texts = [row + [""] * (width - len(row)) for row in texts]
    lines = ["| " + " | ".join(texts[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in texts[1:]]
    return "\n".join(lines)


def _cell_text(cell: list[Block]) -> str:
    return " ".join(block.text.replace("\n", " ") for block in cell)


def row_of(block: Block) -> Element | None:
    """The table row of a cell block."""
    return block.cell.getparent() if block.cell is not None else None


def _group_rows(blocks: list[Block]) -> list[list[list[Block]]]:
    """Rows of cells, each cell its blocks; every other block stands alone."""
    rows: list[list[list[Block]]] = []
    for block in blocks:
        last = rows[-1][-1][-1] if rows else None
        if block.kind != "cell" or last is None or last.kind != "cell":
            rows.append([[block]])
        elif block.cell is last.cell:
            rows[-1][-1].append(block)  # another paragraph of the same cell
        elif row_of(block) is not None and row_of(block) is row_of(last):
            rows[-1].append([block])
        else:
            rows.append([[block]])
    return rows
