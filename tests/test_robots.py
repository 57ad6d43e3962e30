"""robots.txt: rules read with Protego, what each kind of answer means, origins and agents."""

from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone

import pytest
from pytest_httpserver import HTTPServer

from scraper.fetch import new_session
from scraper.robots import FAILURE_FOR, GOOD_FOR, Robots, agent_token, fetch_robots, origin_of

from .conftest import serve

NOW = datetime(2024, 5, 7, tzinfo=timezone.utc)


def robots(rules: str | None, error: str | None = None) -> Robots:
    return Robots("https://example.com", NOW, NOW + GOOD_FOR, 200, rules, error)


def fetched(httpserver: HTTPServer) -> Robots:
    return fetch_robots(
        httpserver.url_for("").rstrip("/"), session=new_session(), timeout=5,
        user_agent="scrape/0.1 (+https://example.org)",
    )  # fmt: skip


def test_rules_for_the_agent_win_over_the_default_group() -> None:
    rules = robots("User-agent: *\nDisallow: /\n\nUser-agent: scrape\nAllow: /news/\nDisallow: /\n")
    assert rules.allows("https://example.com/news/1.html", "scrape")
    assert not rules.allows("https://example.com/about", "scrape")
    assert not rules.allows("https://example.com/news/1.html", "otherbot")


def test_crawl_delay_and_request_rate() -> None:
    assert robots("User-agent: *\nCrawl-delay: 4\n").delay("scrape") == 4.0
    assert robots("User-agent: *\nRequest-rate: 1/10s\n").delay("scrape") == 10.0
    assert robots("User-agent: *\nDisallow: /x\n").delay("scrape") is None
    assert robots(None).delay("scrape") is None and robots(None).allows("https://example.com/", "x")


@pytest.mark.parametrize(
    ("user_agent", "token"),
    [("scrape/0.1.0 (+https://github.com/scrape-archive/scrape)", "scrape"),
     ("NewsArchiver-2 (contact: ops@example.org)", "NewsArchiver-2"), ("mybot", "mybot")],
)  # fmt: skip
def test_the_agent_token_is_the_first_word(user_agent: str, token: str) -> None:
    assert agent_token(user_agent) == token


@pytest.mark.parametrize(
    ("url", "origin"),
    [("https://Example.com/a?b", "https://example.com"), ("http://example.com:80/", "http://example.com"),
     ("http://127.0.0.1:8080/x", "http://127.0.0.1:8080"), ("https://[::1]:8443/", "https://[::1]:8443")],
)  # fmt: skip
def test_origins(url: str, origin: str) -> None:
    assert origin_of(url) == origin


def test_rules_are_kept_a_day(httpserver: HTTPServer) -> None:
    serve(
        httpserver,
        "/robots.txt",
        "\ufeffUser-agent: *\nDisallow: /private/\n",
        content_type="text/plain",
    )
    kept = fetched(httpserver)
    assert kept.available and kept.status == 200
    assert kept.expires_at - kept.fetched_at == GOOD_FOR
    assert not kept.allows(httpserver.url_for("/private/a"), "scrape")


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_a_4xx_allows_everything_for_a_day(httpserver: HTTPServer, status: int) -> None:
    serve(httpserver, "/robots.txt", "nope", status=status)
    kept = fetched(httpserver)
    assert (kept.available, kept.rules, kept.status) == (True, None, status)
    assert kept.expires_at - kept.fetched_at == GOOD_FOR


@pytest.mark.parametrize("status", [429, 500, 503])
def test_a_5xx_or_429_is_a_brief_failure(httpserver: HTTPServer, status: int) -> None:
    serve(httpserver, "/robots.txt", "busy", status=status)
    kept = fetched(httpserver)
    assert not kept.available and kept.status == status
    assert kept.expires_at - kept.fetched_at == FAILURE_FOR
    assert kept.error and kept.error.endswith("the site is off limits for now")


def test_a_redirected_robots_txt_is_followed(httpserver: HTTPServer) -> None:
    serve(
        httpserver, "/real-robots.txt", "User-agent: *\nDisallow: /x\n", content_type="text/plain"
    )
    httpserver.expect_request("/robots.txt").respond_with_data(
        "", status=301, headers={"Location": "/real-robots.txt"}
    )
    assert not fetched(httpserver).allows(httpserver.url_for("/x"), "scrape")


def test_a_huge_robots_txt_is_read_up_to_500_kib(httpserver: HTTPServer) -> None:
    rules = "User-agent: *\nDisallow: /x\n" + "# padding\n" * 100_000
    serve(httpserver, "/robots.txt", rules, content_type="text/plain")
    kept = fetched(httpserver)
    assert kept.available and len(kept.rules or "") == 500 * 1024
    assert not kept.allows(httpserver.url_for("/x"), "scrape")


def test_refused_connection_is_a_failure() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    kept = fetch_robots(f"http://127.0.0.1:{port}", session=new_session(), timeout=2,
                        user_agent="scrape")  # fmt: skip
    assert (kept.available, kept.error, kept.status) == (False, "connection refused", None)
    assert kept.expires_at - kept.fetched_at == FAILURE_FOR
    assert kept.expires_at > datetime.now(timezone.utc) + timedelta(minutes=5)
