"""One look for every station: big type, high contrast, readable from 1.5 m."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

STYLE = """
QWidget { font-size: 13pt; }
QLineEdit { padding: 6px; border: 2px solid #444; border-radius: 4px; }
QLineEdit:focus { border-color: #0057b8; }
QPushButton { padding: 8px 16px; }
QTableView { gridline-color: #bbb; }
QHeaderView::section { font-weight: bold; padding: 4px; }
"""


def apply_style(app: QApplication) -> None:
    f = QFont(app.font())
    f.setFamilies(["Noto Sans CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", f.family()])
    app.setFont(f)
    app.setStyleSheet(STYLE)
