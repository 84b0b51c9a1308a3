"""A real webhook receiver for the tests: http.server on 127.0.0.1 in a thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    bodies: list[bytes] = field(default_factory=list)  # accepted (2xx) requests
    signatures: list[str] = field(default_factory=list)
    refused: int = 0  # requests answered with 500 on purpose
    fail_first: int = 0

    @property
    def url(self) -> str:
        return self._url

    _url: str = ""


@contextmanager
def receiver(fail_first: int = 0) -> Iterator[Received]:
    """Answers the first `fail_first` POSTs with 500, then 204, recording what it took."""
    got = Received(fail_first=fail_first)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                if got.refused < got.fail_first:
                    got.refused += 1
                    self.send_response(500)
                else:
                    got.bodies.append(body)
                    got.signatures.append(self.headers.get("X-Referat-Signature", ""))
                    self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    got._url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield got
    finally:
        server.shutdown()
        server.server_close()
