"""Author names: every author, as the page gives them, without junk."""

from __future__ import annotations

import time

import pytest

from scraper import extract
from scraper.extract.byline import clean_names

PROSE = (
    "<p>" + "A paragraph long enough to be the prose of an article about the harbour. " * 3 + "</p>"
)


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ("Jane Doe, John Smith", ["Jane Doe", "John Smith"]),
        ("Kooman, F.", ["Kooman, F."]),  # surname first, as Dublin Core and citations write
        ("Reuters, AP", ["Reuters", "AP"]),
        ("AFP, Reuters", ["AFP", "Reuters"]),
        ("Smith, Jones", ["Smith", "Jones"]),
        ("Doe, J. R.", ["Doe, J. R."]),
        ("Nathan Willis March 25, 2015", ["Nathan Willis"]),
        ("By Jane Doe, Staff Writer | Email the author", ["Jane Doe"]),
        ("Written by Jane Doe Edited by John Smith", ["Jane Doe"]),  # an editor is no author
        ("Mac & i", ["Mac & i"]),  # a magazine's name, not "Mac" and "i"
        ("Story and photos by Jane Doe", ["Jane Doe"]),
        ("Jane Doe & J Smith", ["Jane Doe", "J Smith"]),
        ("Jane Doe. Photography by John Roe", ["Jane Doe"]),
    ],
)
def test_names_in_a_byline(byline: str, names: list[str]) -> None:
    assert clean_names(byline) == names


def test_a_one_author_meta_may_give_the_surname_first() -> None:
    assert clean_names("Jong, Michiel de", one_person=True) == ["Jong, Michiel de"]
    assert clean_names("Jong, Michiel de") == ["Jong", "Michiel de"]


def test_a_hostile_byline_is_read_in_linear_time() -> None:
    started = time.perf_counter()
    clean_names("Smith, " + "Ab-" * 5000 + "!", one_person=True)
    assert time.perf_counter() - started < 0.5


def test_every_author_meta_tag_counts() -> None:
    page = f"""<html><head><title>Network notes</title>
    <meta name="DC.Creator" content="Kooman, F."><meta name="DC.Creator" content="Jong, Michiel de">
    </head><body><article><h1>Network notes</h1>{PROSE}</article></body></html>"""
    article = extract(page, "https://example.org/notes")
    assert article.authors == ["Kooman, F.", "Jong, Michiel de"]
    assert article.sources["authors"] == "meta"


def test_a_property_meta_wins_over_a_name_meta_of_the_same_key() -> None:
    page = f"""<html><head><title>Network notes</title>
    <meta name="DC.creator" content="Name Attribute"><meta property="dc:creator" content="Rdfa Property">
    </head><body><article><h1>Network notes</h1>{PROSE}</article></body></html>"""
    assert extract(page, "https://example.org/notes").authors == ["Rdfa Property"]


def test_a_class_word_that_only_begins_like_author_is_no_byline() -> None:
    page = f"""<html><head><title>Harbour Town</title></head><body><article>
    <h1>Harbour Town</h1>{PROSE}{PROSE}</article>
    <div class="navbox authority-control"><a href="/help">Authority control</a></div>
    </body></html>"""
    assert extract(page, "https://wiki.example/Harbour_Town").authors == []
