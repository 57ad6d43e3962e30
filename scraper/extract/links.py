"""Related links: read from "related", "more from", "read next" blocks before cleaning drops them."""

from __future__ import annotations

from urllib.parse import urljoin, urldefrag

from lxml import etree
from lxml.html import HtmlElement

from ..models import Link
from . import selectors
from .blocks import clean_text

_HEADING = selectors.text_pattern(selectors.RELATED_HEADINGS)
_RELATED = selectors.word_pattern(selectors.RELATED_WORDS)
# Short elements that may title a block: headings, and the <div>/<span>/<p>
# some sites use instead.
_TITLES = etree.XPath(
    "//h2|//h3|//h4|//h5|//h6|//*[self::div or self::span or self::p or self::strong"
    " or self::header or self::summary][string-length(normalize-space()) < 60]"
    "[not(.//a)][normalize-space()]"
)
_CLASSED = etree.XPath("//*[@class or @id]")
_BASE = etree.XPath("//base/@href")
_OUTSIDE = frozenset(("nav", "footer", "header", "menu"))
_MAX_LINKS = 50
_MIN_TEXT = 4


def find_related(root: HtmlElement, url: str) -> list[Link]:
    """Links of the page's related-article blocks, in page order, absolute, deduplicated."""
    base = urljoin(url, (_BASE(root) or [url])[0])
    page = urldefrag(url)[0]
    blocks = _blocks_by_heading(root) or _blocks_by_class(root)
    links: list[Link] = []
    seen = {page}
    for block in blocks:
        for anchor in block.iter("a"):
            link = _link(anchor, base)
            if link and link.url not in seen:
                seen.add(link.url)
                links.append(link)
    return links[:_MAX_LINKS]


def _blocks_by_heading(root: HtmlElement) -> list[HtmlElement]:
    blocks: list[HtmlElement] = []
    for title in _TITLES(root):
        if not _HEADING.match(clean_text(title.text_content())) or _in_furniture(title):
            continue
        block = _links_after(title)
        if block is not None and all(block is not b for b in blocks):
            blocks.append(block)
    return blocks


def _links_after(title: HtmlElement) -> HtmlElement | None:
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


def _blocks_by_class(root: HtmlElement) -> list[HtmlElement]:
    blocks: list[HtmlElement] = []
    for element in _CLASSED(root):
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if not _RELATED.search(names) or _in_furniture(element):
            continue
        if any(block in element.iterancestors() for block in blocks):
            continue
        if element.find(".//a[@href]") is not None:
            blocks.append(element)
    return blocks


def _in_furniture(element: HtmlElement) -> bool:
    return any(node.tag in _OUTSIDE for node in element.iterancestors())


def _link(anchor: HtmlElement, base: str) -> Link | None:
    href = (anchor.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    url = urldefrag(urljoin(base, href))[0]
    if not url.startswith(("http://", "https://")):
        return None
    text = clean_text(anchor.text_content()) or clean_text(anchor.get("title", ""))
    if len(text) < _MIN_TEXT:
        image = anchor.find(".//img[@alt]")
        text = clean_text(image.get("alt", "")) if image is not None else text
    if len(text) < _MIN_TEXT:
        return None
    return Link(url=url, text=text)
