"""The print station's widgets and their layout: the scan field and message, the queue
counts, the filters, the next batch with the Print button, the job log and the platform
panel. `PrintLayout` is mixed into `PrintStation` and builds on it; its words keep the
station's translation context ("PrintStation")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.batching import MAX_BATCH
from app.ui.desks.print.platform_panel import PlatformPanel


class PrintLayout:
    """Builds the print station's widgets (`_build`), named as the station uses them."""

    # --- building ---------------------------------------------------------------------------

    def _big(self, w: QWidget, size: int, bold: bool = True) -> None:
        """Big type; through the style sheet, which the station style would otherwise win."""
        weight = "bold" if bold else "normal"
        w.setStyleSheet(f"font-size: {size}pt; font-weight: {weight};")

    def _build(self) -> None:
        self.instruction = QLabel(
            QCoreApplication.translate(
                "PrintStation", "Check the batch, then press Print (Enter / F5)"
            )
        )
        self._big(self.instruction, 20)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._big(self.message, 14)
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(
            QCoreApplication.translate(
                "PrintStation", "Scan a waybill to reprint it, or press Enter to print"
            )
        )
        self._big(self.scan, 16, bold=False)
        self.printer_label = QLabel(self.printer_text)
        self.printer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.printer_label.setWordWrap(True)

        # queue counts
        self.waiting_label = QLabel()
        self.same_day_label = QLabel()
        self.countdown_label = QLabel()
        self.retry_button = QPushButton()
        for w in (self.waiting_label, self.same_day_label, self.countdown_label):
            self._big(w, 15)
        counts = QHBoxLayout()
        counts.addWidget(self.waiting_label)
        counts.addSpacing(24)
        counts.addWidget(self.same_day_label)
        counts.addWidget(self.countdown_label)
        counts.addStretch(1)
        counts.addWidget(self.retry_button)

        # filters
        self.carrier_list = QListWidget()
        self.sku_list = QListWidget()
        for lw in (self.carrier_list, self.sku_list):
            lw.setMaximumWidth(320)
        side = QVBoxLayout()
        side.addWidget(
            QLabel(QCoreApplication.translate("PrintStation", "Carriers (click to filter)"))
        )
        side.addWidget(self.carrier_list, 1)
        side.addWidget(
            QLabel(QCoreApplication.translate("PrintStation", "Products (click to filter)"))
        )
        side.addWidget(self.sku_list, 2)
        self.carrier_combo = QComboBox()
        self.carrier_combo.addItem(QCoreApplication.translate("PrintStation", "All carriers"), "")
        self.sku_combo = QComboBox()
        self.sku_combo.addItem(QCoreApplication.translate("PrintStation", "All products"), "")
        self.shop_combo = QComboBox()
        self.shop_combo.addItem(QCoreApplication.translate("PrintStation", "All shops"), None)
        self.limit = QSpinBox()
        self.limit.setRange(1, 500)
        self.limit.setValue(MAX_BATCH)
        self.limit.setPrefix(QCoreApplication.translate("PrintStation", "Batch of "))
        self.format_label = QLabel(
            QCoreApplication.translate("PrintStation", "Label {format} mm").format(
                format=self.label_format.replace("x", "×")
            )
        )
        filters = QHBoxLayout()
        for w in (self.carrier_combo, self.sku_combo, self.shop_combo, self.limit):
            filters.addWidget(w)
        filters.addWidget(self.format_label)
        filters.addStretch(1)

        # batch preview
        self.batch_table = QTableWidget(0, 7)
        self.batch_table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("PrintStation", "Order no."),
                QCoreApplication.translate("PrintStation", "Carrier"),
                QCoreApplication.translate("PrintStation", "Receiver"),
                QCoreApplication.translate("PrintStation", "Destination"),
                QCoreApplication.translate("PrintStation", "Items"),
                QCoreApplication.translate("PrintStation", "Products"),
                QCoreApplication.translate("PrintStation", "Same day"),
            ]
        )
        self.print_button = QPushButton()
        self.print_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogOkButton)
        )
        self.print_button.setMinimumHeight(72)
        self.print_button.setIconSize(QSize(36, 36))
        self.print_button.setStyleSheet(
            "QPushButton { background: #0057b8; color: white; border-radius: 6px;"
            " font-size: 22pt; font-weight: bold; }"
            "QPushButton:disabled { background: #888; color: #eee; }"
        )
        self.preview_batch_button = QPushButton(
            QCoreApplication.translate("PrintStation", "Preview selected")
        )
        self.carrier_button = QPushButton(
            QCoreApplication.translate("PrintStation", "Change carrier…")
        )
        batch_box = QGroupBox(QCoreApplication.translate("PrintStation", "Next batch"))
        bl = QVBoxLayout(batch_box)
        bl.addLayout(filters)
        bl.addWidget(self.batch_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.print_button, 1)
        row.addWidget(self.preview_batch_button)
        row.addWidget(self.carrier_button)
        bl.addLayout(row)

        # job log
        self.log_table = QTableWidget(0, self.LOG_COLUMNS)
        self.log_table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("PrintStation", "Time"),
                QCoreApplication.translate("PrintStation", "Order no."),
                QCoreApplication.translate("PrintStation", "Waybill no."),
                QCoreApplication.translate("PrintStation", "Result"),
                QCoreApplication.translate("PrintStation", "Reprint reason"),
                QCoreApplication.translate("PrintStation", "Message"),
            ]
        )
        self.reprint_button = QPushButton(
            QCoreApplication.translate("PrintStation", "Reprint selected…")
        )
        self.retry_selected_button = QPushButton(
            QCoreApplication.translate("PrintStation", "Retry selected")
        )
        self.preview_log_button = QPushButton(QCoreApplication.translate("PrintStation", "Preview"))
        log_box = QGroupBox(QCoreApplication.translate("PrintStation", "Print jobs"))
        ll = QVBoxLayout(log_box)
        ll.addWidget(self.log_table, 1)
        lrow = QHBoxLayout()
        for b in (self.reprint_button, self.retry_selected_button, self.preview_log_button):
            lrow.addWidget(b)
        lrow.addStretch(1)
        ll.addLayout(lrow)

        for t in (self.batch_table, self.log_table):
            t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            t.verticalHeader().setVisible(False)
            t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            t.horizontalHeader().setStretchLastSection(True)
            t.setAlternatingRowColors(True)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(batch_box)
        split.addWidget(log_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        middle = QHBoxLayout()
        middle.addLayout(side)
        middle.addWidget(split, 1)

        top = QGridLayout()
        top.addWidget(self.instruction, 0, 0)
        top.addWidget(self.scan, 1, 0)
        top.addWidget(self.message, 2, 0)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(counts)
        self.platform_panel = PlatformPanel(self.ctx, self._jobs, self)
        lay.addWidget(self.platform_panel)
        lay.addLayout(middle, 1)
        lay.addWidget(self.printer_label)
        self._update_print_button()
