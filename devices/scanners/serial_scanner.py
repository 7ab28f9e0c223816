"""Serial barcode scanners (RS-232 or USB-CDC/"virtual COM"): one code per line.

:class:`SerialScanner` reads with :class:`devices.connection.PortReader` (same states:
connecting / ok / no_data / disconnected / stopped, same reconnect), splits on CR and/or LF,
strips an optional configured prefix/suffix and surrounding whitespace, and reports each code
once. Callbacks ``on_scan`` and ``on_state`` run **on the reader thread**; ``scans`` is a
queue any thread may drain. A scanner is silent between scans, so ``no_data`` is normal here
(the default ``no_data_after`` is an hour; set it lower for a heartbeat-sending scanner).
"""

from __future__ import annotations

import queue
from collections.abc import Callable

from devices.connection import PortReader
from devices.errors import DeviceError
from devices.scales.base import LineSettings


class ScanSplitter:
    """Pure: bytes in, codes out (CR, LF or CR LF terminated; prefix/suffix stripped)."""

    def __init__(
        self, prefix: str = "", suffix: str = "", encoding: str = "utf-8", max_length: int = 512
    ) -> None:
        self.prefix = prefix
        self.suffix = suffix
        self.encoding = encoding
        self.max_length = max_length
        self._buf = b""

    def reset(self) -> None:
        self._buf = b""

    def feed(self, data: bytes) -> list[str]:
        buf = (self._buf + data).replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        *lines, rest = buf.split(b"\n")
        self._buf = rest if len(rest) <= self.max_length else b""
        out: list[str] = []
        for raw in lines:
            text = raw.decode(self.encoding, errors="replace").strip()
            if self.prefix and text.startswith(self.prefix):
                text = text[len(self.prefix) :]
            if self.suffix and text.endswith(self.suffix):
                text = text[: -len(self.suffix)]
            text = text.strip()
            if text:
                out.append(text)
        return out


class SerialScanner:
    """A serial scanner on ``url`` (9600 8N1 by default)."""

    def __init__(
        self,
        url: str,
        *,
        settings: LineSettings | None = None,
        prefix: str = "",
        suffix: str = "",
        on_scan: Callable[[str], None] | None = None,
        on_state: Callable[[str, DeviceError | None], None] | None = None,
        no_data_after: float = 3600.0,
        retry_interval: float = 0.5,
    ) -> None:
        self.splitter = ScanSplitter(prefix, suffix)
        self.on_scan = on_scan
        self.on_state = on_state
        self.scans: queue.Queue[str] = queue.Queue()
        self._port = PortReader(
            url,
            settings or LineSettings(),
            on_data=self._on_data,
            on_state=self._state,
            on_connect=self.splitter.reset,
            no_data_after=no_data_after,
            retry_interval=retry_interval,
            name="scanner-reader",
        )

    def start(self) -> SerialScanner:
        self._port.start()
        return self

    def stop(self) -> None:
        self._port.stop()

    def __enter__(self) -> SerialScanner:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def state(self) -> str:
        return self._port.state

    @property
    def error(self) -> DeviceError | None:
        return self._port.error

    def _state(self, state: str, error: DeviceError | None) -> None:
        if self.on_state is not None:
            self.on_state(state, error)

    def _on_data(self, data: bytes) -> None:
        for code in self.splitter.feed(data):
            self.scans.put(code)
            if self.on_scan is not None:
                self.on_scan(code)
