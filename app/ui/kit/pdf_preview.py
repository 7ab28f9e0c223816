"""Seeing a PDF without QtPdf: poppler's ``pdftoppm`` draws the page as PNG, a label shows it.

`pdf_to_png` blocks (a subprocess): call it on the job pool, never on the GUI thread. The dialog
only shows PNG bytes it is given.
"""

from __future__ import annotations

import shutil
import subprocess

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ui.kit.screen import fit_dialog


class PreviewUnavailable(RuntimeError):
    """pdftoppm is missing or could not draw the page."""


def pdf_to_png(pdf: bytes, *, dpi: int = 100, page: int = 1, timeout: float = 60.0) -> bytes:
    """One page of ``pdf`` as PNG bytes via ``pdftoppm -png -r DPI``. Blocking (pool thread)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise PreviewUnavailable("pdftoppm not found: install poppler-utils")
    try:
        proc = subprocess.run(
            [exe, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", "-"],
            input=pdf,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PreviewUnavailable(f"pdftoppm failed: {exc}") from exc
    if proc.returncode != 0 or not proc.stdout.startswith(b"\x89PNG"):
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise PreviewUnavailable(f"pdftoppm could not draw the page: {err}")
    return proc.stdout


class PdfPreviewDialog(QDialog):
    """Shows one rendered page (PNG bytes) in a scroll area; Esc or Enter closes it."""

    def __init__(self, png: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pixmap = QPixmap()
        self.pixmap.loadFromData(png, "PNG")
        self.image = QLabel()
        self.image.setPixmap(self.pixmap)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setStyleSheet("background: white;")
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self, activated=self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addWidget(buttons)
        # the page's size, never more than the screen (its Close button must stay on it)
        fit_dialog(self, QSize(self.pixmap.width() + 60, self.pixmap.height() + 90))
