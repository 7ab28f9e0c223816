"""TSPL / TSPL2 for TSC printers and the many TSPL-compatible Chinese label printers
(Xprinter, Gprinter, HPRT …) at 203 dpi.

Same layout as the PDF, converted to dots. Rules kept (TSC TSPL/TSPL2 Programming Manual):

* ``SIZE w mm,h mm`` equals the label format; ``GAP 2 mm,0 mm``; ``DIRECTION 1,0`` so the top of
  the layout comes out of the printer first; ``CLS`` clears the image buffer before drawing;
  ``PRINT 1,1`` prints one copy.
* Text uses the resident simplified-Chinese bitmap font ``TSS24.BF2`` (24×24 dots, half width
  for ASCII), which scales only by whole multipliers: the layout is computed with a
  :class:`~printing.layout.StepFontModel` so lines wrap for the sizes the printer really has.
  Its text is GB-coded, so the output is encoded GB18030 by default; ``encoding="utf-8"`` emits
  ``CODEPAGE UTF-8`` for firmware that supports it.
* Strings are double-quoted; a ``"`` inside is written ``\\["]``; CR/LF become spaces.
* ``BARCODE x,y,"128",h,0,0,n,n,"…"`` (no human-readable line; n = module width in dots). The
  printer picks Code 128 subsets itself, so the layout reserves the width of the worst case (all
  subset B); ``QRCODE x,y,M,cell,A,0,"…"``; ``BAR`` for lines and fills, ``BOX`` for frames;
  white-on-black badges are text followed by ``REVERSE`` over the badge area.
"""

from __future__ import annotations

from collections.abc import Iterable

from printing.barcodes import check_value
from printing.documents.common import LabelFormat, label_format
from printing.documents.waybill import WaybillData, layout_waybill
from printing.geometry import mm_to_dots
from printing.layout import Badge, Barcode, Line, Page, QRCode, Rect, StepFontModel, Text

FONT = "TSS24.BF2"
BASE_DOTS = 24
TSPL_FONTS = StepFontModel(BASE_DOTS)


def code128_worst_modules(value: str) -> int:
    """Symbol width if the printer encodes everything in subset B: 11 per character plus
    start, check (11 each) and stop (13)."""
    return 11 * (len(check_value(value)) + 2) + 13


def tspl_string(text: str) -> str:
    """A TSPL string literal: quoted, inner quotes as ``\\["]``, no line breaks."""
    t = text.replace("\r", " ").replace("\n", " ").replace('"', '\\["]')
    return f'"{t}"'


class _T:
    def __init__(self, page: Page) -> None:
        self.w = mm_to_dots(page.width)
        self.h = mm_to_dots(page.height)
        self.fm = TSPL_FONTS
        self.out: list[str] = []

    def xy(self, x_mm: float, y_mm: float) -> tuple[int, int]:
        return (
            min(max(0, mm_to_dots(x_mm)), self.w - 1),
            min(max(0, mm_to_dots(y_mm)), self.h - 1),
        )

    def bar(self, x_mm: float, y_mm: float, w: int, h: int) -> None:
        x, y = self.xy(x_mm, y_mm)
        w = max(1, min(w, self.w - x))
        h = max(1, min(h, self.h - y))
        self.out.append(f"BAR {x},{y},{w},{h}")

    def text(self, t: Text) -> tuple[int, int, int, int]:
        mul = self.fm.multiplier(t.size)
        size = self.fm.size(t.size)
        width = self.fm.width(t.text, size)
        x_mm = t.x
        if t.anchor != "start":
            x_mm -= width / 2 if t.anchor == "middle" else width
        x, y = self.xy(x_mm, t.y)
        for dx in (0, 1) if t.bold else (0,):
            self.out.append(
                f'TEXT {min(x + dx, self.w - 1)},{y},"{FONT}",0,{mul},{mul},{tspl_string(t.text)}'
            )
        w_d = min(mm_to_dots(width) + (1 if t.bold else 0), self.w - x)
        h_d = min(BASE_DOTS * mul, self.h - y)
        if t.white:
            self.out.append(f"REVERSE {x},{y},{max(1, w_d)},{max(1, h_d)}")
        return x, y, w_d, h_d

    def render(self, page: Page, lf: LabelFormat, encoding: str) -> None:
        o = self.out
        o += [
            f"SIZE {_num(lf.width)} mm,{_num(lf.height)} mm",
            "GAP 2 mm,0 mm",
            "DIRECTION 1,0",
            "REFERENCE 0,0",
            "OFFSET 0 mm",
            "SET TEAR ON",
        ]
        if encoding.lower().replace("-", "") == "utf8":
            o.append("CODEPAGE UTF-8")
        o.append("CLS")
        for it in page.items:
            if isinstance(it, Text):
                self.text(it)
            elif isinstance(it, Barcode):
                x, y = self.xy(it.x, it.y)
                h = mm_to_dots(it.height)
                n = it.module_dots
                o.append(f'BARCODE {x},{y},"128",{h},0,0,{n},{n},{tspl_string(it.value)}')
            elif isinstance(it, QRCode):
                x, y = self.xy(it.x, it.y)
                o.append(f"QRCODE {x},{y},{it.level},{it.module_dots},A,0,{tspl_string(it.value)}")
            elif isinstance(it, Line):
                t = max(1, mm_to_dots(it.width))
                if abs(it.y1 - it.y2) < 1e-6:
                    x1, x2 = sorted((it.x1, it.x2))
                    for a, b in _dashes(x1, x2) if it.dash else [(x1, x2)]:
                        self.bar(a, it.y1 - it.width / 2, max(1, mm_to_dots(b - a)), t)
                else:
                    y1, y2 = sorted((it.y1, it.y2))
                    for a, b in _dashes(y1, y2) if it.dash else [(y1, y2)]:
                        self.bar(it.x1 - it.width / 2, a, t, max(1, mm_to_dots(b - a)))
            elif isinstance(it, Rect):
                if it.fill:
                    self.bar(it.x, it.y, mm_to_dots(it.w), mm_to_dots(it.h))
                else:
                    x, y = self.xy(it.x, it.y)
                    x2, y2 = self.xy(it.x + it.w, it.y + it.h)
                    t = max(1, mm_to_dots(it.line_width))
                    o.append(f"BOX {x},{y},{x2},{y2},{t}")
            elif isinstance(it, Badge):
                # black text first, then invert the whole badge: white text on black
                self.text(
                    Text(
                        it.x + it.w / 2,
                        it.y + (it.h - it.size) / 2,
                        it.text,
                        it.size,
                        anchor="middle",
                    )
                )
                x, y = self.xy(it.x, it.y)
                w = max(1, min(mm_to_dots(it.w), self.w - x))
                h = max(1, min(mm_to_dots(it.h), self.h - y))
                o.append(f"REVERSE {x},{y},{w},{h}")
        o.append("PRINT 1,1")


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}"


def _dashes(a: float, b: float, on: float = 2.0, off: float = 1.2) -> list[tuple[float, float]]:
    out = []
    x = a
    while x < b:
        out.append((x, min(b, x + on)))
        x += on + off
    return out


def page_to_tspl(page: Page, lf: LabelFormat, encoding: str = "gb18030") -> str:
    t = _T(page)
    t.render(page, lf, encoding)
    return "\r\n".join(t.out) + "\r\n"


def render_tspl(
    data: WaybillData | Iterable[WaybillData],
    fmt: str | LabelFormat = "100x180",
    lang: str = "zh_CN",
    *,
    encoding: str = "gb18030",
) -> bytes:
    """TSPL bytes for one waybill or several (each its own ``CLS`` … ``PRINT``), in order.

    Characters the encoding lacks become ``?`` rather than failing the print run.
    """
    lf = fmt if isinstance(fmt, LabelFormat) else label_format(fmt)
    items = [data] if isinstance(data, WaybillData) else list(data)
    out = [
        page_to_tspl(
            layout_waybill(d, lf, TSPL_FONTS, lang, code128_modules=code128_worst_modules),
            lf,
            encoding,
        )
        for d in items
    ]
    return "".join(out).encode(encoding, errors="replace")
