"""The desktop shell: sign-in by badge, the station chooser, --station."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.demo import make_demo_data
from app.services.operators import find_operator
from app.ui.main_window import MainWindow
from app.ui.signin import SignInDialog
from app.ui.stations import StationContext


def test_badge_scan_signs_in_a_verifier_without_pin(qtbot, sqlite_db):
    make_demo_data(sqlite_db, 0)
    dlg = SignInDialog(sqlite_db)
    qtbot.addWidget(dlg)
    dlg.show()
    with qtbot.waitSignal(dlg.signed_in, timeout=5000):
        qtbot.keyClicks(dlg.badge, "OP1004")
        qtbot.keyClick(dlg.badge, Qt.Key.Key_Return)
    assert dlg.operator.code == "1004" and dlg.operator.role == "verifier"


def test_supervisor_needs_the_right_pin(qtbot, sqlite_db):
    make_demo_data(sqlite_db, 0)
    dlg = SignInDialog(sqlite_db)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.badge, "OP1001")
    qtbot.keyClick(dlg.badge, Qt.Key.Key_Return)
    qtbot.waitUntil(dlg.pin.isVisible)
    qtbot.keyClicks(dlg.pin, "9999")
    qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "PIN" in dlg.message.text() and dlg.button.isEnabled())
    assert dlg.operator is None
    with qtbot.waitSignal(dlg.signed_in, timeout=5000):
        qtbot.keyClicks(dlg.pin, "0000")
        qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)
    assert dlg.operator.role == "supervisor"


def test_unknown_badge_is_said_and_the_field_stays_ready(qtbot, sqlite_db):
    make_demo_data(sqlite_db, 0)
    dlg = SignInDialog(sqlite_db)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.badge, "OP9999")
    qtbot.keyClick(dlg.badge, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "OP9999" in dlg.message.text())
    assert dlg.result() == 0 and dlg.badge.isEnabled()


def test_chooser_offers_only_working_stations_and_opens_them(qtbot, demo_db):
    w = MainWindow(StationContext(db=demo_db, operator=find_operator(demo_db, "1002")))
    qtbot.addWidget(w)
    w.show()
    assert "orders" in w.chooser.buttons
    for name in w.chooser.buttons:  # every button opens a real station, no placeholder
        assert w.open_station(name)
        assert name == type(w.station).STATION
    qtbot.mouseClick(w.chooser.buttons["orders"], Qt.MouseButton.LeftButton)
    assert w.station_name == "orders"
    qtbot.waitUntil(lambda: w.station.model.rowCount() > 0)
    assert w.open_station("no-such-station") is False
    assert w.station_name == "orders"
    qtbot.keyClick(w, Qt.Key.Key_F2)
    assert w.stack.currentWidget() is w.chooser


def test_gui_entry_point_with_demo_and_station(monkeypatch, capsys):
    from app.__main__ import main

    monkeypatch.setenv("PARCELPROOF_EXIT_AFTER_START", "1")
    assert main(["--demo", "--operator", "1004", "--station", "orders", "--lang", "en"]) == 0
    assert main(["--demo", "--operator", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err
