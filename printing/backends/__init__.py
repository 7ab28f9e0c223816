"""Where print bytes go. All backends are blocking: call them from a worker thread.

``backend_from_url`` turns a settings string into a backend:

* ``cups:NAME`` (or a bare queue name) – :class:`CupsBackend`
* ``cups://HOST:PORT/NAME`` – a queue on that CUPS server (``lp -h HOST:PORT``)
* ``cups-raw:NAME`` – CUPS raw queue for ZPL/TSPL
* ``socket://HOST[:PORT]`` – :class:`RawSocketBackend` (default port 9100)
* ``device:/dev/usb/lp0`` – :class:`RawDeviceBackend`
* ``file:/path/dir/`` or ``file:/path/out.pdf`` – :class:`PdfFileBackend`
* ``record:`` – :class:`RecordingBackend`
* ``cainiao+ws://HOST:PORT?printer=NAME`` (``pdd+ws``, ``douyin+ws``; ``wss`` likewise) – a
  platform's local print component (:class:`printing.backends.component.ComponentBackend`),
  which prints the platform's e-waybill documents, not PDF bytes; ``jd+ws://`` (``jd+wss``)
  JD's component, which speaks its own protocol
  (:class:`printing.backends.component.JdComponentBackend`)
* ``qt:NAME`` (``qt:`` the default printer) – :class:`printing.qtprint.QtPrinterBackend`, the
  system printer through Qt (Windows, macOS); ``qt-pdf:/path/out.pdf`` Qt's own PDF writer.
  The Qt module is imported only when such a URL is used, so this package stays Qt-free.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from printing.backends.base import Backend, JobResult
from printing.backends.cups import CupsBackend, media_option, parse_request_id
from printing.backends.files import PdfFileBackend, RawDeviceBackend, RecordedJob, RecordingBackend
from printing.backends.raw import RawSocketBackend


def backend_from_url(url: str) -> Backend:
    """Build a backend from a settings string (see module docstring); ``ValueError`` if bad."""
    u = url.strip()
    if not u:
        raise ValueError("empty printer setting")
    scheme, sep, rest = u.partition(":")
    if not sep or len(scheme) <= 1:  # a bare queue name (or a Windows drive letter path)
        return CupsBackend(u)
    scheme = scheme.lower()
    if "+" in scheme and scheme.split("+", 1)[1] in ("ws", "wss"):
        from printing.backends.component import component_backend

        return component_backend(u)  # type: ignore[return-value]
    if scheme == "cups":
        if rest.startswith("//"):
            host, _, queue = rest[2:].partition("/")
            if not host or not queue:
                raise ValueError(f"printer URL {url!r}: expected cups://HOST:PORT/QUEUE")
            return CupsBackend(queue, server=host)
        return CupsBackend(rest)
    if scheme == "cups-raw":
        return CupsBackend(rest, raw=True)
    if scheme == "socket":
        parts = urlsplit(u)
        if not parts.hostname:
            raise ValueError(f"printer URL {url!r} has no host")
        return RawSocketBackend(parts.hostname, parts.port or 9100)
    if scheme == "device":
        return RawDeviceBackend(rest)
    if scheme == "file":
        return PdfFileBackend(rest.removeprefix("//"))
    if scheme == "record":
        return RecordingBackend()
    if scheme in ("qt", "qt-pdf"):
        from printing.qtprint import QtPrinterBackend

        if scheme == "qt-pdf":
            return QtPrinterBackend.pdf_file(rest.removeprefix("//"))
        return QtPrinterBackend(rest)
    raise ValueError(f"unknown printer URL scheme {scheme!r} in {url!r}")


__all__ = [
    "Backend",
    "CupsBackend",
    "JobResult",
    "PdfFileBackend",
    "RawDeviceBackend",
    "RawSocketBackend",
    "RecordedJob",
    "RecordingBackend",
    "backend_from_url",
    "media_option",
    "parse_request_id",
]
