"""fetch -> extract -> archive for one URL, with every attempt logged."""

from __future__ import annotations

from pathlib import Path

import requests

from .archive import DEFAULT_PATH, Archive
from .errors import ExtractError, FetchError, HTTPStatusError
from .extract import extract
from .fetch import fetch
from .models import SaveResult


def scrape(
    url: str,
    *,
    archive: Archive | str | Path = DEFAULT_PATH,
    session: requests.Session | None = None,
) -> SaveResult:
    """Fetch `url`, extract its article and save it; raise ScrapeError on failure.

    Whatever happens, the attempt is written to the archive's fetch log.
    """
    if not isinstance(archive, Archive):
        with Archive(archive) as opened:
            return scrape(url, archive=opened, session=session)
    try:
        page = fetch(url, session=session)
    except FetchError as exc:
        status = exc.status if isinstance(exc, HTTPStatusError) else None
        archive.record_fetch(url, outcome="failed", error=str(exc), status=status)
        raise
    try:
        article = extract(page.content, page.final_url, charset=page.charset)
    except ExtractError as exc:
        archive.record_fetch(url, outcome="failed", page=page, error=str(exc))
        raise
    return archive.save(article, page=page)
