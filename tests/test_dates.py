"""Dates come out as ISO 8601, exactly as precise as the page states them."""

from __future__ import annotations

import pytest

from scraper.extract.dates import date_from_url, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-03-19 09:59", "2023-03-19T09:59"),
        ("2023-03-19T09:59:00+08:00", "2023-03-19T09:59:00+08:00"),
        ("2024-05-02T14:30:00Z", "2024-05-02T14:30:00+00:00"),
        ("2024-05-02T14:30:00.096Z", "2024-05-02T14:30:00.096+00:00"),
        ("2024-05-02", "2024-05-02"),
        ("2023/03/19", "2023-03-19"),
        ("2023年6月12日 08:30", "2023-06-12T08:30"),
        ("March 19, 2023", "2023-03-19"),
        ("Updated 5:42 PM EDT, Tue May 7, 2024", "2024-05-07"),
        ("May 7, 2024 at 5:42 pm EDT", "2024-05-07T17:42-04:00"),
        ("19 March 2023", "2023-03-19"),
        ("19. März 2023", "2023-03-19"),
        ("Posted: 12/03/2004", "2004-03-12"),
        ("March 2023", "2023-03"),
        ("Seetao 2023-03-19 09:59", "2023-03-19T09:59"),
        ("1679219940", "2023-03-19T09:59:00+00:00"),
    ],
)
def test_parse_date(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "no date here", "2023-13-45", "Page 2 of 10"])
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_date_from_url_never_invents_a_day() -> None:
    assert date_from_url("/world/2023/03/19/some-story") == "2023-03-19"
    assert date_from_url("/world/2023/03/some-story") == "2023-03"
    assert date_from_url("/world/some-story") is None
