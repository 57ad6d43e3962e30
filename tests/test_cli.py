"""End to end: `scrape` against pages on a local server, the archive read back with sqlite-utils."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from scraper.cli import cli

from .conftest import fixture_html, fixture_spec, serve

SEED = "/details/209451.html"


def run(*args: str, env: dict[str, str] | None = None):
    # No pause between requests to the local server: test_crawl.py tests the pauses.
    return CliRunner().invoke(cli, ["--delay", "0", *args], env=env, catch_exceptions=False)


def sqlite_utils_cli(*args: str) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_seed_page_archived_and_queryable(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, SEED, fixture_html("seetao_article"))
    result = run(url)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"inserted {url} (article 1): Ma Xingrui Met with Nuryshev")
    assert (in_tmp / "archive.db").exists()

    rows = sqlite_utils_cli(
        "archive.db",
        "select headline, published, authors, site_name, highlights, body from articles",
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["headline"] == "Ma Xingrui Met with Nuryshev, Kazakhstan's Ambassador to China"
    assert row["published"] == "2023-03-19T09:59"
    assert json.loads(row["authors"]) == []
    assert row["site_name"] == "Seetao"
    assert len(json.loads(row["highlights"])) == 2
    assert row["body"] == "\n\n".join(fixture_spec("seetao_article")["body_paragraphs"])

    found = sqlite_utils_cli("search", "archive.db", "articles", "kazakhstan", "-c", "headline")
    assert found == [{"headline": row["headline"]}]
    links = sqlite_utils_cli(
        "archive.db", "select url, text, position from related_links order by position"
    )
    assert [link["position"] for link in links] == [1, 2, 3, 4, 5, 6]


def test_second_run_is_unchanged_and_changed_page_is_updated(
    httpserver: HTTPServer, in_tmp: Path
) -> None:
    url = serve(httpserver, SEED, fixture_html("seetao_article"))
    assert run(url).exit_code == 0
    again = run(url)
    assert again.stderr.startswith(f"unchanged {url}")
    httpserver.clear()
    changed = fixture_html("seetao_article").replace(
        b"attended the meeting.<span", b"attended the talks.<span"
    )
    serve(httpserver, SEED, changed)
    updated = run(url)
    assert updated.stderr.startswith(f"updated {url}")
    db = sqlite_utils.Database(in_tmp / "archive.db")
    assert db["articles"].count == 1
    assert db["versions"].count == 2
    assert [r["outcome"] for r in db.query("select outcome from fetches order by id")] == [
        "inserted",
        "unchanged",
        "updated",
    ]


def test_url_variants_are_one_row(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, SEED, fixture_html("seetao_article"))
    slash = serve(httpserver, SEED + "/", fixture_html("seetao_article"))
    assert run(url, url + "?utm_source=newsletter#top", slash).exit_code == 0
    assert sqlite_utils.Database(in_tmp / "archive.db")["articles"].count == 1


def test_json_prints_one_object_per_url(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, SEED, fixture_html("seetao_article"))
    missing = httpserver.url_for("/missing.html")
    result = run("--json", url, missing)
    assert result.exit_code == 1
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["outcome"] for o in objects] == ["inserted", "failed"]
    assert objects[0]["headline"].startswith("Ma Xingrui")
    assert objects[0]["related"][0]["url"].startswith("http")
    assert objects[1]["error"].startswith("HTTP 404")


def test_quiet_prints_nothing_on_success(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, SEED, fixture_html("seetao_article"))
    result = run("-q", url)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_failures_are_one_line_each_and_others_still_archived(
    httpserver: HTTPServer, in_tmp: Path
) -> None:
    good = serve(httpserver, SEED, fixture_html("seetao_article"))
    pdf = serve(httpserver, "/report.pdf", b"%PDF-1.4", content_type="application/pdf")
    home = serve(httpserver, "/", fixture_html("home_page"))
    result = run("-q", "notaurl", "http://no-such-host.invalid/a", pdf, home, good)
    assert result.exit_code == 1
    # Hosts are fetched in parallel: lines of different hosts come in any order,
    # those of one host in the order given.
    lines = result.stderr.splitlines()
    assert sorted(lines) == sorted([
        "failed notaurl: bad URL: only http and https URLs can be scraped",
        "failed http://no-such-host.invalid/a: DNS failure: the host name could not be resolved",
        f"failed {pdf}: not HTML: the server sent application/pdf",
        f"failed {home}: not an article: a home page",
    ])  # fmt: skip
    assert lines.index(f"failed {pdf}: not HTML: the server sent application/pdf") < lines.index(
        f"failed {home}: not an article: a home page"
    )
    db = sqlite_utils.Database(in_tmp / "archive.db")
    assert db["articles"].count == 1
    outcomes = {r["url"]: r["outcome"] for r in db.query("select url, outcome from fetches")}
    assert outcomes == {
        "notaurl": "failed", "http://no-such-host.invalid/a": "failed", pdf: "failed",
        home: "failed", good: "inserted",
    }  # fmt: skip
    assert db.execute("select count(*) from fetches").fetchone()[0] == 5


def test_usage_error_exits_2(in_tmp: Path) -> None:
    assert run().exit_code == 2
    assert run("get").exit_code == 2
    assert run("--no-such-option", "http://example.com/").exit_code == 2


def test_db_option_and_environment(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, SEED, fixture_html("seetao_article"))
    assert run("--db", "first.db", url).exit_code == 0
    assert run("get", url, "--db", "second.db").exit_code == 0
    assert run(url, env={"SCRAPE_DB": str(in_tmp / "third.db")}).exit_code == 0
    for name in ("first.db", "second.db", "third.db"):
        assert sqlite_utils.Database(in_tmp / name)["articles"].count == 1
    assert not (in_tmp / "archive.db").exists()


def test_installed_console_script(httpserver: HTTPServer, in_tmp: Path) -> None:
    script = Path(sys.executable).with_name("scrape")
    if not script.exists():
        pytest.fail("the scrape console script is not installed beside this Python")
    url = serve(httpserver, SEED, fixture_html("seetao_article"))
    done = subprocess.run([str(script), "--delay", "0", url], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("inserted")
    assert sqlite_utils.Database(in_tmp / "archive.db")["articles"].count == 1


def test_a_consent_wall_is_gated_not_archived(httpserver: HTTPServer, in_tmp: Path) -> None:
    wall = serve(httpserver, "/news/story", fixture_html("cookie_consent_wall"))
    result = run(wall)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"gated {wall}: not an article: a cookie-consent wall")
    db = sqlite_utils.Database(in_tmp / "archive.db")
    assert db["articles"].count == 0
    assert [r["outcome"] for r in db.query("select outcome from fetches")] == ["gated"]


def test_db_given_before_the_subcommand_beats_the_environment(
    httpserver: HTTPServer, in_tmp: Path
) -> None:
    url = serve(httpserver, SEED, fixture_html("seetao_article"))
    env = {"SCRAPE_DB": str(in_tmp / "env.db")}
    assert run("--db", "given.db", url, env=env).exit_code == 0
    assert run("--db", "given2.db", "get", url, env=env).exit_code == 0
    assert sqlite_utils.Database(in_tmp / "given.db")["articles"].count == 1
    assert sqlite_utils.Database(in_tmp / "given2.db")["articles"].count == 1
    assert not (in_tmp / "env.db").exists()
