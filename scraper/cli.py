"""The command line: options, output and exit codes; the work is done by the library.

Exit codes: 0 every URL archived or unchanged; 1 any URL failed (the others are
still archived) or the archive cannot be written; 2 usage error.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

import click
from click_default_group import DefaultGroup

from . import __version__
from .archive import DEFAULT_PATH, Archive
from .errors import ArchiveError, ScrapeError
from .fetch import new_session
from .models import SaveResult
from .pipeline import scrape

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Settings:
    db: str = DEFAULT_PATH
    as_json: bool = False
    quiet: bool = False


def shared_options(command: F) -> F:
    """--db, --json and -q, accepted before or after the subcommand name."""
    command = click.option(
        "--db",
        envvar="SCRAPE_DB",
        type=click.Path(dir_okay=False),
        help=f"Archive file (default {DEFAULT_PATH}, or $SCRAPE_DB).",
    )(command)
    command = click.option(
        "--json", "as_json", is_flag=True, default=None,
        help="Print one JSON object per URL on stdout.",
    )(command)  # fmt: skip
    return click.option(
        "-q", "--quiet", is_flag=True, default=None, help="Print nothing on success (for cron)."
    )(command)


def settings(ctx: click.Context, **given: Any) -> Settings:
    """Options given to the subcommand win over those given before it."""
    parent = ctx.find_object(Settings) or Settings()
    values = {k: v for k, v in given.items() if v is not None}
    return Settings(**{**parent.__dict__, **values})


@click.group(cls=DefaultGroup, default="get", default_if_no_args=False)
@click.version_option(__version__, prog_name="scrape")
@shared_options
@click.pass_context
def cli(ctx: click.Context, db: str | None, as_json: bool | None, quiet: bool | None) -> None:
    """Scrape news articles into a deduplicated SQLite archive.

    `scrape URL ...` is short for `scrape get URL ...`.
    """
    ctx.obj = settings(ctx, db=db, as_json=as_json, quiet=quiet)


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@shared_options
@click.pass_context
def get(
    ctx: click.Context, urls: tuple[str, ...], db: str | None, as_json: bool | None,
    quiet: bool | None,
) -> None:  # fmt: skip
    """Fetch URLs, extract their articles and archive them."""
    options = settings(ctx, db=db, as_json=as_json, quiet=quiet)
    failed = 0
    session = new_session()
    try:
        with Archive(options.db) as archive:
            for url in urls:
                try:
                    result = scrape(url, archive=archive, session=session)
                except ArchiveError:
                    raise
                except ScrapeError as exc:
                    failed += 1
                    _report_failure(options, url, str(exc))
                else:
                    _report(options, url, result)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    if failed:
        ctx.exit(1)


def _report(options: Settings, url: str, result: SaveResult) -> None:
    if options.as_json:
        data = {
            **result.article.to_dict(),
            "requested_url": url,
            "outcome": result.outcome,
            "article_id": result.article_id,
            "version": result.version,
        }
        click.echo(json.dumps(data, ensure_ascii=False))
    if not options.quiet:
        headline = result.article.headline or "(no headline)"
        click.echo(f"{result.outcome} {url} (article {result.article_id}): {headline}", err=True)


def _report_failure(options: Settings, url: str, reason: str) -> None:
    if options.as_json:
        data = {"requested_url": url, "url": url, "outcome": "failed", "error": reason}
        click.echo(json.dumps(data, ensure_ascii=False))
    click.echo(f"failed {url}: {reason}", err=True)


def main() -> None:
    cli(prog_name="scrape")


if __name__ == "__main__":
    sys.exit(main())
