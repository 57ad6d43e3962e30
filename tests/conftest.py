"""Shared fixtures: pages served by a real HTTP server, archives in tmp_path."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

FIXTURES = Path(__file__).parent / "fixtures"
# The shared data sets sit beside the project; tests that read them skip without them.
SHARED = Path(__file__).resolve().parents[2] / "shared"


def fixture_html(stem: str) -> bytes:
    return (FIXTURES / f"{stem}.html").read_bytes()


def fixture_spec(stem: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{stem}.json").read_text("utf-8"))


def serve(
    httpserver: HTTPServer,
    path: str,
    body: bytes | str,
    *,
    content_type: str = "text/html; charset=utf-8",
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> str:
    """Serve `body` at `path` on the local server; return its URL."""
    httpserver.expect_request(path).respond_with_data(
        body, status=status, content_type=content_type, headers=headers or {}
    )
    return httpserver.url_for(path)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder with no $SCRAPE_DB, as a user in a fresh directory would."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCRAPE_DB", raising=False)
    return tmp_path


@pytest.fixture(autouse=True)
def _not_found_by_default(httpserver: HTTPServer) -> None:
    """An unknown path is a 404, as on a real site (the plugin's default is 500)."""
    httpserver.no_handler_status_code = 404


def make_old_archive(path: Path, version: int) -> None:
    """An archive as version `version` of scrape left it: one article and one fetch."""
    import sqlite_utils

    from scraper import Archive

    conn = sqlite3.connect(path, isolation_level=None)
    old = Archive.__new__(Archive)
    old.db = sqlite_utils.Database(conn)
    old._create_v1()
    if version >= 2:
        old._migrate_v2()
    if version >= 3:
        old._migrate_v3()
    if version >= 4:
        old._migrate_v4()
    conn.execute(
        "INSERT INTO articles (url, headline, body, content_hash, version, first_seen)"
        " VALUES ('https://example.com/a', 'Old', 'Old body', 'x', 1, '2024-01-01T00:00:00+00:00')"
    )
    conn.execute(
        "INSERT INTO versions (article_id, version, content_hash, body) VALUES (1, 1, 'x', 'Old body')"
    )
    conn.execute(
        "INSERT INTO fetches (url, fetched_at, outcome, status, article_id)"
        " VALUES ('https://example.com/a', '2024-01-01T00:00:00+00:00', 'inserted', 200, 1)"
    )
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
