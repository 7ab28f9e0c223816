"""The order browser, driven as a user would: typing, filters, opening an order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db.models import Order
from app.services.demo import make_demo_data
from app.services.orders import intercept
from app.ui.desks.orders import PAGE, OrderBrowser
from app.ui.kit.context import StationContext


@pytest.fixture
def big_db(sqlite_db):
    make_demo_data(sqlite_db, 650, seed=11)
    return sqlite_db


@pytest.fixture
def browser(qtbot, big_db):
    w = OrderBrowser(StationContext(db=big_db, operator=None))
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitUntil(lambda: w.model.rowCount() > 0 and not w.model.loading)
    return w


def _wait_idle(qtbot, w):
    qtbot.waitUntil(lambda: not w.model.loading and not w.model._jobs.busy, timeout=5000)


def test_pages_in_on_scroll_instead_of_loading_everything(qtbot, browser):
    assert browser.model.rowCount() == PAGE
    assert "650" in browser.count_label.text()
    while browser.model.canFetchMore():
        browser.table.scrollToBottom()
        browser.model.fetchMore()
        _wait_idle(qtbot, browser)
    assert browser.model.rowCount() == 650


def test_search_by_phone_tail_opens_the_order_with_lines_and_history(qtbot, browser, big_db):
    with big_db.read() as s:
        o = s.scalars(select(Order).order_by(Order.id.desc())).first()
        order_no, tail7, n_lines = o.order_no, o.receiver_phone[-7:], len(o.lines)
    intercept(big_db, order_no, "买家退款", operator="1007")
    qtbot.keyClicks(browser.search, tail7)
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    _wait_idle(qtbot, browser)
    rows = [browser.model.row_at(i) for i in range(browser.model.rowCount())]
    assert order_no in [r.order_no for r in rows]
    assert all(r.phone_tail == tail7[-4:] for r in rows)
    i = [r.order_no for r in rows].index(order_no)
    browser.table.selectRow(i)
    qtbot.waitUntil(lambda: browser.detail.lines.rowCount() == n_lines)
    assert order_no in browser.detail.header.text()
    kinds = [
        browser.detail.events.item(r, 1).text() for r in range(browser.detail.events.rowCount())
    ]
    assert kinds  # the interception is in the timeline, worded
    assert browser.detail.events.item(0, 3).text() == "1007"


def test_status_and_carrier_filters(qtbot, browser, big_db):
    with big_db.read() as s:
        order_no = s.scalars(select(Order.order_no).order_by(Order.id)).first()
    intercept(big_db, order_no, "缺货取消")
    browser.status.setCurrentIndex(browser.status.findData("cancelled"))
    _wait_idle(qtbot, browser)
    assert browser.model.rowCount() == 1
    assert browser.model.row_at(0).order_no == order_no
    browser.status.setCurrentIndex(browser.status.findData("paid"))
    _wait_idle(qtbot, browser)
    assert all(browser.model.row_at(i).status == "paid" for i in range(browser.model.rowCount()))
    qtbot.waitUntil(lambda: browser.carrier.count() > 1)
    browser.carrier.setCurrentIndex(1)  # no paid order has a carrier yet: nothing matches
    _wait_idle(qtbot, browser)
    assert browser.model.rowCount() == 0


def test_paid_time_filter(qtbot, browser):
    browser.paid.setCurrentIndex(browser.paid.findData("yesterday"))
    _wait_idle(qtbot, browser)
    yesterday = browser.model.rowCount()
    browser.paid.setCurrentIndex(browser.paid.findData("30d"))
    _wait_idle(qtbot, browser)
    assert browser.model.rowCount() >= yesterday
    f = browser.current_filter()
    assert f.paid_from is not None and f.paid_from.tzinfo is not None


def test_stale_results_never_overwrite_a_newer_search(qtbot, browser):
    browser.search.setText("no-such-order")
    browser.run_search()
    browser.search.setText("")
    browser.run_search()
    _wait_idle(qtbot, browser)
    assert browser.model.rowCount() == PAGE


def test_the_receiver_is_shown_masked_in_the_list_and_the_order(qtbot, browser, big_db):
    with big_db.write() as s:
        o = s.scalars(select(Order).order_by(Order.id.desc())).first()
        o.receiver_name, o.receiver_phone, o.phone_tail = "欧阳小雨", "13957316028", "6028"
        order_no = o.order_no
    qtbot.keyClicks(browser.search, "57316028")
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    _wait_idle(qtbot, browser)
    assert browser.model.rowCount() == 1
    col = browser.model.COLUMNS.index("receiver_name")
    assert browser.model.index(0, col).data() == "欧*雨"
    browser.table.selectRow(0)
    qtbot.waitUntil(lambda: order_no in browser.detail.header.text())
    header = browser.detail.header.text()
    assert "欧*雨" in header and "139****6028" in header
    assert "欧阳小雨" not in header and "13957316028" not in header


def test_a_parcel_with_a_packing_video_is_marked(qtbot, browser, big_db, tmp_path):
    import os
    import time

    from app.domain.video import ClipClosing, OpenClip
    from app.services.video import record_clip
    from devices.camera import ClipFile, file_sha256

    row = browser.model.row_at(3)
    path = tmp_path / "clips" / "a.mp4"
    path.parent.mkdir(parents=True)
    path.write_bytes(os.urandom(1000))
    t = time.time()
    clip = ClipFile(str(path), file_sha256(path), 1000, t, t + 5, 75, 0.0)
    opened = OpenClip(row.waybill_no or "WB1", t, order_id=row.id, operator="1004")
    closing = ClipClosing(opened, t + 5, "complete")
    record_clip(big_db, closing, clip, "complete", folder=path.parent, station="v", camera="test:")
    browser.model.refresh()
    _wait_idle(qtbot, browser)
    col = browser.model.COLUMNS.index("video")
    marks = [browser.model.index(i, col).data() for i in range(10)]
    assert marks[3] == "▶" and marks.count("▶") == 1
    assert browser.model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    tip = browser.model.index(3, col).data(Qt.ItemDataRole.ToolTipRole)
    assert "packing video" in tip
