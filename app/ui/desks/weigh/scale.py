"""The weigh station's scale: `ScaleBridge` (the reader on its own thread, its callbacks
re-emitted as Qt signals), the station's part that shows the scale's state and feeds its
readings to the capture gate, and the demo's simulated placing of a parcel."""

from __future__ import annotations

import random
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.domain import weighing as rules
from app.domain.stability import floor_stability
from app.ui.desks.weigh.texts import COLOURS
from app.ui.kit import fmt


class ScaleBridge(QObject):
    """Owns the scale reader (its own thread) and re-emits its callbacks as signals.

    ``reading_received(grams, stable, overload, division)`` and ``state_changed(state)`` are
    emitted from the reader thread; Qt queues them to the receiver's (GUI) thread.
    """

    reading_received = Signal(int, bool, bool, int)
    state_changed = Signal(str)
    failed = Signal(object)  # the DeviceError (permission_denied, not_found…), reader thread

    def __init__(self, port: str, protocol: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._port = port
        self._protocol = protocol
        self._reader: Any = None
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self.stability = floor_stability()  # the floor's "stable", as the devices panel's

    def start(self) -> None:
        if not self._port:
            self.state_changed.emit("disconnected")
            return
        threading.Thread(target=self._open, name="weigh-scale-open", daemon=True).start()

    def _open(self) -> None:  # helper thread: probing an unknown protocol takes a second
        from devices.errors import DeviceError
        from devices.scales.detect import probe_port
        from devices.scales.reader import ScaleReader

        proto, settings = self._protocol or "auto", None
        try:
            if proto == "auto":
                found = probe_port(self._port, capture_s=1.0)
                if found is None:
                    self.state_changed.emit("disconnected")
                    return
                proto, settings = found.protocol, found.settings
        except DeviceError as exc:
            self.failed.emit(exc)
            self.state_changed.emit("disconnected")
            return
        with self._lock:  # a station closed meanwhile starts no reader
            if self._stopped.is_set():
                return
            self._reader = ScaleReader(
                self._port,
                proto,
                settings=settings,
                on_reading=self._on_reading,
                on_state=self._on_state,
                retry_interval=0.3,
                stability=self.stability,
            )
            self._reader.start()

    def _on_reading(self, r: Any, st: Any) -> None:  # reader thread
        self.reading_received.emit(
            int(r.grams), bool(st.stable), bool(r.overload), int(r.division_grams or 1)
        )

    def _on_state(self, state: str, err: Any) -> None:  # reader thread
        if err is not None:
            self.failed.emit(err)
        self.state_changed.emit(state)

    def stop(self) -> None:
        self._stopped.set()
        with self._lock:
            reader, self._reader = self._reader, None
        if reader is not None:
            reader.stop()


class WeighScale:
    """The weigh station's scale side (a part of `WeighStation`): the bridge's signals, the
    scale's state in words, and the demo scale."""

    # --- the scale ---------------------------------------------------------------------------

    def _on_bridge_state_changed(self, state: str) -> None:
        self.scale_state = state
        if state in ("ok", "connecting"):
            self.scale_error = None
        self._update_scale_label()

    def _on_bridge_failed(self, err: Any) -> None:
        self.scale_error = err
        self._update_scale_label()

    def _on_bridge_reading_received(
        self, grams: int, stable: bool, overload: bool, division: int
    ) -> None:
        if self.scale_state != "ok":
            self.scale_state = "ok"
        changed = (stable, overload) != (not self.motion, self.overload)
        self.motion, self.overload = not stable, overload
        self.division = max(division, 1)
        self.live_grams = grams
        self.live_label.setText(
            QCoreApplication.translate("WeighStation", "Scale shows {grams} g").format(
                grams=fmt.number(grams)
            )
        )
        was_waiting = self.gate.waiting_for_removal
        got = self.gate.feed(grams, stable, overload)
        if changed:
            self._update_scale_label()
        if got is not None:
            self._capture(*got)
        elif was_waiting != self.gate.waiting_for_removal:
            self._update_instruction()

    def _update_scale_label(self) -> None:
        if self.scale_state in ("disconnected", "stopped"):
            kind, text = "hold", QCoreApplication.translate("WeighStation", "✖ Scale not connected")
            if self.scale_error is not None:  # e.g. permission_denied: the dialout group
                from app.ui.desks.devices.texts import device_error_text

                text += "\n" + device_error_text(self.scale_error)
        elif self.scale_state == "no_data":
            kind, text = "warn", QCoreApplication.translate("WeighStation", "⚠ Scale sends no data")
        elif self.scale_state == "connecting":
            kind, text = (
                "warn",
                QCoreApplication.translate("WeighStation", "… Connecting to the scale"),
            )
        elif self.overload:
            kind, text = "hold", QCoreApplication.translate("WeighStation", "✖ Scale OVERLOAD")
        elif self.motion:
            kind, text = "warn", QCoreApplication.translate("WeighStation", "~ Scale in motion")
        else:
            kind, text = "ok", QCoreApplication.translate("WeighStation", "✔ Scale stable")
        bg, fg = COLOURS[kind]
        self.scale_label.setText(text)
        self.scale_label.setStyleSheet(
            f"font-size: 16pt; font-weight: bold; background: {bg}; color: {fg}; padding: 4px;"
        )

    # --- demo --------------------------------------------------------------------------------

    def _demo_place(self, missing: bool) -> None:
        if self.sim is None:
            return
        c = self.context
        if c is None:
            grams = random.randint(300, 3000)
        elif missing:  # without its heaviest item, never so light the scale sees nothing
            short = rules.short_parcel_grams(
                [(li.unit_grams, li.qty) for li in c.lines],
                c.expected_grams,
                c.tolerance_grams + self.division,
                zero_band_grams=self.gate.zero_band_grams,
                lighter_by=random.randint(0, c.tolerance_grams // 3),
            )
            if short is None:
                self._show_verdict(
                    "info",
                    QCoreApplication.translate("WeighStation", "Demo"),
                    QCoreApplication.translate(
                        "WeighStation",
                        "The goods of this order are lighter than the tolerance: the scale "
                        "cannot tell one missing.",
                    ),
                )
                self.focus_scan_field()
                return
            grams = short
        else:
            grams = c.expected_grams + random.randint(
                -c.tolerance_grams // 3, c.tolerance_grams // 3
            )
        self.sim.place(max(grams, 1))
        self.focus_scan_field()

    def _on_demo_button_clicked(self) -> None:
        self._demo_place(False)

    def _on_demo_light_button_clicked(self) -> None:
        self._demo_place(True)
