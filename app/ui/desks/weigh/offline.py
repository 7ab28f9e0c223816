"""The weigh station offline: a weighing kept in the station's outbox while the server is
unreachable, and the outbox sent when it answers (the count kept and the replay's verdicts,
worded in plurals, stay in `WeighStation`: lupdate reads a plural only from ``self.tr``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer

from app.services import outbox as ob
from app.ui.kit import fmt


class WeighOffline:
    """The weigh station's outbox (a part of `WeighStation`)."""

    # --- offline: the outbox ------------------------------------------------------------------

    def outbox(self) -> ob.Outbox:
        return self.offline_box.box()

    def _keep_offline(self, waybill: str, grams: int, uid: str) -> None:
        """The server is unreachable: keep the weighing at the station (durable), never OK."""
        self.outbox().add(
            ob.WEIGH,
            {
                "waybill_no": waybill,
                "grams": grams,
                "division": self.division,
                "operator": self.ctx.operator_code,
                "station": self.station,
            },
            uid=uid,
        )
        self.offline_waybill = None
        self.weight_label.setText(
            QCoreApplication.translate("WeighStation", "{grams} g").format(grams=fmt.number(grams))
        )
        self._show_verdict(
            "warn",
            QCoreApplication.translate("WeighStation", "KEPT OFFLINE — not checked yet"),
            QCoreApplication.translate(
                "WeighStation",
                "Waybill {waybill}: {grams} g kept at this station. The server is unreachable;"
                " the verdict comes when it is back.",
            ).format(waybill=waybill, grams=fmt.number(grams)),
        )
        self.play("error")
        self.weighing_kept_offline.emit(waybill, grams)
        self._show_offline()
        self._update_instruction()
        if self.sim is not None:
            QTimer.singleShot(1500, self.sim.remove)

    def replay_outbox(self) -> None:
        self.offline_box.send()
