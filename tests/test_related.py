"""Related links: the list a related-stories title introduces, and nothing else."""

from __future__ import annotations

from scraper import extract
from scraper.models import Link

PROSE = "in a sentence long enough to count as the prose of an article about the harbour plan."
BODY = "".join(f"<p>Paragraph {n} of the story goes on, {PROSE}</p>" for n in range(4))


def _related(body: str) -> list[Link]:
    page = f"<html><head><title>Harbour plan</title></head><body>{body}</body></html>"
    return extract(page.encode(), "https://example.com/wiki/Harbour_plan").related


def test_see_also_in_a_wiki_page_brings_its_list_not_the_articles_links() -> None:
    links = _related(f"""<h1>Harbour plan</h1><div class="content">
<p>The <a href="/wiki/Harbour_board">Harbour board of the city</a> met, {PROSE}</p>{BODY}
<h2>History</h2>
<p>The <a href="/wiki/Old_harbour_works">old harbour works of 1890</a> came first, {PROSE}</p>
<h2><span class="headline">See also</span><span class="edit"><a href="/edit">edit</a></span></h2>
<ul><li><a href="/wiki/Port_of_Auckland">Port of Auckland history</a></li>
<li><a href="/wiki/List_of_harbours">List of harbours by size</a></li></ul>
<h2>References</h2>
<ul><li><a href="https://journal.example.org/1">A study of harbour costs</a></li></ul>
</div>""")
    assert [link.text for link in links] == ["Port of Auckland history", "List of harbours by size"]
    assert links[0].url == "https://example.com/wiki/Port_of_Auckland"


def test_a_related_box_with_linked_card_headings_keeps_every_card() -> None:
    cards = "".join(
        f'<div class="card"><h3><a href="/news/{n}">Story {n} about the harbour works</a></h3>'
        f"<p>A summary of story {n}.</p></div>"
        for n in range(3)
    )
    links = _related(f"""<article><h1>Harbour plan</h1><p>The plan was approved, {PROSE}</p>
<p>Work starts in spring, {PROSE}</p><p>The cost is shared, {PROSE}</p></article>
<section class="more"><h3>More stories</h3>{cards}</section>""")
    assert [link.url for link in links] == [f"https://example.com/news/{n}" for n in range(3)]


def test_a_login_widget_line_is_not_a_related_story() -> None:
    links = _related(f"""<div class="login"><ul class="related">
<li><a href="/account/forgot">Forgot your password?</a></li></ul></div>
<article><h1>Harbour plan</h1><p>The plan was approved, {PROSE}</p>{BODY}</article>
<ul class="related"><li><a href="/news/1">The harbour board votes on the budget</a></li></ul>""")
    assert [link.text for link in links] == ["The harbour board votes on the budget"]


def test_related_titles_in_other_languages_bring_their_lists() -> None:
    for title in ("À lire aussi", "Leia também", "Читайте также", "Mehr zum Thema"):
        links = _related(f"""<article><h1>Harbour plan</h1>{BODY}
<h3>{title}</h3><ul><li><a href="/news/1">La ville rénove le port</a></li>
<li><a href="/news/2">Le conseil vote le budget</a></li></ul></article>""")
        assert [link.text for link in links] == [
            "La ville rénove le port",
            "Le conseil vote le budget",
        ]


def test_a_most_read_list_is_neither_body_nor_related() -> None:
    page = f"""<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>
{BODY}<h3>Most read</h3><ul><li><a href="/news/9">A celebrity wedding</a></li>
<li><a href="/news/8">A storm is coming</a></li></ul>{BODY}</article></body></html>"""
    article = extract(page.encode(), "https://example.com/news/harbour-plan")
    assert "A celebrity wedding" not in article.body
    assert article.related == []


def test_a_list_under_a_trending_topic_heading_in_the_text_is_kept() -> None:
    page = f"""<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>
{BODY}<h3>Trending topics in port design:</h3><ul><li><a href="/t/1">Floating docks</a></li>
<li><a href="/t/2">Tidal locks</a></li></ul>{BODY}</article></body></html>"""
    assert "Floating docks" in extract(page.encode(), "https://example.com/news/plan").body
