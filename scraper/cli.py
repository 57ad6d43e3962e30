"""The command line: options, output and exit codes; the work is done by the library.

Exit codes: 0 every URL archived, unchanged, skipped or rescheduled; 1 any URL failed
or was gated (the others are still archived) or the archive cannot be written; 2 usage
error.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import IO, Any, TypeVar

import click
from click_default_group import DefaultGroup

from . import __version__, discover
from .archive import DEFAULT_PATH, Archive
from .crawl import Policy, crawl
from .diff import VersionDiff, diff_versions
from .errors import ArchiveError
from .export import StoredResponse, write_jsonl, write_markdown, write_warc
from .fetch import MAX_BYTES, USER_AGENT
from .listings import Listing, read_feeds, read_sitemaps
from .models import Visit
from .pipeline import Reparsed
from .pipeline import reparse as run_reparse
from .urls import read_urls, unique_urls

F = TypeVar("F", bound=Callable[..., Any])

# Outcomes as the summary counts them.
SUMMARY = {
    "inserted": "archived", "updated": "archived", "unchanged": "unchanged",
    "skipped": "skipped", "rescheduled": "skipped", "gated": "failed", "failed": "failed",
}  # fmt: skip
FAILURES = ("gated", "failed")


@dataclass
class Settings:
    db: str | None = None  # --db; see archive_path
    as_json: bool = False
    quiet: bool = False
    input: tuple[IO[str], ...] = ()
    # the crawl's Policy, field for field
    concurrency: int | None = None
    delay: float | None = None
    timeout: float | None = None
    max_bytes: int | None = None
    retries: int | None = None
    user_agent: str | None = None
    ignore_robots: bool | None = None
    allow_private: bool | None = None

    @property
    def archive_path(self) -> str:
        """--db wherever it was given, else $SCRAPE_DB, else archive.db here.

        The environment is read here, not by the option: an option that reads it
        would fill the subcommand's copy and override a --db given before it."""
        return self.db or os.environ.get("SCRAPE_DB") or DEFAULT_PATH

    def policy(self) -> Policy:
        given = {f.name: getattr(self, f.name) for f in fields(Policy)}
        return Policy(**{name: value for name, value in given.items() if value is not None})


_OPTIONS = [
    click.option("--db", type=click.Path(dir_okay=False),
                 help=f"Archive file (default {DEFAULT_PATH}, or $SCRAPE_DB)."),
    click.option("--json", "as_json", is_flag=True, default=None,
                 help="Print one JSON object per URL on stdout."),
    click.option("-q", "--quiet", is_flag=True, default=None,
                 help="Print nothing on success (for cron); failures are still reported."),
    click.option("-i", "--input", type=click.File("r", encoding="utf-8"), multiple=True,
                 metavar="FILE",
                 help="Read URLs from FILE, one a line ('-' reads standard input)."),
    click.option("--concurrency", type=click.IntRange(1, 256), metavar="N",
                 help="Hosts fetched at once (default 8); one request at a time per host."),
    click.option("--delay", type=click.FloatRange(min=0), metavar="SECONDS",
                 help="Pause between two requests to one host, at least (default 1)."),
    click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
                 help="Time limit per request in all: connect, wait, download (default 60)."),
    click.option("--max-bytes", type=click.IntRange(min=1), metavar="N",
                 help=f"Largest page accepted, decompressed (default {MAX_BYTES:,})."),
    click.option("--retries", type=click.IntRange(0, 10), metavar="N",
                 help="Further tries after 408, 429, 5xx or a reset connection (default 3)."),
    click.option("--user-agent", metavar="TEXT",
                 help=f"User-Agent header (default {USER_AGENT!r})."),
    click.option("--ignore-robots", is_flag=True, default=None,
                 help="Do not read robots.txt (a warning is printed every run)."),
    click.option("--allow-private", is_flag=True, default=None,
                 help="Follow redirects from public hosts to private addresses."),
]  # fmt: skip


def db_option(command: F) -> F:
    """--db alone, for the commands that only read or re-read the archive."""
    return _OPTIONS[0](command)


def since_option(command: F) -> F:
    return click.option(
        "--since", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]),
        metavar="DATE", help="Only entries (or kept pages) from DATE on, UTC (2024-05-01).",
    )(command)  # fmt: skip


def shared_options(command: F) -> F:
    """Every option, accepted before or after the subcommand name."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def settings(ctx: click.Context, **given: Any) -> Settings:
    """Options given to the subcommand win over those given before it."""
    parent = ctx.find_object(Settings) or Settings()
    values = {k: v for k, v in given.items() if v is not None and v != ()}
    inherited = {f.name: getattr(parent, f.name) for f in fields(parent)}
    return Settings(**{**inherited, **values})


# invoke_without_command: `scrape -i urls.txt` names no URL, yet means `scrape get`
@click.group(cls=DefaultGroup, default="get", invoke_without_command=True)
@click.version_option(__version__, prog_name="scrape")
@shared_options
@click.pass_context
def cli(ctx: click.Context, **given: Any) -> None:
    """Scrape news articles into a deduplicated SQLite archive.

    `scrape URL ...` is short for `scrape get URL ...`.
    """
    ctx.obj = settings(ctx, **given)
    if ctx.invoked_subcommand is None:
        ctx.invoke(get)


@cli.command()
@click.argument("urls", nargs=-1)
@shared_options
@click.pass_context
def get(ctx: click.Context, urls: tuple[str, ...], **given: Any) -> None:
    """Fetch URLs, extract their articles and archive them.

    Many hosts at once, one request at a time per host, robots.txt obeyed.
    """
    options = settings(ctx, **given)
    listed = [*urls, *(url for file in options.input for url in read_urls(file))]
    if not listed:
        raise click.UsageError("no URL: name URLs, or a file of URLs with -i FILE")
    _crawl_and_report(ctx, options, listed)


@cli.command()
@click.argument("urls", nargs=-1)
@since_option
@shared_options
@click.pass_context
def feed(ctx: click.Context, urls: tuple[str, ...], since: datetime | None, **given: Any) -> None:
    """Archive the articles RSS, Atom or JSON feeds list, and not yet archived.

    A site's page stands for the feeds it announces in <link rel="alternate">.
    """
    options = settings(ctx, **given)
    listed = _listed(urls, options, what="feed")
    _follow(ctx, options, read_feeds(listed, policy=options.policy()), since)


@cli.command()
@click.argument("urls", nargs=-1)
@since_option
@shared_options
@click.pass_context
def sitemap(
    ctx: click.Context, urls: tuple[str, ...], since: datetime | None, **given: Any
) -> None:
    """Archive the articles XML or text sitemaps list (indexes followed), not yet archived.

    A site's page stands for the sitemaps its robots.txt names.
    """
    options = settings(ctx, **given)
    listed = _listed(urls, options, what="sitemap")
    _follow(ctx, options, read_sitemaps(listed, policy=options.policy()), since)


def _listed(urls: tuple[str, ...], options: Settings, *, what: str) -> list[str]:
    """URLs given as arguments and in -i files; a usage error when there are none."""
    listed = [*urls, *(url for file in options.input for url in read_urls(file))]
    if not listed:
        raise click.UsageError(f"no URL: name {what} URLs, or a file of them with -i FILE")
    return unique_urls(listed)


def _follow(
    ctx: click.Context, options: Settings, listing: Listing, since: datetime | None
) -> None:
    for problem in listing.problems:
        click.echo(f"warning: {problem}", err=True)
    entries = discover.since(listing.entries, since)
    try:
        with Archive(options.archive_path) as archive:
            new = [e.url for e in entries if archive.article_id_for(e.url) is None]
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    if not options.quiet:
        click.echo(f"{len(listing.entries)} listed, {len(entries)} recent enough,"
                   f" {len(new)} not yet archived", err=True)  # fmt: skip
    if new:
        _crawl_and_report(ctx, options, new)
    elif listing.problems and not listing.entries:
        ctx.exit(1)


def _crawl_and_report(ctx: click.Context, options: Settings, listed: list[str]) -> None:
    unique = unique_urls(listed)
    policy = options.policy()
    if policy.ignore_robots:
        click.echo("warning: --ignore-robots: robots.txt is not read; sites that ask not to be"
                   " crawled will be crawled anyway", err=True)  # fmt: skip
    tally: Counter[str] = Counter()
    started = time.monotonic()
    try:
        with (
            Archive(options.archive_path) as archive,
            Progress.on_stderr(len(unique), options) as progress,
        ):
            for visit in crawl(unique, archive=archive, policy=policy):
                tally[SUMMARY[visit.outcome]] += 1
                with progress.paused():
                    _report(options, visit)
                progress.count(failed=visit.outcome in FAILURES)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    if not options.quiet:
        click.echo(_summary(tally, len(unique), len(listed) - len(unique), started), err=True)
    if tally["failed"]:
        ctx.exit(1)


@cli.command()
@click.argument("url")
@db_option
@click.option("--json", "as_json", is_flag=True, default=None,
              help="Print one JSON object per version on stdout.")  # fmt: skip
@click.pass_context
def history(ctx: click.Context, url: str, **given: Any) -> None:
    """List the versions kept of the article URL leads to."""
    options = settings(ctx, **given)
    with _archive(options) as archive:
        versions = archive.history(url)
    if not versions:
        raise click.ClickException(f"{url} is not in the archive {options.archive_path}")
    for row in versions:
        if options.as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            click.echo(f"{row['version']:>3}  {row['fetched_at']}  {row['body_length']:>7} chars"
                       f"  {row['content_hash'][:12]}  {row['headline']}")  # fmt: skip


@cli.command()
@click.argument("url")
@click.argument("versions", nargs=-1, type=click.IntRange(min=1))
@db_option
@click.pass_context
def diff(ctx: click.Context, url: str, versions: tuple[int, ...], **given: Any) -> None:
    """Show what changed between two versions (A B; the last two by default)."""
    options = settings(ctx, **given)
    if len(versions) not in (0, 2):
        raise click.UsageError("give two version numbers, A and B, or none for the last two")
    with _archive(options) as archive:
        kept = archive.history(url)
        if not kept:
            raise click.ClickException(f"{url} is not in the archive {options.archive_path}")
        if not versions and len(kept) < 2:
            click.echo(f"{url} has one version: nothing to compare", err=True)
            return
        old_number, new_number = versions or (kept[-2]["version"], kept[-1]["version"])
        article_id = archive.article_id_for(url)
        assert article_id is not None  # it has versions
        old, new = archive.version(article_id, old_number), archive.version(article_id, new_number)
    if old is None or new is None:
        missing = old_number if old is None else new_number
        raise click.ClickException(f"{url} has no version {missing} (it has 1 to {len(kept)})")
    click.echo(_format_diff(diff_versions(old, new), old, new))


def _format_diff(changes: VersionDiff, old: dict[str, Any], new: dict[str, Any]) -> str:
    lines = [f"version {changes.old_version} ({old['fetched_at']}) ->"
             f" version {changes.new_version} ({new['fetched_at']})"]  # fmt: skip
    for change in changes.fields:
        lines.append(f"{change.name}: {change.old!r} -> {change.new!r}")
    if changes.body:
        lines += ["body:", changes.body]
    if changes.unchanged:
        lines.append("no change in the text or the fields compared")
    return "\n".join(lines)


@cli.command()
@click.argument("urls", nargs=-1)
@since_option
@db_option
@click.option("--json", "as_json", is_flag=True, default=None,
              help="Print one JSON object per page on stdout.")  # fmt: skip
@click.option("-q", "--quiet", is_flag=True, default=None,
              help="Print nothing but pages that no longer parse.")  # fmt: skip
@click.pass_context
def reparse(
    ctx: click.Context, urls: tuple[str, ...], since: datetime | None, **given: Any
) -> None:
    """Run the current extractor over kept pages (all, or URLS), without fetching.

    Articles whose text comes out different get a new version.
    """
    options = settings(ctx, **given)
    tally: Counter[str] = Counter()
    started = time.monotonic()
    with _archive(options) as archive:
        pages = sum(1 for _ in archive.stored_pages(since=since, urls=urls))
        if urls and not pages:
            raise click.ClickException("no page of these URLs is kept in the archive")
        with Progress.on_stderr(pages, options) as progress:
            for result in run_reparse(archive=archive, since=since, urls=urls):
                outcome = result.saved.outcome if result.saved else "failed"
                tally[outcome] += 1
                with progress.paused():
                    _report_reparsed(options, result)
                progress.count(failed=result.saved is None)
    if not options.quiet:
        counts = ", ".join(
            f"{tally[o]} {o}" for o in ("updated", "inserted", "unchanged", "failed")
        )
        click.echo(f"{pages} pages re-parsed in {time.monotonic() - started:.1f} s: {counts}",
                   err=True)  # fmt: skip


def _report_reparsed(options: Settings, result: Reparsed) -> None:
    saved = result.saved
    if options.as_json:
        data: dict[str, Any] = {"url": result.url, "outcome": saved.outcome if saved else "failed"}
        if saved:
            data.update(article_id=saved.article_id, version=saved.version)
        else:
            data["error"] = str(result.error)
        click.echo(json.dumps(data, ensure_ascii=False))
    if saved is None:
        click.echo(f"failed {result.url}: {result.error}", err=True)
    elif not options.quiet:
        click.echo(f"{saved.outcome} {result.url} (article {saved.article_id}):"
                   f" {saved.article.headline}", err=True)  # fmt: skip


EXPORT_DEFAULTS = {"warc": "scrape-export.warc.gz", "jsonl": "-", "markdown": "scrape-export"}


@cli.command()
@click.option("--format", "format_", type=click.Choice(list(EXPORT_DEFAULTS)), required=True,
              help="warc: the kept responses (WARC 1.1, gzipped); jsonl: one article a line;"
                   " markdown: one file an article, with front matter.")  # fmt: skip
@click.option("-o", "--output", metavar="PATH",
              help="File or folder to write (default: scrape-export.warc.gz, standard output,"
                   " scrape-export/).")  # fmt: skip
@db_option
@click.pass_context
def export(ctx: click.Context, format_: str, output: str | None, **given: Any) -> None:
    """Write the archive out as WARC, JSON Lines or Markdown files."""
    options = settings(ctx, **given)
    target = output or EXPORT_DEFAULTS[format_]
    with _archive(options) as archive:
        try:
            if format_ == "warc":
                responses = (StoredResponse(*row) for row in archive.responses())
                with click.open_file(target, "wb") as out:
                    count = write_warc(responses, out)
            elif format_ == "jsonl":
                with click.open_file(target, "w", encoding="utf-8") as out:
                    count = write_jsonl(archive.article_rows(), out)
            else:
                count = write_markdown(archive.article_rows(), Path(target))
        except OSError as exc:
            raise click.ClickException(f"cannot write {target}: {exc.strerror or exc}") from exc
    what = "responses" if format_ == "warc" else "articles"
    click.echo(f"{count} {what} written to {'standard output' if target == '-' else target}",
               err=True)  # fmt: skip


@contextmanager
def _archive(options: Settings) -> Iterator[Archive]:
    """The archive for a command that reads one: it must exist (a typo in --db must
    not leave an empty archive behind)."""
    path = options.archive_path
    if not Path(path).is_file():
        raise click.ClickException(
            f"no archive at {path}: scrape some URLs first, or name it with --db"
        )
    try:
        with Archive(path) as archive:
            yield archive
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc


def _report(options: Settings, visit: Visit) -> None:
    if options.as_json:
        click.echo(json.dumps(_json(visit), ensure_ascii=False))
    if visit.saved is not None:
        if not options.quiet:
            saved = visit.saved
            headline = saved.article.headline or "(no headline)"
            paywalled = ", paywalled" if saved.article.paywalled else ""
            click.echo(f"{saved.outcome} {visit.url} (article {saved.article_id}{paywalled}):"
                       f" {headline}", err=True)  # fmt: skip
    elif visit.outcome in FAILURES or not options.quiet:
        click.echo(f"{visit.outcome} {visit.url}: {visit.reason}", err=True)


def _json(visit: Visit) -> dict[str, Any]:
    if visit.saved is not None:
        saved = visit.saved
        return {
            **saved.article.to_dict(), "requested_url": visit.url, "outcome": saved.outcome,
            "article_id": saved.article_id, "version": saved.version,
        }  # fmt: skip
    data: dict[str, Any] = {
        "requested_url": visit.url, "url": visit.url, "outcome": visit.outcome,
        "error": visit.reason, "status": visit.status, "final_url": visit.final_url,
    }  # fmt: skip
    if visit.retry_at is not None:
        data["retry_at"] = visit.retry_at.isoformat(timespec="seconds")
    return data


def _summary(tally: Counter[str], total: int, duplicates: int, started: float) -> str:
    counts = ", ".join(f"{tally[name]} {name}" for name in ("archived", "unchanged", "skipped",
                                                           "failed"))  # fmt: skip
    line = f"{total} URLs in {time.monotonic() - started:.1f} s: {counts}"
    if duplicates:
        line += f" ({duplicates} duplicate{'s' * (duplicates > 1)} ignored)"
    return line


class Progress:
    """A status line at the foot of a terminal: URLs done, failed, and per second."""

    def __init__(self, total: int, stream: IO[str] | None) -> None:
        self.total, self.stream = total, stream
        self.done = self.failed = 0
        self.started = self.drawn_at = time.monotonic()

    @classmethod
    def on_stderr(cls, total: int, options: Settings) -> Progress:
        stream = sys.stderr
        shown = not options.quiet and stream.isatty()
        return cls(total, stream if shown else None)

    def __enter__(self) -> Progress:
        self._draw()
        return self

    def __exit__(self, *exc: object) -> None:
        self._clear()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Lines printed meanwhile go above the status line."""
        self._clear()
        yield
        self._draw()

    def count(self, *, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if time.monotonic() - self.drawn_at > 0.1 or self.done == self.total:
            self._draw()

    def _draw(self) -> None:
        if self.stream is None:
            return
        self.drawn_at = time.monotonic()
        rate = self.done / max(self.drawn_at - self.started, 1e-3)
        self.stream.write(f"\r\x1b[K{self.done}/{self.total} done, {self.failed} failed,"
                          f" {rate:.1f}/s")  # fmt: skip
        self.stream.flush()

    def _clear(self) -> None:
        if self.stream is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def main() -> None:
    cli(prog_name="scrape")


if __name__ == "__main__":
    main()
