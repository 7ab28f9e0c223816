"""The supervisor's override at the scale: `OverrideDialog` (badge, PIN, reason) and the
weigh station's part that asks for it and records it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.services import weighing as svc
from app.ui.kit import fmt
from app.ui.kit.screen import fit_dialog
from app.ui.kit.texts import exception_text
from app.ui.kit.widgets import set_big


class OverrideDialog(QDialog):
    """Supervisor badge (scan) + PIN + reason.

    It says in its own heading what is overridden (a floor PC may run without a window
    manager, so the window title alone may never be seen), is wide enough for its hints, and
    sits at the bottom of the station so that the weight and the verdict stay in sight."""

    def __init__(self, parent: QWidget | None = None, summary: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Supervisor override"))
        self.heading = QLabel(self.tr("Supervisor override"))
        set_big(self.heading, 16)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.badge = QLineEdit()
        self.badge.setPlaceholderText(self.tr("Scan the supervisor's badge"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("The supervisor's PIN"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why may this parcel ship?"))
        for field in (self.badge, self.pin, self.reason):
            field.setMinimumWidth(
                self.fontMetrics().horizontalAdvance(field.placeholderText()) + 60
            )
        form = QFormLayout(self)
        form.addRow(self.heading)
        form.addRow(self.summary)
        form.addRow(self.tr("Badge"), self.badge)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        # scanner-first: Enter moves on to the next field
        self.badge.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.reason.setFocus)
        fit_dialog(self, self.sizeHint().expandedTo(QSize(640, 0)))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        parent = self.parentWidget()
        if parent is not None:  # the bottom of the station: the weight stays visible
            frame = parent.window().frameGeometry()
            x = frame.center().x() - self.width() // 2
            y = frame.bottom() - self.height() - 40
            self.move(max(frame.left(), x), max(frame.top(), y))

    def values(self) -> tuple[str, str, str]:
        return self.badge.text().strip(), self.pin.text(), self.reason.text().strip()


class WeighOverride:
    """The weigh station's override (a part of `WeighStation`)."""

    # --- override ----------------------------------------------------------------------------

    def _on_override_button_clicked(self) -> None:
        last = self.last
        if last is None:
            return
        summary = QCoreApplication.translate(
            "WeighStation",
            "Waybill {waybill} · order {order_no}: recorded {grams} g, expected {expected} g"
            " ± {tol} g.",
        ).format(
            waybill=last.waybill_no,
            order_no=last.order_no,
            grams=fmt.number(last.grams),
            expected=fmt.number(last.expected_grams),
            tol=fmt.number(last.tolerance_grams),
        )
        dlg = OverrideDialog(self, summary)
        if dlg.exec():
            self.override(*dlg.values())
        # the station's window is the active one again (without a window manager nothing
        # else makes it so), so the next key, F2 included, reaches it
        self.window().activateWindow()
        self.focus_scan_field()

    def override(self, badge: str, pin: str, reason: str) -> None:
        if self.last is None:
            return
        db, wb, op, st = self.db, self.last.waybill_no, self.ctx.operator_code, self.station

        def job() -> svc.WeighResult:
            return svc.override(db, wb, reason, badge, pin, operator=op, station=st)

        self.jobs.submit(job, self._on_overridden, self._on_override_failed)

    def _on_overridden(self, res: svc.WeighResult) -> None:
        self._show_result(res)
        self.weighing_recorded.emit(res)
        self._refresh_bundle()

    def _on_override_failed(self, exc: Exception) -> None:
        self.explain_label.setText(exception_text(exc))
        self.play("error")
