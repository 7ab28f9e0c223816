"""A&D standard data format (A&D balances EK-i/EJ/FX-i/GX/GF/GP and compatible).

Source: A&D EK-i / EJ / GF-K / GX instruction manuals, "Data format": a 2-character header,
a comma, 9 characters of data including sign and decimal point, a 3-character unit and
CR LF::

    ST,+00123.45  g<CR><LF>     stable weight            US,...  unstable weight
    QT,+00012345 PC<CR><LF>     stable count (skipped)   OL,+999999.9  g  out of range
    ST,+0001.234 kg<CR><LF>

``WT`` (HC series option) is read as stable. Units g, kg, lb, oz are converted; counting
(``PC``), percent and other units are skipped. Out-of-range frames carry 0 grams.
Factory line settings of A&D balances: 2400 baud, 7 bits, even parity, 1 stop bit.
"""

from __future__ import annotations

import re
from typing import ClassVar

from devices.scales.base import (
    S_2400_7E1,
    LineProtocol,
    Reading,
    division_of,
    format_number,
    parse_number,
    to_grams,
)


class AndStandard(LineProtocol):
    """A&D ``ST,+0001.234 kg`` lines."""

    name = "and"
    title = "A&D standard format (ST/US/OL/QT)"
    settings = S_2400_7E1
    max_frame = 40
    _rx: ClassVar[re.Pattern[bytes]] = re.compile(
        rb"(ST|US|OL|QT|WT),([+\-][ 0-9.]{1,10}?|[+\-]?9+E\+19) *([A-Za-z%]{0,3}) *\r?$"
    )

    def _from_match(self, m: re.Match[bytes], raw: bytes) -> Reading | None:
        head = m.group(1)
        if head == b"OL":
            return Reading(0, False, True, False, None, raw)
        if head == b"QT":
            self.skipped += 1
            return None
        unit = self._unit(m.group(3))
        if unit is None:
            self.skipped += 1
            return None
        try:
            mant, dec = parse_number(m.group(2))
        except ValueError:
            return None
        return Reading(
            to_grams(mant, dec, unit),
            head != b"US",
            False,
            False,
            None,
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
        if overload:
            head = b"OL"
            text = ("-" if grams < 0 else "+") + ("9" * (8 - (1 if d else 0)))
            if d:
                text = text[:-d] + "." + text[-d:]
        else:
            head = b"ST" if stable else b"US"
            num = format_number(abs(m), d)
            text = ("-" if m < 0 else "+") + num.rjust(8, "0")
        return b"%s,%s%3s\r\n" % (head, text.encode(), u.encode())
