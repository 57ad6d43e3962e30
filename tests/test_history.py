"""History: versions when an article changes, none for noise; history, diff, reparse, export."""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from warcio.archiveiterator import ArchiveIterator

from scraper.archive import HISTORY_SQL
from scraper.cli import cli

from .conftest import serve

FIRST = (
    "The council met on Tuesday to discuss the harbour plan, and members agreed to publish "
    "the full report next month after a long debate about the costs."
)
SECOND = (
    "Residents who spoke at the meeting asked for the sea wall repairs to start before the "
    "winter storms, and the chair promised a decision within weeks."
)


def page(headline: str, paragraphs: list[str], *, counter: str = "1,204 views",
         related: tuple[str, ...] = ("a", "b", "c"), modified: str = "2024-05-02T10:00:00Z") -> str:  # fmt: skip
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    links = "".join(
        f'<li><a href="/news/{r}">Story {r} about the harbour works</a></li>' for r in related
    )
    return f"""<html><head><title>{headline}</title>
<meta property="article:modified_time" content="{modified}"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{headline}</h1><p class="counter">{counter}</p>{body}</article>
<div class="related"><h3>Related stories</h3><ul>{links}</ul></div>
<footer>Example News</footer></body></html>"""


def run(*args: str):
    return CliRunner().invoke(cli, ["--delay", "0", *args], catch_exceptions=False)


def republish(httpserver: HTTPServer, path: str, html: str) -> str:
    httpserver.clear()
    httpserver.no_handler_status_code = 404
    return serve(httpserver, path, html)


def versions(path: Path) -> list[dict]:
    return list(sqlite_utils.Database(path).query("select * from versions order by version"))


def test_a_changed_article_gets_a_new_version(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, "/story", page("Harbour plan delayed", [FIRST, SECOND]))
    assert run(url).stderr.startswith("inserted")
    republish(httpserver, "/story", page("Harbour plan approved", [FIRST.replace("Tuesday", "Wednesday"), SECOND,
                                                                  "Correction: an earlier version gave the wrong day."]))  # fmt: skip
    assert run(url).stderr.startswith(f"updated {url} (article 1)")
    kept = versions(in_tmp / "archive.db")
    assert [v["version"] for v in kept] == [1, 2]
    assert kept[0]["headline"] == "Harbour plan delayed"
    assert "Tuesday" in kept[0]["body"] and "Correction" in kept[1]["body"]
    article = next(sqlite_utils.Database(in_tmp / "archive.db").query("select * from articles"))
    assert (article["headline"], article["version"]) == ("Harbour plan approved", 2)


def test_noise_is_not_a_change(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, "/story", page("Harbour plan", [FIRST, SECOND]))
    run(url)
    noisy = page("Harbour plan", [FIRST, SECOND], counter="1,387 views", related=("c", "a", "b"),
                 modified="2024-05-03T08:00:00Z")  # fmt: skip
    republish(httpserver, "/story", noisy)
    assert run(url).stderr.startswith(f"unchanged {url}")
    assert len(versions(in_tmp / "archive.db")) == 1


def test_history_lists_versions(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, "/story", page("Harbour plan delayed", [FIRST, SECOND]))
    run(url)
    republish(httpserver, "/story", page("Harbour plan approved", [FIRST, SECOND]))
    run(url)
    listed = run("history", url)
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].split()[0] == "1" and lines[0].endswith("Harbour plan delayed")
    assert lines[1].split()[0] == "2" and lines[1].endswith("Harbour plan approved")
    rows = [json.loads(line) for line in run("history", "--json", url).stdout.splitlines()]
    assert [r["version"] for r in rows] == [1, 2]
    # the README's SQL is what the command runs
    assert HISTORY_SQL in (Path(__file__).parents[1] / "README.md").read_text("utf-8")


def test_diff_shows_words_and_fields(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, "/story", page("Harbour plan delayed", [FIRST, SECOND]))
    run(url)
    republish(
        httpserver,
        "/story",
        page("Harbour plan approved", [FIRST.replace("Tuesday", "Wednesday"), SECOND]),
    )
    run(url)
    shown = run("diff", url)
    assert shown.exit_code == 0
    assert "headline: 'Harbour plan delayed' -> 'Harbour plan approved'" in shown.stdout
    assert "[-Tuesday-] {+Wednesday+}" in shown.stdout
    assert "winter storms" not in shown.stdout  # the unchanged paragraph is not repeated
    assert run("diff", url, "1", "2").stdout == shown.stdout


def test_diff_errors_are_one_line(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, "/story", page("Harbour plan", [FIRST, SECOND]))
    run(url)
    one = run("diff", url)
    assert (one.exit_code, one.stderr) == (0, f"{url} has one version: nothing to compare\n")
    missing = run("diff", url, "1", "5")
    assert missing.exit_code == 1 and "has no version 5" in missing.stderr
    unknown = run("diff", "https://example.com/never-seen")
    assert unknown.exit_code == 1 and "is not in the archive" in unknown.stderr
    assert run("diff", url, "1").exit_code == 2


def test_reparse_updates_articles_without_the_network(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, "/story", page("Harbour plan", [FIRST, SECOND]))
    other = serve(httpserver, "/", "<html><body><nav><a href='/a'>A</a></nav></body></html>")
    run(url, other)
    db = sqlite_utils.Database(in_tmp / "archive.db")
    assert db["pages"].count == 2  # the page that was not an article is kept too
    # What an older parser might have made of the page:
    db.execute("update articles set body = 'Home News Harbour plan', content_hash = 'old'")
    db.execute("update versions set body = 'Home News Harbour plan', content_hash = 'old'")
    db.conn.commit()
    requests_before = len(httpserver.log)
    result = run("reparse")
    assert result.exit_code == 0
    assert len(httpserver.log) == requests_before  # nothing fetched
    assert f"updated {url} (article 1): Harbour plan" in result.stderr
    assert f"failed {other}: not an article" in result.stderr
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("2 pages re-parsed in ")
    assert summary.endswith("1 updated, 0 inserted, 0 unchanged, 1 failed")
    kept = versions(in_tmp / "archive.db")
    assert [v["version"] for v in kept] == [1, 2] and kept[1]["body"].startswith(FIRST)
    again = run("reparse", url)
    assert f"unchanged {url}" in again.stderr and len(versions(in_tmp / "archive.db")) == 2


def test_export_formats(httpserver: HTTPServer, in_tmp: Path) -> None:
    url = serve(httpserver, "/story", page("Harbour plan", [FIRST, SECOND]))
    run(url)
    assert run("export", "--format", "warc", "-o", "news.warc.gz").exit_code == 0
    with open(in_tmp / "news.warc.gz", "rb") as stream:
        found = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
                 for r in ArchiveIterator(stream)]  # fmt: skip
    assert [(kind, target) for kind, target, _ in found][1:] == [("response", url)]
    assert b"Harbour plan" in found[1][2]
    lines = run("export", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["headline"] for line in lines] == ["Harbour plan"]
    assert run("export", "--format", "markdown", "-o", "md").exit_code == 0
    (markdown,) = (in_tmp / "md").iterdir()
    assert markdown.read_text("utf-8").startswith('---\nheadline: "Harbour plan"\n')


def test_reparse_reads_the_latest_download_even_when_it_repeats_an_older_one(
    httpserver: HTTPServer, in_tmp: Path
) -> None:
    first, second = page("Headline A", [FIRST, SECOND]), page("Headline B", [FIRST, SECOND])
    url = serve(httpserver, "/story", first)
    run(url)
    republish(httpserver, "/story", second)
    run(url)
    republish(httpserver, "/story", first)  # an A/B test flips back to A
    run(url)
    db = sqlite_utils.Database(in_tmp / "archive.db")
    assert db["pages"].count == 2  # the same bytes are kept once
    assert [v["headline"] for v in versions(in_tmp / "archive.db")] == [
        "Headline A",
        "Headline B",
        "Headline A",
    ]
    last_seen = next(db.query("select last_seen from articles"))["last_seen"]
    result = run("reparse")
    assert f"unchanged {url}" in result.stderr  # A is the latest, and A is what is archived
    assert next(db.query("select last_seen from articles"))["last_seen"] == last_seen
