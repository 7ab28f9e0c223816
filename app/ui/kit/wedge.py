"""The keyboard-wedge scanner filter: scans arrive as one signal, never as typed text.

Most USB scanners "type" a code as key presses (2-20 ms apart) followed by Enter or Tab.
:class:`WedgeFilter` is a Qt event filter that feeds every key press to the pure
:class:`devices.scanners.wedge.WedgeDetector` and

* swallows the keys of a burst (they never reach the focused widget, whatever it is),
* emits :attr:`WedgeFilter.scan_received` exactly once per scan (terminator not included),
* re-delivers held keys that turned out to be a person typing to the widget that had the
  focus when they were typed, in order, before the key that revealed it (a person sees their
  keys echoed about ``max_gap_ms`` late).

Time: ``QKeyEvent.timestamp()`` in ms (the platform's event time, so a GUI thread that is busy
for a moment does not turn a burst into typing); when it is 0, the injected ``clock`` (default:
a monotonic clock in ms). A single-shot ``QTimer`` fires when the held keys' gap expires.

Thread: GUI thread only. The filter, its timer and every signal live on the GUI thread;
``scan_received`` is emitted synchronously from inside ``eventFilter`` after the filter's own
state is consistent (a slot may open a dialog).

Usage in a station::

    self.wedge = WedgeFilter(self, scope=self)     # only keys aimed at this station's widgets
    self.wedge.install()                            # on the QApplication
    self.wedge.scan_received.connect(self._on_wedge_scan_received)
    disable_input_method(self.scan_field)           # the IME must not eat scanner keys
    ...
    def close_station(self):
        self.wedge.uninstall()

Keys aimed at ``scope``'s widgets, or at the other widgets of its window while ``scope`` is
shown (a main window's header buttons), are examined; keys aimed at another window (a modal
dialog's badge field) are left alone; a widget
marked with :meth:`WedgeFilter.exempt` (a PIN field) receives its keys untouched.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from devices.scanners.wedge import Decision, WedgeDetector

#: dynamic property: a widget with it set to True gets its keys untouched
EXEMPT_PROPERTY = "wedge_exempt"

_TERMINATOR_KEYS = {
    Qt.Key.Key_Return.value: "enter",
    Qt.Key.Key_Enter.value: "enter",
    Qt.Key.Key_Tab.value: "tab",
}
_COMMAND_MODS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def disable_input_method(widget: QWidget) -> None:
    """Turn the input method (e.g. Chinese pinyin) off for a scan field, so that it cannot
    swallow or compose a scanner's keys, and hint Latin-only, no prediction."""
    widget.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    widget.setInputMethodHints(
        widget.inputMethodHints()
        | Qt.InputMethodHint.ImhLatinOnly
        | Qt.InputMethodHint.ImhNoPredictiveText
    )


def _monotonic_ms() -> float:
    return time.monotonic() * 1000.0


@dataclass(frozen=True, slots=True)
class WedgeScan:
    """One scan with its key timing (for the device panel's scanner test)."""

    code: str
    keys: int  # key presses including the terminator
    avg_gap_ms: float
    max_gap_ms: float
    terminator: str  # 'enter' | 'tab' | '' (flushed without one)
    widget: str  # objectName or class of the widget that had the focus


@dataclass(slots=True)
class _Held:
    """A key press held back by the detector, with where it was going."""

    widget: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    t_ms: float


_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)


class WedgeFilter(QObject):
    """Event filter telling scanner bursts from typing (see the module docstring).

    ``scope``: when given, only keys aimed at that widget or its descendants, or at the rest of
    its window while it is shown, are examined.
    ``max_gap_ms``/``min_length``/``terminators``: passed to the detector. ``grace_ms``: extra
    real time the flush timer waits beyond the detector's deadline. ``clock``: ms clock used
    when an event has no timestamp (tests may inject one).
    """

    scan_received = Signal(str)
    scan_measured = Signal(object)  # WedgeScan, emitted right after scan_received

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        scope: QWidget | None = None,
        max_gap_ms: float = 40.0,
        min_length: int = 4,
        terminators: tuple[str, ...] = ("enter", "tab"),
        grace_ms: int = 10,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        self.detector = WedgeDetector(
            max_gap_ms=max_gap_ms, min_length=min_length, terminators=terminators
        )
        self._scope = scope
        self._clock = clock or _monotonic_ms
        self._grace_ms = grace_ms
        self._held: list[_Held] = []
        self._redelivering = False
        self._enabled = True
        self._installed_on: QObject | None = None
        # the event being handled (a key event propagates to parents: examine it only once)
        self._current: tuple[int, int, int, str, int] | None = None
        self._current_widget: QWidget | None = None
        # event time <-> our clock, for the flush timer
        self._last_event_ms = 0.0
        self._last_event_clock = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        #: counters for the device panel and tests
        self.scans = 0
        self.released_keys = 0

    # set-up --------------------------------------------------------------------------------

    def install(self, target: QObject | None = None) -> WedgeFilter:
        """Install on ``target`` (default: the QApplication)."""
        self.uninstall()
        target = target or QCoreApplication.instance()
        if target is not None:
            target.installEventFilter(self)
            self._installed_on = target
        return self

    def uninstall(self) -> None:
        """Remove the filter; keys held at that moment are re-delivered first."""
        self.flush_now()
        target, self._installed_on = self._installed_on, None
        if target is not None and shiboken6.isValid(target):
            target.removeEventFilter(self)

    def set_enabled(self, enabled: bool) -> None:
        """A disabled filter lets every key through (held keys are re-delivered first)."""
        if not enabled:
            self.flush_now()
        self._enabled = enabled

    @property
    def enabled(self) -> bool:
        return self._enabled

    @staticmethod
    def exempt(widget: QWidget, exempt: bool = True) -> None:
        """Let ``widget`` receive its keys untouched (a PIN or password field)."""
        widget.setProperty(EXEMPT_PROPERTY, exempt)

    @property
    def pending(self) -> str:
        """Text held right now (a burst in progress, or typing not yet echoed)."""
        return self.detector.pending

    def flush_now(self) -> None:
        """Re-deliver held keys now, whatever the time (focus changes, tests, shutdown)."""
        dl = self.detector.deadline_ms
        if dl is None:
            return
        self._timer.stop()
        self._apply(self.detector.flush(dl + 1), None)

    # the filter ----------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        etype = event.type()
        if etype == QEvent.Type.KeyPress:
            return self._key_press(obj, event)  # type: ignore[arg-type]
        if (
            etype == QEvent.Type.ShortcutOverride
            and self.detector.pending
            and self._examined(obj)
            and self._kind(event)[0] != "other"  # type: ignore[arg-type]
        ):
            event.accept()  # mid-burst: the keys are ours, no single-key shortcut may take them
            return True
        return False

    def _examined(self, obj: QObject) -> bool:
        if self._redelivering or not self._enabled or not isinstance(obj, QWidget):
            return False
        if obj.property(EXEMPT_PROPERTY):
            return False
        scope = self._scope
        if scope is None or obj is scope or scope.isAncestorOf(obj):
            return True
        # the rest of the station's own window (the main window's header: the language and
        # voice buttons, "Stations (F2)") while the station is on screen: a scan typed while
        # one of them has the focus is the station's scan, not a click on that button. Keys
        # aimed at another window (a dialog's PIN or badge field) are left alone.
        if scope.isWindow() or not scope.isVisible():
            return False
        return obj.window() is scope.window()

    def _kind(self, ev: QKeyEvent) -> tuple[str, str | None]:
        key = ev.key()
        mods = ev.modifiers()
        if ev.isAutoRepeat():
            return "other", None  # a key held down repeats at ~30 ms: that is a person
        term = _TERMINATOR_KEYS.get(key)
        if term is not None:
            plain = not (mods & (_COMMAND_MODS | Qt.KeyboardModifier.ShiftModifier))
            return (term if plain else "other"), None
        text = ev.text()
        if text and text.isprintable() and not (mods & _COMMAND_MODS):
            return "char", text
        return "other", None

    def _key_press(self, obj: QObject, ev: QKeyEvent) -> bool:
        if not self._examined(obj):
            return False
        if ev.key() in _MODIFIER_KEYS:
            # a scanner presses Shift for every capital letter (SF…, JDV…): the modifier key
            # itself is not part of the code and must not end the burst
            return False
        ident = (
            shiboken6.getCppPointer(ev)[0],
            ev.timestamp(),
            ev.key(),
            ev.text(),
            int(ev.modifiers().value),
        )
        if ident == self._current and self._is_propagation(obj):
            return False  # the same press travelling up to a parent: already decided "pass"
        self._current = ident
        self._current_widget = obj  # type: ignore[assignment]
        kind, text = self._kind(ev)
        t = float(ev.timestamp()) or self._clock()
        self._last_event_ms = t
        self._last_event_clock = self._clock()
        d = self.detector.feed(text, kind, t)
        scan_info = self._apply(d, _Held(obj, ev.key(), ev.modifiers(), text or "", t), kind)  # type: ignore[arg-type]
        self._arm_timer()
        if d.swallow:
            ev.accept()
        if scan_info is not None:
            self._emit(scan_info)
        return d.swallow

    def _is_propagation(self, obj: QObject) -> bool:
        w = self._current_widget
        if w is None or not shiboken6.isValid(w):
            return False
        p = w.parentWidget()
        while p is not None:
            if p is obj:
                return True
            p = p.parentWidget()
        return False

    # applying a decision -------------------------------------------------------------------

    def _apply(self, d: Decision, current: _Held | None, kind: str = "") -> WedgeScan | None:
        """Mirror the detector's buffer: release and scan take held keys from the front."""
        released = self._take(len(d.release))
        scanned = self._take(len(d.scan)) if d.scan is not None else []
        if current is not None and d.swallow and kind == "char":
            self._held.append(current)
        if len("".join(h.text for h in self._held)) != len(self.detector.pending):
            self._held.clear()  # cannot happen; never let a mismatch deliver wrong keys
        if released:
            self._redeliver(released)
        if d.scan is None:
            return None
        return self._measure(d.scan, scanned, current, kind)

    def _take(self, n_chars: int) -> list[_Held]:
        out: list[_Held] = []
        while n_chars > 0 and self._held:
            h = self._held.pop(0)
            out.append(h)
            n_chars -= len(h.text)
        return out

    def _redeliver(self, keys: list[_Held]) -> None:
        self.released_keys += len(keys)
        self._redelivering = True
        try:
            for h in keys:
                if not shiboken6.isValid(h.widget):
                    continue  # the field is gone
                for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    ev = QKeyEvent(etype, h.key, h.modifiers, h.text)
                    ev.setTimestamp(int(h.t_ms))
                    QApplication.sendEvent(h.widget, ev)
        finally:
            self._redelivering = False

    def _measure(self, code: str, keys: list[_Held], current: _Held | None, kind: str) -> WedgeScan:
        times = [h.t_ms for h in keys]
        term = kind if kind in ("enter", "tab") and current is not None else ""
        if term and current is not None:
            times.append(current.t_ms)
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        target = keys[0].widget if keys else (current.widget if current else None)
        name = ""
        if target is not None and shiboken6.isValid(target):
            name = target.objectName() or type(target).__name__
        return WedgeScan(
            code=code,
            keys=len(times),
            avg_gap_ms=round(sum(gaps) / len(gaps), 2) if gaps else 0.0,
            max_gap_ms=round(max(gaps), 2) if gaps else 0.0,
            terminator=term,
            widget=name,
        )

    def _emit(self, scan: WedgeScan) -> None:
        self.scans += 1
        self.scan_received.emit(scan.code)
        self.scan_measured.emit(scan)

    # the flush timer -----------------------------------------------------------------------

    def _arm_timer(self) -> None:
        dl = self.detector.deadline_ms
        if dl is None:
            self._timer.stop()
            return
        wait = max(0.0, dl - self._last_event_ms) + self._grace_ms
        self._timer.start(int(wait) + 1)

    def _on_timer_timeout(self) -> None:
        if self.detector.deadline_ms is None:
            return
        # event time now = the last event's time + the real time since it was handled
        now = self._last_event_ms + (self._clock() - self._last_event_clock)
        info = self._apply(self.detector.flush(now), None)
        if self.detector.deadline_ms is not None:
            self._arm_timer()  # woke a little early: try again
        if info is not None:
            self._emit(info)
