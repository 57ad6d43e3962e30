"""A survey of a page, read by metadata, related links, cleaning and the
not-an-article checks instead of each walking the tree again: one pass in Python
over the body files the elements they look up by tag and sorts those that carry a
class, id, style or role by what their names say; the <head> is searched in C.
"""

from __future__ import annotations

import re

from . import patterns, selectors
from .tree import Element

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

BOILERPLATE, RELATED, ARTICLE_BODY, AUTHOR, DATE, SOURCE, SECTION, TITLE, CAPTION, EMBED = (
    1 << n for n in range(10)
)


def _flags_by_word(*groups: tuple[tuple[str, ...], int]) -> dict[str, int]:
    flags: dict[str, int] = {}
    for words, flag in groups:
        for word in words:
            flags[word.lower()] = flags.get(word.lower(), 0) | flag
    return flags


# Words matched at the start of a class or id word, camelCase split ("shareBar").
_PREFIX_FLAGS = _flags_by_word(
    (selectors.BOILERPLATE_WORDS, BOILERPLATE),
    (selectors.RELATED_WORDS, RELATED),
    (selectors.AUTHOR_WORDS, AUTHOR),
    (selectors.DATE_WORDS, DATE),
    (selectors.SOURCE_WORDS, SOURCE),
    (selectors.SECTION_WORDS, SECTION),
    (selectors.TITLE_WORDS, TITLE),
    (selectors.ARTICLE_BODY_CLASSES, ARTICLE_BODY),
    (selectors.CAPTION_WORDS, CAPTION),
    (selectors.EMBEDDED_POST_WORDS, EMBED),
    (selectors.NOT_SELECTOR_WORDS, 0),  # the longest match wins: "authority" flags nothing
)
_PREFIX = patterns.word_pattern(_PREFIX_FLAGS)
_PREFIX_LOWER = patterns.lower_word_pattern(_PREFIX_FLAGS)
_HUMP = re.compile(r".[A-Z]")
# Names matched whole ("ad", but not "adapt").
_WHOLE_FLAGS = _flags_by_word((selectors.BOILERPLATE_WHOLE_WORDS, BOILERPLATE))
_NEVER_BOILERPLATE = ("html", "body")
_FURNITURE_ROLES = frozenset(selectors.FURNITURE_ROLES)
_READ = frozenset(("class", "id", "style", "hidden", "role", "aria-hidden", "rel", "itemprop"))
# Page-level feature flags in a class ("f_caption_muted_videos_on") say nothing.
_NEVER_CAPTION = ("html", "body", "main", "article", "section")


# Elements that metadata, related links and cleaning look up by tag ("article" and
# "a" only to know whether a page has any). The survey's pass files them; an
# XPath "//meta" each would walk the whole tree again.
# Cleaning removes the METADATA_TAGS by these lists.
INDEXED_TAGS = (*selectors.METADATA_TAGS, "title", "h1", "time", "base", "article", "a")
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_FURNITURE_TAGS = frozenset(selectors.FURNITURE_TAGS)
_FILED_TAGS = (*selectors.FURNITURE_TAGS, *_HEADINGS, *INDEXED_TAGS)
_FILED = frozenset(_FILED_TAGS)


_NAMES: dict[str, int] = {}  # attribute value -> flags; cleared when it grows large
_MAX_NAMES = 65536


def name_flags(names: str) -> int:
    """What a class or id attribute says: the flags of its words together.

    Cached per value: sites differ, but a page repeats its own, and "row",
    "clearfix" and "entry-content" recur everywhere. A new value is matched
    whole, in one regex call, rather than word by word.
    """
    flags = _NAMES.get(names)
    if flags is None:
        flags = _match_flags(names)
        if len(_NAMES) >= _MAX_NAMES:
            _NAMES.clear()
        _NAMES[names] = flags
    return flags


def _match_flags(names: str) -> int:
    lower = names.lower()
    if names.isascii() and (lower == names or _HUMP.search(names) is None):
        words = _PREFIX_LOWER.findall(" " + lower)  # most names: no camelCase humps
    else:
        words = [word.lower() for word in _PREFIX.findall(names)]
    flags = 0
    for word in words:
        flags |= _PREFIX_FLAGS[word]
    for name in lower.split():
        flags |= _WHOLE_FLAGS.get(name, 0)
    return flags


def attached(element: Element, root: Element) -> bool:
    """Is `element` still in the tree under `root` (cleaning removes subtrees)?"""
    ancestors = list(element.iterancestors())
    return (ancestors[-1] if ancestors else element) is root


class Survey:
    """Elements of one page, sorted by what their attributes say they are."""

    def __init__(self, root: Element) -> None:
        self.hidden: list[Element] = []
        self.boilerplate: list[Element] = []
        self.related: list[Element] = []
        self.article_body: list[Element] = []
        self.author: list[Element] = []
        self.date: list[Element] = []
        self.source: list[Element] = []
        self.section: list[Element] = []
        self.titles: list[Element] = []
        self.rel_author: list[Element] = []
        self.captions: set[Element] = set()
        self.embedded_posts: list[Element] = []  # tweets and the like the article quotes
        self.itemprops: dict[str, list[Element]] = {}  # microdata by property name
        self.by_tag: dict[str, list[Element]] = {tag: [] for tag in INDEXED_TAGS}
        # Furniture tags come before boilerplate classes, and <h2>-<h6> before
        # title classes, in their lists: cleaning and related links go in that order.
        # Scratch lists while filing: the front of boilerplate and titles.
        self._furniture: list[Element] = []
        self._headings: list[Element] = []
        body = root.find("body")
        if body is None:
            self._survey(root)
        else:
            for child in root:
                if child is body:
                    self._survey(body)
                else:  # the <head>: only its tags matter, and lxml finds them in C
                    for element in child.iter(*_FILED_TAGS):
                        self._file(element, element.tag)
        self.boilerplate[:0] = self._furniture
        self.titles[:0] = self._headings

    def _file(self, element: Element, tag: str) -> None:
        if tag in _FURNITURE_TAGS:
            self._furniture.append(element)
        elif tag in _HEADINGS:
            self._headings.append(element)
        else:
            self.by_tag[tag].append(element)

    def _survey(self, top: Element) -> None:
        """File `top`'s elements by tag and sort them by what their attributes say."""
        # One pass in Python over every element is cheaper here than several XPath
        # scans with attribute predicates, or than a walk in C for the tags as well.
        names = _NAMES
        filed = _FILED
        for element in top.iter():
            tag = element.tag
            if tag in filed:
                self._file(element, tag)
            flags = 0
            # keys(), then get() for the few read: cheaper than items()' pairs.
            for key in element.keys():  # noqa: SIM118 (iterating an element gives children)
                if key not in _READ:
                    continue
                value = element.get(key)
                if key == "class" or key == "id":
                    known = names.get(value)
                    flags |= name_flags(value) if known is None else known
                elif key == "hidden" or (key == "style" and _HIDDEN_STYLE.search(value)):
                    # A hidden <body> is an anti-flicker trick: scripts show it at once.
                    if tag not in _NEVER_BOILERPLATE:
                        self.hidden.append(element)
                        flags = 0
                        break
                elif key == "role":
                    if value in _FURNITURE_ROLES:
                        flags |= BOILERPLATE
                elif key == "aria-hidden":
                    if value == "true":
                        flags |= BOILERPLATE
                elif key == "itemprop":
                    for prop in value.split():
                        self.itemprops.setdefault(prop, []).append(element)
                elif value == "author":  # rel
                    self.rel_author.append(element)
            if flags:
                self._sort(element, flags)

    def _sort(self, element: Element, flags: int) -> None:
        if flags & BOILERPLATE and element.tag not in _NEVER_BOILERPLATE:
            self.boilerplate.append(element)
        if flags & RELATED:
            self.related.append(element)
        if flags & ARTICLE_BODY:
            self.article_body.append(element)
        if flags & AUTHOR:
            self.author.append(element)
        if flags & DATE:
            self.date.append(element)
        if flags & SOURCE:
            self.source.append(element)
        if flags & SECTION:
            self.section.append(element)
        if flags & TITLE:
            self.titles.append(element)
        if flags & CAPTION and element.tag not in _NEVER_CAPTION:
            self.captions.add(element)
        if flags & EMBED:
            self.embedded_posts.append(element)
