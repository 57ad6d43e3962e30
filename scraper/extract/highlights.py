"""The page's own standfirst, dek or summary bullets, shown above the body."""

from __future__ import annotations

import re

from lxml import etree

from . import patterns, selectors
from .blocks import HEADING_TAGS, Block
from .tree import Element, text_of

_HIGHLIGHT = patterns.word_pattern(selectors.HIGHLIGHT_WORDS)
_NOT_HIGHLIGHT = patterns.word_pattern(selectors.NOT_HIGHLIGHT_WORDS)
_HEADING = patterns.text_pattern(selectors.HIGHLIGHT_HEADINGS)
WORD = re.compile(r"\w+")  # a word, as text_key splits them
BYLINE_START = re.compile(rf"^(?:{'|'.join(selectors.BYLINE_WORDS)})[\s:：]", re.I)
_MAX_CHARS = 1200  # a standfirst is a sentence or a few bullets, never the article
_MAX_ITEMS = 5  # bullets in a summary box
_ANCESTORS = 4  # <li> in <ul> in <div class="summary"> in <header>
_MENU_LINKS = 0.5  # link density of a line in a marked menu, not a dek
# A summary box has one title at most ("Key points"); a block with several
# headings is a section of the page, whatever its class says (<section class="intro">).
_SUBHEADINGS = etree.XPath("count(.//h2|.//h3|.//h4|.//h5|.//h6)")


def text_key(text: str) -> str:
    """Text reduced to its words, for comparing what pages print in several places."""
    return " ".join(WORD.findall(text.casefold()))


def find_highlights(
    blocks: list[Block], body_start: int, *, headline: str, description: str | None
) -> list[str]:
    """Highlights among the blocks between the headline and the first body paragraph.

    `blocks` go on past `body_start`, so that a list under a "Highlights" heading
    can be told from the body's first section of that name by what follows it.
    """
    start = _past_headline(blocks[:body_start], text_key(headline))
    candidates = blocks[start:body_start]
    boxed = summary_box(blocks[start:])
    marked = [
        block for i, block in enumerate(candidates)
        if (i in boxed or is_marked(block.element)) and not is_summary_heading(block)
        and block.kind != "caption" and not BYLINE_START.match(block.text)  # in a marked lead
        and block.link_density < _MENU_LINKS
    ]  # fmt: skip
    if marked:
        return _texts(marked)
    if description:
        wanted = text_key(description)
        shown = [b for b in candidates if text_key(b.text) == wanted and b.kind not in HEADING_TAGS]
        if shown:
            return _texts(shown[:1])
    return []


def _past_headline(blocks: list[Block], headline_key: str) -> int:
    """Index after the heading that is the headline: the first with its words (a
    hidden copy may follow the standfirst), else the first <h1>; 0 without either."""
    first_h1 = None
    for index, block in enumerate(blocks):
        if block.kind in HEADING_TAGS and text_key(block.text) == headline_key:
            return index + 1
        if first_h1 is None and block.kind == "h1":
            first_h1 = index + 1
    return first_h1 or 0


def is_summary_heading(block: Block) -> bool:
    return block.weight < 80 and _HEADING.match(block.text) is not None


def summary_box(blocks: list[Block]) -> set[int]:
    """Indexes of a "Key points" or "In brief" heading and the items listed under it.

    A box is a few bullets followed by the article's text. A long list that a
    heading of the same or a higher rank follows is the body's first section
    ("Highlights" in a weekly report), and stays body.
    """
    boxed: set[int] = set()
    box: list[int] = []  # the open box: its heading, then its items
    for index, block in enumerate(blocks):
        is_heading = block.kind in HEADING_TAGS
        if is_heading or (block.kind == "p" and block.weight < 40):
            if not (is_heading and _is_first_section(blocks, box, block)):
                boxed.update(box)
            box = [index] if is_summary_heading(block) else []
        elif box and block.kind == "li":
            box.append(index)
        elif box and _in_list(block, blocks[box[-1]]):  # a picture in a bullet
            continue
        else:
            boxed.update(box)
            box = []
    boxed.update(box)
    return boxed


def _in_list(block: Block, item: Block) -> bool:
    return block.list_root is not None and block.list_root is item.list_root


def _is_first_section(blocks: list[Block], box: list[int], heading: Block) -> bool:
    """A long list under a box title, closed by a heading that outranks the title."""
    if len(box) < 2 or blocks[box[0]].kind not in HEADING_TAGS:
        return False  # no items, or a title with no rank ("Key points:" in a <p>)
    items = [blocks[i] for i in box[1:]]
    long = len(items) > _MAX_ITEMS or sum(item.weight for item in items) > _MAX_CHARS
    return long and heading.kind <= blocks[box[0]].kind  # <h3> after <h3>, or <h2>


def is_marked(element: Element) -> bool:
    for depth, node in enumerate((element, *element.iterancestors())):
        if depth >= _ANCESTORS or node.tag in ("body", "article", "main"):
            return False
        names = f"{node.get('class', '')} {node.get('id', '')}"
        if names.strip() and _HIGHLIGHT.search(_NOT_HIGHLIGHT.sub(" ", names)):
            return len(text_of(node)) <= _MAX_CHARS and _SUBHEADINGS(node) < 2
    return False


def _texts(blocks: list[Block]) -> list[str]:
    texts: list[str] = []
    for block in blocks:
        text = block.text.lstrip("•·-–—*▪● ").strip()
        if len(text) >= 15 and text not in texts:
            texts.append(text)
    return texts
