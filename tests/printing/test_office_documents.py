"""Outbound slip, pick list and handover manifest."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from printing.documents import (
    ManifestData,
    ManifestEntry,
    PickLine,
    PickListData,
    SlipData,
    SlipLine,
    merge_pick_lines,
    natural_key,
    render_manifest,
    render_pick_list,
    render_slips,
)
from tests.printing.support import AT, decode, raster


def _slip(order_no: str = "TB202405210001", n_lines: int = 4) -> SlipData:
    lines = [
        SlipLine("TS-RED-M", "纯棉T恤 红色 M码", 2, "A-10-03", "6901234567892"),
        SlipLine("MUG-350", "陶瓷马克杯 350ml", 1, "A-02-01", "6901234567809"),
        SlipLine("PAD-01", "杯垫", 1, "", "", is_gift=True),
        SlipLine("SOCK-3", "袜子三双装", 3, "B-01-11", "6901234567816"),
    ]
    lines += [SlipLine(f"X-{k}", f"商品{k}", 1, f"C-{k:02d}") for k in range(n_lines - 4)]
    return SlipData(
        order_no,
        lines,
        shop="好物小店",
        platform="淘宝",
        receiver_name="王小雨",
        receiver_phone="13912341234",
        receiver_city="杭州",
        paid_at=AT,
        carrier_name="圆通速递",
        waybill_no="YT7712345678900",
        gift_note="赠送插垫",
        invoice_title="杭州某某科技有限公司",
        remark="周末送货",
        batch_no="B20240521-01",
        seq=3,
        batch_size=100,
        printed_at=AT,
    )


@pytest.mark.parametrize(("size", "w_mm", "h_mm"), [("100x150", 100, 150), ("A5", 148, 210)])
def test_slip_page_size_text_and_order_barcode(size: str, w_mm: float, h_mm: float) -> None:
    pdf = render_slips([_slip("TB202405210001"), _slip("TB202405210002")], size)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - w_mm * 72 / 25.4) < 0.01
    assert abs(float(box.height) - h_mm * 72 / 25.4) < 0.01
    text = reader.pages[0].extract_text()
    for needle in (
        "出库单",
        "A-02-01",
        "MUG-350",
        "赠送插垫",
        "发票",
        "杭州某某科技",
        "合计件数：7",
        "139****1234",
    ):
        assert needle in text, needle
    # walking order: A-02 before A-10 before B-01, gift last
    assert text.index("A-02-01") < text.index("A-10-03") < text.index("B-01-11")
    for page, no in ((1, "TB202405210001"), (2, "TB202405210002")):
        codes = [t for f, t, _ in decode(raster(pdf, page)) if f == "Code128"]
        assert no in codes


def test_long_slip_continues_on_more_pages() -> None:
    pdf = render_slips([_slip(n_lines=40)], "100x150")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    last = reader.pages[-1].extract_text()
    assert "出库单（续）" in last and "合计件数" in last


def test_natural_sort_key() -> None:
    bins = ["A-10", "A-02", "B-1", "A-2b", "a-03", "A-100"]
    assert sorted(bins, key=natural_key) == ["A-02", "A-2b", "a-03", "A-10", "A-100", "B-1"]


def test_merge_pick_lines_by_sku_sorted_by_bin() -> None:
    lines = [
        PickLine("SKU-B", "乙", 2, "A-10", order_no="O1"),
        PickLine("SKU-A", "甲", 1, "A-02", order_no="O1"),
        PickLine("SKU-B", "乙", 3, "A-10", order_no="O2"),
        PickLine("SKU-A", "甲", 1, "A-02", order_no="O1"),  # same order twice: one order
        PickLine("SKU-C", "丙", 1, "", order_no="O3"),
        PickLine("SKU-D", "丁", 4, "A-9", order_no="O3"),
    ]
    merged = merge_pick_lines(lines)
    assert [(m.sku, m.bin_location, m.qty, m.order_count) for m in merged] == [
        ("SKU-A", "A-02", 2, 1),
        ("SKU-D", "A-9", 4, 1),
        ("SKU-B", "A-10", 5, 2),
        ("SKU-C", "", 1, 1),
    ]
    assert merged[2].order_nos == ("O1", "O2")


def test_pick_list_pdf() -> None:
    lines = [
        PickLine(
            f"SKU-{k % 23:03d}",
            f"商品{k % 23}",
            k % 3 + 1,
            f"A-{k % 23 + 1:02d}",
            order_no=f"TB{k % 40:04d}",
        )
        for k in range(150)
    ]
    pdf = render_pick_list(PickListData("B20240521-01", lines, created_at=AT, printed_at=AT))
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 210 * 72 / 25.4) < 0.01
    text = "".join(p.extract_text() for p in reader.pages)
    assert "拣货单" in text and "订单数：40" in text
    assert text.index("A-02") < text.index("A-10")
    assert ("Code128", "B20240521-01") in [(f, t) for f, t, _ in decode(raster(pdf, 1))]


def test_manifest_pdf_totals_signatures_and_barcode() -> None:
    entries = [
        ManifestEntry(f"YT77123456789{k:02d}", 500 + k, f"TB{k:04d}", "浙江杭州") for k in range(70)
    ]
    data = ManifestData(
        "HO20240521-YTO-01", "YTO", "圆通速递", entries, courier_name="李师傅", created_at=AT
    )
    pdf = render_manifest(data)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    text = "".join(p.extract_text() for p in reader.pages)
    total = sum(500 + k for k in range(70))
    assert "件数：70" in text
    assert f"{total} g" in text
    assert "快递员签字" in text and "李师傅" in text
    for k in (0, 69):
        assert f"YT77123456789{k:02d}" in text
    found = decode(raster(pdf, 1))
    assert ("Code128", "HO20240521-YTO-01") in [(f, t) for f, t, _ in found]
