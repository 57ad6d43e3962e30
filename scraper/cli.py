"""The command line: options, output and exit codes; the work is done by the library.

Exit codes: 0 every URL archived, unchanged, skipped or rescheduled; 1 any URL failed
or was gated (the others are still archived) or the archive cannot be written; 2 usage
error.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import IO, Any, TypeVar

import click
from click_default_group import DefaultGroup

from . import __version__
from .archive import DEFAULT_PATH, Archive
from .crawl import Policy, crawl
from .errors import ArchiveError
from .fetch import MAX_BYTES, USER_AGENT
from .models import Visit
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
    db: str = DEFAULT_PATH
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

    def policy(self) -> Policy:
        given = {f.name: getattr(self, f.name) for f in fields(Policy)}
        return Policy(**{name: value for name, value in given.items() if value is not None})


_OPTIONS = [
    click.option("--db", envvar="SCRAPE_DB", type=click.Path(dir_okay=False),
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
    unique = unique_urls(listed)
    policy = options.policy()
    if policy.ignore_robots:
        click.echo("warning: --ignore-robots: robots.txt is not read; sites that ask not to be"
                   " crawled will be crawled anyway", err=True)  # fmt: skip
    tally: Counter[str] = Counter()
    started = time.monotonic()
    try:
        with Archive(options.db) as archive, Progress.on_stderr(len(unique), options) as progress:
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
    sys.exit(main())
