"""METTLER TOLEDO protocols: the standard continuous output and the 8217 poll protocol.

``toledo-continuous`` — "Standard continuous output" of Toledo terminals (IND310/IND560/
IND780, Wildcat, 8142 ...), as in METTLER TOLEDO WILDCAT Scale Technical Manual, Appendix 2
"Continuous Mode Output" (Table 6-8 to 6-11), and the IND445 / KERN FTC manuals, §5.2
"TOLEDO Continuous mode"::

    STX SWA SWB SWC  W W W W W W  T T T T T T  CR [CKS]
     1   1   1   1        6            6        1    1     (17 or 18 bytes)

* displayed weight (gross or net) and tare: six digits each, no sign, no decimal point
  (insignificant leading zeros may be spaces);
* CKS, optional: two's complement of the 7 low bits of the sum of all preceding bytes,
  STX and CR included (we accept it when present and drop frames whose CKS is wrong);
* SWA bits 0-2 decimal point (000 ``XXXX00`` ×100, 001 ``XXXXX0`` ×10, 010 ``XXXXXX``,
  011 ``XXXXX.X``, 100 ``XXXX.XX``, 101 ``XXX.XXX``, 110 ``XX.XXXX``, 111 ``X.XXXXX``),
  bits 3-4 build code / increment (01 ×1, 10 ×2, 11 ×5), bit 5 always 1;
* SWB bit 0 net (1) / gross (0), bit 1 sign (1 negative), bit 2 out of range (over capacity
  or under zero), bit 3 motion, bit 4 kg (1) / lb (0), bit 5 always 1;
* SWC bits 0-2 unit override (000 lb/kg per SWB, 001 grams, 010 metric tons, 011 ounces;
  others are not weights we convert and are skipped), bit 3 print request, bit 5 always 1.

Default line settings 9600 7E1 (the terminals' factory setting for the continuous port; 8N1
works just as well on most). Bit 7 of each status byte is masked, so 8-bit reads of a 7E1
line still decode.

``toledo-8217`` — the 8217 "weight-only" POS scale protocol (METTLER TOLEDO Viva / Ariva /
Diva service manuals, §6.1.4 "Status Byte Format"; Brecknell / NCI 3835 compatible), 9600
7E1. The host sends ``W``; the scale answers ``<STX>ww.www<CR>`` (kg, 3 decimals;
``ww.ww`` lb) when the weight is valid and stable, or ``<STX>?<status><CR>`` when it is
not. Status bits: 0 motion, 1 over capacity, 2 under zero, 3 outside zero capture range,
4 centre of zero, 5 net, 6 always 1, 7 parity. ``Z`` zeroes, ``T`` tares. The frame names no
unit: it is read in the ``unit`` argument (kg by default). A status reply carries no weight:
it is reported as a Reading with ``stable=False`` and the last weight seen (0 when out of
range), so a stability check restarts.
"""

from __future__ import annotations

import re
from typing import ClassVar

from devices.scales.base import (
    S_9600_7E1,
    Reading,
    ScaleProtocol,
    SyncProtocol,
    division_of,
    format_number,
    parse_number,
    to_grams,
)

# SWA decimal code -> decimals (negative: multiply)
_DP_DECIMALS = (-2, -1, 0, 1, 2, 3, 4, 5)
_INCREMENT = (1, 1, 2, 5)  # SWA bits 3-4: 00 (not used, read as x1), 01 x1, 10 x2, 11 x5
_SWC_UNIT = {1: "g", 2: "t", 3: "oz"}


def toledo_checksum(data: bytes) -> int:
    """Two's complement of the 7 low bits of the sum of ``data`` (STX..CR)."""
    return (-sum(data)) & 0x7F


class ToledoContinuous(ScaleProtocol):
    """METTLER TOLEDO standard continuous output (see module docstring for the frame).

    ``checksum``: True (frames carry CKS), False (they do not) or None (decide from the data:
    a byte after CR that is neither the right checksum nor the next STX counts as a bad
    checksum; after two frames agree the mode is fixed)."""

    name = "toledo-continuous"
    title = "METTLER TOLEDO standard continuous output"
    settings = S_9600_7E1
    has_checksum = True
    max_frame = 18
    _rx: ClassVar[re.Pattern[bytes]] = re.compile(
        rb"\x02([\x20-\x7f\xa0-\xff]{3})([0-9 ]{6})([0-9 ]{6})\r"
    )

    def __init__(self, unit: str | None = None, checksum: bool | None = None) -> None:
        super().__init__(unit)
        self.checksum = checksum
        self._votes = 0  # >0 evidence for checksum, <0 against

    def feed(self, data: bytes) -> list[Reading]:
        buf = self._buf + data if self._buf else data
        out: list[Reading] = []
        n = len(buf)
        pos = 0
        keep_from = -1
        rx = self._rx
        while True:
            m = rx.search(buf, pos)
            if m is None:
                break
            end = m.end()
            cks_mode = self.checksum
            frame_end = end
            if cks_mode is not False:
                if end >= n:  # the checksum byte (or the next STX) has not arrived yet
                    keep_from = m.start()
                    break
                nxt = buf[end]
                want = toledo_checksum(buf[m.start() : end])
                if cks_mode is None and nxt == 0x02:
                    # the next frame follows at once: no checksum (a checksum of 0x02 could
                    # never start a frame, so the search below skips it either way)
                    if want != 0x02:
                        self._vote(-1)
                elif (nxt & 0x7F) == want:
                    frame_end = end + 1
                    if cks_mode is None:
                        self._vote(+1)
                else:
                    self.bad_frames += 1
                    pos = end
                    continue
            r = self._decode(m, buf[m.start() : frame_end])
            if r is not None:
                out.append(r)
            pos = frame_end
        if keep_from >= 0:
            self._buf = buf[keep_from:]
        else:
            tail = n - pos
            self._buf = buf[pos:] if tail < self.max_frame else buf[n - self.max_frame + 1 :]
        self.frames += len(out)
        return out

    def flush(self) -> list[Reading]:
        """A last frame still waiting for its checksum byte is read as having none."""
        buf, self._buf = self._buf, b""
        m = self._rx.match(buf)
        if m is None or self.checksum is True:
            return []
        r = self._decode(m, m.group(0))
        if r is None:
            return []
        self.frames += 1
        return [r]

    def _vote(self, v: int) -> None:
        self._votes += v
        if self._votes >= 2:
            self.checksum = True
        elif self._votes <= -2:
            self.checksum = False

    def _decode(self, m: re.Match[bytes], raw: bytes) -> Reading | None:
        swa, swb, swc = (b & 0x7F for b in m.group(1))
        decimals = _DP_DECIMALS[swa & 0x07]
        step = _INCREMENT[(swa >> 3) & 0x03]
        ucode = swc & 0x07
        if ucode == 0:
            unit = "kg" if swb & 0x10 else "lb"
        else:
            unit = _SWC_UNIT.get(ucode)
            if unit is None:
                self.skipped += 1
                return None
        w = m.group(2).strip() or b"0"
        t = m.group(3).strip() or b"0"
        grams = to_grams(int(w), decimals, unit)
        if swb & 0x02:
            grams = -grams
        overload = bool(swb & 0x04)
        return Reading(
            0 if overload else grams,
            not (swb & 0x08) and not overload,
            overload,
            bool(swb & 0x01),
            to_grams(int(t), decimals, unit),
            raw,
            division_of(decimals, unit, step),
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
        checksum: bool | None = None,
        step: int = 1,
    ) -> bytes:
        u = self._enc_unit(unit)
        if u not in ("kg", "lb", "g"):
            raise ValueError(f"toledo-continuous cannot send unit {u}")
        m, d = self._enc_value(grams, u, decimals)
        tm, _ = self._enc_value(tare_grams, u, d)
        while abs(m) > 999_999 and d > -2:  # drop a decimal until it fits six digits
            d -= 1
            m, _ = self._enc_value(grams, u, d)
            tm, _ = self._enc_value(tare_grams, u, d)
        swa = 0x20 | _DP_DECIMALS.index(d) | ({1: 1, 2: 2, 5: 3}[step] << 3)
        swb = 0x20 | int(net) | (int(m < 0) << 1) | (int(overload) << 2) | (int(not stable) << 3)
        if u == "kg":
            swb |= 0x10
        swc = 0x20 | (1 if u == "g" else 0)
        frame = bytes((2, swa, swb, swc)) + b"%06d%06d\r" % (min(abs(m), 999_999), abs(tm))
        use_cks = self.checksum if checksum is None else checksum
        if use_cks:
            frame += bytes((toledo_checksum(frame),))
        return frame


class Toledo8217(SyncProtocol):
    """METTLER TOLEDO 8217 poll protocol (``W`` -> ``<STX>01.234<CR>`` or ``<STX>?<st><CR>``)."""

    name = "toledo-8217"
    title = "METTLER TOLEDO 8217 (W/Z/T poll)"
    settings = S_9600_7E1
    poll = b"W"
    max_frame = 16
    _rx: ClassVar[re.Pattern[bytes]] = re.compile(
        rb"\x02(?:\?([\x40-\x7f\xc0-\xff])"
        rb"|[ ]*(-?[0-9]+(?:\.[0-9]*)?)[ ]*(N?)[ ]*([A-Za-z]{0,2}))\r"
    )

    def __init__(self, unit: str | None = None) -> None:
        super().__init__(unit)
        self._last = 0
        self._net = False
        self._division = 1

    def _from_match(self, m: re.Match[bytes]) -> Reading | None:
        st = m.group(1)
        raw = m.group(0)
        if st is not None:
            s = st[0] & 0x7F
            overload = bool(s & 0x06)
            self._net = bool(s & 0x20)
            return Reading(
                0 if overload else self._last,
                False,
                overload,
                self._net,
                None,
                raw,
                self._division,
            )
        unit = self._unit(m.group(4))
        if unit is None:
            self.skipped += 1
            return None
        mant, dec = parse_number(m.group(2))
        grams = to_grams(mant, dec, unit)
        self._last = grams
        self._division = division_of(dec, unit)
        net = bool(m.group(3)) or self._net
        return Reading(grams, True, False, net, None, raw, self._division)

    @staticmethod
    def status_byte(motion: bool, over: bool, under: bool, net: bool, zero: bool) -> int:
        """The 8217 status byte (without parity)."""
        return (
            0x40
            | int(motion)
            | (int(over) << 1)
            | (int(under) << 2)
            | (int(zero) << 4)
            | (int(net) << 5)
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
        if not stable or overload or grams < 0:
            st = self.status_byte(not stable, overload and grams >= 0, grams < 0, net, grams == 0)
            return b"\x02?" + bytes((st,)) + b"\r"
        m, d = self._enc_value(grams, u, decimals)
        text = format_number(m, d)
        if d > 0:
            text = text.rjust(d + 3, "0")  # ww.www
        return b"\x02" + text.encode() + b"\r"

    def answer(self, request: bytes, frame: bytes) -> bytes | None:
        """``W`` -> the weight frame; ``Z``/``T`` -> a status byte; others -> ``?``."""
        if b"W" in request:
            return frame
        if b"Z" in request or b"T" in request:
            return b"\x02?" + bytes((self.status_byte(False, False, False, False, True),)) + b"\r"
        return None
