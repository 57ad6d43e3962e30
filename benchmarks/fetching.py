"""How close a polite crawl comes to the time politeness itself imposes.

    python benchmarks/fetching.py [--urls 500] [--hosts 25] [--delay 0.2] [--latency 0.05]

Serves --hosts local sites (ports on 127.0.0.1, in a child process, each answer after
--latency seconds), crawls --urls article pages spread evenly over them through
scraper.crawl() with a --delay pause, and reports:

- the time taken against the time politeness imposes: the busiest host's requests
  (robots.txt and its pages) one after another, each taking the latency, with the
  delay between two of them; the crawl must finish within 15% of it;
- the smallest gap the servers saw between one answer and the next request to the
  same host, which must be no less than the delay;
- the process's resident memory as the crawl goes on, which must stay flat.

Exits 1 when a bound is missed. Needs no network.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scraper import Archive, Policy, crawl  # noqa: E402

MARGIN = 0.15  # the crawl may take this much longer than politeness imposes
PARAGRAPH = (
    "The harbour committee met on {day} to discuss plan number {n}, and its members agreed"
    " to publish the full report next month, after a long debate about the breakwater."
)


def page(n: int) -> bytes:
    days = ("Monday", "Tuesday", "Friday")
    paragraphs = "".join(f"<p>{PARAGRAPH.format(day=day, n=n)}</p>" for day in days)
    head = f"<title>Plan {n}</title><meta property='og:type' content='article'>"
    body = f"<article><h1>Harbour plan {n} agreed</h1>{paragraphs}</article>"
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


# -- the servers (a child process, so that their work does not slow the crawler) ----------


def serve(hosts: int, latency: float) -> None:
    """Print the ports, answer until stdin closes, then print every request's timing."""
    seen: dict[int, list[tuple[float, float, str]]] = defaultdict(list)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            start = time.monotonic()
            time.sleep(latency)
            if self.path == "/robots.txt":
                body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
            else:
                body, kind = page(int(self.path.rsplit("/", 1)[1].split(".")[0])), "text/html"
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            seen[self.server.server_port].append((start, time.monotonic(), self.path))

        def log_message(self, *args: object) -> None:
            pass

    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Handler) for _ in range(hosts)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps([s.server_port for s in servers]), flush=True)
    sys.stdin.read()
    for server in servers:
        server.shutdown()
    print(json.dumps({str(port): times for port, times in seen.items()}), flush=True)


# -- the crawl --------------------------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def bench(args: argparse.Namespace) -> int:
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--hosts", str(args.hosts), "--latency",
         str(args.latency)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert child.stdin is not None and child.stdout is not None
    ports = json.loads(child.stdout.readline())
    # URLs in rounds over the hosts, as a list of articles from many sites would come
    urls = [f"http://127.0.0.1:{ports[n % len(ports)]}/news/{n}.html" for n in range(args.urls)]
    policy = Policy(delay=args.delay, concurrency=args.concurrency)
    outcomes: dict[str, int] = defaultdict(int)
    memory: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory() as folder, Archive(Path(folder) / "bench.db") as archive:
        started = time.monotonic()
        for done, visit in enumerate(crawl(urls, archive=archive, policy=policy), 1):
            outcomes[visit.outcome] += 1
            if done % (args.urls // 5) == 0:
                memory.append((done, rss_mb()))
        took = time.monotonic() - started
    child.stdin.close()
    seen = json.loads(child.stdout.readline())
    child.wait()
    return report(args, took, seen, dict(outcomes), memory)


def report(
    args: argparse.Namespace, took: float, seen: dict[str, list[list[float]]],
    outcomes: dict[str, int], memory: list[tuple[int, float]],
) -> int:  # fmt: skip
    requests = max(len(times) for times in seen.values())
    imposed = requests * args.latency + (requests - 1) * args.delay
    gaps = [
        later[0] - earlier[1]
        for times in seen.values()
        for earlier, later in zip(sorted(times), sorted(times)[1:], strict=False)
    ]
    ratio = took / imposed
    growth = memory[-1][1] - memory[0][1]
    print(f"{args.urls} URLs over {len(seen)} hosts, {args.latency * 1000:.0f} ms answers,"
          f" {args.delay} s delay, concurrency {args.concurrency}")  # fmt: skip
    print(f"outcomes: {outcomes}")
    print(f"requests per host: {requests} (robots.txt and {requests - 1} pages)")
    print(f"time politeness imposes: {imposed:.2f} s; took {took:.2f} s ({ratio:.3f}x,"
          f" {len(seen) * requests / took:.1f} requests/s)")  # fmt: skip
    print(f"smallest gap between an answer and the next request to its host: {min(gaps):.3f} s;"
          f" mean {sum(gaps) / len(gaps):.3f} s")  # fmt: skip
    samples = ", ".join(f"{n}: {mb:.1f}" for n, mb in memory)
    print(f"resident memory (MB) after n URLs: {samples}; growth {growth:+.1f} MB")
    failures = []
    if outcomes != {"inserted": args.urls}:
        failures.append("not every page was archived")
    if ratio > 1 + MARGIN:
        failures.append(f"took more than {MARGIN:.0%} longer than politeness imposes")
    if min(gaps) < args.delay:
        failures.append("a host was asked again before its delay was over")
    if growth > 20:
        failures.append("memory grew by more than 20 MB")
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=25)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=Policy().concurrency)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.hosts, args.latency)
        return 0
    return bench(args)


if __name__ == "__main__":
    sys.exit(main())
