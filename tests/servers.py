"""Misbehaving servers on 127.0.0.1: what a polite crawler meets on the open web."""

from __future__ import annotations

import gzip
import io
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import brotli
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

RESET = None  # RawServer: answer with a TCP reset instead of a response


def http_response(
    body: bytes, status: str = "200 OK", content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> bytes:  # fmt: skip
    fields = {"Content-Type": content_type, "Content-Length": str(len(body)),
              "Connection": "close", **(headers or {})}  # fmt: skip
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items())
    return head.encode("ascii") + b"\r\n" + body


class RawServer:
    """A bare TCP server, for what an HTTP server library will not do: reset connections,
    drip the status line and headers.

    `answer(path)` gives the bytes to send back, chunks to send one by one, or RESET.
    """

    def __init__(self, answer: Callable[[str], bytes | Iterable[bytes] | None]) -> None:
        self.answer = answer
        self.paths: list[str] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def url_for(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.sock.close()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            request = b""
            while b"\r\n\r\n" not in request:
                data = conn.recv(65536)
                if not data:
                    break
                request += data
            path = request.split(b" ", 2)[1].decode("ascii") if b" " in request else "/"
            self.paths.append(path)
            response = self.answer(path)
            if response is RESET:
                # SO_LINGER with a zero timeout: close() sends RST, not FIN
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return
            try:
                for chunk in [response] if isinstance(response, bytes) else response:
                    conn.sendall(chunk)
            except OSError:
                pass  # the client gave up


@contextmanager
def another_host(*, threaded: bool = False) -> Iterator[HTTPServer]:
    """A second local server: another port is another host to the crawler.

    `threaded` for slow handlers: one still busy when a test ends blocks no other request.
    """
    server = HTTPServer(host="127.0.0.1", port=0, threaded=threaded)
    server.no_handler_status_code = 404
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


def sequence(*responses: Response) -> Callable[[Request], Response]:
    """A handler answering with each response in turn, then the last one for ever."""
    remaining = list(responses)

    def handler(request: Request) -> Response:
        return remaining.pop(0) if len(remaining) > 1 else remaining[0]

    return handler


def slowly(data: bytes, every: float) -> Iterator[bytes]:
    """`data` one byte at a time, `every` seconds apart."""
    for i in range(len(data)):
        time.sleep(every)
        yield data[i : i + 1]


def drip(body: bytes, every: float) -> Callable[[Request], Response]:
    """A handler sending one byte every `every` seconds."""

    def handler(request: Request) -> Response:
        return Response(slowly(body, every), content_type="text/html")

    return handler


def gzip_bomb(size: int) -> bytes:
    """`size` bytes of spaces, gzipped: about a thousandth of that on the wire."""
    block = b" " * (1024 * 1024)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(b"<html><body>")
        for _ in range(size // len(block)):
            out.write(block)
    return buffer.getvalue()


def brotli_bomb(size: int) -> bytes:
    compressor = brotli.Compressor(quality=5)
    parts = [compressor.process(b"<html><body>")]
    block = b" " * (1024 * 1024)
    parts += [compressor.process(block) for _ in range(size // len(block))]
    parts.append(compressor.finish())
    return b"".join(parts)
