"""Picking and packing stations driven by scans and Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import scanning as sc
from app.services.operators import find_operator
from app.services.orders import intercept, show
from app.ui.desks.pack import PackStation
from app.ui.desks.pick import PickStation
from app.ui.kit.context import StationContext
from tests.floor import goods, pick, printed_batch


def open_station(qtbot, cls, db, operator, name):
    w = cls(StationContext(db=db, operator=find_operator(db, operator), station_name=name))
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.focus_scan_field()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.scan_field, timeout=5000)
    return w


def scan(qtbot, w, code):
    assert QApplication.focusWidget() is w.scan_field
    qtbot.keyClicks(w.scan_field, code)
    qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.idle, timeout=15000)


def test_a_pick_list_walked_bin_by_bin_with_a_shortage(qtbot, sqlite_db):
    code = printed_batch(sqlite_db, n=8)
    intercept(sqlite_db, goods(sqlite_db)[0].waybill_no, "买家退款")
    barcodes = {li[0]: li[2] for g in goods(sqlite_db, None) for li in g.lines}
    w = open_station(qtbot, PickStation, sqlite_db, "1003", "pick-1")
    scan(qtbot, w, code)
    assert w.overlay.isVisible() and goods(sqlite_db, "cancelled")[0].order_no in (
        w.overlay.detail.text()
    )
    qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)
    assert not w.overlay.isVisible()
    first = w.pick_list.lines[0]
    assert first.bin_location in w.instruction.text()
    bins = [li.bin_location for li in w.pick_list.lines]
    assert bins == sorted(bins)
    qtbot.keyClick(w.scan_field, Qt.Key.Key_F7)  # shortage on the first line
    qtbot.waitUntil(lambda: w.idle and w.pick_list.lines[0].short > 0, timeout=15000)
    assert w.status_kind == "warn"
    while w.current_line() is not None:
        li = w.pick_list.lines[w.current_line()]
        if li.qty - li.picked - li.short > 1:
            qtbot.keyClick(w.scan_field, Qt.Key.Key_F6)  # confirm the line
            qtbot.waitUntil(lambda: w.idle, timeout=15000)
        else:
            scan(qtbot, w, barcodes[li.sku])
            assert w.status_kind == "ok"
    assert "complete" in w.instruction.text()
    statuses = {st for _, st in w.pick_list.orders}
    assert statuses == {"picked", "held", "cancelled"}


def test_picking_one_order_by_its_waybill(qtbot, sqlite_db):
    printed_batch(sqlite_db, n=6)
    g = pick(sqlite_db, lines=1)
    w = open_station(qtbot, PickStation, sqlite_db, "1003", "pick-1")
    scan(qtbot, w, g.waybill_no)
    other = next(x for x in goods(sqlite_db) if x.lines[0][0] != g.lines[0][0])
    scan(qtbot, w, other.lines[0][2])
    assert w.status_kind == "error"
    for _ in range(g.units):
        scan(qtbot, w, g.lines[0][2])
    assert show(sqlite_db, g.order_no)[0]["status"] == "picked"


def test_packing_shows_reminders_and_records_the_carton(qtbot, sqlite_db):
    printed_batch(sqlite_db, n=6)
    g = pick(sqlite_db, serial=False)
    st = {"station": "v", "operator": "1004"}
    sc.open_order(sqlite_db, g.waybill_no, step="verify", **st)
    for _, qty, code, _ in g.lines:
        for _ in range(qty):
            sc.scan_item(sqlite_db, g.order_id, code, **st)
    from sqlalchemy import update

    from app.db.models import Order

    with sqlite_db.write() as s:
        s.execute(
            update(Order).where(Order.id == g.order_id).values(seller_remark="赠送插垫，开发票")
        )
    w = open_station(qtbot, PackStation, sqlite_db, "1005", "pack-1")
    qtbot.waitUntil(lambda: bool(w.cartons), timeout=5000)
    scan(qtbot, w, g.waybill_no)
    assert "赠送插垫" in w.reminders.text() and "Invoice" in w.reminders.text()
    assert "carton" in w.instruction.text().lower()
    w.grab().save("/tmp/pack.png")
    # a wrong code where the carton goes: said as a wrong carton, the parcel stays open
    scan(qtbot, w, "CTN-NOPE")
    assert w.status_kind == "error" and "CTN-NOPE is not a carton" in w.status.text()
    assert "suggested" in w.status.text() and w.order is not None
    assert "carton" in w.instruction.text().lower()
    scan(qtbot, w, "CTN-3")
    assert w.status_kind == "ok" and "CTN-3" in w.status.text()
    story = show(sqlite_db, g.order_no)[0]
    assert story["status"] == "packed" and story["events"][-1]["detail"]["carton"] == "CTN-3"
    scan(qtbot, w, g.waybill_no)  # scanning it again: already packed, said loudly
    assert w.status_kind == "error"
