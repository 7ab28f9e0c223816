"""OHAUS indicators and balances (Defender 3000/5000, Ranger, Valor, Navigator print output).

Source: OHAUS Defender 3000 Series Indicators manual §5.2 "Output Format" (default serial
output: polarity 1, space 1, weight 7 right-justified with leading zero blanking, space 1,
unit 5, stability 1 ("?" when not stable, blank when stable), legend 3 (G gross, NET/N net,
T tare), CR LF), and Defender 5000 manual §5.5 (weight 11 characters with "-" at the immediate
left of the most significant digit, unit up to 5, "?" stability, T/N/G/PT legend)::

    -    1.234 kg    G<CR><LF>        (sign, weight, unit, stability, legend)
         12.73 kg ?  N<CR><LF>

The OHAUS output has no overload flag and names no tare value except on a separate ``T``
(or ``PT``) line, which is remembered and reported as ``tare_grams`` of later net readings.
Factory settings 9600 8N1. Continuous output has to be switched on at the indicator (``CP``
command or the print menu); we do not poll (``IP``, immediate print, answers the same line).
"""

from __future__ import annotations

import re
from typing import ClassVar

from devices.scales.base import (
    S_9600_8N1,
    LineProtocol,
    Reading,
    division_of,
    format_number,
    parse_number,
    to_grams,
)


class Ohaus(LineProtocol):
    """OHAUS print line ``   1.234 kg    G``."""

    name = "ohaus"
    title = "OHAUS print/continuous output (Defender, Ranger, Valor)"
    settings = S_9600_8N1
    max_frame = 48
    _rx: ClassVar[re.Pattern[bytes]] = re.compile(
        rb"^[^\x20-\x7e]* *(-?) *([0-9]+(?:\.[0-9]+)?) +([A-Za-z]{1,5})? *"
        rb"(\?)? *(G|N|NET|T|PT|GROSS) *\r?$"
    )

    def __init__(self, unit: str | None = None) -> None:
        super().__init__(unit)
        self._tare: int | None = None

    def _from_match(self, m: re.Match[bytes], raw: bytes) -> Reading | None:
        unit = self._unit(m.group(3))
        if unit is None:
            self.skipped += 1
            return None
        mant, dec = parse_number(m.group(2))
        grams = to_grams(mant, dec, unit)
        if m.group(1):
            grams = -grams
        legend = m.group(5)
        if legend in (b"T", b"PT"):
            self._tare = grams
            self.skipped += 1
            return None
        net = legend in (b"N", b"NET")
        return Reading(
            grams,
            m.group(4) is None,
            False,
            net,
            self._tare if net else None,
            raw,
            division_of(dec, unit),
        )

    def encode(
        self,
        grams: int,
        *,
        stable: bool = True,
        overload: bool = False,
        net: bool = False,
        tare_grams: int = 0,
        unit: str | None = None,
        decimals: int | None = None,
    ) -> bytes:
        u = self._enc_unit(unit)
        m, d = self._enc_value(grams, u, decimals)
        return b"%s %7s %-5s%s%-3s\r\n" % (
            b"-" if m < 0 else b" ",
            format_number(abs(m), d).encode(),
            u.encode(),
            b" " if stable else b"?",
            b"N" if net else b"G",
        )

    def answer(self, request: bytes, frame: bytes) -> bytes | None:
        return frame if request.strip().upper() in (b"IP", b"P", b"SP", b"CP") else None
