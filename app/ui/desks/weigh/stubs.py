"""The weigh station's stub bundles: the open bundle's count, closing it (the stubs in hand
counted) and printing its register on the office printer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog

from app.services import weighing as svc
from app.services.print_jobs import DocumentPrint, print_document
from app.ui.kit.printers import office_printer
from app.ui.kit.texts import exception_text


class WeighStubs:
    """The weigh station's stub bundles (a part of `WeighStation`)."""

    # --- stubs -------------------------------------------------------------------------------

    def _refresh_bundle(self) -> None:
        db, st = self.db, self.station
        self.jobs.submit(lambda: svc.current_bundle(db, st), self._on_bundle_state, lambda e: None)

    def _on_bundle_state(self, b: svc.BundleState) -> None:
        if b.bundle is None:
            self.bundle_label.setText(
                QCoreApplication.translate("WeighStation", "No open stub bundle")
            )
        else:
            self.bundle_label.setText(
                QCoreApplication.translate(
                    "WeighStation", "Bundle {bundle}: {filled}/{size} stubs"
                ).format(bundle=b.bundle, filled=b.filled, size=b.size)
            )

    def _on_close_button_clicked(self) -> None:
        counted, ok = QInputDialog.getInt(
            self,
            QCoreApplication.translate("WeighStation", "Close stub bundle"),
            QCoreApplication.translate("WeighStation", "How many stubs are in your hand?"),
            0,
            0,
            10_000,
        )
        if ok:
            self.close_bundle(counted)
        self.focus_scan_field()

    def close_bundle(self, counted: int | None) -> None:
        """Close the bundle (count check) and print its register on the office printer (job
        pool); the print is recorded as evidence, a failed print can be sent again."""
        db, st, op = self.db, self.station, self.ctx.operator_code

        def job() -> tuple[svc.BundleReport, DocumentPrint]:
            rep = svc.close_bundle(db, st, operator=op, counted=counted)
            return rep, self._print_register(rep)

        self.jobs.submit(job, self._on_bundle_closed, self._on_bundle_close_failed)

    def _print_register(self, rep: svc.BundleReport) -> DocumentPrint:
        """Pool thread: draw and print one bundle's register."""
        from printing import render_stub_register

        lang, backend = _lang(), office_printer(self.ctx).backend
        return print_document(
            self.db,
            backend,
            lambda: render_stub_register(svc.register_data(rep), lang),
            document="stub_register",
            ref=str(rep.bundle),
            title=f"stub-register-{rep.bundle:06d}",
            operator=self.ctx.operator_code,
            station=self.station,
        )

    def print_register_again(self) -> None:
        rep = self.last_bundle
        if rep is None:
            return
        self.jobs.submit(
            lambda: (rep, self._print_register(rep)),
            self._on_bundle_closed,
            self._on_bundle_close_failed,
        )

    def _on_bundle_closed(self, result: tuple[svc.BundleReport, DocumentPrint]) -> None:
        rep, printed = result
        self.last_bundle = rep
        self.register_again_button.setVisible(not printed.ok)
        title = QCoreApplication.translate(
            "WeighStation", "Bundle {bundle} closed: {n} stubs match"
        ).format(bundle=rep.bundle, n=rep.stubs)
        if printed.ok:
            self._show_verdict(
                "ok",
                title,
                QCoreApplication.translate("WeighStation", "Register printed: {where}").format(
                    where=printed.where
                ),
            )
            self.play("ok")
        else:
            self._show_verdict(
                "hold",
                title,
                QCoreApplication.translate(
                    "WeighStation", "The register did not print: {message}"
                ).format(message=printed.where),
            )
            self.play("error")
        self.bundle_closed.emit(rep)
        self._refresh_bundle()

    def _on_bundle_close_failed(self, exc: Exception) -> None:
        self._show_verdict(
            "hold",
            QCoreApplication.translate("WeighStation", "Bundle not closed"),
            exception_text(exc),
        )
        self.play("error")


def _lang() -> str:
    from app.settings import choose_language

    return choose_language()
