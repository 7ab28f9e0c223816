"""The devices panel's scanner: `ScannerLink` (a serial scanner, its callbacks re-emitted as
signals) and the panel's scanner part: keyboard-wedge scans with their key timing and a
serial scanner's scans, listed as they arrive."""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QTableWidgetItem

from app.ui.desks.devices.texts import _now, device_error_text, state_text
from app.ui.kit.wedge import WedgeScan
from devices.errors import DeviceError

SCAN_ROWS = 100


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


class DeviceScanner:
    """The devices panel's scanner side (a part of `DevicePanel`)."""

    # --- slots: scanners --------------------------------------------------------------------

    def _on_wedge_scan_measured(self, scan: WedgeScan) -> None:
        self._add_scan("keyboard", scan.code, scan)

    def _on_scanner_button_clicked(self) -> None:
        if self._scanner is not None:
            self._scanner.stop()
            self._scanner.deleteLater()
            self._scanner = None
            self.scanner_state_label.setText(state_text("stopped"))
            self.scanner_button.setText(
                QCoreApplication.translate("DevicePanel", "Connect scanner")
            )
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
        self.scanner_button.setText(QCoreApplication.translate("DevicePanel", "Disconnect scanner"))

    def _on_scanner_scan_received(self, code: str) -> None:
        if self.sender() is self._scanner:
            self._add_scan("serial", code, None)

    def _on_scanner_state_changed(self, state: str, error: Any) -> None:
        if self.sender() is not self._scanner:
            return
        text = state_text(state)
        if state in ("connecting", "no_data"):  # a scanner is silent between scans: fine
            text = "✔ " + QCoreApplication.translate("DevicePanel", "Port open: waiting for a scan")
        elif state == "ok":
            text = "✔ " + QCoreApplication.translate("DevicePanel", "Connected: scans arrive")
        msg = device_error_text(error)
        self.scanner_state_label.setText(text + ("\n" + msg if msg else ""))

    def _add_scan(self, source: str, code: str, timing: WedgeScan | None) -> None:
        self.scans.append((source, code, timing))
        del self.scans[:-SCAN_ROWS]
        src = (
            QCoreApplication.translate("DevicePanel", "keyboard")
            if source == "keyboard"
            else QCoreApplication.translate("DevicePanel", "serial")
        )
        ended = ""
        if timing is not None:
            ended = {
                "enter": QCoreApplication.translate("DevicePanel", "Enter"),
                "tab": QCoreApplication.translate("DevicePanel", "Tab"),
            }.get(timing.terminator, "—")
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
                + QCoreApplication.translate(
                    "DevicePanel",
                    "{code}  ({keys} keys, {avg} ms/key on average, {max} ms at most)",
                ).format(
                    code=code,
                    keys=timing.keys,
                    avg=f"{timing.avg_gap_ms:.1f}",
                    max=f"{timing.max_gap_ms:.1f}",
                )
            )
        else:
            self.last_scan_label.setText(
                "✔ "
                + QCoreApplication.translate("DevicePanel", "{code}  (serial scanner)").format(
                    code=code
                )
            )
