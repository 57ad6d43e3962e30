"""Drop boilerplate from the tree: scripts, hidden blocks, furniture, widgets.

Runs after metadata, highlights and related links have been read, since it
removes the blocks those come from.
"""

from __future__ import annotations

import re

from lxml import etree

from . import patterns, selectors
from .survey import Survey, attached
from .tree import Element, text_of

# Share of the page's text above which a block is kept whatever it is called:
# a few sites put the whole page in <div class="has-sidebar"> or <nav>.
_MAX_SHARE = 0.5
# Blocks holding these hold the article, whatever their class says (Blogger puts
# every post in <div class="widget Blog">): the first <h1>, the schema.org
# articleBody, and a block with an article-body class and some text.
_MIN_BODY_TEXT = 400
# A block with this many long paragraphs is prose whatever its class says
# (<div class="entry-content entry-content-read-more">), unless it is a comment thread.
_PROSE_LENGTH = 150
_PARAGRAPHS = etree.XPath(f".//p[string-length(normalize-space()) > {_PROSE_LENGTH}]")
_MAX_PROSE_PARAGRAPHS = 2
_COMMENTS = patterns.word_pattern(selectors.COMMENT_WORDS)


# A word or two of running text, in an inline element whose class names a note on
# it or the lead's dateline, not a widget: <a class="popup">rather elderly</a> man.
_INLINE = frozenset(("a", "span", "em", "i", "b", "strong", "abbr", "dfn", "cite", "q", "u"))
_TEXT_BLOCKS = frozenset(("p", "li", "dd", "td", "blockquote"))
_IN_TEXT = patterns.word_pattern(selectors.IN_TEXT_WORDS)
_DASH_END = re.compile(r"[—–-]\s*$")  # "CAIRO —", "WASHINGTON (AP) -"
_DASH_START = re.compile(r"\s*[—–-]\s*\w")  # "</span> — Gunmen opened fire"
_SENTENCE_GOES_ON = re.compile(r"\s*[a-z,.;:!?)\]’'\"]")  # a lower-case word, punctuation
_EARLY_JUNK = tuple(tag for tag in selectors.JUNK_TAGS if tag not in selectors.METADATA_TAGS)


def strip_junk(root: Element) -> None:
    """Remove what never holds text or metadata (<svg>, <style>, forms...) before the
    survey: about a sixth of a page's elements, which nothing then walks again."""
    etree.strip_elements(root, *_EARLY_JUNK, with_tail=False)


def clean(root: Element, survey: Survey) -> None:
    """Remove, in place, every element that cannot hold article text."""
    _strip_metadata(root, survey)
    # The survey listed elements before any removal: those since cut off with an
    # ancestor (a stripped or dropped subtree) are no longer in the page.
    for element in survey.hidden:
        if attached(element, root):
            _drop(element)
    total = len(text_of(root)) or 1
    first_h1 = next((el for el in survey.by_tag["h1"] if attached(el, root)), None)
    markers = [el for el in survey.itemprops.get("articleBody", ()) if attached(el, root)]
    markers += [
        el for el in survey.article_body
        if attached(el, root) and len(text_of(el)) > _MIN_BODY_TEXT
    ]  # fmt: skip
    if first_h1 is not None:
        markers.append(first_h1)
    protected = set(markers) | {a for marker in markers for a in marker.iterancestors()}
    protected.update(survey.embedded_posts)  # a tweet marked aria-hidden is still quoted
    for element in survey.boilerplate:
        if element in protected or not attached(element, root):
            continue
        length = len(text_of(element))
        if length > _MAX_SHARE * total or _is_prose(element, length) or _in_sentence(element):
            continue
        _keep_embedded_posts(element, survey.embedded_posts)
        _drop(element)


def _strip_metadata(root: Element, survey: Survey) -> None:
    """Remove the <head>, and the scripts, <meta>s and <link>s in the body, keeping
    their tails, as etree.strip_elements would; the survey found them, and finding
    them again would walk the whole tree."""
    heads = survey.by_tag["head"]
    for head in heads:
        _drop(head, keep_blank_tail=True)
    for tag in selectors.METADATA_TAGS:
        if tag == "head":
            continue
        for element in survey.by_tag[tag]:
            if element.getparent() not in heads:  # a <head>'s went with it
                _drop(element, keep_blank_tail=True)


def _keep_embedded_posts(widget: Element, posts: list[Element]) -> None:
    """Move the posts the article quotes (a tweet) out of a widget about to go."""
    for post in posts:
        if widget in post.iterancestors():
            post.tail = None
            widget.addprevious(post)


def _in_sentence(element: Element) -> bool:
    """A note pop-up on words of a sentence (<a class="popup">rather elderly</a> man),
    or the dateline that opens the lead (<span class="dateline">CAIRO —</span> Gunmen)."""
    parent = element.getparent()
    if element.tag not in _INLINE or parent is None or parent.tag not in _TEXT_BLOCKS:
        return False
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    if not _IN_TEXT.search(names):
        return False
    tail = element.tail or ""
    if (_DASH_END.search(text_of(element)) and tail.strip()) or _DASH_START.match(tail):
        return True  # a dateline
    if not _SENTENCE_GOES_ON.match(tail):
        return False
    return bool((parent.text or "").strip()) or any(
        (child.tail or "").strip() for child in parent if child is not element
    )


def _is_prose(element: Element, length: int) -> bool:
    if length <= _PROSE_LENGTH * (_MAX_PROSE_PARAGRAPHS + 1):
        return False  # too short to hold that many long paragraphs
    if _prose_paragraphs(element) <= _MAX_PROSE_PARAGRAPHS:
        return False
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return not _COMMENTS.search(names)


def _prose_paragraphs(element: Element) -> int:
    """Long paragraphs in `element`, except those in its list items: the captions
    of a gallery's slides (<li><h2>3/50 Title</h2><p>caption</p></li>) are not prose."""
    count = 0
    for paragraph in _PARAGRAPHS(element):
        for ancestor in paragraph.iterancestors():
            if ancestor is element:
                count += 1
                break
            if ancestor.tag == "li":
                break
    return count


def _drop(element: Element, *, keep_blank_tail: bool = False) -> None:
    """Remove `element` but keep its tail text, which belongs to the parent (a blank
    tail only when asked: etree.strip_elements keeps it too)."""
    parent = element.getparent()
    tail = element.tail
    if tail and (keep_blank_tail or tail.strip()):
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
