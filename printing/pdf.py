"""Draw :class:`printing.layout.Page` objects into a PDF with reportlab.

Coordinates are converted from the layout's top-left millimetres to PDF points. Barcode and QR
modules are drawn as filled rectangles whose edges fall on the 203-dpi dot grid *measured from the
top-left corner of the page* (where a thermal printer starts its label), see
:mod:`printing.barcodes`.

reportlab's canvas and its TrueType subsetting are not safe to drive from several threads at
once with a shared font object, so :func:`render_pages` serialises document building with a
module lock; call it from a worker thread, never from the GUI thread (100 labels take ~1 s).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterable

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from printing.barcodes import code128_bars, qr_runs
from printing.fonts import cjk_font_name, string_width_mm
from printing.geometry import MM_PER_DOT, PT_PER_MM, mm_to_dots
from printing.layout import BASELINE, Badge, Barcode, Line, Page, Picture, QRCode, Rect, Text

_lock = threading.Lock()


class PdfFontModel:
    """Font model of the embedded TrueType face: any size, real glyph advances."""

    def size(self, requested_mm: float) -> float:
        return requested_mm

    def width(self, text: str, size_mm: float) -> float:
        return string_width_mm(text, size_mm)


PDF_FONTS = PdfFontModel()


def _snap_dot(mm: float) -> float:
    """``mm`` rounded to a whole 203-dpi dot, in points."""
    return mm_to_dots(mm) * MM_PER_DOT * PT_PER_MM


def _draw_page(c: Canvas, page: Page, font: str) -> None:
    height_pt = page.height * PT_PER_MM
    k = PT_PER_MM
    dot = MM_PER_DOT * PT_PER_MM
    c.setFillGray(0)
    c.setStrokeGray(0)
    for it in page.items:
        if isinstance(it, Text):
            _draw_text(c, it, font, height_pt)
        elif isinstance(it, Barcode):
            x0 = _snap_dot(it.x)
            top = _snap_dot(it.y)
            h = _snap_dot(it.height)
            y = height_pt - top - h
            m = it.module_dots * dot
            c.addLiteral(
                " ".join(
                    f"{x0 + start * m:.3f} {y:.3f} {width * m:.3f} {h:.3f} re"
                    for start, width in code128_bars(it.value)
                )
                + " f"
            )
        elif isinstance(it, QRCode):
            x0 = _snap_dot(it.x)
            top = _snap_dot(it.y)
            m = it.module_dots * dot
            _n, runs = qr_runs(it.value, it.level)
            c.addLiteral(
                " ".join(
                    f"{x0 + col * m:.3f} {height_pt - top - (r + 1) * m:.3f} {length * m:.3f} "
                    f"{m:.3f} re"
                    for r, col, length in runs
                )
                + " f"
            )
        elif isinstance(it, Line):
            c.setLineWidth(it.width * k)
            if it.dash:
                c.setDash(2 * k, 1.2 * k)
            c.line(it.x1 * k, height_pt - it.y1 * k, it.x2 * k, height_pt - it.y2 * k)
            if it.dash:
                c.setDash()
        elif isinstance(it, Rect):
            if it.fill:
                c.rect(it.x * k, height_pt - (it.y + it.h) * k, it.w * k, it.h * k, 0, 1)
            else:
                c.setLineWidth(it.line_width * k)
                c.rect(it.x * k, height_pt - (it.y + it.h) * k, it.w * k, it.h * k, 1, 0)
        elif isinstance(it, Badge):
            c.rect(it.x * k, height_pt - (it.y + it.h) * k, it.w * k, it.h * k, 0, 1)
            ty = it.y + (it.h - it.size) / 2
            _draw_text(
                c,
                Text(it.x + it.w / 2, ty, it.text, it.size, bold=True, anchor="middle", white=True),
                font,
                height_pt,
            )
        elif isinstance(it, Picture):
            from reportlab.lib.utils import ImageReader

            image = ImageReader(io.BytesIO(it.data))
            c.drawImage(image, it.x * k, height_pt - (it.y + it.h) * k, it.w * k, it.h * k)
        else:  # pragma: no cover - exhaustive
            raise TypeError(f"unknown layout item {it!r}")


def _draw_text(c: Canvas, t: Text, font: str, height_pt: float) -> None:
    if not t.text:
        return
    k = PT_PER_MM
    size_pt = t.size * k
    x = t.x * k
    if t.anchor != "start":
        w = string_width_mm(t.text, t.size) * k
        x -= w / 2 if t.anchor == "middle" else w
    y = height_pt - (t.y + t.size * BASELINE) * k
    to = c.beginText(x, y)
    to.setFont(font, size_pt)
    if t.white:
        to.setFillGray(1)
        to.setStrokeGray(1)
    if t.bold:
        # the face has no bold: fill + stroke the outline (render mode 2) for a heavier stem
        to.setTextRenderMode(2)
        c.setLineWidth(size_pt * 0.045)
    to.textOut(t.text)
    if t.bold:
        to.setTextRenderMode(0)  # Tr is graphics state: it would outlive this text object
    c.drawText(to)
    if t.white:
        c.setFillGray(0)
        c.setStrokeGray(0)


def render_pages(
    pages: Iterable[Page],
    *,
    title: str = "",
    author: str = "Parcelproof",
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """PDF bytes with one PDF page per layout page, each exactly its own size.

    ``on_page(i)`` is called after each page (progress reporting from a worker).
    """
    font = cjk_font_name()
    buf = io.BytesIO()
    with _lock:
        # binary (Flate only) content streams: ASCII85 costs ~3 ms a label in pure Python and
        # makes the file 25 % bigger; restored afterwards for any other reportlab user
        saved_a85 = rl_config.useA85
        rl_config.useA85 = 0
        try:
            return _render_locked(pages, buf, font, title, author, on_page)
        finally:
            rl_config.useA85 = saved_a85


def _render_locked(
    pages: Iterable[Page],
    buf: io.BytesIO,
    font: str,
    title: str,
    author: str,
    on_page: Callable[[int], None] | None,
) -> bytes:
    # initial font = ours, so no unembedded Helvetica is referenced from the page preamble
    c = Canvas(buf, pageCompression=1, invariant=0, initialFontName=font, initialFontSize=10)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("Parcelproof printing")
    n = 0
    for page in pages:
        c.setPageSize((page.width * PT_PER_MM, page.height * PT_PER_MM))
        _draw_page(c, page, font)
        c.showPage()
        n += 1
        if on_page is not None:
            on_page(n)
    if n == 0:
        raise ValueError("nothing to render: no pages")
    c.save()
    return buf.getvalue()
