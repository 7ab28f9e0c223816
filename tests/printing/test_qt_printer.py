"""The Qt printer backend, through Qt's own PDF writer: what Qt would hand a printer keeps the
label's exact size and a barcode that still decodes at 203 dpi."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from printing.backends import backend_from_url
from printing.documents import render_waybills
from tests.printing.support import decode, make_waybill, raster

pytest.importorskip("PySide6.QtPdf")

from printing.qtprint import QtPrinterBackend  # noqa: E402


def _mm(points: float) -> float:
    return float(points) * 25.4 / 72


@pytest.mark.parametrize("fmt,size", [("100x180", (100, 180)), ("76x130", (76, 130))])
def test_qt_printer_keeps_exact_page_size_and_scannable_barcode(
    qapp, tmp_path: Path, fmt: str, size: tuple[int, int]
) -> None:
    pdf = render_waybills([make_waybill(0), make_waybill(1)], fmt)
    out = tmp_path / "qt.pdf"
    result = QtPrinterBackend.pdf_file(str(out)).send(pdf, title="waybills B7")
    assert result.ok, result.message
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 2
    for page in reader.pages:
        w, h = _mm(page.mediabox.width), _mm(page.mediabox.height)
        assert abs(w - size[0]) < 0.5 and abs(h - size[1]) < 0.5, (w, h)
    for i in (1, 2):
        found = [t for f, t, _y in decode(raster(out.read_bytes(), page=i)) if f == "Code128"]
        assert f"YT{7712345678900 + i - 1}" in found


def test_qt_printer_reports_unknown_printer_and_bad_pdf(qapp, tmp_path: Path) -> None:
    r = QtPrinterBackend("no-such-printer-here").send(render_waybills([make_waybill()], "100x150"))
    assert not r.ok and "no-such-printer-here" in r.message
    r = QtPrinterBackend.pdf_file(str(tmp_path / "x.pdf")).send(b"this is not a PDF")
    assert not r.ok and "PDF" in r.message


def test_printer_url_qt_scheme() -> None:
    b = backend_from_url("qt:Zebra_ZD421")
    assert b.name == "qt" and b.printer == "Zebra_ZD421"
    assert backend_from_url("qt:").printer == ""
    assert backend_from_url("qt-pdf:/tmp/out.pdf").pdf_path == "/tmp/out.pdf"
