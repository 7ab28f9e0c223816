"""The dispute desk's widgets and their layout: the "Check a parcel" tab (look-up, story,
claim and findings) and the "Register" tab (filters, cases, settling, monthly counts).
`DisputeLayout` is mixed into `DisputeStation` and builds on it; its words keep the
station's translation context ("DisputeStation")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain import floortime
from app.services.dispute import CLAIMS
from app.ui.desks.dispute.texts import claim_label
from app.ui.desks.dispute.video import ClipPanel


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class DisputeLayout:
    """Builds the dispute desk's two tabs (`_build`), named as the station uses them."""

    db: Database

    def _build(self) -> None:
        """The two tabs' widgets, laid out; `DisputeStation.__init__` wires them."""
        # --- check a parcel ---
        self.lookup = QLineEdit()
        self.lookup.setPlaceholderText(
            QCoreApplication.translate(
                "DisputeStation",
                "Waybill no., order no., receiver name or last 4+ digits of the phone",
            )
        )
        big = QFont(self.lookup.font())
        big.setPointSize(18)
        self.lookup.setFont(big)
        self.lookup.setStyleSheet("font-size: 18pt;")
        self.lookup_button = QPushButton(QCoreApplication.translate("DisputeStation", "Look up"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.matches = QListWidget()
        self.matches.setMaximumHeight(160)
        self.matches.hide()
        self.header = QLabel(
            QCoreApplication.translate(
                "DisputeStation", "Scan or type a waybill number to see the parcel's story."
            )
        )
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.timeline = _table(
            [
                QCoreApplication.translate("DisputeStation", "Time"),
                QCoreApplication.translate("DisputeStation", "What"),
                QCoreApplication.translate("DisputeStation", "Station"),
                QCoreApplication.translate("DisputeStation", "Operator"),
                QCoreApplication.translate("DisputeStation", "Detail"),
            ]
        )
        self.claim = QComboBox()
        for c in CLAIMS:
            self.claim.addItem(claim_label(c), c)
        self.dest = QLineEdit()
        self.dest.setValidator(QIntValidator(0, 10_000_000, self))
        self.dest.setPlaceholderText(
            QCoreApplication.translate("DisputeStation", "grams, if the destination reweighed")
        )
        self.check_button = QPushButton(QCoreApplication.translate("DisputeStation", "Check"))
        self.finding = QLabel()
        self.finding.setWordWrap(True)
        self.finding.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.handled = _table(
            [
                QCoreApplication.translate("DisputeStation", "Step"),
                QCoreApplication.translate("DisputeStation", "Operator"),
                QCoreApplication.translate("DisputeStation", "Station"),
                QCoreApplication.translate("DisputeStation", "Time"),
            ]
        )
        self.register_button = QPushButton(
            QCoreApplication.translate("DisputeStation", "Register case")
        )
        self.report_button = QPushButton(
            QCoreApplication.translate("DisputeStation", "Evidence report…")
        )
        for b in (self.check_button, self.register_button, self.report_button):
            b.setEnabled(False)

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("DisputeStation", "Claim"), self.claim)
        form.addRow(QCoreApplication.translate("DisputeStation", "Destination weight"), self.dest)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.check_button)
        right.addWidget(self.finding)
        right.addWidget(self.details)
        right.addWidget(self.handled, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.report_button)
        right.addLayout(buttons)
        right_w = QWidget()
        right_w.setLayout(right)
        self.clip_panel = ClipPanel(self.db)
        self.story_tabs = QTabWidget()
        self.story_tabs.addTab(self.timeline, QCoreApplication.translate("DisputeStation", "Story"))
        self.story_tabs.addTab(
            self.clip_panel, QCoreApplication.translate("DisputeStation", "Packing video")
        )
        left = QVBoxLayout()
        left.addWidget(self.header)
        left.addWidget(self.story_tabs, 1)
        left_w = QWidget()
        left_w.setLayout(left)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left_w)
        split.addWidget(right_w)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.addWidget(self.lookup, 1)
        top.addWidget(self.lookup_button)
        check = QWidget()
        cl = QVBoxLayout(check)
        cl.addLayout(top)
        cl.addWidget(self.message)
        cl.addWidget(self.matches)
        cl.addWidget(split, 1)

        # --- the register ---
        self.f_claim = QComboBox()
        self.f_claim.addItem(QCoreApplication.translate("DisputeStation", "All claims"), "")
        for c in CLAIMS:
            self.f_claim.addItem(claim_label(c), c)
        self.f_carrier = QComboBox()
        self.f_carrier.addItem(QCoreApplication.translate("DisputeStation", "All carriers"), "")
        self.f_month = QComboBox()
        self.f_month.addItem(QCoreApplication.translate("DisputeStation", "All months"), "")
        today = floortime.today().replace(day=1)
        for k in range(12):
            y, m = divmod(today.year * 12 + today.month - 1 - k, 12)
            self.f_month.addItem(f"{y}-{m + 1:02d}", f"{y}-{m + 1:02d}")
        self.export_button = QPushButton(
            QCoreApplication.translate("DisputeStation", "Export CSV/XLSX…")
        )
        self.cases_table = _table(
            [
                QCoreApplication.translate("DisputeStation", "Case"),
                QCoreApplication.translate("DisputeStation", "Registered"),
                QCoreApplication.translate("DisputeStation", "Waybill no."),
                QCoreApplication.translate("DisputeStation", "Order no."),
                QCoreApplication.translate("DisputeStation", "Carrier"),
                QCoreApplication.translate("DisputeStation", "Claim"),
                QCoreApplication.translate("DisputeStation", "Finding"),
                QCoreApplication.translate("DisputeStation", "Difference g"),
                QCoreApplication.translate("DisputeStation", "Outcome"),
                QCoreApplication.translate("DisputeStation", "Responsible"),
            ]
        )
        self.outcome = QLineEdit()
        self.outcome.setPlaceholderText(
            QCoreApplication.translate("DisputeStation", "Outcome, e.g. courier compensates")
        )
        self.responsible = QComboBox()
        self.responsible.setEditable(True)
        for text in (
            QCoreApplication.translate("DisputeStation", "Courier"),
            QCoreApplication.translate("DisputeStation", "Warehouse"),
            QCoreApplication.translate("DisputeStation", "Buyer"),
            QCoreApplication.translate("DisputeStation", "Platform"),
        ):
            self.responsible.addItem(text)
        self.settle_button = QPushButton(
            QCoreApplication.translate("DisputeStation", "Settle case")
        )
        self.counts_table = _table(
            [
                QCoreApplication.translate("DisputeStation", "Month"),
                QCoreApplication.translate("DisputeStation", "Claim"),
                QCoreApplication.translate("DisputeStation", "Carrier"),
                QCoreApplication.translate("DisputeStation", "Cases"),
            ]
        )
        filters = QHBoxLayout()
        for w in (self.f_claim, self.f_carrier, self.f_month):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        settle = QHBoxLayout()
        settle.addWidget(self.outcome, 2)
        settle.addWidget(self.responsible, 1)
        settle.addWidget(self.settle_button)
        reg = QWidget()
        rl = QVBoxLayout(reg)
        rl.addLayout(filters)
        rl.addWidget(self.cases_table, 3)
        rl.addLayout(settle)
        rl.addWidget(
            QLabel(
                QCoreApplication.translate("DisputeStation", "Cases per month by claim and carrier")
            )
        )
        rl.addWidget(self.counts_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(check, QCoreApplication.translate("DisputeStation", "Check a parcel"))
        self.tabs.addTab(reg, QCoreApplication.translate("DisputeStation", "Register"))
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
