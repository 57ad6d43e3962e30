"""scrape: fetch news articles, extract them, and keep a deduplicated archive."""

__version__ = "0.1.0"

from .archive import Archive  # noqa: E402
from .crawl import Policy, crawl  # noqa: E402
from .errors import (  # noqa: E402
    ArchiveError, ExtractError, FetchError, GatedError, HTTPStatusError, RescheduledError,
    ScrapeError, SkippedError,
)  # fmt: skip
from .extract import extract  # noqa: E402
from .fetch import fetch  # noqa: E402
from .models import Article, Link, Page, SaveResult, Visit  # noqa: E402
from .pipeline import scrape  # noqa: E402

__all__ = [
    "Archive", "Article", "ArchiveError", "ExtractError", "FetchError", "GatedError",
    "HTTPStatusError", "Link", "Page", "Policy", "RescheduledError", "SaveResult",
    "ScrapeError", "SkippedError", "Visit", "crawl", "extract", "fetch", "scrape", "__version__",
]  # fmt: skip
