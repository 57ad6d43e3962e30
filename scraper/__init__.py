"""scrape: fetch news articles, extract them, and keep a deduplicated archive."""

__version__ = "0.1.0"

from .archive import Archive
from .crawl import Policy, crawl
from .errors import (
    ArchiveError,
    ExtractError,
    FetchError,
    GatedError,
    HTTPStatusError,
    NotAnArticle,
    RescheduledError,
    ScrapeError,
    SkippedError,
)  # fmt: skip
from .extract import extract
from .fetch import fetch
from .models import Article, Link, Page, SaveResult, Visit
from .pipeline import reparse, scrape

__all__ = [
    "Archive",
    "ArchiveError",
    "Article",
    "ExtractError",
    "FetchError",
    "GatedError",
    "HTTPStatusError",
    "Link",
    "NotAnArticle",
    "Page",
    "Policy",
    "RescheduledError",
    "SaveResult",
    "ScrapeError",
    "SkippedError",
    "Visit",
    "__version__",
    "crawl",
    "extract",
    "fetch",
    "reparse",
    "scrape",
]  # fmt: skip
