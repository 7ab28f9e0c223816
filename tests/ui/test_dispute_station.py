"""The dispute desk and the shipment export panel, driven as the clerks drive them."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db.models import Order
from app.services.operators import find_operator
from app.ui.kit.context import StationContext
from app.ui.kit.shipment_export import ShipmentExportPanel
from tests.floor import expected_of, printed_parcels, set_lines, status_of, verify, weigh
from tests.ui.dispute_desk import open_dispute_desk
from tests.ui.test_focus_scans import person_types, tab, wedge_into


@pytest.fixture
def parcels(sqlite_db):
    ps = printed_parcels(sqlite_db, 6, seed=61)
    for p in ps[:4]:
        set_lines(sqlite_db, p.order_id, [("BED-PIL-MEM", 1), ("BED-BLK-FLC", 1)])
        verify(sqlite_db, p.order_id)
        weigh(sqlite_db, p.order_id)
    return ps


@pytest.fixture
def desk(qtbot, sqlite_db, parcels):
    return open_dispute_desk(qtbot, sqlite_db)


def idle(qtbot, w):
    qtbot.waitUntil(lambda: not w.busy, timeout=15000)


def test_lookup_findings_register_report_and_settle(qtbot, desk, parcels, sqlite_db, tmp_path):
    w = desk
    p = parcels[0]
    w.focus_scan_field()
    qtbot.keyClicks(w.lookup, p.waybill_no)
    qtbot.keyClick(w.lookup, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert w.findings is not None and w.order_id == p.order_id
    assert p.order_no in w.header.text()
    assert w.timeline.rowCount() >= 3  # printed, scans, weighed
    assert "left complete" in w.finding.text()

    # the destination weighed 410 g less: the pillow
    recorded = w.findings["recorded_grams"]
    w.claim.setCurrentIndex(w.claim.findData("missing"))
    idle(qtbot, w)
    person_types(w.dest, str(recorded - 405))
    idle(qtbot, w)
    f = w.findings
    assert f["finding"] == "short" and f["dest_grams"] == recorded - 405
    assert "Lighter at the destination by 405 g" in w.finding.text()
    assert "BED-PIL-MEM" in w.details.text() and "Sure" in w.details.text()
    assert "Stub: bundle 1, position 1" in w.details.text()  # the first parcel weighed
    steps = [w.handled.item(i, 0).text() for i in range(w.handled.rowCount())]
    assert steps[:2] == ["Printed", "Verified"] and "Weighed" in steps

    cases: list[int] = []
    w.case_registered.connect(cases.append)
    qtbot.mouseClick(w.register_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(cases), timeout=15000)
    idle(qtbot, w)
    assert w.cases_table.rowCount() == 1
    assert w.cases_table.item(0, 2).text() == p.waybill_no

    w.report_path = str(tmp_path / "report.pdf")
    saved: list[str] = []
    w.report_saved.connect(saved.append)
    qtbot.mouseClick(w.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(saved), timeout=20000)
    text = PdfReader(saved[0]).pages[0].extract_text()
    assert p.waybill_no in text and "Lighter at the destination by 405 g" in text

    w.tabs.setCurrentIndex(1)
    w.cases_table.selectRow(0)
    w.outcome.setText("courier compensates")
    w.responsible.setCurrentText("Courier")
    qtbot.mouseClick(w.settle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.cases and w.cases[0].outcome == "courier compensates", timeout=15000)
    assert w.cases_table.item(0, 9).text() == "Courier"
    assert w.counts_table.rowCount() == 1 and w.counts_table.item(0, 3).text() == "1"

    w.f_claim.setCurrentIndex(w.f_claim.findData("broken"))
    qtbot.waitUntil(lambda: w.cases_table.rowCount() == 0, timeout=15000)
    w.f_claim.setCurrentIndex(0)
    qtbot.waitUntil(lambda: w.cases_table.rowCount() == 1, timeout=15000)
    w.export_path = str(tmp_path / "cases.csv")
    qtbot.mouseClick(w.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "cases.csv").exists(), timeout=15000)
    idle(qtbot, w)
    rows = list(csv.reader(io.StringIO((tmp_path / "cases.csv").read_text("utf-8-sig"))))
    assert rows[1][2] == p.waybill_no and rows[1][9] == "Courier"
    w.tabs.setCurrentIndex(0)
    w.grab().save(str(tmp_path / "desk.png"))


def test_several_matches_give_a_list_and_nothing_found_says_so(qtbot, desk, parcels, sqlite_db):
    w = desk
    with sqlite_db.write() as s:  # two parcels for the same receiver
        a, b = (s.get(Order, p.order_id) for p in parcels[:2])
        b.receiver_name = a.receiver_name
        name = a.receiver_name
    w.lookup.setText(name)
    qtbot.keyClick(w.lookup, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert w.matches.isVisible() and w.matches.count() >= 2
    assert w.findings is None
    item = next(
        w.matches.item(i)
        for i in range(w.matches.count())
        if parcels[1].waybill_no in w.matches.item(i).text()
    )
    w.matches.setCurrentItem(item)
    qtbot.keyClick(w.matches, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert w.findings is not None and w.findings["order_no"] == parcels[1].order_no

    w.lookup.setText("NO-SUCH-PARCEL")
    qtbot.keyClick(w.lookup, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert "No parcel matches" in w.message.text()

    unweighed = parcels[-1]
    w.lookup.setText(unweighed.waybill_no)
    qtbot.keyClick(w.lookup, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert w.findings["finding"] == "no_weighing" and "No weighing" in w.finding.text()
    assert "No stub" in w.details.text()


def test_shipment_export_panel(qtbot, sqlite_db, parcels, tmp_path):
    ctx = StationContext(
        db=sqlite_db, operator=find_operator(sqlite_db, "1002"), station_name="打单台 1"
    )
    w = ShipmentExportPanel(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.busy and bool(w.counts), timeout=15000)
    weighed = [p for p in parcels[:4]]
    taobao = [p for p in weighed if p.platform == "taobao"]
    assert w.counts.get("taobao", 0) == len(taobao)
    assert "Cut-off" in w.cutoff_label.text()
    w.path = str(tmp_path / "tb.csv")
    w.platform.setCurrentIndex(w.platform.findData("taobao"))
    done: list = []
    w.export_finished.connect(done.append)
    qtbot.mouseClick(w.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(done) and not w.busy, timeout=15000)
    assert done[0].exported == len(taobao)
    rows = list(csv.reader(io.StringIO((tmp_path / "tb.csv").read_bytes().decode("gbk"))))
    assert {r[0] for r in rows[1:]} == {p.order_no for p in taobao}
    assert all(status_of(sqlite_db, p.order_id) == "shipped" for p in taobao)
    assert w.counts.get("taobao", 0) == 0
    qtbot.mouseClick(w.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(done) == 2 and not w.busy, timeout=15000)
    assert done[1].exported == 0 and "Nothing new" in w.result_label.text()
    qtbot.mouseClick(w.again_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(done) == 3 and not w.busy, timeout=15000)
    assert done[2].again and done[2].exported == len(taobao)
    w.path = str(tmp_path / "missing-dir" / "x.csv")
    failed: list = []
    w.export_failed.connect(failed.append)
    qtbot.mouseClick(w.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(failed), timeout=15000)
    assert "x.csv" in w.result_label.text()
    with sqlite_db.read() as s:
        assert s.scalar(select(Order.status).where(Order.id == parcels[-1].order_id)) == "printed"
    assert expected_of(sqlite_db, parcels[0].order_id)[0] > 0


def test_a_new_search_clears_the_previous_parcel_at_once(qtbot, desk, parcels, sqlite_db):
    """Parcel A on screen (green: left complete); a search with two matches for another
    customer: A's story and finding are gone at once, nothing shown until one is chosen."""
    w = desk
    a = parcels[0]
    w.lookup.setText(a.waybill_no)
    qtbot.keyClick(w.lookup, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert w.findings is not None and w.finding.text() and w.timeline.rowCount() > 0
    with sqlite_db.write() as s:  # two parcels of another customer
        b, c = (s.get(Order, p.order_id) for p in parcels[1:3])
        c.receiver_name = b.receiver_name
        name = b.receiver_name
    w.lookup.setText(name)
    qtbot.keyClick(w.lookup, Qt.Key.Key_Return)
    assert w.finding.text() == "" and w.timeline.rowCount() == 0  # at once, before the answer
    assert a.waybill_no not in w.header.text()
    idle(qtbot, w)
    assert w.matches.count() >= 2 and w.findings is None and w.finding.text() == ""
    assert w.handled.rowCount() == 0 and not w.report_button.isEnabled()


def test_the_desk_shows_the_receiver_masked_and_still_finds_by_phone_tail(
    qtbot, desk, parcels, sqlite_db
):
    """The clerk types the buyer's last digits: the parcel opens, and the screen shows 王*雨 and
    139****6028, never the whole name and phone."""
    w = desk
    a, b = parcels[0], parcels[1]
    with sqlite_db.write() as s:
        for p, phone in ((a, "13957316028"), (b, "18657316028")):
            o = s.get(Order, p.order_id)
            o.receiver_name, o.receiver_phone, o.phone_tail = "王小雨", phone, "6028"
    w.lookup.setText("957316028")
    qtbot.keyClick(w.lookup, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert w.findings is not None and w.findings["order_no"] == a.order_no
    header = w.header.text()
    assert "王*雨" in header and "139****6028" in header
    assert "王小雨" not in header and "13957316028" not in header

    w.lookup.setText("王小雨")  # the stored name still finds both; the list shows them masked
    qtbot.keyClick(w.lookup, Qt.Key.Key_Return)
    idle(qtbot, w)
    texts = [w.matches.item(i).text() for i in range(w.matches.count())]
    assert len(texts) == 2 and all("王*雨" in t and "王小雨" not in t for t in texts)


def test_a_parcel_that_left_heavy_names_the_batch_product_it_carried(
    qtbot, desk, parcels, sqlite_db
):
    # one pillow ordered, a flannel blanket of the same print batch went in as well: the desk
    # tells the scale's story (the batch's products), with the blanket's name
    p = parcels[4]
    set_lines(sqlite_db, p.order_id, [("BED-PIL-MEM", 1)])
    verify(sqlite_db, p.order_id)
    weigh(sqlite_db, p.order_id, delta=1400, verdict="override")
    w = desk
    w.lookup.setText(p.waybill_no)
    qtbot.keyClick(w.lookup, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert "Heavier than expected at dispatch by 1400 g" in w.finding.text()
    assert [(s["sku"], s["qty"]) for s in w.findings["suspects"]] == [("BED-BLK-FLC", 1)]
    assert "Most likely: BED-BLK-FLC 法兰绒毯 150x200 × 1 (1400 g)" in w.details.text()


@pytest.mark.parametrize(
    ("lang", "carton", "filler"),
    [
        ("en", "carton × 1 (120 g)", "filler × 2 (40 g)"),
        ("zh_CN", "纸箱 × 1 (120 g)", "填充物 × 2 (40 g)"),
    ],
)
def test_packing_material_reads_as_words_at_the_desk_and_the_scale(qapp, lang, carton, filler):
    from app.domain.weighing import CARTON, FILLER, Suspect
    from app.ui.desks.dispute.station import suspect_words
    from app.ui.desks.weigh.texts import suspect_text
    from app.ui.shell.i18n import install_translators

    install_translators(qapp, lang)
    try:
        assert suspect_words({"sku": CARTON, "name": "", "qty": 1, "grams": 120}, {}) == carton
        assert suspect_words({"sku": FILLER, "name": "", "qty": 2, "grams": 40}, {}) == filler
        assert carton.split(" ×")[0] in suspect_text(Suspect(CARTON, "", 1, 120))
        assert filler.split(" ×")[0] in suspect_text(Suspect(FILLER, "", 2, 20))
    finally:
        install_translators(qapp, "en")


def test_a_waybill_scanned_with_the_focus_elsewhere_is_looked_up_not_typed_there(
    qtbot, desk, parcels
):
    """Found walking the desk under Xvfb: after Tab (or with the destination weight's field
    focused) a scanned waybill went into whatever had the focus and was never looked up; in
    the weight field it would have been checked as a weight."""
    w = desk
    a, b = parcels[0], parcels[1]
    w.focus_scan_field()
    wedge_into(w.lookup, a.waybill_no)
    idle(qtbot, w)
    assert w.order_id == a.order_id
    # the clerk types a destination weight, then the next parcel is scanned from there
    w.dest.setFocus()
    person_types(w.dest, "1250")
    idle(qtbot, w)
    assert w.findings["dest_grams"] == 1250
    wedge_into(w.dest, b.waybill_no)
    idle(qtbot, w)
    assert w.order_id == b.order_id and w.lookup.text() == b.waybill_no
    assert b.waybill_no not in w.dest.text()
    # focus moved on by Tab, and the register's tab open: the scan still finds its parcel
    tab(w.check_button)
    w.tabs.setCurrentIndex(1)
    wedge_into(w.tabs.currentWidget(), a.waybill_no)
    idle(qtbot, w)
    assert w.tabs.currentIndex() == 0 and w.order_id == a.order_id
