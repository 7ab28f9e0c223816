"""The application icon, from ``resources/icons`` (found like the translations: relative to
the source tree, which an editable install and the checkout both have)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

ICONS = Path(__file__).resolve().parents[3] / "resources" / "icons"
DESKTOP_FILE = "parcelproof"  # resources/linux/parcelproof.desktop, installed under this name


def app_icon() -> QIcon:
    """The window icon: the SVG (sharp at every size) plus the 256 px PNG; the theme's
    ``parcelproof`` icon when the files are not there (an installed copy without resources)."""
    icon = QIcon()
    for name in ("parcelproof.svg", "parcelproof.png"):
        path = ICONS / name
        if path.is_file():
            icon.addFile(str(path))
    if icon.isNull():
        icon = QIcon.fromTheme(DESKTOP_FILE)
    return icon
