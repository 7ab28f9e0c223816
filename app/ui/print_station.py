"""The print station (打单): the queue, the next batch, one big Print button, the job log.

Everything that touches the database or a printer runs on the job pool through `JobRunner`:
the queue counts, the batch preview, printing (PDF building plus the printer, which can hang
until its timeout) and the PDF preview (pdftoppm). The widgets only show plain results.

Scanner first: the scan field has focus. Enter on an empty field (or F5) prints the batch;
a scanned waybill number selects that job in the log and asks for the reprint reason.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.batching import MAX_BATCH
from app.domain.floortime import to_floor
from app.domain.stations import station_roles
from app.services import handover, print_jobs, waybills
from app.services.waybills import BatchLine, QueueSummary, preview_batch, print_queue
from app.ui.pdf_preview import PdfPreviewDialog, pdf_to_png
from app.ui.platform_panel import PlatformPanel, component_problem_text, refusal_text
from app.ui.printers import label_printer
from app.ui.texts import (
    exception_text,
    register_error_texts,
    register_event_labels,
    status_label,
)
from app.ui.workers import JobRunner
from printing import LABEL_FORMATS, Backend

if TYPE_CHECKING:
    from app.ui.stations import StationContext

OK_COLOUR = QColor("#1b7f3b")
FAIL_COLOUR = QColor("#b00020")


@register_error_texts
def _error_texts() -> dict[str, str]:
    return {
        "waybill_not_found": QCoreApplication.translate(
            "Error", "Waybill {waybill} is not known (or no longer in use)."
        ),
        "order_cancelled": QCoreApplication.translate(
            "Error", "Waybill {waybill} belongs to a cancelled order: do not ship it."
        ),
        "bad_format": QCoreApplication.translate("Error", "Unknown label format {format}."),
        "bad_limit": QCoreApplication.translate("Error", "The batch needs at least one order."),
        "shop_not_found": QCoreApplication.translate("Error", "No shop is called {shop}."),
        "pool_empty": QCoreApplication.translate(
            "Error", "The carrier has no free waybill numbers left."
        ),
        "no_carrier_serves": QCoreApplication.translate("Error", "No carrier serves this address."),
        "not_waiting": QCoreApplication.translate("Error", "The order is not waiting to print."),
        "carrier_unknown": QCoreApplication.translate(
            "Error", "No carrier has the code {carrier}."
        ),
        "reprint_left_warehouse": QCoreApplication.translate(
            "Error",
            "Order {order_no} ({status}): waybill {waybill} is already with the courier.",
        ),
        "carrier_change_too_late": QCoreApplication.translate(
            "Error",
            "Order {order} is already printed: void its waybill before changing the carrier.",
        ),
        "carrier_not_serving": QCoreApplication.translate(
            "Error", "{carrier} does not deliver to {area} (order {order})."
        ),
    }


@register_event_labels
def _event_labels() -> dict[str, str]:
    return {
        "print_failed": QCoreApplication.translate("Event", "Print failed"),
        "batch_allocated": QCoreApplication.translate("Event", "Print batch formed"),
        "waybill_allocated": QCoreApplication.translate("Event", "Waybill number given"),
        "waybill_voided": QCoreApplication.translate("Event", "Waybill voided"),
        "waybill_updated": QCoreApplication.translate(
            "Event", "Waybill updated on the platform (new address)"
        ),
        "routing_imported": QCoreApplication.translate("Event", "Routing table imported"),
        "carrier_changed": QCoreApplication.translate("Event", "Carrier changed by hand"),
    }


def reason_label(code: str) -> str:
    base, _, note = code.partition(":")
    labels = {
        "jammed": QCoreApplication.translate("PrintStation", "Paper jammed"),
        "smudged": QCoreApplication.translate("PrintStation", "Smudged"),
        "lost": QCoreApplication.translate("PrintStation", "Lost"),
        "address_changed": QCoreApplication.translate("PrintStation", "Address changed"),
        "other": QCoreApplication.translate("PrintStation", "Other"),
    }
    text = labels.get(base.strip(), base)
    return f"{text}: {note.strip()}" if note.strip() else text


def _local(t: dt.datetime | None) -> str:
    return to_floor(t).strftime("%H:%M:%S") if t else ""


@dataclass(frozen=True)
class _Snapshot:
    """What one refresh brings back from the pool thread."""

    queue: QueueSummary
    lines: list[BatchLine]
    jobs: list[print_jobs.JobRow]
    shops: list[tuple[int, str]]
    accounts: list = field(default_factory=list)  # AccountInfo: platform e-waybill accounts


class _ComponentTrouble(Exception):
    """A component that could not draw a preview, with what the station words it by."""

    def __init__(self, code: str, platform: str, detail: str) -> None:
        super().__init__(code)
        self.code, self.platform, self.detail = code, platform, detail


class _Progress(QObject):
    """Emitted from the pool thread while pages are drawn; delivered queued to the GUI."""

    page_drawn = Signal(str, int)


class _ReasonsDialog(QDialog):
    """A dialog with a numbered list of reason codes (keys 1–n pick one) and a free note."""

    CODES: tuple[str, ...] = ()

    def _reason_widgets(self, label: Callable[[str], str], placeholder: str) -> None:
        self.reasons = QListWidget()
        for i, code in enumerate(self.CODES, 1):
            item = QListWidgetItem(f"{i}  {label(code)}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.reasons.addItem(item)
        self.reasons.setCurrentRow(0)
        self.reasons.itemActivated.connect(lambda _i: self.accept())
        for i in range(len(self.CODES)):
            QShortcut(
                QKeySequence(str(i + 1)),
                self.reasons,
                activated=lambda row=i: self.reasons.setCurrentRow(row),
            )
        self.note = QLineEdit()
        self.note.setPlaceholderText(placeholder)

    def _buttons(self, ok_text: str) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def reason(self) -> str:
        """The chosen code, with the note after a colon when one was typed."""
        item = self.reasons.currentItem()
        code = item.data(Qt.ItemDataRole.UserRole) if item else "other"
        note = self.note.text().strip()
        return f"{code}: {note}" if note else code


def _heading(text: str) -> QLabel:
    head = QLabel(text)
    f = QFont(head.font())
    f.setPointSize(16)
    f.setBold(True)
    head.setFont(f)
    head.setWordWrap(True)
    return head


class ReasonDialog(_ReasonsDialog):
    """Why a waybill is reprinted: 卡纸 / 模糊 / 丢失 / 改地址 / 其他 (number keys 1–5)."""

    CODES = ("jammed", "smudged", "lost", "address_changed", "other")

    def __init__(self, waybill_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reprint waybill"))
        self.waybill_no = waybill_no
        self._reason_widgets(reason_label, self.tr("Other: say what happened"))
        lay = QVBoxLayout(self)
        lay.addWidget(
            _heading(self.tr("Reprint waybill {waybill}: why?").format(waybill=waybill_no))
        )
        lay.addWidget(self.reasons)
        lay.addWidget(self.note)
        lay.addWidget(self._buttons(self.tr("Reprint")))
        self.reasons.setFocus()

    def choose(self, code: str) -> None:
        self.reasons.setCurrentRow(self.CODES.index(code))


def carrier_reason_label(code: str) -> str:
    base, _, note = code.partition(":")
    labels = {
        "buyer_asked": QCoreApplication.translate("PrintStation", "Buyer asked for this carrier"),
        "faster": QCoreApplication.translate("PrintStation", "Faster delivery needed"),
        "bulky": QCoreApplication.translate("PrintStation", "Bulky or heavy parcel"),
        "fragile": QCoreApplication.translate("PrintStation", "Fragile goods"),
        "other": QCoreApplication.translate("PrintStation", "Other"),
    }
    text = labels.get(base.strip(), base)
    return f"{text}: {note.strip()}" if note.strip() else text


class CarrierDialog(_ReasonsDialog):
    """Manual carrier override (改快递) for one order waiting to print: which carrier, and why."""

    CODES = ("buyer_asked", "faster", "bulky", "fragile", "other")

    def __init__(
        self,
        order_no: str,
        current: str,
        carriers: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change carrier"))
        self.carrier = QComboBox()
        for code, name in carriers:
            if code != current:
                self.carrier.addItem(f"{name} ({code})", code)
        self._reason_widgets(carrier_reason_label, self.tr("Other: say why"))
        lay = QVBoxLayout(self)
        lay.addWidget(
            _heading(
                self.tr("Order {order} ships with {carrier}. Change to:").format(
                    order=order_no, carrier=current or self.tr("none")
                )
            )
        )
        lay.addWidget(self.carrier)
        lay.addWidget(QLabel(self.tr("Why?")))
        lay.addWidget(self.reasons)
        lay.addWidget(self.note)
        lay.addWidget(self._buttons(self.tr("Change carrier")))
        self.carrier.setFocus()

    def choose(self, carrier_code: str, reason_code: str, note: str = "") -> None:
        self.carrier.setCurrentIndex(self.carrier.findData(carrier_code))
        self.reasons.setCurrentRow(self.CODES.index(reason_code))
        self.note.setText(note)

    def carrier_code(self) -> str:
        return self.carrier.currentData() or ""


class PrintStation(QWidget):
    """The print operator's screen. See the module docstring for the threads."""

    STATION = "print"
    ROLES = station_roles("print")

    batch_printed = Signal(object)  # PrintBatchResult
    reprint_done = Signal(object)  # ReprintResult
    preview_shown = Signal(object)  # PdfPreviewDialog
    carrier_changed = Signal(object)  # list[CarrierChange]

    LOG_COLUMNS = 6

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Stations", "Print station")

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._db = ctx.db
        self._jobs = JobRunner(self)
        self._printing = False
        self._queue: QueueSummary | None = None
        self._lines: list[BatchLine] = []
        self._log: list[print_jobs.JobRow] = []
        self._refresh_gen = 0
        self.reason_dialog: ReasonDialog | None = None
        self.confirm_dialog: QMessageBox | None = None  # reprint of a parcel already gone
        self.preview_dialog: PdfPreviewDialog | None = None
        self._progress = _Progress(self)
        self._progress.page_drawn.connect(self._on_progress_page_drawn)

        fmt = (ctx.settings.label_format or "100x180").lower()
        self.label_format = fmt if fmt in LABEL_FORMATS else "100x180"
        lang = ctx.settings.lang or os.environ.get("PARCELPROOF_LANG", "")
        self.doc_lang = "en" if lang == "en" else "zh_CN"
        choice = label_printer(ctx)
        self.backend: Backend = choice.backend
        self.printer_text, self.pdf_folder = choice.text, choice.pdf_folder

        self._build()
        self._wire()
        self.refresh()

    # --- building ---------------------------------------------------------------------------

    def _big(self, w: QWidget, size: int, bold: bool = True) -> None:
        """Big type; through the style sheet, which the station style would otherwise win."""
        weight = "bold" if bold else "normal"
        w.setStyleSheet(f"font-size: {size}pt; font-weight: {weight};")

    def _build(self) -> None:
        self.instruction = QLabel(self.tr("Check the batch, then press Print (Enter / F5)"))
        self._big(self.instruction, 20)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._big(self.message, 14)
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(
            self.tr("Scan a waybill to reprint it, or press Enter to print")
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
        side.addWidget(QLabel(self.tr("Carriers (click to filter)")))
        side.addWidget(self.carrier_list, 1)
        side.addWidget(QLabel(self.tr("Products (click to filter)")))
        side.addWidget(self.sku_list, 2)
        self.carrier_combo = QComboBox()
        self.carrier_combo.addItem(self.tr("All carriers"), "")
        self.sku_combo = QComboBox()
        self.sku_combo.addItem(self.tr("All products"), "")
        self.shop_combo = QComboBox()
        self.shop_combo.addItem(self.tr("All shops"), None)
        self.limit = QSpinBox()
        self.limit.setRange(1, 500)
        self.limit.setValue(MAX_BATCH)
        self.limit.setPrefix(self.tr("Batch of "))
        self.format_label = QLabel(
            self.tr("Label {format} mm").format(format=self.label_format.replace("x", "×"))
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
                self.tr("Order no."),
                self.tr("Carrier"),
                self.tr("Receiver"),
                self.tr("Destination"),
                self.tr("Items"),
                self.tr("Products"),
                self.tr("Same day"),
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
        self.preview_batch_button = QPushButton(self.tr("Preview selected"))
        self.carrier_button = QPushButton(self.tr("Change carrier…"))
        batch_box = QGroupBox(self.tr("Next batch"))
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
                self.tr("Time"),
                self.tr("Order no."),
                self.tr("Waybill no."),
                self.tr("Result"),
                self.tr("Reprint reason"),
                self.tr("Message"),
            ]
        )
        self.reprint_button = QPushButton(self.tr("Reprint selected…"))
        self.retry_selected_button = QPushButton(self.tr("Retry selected"))
        self.preview_log_button = QPushButton(self.tr("Preview"))
        log_box = QGroupBox(self.tr("Print jobs"))
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

    def _wire(self) -> None:
        self.scan.returnPressed.connect(self._on_scan_return_pressed)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=lambda: self.print_batch())
        self.print_button.clicked.connect(lambda _checked=False: self.print_batch())
        self.retry_button.clicked.connect(self.retry_failed)
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.retry_selected_button.clicked.connect(self.retry_selected)
        self.preview_log_button.clicked.connect(self.preview_selected_job)
        self.preview_batch_button.clicked.connect(self.preview_selected_line)
        self.carrier_button.clicked.connect(self.change_carrier_selected)
        self.carrier_list.itemClicked.connect(self._on_carrier_list_item_clicked)
        self.sku_list.itemClicked.connect(self._on_sku_list_item_clicked)
        for combo in (self.carrier_combo, self.sku_combo, self.shop_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.limit.editingFinished.connect(self.refresh)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._update_countdown)
        self._clock.start()
        self._poll = QTimer(self)
        self._poll.setInterval(30_000)
        self._poll.timeout.connect(self.refresh)
        self._poll.start()

    # --- station protocol -------------------------------------------------------------------

    def focus_scan_field(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    def close_station(self) -> None:
        self._clock.stop()
        self._poll.stop()

    # --- filters ----------------------------------------------------------------------------

    def filters(self) -> dict[str, Any]:
        return {
            "carrier": self.carrier_combo.currentData() or None,
            "sku": self.sku_combo.currentData() or None,
            "shop_id": self.shop_combo.currentData(),
            "limit": self.limit.value(),
        }

    def _set_combo(self, combo: QComboBox, value: str) -> None:
        i = combo.findData(value)
        if i < 0:
            combo.addItem(value, value)
            i = combo.count() - 1
        combo.setCurrentIndex(i)

    def _on_carrier_list_item_clicked(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        self._set_combo(
            self.carrier_combo, "" if self.carrier_combo.currentData() == code else code
        )

    def _on_sku_list_item_clicked(self, item: QListWidgetItem) -> None:
        sku = item.data(Qt.ItemDataRole.UserRole)
        self._set_combo(self.sku_combo, "" if self.sku_combo.currentData() == sku else sku)

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the queue counts, the batch preview and the job log (on the pool)."""
        self._refresh_gen += 1
        gen, f, db = self._refresh_gen, self.filters(), self._db

        def load() -> _Snapshot:
            from app.services.accounts import list_accounts

            return _Snapshot(
                accounts=list_accounts(db),
                queue=print_queue(db),
                lines=preview_batch(
                    db,
                    limit=f["limit"],
                    carrier=f["carrier"],
                    sku=f["sku"],
                    shop_id=f["shop_id"],
                ),
                jobs=print_jobs.recent_jobs(db, limit=200),
                shops=print_jobs.shop_choices(db),
            )

        self._jobs.submit(load, lambda snap: self._on_loaded(gen, snap), self._on_failed)

    def _on_failed(self, exc: Exception) -> None:
        self._show(exception_text(exc), ok=False)

    def _on_loaded(self, gen: int, snap: _Snapshot) -> None:
        if gen != self._refresh_gen:
            return
        self._queue = snap.queue
        self._show_queue(snap.queue)
        self._fill_shops(snap.shops)
        self._lines = snap.lines
        self._fill_batch(snap.lines)
        self._log = snap.jobs
        self._fill_log(snap.jobs)
        self.platform_panel.set_accounts(snap.accounts)
        self._update_print_button()

    def _fill_shops(self, shops: list[tuple[int, str]]) -> None:
        known = {self.shop_combo.itemData(i) for i in range(self.shop_combo.count())}
        self.shop_combo.blockSignals(True)
        for sid, name in shops:
            if sid not in known:
                self.shop_combo.addItem(name, sid)
        self.shop_combo.blockSignals(False)

    def _show_queue(self, q: QueueSummary) -> None:
        self.waiting_label.setText(self.tr("Waiting: %n order(s)", "", q.waiting))
        self.same_day_label.setText(self.tr("Same day: %n", "", q.same_day))
        self.retry_button.setText(self.tr("Retry failed prints (%n)", "", q.retry))
        self.retry_button.setEnabled(q.retry > 0 and not self._printing)
        self.retry_button.setStyleSheet(
            "QPushButton { font-size: 15pt; }"
            + (
                "QPushButton:enabled { color: white; background: #b00020; font-weight: bold; }"
                if q.retry
                else ""
            )
        )
        self._update_countdown()
        self.carrier_list.clear()
        for code, name, n in q.by_carrier:
            label = f"{name or code or self.tr('No carrier')}  ({code})  {n}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.carrier_list.addItem(item)
            if code and self.carrier_combo.findData(code) < 0:
                self.carrier_combo.blockSignals(True)
                self.carrier_combo.addItem(f"{name} ({code})", code)
                self.carrier_combo.blockSignals(False)
        self.sku_list.clear()
        for sku, name, n in q.by_sku:
            item = QListWidgetItem(f"{sku}  {name}  {n}")
            item.setData(Qt.ItemDataRole.UserRole, sku)
            self.sku_list.addItem(item)
            if self.sku_combo.findData(sku) < 0:
                self.sku_combo.blockSignals(True)
                self.sku_combo.addItem(f"{sku} {name}", sku)
                self.sku_combo.blockSignals(False)

    def _update_countdown(self) -> None:
        q = self._queue
        if q is None:
            return
        left = q.cutoff - dt.datetime.now(dt.UTC)
        at = to_floor(q.cutoff).strftime("%H:%M")
        if left.total_seconds() <= 0:
            self.countdown_label.setText(self.tr("cut-off {time} passed").format(time=at))
            self.countdown_label.setStyleSheet("font-size: 15pt; color: #b00020;")
            return
        mins = int(left.total_seconds() // 60)
        self.countdown_label.setText(
            self.tr("before cut-off {time} (in {h} h {m:02d} min)").format(
                time=at, h=mins // 60, m=mins % 60
            )
        )
        self.countdown_label.setStyleSheet(
            "font-size: 15pt;" + (" color: #b00020; font-weight: bold;" if mins < 30 else "")
        )

    def _fill_batch(self, lines: list[BatchLine]) -> None:
        t = self.batch_table
        t.setRowCount(len(lines))
        yes = self.tr("Yes")
        for i, li in enumerate(lines):
            values = (
                li.order_no,
                li.carrier or self.tr("none"),
                li.receiver_name,
                f"{li.province} {li.city}",
                str(li.item_count),
                ", ".join(li.skus),
                yes if li.same_day else "",
            )
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                if j == 0:
                    item.setData(Qt.ItemDataRole.UserRole, li.order_id)
                t.setItem(i, j, item)

    def _fill_log(self, jobs: list[print_jobs.JobRow]) -> None:
        t = self.log_table
        t.setRowCount(len(jobs))
        ok_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        bad_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        for i, j in enumerate(jobs):
            if j.result == "ok":
                result = self.tr("Reprinted") if j.reprint else self.tr("Printed")
            elif j.waiting_retry:
                result = self.tr("FAILED — retry")
            else:
                result = self.tr("FAILED")
            values = (
                _local(j.at),
                j.order_no,
                j.waybill_no,
                result,
                reason_label(j.reason) if j.reason else "",
                j.message,
            )
            for k, v in enumerate(values):
                item = QTableWidgetItem(v)
                if k == 0:
                    item.setData(Qt.ItemDataRole.UserRole, j.id)
                if k == 3:
                    item.setIcon(ok_icon if j.result == "ok" else bad_icon)
                    item.setForeground(OK_COLOUR if j.result == "ok" else FAIL_COLOUR)
                t.setItem(i, k, item)

    # --- messages ---------------------------------------------------------------------------

    def _show(self, text: str, ok: bool = True) -> None:
        mark = "✔ " if ok else "✖ "
        self.message.setText(mark + text)
        self.message.setStyleSheet(
            "font-size: 15pt; font-weight: bold; "
            + ("color: #1b7f3b;" if ok else "color: white; background: #b00020; padding: 6px;")
        )

    def _update_print_button(self) -> None:
        n = len(self._lines)
        if self._printing:
            self.print_button.setText(self.tr("Printing…"))
        elif n:
            self.print_button.setText(self.tr("Print %n waybill(s)", "", n))
        else:
            self.print_button.setText(self.tr("Nothing to print"))
        self.print_button.setEnabled(bool(n) and not self._printing)

    # --- printing ---------------------------------------------------------------------------

    def _operator(self) -> str:
        return self.ctx.operator_code

    def _station(self) -> str:
        return self.ctx.station_name or self.STATION

    def print_batch(self, order_nos: list[str] | None = None) -> None:
        """Print the batch shown (or these orders: a retry) on the pool."""
        if self._printing or (not order_nos and not self._lines):
            return
        self._printing = True
        self._update_print_button()
        f = self.filters()
        db, backend, fmt, lang = self._db, self.backend, self.label_format, self.doc_lang
        op, st, progress = self._operator(), self._station(), self._progress
        components = self.platform_panel.components()

        def work() -> print_jobs.PrintBatchResult:
            return print_jobs.print_batch(
                db,
                backend,
                fmt=fmt,
                limit=max(f["limit"], len(order_nos or ())),
                carrier=None if order_nos else f["carrier"],
                sku=None if order_nos else f["sku"],
                shop_id=None if order_nos else f["shop_id"],
                order_nos=order_nos,
                operator=op,
                station=st,
                lang=lang,
                on_progress=lambda stage, n: progress.page_drawn.emit(stage, n),
                components=components,
            )

        self._show(self.tr("Printing…"))
        self._jobs.submit(work, self._on_batch_printed, self._on_print_failed)

    def _on_progress_page_drawn(self, stage: str, n: int) -> None:
        if stage == "waybill":
            self.message.setText(self.tr("Drawing waybill %n…", "", n))

    def _on_print_failed(self, exc: Exception) -> None:
        self._printing = False
        self._on_failed(exc)
        self.refresh()

    def _on_batch_printed(self, res: print_jobs.PrintBatchResult) -> None:
        self._printing = False
        n = len(res.waybills)
        if not n:
            self._show(self.tr("Nothing was printed: no order is waiting."), ok=False)
        elif res.ok:
            text = self.tr("Batch {batch}: %n waybill(s) printed.", "", n).format(batch=res.batch)
            if res.slips_ok is False:
                text += " " + self.tr("Slips failed: {message}").format(message=res.slips_message)
            self._show(text, ok=res.slips_ok is not False)
        elif res.component_problems:
            p = res.component_problems[0]
            self._show(component_problem_text(p.code, p.platform, p.detail), ok=False)
        elif res.documents_failed:
            waybill, why = res.documents_failed[0]
            self._show(
                self.tr(
                    "%n label(s) failed at the print component (waybill {waybill}: {message}). "
                    "They keep their numbers: press Retry failed prints.",
                    "",
                    len(res.documents_failed),
                ).format(waybill=waybill, message=why),
                ok=False,
            )
        else:
            self._show(
                self.tr(
                    "Printer failed: {message}. The %n waybill number(s) stay with their "
                    "orders: press Retry.",
                    "",
                    n,
                ).format(message=res.message),
                ok=False,
            )
        if res.refused:
            words = [refusal_text(no, why) for no, why in res.refused[:3]]
            more = len(res.refused) - len(words)
            self.message.setText(
                self.message.text()
                + " "
                + self.tr("%n order(s) could not be given a waybill.", "", len(res.refused))
                + " "
                + " ".join(words)
                + (" " + self.tr("(and %n more)", "", more) if more > 0 else "")
            )
        self.batch_printed.emit(res)
        self.refresh()
        if any(w["waybill_no"] for w in res.waybills):
            self.platform_panel.refresh_remote()  # numbers were used: the balances moved
        self.focus_scan_field()

    def retry_failed(self) -> None:
        db = self._db
        self._jobs.submit(
            lambda: print_jobs.retry_order_nos(db),
            lambda nos: self.print_batch(order_nos=nos) if nos else None,
            self._on_failed,
        )

    def _selected_job(self) -> print_jobs.JobRow | None:
        row = self.log_table.currentRow()
        if 0 <= row < len(self._log):
            return self._log[row]
        return None

    def retry_selected(self) -> None:
        job = self._selected_job()
        if job is None or not job.waiting_retry:
            self._show(self.tr("Select a failed print to retry."), ok=False)
            return
        self.print_batch(order_nos=[job.order_no])

    # --- reprint ----------------------------------------------------------------------------

    def _on_scan_return_pressed(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        if not code:
            self.print_batch()
            return
        self.select_waybill(code)
        self.ask_reprint(code)

    def select_waybill(self, waybill_no: str) -> bool:
        """Select the newest log row of this waybill; False when the log does not show it."""
        for row, j in enumerate(self._log):
            if j.waybill_no == waybill_no:
                self.log_table.selectRow(row)
                self.log_table.scrollToItem(self.log_table.item(row, 0))
                return True
        self.log_table.clearSelection()
        return False

    def reprint_selected(self) -> None:
        job = self._selected_job()
        if job is None or not job.waybill_no:
            self._show(self.tr("Scan or select a waybill to reprint."), ok=False)
            return
        self.ask_reprint(job.waybill_no)

    def ask_reprint(self, waybill_no: str) -> None:
        """Ask for the reason (non-blocking dialog); accepted → reprint on the pool."""
        dlg = ReasonDialog(waybill_no, self)
        self.reason_dialog = dlg
        dlg.accepted.connect(lambda: self.reprint(waybill_no, dlg.reason()))
        dlg.finished.connect(lambda _r: self.focus_scan_field())
        dlg.open()

    def reprint(self, waybill_no: str, reason: str, *, force: bool = False) -> None:
        """``force``: confirmed although the parcel was already handed over (see
        `confirm_reprint`; the service refuses it otherwise)."""
        db, backend, fmt, lang = self._db, self.backend, self.label_format, self.doc_lang
        op, st = self._operator(), self._station()
        components = self.platform_panel.components()
        self._show(self.tr("Reprinting {waybill}…").format(waybill=waybill_no))
        self._jobs.submit(
            lambda: print_jobs.reprint(
                db,
                waybill_no,
                reason,
                backend,
                operator=op,
                station=st,
                fmt=fmt,
                lang=lang,
                force=force,
                components=components,
            ),
            self._on_reprint_done,
            lambda exc: self._on_reprint_refused(exc, reason),
        )

    def _on_reprint_refused(self, exc: Exception, reason: str) -> None:
        if getattr(exc, "code", "") != "reprint_left_warehouse":
            self._on_print_failed(exc)
            return
        p = getattr(exc, "params", {})
        self.confirm_reprint(
            p.get("waybill", ""), p.get("order_no", ""), p.get("status", ""), reason
        )

    def confirm_reprint(self, waybill_no: str, order_no: str, status: str, reason: str) -> None:
        """The parcel already left with the courier: reprint only when the operator confirms
        after a plain warning (non-blocking dialog); the reprint is then recorded as forced."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Reprint waybill"))
        box.setText(
            self.tr(
                "Order {order_no} ({status}): the parcel with waybill {waybill} is already with"
                " the courier."
            ).format(order_no=order_no, status=status_label(status), waybill=waybill_no)
        )
        box.setInformativeText(
            self.tr(
                "A second label for it can ship a duplicate parcel. Reprint only if the courier"
                " asked for a new label. The reprint is recorded as done after handover."
            )
        )
        yes = box.addButton(self.tr("Reprint anyway"), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(self.tr("Do not reprint"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        self.confirm_dialog = box

        def answered(_r: int) -> None:
            self.confirm_dialog = None
            if box.clickedButton() is yes:
                self.reprint(waybill_no, reason, force=True)
            else:
                self._show(self.tr("Not reprinted: {waybill}").format(waybill=waybill_no))
                self.focus_scan_field()

        box.finished.connect(answered)
        self._show(box.text(), ok=False)
        box.open()

    def _on_reprint_done(self, res: print_jobs.ReprintResult) -> None:
        if res.problem is not None:
            p = res.problem
            self._show(component_problem_text(p.code, p.platform, p.detail), ok=False)
        elif res.ok:
            self._show(
                self.tr("Waybill {waybill} reprinted ({reason}).").format(
                    waybill=res.waybill_no, reason=reason_label(res.reason)
                )
            )
        else:
            self._show(
                self.tr("Reprint of {waybill} failed: {message}").format(
                    waybill=res.waybill_no, message=res.message
                ),
                ok=False,
            )
        self.reprint_done.emit(res)
        self.refresh()

    # --- carrier override -------------------------------------------------------------------

    def _selected_line(self) -> BatchLine | None:
        row = self.batch_table.currentRow()
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def change_carrier_selected(self) -> None:
        """Ask which carrier and why for the selected batch line (dialog, non-blocking)."""
        li = self._selected_line()
        if li is None:
            self._show(self.tr("Select an order in the batch first."), ok=False)
            return
        db = self._db
        self._jobs.submit(
            lambda: handover.carriers(db),
            lambda carriers: self._on_carriers_loaded(li, carriers),
            self._on_failed,
        )

    def _on_carriers_loaded(self, li: BatchLine, carriers: list[tuple[str, str]]) -> None:
        dlg = CarrierDialog(li.order_no, li.carrier, carriers, self)
        self.carrier_dialog = dlg
        dlg.accepted.connect(
            lambda: self.change_carrier([li.order_no], dlg.carrier_code(), dlg.reason())
        )
        dlg.finished.connect(lambda _r: self.focus_scan_field())
        dlg.open()

    def change_carrier(self, order_nos: list[str], carrier_code: str, reason: str) -> None:
        db, op, st = self._db, self._operator(), self._station()
        self._jobs.submit(
            lambda: waybills.override_carrier(
                db, order_nos, carrier_code, reason, operator=op, station=st
            ),
            self._on_carrier_changed,
            self._on_failed,
        )

    def _on_carrier_changed(self, changes: list[waybills.CarrierChange]) -> None:
        for c in changes:
            self._show(
                self.tr("Order {order} now ships with {carrier}.").format(
                    order=c.order_no, carrier=c.new_carrier
                )
            )
        self.carrier_changed.emit(changes)
        self.refresh()

    # --- preview ----------------------------------------------------------------------------

    def preview_selected_job(self) -> None:
        job = self._selected_job()
        if job is None or job.order_id is None:
            self._show(self.tr("Select a print job to preview."), ok=False)
            return
        self.preview(job.order_id, job.waybill_no or job.order_no)

    def preview_selected_line(self) -> None:
        row = self.batch_table.currentRow()
        if not 0 <= row < len(self._lines):
            row = 0 if self._lines else -1
        if row < 0:
            return
        li = self._lines[row]
        self.preview(li.order_id, li.order_no)

    def preview(self, order_id: int, title: str) -> None:
        """Draw the order's waybill and show it in a dialog: ours as PDF (pdftoppm), a
        platform's by its print component (never drawn by us: its receiver is the platform's)."""
        db, fmt, lang = self._db, self.label_format, self.doc_lang
        components = self.platform_panel.components()

        def work() -> bytes:
            from printing.backends.component import ComponentError

            doc = print_jobs.platform_doc_of(db, order_id)
            if doc is None:
                return pdf_to_png(print_jobs.preview_pdf(db, order_id, fmt=fmt, lang=lang), dpi=100)
            try:
                drawn = print_jobs.preview_platform(db, order_id, components)
            except ComponentError as exc:
                raise _ComponentTrouble(exc.code, doc.platform, exc.detail) from exc
            return drawn.data if drawn.kind == "png" else pdf_to_png(drawn.data, dpi=100)

        self._jobs.submit(
            work, lambda png: self._on_preview_drawn(png, title), self._on_preview_failed
        )

    def _on_preview_failed(self, exc: Exception) -> None:
        if isinstance(exc, _ComponentTrouble):
            self._show(component_problem_text(exc.code, exc.platform, exc.detail), ok=False)
        else:
            self._on_failed(exc)

    def _on_preview_drawn(self, png: bytes, title: str) -> None:
        dlg = PdfPreviewDialog(png, self.tr("Waybill {what}").format(what=title), self)
        self.preview_dialog = dlg
        dlg.finished.connect(lambda _r: self.focus_scan_field())
        dlg.open()
        self.preview_shown.emit(dlg)
