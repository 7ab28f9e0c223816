"""What the print operator does besides printing the batch: reprint a waybill (scanned or
selected, with its reason; a parcel already handed over only after a warning), change an
order's carrier, and preview a waybill. `PrintActions` is mixed into `PrintStation` and
works on its widgets, its job runner and its signals; its words keep the station's
translation context ("PrintStation")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from app.services import handover, print_jobs, waybills
from app.services.platform_print import ComponentFailed
from app.services.waybills import BatchLine
from app.ui.desks.print.dialogs import CarrierDialog, ReasonDialog
from app.ui.desks.print.platform_panel import component_problem_text
from app.ui.kit.pdf_preview import PdfPreviewDialog, pdf_to_png
from app.ui.kit.texts import reason_label, status_label


class PrintActions:
    """The print station's reprint, carrier change and preview (the jobs on the pool)."""

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
            self._show(
                QCoreApplication.translate("PrintStation", "Scan or select a waybill to reprint."),
                ok=False,
            )
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
        self._show(
            QCoreApplication.translate("PrintStation", "Reprinting {waybill}…").format(
                waybill=waybill_no
            )
        )
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
        box.setWindowTitle(QCoreApplication.translate("PrintStation", "Reprint waybill"))
        box.setText(
            QCoreApplication.translate(
                "PrintStation",
                "Order {order_no} ({status}): the parcel with waybill {waybill} is already with"
                " the courier.",
            ).format(order_no=order_no, status=status_label(status), waybill=waybill_no)
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "PrintStation",
                "A second label for it can ship a duplicate parcel. Reprint only if the courier"
                " asked for a new label. The reprint is recorded as done after handover.",
            )
        )
        yes = box.addButton(
            QCoreApplication.translate("PrintStation", "Reprint anyway"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        no = box.addButton(
            QCoreApplication.translate("PrintStation", "Do not reprint"),
            QMessageBox.ButtonRole.RejectRole,
        )
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        self.confirm_dialog = box

        def answered(_r: int) -> None:
            self.confirm_dialog = None
            if box.clickedButton() is yes:
                self.reprint(waybill_no, reason, force=True)
            else:
                self._show(
                    QCoreApplication.translate("PrintStation", "Not reprinted: {waybill}").format(
                        waybill=waybill_no
                    )
                )
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
                QCoreApplication.translate(
                    "PrintStation", "Waybill {waybill} reprinted ({reason})."
                ).format(waybill=res.waybill_no, reason=reason_label(res.reason))
            )
        else:
            self._show(
                QCoreApplication.translate(
                    "PrintStation", "Reprint of {waybill} failed: {message}"
                ).format(waybill=res.waybill_no, message=res.message),
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
            self._show(
                QCoreApplication.translate("PrintStation", "Select an order in the batch first."),
                ok=False,
            )
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
                QCoreApplication.translate(
                    "PrintStation", "Order {order} now ships with {carrier}."
                ).format(order=c.order_no, carrier=c.new_carrier)
            )
        self.carrier_changed.emit(changes)
        self.refresh()

    # --- preview ----------------------------------------------------------------------------

    def preview_selected_job(self) -> None:
        job = self._selected_job()
        if job is None or job.order_id is None:
            self._show(
                QCoreApplication.translate("PrintStation", "Select a print job to preview."),
                ok=False,
            )
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
            drawn = print_jobs.preview_platform(db, order_id, components)
            if drawn is None:  # our own number: our own label
                return pdf_to_png(print_jobs.preview_pdf(db, order_id, fmt=fmt, lang=lang), dpi=100)
            return drawn.data if drawn.kind == "png" else pdf_to_png(drawn.data, dpi=100)

        self._jobs.submit(
            work, lambda png: self._on_preview_drawn(png, title), self._on_preview_failed
        )

    def _on_preview_failed(self, exc: Exception) -> None:
        if isinstance(exc, ComponentFailed):
            p = exc.problem
            self._show(component_problem_text(p.code, p.platform, p.detail), ok=False)
        else:
            self._on_failed(exc)

    def _on_preview_drawn(self, png: bytes, title: str) -> None:
        dlg = PdfPreviewDialog(
            png,
            QCoreApplication.translate("PrintStation", "Waybill {what}").format(what=title),
            self,
        )
        self.preview_dialog = dlg
        dlg.finished.connect(lambda _r: self.focus_scan_field())
        dlg.open()
        self.preview_shown.emit(dlg)
