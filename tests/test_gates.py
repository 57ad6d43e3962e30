"""Gates: login, payment and anti-bot pages are told apart from articles that mention them."""

from __future__ import annotations

import pytest

from scraper.gates import gate_reason

from .conftest import fixture_html

ARTICLE_TEXT = "<p>" + "The council approved the harbour plan after a long debate. " * 60 + "</p>"


@pytest.mark.parametrize(
    ("status", "page", "reason"),
    [
        (403, "<title>Just a moment...</title>", "an anti-bot challenge page (HTTP 403)"),
        (503, "<title>Attention Required! | CDN</title>", "an anti-bot challenge page (HTTP 503)"),
        (200, "<title>Checking your browser</title>", "an anti-bot challenge page (HTTP 200)"),
        (200, "<title>News</title><p>Enable JavaScript and cookies to continue</p>",
         "an anti-bot challenge page (HTTP 200)"),
        (200, "<title>Pardon Our Interruption</title>", "an anti-bot challenge page (HTTP 200)"),
        (429, "<title>x</title><div class='h-captcha'></div>", "a captcha page (HTTP 429)"),
        (200, "<title>Log in</title><form><input type='password'></form>", "a login wall"),
        (200, "<h1>Anmelden</h1><input name=p type=password>", "a login wall"),
        (401, "", "login required (HTTP 401)"),
        (402, "", "payment required (HTTP 402)"),
        (403, "<p>Forbidden</p>", "access denied (HTTP 403)"),
    ],
)  # fmt: skip
def test_gates(status: int, page: str, reason: str) -> None:
    assert gate_reason(status, page.encode()) == reason


@pytest.mark.parametrize(
    "page",
    [
        # an article with a comment form guarded by a captcha
        f"<title>Harbour plan</title>{ARTICLE_TEXT}<form><div class='g-recaptcha'></div></form>",
        # an article with a sign-in box in its header
        f"<title>Harbour plan</title><form><input type=password></form><h1>Log in</h1>"
        f"{ARTICLE_TEXT}",
        # an article about captchas
        "<title>Why captchas are getting harder</title><p>Researchers say the captcha...</p>",
        # "Just a moment" inside a longer title is a headline, not an interstitial
        "<title>Just a moment of silence: the city remembers its firefighters, one by one,"
        " today</title>",
    ],
)
def test_articles_are_not_gates(page: str) -> None:
    assert gate_reason(200, page.encode()) is None


@pytest.mark.parametrize("stem", ["seetao_article", "paywalled_article", "cookie_consent_wall",
                                  "jsonld_news_article", "live_blog"])  # fmt: skip
def test_fixture_pages_are_not_gates(stem: str) -> None:
    assert gate_reason(200, fixture_html(stem)) is None
