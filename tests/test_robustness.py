"""Any bytes give an article or a clear ExtractError: never a crash, a hang or a
silently truncated document."""

from __future__ import annotations

import pytest

from scraper import ExtractError, extract
from scraper.extract.parse import MAX_ELEMENTS

URL = "https://example.com/news/story"
PARAGRAPH = "<p>The council met on Tuesday to discuss the harbour plan, and members agreed to publish the report.</p>"


def page(body: str, head: str = "<title>Harbour plan</title>") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def test_truncated_page_keeps_what_arrived() -> None:
    data = page("<article><h1>Harbour plan</h1>" + PARAGRAPH * 6 + "</article>")
    cut = data[: len(data) * 2 // 3]  # mid-tag, no closing elements
    article = extract(cut, URL)
    assert article.body.startswith("The council met on Tuesday")


def test_deep_nesting_is_refused_not_truncated() -> None:
    data = page("<div>" * 5000 + PARAGRAPH * 3 + "</div>" * 5000)
    with pytest.raises(ExtractError, match="nested too deeply"):
        extract(data, URL)


def test_nesting_within_limits_is_fine() -> None:
    data = page("<div>" * 500 + PARAGRAPH * 3 + "</div>" * 500)
    assert "harbour plan" in extract(data, URL).body


def test_too_many_elements_is_a_clear_error() -> None:
    data = page("<div>" + "<span>x</span>" * (MAX_ELEMENTS + 1000) + "</div>")
    with pytest.raises(ExtractError, match="elements, more than"):
        extract(data, URL)


def test_huge_text_nodes_are_read_whole() -> None:
    # lxml stops at 10 MB text nodes unless told otherwise; the end must survive.
    data = page("<article><p>" + "word " * 2_500_000 + "end of the story.</p></article>")
    assert extract(data, URL).body.endswith("end of the story.")


@pytest.mark.parametrize(
    "data",
    [
        b"\x00" * 100,
        b"<html><body>\x00\x01\x02 binary \xff\xfe junk</body></html>",
        b"<<<>>>&&&;;;<!-- unclosed",
        b"<html><head><title>only a title</title></head></html>",
        b"just some words, no markup at all",
        "<p>Unpaired surrogate \ud800 in text</p>".encode("utf-8", "surrogatepass"),
    ],
)
def test_junk_gives_a_clear_error_or_an_article(data: bytes) -> None:
    try:
        article = extract(data, URL)
    except ExtractError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(article.body, str)


def test_right_to_left_text_is_kept_in_order() -> None:
    arabic = "افتتح وزير النقل اليوم المرحلة الأولى من مشروع توسعة الميناء، وقال إن العمل سيستمر حتى نهاية العام المقبل رغم الصعوبات."
    body = f"<article><h1>الميناء</h1><p>{arabic}</p><p>{arabic}</p></article>"
    data = page(body, head='<meta charset="utf-8"><title>الميناء</title>')
    data = data.replace(b"<html>", b'<html lang="ar" dir="rtl">')
    article = extract(data, URL)
    assert arabic in article.body.split("\n\n")
    assert article.language == "ar"


@pytest.mark.parametrize(
    ("name", "head", "body"),
    [
        # templates left in by a CMS: URLs that urljoin refuses
        ("template urls", '<meta property="og:image" content="https://[domain]/img.jpg">'
         '<link rel="canonical" href="http://[bad/"><base href="https://[x]/">', ""),
        ("text codec only", '<meta charset="base64">', ""),
        ("undefined codec", '<meta charset="undefined">', ""),
        ("deep JSON-LD", '<script type="application/ld+json">' + "[" * 50_000 + "]" * 50_000
         + "</script>", ""),
        ("related link template", "", '<div class="related"><h3>Related stories</h3>'
         '<a href="https://[x]/a">A related title that is long</a>'
         '<a href="/b">Another related title here</a></div>'),
    ],
)  # fmt: skip
def test_hostile_markup_is_read_around(name: str, head: str, body: str) -> None:
    data = page("<article><h1>Harbour plan</h1>" + PARAGRAPH * 4 + "</article>" + body,
                head=head + "<title>Harbour plan</title>")  # fmt: skip
    article = extract(data, URL)
    assert article.body.startswith("The council met on Tuesday"), name
    assert article.image is None and article.canonical_url is None
    assert all(link.url.startswith("https://example.com/") for link in article.related)


def test_a_hidden_body_is_an_anti_flicker_trick_not_a_hidden_page() -> None:
    data = page("<article><h1>Harbour plan</h1>" + PARAGRAPH * 4 + "</article>").replace(
        b"<body>", b'<body style="visibility:hidden">'
    )
    assert extract(data, URL).body.startswith("The council met on Tuesday")


def test_class_names_with_letters_that_fold_to_ascii_are_read() -> None:
    prose = "<p>" + "Some words of prose here, enough to count as an article. " * 5 + "</p>"
    page = (
        f'<html><body><div class="aB-ſhare eKshare"><article>{prose}</article></div></body></html>'
    )
    assert extract(page, "https://example.com/news/a").body.startswith("Some words of prose")


def test_a_second_head_is_not_read_as_the_pages_text() -> None:
    sidebar = "This sidebar holds the whole text of the page, as a few sites do. " * 5
    data = (
        "<html><head><meta charset='utf-8'></head><head><title>"
        + "A long title " * 40
        + f"</title></head><body><h1>Story</h1><div class='sidebar'><p>{sidebar}</p></div>"
        + "<p>Short line.</p></body></html>"
    ).encode()
    assert extract(data, URL).body.startswith("This sidebar holds the whole text")


def test_ruby_readings_are_not_read_into_the_text() -> None:
    sentence = "<ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもを<ruby>守<rt>まも</rt></ruby>る法律ができました。"
    body = "<article><h1>法律</h1>" + f"<p>{sentence * 3}</p>" * 3 + "</article>"
    article = extract(page(body, head='<meta charset="utf-8"><title>法律</title>'), URL)
    assert article.body.split("\n\n")[0] == "子どもを守る法律ができました。" * 3
