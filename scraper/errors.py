"""One small exception tree: callers catch ScrapeError and show its message."""

from __future__ import annotations


class ScrapeError(Exception):
    """Base class: the message is one line a user can read."""


class FetchError(ScrapeError):
    """The page could not be fetched (bad URL, DNS, timeout, refused, not HTML...)."""

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message)
        self.url = url


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, *, url: str, status: int) -> None:
        super().__init__(message, url=url)
        self.status = status


class ExtractError(ScrapeError):
    """The page is not an article, or holds no readable text."""


class ArchiveError(ScrapeError):
    """The archive file cannot be opened or written (read-only, disk full...)."""
