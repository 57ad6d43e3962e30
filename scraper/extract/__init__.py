"""The parser: a page's bytes (or text) and URL in, an Article out."""

from __future__ import annotations

from ..errors import ExtractError
from ..models import Article
from .body import find_body
from .byline import dedupe, names_after_by
from .clean import clean, strip_junk
from .dates import parse_date
from .kind import refuse_non_article
from .links import find_related
from .metadata import read_metadata
from .parse import parse_html
from .survey import Survey

__all__ = ["extract"]


def extract(html: bytes | str, url: str, *, charset: str | None = None) -> Article:
    """Extract the article of one page.

    `charset` is the HTTP header's, when the page came over HTTP. Raises
    ExtractError for a page that is not an article or holds no text, and for any
    page the parser cannot read: whatever the bytes, never another exception.
    """
    try:
        return _extract(html, url, charset)
    except ExtractError:
        raise
    except (Exception, RecursionError) as exc:  # a parser bug must not stop a crawl
        raise ExtractError(f"cannot extract the page: {type(exc).__name__}: {exc}") from exc


def _extract(html: bytes | str, url: str, charset: str | None) -> Article:
    root = parse_html(html, charset=charset)
    strip_junk(root)
    survey = Survey(root)
    meta = read_metadata(root, url, survey)
    related = find_related(root, url, survey)
    clean(root, survey)
    body_element = root.find("body")
    body = find_body(
        root if body_element is None else body_element,
        headline=meta.headline,
        description=meta.description,
        captions=frozenset(survey.captions),
    )
    refuse_non_article(meta, body, url, survey)
    if not body.text:
        raise ExtractError("no article text found on the page")
    sources = dict(meta.sources)
    authors = meta.authors
    if not authors:
        authors = dedupe([name for line in body.bylines for name in names_after_by(line)])
        if authors:
            sources["authors"] = "byline"
    published = meta.published
    if not published:
        published = next((d for line in body.bylines if (d := parse_date(line))), None)
        if published:
            sources["published"] = "byline"
    if body.highlights:
        sources["highlights"] = "page"
    return Article(
        url=url,
        headline=meta.headline,
        body=body.text,
        body_markdown=body.markdown,
        highlights=list(body.highlights),
        authors=authors,
        published=published,
        modified=meta.modified,
        site_name=meta.site_name,
        section=meta.section,
        language=meta.language,
        canonical_url=meta.canonical_url,
        image=meta.image,
        related=related,
        paywalled=meta.paywalled,
        sources=sources,
    )
