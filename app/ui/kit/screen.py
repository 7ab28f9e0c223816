"""Windows and dialogs that fit the station's screen.

The commonest station monitor is 1366×768: a window made for 1280×800 loses its bottom rows
(the weigh station's buttons, the scan field, a dialog's Close button). The main window opens
maximised within the screen's available area (or full screen, a setting); a dialog is never
larger than that area and is kept inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def available(widget: QWidget | None = None) -> QRect:
    """The available area (without panels and docks) of the widget's screen, else the
    primary screen's."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def fit_size(size: QSize, area: QRect, margin: int = 0) -> QSize:
    """``size`` shrunk (never grown) to fit ``area`` less ``margin`` on each side."""
    return QSize(
        max(1, min(size.width(), area.width() - 2 * margin)),
        max(1, min(size.height(), area.height() - 2 * margin)),
    )


def fit_dialog(dialog: QWidget, wanted: QSize | None = None, margin: int = 24) -> None:
    """Size a dialog to ``wanted`` (default: its size hint) but never beyond the screen's
    available area, and move it inside that area."""
    area = available(dialog.parentWidget() or dialog)
    size = fit_size(wanted or dialog.sizeHint(), area, margin)
    dialog.resize(size)
    dialog.setMaximumSize(fit_size(QSize(16_777_215, 16_777_215), area))


def show_on_screen(window: QWidget, *, full_screen: bool = False) -> None:
    """Open the main window filling the screen's available area: maximised (the task bar
    stays), or full screen when the floor wants nothing else on the monitor."""
    area = available(window)
    window.setGeometry(area)
    if full_screen:
        window.showFullScreen()
    else:
        window.showMaximized()
