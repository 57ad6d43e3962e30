"""Related links, from "related", "more from", "read next" blocks, before cleaning drops them."""

from __future__ import annotations

import re
from urllib.parse import urldefrag

from lxml import etree

from ..models import Link
from ..urls import join_url
from . import patterns, selectors
from .blocks import clean_text
from .survey import Survey
from .tree import Element, text_of

_HEADING = patterns.text_pattern(selectors.RELATED_HEADINGS)
_MAX_TITLE = 60
_BASE = etree.XPath("//base/@href")
_OUTSIDE = frozenset(("nav", "footer", "header", "menu"))
_MAX_LINKS = 50
_MIN_TEXT = 4
_MIN_WORDS = 3
_MIN_UNSPACED = 6
_FIRST_H1 = etree.XPath("(//h1)[1]")
_UNSPACED_SCRIPT = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def find_related(root: Element, url: str, survey: Survey) -> list[Link]:
    """Links of the page's related-article blocks, in page order, absolute, deduplicated."""
    base = join_url(url, (_BASE(root) or [url])[0]) or url
    page = urldefrag(url)[0]
    headline = _FIRST_H1(root)
    article = set(headline[0].iterancestors()) if headline else set()
    blocks = [
        block for block in _blocks_by_heading(survey.titles) or _blocks_by_class(survey.related)
        if block not in article  # a "related" class on the article's own wrapper
    ]  # fmt: skip
    links: list[Link] = []
    seen = {page}
    for block in blocks:
        for anchor in block.iter("a"):
            link = _link(anchor, base)
            if link and link.url not in seen:
                seen.add(link.url)
                links.append(link)
    return links[:_MAX_LINKS]


def _is_related_title(element: Element) -> bool:
    """A short element without links whose whole text titles a related block."""
    if element.tag == "a" or (element.text and len(element.text) > 4 * _MAX_TITLE):
        return False
    text = text_of(element)
    if len(text) > 4 * _MAX_TITLE or element.find(".//a") is not None:
        return False
    title = clean_text(text)
    return len(title) <= _MAX_TITLE and _HEADING.match(title) is not None


def _blocks_by_heading(titles: list[Element]) -> list[Element]:
    blocks: list[Element] = []
    for title in titles:
        if not _is_related_title(title) or _in_furniture(title):
            continue
        block = _links_after(title)
        if block is not None and all(block is not b for b in blocks):
            blocks.append(block)
    return blocks


def _links_after(title: Element) -> Element | None:
    """The nearest ancestor of a title that holds the links it introduces."""
    node = title
    for _ in range(3):
        parent = node.getparent()
        if parent is None:
            return None
        if len(parent.xpath(".//a[@href]")) >= 2:
            return parent
        node = parent
    return None


def _blocks_by_class(candidates: list[Element]) -> list[Element]:
    blocks: list[Element] = []
    for element in candidates:
        if _in_furniture(element):
            continue
        if any(block in element.iterancestors() for block in blocks):
            continue
        if element.find(".//a[@href]") is not None:
            blocks.append(element)
    return blocks


def _in_furniture(element: Element) -> bool:
    return any(node.tag in _OUTSIDE for node in element.iterancestors())


def _link(anchor: Element, base: str) -> Link | None:
    href = (anchor.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    url = join_url(base, href)
    if url is None:
        return None
    text = clean_text(text_of(anchor)) or clean_text(anchor.get("title", ""))
    if len(text) < _MIN_TEXT:
        image = anchor.find(".//img[@alt]")
        text = clean_text(image.get("alt", "")) if image is not None else text
    if not _is_title(text):
        return None
    return Link(url=url, text=text)


def _is_title(text: str) -> bool:
    """A teaser's title, not a section label, a tag or a handle ("Science", "@writer")."""
    if _UNSPACED_SCRIPT.search(text):  # Chinese, Japanese, Thai... words have no spaces
        return len(text) >= _MIN_UNSPACED
    return len(text.split()) >= _MIN_WORDS
