"""Adam Equipment scales and indicators (Highland, Nimbus, CPWplus, CBD/CBK/GBK/GFK/AE 403).

Source: Adam Equipment Highland series manual, "Format 2 output" (16 characters beginning
with the sign — a minus for negative weight, a space (or "+") for positive — the weight
right-justified with its decimal point, the unit in 3 positions, CR LF)::

    +      123.45 g <CR><LF>
    -        1.234kg<CR><LF>

CPWplus and CBD/GBK models may prefix ``G/W``, ``N/W``, ``GROSS``, ``NET`` (net when N) and
separate the sign from the digits by spaces; both are accepted. Adam's weight output carries
no stability flag (``stable`` is None: our own stability check decides). The CPWplus and AE
indicators answer ``G``/``N`` commands with the same line; continuous output is the default
on the indicators. Usual settings 9600 8N1 (the Highland default is 4800; probe both).
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


class Adam(LineProtocol):
    """Adam ``+      1.234 kg`` lines (no stability flag)."""

    name = "adam"
    title = "Adam Equipment weight output (Highland/CPWplus/GBK)"
    settings = S_9600_8N1
    has_stable_flag = False
    max_frame = 40
    _rx: ClassVar[re.Pattern[bytes]] = re.compile(
        rb"^[^\x20-\x7e]*(G/W|N/W|GROSS|NET|Gross|Net)? *([+\- ]) *([0-9]+(?:\.[0-9]+)?) *"
        rb"(kg|g|lb|Kg|KG|LB|oz) *\r?$"
    )

    def _from_match(self, m: re.Match[bytes], raw: bytes) -> Reading | None:
        unit = self._unit(m.group(4))
        if unit is None:
            self.skipped += 1
            return None
        mant, dec = parse_number(m.group(3))
        grams = to_grams(mant, dec, unit)
        if m.group(2) == b"-":
            grams = -grams
        prefix = m.group(1)
        net = prefix is not None and prefix[:1] in (b"N", b"n")
        return Reading(grams, None, False, net, None, raw, division_of(dec, unit))

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
        return b"%s%12s%-3s\r\n" % (
            b"-" if m < 0 else b"+",
            format_number(abs(m), d).encode(),
            (" " + u if len(u) == 1 else u).encode(),
        )
