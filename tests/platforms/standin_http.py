"""A local HTTP server for the platform gateway stand-ins (tests/platforms/douyin_gateway.py,
jd_gateway.py): each request goes to ``handle(path, query, body, headers)``, which answers
``(status, JSON answer, drop)``; ``drop`` closes the connection without an answer (the request
was carried out but the answer lost). A test tool, never the platform."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LocalHttp:
    def __init__(self) -> None:
        self.fail_next: list[str] = []
        self._lock = threading.Lock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def _serve(self) -> None:
                parts = urllib.parse.urlsplit(self.path)
                query = {k: v[0] for k, v in urllib.parse.parse_qs(parts.query).items()}
                n = int(self.headers.get("Content-Length", 0) or 0)
                body = self.rfile.read(n).decode("utf-8") if n else ""
                with standin._lock:
                    status, answer, drop = standin.handle(
                        parts.path, query, body, {k.lower(): v for k, v in self.headers.items()}
                    )
                if drop:
                    self.close_connection = True
                    self.wfile.flush()
                    return
                data = json.dumps(answer, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_POST = _serve  # noqa: N815
            do_GET = _serve  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def fault(self) -> str:
        """The next fault the test asked for (``isp``, ``http500``, ``drop``), or ""."""
        return self.fail_next.pop(0) if self.fail_next else ""

    def handle(
        self, path: str, query: dict[str, str], body: str, headers: dict[str, str]
    ) -> tuple[int, object, bool]:  # pragma: no cover - subclasses
        raise NotImplementedError

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
