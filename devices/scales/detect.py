"""Auto-detection: which protocol (and which line settings) a scale speaks.

:func:`detect_protocol` tries every registered parser on captured bytes and scores each by
how much of the capture its good frames explain; :func:`probe_port` captures about a second
from a live port at each of the common line settings (sending the poll commands of the poll
protocols) and returns the best match.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass

from devices.connection import open_port
from devices.errors import DeviceError
from devices.scales.base import LineSettings
from devices.scales.registry import PROTOCOLS

#: line settings tried by :func:`probe_port`, most common first
COMMON_SETTINGS: tuple[LineSettings, ...] = (
    LineSettings(9600, 8, "N", 1),
    LineSettings(9600, 7, "E", 1),
    LineSettings(4800, 8, "N", 1),
    LineSettings(2400, 8, "N", 1),
    LineSettings(2400, 7, "E", 1),
    LineSettings(19200, 8, "N", 1),
    LineSettings(1200, 7, "E", 1),
    LineSettings(1200, 8, "N", 1),
    LineSettings(4800, 7, "E", 1),
    LineSettings(38400, 8, "N", 1),
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A protocol that explains the data: ``confidence`` 0..1, ``frames`` good frames."""

    protocol: str
    confidence: float
    frames: int


@dataclass(frozen=True, slots=True)
class ProbeResult:
    """What :func:`probe_port` found: the protocol, the line settings that worked."""

    protocol: str
    settings: LineSettings
    confidence: float
    frames: int
    candidates: tuple[Candidate, ...] = ()


def detect_protocol(data: bytes, unit: str | None = None, min_frames: int = 1) -> list[Candidate]:
    """Protocols that parse ``data``, best first (empty when none finds ``min_frames``).

    Confidence = share of the bytes covered by good frames, lowered for bad checksums, for
    implausible values (:meth:`ScaleProtocol.plausibility`) and for captures with fewer than
    three frames; a protocol with a stability flag or a checksum wins
    a tie (its frames are more specific)."""
    out: list[Candidate] = []
    total = len(data)
    if not total:
        return out
    for name, cls in PROTOCOLS.items():
        p = cls(unit)
        try:
            readings = p.feed(data) + p.flush()
        except Exception:  # a parser must never take detection down
            continue
        good = len(readings) + p.skipped
        if len(readings) < min_frames or not readings:
            continue
        covered = sum(len(r.raw) for r in readings)
        coverage = min(1.0, covered / total)
        conf = coverage * good / (good + 2 * p.bad_frames)
        conf *= 0.5 + 0.5 * cls.plausibility(readings)
        if good < 3:
            conf *= 0.5 + good / 6
        if cls.has_checksum and not p.bad_frames:
            conf += 0.002
        if cls.has_stable_flag:
            conf += 0.001
        out.append(Candidate(name, round(min(conf, 1.0), 4), len(readings)))
    out.sort(key=lambda c: (-c.confidence, -c.frames))
    return out


def _polls() -> list[bytes]:
    return [cls.poll for cls in PROTOCOLS.values() if cls.poll]


def capture(
    url: str, settings: LineSettings, capture_s: float = 1.0, polls: list[bytes] | None = None
) -> bytes:
    """Read ``url`` for ``capture_s`` seconds at ``settings``, sending ``polls`` a few times."""
    port = open_port(url, settings, timeout=0.05)
    chunks: list[bytes] = []
    try:
        with contextlib.suppress(Exception):
            port.reset_input_buffer()
        polls = _polls() if polls is None else polls
        end = time.monotonic() + capture_s
        next_poll = 0.0
        while True:
            now = time.monotonic()
            if now >= end:
                break
            if polls and now >= next_poll:
                next_poll = now + max(0.2, capture_s / 4)
                for cmd in polls:
                    with contextlib.suppress(Exception):
                        port.write(cmd)
            try:
                n = port.in_waiting
                data = port.read(n if n > 0 else 1)
            except Exception as exc:
                from devices.errors import from_serial_exception

                raise from_serial_exception(exc, url, "read from") from None
            if data:
                chunks.append(data)
    finally:
        with contextlib.suppress(Exception):
            port.close()
    return b"".join(chunks)


def probe_port(
    url: str,
    capture_s: float = 1.0,
    settings: tuple[LineSettings, ...] | list[LineSettings] | None = None,
    unit: str | None = None,
    good_enough: float = 0.9,
) -> ProbeResult | None:
    """Try each line setting, capture, detect; return the best or None if nothing parses.

    Stops early at the first setting whose best candidate has ``good_enough`` confidence and
    at least three frames. Raises DeviceError when the port cannot be opened at all."""
    best: ProbeResult | None = None
    for s in settings or COMMON_SETTINGS:
        try:
            data = capture(url, s, capture_s)
        except DeviceError as exc:
            if exc.code == "bad_settings":
                continue
            raise
        cands = detect_protocol(data, unit)
        if not cands:
            continue
        top = cands[0]
        result = ProbeResult(top.protocol, s, top.confidence, top.frames, tuple(cands))
        if best is None or result.confidence > best.confidence:
            best = result
        if top.confidence >= good_enough and top.frames >= 3:
            break
    return best
