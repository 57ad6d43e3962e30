"""Is this page an article at all? Home pages, indexes, search pages and walls are not."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from ..errors import NotAnArticle
from .blocks import is_script_href
from .body import Body
from .jsonld import ARTICLE_TYPES
from .metadata import Metadata
from .survey import Survey
from .tree import Element

_MIN_PROSE = 150  # UTF-8 bytes of prose: one or two sentences
_MIN_TEASERS = 5  # linked headings that make a page a list of other pages
_MIN_LEAD_PROSE = 600  # an article's text comes before any list of teasers
_MAX_PROSE_PER_TEASER = 300  # a teaser's summary is a sentence or two
# What an error page says in its title: "404", "Error 500", "Page not found".
_ERROR_TITLE = re.compile(
    r"^\W*(?:error\s*)?(?:40[034]|410|50[023])\b|\berror\s+[45]\d\d\b"
    r"|\b(?:page|file)\s+not\s+found\b|^\W*not\s+found\b|^\W*access\s+denied\b",
    re.I,
)
_SEARCH_PATH = re.compile(r"(?:^|/)(?:search|suche|recherche|buscar|busca|cerca)(?:/|$|\.)", re.I)
_SEARCH_PARAMS = frozenset(("q", "s", "query", "search", "keyword", "keywords", "k"))


def refuse_non_article(meta: Metadata, body: Body, url: str, survey: Survey) -> None:
    """Raise NotAnArticle, naming what the page is, when it is not one article."""
    found = _what_else(meta, body, url, survey)
    if found:
        kind, reason = found
        raise NotAnArticle(f"not an article: {reason}", kind=kind)


def _what_else(meta: Metadata, body: Body, url: str, survey: Survey) -> tuple[str, str] | None:
    prose = [block for block in body.blocks if block.is_prose]
    weight = sum(block.weight for block in prose)
    if weight < _MIN_PROSE and body.notices >= _MIN_PROSE:
        return "consent-wall", "a cookie-consent wall"
    if not meta.page_types & ARTICLE_TYPES:
        if "SearchResultsPage" in meta.page_types or _is_search_url(url):
            return "search", "a search results page"
        path = urlsplit(url).path
        home = meta.og_type in (None, "website") or "WebSite" in meta.page_types
        if path in ("", "/") and home and not _is_one_post(body):
            return "home-page", "a home page"
        if meta.page_types & {"CollectionPage", "ItemList"} or (
            body.teasers >= _MIN_TEASERS
            and body.prose_before_teasers < _MIN_LEAD_PROSE
            and body.prose < body.teasers * _MAX_PROSE_PER_TEASER
        ):
            return "index", "a section or index page listing other pages"
    if weight < _MIN_PROSE:
        # Short articles exist (a brief, a one-line note). A short page is refused
        # when it has no text of its own, says it is an error, or sits among links
        # (a site's contact or login page) with no sign of being an article.
        plain = sum(b.weight - b.link_weight for b in body.blocks if b.kind != "caption")
        if not plain:
            return "too-little-text", "the page has no readable text"
        if not _says_article(meta, survey):
            if _ERROR_TITLE.search(meta.headline):
                return "error-page", "an error page"
            if plain < _MIN_PROSE and any(_leads_elsewhere(a) for a in survey.by_tag["a"]):
                return "too-little-text", "the page has too little text"
    return None


def _is_one_post(body: Body) -> bool:
    """A site whose front page is one text in full (a blog's farewell note, a
    one-page site's essay): long prose and no titles of other pages."""
    return body.teasers == 0 and body.prose >= _MIN_LEAD_PROSE


def _says_article(meta: Metadata, survey: Survey) -> bool:
    """Markup or metadata that only an article page carries."""
    return bool(
        meta.page_types & ARTICLE_TYPES
        or meta.og_type == "article"
        or (meta.published and meta.sources.get("published") != "url")  # a dated URL says little
        or meta.authors
        or survey.by_tag["article"]
        or survey.itemprops.get("articleBody")
    )


def _leads_elsewhere(anchor: Element) -> bool:
    """A link to another page: not a bookmark, a #fragment or a javascript: control."""
    href = (anchor.get("href") or "").strip()
    return bool(href) and not href.startswith("#") and not is_script_href(href)


def _is_search_url(url: str) -> bool:
    parts = urlsplit(url)
    if not _SEARCH_PATH.search(parts.path):
        return False
    return any(key.lower() in _SEARCH_PARAMS for key, _ in parse_qsl(parts.query))
