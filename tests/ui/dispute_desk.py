"""The dispute desk as a clerk opens it, for the tests of its screens."""

from __future__ import annotations

from app.db.engine import Database
from app.services.operators import find_operator
from app.ui.desks.dispute.station import DisputeStation
from app.ui.kit.context import StationContext


def open_dispute_desk(qtbot, db: Database) -> DisputeStation:
    """The dispute desk of 售后 1 signed in as 1007 (English), shown and done loading."""
    ctx = StationContext(db=db, operator=find_operator(db, "1007"), station_name="售后 1")
    ctx.settings.lang = "en"
    w = DisputeStation(ctx)
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not w.busy and w.f_carrier.count() > 1, timeout=15000)
    return w
