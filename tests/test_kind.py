"""Short pages: which are articles, which are error or site pages."""

from __future__ import annotations

import pytest

from scraper import extract
from scraper.errors import NotAnArticle

NAV = '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'


def test_a_brief_whose_title_sounds_like_an_error_is_still_an_article() -> None:
    page = f"""<html><head><title>Forbidden City reopens to visitors</title></head><body>{NAV}
    <article><h1>Forbidden City reopens to visitors</h1>
    <p>The palace museum opens its gates again on Monday.</p></article></body></html>"""
    article = extract(page, "https://news.example/briefs/forbidden-city")
    assert article.body == "The palace museum opens its gates again on Monday."


def test_a_page_of_data_without_sentences_is_not_too_little_text() -> None:
    rows = "".join(
        f"<tr><td>Station {n}</td><td>{n * 3} mm</td><td>{n % 7} C</td></tr>" for n in range(40)
    )
    page = f"""<html><head><title>Rainfall by station</title></head><body>{NAV}
    <h1>Rainfall by station</h1><table>{rows}</table></body></html>"""
    assert "Station 39\t117 mm\t4 C" in extract(page, "https://weather.example/rain").body


@pytest.mark.parametrize("title", ["404", "Error 404 - Harbour Gazette", "Page not found"])
def test_an_error_page_served_as_200_is_refused(title: str) -> None:
    page = f"""<html><head><title>{title}</title></head><body>{NAV}
    <h1>{title}</h1><p>Sorry, that page is not here.</p></body></html>"""
    with pytest.raises(NotAnArticle, match="an error page") as caught:
        extract(page, "https://news.example/old-story")
    assert caught.value.kind == "error-page"


def test_paragraphs_wrapped_in_a_script_link_are_the_pages_text() -> None:
    page = """<html><head><title>A note</title></head><body>
    <a href="javascript:void(0)"><p>The ferry runs again</p><p>from Monday</p> at dawn</a>
    </body></html>"""
    assert extract(page, "https://example.com/note").body.startswith("The ferry runs again")


def test_a_few_words_among_the_sites_links_are_refused() -> None:
    page = f"""<html><head><title>Contact</title></head><body>{NAV}
    <p>Write to us</p></body></html>"""
    with pytest.raises(NotAnArticle):
        extract(page, "https://example.com/contact")


def test_a_front_page_that_is_one_post_in_full_is_that_post() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n} of the farewell note says why the blog stops after seven years, "
        "and where its old posts stay online for anyone who wants them.</p>"
        for n in range(1, 12)
    )
    page = f"""<html><head><title>Home</title></head><body>{NAV}<main><article>
    <h1><a href="https://video.example/goodbye">Time to say goodbye.</a></h1>{paragraphs}
    </article></main><footer><a href="/privacy">Privacy</a></footer></body></html>"""
    article = extract(page, "https://blog.example/")
    assert article.body.startswith("Paragraph 1 of the farewell note")
