"""The handover station driven as the floor drives it: scans and Enter, the courier's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.db.models import Event
from app.services.operators import find_operator
from app.services.orders import intercept
from app.ui.desks.handover import HandoverStation
from app.ui.kit.context import StationContext
from tests.floor import printed_parcels, status_of, verify, weigh


@pytest.fixture
def floor(sqlite_db):
    parcels = printed_parcels(sqlite_db, 12, seed=51)
    groups: dict[str, list] = {}
    for p in parcels:
        groups.setdefault(p.carrier, []).append(p)
    carrier, mine = max(groups.items(), key=lambda kv: len(kv[1]))
    other = next(p for p in parcels if p.carrier != carrier)
    for p in [*mine[:-1], other]:  # the last one of ours is never weighed
        verify(sqlite_db, p.order_id)
        weigh(sqlite_db, p.order_id)
    return carrier, mine, other


@pytest.fixture
def station(qtbot, sqlite_db, floor, tmp_path):
    ctx = StationContext(
        db=sqlite_db, operator=find_operator(sqlite_db, "1006"), station_name="交接 1"
    )
    ctx.settings.extra["office_printer"] = f"file:{tmp_path}/"  # A4 documents
    w = HandoverStation(ctx)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.focus_scan_field()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.scan_field, timeout=5000)
    qtbot.waitUntil(lambda: w.idle and w.carrier.count() > 0, timeout=15000)
    return w


def scan(qtbot, w, code: str) -> None:
    target = QApplication.focusWidget()
    assert target is w.scan_field
    qtbot.keyClicks(target, code)
    qtbot.keyClick(target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.idle, timeout=15000)


def test_refusals_loudly_then_close_with_left_behind_and_manifest(
    qtbot, station, floor, sqlite_db, tmp_path
):
    w = station
    carrier, mine, other = floor
    sounds: list[str] = []
    w.sound_played.connect(sounds.append)
    assert "carrier" in w.instruction.text().lower()
    scan(qtbot, w, carrier)  # the carrier's code opens its cart
    assert w.cart is not None and w.cart.carrier_code == carrier
    weighed = len(mine) - 1
    assert f"of {weighed} weighed" in w.counter.text()

    scan(qtbot, w, mine[0].waybill_no)
    assert w.status_kind == "ok" and sounds[-1] == "ok"
    assert "1 parcel" in w.counter.text() and w.parcels.count() == 1

    scan(qtbot, w, other.waybill_no)
    assert w.status_kind == "error" and sounds[-1] == "error"
    assert other.carrier in w.status.text() and "✖" in w.status.text()
    scan(qtbot, w, mine[-1].waybill_no)  # not weighed
    assert w.status_kind == "error" and "not been weighed" in w.status.text()
    scan(qtbot, w, mine[0].waybill_no)
    assert "already on this cart" in w.status.text()

    intercept(sqlite_db, mine[1].waybill_no, "买家退款")
    scan(qtbot, w, mine[1].waybill_no)
    assert w.overlay.isVisible() and sounds[-1] == "stop"
    scan(qtbot, w, "")  # Enter: the parcel is set aside
    assert not w.overlay.isVisible()

    for p in mine[2:-1]:
        scan(qtbot, w, p.waybill_no)
    on_cart = 1 + len(mine[2:-1])
    assert w.parcels.count() == on_cart
    # one scanned by mistake: remove it
    if on_cart > 1:
        qtbot.mouseClick(w.remove_button, Qt.MouseButton.LeftButton)
        assert w.status_kind == "warn"
        w.scan_field.setFocus()
        scan(qtbot, w, mine[0].waybill_no)
        assert w.parcels.count() == on_cart - 1
        on_cart -= 1

    qtbot.mouseClick(w.close_button, Qt.MouseButton.LeftButton)  # no courier yet
    assert w.status_kind == "error" and w.cart is not None
    printed: list = []
    w.manifest_printed.connect(printed.append)
    w.courier.setText("张师傅")
    qtbot.keyClick(w.courier, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.idle, timeout=15000)
    if w.choice.isVisible():  # parcels left behind: said before closing; close anyway
        w.scan_field.setFocus()
        scan(qtbot, w, "2")
    qtbot.waitUntil(lambda: bool(printed), timeout=20000)
    assert w.cart is None and w.closed is not None
    left = {
        item.split()[1]
        for item in (w.left_behind.item(i).text() for i in range(w.left_behind.count()))
    }
    assert (mine[0].waybill_no in left) == (len(mine) > 3)
    assert "left behind" in w.left_title.text() or "Nothing" in w.left_title.text()
    ok, path = printed[0]
    assert ok and Path(path).parent == tmp_path
    text = PdfReader(path).pages[0].extract_text()
    assert w.closed.manifest_no in text and "张师傅" in text
    for _, wb, _ in w.closed.parcels:
        assert wb in text
    assert len(w.closed.parcels) == on_cart
    assert status_of(sqlite_db, mine[-1].order_id) == "printed"
    # the manifest print is on the record: which one, where it went
    with sqlite_db.read() as s:
        ev = s.scalars(select(Event).where(Event.kind == "document_printed")).one()
        assert ev.detail["document"] == "manifest" and ev.detail["ref"] == w.closed.manifest_no
        assert ev.detail["ok"] and ev.detail["job_id"] == path
    w.grab().save(str(tmp_path / "handover.png"))


def test_unknown_carrier_and_choosing_from_the_list(qtbot, station, floor):
    w = station
    scan(qtbot, w, "NOT-A-CARRIER")
    assert w.status_kind == "error" and w.cart is None
    carrier, mine, _ = floor
    w.carrier.setCurrentIndex(w.carrier.findData(carrier))
    qtbot.mouseClick(w.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.idle and w.cart is not None, timeout=15000)
    assert w.cart.carrier_code == carrier


def test_closing_warns_of_parcels_left_behind_and_the_manifest_says_where_and_what(
    qtbot, sqlite_db, floor, tmp_path
):
    """The station opens on the carrier with parcels waiting; closing with weighed parcels not
    on the cart asks first (1 go back, 2 close anyway); the manifest names each parcel's
    destination and marks the one a supervisor released by override, with its weights."""
    from app.services import weighing as wg
    from app.services.weighing import start_weighing

    carrier, mine, other = floor
    light = mine[-1]  # verified now, weighed light, released by override
    verify(sqlite_db, light.order_id)
    exp = start_weighing(sqlite_db, light.waybill_no).expected_grams
    held = wg.record_weighing(sqlite_db, light.waybill_no, exp - 400, 1, "1006", "称重台 1")
    assert held.verdict == "hold"
    wg.override(sqlite_db, light.waybill_no, "买家同意少发", "OP1001", "0000", operator="1006")
    ctx = StationContext(
        db=sqlite_db, operator=find_operator(sqlite_db, "1006"), station_name="交接 1"
    )
    ctx.settings.extra["office_printer"] = f"file:{tmp_path}/"
    w = HandoverStation(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 728)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.focus_scan_field()
    qtbot.waitUntil(lambda: w.idle and w.carrier.currentData() == carrier, timeout=15000)
    assert "waiting" in w.carrier.currentText()
    qtbot.mouseClick(w.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.idle and w.cart is not None, timeout=15000)
    w.scan_field.setFocus()
    scan(qtbot, w, light.waybill_no)
    assert "supervisor" in w.parcels.item(0).text()
    scan(qtbot, w, mine[0].waybill_no)
    printed: list = []
    w.manifest_printed.connect(printed.append)
    w.courier.setText("李师傅")
    qtbot.keyClick(w.courier, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.idle, timeout=15000)
    left = len(mine) - 1 - 2  # weighed OK for the carrier, not on the cart
    if left > 0:
        assert w.choice.isVisible() and w.cart is not None and not printed
        assert str(left) in w.choice.title.text() + w.status.text()
        w.scan_field.setFocus()
        scan(qtbot, w, "1")  # go back
        assert w.cart is not None and not w.choice.isVisible()
        qtbot.keyClick(w.courier, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: w.idle and w.choice.isVisible(), timeout=15000)
        w.scan_field.setFocus()
        scan(qtbot, w, "2")  # close anyway
    qtbot.waitUntil(lambda: bool(printed), timeout=20000)
    ok, path = printed[0]
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert f"{light.waybill_no} *" in text
    assert f"weighed {held.grams}" in text and f"against {exp}" in text
    with sqlite_db.read() as s:
        from app.db.models import Order

        o = s.get(Order, light.order_id)
        assert o.province and o.province in text


def test_a_held_parcel_refused_at_the_cart_says_why_in_words(qapp):
    """A held parcel scanned onto a cart: the words every station uses, with the hold's
    reason (the handover's own copy had no reason and broke on the placeholder)."""
    from app.services.handover import HandoverScan
    from app.ui.desks.handover import refusal_text

    text = refusal_text(HandoverScan("refused", "held", "WB1", "O-1", detail="weight"))
    assert text == "Order O-1 is on hold (Weight out of tolerance): it waits for a supervisor."
