"""The supervisor's queue of held orders: scan to select, 1 release, 2 cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import scanning as sc
from app.services.operators import find_operator
from app.services.orders import show
from app.ui.desks.supervisor import SupervisorStation
from app.ui.kit.context import StationContext
from tests.floor import goods, printed_batch


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
    # a release asks why, then the supervisor's PIN; it says where the parcel goes
    assert QApplication.focusWidget() is w.reason and "Printed" in w.status.text()
    qtbot.keyClick(w.reason, Qt.Key.Key_Return)  # no reason: refused
    assert w.status_kind == "error" and w.stage == "reason"
    qtbot.keyClicks(w.reason, "stock found")
    qtbot.keyClick(w.reason, Qt.Key.Key_Return)
    assert w.stage == "pin" and QApplication.focusWidget() is w.scan_field
    scan(qtbot, w, "9999")  # a wrong PIN: nothing released
    assert w.status_kind == "error" and show(sqlite_db, a.order_no)[0]["status"] == "held"
    scan(qtbot, w, "1")
    qtbot.keyClicks(w.reason, "stock found")
    qtbot.keyClick(w.reason, Qt.Key.Key_Return)
    scan(qtbot, w, "0000")
    qtbot.waitUntil(lambda: w.table.rowCount() == 1, timeout=10000)
    assert show(sqlite_db, a.order_no)[0]["status"] == "printed"
    assert w.status_kind == "ok" and a.order_no in w.status.text()  # not "No holds"
    released = show(sqlite_db, a.order_no)[0]["events"][-1]
    assert released["kind"] == "hold_released" and released["detail"]["note"] == "stock found"
    # the mouse may be used too
    w.table.selectRow(0)
    qtbot.mouseClick(w.cancel_button, Qt.MouseButton.LeftButton)
    w.reason.insert("破损无货")  # typed with the input method
    qtbot.keyClick(w.reason, Qt.Key.Key_Return)
    scan(qtbot, w, "0000")
    qtbot.waitUntil(lambda: w.table.rowCount() == 0, timeout=10000)
    assert QApplication.focusWidget() is w.scan_field
    story = show(sqlite_db, b.order_no)[0]
    assert story["status"] == "cancelled"
    ev = story["events"][-1]
    assert ev["kind"] == "hold_cancelled" and ev["operator"] == "1001"


def test_verify_and_the_holds_list_say_how_far_off_a_weighing_was_in_the_same_words(qapp):
    from app.services.scanning import HeldOrder, OrderView, Recount
    from app.ui.desks.verify import recount_text
    from app.ui.kit.texts import weight_off_label

    words = weight_off_label("light", -400)
    assert words == "too light by 400 g"
    view = OrderView(1, "O-1", "WB1", "printed", "ZTO", "王*雨", "", (),
                     recount=Recount("light", -400, "1001", "recount"))  # fmt: skip
    assert words in recount_text(view)
    held = HeldOrder(1, "O-1", "WB1", "weight", "", "", None, "weigh-1", "1006", "王*雨", 3,
                     weight_reason="light", difference_grams=-400)  # fmt: skip
    assert SupervisorStation._note(None, held) == words  # type: ignore[arg-type]
