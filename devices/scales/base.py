"""What every scale protocol shares: the :class:`Reading`, line settings, unit arithmetic and
the two frame splitters (line-terminated frames and sync-character frames).

A protocol object is a small *stateful* stream parser: :meth:`ScaleProtocol.feed` takes whatever
bytes a ``read()`` returned (half a frame, three frames, garbage in between) and returns the
complete readings found so far, keeping any unfinished frame for the next call. Garbage is
skipped and the splitter resynchronises on the next frame start. It is not thread-safe: one
protocol object belongs to one reader thread.

Weights are integers of grams everywhere. Kilograms, pounds and ounces are converted exactly
(integer arithmetic on the decimal digits) and rounded half away from zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

# -- readings and settings ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reading:
    """One weight frame from an indicator.

    ``grams``: displayed weight (net when ``net``), negative allowed; 0 when ``overload``.
    ``stable``: the indicator's own motion flag (True stable, False in motion), or None when
    the protocol has no such flag. ``overload``: over capacity or under zero / out of range.
    ``tare_grams``: tare the frame reports, None when the format has no tare field.
    ``raw``: the frame's bytes as received. ``division_grams``: the display step derived from
    the frame's decimals (e.g. 3 decimals of kg -> 1, Toledo ``x5`` build -> 5).
    """

    grams: int
    stable: bool | None
    overload: bool
    net: bool
    tare_grams: int | None
    raw: bytes
    division_grams: int = 1


@dataclass(frozen=True, slots=True)
class LineSettings:
    """Serial line settings in pyserial's terms (parity 'N', 'E', 'O')."""

    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1

    def label(self) -> str:
        """Short human form, e.g. ``9600 7E1``."""
        stop = int(self.stopbits) if float(self.stopbits).is_integer() else self.stopbits
        return f"{self.baudrate} {self.bytesize}{self.parity}{stop}"

    def kwargs(self) -> dict[str, object]:
        """Keyword arguments for ``serial.serial_for_url``."""
        return {
            "baudrate": self.baudrate,
            "bytesize": self.bytesize,
            "parity": self.parity,
            "stopbits": self.stopbits,
        }

    @classmethod
    def parse(cls, text: str) -> LineSettings:
        """Read ``"9600 8N1"`` / ``"9600,7E1"``; raises ValueError on anything else."""
        m = re.fullmatch(r"\s*(\d{3,6})[\s,/:-]*([78])([NEOnoe])([12])\s*", text)
        if not m:
            raise ValueError(f"line settings {text!r}: expected e.g. '9600 8N1'")
        return cls(int(m.group(1)), int(m.group(2)), m.group(3).upper(), int(m.group(4)))


S_9600_8N1 = LineSettings(9600, 8, "N", 1)
S_9600_7E1 = LineSettings(9600, 7, "E", 1)
S_2400_7E1 = LineSettings(2400, 7, "E", 1)
S_4800_8N1 = LineSettings(4800, 8, "N", 1)

# -- units -------------------------------------------------------------------------------------

#: grams per unit as an exact fraction (numerator, denominator)
UNIT_FACTORS: dict[str, tuple[int, int]] = {
    "g": (1, 1),
    "kg": (1000, 1),
    "t": (1_000_000, 1),
    "lb": (45_359_237, 100_000),  # 1 lb = 453.59237 g exactly
    "oz": (28_349_523_125, 1_000_000_000),  # 1 oz = 1/16 lb
}
UNITS_ARG = ("g", "kg", "lb")
_UNIT_ALIASES = {
    b"g": "g",
    b"G": "g",
    b"kg": "kg",
    b"KG": "kg",
    b"Kg": "kg",
    b"kG": "kg",
    b"lb": "lb",
    b"LB": "lb",
    b"Lb": "lb",
    b"lbs": "lb",
    b"t": "t",
    b"T": "t",
    b"oz": "oz",
    b"OZ": "oz",
}


def unit_of(token: bytes) -> str | None:
    """Map a unit token from a frame (``b' kg'``) to our unit name, None if unknown/empty."""
    return _UNIT_ALIASES.get(token.strip())


def check_unit(unit: str | None) -> str | None:
    """Validate a ``unit`` argument ('g', 'kg', 'lb' or None)."""
    if unit is None:
        return None
    u = unit.strip().lower()
    if u not in UNIT_FACTORS:
        raise ValueError(f"unit {unit!r}: expected one of g, kg, lb")
    return u


def _div_round(num: int, den: int) -> int:
    """num/den rounded half away from zero (den > 0)."""
    q, r = divmod(abs(num), den)
    if 2 * r >= den:
        q += 1
    return -q if num < 0 else q


def to_grams(mantissa: int, decimals: int, unit: str) -> int:
    """``mantissa * 10**-decimals`` of ``unit`` as integer grams, half away from zero."""
    if unit == "kg" and 0 <= decimals <= 3:  # the hot path: exact, no division
        return mantissa * _POW10[3 - decimals]
    if unit == "g" and decimals == 0:
        return mantissa
    num, den = UNIT_FACTORS[unit]
    if decimals < 0:
        num *= 10**-decimals
    else:
        den *= 10**decimals
    num *= mantissa
    if num % den == 0:
        return num // den
    return _div_round(num, den)


_POW10 = (1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000)


def division_of(decimals: int, unit: str, step: int = 1) -> int:
    """Display division in whole grams (at least 1) for ``step`` units of the last decimal."""
    if unit == "kg" and 0 <= decimals <= 3:
        return step * _POW10[3 - decimals]
    return max(1, abs(to_grams(step, decimals, unit)))


def parse_number(text: bytes) -> tuple[int, int]:
    """``b'-  12.345'`` -> (mantissa -12345, decimals 3). Raises ValueError if no digits."""
    t = text.replace(b" ", b"")
    neg = False
    if t[:1] in (b"-", b"+"):
        neg = t[:1] == b"-"
        t = t[1:]
    dot = t.find(b".")
    if dot < 0:
        dot = t.find(b",")
    if dot >= 0:
        decimals = len(t) - dot - 1
        t = t[:dot] + t[dot + 1 :]
    else:
        decimals = 0
    if not t or not t.isdigit():
        raise ValueError(f"not a number: {text!r}")
    m = int(t)
    return (-m if neg else m), decimals


def value_of(grams: int, unit: str, decimals: int) -> int:
    """Inverse of :func:`to_grams`: the mantissa that shows ``grams`` in ``unit``."""
    num, den = UNIT_FACTORS[unit]
    # grams / (num/den) * 10**decimals
    top = grams * den * (10**decimals if decimals > 0 else 1)
    bottom = num * (10**-decimals if decimals < 0 else 1)
    return _div_round(top, bottom) if top % bottom else top // bottom


def format_number(mantissa: int, decimals: int, *, sign: bool = False) -> str:
    """(−12345, 3) -> ``'-12.345'``; with ``sign`` positive numbers get ``'+'``."""
    s = str(abs(mantissa))
    if decimals > 0:
        s = s.rjust(decimals + 1, "0")
        s = s[:-decimals] + "." + s[-decimals:]
    if mantissa < 0:
        return "-" + s
    return ("+" + s) if sign else s


DEFAULT_DECIMALS = {"g": 0, "kg": 3, "lb": 2, "t": 3, "oz": 1}

# -- the protocol base classes -----------------------------------------------------------------


class ScaleProtocol:
    """Base of all indicator protocols. Subclasses set the class attributes and implement
    :meth:`_parse` (frame -> Reading) and :meth:`encode` (values -> frame, for the simulator).

    ``unit``: the unit assumed for frames that carry none (default kilograms); frames that name
    their unit are read in that unit whatever ``unit`` says.
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    settings: ClassVar[LineSettings] = S_9600_8N1
    #: bytes to send to ask for a reading (poll protocols), None for continuous output
    poll: ClassVar[bytes | None] = None
    #: seconds between polls when polling
    poll_interval: ClassVar[float] = 0.2
    #: whether the indicator reports motion (False: ``Reading.stable`` is always None)
    has_stable_flag: ClassVar[bool] = True
    has_checksum: ClassVar[bool] = False
    #: longest possible frame in bytes (bounds the buffer kept between reads)
    max_frame: ClassVar[int] = 64

    def __init__(self, unit: str | None = None) -> None:
        self.unit = check_unit(unit)
        self.default_unit = self.unit or "kg"
        self.bad_frames = 0  # frames dropped for a bad checksum
        self.frames = 0  # good frames parsed
        self.skipped = 0  # well-formed frames that carry no weight (counting mode, tare line)
        self._buf = b""

    # stream interface --------------------------------------------------------------------

    def feed(self, data: bytes) -> list[Reading]:  # pragma: no cover - overridden
        raise NotImplementedError

    def reset(self, midstream: bool = False) -> None:
        """Forget buffered bytes (call on reconnect). ``midstream``: the next bytes may start
        in the middle of a frame (a live port), so line protocols drop the first partial line."""
        self._buf = b""

    def flush(self) -> list[Reading]:
        """End of data (stdin closed, capture over): parse a final frame that was complete but
        waiting (a Toledo frame whose optional checksum never came). An unterminated last
        line is a cut frame and is dropped."""
        return []

    @classmethod
    def parse(cls, data: bytes, unit: str | None = None) -> list[Reading]:
        """All readings in ``data`` (a fresh parser; convenience for tests and the CLI)."""
        p = cls(unit)
        return p.feed(data) + p.flush()

    @classmethod
    def plausibility(cls, readings: list[Reading]) -> float:
        """0..1: how plausible these readings are as this protocol (auto-detect tie-break
        between look-alike formats); 1.0 unless a subclass knows better."""
        return 1.0

    def parse_frame(self, frame: bytes) -> Reading | None:
        """One complete frame -> Reading (None if it is well-formed but carries no weight).
        Raises ValueError when ``frame`` is not a frame of this protocol."""
        found = type(self).parse(frame, self.unit)
        if not found:
            raise ValueError(f"{self.name}: not a frame: {frame!r}")
        return found[0]

    # simulator interface -----------------------------------------------------------------

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
    ) -> bytes:  # pragma: no cover - overridden
        """The frame an indicator of this kind would send for these values."""
        raise NotImplementedError

    def answer(self, request: bytes, frame: bytes) -> bytes | None:
        """For poll protocols: the reply to ``request`` given the current ``frame``."""
        return frame

    # helpers -----------------------------------------------------------------------------

    def _unit(self, token: bytes | None) -> str | None:
        """Unit named by the frame, else the default; None for a unit we cannot convert."""
        if token is None:
            return self.default_unit
        t = token.strip()
        if not t:
            return self.default_unit
        return _UNIT_ALIASES.get(t)

    def _enc_unit(self, unit: str | None) -> str:
        return check_unit(unit) or self.default_unit

    @staticmethod
    def _enc_value(grams: int, unit: str, decimals: int | None) -> tuple[int, int]:
        d = DEFAULT_DECIMALS.get(unit, 3) if decimals is None else decimals
        return value_of(grams, unit, d), d


class LineProtocol(ScaleProtocol):
    """Frames are text lines ending in LF (CR LF). Each line is matched with ``_rx.search``
    (so garbage in front of a frame on the same line is skipped); lines that do not match are
    ignored. A line longer than ``max_frame`` is discarded up to its LF."""

    _rx: ClassVar[re.Pattern[bytes]]

    def __init__(self, unit: str | None = None) -> None:
        super().__init__(unit)
        self._skip_first = False

    def reset(self, midstream: bool = False) -> None:
        self._buf = b""
        self._skip_first = midstream

    def feed(self, data: bytes) -> list[Reading]:
        buf = self._buf + data if self._buf else data
        last = buf.rfind(b"\n")
        if last < 0:
            if len(buf) > self.max_frame:  # a very long line: garbage, drop up to its end
                self._buf = b""
                self._skip_first = True
            else:
                self._buf = buf
            return []
        self._buf = buf[last + 1 :]
        if len(self._buf) > self.max_frame:
            self._buf = b""
            skip_after = True
        else:
            skip_after = False
        lines = buf[: last + 1].split(b"\n")
        lines.pop()  # the empty string after the final LF
        if self._skip_first:
            self._skip_first = False
            lines = lines[1:]
        self._skip_first = skip_after
        out: list[Reading] = []
        search = self._rx.search
        parse = self._from_match
        for line in lines:
            m = search(line)
            if m is not None:
                r = parse(m, m.group(0) + b"\n")
                if r is not None:
                    out.append(r)
        self.frames += len(out)
        return out

    def _from_match(self, m: re.Match[bytes], raw: bytes) -> Reading | None:  # pragma: no cover
        raise NotImplementedError


class SyncProtocol(ScaleProtocol):
    """Frames start with a sync character and have a fixed shape: ``_rx.finditer`` over the
    buffer finds every complete frame (garbage in between is skipped) and the tail that may
    hold the start of the next frame is kept (at most ``max_frame - 1`` bytes)."""

    _rx: ClassVar[re.Pattern[bytes]]

    def feed(self, data: bytes) -> list[Reading]:
        buf = self._buf + data if self._buf else data
        out: list[Reading] = []
        end = 0
        parse = self._from_match
        for m in self._rx.finditer(buf):
            r = parse(m)
            if r is not None:
                out.append(r)
            end = m.end()
        keep = self.max_frame - 1
        self._buf = buf[end:] if len(buf) - end <= keep else buf[-keep:]
        self.frames += len(out)
        return out

    def _from_match(self, m: re.Match[bytes]) -> Reading | None:  # pragma: no cover
        raise NotImplementedError
