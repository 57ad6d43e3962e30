"""Read schema.org JSON-LD: the article object a page describes itself with."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from .tree import Element

ARTICLE_TYPES = frozenset(
    [
        "Article",
        "NewsArticle",
        "BlogPosting",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "LiveBlogPosting",
        "TechArticle",
        "ScholarlyArticle",
        "Report",
        "SocialMediaPosting",
        "DiscussionForumPosting",
        "Review",
        "SatiricalArticle",
        "AdvertiserContentArticle",
        "MedicalScholarlyArticle",
        "APIReference",
        "Posting",
    ]
)
# Types that describe a page that is not one article.
LISTING_TYPES = frozenset(
    ["WebSite", "CollectionPage", "SearchResultsPage", "ItemList", "ProfilePage", "Blog"]
)
# HTML comments and CDATA sections pages wrap their JSON in: <![CDATA[ {...} ]]>
_OPENERS = ("//", "<!--", "<![CDATA[")
_CLOSERS = ("//", "-->", "]]>")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x1f]")


def _unwrap(text: str) -> str:
    """Strip the HTML comment and CDATA wrappers pages put around their JSON."""
    text = text.strip()
    while True:
        start = next((p for p in _OPENERS if text.startswith(p)), None)
        end = next((s for s in _CLOSERS if text.endswith(s)), None)
        if start is None and end is None:
            return text
        text = text[len(start or "") : len(text) - len(end or "")].strip()


def _load(text: str) -> Any:
    text = _unwrap(text)
    try:
        return json.loads(text)
    except RecursionError:
        return None  # nested deeper than Python's stack: not metadata anyone wrote
    except ValueError:
        pass
    # Common slips: trailing commas and raw newlines inside strings.
    repaired = _CONTROL.sub(" ", _TRAILING_COMMA.sub(r"\1", text))
    try:
        return json.loads(repaired)
    except (ValueError, RecursionError):
        return None


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD document, @graph and nested lists flattened (without
    recursion: a hostile page may nest lists thousands deep)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if graph is not None:
                stack.append(graph)


def types_of(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", ())
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1] for k in kinds if k}


def read_json_ld(scripts: list[Element]) -> tuple[dict[str, Any] | None, set[str]]:
    """The page's article object (or None) and every type the page declares, from
    the page's <script> elements."""
    article: dict[str, Any] | None = None
    fallback: dict[str, Any] | None = None
    seen: set[str] = set()
    for script in scripts:
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        for obj in _objects(_load(script.text)):
            kinds = types_of(obj)
            seen |= kinds
            if article is None and kinds & ARTICLE_TYPES:
                article = obj
            elif fallback is None and "WebPage" in kinds and obj.get("headline"):
                fallback = obj
            main = obj.get("mainEntity")
            if article is None and isinstance(main, dict) and types_of(main) & ARTICLE_TYPES:
                article = main
    return article or fallback, seen


def value_text(value: Any) -> str | None:
    """A plain string from a JSON-LD value that may be a string, list or object."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        for item in value:
            text = value_text(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        for key in ("name", "@value", "url", "@id"):
            text = value_text(value.get(key))
            if text:
                return text
    return None


def people(value: Any) -> tuple[list[str], list[str]]:
    """Names of persons and of organizations in a JSON-LD author value."""
    persons: list[str] = []
    organizations: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            persons.append(item)
        elif isinstance(item, dict):
            name = value_text(item.get("name"))
            if not name:
                continue
            if types_of(item) & {"Organization", "NewsMediaOrganization", "Corporation"}:
                organizations.append(name)
            else:
                persons.append(name)
    return persons, organizations


def image_of(value: Any) -> str | None:
    if isinstance(value, dict):
        return value_text(value.get("url") or value.get("contentUrl") or value.get("@id"))
    return value_text(value)
