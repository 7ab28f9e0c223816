"""Printing a batch end to end: numbers, real PDFs whose barcodes scan, failed printers, reprints,
voids."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from app.db.chain import verify_chain
from app.db.models import Order, PrintJob
from app.services.demo import make_demo_data
from app.services.errors import ServiceError
from app.services.print_jobs import (
    print_batch,
    recent_jobs,
    reprint,
    reprint_reason,
    retry_order_nos,
    void,
    waybill_data,
)
from app.services.waybills import waybill_infos
from printing import PdfFileBackend, RecordingBackend, RoutingTable
from tests.printing.support import AT, decode, raster

MM = 72 / 25.4


def _pages(pdf: bytes) -> list:
    return list(PdfReader(io.BytesIO(pdf)).pages)


def _status(db, order_no: str) -> tuple[str, str | None, str]:
    with db.read() as s:
        o = s.scalars(select(Order).where(Order.order_no == order_no)).one()
        return o.status, o.waybill_no, o.hold_reason


def test_a_batch_prints_one_waybill_page_per_order_in_batch_order(sqlite_db, tmp_path):
    db = sqlite_db
    make_demo_data(db, 30, seed=11)
    res = print_batch(
        db,
        PdfFileBackend(tmp_path / "waybills.pdf"),
        fmt="100x180",
        limit=5,
        operator="1002",
        station="print-1",
        slips_backend=PdfFileBackend(tmp_path / "slips.pdf"),
        picklist_backend=PdfFileBackend(tmp_path / "picklist.pdf"),
    )
    out = res.as_json()
    assert out["batch"] == res.batch and res.batch.startswith("P")
    assert len(out["waybills"]) == 5
    for w in out["waybills"]:
        assert set(w) == {"order_no", "waybill_no", "carrier"}
        assert w["waybill_no"] and w["carrier"]
    assert res.ok and res.slips_ok and res.pick_list_ok
    assert len({w["waybill_no"] for w in out["waybills"]}) == 5

    pdf = (tmp_path / "waybills.pdf").read_bytes()
    pages = _pages(pdf)
    assert len(pages) == 5
    w, h = float(pages[0].mediabox.width) / MM, float(pages[0].mediabox.height) / MM
    assert round(w) == 100 and round(h) == 180
    # page k carries the k-th waybill of the JSON: the barcode a scanner reads says so
    for k in (0, 3):
        found = [text for _f, text, _y in decode(raster(pdf, k + 1))]
        assert out["waybills"][k]["waybill_no"] in found
        assert out["waybills"][k]["order_no"] in pages[k].extract_text()
    # slips in the same order, then a pick list for the batch
    slips = _pages((tmp_path / "slips.pdf").read_bytes())
    first = [i for i, p in enumerate(slips) if out["waybills"][0]["order_no"] in p.extract_text()]
    last = [i for i, p in enumerate(slips) if out["waybills"][4]["order_no"] in p.extract_text()]
    assert first and last and first[0] < last[0]
    assert _pages((tmp_path / "picklist.pdf").read_bytes())
    for w in out["waybills"]:
        assert _status(db, w["order_no"])[:2] == ("printed", w["waybill_no"])
    with db.read() as s:
        docs = [d for (d,) in s.execute(select(PrintJob.document).where(PrintJob.result == "ok"))]
        assert sorted(set(docs)) == ["picklist", "slip", "waybill"]
        assert docs.count("waybill") == 5 and docs.count("slip") == 5
        assert verify_chain(s).intact


def test_a_failed_printer_keeps_the_numbers_and_the_retry_prints_the_same_ones(db):
    make_demo_data(db, 20, seed=12)
    printer = RecordingBackend()
    printer.fail_with = "paper out"
    res = print_batch(db, printer, limit=4, operator="1002", station="print-1", fmt="76x130")
    assert not res.ok and "paper out" in res.message
    assert res.slips_ok is None  # no slips for waybills that did not print
    numbers = {w["order_no"]: w["waybill_no"] for w in res.waybills}
    assert len(numbers) == 4 and all(numbers.values())
    for no, wb in numbers.items():
        assert _status(db, no) == ("paid", wb, "")
    log = recent_jobs(db)
    assert len(log) == 4 and all(j.result == "failed" and j.waiting_retry for j in log)
    assert all("paper out" in j.message for j in log)
    assert sorted(retry_order_nos(db)) == sorted(numbers)

    # the next ordinary batch does not take them; the retry does, with the same numbers
    printer.fail_with = None
    again = print_batch(db, printer, order_nos=list(numbers), operator="1002", fmt="76x130")
    assert again.ok
    assert {w["order_no"]: w["waybill_no"] for w in again.waybills} == numbers
    assert printer.jobs[0].media == "76x130"
    assert len(_pages(printer.jobs[0].data)) == 4
    assert retry_order_nos(db) == []
    for no, wb in numbers.items():
        assert _status(db, no) == ("printed", wb, "")


def test_a_reprint_needs_a_reason_prints_the_same_number_marked_and_is_recorded(sqlite_db):
    db = sqlite_db
    make_demo_data(db, 10, seed=13)
    printer = RecordingBackend()
    first = print_batch(db, printer, limit=2, slips=False).waybills[0]
    with pytest.raises(ServiceError) as e:
        reprint(db, first["waybill_no"], "  ", printer, operator="1002")
    assert e.value.code == "reason_required"
    with pytest.raises(ServiceError) as e:
        reprint(db, "NO-SUCH-NUMBER", "卡纸", printer, operator="1002")
    assert e.value.code == "waybill_not_found"

    res = reprint(db, first["waybill_no"], "卡纸", printer, operator="1002", station="print-1")
    assert res.ok and res.reason == "jammed" and res.waybill_no == first["waybill_no"]
    pdf = printer.last.data
    assert "补打" in _pages(pdf)[0].extract_text()
    assert first["waybill_no"] in [t for _f, t, _y in decode(raster(pdf, 1))]
    with db.read() as s:
        jobs = s.execute(
            select(PrintJob.id, PrintJob.reprint_of, PrintJob.reason)
            .where(PrintJob.waybill_no == first["waybill_no"], PrintJob.document == "waybill")
            .order_by(PrintJob.id)
        ).all()
    assert len(jobs) == 2
    assert jobs[1].reprint_of == jobs[0].id and jobs[1].reason == "jammed"
    assert recent_jobs(db, limit=1)[0].reprint


def test_an_address_change_reprint_prints_the_new_address_and_releases_the_hold(sqlite_db):
    db = sqlite_db
    make_demo_data(db, 10, seed=14)
    printer = RecordingBackend()
    wb = print_batch(db, printer, limit=1, slips=False).waybills[0]
    with db.write() as s:  # the buyer changed the address after printing (set-up)
        s.execute(
            update(Order)
            .where(Order.order_no == wb["order_no"])
            .values(status="held", hold_reason="address_changed", address="新地址路 88 号")
        )
    res = reprint(db, wb["waybill_no"], "改地址", printer, operator="1002")
    assert res.ok and res.reason == "address_changed"
    assert "新地址路" in _pages(printer.last.data)[0].extract_text()
    assert _status(db, wb["order_no"]) == ("printed", wb["waybill_no"], "")


def test_voiding_needs_a_supervisor_and_sends_the_order_back_for_a_new_number(sqlite_db):
    db = sqlite_db
    make_demo_data(db, 10, seed=15)
    printer = RecordingBackend()
    wb = print_batch(db, printer, limit=1, slips=False).waybills[0]
    with pytest.raises(ServiceError) as e:
        void(db, wb["waybill_no"], "label torn", "1002", pin="0000")
    assert e.value.code == "not_allowed"
    assert _status(db, wb["order_no"])[:2] == ("printed", wb["waybill_no"])
    with pytest.raises(ServiceError) as e:  # the supervisor's own PIN, right
        void(db, wb["waybill_no"], "label torn", "1001", pin="9999")
    assert e.value.code == "wrong_pin"
    assert void(db, wb["waybill_no"], "label torn", "1001", pin="0000") == wb["order_no"]
    assert _status(db, wb["order_no"])[:2] == ("paid", None)
    again = print_batch(db, printer, order_nos=[wb["order_no"]], slips=False)
    assert again.waybills[0]["waybill_no"] != wb["waybill_no"]
    with pytest.raises(ServiceError):  # a void number is never printed again
        reprint(db, wb["waybill_no"], "lost", printer)


def test_reason_words_and_document_data(sqlite_db):
    assert reprint_reason("卡纸") == "jammed"
    assert reprint_reason("模糊") == "smudged"
    assert reprint_reason("丢失") == "lost"
    assert reprint_reason("改地址") == "address_changed"
    assert reprint_reason("Address changed") == "address_changed"
    assert reprint_reason("dog ate it") == "other: dog ate it"
    with pytest.raises(ServiceError):
        reprint_reason("")

    db = sqlite_db
    make_demo_data(db, 40, seed=16)
    print_batch(db, RecordingBackend(), limit=40, slips=False)
    with db.read() as s:
        ids = list(s.scalars(select(Order.id).where(Order.waybill_no.is_not(None))))
    infos = waybill_infos(db, ids)
    routing = RoutingTable.demo()
    datas = [waybill_data(i, routing, printed_at=AT) for i in infos]
    assert all(d.sort_code and d.destination for d in datas)  # the demo table covers them
    gifts = [(i, d) for i, d in zip(infos, datas, strict=True) if "赠" in i.seller_remark]
    assert gifts and all(d.gift_note == i.seller_remark for i, d in gifts)
    plain = [d for i, d in zip(infos, datas, strict=True) if not i.seller_remark]
    assert plain and all(d.gift_note == "" for d in plain)
    assert all(d.sender.name and d.expected_grams > 0 for d in datas)
