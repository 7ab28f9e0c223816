"""The admin station: signed in by badge and PIN, a product's weight changed, saved, audited;
a supervisor neither sees it nor gets a change through."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.db.chain import verify_chain
from app.services import admin
from app.services.demo import make_demo_data
from app.services.operators import find_operator
from app.ui.desks.admin.station import AdminStation
from app.ui.kit.context import StationContext
from app.ui.shell.main_window import MainWindow
from app.ui.shell.signin import SignInDialog
from tests.ui.pin_dialog import type_pin


def _sign_in(qtbot, db, badge: str, pin: str):
    dlg = SignInDialog(db)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.badge, badge)
    qtbot.keyClick(dlg.badge, Qt.Key.Key_Return)
    qtbot.waitUntil(dlg.pin.isVisible)
    with qtbot.waitSignal(dlg.signed_in, timeout=10000):
        qtbot.keyClicks(dlg.pin, pin)
        qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)
    return dlg.operator


def test_admin_changes_a_products_weight_and_the_change_is_audited(qtbot, sqlite_db):
    make_demo_data(sqlite_db, 0)
    op = _sign_in(qtbot, sqlite_db, "OP1008", "0000")
    assert op.role == "admin"
    w = MainWindow(StationContext(db=sqlite_db, operator=op, station_name="admin-pc"))
    qtbot.addWidget(w)
    w.show()
    assert "admin" in w.chooser.buttons
    qtbot.mouseClick(w.chooser.buttons["admin"], Qt.MouseButton.LeftButton)
    st = w.station
    assert isinstance(st, AdminStation)
    tab = st.products
    qtbot.waitUntil(lambda: tab.table.rowCount() > 10, timeout=10000)
    qtbot.keyClicks(tab.search, "BED-PIL-MEM")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1 and tab.sku.text() == "BED-PIL-MEM")
    assert tab.grams.value() == 410 and tab.sku.isReadOnly()
    tab.grams.selectAll()
    qtbot.keyClicks(tab.grams, "425")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: st.status_kind == "ok", timeout=10000)
    assert "BED-PIL-MEM" in st.status.text()
    qtbot.waitUntil(lambda: st.idle and tab.table.item(0, 3).text() == "425", timeout=10000)
    # saved in the database, and audited in the evidence chain
    assert admin.list_products(sqlite_db, "BED-PIL-MEM")[0].unit_grams == 425
    [entry] = admin.audit_log(sqlite_db)
    assert (entry.operator, entry.station, entry.key) == ("1008", "admin-pc", "BED-PIL-MEM")
    assert (entry.before, entry.after) == ({"unit_grams": 410}, {"unit_grams": 425})
    with sqlite_db.read() as s:
        assert verify_chain(s).intact
    # the audit tab lists it
    st.tabs.setCurrentWidget(st.audit)
    qtbot.waitUntil(lambda: st.audit.table.rowCount() == 1, timeout=10000)
    assert st.audit.table.item(0, 4).text() == "BED-PIL-MEM"
    assert "410 → 425" in st.audit.table.item(0, 5).text()
    w.grab().save("/tmp/admin_station.png")

    # a duplicate barcode is refused in words, and nothing changes
    other = admin.list_products(sqlite_db, "CLO-TSH-M")[0]
    st.tabs.setCurrentWidget(st.products)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.sku, "NEW-1")
    tab.name.setText("新品")  # typed through an input method on the floor
    qtbot.keyClicks(tab.barcodes, other.barcodes[0])
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: st.status_kind == "error", timeout=10000)
    assert f"already belongs to product {other.sku}" in st.status.text()
    assert admin.list_products(sqlite_db, "NEW-1") == []


def test_a_supervisor_cannot_open_it_and_the_service_refuses_anyway(qtbot, sqlite_db):
    make_demo_data(sqlite_db, 0)
    sup = find_operator(sqlite_db, "1001")
    w = MainWindow(StationContext(db=sqlite_db, operator=sup))
    qtbot.addWidget(w)
    assert "admin" not in w.chooser.buttons
    assert w.open_station("admin") is False
    # even a screen that reached a supervisor gets no change through
    st = AdminStation(StationContext(db=sqlite_db, operator=sup, station_name="x"))
    qtbot.addWidget(st)
    st.tabs.setCurrentWidget(st.settings)
    qtbot.waitUntil(lambda: st.idle, timeout=10000)
    st.settings.bundle.setValue(7)
    qtbot.mouseClick(st.settings.save_button, Qt.MouseButton.LeftButton)
    type_pin(qtbot, st.settings)
    qtbot.waitUntil(lambda: st.status_kind == "error", timeout=10000)
    assert "1001 may not do this" in st.status.text()
    assert admin.floor_settings(sqlite_db).bundle_size == 50
    assert admin.audit_log(sqlite_db) == []


def test_the_admin_sets_the_floors_time_zone_by_typing_its_name(qtbot, sqlite_db):
    from app.domain import floortime

    make_demo_data(sqlite_db, 0)
    st = AdminStation(
        StationContext(db=sqlite_db, operator=find_operator(sqlite_db, "1008"), station_name="x")
    )
    qtbot.addWidget(st)
    st.show()
    st.tabs.setCurrentWidget(st.settings)
    qtbot.waitUntil(lambda: st.idle, timeout=10000)
    box = st.settings.time_zone
    assert box.currentData() == ""  # no setting: the system's zone, named
    assert floortime.zone_name(floortime.system_zone()) in box.currentText()
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "Asia/Shanghai")
    qtbot.mouseClick(st.settings.save_button, Qt.MouseButton.LeftButton)
    type_pin(qtbot, st.settings)
    qtbot.waitUntil(lambda: st.status_kind == "ok", timeout=10000)
    assert admin.floor_settings(sqlite_db).time_zone == "Asia/Shanghai"
    # this station's screens follow at once
    assert floortime.zone_name(floortime.floor_zone()) == "Asia/Shanghai"
    qtbot.waitUntil(lambda: st.idle, timeout=10000)
    assert st.settings.time_zone.currentText() == "Asia/Shanghai"
    # a name the time-zone database does not know is refused with the field named
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "Beijing")
    qtbot.mouseClick(st.settings.save_button, Qt.MouseButton.LeftButton)
    type_pin(qtbot, st.settings)
    qtbot.waitUntil(lambda: st.status_kind == "error", timeout=10000)
    assert "Beijing" in st.status.text()
    assert admin.floor_settings(sqlite_db).time_zone == "Asia/Shanghai"


def test_the_admin_switches_the_masked_phone_on_our_labels(qtbot, sqlite_db):
    make_demo_data(sqlite_db, 0)
    st = AdminStation(
        StationContext(db=sqlite_db, operator=find_operator(sqlite_db, "1008"), station_name="x")
    )
    qtbot.addWidget(st)
    st.show()
    st.tabs.setCurrentWidget(st.settings)
    qtbot.waitUntil(lambda: st.idle, timeout=10000)
    box = st.settings.mask_phone
    assert not box.isChecked()  # by default the phone prints whole: couriers call the receiver
    assert "masked" in box.text()
    box.setChecked(True)
    qtbot.mouseClick(st.settings.save_button, Qt.MouseButton.LeftButton)
    type_pin(qtbot, st.settings)
    qtbot.waitUntil(lambda: st.status_kind == "ok", timeout=10000)
    assert admin.floor_settings(sqlite_db).label_masks_phone is True
    qtbot.waitUntil(lambda: st.idle, timeout=10000)
    st.settings.reload()
    qtbot.waitUntil(lambda: st.idle, timeout=10000)
    assert st.settings.mask_phone.isChecked()
