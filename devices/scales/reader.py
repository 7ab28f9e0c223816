"""Live scale reading: a :class:`devices.connection.PortReader` + a protocol parser + our
stability check.

Threads: :class:`ScaleReader` owns one reader thread (``port-reader:<url>``). The callbacks
``on_reading``, ``on_stable``, ``on_state`` and ``on_raw`` are all called **on that reader
thread**; the ``readings`` / ``stable_readings`` queues can be drained from any thread. A Qt
worker wraps this class and re-emits the callbacks as signals (``reading_received`` ...).

Usage::

    r = ScaleReader("/dev/ttyUSB0", "stgs", on_stable=print)
    r.start(); ...; r.stop()
"""

from __future__ import annotations

import contextlib
import queue
import time
from collections.abc import Callable

from devices.connection import PortReader
from devices.errors import DeviceError
from devices.scales.base import LineSettings, Reading, ScaleProtocol
from devices.scales.registry import get_protocol
from devices.scales.stability import StabilityChecker, StabilityState


class ScaleReader:
    """Reads one scale: parses frames, checks stability, reconnects by itself.

    ``protocol``: a name from the registry or a ScaleProtocol instance. ``settings``: line
    settings (default: the protocol's). ``baudrate`` overrides just the baud rate.
    ``stability``: the checker to use (default 5 readings / 0.5 s / ±1 division).
    """

    def __init__(
        self,
        url: str,
        protocol: str | ScaleProtocol,
        *,
        unit: str | None = None,
        settings: LineSettings | None = None,
        baudrate: int | None = None,
        on_reading: Callable[[Reading, StabilityState], None] | None = None,
        on_stable: Callable[[Reading], None] | None = None,
        on_state: Callable[[str, DeviceError | None], None] | None = None,
        on_raw: Callable[[bytes], None] | None = None,
        stability: StabilityChecker | None = None,
        no_data_after: float = 2.0,
        retry_interval: float = 0.5,
        poll_interval: float | None = None,
        port: object | None = None,
        queue_size: int = 1000,
    ) -> None:
        self.protocol = get_protocol(protocol, unit) if isinstance(protocol, str) else protocol
        base = settings or self.protocol.settings
        if baudrate:
            base = LineSettings(baudrate, base.bytesize, base.parity, base.stopbits)
        self.settings = base
        self.stability = stability or StabilityChecker()
        self.on_reading = on_reading
        self.on_stable = on_stable
        self.on_state = on_state
        self.on_raw = on_raw
        self.readings: queue.Queue[Reading] = queue.Queue(queue_size)
        self.stable_readings: queue.Queue[Reading] = queue.Queue(queue_size)
        self.last: Reading | None = None
        self.last_state: StabilityState | None = None
        self._clock = time.monotonic
        self._port = PortReader(
            url,
            self.settings,
            on_data=self._on_data,
            on_state=self._on_state,
            on_connect=self._on_connect,
            poll=self.protocol.poll,
            poll_interval=poll_interval or self.protocol.poll_interval,
            no_data_after=no_data_after,
            retry_interval=retry_interval,
            port=port,  # type: ignore[arg-type]
            name="scale-reader",
        )

    # control --------------------------------------------------------------------------

    def start(self) -> ScaleReader:
        self._port.start()
        return self

    def stop(self) -> None:
        self._port.stop()

    def __enter__(self) -> ScaleReader:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def state(self) -> str:
        """connecting / ok / no_data / disconnected / stopped (see devices.connection)."""
        return self._port.state

    @property
    def error(self) -> DeviceError | None:
        return self._port.error

    @property
    def url(self) -> str:
        return self._port.url

    @property
    def bad_frames(self) -> int:
        return self.protocol.bad_frames

    def write(self, data: bytes) -> bool:
        """Send a command to the indicator (zero/tare), any thread."""
        return self._port.write(data)

    # reader thread --------------------------------------------------------------------

    def _on_connect(self) -> None:
        self.protocol.reset(midstream=True)
        self.stability.reset()

    def _on_state(self, state: str, error: DeviceError | None) -> None:
        if state != "ok":
            self.stability.reset()
        cb = self.on_state
        if cb is not None:
            cb(state, error)

    def _on_data(self, data: bytes) -> None:
        if self.on_raw is not None:
            self.on_raw(data)
        readings = self.protocol.feed(data)
        if not readings:
            return
        now = self._clock()
        for r in readings:
            st = self.stability.feed(r, now)
            self.last = r
            self.last_state = st
            _put(self.readings, r)
            if self.on_reading is not None:
                self.on_reading(r, st)
            if st.settled:
                _put(self.stable_readings, r)
                if self.on_stable is not None:
                    self.on_stable(r)


def _put(q: queue.Queue[Reading], item: Reading) -> None:
    """Put without blocking; when full, drop the oldest (a live view wants the newest)."""
    try:
        q.put_nowait(item)
    except queue.Full:
        with contextlib.suppress(queue.Empty):
            q.get_nowait()
        with contextlib.suppress(queue.Full):
            q.put_nowait(item)
