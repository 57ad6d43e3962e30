"""Boxes that promote other pages from inside the article: "Related", "Weitere
Meldungen", "Trending News", with whatever cards and summaries they hold."""

from __future__ import annotations

import itertools

from . import patterns, selectors
from .blocks import HEADING_TAGS, Block, Walk
from .tree import Element

# Lists under these promote other pages: related ones, or the site's popular ones.
PROMO_HEADING = patterns.text_pattern(selectors.RELATED_HEADINGS + selectors.POPULAR_HEADINGS)
# "See also" and "Further reading" are the article's own apparatus.
_APPARATUS_HEADING = patterns.text_pattern(selectors.APPARATUS_HEADINGS)
_BOX_REACH = 4  # levels above a heading searched for the box it titles
_LINKED = 0.8  # link density of a heading that is a teaser's title
_LINK_SHARE = 0.3  # of a box's text in links: teasers, not a section of the article


def promo_boxes(blocks: list[Block], walk: Walk, container: Element) -> set[int]:
    """Indexes of the blocks in a box that a promo heading opens and that holds
    teasers: linked titles or lists of links. A section of the article's own
    prose under such a heading ("More about the new timetable") stays."""
    promoted: set[int] = set()
    order: dict[int, int] | None = None
    for index, block in enumerate(blocks):
        if (
            block.kind not in HEADING_TAGS
            or index in promoted
            or not PROMO_HEADING.match(block.text)
            or _APPARATUS_HEADING.match(block.text)
        ):
            continue
        if order is None:  # asked of few pages: most have no promo heading
            order = {id(page_block): i for i, page_block in enumerate(walk.blocks)}
        page_index = order.get(id(block), 0)
        previous = walk.blocks[page_index - 1] if page_index else None
        box = _opened_box(previous, block.element, walk.span, container)
        if box is None:  # among the article's paragraphs: the links right under it
            inside = list(
                itertools.takewhile(lambda i: _is_link(blocks[i]), range(index + 1, len(blocks)))
            )
        else:
            first, last = walk.span[box]
            inside = [
                following
                for following in range(index + 1, len(blocks))
                if first <= blocks[following].position <= last
            ]
        if _holds_teasers([blocks[i] for i in inside]):
            promoted.add(index)
            promoted.update(inside)
    return promoted


def without_empty_promo_titles(blocks: list[Block]) -> list[Block]:
    """Drop a "Related" or "More videos" heading whose links were dropped: nothing
    of it is left before a heading of its rank or higher, or the end."""
    return [
        block for index, block in enumerate(blocks)
        if not (
            block.kind in HEADING_TAGS
            and PROMO_HEADING.match(block.text)
            and _section_is_empty(blocks, index)
        )
    ]  # fmt: skip


def _section_is_empty(blocks: list[Block], index: int) -> bool:
    if index + 1 == len(blocks):
        return True
    following = blocks[index + 1].kind
    # "h2" < "h3": a lower number ranks higher; a subheading opens a part of it.
    return following in HEADING_TAGS and following <= blocks[index].kind


def _holds_teasers(blocks: list[Block]) -> bool:
    if any(block.teaser or _is_linked_title(block) for block in blocks):
        return True
    # Titles linked in plain paragraphs, each with a summary under it.
    if sum(block.link_density >= _LINKED for block in blocks) >= 2:
        return True
    weight = sum(block.weight for block in blocks)
    return weight > 0 and sum(block.link_weight for block in blocks) >= _LINK_SHARE * weight


def _is_link(block: Block) -> bool:
    return block.teaser or block.link_density >= _LINKED


def _is_linked_title(block: Block) -> bool:
    return block.kind in HEADING_TAGS and block.link_density >= _LINKED


def _opened_box(
    previous: Block | None,
    heading: Element,
    span: dict[Element, tuple[int, int]],
    container: Element,
) -> Element | None:
    """The largest element, a few levels above a heading and inside the article's
    container, that the heading opens: no block before the heading is in it. None
    when the heading stands among the article's paragraphs."""
    box = None
    node = heading
    for _ in range(_BOX_REACH):
        parent = node.getparent()
        if parent is None or parent is container or parent.tag == "body":
            break
        node = parent
        if node not in span:
            continue
        first, last = span[node]
        if previous is not None and first <= previous.position <= last:
            break
        box = node
    return box
