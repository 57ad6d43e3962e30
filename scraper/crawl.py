"""A crawl: many URLs over many hosts at once, one request at a time per host, every outcome kept.

The calling thread schedules: it owns the archive, the robots.txt rules and each host's
pace, and worker threads only fetch and extract. So SQLite is written from one thread,
no transaction is ever open across a network fetch, and a host's pause never holds a
worker: a pool of `concurrency` threads serves whichever hosts are ready.
"""

from __future__ import annotations

import heapq
import logging
import os
import socket
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import requests

from .archive import Archive
from .errors import (
    ArchiveError,
    ExtractError,
    FetchError,
    GatedError,
    HTTPStatusError,
    NotAnArticle,
    RescheduledError,
    ScrapeError,
    SkippedError,
)  # fmt: skip
from .extract import extract
from .fetch import MAX_BYTES, TOTAL_TIMEOUT, USER_AGENT, fetch, new_session
from .models import Article, Page, SaveResult, Visit, VisitOutcome
from .politeness import SHORT_WAIT, Pace
from .robots import Robots, agent_token, fetch_robots, origin_of
from .urls import BadURL, check_url, unique_urls

log = logging.getLogger(__name__)

RENEW_LEASES = 600.0  # seconds between extensions of a run's leases (they last an hour)


@dataclass(frozen=True)
class Policy:
    """How a crawl behaves; each field is the command-line option of the same name."""

    concurrency: int = 8  # hosts fetched at once
    delay: float = 1.0  # seconds between two requests to one host, at least
    timeout: float = TOTAL_TIMEOUT  # seconds per request in all: connect, wait, download
    max_bytes: int = MAX_BYTES  # largest page, decompressed
    retries: int = 3  # further tries after a 408, 429, 5xx or a reset connection
    user_agent: str = USER_AGENT
    ignore_robots: bool = False
    allow_private: bool = False  # follow redirects from public hosts to private addresses


def crawl(
    urls: Iterable[str],
    *,
    archive: Archive,
    policy: Policy = Policy(),
    session: requests.Session | None = None,
) -> Iterator[Visit]:
    """Fetch, extract and archive each URL once; yield each URL's Visit as it completes."""
    return Crawler(archive, policy=policy, session=session).run(urls)


def tidy_search_index(archive: Archive) -> None:
    """Merge the search index if it is due, at the end of a run whose work is saved:
    a failure here (the archive busy too long) is a warning, not a failed run."""
    try:
        archive.tidy_search_index()
    except ArchiveError as exc:
        log.warning("search index not merged this time: %s", exc)


def host_key(url: str) -> str:
    """What politeness counts as one server: the host name, and the port when it is unusual."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    return host


@dataclass
class _Job:
    url: str
    attempts: int = 0  # requests made so far
    elapsed: float = 0.0  # seconds on the wire so far
    conditional: bool = False  # sent If-None-Match / If-Modified-Since


@dataclass
class _Host:
    key: str
    order: int  # position of its first URL: of two ready hosts, the earlier goes first
    pace: Pace
    jobs: deque[_Job] = field(default_factory=deque)
    ready_at: float = 0.0  # time.monotonic()
    closed_until: datetime | None = None  # not to be asked before then: its URLs are rescheduled


@dataclass(frozen=True)
class _Done:
    """What a worker brings back from one request: a page, robots.txt, or an error."""

    job: _Job | None  # None for robots.txt
    fetched_at: datetime
    elapsed: float
    page: Page | None = None
    article: Article | None = None
    robots: Robots | None = None
    error: ScrapeError | None = None


class Crawler:
    """The session, robots.txt rules and host schedule of one crawl."""

    def __init__(
        self, archive: Archive, *, policy: Policy = Policy(),
        session: requests.Session | None = None,
    ) -> None:  # fmt: skip
        self.archive = archive
        self.policy = policy
        self.session = session or new_session(policy.user_agent)
        self.agent = agent_token(policy.user_agent)
        # Names this run in the archive's leases, so overlapping runs share the work.
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._renewed = time.monotonic()
        self._robots: dict[str, Robots] = {}
        self._hosts: dict[str, _Host] = {}
        self._ready: list[tuple[float, int, str]] = []  # heap of (ready_at, order, host key)

    def run(self, urls: Iterable[str]) -> Iterator[Visit]:
        """Visit each URL once (duplicates dropped); yield each Visit as it completes.

        The run leases its URLs in the archive until it ends: a run started meanwhile
        skips them, so overlapping cron runs never fetch a page twice.
        """
        valid: list[str] = []
        for url in unique_urls(urls):
            try:
                valid.append(check_url(url))
            except BadURL as exc:
                yield self._record(url, "failed", FetchError(str(exc), url=url))
        busy = self.archive.claim(valid, self.holder, now=_utcnow(), alive=holder_alive)
        try:
            for url in valid:
                if url in busy:
                    elsewhere = SkippedError("another scrape run is fetching it now", url=url)
                    yield self._record(url, "skipped", elsewhere)
                else:
                    self._add(url)
            with ThreadPoolExecutor(self.policy.concurrency, thread_name_prefix="scrape") as pool:
                yield from self._schedule(pool)
        finally:
            self.archive.release_all(self.holder)
        tidy_search_index(self.archive)

    # -- scheduling (the calling thread) ---------------------------------------------

    def _add(self, url: str) -> None:
        key = host_key(url)
        if key not in self._hosts:
            self._hosts[key] = host = self._open_host(key)
            heapq.heappush(self._ready, (host.ready_at, host.order, key))
        self._hosts[key].jobs.append(_Job(url))
        origin = origin_of(url)
        if not self.policy.ignore_robots and origin not in self._robots:
            kept = self.archive.robots(origin, now=_utcnow())
            if kept is not None:
                self._robots[origin] = kept

    def _open_host(self, key: str) -> _Host:
        """A host as the archive left it: a previous run's pause and slowdown still count."""
        host = _Host(key, len(self._hosts), Pace(self.policy.delay), ready_at=time.monotonic())
        kept = self.archive.host_schedule(key)
        if kept is not None:
            next_allowed_at, host.pace.slowdown = kept
            wait_for = (next_allowed_at - _utcnow()).total_seconds()
            if wait_for > SHORT_WAIT:
                host.closed_until = next_allowed_at
            else:
                host.ready_at += max(wait_for, 0.0)
        return host

    def _schedule(self, pool: ThreadPoolExecutor) -> Iterator[Visit]:
        inflight: dict[Future[_Done], _Host] = {}
        while self._ready or inflight:
            while (self._ready and self._ready[0][0] <= time.monotonic()
                   and len(inflight) < self.policy.concurrency):  # fmt: skip
                host = self._hosts[heapq.heappop(self._ready)[2]]
                yield from self._dispatch(host, pool, inflight)
            timeout = None
            if self._ready and len(inflight) < self.policy.concurrency:
                timeout = max(self._ready[0][0] - time.monotonic(), 0.0)
            if not inflight:
                time.sleep(timeout or 0.0)
                continue
            done, _ = wait(inflight, timeout=timeout, return_when=FIRST_COMPLETED)
            for future in done:
                host = inflight.pop(future)
                yield from self._complete(host, future.result())

    def _dispatch(
        self, host: _Host, pool: ThreadPoolExecutor, inflight: dict[Future[_Done], _Host]
    ) -> Iterator[Visit]:
        """Send the host's next request; URLs that need none (skipped...) are settled on the way."""
        while host.jobs:
            job = host.jobs[0]
            if host.closed_until is not None:
                host.jobs.popleft()
                reason = (f"{host.key} is not to be asked again before"
                          f" {host.closed_until:%Y-%m-%d %H:%M:%S} UTC")  # fmt: skip
                error = RescheduledError(reason, url=job.url, retry_at=host.closed_until)
                yield self._record(job.url, "rescheduled", error, retry_at=host.closed_until)
                continue
            if not self.policy.ignore_robots:
                origin = origin_of(job.url)
                robots = self._robots.get(origin)
                if robots is None:
                    inflight[pool.submit(self._fetch_robots, origin)] = host
                    return
                host.pace.crawl_delay = robots.delay(self.agent)  # kept from an earlier run too
                refusal = self._robots_refusal(robots, job.url)
                if refusal is not None:
                    host.jobs.popleft()
                    yield self._record(job.url, _outcome(refusal), refusal)
                    continue
            inflight[pool.submit(self._fetch_page, job, self._headers(job))] = host
            return

    def _robots_refusal(self, robots: Robots, url: str) -> FetchError | None:
        if not robots.available:
            return FetchError(robots.error or "robots.txt unavailable", url=url)
        if not robots.allows(url, self.agent):
            return SkippedError(f"robots.txt disallows it for {self.agent}", url=url)
        return None

    def _headers(self, job: _Job) -> dict[str, str]:
        headers = {"User-Agent": self.policy.user_agent}
        etag, modified = self.archive.validators(job.url)
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        job.conditional = bool(etag or modified)
        return headers

    def _complete(self, host: _Host, done: _Done) -> Iterator[Visit]:
        """Take a worker's answer: keep robots.txt, retry, reschedule or settle; pace the host."""
        now = time.monotonic()
        if done.robots is not None:
            self._robots[done.robots.origin] = done.robots
            self.archive.save_robots(done.robots)
            host.pace.record(done.elapsed, slow_down=not done.robots.available)
            host.pace.crawl_delay = done.robots.delay(self.agent)
            self._rest(host, now, host.pace.pause())
            return
        job = done.job
        assert job is not None  # only robots.txt fetches have no job
        job.attempts += 1
        job.elapsed += done.elapsed
        error = done.error
        host.pace.record(done.elapsed, slow_down=isinstance(error, FetchError) and error.slow_down)
        asked = (
            error.retry_after if isinstance(error, HTTPStatusError) and error.retryable else None
        )
        if asked is not None and asked > SHORT_WAIT:
            yield self._reschedule(host, done, asked)
            self._rest(host, now, 0.0, until=host.closed_until)
            return
        if (
            isinstance(error, FetchError)
            and error.retryable
            and job.attempts <= self.policy.retries
        ):
            self._rest(host, now, max(host.pace.backoff(job.attempts), asked or 0.0))
            return
        host.jobs.popleft()
        yield self._settle(job, done)
        self._rest(host, now, host.pace.pause())

    def _reschedule(self, host: _Host, done: _Done, asked: float) -> Visit:
        """A long Retry-After: the URL and the host's other URLs wait for a later run."""
        assert done.job is not None
        host.jobs.popleft()
        host.closed_until = _utcnow() + timedelta(seconds=asked)
        reason = (f"the server asked to wait {asked:.0f} s ({done.error});"
                  f" rescheduled for after {host.closed_until:%Y-%m-%d %H:%M:%S} UTC")  # fmt: skip
        error = RescheduledError(reason, url=done.job.url, retry_at=host.closed_until)
        visit = replace(self._visit(done.job, done, "rescheduled", error),
                        retry_at=host.closed_until)  # fmt: skip
        self.archive.record_fetch(visit)
        return visit

    def _rest(
        self, host: _Host, now: float, seconds: float, *, until: datetime | None = None
    ) -> None:
        """Leave the host alone for `seconds`, here and, through the archive, in the next run."""
        host.ready_at = now + seconds
        if now - self._renewed > RENEW_LEASES:
            self.archive.renew(self.holder, now=_utcnow())
            self._renewed = now
        next_allowed_at = until or _utcnow() + timedelta(seconds=seconds)
        self.archive.save_host(host.key, next_allowed_at=next_allowed_at,
                               slowdown=host.pace.slowdown)  # fmt: skip
        if host.jobs:
            heapq.heappush(self._ready, (host.ready_at, host.order, host.key))

    def _settle(self, job: _Job, done: _Done) -> Visit:
        """Save the article, note it unchanged, or log why not."""
        page, error = done.page, done.error
        if page is not None:
            page = replace(page, attempts=job.attempts, elapsed=job.elapsed)
        if page is not None and error is None and page.status == 304:
            article_id = self.archive.article_id_for(job.url)
            if job.conditional and article_id is not None:
                saved = self.archive.save_unchanged(article_id, page)
                return self._visit(job, done, "unchanged", saved=saved)
            error = FetchError("HTTP 304 Not Modified, but the archive holds no copy", url=job.url)
        if page is not None and error is None and done.article is not None:
            saved = self.archive.save(done.article, page=page)
            return self._visit(job, done, saved.outcome, saved=saved)
        assert error is not None  # a worker brings back an article, a 304 or an error
        visit = self._visit(job, done, _outcome(error), error)
        # A page that came back but is not an article is kept: a later parser may read it.
        self.archive.record_fetch(
            visit, page=page if page is not None and page.status != 304 else None
        )
        return visit

    def _visit(
        self, job: _Job, done: _Done, outcome: VisitOutcome, error: ScrapeError | None = None,
        *, saved: SaveResult | None = None,
    ) -> Visit:  # fmt: skip
        page, failure = done.page, done.error  # what the server said, even when rescheduled
        return Visit(
            url=job.url, outcome=outcome, fetched_at=done.fetched_at, saved=saved, error=error,
            final_url=page.final_url if page else getattr(failure, "final_url", None),
            status=page.status if page else getattr(failure, "status", None),
            bytes=len(page.content) if page else None,
            elapsed=job.elapsed, attempts=job.attempts,
        )  # fmt: skip

    def _record(
        self,
        url: str,
        outcome: VisitOutcome,
        error: ScrapeError,
        *,
        retry_at: datetime | None = None,
    ) -> Visit:
        """Log a URL settled without a request of its own (a bad URL, robots.txt, a closed host)."""
        visit = Visit(
            url=url, outcome=outcome, fetched_at=_utcnow(), error=error, retry_at=retry_at
        )
        self.archive.record_fetch(visit)
        return visit

    # -- requests (worker threads) ------------------------------------------------

    def _fetch_robots(self, origin: str) -> _Done:
        started, fetched_at = time.monotonic(), _utcnow()
        robots = fetch_robots(
            origin, session=self.session, timeout=self.policy.timeout,
            user_agent=self.policy.user_agent, allow_private=self.policy.allow_private,
        )  # fmt: skip
        return _Done(None, fetched_at, time.monotonic() - started, robots=robots)

    def _fetch_page(self, job: _Job, headers: dict[str, str]) -> _Done:
        started, fetched_at = time.monotonic(), _utcnow()
        try:
            page = fetch(
                job.url, session=self.session, timeout=self.policy.timeout,
                max_bytes=self.policy.max_bytes, headers=headers,
                allow_private=self.policy.allow_private,
            )  # fmt: skip
        except FetchError as exc:
            return _Done(job, fetched_at, time.monotonic() - started, error=exc)
        except Exception as exc:  # a URL's outcome is never lost to an unforeseen error
            failure = FetchError(f"cannot fetch: {type(exc).__name__}: {exc}", url=job.url)
            return _Done(job, fetched_at, time.monotonic() - started, error=failure)
        if page.status == 304:
            return _Done(job, fetched_at, page.elapsed, page=page)
        try:
            article = extract(page.content, page.final_url, charset=page.charset)
        except NotAnArticle as exc:
            # A consent wall stands where the article is: the page is gated, not missing.
            error: ScrapeError = exc
            if exc.kind == "consent-wall":
                error = GatedError(str(exc), url=job.url, status=page.status,
                                   final_url=page.final_url)  # fmt: skip
            return _Done(job, fetched_at, page.elapsed, page=page, error=error)
        except ExtractError as exc:
            return _Done(job, fetched_at, page.elapsed, page=page, error=exc)
        return _Done(job, fetched_at, page.elapsed, page=page, article=article)


def holder_alive(holder: str) -> bool:
    """Is the run named `holder` ("host:pid:token") still running? Only this machine's
    processes can be asked; a run elsewhere is taken to be alive until its lease lapses."""
    host, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process, alive
    return True


def _outcome(error: ScrapeError) -> VisitOutcome:
    if isinstance(error, RescheduledError):
        return "rescheduled"
    if isinstance(error, SkippedError):
        return "skipped"
    if isinstance(error, GatedError):
        return "gated"
    return "failed"


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)
