"""fetch -> extract -> archive for one URL, politely, with the attempt logged; and
extract -> archive again for kept pages, when the parser has improved."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import requests

from .archive import DEFAULT_PATH, Archive
from .crawl import Policy, crawl, tidy_search_index
from .errors import ExtractError
from .extract import extract
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


@dataclass(frozen=True)
class Reparsed:
    """What re-running the parser over one kept page did."""

    url: str
    saved: SaveResult | None = None
    error: ExtractError | None = None


def reparse(
    *, archive: Archive, since: datetime | None = None, urls: Iterable[str] = ()
) -> Iterator[Reparsed]:
    """Run the current extractor over the kept pages: no network.

    Each page's article is saved as if just fetched: unchanged, updated (a new version
    where the content changed) or inserted (a page the old parser could not read).
    """
    for _, page in archive.stored_pages(since=since, urls=urls):
        try:
            article = extract(page.content, page.final_url, charset=page.charset)
        except ExtractError as exc:
            yield Reparsed(page.final_url, error=exc)
            continue
        yield Reparsed(page.final_url, saved=archive.save(article, page=page, reparsed=True))
    tidy_search_index(archive)
