"""The platform shipment export (平台发货) as a panel for the print operator's station.

Shows, per platform, the orders that passed weighing but are not yet confirmed to the platform,
and the time left before today's cut-off; "Export…" writes the platform's bulk-ship file
(each order once, then marked shipped) and "Re-export…" writes today's again. Every database
call runs on the job pool. Tests set `path` instead of answering the file dialog.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.batching import cutoff_at
from app.domain.floortime import to_floor
from app.services.handover import ExportResult, export_shipments, not_confirmed_count
from app.ui.kit.texts import exception_text
from app.ui.kit.workers import JobRunner

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext

PLATFORMS = ("taobao", "jd", "pdd")


def platform_label(code: str) -> str:
    labels = {
        "taobao": QCoreApplication.translate("Shipment", "Taobao / Tmall"),
        "jd": QCoreApplication.translate("Shipment", "JD"),
        "pdd": QCoreApplication.translate("Shipment", "Pinduoduo"),
    }
    return labels.get(code, code)


class ShipmentExportPanel(QWidget):
    """Lives on the GUI thread; the export and the counts run on the job pool."""

    export_finished = Signal(object)  # ExportResult
    export_failed = Signal(str)
    counts_loaded = Signal(dict)

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.db = ctx.db
        self.path: str | None = None  # set by tests (or a caller) to skip the file dialog
        self.counts: dict[str, int] = {}
        self.last: ExportResult | None = None
        self._jobs = JobRunner(self)

        title = QLabel(self.tr("Confirm shipments on the platform"))
        f = title.font()
        f.setPointSize(16)
        f.setBold(True)
        title.setFont(f)
        self.platform = QComboBox()
        for p in PLATFORMS:
            self.platform.addItem(platform_label(p), p)
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.cutoff_label = QLabel()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(self.tr("Export…"))
        self.again_button = QPushButton(self.tr("Re-export today's…"))
        self.refresh_button = QPushButton(self.tr("Refresh"))

        row = QHBoxLayout()
        row.addWidget(self.platform, 1)
        row.addWidget(self.export_button)
        row.addWidget(self.again_button)
        row.addWidget(self.refresh_button)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(self.counts_label)
        lay.addWidget(self.cutoff_label)
        lay.addLayout(row)
        lay.addWidget(self.result_label)
        lay.addStretch(1)

        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.again_button.clicked.connect(self._on_again_button_clicked)
        self.refresh_button.clicked.connect(self.refresh)
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._update_cutoff)
        self._clock.start()
        self._update_cutoff()
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._jobs.busy

    # --- counts and the clock ------------------------------------------------------------

    def refresh(self) -> None:
        db = self.db
        self._jobs.submit(lambda: not_confirmed_count(db), self._on_counts, self._on_failed)

    def _on_counts(self, counts: dict[str, int]) -> None:
        self.counts = counts
        parts = [
            self.tr("{platform}: {n}").format(platform=platform_label(p), n=counts.get(p, 0))
            for p in PLATFORMS
        ]
        self.counts_label.setText(
            self.tr("Weighed, not yet confirmed to the platform — {list}").format(
                list=" · ".join(parts)
            )
        )
        self.counts_loaded.emit(counts)

    def _update_cutoff(self, now: dt.datetime | None = None) -> None:
        now = now or dt.datetime.now(dt.UTC)
        cut = cutoff_at(now)
        left = cut - now
        at = to_floor(cut).strftime("%H:%M")
        if left.total_seconds() <= 0:
            self.cutoff_label.setText(self.tr("Cut-off {time} has passed.").format(time=at))
            self.cutoff_label.setStyleSheet("color: #c62828; font-weight: bold;")
            return
        minutes = int(left.total_seconds() // 60)
        self.cutoff_label.setText(
            self.tr("Cut-off {time}: {h} h {m} min left.").format(
                time=at, h=minutes // 60, m=minutes % 60
            )
        )
        self.cutoff_label.setStyleSheet(
            "color: #c62828; font-weight: bold;" if minutes < 60 else ""
        )

    # --- export ---------------------------------------------------------------------------

    def _ask_path(self, platform: str) -> str:
        if self.path:
            return self.path
        stamp = to_floor(dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M")
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the bulk-ship file"),
            f"{platform}-shipments-{stamp}.csv",
            self.tr("CSV files (*.csv)"),
        )
        return path

    def export(self, again: bool = False) -> None:
        platform = self.platform.currentData()
        path = self._ask_path(platform)
        if not path:
            return
        db, op, st = self.db, self.ctx.operator_code, self.ctx.station_name
        self.export_button.setEnabled(False)
        self.again_button.setEnabled(False)
        self.result_label.setText(self.tr("Exporting…"))
        self._jobs.submit(
            lambda: export_shipments(db, platform, path, again=again, operator=op, station=st),
            self._on_exported,
            self._on_failed,
        )

    def _on_export_button_clicked(self) -> None:
        self.export(again=False)

    def _on_again_button_clicked(self) -> None:
        self.export(again=True)

    def _on_exported(self, res: ExportResult) -> None:
        self.last = res
        self.export_button.setEnabled(True)
        self.again_button.setEnabled(True)
        if res.exported == 0 and not res.again:
            text = self.tr("Nothing new to confirm for {platform}.").format(
                platform=platform_label(res.platform)
            )
        else:
            text = self.tr("%n order(s) written to {file}", "", res.exported).format(file=res.path)
        self.result_label.setText(text)
        self.export_finished.emit(res)
        self.refresh()

    def _on_failed(self, exc: Exception) -> None:
        self.export_button.setEnabled(True)
        self.again_button.setEnabled(True)
        text = exception_text(exc)
        self.result_label.setText("✖ " + text)
        self.export_failed.emit(text)
