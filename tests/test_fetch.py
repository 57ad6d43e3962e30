"""fetch(): a Page for an HTML page, a one-line FetchError for everything else."""

from __future__ import annotations

import gzip
import re
import socket
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import brotli
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from scraper import FetchError, HTTPStatusError, fetch
from scraper.errors import GatedError
from scraper.fetch import USER_AGENT, retry_after

from .conftest import serve
from .servers import (
    RawServer,
    another_host,
    brotli_bomb,
    drip,
    gzip_bomb,
    http_response,
    slowly,
)  # fmt: skip

HTML = b"<html><head><title>t</title></head><body><p>Hello</p></body></html>"


def test_page_keeps_urls_status_headers_and_bytes(httpserver: HTTPServer) -> None:
    url = serve(
        httpserver,
        "/a",
        HTML,
        headers={"ETag": '"v1"', "Last-Modified": "Tue, 07 May 2024 10:00:00 GMT"},
    )
    page = fetch(url)
    assert (page.url, page.final_url, page.status) == (url, url, 200)
    assert page.content == HTML
    assert page.headers["etag"] == '"v1"'
    assert page.charset == "utf-8"
    assert page.fetched_at.tzinfo is not None


def test_redirect_records_the_final_url(httpserver: HTTPServer) -> None:
    target = serve(httpserver, "/final", HTML)
    httpserver.expect_request("/start").respond_with_data(
        "", status=301, headers={"Location": target}
    )
    page = fetch(httpserver.url_for("/start"))
    assert page.url.endswith("/start")
    assert page.final_url == target


@pytest.mark.parametrize("status", [404, 410, 500])
def test_http_error_status(httpserver: HTTPServer, status: int) -> None:
    url = serve(httpserver, "/gone", "nothing here", status=status)
    with pytest.raises(HTTPStatusError, match=f"HTTP {status}") as caught:
        fetch(url)
    assert caught.value.status == status
    assert caught.value.url == url


def test_not_html_by_content_type(httpserver: HTTPServer) -> None:
    url = serve(httpserver, "/doc.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    with pytest.raises(FetchError, match="not HTML: the server sent application/pdf"):
        fetch(url)


def test_not_html_by_first_bytes(httpserver: HTTPServer) -> None:
    url = serve(
        httpserver, "/lying", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", content_type="text/html"
    )
    with pytest.raises(FetchError, match="not HTML: the server sent a PDF document"):
        fetch(url)


@pytest.mark.parametrize(
    "url", ["notaurl", "ftp://example.com/file", "http://", "https://exa mple.com:99999/"]
)
def test_bad_url(url: str) -> None:
    with pytest.raises(FetchError, match="bad URL"):
        fetch(url)


def test_dns_failure() -> None:
    with pytest.raises(FetchError, match="DNS failure"):
        fetch("http://no-such-host.invalid/news/1.html")


def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="connection refused"):
        fetch(f"http://127.0.0.1:{port}/")


def test_timeout(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(HTML, content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(FetchError, match="timed out"):
        fetch(httpserver.url_for("/slow"), timeout=0.5)


def test_too_large(httpserver: HTTPServer) -> None:
    url = serve(httpserver, "/big", b"<html><body>" + b"x" * 20000 + b"</body></html>")
    with pytest.raises(FetchError, match="larger than 10,000 bytes"):
        fetch(url, max_bytes=10_000)


# -- limits: time, size, bombs -------------------------------------------------------


def test_a_dripping_server_is_cut_off_at_the_total_limit() -> None:
    with another_host(threaded=True) as server:
        server.expect_request("/drip").respond_with_handler(drip(b"<html>" + b" " * 200, 0.02))
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"timed out: the page took longer than 0.3 s in all"):
            fetch(server.url_for("/drip"), timeout=0.3)
        assert time.monotonic() - started < 0.6  # the read timeout alone would never fire


def test_a_server_dripping_its_headers_is_cut_off_at_the_total_limit() -> None:
    headers = b"HTTP/1.1 200 OK\r\n" + b"X-Tarpit: " + b"." * 1000 + b"\r\n\r\n"
    server = RawServer(lambda path: slowly(headers, 0.02))
    started = time.monotonic()
    try:
        with pytest.raises(FetchError, match=r"timed out: the page took longer than 0.3 s in all"):
            fetch(server.url_for("/tarpit"), timeout=0.3)
    finally:
        server.close()
    assert time.monotonic() - started < 0.5


def test_a_page_announced_too_large_is_refused_unread(httpserver: HTTPServer) -> None:
    url = serve(httpserver, "/big", b"<html>" + b"x" * 50_000)
    with pytest.raises(FetchError, match=r"larger than 10,000 bytes \(50,006 announced\)"):
        fetch(url, max_bytes=10_000)


@pytest.mark.parametrize(("encoding", "bomb"), [("gzip", gzip_bomb), ("br", brotli_bomb)])
def test_a_compression_bomb_costs_no_more_memory_than_the_cap(
    encoding: str, bomb: Callable[[int], bytes]
) -> None:
    body = bomb(200 * 1024 * 1024)  # 200 MB inflated, a few hundred KB or less on the wire
    # A bare server: tracemalloc counts the server thread's allocations too.
    response = http_response(body, headers={"Content-Encoding": encoding})
    server = RawServer(lambda path: response)
    cap = 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="page is larger than 1,048,576 bytes"):
            fetch(server.url_for("/bomb"), max_bytes=cap)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        server.close()
    assert peak < 2 * cap, f"peak {peak:,} bytes for a cap of {cap:,}"


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_a_compressed_page_is_inflated(httpserver: HTTPServer, encoding: str) -> None:
    packed = gzip.compress(HTML) if encoding == "gzip" else brotli.compress(HTML)
    url = serve(httpserver, "/packed", packed, headers={"Content-Encoding": encoding})
    assert fetch(url).content == HTML


@pytest.mark.parametrize(
    ("body", "what"),
    [(b"\x89PNG\r\n\x1a\n" + b"\0" * 2000, "a PNG image"), (b"GIF89a" + b"\0" * 10, "a GIF image")],
)
def test_an_image_labelled_html_is_refused_by_its_first_bytes(
    httpserver: HTTPServer, body: bytes, what: str
) -> None:
    url = serve(httpserver, "/picture", body, content_type="text/html")
    with pytest.raises(FetchError, match=f"not HTML: the server sent {what} labelled text/html"):
        fetch(url)


# -- redirects -----------------------------------------------------------------------


def test_a_redirect_loop_is_detected(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match=r"redirect loop: .*/b leads back to .*/a") as caught:
        fetch(httpserver.url_for("/a"))
    assert caught.value.final_url == httpserver.url_for("/b")
    assert len(httpserver.log) == 2


def test_a_redirect_back_with_a_new_cookie_is_not_a_loop(httpserver: HTTPServer) -> None:
    def article(request: Request) -> Response:
        if request.cookies.get("consent") == "yes":
            return Response(HTML, content_type="text/html")
        return Response("", status=302, headers={"Location": "/consent"})

    httpserver.expect_request("/story").respond_with_handler(article)
    httpserver.expect_request("/consent").respond_with_data(
        "", status=302, headers={"Location": "/story", "Set-Cookie": "consent=yes; Path=/"}
    )
    page = fetch(httpserver.url_for("/story"))
    assert (page.status, page.content, page.final_url) == (200, HTML, httpserver.url_for("/story"))


def test_more_than_ten_redirects_are_refused(httpserver: HTTPServer) -> None:
    for hop in range(12):
        httpserver.expect_request(f"/hop/{hop}").respond_with_data(
            "", status=301, headers={"Location": f"/hop/{hop + 1}"}
        )
    with pytest.raises(FetchError, match=r"too many redirects \(more than 10\)"):
        fetch(httpserver.url_for("/hop/0"))
    assert len(httpserver.log) == 11


@pytest.mark.parametrize("location", ["ftp://example.com/f", "file:///etc/passwd", "javascript:x"])
def test_a_redirect_must_stay_http(httpserver: HTTPServer, location: str) -> None:
    redirect = {"Location": location}
    httpserver.expect_request("/go").respond_with_data("", status=302, headers=redirect)
    with pytest.raises(FetchError, match="redirect to a URL that is not http\\(s\\) refused"):
        fetch(httpserver.url_for("/go"))


def test_a_local_redirect_from_a_local_url_is_followed(httpserver: HTTPServer) -> None:
    # The user pointed at a private address: its redirects may stay inside.
    target = serve(httpserver, "/inside", HTML).replace("localhost", "127.0.0.1")
    redirect = {"Location": target}
    httpserver.expect_request("/start").respond_with_data("", status=302, headers=redirect)
    assert fetch(httpserver.url_for("/start")).final_url == target


# -- what the server says --------------------------------------------------------------


def test_conditional_headers_are_sent_and_a_304_has_no_content(httpserver: HTTPServer) -> None:
    validator = {"If-None-Match": '"v1"'}
    httpserver.expect_request("/a", headers=validator).respond_with_data("", status=304)
    page = fetch(httpserver.url_for("/a"), headers={"If-None-Match": '"v1"'})
    assert (page.status, page.content) == (304, b"")


def test_the_user_agent_names_the_tool_its_version_and_a_contact(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a", headers={"User-Agent": USER_AGENT}).respond_with_data(
        HTML, content_type="text/html"
    )
    fetch(httpserver.url_for("/a"))
    assert re.fullmatch(r"scrape/\d+\.\d+\.\d+ \(\+https://\S+\)", USER_AGENT)


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        (401, b"<html><title>Sign in</title></html>", "login required (HTTP 401)"),
        (402, b"", "payment required (HTTP 402)"),
        (403, b"<html><body>Forbidden</body></html>", "access denied (HTTP 403)"),
        (403, b"<html><head><title>Just a moment...</title></head></html>",
         "an anti-bot challenge page (HTTP 403)"),
        (503, b"<html><head><title>Attention Required! | Site</title></head></html>",
         "an anti-bot challenge page (HTTP 503)"),
    ],
)  # fmt: skip
def test_gated_answers(httpserver: HTTPServer, status: int, body: bytes, reason: str) -> None:
    url = serve(httpserver, "/gated", body, status=status)
    with pytest.raises(GatedError) as caught:
        fetch(url)
    assert (str(caught.value), caught.value.status) == (reason, status)


def test_an_error_status_carries_retry_after(httpserver: HTTPServer) -> None:
    url = serve(httpserver, "/busy", "busy", status=503, headers={"Retry-After": "120"})
    with pytest.raises(HTTPStatusError) as caught:
        fetch(url)
    assert (caught.value.retry_after, caught.value.retryable, caught.value.slow_down) == (
        120.0, True, True,
    )  # fmt: skip


def test_retry_after_as_a_number_or_a_date() -> None:
    assert retry_after("30") == 30.0
    assert retry_after(None) is None and retry_after("soon") is None
    later = datetime.now(timezone.utc) + timedelta(minutes=10)
    assert 590 < (retry_after(format_datetime(later, usegmt=True)) or 0) <= 600
