"""ZPL II for Zebra (and ZPL-compatible) thermal printers at 203 dpi.

The label is the same :func:`printing.documents.waybill.layout_waybill` page the PDF shows,
converted to dots. Rules kept (Zebra ZPL II Programming Guide):

* one format per label, ``^XA`` … ``^XZ``; ``^PW`` print width and ``^LL`` label length in dots;
  ``^LH0,0`` home; ``^CI28`` so field data is UTF-8;
* text fields ``^FOx,y^A@N,h,w,<font>^FD…^FS``: ``^A@`` calls a printer-resident or downloaded
  TrueType CJK font by name (default ``E:SIMSUN.TTF``; pass the one your printer has);
* field data never contains a raw ``^`` or ``~`` (they would start a command): such data is
  written with ``^FH_`` and hex escapes ``_5E``/``_7E`` (and ``_5F`` for the indicator itself);
  CR/LF become spaces;
* ``^BY`` sets the Code 128 module width in dots before ``^BCN,h,N,N,N,N``; the field data
  spells out the start code and subset switches (``>:`` ``>;`` ``>5`` ``>6``) so the printer
  encodes exactly the symbol the layout measured;
* QR: ``^BQN,2,m`` with ``^FD<level>A,<data>`` (level M, automatic input mode);
* boxes and lines are ``^GB``; white-on-black text uses ``^FR`` over a filled ``^GB``.

Every coordinate is clamped inside ``^PW``/``^LL``.
"""

from __future__ import annotations

from collections.abc import Iterable

from printing.barcodes import zpl_code128_data
from printing.documents.common import LabelFormat, label_format
from printing.documents.waybill import WaybillData, layout_waybill
from printing.geometry import mm_to_dots
from printing.layout import Badge, Barcode, EmFontModel, Line, Page, QRCode, Rect, Text

DEFAULT_FONT = "E:SIMSUN.TTF"
ZPL_FONTS = EmFontModel()


def zpl_field_data(text: str) -> tuple[str, str]:
    """``(prefix, data)``: ``prefix`` is ``"^FH_"`` when ``data`` needed hex escapes."""
    t = text.replace("\r", " ").replace("\n", " ")
    if not any(c in t for c in "^~_"):
        return "", t
    t = t.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E")
    return "^FH_", t


class _Z:
    def __init__(self, page: Page, font: str) -> None:
        self.w = mm_to_dots(page.width)
        self.h = mm_to_dots(page.height)
        self.font = font
        self.fm = ZPL_FONTS
        self.out: list[str] = []

    def xy(self, x_mm: float, y_mm: float) -> tuple[int, int]:
        x = min(max(0, mm_to_dots(x_mm)), self.w - 1)
        y = min(max(0, mm_to_dots(y_mm)), self.h - 1)
        return x, y

    def box(self, x_mm: float, y_mm: float, w_dots: int, h_dots: int, t: int) -> None:
        x, y = self.xy(x_mm, y_mm)
        w = max(1, min(w_dots, self.w - x))
        h = max(1, min(h_dots, self.h - y))
        t = max(1, min(t, w, h))
        self.out.append(f"^FO{x},{y}^GB{w},{h},{t}^FS")

    def text(self, t: Text) -> None:
        size = self.fm.size(t.size)
        dots = max(10, mm_to_dots(size))
        x_mm = t.x
        if t.anchor != "start":
            w = self.fm.width(t.text, size)
            x_mm -= w / 2 if t.anchor == "middle" else w
        prefix, data = zpl_field_data(t.text)
        rev = "^FR" if t.white else ""
        x, y = self.xy(x_mm, t.y)
        for dx in (0, 1) if t.bold else (0,):
            xx = min(x + dx, self.w - 1)
            self.out.append(f"^FO{xx},{y}{rev}^A@N,{dots},{dots},{self.font}{prefix}^FD{data}^FS")

    def render(self, page: Page) -> None:
        o = self.out
        o += ["^XA", "^CI28", f"^PW{self.w}", f"^LL{self.h}", "^LH0,0"]
        for it in page.items:
            if isinstance(it, Text):
                self.text(it)
            elif isinstance(it, Barcode):
                x, y = self.xy(it.x, it.y)
                h = mm_to_dots(it.height)
                o.append(
                    f"^FO{x},{y}^BY{it.module_dots},3,{h}^BCN,{h},N,N,N,N"
                    f"^FD{zpl_code128_data(it.value)}^FS"
                )
            elif isinstance(it, QRCode):
                x, y = self.xy(it.x, it.y)
                o.append(f"^FO{x},{y}^BQN,2,{it.module_dots}^FD{it.level}A,{it.value}^FS")
            elif isinstance(it, Line):
                t = max(1, mm_to_dots(it.width))
                self._line(it, t)
            elif isinstance(it, Rect):
                w, h = mm_to_dots(it.w), mm_to_dots(it.h)
                t = min(w, h) if it.fill else max(1, mm_to_dots(it.line_width))
                self.box(it.x, it.y, w, h, t)
            elif isinstance(it, Badge):
                w, h = mm_to_dots(it.w), mm_to_dots(it.h)
                self.box(it.x, it.y, w, h, min(w, h))
                self.text(
                    Text(
                        it.x + it.w / 2,
                        it.y + (it.h - it.size) / 2,
                        it.text,
                        it.size,
                        anchor="middle",
                        white=True,
                    )
                )
        o += ["^PQ1", "^XZ"]

    def _line(self, ln: Line, t: int) -> None:
        if abs(ln.y1 - ln.y2) < 1e-6:  # horizontal
            x1, x2 = sorted((ln.x1, ln.x2))
            segs = _dashes(x1, x2) if ln.dash else [(x1, x2)]
            for a, b in segs:
                self.box(a, ln.y1 - ln.width / 2, max(1, mm_to_dots(b - a)), t, t)
        else:  # vertical (the layouts draw no diagonals)
            y1, y2 = sorted((ln.y1, ln.y2))
            segs = _dashes(y1, y2) if ln.dash else [(y1, y2)]
            for a, b in segs:
                self.box(ln.x1 - ln.width / 2, a, t, max(1, mm_to_dots(b - a)), t)


def _dashes(a: float, b: float, on: float = 2.0, off: float = 1.2) -> list[tuple[float, float]]:
    out = []
    x = a
    while x < b:
        out.append((x, min(b, x + on)))
        x += on + off
    return out


def page_to_zpl(page: Page, font: str = DEFAULT_FONT) -> str:
    """One ``^XA…^XZ`` format for a layout page."""
    z = _Z(page, font)
    z.render(page)
    return "\n".join(z.out) + "\n"


def render_zpl(
    data: WaybillData | Iterable[WaybillData],
    fmt: str | LabelFormat = "100x180",
    lang: str = "zh_CN",
    *,
    font: str = DEFAULT_FONT,
) -> bytes:
    """ZPL bytes (UTF-8) for one waybill or several (one ``^XA…^XZ`` each, in order)."""
    lf = fmt if isinstance(fmt, LabelFormat) else label_format(fmt)
    items = [data] if isinstance(data, WaybillData) else list(data)
    out = [page_to_zpl(layout_waybill(d, lf, ZPL_FONTS, lang), font) for d in items]
    return "".join(out).encode("utf-8")
