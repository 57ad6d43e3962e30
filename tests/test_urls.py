from __future__ import annotations

import pytest

from scraper.urls import BadURL, check_url, read_urls, unique_urls, url_key


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.example.com/news/a.html",
        "http://example.com/news/a.html",
        "https://example.com/news/a.html/",
        "https://example.com/news/a.html#section-2",
        "https://example.com:443/news/a.html",
        "https://EXAMPLE.com/news/a.html?utm_source=x&utm_campaign=y&fbclid=z&gclid=q",
    ],
)
def test_variants_share_a_key(variant: str) -> None:
    assert url_key(variant) == "example.com/news/a.html"


def test_content_parameters_stay_and_are_ordered() -> None:
    assert url_key("https://example.com/story?b=2&id=7&a=1") == "example.com/story?a=1&b=2&id=7"
    assert url_key("https://example.com/story?id=7") != url_key("https://example.com/story?id=8")


def test_paths_differ_by_case() -> None:
    assert url_key("https://example.com/News/A") != url_key("https://example.com/news/a")


@pytest.mark.parametrize(
    "url", ["example.com/a", "mailto:a@b.c", "http:///path", "https://h:notaport/"]
)
def test_check_url_refuses(url: str) -> None:
    with pytest.raises(BadURL):
        check_url(url)


def test_a_url_list_skips_blanks_and_comments() -> None:
    lines = ["# tonight\n", "\n", "  https://example.com/a  \n", "#https://example.com/b\n",
             "https://example.com/c#part\n"]  # fmt: skip
    assert list(read_urls(lines)) == ["https://example.com/a", "https://example.com/c#part"]


def test_unique_urls_keep_the_first_spelling_of_each_page() -> None:
    urls = ["https://example.com/a", "http://www.example.com/a/?utm_source=x", "notaurl",
            "https://example.com/b", "notaurl", "https://example.com/a#top"]  # fmt: skip
    assert unique_urls(urls) == ["https://example.com/a", "notaurl", "https://example.com/b"]
