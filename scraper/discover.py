"""Finding article URLs: RSS, Atom and JSON feeds, XML and text sitemaps, and where a
site announces them (<link rel="alternate"> in its pages, Sitemap: in robots.txt).

Everything here parses bytes already fetched; fetching is the caller's.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

import feedparser
from lxml import etree
from protego import Protego

from .extract.dates import parse_date
from .extract.parse import parse_html
from .urls import join_url

FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/feed+json",
    "application/json", "application/rdf+xml", "application/x-rss+xml",
)  # fmt: skip
_ALTERNATES = etree.XPath(
    "//link[@href][contains(concat(' ', normalize-space(@rel), ' '), ' alternate ')]"
)
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True)
class Entry:
    """An article URL a feed or sitemap lists, with the date it gives, if any."""

    url: str
    published: str | None = None  # ISO 8601, as the source gives it
    title: str | None = None


@dataclass(frozen=True)
class Sitemap:
    """What one sitemap file holds: article entries, or more sitemaps (an index)."""

    entries: tuple[Entry, ...]
    sitemaps: tuple[str, ...]


def read_feed(data: bytes, url: str) -> list[Entry]:
    """Entries of an RSS, Atom or JSON Feed document, in feed order."""
    stripped = data.lstrip()
    if stripped.startswith(b"{"):
        return _json_feed(stripped, url)
    parsed = feedparser.parse(data)
    entries = []
    for item in parsed.entries:
        link = item.get("link") or next(
            (link.get("href") for link in item.get("links", []) if link.get("href")), None
        )
        target = join_url(url, link) if link else None
        if not target:
            continue
        published = item.get("published") or item.get("updated") or item.get("created")
        parsed_time = item.get("published_parsed") or item.get("updated_parsed")
        entries.append(
            Entry(
                url=target,
                published=_struct_time_iso(parsed_time) or parse_date(published),
                title=item.get("title"),
            )
        )
    return [entry for entry in entries if entry.url]


def _json_feed(data: bytes, url: str) -> list[Entry]:
    """JSON Feed (jsonfeed.org): feedparser does not read it, and it is plain JSON."""
    try:
        feed = json.loads(data)
    except (ValueError, RecursionError):
        return []
    items = feed.get("items") if isinstance(feed, dict) else None
    entries = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        target = join_url(url, link) if isinstance(link, str) else None
        if target:
            date = item.get("date_published") or item.get("date_modified")
            title = item.get("title")
            entries.append(Entry(
                target,
                parse_date(date) if isinstance(date, str) else None,
                title if isinstance(title, str) else None,
            ))  # fmt: skip
    return entries


def read_sitemap(data: bytes, url: str) -> Sitemap:
    """A sitemap or sitemap index (XML, news sitemaps included) or a text sitemap."""
    stripped = data.lstrip()
    if not stripped.startswith(b"<"):
        # A text sitemap: one full URL a line (sitemaps.org), anything else ignored.
        lines = (line.strip() for line in stripped.decode("utf-8", "replace").splitlines())
        found = (join_url(url, line) for line in lines if line.startswith(("http://", "https://")))
        return Sitemap(tuple(Entry(u) for u in found if u), ())
    try:
        root = etree.fromstring(stripped, etree.XMLParser(recover=True, resolve_entities=False))
    except etree.XMLSyntaxError:
        return Sitemap((), ())
    if root is None:
        return Sitemap((), ())
    entries, sitemaps = [], []
    for element in root:
        name = etree.QName(element).localname if isinstance(element.tag, str) else ""
        loc = _child_text(element, "loc")
        target = join_url(url, loc) if loc else None
        if not target:
            continue
        if name == "sitemap":
            sitemaps.append(target)
        elif name == "url":
            date = _child_text(element, "publication_date", _NEWS_NS) or _child_text(
                element, "lastmod"
            )
            title = _child_text(element, "title", _NEWS_NS)
            entries.append(Entry(target, parse_date(date), title))
    return Sitemap(tuple(entries), tuple(sitemaps))


def feeds_in_page(html: bytes, url: str) -> list[str]:
    """Feed URLs a page announces with <link rel="alternate" type="application/rss+xml">."""
    root = parse_html(html)
    found = []
    for link in _ALTERNATES(root):
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        target = join_url(url, link.get("href"))
        if kind in FEED_TYPES and target and target not in found:
            found.append(target)
    return found


def sitemaps_in_robots(robots_txt: str) -> list[str]:
    """Sitemap URLs a robots.txt names."""
    return list(dict.fromkeys(Protego.parse(robots_txt).sitemaps))


def since(entries: Iterable[Entry], moment: datetime | None) -> list[Entry]:
    """Entries published at or after `moment`; undated entries are kept (they may be new)."""
    if moment is None:
        return list(entries)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    kept = []
    for entry in entries:
        when = _as_datetime(entry.published)
        if when is None or when >= moment:
            kept.append(entry)
    return kept


def _as_datetime(iso: str | None) -> datetime | None:
    if not iso:
        return None
    try:
        value = datetime.fromisoformat(iso if len(iso) > 7 else f"{iso}-01")
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _child_text(element: etree._Element, name: str, namespace: str = _SITEMAP_NS) -> str | None:
    for child in element.iter(f"{{{namespace}}}{name}", name):
        if child.text and child.text.strip():
            return str(child.text).strip()
    return None


def _struct_time_iso(value: time.struct_time | None) -> str | None:
    """feedparser's parsed time, always UTC."""
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=timezone.utc).isoformat()
    except (TypeError, ValueError):
        return None
