"""Simulated devices for ``--demo`` and tests: a scale that speaks any registered protocol and
a serial barcode scanner, both on a real pseudo-terminal.

Each simulator opens a pty pair (``os.openpty``), sets it raw, keeps the slave side open (so
the master never sees a hang-up while no reader is attached) and publishes a **stable path**:
a symlink in a private temp directory pointing at the current ``/dev/pts/N``. ``unplug()``
closes the pair and removes the link (a reader sees the port vanish: ``disconnected``);
``replug()`` opens a new pair and points the link at it (the reader reconnects by itself).

``SimulatedScale`` runs one daemon thread (``simulated-scale``) that writes a frame every
``1/rate_hz`` seconds (continuous protocols) or answers poll commands (``toledo-8217`` ``W``,
``mt-sics`` ``SI``). The weight follows a small model: after ``place(grams)`` the display
moves for ``settle_s`` seconds (large swings, motion flag set), then settles on the target
with ±``noise_grams`` of noise. Over ``capacity_grams`` the indicator reports overload.
Instead of a pty it can write to any serial object (``serial_port=serial_for_url('loop://')``).
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import tempfile
import threading
import time
import tty
from typing import Any

from devices.scales.base import ScaleProtocol
from devices.scales.registry import get_protocol


class PtyPort:
    """A raw pty pair with a stable symlink path; ``write`` never blocks (drops when full)."""

    def __init__(self, name: str = "ttySIM") -> None:
        self._dir = tempfile.mkdtemp(prefix="pp-sim-")
        self.path = os.path.join(self._dir, name)
        self.master: int | None = None
        self.slave: int | None = None
        self.device: str | None = None
        self.open()

    @property
    def is_open(self) -> bool:
        return self.master is not None

    def open(self) -> None:
        """(Re)create the pty pair and point :attr:`path` at it."""
        if self.master is not None:
            return
        master, slave = os.openpty()
        tty.setraw(slave)
        tty.setraw(master)
        os.set_blocking(master, False)
        self.master, self.slave = master, slave
        self.device = os.ttyname(slave)
        tmp = self.path + ".new"
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        os.symlink(self.device, tmp)
        os.replace(tmp, self.path)

    def close(self) -> None:
        """Remove the link and close both ends (the device disappears)."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        for fd in (self.master, self.slave):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self.master = self.slave = None

    def write(self, data: bytes) -> int:
        fd = self.master
        if fd is None:
            return 0
        try:
            return os.write(fd, data)
        except (BlockingIOError, OSError):
            return 0

    def read(self, n: int = 4096) -> bytes:
        fd = self.master
        if fd is None:
            return b""
        try:
            return os.read(fd, n)
        except (BlockingIOError, OSError):
            return b""

    def discard(self) -> None:
        """Close everything and delete the temp directory."""
        self.close()
        shutil.rmtree(self._dir, ignore_errors=True)


class SimulatedScale:
    """A scale indicator on a pty (or on a given serial object). Thread: ``simulated-scale``.

    ``protocol``: registry name; ``unit``: unit of unit-less frames and of the frames it
    writes; ``rate_hz``: frames per second (continuous protocols); ``settle_s``: motion time
    after a change; ``noise_grams``: ± noise once settled; ``capacity_grams``: overload above.
    """

    def __init__(
        self,
        protocol: str = "stgs",
        *,
        unit: str | None = None,
        rate_hz: float = 10.0,
        settle_s: float = 0.6,
        noise_grams: int = 0,
        capacity_grams: int = 150_000,
        serial_port: Any | None = None,
        seed: int | None = None,
        start: bool = True,
        encode_options: dict[str, Any] | None = None,
    ) -> None:
        self.protocol: ScaleProtocol = get_protocol(protocol, unit)
        self.unit = unit
        self.rate_hz = rate_hz
        self.settle_s = settle_s
        self.noise_grams = noise_grams
        self.capacity_grams = capacity_grams
        self.encode_options = dict(encode_options or {})
        if self.protocol.name == "toledo-continuous":
            self.encode_options.setdefault("checksum", True)
        self._rand = random.Random(seed)
        self._lock = threading.Lock()
        self._target = 0
        self._from = 0
        self._changed_at = time.monotonic() - 3600
        self._paused = False
        self._serial = serial_port
        self.pty: PtyPort | None = None if serial_port is not None else PtyPort("ttyScale")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._requests = b""
        self.frames_sent = 0
        if start:
            self.start()

    # the port ------------------------------------------------------------------------

    @property
    def port(self) -> str:
        """URL/path to give ``serial_for_url`` (the stable symlink), or ``loop://``."""
        if self.pty is None:
            return getattr(self._serial, "portstr", None) or "loop://"
        return self.pty.path

    def unplug(self) -> None:
        """Pull the cable: the pty disappears (readers go ``disconnected``)."""
        with self._lock:
            if self.pty is not None:
                self.pty.close()

    def replug(self) -> None:
        """Plug it back in: a new pty behind the same path."""
        with self._lock:
            if self.pty is not None:
                self.pty.open()

    def pause(self) -> None:
        """Stop sending (the port stays; readers go ``no_data``)."""
        self._paused = True

    def resume(self) -> None:
        self._paused = False

    # the load ------------------------------------------------------------------------

    def place(self, grams: int) -> None:
        """Put a parcel of ``grams`` on the (empty) platform: motion, then settle."""
        self.set_target(grams)

    def remove(self) -> None:
        """Take everything off."""
        self.set_target(0)

    def set_target(self, grams: int, settle: bool = True) -> None:
        with self._lock:
            self._from = self._current_target_locked()
            self._target = int(grams)
            self._changed_at = time.monotonic() if settle else time.monotonic() - 3600

    def _current_target_locked(self) -> int:
        return self._target

    @property
    def target(self) -> int:
        return self._target

    def values(self, now: float | None = None) -> tuple[int, bool, bool]:
        """(grams shown, stable flag, overload) at ``now``."""
        now = time.monotonic() if now is None else now
        with self._lock:
            target, start, changed = self._target, self._from, self._changed_at
        overload = abs(target) > self.capacity_grams
        elapsed = now - changed
        if elapsed < self.settle_s:
            frac = elapsed / self.settle_s if self.settle_s else 1.0
            swing = abs(target - start) * (1.0 - frac) * 0.3 + 10
            shown = int(
                start + (target - start) * min(1.0, frac * 1.5) + self._rand.uniform(-swing, swing)
            )
            return shown, False, overload
        noise = self._rand.randint(-self.noise_grams, self.noise_grams) if self.noise_grams else 0
        return target + noise, True, overload

    def frame(self, now: float | None = None) -> bytes:
        """The frame the indicator would send now."""
        grams, stable, overload = self.values(now)
        return self.protocol.encode(
            grams, stable=stable, overload=overload, unit=self.unit, **self.encode_options
        )

    # the thread ----------------------------------------------------------------------

    def start(self) -> SimulatedScale:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="simulated-scale", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2.0)
        self._thread = None

    def close(self) -> None:
        """Stop the thread and remove the pty."""
        self.stop()
        if self.pty is not None:
            self.pty.discard()

    def __enter__(self) -> SimulatedScale:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self, data: bytes) -> None:
        with self._lock:
            if self.pty is not None:
                n = self.pty.write(data)
            else:
                try:
                    n = self._serial.write(data)  # type: ignore[union-attr]
                except Exception:
                    n = 0
        if n:
            self.frames_sent += 1

    def _read_requests(self) -> list[bytes]:
        if self.pty is None:
            return []
        with self._lock:
            data = self.pty.read()
        if not data:
            return []
        buf = self._requests + data
        poll = self.protocol.poll or b""
        if poll.endswith(b"\n"):
            *lines, rest = buf.replace(b"\r\n", b"\n").split(b"\n")
            self._requests = rest[-64:]
            return [ln for ln in lines if ln.strip()]
        self._requests = b""
        return [bytes((b,)) for b in buf if b > 0x20]

    def _run(self) -> None:
        period = 1.0 / self.rate_hz if self.rate_hz > 0 else 0.1
        polled = self.protocol.poll is not None and self.pty is not None
        next_at = time.monotonic()
        while not self._stop.is_set():
            if polled:
                for req in self._read_requests():
                    if self._paused:
                        continue
                    reply = self.protocol.answer(req, self.frame())
                    if reply:
                        self._write(reply)
                self._stop.wait(0.005)
                continue
            now = time.monotonic()
            if now >= next_at:
                next_at = max(next_at + period, now - period)
                if not self._paused:
                    self._write(self.frame(now))
                if self.pty is not None:
                    self._read_requests()  # swallow commands a continuous indicator ignores
            self._stop.wait(min(period, max(0.0, next_at - time.monotonic())))


class SimulatedSerialScanner:
    """A serial (RS-232/USB-CDC) barcode scanner on a pty: ``scan(code)`` sends
    ``prefix + code + suffix`` (suffix CR by default). No thread: writes happen on the
    caller's thread."""

    def __init__(self, *, prefix: bytes = b"", suffix: bytes = b"\r") -> None:
        self.prefix = prefix
        self.suffix = suffix
        self.pty = PtyPort("ttyScanner")

    @property
    def port(self) -> str:
        return self.pty.path

    def scan(self, code: str | bytes) -> None:
        data = code.encode() if isinstance(code, str) else code
        self.pty.write(self.prefix + data + self.suffix)

    def unplug(self) -> None:
        self.pty.close()

    def replug(self) -> None:
        self.pty.open()

    def close(self) -> None:
        self.pty.discard()

    def __enter__(self) -> SimulatedSerialScanner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
