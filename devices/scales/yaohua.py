"""Shanghai Yaohua XK3190 indicators (XK3190-A9 / A9+ / A12 / A26 / D2+): the ``tF`` formats.

``yaohua-tf0`` — continuous format 0 (XK3190-A9+ manual §V.2 "(1) Continuous method (tF=0)",
XK3190-A26 manual "Continuous communication format 0"), 12 bytes::

    02  +/-  d d d d d d  p  XH XL  03
    STX sign 6 digits high->low, p = decimals counted from the right (0-4), XOR check, ETX

  The check is the XOR of bytes 2..9 (sign, digits, decimals); its high and low nibbles are
  sent as ASCII (0-9 -> 30h+n, A-F -> 37h+n). A frame with a wrong check is dropped and
  counted in ``bad_frames``.

``yaohua-tf1`` — continuous format 1 (XK3190-A26 manual), 9 bytes, digits *reversed*::

    =  w w w w w w w  s        e.g. 3.000 -> "=000.3000", -1.00 -> "=00.1000-"
       7 characters of the displayed value incl. decimal point, lowest position first,
       then the sign position: "0" positive, "-" negative

``yaohua-tf2`` — continuous format 2 (XK3190-A26 manual), 9 bytes, forward::

    =  s  w w w w w w w       e.g. 3.000 -> "=0003.000", -1.00 -> "=-0001.00"

None of the three has a unit (kilograms unless ``unit`` says otherwise), a stability flag
(``stable`` is None), a net/gross flag or an overload flag. Factory settings 9600 8N1
(the baud rate is selectable 600-9600; 8 data bits, no parity).
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

_HEX = b"0123456789ABCDEF"


def xor_check(data: bytes) -> bytes:
    """The two ASCII check characters of an XK3190 frame body."""
    x = 0
    for b in data:
        x ^= b
    return bytes((_HEX[x >> 4], _HEX[x & 0x0F]))


class YaohuaTf0(SyncProtocol):
    """XK3190 tF=0: ``<STX>+001234 3 XH XL<ETX>`` with XOR check."""

    name = "yaohua-tf0"
    title = "Yaohua XK3190-A9 tF0 (STX/ETX, XOR check)"
    settings = S_9600_8N1
    has_stable_flag = False
    has_checksum = True
    max_frame = 12
    _rx: ClassVar[re.Pattern[bytes]] = re.compile(rb"\x02([+\-][0-9 ]{6}[0-4])([0-9A-Fa-f]{2})\x03")

    def _from_match(self, m: re.Match[bytes]) -> Reading | None:
        body = m.group(1)
        if xor_check(body) != m.group(2).upper():
            self.bad_frames += 1
            return None
        dec = body[7] - 48
        digits = body[1:7].strip() or b"0"
        grams = to_grams(int(digits), dec, self.default_unit)
        if body[0] == 45:  # '-'
            grams = -grams
        return Reading(
            grams, None, False, False, None, m.group(0), division_of(dec, self.default_unit)
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
        body = b"%s%06d%d" % (b"-" if m < 0 else b"+", min(abs(m), 999_999), d)
        return b"\x02" + body + xor_check(body) + b"\x03"


def _decimals(text: bytes) -> int:
    dot = text.find(b".")
    return 0 if dot < 0 else len(text) - dot - 1


def _few_decimals(texts: list[bytes]) -> float:
    """Share of values with at most 3 decimals. tF1 and tF2 frames are both 9 bytes of the
    same alphabet; read the wrong way round a kilogram display (3 decimals) shows 4 or more,
    so this tells them apart (XK3190 displays at most 4 decimals, kg scales 3)."""
    if not texts:
        return 0.0
    return sum(_decimals(t) <= 3 for t in texts) / len(texts)


class YaohuaTf1(SyncProtocol):
    """XK3190 continuous format 1: ``=`` + 7 characters reversed + sign (``=000.3000``)."""

    name = "yaohua-tf1"
    title = "Yaohua XK3190 tF1 (=, digits reversed)"
    settings = S_9600_8N1
    has_stable_flag = False
    max_frame = 9
    _rx: ClassVar[re.Pattern[bytes]] = re.compile(rb"=([0-9.]{7})([0\-])")

    @classmethod
    def plausibility(cls, readings: list[Reading]) -> float:
        return _few_decimals([r.raw[1:8][::-1] for r in readings])

    def _from_match(self, m: re.Match[bytes]) -> Reading | None:
        text = m.group(1)[::-1]
        try:
            mant, dec = parse_number(text)
        except ValueError:
            return None
        grams = to_grams(mant, dec, self.default_unit)
        if m.group(2) == b"-":
            grams = -grams
        return Reading(
            grams, None, False, False, None, m.group(0), division_of(dec, self.default_unit)
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
        text = format_number(abs(m), d).rjust(7, "0")[-7:]
        return b"=" + text[::-1].encode() + (b"-" if m < 0 else b"0")


class YaohuaTf2(SyncProtocol):
    """XK3190 continuous format 2: ``=`` + sign + 7 characters forward (``=0003.000``)."""

    name = "yaohua-tf2"
    title = "Yaohua XK3190 tF2 (=, forward)"
    settings = S_9600_8N1
    has_stable_flag = False
    max_frame = 9
    _rx: ClassVar[re.Pattern[bytes]] = re.compile(rb"=([0\-])([0-9.]{7})")

    @classmethod
    def plausibility(cls, readings: list[Reading]) -> float:
        return _few_decimals([r.raw[2:9] for r in readings])

    def _from_match(self, m: re.Match[bytes]) -> Reading | None:
        try:
            mant, dec = parse_number(m.group(2))
        except ValueError:
            return None
        grams = to_grams(mant, dec, self.default_unit)
        if m.group(1) == b"-":
            grams = -grams
        return Reading(
            grams, None, False, False, None, m.group(0), division_of(dec, self.default_unit)
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
        text = format_number(abs(m), d).rjust(7, "0")[-7:]
        return b"=" + (b"-" if m < 0 else b"0") + text.encode()
