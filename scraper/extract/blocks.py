"""Flatten a cleaned tree into text blocks, in one walk, scoring containers as it goes.

A block is the text of one paragraph-like element (a <p>, a heading, a list
item, a table cell, or a run of text between <br><br> in a <div>). Each block
knows how much of its text is link text and where it stands in the tree, so
that body.py can choose the container of the article without walking again.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from lxml import etree

from .patterns import any_pattern, word_pattern
from .selectors import (
    CAPTION_ENDS,
    CAPTION_STARTS,
    CONSENT_TEXT,
    CONSENT_WORDS,
    PICTURE_AGENCIES,
    PROFILE_LINK_WORDS,
    PROFILE_PATHS,
)
from .tree import Element, text_of

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "ul",
        "legend",
        "html",
    ]
)
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_LINE_BREAK = "\ue000"  # stands for <br> until the text is cleaned; source newlines are spaces
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\xad]")
# Sentence punctuation in many scripts: a sign of prose rather than link lists.
_PROSE = re.compile(r"[.!?。！？…:;,，、؟।]")
_MIN_NOTICE = 60  # bytes: a notice's sentence, not a "Cookies" link


@dataclass(slots=True)
class Block:
    text: str
    kind: str  # "p", "h1".."h6", "li", "pre", "cell", "caption"
    element: Element  # the block-level element that owns the text
    position: int  # pre-order number of the owning element
    weight: int  # UTF-8 length: one CJK character weighs as much as a short word
    link_weight: int
    list_depth: int = 0
    ordered: bool = False
    list_root: Element | None = None  # the outermost list an item belongs to
    quote_depth: int = 0
    table: Element | None = None
    cell: Element | None = None  # the <td> or <th> of a "cell" block
    teaser: bool = False  # part of a card promoting another page (linked title, summary)
    # is_prose and notice, worked out on first use: the body's rules ask is_prose
    # of every block often, and notice only of the few that would be prose.
    _prose: bool | None = field(default=None, init=False, repr=False, compare=False)
    _notice: bool | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def link_density(self) -> float:
        return self.link_weight / self.weight if self.weight else 0.0

    @property
    def is_prose(self) -> bool:
        """Long enough, few links, with sentence punctuation: article text."""
        if self._prose is None:
            self._prose = self._looks_like_prose()
        return self._prose

    @property
    def notice(self) -> bool:
        """A cookie or privacy notice: prose, but never the article."""
        if self._notice is None:
            self._notice = self.weight >= _MIN_NOTICE and _is_notice(self.text)
        return self._notice

    def with_text(self, text: str) -> Block:
        """This block with its text trimmed (a credit cut off). Whether it is a
        notice was settled on the text the page shows, and stays so."""
        block = dataclasses.replace(self, text=text)
        block._notice = self.notice
        return block

    def _looks_like_prose(self) -> bool:
        # A long paragraph may link half its words (news summaries do); a short
        # one with many links is a menu or a teaser.
        max_links = 0.55 if self.weight >= 150 else 0.35
        return (
            self.weight - self.link_weight >= 60
            and self.link_density < max_links
            and (self.weight >= 160 or _PROSE.search(self.text) is not None)
            and self.kind not in HEADING_TAGS
            and self.kind != "caption"
            and not self.notice
            and not self.teaser
        )


@dataclass(slots=True)
class Walk:
    """The result of walking a tree: blocks and the best-scoring container."""

    blocks: list[Block]
    container: Element | None
    span: dict[Element, tuple[int, int]] = field(default_factory=dict)
    # Prose weight under each element that has any.
    prose: dict[Element, int] = field(default_factory=dict)

    def index_range(self, element: Element) -> tuple[int, int]:
        """Indexes [start, end) of the blocks inside `element` (a subtree's are contiguous)."""
        first, last = self.span[element]
        inside = [i for i, block in enumerate(self.blocks) if first <= block.position <= last]
        return (inside[0], inside[-1] + 1) if inside else (0, 0)


def clean_text(text: str) -> str:
    """Collapse white space; a <br> (marked while walking) becomes a newline."""
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    text = " ".join(text.split())
    if _LINE_BREAK in text:
        text = "\n".join(line.strip() for line in text.split(_LINE_BREAK) if line.strip())
    return text


_NOTICE = any_pattern(CONSENT_TEXT)
# Block tags that open a structure the walk keeps track of.
_LIST_TAGS = frozenset(("ul", "ol", "menu", "dl"))
_LONG_CELL_TEXT = 300  # characters: a paragraph of an article, not a table's note
_SCRIPT_START = frozenset("jJ \t\n\r\f\v")  # how a javascript: href can begin
_SCRIPT_HREF = re.compile(r"\s*javascript:", re.I)
_CELL_TAGS = frozenset(("td", "th"))
_STRUCTURE_TAGS = _LIST_TAGS | _CELL_TAGS | {"blockquote", "pre", "table", "figure"}
_MAX_CARD_TEXT = 1000  # characters: a title, a byline and a summary
# Block elements searched above a linked heading's own for its card:
# <li><div><div><div><h3> (frameworks nest a card's title several <div>s deep).
_CARD_DEPTH = 5
_PROFILE_MARK = word_pattern(PROFILE_LINK_WORDS)
_MAX_NAME_WORDS = 4  # "Jane van der Berg"; a teaser's title is longer
_PROFILE_HREF = re.compile(
    f"/(?:{'|'.join(map(re.escape, PROFILE_PATHS))})(?:[/?#]|$)", re.IGNORECASE
)
_CAPTION_START = re.compile("|".join(CAPTION_STARTS), re.IGNORECASE)
_CAPTION_END = re.compile(f"(?:{'|'.join(CAPTION_ENDS)})\\s*$", re.IGNORECASE)
_CAPTION_TAIL = 100  # characters: where a picture credit ends a line
# How every CAPTION_ENDS match ends, with the same case folding. Looked for in a
# text's last characters only, it rules most paragraphs out before the slow search.
_CAPTION_LAST = re.compile(f"(?:\\)|{'|'.join(PICTURE_AGENCIES)})\\Z", re.IGNORECASE)
_CAPTION_LAST_REACH = max(map(len, PICTURE_AGENCIES))


def is_credit_line(text: str) -> bool:
    """A line that is only a credit or a slide number: "Photo: Jane Doe", "Image 3 of 12"."""
    return _CAPTION_START.match(text) is not None


def is_caption_text(text: str) -> bool:
    """A picture credit or a slide number: "Photo: Jane Doe", "(AP Photo/…)", "Image 3 of 12"."""
    if _CAPTION_START.match(text):
        return True
    tail = text[-_CAPTION_TAIL:].rstrip()
    return (
        _CAPTION_LAST.search(tail, len(tail) - _CAPTION_LAST_REACH) is not None
        and _CAPTION_END.search(tail) is not None
    )


def _is_notice(text: str) -> bool:
    # Plain substring tests rule out nearly every paragraph before the slower patterns.
    lower = text.lower()
    return any(word in lower for word in CONSENT_WORDS) and _NOTICE.search(text) is not None


def _is_data_table(table: Element) -> bool:
    """A table of data, not of page layout: it names its columns or rows (<th>,
    <thead>, <caption>, <colgroup>) and holds no table, heading or long paragraph
    of its own (an old page's masthead in a <th> over the article in a <td>)."""
    if table.get("role") in ("presentation", "none"):
        return False
    named = False
    for element in table.iter("table", "th", "thead", "caption", "colgroup", "p", *HEADING_TAGS):
        tag = element.tag
        if tag == "table":
            if element is not table:
                return False
        elif tag in HEADING_TAGS or (tag == "p" and len(text_of(element)) > _LONG_CELL_TEXT):
            return False
        elif tag != "p":
            named = True
    return named


def _is_link(anchor: Element) -> bool:
    """An <a> with an href; a named anchor (<a name>) is a bookmark, not a link.

    A javascript: href is still a link, a control ("Share", "Continue reading"),
    unless it wraps several paragraphs: then it leads nowhere and its text is the
    page's own.
    """
    href = anchor.get("href")
    if href is None:
        return False
    return not is_script_href(href) or len(anchor.findall(".//p")) < 2


def is_script_href(href: str) -> bool:
    """A javascript: href, a control rather than a page to go to. Most hrefs are
    told apart by their first character, without the regex."""
    return href[:1] in _SCRIPT_START and _SCRIPT_HREF.match(href) is not None


def _visible_length(text: str) -> int:
    """UTF-8 length without white space: the weight of text as a reader sees it."""
    return len("".join(text.split()).encode("utf-8"))


def _names_a_person(heading: Element) -> bool:
    """A heading that is mostly one short link to a member's profile: a forum
    post's author (beside a "#1" permalink, say), which heads the post rather
    than promoting another page."""
    heading_chars = len("".join(text_of(heading).split()))
    for anchor in heading.iter("a"):
        name = text_of(anchor).split()
        if not name or len(name) > _MAX_NAME_WORDS or len("".join(name)) * 2 < heading_chars:
            continue
        marks = f"{anchor.get('class', '')} {anchor.get('rel', '')} {anchor.get('itemprop', '')}"
        if _PROFILE_MARK.search(marks) or _PROFILE_HREF.search(anchor.get("href", "")):
            return True
    return False


class _Walker:
    """State of one walk; kept in a class so the walk loop stays readable."""

    def __init__(self, captions: frozenset[Element]) -> None:
        self.captions = captions
        self.caption_depth = 0
        self.card_depth: int | None = None  # owners index of an open teaser card
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_length = 0  # non-space characters of link text in self.parts
        self.link_starts: list[int] = []  # index in self.parts where an open <a> began
        self.open_links: list[Element] = []  # the open <a>s, tested once each
        self.owners: list[tuple[Element, int]] = []  # open block elements
        self.lists: list[bool] = []  # open lists: ordered?
        self.list_root: Element | None = None
        self.quote_depth = 0
        self.pre_depth = 0
        self.tables: list[Element] = []
        self.data_tables: list[bool] = []  # for each open table: of data, not layout?
        self.cells: list[tuple[Element, Element | None]] = []  # open <td>s: (cell, table)
        self.figure_depth = 0
        self.counter = 0
        self.span: dict[Element, tuple[int, int]] = {}
        self.good: dict[Element, int] = {}
        self.bad: dict[Element, int] = {}
        self.prose: dict[Element, int] = {}
        self.best: Element | None = None
        self.best_score = 0

    def add(self, text: str | None) -> None:
        # White space before a block's first words is dropped anyway (not in <pre>):
        # not keeping it spares a flush for each indentation between tags.
        if text and (self.parts or self.pre_depth or not text.isspace()):
            self.parts.append(text)

    def flush(self) -> None:
        if not self.parts:
            return
        raw = "".join(self.parts)
        link_length = self.link_length
        if self.link_starts:  # a block boundary inside a link: the link goes on after it
            link_length += _visible_length("".join(self.parts[self.link_starts[0] :]))
            self.link_starts = [0] * len(self.link_starts)
        self.parts.clear()
        self.link_length = 0
        if self.pre_depth:
            text = raw.replace(_LINE_BREAK, "\n").strip("\n").rstrip()
        else:
            text = clean_text(raw)
        if not text or not self.owners:
            return
        # UTF-8 length; spaces count: a word gap is part of prose.
        weight = len(text) if text.isascii() else len(text.encode("utf-8"))
        if link_length:
            visible = (
                _visible_length(text)
                if self.pre_depth
                else weight - text.count(" ") - text.count("\n")  # cleaned: single gaps
            )
            link_share = min(link_length / max(visible, 1), 1.0)
        else:
            link_share = 0.0
        element, position = self.owners[-1]
        kind = self._kind(element)
        if link_share > 0.9 and self.card_depth is None and self._in_heading(kind):
            self.card_depth = self._card()
        if kind == "p" and weight < 300 and is_caption_text(text):
            kind = "caption"
        block = Block(
            text=text,
            kind=kind,
            element=element,
            position=position,
            weight=weight,
            link_weight=round(weight * link_share),
            list_depth=len(self.lists),
            ordered=bool(self.lists) and self.lists[-1],
            list_root=self.list_root if self.lists else None,
            quote_depth=self.quote_depth,
            table=self.tables[-1] if self.tables else None,
            cell=self.cells[-1][0] if kind == "cell" and self.cells else None,
            teaser=self.card_depth is not None,
        )
        self.blocks.append(block)
        if block.is_prose:
            self.good[element] = self.good.get(element, 0) + weight - block.link_weight
        # Link text weighs against a container; short plain text only a little.
        penalty = block.link_weight + (0 if block.is_prose else (weight - block.link_weight) // 4)
        self.bad[element] = self.bad.get(element, 0) + penalty

    def _in_heading(self, kind: str) -> bool:
        """A heading, or a block in one: <h3><a><div>Title</div></a></h3>."""
        return kind in HEADING_TAGS or (
            len(self.owners) > 1 and self.owners[-2][0].tag in HEADING_TAGS
        )

    def _card(self) -> int | None:
        """Owners index of the small list item or <article> around a linked heading.

        Such a card promotes another page; a long <article> whose title links
        to itself is the article.
        """
        below = len(self.owners) - 2  # the owner above the heading's block
        heading = self.owners[-1][0]
        if heading.tag not in HEADING_TAGS:
            heading = self.owners[-2][0]
        if _names_a_person(heading):
            return None
        for index in range(below, max(below - _CARD_DEPTH, -1), -1):
            element = self.owners[index][0]
            if element.tag in ("li", "article"):
                # characters, not counting the markup's indentation
                return index if len("".join(text_of(element).split())) < _MAX_CARD_TEXT else None
        return None

    def _kind(self, element: Element) -> str:
        tag = str(element.tag)
        if tag in HEADING_TAGS:
            return tag
        if self.pre_depth:
            return "pre"
        if tag in _CELL_TAGS or (self.cells and self._in_data_cell()):
            return "cell"  # in a table of data, a cell's paragraphs are the cell
        if self.figure_depth or self.caption_depth or tag in ("figcaption", "caption"):
            return "caption"
        if (self.lists and tag in ("li", "dd", "dt")) or self._inside_li():
            return "li"
        return "p"

    def _in_data_cell(self) -> bool:
        """In a cell of the innermost open table, and that table holds data."""
        return (
            bool(self.cells and self.tables and self.data_tables[-1])
            and self.cells[-1][1] is self.tables[-1]
        )

    def _inside_li(self) -> bool:
        return bool(self.lists) and any(owner.tag == "li" for owner, _ in self.owners[-3:])

    def open_block(self, element: Element) -> None:
        if self.parts:
            self.flush()
        self.counter += 1
        self.owners.append((element, self.counter))
        tag = element.tag
        if tag in _STRUCTURE_TAGS:
            if tag in _LIST_TAGS:
                if not self.lists:
                    self.list_root = element
                self.lists.append(tag == "ol")
            elif tag == "blockquote":
                self.quote_depth += 1
            elif tag == "pre":
                self.pre_depth += 1
            elif tag in _CELL_TAGS:
                self.cells.append((element, self.tables[-1] if self.tables else None))
            elif tag == "table":
                self.tables.append(element)
                self.data_tables.append(_is_data_table(element))
            else:
                self.figure_depth += 1
        if element in self.captions:
            self.caption_depth += 1
        self.add(element.text)

    def close_block(self, element: Element) -> None:
        if self.parts:
            self.flush()
        _, start = self.owners.pop()
        self.span[element] = (start, self.counter)
        if self.card_depth is not None and len(self.owners) <= self.card_depth:
            self.card_depth = None
        if element in self.captions:
            self.caption_depth -= 1
        tag = element.tag
        if tag in _STRUCTURE_TAGS:
            if tag in _LIST_TAGS:
                self.lists.pop()
            elif tag == "blockquote":
                self.quote_depth -= 1
            elif tag == "pre":
                self.pre_depth -= 1
            elif tag in _CELL_TAGS:
                self.cells.pop()
            elif tag == "table":
                self.tables.pop()
                self.data_tables.pop()
            else:
                self.figure_depth -= 1
        self._score(element)
        self.add(element.tail)

    def _score(self, element: Element) -> None:
        good = self.good.pop(element, 0)
        bad = self.bad.pop(element, 0)
        score = good - bad
        if good:
            self.prose[element] = good
        # Children end before their parents: on a tie the tighter one stays.
        if good and score > self.best_score:
            self.best, self.best_score = element, score
        if self.owners:
            parent = self.owners[-1][0]
            self.good[parent] = self.good.get(parent, 0) + good
            self.bad[parent] = self.bad.get(parent, 0) + bad

    def inline_start(self, element: Element) -> None:
        tag = element.tag
        if tag == "br":
            # <br><br> separates paragraphs; a single <br> breaks a line.
            if self.parts and not "".join(self.parts[-2:]).rstrip().endswith(_LINE_BREAK):
                self.add(_LINE_BREAK)
            else:
                self.flush()
        elif tag == "a" and _is_link(element):
            self.link_starts.append(len(self.parts))
            self.open_links.append(element)
        elif tag == "img":
            return
        self.add(element.text)

    def inline_end(self, element: Element) -> None:
        if self.open_links and self.open_links[-1] is element:
            self.open_links.pop()
            start = self.link_starts.pop()
            if not self.link_starts:
                self.link_length += _visible_length("".join(self.parts[start:]))
        self.add(element.tail)


def walk(root: Element, captions: frozenset[Element] = frozenset()) -> Walk:
    """Flatten `root` into blocks and pick the container with the best score.

    Text inside `captions` (elements with caption classes) is caption text.
    """
    state = _Walker(captions)
    # Bound once: this loop runs twice for every element of the page.
    open_block, close_block = state.open_block, state.close_block
    inline_start, inline_end = state.inline_start, state.inline_end
    blocks = BLOCK_TAGS
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            if tag in blocks:
                open_block(element)
            else:
                inline_start(element)
        elif tag in blocks:
            close_block(element)
        else:
            inline_end(element)
    state.flush()
    return Walk(blocks=state.blocks, container=state.best, span=state.span, prose=state.prose)
