"""The stations' shared kit: the verdict colours and signs, big type, an order's lines and
the read-only list table, the full-screen stop for an intercepted parcel, and a database
time in the station's local time.

Every station draws with these, so a verdict looks and reads the same wherever it is shown.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

COLOURS = {
    "ok": ("#1b7f3b", "#ffffff"),
    "error": ("#c62828", "#ffffff"),
    "stop": ("#7f0000", "#ffffff"),
    "info": ("#e3ecf7", "#10243e"),
    "warn": ("#f9a825", "#1a1a1a"),
}
ROW_DONE, ROW_PROBLEM, ROW_CURRENT = "#c8e6c9", "#ffcdd2", "#fff59d"  # LinesTable rows
SIGNS = {"ok": "✔", "error": "✖", "stop": "⛔", "info": "➜", "warn": "⚠"}


def big_font(widget: QWidget, points: int, bold: bool = True) -> QFont:
    f = QFont(widget.font())
    f.setPointSize(points)
    f.setBold(bold)
    return f


def set_big(widget: QWidget, points: int, bold: bool = True, extra: str = "") -> None:
    """Big type that survives the application style sheet (which sets a base font size)."""
    widget.setFont(big_font(widget, points, bold))
    weight = "bold" if bold else "normal"
    widget.setStyleSheet(f"font-size: {points}pt; font-weight: {weight}; {extra}")


def keep_lines(label: QLabel, lines: int) -> None:
    """Room for ``lines`` lines of the label's type whatever it shows, so that a new text
    (a verdict, an instruction, reminders) repaints the label alone, not the whole station
    laid out again. Measured on Chinese and Latin text: the CJK fallback font's lines are
    taller than the base font's."""
    text = label.text()
    label.setText("\n".join(["国Ag"] * lines))
    label.setMinimumHeight(label.sizeHint().height())
    label.setText(text)


class StopOverlay(QFrame):
    """The full-screen red stop for an intercepted parcel (lives over the whole station)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setStyleSheet("StopOverlay { background: #b00000; } QLabel { color: white; }")
        self.title = QLabel()
        set_big(self.title, 54)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QLabel()
        set_big(self.detail, 24)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.hint = QLabel(self.tr("Put the parcel in the interception bin, then press Enter."))
        set_big(self.hint, 18, bold=False)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(self.title)
        lay.addWidget(self.detail)
        lay.addSpacing(30)
        lay.addWidget(self.hint)
        lay.addStretch(1)
        self.hide()

    def show_stop(self, title: str, detail: str) -> None:
        self.title.setText("⛔ " + title)
        self.detail.setText(detail)
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()


class LinesTable(QFrame):
    """An order's (or pick list's) lines in big type: what is expected and what is counted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel()
        set_big(self.header, 16, bold=False)
        self.header.setWordWrap(True)
        keep_lines(self.header, 2)
        self.table = QTableWidget(0, 5)
        set_big(self.table, 18, bold=False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(44)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.progress = QLabel()
        set_big(self.progress, 22)
        keep_lines(self.progress, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.header)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.progress)

    def set_columns(self, titles: list[str]) -> None:
        self.table.setColumnCount(len(titles))
        self.table.setHorizontalHeaderLabels(titles)

    def set_rows(
        self, rows: list[tuple[list[str], bool, bool]], current: int | None = None
    ) -> None:
        """``rows``: (cells, complete, problem). Complete rows are green with a tick.

        Only the cells whose text or colour changed are touched: a scan changes one count
        and one highlight, and replacing every item made the table lay out all its columns
        again (they size to their contents) before the verdict could be painted."""
        t = self.table
        if t.rowCount() != len(rows):
            t.setRowCount(len(rows))
        for i, (cells, complete, problem) in enumerate(rows):
            colour = (
                ROW_DONE
                if complete
                else ROW_PROBLEM
                if problem
                else ROW_CURRENT
                if current == i
                else None
            )
            brush = QBrush(QColor(colour)) if colour else QBrush()
            for j, text in enumerate(cells):
                item = t.item(i, j)
                if item is None:
                    item = QTableWidgetItem(text)
                    item.setBackground(brush)
                    t.setItem(i, j, item)
                    continue
                if item.text() != text:
                    item.setText(text)
                if item.background() != brush:
                    item.setBackground(brush)
        if current is not None and 0 <= current < len(rows):
            t.scrollToItem(t.item(current, 0))

    def clear(self) -> None:
        self.header.setText("")
        self.progress.setText("")
        self.table.setRowCount(0)


def list_table(
    columns: list[str], points: int | None = 14, *, keep_focus_off: bool = True
) -> QTableWidget:
    """A read-only, whole-row-select table for a list (holds, weights, the admin's lists):
    in big type (``points``; None keeps the style's) and, at a scanning station, never taking
    the focus from the scan field."""
    t = QTableWidget(0, len(columns))
    t.setHorizontalHeaderLabels(columns)
    if points is not None:
        set_big(t, points, bold=False)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if keep_focus_off:
        t.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def local_time(t: dt.datetime | str | None) -> str:
    """UTC from the database shown in the station's local time, in the UI language's form."""
    from app.ui.kit import fmt

    return fmt.date_time(t)
