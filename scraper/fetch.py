"""HTTP: one GET with honest limits, mapped to a Page or a FetchError with a clear reason."""

from __future__ import annotations

import socket
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Callable, Iterator

import requests
import urllib3

from . import __version__
from .errors import FetchError, HTTPStatusError
from .extract.parse import describe_binary
from .models import Page
from .urls import BadURL, check_url

USER_AGENT = f"scrape/{__version__} (+https://github.com/scrape-archive/scrape)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
TOTAL_TIMEOUT = 60.0  # a server dripping a byte a second is cut off here
MAX_BYTES = 8 * 1024 * 1024  # decompressed
HTML_TYPES = ("text/html", "application/xhtml+xml")
_KEPT_HEADERS = ("content-type", "etag", "last-modified", "retry-after", "content-encoding")
_CHUNK = 64 * 1024


def new_session(user_agent: str = USER_AGENT) -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    session.headers["Accept"] = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
    session.max_redirects = 10
    return session


def fetch(
    url: str,
    *,
    session: requests.Session | None = None,
    timeout: float = TOTAL_TIMEOUT,
    max_bytes: int = MAX_BYTES,
    clock: Callable[[], float] = time.monotonic,
) -> Page:
    """GET one page; raise FetchError (or HTTPStatusError) with a one-line reason."""
    try:
        url = check_url(url)
    except BadURL as exc:
        raise FetchError(str(exc), url=url) from None
    session = session or new_session()
    deadline = clock() + timeout
    fetched_at = datetime.now(timezone.utc)
    with _mapped_errors(url):
        response = session.get(
            url,
            stream=True,
            timeout=(min(CONNECT_TIMEOUT, timeout), min(READ_TIMEOUT, timeout)),
        )
        with response:
            _check_response(url, response)
            content = _read_capped(url, response, max_bytes, deadline, clock)
    headers = {k: response.headers[k] for k in _KEPT_HEADERS if k in response.headers}
    page = Page(
        url=url,
        final_url=response.url,
        status=response.status_code,
        content=content,
        fetched_at=fetched_at,
        headers=headers,
    )
    kind = describe_binary(content)
    if kind:
        raise FetchError(f"not HTML: the server sent {kind}", url=url)
    return page


def _check_response(url: str, response: requests.Response) -> None:
    if response.status_code >= 400:
        reason = response.reason or ""
        raise HTTPStatusError(
            f"HTTP {response.status_code} {reason}".strip(), url=url, status=response.status_code
        )
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in HTML_TYPES:
        raise FetchError(f"not HTML: the server sent {content_type}", url=url)


def _read_capped(
    url: str,
    response: requests.Response,
    max_bytes: int,
    deadline: float,
    clock: Callable[[], float],
) -> bytes:
    """The decompressed body, refused past `max_bytes` or past the total time limit."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"page is larger than {max_bytes:,} bytes", url=url)
        if clock() > deadline:
            raise FetchError("timed out: the page took too long to download", url=url)
        chunks.append(chunk)
    return b"".join(chunks)


@contextmanager
def _mapped_errors(url: str) -> Iterator[None]:
    """Turn requests' and urllib3's exceptions into FetchError, in this one place."""
    try:
        yield
    except FetchError:
        raise
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchError(_reason(exc), url=url) from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return "too many redirects (more than 10, or a loop)"
    if isinstance(exc, (requests.exceptions.Timeout, socket.timeout, TimeoutError)):
        return "timed out waiting for the server"
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                        requests.exceptions.MissingSchema)):  # fmt: skip
        return f"bad URL: {exc}"
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS error: the server's certificate or handshake was refused"
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return "the server sent badly compressed content"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "the connection broke while the page was downloading"
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror) or "NameResolutionError" in type(cause).__name__:
            return "DNS failure: the host name could not be resolved"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
        if isinstance(cause, urllib3.exceptions.ProtocolError):
            return "the connection broke while talking to the server"
    return f"cannot fetch: {type(exc).__name__}"


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        stack += [c for c in (current.__cause__, current.__context__) if c is not None]
        stack += [arg for arg in getattr(current, "args", ()) if isinstance(arg, BaseException)]
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            stack.append(reason)
