"""The wait after a wrong PIN, on screen: the button that sends a PIN stays disabled and the
seconds count down, without blocking the GUI thread (a `QTimer` ticks once a second).

The service says how long (``wait`` on ``wrong_pin`` and ``pin_wait``,
`app.services.pin_guard`); it also refuses a try that comes too early, so this is the screen's
courtesy, not the protection.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton

#: the refusals that concern the PIN itself (the dialog stays open for another try)
PIN_CODES = frozenset({"wrong_pin", "pin_wait", "pin_required", "badge_locked", "pin_too_short"})


def wait_seconds(exc: BaseException) -> int:
    """The seconds before the next try that a refusal asks for (0: none)."""
    if getattr(exc, "code", "") not in ("wrong_pin", "pin_wait"):
        return 0
    try:
        return max(int(getattr(exc, "params", {}).get("wait", 0)), 0)
    except (TypeError, ValueError):
        return 0


class PinCountdown:
    """Keeps ``button`` disabled for the wait, calling ``on_tick(seconds_left)`` each second
    (and with 0 when it may be pressed again). GUI thread. A plain helper holding a `QTimer`
    that the button owns (no QObject of its own to outlive or be outlived by its widgets)."""

    def __init__(self, button: QAbstractButton, on_tick: Callable[[int], None]) -> None:
        self._button = button
        self._on_tick = on_tick
        self.left = 0
        self._timer = QTimer(button)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def running(self) -> bool:
        return self.left > 0

    def start(self, seconds: int) -> None:
        self.left = max(int(seconds), 0)
        if not self.left:
            self.stop()
            return
        self._button.setEnabled(False)
        self._on_tick(self.left)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.left = 0
        self._button.setEnabled(True)

    def _on_timer_timeout(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.stop()
            self._on_tick(0)
        else:
            self._on_tick(self.left)
