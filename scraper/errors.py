"""One small exception tree: callers catch ScrapeError and show its message."""

from __future__ import annotations

from datetime import datetime

# Statuses worth retrying: the server may answer differently in a moment.
RETRY_STATUSES = frozenset((408, 429, 500, 502, 503, 504))
# Statuses that say the server is overloaded: the host's delay grows.
SLOW_DOWN_STATUSES = frozenset((429, 503))


class ScrapeError(Exception):
    """Base class: the message is one line a user can read."""


class FetchError(ScrapeError):
    """The page could not be fetched (bad URL, DNS, timeout, refused, not HTML...).

    `retryable` marks a failure worth another try (a reset connection, HTTP 503...);
    `slow_down` one that asks the crawler to ease off the host (429, 503, timeouts).
    """

    def __init__(
        self, message: str, *, url: str, final_url: str | None = None, status: int | None = None,
        retryable: bool = False, slow_down: bool = False,
    ) -> None:  # fmt: skip
        super().__init__(message)
        self.url = url
        self.final_url = final_url
        self.status = status  # the HTTP status, when one came before the failure
        self.retryable = retryable
        self.slow_down = slow_down


class HTTPStatusError(FetchError):
    """The server answered with an error status; `retry_after` is its Retry-After in seconds."""

    status: int

    def __init__(
        self, message: str, *, url: str, status: int, final_url: str | None = None,
        retry_after: float | None = None,
    ) -> None:  # fmt: skip
        super().__init__(
            message, url=url, final_url=final_url, status=status,
            retryable=status in RETRY_STATUSES, slow_down=status in SLOW_DOWN_STATUSES,
        )  # fmt: skip
        self.retry_after = retry_after


class GatedError(FetchError):
    """The page is behind a login, a payment or an anti-bot challenge: reported, not archived."""

    status: int

    def __init__(
        self, message: str, *, url: str, status: int, final_url: str | None = None
    ) -> None:
        super().__init__(message, url=url, final_url=final_url, status=status)


class SkippedError(FetchError):
    """The URL was not fetched by choice (robots.txt disallows it); not a failure."""


class RescheduledError(SkippedError):
    """The host asked us to come back later (Retry-After): try again after `retry_at`."""

    def __init__(self, message: str, *, url: str, retry_at: datetime) -> None:
        super().__init__(message, url=url)
        self.retry_at = retry_at


class ExtractError(ScrapeError):
    """The page is not an article, or holds no readable text."""


class NotAnArticle(ExtractError):
    """The page is something else: `kind` says what ("home-page", "index", "search",
    "consent-wall", "too-little-text", "error-page")."""

    def __init__(self, message: str, *, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class ArchiveError(ScrapeError):
    """The archive file cannot be opened or written (read-only, disk full...)."""
