"""The archive: explicit schema, dedup across URL variants, versions, search, atomic saves."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlite_utils

from scraper import Archive, ArchiveError, Article, Link, Page
from scraper.archive import SCHEMA_VERSION
from scraper.robots import Robots

from .conftest import make_old_archive

BODY = "First paragraph of the story, long enough to be prose.\n\nSecond paragraph follows here."


def make_article(
    url: str = "https://www.example.com/news/story.html", **changes: object
) -> Article:
    article = Article(
        url=url,
        headline="A headline",
        body=BODY,
        body_markdown=BODY,
        highlights=["A standfirst"],
        authors=["Jane Doe", "John Smith"],
        published="2024-05-02T14:30:00+00:00",
        site_name="Example",
        canonical_url="https://www.example.com/news/story.html",
        related=[Link("https://www.example.com/a", "A"), Link("https://www.example.com/b", "B")],
    )
    return dataclasses.replace(article, **changes)


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "archive.db") as opened:
        yield opened


def rows(archive: Archive, sql: str) -> list[dict]:
    return list(archive.db.query(sql))


def test_tables_have_declared_types_before_any_row(archive: Archive) -> None:
    columns = {c.name: c.type for c in archive.db["articles"].columns}
    assert columns["id"] == "INTEGER"
    assert columns["published"] == "TEXT"
    assert columns["paywalled"] == "INTEGER"
    for name in ("url", "canonical_url", "headline", "highlights", "body", "body_markdown",
                 "authors", "modified", "site_name", "section", "language", "image",
                 "content_hash", "first_seen", "last_seen"):  # fmt: skip
        assert name in columns
    links = archive.db["related_links"]
    assert [fk.other_table for fk in links.foreign_keys] == ["articles"]
    assert {"article_id", "url", "text", "position"} <= set(links.columns_dict)
    assert {"url", "fetched_at", "status", "final_url", "outcome", "error"} <= set(
        archive.db["fetches"].columns_dict
    )


def test_insert_stores_lists_as_json_and_links_in_order(archive: Archive) -> None:
    result = archive.save(make_article())
    assert result.outcome == "inserted"
    row = rows(archive, "select * from articles")[0]
    assert json.loads(row["authors"]) == ["Jane Doe", "John Smith"]
    assert json.loads(row["highlights"]) == ["A standfirst"]
    links = rows(archive, "select url, text, position from related_links order by position")
    assert [(r["text"], r["position"]) for r in links] == [("A", 1), ("B", 2)]


@pytest.mark.parametrize(
    "variant",
    [
        "http://example.com/news/story.html",
        "https://www.example.com/news/story.html?utm_source=twitter&utm_medium=social",
        "https://www.example.com/news/story.html#comments",
        "https://WWW.EXAMPLE.COM/news/story.html/",
        "https://www.example.com/news/story.html?fbclid=abc123",
    ],
)
def test_url_variants_are_one_article(archive: Archive, variant: str) -> None:
    first = archive.save(make_article())
    again = archive.save(make_article(url=variant, canonical_url=None))
    assert again.article_id == first.article_id
    assert again.outcome == "unchanged"
    assert archive.db["articles"].count == 1


def test_canonical_link_joins_different_urls(archive: Archive) -> None:
    first = archive.save(make_article(url="https://m.example.com/story?id=1"))
    other = archive.save(make_article(url="https://amp.example.com/story/amp"))
    assert other.article_id == first.article_id
    assert archive.db["articles"].count == 1


def test_unchanged_content_only_moves_last_seen(archive: Archive) -> None:
    archive.save(make_article())
    before = rows(archive, "select * from articles")[0]
    archive.db.execute("update articles set last_seen = '2000-01-01T00:00:00+00:00'")
    result = archive.save(make_article(modified="2030-01-01"))  # a new timestamp is not a change
    after = rows(archive, "select * from articles")[0]
    assert result.outcome == "unchanged"
    assert after["last_seen"] != "2000-01-01T00:00:00+00:00"
    assert {k: v for k, v in after.items() if k != "last_seen"} == {
        k: v for k, v in before.items() if k != "last_seen"
    }
    assert archive.db["versions"].count == 1


def test_changed_content_updates_the_row_and_keeps_the_old_text(archive: Archive) -> None:
    archive.save(make_article())
    result = archive.save(
        make_article(body=BODY + "\n\nCorrection: an earlier version misspelt a name.")
    )
    assert (result.outcome, result.version) == ("updated", 2)
    assert "Correction" in rows(archive, "select body from articles")[0]["body"]
    versions = rows(archive, "select version, body from versions order by version")
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["body"] == BODY


def _search_index(archive: Archive) -> tuple[int, int]:
    return archive.db.execute(
        "SELECT count(*), coalesce(sum(length(block)), 0) FROM articles_fts_data"
    ).fetchone()


def test_an_unchanged_rescrape_leaves_the_search_index_as_it_was(archive: Archive) -> None:
    archive.save(make_article(body="The harbour works begin in spring, the board said."))
    index = _search_index(archive)
    for _ in range(5):
        assert (
            archive.save(
                make_article(body="The harbour works begin in spring, the board said.")
            ).outcome
            == "unchanged"
        )
    assert _search_index(archive) == index  # no stale entries piling up with every run
    archive.save(make_article(body="The harbour works begin in autumn, the board said."))
    table = archive.db.table("articles")
    assert [r["version"] for r in table.search("autumn")] == [2]
    assert list(table.search("spring")) == []


def test_search_finds_english_chinese_and_japanese_words(archive: Archive) -> None:
    archive.save(
        make_article(headline="Ambassador visits Urumqi", body="Kazakhstan and China. " * 5)
    )
    archive.save(make_article(url="https://cn.example.com/1", canonical_url=None,
                              headline="新闻", body="马兴瑞会见哈萨克斯坦驻华大使努雷舍夫。" * 3))  # fmt: skip
    archive.save(make_article(url="https://jp.example.com/1", canonical_url=None,
                              headline="ニュース", body="東京都は新しい防災計画を発表しました。" * 3))  # fmt: skip
    table = archive.db["articles"]
    assert [r["headline"] for r in table.search("kazakhstan")] == ["Ambassador visits Urumqi"]
    assert [r["headline"] for r in table.search("哈萨克斯坦")] == ["新闻"]
    assert [r["headline"] for r in table.search("防災計画")] == ["ニュース"]


def test_a_failed_save_leaves_no_partial_row(archive: Archive) -> None:
    # A real failure inside the transaction: SQLite itself refuses the links.
    archive.db.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON related_links BEGIN SELECT RAISE(ABORT, 'no'); END"
    )
    with pytest.raises(ArchiveError):
        archive.save(make_article())
    assert archive.db["articles"].count == 0
    assert archive.db["versions"].count == 0
    assert archive.db["article_urls"].count == 0


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file unwritable, even for root (who ignores permission bits)."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        yield
        path.chmod(0o644)
        return
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root without chattr: cannot make a file read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_read_only_archive_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    Archive(path).close()
    with read_only(path), pytest.raises(ArchiveError, match="read-only"), Archive(path) as archive:
        archive.save(make_article())


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    path.write_text("this is not sqlite\n" * 100)
    with pytest.raises(ArchiveError, match="not an SQLite database"):
        Archive(path)


def test_file_is_consistent_and_queryable_by_sqlite_utils(archive: Archive) -> None:
    archive.save(make_article())
    db = sqlite_utils.Database(sqlite3.connect(archive.path))
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db["articles"].detect_fts() == "articles_fts"


def test_a_version_3_archive_gets_the_text_only_search_trigger(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    make_old_archive(path, 3)
    with Archive(path) as archive:
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        before = _search_index(archive)
        archive.db.execute("UPDATE articles SET last_seen = '2025-01-01T00:00:00+00:00'")
        assert _search_index(archive) == before
        archive.db.execute("UPDATE articles SET body = 'New body about the harbour'")
        assert [r["body"] for r in archive.db["articles"].search("harbour")] == [
            "New body about the harbour"
        ]
        archive.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def _story(n: int, word: str) -> Article:
    url = f"https://www.example.com/news/{n}.html"
    return make_article(url=url, canonical_url=url, body=f"{BODY}\n\nStory {n} about the {word}.")


def test_the_search_index_is_merged_once_a_quarter_of_the_archive_has_changed(
    archive: Archive,
) -> None:
    for n in range(20):
        archive.save(_story(n, "harbour"))
    assert archive.tidy_search_index(step_pages=1)  # 20 new articles: due
    assert not archive.tidy_search_index()  # nothing written since
    for n in range(4):
        archive.save(_story(n, "lighthouse"))
    assert not archive.tidy_search_index()  # 4 of 20 changed: not yet
    archive.save(_story(4, "lighthouse"))
    grown = _search_index(archive)
    assert archive.tidy_search_index(step_pages=1)  # 5 of 20: merged, in many small steps
    assert _search_index(archive)[1] < grown[1]  # the replaced entries are gone
    archive.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    assert len(list(archive.db["articles"].search("lighthouse"))) == 5
    assert len(list(archive.db["articles"].search("harbour"))) == 15
    assert rows(archive, "select writes from search_upkeep") == [{"writes": 0}]


def test_a_merge_that_cannot_get_the_archive_is_a_warning_and_stays_due(
    archive: Archive, caplog: pytest.LogCaptureFixture
) -> None:
    from scraper.crawl import tidy_search_index

    for n in range(4):
        archive.save(_story(n, "harbour"))
    archive.db.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(archive.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another run writing
    try:
        tidy_search_index(archive)  # the end of a run: warns, does not fail the run
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "search index not merged this time" in caplog.text
    assert rows(archive, "select writes from search_upkeep") == [{"writes": 4}]
    assert archive.tidy_search_index()  # still due, and done once the archive is free


def test_an_unchanged_rescrape_is_no_search_index_write(archive: Archive) -> None:
    for n in range(4):
        archive.save(_story(n, "harbour"))
    archive.tidy_search_index()
    for n in range(4):
        assert archive.save(_story(n, "harbour")).outcome == "unchanged"
    assert rows(archive, "select writes from search_upkeep") == [{"writes": 0}]


def test_a_version_4_archive_is_tidied_on_its_first_run(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    make_old_archive(path, 4)
    with Archive(path) as archive:
        assert rows(archive, "select writes from search_upkeep") == [{"writes": 1}]
        assert archive.tidy_search_index()
        assert [r["headline"] for r in archive.db["articles"].search("body")] == ["Old"]


# -- schema version 2: crawling ---------------------------------------------------------


def test_a_version_1_archive_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    make_old_archive(path, 1)
    with Archive(path) as archive:
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        assert rows(archive, "select headline from articles") == [{"headline": "Old"}]
        assert rows(archive, "select url, status, elapsed, attempts, retry_at, page_id from fetches") == [
            {"url": "https://example.com/a", "status": 200, "elapsed": None, "attempts": None,
             "retry_at": None, "page_id": None},
        ]  # fmt: skip
        assert {"etag", "last_modified"} <= set(archive.db["article_urls"].columns_dict)
        assert {"hosts", "robots", "pages", "leases"} <= set(archive.db.table_names())
        assert archive.db.execute("PRAGMA foreign_key_check").fetchall() == []
    with Archive(path) as again:  # opening it again changes nothing
        assert again.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_validators_are_kept_for_a_saved_page(archive: Archive) -> None:
    page = Page(
        url="https://www.example.com/news/story.html", final_url="https://www.example.com/news/story.html",
        status=200, content=b"<html></html>", fetched_at=datetime.now(timezone.utc),
        headers={"etag": '"v7"', "last-modified": "Tue, 07 May 2024 10:00:00 GMT"}, elapsed=0.25,
        attempts=2,
    )  # fmt: skip
    saved = archive.save(make_article(), page=page)
    assert archive.validators(page.url) == ('"v7"', "Tue, 07 May 2024 10:00:00 GMT")
    assert archive.validators("https://example.com/other") == (None, None)
    row = rows(archive, "select elapsed, attempts, bytes, status from fetches")[0]
    assert row == {"elapsed": 0.25, "attempts": 2, "bytes": 13, "status": 200}
    not_modified = dataclasses.replace(page, status=304, content=b"")
    unchanged = archive.save_unchanged(saved.article_id, not_modified)
    assert (unchanged.outcome, unchanged.version) == ("unchanged", 1)
    assert unchanged.article == make_article()


def test_host_schedule_and_robots_are_kept(archive: Archive) -> None:
    later = datetime(2030, 1, 1, 12, 0, 0, 250000, tzinfo=timezone.utc)
    archive.save_host("example.com", next_allowed_at=later, slowdown=4.0)
    assert archive.host_schedule("example.com") == (later, 4.0)
    assert archive.host_schedule("other.example") is None
    now = datetime.now(timezone.utc).replace(microsecond=0)
    kept = Robots("https://example.com", now, now + timedelta(days=1), 200, "User-agent: *\n")
    archive.save_robots(kept)
    assert archive.robots("https://example.com", now=now) == kept
    assert archive.robots("https://example.com", now=now + timedelta(days=2)) is None
