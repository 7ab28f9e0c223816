"""The supervisor's learned-weights screen: the floor's estimate beside the master weight,
adopted by scanning the SKU and pressing 1, back to master with 2."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db.models import Event
from app.services import weighing as svc
from app.services.operators import find_operator
from app.ui.desks.weights import WeightsStation
from app.ui.kit.context import StationContext
from tests.floor import add_many, add_order

T = 20_000


@pytest.fixture
def station(qtbot, sqlite_db):
    wbs = add_many(sqlite_db, 5)
    for wb, g in zip(wbs, (572, 570, 575, 571, 150), strict=True):
        svc.record_weighing(sqlite_db, wb, g, 1, "1006", "称重台 1")
    ctx = StationContext(
        db=sqlite_db, operator=find_operator(sqlite_db, "1001"), station_name="主管 1"
    )
    w = WeightsStation(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitUntil(lambda: w.table.rowCount() > 0, timeout=T)
    return w


def _scan(qtbot, w, code: str) -> None:
    w.scan_field.setFocus()
    qtbot.keyClicks(w.scan_field, code)
    qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)


def _row(w, sku: str) -> list[str]:
    for r in range(w.table.rowCount()):
        if w.table.item(r, 0).text() == sku:
            return [w.table.item(r, c).text() for c in range(w.table.columnCount())]
    raise AssertionError(sku)


def test_adopt_the_learned_weight_then_go_back_to_master(qtbot, station, sqlite_db):
    w = station
    row = _row(w, "BED-PIL-MEM")
    assert row[2] == "410 g" and row[3] == "431 g" and row[4].startswith("5 ")
    assert row[6].startswith("⚠") and "+21 g" in row[6]  # flagged by a sign, not colour only
    _scan(qtbot, w, "BED-PIL-MEM")
    qtbot.waitUntil(lambda: w.selected() is not None, timeout=T)
    assert "431 g" in w.status.text()
    _scan(qtbot, w, "1")
    qtbot.waitUntil(lambda: "(adopted)" in _row(w, "BED-PIL-MEM")[5], timeout=T)
    assert "431 g" in _row(w, "BED-PIL-MEM")[5]
    add_order(sqlite_db, "WBX", [("BED-PIL-MEM", 2)])
    assert svc.start_weighing(sqlite_db, "WBX").expected_grams == 2 * 431 + 140

    _scan(qtbot, w, "BED-PIL-MEM")
    _scan(qtbot, w, "2")
    qtbot.waitUntil(lambda: "(master)" in _row(w, "BED-PIL-MEM")[5], timeout=T)
    with sqlite_db.read() as s:
        evs = s.scalars(
            select(Event).where(Event.kind == "weight_adopted").order_by(Event.seq)
        ).all()
        assert [e.detail["adopted_grams"] for e in evs] == [431, None]
        assert {e.operator for e in evs} == {"1001"}


def test_unknown_scan_and_nothing_selected_say_so(qtbot, station):
    w = station
    _scan(qtbot, w, "NO-SUCH-SKU")
    qtbot.waitUntil(lambda: "NO-SUCH-SKU" in w.status.text(), timeout=T)
    w.table.clearSelection()
    _scan(qtbot, w, "1")
    qtbot.waitUntil(lambda: "first" in w.status.text(), timeout=T)
