"""Crawling from the command line against misbehaving local servers.

Each case checks what a user and a cron job see: the outcome line, the exit status,
the row in the fetch log, and that a failure leaves no article behind.
"""

from __future__ import annotations

import itertools
import json
import os
import pty
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from scraper.cli import cli

from .conftest import fixture_html, serve
from .servers import RESET, RawServer, another_host, drip, gzip_bomb, http_response, sequence

SEED = "/details/209451.html"
HEADLINE = "Ma Xingrui Met with Nuryshev, Kazakhstan's Ambassador to China"


def scrape(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Result:
    """The command line, with no pause between requests unless a test asks for one."""
    return CliRunner().invoke(
        cli, ["--delay", "0", "--timeout", "5", *args], input=stdin, env=env,
        catch_exceptions=False,
    )  # fmt: skip


def db(folder: Path) -> sqlite_utils.Database:
    return sqlite_utils.Database(folder / "archive.db")


def fetch_row(folder: Path, url: str) -> dict[str, Any]:
    rows = list(db(folder).query("select * from fetches where url = ? order by id", [url]))
    assert rows, f"no fetch logged for {url}"
    return rows[-1]


def article_count(folder: Path) -> int:
    return db(folder)["articles"].count


def paths(server: HTTPServer) -> list[str]:
    return [request.path for request, _ in server.log]


def seed(httpserver: HTTPServer, path: str = SEED, **headers: str) -> str:
    return serve(httpserver, path, fixture_html("seetao_article"), headers=headers)


# -- the input ---------------------------------------------------------------------


def test_urls_from_a_file_and_stdin_with_comments_blanks_and_duplicates(
    httpserver: HTTPServer, in_tmp: Path
) -> None:
    url = seed(httpserver)
    other = seed(httpserver, "/details/2.html")
    (in_tmp / "urls.txt").write_text(f"# tonight's list\n\n{url}\n  {url}?utm_source=x  \n")
    result = scrape("-i", "urls.txt", "-i", "-", stdin=f"{other}\n# done\n{url}#top\n")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        f"inserted {url} (article 1): {HEADLINE}",
        f"inserted {other} (article 2): {HEADLINE}",
    ]
    assert re.fullmatch(
        r"2 URLs in \d+\.\d s: 2 archived, 0 unchanged, 0 skipped, 0 failed"
        r" \(2 duplicates ignored\)", lines[2],
    )  # fmt: skip
    assert len(lines) == 3
    assert paths(httpserver) == ["/robots.txt", SEED, "/details/2.html"]


def test_a_run_that_changed_much_of_the_archive_merges_its_search_index(
    httpserver: HTTPServer, in_tmp: Path
) -> None:
    urls = [seed(httpserver, f"/details/{n}.html") for n in range(3)]
    assert scrape(*urls).exit_code == 0
    (upkeep,) = db(in_tmp).query("select writes, tidied_at from search_upkeep")
    assert upkeep["writes"] == 0 and upkeep["tidied_at"]
    assert len(list(db(in_tmp)["articles"].search("Nuryshev"))) == 3


def test_no_url_at_all_is_a_usage_error(in_tmp: Path) -> None:
    assert "no URL" in scrape().stderr
    (in_tmp / "empty.txt").write_text("# nothing tonight\n\n")
    result = scrape("-i", "empty.txt")
    assert result.exit_code == 2
    assert "no URL" in result.stderr


# -- robots.txt ----------------------------------------------------------------------


def test_a_disallowed_url_is_skipped_unrequested(httpserver: HTTPServer, in_tmp: Path) -> None:
    serve(
        httpserver, "/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    private = seed(httpserver, "/private/1.html")
    public = seed(httpserver)
    result = scrape(private, public)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == f"skipped {private}: robots.txt disallows it for scrape"
    row = fetch_row(in_tmp, private)
    assert (row["outcome"], row["status"], row["attempts"]) == ("skipped", None, 0)
    assert paths(httpserver) == ["/robots.txt", SEED]
    assert article_count(in_tmp) == 1


def test_rules_for_our_agent_are_obeyed_and_others_are_not(
    httpserver: HTTPServer, in_tmp: Path
) -> None:
    rules = "User-agent: otherbot\nDisallow: /\n\nUser-agent: scrape\nDisallow: /details/\n"
    serve(httpserver, "/robots.txt", rules, content_type="text/plain")
    url = seed(httpserver)
    assert scrape(url).stderr.startswith(f"skipped {url}: robots.txt disallows it for scrape")
    assert scrape("--user-agent", "otherbot/2.0 (+https://example.org)", url).stderr.startswith(
        f"skipped {url}: robots.txt disallows it for otherbot"
    )


@pytest.mark.parametrize("status", [404, 403, 410])
def test_no_robots_txt_allows_everything(httpserver: HTTPServer, in_tmp: Path, status: int) -> None:
    serve(httpserver, "/robots.txt", "no", status=status)
    url = seed(httpserver)
    result = scrape(url)
    assert (result.exit_code, result.stderr.split()[0]) == (0, "inserted")


@pytest.mark.parametrize(
    ("status", "body", "content_type", "reason"),
    [
        (503, "down", "text/plain",
         "robots.txt unavailable (HTTP 503 SERVICE UNAVAILABLE): the site is off limits for now"),
        (429, "slow down", "text/plain",
         "robots.txt unavailable (HTTP 429 TOO MANY REQUESTS): the site is off limits for now"),
        (200, "<!DOCTYPE html><html><body>Welcome!</body></html>", "text/html",
         "robots.txt is an HTML page, not rules: the site is off limits for now"),
        (200, "<html><body>Page not found</body></html>", "text/plain",
         "robots.txt is an HTML page, not rules: the site is off limits for now"),
    ],
)  # fmt: skip
def test_an_unreadable_robots_txt_puts_the_site_off_limits(
    httpserver: HTTPServer, in_tmp: Path, status: int, body: str, content_type: str, reason: str
) -> None:
    serve(httpserver, "/robots.txt", body, status=status, content_type=content_type)
    url = seed(httpserver)
    result = scrape(url)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"failed {url}: {reason}"
    assert (fetch_row(in_tmp, url)["outcome"], fetch_row(in_tmp, url)["error"]) == (
        "failed",
        reason,
    )
    assert paths(httpserver) == ["/robots.txt"]
    assert article_count(in_tmp) == 0


def test_rules_served_as_html_are_still_rules(httpserver: HTTPServer, in_tmp: Path) -> None:
    serve(
        httpserver, "/robots.txt", "User-agent: *\nDisallow: /details/\n", content_type="text/html"
    )
    url = seed(httpserver)
    assert scrape(url).stderr.startswith(f"skipped {url}: robots.txt disallows it")


def test_a_robots_timeout_puts_the_site_off_limits(in_tmp: Path) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.5)
        return Response("User-agent: *\nAllow: /\n", content_type="text/plain")

    with another_host(threaded=True) as server:
        server.expect_request("/robots.txt").respond_with_handler(slow)
        url = seed(server)
        result = scrape("--timeout", "0.2", url)
        assert paths(server) == ["/robots.txt"]
    assert result.exit_code == 1
    assert result.stderr.startswith(f"failed {url}: timed out")


def test_robots_txt_is_kept_a_day_and_failures_briefly(
    httpserver: HTTPServer, in_tmp: Path
) -> None:
    serve(httpserver, "/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    url = seed(httpserver)
    assert scrape(url).exit_code == 0
    assert scrape(url).exit_code == 0
    assert paths(httpserver) == ["/robots.txt", SEED, SEED]
    kept = db(in_tmp)["robots"].get(httpserver.url_for("").rstrip("/"))
    assert kept["rules"] == "User-agent: *\nAllow: /\n"
    assert kept["expires_at"] > kept["fetched_at"]


def test_ignore_robots_says_so_and_fetches_anyway(httpserver: HTTPServer, in_tmp: Path) -> None:
    serve(httpserver, "/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    url = seed(httpserver)
    result = scrape("-q", "--ignore-robots", url)
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: --ignore-robots: robots.txt is not read")
    assert paths(httpserver) == [SEED]
    assert article_count(in_tmp) == 1


# -- pauses --------------------------------------------------------------------------


def timed(server: HTTPServer, body: bytes, times: list[tuple[float, float]]) -> None:
    def handler(request: Request) -> Response:
        start = time.monotonic()
        response = Response(body, content_type="text/html")
        times.append((start, time.monotonic()))
        return response

    server.expect_request(SEED).respond_with_handler(handler)
    server.expect_request("/details/2.html").respond_with_handler(handler)
    server.expect_request("/details/3.html").respond_with_handler(handler)


def test_one_host_is_paused_and_hosts_run_in_parallel(httpserver: HTTPServer, in_tmp: Path) -> None:
    with another_host() as second:
        first_times: list[tuple[float, float]] = []
        second_times: list[tuple[float, float]] = []
        timed(httpserver, fixture_html("seetao_article"), first_times)
        timed(second, fixture_html("seetao_article"), second_times)
        urls = [server.url_for(path) for path in (SEED, "/details/2.html", "/details/3.html")
                for server in (httpserver, second)]  # fmt: skip
        started = time.monotonic()
        result = scrape("--delay", "0.2", *urls)
        took = time.monotonic() - started
    assert result.exit_code == 0, result.stderr
    for times in (first_times, second_times):
        gaps = [b[0] - a[1] for a, b in itertools.pairwise(times)]
        assert len(gaps) == 2 and min(gaps) >= 0.2, gaps
    # robots.txt and three pages per host, a pause after each: about 0.6 s, not 1.2 s
    assert took < 1.1


def test_a_crawl_delay_is_honoured(httpserver: HTTPServer, in_tmp: Path) -> None:
    serve(httpserver, "/robots.txt", "User-agent: *\nCrawl-delay: 0.3\n", content_type="text/plain")
    times: list[tuple[float, float]] = []
    timed(httpserver, fixture_html("seetao_article"), times)
    assert scrape(httpserver.url_for(SEED), httpserver.url_for("/details/2.html")).exit_code == 0
    assert times[1][0] - times[0][1] >= 0.3
    # The next run reads robots.txt from the archive, Crawl-delay included.
    assert (
        scrape(
            httpserver.url_for("/details/2.html"), httpserver.url_for("/details/3.html")
        ).exit_code
        == 0
    )
    assert paths(httpserver).count("/robots.txt") == 1
    assert times[3][0] - times[2][1] >= 0.3


def test_the_next_run_honours_the_pause(httpserver: HTTPServer, in_tmp: Path) -> None:
    times: list[tuple[float, float]] = []
    timed(httpserver, fixture_html("seetao_article"), times)
    assert scrape("--delay", "0.4", httpserver.url_for(SEED)).exit_code == 0
    assert scrape("--delay", "0.4", httpserver.url_for("/details/2.html")).exit_code == 0
    assert times[1][0] - times[0][1] >= 0.4
    host = db(in_tmp)["hosts"].get(f"localhost:{httpserver.port}")
    assert host["slowdown"] == 1.0


# -- time -----------------------------------------------------------------------------


def test_a_slow_server_times_out(in_tmp: Path) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return Response(fixture_html("seetao_article"), content_type="text/html")

    with another_host(threaded=True) as server:
        server.expect_request(SEED).respond_with_handler(slow)
        url = server.url_for(SEED)
        result = scrape("--timeout", "0.3", url)
    assert result.exit_code == 1
    assert (
        result.stderr.splitlines()[0]
        == f"failed {url}: timed out: the page took longer than 0.3 s in all"
    )
    row = fetch_row(in_tmp, url)
    assert (row["outcome"], row["attempts"], row["status"]) == ("failed", 1, None)  # not retried
    assert 0.25 < row["elapsed"] < 0.5
    assert article_count(in_tmp) == 0


def test_a_dripping_server_is_cut_off_at_the_total_limit(in_tmp: Path) -> None:
    with another_host(threaded=True) as server:
        server.expect_request(SEED).respond_with_handler(drip(b"<html><body>" + b"." * 100, 0.02))
        url = server.url_for(SEED)
        started = time.monotonic()
        result = scrape("--timeout", "0.4", url)
        took = time.monotonic() - started
    assert took < 1.0
    assert result.exit_code == 1
    assert (
        result.stderr.splitlines()[0]
        == f"failed {url}: timed out: the page took longer than 0.4 s in all"
    )
    row = fetch_row(in_tmp, url)
    assert (row["outcome"], row["status"]) == ("failed", 200)  # the headers came in time
    assert row["elapsed"] < 0.6
    assert article_count(in_tmp) == 0


# -- retries --------------------------------------------------------------------------


def test_5xx_then_200_is_retried_and_archived(httpserver: HTTPServer, in_tmp: Path) -> None:
    httpserver.expect_request(SEED).respond_with_handler(sequence(
        Response("oops", status=500), Response("busy", status=503), Response("bad", status=502),
        Response(fixture_html("seetao_article"), content_type="text/html"),
    ))  # fmt: skip
    url = httpserver.url_for(SEED)
    result = scrape(url)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"inserted {url} (article 1)")
    row = fetch_row(in_tmp, url)
    assert (row["outcome"], row["status"], row["attempts"]) == ("inserted", 200, 4)


def test_retries_are_bounded(httpserver: HTTPServer, in_tmp: Path) -> None:
    serve(httpserver, SEED, "still broken", status=500)
    url = httpserver.url_for(SEED)
    result = scrape("--retries", "2", url)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"failed {url}: HTTP 500 INTERNAL SERVER ERROR"
    row = fetch_row(in_tmp, url)
    assert (row["outcome"], row["status"], row["attempts"]) == ("failed", 500, 3)
    assert paths(httpserver) == ["/robots.txt", SEED, SEED, SEED]
    assert article_count(in_tmp) == 0


@pytest.mark.parametrize("status", [400, 404, 501])
def test_other_errors_are_not_retried(httpserver: HTTPServer, in_tmp: Path, status: int) -> None:
    serve(httpserver, SEED, "no", status=status)
    url = httpserver.url_for(SEED)
    assert scrape(url).exit_code == 1
    assert fetch_row(in_tmp, url)["attempts"] == 1


def test_a_reset_connection_is_retried(in_tmp: Path) -> None:
    answers = iter([RESET, RESET])
    page = http_response(fixture_html("seetao_article"))

    def answer(path: str) -> bytes | None:
        if path == "/robots.txt":
            return http_response(b"", status="404 Not Found")
        return next(answers, page)

    server = RawServer(answer)
    url = server.url_for(SEED)
    try:
        result = scrape(url)
    finally:
        server.close()
    assert result.exit_code == 0, result.stderr
    assert fetch_row(in_tmp, url)["attempts"] == 3


def test_a_connection_reset_every_time_fails(in_tmp: Path) -> None:
    server = RawServer(
        lambda path: http_response(b"", "404 Not Found") if path == "/robots.txt" else RESET
    )
    url = server.url_for(SEED)
    try:
        result = scrape(url)
    finally:
        server.close()
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"failed {url}: connection reset by the server"
    row = fetch_row(in_tmp, url)
    assert (row["outcome"], row["attempts"], row["status"]) == ("failed", 4, None)
    assert article_count(in_tmp) == 0


def test_a_short_retry_after_is_waited_for(httpserver: HTTPServer, in_tmp: Path) -> None:
    httpserver.expect_request(SEED).respond_with_handler(sequence(
        Response("wait", status=429, headers={"Retry-After": "0"}),
        Response(fixture_html("seetao_article"), content_type="text/html"),
    ))  # fmt: skip
    url = httpserver.url_for(SEED)
    assert scrape(url).exit_code == 0
    assert fetch_row(in_tmp, url)["attempts"] == 2


def test_a_long_retry_after_reschedules_the_host(httpserver: HTTPServer, in_tmp: Path) -> None:
    serve(httpserver, SEED, "later", status=429, headers={"Retry-After": "3600"})
    url, other = httpserver.url_for(SEED), seed(httpserver, "/details/2.html")
    started = time.monotonic()
    result = scrape(url, other)
    assert time.monotonic() - started < 1
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0].startswith(
        f"rescheduled {url}: the server asked to wait 3600 s (HTTP 429 TOO MANY REQUESTS);"
        " rescheduled for after 20"
    )
    assert lines[1].startswith(
        f"rescheduled {other}: localhost:{httpserver.port} is not to be asked"
    )
    assert lines[2].endswith(": 0 archived, 0 unchanged, 2 skipped, 0 failed")
    row = fetch_row(in_tmp, url)
    assert (row["outcome"], row["status"], row["attempts"]) == ("rescheduled", 429, 1)
    assert row["retry_at"] > row["fetched_at"]
    assert paths(httpserver) == ["/robots.txt", SEED]  # the other URL was not requested
    # The next run, before the time has come, asks nothing either.
    again = scrape(other)
    assert again.stderr.startswith(f"rescheduled {other}")
    assert paths(httpserver) == ["/robots.txt", SEED]
    assert article_count(in_tmp) == 0


# -- size and type --------------------------------------------------------------------


def test_a_compression_bomb_is_refused(httpserver: HTTPServer, in_tmp: Path) -> None:
    serve(httpserver, SEED, gzip_bomb(50 * 1024 * 1024), headers={"Content-Encoding": "gzip"})
    url = httpserver.url_for(SEED)
    result = scrape("--max-bytes", "1000000", url)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"failed {url}: page is larger than 1,000,000 bytes"
    row = fetch_row(in_tmp, url)
    assert (row["outcome"], row["status"], row["bytes"]) == ("failed", 200, None)
    assert article_count(in_tmp) == 0


def test_a_huge_page_is_refused(httpserver: HTTPServer, in_tmp: Path) -> None:
    httpserver.expect_request(SEED).respond_with_handler(
        lambda request: Response(iter([b"<html><body>", b"x" * 300_000]), content_type="text/html")
    )  # streamed: no Content-Length to refuse it by
    url = httpserver.url_for(SEED)
    result = scrape("--max-bytes", "100000", url)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"failed {url}: page is larger than 100,000 bytes"
    assert article_count(in_tmp) == 0


def test_a_pdf_labelled_html_is_refused(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, SEED, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj" + b"\0" * 3000,
                content_type="text/html; charset=utf-8")  # fmt: skip
    result = scrape(url)
    assert result.exit_code == 1
    reason = "not HTML: the server sent a PDF document labelled text/html"
    assert result.stderr.splitlines()[0] == f"failed {url}: {reason}"
    assert (fetch_row(in_tmp, url)["error"], fetch_row(in_tmp, url)["status"]) == (reason, 200)
    assert article_count(in_tmp) == 0


# -- redirects -------------------------------------------------------------------------


def test_a_redirect_loop_fails_with_both_urls_logged(httpserver: HTTPServer, in_tmp: Path) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=301, headers={"Location": "/a"})
    url = httpserver.url_for("/a")
    result = scrape(url)
    assert result.exit_code == 1
    assert (
        result.stderr.splitlines()[0]
        == f"failed {url}: redirect loop: {httpserver.url_for('/b')} leads back to {url}"
    )
    row = fetch_row(in_tmp, url)
    assert (row["url"], row["final_url"]) == (url, httpserver.url_for("/b"))


def test_a_redirect_is_logged_with_both_urls(httpserver: HTTPServer, in_tmp: Path) -> None:
    target = seed(httpserver)
    httpserver.expect_request("/short").respond_with_data(
        "", status=302, headers={"Location": SEED}
    )
    url = httpserver.url_for("/short")
    assert scrape(url).exit_code == 0
    row = fetch_row(in_tmp, url)
    assert (row["url"], row["final_url"], row["status"]) == (url, target, 200)


@pytest.fixture
def public_proxy(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> str:
    """Route http:// through the local server, as a proxy: news.test then looks like any
    public site (it has no address here), though its answers come from 127.0.0.1."""
    monkeypatch.setenv("HTTP_PROXY", httpserver.url_for("").rstrip("/"))
    for name in ("NO_PROXY", "no_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    return "http://news.test"


def test_a_public_site_may_not_redirect_to_a_private_address(
    httpserver: HTTPServer, in_tmp: Path, public_proxy: str
) -> None:
    inside = f"http://127.0.0.1:{httpserver.port}/admin"
    httpserver.expect_request("/start").respond_with_data(
        "", status=302, headers={"Location": inside}
    )
    seed(httpserver, "/admin")
    url = f"{public_proxy}/start"
    result = scrape(url)
    assert result.exit_code == 1
    reason = (f"redirect from news.test to a private address refused: {inside} (127.0.0.1);"
              " --allow-private follows it")  # fmt: skip
    assert result.stderr.splitlines()[0] == f"failed {url}: {reason}"
    row = fetch_row(in_tmp, url)
    assert (row["final_url"], row["error"]) == (inside, reason)
    assert "/admin" not in paths(httpserver)
    assert article_count(in_tmp) == 0
    allowed = scrape("--allow-private", url)
    assert allowed.stderr.startswith(f"inserted {url} (article 1)")


# -- gates and paywalls -----------------------------------------------------------------


CHALLENGE = b"""<!DOCTYPE html><html><head><title>Just a moment...</title></head>
<body><div id="challenge-running">Checking if the site connection is secure</div></body></html>"""
LOGIN = b"""<html><head><title>Sign in | The Daily</title></head><body>
<h1>Sign in to keep reading</h1>
<form><input type="email" name="email"><input type="password" name="pw"><button>Log in</button>
</form></body></html>"""
CAPTCHA = b"""<html><head><title>news.test</title></head><body><p>Please show us you are not a
robot.</p><div class="g-recaptcha" data-sitekey="x"></div></body></html>"""


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        (401, b"", "login required (HTTP 401)"),
        (402, b"", "payment required (HTTP 402)"),
        (403, b"Forbidden", "access denied (HTTP 403)"),
        (403, CHALLENGE, "an anti-bot challenge page (HTTP 403)"),
        (503, CHALLENGE, "an anti-bot challenge page (HTTP 503)"),
        (200, CHALLENGE, "an anti-bot challenge page (HTTP 200)"),
        (200, CAPTCHA, "a captcha page (HTTP 200)"),
        (200, LOGIN, "a login wall"),
    ],
)
def test_gated_pages_are_reported_not_archived(
    httpserver: HTTPServer, in_tmp: Path, status: int, body: bytes, reason: str
) -> None:
    url = serve(httpserver, SEED, body, status=status)
    result = scrape("-q", url)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"gated {url}: {reason}"]
    row = fetch_row(in_tmp, url)
    assert (row["outcome"], row["status"], row["error"], row["attempts"]) == (
        "gated", status, reason, 1,
    )  # fmt: skip
    assert article_count(in_tmp) == 0


def test_a_paywalled_article_is_archived_and_flagged(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, "/finance/banks.html", fixture_html("paywalled_article"))
    result = scrape(url)
    assert result.exit_code == 0
    assert result.stderr.startswith(f"inserted {url} (article 1, paywalled): Regional banks")
    assert db(in_tmp)["articles"].get(1)["paywalled"] == 1


# -- conditional GET ---------------------------------------------------------------------


def test_a_304_is_unchanged_without_download(httpserver: HTTPServer, in_tmp: Path) -> None:
    modified = "Tue, 07 May 2024 10:00:00 GMT"
    validators = {"If-None-Match": '"v1"', "If-Modified-Since": modified}
    httpserver.expect_request(SEED, headers=validators).respond_with_data("", status=304)
    url = seed(httpserver, ETag='"v1"', **{"Last-Modified": modified})
    assert scrape(url).exit_code == 0
    again = scrape("--json", url)
    assert again.exit_code == 0
    assert again.stderr.startswith(f"unchanged {url} (article 1): {HEADLINE}")
    assert json.loads(again.stdout)["headline"] == HEADLINE
    row = fetch_row(in_tmp, url)
    assert (row["outcome"], row["status"], row["bytes"], row["article_id"]) == (
        "unchanged",
        304,
        0,
        1,
    )
    assert db(in_tmp)["versions"].count == 1


# -- charsets -----------------------------------------------------------------------------


TEXT = {
    "en": "The committee met on Tuesday to discuss the harbour plan and agreed to publish the report.",
    "fr": "Le comité s’est réuni mardi : le plan du port coûtera 12 € par habitant, à l’été prochain.",
    "ja": "委員会は火曜日に港湾計画について協議し、来月に報告書の全文を公表することで合意した。",
    "zh": "委员会周二召开会议讨论港口规划，成员们同意下个月公布完整报告，计划还包括防波堤改造。",
    "zh-hant": "委員會週二召開會議討論港口規劃，成員們同意下個月公布完整報告，該計劃還包括防波堤改造。",
    "ko": "위원회는 화요일 회의를 열어 항만 계획을 논의했으며 다음 달 전체 보고서를 공개하기로 합의했다.",
    "ru": "Комитет собрался во вторник, чтобы обсудить план развития порта, и решил опубликовать доклад.",
}


def article_page(text: str, meta: str = "") -> str:
    paragraphs = "".join(f"<p>{text} {n}</p>" for n in range(1, 4))
    return (f"<!DOCTYPE html><html><head>{meta}<title>Harbour plan</title>"
            '<meta property="og:type" content="article"></head><body><article>'
            f"<h1>Harbour plan agreed</h1>{paragraphs}</article></body></html>")  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "encoding", "header", "meta"),
    [
        ("en", "utf-8", "utf-8", ""),
        ("fr", "utf-8", None, ""),
        ("fr", "utf-8", None, '<meta charset="utf-8">'),
        ("fr", "utf-8-sig", None, ""),
        ("fr", "windows-1252", "windows-1252", ""),
        ("fr", "windows-1252", None, '<meta charset="windows-1252">'),
        ("fr", "windows-1252", "iso-8859-1", ""),  # mislabelled: curly quotes and € are cp1252
        ("fr", "windows-1252", "utf-8", ""),  # a false UTF-8 header
        ("fr", "windows-1252", None, ""),
        ("ja", "shift_jis", "Shift_JIS", ""),
        ("ja", "shift_jis", None, '<meta charset="Shift_JIS">'),
        ("zh", "gb2312", "gb2312", ""),
        ("zh", "gbk", None, '<meta http-equiv="Content-Type" content="text/html; charset=GBK">'),
        ("zh", "gb18030", "gb18030", ""),
        ("zh", "gb18030", None, ""),
        ("zh-hant", "big5", "big5", ""),
        ("zh-hant", "big5", None, '<meta charset="big5">'),
        ("ko", "euc-kr", "euc-kr", ""),
        ("ko", "euc-kr", None, '<meta charset="euc-kr">'),
        ("ru", "koi8-r", "koi8-r", ""),
        ("ru", "koi8-r", None, '<meta charset="koi8-r">'),
        ("ru", "utf-16", None, ""),  # with a byte-order mark
        ("ja", "utf-16", "utf-16", ""),
    ],
)
def test_each_charset_over_http(
    httpserver: HTTPServer, in_tmp: Path, lang: str, encoding: str, header: str | None, meta: str
) -> None:
    text = TEXT[lang]
    content_type = f"text/html; charset={header}" if header else "text/html"
    url = serve(httpserver, "/news/1.html", article_page(text, meta).encode(encoding),
                content_type=content_type)  # fmt: skip
    result = scrape(url)
    assert result.exit_code == 0, result.stderr
    body = db(in_tmp)["articles"].get(1)["body"]
    assert f"{text} 1" in body and f"{text} 3" in body


# -- output ----------------------------------------------------------------------------------


def test_json_for_every_outcome(httpserver: HTTPServer, in_tmp: Path) -> None:
    serve(
        httpserver, "/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    url, private = seed(httpserver), seed(httpserver, "/private/1.html")
    gated = serve(httpserver, "/gated.html", "", status=401)
    objects = [
        json.loads(line) for line in scrape("--json", url, private, gated).stdout.splitlines()
    ]
    assert [(o["requested_url"], o["outcome"]) for o in objects] == [
        (url, "inserted"), (private, "skipped"), (gated, "gated"),
    ]  # fmt: skip
    assert objects[2] | {"url": gated} == {
        "requested_url": gated, "url": gated, "outcome": "gated", "status": 401,
        "error": "login required (HTTP 401)", "final_url": gated,
    }  # fmt: skip


def test_a_progress_line_on_a_terminal_only(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = seed(httpserver)
    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "scraper.cli", "--delay", "0", url, "http://no-such-host.invalid/"],
        stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL, timeout=60,
    )  # fmt: skip
    os.close(follower)
    shown = b""
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        shown += data
    os.close(leader)
    assert done.returncode == 1
    text = shown.decode()
    assert "\r\x1b[K0/2 done, 0 failed" in text
    assert "2/2 done, 1 failed" in text
    assert f"inserted {url} (article 1)" in text
    assert "2 URLs in" in text
