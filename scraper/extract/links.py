"""Related links, from "related", "more from", "read next" blocks, before cleaning drops them."""

from __future__ import annotations

import re
from urllib.parse import urldefrag

from ..models import Link
from ..urls import join_url
from . import patterns, selectors
from .blocks import clean_text
from .survey import Survey
from .tree import Element, text_of

_HEADING = patterns.text_pattern(selectors.RELATED_HEADINGS)
_BOILERPLATE_TEXT = patterns.text_pattern(selectors.BOILERPLATE_TEXT)
_MAX_TITLE = 60
_OUTSIDE = frozenset(("nav", "footer", "header", "menu"))
_MAX_LINKS = 50
_MIN_TEXT = 4
_MIN_WORDS = 3
_MIN_UNSPACED = 6
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# A section ends at the next heading of its title's rank or above; a title that is
# not a heading (<div class="title">) ranks as an <h2>.
_STOPS = {tag: _HEADINGS[: level + 1] for level, tag in enumerate(_HEADINGS)}
_UNSPACED_SCRIPT = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def find_related(root: Element, url: str, survey: Survey) -> list[Link]:
    """Links of the page's related-article blocks, in page order, absolute, deduplicated."""
    base_href = next((h for el in survey.by_tag["base"] if (h := el.get("href"))), url)
    base = join_url(url, base_href) or url
    page = urldefrag(url)[0]
    headline = survey.by_tag["h1"]
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
                if len(links) == _MAX_LINKS:
                    return links
    return links


def _is_related_title(element: Element) -> bool:
    """A short element without links whose whole text titles a related block."""
    if element.tag == "a" or (element.text and len(element.text) > 4 * _MAX_TITLE):
        return False
    text = text_of(element)
    if len(text) > 4 * _MAX_TITLE:
        return False
    title = clean_text(text)
    return (
        len(title) <= _MAX_TITLE
        and _HEADING.match(title) is not None
        and element.find(".//a") is None  # last: few titles get this far
    )


def _blocks_by_heading(titles: list[Element]) -> list[Element]:
    blocks: list[Element] = []
    for title in titles:
        if not _is_related_title(title) or _in_furniture(title):
            continue
        for block in _links_after(title):
            if all(block is not b for b in blocks):
                blocks.append(block)
    return blocks


def _links_after(title: Element) -> list[Element]:
    """The elements that hold the links a title introduces.

    Usually the title's block: its nearest ancestor with links. A title that is
    one section heading among others ("See also" in a wiki page) gets only what
    follows it, up to the next heading of its rank, not the page's other links.
    """
    stops = _STOPS.get(str(title.tag), _STOPS["h2"])
    own = {title, *title.iterancestors()}
    node = title
    for _ in range(3):
        parent = node.getparent()
        if parent is None:
            return []
        if _holds_other_sections(parent, own, stops):
            return _section_after(node, stops)
        if _count_links([parent]) >= 2:
            return [parent]
        node = parent
    return []


def _holds_other_sections(parent: Element, own: set[Element], stops: tuple[str, ...]) -> bool:
    """Whether `parent` holds another heading of the title's rank that is not a teaser's
    linked title (a wiki heading's "[edit]" link is not its title)."""
    for heading in parent.iter(*stops):
        if heading in own or any(a.tag == "a" for a in heading.iterancestors()):
            continue  # <a href><h4>A teaser's title</h4></a>
        length = len(text_of(heading).strip())
        linked = sum(len(text_of(anchor).strip()) for anchor in heading.iter("a"))
        if length and linked < length / 2:
            return True
    return False


def _section_after(node: Element, stops: tuple[str, ...]) -> list[Element]:
    after = []
    for sibling in node.itersiblings():
        if sibling.tag in stops or next(sibling.iter(*stops), None) is not None:
            break
        after.append(sibling)
    return after if _count_links(after) >= 2 else []


def _count_links(elements: list[Element], enough: int = 2) -> int:
    """Links to other pages among `elements`, counted up to `enough`."""
    count = 0
    for element in elements:
        for anchor in element.iter("a"):
            count += _href(anchor) is not None
            if count >= enough:
                return count
    return count


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
    href = _href(anchor)
    if href is None:
        return None
    text = _anchor_text(anchor)
    if not _is_title(text) or _BOILERPLATE_TEXT.match(text):
        return None  # a label, or a widget's line ("Forgot your password?")
    url = join_url(base, href)
    return Link(url=url, text=text) if url else None


def _href(anchor: Element) -> str | None:
    """The link's target when it leads to another page."""
    href = (anchor.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    return href


def _anchor_text(anchor: Element) -> str:
    text = clean_text(text_of(anchor)) or clean_text(anchor.get("title", ""))
    if len(text) < _MIN_TEXT:
        image = anchor.find(".//img[@alt]")
        text = clean_text(image.get("alt", "")) if image is not None else text
    return text


def _is_title(text: str) -> bool:
    """A teaser's title, not a section label, a tag or a handle ("Science", "@writer")."""
    if _UNSPACED_SCRIPT.search(text):  # Chinese, Japanese, Thai... words have no spaces
        return len(text) >= _MIN_UNSPACED
    return len(text.split()) >= _MIN_WORDS
