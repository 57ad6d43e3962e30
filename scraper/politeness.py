"""How long to leave a host alone: its pace between requests, and between retries.

The pause after a request is the largest of the configured delay, the site's own
Crawl-delay (capped) and a multiple of the host's recent response time (a server
that slows down under load gets more rest), multiplied by a slowdown that doubles on
each 429, 503 or timeout and halves on each good answer. Jitter only lengthens a
pause, so the configured delay is always honoured.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

MAX_CRAWL_DELAY = 60.0  # a site asking for more is asking too much of a nightly run
MAX_PAUSE = 300.0  # however slow and unhappy a host, come back within five minutes
RESPONSE_FACTOR = 2.0  # rest twice as long as the host took to answer
RESPONSE_WEIGHT = 0.3  # the newest response time's weight in the running average
JITTER = 0.1  # pauses stretch by up to 10%, so hosts are not hit in lockstep
BACKOFF_JITTER = 0.5  # retries stretch by up to 50%, so clients retrying together spread out
MAX_SLOWDOWN = 32.0
SHORT_WAIT = 30.0  # a Retry-After longer than this reschedules the URL for a later run


@dataclass
class Pace:
    """One host's pace. Not thread-safe: the crawler keeps it on its scheduling thread."""

    delay: float  # the configured minimum (--delay)
    crawl_delay: float | None = None  # what robots.txt asks
    slowdown: float = 1.0
    response_time: float | None = None  # running average, seconds
    rng: random.Random = field(default_factory=random.Random, repr=False)

    @property
    def base(self) -> float:
        """The pause before jitter."""
        asked = min(self.crawl_delay or 0.0, MAX_CRAWL_DELAY)
        recent = RESPONSE_FACTOR * (self.response_time or 0.0)
        return min(max(self.delay, asked, recent) * self.slowdown, MAX_PAUSE)

    def record(self, elapsed: float, *, slow_down: bool = False) -> None:
        """Note one exchange with the host: how long it took, and whether it complained."""
        if self.response_time is None:
            self.response_time = elapsed
        else:
            self.response_time += RESPONSE_WEIGHT * (elapsed - self.response_time)
        if slow_down:
            self.slowdown = min(self.slowdown * 2, MAX_SLOWDOWN)
        else:
            self.slowdown = max(self.slowdown / 2, 1.0)

    def pause(self) -> float:
        """Seconds to wait before the next request to this host."""
        return self.base * self.rng.uniform(1.0, 1.0 + JITTER)

    def backoff(self, attempt: int) -> float:
        """Seconds to wait before retry number `attempt` (1, 2, 3...): doubling each time."""
        return min(self.base * 2.0 ** (attempt - 1), MAX_PAUSE) * self.rng.uniform(
            1.0, 1.0 + BACKOFF_JITTER
        )
