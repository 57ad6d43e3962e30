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


def is_boilerplate(element: HtmlElement) -> bool:
    """Does the element's class, id, style or hidden flag mark it as boilerplate?"""
    get = element.get
    if get("hidden") is not None or get("aria-hidden") == "true":
        return True
    style = get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    names = f"{get('class') or ''} {get('id') or ''}".strip()
    if not names:
        return False
    names = _CAMEL.sub(r"\1 \2", names)
    return bool(_BOILERPLATE.search(names) or _BOILERPLATE_WHOLE.search(names))


def clean(root: HtmlElement) -> None:
    """Remove, in place, every element that cannot hold article text."""
    etree.strip_elements(root, *selectors.JUNK_TAGS, with_tail=False)
    total = len(root.text_content()) or 1
    doomed = _FURNITURE(root) + [el for el in _MARKED(root) if is_boilerplate(el)]
    removed: set[HtmlElement] = set()
    for element in doomed:
        parent = element.getparent()
        if parent is None or any(a in removed for a in element.iterancestors()):
            continue
        if len(element.text_content()) > _MAX_SHARE * total:
            continue
        _drop(element, parent)
        removed.add(element)


def _drop(element: HtmlElement, parent: HtmlElement) -> None:
    """Remove `element` but keep its tail text, which belongs to the parent."""
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
