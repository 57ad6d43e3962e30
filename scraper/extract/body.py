"""Find the article's text in a cleaned tree: its container, its first paragraph, its highlights."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from lxml import etree

from . import patterns, selectors
from .blocks import HEADING_TAGS, Block, Walk, walk
from .dates import parse_date
from .highlights import (
    BYLINE_START,
    WORD,
    find_highlights,
    is_marked,
    is_summary_heading,
    summary_box,
)
from .highlights import (
    text_key as _key,
)
from .promos import PROMO_HEADING, promo_boxes, without_empty_promo_titles
from .render import render_markdown, render_text, row_of
from .tree import Element, text_of

_BOILERPLATE_TEXT = patterns.text_pattern(selectors.BOILERPLATE_TEXT)
_TRAILING_CREDIT = patterns.trailing_pattern(selectors.TRAILING_CREDITS)
_LIKE_COUNT = patterns.text_pattern(selectors.LIKE_COUNT)
_SUBHEADINGS = HEADING_TAGS - {"h1"}
_ARTICLE_SHARE = 0.5  # of the container's prose in an <article>: the article
_FEED_SHARE = 0.5  # of the prose beside an <article>, in list items: a feed
_MAX_LABEL = 40  # bytes: a table's row label ("Population", "Date of birth")
_COMMENT_HEADING = patterns.text_pattern(selectors.COMMENT_HEADINGS)
_THIN_PROSE = 200  # bytes: a sentence or two, not an article's text
_SENTENCE_WORDS = 5  # words of a short closing sentence; fewer make a label or a credit
_ARTICLES = etree.XPath(".//article")
_TABLE_PARTS = frozenset(("thead", "tbody", "tfoot", "tr"))
_TIGHT_SHARE = 0.85
_CLASS_REACH = 4  # <li> in <ul> in <div class="bbWrapper">: a paragraph's own box
_PART_SHARE = 0.1  # of the container's prose: a part of the text, not an insert
_BYLINE_REACH = 8  # blocks between a headline and its body: kicker, byline, dek, image
_H1 = etree.XPath(".//h1")
_HEADINGS = etree.XPath(".//h1|.//h2|.//h3")
_FIRST_WORD_REACH = 40  # characters searched for a text's first word
_NOTE = re.compile(r"\[\d{1,3}\]\s")  # a numbered note's mark: "[2] "
# An address shown whole: "http://www.openpetition.de/...", "suivi@example.org"
_BARE_ADDRESS = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Body:
    text: str
    markdown: str
    blocks: tuple[Block, ...]
    highlights: tuple[str, ...]
    # Headings in the chosen container that are wholly links: teasers of other pages,
    teasers: int = 0
    # and the prose that stands before the first of them.
    prose_before_teasers: int = 0
    # Prose in the container, teasers' summaries included.
    prose: int = 0
    # Byline lines above the body ("By Jane Doe", "Posted: 12/23/2004 by Ray Dunbar").
    bylines: tuple[str, ...] = ()
    # Every block of the page, the body's and the rest.
    page_blocks: tuple[Block, ...] = ()

    @property
    def notices(self) -> int:
        """Prose of cookie and privacy notices anywhere on the page (asked of few pages)."""
        return sum(block.weight for block in self.page_blocks if block.notice)


def find_body(
    root: Element,
    *,
    headline: str = "",
    description: str | None = None,
    captions: frozenset[Element] = frozenset(),
) -> Body:
    """The main text of a cleaned page and the highlights above it."""
    result = walk(root, captions)
    # A page without a single paragraph of prose may still be a short article
    # (a list, a few lines): then the whole page is the candidate.
    container = result.container if result.container is not None else root
    container = _whole_table(_tighten(_narrow(container, headline, result), result))
    container = _with_introduction(container, result.prose)
    container = _with_headline(container, root, result.prose, headline)
    start, end = result.index_range(container)
    if container.tag == "p":
        end = _with_closing_sentences(result, container, end)
    # What stands before the headline is not the article (a ticker, teasers).
    start += _after_headline(result.blocks[start:end], headline)
    blocks = result.blocks[start:end]
    first = _body_start(blocks)
    highlights = find_highlights(
        result.blocks[:end], start + first, headline=headline, description=description
    )
    # Above the first paragraph stand the kicker, headline, byline and dek; keep the rest.
    boxed = summary_box(blocks)
    lead = [
        b for i, b in enumerate(blocks[:first])
        if not (i in boxed or is_marked(b.element) or _is_summary_title(b) or _is_byline(b))
    ]  # fmt: skip
    body = _until_comments(blocks[first:])
    kept = _filter(
        lead + body,
        headline=headline,
        highlights=tuple(highlights),
        walk=result,
        container=container,
    )
    return Body(
        text=render_text(kept),
        markdown=render_markdown(kept),
        blocks=tuple(kept),
        highlights=tuple(highlights),
        page_blocks=tuple(result.blocks),
        bylines=_byline_lines(result.blocks[: start + first], headline),
        **_listing_signs(blocks),
    )


def _is_summary_title(block: Block) -> bool:
    """A "Key points" title that is not a heading (a <th>, a short <p>); a heading
    titles a box only when summary_box says so."""
    return block.kind not in HEADING_TAGS and is_summary_heading(block)


def _listing_signs(blocks: list[Block]) -> dict[str, int]:
    """What tells a list of other pages from an article."""
    teasers = prose_before = prose = 0
    for block in blocks:
        if block.kind in HEADING_TAGS and block.link_density > 0.9:
            teasers += 1
        elif block.is_prose:
            prose += block.weight
            if not teasers:
                prose_before += block.weight
    return {"teasers": teasers, "prose_before_teasers": prose_before, "prose": prose}


def _body_start(blocks: list[Block]) -> int:
    """The first paragraph of prose that is not a standfirst.

    A block marked as a summary or intro that sits beside the body's paragraphs
    is the body's own lead paragraph, not a standfirst shown above it.
    """
    boxed = summary_box(blocks)
    first = next(
        (
            i
            for i, b in enumerate(blocks)
            if b.is_prose and i not in boxed and not is_marked(b.element)
        ),
        0,
    )
    if not blocks:
        return first
    parent = blocks[first].element.getparent()
    if parent is None or parent.tag == "header":
        return first
    for index, block in enumerate(blocks[:first]):
        if block.is_prose and block.element.getparent() is parent and index not in boxed:
            return index
    return first


def _tighten(container: Element, result: Walk) -> Element:
    """Step down into the child that holds nearly all the container's prose.

    The best-scoring container may also hold a comment or two, a teaser with a
    summary, an events box: prose, but not the article's. (Not the first post of a
    thread, though, beside the rest nested in it.)
    """
    prose = result.prose
    while True:
        total = prose.get(container, 0)
        children = [child for child in container if child in prose]
        if not children:
            return container
        best = max(children, key=prose.__getitem__)
        if (
            prose[best] < _TIGHT_SHARE * total
            or any(
                child is not best
                and _same_kind(child, best)
                and prose[child] >= _PART_SHARE * total
                for child in children
            )
            or _next_post_nested(result, container, best)
        ):
            return container
        container = best


def _next_post_nested(result: Walk, container: Element, best: Element) -> bool:
    """Whether the prose before `best` stands in a box of a kind that holds the
    prose of several parts inside it (<div class="message-inner">): the first post
    of a thread, where unclosed tags nested the next posts in the one before. (A
    paragraph's own class, <p class="para">, is no box.)"""
    start, end = result.index_range(container)
    first, last = result.span[best]
    inside: dict[tuple[str, str], set[Element]] = {}
    outside: set[tuple[str, str]] = set()
    for block in result.blocks[start:end]:
        if not block.is_prose or block.position > last:
            continue
        within = block.position >= first
        box = block.element.getparent() if block.element.tag == "p" else block.element
        if box is None:
            continue
        found = _classed(box, best if within else container)
        if found is None:
            continue
        kind, element = found
        if within:
            inside.setdefault(kind, set()).add(element)
        else:
            outside.add(kind)
    return any(len(inside.get(kind, ())) > 1 for kind in outside)


def _classed(element: Element, limit: Element) -> tuple[tuple[str, str], Element] | None:
    """The kind (tag and class) of the nearest element with a class, and that
    element, from `element` up to (not including) `limit`, a few levels at most."""
    node: Element | None = element
    for _ in range(_CLASS_REACH):
        if node is None or node is limit:
            return None
        name = node.get("class")
        if name:
            return (str(node.tag), name), node
        node = node.getparent()
    return None


def _same_kind(one: Element, other: Element) -> bool:
    """Siblings of one tag and class, each with a real share of the prose, are parts
    of one text (a post split around a wide picture), not the article beside a
    comment or a teaser. (A promo paragraph in a second <div class="row"> is not.)"""
    name = one.get("class")
    return bool(name) and one.tag == other.tag and name == other.get("class")


def _with_closing_sentences(result: Walk, paragraph: Element, end: int) -> int:
    """The end of the text that one paragraph of prose starts: the short
    paragraphs of sentences that follow it in the same box ("Well spent, if no
    masterpiece!"), past a picture and its caption, count too, and so does an
    address shown whole that a paragraph ending in ":" introduces. A line that is
    no sentence (a credit, "Print", a link) ends it."""
    reached = end
    introduces = text_of(paragraph).rstrip().endswith(":")
    for sibling in paragraph.itersiblings():
        if sibling not in result.span:
            continue
        inside = _blocks_from(result, sibling, reached)
        if not inside:
            continue  # an empty paragraph, a picture without a caption
        if all(block.kind == "caption" for block in inside):
            reached += len(inside)
            continue
        if sibling.tag != "p" or not all(
            _is_closing_sentence(block) or (introduces and _is_cited(block)) for block in inside
        ):
            break
        reached += len(inside)
        end = reached
        introduces = inside[-1].text.endswith(":")
    return end


def _blocks_from(result: Walk, element: Element, index: int) -> list[Block]:
    """The blocks of `element` that stand from `index` on."""
    first, last = result.span[element]
    return list(
        itertools.takewhile(lambda block: first <= block.position <= last, result.blocks[index:])
    )


def _is_closing_sentence(block: Block) -> bool:
    return (
        block.link_density < _PART_SHARE
        and len(block.text.split()) >= _SENTENCE_WORDS
        and block.text.rstrip("\"'”’»)").endswith((".", "!", "?", "…", "。", "！", "？"))
    )


def _whole_table(container: Element) -> Element:
    """A table's body is not the whole table: its header row names the columns."""
    if container.tag in _TABLE_PARTS:
        table = next(container.iterancestors("table"), None)
        if table is not None:
            return table
    return container


def _with_introduction(container: Element, prose: dict[Element, int]) -> Element:
    """A table of data with prose right before it: the parent holding both.

    A long table can outscore its introduction (a list of films with a paragraph
    above it saying what the list holds). A table with no such introduction stays
    alone, whatever stands after it.
    """
    if container.tag != "table":
        return container
    parent = container.getparent()
    before = container.getprevious()
    if parent is None or before is None or before not in prose:
        return container
    return parent


def _narrow(container: Element, headline: str, result: Walk) -> Element:
    """The <article> with the headline, when the container holds more than it.

    Of several <article>s, the one titled with the headline is it, or, when that
    one holds only the header, the one with most of the prose. A single one is
    it when it holds most of the prose (what is left is a site's notices), or when
    what stands beside it is a feed (list items); an <article> that wraps only the
    header or the lead, with the rest of the text outside, is not.
    """
    articles = _ARTICLES(container)
    key = _key(headline)
    if len(articles) == 1:
        article = articles[0]
        inside = result.prose.get(article, 0)
        if (
            _has_headline(article, key)
            and inside
            and (
                inside >= _ARTICLE_SHARE * result.prose.get(container, 0)
                or _beside_is_feed(result, container, article)
            )
        ):
            return article
        return container
    if not articles:
        return container
    titled = next((article for article in articles if _has_headline(article, key)), None)
    if titled is None:
        with_h1 = [article for article in articles if _H1(article)]
        if len(with_h1) != 1:
            return container
        titled = with_h1[0]
    inside, total = result.prose.get(titled, 0), result.prose.get(container, 0)
    if inside >= _PART_SHARE * total:
        return titled
    # The titled <article> is only the page's header (a standfirst at most); the
    # text is in another: the one right after it, when the header has a line of prose.
    fullest = max(articles, key=lambda article: result.prose.get(article, 0))
    follows = articles[articles.index(titled) + 1 :][:1] == [fullest]
    if (
        (follows or not inside)
        and result.prose.get(fullest, 0) >= _ARTICLE_SHARE * total
        and not _opens_with_heading(result, fullest)
    ):
        return fullest
    return titled if inside else container


def _opens_with_heading(result: Walk, element: Element) -> bool:
    """Whether the first block in `element` is a heading: a story of its own (the
    next one, on a page that scrolls on), not the text of a header above it."""
    start, end = result.index_range(element)
    return start < end and result.blocks[start].kind in HEADING_TAGS


def _with_headline(
    container: Element, root: Element, prose: dict[Element, int], headline: str
) -> Element:
    """On a page of facts with a sentence or two of prose (a drug's data sheet: label
    and value rows), the text is what stands under the <h1> with the headline, not
    that sentence: the smallest element below <body> that holds both."""
    if prose.get(container, 0) >= _THIN_PROSE:
        return container
    key = _key(headline)
    heading = next((h for h in _H1(root) if _is_headline_text(text_of(h), key)), None)
    if heading is None or container in heading.iterancestors():
        return container
    around = set(container.iterancestors())
    common = next((a for a in heading.iterancestors() if a in around), None)
    if common is None or common.tag in ("body", "html"):
        return container
    return common


def _beside_is_feed(result: Walk, container: Element, article: Element) -> bool:
    """Whether most of the container's prose outside `article` is in list items."""
    start, end = result.index_range(container)
    first, last = result.span.get(article, (0, -1))
    outside = listed = 0
    for block in result.blocks[start:end]:
        if block.is_prose and not first <= block.position <= last:
            outside += block.weight
            if _in_list_item(block.element, container):
                listed += block.weight
    return outside > 0 and listed >= _FEED_SHARE * outside


def _in_list_item(element: Element, container: Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is container:
            return False
        if ancestor.tag == "li":
            return True
    return False


def _has_headline(element: Element, key: str) -> bool:
    return any(_is_headline_text(text_of(h), key) for h in _HEADINGS(element))


def _after_headline(blocks: list[Block], headline: str) -> int:
    """Index of the block after the headline, when the headline is among `blocks`.

    The headline is the heading whose words are the declared headline's (which
    may carry a " - Site" suffix), or else an <h1> standing before any prose.
    """
    key = _key(headline)
    index = next(
        (i for i, b in enumerate(blocks) if b.kind in HEADING_TAGS and _is_headline(b, key)), None
    )
    if index is None:
        for i, block in enumerate(blocks):
            if block.is_prose:
                break
            if block.kind == "h1":
                index = i
                break
    if index is None or not any(b.is_prose for b in blocks[index + 1 :]):
        return 0
    return index + 1


def _is_headline(block: Block, key: str) -> bool:
    return _is_headline_text(block.text, key)


def _is_headline_text(text: str, key: str) -> bool:
    """The headline's words, or all of them but a part cut off at one end (a
    title's " - Site"); not a few words from its middle (a recipe card's title)."""
    text = _key(text)
    return bool(text) and (
        text == key or (len(text) > 20 and (key.startswith(text) or key.endswith(text)))
    )


def _filter(
    blocks: list[Block],
    *,
    headline: str,
    highlights: tuple[str, ...],
    walk: Walk,
    container: Element,
) -> list[Block]:
    """Drop boilerplate blocks, and the headline, byline and highlights at the top."""
    repeated = _Repeated((headline, *highlights))
    promoted = promo_boxes(blocks, walk, container)
    # In a table of prose, a linked cell is data (a film's title), not a menu.
    data_tables = {block.table for block in blocks if block.is_prose and block.kind == "cell"}
    data_tables.discard(None)
    labelled = _labelled_rows(blocks)
    introduced = _introduced_lists(blocks)
    titled = _linked_subheadings(blocks)
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if block.teaser or index in promoted or _BOILERPLATE_TEXT.match(block.text):
            continue
        if block.kind != "cell" and _LIKE_COUNT.match(block.text):
            continue
        if (
            block.link_density >= 0.8
            and not block.is_prose
            and block.table not in data_tables
            and row_of(block) not in labelled
            and block.list_root not in introduced
            and index not in titled
            and not _is_cited(block)
        ):
            continue
        if block.text in repeated:
            continue
        text = patterns.cut_tail(block.text, _TRAILING_CREDIT)
        if text != block.text:
            block = block.with_text(text)
        kept.append(block)
    return without_empty_promo_titles(kept)


def _is_cited(block: Block) -> bool:
    """The text's numbered notes, each line a link ("[1] http://..."), or addresses
    shown whole ("http://www.openpetition.de/...", an e-mail address): cited, not a
    menu, whose links read as titles."""
    lines = block.text.split("\n")
    return all(_BARE_ADDRESS.fullmatch(line) for line in lines) or (
        len(lines) >= 2 and all(_NOTE.match(line) for line in lines)
    )


def _linked_subheadings(blocks: list[Block]) -> set[int]:
    """Indexes of linked subheadings over the article's own paragraphs: a review
    round-up titles each item with a link to it ("<h3><a>Rez Infinite</a></h3>").
    Those after the last paragraph title other pages."""
    last_prose = max((i for i, block in enumerate(blocks) if block.is_prose), default=-1)
    titled: set[int] = set()
    for index, block in enumerate(blocks[:last_prose]):
        following = blocks[index + 1]
        if (
            block.kind in _SUBHEADINGS
            and following.is_prose
            and not following.teaser
            and not PROMO_HEADING.match(block.text)  # "Related", "Most read"
        ):
            titled.add(index)
    return titled


def _labelled_rows(blocks: list[Block]) -> set[Element]:
    """Rows of a label-and-value table (an infobox: "Founded", "Website"): their
    linked cells are the values, not a menu. One labelled row is not such a table:
    <td>Sections</td><td>links</td> is a menu with a title."""
    rows_by_table: dict[Element, set[Element]] = {}
    for block in blocks:
        if (
            block.kind == "cell"
            and block.table is not None
            and block.weight <= _MAX_LABEL
            and not block.link_weight
        ):
            row = row_of(block)
            if row is not None:
                rows_by_table.setdefault(block.table, set()).add(row)
    return {row for rows in rows_by_table.values() if len(rows) >= 2 for row in rows}


class _Repeated:
    """The headline's and highlights' words: a block of the same words repeats them."""

    def __init__(self, texts: tuple[str, ...]) -> None:
        self.keys = {key for text in texts if (key := _key(text))}
        self.longest = max(map(len, self.keys), default=0)
        # Keying every paragraph is slow; its first word rules most out.
        self.first_words = {key.partition(" ")[0] for key in self.keys}

    def __contains__(self, text: str) -> bool:
        if not self.keys or not self._may_start_one(text):
            return False
        # The words of a text's start begin its words: when those already outrun every
        # repeated text, the whole text cannot be one (and a long paragraph is not keyed).
        reach = 2 * self.longest + 20
        if len(text) > reach and len(_key(text[:reach])) > self.longest:
            return False
        return _key(text) in self.keys

    def _may_start_one(self, text: str) -> bool:
        """Whether `text`'s first word is one a repeated text starts with."""
        head = text[:_FIRST_WORD_REACH]
        folded = head.casefold()  # letter by letter: the head's words begin the text's
        first = WORD.search(folded)
        if len(head) < len(text) and (first is None or first.end() == len(folded)):
            return True  # the first word may run past the head: no telling
        return first is not None and first.group() in self.first_words


def _introduced_lists(blocks: list[Block]) -> set[Element]:
    """Lists the text introduces with a heading or a line ending in a colon, and
    goes on after.

    Their items are the article's even when wholly links (a table of contents, a
    list of sources); a list of links standing alone after a paragraph, under
    "Related" or "Read more:", or after the article's last paragraph ("Most
    popular", "Tags:") promotes other pages.
    """
    last_prose = max((i for i, block in enumerate(blocks) if block.is_prose), default=-1)
    introduced: set[Element] = set()
    previous: Block | None = None
    for block in blocks[: last_prose + 1]:
        root = block.list_root
        if (
            root is not None
            and previous is not None
            and previous.list_root is not root
            and (previous.kind in HEADING_TAGS or previous.text.rstrip().endswith((":", "：")))
            and not PROMO_HEADING.match(previous.text)  # "Related", "Most read"
        ):
            introduced.add(root)
        previous = block
    return introduced


def _until_comments(blocks: list[Block]) -> list[Block]:
    """The body ends where a comment thread begins ("Comments (2)", "Leave a Reply")."""
    for index, block in enumerate(blocks):
        if (
            index
            and block.weight < 60
            and (block.kind in ("p", "cell") or block.kind in HEADING_TAGS)
            and _COMMENT_HEADING.match(block.text)
        ):
            return blocks[:index]
    return blocks


def _byline_lines(before_body: list[Block], headline: str) -> tuple[str, ...]:
    """Short lines naming an author or a date between the headline and the body."""
    key = _key(headline)
    lines: list[str] = []
    for block in reversed(before_body[-_BYLINE_REACH:]):
        block_lines = block.text.split("\n")
        found = [
            line for line in block_lines
            if len(line) < 120 and (BYLINE_START.match(line) or parse_date(line))
        ]  # fmt: skip
        lines[:0] = found
        if key and _key(block_lines[0]) == key:
            break
    return tuple(lines)


def _is_byline(block: Block) -> bool:
    """A short line naming the author or giving the date: "By Jane Doe", "Seetao 2023-03-19"."""
    if block.kind == "h1" or block.weight >= 120:
        return block.kind == "h1"
    return BYLINE_START.match(block.text) is not None or parse_date(block.text) is not None
