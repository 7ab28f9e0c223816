"""A wedge scan reaches the station whatever widget of the window has the focus: the header's
voice and language buttons and "Stations (F2)" included, reached by Tab as a worker does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.services.operators import find_operator
from app.ui.kit.context import StationContext
from app.ui.shell.main_window import MainWindow
from tests.floor import goods, printed_batch

_T = [5_000_000]


def _keys_into(widget: QWidget, text: str, gap_ms: int) -> None:
    """``text`` and Enter into ``widget``, keys ``gap_ms`` apart on the one event clock."""
    for ch in [*text, "\r"]:
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper()))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            ev = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, "" if ch == "\r" else ch)
            ev.setTimestamp(_T[0])
            QApplication.sendEvent(widget, ev)
        _T[0] += gap_ms
    _T[0] += 500


def wedge_into(widget: QWidget, code: str) -> None:
    """Keys 3 ms apart and Enter, as a USB scanner types them, into ``widget``."""
    _keys_into(widget, code, 3)


def person_types(widget: QWidget, text: str) -> None:
    """Keys 150 ms apart and Enter, as a person types them, into ``widget``."""
    _keys_into(widget, text, 150)


def tab(widget: QWidget) -> None:
    """A person presses Tab (slow: it is not part of a scan)."""
    _T[0] += 800
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        ev = QKeyEvent(kind, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier, "\t")
        ev.setTimestamp(_T[0])
        QApplication.sendEvent(widget, ev)


@pytest.fixture
def window(qtbot, sqlite_db):
    printed_batch(sqlite_db, n=12)

    def make(station: str, operator: str) -> MainWindow:
        ctx = StationContext(
            db=sqlite_db, operator=find_operator(sqlite_db, operator), station_name=station + "-1"
        )
        w = MainWindow(ctx)
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        assert w.open_station(station)
        return w

    return make


def test_verify_counts_every_item_whatever_has_the_focus(qtbot, window, sqlite_db):
    """A verifier presses Tab before each scan: every widget of the window gets the focus in
    turn (header buttons too), and every scan still counts."""
    g = max(goods(sqlite_db), key=lambda x: x.units if not x.serial else 0)
    w = window("verify", "1004")
    st = w.station
    header = {w.voice, w.language, w.back, w.sign_out}
    seen: set[QWidget] = set()
    wedge_into(QApplication.focusWidget() or st.scan_field, g.waybill_no)
    qtbot.waitUntil(lambda: st.order is not None and st.idle, timeout=10000)
    codes = [code for _sku, qty, code, _ser in g.lines for _ in range(qty)]
    # Tab round the whole window once before the scans, then once before each scan
    for _ in range(12):
        focus = QApplication.focusWidget()
        assert focus is not None
        seen.add(focus)
        tab(focus)
    for n, code in enumerate(codes, start=1):
        focus = QApplication.focusWidget()
        seen.add(focus)
        wedge_into(focus, code)
        qtbot.waitUntil(lambda: st.idle, timeout=10000)
        done = sum(int(st.lines.table.item(i, 3).text()) for i in range(st.lines.table.rowCount()))
        assert done == n or st.order is None, f"scan {n} lost with the focus on {focus!r}"
        tab(QApplication.focusWidget())
    assert header & seen, "the Tab walk never reached the header"
    from app.services.orders import show

    assert show(sqlite_db, g.order_no)[0]["status"] == "verified"


@pytest.mark.parametrize("target", ["voice", "language", "back", "sign_out"])
def test_a_scan_with_a_header_button_focused_is_the_stations(qtbot, window, sqlite_db, target):
    """The focus on a header button (a click): the scan reaches the station and the button is
    not pressed by the scan's Enter."""
    g = goods(sqlite_db)[0]
    w = window("verify", "1004")
    st = w.station
    button = getattr(w, target)
    button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button, timeout=5000)
    voice, lang = w.voice.isChecked(), w.ctx.settings.lang
    wedge_into(button, g.waybill_no)
    qtbot.waitUntil(lambda: st.order is not None and st.idle, timeout=10000)
    assert st.order.order_no == g.order_no
    assert st.history.count() >= 1
    assert (w.voice.isChecked(), w.ctx.settings.lang, w.station is st) == (voice, lang, True)


def test_weigh_station_takes_a_scan_from_a_header_button(qtbot, window, sqlite_db):
    g = goods(sqlite_db)[0]
    w = window("weigh", "1006")
    st = w.station
    got: list[str] = []
    st.scan_received.connect(got.append)
    for button in (w.voice, w.back, w.language):
        button.setFocus()
        qtbot.waitUntil(lambda b=button: QApplication.focusWidget() is b, timeout=5000)
        wedge_into(button, g.waybill_no)
    assert got == [g.waybill_no] * 3


def test_a_click_on_an_empty_part_gives_the_scan_field_the_focus(qtbot, window):
    w = window("verify", "1004")
    st = w.station
    w.voice.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.voice, timeout=5000)
    qtbot.mouseClick(st.instruction, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is st.scan_field
