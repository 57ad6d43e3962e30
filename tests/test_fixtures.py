"""Every fixture page passes or fails on its own: the fields it must give, the
paragraphs it must keep whole and in order, the phrases that must not appear."""

from __future__ import annotations

import pytest

from scraper import ExtractError, Link, extract

from .conftest import FIXTURES, fixture_html, fixture_spec

STEMS = sorted(path.stem for path in FIXTURES.glob("*.json"))


@pytest.mark.parametrize("stem", STEMS)
def test_fixture(stem: str) -> None:
    spec = fixture_spec(stem)
    html = fixture_html(stem)
    if not spec["article"]:
        with pytest.raises(ExtractError, match=spec["error"]):
            extract(html, spec["url"])
        return
    article = extract(html, spec["url"])
    for key, expected in spec["expect"].items():
        if key == "related_count":
            assert len(article.related) == expected, [link.text for link in article.related]
        elif key == "related_first":
            assert article.related[0] == Link(**expected)
        else:
            assert getattr(article, key) == expected, key
    paragraphs = article.body.split("\n\n")
    missing = [p for p in spec["body_paragraphs"] if p not in paragraphs]
    assert not missing, f"paragraphs missing or not whole: {missing}"
    positions = [paragraphs.index(p) for p in spec["body_paragraphs"]]
    assert positions == sorted(positions), "paragraphs out of order"
    for phrase in spec["not_in_body"]:
        assert phrase not in article.body, phrase
        assert phrase not in article.body_markdown, phrase
    for snippet in spec.get("markdown_contains", []):
        assert snippet in article.body_markdown, snippet
