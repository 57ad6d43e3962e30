"""The page the project was created from must come out exactly right."""

from __future__ import annotations

import pytest

from scraper import extract

from .conftest import SHARED, fixture_html, fixture_spec

URL = "https://www.seetao.com/details/209451.html"


@pytest.fixture(scope="module")
def article():
    return extract(fixture_html("seetao_article"), URL)


def test_headline(article) -> None:
    assert article.headline == "Ma Xingrui Met with Nuryshev, Kazakhstan's Ambassador to China"


def test_exactly_the_two_highlight_bullets(article) -> None:
    assert article.highlights == [
        "Both Kazakhstan and China are accelerating their respective modernization efforts",
        "The two sides will deepen cooperation in production capacity and foreign investment, "
        "promote the construction of interconnection, and further release the potential of "
        "Korgos, Alashankou and other ports and cross-border transportation",
    ]


def test_source_and_time_byline(article) -> None:
    assert article.site_name == "Seetao"
    assert article.published == "2023-03-19T09:59"
    assert article.authors == []
    assert article.section == "Exhibition Forum"


def test_body_is_the_three_paragraphs_whole_and_in_order(article) -> None:
    expected = fixture_spec("seetao_article")["body_paragraphs"]
    assert len(expected) == 3
    assert article.body == "\n\n".join(expected)


def test_six_related_links_absolute_and_in_order(article) -> None:
    assert len(article.related) == 6
    assert all(link.url.startswith("https://www.seetao.com/") for link in article.related)
    assert article.related[0].text.startswith("The 10th Guangzhou International Aggregates")
    assert (
        article.related[-1].text == "China Hebei Promotion Conference held in Auckland, New Zealand"
    )


@pytest.mark.parametrize(
    "phrase",
    [
        "Reading this article requires",
        "9 Minute",
        "Editor/XingWentao",
        "Related articles",
        "Retrieve password",
        "Get verification code",
        "Log in",
        "Qatar",
    ],
)
def test_no_widget_reading_time_editor_or_related_text(article, phrase: str) -> None:
    assert phrase not in article.body
    assert phrase not in article.body_markdown


def test_fixture_matches_the_seed_text() -> None:
    """Our fixture reproduces the real page's text: every paragraph is in the seed."""
    seed = SHARED / "seed" / "seetao-article.txt"
    if not seed.exists():
        pytest.skip("../shared/seed is not beside the project")
    text = seed.read_text("utf-8")
    spec = fixture_spec("seetao_article")
    for paragraph in spec["body_paragraphs"] + spec["expect"]["highlights"]:
        assert paragraph in text
    assert spec["expect"]["headline"] in text
