"""The print station (打单): the queue, the next batch, one big Print button, the job log.

Everything that touches the database or a printer runs on the job pool through `JobRunner`:
the queue counts, the batch preview, printing (PDF building plus the printer, which can hang
until its timeout) and the PDF preview (pdftoppm). The widgets only show plain results.

Scanner first: the scan field has focus. Enter on an empty field (or F5) prints the batch;
a scanned waybill number selects that job in the log and asks for the reprint reason.

This module holds the station: loading and showing the queue, the batch and the log, and
printing the batch. Its widgets are built in `app.ui.desks.print.layout`; reprinting, changing a
carrier and previewing are in `app.ui.desks.print.actions`; its dialogs are in `app.ui.desks.print.dialogs`
and its words for refusals, events and reasons in `app.ui.desks.print.texts`.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QListWidgetItem,
    QMessageBox,
    QStyle,
    QTableWidgetItem,
    QWidget,
)

from app.domain.floortime import to_floor
from app.domain.stations import station_roles
from app.services import print_jobs
from app.services.waybills import BatchLine, QueueSummary, preview_batch, print_queue
from app.ui.desks.print import texts as _texts  # noqa: F401 - registers the station's words
from app.ui.desks.print.actions import PrintActions
from app.ui.desks.print.dialogs import CarrierDialog, ReasonDialog
from app.ui.desks.print.layout import PrintLayout
from app.ui.desks.print.platform_panel import component_problem_text, refusal_text
from app.ui.kit.pdf_preview import PdfPreviewDialog
from app.ui.kit.printers import label_printer
from app.ui.kit.texts import exception_text, reason_label
from app.ui.kit.workers import JobRunner
from printing import LABEL_FORMATS, Backend

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext


# the dialogs and the reason words, importable from here as before they had modules
__all__ = ["CarrierDialog", "PrintStation", "ReasonDialog"]

OK_COLOUR = QColor("#1b7f3b")
FAIL_COLOUR = QColor("#b00020")


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


class _Progress(QObject):
    """Emitted from the pool thread while pages are drawn; delivered queued to the GUI."""

    page_drawn = Signal(str, int)


class PrintStation(PrintLayout, PrintActions, QWidget):
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
