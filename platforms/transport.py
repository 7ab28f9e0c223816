"""One HTTP transport for every platform gateway: a form POST (TOP, Pinduoduo, JD's JOS) or a
JSON body with the common parameters on the query string (Douyin, JD's cloud print), a JSON
answer.

Plain ``urllib`` (no third-party client needed for a form POST and a JSON body). Anything that
means "the answer did not come" — a refused connection, a timeout, a reset, an HTTP 5xx, a body
that is not JSON — is a `TransientError` (the request may be sent again with the same object
ids); an HTTP 4xx is the platform refusing the request (`BusinessError`).

Thread: any; one call blocks for at most ``timeout`` seconds (callers run it off the GUI thread).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Protocol

from platforms.errors import BusinessError, TransientError


class Transport(Protocol):
    def post_form(self, url: str, fields: Mapping[str, str], timeout: float) -> dict: ...


class JsonTransport(Protocol):
    def post_json(
        self,
        url: str,
        query: Mapping[str, str],
        body: str,
        timeout: float,
        headers: Mapping[str, str] | None = None,
    ) -> dict: ...


class HttpTransport:
    """POST a form (``application/x-www-form-urlencoded;charset=utf-8``) or a JSON body; the
    answer parsed as JSON."""

    def __init__(self, platform: str) -> None:
        self.platform = platform

    def post_form(self, url: str, fields: Mapping[str, str], timeout: float) -> dict:
        body = urllib.parse.urlencode(fields).encode("utf-8")
        req = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded;charset=utf-8"},
        )
        return self._send(req, timeout)

    def post_json(
        self,
        url: str,
        query: Mapping[str, str],
        body: str,
        timeout: float,
        headers: Mapping[str, str] | None = None,
    ) -> dict:
        """POST ``body`` (a JSON text, sent as it is: the platform checks its signature over
        these very bytes) to ``url`` with ``query`` as the URL's query string."""
        target = url + ("&" if "?" in url else "?") + urllib.parse.urlencode(query)
        req = urllib.request.Request(
            target,
            data=body.encode("utf-8"),
            method="POST",
            headers={"Content-Type": "application/json;charset=utf-8", **(headers or {})},
        )
        return self._send(req, timeout)

    def _send(self, req: urllib.request.Request, timeout: float) -> dict:
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - gateway URL
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            cls = TransientError if exc.code >= 500 else BusinessError
            raise cls(self.platform, f"http_{exc.code}", str(exc.reason)) from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise TransientError(self.platform, "unreachable", str(reason)) from exc
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise TransientError(
                self.platform, "bad_answer", raw[:200].decode("utf-8", "replace")
            ) from exc
        if not isinstance(data, dict):
            raise TransientError(self.platform, "bad_answer", str(data)[:200])
        return data
