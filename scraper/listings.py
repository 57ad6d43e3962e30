"""Feeds and sitemaps, fetched and read: the article URLs a site lists.

Given a site's page instead of a feed, its <link rel="alternate"> feeds are read;
given a page instead of a sitemap, the sitemaps its robots.txt names.
"""

from __future__ import annotations

import time
import zlib
from collections import deque
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

import requests

from .addresses import refused_redirect
from .crawl import Policy
from .discover import Entry, feeds_in_page, read_feed, read_sitemap, sitemaps_in_robots
from .errors import ScrapeError
from .fetch import fetch_text, new_session
from .models import Page
from .politeness import Pace
from .robots import Robots, agent_token, fetch_robots, origin_of

DEFAULT_POLICY = Policy()
MAX_SITEMAPS = 50  # files read from one sitemap index tree
MAX_LISTING_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit


@dataclass
class Listing:
    """What the feeds or sitemaps listed, and one line for each that could not be read."""

    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, source: str, entries: list[Entry], *, allow_private: bool) -> None:
        known = {entry.url for entry in self.entries}
        for entry in entries:
            if entry.url in known:
                continue
            # A public feed must not send us inside the network, as a redirect must not.
            if not allow_private and refused_redirect(source, entry.url):
                self.problems.append(f"{entry.url}: listed by {source}, but a private address")
                continue
            known.add(entry.url)
            self.entries.append(entry)


class _Reader:
    """Fetches listing files politely: robots.txt obeyed, each host paced, one session."""

    def __init__(self, policy: Policy, session: requests.Session | None) -> None:
        self.policy = policy
        self.session = session or new_session(policy.user_agent)
        self.agent = agent_token(policy.user_agent)
        self.robots: dict[str, Robots] = {}
        self.paces: dict[str, Pace] = {}
        self.ready_at: dict[str, float] = {}  # time.monotonic() a host may be asked again

    def get(self, url: str) -> Page:
        """The file (its content inflated when it is a .gz); ScrapeError when not to be had."""
        origin = origin_of(url)
        pace = self.paces.setdefault(origin, Pace(self.policy.delay))
        if not self.policy.ignore_robots:
            if origin not in self.robots:
                self._wait(origin)
                self.robots[origin] = fetch_robots(
                    origin, session=self.session, timeout=self.policy.timeout,
                    user_agent=self.policy.user_agent, allow_private=self.policy.allow_private,
                )  # fmt: skip
                pace.crawl_delay = self.robots[origin].delay(self.agent)
                self.ready_at[origin] = time.monotonic() + pace.pause()
            robots = self.robots[origin]
            if not robots.available or not robots.allows(url, self.agent):
                raise ScrapeError(robots.error or "robots.txt disallows it")
        self._wait(origin)
        try:
            page = fetch_text(
                url, session=self.session, timeout=self.policy.timeout,
                max_bytes=MAX_LISTING_BYTES, headers={"User-Agent": self.policy.user_agent},
                allow_private=self.policy.allow_private,
            )  # fmt: skip
        finally:
            self.ready_at[origin] = time.monotonic() + pace.pause()
        return replace(page, content=_gunzipped(page.content))

    def _wait(self, origin: str) -> None:
        wait = self.ready_at.get(origin, 0.0) - time.monotonic()
        if wait > 0:
            time.sleep(wait)


def read_feeds(
    urls: list[str], *, policy: Policy = DEFAULT_POLICY, session: requests.Session | None = None
) -> Listing:
    """Entries of RSS, Atom and JSON feeds; a web page stands for the feeds it announces."""
    reader, listing = _Reader(policy, session), Listing()
    queue = deque((url, True) for url in urls)
    while queue:
        url, may_discover = queue.popleft()
        try:
            page = reader.get(url)
            content, final_url = page.content, page.final_url
            if _is_web_page(page):
                found = feeds_in_page(content, final_url) if may_discover else []
                if not found:
                    listing.problems.append(f"{url}: a web page that announces no feed")
                queue.extend((feed, False) for feed in found)
                continue
            entries = read_feed(content, final_url)
        except Exception as exc:  # one unreadable feed must not stop the others
            listing.problems.append(f"{url}: {_reason(exc)}")
            continue
        if not entries:
            listing.problems.append(f"{url}: no entries (not a feed, or an empty one)")
        listing.add(final_url, entries, allow_private=policy.allow_private)
    return listing


def read_sitemaps(
    urls: list[str], *, policy: Policy = DEFAULT_POLICY, session: requests.Session | None = None
) -> Listing:
    """Entries of sitemaps, following sitemap indexes; a web page stands for the sitemaps
    its site's robots.txt names."""
    reader, listing = _Reader(policy, session), Listing()
    queue, seen = deque(urls), set(urls)
    while queue and len(seen) - len(queue) < MAX_SITEMAPS:
        url = queue.popleft()
        try:
            page = reader.get(url)
            content, final_url = page.content, page.final_url
            if _is_web_page(page):
                found = _sitemaps_of_site(reader, final_url)
                if not found:
                    listing.problems.append(
                        f"{url}: a web page, and its robots.txt names no sitemap"
                    )
            else:
                sitemap = read_sitemap(content, final_url)
                listing.add(final_url, list(sitemap.entries), allow_private=policy.allow_private)
                found = list(sitemap.sitemaps)
                if not sitemap.entries and not found:
                    listing.problems.append(f"{url}: no entries (not a sitemap, or an empty one)")
        except Exception as exc:  # one unreadable sitemap must not stop the others
            listing.problems.append(f"{url}: {_reason(exc)}")
            continue
        for nested in found:
            if nested not in seen:
                seen.add(nested)
                queue.append(nested)
    return listing


def _sitemaps_of_site(reader: _Reader, url: str) -> list[str]:
    parts = urlsplit(url)
    try:
        robots = reader.get(f"{parts.scheme}://{parts.netloc}/robots.txt")
    except ScrapeError:
        return []
    return sitemaps_in_robots(robots.content.decode("utf-8", "replace"))


def _reason(exc: Exception) -> str:
    return (
        str(exc)
        if isinstance(exc, ScrapeError)
        else f"cannot read it ({type(exc).__name__}: {exc})"
    )


# How feeds and sitemaps begin, whatever content type the server gives them.
_LISTING_STARTS = (b"<rss", b"<feed", b"<rdf:rdf", b"<urlset", b"<sitemapindex", b"<?xml", b"{")


def _is_web_page(page: Page) -> bool:
    """An HTML page, not a feed or a sitemap (some servers call every file text/html)."""
    head = page.content[:1024].lstrip().lower()
    if head.startswith(_LISTING_STARTS):
        return False
    kind = page.content_type.split(";")[0].strip().lower()
    return kind in ("text/html", "application/xhtml+xml") or head.startswith(
        (b"<!doctype html", b"<html")
    )


def _gunzipped(content: bytes) -> bytes:
    """A .xml.gz sitemap, inflated no further than the listing size limit."""
    if not content.startswith(b"\x1f\x8b"):
        return content
    inflate = zlib.decompressobj(wbits=31)
    data = inflate.decompress(content, MAX_LISTING_BYTES)
    if inflate.unconsumed_tail:
        raise ScrapeError(f"larger than {MAX_LISTING_BYTES:,} bytes once decompressed")
    return data
