"""The page's own standfirst, dek or summary bullets, shown above the body."""

from __future__ import annotations

import re

from lxml import etree

from . import patterns, selectors
from .blocks import HEADING_TAGS, Block
from .tree import Element, text_of

_HIGHLIGHT = patterns.word_pattern(selectors.HIGHLIGHT_WORDS)
_HEADING = patterns.text_pattern(selectors.HIGHLIGHT_HEADINGS)
_WORDS = re.compile(r"\w+")
_MAX_CHARS = 1200  # a standfirst is a sentence or a few bullets, never the article
_ANCESTORS = 4  # <li> in <ul> in <div class="summary"> in <header>
# A summary box has one title at most ("Key points"); a block with several
# headings is a section of the page, whatever its class says (<section class="intro">).
_SUBHEADINGS = etree.XPath("count(.//h2|.//h3|.//h4|.//h5|.//h6)")


def text_key(text: str) -> str:
    """Text reduced to its words, for comparing what pages print in several places."""
    return " ".join(_WORDS.findall(text.casefold()))


def find_highlights(
    before_body: list[Block], *, headline: str, description: str | None
) -> list[str]:
    """Highlights among the blocks between the headline and the first body paragraph."""
    start = 0
    headline_key = text_key(headline)
    for index, block in enumerate(before_body):
        if block.kind in HEADING_TAGS and text_key(block.text) == headline_key:
            start = index + 1
    candidates = before_body[start:]
    boxed = summary_box(candidates)
    marked = [
        block for i, block in enumerate(candidates)
        if (i in boxed or is_marked(block.element)) and not is_summary_heading(block)
    ]  # fmt: skip
    if marked:
        return _texts(marked)
    if description:
        wanted = text_key(description)
        shown = [b for b in candidates if text_key(b.text) == wanted and b.kind not in HEADING_TAGS]
        if shown:
            return _texts(shown[:1])
    return []


def is_summary_heading(block: Block) -> bool:
    return block.weight < 80 and _HEADING.match(block.text) is not None


def summary_box(blocks: list[Block]) -> set[int]:
    """Indexes of the items listed under a "Key points" or "In brief" heading."""
    boxed: set[int] = set()
    inside = False
    for index, block in enumerate(blocks):
        if block.kind in HEADING_TAGS or (block.kind == "p" and block.weight < 40):
            inside = is_summary_heading(block)
        elif inside and block.kind == "li":
            boxed.add(index)
        else:
            inside = False
    return boxed


def is_marked(element: Element) -> bool:
    for depth, node in enumerate((element, *element.iterancestors())):
        if depth >= _ANCESTORS or node.tag in ("body", "article", "main"):
            return False
        names = f"{node.get('class', '')} {node.get('id', '')}"
        if names.strip() and _HIGHLIGHT.search(names):
            return len(text_of(node)) <= _MAX_CHARS and _SUBHEADINGS(node) < 2
    return False


def _texts(blocks: list[Block]) -> list[str]:
    texts: list[str] = []
    for block in blocks:
        text = block.text.lstrip("•·-–—*▪● ").strip()
        if len(text) >= 15 and text not in texts:
            texts.append(text)
    return texts
