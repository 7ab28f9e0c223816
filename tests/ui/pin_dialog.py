"""Typing a PIN into the dialog an act opened (the admin's own PIN, asked again for each act)."""

from __future__ import annotations

from PySide6.QtCore import Qt


def type_pin(qtbot, tab, pin: str = "0000") -> None:
    """The act asks the admin's own PIN again: type it in the dialog ``tab`` opened."""
    qtbot.waitUntil(lambda: getattr(tab, "pin_dialog", None) is not None, timeout=5000)
    dlg = tab.pin_dialog
    qtbot.waitUntil(dlg.isVisible, timeout=5000)
    qtbot.waitUntil(dlg.ok_button.isEnabled, timeout=5000)
    qtbot.keyClicks(dlg.pin, pin)
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
