"""The desktop shell: sign-in by badge, the station chooser, --station."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services.demo import make_demo_data
from app.services.operators import find_operator
from app.ui.kit.context import StationContext
from app.ui.shell.main_window import MainWindow
from app.ui.shell.signin import SignInDialog


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
    # wait for the refusal itself (the prompt for the PIN also says "PIN")
    qtbot.waitUntil(lambda: "Wrong PIN" in dlg.message.text() and dlg.button.isEnabled())
    assert dlg.pin.text() == ""
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


def test_gui_entry_point_with_demo_and_station(tmp_path):
    """The real program, in its own process: start, show the station, exit."""
    import os
    import subprocess
    import sys

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PARCELPROOF_EXIT_AFTER_START="1",
        PARCELPROOF_REPORT_START="1",
        PARCELPROOF_CONFIG=str(tmp_path / "s.json"),
    )
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--demo",
            "--operator",
            "1004",
            "--station",
            "orders",
            "--lang",
            "en",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert '"shown_ms"' in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "app", "--demo", "--operator", "nobody"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2
    assert "nobody" in bad.stderr and "Traceback" not in bad.stderr


def test_language_switch_rebuilds_the_station_in_the_other_language(qtbot, demo_db, qapp):
    from app.ui.shell.i18n import install_translators

    ctx = StationContext(db=demo_db, operator=find_operator(demo_db, "1004"), demo=True)
    ctx.settings.lang = "en"
    install_translators(qapp, "en")
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.open_station("orders")
    assert w.language.text() == "中文"
    try:
        qtbot.mouseClick(w.language, Qt.MouseButton.LeftButton)
        assert ctx.settings.lang == "zh_CN"
        assert w.station_name == "orders"
        assert "订单查询" in w.title.text()
    finally:
        install_translators(qapp, "en")


def test_idle_station_locks_and_a_badge_scan_unlocks(qtbot, demo_db, monkeypatch):
    from app.ui.shell import main_window

    ctx = StationContext(db=demo_db, operator=find_operator(demo_db, "1004"))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.open_station("orders")
    seen = {}

    class FakeDialog:
        def __init__(self, db, hint="", parent=None, station=""):
            seen["hint"] = hint
            self.operator = find_operator(db, "1007")

        def exec(self):
            return True

    monkeypatch.setattr(main_window, "SignInDialog", FakeDialog)
    w.idle.set_minutes(0.0005)  # 30 ms
    qtbot.waitUntil(lambda: "hint" in seen, timeout=5000)
    assert w.operator.code == "1007"  # another operator took over the station
    assert w.station_name == "orders"


def test_idle_watcher_fires_after_quiet_and_activity_restarts_it(qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    from app.ui.shell.idle import IdleWatcher

    w = IdleWatcher(0.001)  # 60 ms
    fired = []
    w.idled.connect(lambda: fired.append(1))
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    for _ in range(5):  # activity keeps it awake
        qtbot.wait(20)
        w.eventFilter(w, key)
    assert not fired
    qtbot.waitUntil(lambda: bool(fired), timeout=3000)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_chooser_registry_agrees_with_every_station_class(qapp, lang):
    """The chooser draws stations from `SPECS` without importing them; each entry must say
    what the class itself says: name, roles, title."""
    from app.ui.shell.i18n import install_translators
    from app.ui.shell.stations import SPECS

    install_translators(qapp, lang)
    try:
        for spec in SPECS:
            cls = spec.load()
            assert (spec.STATION, tuple(spec.ROLES), spec.title()) == (
                cls.STATION,
                tuple(cls.ROLES),
                cls.title(),
            ), spec.module
    finally:
        install_translators(qapp, "en")


def _verify_window(qtbot, db, qapp, operator: str, lang: str) -> tuple[StationContext, MainWindow]:
    """The main window in ``lang``, signed in as ``operator``, the verify station open."""
    from app.ui.shell.i18n import install_translators

    ctx = StationContext(db=db, operator=find_operator(db, operator), station_name="verify-1")
    ctx.settings.lang = lang
    install_translators(qapp, lang)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.open_station("verify")
    return ctx, w


def test_language_switch_mid_order_keeps_every_stations_state(qtbot, sqlite_db, qapp):
    """The open order at verify (its counts, and the next item counts), the order browser's
    search and the order shown, the dispute desk's parcel: all there after the switch."""
    from app.services.orders import show
    from app.ui.shell.i18n import install_translators
    from tests.floor import goods, printed_batch

    printed_batch(sqlite_db, n=12)
    g = next(x for x in goods(sqlite_db) if not x.serial and x.units >= 3)
    ctx, w = _verify_window(qtbot, sqlite_db, qapp, "1001", "zh_CN")
    try:
        st = w.station
        codes = [code for _s, qty, code, _ in g.lines for _ in range(qty)]
        for code in (g.waybill_no, codes[0]):
            st.take_scan(code)
            qtbot.waitUntil(lambda s=st: s.idle, timeout=10000)
        qtbot.mouseClick(w.language, Qt.MouseButton.LeftButton)
        st = w.station
        assert ctx.settings.lang == "en" and st.order is not None
        assert st.order.order_no == g.order_no and st.lines.progress.text().startswith("1 of")
        assert st.history.count() == 2
        st.take_scan(codes[1])  # counted, not "no order with the waybill …"
        qtbot.waitUntil(lambda: st.idle, timeout=10000)
        assert st.lines.progress.text().startswith("2 of"), st.status.text()
        lines = show(sqlite_db, g.order_no)[0]["lines"]
        assert sum(li["verified_qty"] for li in lines) == 2

        w.open_station("orders")
        ob = w.station
        ob.search.setText(g.order_no)
        ob.run_search()
        qtbot.waitUntil(lambda: ob.model.rowCount() == 1, timeout=10000)
        qtbot.mouseClick(w.language, Qt.MouseButton.LeftButton)
        ob = w.station
        assert ob.search.text() == g.order_no
        qtbot.waitUntil(lambda: ob.model.rowCount() == 1, timeout=10000)

        w.open_station("dispute")
        ds = w.station
        ds.lookup.setText(g.waybill_no)
        ds.run_lookup()
        qtbot.waitUntil(lambda: ds.order_id is not None, timeout=10000)
        qtbot.mouseClick(w.language, Qt.MouseButton.LeftButton)
        assert w.station.lookup.text() == g.waybill_no and w.station.order_id == ds.order_id
    finally:
        install_translators(qapp, "en")


def test_last_scans_speak_the_language_switched_to(qtbot, sqlite_db, qapp):
    """A refused scan's line in the last scans is worded again after a switch mid-order: the
    list does not keep the old language beside the new one (found walking the station)."""
    from app.ui.desks.scan import verdict_text
    from app.ui.shell.i18n import install_translators
    from tests.floor import foreign_barcode, goods, printed_batch

    printed_batch(sqlite_db, n=12)
    g = next(x for x in goods(sqlite_db) if not x.serial)
    wrong = foreign_barcode(sqlite_db, g)
    ctx, w = _verify_window(qtbot, sqlite_db, qapp, "1004", "en")
    try:
        st = w.station
        for code in (g.waybill_no, wrong):
            st.take_scan(code)
            qtbot.waitUntil(lambda s=st: s.idle, timeout=10000)
        english = st.history.item(0).text()
        assert wrong in english and verdict_text("wrong_item") in english
        qtbot.mouseClick(w.language, Qt.MouseButton.LeftButton)
        st = w.station
        chinese = st.history.item(0).text()
        assert ctx.settings.lang == "zh_CN" and wrong in chinese
        assert verdict_text("wrong_item") in chinese and chinese != english
        assert st.history.item(1).text().endswith(g.waybill_no)  # a code stays as scanned
        qtbot.mouseClick(w.language, Qt.MouseButton.LeftButton)  # and back again
        assert w.station.history.item(0).text() == english
    finally:
        install_translators(qapp, "en")
