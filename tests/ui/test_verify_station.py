"""The verification station driven like a wedge scanner: keystrokes and Enter, fast."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.operators import find_operator
from app.services.orders import intercept, show
from app.ui.desks.verify import VerifyStation
from app.ui.kit.context import StationContext
from tests.floor import foreign_barcode, goods, pick, printed_batch


@pytest.fixture
def station(qtbot, sqlite_db):
    printed_batch(sqlite_db)
    ctx = StationContext(
        db=sqlite_db, operator=find_operator(sqlite_db, "1004"), station_name="verify-1"
    )
    w = VerifyStation(ctx)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.focus_scan_field()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.scan_field, timeout=5000)
    return w


def scan(qtbot, w, code: str, wait: bool = True) -> None:
    """Type into whatever has focus (the scan field must), then Enter, as a wedge does."""
    target = QApplication.focusWidget()
    assert target is w.scan_field
    qtbot.keyClicks(target, code)
    qtbot.keyClick(target, Qt.Key.Key_Return)
    if wait:
        qtbot.waitUntil(lambda: w.idle, timeout=15000)


def cell(w, row: int, col: int) -> str:
    return w.lines.table.item(row, col).text()


def test_a_whole_order_with_a_wrong_item_and_an_extra_unit(qtbot, station, sqlite_db):
    w = station
    g = pick(sqlite_db, serial=False, lines=2)
    assert "waybill" in w.instruction.text().lower()
    scan(qtbot, w, g.waybill_no)
    assert g.order_no in w.lines.header.text()
    assert w.lines.table.rowCount() == 2 and cell(w, 0, 2) == str(g.lines[0][1])
    assert "items" in w.instruction.text().lower()
    sounds = []
    w.sound_played.connect(sounds.append)
    scan(qtbot, w, foreign_barcode(sqlite_db, g))
    assert w.status_kind == "error" and "WRONG ITEM" in w.status.text() and sounds[-1] == "error"
    sku, qty, code, _ = g.lines[0]
    for _ in range(qty):
        scan(qtbot, w, code)
    assert w.status_kind == "ok" and cell(w, 0, 3) == str(qty) and cell(w, 0, 4) == "✔"
    scan(qtbot, w, code)
    assert "ONE TOO MANY" in w.status.text() and cell(w, 0, 3) == str(qty)
    # the mouse on a button does not take the focus from the scan field
    qtbot.mouseClick(w.undo_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is w.scan_field
    qtbot.keyClick(w.scan_field, Qt.Key.Key_Escape)
    _, qty2, code2, _ = g.lines[1]
    for _ in range(qty2):
        scan(qtbot, w, code2)
    assert "verified" in w.status.text() and "next waybill" in w.instruction.text()
    assert sounds[-1] == "ok"
    story = show(sqlite_db, g.order_no)[0]
    assert story["status"] == "verified"
    verdicts = [e["detail"].get("verdict") for e in story["events"] if e["kind"] == "scan"]
    assert "wrong_item" in verdicts and "extra_unit" in verdicts
    # ready for the next waybill with no click
    nxt = [x for x in goods(sqlite_db) if x.order_id != g.order_id][0]
    scan(qtbot, w, nxt.waybill_no)
    assert nxt.order_no in w.lines.header.text()


def test_scans_at_scanner_speed_are_queued_not_lost(qtbot, station, sqlite_db):
    w = station
    g = pick(sqlite_db, serial=False, lines=1, units=2)
    scan(qtbot, w, g.waybill_no, wait=False)
    scan(qtbot, w, g.lines[0][2], wait=False)
    scan(qtbot, w, g.lines[0][2], wait=False)
    qtbot.waitUntil(lambda: w.idle and "verified" in w.status.text(), timeout=15000)
    assert show(sqlite_db, g.order_no)[0]["status"] == "verified"


def test_an_intercepted_order_is_stopped_full_screen(qtbot, station, sqlite_db):
    w = station
    g = pick(sqlite_db, serial=False)
    intercept(sqlite_db, g.waybill_no, "买家退款")
    sounds = []
    w.sound_played.connect(sounds.append)
    scan(qtbot, w, g.waybill_no)
    assert w.overlay.isVisible() and "INTERCEPTED" in w.overlay.title.text()
    assert "买家退款" in w.overlay.detail.text() and sounds[-1] == "stop"
    assert w.overlay.geometry() == w.rect()
    w.grab().save("/tmp/verify_stop.png")
    scan(qtbot, w, pick(sqlite_db, serial=False).waybill_no)  # ignored until Enter
    assert w.overlay.isVisible() and w.order is None
    qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)
    assert not w.overlay.isVisible()
    kinds = [e["kind"] for e in show(sqlite_db, g.order_no)[0]["events"]]
    assert kinds[-1] == "intercept_stop"


def test_serial_numbers_and_next_waybill_decision_and_undo(qtbot, station, sqlite_db):
    w = station
    g = next(x for x in goods(sqlite_db) if x.serial and x.units >= 2)
    other = next(x for x in goods(sqlite_db) if x.order_id != g.order_id)
    scan(qtbot, w, g.waybill_no)
    i, line = next((i, li) for i, li in enumerate(g.lines) if li[3])
    scan(qtbot, w, line[2])
    assert "serial" in w.instruction.text().lower() and cell(w, i, 3) == "0"
    scan(qtbot, w, "SN-UI-1")
    assert cell(w, i, 3) == "1" and w.status_kind == "ok"
    # the next waybill before this order is complete: a decision, nothing lost
    scan(qtbot, w, other.waybill_no)
    assert w.choice.isVisible() and w.order.order_id == g.order_id
    scan(qtbot, w, "2")  # continue
    assert not w.choice.isVisible() and w.order.order_id == g.order_id
    # undo with a supervisor badge and PIN
    qtbot.keyClick(w.scan_field, Qt.Key.Key_F9)
    assert "badge" in w.instruction.text()
    scan(qtbot, w, "OP1001")
    scan(qtbot, w, "0000")
    assert cell(w, i, 3) == "0" and "undone" in w.status.text().lower()
    story = show(sqlite_db, g.order_no)[0]
    assert story["events"][-1]["kind"] == "scan_undone"
    assert story["events"][-1]["detail"]["supervisor"] == "1001"
    # now hold as incomplete and open the other order straight away
    scan(qtbot, w, other.waybill_no)
    scan(qtbot, w, "1")
    qtbot.waitUntil(lambda: w.order is not None and w.order.order_id == other.order_id)
    assert show(sqlite_db, g.order_no)[0]["hold_reason"] == "incomplete"


def test_exception_key_puts_the_order_on_hold(qtbot, station, sqlite_db):
    w = station
    g = pick(sqlite_db, serial=False)
    scan(qtbot, w, g.waybill_no)
    qtbot.keyClick(w.scan_field, Qt.Key.Key_F8)
    assert w.choice.isVisible()
    w.grab().save("/tmp/verify_hold.png")
    scan(qtbot, w, "3")  # damaged
    assert w.order is None and w.status_kind == "warn"
    st = show(sqlite_db, g.order_no)[0]
    assert (st["status"], st["hold_reason"]) == ("held", "damaged")


def test_a_wedge_scan_reaches_the_station_when_focus_is_elsewhere(qtbot, station, sqlite_db):
    """Keys 3 ms apart, as a USB scanner sends them, into a text field that has the focus:
    the station gets the scan, the field gets nothing."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QLineEdit

    w = station
    g = pick(sqlite_db, serial=False, lines=2)
    note = QLineEdit(w)  # e.g. a remark field the operator clicked into
    note.show()
    note.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is note, timeout=5000)
    t = 1_000_000
    for ch in [*g.waybill_no, "\r"]:
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper()))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            ev = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, "" if ch == "\r" else ch)
            ev.setTimestamp(t)
            QApplication.sendEvent(note, ev)
        t += 3
    qtbot.waitUntil(lambda: g.order_no in w.lines.header.text(), timeout=15000)
    assert note.text() == ""


def test_another_waybill_mid_order_counts_agree_one_key_answers_refusals_listed(
    qtbot, station, sqlite_db
):
    """The question about the open order quotes the counts on screen; a single key answers
    it (no Enter); scans made before answering are refused, listed and on the record."""
    w = station
    g = next(x for x in goods(sqlite_db) if not x.serial and x.units >= 4)
    other = next(x for x in goods(sqlite_db) if x.order_id != g.order_id)
    scan(qtbot, w, g.waybill_no)
    codes = [code for _s, qty, code, _ in g.lines for _ in range(qty)]
    scan(qtbot, w, codes[0])
    scan(qtbot, w, codes[1])
    assert w.lines.progress.text().startswith("2 of")
    scan(qtbot, w, other.waybill_no)
    assert w.choice.isVisible()
    assert f"(2 of {g.units})" in w.status.text(), w.status.text()
    before = w.history.count()
    scan(qtbot, w, codes[2])  # an item before answering: refused, listed, recorded
    assert w.choice.isVisible() and w.history.count() == before + 1
    assert codes[2] in w.history.item(0).text()
    qtbot.waitUntil(lambda: w.idle, timeout=5000)
    qtbot.keyClick(w.scan_field, Qt.Key.Key_2)  # one key, no Enter
    qtbot.waitUntil(lambda: not w.choice.isVisible(), timeout=5000)
    assert w.order.order_id == g.order_id and w.scan_field.text() == ""
    events = show(sqlite_db, g.order_no)[0]["events"]
    refused = [e for e in events if e["kind"] == "scan" and e["detail"]["code"] == codes[2]]
    assert refused and refused[-1]["detail"]["verdict"] == "awaiting_decision"


def test_a_serial_scanned_twice_says_so_and_still_wants_the_serial(qtbot, station, sqlite_db):
    w = station
    g = next(x for x in goods(sqlite_db) if any(li[3] and li[1] >= 2 for li in x.lines))
    i, line = next((i, li) for i, li in enumerate(g.lines) if li[3] and li[1] >= 2)
    scan(qtbot, w, g.waybill_no)
    scan(qtbot, w, line[2])
    scan(qtbot, w, "SN-TWICE-1")
    assert cell(w, i, 3) == "1"
    scan(qtbot, w, line[2])
    scan(qtbot, w, "SN-TWICE-1")  # the same serial again
    assert "this parcel" in w.status.text() and cell(w, i, 3) == "1"
    assert "serial" in w.instruction.text().lower() and w.pending_item == line[2]
    scan(qtbot, w, "SN-TWICE-2")  # the serial that was asked for: counted
    assert cell(w, i, 3) == "2"


def test_the_order_header_shows_the_receiver_masked(qtbot, station, sqlite_db):
    from app.db.models import Order

    g = pick(sqlite_db, serial=False)
    with sqlite_db.write() as s:
        s.get(Order, g.order_id).receiver_name = "王小雨"
    scan(qtbot, station, g.waybill_no)
    header = station.lines.header.text()
    assert g.order_no in header and "王*雨" in header and "王小雨" not in header
