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
import itertools
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlite_utils

from scraper import Archive, extract
from scraper.models import Page

# A third of the words of an article are common ones; the rest come from a long tail
# of made-up words, so that most search terms are as selective as in real news.
COMMON = (
    "the of and to in a is that for on was with he it as at by from his an were are which "
    "this be has had not but have after before during said would could council harbour "
    "港口建设 经济合作 東京都 発表会"
).split()
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Made-up words of random letters, in frequency order: their trigrams vary as real
    words' do (words made of a few syllables would share them with thousands of others)."""
    words: dict[str, None] = {}
    while len(words) < size:
        words["".join(rng.choice(_LETTERS) for _ in range(rng.randint(4, 10)))] = None
    return list(words)


WORDS = vocabulary(20_000, random.Random(7))
# Zipf's law: the word of rank r is used in proportion to 1 / r.
_CUMULATIVE = list(itertools.accumulate(1 / rank for rank in range(1, len(WORDS) + 1)))


def words(rng: random.Random, count: int) -> list[str]:
    """A third common words, the rest drawn from the Zipfian tail."""
    tail = rng.choices(WORDS, cum_weights=_CUMULATIVE, k=count)
    return [rng.choice(COMMON) if rng.random() < 0.35 else word for word in tail]


def synthetic_page(n: int, rng: random.Random, *, revision: int = 0) -> bytes:
    """An article page of realistic size: chrome, a headline, 8-14 paragraphs, related links."""
    paragraphs = []
    for _ in range(rng.randint(8, 14)):
        paragraphs.append(" ".join(words(rng, rng.randint(40, 90))).capitalize() + ".")
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
    """Extract and save every page, then tidy the search index as a run does at its
    end; return articles per second (the tidy included) and the outcomes."""
    outcomes: dict[str, int] = {}
    started = time.perf_counter()
    for page in pages:
        article = extract(page.content, page.final_url, charset=page.charset)
        outcome = archive.save(article, page=page).outcome
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    tidy_started = time.perf_counter()
    if archive.tidy_search_index():
        outcomes["search index merged (s)"] = round(time.perf_counter() - tidy_started, 1)
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


def search_times(
    archive: Archive, terms: list[str], repeat: int = 5
) -> dict[str, tuple[int, float]]:
    """Per term: articles matching, and the median milliseconds of the query that
    `sqlite-utils search archive.db articles TERM` runs (the best 20 by rank)."""
    results = {}
    table = archive.db.table("articles")
    for term in terms:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            list(table.search(term, limit=20))
            times.append((time.perf_counter() - started) * 1000)
        (matches,) = archive.db.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (term,)
        ).fetchone()
        results[term] = (matches, statistics.median(times))
    return results


def fresh_search_times(path: Path, terms: list[str]) -> dict[str, float]:
    """Per term: milliseconds of the same query as the first in a new connection, as
    each `sqlite-utils search` command runs it."""
    results = {}
    for term in terms:
        db = sqlite_utils.Database(sqlite3.connect(path))
        started = time.perf_counter()
        list(db.table("articles").search(term, limit=20))
        results[term] = (time.perf_counter() - started) * 1000
        db.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="keep the archive at this path")
    args = parser.parse_args(argv)
    rng = random.Random(42)
    count = args.articles
    first = [synthetic_page(n, rng) for n in range(count)]
    changed = [synthetic_page(n, random.Random(n), revision=1) for n in range(count)]
    # Just under a quarter changed again: the most stale entries the index ever holds.
    almost = [synthetic_page(n, random.Random(n), revision=2) for n in range((count - 1) // 4)]
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "archive.db"
        now = datetime.now(timezone.utc)
        with Archive(path) as archive:
            insert_rate, inserted = run_pass(archive, pages_for(first, now))
            same_rate, same = run_pass(archive, pages_for(first, now + timedelta(hours=1)))
            change_rate, updated = run_pass(archive, pages_for(changed, now + timedelta(hours=2)))
            archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size = path.stat().st_size
            # a word in almost every article, Chinese and Japanese ones (three characters
            # at least: the trigram index's floor), one in every changed article, and
            # made-up words of rank 1 (in most articles, several times over), 101 and 5001
            terms = [
                "harbour",
                "港口建设",
                "東京都",
                "misstated",
                WORDS[0],
                WORDS[100],
                WORDS[5000],
            ]
            searches = search_times(archive, terms)
            rows = archive.db["articles"].count
            _, stale = run_pass(archive, pages_for(almost, now + timedelta(hours=3)))
            assert "search index merged (s)" not in stale, "the tidy came before the worst case"
            worst = search_times(archive, terms)
            worst_fresh = fresh_search_times(path, terms)
            # what `sqlite-utils optimize archive.db` does: merge the index, then VACUUM
            started = time.perf_counter()
            archive.db["articles"].optimize()
            archive.db.vacuum()
            optimize_seconds = time.perf_counter() - started
            optimized_size = path.stat().st_size
            optimized = search_times(archive, terms)
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
        print(f"  `sqlite-utils optimize` took {optimize_seconds:.1f} s; size after it"
              f" {optimized_size / 1e6:.1f} MB, {optimized_size / rows / 1024:.1f} KB"
              " an article")  # fmt: skip
        print(f"  search over {rows:,} articles (the best 20), median of 5 runs: as the runs"
              f" above left the archive / after {len(almost):,} more changed (just before the"
              " next merge is due), and that as the first query of a new connection / after"
              " `sqlite-utils optimize`")  # fmt: skip
        for term, (matches, ms) in searches.items():
            print(f"    {term!r:14} {matches:7,} matching {ms:7.1f} ms {worst[term][1]:7.1f} ms"
                  f" {worst_fresh[term]:7.1f} ms {optimized[term][1]:7.1f} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
