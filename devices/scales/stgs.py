"""The generic Chinese indicator line ``ST,GS,+  12.345kg`` (and its many relatives).

Countless indicators (Tiger TI-02, Selleton SL-7516, A&D AD-4404/4325 "A&D data format",
KERN FKB/SFB "continuous output", OEM XK3190 variants) send one line per reading:

    <H1>,<H2>,<sign><weight>[,]<unit><CR><LF>
    H1: ST stable, US unstable, OL overload
    H2: GS gross, NT net (TR tare lines are skipped)

Sources: Tiger TI-02-P manual §7.1 "Auto weight format string" (ST/US, NT/GS, sign, 7
characters of weight with decimal point, unit, CR LF — 18 bytes); A&D AD-4404 manual §9.2.6
"A&D data format" (``ST,NT,+0012.34kg``, LO for out of range); Selleton SL-7516 manual
"Communication format" (S1 ST/US/OL, S2 GS/NT, sign, data, kg/lb). Variants with spaces
instead of leading zeros, a comma before the unit, upper-case units or no unit are accepted;
no unit means the ``unit`` argument (kg by default). 9600 8N1 is the usual default.
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


class StGs(LineProtocol):
    """``ST,GS,+  12.345kg`` lines."""

    name = "stgs"
    title = "Generic ST,GS,+weight line (ST/US/OL, GS/NT)"
    settings = S_9600_8N1
    max_frame = 48
    _rx: ClassVar[re.Pattern[bytes]] = re.compile(
        rb"(ST|US|OL|LO),(GS|NT|GW|NW|TR|G|N|T) *,? *([+\-]?) *([0-9]*\.?[0-9]*) *,? *"
        rb"([A-Za-z]{0,2}) *\r?$"
    )

    def _from_match(self, m: re.Match[bytes], raw: bytes) -> Reading | None:
        h2 = m.group(2)
        if h2 in (b"TR", b"T"):
            self.skipped += 1
            return None
        net = h2 in (b"NT", b"NW", b"N")
        if m.group(1) in (b"OL", b"LO"):
            return Reading(0, False, True, net, None, raw)
        digits = m.group(4)
        if not digits or digits == b".":
            return None
        unit = self._unit(m.group(5))
        if unit is None:
            self.skipped += 1
            return None
        mant, dec = parse_number(digits)
        grams = to_grams(mant, dec, unit)
        if m.group(3) == b"-":
            grams = -grams
        return Reading(grams, m.group(1) == b"ST", False, net, None, raw, division_of(dec, unit))

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
        head = b"OL" if overload else (b"ST" if stable else b"US")
        num = " " * 7 if overload else format_number(abs(m), d).rjust(7)
        sign = "-" if m < 0 else "+"
        return b"%s,%s,%s%s%s\r\n" % (
            head,
            b"NT" if net else b"GS",
            sign.encode(),
            num.encode(),
            u.encode(),
        )
