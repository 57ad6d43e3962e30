"""A request's total time limit, enforced whatever the request is waiting for.

Timeouts in requests and urllib3 bound each wait on the socket, not the whole: a
server that sends its status line and headers one byte at a time, each byte inside
the read timeout (an HTTP tarpit), would hold a worker for hours. Connections made
through DeadlineAdapter note themselves as they send a request; at the deadline a
timer shuts their socket down (cut_off_after), and the blocked read returns at once.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_watched = threading.local()  # .deadline: the _Deadline of the request this thread is making


class _Deadline:
    """The connections one request has used, shut down when its time is up."""

    def __init__(self) -> None:
        self.connections: list[HTTPConnection] = []
        self.expired = False
        self._lock = threading.Lock()

    def note(self, connection: HTTPConnection) -> None:
        with self._lock:
            self.connections.append(connection)
            if self.expired:
                _shut(connection)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for connection in self.connections:
                _shut(connection)


def _shut(connection: HTTPConnection) -> None:
    sock = connection.sock
    if sock is not None:
        with suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)


@contextmanager
def cut_off_after(seconds: float) -> Iterator[None]:
    """Within this block, requests through a DeadlineAdapter end after `seconds` in all."""
    watch = _Deadline()
    timer = threading.Timer(max(seconds, 0.0), watch.expire)
    timer.daemon = True
    _watched.deadline = watch
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        _watched.deadline = None


class _Noted:
    """Mixed into urllib3's connections: each request notes its connection with the deadline."""

    def request(self, *args: Any, **kwargs: Any) -> None:
        watch = getattr(_watched, "deadline", None)
        if watch is not None:
            watch.note(self)
        super().request(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_Noted, HTTPConnection):
    pass


class _HTTPSConnection(_Noted, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """requests' adapter, with connections a deadline() can cut off."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
