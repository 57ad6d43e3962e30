"""Writing the archive out: WARC for the web-archiving world, JSON Lines and Markdown
for everyone else. The rows come from Archive; nothing here runs SQL.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from . import __version__

# Front-matter fields of a Markdown export, in this order.
FRONT_MATTER = (
    "headline", "url", "canonical_url", "authors", "published", "modified", "site_name",
    "section", "language", "image", "highlights", "version", "first_seen", "last_seen",
)  # fmt: skip
_SLUG = re.compile(r"[^\w]+")
_JSON_FIELDS = ("authors", "highlights", "sources")
_REASONS = {200: "OK", 203: "Non-Authoritative Information", 206: "Partial Content"}


@dataclass(frozen=True)
class StoredResponse:
    """One HTTP response as the archive keeps it."""

    url: str
    fetched_at: str  # ISO 8601, UTC
    status: int
    headers: Mapping[str, str]
    content: bytes


def write_warc(responses: Iterable[StoredResponse], out: IO[bytes]) -> int:
    """Write gzipped WARC/1.1 response records (with a warcinfo record first)."""
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    info = writer.create_warcinfo_record(
        "scrape-export.warc.gz",
        {"software": f"scrape/{__version__}", "format": "WARC File Format 1.1"},
    )
    writer.write_record(info)
    count = 0
    for response in responses:
        reason = _REASONS.get(response.status, "")
        http_headers = StatusAndHeaders(
            f"{response.status} {reason}".strip(),
            [(name, value) for name, value in response.headers.items()
             if name.lower() not in ("content-encoding", "transfer-encoding")]
            + [("Content-Length", str(len(response.content)))],
            protocol="HTTP/1.1",
        )  # fmt: skip
        record = writer.create_warc_record(
            response.url,
            "response",
            payload=io.BytesIO(response.content),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": _warc_date(response.fetched_at)},
        )
        writer.write_record(record)
        count += 1
    return count


def write_jsonl(articles: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """One JSON object an article, lists and objects decoded from their JSON columns."""
    count = 0
    for row in articles:
        out.write(json.dumps(_decoded(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_markdown(articles: Iterable[Mapping[str, Any]], folder: Path) -> int:
    """One Markdown file an article, with its metadata as front matter."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for row in articles:
        article = _decoded(row)
        path = folder / f"{int(article['id']):06d}-{_slug(article.get('headline') or '')}.md"
        path.write_text(markdown_document(article), encoding="utf-8")
        count += 1
    return count


def markdown_document(article: Mapping[str, Any]) -> str:
    """Front matter (YAML; every value JSON-quoted, which YAML reads) and the body."""
    lines = ["---"]
    for name in FRONT_MATTER:
        value = article.get(name)
        if value not in (None, "", []):
            lines.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    headline = article.get("headline") or ""
    body = article.get("body_markdown") or article.get("body") or ""
    return "\n".join(lines) + f"\n\n# {headline}\n\n{body}\n"


def _decoded(row: Mapping[str, Any]) -> dict[str, Any]:
    article = dict(row)
    for name in _JSON_FIELDS:
        if isinstance(article.get(name), str):
            with contextlib.suppress(ValueError):  # a column that is not JSON stays as it is
                article[name] = json.loads(article[name])
    return article


def _slug(headline: str) -> str:
    return _SLUG.sub("-", headline.lower()).strip("-")[:60] or "article"


def _warc_date(iso: str) -> str:
    """WARC-Date is UTC with a Z: 2024-05-02T14:30:00Z."""
    return iso.replace("+00:00", "Z") if iso.endswith("+00:00") else iso
