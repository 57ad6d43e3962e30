"""The archive: one SQLite file, deduplicated articles, their versions and a fetch log.

Only this module writes SQL. Every save is one transaction (BEGIN IMMEDIATE):
a failure leaves no partial row, and the file stays consistent if the process
dies at any point (WAL journal).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from .errors import ArchiveError
from .models import Article, Link, Outcome, Page, SaveResult, Visit
from .robots import Robots
from .urls import url_key

SCHEMA_VERSION = 5
DEFAULT_PATH = "archive.db"
# Pages of search index merged in one write transaction: about a tenth of a second.
TIDY_STEP_PAGES = 2000
# The index is merged once 1/TIDY_SHARE of the archive has been rewritten since the last merge.
TIDY_SHARE = 4

# Columns shared by articles and versions: the article's extracted content.
CONTENT_COLUMNS: dict[str, type] = {
    "headline": str,
    "highlights": str,  # JSON list
    "body": str,
    "body_markdown": str,
    "authors": str,  # JSON list
    "published": str,
    "modified": str,
    "site_name": str,
    "section": str,
    "language": str,
    "canonical_url": str,
    "image": str,
    "paywalled": int,
    "sources": str,  # JSON object: field -> where it came from
}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _iso(when: datetime | None) -> str | None:
    return None if when is None else when.isoformat(timespec="seconds")


def _precise(when: datetime) -> str:
    """A fetch time to the millisecond: two downloads in one second stay in order."""
    return when.isoformat(timespec="milliseconds")


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


# Lines that change on every visit without the article changing: view and comment
# counters, "updated 5 minutes ago". They do not count towards a new version.
_NOISE = re.compile(
    r"^\W*(?:[\d.,]+\s*[km]?\s+(?:views?|reads?|comments?|shares?|likes?|readers?)"
    r"|(?:updated|posted|published)?\s*\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago"
    r"|(?:views?|reads?|comments?)\s*:?\s*[\d.,]+\s*[km]?)\W*$",
    re.IGNORECASE,
)
_LEASE_SECONDS = 60 * 60  # a crashed run's claim on a URL lapses after this


def content_hash(article: Article) -> str:
    """What counts as a change: headline, highlights, body and authors.

    Not timestamps, related links, or counter lines that move on every visit.
    """
    body = "\n\n".join(p for p in article.body.split("\n\n") if not _NOISE.match(p))
    data = [article.headline, article.highlights, body, article.authors]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()


class Archive:
    """An archive file, created with its schema on first use."""

    def __init__(self, path: str | Path = DEFAULT_PATH) -> None:
        self.path = Path(path)
        try:
            conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            self.db = sqlite_utils.Database(conn)
            self._migrate()
        except sqlite3.Error as exc:
            raise ArchiveError(f"cannot open archive {self.path}: {_describe(exc)}") from exc

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise ArchiveError(f"cannot write archive {self.path}: {_describe(exc)}") from exc

    # -- schema ---------------------------------------------------------------

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION:
            return
        with self._transaction():
            # Read again under the write lock: a run started at the same moment (two
            # cron lines at :00) may have upgraded the file meanwhile.
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version < 1:
                self._create_v1()
            if version < 2:
                self._migrate_v2()
            if version < 3:
                self._migrate_v3()
            if version < 4:
                self._migrate_v4()
            if version < 5:
                self._migrate_v5()
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _create_v1(self) -> None:
        db = self.db
        db.table("articles").create(
            {
                "id": int,
                "url": str,
                **CONTENT_COLUMNS,
                "content_hash": str,
                "version": int,
                "first_seen": str,
                "last_seen": str,
                "last_changed": str,
            },
            pk="id",
            not_null={"url", "headline", "body", "content_hash", "version", "first_seen"},
        )
        db.table("article_urls").create(
            {"url_key": str, "article_id": int, "url": str},
            pk="url_key",
            foreign_keys=[("article_id", "articles", "id")],
            not_null={"article_id"},
        )
        db.table("related_links").create(
            {"id": int, "article_id": int, "position": int, "url": str, "text": str},
            pk="id",
            foreign_keys=[("article_id", "articles", "id")],
            not_null={"article_id", "position", "url"},
        )
        db.table("versions").create(
            {
                "id": int,
                "article_id": int,
                "version": int,
                "fetched_at": str,
                "url": str,
                "content_hash": str,
                **CONTENT_COLUMNS,
            },
            pk="id",
            foreign_keys=[("article_id", "articles", "id")],
            not_null={"article_id", "version", "content_hash"},
        )
        db.table("fetches").create(
            {
                "id": int,
                "url": str,
                "final_url": str,
                "fetched_at": str,
                "status": int,
                "bytes": int,
                "outcome": str,
                "error": str,
                "article_id": int,
            },
            pk="id",
            not_null={"url", "fetched_at", "outcome"},
        )
        db.table("article_urls").create_index(["article_id"])
        db.table("related_links").create_index(["article_id", "position"], unique=True)
        db.table("versions").create_index(["article_id", "version"], unique=True)
        db.table("fetches").create_index(["url"])
        db.table("fetches").create_index(["fetched_at"])
        # trigram: finds words inside unspaced Chinese and Japanese text too
        db.table("articles").enable_fts(
            ["headline", "body"], create_triggers=True, tokenize="trigram"
        )

    def _migrate_v2(self) -> None:
        """Crawling: a richer fetch log, validators for conditional GET, host pace, robots.txt."""
        conn = self.db.conn
        # ALTER TABLE keeps the rows of an archive made by version 1
        for column, kind in (("elapsed", "REAL"), ("attempts", "INTEGER"), ("retry_at", "TEXT")):
            conn.execute(f"ALTER TABLE fetches ADD COLUMN {column} {kind}")
        for column in ("etag", "last_modified"):
            conn.execute(f"ALTER TABLE article_urls ADD COLUMN {column} TEXT")
        self.db.table("hosts").create(
            {"host": str, "next_allowed_at": str, "slowdown": float, "updated_at": str},
            pk="host",
            not_null={"next_allowed_at", "slowdown"},
        )
        self.db.table("robots").create(
            {"origin": str, "fetched_at": str, "expires_at": str, "status": int, "rules": str,
             "error": str},
            pk="origin",
            not_null={"fetched_at", "expires_at"},
        )  # fmt: skip
        self.db.table("fetches").create_index(["outcome"])

    def _migrate_v3(self) -> None:
        """History: the raw responses (to re-parse without fetching), and leases on URLs
        so that overlapping runs do not fetch the same page twice."""
        self.db.table("pages").create(
            {"id": int, "url": str, "final_url": str, "fetched_at": str, "status": int,
             "headers": str, "content_hash": str, "size": int, "content": bytes},
            pk="id",
            not_null={"url", "final_url", "fetched_at", "content_hash", "content"},
        )  # fmt: skip
        self.db.table("pages").create_index(["final_url", "content_hash"], unique=True)
        self.db.table("pages").create_index(["fetched_at"])
        self.db.conn.execute("ALTER TABLE fetches ADD COLUMN page_id INTEGER REFERENCES pages(id)")
        self.db.table("leases").create(
            {"url_key": str, "holder": str, "expires_at": str},
            pk="url_key",
            not_null={"holder", "expires_at"},
        )

    def _migrate_v4(self) -> None:
        """The search index follows the text only: sqlite-utils' update trigger re-indexed
        an article whenever its row changed, so each unchanged re-scrape (which moves
        last_seen) rewrote the article's index entries and left the old ones behind."""
        self.db.conn.execute("DROP TRIGGER IF EXISTS articles_au")
        self.db.conn.execute(
            "CREATE TRIGGER articles_au AFTER UPDATE OF headline, body ON articles"
            " WHEN old.headline IS NOT new.headline OR old.body IS NOT new.body BEGIN"
            " INSERT INTO articles_fts (articles_fts, rowid, headline, body)"
            " VALUES ('delete', old.rowid, old.headline, old.body);"
            " INSERT INTO articles_fts (rowid, headline, body)"
            " VALUES (new.rowid, new.headline, new.body);"
            " END"
        )

    def _migrate_v5(self) -> None:
        """Upkeep of the search index: FTS5 keeps an article's old entries, and marks
        them deleted, until its segments are merged; a triggered count of index writes
        says when a merge is due (see tidy_search_index)."""
        conn = self.db.conn
        conn.execute(
            "CREATE TABLE search_upkeep (id INTEGER PRIMARY KEY CHECK (id = 1),"
            " writes INTEGER NOT NULL, tidied_at TEXT)"
        )
        # An older archive may never have been merged: count all its articles as writes.
        conn.execute("INSERT INTO search_upkeep (id, writes) SELECT 1, count(*) FROM articles")
        count = "UPDATE search_upkeep SET writes = writes + 1;"
        conn.execute(f"CREATE TRIGGER search_upkeep_ai AFTER INSERT ON articles BEGIN {count} END")
        conn.execute(f"CREATE TRIGGER search_upkeep_ad AFTER DELETE ON articles BEGIN {count} END")
        conn.execute(
            "CREATE TRIGGER search_upkeep_au AFTER UPDATE OF headline, body ON articles"
            f" WHEN old.headline IS NOT new.headline OR old.body IS NOT new.body BEGIN {count} END"
        )

    # -- search index upkeep ------------------------------------------------------

    def tidy_search_index(self, *, step_pages: int = TIDY_STEP_PAGES) -> bool:
        """Merge the search index into one segment when it is due; True if it was.

        Due when the index has taken writes for a quarter as many articles as the
        archive holds: stale entries slow a common word's search by about 2% for each
        10% of the archive rewritten.
        The merge goes in steps of about `step_pages` pages, each its own short write
        transaction, so that another run waiting to write is never held for long.
        """
        conn = self.db.conn
        with self._transaction():
            writes, articles = conn.execute(
                "SELECT writes, (SELECT count(*) FROM articles) FROM search_upkeep"
            ).fetchone()
            if not writes or writes * TIDY_SHARE < articles:
                return False
            # Claimed under the write lock: a run finishing meanwhile does not merge too,
            # and writes made during the merge count towards the next one.
            conn.execute("UPDATE search_upkeep SET writes = writes - ?", (writes,))
        try:
            self._merge_search_index(step_pages)
        except ArchiveError:
            with suppress(ArchiveError), self._transaction():
                conn.execute("UPDATE search_upkeep SET writes = writes + ?", (writes,))
            raise
        with self._transaction():
            conn.execute("UPDATE search_upkeep SET tidied_at = ?", (_now(),))
        return True

    def _merge_search_index(self, step_pages: int) -> None:
        conn = self.db.conn
        merge = "INSERT INTO articles_fts (articles_fts, rank) VALUES ('merge', ?)"
        pages = -step_pages  # negative: start a merge of every segment into one
        while True:
            with self._transaction():
                before = conn.total_changes
                conn.execute(merge, (pages,))
                # FTS5 makes two or more changes when a merge step did any work.
                if conn.total_changes - before < 2:
                    return
            pages = step_pages  # go on with the merge begun

    # -- writing --------------------------------------------------------------

    def save(
        self, article: Article, *, page: Page | None = None, reparsed: bool = False
    ) -> SaveResult:
        """Insert a new article, update a changed one, or note an unchanged one.

        With `page`, its raw response is kept and the fetch logged, all in the same
        transaction. `reparsed`: the article comes from a page already kept (a run of
        a newer parser), so nothing is logged and the article is not "seen" again.
        """
        seen_at = (page.fetched_at if page else datetime.now(timezone.utc)).isoformat(
            timespec="seconds"
        )
        urls = [u for u in (page.url if page else None, article.url, article.canonical_url) if u]
        digest = content_hash(article)
        with self._transaction() as conn:
            outcome: Outcome
            existing = self._find(conn, urls)
            if existing is None:
                article_id = self._insert(conn, article, digest, seen_at)
                outcome, version = "inserted", 1
            elif existing["content_hash"] == digest:
                article_id, version = existing["id"], existing["version"]
                if not reparsed:
                    conn.execute(
                        "UPDATE articles SET last_seen = max(coalesce(last_seen, ''), ?)"
                        " WHERE id = ?",
                        (seen_at, article_id),
                    )
                outcome = "unchanged"
            else:
                article_id, version = existing["id"], existing["version"] + 1
                self._update(conn, article_id, article, digest, version, seen_at)
                outcome = "updated"
            for url in urls:
                conn.execute(
                    "INSERT OR IGNORE INTO article_urls (url_key, article_id, url)"
                    " VALUES (?, ?, ?)",
                    (url_key(url), article_id, url),
                )
            if page is not None and not reparsed:
                self._keep_validators(conn, page)
                page_id = self._keep_page(conn, page)
                self._log_fetch(conn, {**_page_row(page, outcome, article_id), "page_id": page_id})
        return SaveResult(
            article_id=article_id, outcome=outcome, url=article.url, version=version,
            article=article,
        )  # fmt: skip

    def _find(self, conn: sqlite3.Connection, urls: list[str]) -> dict[str, Any] | None:
        keys = sorted({url_key(url) for url in urls})
        marks = ", ".join("?" * len(keys))
        row = conn.execute(
            "SELECT a.id, a.content_hash, a.version FROM articles a JOIN article_urls u"
            f" ON u.article_id = a.id WHERE u.url_key IN ({marks}) ORDER BY a.id LIMIT 1",
            keys,
        ).fetchone()
        return None if row is None else {"id": row[0], "content_hash": row[1], "version": row[2]}

    def _insert(self, conn: sqlite3.Connection, article: Article, digest: str, seen_at: str) -> int:
        values = _content_values(article)
        columns = [
            "url",
            *values,
            "content_hash",
            "version",
            "first_seen",
            "last_seen",
            "last_changed",
        ]
        params = [article.url, *values.values(), digest, 1, seen_at, seen_at, seen_at]
        cursor = conn.execute(
            f"INSERT INTO articles ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            params,
        )
        article_id = int(cursor.lastrowid or 0)
        self._add_version(conn, article_id, 1, article, digest, seen_at)
        self._write_related(conn, article_id, article)
        return article_id

    def _update(
        self, conn: sqlite3.Connection, article_id: int, article: Article, digest: str,
        version: int, seen_at: str,
    ) -> None:  # fmt: skip
        values = _content_values(article)
        assignments = ", ".join(f"{column} = ?" for column in values)
        conn.execute(
            f"UPDATE articles SET url = ?, {assignments}, content_hash = ?, version = ?,"
            # a re-parse of an older kept page moves neither time backwards
            " last_seen = max(coalesce(last_seen, ''), ?),"
            " last_changed = max(coalesce(last_changed, ''), ?) WHERE id = ?",
            [article.url, *values.values(), digest, version, seen_at, seen_at, article_id],
        )
        self._add_version(conn, article_id, version, article, digest, seen_at)
        conn.execute("DELETE FROM related_links WHERE article_id = ?", (article_id,))
        self._write_related(conn, article_id, article)

    def _add_version(
        self, conn: sqlite3.Connection, article_id: int, version: int, article: Article,
        digest: str, seen_at: str,
    ) -> None:  # fmt: skip
        values = _content_values(article)
        columns = ["article_id", "version", "fetched_at", "url", "content_hash", *values]
        conn.execute(
            f"INSERT INTO versions ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [article_id, version, seen_at, article.url, digest, *values.values()],
        )

    def _write_related(self, conn: sqlite3.Connection, article_id: int, article: Article) -> None:
        conn.executemany(
            "INSERT INTO related_links (article_id, position, url, text) VALUES (?, ?, ?, ?)",
            [(article_id, i, link.url, link.text) for i, link in enumerate(article.related, 1)],
        )

    def save_unchanged(self, article_id: int, page: Page) -> SaveResult:
        """A 304 Not Modified: the article is seen again, nothing was downloaded or parsed."""
        seen_at = _iso(page.fetched_at)
        with self._transaction() as conn:
            conn.execute("UPDATE articles SET last_seen = ? WHERE id = ?", (seen_at, article_id))
            self._log_fetch(conn, _page_row(page, "unchanged", article_id))
            article, version = self._load(conn, article_id)
        return SaveResult(
            article_id=article_id, outcome="unchanged", url=article.url, version=version,
            article=article,
        )  # fmt: skip

    def record_fetch(self, visit: Visit, *, page: Page | None = None) -> None:
        """Log a visit that saved nothing (a saved article logs its own fetch).

        A `page` that came back but was not archived (not an article, say) is kept
        too: a later parser may read it.
        """
        with self._transaction() as conn:
            page_id = self._keep_page(conn, page) if page is not None and page.content else None
            self._log_fetch(conn, {**_visit_row(visit), "page_id": page_id})

    def _keep_page(self, conn: sqlite3.Connection, page: Page) -> int:
        """The raw response, compressed; a download identical to one kept is kept once."""
        digest = hashlib.sha256(page.content).hexdigest()
        row = conn.execute(
            "SELECT id FROM pages WHERE final_url = ? AND content_hash = ?",
            (page.final_url, digest),
        ).fetchone()
        if row is not None:
            # the same bytes again: this is now the latest response of the page
            conn.execute(
                "UPDATE pages SET fetched_at = max(fetched_at, ?) WHERE id = ?",
                (_precise(page.fetched_at), row[0]),
            )
            return int(row[0])
        cursor = conn.execute(
            "INSERT INTO pages (url, final_url, fetched_at, status, headers, content_hash, size,"
            " content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (page.url, page.final_url, _precise(page.fetched_at), page.status,
             json.dumps(dict(page.headers)), digest, len(page.content),
             zlib.compress(page.content, 6)),
        )  # fmt: skip
        return int(cursor.lastrowid or 0)

    def claim(
        self, urls: Iterable[str], holder: str, *, now: datetime,
        alive: Callable[[str], bool] = lambda holder: True,
    ) -> set[str]:  # fmt: skip
        """Lease `urls` to the run `holder`, all in one transaction.

        Returns the URLs another live run holds: this run must leave them alone. A
        lease lapses after an hour, or at once when `alive` says its holder is gone
        (a run killed mid-way).
        """
        expires, current = _iso(now + timedelta(seconds=_LEASE_SECONDS)), _iso(now)
        busy: set[str] = set()
        with self._transaction() as conn:
            for url in urls:
                key = url_key(url)
                row = conn.execute(
                    "SELECT holder, expires_at FROM leases WHERE url_key = ?", (key,)
                ).fetchone()
                if row is not None and row[0] != holder and row[1] > current and alive(row[0]):
                    busy.add(url)
                    continue
                conn.execute(
                    "INSERT OR REPLACE INTO leases (url_key, holder, expires_at) VALUES (?, ?, ?)",
                    (key, holder, expires),
                )
        return busy

    def renew(self, holder: str, *, now: datetime) -> None:
        """Extend the run `holder`'s leases: a long run keeps its URLs to the end."""
        expires = _iso(now + timedelta(seconds=_LEASE_SECONDS))
        with self._transaction() as conn:
            conn.execute("UPDATE leases SET expires_at = ? WHERE holder = ?", (expires, holder))

    def release_all(self, holder: str) -> None:
        """Give up every lease of the run `holder` (it is ending)."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM leases WHERE holder = ?", (holder,))

    def _log_fetch(self, conn: sqlite3.Connection, row: dict[str, Any]) -> None:
        conn.execute(
            f"INSERT INTO fetches ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )

    def _keep_validators(self, conn: sqlite3.Connection, page: Page) -> None:
        """ETag and Last-Modified of a page that was saved: the next visit asks "changed since?"."""
        etag, modified = page.headers.get("etag"), page.headers.get("last-modified")
        conn.execute(
            "UPDATE article_urls SET etag = ?, last_modified = ? WHERE url_key = ?",
            (etag, modified, url_key(page.url)),
        )

    def save_host(self, host: str, *, next_allowed_at: datetime, slowdown: float) -> None:
        """When `host` may be asked again: a later run honours it too."""
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO hosts (host, next_allowed_at, slowdown, updated_at)"
                " VALUES (?, ?, ?, ?)"
                " ON CONFLICT (host) DO UPDATE SET next_allowed_at = excluded.next_allowed_at,"
                " slowdown = excluded.slowdown, updated_at = excluded.updated_at",
                (host, next_allowed_at.isoformat(timespec="milliseconds"), slowdown, _now()),
            )

    def save_robots(self, robots: Robots) -> None:
        with self._transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO robots"
                " (origin, fetched_at, expires_at, status, rules, error) VALUES (?, ?, ?, ?, ?, ?)",
                (robots.origin, _iso(robots.fetched_at), _iso(robots.expires_at), robots.status,
                 robots.rules, robots.error),
            )  # fmt: skip

    # -- reading --------------------------------------------------------------

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified last seen for `url`, when its article was saved."""
        row = self.db.execute(
            "SELECT etag, last_modified FROM article_urls WHERE url_key = ?", (url_key(url),)
        ).fetchone()
        return (None, None) if row is None else (row[0], row[1])

    def host_schedule(self, host: str) -> tuple[datetime, float] | None:
        """When `host` may next be asked, and how much it had been slowed down."""
        row = self.db.execute(
            "SELECT next_allowed_at, slowdown FROM hosts WHERE host = ?", (host,)
        ).fetchone()
        return None if row is None else (datetime.fromisoformat(row[0]), float(row[1]))

    def robots(self, origin: str, *, now: datetime) -> Robots | None:
        """The robots.txt kept for `origin`, unless it has expired."""
        row = self.db.execute(
            "SELECT fetched_at, expires_at, status, rules, error FROM robots"
            " WHERE origin = ? AND expires_at > ?",
            (origin, _iso(now)),
        ).fetchone()
        if row is None:
            return None
        fetched_at, expires_at = _time(row[0]), _time(row[1])
        assert fetched_at is not None and expires_at is not None  # NOT NULL columns
        return Robots(origin, fetched_at, expires_at, status=row[2], rules=row[3], error=row[4])

    def _load(self, conn: sqlite3.Connection, article_id: int) -> tuple[Article, int]:
        """An archived article as the parser returned it, and its version."""
        cursor = conn.execute(f"SELECT url, version, {', '.join(CONTENT_COLUMNS)} FROM articles"
                              " WHERE id = ?", (article_id,))  # fmt: skip
        names = [d[0] for d in cursor.description]
        row = dict(zip(names, cursor.fetchone(), strict=True))
        related = [
            Link(url, text or "")
            for url, text in conn.execute(
                "SELECT url, text FROM related_links WHERE article_id = ? ORDER BY position",
                (article_id,),
            )
        ]
        version = row.pop("version")
        article = Article(
            **{**row, "highlights": json.loads(row["highlights"] or "[]"),
               "authors": json.loads(row["authors"] or "[]"),
               "sources": json.loads(row["sources"] or "{}"),
               "paywalled": bool(row["paywalled"]), "related": related},
        )  # fmt: skip
        return article, int(version)

    def history(self, url: str) -> list[dict[str, Any]]:
        """Every version of the article `url` leads to, oldest first."""
        article_id = self.article_id_for(url)
        if article_id is None:
            return []
        return list(self.db.query(HISTORY_SQL, {"article_id": article_id}))

    def version(self, article_id: int, number: int) -> dict[str, Any] | None:
        rows = list(self.db.query(VERSION_SQL, {"article_id": article_id, "version": number}))
        return rows[0] if rows else None

    def stored_pages(
        self, *, since: datetime | None = None, urls: Iterable[str] = ()
    ) -> Iterator[tuple[int, Page]]:
        """The latest kept response of each page (or of each of `urls`), oldest first."""
        keys = {url_key(url) for url in urls}
        rows = self.db.execute(
            "SELECT p.id, p.url, p.final_url, p.fetched_at, p.status, p.headers FROM pages p"
            " WHERE p.fetched_at >= ? AND p.id = (SELECT q.id FROM pages q"
            " WHERE q.final_url = p.final_url ORDER BY q.fetched_at DESC, q.id DESC LIMIT 1)"
            " ORDER BY p.fetched_at, p.id",
            (_iso(since) or "",),
        ).fetchall()
        for page_id, url, final_url, fetched_at, status, headers in rows:
            if keys and not keys & {url_key(url), url_key(final_url)}:
                continue
            (content,) = self.db.execute(
                "SELECT content FROM pages WHERE id = ?", (page_id,)
            ).fetchone()
            fetched = _time(fetched_at)
            assert fetched is not None  # NOT NULL column
            yield page_id, Page(
                url=url, final_url=final_url, status=status or 200,
                content=zlib.decompress(content), fetched_at=fetched,
                headers=json.loads(headers or "{}"),
            )  # fmt: skip

    def article_rows(self) -> Iterator[dict[str, Any]]:
        """Every article as stored, by id."""
        yield from self.db.query("SELECT * FROM articles ORDER BY id")

    def responses(self) -> Iterator[tuple[str, str, int, dict[str, str], bytes]]:
        """Every kept response: url, fetched_at, status, headers, content."""
        cursor = self.db.execute(
            "SELECT final_url, fetched_at, status, headers, content FROM pages ORDER BY id"
        )
        for final_url, fetched_at, status, headers, content in cursor:
            yield (
                final_url,
                fetched_at,
                status or 200,
                json.loads(headers or "{}"),
                zlib.decompress(content),
            )

    def article_id_for(self, url: str) -> int | None:
        row = self.db.execute(
            "SELECT article_id FROM article_urls WHERE url_key = ?", (url_key(url),)
        ).fetchone()
        return None if row is None else int(row[0])


# The queries behind `scrape history` and `scrape diff`, as the README shows them.
HISTORY_SQL = (
    "SELECT version, fetched_at, headline, content_hash, length(body) AS body_length"
    " FROM versions WHERE article_id = :article_id ORDER BY version"
)
VERSION_SQL = "SELECT * FROM versions WHERE article_id = :article_id AND version = :version"


def _page_row(page: Page, outcome: str, article_id: int | None) -> dict[str, Any]:
    return {
        "url": page.url,
        "final_url": page.final_url,
        "fetched_at": _iso(page.fetched_at),
        "status": page.status,
        "bytes": len(page.content),
        "elapsed": round(page.elapsed, 3),
        "attempts": page.attempts,
        "outcome": outcome,
        "error": None,
        "article_id": article_id,
        "retry_at": None,
    }


def _visit_row(visit: Visit) -> dict[str, Any]:
    return {
        "url": visit.url,
        "final_url": visit.final_url,
        "fetched_at": _iso(visit.fetched_at),
        "status": visit.status,
        "bytes": visit.bytes,
        "elapsed": round(visit.elapsed, 3),
        "attempts": visit.attempts,
        "outcome": visit.outcome,
        "error": visit.reason,
        "article_id": visit.saved.article_id if visit.saved else None,
        "retry_at": _iso(visit.retry_at),
    }


def _content_values(article: Article) -> dict[str, Any]:
    return {
        "headline": article.headline,
        "highlights": json.dumps(article.highlights, ensure_ascii=False),
        "body": article.body,
        "body_markdown": article.body_markdown,
        "authors": json.dumps(article.authors, ensure_ascii=False),
        "published": article.published,
        "modified": article.modified,
        "site_name": article.site_name,
        "section": article.section,
        "language": article.language,
        "canonical_url": article.canonical_url,
        "image": article.image,
        "paywalled": int(article.paywalled),
        "sources": json.dumps(dict(article.sources), ensure_ascii=False),
    }


def _describe(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return "the file is read-only"
    if "disk is full" in text or "database or disk is full" in text:
        return "the disk is full"
    if "not a database" in text:
        return "the file is not an SQLite database"
    if "unable to open" in text:
        return "the file cannot be opened (check the folder exists and is writable)"
    return text
