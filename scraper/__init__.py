"""scrape: fetch news articles, extract them, and keep a deduplicated archive."""

__version__ = "0.1.0"

from .archive import Archive  # noqa: E402
from .errors import ArchiveError, ExtractError, FetchError, HTTPStatusError, ScrapeError  # noqa: E402
from .extract import extract  # noqa: E402
from .fetch import fetch  # noqa: E402
from .models import Article, Link, Page, SaveResult  # noqa: E402
from .pipeline import scrape  # noqa: E402

__all__ = [
    "Archive", "Article", "ArchiveError", "ExtractError", "FetchError", "HTTPStatusError",
    "Link", "Page", "SaveResult", "ScrapeError", "extract", "fetch", "scrape", "__version__",
]  # fmt: skip
