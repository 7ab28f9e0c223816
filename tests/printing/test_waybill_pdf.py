"""The waybill PDFs: page size, fonts, text, and barcodes read back by a real decoder."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from printing.documents import (
    LABEL_FORMATS,
    GoodsLine,
    layout_waybill,
    render_waybills,
)
from printing.geometry import DPI, MM_PER_INCH
from printing.layout import Barcode, QRCode
from printing.pdf import PDF_FONTS
from tests.printing.support import decode, make_waybill, raster

FORMATS = list(LABEL_FORMATS)


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    items = [make_waybill(0), make_waybill(1, long=True), make_waybill(2)]
    return {fmt: render_waybills(items, fmt) for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_page_per_waybill_each_exactly_the_format(pdfs: dict[str, bytes], fmt: str) -> None:
    reader = PdfReader(io.BytesIO(pdfs[fmt]))
    assert len(reader.pages) == 3
    w_mm, h_mm = (float(v) for v in fmt.split("x"))
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - w_mm * 72 / 25.4) < 0.01
        assert abs(float(box.height) - h_mm * 72 / 25.4) < 0.01


@pytest.mark.parametrize("fmt", FORMATS)
def test_fonts_are_embedded_truetype(pdfs: dict[str, bytes], fmt: str) -> None:
    reader = PdfReader(io.BytesIO(pdfs[fmt]))
    seen = 0
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0":
                desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert desc is not None, f"font {font.get('/BaseFont')} has no descriptor"
            assert "/FontFile2" in desc.get_object(), f"{font.get('/BaseFont')} not embedded"
            seen += 1
    assert seen > 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_chinese_text_is_extractable(pdfs: dict[str, bytes], fmt: str) -> None:
    reader = PdfReader(io.BytesIO(pdfs[fmt]))
    text = reader.pages[0].extract_text()
    for needle in (
        "王小雨",
        "杭州转西湖",
        "杭州转运中心",
        "571-W02 05",
        "TB20240521000000",
        "13912341234",
        "好物小店",
        "TS-RED-M×2",
    ):
        assert needle in text, needle
    assert "14:03" in text  # 06:03 UTC shown in Asia/Shanghai


@pytest.mark.parametrize("fmt", FORMATS)
def test_waybill_barcode_and_qr_decode_at_203_dpi(pdfs: dict[str, bytes], fmt: str) -> None:
    for page, i in ((1, 0), (2, 1), (3, 2)):
        no = make_waybill(i).waybill_no
        found = decode(raster(pdfs[fmt], page))
        kinds = [(f, t) for f, t, _ in found]
        assert ("Code128", no) in kinds
        assert ("QRCode", no) in kinds
        expected = 2 if fmt == "100x180" else 1  # the stub repeats the barcode
        assert kinds.count(("Code128", no)) == expected
        assert all(t == no for _, t in kinds)


@pytest.mark.parametrize("fmt", FORMATS)
def test_barcodes_sit_on_the_dot_grid_and_print_crisp(pdfs: dict[str, bytes], fmt: str) -> None:
    page = layout_waybill(make_waybill(0), fmt, PDF_FONTS)
    bars = [it for it in page.items if isinstance(it, Barcode)]
    qrs = [it for it in page.items if isinstance(it, QRCode)]
    assert bars and qrs
    for it in bars + qrs:
        for v in (it.x, it.y):
            dots = v * DPI / MM_PER_INCH
            assert abs(dots - round(dots)) < 1e-6
        assert it.module_dots >= 2
    main = bars[0]
    assert main.module_dots in (2, 3)
    # quiet zones of 10 modules inside the label on both sides
    from printing.barcodes import code128_width_modules

    mod = main.module_dots * MM_PER_INCH / DPI
    width = code128_width_modules(main.value) * mod
    assert main.x - 10 * mod >= 1.5 and main.x + width + 10 * mod <= page.width - 1.5
    # in a 203 dpi raster every pixel across the bars is pure black or pure white
    img = raster(pdfs[fmt], 1)
    y = round((main.y + main.height / 2) * DPI / MM_PER_INCH)
    x0 = round(main.x * DPI / MM_PER_INCH)
    x1 = x0 + round(width * DPI / MM_PER_INCH)
    row = [img.getpixel((x, y)) for x in range(x0, x1)]
    grey = [p for p in row if 40 < p < 215]
    assert not grey, f"{len(grey)} grey pixels: bars are not on the dot grid"
    assert row[0] < 40  # starts with a bar
    # narrowest bar is exactly module_dots pixels
    runs, cur, n = [], row[0] < 128, 0
    for p in row:
        if (p < 128) == cur:
            n += 1
        else:
            runs.append(n)
            cur, n = p < 128, 1
    runs.append(n)
    assert min(runs) == main.module_dots
    assert all(r % main.module_dots == 0 for r in runs)


def test_stub_shows_masked_receiver_and_weight(pdfs: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(pdfs["100x180"]))
    text = reader.pages[0].extract_text()
    assert "王*雨" in text
    assert "139****1234" in text
    assert "1234 g (1.234 kg)" in text
    assert text.count("TB20240521000000") >= 2  # main part and stub


def test_one_part_formats_have_no_stub(pdfs: dict[str, bytes]) -> None:
    for fmt in ("76x130", "100x150"):
        text = PdfReader(io.BytesIO(pdfs[fmt])).pages[0].extract_text()
        assert "王*雨" not in text


def test_long_goods_list_is_cut_with_total_pieces(pdfs: dict[str, bytes]) -> None:
    data = make_waybill(1, long=True)
    total = sum(g.qty for g in data.goods)
    text = PdfReader(io.BytesIO(pdfs["100x180"])).pages[1].extract_text()
    assert f"等{total}件" in text
    assert "补打" in text and "赠送插垫" in text


def test_all_text_stays_inside_the_label() -> None:
    for fmt in FORMATS:
        for data in (make_waybill(0), make_waybill(1, long=True)):
            page = layout_waybill(data, fmt, PDF_FONTS)
            for t in page.texts():
                w = PDF_FONTS.width(t.text, t.size)
                left = t.x - (w / 2 if t.anchor == "middle" else w if t.anchor == "end" else 0)
                assert left >= 1.5 - 1e-6, (fmt, t)
                assert left + w <= page.width - 1.5 + 1e-6, (fmt, t)
                assert t.y >= 0 and t.y + t.size <= page.height, (fmt, t)


def test_english_labels() -> None:
    pdf = render_waybills([make_waybill(0)], "100x180", lang="en")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Sender's stub" in text and "Expected weight" in text


def test_naive_print_time_is_refused() -> None:
    from datetime import datetime

    with pytest.raises(ValueError, match="timezone"):
        render_waybills([make_waybill(0, printed_at=datetime(2024, 5, 21, 14, 3))])


def test_unknown_format_and_bad_number_are_refused() -> None:
    with pytest.raises(ValueError, match="76x130"):
        render_waybills([make_waybill(0)], "90x90")
    with pytest.raises(ValueError, match="barcode value"):
        render_waybills([make_waybill(0, waybill_no="YT^123")])


def test_numeric_and_odd_length_numbers_decode() -> None:
    values = ["78312345678901", "1234567890123", "SF1234567890123", "JD0012345678901-1-1"]
    items = [make_waybill(0, waybill_no=v, goods=[GoodsLine("A", 1)]) for v in values]
    pdf = render_waybills(items, "76x130")
    for i, v in enumerate(values):
        texts = [t for f, t, _ in decode(raster(pdf, i + 1)) if f == "Code128"]
        assert texts == [v]
