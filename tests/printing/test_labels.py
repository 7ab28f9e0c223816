"""ZPL and TSPL output checked against the languages' rules."""

from __future__ import annotations

import re

import pytest

from printing.barcodes import code128_width_modules, zpl_code128_data
from printing.documents import LABEL_FORMATS
from printing.labels import render_tspl, render_zpl, tspl_string, zpl_field_data
from printing.labels.zpl import ZPL_FONTS
from tests.printing.support import make_waybill

FORMATS = list(LABEL_FORMATS)


def _zpl_formats(text: str) -> list[str]:
    assert text.count("^XA") == text.count("^XZ")
    out = []
    pos = 0
    while True:
        a = text.find("^XA", pos)
        if a < 0:
            break
        b = text.find("^XZ", a)
        assert b > a, "^XA without ^XZ"
        assert "^XA" not in text[a + 3 : b], "nested ^XA"
        out.append(text[a : b + 3])
        pos = b + 3
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_zpl_rules(fmt: str) -> None:
    data = [make_waybill(0), make_waybill(1, long=True, remark="a^b~c_d")]
    text = render_zpl(data, fmt).decode("utf-8")
    labels = _zpl_formats(text)
    assert len(labels) == 2
    lf = LABEL_FORMATS[fmt]
    for label in labels:
        assert "^CI28" in label
        pw = int(re.search(r"\^PW(\d+)", label).group(1))
        ll = int(re.search(r"\^LL(\d+)", label).group(1))
        assert pw == round(lf.width * 203 / 25.4) and ll == round(lf.height * 203 / 25.4)
        # every ^FD closed by ^FS before the next command that opens a field
        fields = re.findall(r"\^FD(.*?)\^FS", label, flags=re.S)
        assert label.count("^FD") == len(fields) == label.count("^FS") - label.count("^GB")
        for f in fields:
            assert "^" not in f and "~" not in f, f
        for x, y in re.findall(r"\^FO(\d+),(\d+)", label):
            assert 0 <= int(x) < pw and 0 <= int(y) < ll
        for w, h, _t in re.findall(r"\^GB(\d+),(\d+),(\d+)", label):
            assert int(w) <= pw and int(h) <= ll
        # Code 128 with ^BY module width before ^BC; QR with level M
        bc = re.findall(r"\^BY(\d+),3,(\d+)\^BCN,(\d+),N,N,N,N\^FD([^\^]*)\^FS", label)
        assert len(bc) == (2 if lf.has_stub else 1)
        assert all(int(m) in (2, 3) for m, _, _, _ in bc)
        assert re.search(r"\^BQN,2,\d+\^FDMA,YT77\d+\^FS", label)
        # fonts: CJK text through ^A@ with the font name
        assert "^A@N," in label
    # the special characters of the remark were hex-escaped
    assert "^FH_^FD买家留言：a_5Eb_7Ec_5Fd^FS" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_zpl_barcode_fits_with_quiet_zones(fmt: str) -> None:
    text = render_zpl(make_waybill(0), fmt).decode()
    pw = int(re.search(r"\^PW(\d+)", text).group(1))
    for x, m, _h, _h2, _d in re.findall(
        r"\^FO(\d+),\d+\^BY(\d+),3,(\d+)\^BCN,(\d+),N,N,N,N\^FD([^\^]*)", text
    ):
        width = code128_width_modules(make_waybill(0).waybill_no) * int(m)
        assert int(x) - 10 * int(m) >= 0 and int(x) + width + 10 * int(m) <= pw


def test_zpl_code128_invocations_reproduce_the_symbol() -> None:
    assert zpl_code128_data("YT7712345678901") == ">:YT7>5712345678901"
    assert zpl_code128_data("78312345678901") == ">;78312345678901"
    assert zpl_code128_data("1234567890123") == ">;123456789012>63"
    assert zpl_field_data("a\nb") == ("", "a b")
    assert zpl_field_data("x^y") == ("^FH_", "x_5Ey")


def _tspl_lines(raw: bytes, encoding: str = "gb18030") -> list[str]:
    text = raw.decode(encoding)
    assert "\r\n" in text
    return [ln for ln in text.split("\r\n") if ln]


@pytest.mark.parametrize("fmt", FORMATS)
def test_tspl_rules(fmt: str) -> None:
    lf = LABEL_FORMATS[fmt]
    lines = _tspl_lines(render_tspl([make_waybill(0), make_waybill(1, long=True)], fmt))
    sizes = [ln for ln in lines if ln.startswith("SIZE ")]
    w_mm, h_mm = fmt.split("x")
    assert sizes == [f"SIZE {w_mm} mm,{h_mm} mm"] * 2
    assert lines.count("CLS") == 2 and lines.count("PRINT 1,1") == 2
    assert lines.index("CLS") < lines.index("PRINT 1,1")
    w, h = round(lf.width * 203 / 25.4), round(lf.height * 203 / 25.4)
    for ln in lines:
        cmd, _, args = ln.partition(" ")
        if cmd in ("TEXT", "BARCODE", "QRCODE", "BAR", "REVERSE", "BOX"):
            nums = [int(v) for v in re.findall(r"^(\d+),(\d+)", args)[0]]
            assert 0 <= nums[0] < w and 0 <= nums[1] < h, ln
        if cmd in ("TEXT", "BARCODE", "QRCODE"):
            # exactly one quoted payload at the end, with no raw quote inside
            payload = re.search(r',"((?:[^"\\]|\\\["\])*)"$', args)
            assert payload, ln
        if cmd == "BAR" or cmd == "REVERSE":
            x, y, bw, bh = (int(v) for v in args.split(","))
            assert x + bw <= w and y + bh <= h, ln
    barcodes = [ln for ln in lines if ln.startswith("BARCODE")]
    assert all('"128"' in b for b in barcodes)
    assert len(barcodes) == (4 if lf.has_stub else 2)
    assert any(ln.startswith("QRCODE") and ",M," in ln for ln in lines)
    assert any("TSS24.BF2" in ln and "王小雨" in ln for ln in lines)


def test_tspl_quotes_and_utf8_codepage() -> None:
    assert tspl_string('say "hi"\n') == '"say \\["]hi\\["] "'
    raw = render_tspl(make_waybill(0, remark='他说"好"'), "100x150", encoding="utf-8")
    lines = _tspl_lines(raw, "utf-8")
    assert "CODEPAGE UTF-8" in lines
    assert any('\\["]好\\["]' in ln for ln in lines)


def test_tspl_text_fits_its_step_font() -> None:
    # the layout for TSPL measured text in the 24-dot font it really prints with
    raw = render_tspl(make_waybill(1, long=True), "76x130").decode("gb18030")
    for m in re.finditer(r'TEXT (\d+),\d+,"TSS24.BF2",0,(\d+),\d+,"(.*)"\r', raw):
        x, mul, text = int(m.group(1)), int(m.group(2)), m.group(3).replace('\\["]', '"')
        width_dots = ZPL_FONTS.width(text, 24 * mul * 25.4 / 203) * 203 / 25.4
        assert x + width_dots <= round(76 * 203 / 25.4) + 2, text
