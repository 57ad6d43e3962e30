"""robots.txt: fetched once per site, kept in the archive for a day, read with Protego.

What an answer means (RFC 9309, as the big crawlers read it):
- 2xx with rules: obey them. An HTML page instead of rules (a soft 404, a login or
  challenge page) is not permission: the site is off limits for now.
- 4xx (no robots.txt): everything is allowed; kept a day like good rules.
- 429, 5xx, a timeout, a refused connection...: the site is off limits for now; the
  failure is kept briefly, so a later run asks again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cached_property
from urllib.parse import urlsplit

import requests
from protego import Protego

from .errors import FetchError, HTTPStatusError
from .fetch import fetch_text

GOOD_FOR = timedelta(days=1)
FAILURE_FOR = timedelta(minutes=10)
MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309: crawlers parse at least the first 500 KiB

# A line a robots.txt file is made of; an HTML page served instead has none.
_DIRECTIVE = re.compile(r"^\s*(?:user-agent|disallow|allow|crawl-delay|sitemap)\s*:", re.I | re.M)
_MARKUP = re.compile(r"^\s*<(?:!doctype|html|head|body|\?xml|!--)", re.I)


@dataclass(frozen=True)
class Robots:
    """One site's robots.txt as fetched: its rules, none (allow all), or why it is unavailable."""

    origin: str  # scheme://host[:port]
    fetched_at: datetime
    expires_at: datetime
    status: int | None = None  # of robots.txt; None when no answer came
    rules: str | None = None  # the file's text; None with no error means allow everything
    error: str | None = None  # why the site is off limits for now

    @property
    def available(self) -> bool:
        return self.error is None

    def allows(self, url: str, agent: str) -> bool:
        return self._parsed is None or self._parsed.can_fetch(url, agent)

    def delay(self, agent: str) -> float | None:
        """Seconds the site asks between requests (Crawl-delay or Request-rate), if it asks."""
        if self._parsed is None:
            return None
        asked = [self._parsed.crawl_delay(agent) or 0.0]
        rate = self._parsed.request_rate(agent)
        if rate and rate.requests:
            asked.append(rate.seconds / rate.requests)
        return max(asked) or None

    @cached_property
    def _parsed(self) -> Protego | None:
        return None if self.rules is None else Protego.parse(self.rules)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    netloc = (parts.hostname or "").lower()
    if ":" in netloc:
        netloc = f"[{netloc}]"
    if parts.port and parts.port != {"http": 80, "https": 443}.get(parts.scheme.lower()):
        netloc = f"{netloc}:{parts.port}"
    return f"{parts.scheme.lower()}://{netloc}"


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups name: "scrape" in "scrape/0.1 (+https://...)"."""
    match = re.match(r"[A-Za-z0-9_-]+", user_agent.strip())
    return match.group(0) if match else user_agent


def fetch_robots(
    origin: str, *, session: requests.Session, timeout: float, user_agent: str,
    allow_private: bool = False,
) -> Robots:  # fmt: skip
    """Fetch and judge `origin`'s robots.txt; a failure is a Robots that is not available."""
    now = datetime.now(timezone.utc)
    try:
        page = fetch_text(
            f"{origin}/robots.txt", session=session, timeout=timeout, max_bytes=MAX_ROBOTS_BYTES,
            headers={"User-Agent": user_agent}, allow_private=allow_private,
        )  # fmt: skip
    except HTTPStatusError as exc:
        if 400 <= exc.status < 500 and exc.status != 429:
            return Robots(origin, now, now + GOOD_FOR, status=exc.status)
        reason = f"robots.txt unavailable ({exc}): the site is off limits for now"
        return _unavailable(origin, now, reason, exc.status)
    except FetchError as exc:
        # DNS failures, refusals and timeouts read as they would for the page itself
        return _unavailable(origin, now, str(exc), None)
    text = page.content.decode("utf-8", "replace").removeprefix("\ufeff")
    if _is_markup(page.content_type, text) and not _DIRECTIVE.search(text):
        reason = "robots.txt is an HTML page, not rules: the site is off limits for now"
        return _unavailable(origin, now, reason, page.status)
    return Robots(origin, now, now + GOOD_FOR, status=page.status, rules=text)


def _unavailable(origin: str, now: datetime, reason: str, status: int | None) -> Robots:
    return Robots(origin, now, now + FAILURE_FOR, status=status, error=reason)


def _is_markup(content_type: str, text: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind in ("text/html", "application/xhtml+xml") or bool(_MARKUP.match(text))
