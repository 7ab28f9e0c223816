"""Locking a station after idle time: any key or mouse press restarts the count."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer, Signal


def _load_event_types() -> None:
    """Create PySide's Python types of every event class now. PySide 6.11 makes them lazily,
    and an application-wide event filter that receives a plain `QEvent` walks its subclasses:
    making one there (seen: ``QtGui.QNativeGestureEvent``) can crash the process, depending on
    which types happened to be made before."""
    for module in (QtCore, QtGui, QtWidgets):
        for name in dir(module):
            if name.endswith("Event"):
                getattr(module, name)


_load_event_types()


class IdleWatcher(QObject):
    """An application-wide event filter (GUI thread); `idled` fires after ``minutes`` idle."""

    idled = Signal()
    _ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idled)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: float) -> None:
        self._timer.stop()
        if minutes > 0:
            self._timer.setInterval(int(minutes * 60_000))
            self._timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in self._ACTIVITY and self._timer.interval() > 0:
            self._timer.start()
        return False
