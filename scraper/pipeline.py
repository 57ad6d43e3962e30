"""fetch -> extract -> archive for one URL, politely, with the attempt logged."""

from __future__ import annotations

from pathlib import Path

import requests

from .archive import DEFAULT_PATH, Archive
from .crawl import Policy, crawl
from .models import SaveResult


def scrape(
    url: str,
    *,
    archive: Archive | str | Path = DEFAULT_PATH,
    session: requests.Session | None = None,
    policy: Policy | None = None,
) -> SaveResult:
    """Fetch `url` (robots.txt permitting), extract its article and save it.

    Raises ScrapeError when the page is not archived: FetchError (GatedError,
    SkippedError...) or ExtractError. Whatever happens, the visit is in the fetch log.
    """
    if not isinstance(archive, Archive):
        with Archive(archive) as opened:
            return scrape(url, archive=opened, session=session, policy=policy)
    (visit,) = crawl([url], archive=archive, policy=policy or Policy(), session=session)
    if visit.saved is None:
        assert visit.error is not None  # a visit either saved the page or says why not
        raise visit.error
    return visit.saved
