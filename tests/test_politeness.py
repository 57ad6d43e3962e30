"""A host's pace: the delay, Crawl-delay or response time, whichever is largest; then complaints."""

from __future__ import annotations

import random

import pytest

from scraper.politeness import JITTER, MAX_CRAWL_DELAY, MAX_PAUSE, Pace


def pace(**given: object) -> Pace:
    return Pace(**{"delay": 1.0, "rng": random.Random(7), **given})  # type: ignore[arg-type]


def test_the_delay_is_a_floor_and_jitter_only_lengthens() -> None:
    host = pace()
    pauses = [host.pause() for _ in range(200)]
    assert min(pauses) >= 1.0
    assert max(pauses) <= 1.0 + JITTER
    assert len({round(p, 4) for p in pauses}) > 150  # not in lockstep


@pytest.mark.parametrize(
    ("crawl_delay", "response_time", "base"),
    [(None, None, 1.0), (5.0, None, 5.0), (3600.0, None, MAX_CRAWL_DELAY), (None, 2.0, 4.0),
     (3.0, 2.0, 4.0)],
)  # fmt: skip
def test_the_largest_of_delay_crawl_delay_and_response_time(
    crawl_delay: float | None, response_time: float | None, base: float
) -> None:
    assert pace(crawl_delay=crawl_delay, response_time=response_time).base == base


def test_response_time_is_a_running_average() -> None:
    host = pace(delay=0.0)
    host.record(1.0)
    assert host.base == 2.0
    host.record(3.0)
    assert host.base == pytest.approx(2 * (1.0 + 0.3 * 2.0))


def test_complaints_double_the_pause_and_good_answers_halve_it() -> None:
    host = pace(response_time=0.1)
    host.record(0.1, slow_down=True)
    host.record(0.1, slow_down=True)
    assert host.base == 4.0
    host.record(0.1)
    assert host.base == 2.0
    for _ in range(10):
        host.record(0.1)
    assert host.base == 1.0
    for _ in range(20):
        host.record(0.1, slow_down=True)
    assert host.base == 32.0


def test_the_pause_is_bounded() -> None:
    assert pace(delay=0.0, response_time=3600.0).base == MAX_PAUSE


def test_backoff_doubles_from_the_pause_with_jitter() -> None:
    host = pace(delay=0.5)
    waits = [host.backoff(attempt) for attempt in (1, 2, 3)]
    for attempt, wait in enumerate(waits, 1):
        assert 0.5 * 2 ** (attempt - 1) <= wait <= 0.75 * 2 ** (attempt - 1)
    assert pace(delay=0.0).backoff(3) == 0.0  # --delay 0: your own servers, no waiting
