"""METTLER TOLEDO MT-SICS (Standard Interface Command Set), level 0/1 weight responses.

Source: METTLER TOLEDO "Reference Manual MT-SICS Interface Commands" (11780711, New Classic /
Excellence / XPR), commands ``S`` (stable weight), ``SI`` (weight immediately), ``SIR``
(immediately and repeat). Every response is a CR LF terminated line::

    S S     100.00 g      stable weight
    S D     100.01 g      dynamic (in motion)
    S I                   command not executable (busy, or no stability in time): no weight
    S +                   overload range
    S -                   underload range

The weight field is right-aligned in 10 characters, followed by a space and the unit.
We poll with ``SI`` (9600 8N1, the factory setting); a balance streaming ``SIR`` answers the
same way. The ``S`` weight is the net weight; the frame does not say whether a tare is set,
so ``net`` is False and ``tare_grams`` None. Overload/underload readings carry 0 grams.
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


class MtSics(LineProtocol):
    """MT-SICS ``S``/``SI`` responses (``S S   1.234 kg``)."""

    name = "mt-sics"
    title = "METTLER TOLEDO MT-SICS (S / SI)"
    settings = S_9600_8N1
    poll = b"SI\r\n"
    poll_interval = 0.2
    max_frame = 40
    _rx: ClassVar[re.Pattern[bytes]] = re.compile(
        rb"S ([SD]) +(-? *[0-9]+(?:\.[0-9]+)?) *([A-Za-z]{0,5})\s*$|S ([I+\-])\s*$"
    )

    def _from_match(self, m: re.Match[bytes], raw: bytes) -> Reading | None:
        st = m.group(1)
        if st is None:
            flag = m.group(4)
            if flag == b"I":
                self.skipped += 1
                return None
            return Reading(0, False, True, False, None, raw)
        unit = self._unit(m.group(3))
        if unit is None:
            self.skipped += 1
            return None
        mant, dec = parse_number(m.group(2))
        return Reading(
            to_grams(mant, dec, unit),
            st == b"S",
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
        if overload:
            return b"S -\r\n" if grams < 0 else b"S +\r\n"
        u = self._enc_unit(unit)
        m, d = self._enc_value(grams, u, decimals)
        return b"S %s %10s %s\r\n" % (
            b"S" if stable else b"D",
            format_number(m, d).encode(),
            u.encode(),
        )

    def answer(self, request: bytes, frame: bytes) -> bytes | None:
        """``SI``/``SIR`` -> the frame; ``S`` -> the frame when stable, else ``S I``."""
        req = request.strip().upper()
        if req in (b"SI", b"SIR"):
            return frame
        if req == b"S":
            return frame if frame.startswith((b"S S", b"S +", b"S -")) else b"S I\r\n"
        if req in (b"Z", b"ZI", b"T", b"TI"):
            return req[:1] + b" A\r\n"
        return b"ES\r\n"
