"""The device panel (设备设置): what a technician needs when a scale "does not work".

Scale: port (the serial ports found, or any ``serial_for_url`` URL typed in), protocol (a name
or ``auto``), baud rate and unit; Connect / Disconnect; Auto-detect (``probe_port`` on the job
pool, the result shown with its confidence); the connection state in words (with the fix for a
port the user may not open: the dialout group); frame counters; the raw bytes as they arrive
(hex and printable); the parsed readings (grams, the indicator's stable flag, overload,
net/gross, tare) and our own stability check. Save writes the port and protocol to the
settings. In ``--demo`` a simulated scale on a real pty can be started here.

Scanner: a test field with the input method off. Each keyboard-wedge scan (seen by a
:class:`app.ui.wedge.WedgeFilter` scoped to this panel) is listed with its key timing; an
optional serial scanner (URL) lists its scans too. A scanner too slow to be told from typing
shows up as text typed into the field instead.

Threads: :class:`ScaleLink` and :class:`ScannerLink` are created on the GUI thread; the device
callbacks run on the devices' reader threads and only emit signals, which Qt queues to the
GUI thread. Auto-detect runs on the job pool (`JobRunner`). Nothing here blocks the GUI.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.floortime import to_floor
from app.domain.stability import floor_stability
from app.domain.stations import station_roles
from app.settings import save_settings
from app.ui import fmt
from app.ui.kit import big_font
from app.ui.stations import StationContext
from app.ui.wedge import WedgeFilter, WedgeScan, disable_input_method
from app.ui.workers import JobRunner
from devices.errors import DeviceError
from devices.scales import protocol_names

BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
UNITS = ("", "g", "kg", "lb")  # "" = as the frame says (kg when it says nothing)
RAW_LINES = 200  # raw-bytes lines kept in view
READING_ROWS = 50  # parsed readings kept in the table
SCAN_ROWS = 100


def device_error_text(err: DeviceError | None) -> str:
    """A device error worded for the technician (the English message as a fallback)."""
    if err is None:
        return ""
    port = err.port or ""
    texts = {
        "permission_denied": QCoreApplication.translate(
            "Devices",
            "You may not open {port}. Add your user to the dialout group:\n"
            "sudo usermod -aG dialout $USER\n"
            "(or install the udev rule resources/linux/99-parcelproof-serial.rules)\n"
            "then log out and log in again.",
        ),
        "not_found": QCoreApplication.translate(
            "Devices", "Port {port} not found: is the cable plugged in, is the port name right?"
        ),
        "busy": QCoreApplication.translate(
            "Devices", "Port {port} is used by another program: close it, then connect again."
        ),
        "bad_url": QCoreApplication.translate(
            "Devices", "{port} is not a port name or URL this program understands."
        ),
        "bad_settings": QCoreApplication.translate(
            "Devices", "Port {port} refuses these line settings (baud, parity)."
        ),
        "io_error": QCoreApplication.translate(
            "Devices", "Reading {port} failed: the cable was pulled or the device restarted."
        ),
        "unknown_protocol": QCoreApplication.translate(
            "Devices", "This scale protocol is not known."
        ),
    }
    text = texts.get(err.code)
    return text.format(port=port) if text is not None else err.message


def state_text(state: str) -> str:
    """The connection state in words, with a sign (colour is never the only signal)."""
    return {
        "connecting": "… "
        + QCoreApplication.translate("Devices", "Connecting: port open, waiting for data"),
        "ok": "✔ " + QCoreApplication.translate("Devices", "Connected: data arrives"),
        "no_data": "⚠ "
        + QCoreApplication.translate(
            "Devices",
            "No data: the port is open but the scale sends nothing (cable, baud rate, "
            "continuous output switched off?)",
        ),
        "disconnected": "✖ " + QCoreApplication.translate("Devices", "Disconnected"),
        "stopped": "○ " + QCoreApplication.translate("Devices", "Not connected"),
        "detecting": "… "
        + QCoreApplication.translate("Devices", "Detecting the protocol (a few seconds)"),
    }.get(state, state)


_STATE_COLOURS = {
    "ok": "#0a7d16",
    "connecting": "#8a6d00",
    "detecting": "#8a6d00",
    "no_data": "#b35c00",
    "disconnected": "#b00000",
    "stopped": "#444444",
}


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


class ScannerLink(QObject):
    """Owns one serial ``SerialScanner``; ``scan_received``/``state_changed`` are emitted on
    its reader thread (connect queued)."""

    scan_received = Signal(str)
    state_changed = Signal(str, object)

    def __init__(self, url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from devices.scanners.serial_scanner import SerialScanner

        self.scanner = SerialScanner(
            url, on_scan=self._on_scan, on_state=self._on_state, retry_interval=0.3
        )

    def start(self) -> None:
        self.scanner.start()

    def stop(self) -> None:
        self.scanner.stop()

    def _on_scan(self, code: str) -> None:  # reader thread
        with contextlib.suppress(RuntimeError):
            self.scan_received.emit(code)

    def _on_state(self, state: str, error: DeviceError | None) -> None:  # reader thread
        with contextlib.suppress(RuntimeError):
            self.state_changed.emit(state, error)


def _font(widget: QWidget, points: int, bold: bool = True) -> None:
    widget.setFont(big_font(widget, points, bold))


def _now() -> str:
    return to_floor(dt.datetime.now(dt.UTC)).strftime("%H:%M:%S.%f")[:-3]


class DevicePanel(QWidget):
    """Scale and scanner settings with a live view (a station: see app/ui/stations.py)."""

    STATION = "devices"
    ROLES = station_roles("devices")

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Stations", "Devices")

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._jobs = JobRunner(self)
        self._link: ScaleLink | None = None
        self._scanner: ScannerLink | None = None
        self._sim: Any = None
        self._raw_lines = RawLines()
        self._closed = False
        # what the panel shows, readable by tests
        self.scale_state = "stopped"
        self.scale_error: DeviceError | None = None
        self.frames = 0
        self.bytes_read = 0
        self.last_reading: Any = None
        self.last_stability: Any = None
        self.detect_result: Any = None
        self.scans: list[tuple[str, str, WedgeScan | None]] = []  # (source, code, timing)

        heading = QLabel(self.tr("Scale and scanner test"))
        _font(heading, 22)

        # --- scale settings -------------------------------------------------------------------
        self.port_combo = QComboBox()
        self.port_combo.setEditable(True)
        self.port_combo.setMinimumWidth(320)
        self.port_combo.lineEdit().setPlaceholderText(self.tr("/dev/ttyUSB0 or a URL"))
        disable_input_method(self.port_combo)
        self.refresh_button = QPushButton(self.tr("Refresh ports"))
        self.port_info = QLabel()
        self.port_info.setWordWrap(True)
        self.protocol_combo = QComboBox()
        self.protocol_combo.addItem(self.tr("auto-detect"), "auto")
        for name in protocol_names():
            self.protocol_combo.addItem(name, name)
        self.baud_combo = QComboBox()
        self.baud_combo.addItem(self.tr("protocol default"), 0)
        for b in BAUD_RATES:
            self.baud_combo.addItem(str(b), b)
        self.unit_combo = QComboBox()
        self.unit_combo.addItem(self.tr("as sent (kg when the frame names none)"), "")
        for u in UNITS[1:]:
            self.unit_combo.addItem(u, u)
        self.connect_button = QPushButton(self.tr("Connect"))
        self.disconnect_button = QPushButton(self.tr("Disconnect"))
        self.detect_button = QPushButton(self.tr("Auto-detect"))
        self.save_button = QPushButton(self.tr("Save as this station's scale"))
        self.sim_button = QPushButton(self.tr("Start simulated scale"))
        self.place_button = QPushButton(self.tr("Put a parcel on it"))
        self.remove_button = QPushButton(self.tr("Take it off"))
        for b in (self.sim_button, self.place_button, self.remove_button):
            b.setVisible(ctx.demo)
        self.detect_label = QLabel()
        self.detect_label.setWordWrap(True)
        self.saved_label = QLabel()

        port_row = QHBoxLayout()
        port_row.addWidget(self.port_combo, 1)
        port_row.addWidget(self.refresh_button)
        form = QFormLayout()
        form.addRow(self.tr("Port"), port_row)
        form.addRow("", self.port_info)
        form.addRow(self.tr("Protocol"), self.protocol_combo)
        form.addRow(self.tr("Baud rate"), self.baud_combo)
        form.addRow(self.tr("Unit"), self.unit_combo)
        buttons = QHBoxLayout()
        for b in (self.connect_button, self.disconnect_button, self.detect_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons2 = QHBoxLayout()
        buttons2.addWidget(self.save_button)
        for b in (self.sim_button, self.place_button, self.remove_button):
            buttons2.addWidget(b)
        buttons2.addStretch(1)
        settings_box = QGroupBox(self.tr("Scale"))
        sl = QVBoxLayout(settings_box)
        sl.addLayout(form)
        sl.addLayout(buttons)
        sl.addLayout(buttons2)
        sl.addWidget(self.detect_label)
        sl.addWidget(self.saved_label)

        # --- scale live view ------------------------------------------------------------------
        self.state_label = QLabel()
        _font(self.state_label, 16)
        self.state_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        _font(self.error_label, 14, bold=False)
        self.weight_label = QLabel("—")
        _font(self.weight_label, 40)
        self.weight_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stable_label = QLabel()
        _font(self.stable_label, 18)
        self.stable_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.counters_label = QLabel()
        self.readings_table = QTableWidget(0, 7)
        self.readings_table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Grams"),
                self.tr("Scale says"),
                self.tr("Our check"),
                self.tr("Overload"),
                self.tr("Net / gross"),
                self.tr("Tare g"),
            ]
        )
        self._setup_table(self.readings_table)
        live_box = QGroupBox(self.tr("Live"))
        ll = QVBoxLayout(live_box)
        for w in (self.state_label, self.error_label, self.weight_label, self.stable_label):
            ll.addWidget(w)
        ll.addWidget(self.counters_label)
        ll.addWidget(self.readings_table, 1)

        self.raw_view = QPlainTextEdit()
        self.raw_view.setReadOnly(True)
        self.raw_view.setMaximumBlockCount(RAW_LINES)
        self.raw_view.setFont(QFont("monospace"))
        self.raw_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        raw_box = QGroupBox(self.tr("Raw bytes from the scale (hex | text)"))
        QVBoxLayout(raw_box).addWidget(self.raw_view)

        # --- scanner test ---------------------------------------------------------------------
        self.scan_field = QLineEdit()
        self.scan_field.setPlaceholderText(self.tr("Scan a barcode here"))
        _font(self.scan_field, 18)
        disable_input_method(self.scan_field)
        scan_hint = QLabel(
            self.tr(
                "Each scan is listed with its key timing. If the code lands in the field "
                "instead, the scanner types too slowly to be told from a person: shorten "
                "its inter-key delay."
            )
        )
        scan_hint.setWordWrap(True)
        self.serial_scanner_edit = QLineEdit()
        self.serial_scanner_edit.setPlaceholderText(self.tr("Serial scanner port (optional)"))
        disable_input_method(self.serial_scanner_edit)
        self.scanner_button = QPushButton(self.tr("Connect scanner"))
        self.scanner_state_label = QLabel()
        self.scanner_state_label.setWordWrap(True)
        self.last_scan_label = QLabel()
        _font(self.last_scan_label, 16)
        self.scans_table = QTableWidget(0, 7)
        self.scans_table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Source"),
                self.tr("Code"),
                self.tr("Keys"),
                self.tr("Avg ms/key"),
                self.tr("Max ms/key"),
                self.tr("Ended by"),
            ]
        )
        self._setup_table(self.scans_table)
        serial_row = QHBoxLayout()
        serial_row.addWidget(self.serial_scanner_edit, 1)
        serial_row.addWidget(self.scanner_button)
        scanner_box = QGroupBox(self.tr("Scanner"))
        scl = QVBoxLayout(scanner_box)
        scl.addWidget(self.scan_field)
        scl.addWidget(scan_hint)
        scl.addWidget(self.last_scan_label)
        scl.addLayout(serial_row)
        scl.addWidget(self.scanner_state_label)
        scl.addWidget(self.scans_table, 1)

        grid = QGridLayout(self)
        grid.addWidget(heading, 0, 0, 1, 2)
        grid.addWidget(settings_box, 1, 0)
        # two columns (scale | scanner and raw bytes), so that the panel fits a 1280x800
        # screen under the header without squeezing the scale's settings
        grid.addWidget(scanner_box, 1, 1)
        grid.addWidget(live_box, 2, 0)
        grid.addWidget(raw_box, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(2, 3)
        grid.setRowStretch(3, 2)

        # --- wiring ---------------------------------------------------------------------------
        self.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        self.port_combo.currentTextChanged.connect(self._on_port_combo_current_text_changed)
        self.connect_button.clicked.connect(self._on_connect_button_clicked)
        self.disconnect_button.clicked.connect(self._on_disconnect_button_clicked)
        self.detect_button.clicked.connect(self._on_detect_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.sim_button.clicked.connect(self._on_sim_button_clicked)
        self.place_button.clicked.connect(self._on_place_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.scanner_button.clicked.connect(self._on_scanner_button_clicked)
        self.wedge = WedgeFilter(self, scope=self).install()
        self.wedge.scan_measured.connect(self._on_wedge_scan_measured)

        self._load_settings()
        self._on_refresh_button_clicked()
        self._show_state("stopped", None)
        self._update_counters()
        self._update_buttons()

    # --- station protocol -------------------------------------------------------------------

    def focus_scan_field(self) -> None:
        self.scan_field.setFocus()

    def close_station(self) -> None:
        """Stop every device thread this panel started (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self.wedge.uninstall()
        self._stop_scale()
        if self._scanner is not None:
            self._scanner.stop()
            self._scanner = None
        if self._sim is not None:
            self._sim.close()
            if self.ctx.extras.get("scale") is self._sim:
                self.ctx.extras.pop("scale", None)
            self._sim = None

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.close_station()
        super().closeEvent(event)

    # --- values from the form ---------------------------------------------------------------

    @property
    def port(self) -> str:
        return self.port_combo.currentText().strip()

    @property
    def protocol(self) -> str:
        return str(self.protocol_combo.currentData() or "auto")

    @property
    def baudrate(self) -> int | None:
        return int(self.baud_combo.currentData() or 0) or None

    @property
    def unit(self) -> str | None:
        return str(self.unit_combo.currentData() or "") or None

    def set_port(self, port: str) -> None:
        self.port_combo.setEditText(port)

    def set_protocol(self, name: str) -> None:
        i = self.protocol_combo.findData(name)
        self.protocol_combo.setCurrentIndex(max(i, 0))

    def set_baudrate(self, baud: int | None) -> None:
        i = self.baud_combo.findData(int(baud or 0))
        if i < 0:
            self.baud_combo.addItem(str(baud), int(baud or 0))
            i = self.baud_combo.count() - 1
        self.baud_combo.setCurrentIndex(i)

    def _load_settings(self) -> None:
        s = self.ctx.settings
        self.set_port(s.scale_port)
        self.set_protocol(s.scale_protocol or "auto")
        extra = s.extra if isinstance(s.extra, dict) else {}
        baud = extra.get("scale_baud")
        self.set_baudrate(baud if isinstance(baud, int) else None)
        unit = extra.get("scale_unit", "")
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(unit), 0))

    # --- slots: settings --------------------------------------------------------------------

    def _on_refresh_button_clicked(self) -> None:
        typed = self.port
        self._port_descriptions: dict[str, str] = {}
        try:
            from serial.tools import list_ports

            found = sorted(list_ports.comports(), key=lambda p: p.device)
        except Exception:  # listing ports must never take the panel down
            found = []
        self.port_combo.blockSignals(True)
        self.port_combo.clear()
        for p in found:
            desc = p.description if p.description and p.description != "n/a" else ""
            self.port_combo.addItem(p.device, p.device)
            self._port_descriptions[p.device] = desc
        if self._sim is not None:
            self.port_combo.addItem(self._sim.port, self._sim.port)
            self._port_descriptions[self._sim.port] = self.tr("simulated scale")
        self.port_combo.blockSignals(False)
        self.set_port(typed)
        self._on_port_combo_current_text_changed(typed)

    def _on_port_combo_current_text_changed(self, text: str) -> None:
        desc = getattr(self, "_port_descriptions", {}).get(text.strip(), "")
        self.port_info.setText(desc)

    def _on_save_button_clicked(self) -> None:
        s = self.ctx.settings
        s.scale_port = self.port
        s.scale_protocol = self.protocol
        if not isinstance(s.extra, dict):
            s.extra = {}
        s.extra["scale_baud"] = self.baudrate or 0
        s.extra["scale_unit"] = self.unit or ""
        try:
            save_settings(s)
        except OSError as exc:
            self.saved_label.setText(
                "✖ " + self.tr("Could not save the settings: {error}").format(error=exc)
            )
            return
        self.saved_label.setText(
            "✔ "
            + self.tr("Saved: {port}, {protocol}").format(
                port=s.scale_port, protocol=s.scale_protocol
            )
        )

    # --- slots: scale -----------------------------------------------------------------------

    def _on_connect_button_clicked(self) -> None:
        if not self.port:
            self._show_state("disconnected", None)
            self.error_label.setText(self.tr("Choose or type a port first."))
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
                + self.tr(
                    "No protocol recognised: bytes did not parse at any common setting. "
                    "Check the cable and that the indicator sends its weight."
                )
            )
            return
        self.set_protocol(result.protocol)
        self.set_baudrate(result.settings.baudrate)
        others = ", ".join(
            f"{c.protocol} {round(c.confidence * 100)}%" for c in result.candidates[1:4]
        )
        text = "✔ " + self.tr("Found {protocol} at {settings}, confidence {pct}%").format(
            protocol=result.protocol,
            settings=result.settings.label(),
            pct=round(result.confidence * 100),
        )
        if others:
            text += "\n" + self.tr("Also possible: {others}").format(others=others)
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
        self.weight_label.setText(self.tr("{grams} g").format(grams=fmt.number(reading.grams)))
        if reading.overload:
            self.stable_label.setText("⚠ " + self.tr("Overload / out of range"))
            colour = "#b00000"
        elif stability.stable:
            self.stable_label.setText("✔ " + self.tr("Stable"))
            colour = "#0a7d16"
        else:
            self.stable_label.setText(
                "… " + self.tr("Moving ({run} close readings)").format(run=stability.run)
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

    # --- slots: scanners --------------------------------------------------------------------

    def _on_wedge_scan_measured(self, scan: WedgeScan) -> None:
        self._add_scan("keyboard", scan.code, scan)

    def _on_scanner_button_clicked(self) -> None:
        if self._scanner is not None:
            self._scanner.stop()
            self._scanner.deleteLater()
            self._scanner = None
            self.scanner_state_label.setText(state_text("stopped"))
            self.scanner_button.setText(self.tr("Connect scanner"))
            return
        url = self.serial_scanner_edit.text().strip()
        if not url:
            return
        link = ScannerLink(url, self)
        queued = Qt.ConnectionType.QueuedConnection
        link.scan_received.connect(self._on_scanner_scan_received, queued)
        link.state_changed.connect(self._on_scanner_state_changed, queued)
        self._scanner = link
        link.start()
        self.scanner_button.setText(self.tr("Disconnect scanner"))

    def _on_scanner_scan_received(self, code: str) -> None:
        if self.sender() is self._scanner:
            self._add_scan("serial", code, None)

    def _on_scanner_state_changed(self, state: str, error: Any) -> None:
        if self.sender() is not self._scanner:
            return
        text = state_text(state)
        if state in ("connecting", "no_data"):  # a scanner is silent between scans: fine
            text = "✔ " + self.tr("Port open: waiting for a scan")
        elif state == "ok":
            text = "✔ " + self.tr("Connected: scans arrive")
        msg = device_error_text(error)
        self.scanner_state_label.setText(text + ("\n" + msg if msg else ""))

    # --- display ----------------------------------------------------------------------------

    def _setup_table(self, table: QTableWidget) -> None:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)

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
            self.tr("Frames: {frames}    Bad frames: {bad}    Bytes: {bytes}").format(
                frames=self.frames, bad=bad, bytes=self.bytes_read
            )
        )

    @property
    def bad_frames(self) -> int:
        return self._link.reader.bad_frames if self._link is not None else 0

    def _update_buttons(self, detecting: bool = False) -> None:
        connected = self._link is not None
        self.connect_button.setEnabled(not detecting)
        self.detect_button.setEnabled(not detecting)
        self.disconnect_button.setEnabled(connected or detecting)
        has_sim = self._sim is not None
        self.place_button.setEnabled(has_sim)
        self.remove_button.setEnabled(has_sim)

    def _add_reading_row(self, r: Any, st: Any) -> None:
        flag = {True: self.tr("stable"), False: self.tr("moving"), None: "—"}[r.stable]
        cells = [
            _now(),
            f"{r.grams:,}",
            flag,
            "✔ " + self.tr("stable") if st.stable else f"… {st.run}",
            "⚠ " + self.tr("yes") if r.overload else "",
            self.tr("net") if r.net else self.tr("gross"),
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

    def _add_scan(self, source: str, code: str, timing: WedgeScan | None) -> None:
        self.scans.append((source, code, timing))
        del self.scans[:-SCAN_ROWS]
        src = self.tr("keyboard") if source == "keyboard" else self.tr("serial")
        ended = ""
        if timing is not None:
            ended = {"enter": self.tr("Enter"), "tab": self.tr("Tab")}.get(timing.terminator, "—")
        cells = [
            _now(),
            src,
            code,
            str(timing.keys) if timing else "",
            f"{timing.avg_gap_ms:.1f}" if timing else "",
            f"{timing.max_gap_ms:.1f}" if timing else "",
            ended,
        ]
        t = self.scans_table
        t.insertRow(0)
        for col, text in enumerate(cells):
            t.setItem(0, col, QTableWidgetItem(text))
        if t.rowCount() > SCAN_ROWS:
            t.setRowCount(SCAN_ROWS)
        if timing is not None:
            self.last_scan_label.setText(
                "✔ "
                + self.tr(
                    "{code}  ({keys} keys, {avg} ms/key on average, {max} ms at most)"
                ).format(
                    code=code,
                    keys=timing.keys,
                    avg=f"{timing.avg_gap_ms:.1f}",
                    max=f"{timing.max_gap_ms:.1f}",
                )
            )
        else:
            self.last_scan_label.setText(
                "✔ " + self.tr("{code}  (serial scanner)").format(code=code)
            )
