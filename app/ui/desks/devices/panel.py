"""The device panel (设备设置): what a technician needs when a scale "does not work".

Scale: port (the serial ports found, or any ``serial_for_url`` URL typed in), protocol (a name
or ``auto``), baud rate and unit; Connect / Disconnect; Auto-detect (``probe_port`` on the job
pool, the result shown with its confidence); the connection state in words (with the fix for a
port the user may not open: the dialout group); frame counters; the raw bytes as they arrive
(hex and printable); the parsed readings (grams, the indicator's stable flag, overload,
net/gross, tare) and our own stability check. Save writes the port and protocol to the
settings. In ``--demo`` a simulated scale on a real pty can be started here.

Scanner: a test field with the input method off. Each keyboard-wedge scan (seen by a
:class:`app.ui.kit.wedge.WedgeFilter` scoped to this panel) is listed with its key timing; an
optional serial scanner (URL) lists its scans too. A scanner too slow to be told from typing
shows up as text typed into the field instead.

Threads: :class:`ScaleLink` and :class:`ScannerLink` are created on the GUI thread; the device
callbacks run on the devices' reader threads and only emit signals, which Qt queues to the
GUI thread. Auto-detect runs on the job pool (`JobRunner`). Nothing here blocks the GUI.

The panel's parts live beside it: its words (`device_texts`), the scale (`device_scale`) and
the scanner (`device_scanner`); this module keeps the form, the layout and the settings.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.stations import station_roles
from app.settings import save_settings
from app.ui.desks.devices.camera import CameraTab
from app.ui.desks.devices.scale import (
    DeviceScale,
    RawLines,
    ScaleLink,
)
from app.ui.desks.devices.scanner import DeviceScanner, ScannerLink
from app.ui.kit.context import StationContext
from app.ui.kit.wedge import WedgeFilter, WedgeScan, disable_input_method
from app.ui.kit.widgets import big_font
from app.ui.kit.workers import JobRunner
from devices.errors import DeviceError
from devices.scales import protocol_names

BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
UNITS = ("", "g", "kg", "lb")  # "" = as the frame says (kg when it says nothing)
RAW_LINES = 200  # raw-bytes lines kept in view


def _font(widget: QWidget, points: int, bold: bool = True) -> None:
    widget.setFont(big_font(widget, points, bold))


class DevicePanel(DeviceScale, DeviceScanner, QWidget):
    """Scale and scanner settings with a live view (a station: see app/ui/shell/stations.py)."""

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

        scale_page = QWidget()
        grid = QGridLayout(scale_page)
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
        # the packing-video camera on a tab of its own
        self.camera_tab = CameraTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(scale_page, self.tr("Scale and scanner"))
        self.tabs.addTab(self.camera_tab, self.tr("Camera"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)

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
        self.camera_tab.shutdown()
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

    # --- display ----------------------------------------------------------------------------

    def _setup_table(self, table: QTableWidget) -> None:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)

    def _update_buttons(self, detecting: bool = False) -> None:
        connected = self._link is not None
        self.connect_button.setEnabled(not detecting)
        self.detect_button.setEnabled(not detecting)
        self.disconnect_button.setEnabled(connected or detecting)
        has_sim = self._sim is not None
        self.place_button.setEnabled(has_sim)
        self.remove_button.setEnabled(has_sim)
