"""The devices panel's scale: `ScaleLink` (one reader, its callbacks re-emitted as signals),
the raw bytes cut into lines, and the panel's scale part: auto-detect, connect, the live
readings with our own stability check, the counters, and the demo's simulated scale."""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QTableWidgetItem

from app.domain.stability import floor_stability
from app.ui.desks.devices.texts import _STATE_COLOURS, _now, device_error_text, state_text
from app.ui.kit import fmt
from devices.errors import DeviceError

READING_ROWS = 50  # parsed readings kept in the table


def format_raw(data: bytes) -> str:
    """One line of the raw view: hex bytes, then the printable characters (· for others)."""
    hexes = " ".join(f"{b:02X}" for b in data)
    text = "".join(chr(b) if 32 <= b < 127 else "·" for b in data)
    return f"{hexes}   |{text}|"


class RawLines:
    """Cuts the byte stream into display lines after CR, LF or CR LF (or every 48 bytes)."""

    MAX = 48

    def __init__(self) -> None:
        self._buf = b""

    def feed(self, data: bytes) -> list[bytes]:
        buf = self._buf + data
        out: list[bytes] = []
        start = 0
        i = 0
        while i < len(buf):
            b = buf[i]
            end_of_line = b == 0x0A or (b == 0x0D and i + 1 < len(buf) and buf[i + 1] != 0x0A)
            if end_of_line or i + 1 - start >= self.MAX:
                out.append(buf[start : i + 1])
                start = i + 1
            i += 1
        self._buf = buf[start:]
        return out


class ScaleLink(QObject):
    """Owns one ``ScaleReader`` and re-emits its callbacks as signals.

    Created and stopped on the GUI thread. ``raw_received``, ``reading_received`` and
    ``state_changed`` are emitted on the reader thread (``port-reader:<url>``); connect them
    queued so the slots run on the GUI thread."""

    raw_received = Signal(object)  # bytes
    reading_received = Signal(object, object)  # Reading, StabilityState
    state_changed = Signal(str, object)  # state, DeviceError | None

    def __init__(
        self,
        url: str,
        protocol: str,
        *,
        baudrate: int | None = None,
        unit: str | None = None,
        settings: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        from devices.scales.reader import ScaleReader

        self.reader = ScaleReader(  # raises DeviceError for an unknown protocol
            url,
            protocol,
            unit=unit,
            settings=settings,
            baudrate=baudrate,
            on_raw=self._on_raw,
            on_reading=self._on_reading,
            on_state=self._on_state,
            retry_interval=0.3,
            stability=floor_stability(),  # the floor's "stable", as the weighing station's
        )

    def start(self) -> None:
        self.reader.start()

    def stop(self) -> None:
        self.reader.stop()

    def _on_raw(self, data: bytes) -> None:  # reader thread
        with contextlib.suppress(RuntimeError):  # the panel may be gone
            self.raw_received.emit(bytes(data))

    def _on_reading(self, reading: Any, state: Any) -> None:  # reader thread
        with contextlib.suppress(RuntimeError):
            self.reading_received.emit(reading, state)

    def _on_state(self, state: str, error: DeviceError | None) -> None:  # reader thread
        with contextlib.suppress(RuntimeError):
            self.state_changed.emit(state, error)


class DeviceScale:
    """The devices panel's scale side (a part of `DevicePanel`)."""

    # --- slots: scale -----------------------------------------------------------------------

    def _on_connect_button_clicked(self) -> None:
        if not self.port:
            self._show_state("disconnected", None)
            self.error_label.setText(
                QCoreApplication.translate("DevicePanel", "Choose or type a port first.")
            )
            return
        if self.protocol == "auto":
            self._detect(connect_after=True)
        else:
            self._start_scale(self.protocol, None)

    def _on_disconnect_button_clicked(self) -> None:
        self._stop_scale()
        self._show_state("stopped", None)
        self._update_buttons()

    def _on_detect_button_clicked(self) -> None:
        if self.port:
            self._detect(connect_after=False)

    def _detect(self, connect_after: bool) -> None:
        from devices.scales.detect import probe_port

        self._stop_scale()  # two readers on one port would split its bytes
        url, unit = self.port, self.unit
        self.detect_label.setText("")
        self._show_state("detecting", None)
        self._update_buttons(detecting=True)

        def job() -> Any:
            return probe_port(url, capture_s=1.0, unit=unit)

        self._jobs.submit(
            job,
            lambda result: self._on_detect_done(result, connect_after),
            self._on_detect_failed,
        )

    def _on_detect_done(self, result: Any, connect_after: bool) -> None:
        if self._closed:
            return
        self.detect_result = result
        self._update_buttons()
        if result is None:
            self._show_state("stopped", None)
            self.detect_label.setText(
                "✖ "
                + QCoreApplication.translate(
                    "DevicePanel",
                    "No protocol recognised: bytes did not parse at any common setting. "
                    "Check the cable and that the indicator sends its weight.",
                )
            )
            return
        self.set_protocol(result.protocol)
        self.set_baudrate(result.settings.baudrate)
        others = ", ".join(
            f"{c.protocol} {round(c.confidence * 100)}%" for c in result.candidates[1:4]
        )
        text = "✔ " + QCoreApplication.translate(
            "DevicePanel", "Found {protocol} at {settings}, confidence {pct}%"
        ).format(
            protocol=result.protocol,
            settings=result.settings.label(),
            pct=round(result.confidence * 100),
        )
        if others:
            text += "\n" + QCoreApplication.translate(
                "DevicePanel", "Also possible: {others}"
            ).format(others=others)
        self.detect_label.setText(text)
        if connect_after:
            self._start_scale(result.protocol, result.settings)
        else:
            self._show_state("stopped", None)

    def _on_detect_failed(self, exc: Exception) -> None:
        if self._closed:
            return
        self._update_buttons()
        err = exc if isinstance(exc, DeviceError) else DeviceError("io_error", str(exc))
        self._show_state("disconnected", err)

    def _start_scale(self, protocol: str, settings: Any) -> None:
        self._stop_scale()
        self.frames = 0
        self.bytes_read = 0
        self.last_reading = self.last_stability = None
        self._raw_lines = RawLines()
        self.readings_table.setRowCount(0)
        self.raw_view.clear()
        try:
            link = ScaleLink(
                self.port,
                protocol,
                baudrate=self.baudrate,
                unit=self.unit,
                settings=settings,
                parent=self,
            )
        except (DeviceError, ValueError) as exc:
            err = exc if isinstance(exc, DeviceError) else DeviceError("bad_settings", str(exc))
            self._show_state("disconnected", err)
            return
        queued = Qt.ConnectionType.QueuedConnection
        link.raw_received.connect(self._on_link_raw_received, queued)
        link.reading_received.connect(self._on_link_reading_received, queued)
        link.state_changed.connect(self._on_link_state_changed, queued)
        self._link = link
        link.start()
        self._update_buttons()

    def _stop_scale(self) -> None:
        link, self._link = self._link, None
        if link is not None:
            link.stop()
            link.deleteLater()

    def _on_link_raw_received(self, data: bytes) -> None:
        if self.sender() is not self._link:
            return  # a late chunk from a reader already stopped
        self.bytes_read += len(data)
        for line in self._raw_lines.feed(data):
            self.raw_view.appendPlainText(f"{_now()}  {format_raw(line)}")
        self._update_counters()

    def _on_link_reading_received(self, reading: Any, stability: Any) -> None:
        if self.sender() is not self._link:
            return
        self.frames += 1
        self.last_reading = reading
        self.last_stability = stability
        self.weight_label.setText(
            QCoreApplication.translate("DevicePanel", "{grams} g").format(
                grams=fmt.number(reading.grams)
            )
        )
        if reading.overload:
            self.stable_label.setText(
                "⚠ " + QCoreApplication.translate("DevicePanel", "Overload / out of range")
            )
            colour = "#b00000"
        elif stability.stable:
            self.stable_label.setText("✔ " + QCoreApplication.translate("DevicePanel", "Stable"))
            colour = "#0a7d16"
        else:
            self.stable_label.setText(
                "… "
                + QCoreApplication.translate("DevicePanel", "Moving ({run} close readings)").format(
                    run=stability.run
                )
            )
            colour = "#8a6d00"
        self.stable_label.setStyleSheet(f"color: {colour};")
        self._add_reading_row(reading, stability)
        self._update_counters()

    def _on_link_state_changed(self, state: str, error: Any) -> None:
        if self.sender() is not self._link:
            return
        self._show_state(state, error)

    # --- slots: demo scale ------------------------------------------------------------------

    def _on_sim_button_clicked(self) -> None:
        if self._sim is None:
            from devices.simulate import SimulatedScale

            proto = self.protocol if self.protocol != "auto" else "stgs"
            self._sim = SimulatedScale(proto, rate_hz=10, settle_s=0.8, noise_grams=1)
            self._sim.set_target(1250, settle=False)
            self.ctx.extras.setdefault("scale", self._sim)
        self._on_refresh_button_clicked()
        self.set_port(self._sim.port)
        self._update_buttons()

    def _on_place_button_clicked(self) -> None:
        if self._sim is not None:
            import random

            self._sim.place(random.randrange(200, 8000, 5))

    def _on_remove_button_clicked(self) -> None:
        if self._sim is not None:
            self._sim.remove()

    def _show_state(self, state: str, error: DeviceError | None) -> None:
        self.scale_state = state
        self.scale_error = error
        self.state_label.setText(state_text(state))
        self.state_label.setStyleSheet(f"color: {_STATE_COLOURS.get(state, '#000')};")
        self.error_label.setText(device_error_text(error))
        if state in ("disconnected", "stopped"):
            self.stable_label.setText("")

    def _update_counters(self) -> None:
        bad = self._link.reader.bad_frames if self._link is not None else 0
        self.counters_label.setText(
            QCoreApplication.translate(
                "DevicePanel", "Frames: {frames}    Bad frames: {bad}    Bytes: {bytes}"
            ).format(frames=self.frames, bad=bad, bytes=self.bytes_read)
        )

    @property
    def bad_frames(self) -> int:
        return self._link.reader.bad_frames if self._link is not None else 0

    def _add_reading_row(self, r: Any, st: Any) -> None:
        flag = {
            True: QCoreApplication.translate("DevicePanel", "stable"),
            False: QCoreApplication.translate("DevicePanel", "moving"),
            None: "—",
        }[r.stable]
        cells = [
            _now(),
            f"{r.grams:,}",
            flag,
            "✔ " + QCoreApplication.translate("DevicePanel", "stable")
            if st.stable
            else f"… {st.run}",
            "⚠ " + QCoreApplication.translate("DevicePanel", "yes") if r.overload else "",
            QCoreApplication.translate("DevicePanel", "net")
            if r.net
            else QCoreApplication.translate("DevicePanel", "gross"),
            "" if r.tare_grams is None else str(r.tare_grams),
        ]
        t = self.readings_table
        t.insertRow(0)
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col == 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            t.setItem(0, col, item)
        if t.rowCount() > READING_ROWS:
            t.setRowCount(READING_ROWS)
