"""HTTP: one GET with honest limits, mapped to a Page or a FetchError with a clear reason.

Redirects are followed here, hop by hop, so that every hop is checked: at most
MAX_REDIRECTS of them, no loops, http(s) only, and no jump from a public host to a
private address. The body is streamed: the size cap counts decompressed bytes and
urllib3 (2.7 or newer) inflates only as much as each read asks for, so a gzip or
brotli bomb costs no more memory than the cap. The total time limit bounds every
socket wait, so a server dripping a byte a second is cut off at the limit.
"""

from __future__ import annotations

import email.utils
import socket
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import NamedTuple
from urllib.parse import urljoin

import requests
import urllib3

from . import __version__
from .addresses import refused_redirect
from .deadline import DeadlineAdapter, cut_off_after
from .errors import FetchError, GatedError, HTTPStatusError
from .extract.parse import describe_binary
from .gates import SCAN_BYTES, gate_reason
from .models import Page
from .urls import BadURL, check_url

USER_AGENT = f"scrape/{__version__} (+https://github.com/scrape-archive/scrape)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
TOTAL_TIMEOUT = 60.0  # a server dripping a byte a second is cut off here
MAX_BYTES = 8 * 1024 * 1024  # decompressed
MAX_REDIRECTS = 10
HTML_TYPES = ("text/html", "application/xhtml+xml")
_KEPT_HEADERS = ("content-type", "etag", "last-modified", "retry-after", "content-encoding")
_CHUNK = 64 * 1024
_SNIFF_BYTES = 1024  # what describe_binary looks at


def new_session(user_agent: str = USER_AGENT) -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    session.headers["Accept"] = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
    # Many hosts at a time, one request each; retries are the crawler's, not urllib3's.
    adapter = DeadlineAdapter(pool_connections=64, pool_maxsize=4, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


@dataclass(frozen=True)
class _Get:
    """One GET's settings, passed down the helpers below."""

    session: requests.Session
    headers: Mapping[str, str]
    timeout: float
    max_bytes: int
    allow_private: bool
    clock: Callable[[], float]


def fetch(
    url: str,
    *,
    session: requests.Session | None = None,
    timeout: float = TOTAL_TIMEOUT,
    max_bytes: int = MAX_BYTES,
    headers: Mapping[str, str] | None = None,
    allow_private: bool = False,
    clock: Callable[[], float] = time.monotonic,
) -> Page:
    """GET one HTML page; raise FetchError (HTTPStatusError, GatedError) with a one-line reason.

    `headers` go with the request (If-None-Match...); a 304 answer is a Page without content.
    """
    get = _Get(session or new_session(), headers or {}, timeout, max_bytes, allow_private, clock)
    return _get(url, get, html=True)


def fetch_text(
    url: str,
    *,
    session: requests.Session | None = None,
    timeout: float = TOTAL_TIMEOUT,
    max_bytes: int = MAX_BYTES,
    headers: Mapping[str, str] | None = None,
    allow_private: bool = False,
) -> Page:
    """GET a file of any type (robots.txt): its first `max_bytes`, never refused as too big."""
    get = _Get(session or new_session(), headers or {}, timeout, max_bytes, allow_private,
               time.monotonic)  # fmt: skip
    return _get(url, get, html=False)


def _get(url: str, get: _Get, *, html: bool) -> Page:
    try:
        url = check_url(url)
    except BadURL as exc:
        raise FetchError(str(exc), url=url) from None
    started = get.clock()
    ends = started + get.timeout
    fetched_at = datetime.now(timezone.utc)
    with cut_off_after(get.timeout), _mapped_errors(url, get, ends) as reached:
        response = _follow_redirects(url, get, ends, reached)
        with response:
            content = _read_response(url, response, get, ends, html=html)
    page = Page(
        url=url,
        final_url=response.url,
        status=response.status_code,
        content=content,
        fetched_at=fetched_at,
        headers={k: response.headers[k] for k in _KEPT_HEADERS if k in response.headers},
        elapsed=get.clock() - started,
    )
    if html and page.status != 304:
        _refuse_gate(page)
    return page


def _read_response(
    url: str, response: requests.Response, get: _Get, deadline: float, *, html: bool
) -> bytes:
    status = response.status_code
    if status == 304:
        return b""
    if status >= 300:
        if html:  # an error page may be a login or a challenge: say so
            _refuse_gate_status(url, response, _error_body(url, response, get, deadline))
        _raise_for_status(url, response)
    if html:
        _check_content_type(url, response)
    return _read_capped(url, response, get, deadline, truncate=not html, sniff=html)


@dataclass
class _Reached:
    """How far a GET got, for the report of a failure: the redirect last taken, the status."""

    url: str | None = None
    status: int | None = None


def _follow_redirects(url: str, get: _Get, deadline: float, reached: _Reached) -> requests.Response:
    """The first response that is not a redirect, each hop checked before it is taken.

    A loop is a URL seen again with no cookie set since: sites that set a consent or
    session cookie and send the crawler back to the article are not looping. (The
    session's cookie jar is not read: other threads may be filling it.)
    """
    current = url
    cookies_set = 0
    seen = {(url, cookies_set)}
    for _ in range(MAX_REDIRECTS + 1):
        response = get.session.get(
            current, headers=dict(get.headers), stream=True, allow_redirects=False,
            timeout=_timeouts(url, get, deadline),
        )  # fmt: skip
        if not response.is_redirect:
            reached.status = response.status_code
            return response
        location = get.session.get_redirect_target(response) or ""
        cookies_set += "set-cookie" in response.headers
        response.close()  # its body is never read: no bomb hides in a redirect
        try:
            target = requests.utils.requote_uri(urljoin(current, location))
        except ValueError:
            raise FetchError(f"bad redirect: {location!r} is not a URL", url=url,
                             final_url=current) from None  # fmt: skip
        _check_hop(url, target, get.allow_private)
        state = (target, cookies_set)
        if state in seen:
            raise FetchError(f"redirect loop: {current} leads back to {target}", url=url,
                             final_url=current)  # fmt: skip
        seen.add(state)
        current = reached.url = target
    raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})", url=url, final_url=current)


def _check_hop(url: str, target: str, allow_private: bool) -> None:
    try:
        check_url(target)
    except BadURL:
        raise FetchError(f"redirect to a URL that is not http(s) refused: {target}", url=url,
                         final_url=target) from None  # fmt: skip
    refusal = None if allow_private else refused_redirect(url, target)
    if refusal:
        raise FetchError(refusal, url=url, final_url=target)


def _timeouts(url: str, get: _Get, deadline: float) -> tuple[float, float]:
    remaining = deadline - get.clock()
    if remaining <= 0:
        raise FetchError(_over_time(get), url=url, slow_down=True)
    return (min(CONNECT_TIMEOUT, remaining), min(READ_TIMEOUT, remaining))


def _refuse_gate_status(url: str, response: requests.Response, head: bytes) -> None:
    reason = gate_reason(response.status_code, head)
    if reason:
        raise GatedError(reason, url=url, status=response.status_code, final_url=response.url)


def _raise_for_status(url: str, response: requests.Response) -> None:
    status = response.status_code
    text = f"HTTP {status} {response.reason or ''}".strip()
    if 300 <= status < 400:
        text += " without a usable Location"
    raise HTTPStatusError(
        text, url=url, status=status, final_url=response.url,
        retry_after=retry_after(response.headers.get("retry-after")),
    )  # fmt: skip


def _error_body(url: str, response: requests.Response, get: _Get, deadline: float) -> bytes:
    """The start of an error page, to tell a challenge from a plain error; b"" if unreadable."""
    try:
        return _read_capped(url, response, get, deadline, truncate=True, limit=SCAN_BYTES)
    except (FetchError, requests.RequestException, urllib3.exceptions.HTTPError, OSError):
        return b""


def _check_content_type(url: str, response: requests.Response) -> None:
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in HTML_TYPES:
        raise FetchError(f"not HTML: the server sent {content_type}", url=url,
                         final_url=response.url, status=response.status_code)  # fmt: skip


def _refuse_gate(page: Page) -> None:
    reason = gate_reason(page.status, page.content)
    if reason:
        raise GatedError(reason, url=page.url, status=page.status, final_url=page.final_url)


def _read_capped(
    url: str, response: requests.Response, get: _Get, deadline: float, *, truncate: bool,
    sniff: bool = False, limit: int | None = None,
) -> bytes:  # fmt: skip
    """The decompressed body: refused (or cut, with `truncate`) past the limit or the deadline.

    `sniff` refuses bytes that are not text (a PDF labelled text/html) as soon as they show.
    """
    limit = get.max_bytes if limit is None else limit
    _refuse_declared_size(url, response, limit, truncate)
    body = bytearray()
    sniffed = not sniff
    while len(body) <= limit:
        _bound_socket_wait(url, response, get, deadline)
        chunk = response.raw.read1(_CHUNK, decode_content=True)
        if not chunk:
            break
        body += chunk
        if not sniffed and len(body) >= _SNIFF_BYTES:
            sniffed = _sniff(url, response, body)
    else:
        if not truncate:
            raise FetchError(f"page is larger than {limit:,} bytes", url=url,
                             final_url=response.url, status=response.status_code)  # fmt: skip
        del body[limit:]
    if not sniffed:
        _sniff(url, response, body)
    return bytes(body)


def _sniff(url: str, response: requests.Response, body: bytearray) -> bool:
    kind = describe_binary(bytes(body[:_SNIFF_BYTES]))
    if kind:
        labelled = response.headers.get("content-type", "").split(";")[0].strip()
        label = f" labelled {labelled}" if labelled else ""
        raise FetchError(f"not HTML: the server sent {kind}{label}", url=url,
                         final_url=response.url, status=response.status_code)  # fmt: skip
    return True


def _refuse_declared_size(
    url: str, response: requests.Response, limit: int, truncate: bool
) -> None:
    """An uncompressed body announced as too large is refused before it is read."""
    declared = response.headers.get("content-length", "")
    if truncate or response.headers.get("content-encoding") or not declared.isdigit():
        return
    if int(declared) > limit:
        raise FetchError(f"page is larger than {limit:,} bytes ({int(declared):,} announced)",
                         url=url, final_url=response.url, status=response.status_code)  # fmt: skip


def _bound_socket_wait(url: str, response: requests.Response, get: _Get, deadline: float) -> None:
    """No socket wait may outlast the total limit: a read timeout alone restarts with each byte."""
    remaining = deadline - get.clock()
    if remaining <= 0:
        raise FetchError(
            _over_time(get),
            url=url,
            final_url=response.url,
            status=response.status_code,
            slow_down=True,
        )
    sock = getattr(response.raw.connection, "sock", None)
    if sock is not None:
        sock.settimeout(min(READ_TIMEOUT, remaining))


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), if it says anything."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _over_time(get: _Get) -> str:
    return f"timed out: the page took longer than {get.timeout:g} s in all"


class _Failure(NamedTuple):
    reason: str
    retryable: bool = False
    slow_down: bool = False


@contextmanager
def _mapped_errors(url: str, get: _Get, deadline: float) -> Iterator[_Reached]:
    """Turn requests' and urllib3's exceptions into FetchError, in this one place."""
    reached = _Reached()
    try:
        yield reached
    except FetchError:
        raise
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        failure = _failure(exc)
        if get.clock() >= deadline - 0.01:  # cut off at the total limit, whatever broke
            failure = _Failure(_over_time(get), slow_down=True)
        reason = failure.reason
        raise FetchError(
            reason, url=url, final_url=reached.url, status=reached.status,
            retryable=failure.retryable, slow_down=failure.slow_down,
        ) from exc  # fmt: skip


def _failure(exc: BaseException) -> _Failure:
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return _Failure(f"too many redirects (more than {MAX_REDIRECTS})")
    if isinstance(exc, (requests.exceptions.Timeout, socket.timeout, TimeoutError,
                        urllib3.exceptions.TimeoutError)):  # fmt: skip
        return _Failure("timed out waiting for the server", slow_down=True)
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                        requests.exceptions.MissingSchema)):  # fmt: skip
        return _Failure(f"bad URL: {exc}")
    if isinstance(exc, requests.exceptions.SSLError):
        return _Failure("TLS error: the server's certificate or handshake was refused")
    if isinstance(exc, (requests.exceptions.ContentDecodingError, urllib3.exceptions.DecodeError)):
        return _Failure("the server sent badly compressed content")
    causes = list(_causes(exc))
    for cause in causes:
        if isinstance(cause, socket.gaierror) or "NameResolutionError" in type(cause).__name__:
            return _Failure("DNS failure: the host name could not be resolved")
        if isinstance(cause, ConnectionRefusedError):
            return _Failure("connection refused")
        if isinstance(cause, ConnectionResetError):
            return _Failure("connection reset by the server", retryable=True)
    # urllib3's NewConnectionError is also a ConnectTimeoutError: look at OS errors first
    for cause in causes:
        if isinstance(cause, (socket.timeout, TimeoutError, urllib3.exceptions.TimeoutError)):
            return _Failure("timed out waiting for the server", slow_down=True)
    for cause in causes:
        if isinstance(cause, (urllib3.exceptions.ProtocolError, ConnectionError)):
            return _Failure("the connection broke while talking to the server", retryable=True)
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return _Failure("the connection broke while the page was downloading", retryable=True)
    return _Failure(f"cannot fetch: {type(exc).__name__}")


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
