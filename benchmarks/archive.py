#!/usr/bin/env python3
"""Archive benchmark: 10,000 synthetic articles from stored pages, no network.

    python benchmarks/archive.py                 # 10,000 articles in a temporary archive
    python benchmarks/archive.py --articles 2000 --keep bench.db

Reports articles per second for a first insert, an unchanged re-scrape and a changed
re-scrape (each page extracted, then saved with its raw response, one transaction an
article, as a crawl does), the archive's size per article, and full-text search times
over the whole archive (the query `sqlite-utils search` runs).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from scraper import Archive, extract
from scraper.models import Page

WORDS = [
    "council",
    "harbour",
    "plan",
    "report",
    "budget",
    "minister",
    "election",
    "vote",
    "court",
    "ruling",
    "police",
    "river",
    "storm",
    "flood",
    "school",
    "hospital",
    "doctor",
    "nurse",
    "market",
    "price",
    "energy",
    "wind",
    "solar",
    "train",
    "strike",
    "union",
    "wage",
    "housing",
    "rent",
    "museum",
    "artist",
    "festival",
    "league",
    "match",
    "goal",
    "coach",
    "player",
    "season",
    "bridge",
    "road",
    "traffic",
    "airport",
    "flight",
    "climate",
    "ocean",
    "forest",
    "farmer",
    "harvest",
    "wheat",
    "export",
    "港口",
    "计划",
    "经济",
    "合作",
    "東京",
    "計画",
    "発表",
    "news",
    "today",
    "said",
    "would",
    "could",
    "after",
    "before",
    "during",
]


def synthetic_page(n: int, rng: random.Random, *, revision: int = 0) -> bytes:
    """An article page of realistic size: chrome, a headline, 8-14 paragraphs, related links."""
    paragraphs = []
    for _ in range(rng.randint(8, 14)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
        paragraphs.append(" ".join(words).capitalize() + ".")
    if revision:
        paragraphs.append(
            f"Correction {revision}: an earlier version of this article misstated a date."
        )
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    related = "".join(
        f'<li><a href="/news/{rng.randrange(10**6)}">Related story {k} about the'
        f" {rng.choice(WORDS)} and the {rng.choice(WORDS)}</a></li>"
        for k in range(6)
    )
    nav = "".join(f'<li><a href="/{w}">{w.title()}</a></li>' for w in WORDS[:12])
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Story {n}</title>"
        f"<meta property='og:title' content='Story {n}: the {rng.choice(WORDS)} question'>"
        f"<meta property='article:published_time' content='2024-05-{1 + n % 28:02d}T10:00:00Z'>"
        f"</head><body><nav><ul>{nav}</ul></nav><article><h1>Story {n}: the {rng.choice(WORDS)}"
        f" question</h1><p class='byline'>By Jane Doe</p>{body}</article>"
        f"<aside class='related'><h3>Related stories</h3><ul>{related}</ul></aside>"
        f"<footer>Copyright Example News</footer></body></html>"
    ).encode()


def run_pass(archive: Archive, pages: list[Page]) -> tuple[float, dict[str, int]]:
    """Extract and save every page; return articles per second and the outcomes."""
    outcomes: dict[str, int] = {}
    started = time.perf_counter()
    for page in pages:
        article = extract(page.content, page.final_url, charset=page.charset)
        outcome = archive.save(article, page=page).outcome
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return len(pages) / (time.perf_counter() - started), outcomes


def pages_for(htmls: list[bytes], when: datetime) -> list[Page]:
    return [
        Page(
            url=f"https://news.example.com/2024/05/story-{n}",
            final_url=f"https://news.example.com/2024/05/story-{n}",
            status=200,
            content=html,
            fetched_at=when,
            headers={"content-type": "text/html; charset=utf-8"},
        )
        for n, html in enumerate(htmls)
    ]


def search_times(archive: Archive, terms: list[str], repeat: int = 5) -> list[float]:
    """Milliseconds per query, as `sqlite-utils search archive.db articles TERM` runs it."""
    times = []
    for term in terms:
        for _ in range(repeat):
            started = time.perf_counter()
            list(archive.db["articles"].search(term, limit=20))
            times.append((time.perf_counter() - started) * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="keep the archive at this path")
    args = parser.parse_args(argv)
    rng = random.Random(42)
    count = args.articles
    first = [synthetic_page(n, rng) for n in range(count)]
    changed = [synthetic_page(n, random.Random(n), revision=1) for n in range(count)]
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "archive.db"
        now = datetime.now(timezone.utc)
        with Archive(path) as archive:
            insert_rate, inserted = run_pass(archive, pages_for(first, now))
            same_rate, same = run_pass(archive, pages_for(first, now + timedelta(hours=1)))
            change_rate, updated = run_pass(archive, pages_for(changed, now + timedelta(hours=2)))
            archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size = path.stat().st_size
            terms = ["harbour", "council budget", "港口", "計画", "correction", "misstated"]
            times = search_times(archive, terms)
            rows = archive.db["articles"].count
        page_size = sum(map(len, first)) / count / 1024
        print(
            f"{count:,} synthetic articles ({page_size:.0f} KB a page), extracted and saved"
            " with their raw pages, one transaction each:"
        )
        print(f"  insert            {insert_rate:8.0f} articles/s  {inserted}")
        print(f"  unchanged again   {same_rate:8.0f} articles/s  {same}")
        print(f"  changed again     {change_rate:8.0f} articles/s  {updated}")
        print(f"  archive size      {size / 1e6:8.1f} MB, {size / rows / 1024:.1f} KB an article"
              " (2 versions, 2 raw pages each)")  # fmt: skip
        print(f"  search ({len(terms)} terms x 5): median {statistics.median(times):.1f} ms,"
              f" max {max(times):.1f} ms over {rows:,} articles")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
