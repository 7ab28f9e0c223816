"""The supervisor's daily dashboard (日报看板): the floor's day at a glance.

Big totals (printed, verified, weighed, held, handed over), the same-day cut-off countdown with
the orders still to ship, a bar chart of parcels per hour (one bar per step, so a stalled step
shows as a gap), and tables: per hour, per operator, holds by reason. A day is chosen with the
date field (default today, Beijing time like the cut-off). The numbers come from
`app.services.dashboard.day_summary` on the job pool and are refreshed every minute; the
countdown ticks locally. F5 refreshes at once.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QCoreApplication, QDate, QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.batching import cutoff_at
from app.domain.floortime import to_floor
from app.domain.stations import station_roles
from app.services import dashboard as dash
from app.services.dashboard import METRICS, DaySummary
from app.ui.kit.texts import exception_text, hold_reason_label
from app.ui.kit.widgets import set_big
from app.ui.kit.workers import JobRunner

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext

#: one colour per step; the legend, the tiles and the table headers name them too
METRIC_COLOURS = {
    dash.PRINTED: "#5c6bc0",
    dash.VERIFIED: "#00897b",
    dash.WEIGHED: "#2e7d32",
    dash.HELD: "#c62828",
    dash.HANDED_OVER: "#f9a825",
}


def metric_label(metric: str) -> str:
    labels = {
        dash.PRINTED: QCoreApplication.translate("Dashboard", "Printed"),
        dash.VERIFIED: QCoreApplication.translate("Dashboard", "Verified"),
        dash.WEIGHED: QCoreApplication.translate("Dashboard", "Weighed"),
        dash.HELD: QCoreApplication.translate("Dashboard", "Held"),
        dash.HANDED_OVER: QCoreApplication.translate("Dashboard", "Handed over"),
    }
    return labels.get(metric, metric)


def dashboard_hold_text(reason: str) -> str:
    if reason == "incomplete":
        return QCoreApplication.translate("Dashboard", "Verification incomplete")
    if not reason:
        return QCoreApplication.translate("Dashboard", "(no reason given)")
    return hold_reason_label(reason)


def _font(points: int, bold: bool = False) -> QFont:
    f = QFont(QApplication.font())
    f.setPointSize(points)
    f.setBold(bold)
    return f


def _read_only(table: QTableWidget) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)


def _cell(text: str, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class _Tile(QFrame):
    """A big number with its name under it and a coloured edge."""

    def __init__(self, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setStyleSheet(
            f"#tile {{ border: 1px solid #c5cad3; border-left: 10px solid {colour};"
            " background: #ffffff; }"
        )
        self.number = QLabel("–")
        set_big(self.number, 28)
        self.caption = QLabel()
        set_big(self.caption, 13, bold=False, extra="color: #333;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        lay.setSpacing(0)
        lay.addWidget(self.number)
        lay.addWidget(self.caption)


class DashboardStation(QWidget):
    """Runs on the GUI thread; the counting runs on the job pool."""

    STATION = "dashboard"
    ROLES = station_roles("dashboard")
    REFRESH_MS = 60_000
    TICK_MS = 20_000

    summary_loaded = Signal(object)  # DaySummary
    load_failed = Signal(str)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Stations", "Daily dashboard")

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.db = ctx.db
        self.summary: DaySummary | None = None
        self._jobs = JobRunner(self)
        self._generation = 0
        self._loading = False

        # --- the header: day, refresh, the cut-off ---------------------------------------
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(self._qdate(dash.today()))
        self.date_edit.setMaximumDate(self._qdate(dash.today()))
        self.today_button = QPushButton(self.tr("Today"))
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.updated_label = QLabel()
        self.updated_label.setStyleSheet("color: #555;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Day:")))
        top.addWidget(self.date_edit)
        top.addWidget(self.today_button)
        top.addWidget(self.refresh_button)
        top.addWidget(self.updated_label)
        top.addStretch(1)
        self.cutoff_label = QLabel()
        self.cutoff_label.setWordWrap(True)
        set_big(self.cutoff_label, 16)

        # --- the totals --------------------------------------------------------------------
        self.tiles: dict[str, _Tile] = {}
        tiles = QGridLayout()
        tiles.setHorizontalSpacing(10)
        for i, m in enumerate(METRICS):
            t = _Tile(METRIC_COLOURS[m])
            self.tiles[m] = t
            tiles.addWidget(t, 0, i)
        self.to_ship_tile = _Tile("#37474f")
        tiles.addWidget(self.to_ship_tile, 0, len(METRICS))

        # --- the chart and the per-hour table ------------------------------------------------
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.legend().setFont(_font(12))
        self.chart.setTitleFont(_font(13, bold=True))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(240)
        self.hours_table = QTableWidget(0, len(METRICS) + 1)
        _read_only(self.hours_table)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.chart_view, self.tr("Per hour: chart"))
        self.tabs.addTab(self.hours_table, self.tr("Per hour: table"))

        # --- holds by reason and operators -------------------------------------------------
        self.reasons_table = QTableWidget(0, 2)
        _read_only(self.reasons_table)
        # the reason takes the room, the count only what it needs
        self.reasons_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.reasons_table.setWordWrap(True)
        self.operators_table = QTableWidget(0, len(METRICS) + 1)
        _read_only(self.operators_table)
        self.operators_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        side = QWidget()
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        self.reasons_title = QLabel()
        set_big(self.reasons_title, 14)
        side_lay.addWidget(self.reasons_title)
        side_lay.addWidget(self.reasons_table, 1)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.tabs)
        upper.addWidget(side)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 1)
        lower = QWidget()
        lower_lay = QVBoxLayout(lower)
        lower_lay.setContentsMargins(0, 0, 0, 0)
        self.operators_title = QLabel()
        set_big(self.operators_title, 14)
        lower_lay.addWidget(self.operators_title)
        lower_lay.addWidget(self.operators_table, 1)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(upper)
        body.addWidget(lower)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.cutoff_label)
        lay.addLayout(tiles)
        lay.addWidget(body, 1)
        self._set_headers()

        self.date_edit.dateChanged.connect(self._on_date_edit_date_changed)
        self.today_button.clicked.connect(self._on_today_button_clicked)
        self.refresh_button.clicked.connect(self.reload)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.reload)
        self._refresh = QTimer(self)
        self._refresh.setInterval(self.REFRESH_MS)
        self._refresh.timeout.connect(self._on_refresh_timeout)
        self._refresh.start()
        self._tick = QTimer(self)
        self._tick.setInterval(self.TICK_MS)
        self._tick.timeout.connect(self.update_countdown)
        self._tick.start()
        self.update_countdown()
        self.reload()

    # --- the station protocol -------------------------------------------------------------

    def close_station(self) -> None:
        self._refresh.stop()
        self._tick.stop()
        self._generation += 1  # a late result is dropped

    # --- loading ----------------------------------------------------------------------------

    @staticmethod
    def _qdate(d: dt.date) -> QDate:
        return QDate(d.year, d.month, d.day)

    def chosen_day(self) -> dt.date:
        q = self.date_edit.date()
        return dt.date(q.year(), q.month(), q.day())

    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        self._generation += 1
        gen = self._generation
        db, day = self.db, self.chosen_day()
        self._loading = True
        self.updated_label.setText(self.tr("Counting…"))
        self._jobs.submit(
            lambda: dash.day_summary(db, day),
            lambda s: self._on_summary(gen, s),
            lambda e: self._on_failed(gen, e),
        )

    def _on_refresh_timeout(self) -> None:
        if not self._loading:
            self.reload()

    def _on_date_edit_date_changed(self, _date: QDate) -> None:
        self.reload()

    def _on_today_button_clicked(self) -> None:
        today = self._qdate(dash.today())
        self.date_edit.setMaximumDate(today)
        if self.date_edit.date() == today:
            self.reload()
        else:
            self.date_edit.setDate(today)  # reloads

    def _on_failed(self, gen: int, exc: Exception) -> None:
        if gen != self._generation:
            return
        self._loading = False
        text = exception_text(exc)
        self.updated_label.setText(text)
        self.updated_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.load_failed.emit(text)

    def _on_summary(self, gen: int, s: DaySummary) -> None:
        if gen != self._generation:
            return
        self._loading = False
        self.summary = s
        self.updated_label.setStyleSheet("color: #555;")
        self.updated_label.setText(
            self.tr("Updated {time}").format(time=to_floor(s.generated_at).strftime("%H:%M"))
        )
        self._show_totals(s)
        self._show_chart(s)
        self._show_hours(s)
        self._show_reasons(s)
        self._show_operators(s)
        self.update_countdown()
        self.summary_loaded.emit(s)

    # --- showing ----------------------------------------------------------------------------

    def _set_headers(self) -> None:
        names = [metric_label(m) for m in METRICS]
        self.hours_table.setHorizontalHeaderLabels([self.tr("Hour"), *names])
        self.operators_table.setHorizontalHeaderLabels([self.tr("Operator"), *names])
        self.reasons_table.setHorizontalHeaderLabels([self.tr("Reason"), self.tr("Holds")])
        self.reasons_title.setText(self.tr("Holds by reason"))
        self.operators_title.setText(self.tr("Per operator"))
        for m, t in self.tiles.items():
            t.caption.setText(metric_label(m))
        self.to_ship_tile.caption.setText(self.tr("Still to ship today"))

    def _show_totals(self, s: DaySummary) -> None:
        for m, t in self.tiles.items():
            t.number.setText(str(s.totals[m]))
        is_today = s.day == dash.today()
        self.to_ship_tile.number.setText(str(s.to_ship_total) if is_today else "–")

    @staticmethod
    def hour_label(hour: int) -> str:
        return f"{hour:02d}"

    def _show_chart(self, s: DaySummary) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        hours = list(s.active_hours())
        series = QBarSeries()
        for m in METRICS:
            bar = QBarSet(metric_label(m))
            bar.setColor(QColor(METRIC_COLOURS[m]))
            bar.setBorderColor(QColor(METRIC_COLOURS[m]))
            bar.append([float(s.hours[h][m]) for h in hours])
            series.append(bar)
        self.chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([self.hour_label(h) for h in hours])
        x.setTitleText(self.tr("Hour of the day"))
        x.setLabelsFont(_font(11))
        x.setTitleFont(_font(11))
        y = QValueAxis()
        top = max([1, *(s.hours[h][m] for h in hours for m in METRICS)])
        y.setRange(0, top)
        y.setLabelFormat("%d")
        y.setTickCount(min(top, 5) + 1)
        if top > 5:
            y.applyNiceNumbers()  # whole, round steps (0, 5, 10 …), never 6.4
        y.setTitleText(self.tr("Parcels"))
        y.setLabelsFont(_font(11))
        y.setTitleFont(_font(11))
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        self.chart.setTitle(self.tr("Parcels per hour, {day}").format(day=s.day.isoformat()))

    def _show_hours(self, s: DaySummary) -> None:
        rows = [h for h in range(24) if any(s.hours[h].values())]
        self.hours_table.setRowCount(len(rows) + 1)
        for i, h in enumerate(rows):
            self.hours_table.setItem(i, 0, _cell(f"{h:02d}:00–{h + 1:02d}:00"))
            for j, m in enumerate(METRICS, start=1):
                self.hours_table.setItem(i, j, _cell(str(s.hours[h][m]), True))
        last = len(rows)
        self.hours_table.setItem(last, 0, _cell(self.tr("Whole day")))
        for j, m in enumerate(METRICS, start=1):
            self.hours_table.setItem(last, j, _cell(str(s.totals[m]), True))

    def _show_reasons(self, s: DaySummary) -> None:
        self.reasons_table.setRowCount(max(1, len(s.holds_by_reason)))
        if not s.holds_by_reason:
            self.reasons_table.setItem(0, 0, _cell(self.tr("No holds this day")))
            self.reasons_table.setItem(0, 1, _cell(""))
            return
        for i, (reason, n) in enumerate(s.holds_by_reason):
            self.reasons_table.setItem(i, 0, _cell(dashboard_hold_text(reason)))
            self.reasons_table.setItem(i, 1, _cell(str(n), True))
        self.reasons_table.resizeRowsToContents()

    def _show_operators(self, s: DaySummary) -> None:
        self.operators_table.setRowCount(len(s.operators))
        for i, o in enumerate(s.operators):
            who = f"{o.name} ({o.code})" if o.name else (o.code or self.tr("(no operator)"))
            self.operators_table.setItem(i, 0, _cell(who))
            for j, m in enumerate(METRICS, start=1):
                self.operators_table.setItem(i, j, _cell(str(o.counts[m]), True))

    def update_countdown(self, now: dt.datetime | None = None) -> None:
        """The same-day cut-off: time left (red under an hour), or passed; with the orders paid
        before it that are still in the warehouse. Only for today."""
        now = now or dt.datetime.now(dt.UTC)
        if self.chosen_day() != dash.today(now):
            self.cutoff_label.setText(
                self.tr("A past day: the cut-off countdown is shown for today only.")
            )
            self.cutoff_label.setStyleSheet("font-size: 16pt; color: #555;")
            return
        cut = cutoff_at(now)
        at = to_floor(cut).strftime("%H:%M")
        left = cut - now
        to_ship = self.summary.to_ship_total if self.summary is not None else None
        waiting = (
            self.tr("%n order(s) paid before it still to ship.", "", to_ship)
            if to_ship is not None
            else ""
        )
        if left.total_seconds() <= 0:
            text = self.tr("⚠ Same-day cut-off {time} has passed.").format(time=at)
            urgent = bool(to_ship)
        else:
            minutes = int(left.total_seconds() // 60)
            text = self.tr("Same-day cut-off {time}: {h} h {m:02d} min left.").format(
                time=at, h=minutes // 60, m=minutes % 60
            )
            urgent = minutes < 60
        self.cutoff_label.setText(f"{text} {waiting}".strip())
        colour = "color: #c62828;" if urgent else "color: #10243e;"
        self.cutoff_label.setStyleSheet(f"font-size: 16pt; font-weight: bold; {colour}")
