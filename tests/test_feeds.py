"""`scrape feed` and `scrape sitemap` against a local site: new articles archived, known ones not fetched."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from scraper.cli import cli

from .conftest import serve

PARAGRAPH = (
    "The council met on Tuesday to discuss the harbour plan, and members agreed to publish "
    "the full report next month after a long debate about the costs of the sea wall."
)


def article(n: int) -> str:
    return (f"<html><head><title>Story {n}</title></head><body><article><h1>Story number {n}</h1>"
            f"<p>{PARAGRAPH}</p><p>Story {n} goes on with a second paragraph of its own text.</p>"
            "</article></body></html>")  # fmt: skip


def run(*args: str):
    return CliRunner().invoke(cli, ["--delay", "0", *args], catch_exceptions=False)


def serve_articles(httpserver: HTTPServer, numbers: range) -> list[str]:
    return [serve(httpserver, f"/news/{n}", article(n)) for n in numbers]


def rss(urls: list[str], dates: list[str]) -> str:
    items = "".join(
        f"<item><title>t</title><link>{u}</link><pubDate>{d}</pubDate></item>"
        for u, d in zip(urls, dates, strict=False)  # more dates than URLs is fine
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{items}</channel></rss>'


def fetched(httpserver: HTTPServer) -> list[str]:
    return [request.path for request, _ in httpserver.log if request.path.startswith("/news/")]


DATES = ["Thu, 02 May 2024 14:30:00 GMT", "Wed, 01 May 2024 09:00:00 GMT",
         "Mon, 01 Jan 2024 09:00:00 GMT"]  # fmt: skip


def test_feed_archives_new_entries_once(httpserver: HTTPServer, in_tmp: Path) -> None:
    urls = serve_articles(httpserver, range(1, 4))
    feed = serve(httpserver, "/rss.xml", rss(urls, DATES), content_type="application/rss+xml")
    first = run("feed", feed)
    assert first.exit_code == 0, first.stderr
    assert "3 listed, 3 recent enough, 3 not yet archived" in first.stderr
    assert sorted(fetched(httpserver)) == ["/news/1", "/news/2", "/news/3"]
    assert sqlite_utils.Database(in_tmp / "archive.db")["articles"].count == 3
    again = run("feed", feed)
    assert again.exit_code == 0
    assert "3 listed, 3 recent enough, 0 not yet archived" in again.stderr
    assert len(fetched(httpserver)) == 3  # nothing fetched twice


def test_feed_since_keeps_recent_entries(httpserver: HTTPServer, in_tmp: Path) -> None:
    urls = serve_articles(httpserver, range(1, 4))
    feed = serve(httpserver, "/rss.xml", rss(urls, DATES), content_type="application/rss+xml")
    result = run("feed", "--since", "2024-05-01", feed)
    assert "3 listed, 2 recent enough, 2 not yet archived" in result.stderr
    assert sorted(fetched(httpserver)) == ["/news/1", "/news/2"]


def test_feed_found_from_a_home_page(httpserver: HTTPServer, in_tmp: Path) -> None:
    urls = serve_articles(httpserver, range(1, 3))
    serve(httpserver, "/rss.xml", rss(urls, DATES), content_type="application/rss+xml")
    home = serve(httpserver, "/", '<html><head><link rel="alternate" type="application/rss+xml"'
                                  ' href="/rss.xml"></head><body><h1>News</h1></body></html>')  # fmt: skip
    result = run("feed", home)
    assert result.exit_code == 0
    assert sorted(fetched(httpserver)) == ["/news/1", "/news/2"]


def test_sitemap_index_and_text_sitemap(httpserver: HTTPServer, in_tmp: Path) -> None:
    urls = serve_articles(httpserver, range(1, 4))
    base = httpserver.url_for("")
    serve(httpserver, "/sitemap-a.xml",
          '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
          + "".join(f"<url><loc>{u}</loc><lastmod>2024-05-02</lastmod></url>" for u in urls[:2])
          + "</urlset>", content_type="application/xml")  # fmt: skip
    serve(httpserver, "/sitemap-b.txt", urls[2] + "\n", content_type="text/plain")
    index = serve(httpserver, "/sitemap.xml",
                  '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                  f"<sitemap><loc>{base}sitemap-a.xml</loc></sitemap>"
                  "<sitemap><loc>/sitemap-b.txt</loc></sitemap></sitemapindex>",
                  content_type="application/xml")  # fmt: skip
    result = run("sitemap", index)
    assert result.exit_code == 0, result.stderr
    assert sorted(fetched(httpserver)) == ["/news/1", "/news/2", "/news/3"]


def test_sitemap_found_in_robots_txt(httpserver: HTTPServer, in_tmp: Path) -> None:
    urls = serve_articles(httpserver, range(1, 3))
    serve(httpserver, "/sitemap.xml",
          '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
          + "".join(f"<url><loc>{u}</loc></url>" for u in urls) + "</urlset>",
          content_type="application/xml")  # fmt: skip
    serve(httpserver, "/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {httpserver.url_for('/sitemap.xml')}\n",
          content_type="text/plain")  # fmt: skip
    home = serve(httpserver, "/", "<html><body><h1>News</h1><p>Welcome.</p></body></html>")
    result = run("sitemap", home)
    assert result.exit_code == 0, result.stderr
    assert sorted(fetched(httpserver)) == ["/news/1", "/news/2"]


def test_unreadable_listing_is_a_warning_and_exit_1(httpserver: HTTPServer, in_tmp: Path) -> None:
    missing = httpserver.url_for("/no-such-feed.xml")
    result = run("feed", missing)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"warning: {missing}: HTTP 404")


def test_gzipped_sitemap_and_mislabelled_feed(httpserver: HTTPServer, in_tmp: Path) -> None:
    import gzip

    urls = serve_articles(httpserver, range(1, 4))
    xml = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           + "".join(f"<url><loc>{u}</loc></url>" for u in urls[:2]) + "</urlset>")  # fmt: skip
    sitemap = serve(httpserver, "/sitemap.xml.gz", gzip.compress(xml.encode()),
                    content_type="application/x-gzip")  # fmt: skip
    assert run("sitemap", sitemap).exit_code == 0
    # a feed the server calls text/html is still a feed
    feed = serve(httpserver, "/feed", rss(urls[2:], DATES), content_type="text/html")
    assert run("feed", feed).exit_code == 0
    assert sorted(fetched(httpserver)) == ["/news/1", "/news/2", "/news/3"]


def test_broken_listings_are_warnings_not_tracebacks(httpserver: HTTPServer, in_tmp: Path) -> None:
    urls = serve_articles(httpserver, range(1, 2))
    good = serve(httpserver, "/rss.xml", rss(urls, DATES), content_type="application/rss+xml")
    nulls = serve(httpserver, "/null.json", '{"items": null}', content_type="application/feed+json")
    odd = serve(httpserver, "/odd.json", '{"items": [{"url": "https://[domain]/x", "date_published": 5}]}',
                content_type="application/feed+json")  # fmt: skip
    binary = serve(httpserver, "/page", b"\x89PNG\r\n\x1a\n\x00\x00", content_type="text/html")
    result = run("feed", nulls, odd, binary, good)
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 3
    assert fetched(httpserver) == ["/news/1"]


def test_feed_urls_from_a_file_and_listing_requests_are_paced(
    httpserver: HTTPServer, in_tmp: Path
) -> None:
    import time

    from werkzeug import Request, Response

    urls = serve_articles(httpserver, range(1, 3))
    asked: list[float] = []

    def feed_of(url: str):
        def handler(request: Request) -> Response:
            asked.append(time.monotonic())
            return Response(rss([url], DATES), content_type="application/rss+xml")

        return handler

    feeds = []
    for n, url in enumerate(urls):
        httpserver.expect_request(f"/rss{n}.xml").respond_with_handler(feed_of(url))
        feeds.append(httpserver.url_for(f"/rss{n}.xml"))
    (in_tmp / "feeds.txt").write_text("\n".join(feeds) + "\n")
    result = CliRunner().invoke(
        cli, ["--delay", "0.3", "feed", "-i", "feeds.txt"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(fetched(httpserver)) == ["/news/1", "/news/2"]
    assert len(asked) == 2 and asked[1] - asked[0] >= 0.3  # one host, one request at a time


def test_reparse_and_history_need_an_archive(httpserver: HTTPServer, in_tmp: Path) -> None:
    for args in (
        ["history", "https://example.com/a"],
        ["export", "--format", "jsonl"],
        ["reparse"],
    ):
        result = run("--db", "typo.db", *args)
        assert result.exit_code == 1
        assert (
            result.stderr
            == "Error: no archive at typo.db: scrape some URLs first, or name it with --db\n"
        )
    assert not (in_tmp / "typo.db").exists()
    url = serve_articles(httpserver, range(1, 2))[0]
    run(url)
    unknown = run("reparse", "https://example.com/never")
    assert unknown.exit_code == 1 and "no page of these URLs is kept" in unknown.stderr
    unwritable = run("export", "--format", "warc", "-o", str(in_tmp / "no" / "such" / "x.warc.gz"))
    assert unwritable.exit_code == 1 and unwritable.stderr.startswith("Error: cannot write ")
