"""The values passed between stages: Page -> Article -> SaveResult."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .errors import ScrapeError

Outcome = Literal["inserted", "updated", "unchanged"]
# What became of one URL in a crawl: saved (as above), or not.
VisitOutcome = Literal[
    "inserted", "updated", "unchanged", "skipped", "rescheduled", "gated", "failed"
]


@dataclass(frozen=True)
class Page:
    """One HTTP response, as fetched: nothing here knows about articles."""

    url: str
    final_url: str
    status: int
    content: bytes
    fetched_at: datetime
    # Only the headers later stages need (lower-case names): content-type,
    # etag, last-modified, retry-after.
    headers: Mapping[str, str] = field(default_factory=dict)
    elapsed: float = 0.0  # seconds on the wire, redirects included
    attempts: int = 1  # requests it took, retries included

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def charset(self) -> str | None:
        """The charset named by the Content-Type header, if any."""
        for part in self.content_type.split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip(" \"'"):
                return value.strip(" \"'")
        return None


@dataclass(frozen=True)
class Link:
    url: str
    text: str


@dataclass(frozen=True)
class Article:
    """What the parser returns and the archive stores."""

    url: str
    headline: str
    body: str  # plain text, paragraphs split by one blank line
    body_markdown: str  # keeps headings, lists, quotes and tables
    highlights: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601, as precise as the page says
    modified: str | None = None
    site_name: str | None = None
    section: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    image: str | None = None
    related: list[Link] = field(default_factory=list)
    # True when the page marks itself as paywalled or its text is cut short.
    paywalled: bool = False
    # Where each metadata field came from: "json-ld", "opengraph", "meta",
    # "microdata", "byline", "url", "page" ...
    sources: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["sources"] = dict(self.sources)
        return data


@dataclass(frozen=True)
class SaveResult:
    """What Archive.save did with one article."""

    article_id: int
    outcome: Outcome
    url: str
    version: int
    article: Article


@dataclass(frozen=True)
class Visit:
    """What became of one URL in a crawl: the fetch log keeps one row per visit."""

    url: str  # as requested
    outcome: VisitOutcome
    fetched_at: datetime
    saved: SaveResult | None = None  # for inserted, updated and unchanged
    error: ScrapeError | None = None  # for the others: why
    final_url: str | None = None
    status: int | None = None
    bytes: int | None = None
    elapsed: float = 0.0  # seconds on the wire, all attempts
    attempts: int = 0  # requests made for the page itself; 0 when it was not fetched
    retry_at: datetime | None = None  # rescheduled: not before this time

    @property
    def reason(self) -> str | None:
        return None if self.error is None else str(self.error)
