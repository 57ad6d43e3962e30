"""Where the headline comes from when a page offers several candidates."""

from __future__ import annotations

from scraper import extract

PROSE = (
    "<p>" + "A paragraph long enough to be the prose of an article about the harbour. " * 3 + "</p>"
)
# Over 1,000 characters: an <article> with a linked title that short is a teaser card.
LONG_PROSE = PROSE * 6


def test_json_ld_name_that_is_the_site_name_is_not_the_headline() -> None:
    page = f"""<html><head><title>Council backs harbour plan - Harbour Gazette</title>
    <script type="application/ld+json">{{"@type": "NewsArticle", "name": "Harbour Gazette",
      "headline": "Council backs the harbour plan",
      "publisher": {{"@type": "Organization", "name": "Harbour Gazette"}}}}</script>
    </head><body><article>{PROSE}</article></body></html>"""
    article = extract(page, "https://news.example/a")
    assert article.headline == "Council backs the harbour plan"
    assert article.sources["headline"] == "json-ld"


def test_a_heading_that_links_home_is_the_logo() -> None:
    page = f"""<html><head><title>Council backs harbour plan | Harbour Gazette</title></head>
    <body><h1 class="site"><a href="/"><span>Harbour Gazette</span> <sup>beta</sup></a></h1>
    <article><h2>Council backs harbour plan</h2>{PROSE}</article></body></html>"""
    assert extract(page, "https://news.example/a").headline == "Council backs harbour plan"


def test_a_permalink_mark_is_not_part_of_the_headline() -> None:
    page = f"""<html><head><title>Shared history — the guide</title></head><body>
    <h1 class="heading"><a href="index.html"><span>the guide</span></a></h1>
    <div class="body"><h1>Shared history<a class="headerlink" href="#shared-history">¶</a></h1>
    {PROSE}</div></body></html>"""
    assert extract(page, "https://docs.example/shared.html").headline == "Shared history"


def test_a_linked_heading_with_a_sign_of_its_own_keeps_it() -> None:
    page = f"""<html><head><title>Learning C#</title></head><body>
    <article><h1><a href="/posts/c">Learning C#</a></h1>{LONG_PROSE}</article></body></html>"""
    assert extract(page, "https://blog.example/posts/c").headline == "Learning C#"


def test_a_heading_linked_to_the_page_itself_is_the_headline() -> None:
    for href in ("#", "#top", "/posts/c", "https://blog.example/posts/c"):
        page = f"""<html><head><title>Learning C# | Blog</title></head><body>
        <article><h1><a href="{href}">Learning C#</a></h1>{LONG_PROSE}</article></body></html>"""
        article = extract(page, "https://blog.example/posts/c")
        assert (article.headline, article.sources["headline"]) == ("Learning C#", "page")


def test_a_heading_with_a_broken_link_does_not_break_the_page() -> None:
    page = f"""<html><head><title>Council backs harbour plan</title></head><body>
    <h1><a href="http://[bad/">Council backs harbour plan</a></h1>{PROSE}</body></html>"""
    assert extract(page, "https://news.example/a").headline == "Council backs harbour plan"


def test_a_declared_title_loses_the_site_name_it_carries() -> None:
    page = f"""<html><head><title>Council backs harbour plan - Harbour Gazette</title>
    <meta property="og:site_name" content="Harbour Gazette">
    <meta property="og:title" content="Council backs harbour plan – Harbour Gazette">
    </head><body><article><h1>Council backs harbour plan</h1>{PROSE}</article></body></html>"""
    article = extract(page, "https://news.example/a")
    assert article.headline == "Council backs harbour plan"
    assert article.sources["headline"] == "opengraph"


def test_a_declared_title_loses_the_author_it_ends_with_but_keeps_a_name_it_opens_with() -> None:
    page = f"""<html><head><title>Jane Doe - Why I left the harbour board - Jane Doe - Blogs</title>
    <meta property="og:site_name" content="Blogs"><meta name="author" content="Jane Doe">
    <meta property="og:title" content="Jane Doe - Why I left the harbour board - Jane Doe - Blogs">
    </head><body><article><h1>Why I left</h1>{PROSE}</article></body></html>"""
    article = extract(page, "https://blogs.example/a")
    assert article.headline == "Jane Doe - Why I left the harbour board"
    assert article.authors == ["Jane Doe"]


def test_a_title_part_that_the_site_name_repeats_is_kept_alone() -> None:
    page = f"""<html><head><meta property="og:site_name" content="Harbour Radio">
    <meta property="og:title" content="Harbour - Harbour Radio"></head>
    <body><article><h1>Harbour</h1>{PROSE}</article></body></html>"""
    assert extract(page, "https://radio.example/a").headline == "Harbour"


def test_a_title_part_that_spells_the_host_is_the_site_name() -> None:
    page = f"""<html><head><meta property="og:title" content="La voix des nuls | ARTE Radio">
    </head><body><article><h1>La voix des nuls</h1>{PROSE}</article></body></html>"""
    assert extract(page, "https://www.arteradio.com/son/1").headline == "La voix des nuls"
    # On another host the same part may be the headline's own words.
    assert extract(page, "https://radio.example/son/1").headline == "La voix des nuls | ARTE Radio"


def test_title_parts_that_give_a_short_host_or_a_date_go() -> None:
    page = f"""<html><head>
    <title>Fertile land and elephants in Guinea | DW | 23.05.2011</title></head>
    <body><article><h2>Environment</h2>{PROSE}</article></body></html>"""
    article = extract(page, "https://www.dw.com/fr/fertile-land/a-6533123")
    assert article.headline == "Fertile land and elephants in Guinea"


def test_a_date_between_the_headline_and_the_site_goes() -> None:
    page = f"""<html><head>
    <meta property="og:title" content="Fertile land in Guinea | 23.05.2011 | DW"></head>
    <body><article><h2>Environment</h2>{PROSE}</article></body></html>"""
    article = extract(page, "https://www.dw.com/fr/fertile-land/a-6533123")
    assert article.headline == "Fertile land in Guinea"


def test_a_version_number_is_not_a_date() -> None:
    page = f"""<html><head><meta property="og:title" content="Changelog | 4.47.1"></head>
    <body><article><h2>Fixes</h2>{PROSE}</article></body></html>"""
    assert extract(page, "https://game.example/changelog").headline == "Changelog | 4.47.1"


def test_a_subdomain_names_a_part_of_the_site_not_the_site() -> None:
    page = f"""<html><head>
    <meta property="og:title" content="Harry Potter | Harry Potter Wiki | Fandom"></head>
    <body><article><h2>Early life</h2>{PROSE}</article></body></html>"""
    article = extract(page, "https://harrypotter.fandom.com/wiki/Harry_Potter")
    assert article.headline == "Harry Potter | Harry Potter Wiki"
    news = page.replace("Harry Potter | Harry Potter Wiki | Fandom", "News | Harbour weekly")
    assert extract(news, "https://news.example.com/a").headline == "News | Harbour weekly"


def test_a_country_domains_site_name_goes_whatever_the_subdomain() -> None:
    page = f"""<html><head>
    <meta property="og:title" content="Strikes continue across France - RFI"></head>
    <body><article><h2>France</h2>{PROSE}</article></body></html>"""
    assert extract(page, "https://en.rfi.fr/france/x").headline == "Strikes continue across France"
    news = page.replace("Strikes continue across France - RFI", "News | Harbour weekly")
    assert extract(news, "https://news.orf.at/stories/1").headline == "News | Harbour weekly"
