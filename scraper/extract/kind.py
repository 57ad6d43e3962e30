"""Is this page an article at all? Home pages, indexes, search pages and walls are not."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..errors import ExtractError
from .body import Body
from .jsonld import ARTICLE_TYPES, LISTING_TYPES
from .metadata import Metadata

_MIN_PROSE = 250  # UTF-8 bytes of prose: about two sentences


class NotAnArticle(ExtractError):
    """The page is a home page, an index, a search page or a wall."""


def refuse_non_article(meta: Metadata, body: Body, url: str) -> None:
    prose = sum(block.weight for block in body.blocks if block.is_prose)
    if prose < _MIN_PROSE:
        raise NotAnArticle("not an article: the page has too little text")
    if meta.page_types & ARTICLE_TYPES:
        return
    if urlsplit(url).path in ("", "/") and (
        meta.og_type in (None, "website") or meta.page_types & LISTING_TYPES
    ):
        raise NotAnArticle("not an article: this is a home page")
