"""Serial connections shared by scales and serial scanners.

Ports open with ``serial.serial_for_url``: device paths (``/dev/ttyUSB0``), pty paths,
``loop://``, ``socket://host:port`` and ``rfc2217://`` all work. pyserial errors never escape:
they become :class:`devices.errors.DeviceError` (``permission_denied`` names the dialout group).

:class:`PortReader` is the long-lived worker: it runs ONE plain ``threading.Thread`` (daemon,
named ``port-reader:<url>``) that opens the port, reads, optionally sends a poll command at an
interval, watches for silence and reconnects by itself. **All callbacks run on that reader
thread**; a GUI must hand the data over to its own thread (a Qt worker emits a signal).

States (``PortReader.state``)::

    connecting    opening the port / port open but nothing received yet
    ok            bytes arrive
    no_data       port open but silent for longer than ``no_data_after`` seconds
    disconnected  the port cannot be opened or failed (unplugged): retrying every
                  ``retry_interval`` seconds; ``error`` holds the DeviceError
    stopped       stop() was called; the thread has ended or is ending
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

import serial

from devices.errors import DeviceError, from_serial_exception
from devices.scales.base import LineSettings

CONNECTING = "connecting"
OK = "ok"
NO_DATA = "no_data"
DISCONNECTED = "disconnected"
STOPPED = "stopped"
STATES = (CONNECTING, OK, NO_DATA, DISCONNECTED, STOPPED)

StateCallback = Callable[[str, "DeviceError | None"], None]


def open_port(
    url: str,
    settings: LineSettings | None = None,
    *,
    timeout: float = 0.05,
    exclusive: bool = False,
) -> serial.SerialBase:
    """Open ``url`` with ``settings`` (9600 8N1 by default); DeviceError on any failure."""
    s = settings or LineSettings()
    kwargs: dict[str, object] = dict(s.kwargs(), timeout=timeout, write_timeout=1.0)
    if exclusive and "://" not in url:
        kwargs["exclusive"] = True
    try:
        return serial.serial_for_url(url, **kwargs)
    except (serial.SerialException, OSError, ValueError) as exc:
        raise from_serial_exception(exc, url, "open") from None


class PortReader:
    """Reads a serial port on its own thread, reconnecting by itself.

    ``on_data(bytes)`` gets every chunk read; ``on_state(state, error)`` every state change;
    ``on_connect()`` after each successful open (to reset parsers). All run on the reader
    thread. ``poll``/``poll_interval``: bytes written every interval while connected (poll
    protocols). Pass ``port`` (an already-open serial object, e.g. ``loop://``) to use it
    instead of opening ``url``; such a port is not reopened after a failure.
    """

    def __init__(
        self,
        url: str,
        settings: LineSettings | None = None,
        *,
        on_data: Callable[[bytes], None] | None = None,
        on_state: StateCallback | None = None,
        on_connect: Callable[[], None] | None = None,
        poll: bytes | None = None,
        poll_interval: float = 0.2,
        no_data_after: float = 2.0,
        retry_interval: float = 0.5,
        port: serial.SerialBase | None = None,
        name: str = "port-reader",
    ) -> None:
        self.url = url
        self.settings = settings or LineSettings()
        self.on_data = on_data
        self.on_state = on_state
        self.on_connect = on_connect
        self.poll = poll
        self.poll_interval = poll_interval
        self.no_data_after = no_data_after
        self.retry_interval = retry_interval
        self._given_port = port
        self._port: serial.SerialBase | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._name = f"{name}:{url}"
        self._lock = threading.Lock()
        self._starting = threading.Lock()  # start and stop never interleave
        self.state = STOPPED
        self.error: DeviceError | None = None
        self.bytes_read = 0
        self.last_data_at: float | None = None

    # control (any thread) ----------------------------------------------------------------

    def start(self) -> PortReader:
        """Start the reader thread (once)."""
        with self._starting:  # a stop from another thread waits until the thread is started
            if self._thread is not None:
                return self
            self._stop.clear()
            self._set_state(CONNECTING, None)
            self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        """Stop the thread and close the port; state becomes ``stopped``. Safe from any
        thread, also while another thread is in `start` (a station closed at once)."""
        self._stop.set()
        with self._starting:
            t, self._thread = self._thread, None
        if t is not None and t is not threading.current_thread() and t.ident is not None:
            t.join(timeout)
        self._close()
        if self.state != STOPPED:
            self._set_state(STOPPED, None)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def write(self, data: bytes) -> bool:
        """Send bytes if connected (any thread); False when not connected or failed."""
        with self._lock:
            port = self._port
            if port is None:
                return False
            try:
                port.write(data)
                return True
            except (serial.SerialException, OSError, ValueError):
                return False

    def __enter__(self) -> PortReader:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # the thread --------------------------------------------------------------------------

    def _set_state(self, state: str, error: DeviceError | None) -> None:
        same_error = (error is None and self.error is None) or (
            error is not None and self.error is not None and str(error) == str(self.error)
        )
        if state == self.state and same_error:
            return
        self.state = state
        self.error = error
        cb = self.on_state
        if cb is not None:
            cb(state, error)

    def _close(self) -> None:
        with self._lock:
            port, self._port = self._port, None
        if port is not None and port is not self._given_port:
            with contextlib.suppress(Exception):
                port.close()

    def _open(self) -> serial.SerialBase:
        if self._given_port is not None:
            return self._given_port
        port = open_port(self.url, self.settings)
        with contextlib.suppress(Exception):
            port.reset_input_buffer()
        return port

    def _run(self) -> None:
        stop = self._stop
        while not stop.is_set():
            try:
                port = self._open()
            except DeviceError as exc:
                self._set_state(DISCONNECTED, exc)
                stop.wait(self.retry_interval)
                continue
            with self._lock:
                self._port = port
            self._set_state(CONNECTING, None)
            if self.on_connect is not None:
                self.on_connect()
            err = self._read_loop(port)
            self._close()
            if stop.is_set():
                break
            self._set_state(DISCONNECTED, err)
            if self._given_port is not None:
                break  # nothing to reopen
            stop.wait(self.retry_interval)
        self._set_state(STOPPED, None)

    def _read_loop(self, port: serial.SerialBase) -> DeviceError | None:
        stop = self._stop
        opened_at = time.monotonic()
        last_data = opened_at
        next_poll = opened_at
        got_any = False
        while not stop.is_set():
            now = time.monotonic()
            if self.poll is not None and now >= next_poll:
                next_poll = now + self.poll_interval
                try:
                    with self._lock:
                        port.write(self.poll)
                except (serial.SerialException, OSError, ValueError) as exc:
                    return from_serial_exception(exc, self.url, "write to")
            try:
                waiting = port.in_waiting
                data = port.read(waiting if waiting > 0 else 1)
            except (serial.SerialException, OSError, ValueError, TypeError, AttributeError) as exc:
                # pyserial raises TypeError/AttributeError when the fd vanished under a close
                return from_serial_exception(exc, self.url, "read from")
            now = time.monotonic()
            if data:
                last_data = now
                self.last_data_at = now
                self.bytes_read += len(data)
                if self.state != OK:
                    self._set_state(OK, None)
                got_any = True
                cb = self.on_data
                if cb is not None:
                    cb(data)
            elif now - last_data > self.no_data_after and self.state != NO_DATA:
                self._set_state(NO_DATA, None)
            elif not got_any and self.state not in (CONNECTING, NO_DATA):
                self._set_state(CONNECTING, None)
        return None
