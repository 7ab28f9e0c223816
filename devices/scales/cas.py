"""CAS indicators, "22 bytes for CAS" data format (CI-200/CI-2001/CI-400/CI-600 series).

Source: CAS CI-400 Series Owner's Manual, Appendix 1 "Data format" (22 Bytes for CAS)::

    US,GS,<ID><LAMP>,<DATA 8> <UNIT 2><CR><LF>
    |  |   |    |      |         └ "kg", " g", "lb", " t"
    |  |   |    |      └ weight with sign and decimal point, 8 bytes (e.g. "+012.345")
    |  |   |    └ lamp status byte: bit7 1, bit6 stable, bit5 1, bit4 hold, bit3 printer,
    |  |   |      bit2 gross, bit1 tare, bit0 zero point
    |  |   └ device ID (one byte, set in F20)
    |  └ GS gross / NT net
    └ ST stable / US unstable / OL overload

The lamp byte has bit 7 set, so this format needs 8 data bits (factory: 9600 8N1). Stable
means the header says ST and, when the lamp byte is a proper lamp byte, its stable lamp is
lit. The frame carries no tare value (the tare lamp only says a tare is set).
"""

from __future__ import annotations

import re
from typing import ClassVar

from devices.scales.base import (
    S_9600_8N1,
    Reading,
    SyncProtocol,
    division_of,
    format_number,
    parse_number,
    to_grams,
)


class Cas22(SyncProtocol):
    """CAS 22-byte stream with the lamp status byte."""

    name = "cas"
    title = "CAS 22-byte format (lamp status byte)"
    settings = S_9600_8N1
    max_frame = 22
    _rx: ClassVar[re.Pattern[bytes]] = re.compile(
        rb"(ST|US|OL),(GS|NT),(.)(.),([ +\-0-9.]{8}) ?([ A-Za-z]{2})\r\n", re.DOTALL
    )

    def _from_match(self, m: re.Match[bytes]) -> Reading | None:
        head = m.group(1)
        raw = m.group(0)
        net = m.group(2) == b"NT"
        if head == b"OL":
            return Reading(0, False, True, net, None, raw)
        unit = self._unit(m.group(6))
        if unit is None:
            self.skipped += 1
            return None
        try:
            mant, dec = parse_number(m.group(5))
        except ValueError:
            return None
        lamp = m.group(4)[0]
        stable = head == b"ST"
        if lamp & 0xA0 == 0xA0:  # a real lamp byte: its stable lamp must agree
            stable = stable and bool(lamp & 0x40)
        return Reading(
            to_grams(mant, dec, unit), stable, False, net, None, raw, division_of(dec, unit)
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
        device_id: int = 1,
    ) -> bytes:
        u = self._enc_unit(unit)
        m, d = self._enc_value(grams, u, decimals)
        head = b"OL" if overload else (b"ST" if stable else b"US")
        lamp = 0xA0 | (0x40 if stable and not overload else 0) | (0 if net else 0x04)
        lamp |= 0x02 if tare_grams else 0
        lamp |= 0x01 if grams == 0 else 0
        num = format_number(abs(m), d)
        data = (("-" if m < 0 else "+") + num.rjust(7, "0"))[-8:]
        if overload:
            data = " " * 8
        return b"%s,%s,%c%c,%s %2s\r\n" % (
            head,
            b"NT" if net else b"GS",
            device_id,
            lamp,
            data.encode(),
            u.encode(),
        )
