"""The print station driven as the print operator would: counts, Print, the log, reprint by scan,
the preview."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db.models import PrintJob
from app.services.demo import make_demo_data
from app.services.operators import find_operator
from app.settings import Settings
from app.ui.desks.print.station import PrintStation
from app.ui.kit.context import StationContext

WAIT = 30_000


@pytest.fixture
def station(qtbot, sqlite_db, tmp_path):
    make_demo_data(sqlite_db, 40, seed=31)
    ctx = StationContext(
        db=sqlite_db,
        operator=find_operator(sqlite_db, "1002"),
        settings=Settings(label_format="100x150", lang="zh_CN"),
        station_name="print-1",
        demo=True,
        extras={"pdf_folder": str(tmp_path / "pdf")},
    )
    w = PrintStation(ctx)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitUntil(lambda: w._queue is not None and w.batch_table.rowCount() > 0, timeout=WAIT)
    return w


def _idle(qtbot, w):
    qtbot.waitUntil(lambda: not w._jobs.busy and not w._printing, timeout=WAIT)


def test_the_queue_counts_and_filters_are_shown(qtbot, station):
    assert "40" in station.waiting_label.text()
    assert station.carrier_list.count() >= 2
    assert station.sku_list.count() >= 1
    assert station.batch_table.rowCount() == 40
    assert "40" in station.print_button.text()
    assert str(station.pdf_folder) in station.printer_label.text()
    # clicking a carrier filters the batch to it
    item = station.carrier_list.item(0)
    code = item.data(Qt.ItemDataRole.UserRole)
    n = int(item.text().split()[-1])
    station.carrier_list.itemClicked.emit(item)
    qtbot.waitUntil(lambda: station.batch_table.rowCount() == n, timeout=WAIT)
    assert {station.batch_table.item(r, 1).text() for r in range(n)} == {code}


def test_print_a_batch_of_5_into_the_pdf_folder(qtbot, station, tmp_path):
    station.limit.setValue(5)
    station.refresh()
    qtbot.waitUntil(lambda: station.batch_table.rowCount() == 5, timeout=WAIT)
    with qtbot.waitSignal(station.batch_printed, timeout=WAIT) as sig:
        station.focus_scan_field()
        qtbot.keyClick(station.scan, Qt.Key.Key_Return)  # Enter on an empty field prints
    res = sig.args[0]
    assert res.ok and len(res.waybills) == 5
    waybill_pdfs = sorted((tmp_path / "pdf").glob("waybills*.pdf"))
    assert len(waybill_pdfs) == 1
    pages = PdfReader(io.BytesIO(waybill_pdfs[0].read_bytes())).pages
    assert len(pages) == 5
    assert round(float(pages[0].mediabox.height) * 25.4 / 72) == 150
    assert list((tmp_path / "pdf").glob("slips*.pdf"))
    qtbot.waitUntil(lambda: station.log_table.rowCount() == 5, timeout=WAIT)
    shown = {station.log_table.item(r, 2).text() for r in range(5)}
    assert shown == {w["waybill_no"] for w in res.waybills}
    assert "5" in station.message.text()
    qtbot.waitUntil(lambda: "35" in station.waiting_label.text(), timeout=WAIT)


def test_reprint_by_scanning_the_waybill_and_choosing_a_reason(qtbot, station, sqlite_db):
    station.limit.setValue(2)
    station.refresh()
    qtbot.waitUntil(lambda: station.batch_table.rowCount() == 2, timeout=WAIT)
    with qtbot.waitSignal(station.batch_printed, timeout=WAIT) as sig:
        station.print_button.click()
    wb = sig.args[0].waybills[1]["waybill_no"]
    qtbot.waitUntil(lambda: station.log_table.rowCount() == 2, timeout=WAIT)
    _idle(qtbot, station)

    station.focus_scan_field()
    qtbot.keyClicks(station.scan, wb)
    qtbot.keyClick(station.scan, Qt.Key.Key_Return)
    assert station.log_table.item(station.log_table.currentRow(), 2).text() == wb
    dlg = station.reason_dialog
    assert dlg is not None and dlg.isVisible() and dlg.waybill_no == wb
    qtbot.keyClick(dlg.reasons, Qt.Key.Key_2)  # 2 = 模糊 / smudged
    with qtbot.waitSignal(station.reprint_done, timeout=WAIT) as done:
        dlg.accept()
    res = done.args[0]
    assert res.ok and res.waybill_no == wb and res.reason == "smudged"
    qtbot.waitUntil(lambda: station.log_table.rowCount() == 3, timeout=WAIT)
    assert station.log_table.item(0, 2).text() == wb
    assert station.log_table.item(0, 4).text()  # the reason is shown
    with sqlite_db.read() as s:
        job = s.execute(
            select(PrintJob.reprint_of, PrintJob.reason).order_by(PrintJob.id.desc()).limit(1)
        ).one()
    assert job.reprint_of is not None and job.reason == "smudged"


def test_a_failed_printer_shows_and_retry_prints_the_same_numbers(qtbot, station):
    from printing import RecordingBackend

    printer = RecordingBackend()
    printer.fail_with = "paper out"
    station.backend = printer
    station.limit.setValue(3)
    station.refresh()
    qtbot.waitUntil(lambda: station.batch_table.rowCount() == 3, timeout=WAIT)
    with qtbot.waitSignal(station.batch_printed, timeout=WAIT) as sig:
        station.print_button.click()
    failed = sig.args[0]
    assert not failed.ok and "paper out" in station.message.text()
    qtbot.waitUntil(lambda: station.retry_button.isEnabled(), timeout=WAIT)
    assert "3" in station.retry_button.text()
    printer.fail_with = None
    with qtbot.waitSignal(station.batch_printed, timeout=WAIT) as sig:
        station.retry_button.click()
    assert sig.args[0].ok and sig.args[0].waybills == failed.waybills
    qtbot.waitUntil(lambda: not station.retry_button.isEnabled(), timeout=WAIT)


def test_preview_draws_the_waybill_as_an_image(qtbot, station):
    station.batch_table.selectRow(0)
    with qtbot.waitSignal(station.preview_shown, timeout=WAIT) as sig:
        station.preview_batch_button.click()
    dlg = sig.args[0]
    assert not dlg.pixmap.isNull()
    # 100 x 150 mm at 100 dpi
    assert abs(dlg.pixmap.width() - 394) <= 2 and abs(dlg.pixmap.height() - 591) <= 2
    dlg.close()


def test_change_the_carrier_of_an_order_with_a_reason(qtbot, station):
    t = station.batch_table
    row = 0
    order_no, old = t.item(row, 0).text(), t.item(row, 1).text()
    t.selectRow(row)
    station.carrier_button.click()
    qtbot.waitUntil(lambda: getattr(station, "carrier_dialog", None) is not None, timeout=WAIT)
    dlg = station.carrier_dialog
    assert dlg.isVisible() and dlg.carrier.findData(old) < 0  # the current one is not offered
    target = dlg.carrier.itemData(0)
    qtbot.keyClick(dlg.reasons, Qt.Key.Key_3)  # 3 = bulky / heavy
    assert dlg.reason() == "bulky"
    with qtbot.waitSignal(station.carrier_changed, timeout=WAIT) as sig:
        dlg.accept()
    assert [(c.order_no, c.new_carrier) for c in sig.args[0]] == [(order_no, target)]
    assert order_no in station.message.text() and target in station.message.text()

    def shown_with_new_carrier() -> bool:
        rows = {t.item(r, 0).text(): t.item(r, 1).text() for r in range(t.rowCount())}
        return rows.get(order_no) == target

    qtbot.waitUntil(shown_with_new_carrier, timeout=WAIT)


def test_change_carrier_needs_a_selected_order(qtbot, station):
    station.batch_table.setCurrentCell(-1, -1)
    station.carrier_button.click()
    assert "✖" in station.message.text()


def _printed_and_handed_over(qtbot, station, sqlite_db) -> str:
    from app.db.models import Order

    station.limit.setValue(1)
    station.refresh()
    qtbot.waitUntil(lambda: station.batch_table.rowCount() == 1, timeout=WAIT)
    with qtbot.waitSignal(station.batch_printed, timeout=WAIT) as sig:
        station.print_button.click()
    wb = sig.args[0].waybills[0]["waybill_no"]
    _idle(qtbot, station)
    with sqlite_db.write() as s:  # the parcel went out with the courier
        s.scalars(select(Order).where(Order.waybill_no == wb)).one().status = "handed_over"
    station.focus_scan_field()
    qtbot.keyClicks(station.scan, wb)
    qtbot.keyClick(station.scan, Qt.Key.Key_Return)
    dlg = station.reason_dialog
    qtbot.keyClick(dlg.reasons, Qt.Key.Key_3)  # 3 = 丢失 / lost
    dlg.accept()
    qtbot.waitUntil(lambda: station.confirm_dialog is not None, timeout=WAIT)
    return wb


def _reprints(sqlite_db) -> list[dict]:
    from app.db.models import Event

    with sqlite_db.read() as s:
        return list(s.scalars(select(Event.detail).where(Event.kind == "reprinted")))


def test_reprint_after_handover_warns_and_is_recorded_forced(qtbot, station, sqlite_db):
    wb = _printed_and_handed_over(qtbot, station, sqlite_db)
    box = station.confirm_dialog
    assert box.isVisible() and wb in box.text() and "Handed over" in box.text()
    assert "duplicate" in box.informativeText()
    assert _reprints(sqlite_db) == []  # nothing printed before the answer
    yes = next(b for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.AcceptRole)
    with qtbot.waitSignal(station.reprint_done, timeout=WAIT) as done:
        yes.click()
    assert done.args[0].ok and done.args[0].waybill_no == wb
    (detail,) = _reprints(sqlite_db)
    assert detail["forced"] is True and detail["status"] == "handed_over"


def test_reprint_after_handover_can_be_declined(qtbot, station, sqlite_db):
    wb = _printed_and_handed_over(qtbot, station, sqlite_db)
    station.confirm_dialog.reject()
    _idle(qtbot, station)
    assert station.confirm_dialog is None and _reprints(sqlite_db) == []
    assert wb in station.message.text()


def test_the_batch_shows_each_receiver_masked(qtbot, station, sqlite_db):
    from app.db.models import Order
    from app.domain.privacy import mask_name

    with sqlite_db.read() as s:
        names = {o.order_no: o.receiver_name for o in s.scalars(select(Order))}
    t = station.batch_table
    for r in range(t.rowCount()):
        shown = t.item(r, 2).text()
        whole = names[t.item(r, 0).text()]
        assert shown == mask_name(whole) and "*" in shown and shown != whole
