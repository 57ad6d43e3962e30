"""Safe under cron: overlapping runs share the work, kill -9 never corrupts the archive,
old archives are upgraded, a full disk is a clear error."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlite_utils
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from scraper import Archive, ArchiveError, Article, Link
from scraper.archive import SCHEMA_VERSION

from .conftest import make_old_archive

SCRAPE = Path(sys.executable).with_name("scrape")
PARAGRAPH = (
    "The council met on Tuesday to discuss the harbour plan, and members agreed to publish "
    "the full report next month after a long debate about the costs of the sea wall."
)


def article(n: int) -> str:
    related = "".join(
        f'<li><a href="/news/{m}">Another story number {m} here</a></li>' for m in range(3)
    )
    return (f"<html><head><title>Story {n}</title></head><body><article><h1>Story number {n}</h1>"
            f"<p>{PARAGRAPH}</p><p>Story {n} goes on with a second paragraph of its own.</p></article>"
            f'<div class="related"><h3>Related</h3><ul>{related}</ul></div></body></html>')  # fmt: skip


def serve_site(httpserver: HTTPServer, count: int, *, pause: float = 0.0) -> list[str]:
    def handler(request: Request) -> Response:
        time.sleep(pause)
        return Response(article(int(request.path.rsplit("/", 1)[1])), content_type="text/html")

    for n in range(count):
        httpserver.expect_request(f"/news/{n}").respond_with_handler(handler)
    return [httpserver.url_for(f"/news/{n}") for n in range(count)]


def start(folder: Path, urls_file: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(SCRAPE), "--delay", "0", "-q", "-i", str(urls_file)],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def requests_for(httpserver: HTTPServer, prefix: str = "/news/") -> list[str]:
    return [request.path for request, _ in httpserver.log if request.path.startswith(prefix)]


def test_overlapping_runs_share_the_work(httpserver: HTTPServer, tmp_path: Path) -> None:
    urls = serve_site(httpserver, 6, pause=0.15)
    listed = tmp_path / "urls.txt"
    listed.write_text("\n".join(urls))
    first = start(tmp_path, listed)
    archive = tmp_path / "archive.db"
    while not archive.exists() or not _count(archive, "select count(*) from leases"):
        time.sleep(0.02)  # the first run has taken its leases
    second = start(tmp_path, listed)
    outputs = [run.communicate(timeout=60) for run in (first, second)]
    assert [run.returncode for run in (first, second)] == [0, 0], outputs
    assert not any(b"locked" in err for _, err in outputs)
    assert sorted(requests_for(httpserver)) == sorted(f"/news/{n}" for n in range(6))  # once each
    db = sqlite_utils.Database(archive)
    assert db["articles"].count == 6
    outcomes = sorted(r["outcome"] for r in db.query("select outcome from fetches"))
    assert outcomes == ["inserted"] * 6 + ["skipped"] * 6
    assert db["leases"].count == 0


def test_kill_9_twenty_times_leaves_a_whole_archive(httpserver: HTTPServer, tmp_path: Path) -> None:
    urls = serve_site(httpserver, 30)
    listed = tmp_path / "urls.txt"
    listed.write_text("\n".join(urls))
    archive = tmp_path / "archive.db"
    rng = random.Random(20240502)
    for _ in range(20):
        run = start(tmp_path, listed)
        target = _count(archive, "select count(*) from fetches") + rng.randint(1, 12)
        deadline = time.monotonic() + 30
        while run.poll() is None and time.monotonic() < deadline:
            if _count(archive, "select count(*) from fetches") >= target:
                break
            time.sleep(0.005)
        run.kill()  # SIGKILL: no cleanup of any kind
        run.wait()
        _assert_whole(archive)
    finished = start(tmp_path, listed)
    _, err = finished.communicate(timeout=120)
    assert finished.returncode == 0, err
    _assert_whole(archive)
    db = sqlite_utils.Database(archive)
    assert db["articles"].count == 30  # nothing lost
    assert (
        _count(archive, "select count(distinct article_id) from article_urls") == 30
    )  # nothing doubled
    assert _count(archive, "select count(*) from articles where version != 1") == 0


def _count(path: Path, sql: str) -> int:
    if not path.exists():
        return 0
    conn = sqlite3.connect(path, timeout=30)
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet
    finally:
        conn.close()


def _assert_whole(path: Path) -> None:
    if not path.exists():
        return
    conn = sqlite3.connect(path, timeout=30)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # every article row whole: its versions run 1..version, its links 1..n
        assert (
            conn.execute(
                "SELECT count(*) FROM articles a WHERE a.version != (SELECT max(version) FROM versions"
                " v WHERE v.article_id = a.id) OR a.version != (SELECT count(*) FROM versions v"
                " WHERE v.article_id = a.id)"
            ).fetchone()[0]
            == 0
        )
        assert (
            conn.execute(
                "SELECT count(*) FROM (SELECT article_id FROM related_links GROUP BY article_id"
                " HAVING max(position) != count(*))"
            ).fetchone()[0]
            == 0
        )
        assert (
            conn.execute(
                "SELECT count(*) FROM articles a WHERE NOT EXISTS"
                " (SELECT 1 FROM article_urls u WHERE u.article_id = a.id)"
            ).fetchone()[0]
            == 0
        )
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    finally:
        conn.close()


def test_a_version_2_archive_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    make_old_archive(path, 2)
    with Archive(path) as archive:
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {"pages", "leases"} <= set(archive.db.table_names())
        assert "page_id" in archive.db["fetches"].columns_dict
        assert [r["headline"] for r in archive.db.query("select headline from articles")] == ["Old"]
        assert archive.history("https://example.com/a") == []  # its URL was never recorded


def test_a_full_disk_is_a_clear_error(tmp_path: Path) -> None:
    with Archive(tmp_path / "archive.db") as archive:
        # SQLite's own limit on the file's pages: the same SQLITE_FULL a full disk gives
        pages = archive.db.execute("PRAGMA page_count").fetchone()[0]
        archive.db.execute(f"PRAGMA max_page_count = {pages + 1}")
        big = Article(url="https://example.com/big", headline="Big", body="word " * 200_000,
                      body_markdown="word", related=[Link("https://example.com/x", "X")])  # fmt: skip
        with pytest.raises(ArchiveError, match="the disk is full"):
            archive.save(big)
        assert archive.db["articles"].count == 0  # nothing half-written


def test_leases_of_a_dead_run_are_taken_over(tmp_path: Path) -> None:
    with Archive(tmp_path / "archive.db") as archive:
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        now = datetime.now(timezone.utc)
        import socket

        gone = f"{socket.gethostname()}:{dead.pid}:deadbeef"
        assert archive.claim(["https://example.com/a"], gone, now=now) == set()
        from scraper.crawl import holder_alive

        live = f"{socket.gethostname()}:{__import__('os').getpid()}:cafe"
        assert archive.claim(["https://example.com/a"], live, now=now, alive=holder_alive) == set()
        assert archive.claim(
            ["https://example.com/a"], "other:1:x", now=now, alive=holder_alive
        ) == {"https://example.com/a"}


def test_a_long_run_keeps_its_leases(tmp_path: Path) -> None:
    from datetime import timedelta

    with Archive(tmp_path / "archive.db") as archive:
        start_time = datetime.now(timezone.utc)
        assert archive.claim(["https://example.com/a"], "me:1:x", now=start_time) == set()
        later = start_time + timedelta(minutes=50)
        archive.renew("me:1:x", now=later)
        # another run, 90 minutes after the first began, still finds the URL taken
        assert archive.claim(
            ["https://example.com/a"], "you:2:y", now=later + timedelta(minutes=40)
        ) == {"https://example.com/a"}
