"""Drop boilerplate from the tree: scripts, furniture, widgets, hidden blocks.

Runs after metadata, highlights and related links have been read, since it
removes the blocks those come from.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from . import selectors

_BOILERPLATE = selectors.word_pattern(selectors.BOILERPLATE_WORDS)
_BOILERPLATE_WHOLE = selectors.whole_word_pattern(selectors.BOILERPLATE_WHOLE_WORDS)
_CAMEL = re.compile(r"([a-z])([A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

_MARKED = etree.XPath(
    "//*[@class or @id or @hidden or @aria-hidden or @style or @role]"
    "[not(self::html or self::body)]"
)
_FURNITURE = etree.XPath(
    "|".join(f"//{tag}" for tag in selectors.FURNITURE_TAGS)
    + "|//*[@role='navigation' or @role='banner' or @role='contentinfo'"
    " or @role='complementary' or @role='dialog' or @role='alertdialog']"
)
# Share of the page's text above which a block is kept whatever it is called:
# a few sites put the whole page in <div class="has-sidebar"> or <nav>.
_MAX_SHARE = 0.5
# Blocks holding these hold the article, whatever their class says
# (Blogger puts every post in <div class="widget Blog">).
_ARTICLE_MARKERS = etree.XPath("(//h1)[1] | //*[@itemprop='articleBody']")
# A block with this many long paragraphs is prose, whatever its class says
# (<div class="entry-content entry-content-read-more">), unless it is a comment thread.
_PROSE_PARAGRAPHS = etree.XPath("count(.//p[string-length(normalize-space()) > 150])")
_MAX_PROSE_PARAGRAPHS = 2
_COMMENTS = selectors.word_pattern(selectors.COMMENT_WORDS)


def is_hidden(element: HtmlElement) -> bool:
    """Hidden from every reader: the hidden attribute or display:none in its style."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def is_boilerplate(element: HtmlElement) -> bool:
    """Does the element's class, id or aria-hidden flag mark it as boilerplate?"""
    if element.get("aria-hidden") == "true":
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}".strip()
    if not names:
        return False
    names = _CAMEL.sub(r"\1 \2", names)
    return bool(_BOILERPLATE.search(names) or _BOILERPLATE_WHOLE.search(names))


def clean(root: HtmlElement) -> None:
    """Remove, in place, every element that cannot hold article text."""
    etree.strip_elements(root, *selectors.JUNK_TAGS, with_tail=False)
    marked = _MARKED(root)
    removed: set[HtmlElement] = set()
    for element in marked:
        if is_hidden(element) and not _inside(element, removed):
            _drop(element)
            removed.add(element)
    total = len(root.text_content()) or 1
    protected = {a for marker in _ARTICLE_MARKERS(root) for a in marker.iterancestors()}
    doomed = _FURNITURE(root) + [el for el in marked if el not in removed and is_boilerplate(el)]
    for element in doomed:
        if element in protected or _inside(element, removed):
            continue
        if len(element.text_content()) > _MAX_SHARE * total or _is_prose(element):
            continue
        _drop(element)
        removed.add(element)


def _inside(element: HtmlElement, removed: set[HtmlElement]) -> bool:
    return element.getparent() is None or any(a in removed for a in element.iterancestors())


def _is_prose(element: HtmlElement) -> bool:
    if _PROSE_PARAGRAPHS(element) <= _MAX_PROSE_PARAGRAPHS:
        return False
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return not _COMMENTS.search(_CAMEL.sub(r"\1 \2", names))


def _drop(element: HtmlElement) -> None:
    """Remove `element` but keep its tail text, which belongs to the parent."""
    parent = element.getparent()
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
