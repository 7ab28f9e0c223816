"""The supervisor's queue of held orders: scan to select, 1 release, 2 cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import scanning as sc
from app.services.operators import find_operator
from app.services.orders import show
from app.ui.stations import StationContext
from app.ui.supervisor_station import SupervisorStation
from tests.scanning_support import goods, printed_batch


def scan(qtbot, w, code):
    assert QApplication.focusWidget() is w.scan_field
    qtbot.keyClicks(w.scan_field, code)
    qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.idle, timeout=15000)


def test_held_orders_are_released_or_cancelled_and_recorded(qtbot, sqlite_db):
    printed_batch(sqlite_db, n=6)
    a, b = goods(sqlite_db)[:2]
    st = {"station": "verify-1", "operator": "1004"}
    sc.hold(sqlite_db, a.order_id, "shortage", step="pick", **st)
    sc.hold(sqlite_db, b.order_id, "address_problem", step="verify", **st)
    ctx = StationContext(
        db=sqlite_db, operator=find_operator(sqlite_db, "1001"), station_name="sup-1"
    )
    w = SupervisorStation(ctx)
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.focus_scan_field()
    qtbot.waitUntil(lambda: w.table.rowCount() == 2, timeout=10000)
    assert w.table.item(0, 2).text() == "Out of stock"
    w.grab().save("/tmp/holds.png")
    scan(qtbot, w, "1")  # nothing selected yet
    assert w.status_kind == "error"
    scan(qtbot, w, a.waybill_no)
    assert w.selected().order_no == a.order_no
    scan(qtbot, w, "1")
    qtbot.waitUntil(lambda: w.table.rowCount() == 1, timeout=10000)
    assert show(sqlite_db, a.order_no)[0]["status"] == "printed"
    # the mouse may be used too; the scan field keeps the focus
    w.table.selectRow(0)
    qtbot.mouseClick(w.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.table.rowCount() == 0, timeout=10000)
    assert QApplication.focusWidget() is w.scan_field
    story = show(sqlite_db, b.order_no)[0]
    assert story["status"] == "cancelled"
    ev = story["events"][-1]
    assert ev["kind"] == "hold_cancelled" and ev["operator"] == "1001"
