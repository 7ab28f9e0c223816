"""The verify station when the PostgreSQL server goes away: scans are kept (no verdicts
pretended), the next waybill starts the next parcel, and on the server's return the kept
scans are checked; what is wrong or incomplete is held and named."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select, update

from app.db.chain import verify_chain
from app.db.models import Order, Product, ProductBarcode
from app.services.operators import find_operator
from app.ui.desks.verify import VerifyStation
from app.ui.kit.context import StationContext
from tests.floor import add_order
from tests.pgroles import station_database

T = 30_000
PILLOW = "6901234567892"
# waybill numbers the carrier rules recognise (so an offline station tells them from items)
WB1, WB2 = "YT7712345678901", "YT7712345678902"


def _scan(qtbot, w, code):
    w.scan_field.setFocus()
    qtbot.keyClicks(w.scan_field, code)
    qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)


def test_scans_kept_offline_then_checked(qtbot, own_pg_server, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    db = station_database(own_pg_server.url)  # as a floor's station: the stations' role
    add_order(db, WB1, [("BED-PIL-MEM", 2)])
    add_order(db, WB2, [("BED-PIL-MEM", 2)])
    with db.write() as s:
        pid = s.scalar(select(Product.id).where(Product.sku == "BED-PIL-MEM"))
        s.add(ProductBarcode(product_id=pid, code=PILLOW))
        s.execute(update(Order).values(status="printed"))
    ctx = StationContext(
        db=db,
        operator=find_operator(db, "1004"),
        station_name="校验台 9",
        extras={"outbox_path": str(tmp_path / "outbox.sqlite")},
    )
    w = VerifyStation(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 860)
    w.show()
    try:
        own_pg_server.stop(keep_data=True)
        _scan(qtbot, w, WB1)
        qtbot.waitUntil(lambda: w.offline_order == WB1, timeout=T)
        assert "⚠" in w.status.text() and WB1 in w.status.text()
        _scan(qtbot, w, PILLOW)
        _scan(qtbot, w, PILLOW)
        _scan(qtbot, w, WB2)  # the next parcel
        _scan(qtbot, w, PILLOW)  # only one of two: nobody can tell while offline
        qtbot.waitUntil(lambda: w.offline_order == WB2 and w.offline_items == 1, timeout=T)
        assert w.outbox().count() == 5

        own_pg_server.start()
        with qtbot.waitSignal(w.outbox_replayed, timeout=T) as sig:
            w.replay_outbox()
        rep = sig.args[0]
        assert rep.replayed == 5 and [c for _i, c in rep.conflicts] == ["offline_incomplete"]
        assert "HELD" in w.status.text() and WB2 in w.status.text()
        assert w.offline_order is None
        with db.read() as s:
            got = dict(s.execute(select(Order.waybill_no, Order.status)).all())
            assert got == {WB1: "verified", WB2: "held"}
            assert verify_chain(s).intact
        # back online: the station works as before
        assert "Scan the waybill" in w.instruction.text()
    finally:
        w.close_station()
        db.dispose()


def test_packing_kept_offline_then_recorded(qtbot, own_pg_server, tmp_path, monkeypatch):
    from app.ui.desks.pack import PackStation

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    db = station_database(own_pg_server.url)  # as a floor's station: the stations' role
    add_order(db, WB1, [("BED-PIL-MEM", 1)])
    with db.write() as s:
        s.execute(update(Order).values(status="verified"))
    ctx = StationContext(
        db=db,
        operator=find_operator(db, "1004"),
        station_name="打包台 9",
        extras={"outbox_path": str(tmp_path / "outbox.sqlite")},
    )
    w = PackStation(ctx)
    qtbot.addWidget(w)
    w.show()
    try:
        qtbot.waitUntil(lambda: "CTN-1" in w.cartons, timeout=T)
        own_pg_server.stop(keep_data=True)
        _scan(qtbot, w, WB1)
        qtbot.waitUntil(lambda: w.offline_order == WB1, timeout=T)
        assert "⚠" in w.status.text()
        _scan(qtbot, w, "CTN-1")
        qtbot.waitUntil(lambda: w.kept() == 1, timeout=T)
        assert w.offline_order is None and "OK" not in w.status.text()

        own_pg_server.start()
        with qtbot.waitSignal(w.outbox_replayed, timeout=T) as sig:
            w.replay_outbox()
        assert sig.args[0].replayed == 1 and not sig.args[0].conflicts
        with db.read() as s:
            assert s.scalar(select(Order.status).where(Order.waybill_no == WB1)) == "packed"
    finally:
        w.close_station()
        db.dispose()
