"""fetch(): a Page for an HTML page, a one-line FetchError for everything else."""

from __future__ import annotations

import socket
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from scraper import FetchError, HTTPStatusError, fetch

from .conftest import serve

HTML = b"<html><head><title>t</title></head><body><p>Hello</p></body></html>"


def test_page_keeps_urls_status_headers_and_bytes(httpserver: HTTPServer) -> None:
    url = serve(httpserver, "/a", HTML, headers={"ETag": '"v1"', "Last-Modified": "Tue, 07 May 2024 10:00:00 GMT"})
    page = fetch(url)
    assert (page.url, page.final_url, page.status) == (url, url, 200)
    assert page.content == HTML
    assert page.headers["etag"] == '"v1"'
    assert page.charset == "utf-8"
    assert page.fetched_at.tzinfo is not None


def test_redirect_records_the_final_url(httpserver: HTTPServer) -> None:
    target = serve(httpserver, "/final", HTML)
    httpserver.expect_request("/start").respond_with_data("", status=301, headers={"Location": target})
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
    url = serve(httpserver, "/lying", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", content_type="text/html")
    with pytest.raises(FetchError, match="not HTML: the server sent a PDF document"):
        fetch(url)


@pytest.mark.parametrize("url", ["notaurl", "ftp://example.com/file", "http://", "https://exa mple.com:99999/"])
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
