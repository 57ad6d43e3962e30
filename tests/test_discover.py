"""Feeds and sitemaps give article URLs with their dates."""

from __future__ import annotations

from datetime import datetime, timezone

from scraper.discover import (
    Entry,
    feeds_in_page,
    read_feed,
    read_sitemap,
    since,
    sitemaps_in_robots,
)

BASE = "https://news.example.com/"

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News</title><link>https://news.example.com/</link>
<item><title>Harbour plan approved</title><link>https://news.example.com/2024/05/02/harbour?utm_source=rss</link>
<pubDate>Thu, 02 May 2024 14:30:00 GMT</pubDate></item>
<item><title>Relative link</title><link>/2024/05/01/older</link><pubDate>Wed, 01 May 2024 09:00:00 +0000</pubDate></item>
<item><title>No link</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
<entry><title>Post one</title><link href="https://blog.example.org/post-one"/><updated>2024-05-03T10:00:00Z</updated></entry>
</feed>"""

JSON_FEED = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "JF",
"items": [{"id": "1", "url": "https://jf.example.net/a", "title": "A", "date_published": "2024-05-04T08:00:00+02:00"},
          {"id": "2", "external_url": "https://elsewhere.example/b"}]}"""

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example.com/2024/05/02/harbour</loc>
  <news:news><news:publication_date>2024-05-02T14:30:00+00:00</news:publication_date>
  <news:title>Harbour plan approved</news:title></news:news></url>
<url><loc>https://news.example.com/about</loc><lastmod>2020-01-01</lastmod></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example.com/sitemap-news.xml</loc></sitemap>
<sitemap><loc>/sitemap-2024-05.xml</loc></sitemap></sitemapindex>"""


def test_rss_entries_are_absolute_with_dates() -> None:
    entries = read_feed(RSS, BASE + "rss.xml")
    assert [e.url for e in entries] == [
        "https://news.example.com/2024/05/02/harbour?utm_source=rss",
        "https://news.example.com/2024/05/01/older",
    ]
    assert entries[0].published == "2024-05-02T14:30:00+00:00"
    assert entries[0].title == "Harbour plan approved"


def test_atom_and_json_feed() -> None:
    assert read_feed(ATOM, "https://blog.example.org/feed") == [
        Entry("https://blog.example.org/post-one", "2024-05-03T10:00:00+00:00", "Post one")
    ]
    entries = read_feed(JSON_FEED, "https://jf.example.net/feed.json")
    assert [e.url for e in entries] == ["https://jf.example.net/a", "https://elsewhere.example/b"]
    assert entries[0].published == "2024-05-04T08:00:00+02:00"


def test_sitemap_with_news_extension() -> None:
    sitemap = read_sitemap(SITEMAP, BASE + "sitemap.xml")
    assert sitemap.sitemaps == ()
    assert sitemap.entries[0] == Entry(
        "https://news.example.com/2024/05/02/harbour",
        "2024-05-02T14:30:00+00:00",
        "Harbour plan approved",
    )
    assert sitemap.entries[1].published == "2020-01-01"


def test_sitemap_index_and_text_sitemap() -> None:
    index = read_sitemap(INDEX, BASE + "sitemap.xml")
    assert index.sitemaps == (
        "https://news.example.com/sitemap-news.xml",
        "https://news.example.com/sitemap-2024-05.xml",
    )
    text = read_sitemap(b"https://a.example/1\n\n/relative\nnot a url\nhttp://b.example/2\n", BASE)
    assert [e.url for e in text.entries] == ["https://a.example/1", "http://b.example/2"]


def test_broken_documents_give_nothing_not_an_error() -> None:
    assert read_feed(b"<rss><channel><item><link>", BASE) == []
    assert read_feed(b"{not json", BASE) == []
    assert read_sitemap(b"<urlset><url><loc>", BASE).entries == ()


def test_feeds_announced_by_a_page() -> None:
    html = b"""<html><head>
    <link rel="alternate" type="application/rss+xml" title="All" href="/rss.xml">
    <link rel="alternate" type="application/atom+xml" href="https://news.example.com/atom.xml">
    <link rel="alternate" hreflang="fr" href="/fr/">
    <link rel="stylesheet" href="/style.css"></head><body><p>Home</p></body></html>"""
    assert feeds_in_page(html, BASE) == [
        "https://news.example.com/rss.xml",
        "https://news.example.com/atom.xml",
    ]


def test_sitemaps_named_in_robots() -> None:
    robots = "User-agent: *\nDisallow: /search\nSitemap: https://news.example.com/sitemap.xml\n"
    assert sitemaps_in_robots(robots) == ["https://news.example.com/sitemap.xml"]


def test_since_keeps_recent_and_undated_entries() -> None:
    entries = [Entry("https://a/1", "2024-05-02T14:30:00+00:00"), Entry("https://a/2", "2024-04-01"),
               Entry("https://a/3")]  # fmt: skip
    kept = since(entries, datetime(2024, 5, 1, tzinfo=timezone.utc))
    assert [e.url for e in kept] == ["https://a/1", "https://a/3"]
