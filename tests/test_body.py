"""The body as plain text and as Markdown: structure kept, inserts and captions placed right."""

from __future__ import annotations

import pytest
from lxml import etree

from scraper import extract
from scraper.extract.blocks import Block
from scraper.extract.selectors import PICTURE_AGENCIES

PROSE = "in a sentence long enough to count as the prose of an article about the harbour plan."
PAGE = f"""<html><head><title>Structured story</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Structured story</h1>
<p>The opening paragraph explains what happened, {PROSE}</p>
<h2>What the report found</h2>
<p>The second paragraph gives the details of the report, {PROSE}</p>
<div class="newsletter-signup"><p>Sign up for our daily newsletter and never miss a story.</p></div>
<ul><li>First finding, stated plainly.</li><li>Second finding, with a <a href="/x">link</a>.
<ul><li>A nested detail.</li></ul></li></ul>
<ol><li>Step one.</li><li>Step two.</li></ol>
<blockquote><p>We will publish everything, said the chair of the committee.</p></blockquote>
<pre><code>make build
make test</code></pre>
<table><thead><tr><th>Year</th><th>Cost</th></tr></thead>
<tbody><tr><td>2023</td><td>$1m</td></tr><tr><td>2024</td><td>$2m</td></tr></tbody></table>
<figure><img src="a.jpg"><figcaption>The harbour at dawn. Photo: Jane Doe</figcaption></figure>
<p>First line of an address<br>second line of it<br><br>A closing paragraph sums up, {PROSE}</p>
</article><footer>© Example News</footer></body></html>"""


@pytest.fixture(scope="module")
def article():
    return extract(PAGE.encode(), "https://example.com/news/structured")


@pytest.mark.parametrize(
    "snippet",
    [
        "## What the report found",
        "- First finding, stated plainly.\n- Second finding, with a link.\n  - A nested detail.",
        "\n\n1. Step one.\n1. Step two.",
        "> We will publish everything, said the chair of the committee.",
        "```\nmake build\nmake test\n```",
        "| Year | Cost |\n| --- | --- |\n| 2023 | $1m |\n| 2024 | $2m |",
        "*The harbour at dawn. Photo: Jane Doe*",
        "First line of an address  \nsecond line of it",
    ],
)
def test_markdown_keeps_structure(article, snippet: str) -> None:
    assert snippet in article.body_markdown


def test_plain_text_has_one_blank_line_between_paragraphs(article) -> None:
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("The opening paragraph")
    assert "What the report found" in paragraphs
    assert "2023\t$1m" in paragraphs
    assert paragraphs[-1].startswith("A closing paragraph sums up")
    assert "\n\n\n" not in article.body


def test_a_figure_caption_is_text_without_its_credit_other_captions_markdown_only() -> None:
    figures = (
        "<figure><img src='a.jpg'><figcaption>The harbour at dawn, before the works"
        "</figcaption><figcaption>Photo: Jane Doe/AFP</figcaption></figure>"
        "<figure><img src='b.jpg'><figcaption>The mayor at the quay on Tuesday "
        "(Jane Doe/Getty Images)</figcaption></figure>"
        "<figure><img src='c.jpg'><figcaption>Divers inspect the old sea wall before the "
        "vote on the plan. Photo: John Roe/AFP</figcaption></figure>"
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">'
        "https://video.example/watch?v=harbour</div></figure>"
        '<div class="wp-caption"><img src="d.jpg"><p class="wp-caption-text">The old quay</p></div>'
    )
    article = extract(_article(_story() + figures + _story(4, 6)), "https://example.com/news/s")
    assert "\n\nThe harbour at dawn, before the works\n\n" in article.body
    assert "\n\nThe mayor at the quay on Tuesday\n\n" in article.body
    assert "Divers inspect the old sea wall before the vote on the plan.\n\n" in article.body
    for left_out in ("Jane Doe", "John Roe", "video.example", "The old quay"):
        assert left_out not in article.body
    for caption in (
        "*The harbour at dawn, before the works*",
        "*Photo: Jane Doe/AFP*",
        "*The old quay*",
    ):
        assert caption in article.body_markdown


def test_inserts_and_furniture_stay_out(article) -> None:
    for phrase in (
        "Sign up for our daily newsletter",
        "Home",
        "© Example News",
        "Structured story",
    ):
        assert phrase not in article.body
        assert phrase not in article.body_markdown


def test_single_br_breaks_a_line_double_br_a_paragraph(article) -> None:
    assert "First line of an address\nsecond line of it\n\nA closing paragraph" in article.body


def test_a_list_article_in_a_table_keeps_its_header_and_linked_titles() -> None:
    rows = "".join(
        f'<tr><th><a href="/wiki/Film_{n}">Film {n}</a></th><td>{1980 + n}</td>'
        f"<td>A character relives the same day, {PROSE}</td></tr>"
        for n in range(1, 9)
    )
    page = f"""<html><head><title>List of films - Wiki</title></head><body>
    <div id="content"><h1>List of films</h1>
    <table class="wikitable"><thead><tr><th>Film</th><th>Year</th><th>Description</th></tr>
    </thead><tbody>{rows}</tbody></table>
    <div class="navbox"><a href="/a">One</a> <a href="/b">Two</a> <a href="/c">Three</a></div>
    </div></body></html>"""
    markdown = extract(page, "https://wiki.example/List_of_films").body_markdown
    assert markdown.startswith(
        "| Film | Year | Description |\n| --- | --- | --- |\n| Film 1 | 1981 |"
    )
    assert "| Film 8 | 1988 |" in markdown


def test_text_in_a_named_anchor_is_not_link_text() -> None:
    page = f"""<html><head><title>Anchored story</title></head><body><article>
    <h1>Anchored story</h1>
    <p><a name="part1">The first part sits in a named anchor, {PROSE}</a></p>
    <p><a name="part2">The second part sits in one too, {PROSE}</a></p>
    </article></body></html>"""
    body = extract(page, "https://example.com/news/anchored").body
    assert body.startswith("The first part sits in a named anchor")
    assert "The second part sits in one too" in body


LONG = "a caption long enough to read as prose, describing the picture above in a sentence or two"


def _story(first: int = 1, last: int = 3) -> str:
    return "".join(f"<p>Paragraph {n} of the story, {PROSE}</p>" for n in range(first, last + 1))


def _article(inside: str, after: str = "") -> str:
    paragraphs = "".join(f"<p>Paragraph {n} of the story, {PROSE}</p>" for n in range(1, 5))
    return f"""<html><head><title>The story</title></head><body><article><h1>The story</h1>
    {inside or paragraphs}</article>{after}</body></html>"""


def test_a_gallery_widget_inside_the_article_stays_out() -> None:
    slides = "".join(
        f"<li><h2>{n}/6 Slide {n}</h2><p>Slide {n} shows {LONG}, {PROSE}</p></li>"
        for n in range(1, 7)
    )
    paragraphs = "".join(f"<p>Paragraph {n} of the story, {PROSE}</p>" for n in range(1, 21))
    page = _article(f'{paragraphs}<div class="widget-gallery"><ul>{slides}</ul></div>')
    body = extract(page, "https://example.com/news/story").body
    assert "Paragraph 20 of the story" in body
    assert "Slide 3 shows" not in body


def test_teaser_cards_with_deeply_nested_titles_stay_out() -> None:
    card = (
        '<li><div class="card"><div class="card__inner"><div class="card__text">'
        '<h3><a href="/news/{n}"><div class="card__title">Another story number {n}</div></a></h3>'
        "<p>A summary of another story, {prose}</p></div></div></div></li>"
    )
    cards = "".join(card.format(n=n, prose=PROSE) for n in range(1, 6))
    page = _article("", after=f"<section><ul>{cards}</ul></section>")
    body = extract(page, "https://example.com/news/story").body
    assert "Paragraph 4 of the story" in body
    assert "Another story number" not in body and "A summary of another story" not in body


def test_an_intro_section_with_subheadings_is_body_not_a_standfirst() -> None:
    page = _article(
        f'<section class="intro"><h2>What it is</h2><p>The first part explains, {PROSE}</p>'
        f"<h2>Why it matters</h2><p>The second part argues, {PROSE}</p></section>"
        f"<p>The rest of the story follows, {PROSE}</p>"
    )
    article = extract(page, "https://example.com/news/story")
    assert article.highlights == []
    assert article.body.startswith("What it is\n\nThe first part explains")


def test_a_first_section_titled_highlights_is_body_a_key_points_box_is_not() -> None:
    items = "".join(f"<li>Item {n} of the week, {PROSE}</li>" for n in range(1, 4))
    more = "".join(f"<li>Item {n} of the week, {PROSE}</li>" for n in range(4, 7))
    figure = '<li><div class="wp-caption"><p class="wp-caption-text">A picture</p></div></li>'
    report = _article(
        f"<h3>Highlights</h3><ul>{items}{figure}{more}</ul>"
        f"<h3>Friends of the team</h3><ul>{items.replace('of the week', 'of the team')}</ul>"
    )
    article = extract(report, "https://example.com/news/story")
    assert article.highlights == []
    assert article.body.startswith("Highlights\n\nItem 1 of the week")
    assert "Item 6 of the week" in article.body

    boxed = _article(f"<h3>Key points</h3><ul>{items}</ul><p>The story opens, {PROSE}</p>")
    article = extract(boxed, "https://example.com/news/story")
    assert article.highlights[0].startswith("Item 1 of the week")
    assert "Item 1 of the week" not in article.body and "Key points" not in article.body

    # A short box stays a box when the article's first subheading follows it.
    boxed = _article(f"<h2>Key points</h2><ul>{items}</ul><h2>Background</h2><p>{PROSE}</p>")
    assert len(extract(boxed, "https://example.com/news/story").highlights) == 3


def test_highlights_start_at_the_h1_that_carries_a_label_and_are_never_links() -> None:
    page = f"""<html><head><title>Patch notes 4.47 - Equinox build</title></head><body>
    <div class="subheader-menu"><div class="news-snippet">No announcements
    There are no game announcements at the moment.</div>
    <div class="subheader-menu-item"><a href="/forums">Official forums</a></div></div>
    <h1><span class="label">Patch notes</span> Patch notes 4.47 - Equinox build</h1>
    <p class="standfirst">The equinox event gets fixes for bosses and quests.</p>
    <p class="standfirst"><a href="/notes">See all the patch notes of the season</a></p>
    <article>{_story()}</article></body></html>"""
    article = extract(page, "https://game.example/threads/patch-notes.3976/")
    assert article.highlights == ["The equinox event gets fixes for bosses and quests."]


def test_a_captioned_picture_after_a_key_points_box_ends_it() -> None:
    promo = '<ul><li><a href="/ferry">Read more: the ferry</a> row on the quay goes on</li></ul>'
    page = _article(
        "<h3>Key points</h3><ul><li>The council backs the plan for the harbour.</li></ul>"
        "<figure><img src='a.jpg'><figcaption>The harbour at dawn</figcaption></figure>"
        f"{promo}<p>The story opens, {PROSE}</p>"
    )
    article = extract(page, "https://example.com/news/story")
    assert article.highlights == ["The council backs the plan for the harbour."]


def test_a_marked_lead_gives_its_standfirst_not_its_byline_or_picture_caption() -> None:
    page = f"""<html><head><title>Whales strand</title></head><body><header class="intro">
    <h1>Whales strand</h1><p>Experts fear that changes in the ocean are behind the strandings.</p>
    <p>by Jane Doe (reporting) and John Roe (photography)</p>
    <figure><figcaption>Main image: a whale. Photograph: John Roe</figcaption></figure>
    <h1 class="is-hidden">Whales strand</h1></header><main>{_story()}</main></body></html>"""
    article = extract(page.encode(), "https://example.com/news/whales")
    assert article.highlights == [
        "Experts fear that changes in the ocean are behind the strandings."
    ]
    assert article.body.startswith("Paragraph 1 of the story")


def test_a_table_article_keeps_the_paragraphs_introducing_the_table() -> None:
    rows = "".join(
        f'<tr><td><a href="/wiki/F{n}">Film {n}</a></td><td>A plot summary, {PROSE}</td></tr>'
        for n in range(1, 31)
    )
    page = f"""<html><head><title>List of films</title></head><body><div id="content">
    <h1>List of films</h1><p>This list holds films in which a day repeats, {PROSE}</p>
    <table><tbody>{rows}</tbody></table></div></body></html>"""
    body = extract(page, "https://wiki.example/List_of_films").body
    assert body.startswith("This list holds films in which a day repeats")
    assert "Film 30\tA plot summary" in body
    # With nothing to introduce it, a table does not take in what follows it.
    alone = f"""<html><head><title>List of films</title></head><body><div id="content">
    <h1>List of films</h1><table><tbody>{rows}</tbody></table>
    <div class="box"><p>A box after the table, {PROSE}</p></div></div></body></html>"""
    body = extract(alone, "https://wiki.example/List_of_films").body
    assert "Film 30\tA plot summary" in body and "A box after the table" not in body


def test_a_list_of_links_the_text_introduces_is_kept_a_related_one_is_not() -> None:
    sources = "".join(f'<li><a href="/doc/{n}">Source document {n}</a></li>' for n in range(1, 4))
    related = "".join(f'<li><a href="/news/{n}">Another headline {n}</a></li>' for n in range(1, 4))
    popular = related.replace("Another", "Popular")
    tags = "<li><a href='/t/harbour'>Harbour</a></li><li><a href='/t/c'>Council</a></li>"
    page = _article(
        "".join(f"<p>Paragraph {n} of the story, {PROSE}</p>" for n in range(1, 5))
        + f"<p>The report draws on these documents:</p><ul>{sources}</ul>"
        + "".join(f"<p>Paragraph {n} of the story, {PROSE}</p>" for n in range(5, 9))
        + f"<h3>Related</h3><ul>{related}</ul><h3>Most popular</h3><ul>{popular}</ul>"
        + f"<p>Tags:</p><ul>{tags}</ul>"
    )
    body = extract(page, "https://example.com/news/story").body
    assert "Source document 2" in body
    assert "Another headline" not in body
    assert "Popular headline" not in body and "Council" not in body


def test_a_post_split_around_a_wide_picture_is_kept_whole() -> None:
    page = f"""<html><head><title>The story</title></head><body><article><h1>The story</h1>
    <div class="section-inner"><p>Part one opens the post, {PROSE}</p>
    <p>Part one goes on, {PROSE}</p><p>Part one ends, {PROSE}</p>
    <p>Part one really ends, {PROSE}</p><p>Part one, last words, {PROSE}</p>
    <p>Part one, a coda, {PROSE}</p></div>
    <figure class="wide"><img src="/wide.jpg"></figure>
    <div class="section-inner"><p>Part two closes the post, {PROSE}</p></div>
    </article></body></html>"""
    body = extract(page, "https://example.com/news/story").body
    assert body.startswith("Part one opens the post")
    assert "Part two closes the post" in body


def test_a_promo_in_a_sibling_of_the_same_class_stays_out() -> None:
    paragraphs = "".join(f"<p>Paragraph {n} of the story, {PROSE}</p>" for n in range(1, 12))
    page = f"""<html><head><title>The story</title></head><body><main><h1>The story</h1>
    <div class="row">{paragraphs}</div>
    <div class="row"><p>Subscribe today and read every story, from just one pound a week.</p></div>
    </main></body></html>"""
    body = extract(page, "https://example.com/news/story").body
    assert "Paragraph 11 of the story" in body
    assert "Subscribe today" not in body


def test_an_old_page_laid_out_in_a_table_reads_as_paragraphs() -> None:
    page = f"""<html><head><title>The Harbour Plan</title></head><body><table width="100%">
    <tr><td width="150"><a href="/">Home</a><br><a href="/news">News</a><br><a href="/l">Links</a></td>
    <td><font size="4"><b>The Harbour Plan</b></font><br><br>
    <font size="2">The first paragraph, {PROSE}<br><br>The second paragraph, {PROSE}<br>
    with a line break<br><br>The third paragraph, {PROSE}</font></td></tr></table></body></html>"""
    article = extract(page, "https://example.com/harbour.html")
    assert "|" not in article.body_markdown
    assert f"The first paragraph, {PROSE}\n\nThe second paragraph" in article.body_markdown
    assert "The third paragraph" in article.body and "Links" not in article.body


def test_a_forum_posts_signature_and_poster_card_stay_out() -> None:
    posts = "".join(
        f'<div class="post"><div class="postbody"><div class="content">Post {n} says, {PROSE}'
        f'</div><div class="signature">Sent from my phone, see <a href="/s">my site</a></div>'
        f'</div><dl class="postprofile"><dt>user{n}</dt><dd>Posts: 12{n}</dd></dl></div>'
        for n in range(1, 4)
    )
    page = f"<html><head><title>A thread</title></head><body><h1>A thread</h1>{posts}</body></html>"
    body = extract(page, "https://forum.example/t/55").body
    assert "Post 1 says" in body and "Post 3 says" in body
    assert "Sent from my phone" not in body and "Posts: 12" not in body
    # A recipe's "signature dish" box is not a signature.
    dish = _article(
        f'<p>The chef cooks, {PROSE}</p><div class="signature-recipe"><h2>The signature dish</h2>'
        f"<p>Grilled mackerel on toast.</p></div><p>More on the chef, {PROSE}</p>"
    )
    assert "Grilled mackerel" in extract(dish, "https://example.com/food/chef").body


def test_a_wiki_infobox_keeps_its_linked_values_and_headings_lose_edit_links() -> None:
    page = f"""<html><head><title>Harbour Town</title></head><body><div id="content">
    <h1>Harbour Town</h1><table class="infobox"><tr><th>Country</th>
    <td><a href="/wiki/Freedonia">Freedonia</a></td></tr><tr><th>Population</th><td>12,000</td></tr>
    </table><p>Harbour Town is a town on the coast, {PROSE}</p>
    <h2><span class="mw-headline">History</span><span class="mw-editsection">[<a href="/e">edit</a>]</span></h2>
    <p>The town was founded in 1820, {PROSE}</p></div></body></html>"""
    markdown = extract(page, "https://wiki.example/Harbour_Town").body_markdown
    assert "| Country | Freedonia |" in markdown
    assert "## History\n" in markdown and "[edit]" not in markdown


def test_a_one_row_table_of_links_under_a_label_is_a_menu() -> None:
    links = "".join(f'<a href="/{s}">{s}</a> ' for s in ("News", "Sport", "Weather", "Opinion"))
    paragraphs = "".join(f"<p>Paragraph {n} of the story, {PROSE}</p>" for n in range(1, 5))
    page = _article(f"<table><tr><td>Sections</td><td>{links}</td></tr></table>{paragraphs}")
    body = extract(page, "https://example.com/news/story").body
    assert "Paragraph 4 of the story" in body and "Weather" not in body


def test_two_tables_in_a_row_stay_two_tables() -> None:
    page = _article(
        f"<p>The figures follow, {PROSE}</p><table><tr><td>Only column, {PROSE}</td></tr></table>"
        "<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2024</td><td>$2m</td></tr></table>"
        f"<p>The story goes on, {PROSE}</p>"
    )
    markdown = extract(page, "https://example.com/news/story").body_markdown
    assert "| Year | Cost |\n| --- | --- |\n| 2024 | $2m |" in markdown
    assert f"Only column, {PROSE}\n\n| Year" in markdown


def test_the_one_article_with_the_headline_leaves_a_live_feed_beside_it_out() -> None:
    story = _story()
    feed = "".join(
        f"<li><span>14:0{n}</span><p>Live update {n}, {PROSE}</p></li>" for n in range(8)
    )
    page = f"""<html><head><title>The story</title></head><body><div class="main">
    <article><h1>The story</h1>{story}</article><div class="live"><ul>{feed}</ul></div>
    </div></body></html>"""
    body = extract(page, "https://example.com/news/story").body
    assert "Paragraph 3 of the story" in body and "Live update" not in body
    # An <article> that wraps only the headline does not take the body away.
    header_only = page.replace(
        f"<h1>The story</h1>{story}</article>", f"<h1>The story</h1></article>{story}"
    )
    body = extract(header_only, "https://example.com/news/story").body
    assert "Paragraph 3 of the story" in body


@pytest.mark.parametrize("heading", ["Comments (2)", "Leave a Reply", "Комментарии", "Komentarze"])
def test_the_body_ends_where_the_comment_thread_begins(heading: str) -> None:
    story = "".join(f"<p>Paragraph {n} of the story, {PROSE}</p>" for n in range(1, 5))
    thread = "".join(f"<p>A reader's comment number {n}, {PROSE}</p>" for n in range(1, 3))
    page = _article(f"{story}<h3>{heading}</h3>{thread}")
    body = extract(page, "https://example.com/news/story").body
    assert "Paragraph 4 of the story" in body and "A reader's comment" not in body


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Updated at 1:23 p.m.", False),
        ("Aktualisiert am 17.01.2021 um 10:05 Uhr", False),
        ("Mis à jour le 3/4/2022 à 10:05", False),
        ("Aktualisiert am Montag: die Regel von 2021 gilt nicht mehr für den Hafen.", True),
        ("05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: saúde", False),
        ('[button link="/submit/" type="big"]Send us your review[/button]', False),
        ("Updated at the request of the family, the report names no one.", True),
        ("Posted by the council in its categories of notices, the plan drew crowds.", True),
        ("Updated at 3:15 pm: Police have closed the bridge to all traffic.", True),
        ("Posted by Jane Doe in Category: News, the 2023 report said it failed.", True),
        ("[b]A bold paragraph about the harbour plan and its cost.[/b]", True),
        ("Erstellt am: 01.11.2023", False),
        ("(Published Monday, Nov. 18, 2019)", False),
        ("Published 3 May 2021, the report found that 40 of the piers were unsafe.", True),
        ("Artikel bewerten", False),
        ("Rate this article", False),
        ("Was this article helpful?", False),
        ("【纠错】 责任编辑： 焦鹏", False),
        ("+1", False),
        ("Get the latest news straight to your phone with the VI Consortium app.", False),
        ("Download our free app for iOS and Android", False),
        ("Download the app and the council's new ferry timetable shows the change.", True),
        ("Install the Google Authenticator app on your phone.", True),
        ("Get the Guardian app", False),
        ("Download the BBC News app for iOS and Android", False),
        ("Get directions with the Maps app.", True),
        ("Created 1 January 1901", True),
    ],
)
def test_lines_about_the_post_are_not_its_text(line: str, kept: bool) -> None:
    story = _story()
    body = extract(_article(f"{story}<p>{line}</p>{story}"), "https://example.com/news/s").body
    assert (line in body) is kept


def test_a_table_of_figures_keeps_its_signed_numbers() -> None:
    rows = "".join(f"<tr><td>Pier {n}</td><td>+{n}</td></tr>" for n in range(1, 4))
    page = _article(f"{_story()}<table><tr><th>Pier</th><th>Change</th></tr>{rows}</table>")
    body = extract(page, "https://example.com/news/s").body
    assert "Pier 1\t+1" in body


def test_a_recipe_card_titled_with_part_of_the_headline_does_not_start_the_body() -> None:
    story = "".join(f"<p>Paragraph {n} of the post, {PROSE}</p>" for n in range(1, 5))
    page = f"""<html><head><title>Homemade Spiced Honey Pear Jam for the Holidays</title></head>
    <body><header><h1>Homemade Spiced Honey Pear Jam for the Holidays</h1></header>
    <div class="entry-content">{story}<section class="recipe-card">
    <h2>Spiced Honey Pear Jam</h2><ul><li>8 ripe pears</li><li>1 lemon</li></ul>
    <ol><li>Boil the pears with the lemon juice and the spices, {PROSE}</li></ol></section>
    </div></body></html>"""
    body = extract(page, "https://example.com/2017/12/pear-jam/").body
    assert body.startswith("Paragraph 1 of the post") and "8 ripe pears" in body


def test_an_embedded_post_the_article_quotes_is_kept_a_share_bar_is_not() -> None:
    tweet = (
        '<div class="social-media-embed"><blockquote class="twitter-tweet"><p>The harbour '
        "plan is a disgrace, says a reader</p>— A reader (@reader) November 19, 2019"
        "</blockquote></div>"
    )
    share = '<div class="social-share"><a href="/s">Share on Facebook</a> Share this story</div>'
    story = _story()
    body = extract(_article(f"{story}{tweet}{share}{story}"), "https://example.com/news/s").body
    assert "The harbour plan is a disgrace" in body and "Share this story" not in body


def test_a_note_pop_up_on_words_keeps_them_in_the_sentence() -> None:
    note = '<a href="javascript:void(0)" class="popup">{}</a>'
    paragraph = (
        f"<p>{note.format('I')} am a {note.format('rather elderly')} man, and the nature of my "
        f"{note.format('avocations')}, {PROSE}</p>"
    )
    # Widgets in a sentence are still widgets, whatever follows them.
    widgets = (
        f"<p>The plan, {PROSE} <a class='read-more' href='/x'>Read more</a>. Share this story: "
        "<a class='share-facebook' href='/f'>Facebook</a>, <a class='share-x' href='/t'>X</a>, "
        "and a <span class='visually-hidden'>(opens in a new tab)</span>, note.</p>"
    )
    body = extract(_article(paragraph * 3 + widgets), "https://example.com/news/s").body
    assert "I am a rather elderly man, and the nature of my avocations," in body
    for widget in ("Read more", "Facebook", "opens in a new tab"):
        assert widget not in body


@pytest.mark.parametrize(
    "dateline",
    [
        '<span class="dateline">CAIRO —</span> Gunmen',
        '<span class="dateline"><b>CAIRO</b> —</span> Gunmen',
        '<span class="dateline">CAIRO</span> — Gunmen',
    ],
)
def test_the_dateline_that_opens_the_lead_is_kept(dateline: str) -> None:
    lead = f"<p>{dateline} opened fire, {PROSE}</p>"
    rest = "".join(f"<p>Paragraph {n} of the story, {PROSE}</p>" for n in range(1, 4))
    body = extract(_article(lead + rest), "https://example.com/news/s").body
    assert body.startswith("CAIRO — Gunmen opened fire")


def test_a_data_table_with_paragraphs_in_its_cells_keeps_its_rows_and_linked_names() -> None:
    rows = "".join(
        f'<tr><td><div><a href="/app/{name}">{name}</a></div></td>'
        f"<td><p>{size} MB</p></td><td><div>{size // 2} MB</div><div>(-50%)</div></td></tr>"
        for name, size in (("Maps", 32), ("Mail", 18), ("Books", 52))
    )
    table = (
        "<table><tbody><tr><th><p>Application</p></th><th><p>Size</p></th>"
        f"<th><p>Patch</p></th></tr>{rows}</tbody></table>"
    )
    story = _story()
    article = extract(_article(f"{story}{table}{story}"), "https://example.com/news/s")
    assert "| Application | Size | Patch |\n| --- | --- | --- |\n" in article.body_markdown
    assert "| Books | 52 MB | 26 MB (-50%) |" in article.body_markdown
    assert "Maps\t32 MB\t16 MB (-50%)" in article.body


def test_linked_subheadings_over_the_articles_paragraphs_are_kept() -> None:
    # Long enough that the <article> is the article, not a teaser card.
    paragraphs = "".join(f"<p>Paragraph {n} of the round-up, {PROSE}</p>" for n in range(8))
    items = "".join(
        f'<h3><a href="https://games.example/{n}">Game {n} ($20)</a></h3>'
        f"<p>Game {n} is worth a look, {PROSE}</p><p>More on game {n}, {PROSE}</p>"
        for n in range(1, 5)
    )
    after = '<h3><a href="/news/9">Another story</a></h3><p>Its summary.</p>'
    body = extract(
        _article(f"<p>The round-up opens, {PROSE}</p>{paragraphs}{items}{after}"),
        "https://example.com/r",
    ).body
    assert "Game 1 ($20)\n\nGame 1 is worth a look" in body and "Game 3 ($20)" in body
    assert "Another story" not in body


def test_an_article_wrapping_only_part_of_the_text_does_not_lose_the_rest() -> None:
    inside = "".join(f"<p>Paragraph {n} of the story, {PROSE}</p>" for n in range(1, 3))
    outside = "".join(f"<p>Paragraph {n} of the story, {PROSE}</p>" for n in range(3, 8))
    page = f"""<html><head><title>The story</title></head><body><div class="main">
    <article><h1>The story</h1>{inside}</article><div>{outside}</div></div></body></html>"""
    body = extract(page, "https://example.com/news/story").body
    assert "Paragraph 1 of the story" in body and "Paragraph 7 of the story" in body


def test_a_layout_table_with_a_masthead_in_a_th_is_not_a_data_table() -> None:
    column = "".join(f"<p>Paragraph @{n} of the story, {PROSE} {PROSE}</p>" for n in range(3))
    page = f"""<html><head><title>The story</title></head><body><table>
    <tr><th colspan="2">The Gazette</th></tr><tr><td colspan="2"><h1>The story</h1></td></tr>
    <tr><td>{column.replace("@", "A")}</td><td>{column.replace("@", "B")}</td></tr></table></body></html>"""
    article = extract(page, "https://example.com/news/story")
    assert (
        "Paragraph A0 of the story" in article.body and "Paragraph B2 of the story" in article.body
    )
    assert "|" not in article.body_markdown


def test_a_data_tables_caption_in_a_layout_cell_is_its_caption_not_a_row() -> None:
    prices = (
        "<table><caption>Prices of the works</caption><tr><th>Year</th><th>Cost</th></tr>"
        "<tr><td>2024</td><td>$2m</td></tr></table>"
    )
    page = f"""<html><head><title>The story</title></head><body><table><tr>
    <td><h1>The story</h1>{_story()}{prices}{_story(4, 6)}</td></tr></table></body></html>"""
    markdown = extract(page, "https://example.com/news/story").body_markdown
    assert "*Prices of the works*\n\n| Year | Cost |\n| --- | --- |\n| 2024 | $2m |" in markdown


@pytest.mark.parametrize(
    "widget",
    [
        '<div class="article-widget article-tweet">{tweet}</div>',
        '<div class="related-posts"><h3>Related</h3>{tweet}'
        '<ul><li><a href="/news/2">Another story about the port</a></li></ul></div>',
    ],
)
def test_a_tweet_in_a_widget_is_kept_and_the_widget_is_not(widget: str) -> None:
    tweet = (
        '<blockquote class="twitter-tweet"><p>The harbour plan is a disgrace, says a reader'
        "</p>— A reader (@reader) November 19, 2019</blockquote>"
    )
    prompt = "<p>Like this story? Share it with a friend!</p>"
    page = _article(_story() + widget.format(tweet=tweet) + prompt + _story(4, 6))
    body = extract(page, "https://example.com/news/s").body
    assert "The harbour plan is a disgrace" in body and "Paragraph 6 of the story" in body
    for widget_text in ("Another story about the port", "Related", "Like this story"):
        assert widget_text not in body


def test_a_charts_labels_are_not_the_articles_text() -> None:
    labels = "".join(
        f'<div class="g-label"><p>{label}</p></div>' for label in ("$915", "600", "’22")
    )
    chart = f'<div class="ai2html ai2html-box"><div class="g-artboard">{labels}</div></div>'
    story = _story()
    body = extract(_article(f"{story}{chart}{story}"), "https://example.com/news/s").body
    assert "Paragraph 3 of the story" in body and "$915" not in body


def test_a_script_link_around_one_paragraph_is_a_control() -> None:
    button = '<a href="javascript:void(0)" onclick="more()"><p>Continue reading</p></a>'
    body = extract(_article(_story() + button + _story(4, 6)), "https://example.com/news/s").body
    assert "Paragraph 6 of the story" in body and "Continue reading" not in body


def test_a_linked_related_title_mid_article_stays_out() -> None:
    box = f'<div class="box"><h3><a href="/news/related">Related</a></h3><p>A teaser, {PROSE}</p></div>'
    paragraphs = "".join(f"<p>Paragraph {n} of the round-up, {PROSE}</p>" for n in range(8))
    body = extract(_article(paragraphs + box + paragraphs), "https://example.com/news/s").body
    assert "Related" not in body


@pytest.mark.parametrize(
    "headline",
    ["Harbour plan approved", "Hafenerweiterungsplanungsgenehmigungsverfahrensabschluss erreicht"],
)
def test_the_headline_repeated_in_the_body_goes_but_a_paragraph_opening_alike_stays(
    headline: str,
) -> None:
    first_word = headline.split()[0]
    page = f"""<html><head><title>{headline}</title></head><body><main>
    <h1>{headline}</h1><p>{headline.upper()}!</p>
    <p>{first_word} and more: the paragraph goes on, {PROSE}</p>{_story()}</main></body></html>"""
    body = extract(page.encode(), "https://example.com/news/harbour").body
    assert headline.upper() not in body
    assert body.startswith(f"{first_word} and more: the paragraph goes on")


@pytest.mark.parametrize(
    "credit",
    [*(f"Jane Doe/{agency.title()}" for agency in PICTURE_AGENCIES), "(Photo: JANE DOE)"],
)
def test_a_line_ending_in_a_picture_credit_is_a_caption(credit: str) -> None:
    page = _article(f"{_story(1, 2)}<p>The harbour at dawn. {credit}</p>{_story(3, 4)}")
    article = extract(page, "https://example.com/news/story")
    assert "The harbour at dawn" not in article.body
    assert f"*The harbour at dawn. {credit}*" in article.body_markdown


def test_a_notice_whose_consent_words_sit_in_a_cut_credit_stays_a_notice() -> None:
    # Cutting a trailing credit keeps what the walk saw: the page showed the words.
    root = etree.fromstring("<div><p>x</p></div>")
    text = "Readers wrote to us about the new budget for the city schools all week. "
    block = Block(text + "Editor: Accept All", "p", root[0], 1, 90, 0)
    trimmed = block.with_text(text.rstrip())
    assert block.notice and trimmed.notice
    assert trimmed.text == text.rstrip()


def test_numbered_notes_of_links_after_the_text_are_kept() -> None:
    notes = "<br>".join(
        f'[{n}] <a href="https://source.example/{n}">https://source.example/doc/{n}.html</a>'
        for n in range(1, 4)
    )
    page = _article(f"{_story()}<p>The sources say so [1], [2], [3].<br><br>{notes}</p>")
    body = extract(page, "https://example.com/news/story").body
    assert "[1] https://source.example/doc/1.html\n[2] https://source.example/doc/2.html" in body


@pytest.mark.parametrize(
    ("href", "address"),
    [
        ("http://www.openpetition.de/petition/online/harbour-plan",) * 2,
        ("mailto:harbour.plan@example.org", "harbour.plan@example.org"),
    ],
)
def test_an_address_shown_whole_after_the_text_is_kept(href: str, address: str) -> None:
    page = _article(f'{_story()}<p>Please write to us:</p><p><a href="{href}">{address}</a></p>')
    assert extract(page, "https://example.com/news/story").body.endswith(address)


def test_forum_posts_headed_by_their_authors_linked_names_are_the_text() -> None:
    def post(n: int, name: str) -> str:
        return f"""<article class="message">
        <section class="message-user"><div class="avatar">{name[0]}</div>
        <h4 class="message-name"><a href="/members/{name}.{n}/" class="username">{name}</a></h4>
        <h5 class="userTitle">Forum regular</h5><dl class="pairs"><dt>Posts</dt><dd>2,206</dd></dl>
        </section><div class="message-userContent"><div class="bbWrapper">Reply {n} from {name},
        {PROSE}<br>It goes on for a second line of the same reply.</div></div></article>"""

    posts = "".join(post(n, name) for n, name in enumerate(("pepe", "kitty", "moe"), start=1))
    page = f"""<html><head><title>Why does my cat shed so much?</title></head><body>
    <h1>Why does my cat shed so much?</h1><div class="thread">{posts}</div></body></html>"""
    body = extract(page, "https://forum.example/threads/cat-shedding.230143/").body
    assert [line[:12] for line in body.split("\n\n")] == [
        "Reply 1 from", "Reply 2 from", "Reply 3 from"
    ]  # fmt: skip


def test_an_article_element_that_holds_only_the_header_gives_way_to_the_text() -> None:
    related = "".join(
        f'<article class="card"><p>Episode {n}</p><p>Another programme, {PROSE}</p></article>'
        for n in range(1, 2)
    )
    page = f"""<html><head><title>The voice of spoilt ballots</title></head><body>
    <main><article class="cover"><h1>The voice of spoilt ballots</h1><p>A documentary</p></article>
    <article class="description"><p>Spoilt ballots tell odd stories, {PROSE} {PROSE}</p>
    <p>They are kept by the council, {PROSE}</p></article>
    <section><h2>You may also like</h2>{related}</section></main></body></html>"""
    body = extract(page, "https://radio.example/sound/1").body
    assert body.startswith("Spoilt ballots tell odd stories")
    assert "Another programme" not in body


def test_the_first_post_stays_when_unclosed_tags_nest_the_next_posts_in_it() -> None:
    # Each post leaves its <div class="message-inner"> and <article> open, so the
    # parser nests the next post in it, and the posts after the first hold nearly
    # all the prose of the first post's box.
    posts = "".join(
        f"""<article class="message"><div class="message-inner">
        <header class="message-attribution">Sep {n}, 2020</header>
        <div class="bbWrapper">Post {n} of the thread, {PROSE}</div>"""
        for n in range(1, 9)
    )
    page = f"""<html><head><title>Patch notes 4.47</title></head><body>
    <h1>Patch notes 4.47</h1><div class="thread">{posts}</body></html>"""
    body = extract(page, "https://game.example/threads/patch-notes.3976/").body
    assert body.startswith("Post 1 of the thread")
    assert "Post 8 of the thread" in body


@pytest.mark.parametrize("title", ["Weitere Videos", "Autres vidéos", "Related stories"])
def test_a_promo_title_goes_with_the_links_it_titled(title: str) -> None:
    videos = "".join(
        f'<li><a href="/video/{n}"><span>Football</span> <span>Video {n} of the league</span></a></li>'
        for n in range(1, 6)
    )
    page = _article(f"{_story()}<section><h2>{title}</h2><ul>{videos}</ul></section>")
    body = extract(page, "https://example.com/news/story").body
    assert body.endswith(f"Paragraph 3 of the story, {PROSE}")


def test_a_box_opened_by_a_promo_title_goes_whole_wherever_it_stands() -> None:
    cards = "".join(
        f"""<div class="col"><div class="date">{n}. November 2021</div>
        <h2 class="post_title"><a href="/news/{n}">Teaser {n} of another page</a></h2>
        <p>The summary of teaser {n} says what the other page is about, {PROSE}</p></div>"""
        for n in range(1, 3)
    )
    box = f'<div class="section"><h3 class="section_title">Weitere Meldungen</h3>{cards}</div>'
    trending = (
        '<figure class="recirculation"><h4>Trending News</h4><ul>'
        + "".join(f'<li><a href="/t/{n}">Trending story {n} of the day</a></li>' for n in (1, 2))
        + "</ul></figure>"
    )
    page = _article(f"{_story(1, 2)}{trending}{_story(3, 4)}{box}")
    body = extract(page, "https://example.com/news/story").body
    assert body.startswith("Paragraph 1 of the story")
    assert body.endswith(f"Paragraph 4 of the story, {PROSE}")
    assert "Trending" not in body and "Teaser" not in body and "summary of teaser" not in body


def test_a_see_also_box_is_the_articles_own() -> None:
    books = "".join(
        f"<li>Harbour book {n}, printed in 19{n}0 by the port press</li>" for n in (5, 6)
    )
    page = _article(f'{_story()}<div class="box"><h2>Further reading</h2><ul>{books}</ul></div>')
    body = extract(page, "https://example.com/wiki/Harbour").body
    assert body.endswith(
        "Further reading\n\nHarbour book 5, printed in 1950 by the port press\n\n"
        "Harbour book 6, printed in 1960 by the port press"
    )


def test_a_data_sheet_with_one_sentence_of_prose_is_read_under_its_h1() -> None:
    rows = "".join(
        f'<div class="row"><div class="label">{label}</div><div class="value">{value}</div></div>'
        for label, value in [
            ("Package leaflet", "No leaflet provided by the maker"),
            ("Active substance", "Quinine salicylate"),
            ("Pack sizes", "80 tablets"),
        ]
    )
    source = (
        "<ol><li>Summary of product characteristics of Quinine D4 tablets, "
        "from the maker, as filed with the agency in 2021.</li></ol>"
    )
    page = f"""<html><head><title>Quinine D4 tablets</title></head><body>
    <div class="content"><div class="head"><h1>Quinine D4 tablets</h1></div>
    <div class="tabs">{rows}</div><div class="source">{source}</div></div></body></html>"""
    body = extract(page, "https://drugs.example/products/quinine-d4_433873").body
    assert body.startswith("Package leaflet\n\nNo leaflet provided by the maker")
    assert "Summary of product characteristics" in body


def test_a_deck_under_the_headline_is_a_highlight() -> None:
    deck = "While the plan waits for its rules, neighbours fear the harbour will shrink."
    page = _article(f'<h2 class="article-deck">{deck}</h2>{_story()}')
    article = extract(page, "https://example.com/news/story")
    assert article.highlights == [deck]
    assert deck not in article.body


def test_a_promo_title_opening_the_article_does_not_take_the_article_with_it() -> None:
    page = _article(f"<h2>More about the harbour plan</h2>{_story(1, 4)}")
    body = extract(page, "https://example.com/news/story").body
    assert body.startswith("More about the harbour plan\n\nParagraph 1 of the story")
    assert body.endswith(f"Paragraph 4 of the story, {PROSE}")


def test_a_section_of_prose_under_a_promo_like_title_is_the_articles_own() -> None:
    section = (
        "<section><h2>More about the new ferry timetable</h2>"
        f"<p>The timetable adds two crossings a day, {PROSE}</p>"
        f"<p>Fares stay as they are until spring, {PROSE}</p></section>"
    )
    page = _article(f"{_story(1, 2)}{section}{_story(3, 3)}")
    body = extract(page, "https://example.com/news/story").body
    assert "More about the new ferry timetable\n\nThe timetable adds two crossings a day" in body
    assert f"Fares stay as they are until spring, {PROSE}" in body
    assert body.endswith(f"Paragraph 3 of the story, {PROSE}")


def test_a_promo_like_title_over_subheadings_of_the_article_stays() -> None:
    part = (
        "<h2>More on the harbour plan</h2><h3>The costs</h3>"
        f"<p>The plan costs two million, {PROSE}</p>"
    )
    page = _article(f"{_story(1, 2)}{part}")
    body = extract(page, "https://example.com/news/story").body
    assert "More on the harbour plan\n\nThe costs\n\nThe plan costs two million" in body


def test_a_row_of_cards_is_not_a_deck() -> None:
    cards = "".join(
        f'<div class="card"><p class="card-text">Card {n} links a guide to the port.</p></div>'
        for n in (1, 2)
    )
    page = _article(f'<div class="card-deck">{cards}</div>{_story()}')
    assert extract(page, "https://example.com/news/story").highlights == []


def test_a_data_sheet_is_read_under_the_h1_with_the_headline_not_the_logo() -> None:
    rows = "".join(
        f'<div class="row"><div class="label">{label}</div><div class="value">{value}</div></div>'
        for label, value in [("Active substance", "Quinine salicylate"), ("Pack sizes", "80")]
    )
    page = f"""<html><head><title>Quinine D4 tablets</title></head><body>
    <header><h1 class="logo">Drug Facts</h1><p>Facts about medicines since 1990</p></header>
    <div class="content"><div class="head"><h1>Quinine D4 tablets</h1></div>
    <div class="tabs">{rows}</div><div class="foot"><div class="notes"><div class="source">
    <ol><li>Summary of product characteristics, from the maker, as filed with the agency in
    2021.</li></ol></div></div></div></div><div class="about"><p>Drug Facts is run by pharmacists</p></div></body></html>"""
    body = extract(page, "https://drugs.example/products/quinine-d4_433873").body
    assert body.startswith("Active substance\n\nQuinine salicylate")
    assert "run by pharmacists" not in body


def test_a_header_article_with_a_standfirst_gives_way_to_the_text_after_it() -> None:
    standfirst = "A documentary on the ballots that voters spoil, and what they say."
    page = f"""<html><head><title>The voice of spoilt ballots</title></head><body>
    <main><article class="cover"><h1>The voice of spoilt ballots</h1><p>{standfirst}</p></article>
    <article class="description"><p>Spoilt ballots tell odd stories, {PROSE} {PROSE}</p>
    {_story(1, 4)}<p>Some are framed, {PROSE}</p></article></main></body></html>"""
    article = extract(page, "https://radio.example/sound/1")
    assert article.body.startswith("Spoilt ballots tell odd stories")
    assert article.body.endswith(f"Some are framed, {PROSE}")


def test_a_paragraphs_own_class_does_not_keep_a_promo_beside_the_text() -> None:
    story = "".join(
        f'<p class="para">Paragraph {n} of the story, {PROSE}</p>' for n in range(1, 11)
    )
    promo = f'<div class="extra"><p class="para">The print edition comes every Sunday, {PROSE}</p></div>'
    page = f"""<html><head><title>The story</title></head><body><h1>The story</h1>
    <div class="page"><div class="story">{story}</div>{promo}</div></body></html>"""
    body = extract(page, "https://example.com/news/story").body
    assert body.endswith(f"Paragraph 10 of the story, {PROSE}")


@pytest.mark.parametrize(
    "heading",
    [
        '<a href="/members/{name}.{n}/">{name}</a>',
        # beside a permalink, marked by its class
        '<a class="username" href="/m/{name}">{name}</a> <a href="/threads/cat.1/post-{n}">#{n}</a>',
    ],
)
def test_forum_posts_headed_by_a_profile_link_are_the_text(heading: str) -> None:
    posts = "".join(
        f"""<article class="post"><h4>{heading.format(name=name, n=n)}</h4>
        <div class="content">Reply {n} from {name}, {PROSE}</div></article>"""
        for n, name in enumerate(("pepe", "kitty", "moe"), start=1)
    )
    page = f"""<html><head><title>Why does my cat shed so much?</title></head><body>
    <h1>Why does my cat shed so much?</h1><div class="thread">{posts}</div></body></html>"""
    body = extract(page, "https://forum.example/threads/cat-shedding.230143/").body
    assert "Reply 1 from pepe" in body and "Reply 3 from moe" in body


def test_a_teaser_titled_with_a_link_to_an_author_page_is_still_a_teaser() -> None:
    cards = "".join(
        f"""<li><h3><a class="author-link" href="/author/jane-{n}/">Jane {n} on why the harbour
        plan divides the town</a></h3><p>Summary {n} of a column, {PROSE}</p></li>"""
        for n in (1, 2)
    )
    page = _article(f"{_story()}<ul>{cards}</ul>")
    body = extract(page, "https://example.com/news/story").body
    assert "Summary 1 of a column" not in body


def test_a_posters_panel_beside_the_post_is_not_its_text() -> None:
    panel = (
        '<div class="userinfo"><div class="avatar"><img src="/a/7.png"></div>'
        "<p>Joined: March 2009. Posts: 2,206. Location: Leeds, West Yorkshire.</p></div>"
    )
    page = _article(f"{panel}{_story()}")
    body = extract(page, "https://forum.example/threads/harbour.12/").body
    assert body.startswith("Paragraph 1 of the story") and "Joined" not in body


def test_highlights_start_after_the_h1_when_no_heading_repeats_the_title() -> None:
    intro = "Our weekly guide to what is on in the harbour town, from the news desk."
    standfirst = "The council backed the plan after a debate that ran late into the night."
    page = f"""<html><head><meta property="og:title" content="Council says yes"></head><body>
    <div class="site-intro"><p>{intro}</p></div><article>
    <h1>Council backs the harbour plan after a long debate</h1>
    <h2 class="standfirst">{standfirst}</h2>{_story()}</article></body></html>"""
    article = extract(page, "https://example.com/news/story")
    assert article.highlights == [standfirst]


def test_a_short_article_stays_when_the_next_story_follows_it() -> None:
    page = f"""<html><head><title>Ferry runs late on Saturday</title></head><body><main>
    <article><h1>Ferry runs late on Saturday</h1>
    <p>The Saturday ferry leaves an hour late because of the tide, the operator said.</p></article>
    <article><h2>Next: How the town lost its railway</h2>{_story(1, 12)}</article>
    </main></body></html>"""
    body = extract(page, "https://example.com/news/ferry").body
    assert body.startswith("The Saturday ferry leaves an hour late")
    assert "Paragraph 1 of the story" not in body


def test_a_related_box_of_linked_titles_and_summaries_goes() -> None:
    items = "".join(
        f"""<div class="item"><p><a href="/news/{n}">Other story {n} about the port</a></p>
        <p>Summary {n} of the other story, which says what happened at the port. It goes on.</p></div>"""
        for n in (1, 2, 3)
    )
    page = _article(f'{_story()}<div class="more"><h3>Related stories</h3>{items}</div>')
    body = extract(page, "https://example.com/news/story").body
    assert body.endswith(f"Paragraph 3 of the story, {PROSE}")


def test_a_promo_box_never_takes_the_container_it_stands_in() -> None:
    cards = "".join(
        f'<li><h3><a href="/news/{n}">Other story {n} about the port</a></h3></li>' for n in (1, 2)
    )
    page = f"""<html><head><title>The story</title></head><body><h1>The story</h1>
    <div class="story"><h2>Related stories</h2><ul>{cards}</ul>{_story(1, 4)}</div></body></html>"""
    body = extract(page, "https://example.com/news/story").body
    assert body.startswith("Paragraph 1 of the story")
    assert body.endswith(f"Paragraph 4 of the story, {PROSE}")


def test_a_paragraphs_own_class_does_not_keep_a_notice_above_the_text() -> None:
    story = "".join(
        f'<p class="para">Paragraph {n} of the story, {PROSE}</p>' for n in range(1, 11)
    )
    notice = f'<div class="extra"><p class="para">The print edition comes every Sunday, {PROSE}</p></div>'
    page = f"""<html><head><title>The story</title></head><body><h1>The story</h1>
    <div class="page">{notice}<div class="story">{story}</div></div></body></html>"""
    body = extract(page, "https://example.com/news/story").body
    assert body.startswith("Paragraph 1 of the story")


def test_a_comment_boxed_like_the_texts_parts_after_it_is_not_a_first_post() -> None:
    story = "".join(
        f'<div class="chunk"><p>Paragraph {n} of the story, {PROSE}</p></div>' for n in range(1, 11)
    )
    comment = (
        f'<div class="extra"><div class="chunk"><p>A reader writes that {PROSE}</p></div></div>'
    )
    page = f"""<html><head><title>The story</title></head><body><h1>The story</h1>
    <div class="page"><div class="story">{story}</div>{comment}</div></body></html>"""
    body = extract(page, "https://example.com/news/story").body
    assert body.endswith(f"Paragraph 10 of the story, {PROSE}")


def test_a_short_closing_sentence_after_a_picture_ends_a_one_paragraph_post() -> None:
    page = f"""<html><head><title>Worth it</title></head><body><div class="post">
    <h1>Worth it</h1><div class="entry"><p>A basket came down on a long string from a
    fourth-floor balcony as I walked by, with a note asking for twenty cents, {PROSE}</p>
    <div class="wp-caption"><img src="/a.jpg"><p class="wp-caption-text">Twenty cents, one picture</p></div>
    <p>&nbsp;</p><p>Twenty cents well spent, if no masterpiece!</p>
    <p>Print</p><p>Filed in the harbour town's diary.</p></div></div></body></html>"""
    body = extract(page, "https://blog.example/2011/09/11/worth-it/").body
    assert body.endswith("\n\nTwenty cents well spent, if no masterpiece!")
    assert body.startswith("A basket came down")


def test_an_address_that_a_one_paragraph_post_introduces_is_kept() -> None:
    url = "http://www.openpetition.de/petition/online/harbour-plan"
    page = f"""<html><head><title>News</title></head><body><div id="main"><h1>News</h1>
    <div class="entry"><p class="date"><a href="/2012/05/31/harbour/">Thursday, 31 May 2012</a></p>
    <h2>The harbour plan needs you</h2><div class="text">
    <p>The council wants to sell the harbour! {PROSE} {PROSE} To keep the boats here, sign this petition:</p>
    <p><a href="{url}">{url}</a></p></div></div>
    <div class="prev"><a href="/2012/05/17/meeting/">Previous: our monthly meeting</a></div>
    </div></body></html>"""
    body = extract(page, "https://party.example/2012/05/31/harbour/").body
    assert body.endswith(f"sign this petition:\n\n{url}")
