"""Barcode encoding shared by the PDF renderer and the label languages.

Why not draw with ``reportlab.graphics.barcode`` widgets or ``python-barcode``: a thermal head
prints whole dots, so a symbol scans reliably only when every bar and space is a whole number of
dots wide and starts on a dot boundary. Both libraries compute bar positions themselves as running
float sums in points (python-barcode in mm with rounding to 0.001 for its SVG/PNG writers), and
python-barcode cannot draw on a reportlab canvas at all without a round trip through SVG or a
bitmap. So we take only the *encoding* from reportlab (its Code 128 encoder picks subsets A/B/C,
switching to subset C for digit runs, which keeps waybill symbols short; its QR encoder is the
reference ``qrcode`` port) and draw the modules ourselves: each bar is one filled rectangle whose
left edge and width are integer multiples of one 203-dpi dot, with the origin snapped to the dot
grid by the layout. The bar runs are cached per value.
"""

from __future__ import annotations

import re
from functools import lru_cache

from printing.geometry import code128_codewords, qr_matrix

#: Characters a waybill / order / batch number may contain in a barcode.
BARCODE_VALUE = re.compile(r"^[0-9A-Za-z\-./ +]{1,40}$")


def check_value(value: str) -> str:
    """Validate a barcode value (printable ASCII subset without ZPL/TSPL specials)."""
    if not BARCODE_VALUE.match(value):
        raise ValueError(f"barcode value {value!r}: only letters, digits and - . / + space")
    return value


@lru_cache(maxsize=4096)
def code128_bars(value: str) -> tuple[tuple[int, int], ...]:
    """Bars of the Code 128 symbol for ``value`` as ``(start_module, width_modules)`` pairs.

    Modules are counted from the left edge of the first bar (quiet zones not included).
    """
    from reportlab.graphics.barcode.code128 import _patterns

    pattern = "".join(_patterns[c] for c in code128_codewords(check_value(value)))
    bars: list[tuple[int, int]] = []
    pos = 0
    for ch in pattern:
        # 'A'..'D' are bars of 1..4 modules, 'a'..'d' spaces of 1..4 modules
        if ch.isupper():
            w = ord(ch) - ord("A") + 1
            bars.append((pos, w))
        else:
            w = ord(ch) - ord("a") + 1
        pos += w
    return tuple(bars)


def code128_width_modules(value: str) -> int:
    """Symbol width in modules (no quiet zones)."""
    start, w = code128_bars(value)[-1]
    return start + w


@lru_cache(maxsize=1024)
def qr_runs(value: str, level: str = "M") -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """QR symbol as ``(size_modules, runs)`` with runs ``(row, col, length)`` of dark modules.

    Horizontal runs let the PDF draw a symbol in ~100 rectangles instead of ~250 squares.
    """
    matrix = qr_matrix(value, level)
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(matrix):
        c = 0
        n = len(row)
        while c < n:
            if row[c]:
                s = c
                while c < n and row[c]:
                    c += 1
                runs.append((r, s, c - s))
            else:
                c += 1
    return len(matrix), tuple(runs)


def zpl_code128_data(value: str) -> str:
    """``^BC`` field data (mode N) with explicit subset invocations matching our encoding.

    Spelling out the start code and subset switches (``>:`` start B, ``>;`` start C, ``>5``
    switch to C, ``>6`` switch to B) makes the printer print exactly the symbol the PDF shows, so
    the width the layout reserved is right.
    """
    words = code128_codewords(check_value(value))[:-2]  # drop check and stop
    start = {103: ("A", ">9"), 104: ("B", ">:"), 105: ("C", ">;")}
    subset, out = start[words[0]]
    parts = [out]
    for w in words[1:]:
        if subset == "C":
            if w == 100:
                subset = "B"
                parts.append(">6")
            elif w == 101:
                subset = "A"
                parts.append(">7")
            else:
                parts.append(f"{w:02d}")
        else:
            if w == 99:
                subset = "C"
                parts.append(">5")
            elif subset == "B" and w == 101 or subset == "A" and w == 100:
                subset = "A" if subset == "B" else "B"
                parts.append(">7" if subset == "A" else ">6")
            elif 0 <= w < 64 or subset == "B" and w < 96:
                parts.append(chr(w + 32))
            else:
                raise ValueError(f"cannot express codeword {w} of {value!r} in ZPL")
    return "".join(parts)
