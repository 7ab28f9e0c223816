"""Units and geometry shared by the PDF builders and the label-language renderers.

All layout is in millimetres. Thermal label heads print at 203 dpi, so anything that must be
crisp (barcode modules, QR modules) is sized in whole printer dots: one dot is 25.4/203 mm
(about 0.125 mm) and a barcode's origin is snapped to the dot grid, so every bar edge falls on a
dot boundary both on the printer and in a 203 dpi raster of the PDF.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

DPI = 203
MM_PER_INCH = 25.4
MM_PER_DOT = MM_PER_INCH / DPI
PT_PER_MM = 72.0 / MM_PER_INCH

#: Quiet zone on each side of a Code 128 symbol, in modules (ISO/IEC 15417 asks for 10).
CODE128_QUIET_MODULES = 10
#: Quiet zone around a QR symbol, in modules (ISO/IEC 18004: 4).
QR_QUIET_MODULES = 4


def mm_to_pt(mm: float) -> float:
    """Millimetres to PDF points."""
    return mm * PT_PER_MM


def mm_to_dots(mm: float, dpi: int = DPI) -> int:
    """Millimetres to whole printer dots (rounded)."""
    return int(round(mm * dpi / MM_PER_INCH))


def dots_to_mm(dots: float, dpi: int = DPI) -> float:
    """Printer dots to millimetres."""
    return dots * MM_PER_INCH / dpi


def snap_mm(mm: float, dpi: int = DPI) -> float:
    """Round a coordinate to the nearest whole dot (returned in millimetres)."""
    return dots_to_mm(mm_to_dots(mm, dpi), dpi)


# --------------------------------------------------------------------------- text metrics


def char_em(ch: str) -> float:
    """Advance width of one character in em for the thermal printers' CJK fonts.

    ZPL/TSPL print with the printer's own GB font (SimSun-like, TSS24.BF2), where wide and
    full-width characters take 1 em and narrow ones 0.5 em. (The PDF measures with the real
    glyph advances of the embedded TrueType face instead.)
    East-Asian "ambiguous" characters (×, …, —) are counted as wide, which can only
    over-estimate a width, so text laid out with this metric never overflows its box.
    """
    if ch in "\t\n\r":
        return 0.5
    eaw = unicodedata.east_asian_width(ch)
    return 1.0 if eaw in ("W", "F", "A") else 0.5


@lru_cache(maxsize=8192)
def text_em(text: str) -> float:
    """Width of ``text`` in em (see :func:`char_em`)."""
    return sum(char_em(c) for c in text)


def text_width_mm(text: str, size_mm: float) -> float:
    """Width of ``text`` at an em size of ``size_mm`` millimetres."""
    return text_em(text) * size_mm


# --------------------------------------------------------------------------- Code 128


@lru_cache(maxsize=4096)
def code128_codewords(value: str) -> tuple[int, ...]:
    """Code 128 codewords for ``value`` as reportlab encodes it (start … check, stop).

    reportlab switches to subset C for runs of digits in the middle of a value (``SF`` + 13
    digits becomes Start B, S, F, 1, Code C, six digit pairs), which keeps symbols short.
    """
    from reportlab.graphics.barcode.code128 import Code128

    c = Code128(value, barWidth=1, quiet=0)
    c.validate()
    c.encode()
    return tuple(int(x) for x in c.encoded)


def code128_modules(value: str) -> int:
    """Width of the Code 128 symbol for ``value`` in modules, without quiet zones."""
    words = code128_codewords(value)
    # every symbol character is 11 modules; the stop pattern is 13
    return 11 * (len(words) - 1) + 13


def qr_matrix(value: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """QR code modules (row-major, True = dark) for ``value``, smallest version that holds it."""
    return _qr_matrix(value, level)


@lru_cache(maxsize=1024)
def _qr_matrix(value: str, level: str) -> tuple[tuple[bool, ...], ...]:
    """Encode with reportlab's QR encoder, choosing the mask with our own fast penalty score.

    reportlab's ``QRCode.make()`` scores the 8 masks with a per-module Python loop (~12 ms a
    symbol, more than the rest of a waybill). The score here works on row/column strings and
    applies ISO/IEC 18004 rules 1, 3 and 4 (runs of 5+, finder-like patterns, dark balance);
    rule 2 (2×2 blocks) is left out, which only changes which of eight valid masks wins.
    """
    from reportlab.graphics.barcode import qrencoder

    ec = getattr(qrencoder.QRErrorCorrectLevel, level)
    q = qrencoder.QRCode(None, ec)
    q.addData(value)
    q.version = q.calculate_version()
    best: tuple[int, int] | None = None
    for mask in range(8):
        q.makeImpl(False, mask)
        score = _qr_penalty(q.modules)
        if best is None or score < best[0]:
            best = (score, mask)
    assert best is not None
    q.makeImpl(False, best[1])
    return tuple(tuple(bool(m) for m in row) for row in q.modules)


_RUNS = re.compile(rb"\x00{5,}|\x01{5,}")
_FINDER = b"\x01\x00\x01\x01\x01\x00\x01"
_FINDER_L = b"\x00\x00\x00\x00" + _FINDER
_FINDER_R = _FINDER + b"\x00\x00\x00\x00"


def _qr_penalty(modules: list[list[bool]]) -> int:
    rows = [bytes(row) for row in modules]
    cols = [bytes(c) for c in zip(*modules, strict=True)]
    score = 0
    for line in rows + cols:
        for m in _RUNS.finditer(line):
            score += m.end() - m.start() - 2
        if _FINDER in line:
            score += 40 * (line.count(_FINDER_L) + line.count(_FINDER_R))
    n = len(rows)
    dark = sum(r.count(1) for r in rows)
    score += 10 * (abs(dark * 20 - n * n * 10) // (n * n))
    return score
