"""Keyboard-wedge scanner detection: tell a scanner's key burst from a person typing.

A USB keyboard-wedge scanner "types" a code much faster than a person (a few ms per key,
then Enter or Tab); a person types 80-250 ms per key. :class:`WedgeDetector` is pure logic,
fed one key event at a time with its timestamp, so a Qt event filter (or a test) can drive it.

Contract for the caller (e.g. the Qt event filter in ``app/ui``)::

    d = det.feed(char, key, t_ms)        # key: 'char' | 'enter' | 'tab' | 'other'
    if d.release:  re-deliver d.release (held keys that turned out to be human typing), then
    if d.swallow:  drop this key event (it is part of a scan, or held for now)
    else:          let this key event through (after the re-delivered text)
    if d.scan:     a complete scan, reported exactly once (terminator not included)

Every character key is *held* (swallowed) until we know: the next key arrives within
``max_gap_ms`` (the burst goes on), a terminator ends a burst of at least ``min_length``
(a scan), or the gap expires (human typing: the held text is released). Start a single-shot
timer for :attr:`WedgeDetector.deadline_ms` after each event and call :meth:`flush` when it
fires; :meth:`flush` returns the same :class:`Decision` (``release`` holds the text to
re-deliver; ``scan`` is set only with ``require_terminator=False``). A person therefore sees
their keys echoed about ``max_gap_ms`` late; no scanner key ever reaches the widget.
"""

from __future__ import annotations

from dataclasses import dataclass

KEYS = ("char", "enter", "tab", "other")


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with one key event (see the module docstring)."""

    swallow: bool
    scan: str | None = None
    release: str = ""


_HOLD = Decision(True)
_PASS = Decision(False)


class WedgeDetector:
    """Burst detector. ``max_gap_ms``: longest gap between keys of one scan (scanners send
    2-20 ms; default 40). ``min_length``: shortest code accepted as a scan. ``terminators``:
    keys that end a scan. ``require_terminator``: if False, a burst that simply stops is a
    scan too (scanners configured without a suffix)."""

    def __init__(
        self,
        max_gap_ms: float = 40.0,
        min_length: int = 4,
        terminators: tuple[str, ...] = ("enter", "tab"),
        require_terminator: bool = True,
        max_length: int = 256,
    ) -> None:
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.terminators = terminators
        self.require_terminator = require_terminator
        self.max_length = max_length
        self._buf: list[str] = []
        self._last_t: float | None = None
        self.scans = 0

    @property
    def pending(self) -> str:
        """Characters held right now."""
        return "".join(self._buf)

    @property
    def deadline_ms(self) -> float | None:
        """When :meth:`flush` should be called if no key comes (None: nothing held)."""
        if not self._buf or self._last_t is None:
            return None
        return self._last_t + self.max_gap_ms

    def _take(self) -> str:
        text = "".join(self._buf)
        self._buf.clear()
        return text

    def flush(self, t_ms: float) -> Decision:
        """The gap expired (timer): held text is released, or is a scan when terminators
        are optional and it is long enough. Safe to call any time."""
        if not self._buf or self._last_t is None or t_ms - self._last_t <= self.max_gap_ms:
            return _HOLD if self._buf else _PASS
        return self._expire()

    def _expire(self) -> Decision:
        if not self.require_terminator and len(self._buf) >= self.min_length:
            self.scans += 1
            return Decision(True, scan=self._take())
        return Decision(False, release=self._take())

    def feed(self, char: str | None, key: str, t_ms: float) -> Decision:
        """One key press: ``char`` the text it produces (for ``'char'``), ``key`` its kind,
        ``t_ms`` its timestamp in milliseconds (monotonic, e.g. QKeyEvent.timestamp())."""
        released = ""
        scan: str | None = None
        if self._buf and self._last_t is not None and t_ms - self._last_t > self.max_gap_ms:
            d = self._expire()  # the held keys were a person (or an unterminated scan)
            released, scan = d.release, d.scan
        if key == "char" and char:
            if len(self._buf) >= self.max_length:  # nobody scans this much: it is typing
                released += self._take()
            self._buf.extend(char)
            self._last_t = t_ms
            if released or scan:
                return Decision(True, scan=scan, release=released)
            return _HOLD
        if key in self.terminators and self._buf:
            if len(self._buf) >= self.min_length:
                self.scans += 1
                self._last_t = t_ms
                return Decision(True, scan=self._take(), release=released)
            released += self._take()
        elif self._buf:  # another key (Backspace, arrows) ends any burst
            released += self._take()
        self._last_t = t_ms
        return Decision(False, scan=scan, release=released)
