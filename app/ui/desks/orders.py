"""The order browser (订单查询): find an order by number, waybill, name or phone tail.

The table is a `QAbstractTableModel` that pages through `search_orders` 200 rows at a time
(`canFetchMore`/`fetchMore`), so a million orders never sit in memory or in widgets. Every
query runs on the job pool; a result that arrives after the filter changed is dropped.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain import floortime
from app.domain.privacy import mask_name, mask_phone
from app.domain.stations import station_roles
from app.services.orders import (
    OrderFilter,
    OrderRow,
    count_orders,
    filter_choices,
    order_story,
    search_orders,
)
from app.services.video import clipped_order_ids
from app.ui.kit.texts import (
    STATUSES,
    event_label,
    exception_text,
    hold_reason_label,
    status_label,
)
from app.ui.kit.timeline import detail_item
from app.ui.kit.widgets import local_time
from app.ui.kit.workers import JobRunner

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext

PAGE = 200
_Index = QModelIndex | QPersistentModelIndex


class OrderTableModel(QAbstractTableModel):
    """Pages of `OrderRow` fetched on demand, off the GUI thread."""

    count_changed = Signal(int)  # matching orders, capped (see `count_orders`)
    search_failed = Signal(str)
    page_loaded = Signal()

    COLUMNS = (
        "order_no",
        "status",
        "receiver_name",
        "phone_tail",
        "place",
        "carrier",
        "waybill_no",
        "video",
        "item_count",
        "paid_at",
        "shop",
    )
    VIDEO_MARK = "▶"  # the parcel has a packing video (打包视频)

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: list[OrderRow] = []
        self._clipped: set[int] = set()  # orders with a packing video
        self._filter = OrderFilter()
        self._generation = 0
        self._loading = False
        self._exhausted = True
        self._jobs = JobRunner(self)

    # --- querying ---------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._loading

    def set_filter(self, f: OrderFilter) -> None:
        """Start a new search; rows of the previous one are cleared at once."""
        self._generation += 1
        self.beginResetModel()
        self._filter = f
        self._rows = []
        self._clipped = set()
        self._exhausted = False
        self._loading = False
        self.endResetModel()
        gen = self._generation
        db = self._db

        def count() -> int:
            with db.read() as s:
                return count_orders(s, f)

        self._jobs.submit(count, lambda n: self._on_count(gen, n), self._on_failed)
        self._request_page()

    def refresh(self) -> None:
        self.set_filter(self._filter)

    def _request_page(self) -> None:
        if self._loading or self._exhausted:
            return
        self._loading = True
        gen, f, offset, db = self._generation, self._filter, len(self._rows), self._db

        def page() -> tuple[list[OrderRow], set[int]]:
            with db.read() as s:
                rows = search_orders(s, f, offset=offset, limit=PAGE)
                return rows, clipped_order_ids(s, [r.id for r in rows])

        self._jobs.submit(page, lambda rows: self._on_page(gen, rows), self._on_failed)

    def _on_count(self, gen: int, n: int) -> None:
        if gen == self._generation:
            self.count_changed.emit(n)

    def _on_page(self, gen: int, page: tuple[list[OrderRow], set[int]]) -> None:
        if gen != self._generation:
            return  # a newer search has started
        rows, clipped = page
        self._clipped |= clipped
        self._loading = False
        if len(rows) < PAGE:
            self._exhausted = True
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.page_loaded.emit()

    def _on_failed(self, exc: Exception) -> None:
        self._loading = False
        self._exhausted = True
        self.search_failed.emit(exception_text(exc))

    # --- the model --------------------------------------------------------------------------

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._request_page()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def row_at(self, row: int) -> OrderRow:
        return self._rows[row]

    def has_video(self, row: int) -> bool:
        return self._rows[row].id in self._clipped

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (
            self.tr("Order no."),
            self.tr("Status"),
            self.tr("Receiver"),
            self.tr("Phone tail"),
            self.tr("Destination"),
            self.tr("Carrier"),
            self.tr("Waybill no."),
            self.tr("Video"),
            self.tr("Items"),
            self.tr("Paid at"),
            self.tr("Shop"),
        )
        return titles[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "status":
                text = status_label(r.status)
                if r.status == "held" and r.hold_reason:
                    text += f" · {hold_reason_label(r.hold_reason)}"
                return text
            if col == "place":
                return f"{r.province} {r.city}".strip()
            if col == "paid_at":
                return local_time(r.paid_at)
            if col == "video":
                return self.VIDEO_MARK if r.id in self._clipped else ""
            return getattr(r, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == "video" and r.id in self._clipped:
            return self.tr("This parcel has a packing video: open it at the dispute desk.")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "video":
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "item_count":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


class OrderDetail(QWidget):
    """One order: header, its lines and its event timeline (loaded off the GUI thread)."""

    loaded = Signal(dict)

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._jobs = JobRunner(self)
        self._order_id: int | None = None
        self.header = QLabel(self.tr("Open an order to see its lines and its history."))
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines = QTableWidget(0, 5)
        self.lines.setHorizontalHeaderLabels(
            [
                self.tr("SKU"),
                self.tr("Product"),
                self.tr("Qty"),
                self.tr("Unit g"),
                self.tr("Verified"),
            ]
        )
        self.events = QTableWidget(0, 5)
        self.events.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("What"),
                self.tr("Station"),
                self.tr("Operator"),
                self.tr("Detail"),
            ]
        )
        for t in (self.lines, self.events):
            t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            t.verticalHeader().setVisible(False)
            t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            t.horizontalHeader().setStretchLastSection(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.lines, self.tr("Lines"))
        self.tabs.addTab(self.events, self.tr("History"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.header)
        lay.addWidget(self.tabs, 1)

    def show_order(self, order_id: int) -> None:
        self._order_id = order_id
        db = self._db

        def load() -> dict:
            with db.read() as s:
                return order_story(s, order_id)

        self._jobs.submit(load, lambda st: self._on_loaded(order_id, st), self._on_failed)

    def _on_failed(self, exc: Exception) -> None:
        self.header.setText(exception_text(exc))

    def _on_loaded(self, order_id: int, st: dict) -> None:
        if order_id != self._order_id:
            return
        status = status_label(st["status"])
        if st.get("hold_reason"):
            status += f" · {hold_reason_label(st['hold_reason'])}"
        parts = [
            f"<b style='font-size:16pt'>{st['order_no']}</b> &nbsp; {status}",
            f"{mask_name(st['receiver_name'])} {mask_phone(st['receiver_phone'])}"
            f" — {st['address']}",
            self.tr("Carrier {carrier}, waybill {waybill}").format(
                carrier=st["carrier"] or "-", waybill=st["waybill_no"] or "-"
            ),
            self.tr("Expected weight {grams} g ± {tol} g").format(
                grams=st["expected_grams"], tol=st["tolerance_grams"]
            ),
        ]
        if st.get("buyer_message"):
            parts.append(self.tr("Buyer message: {text}").format(text=st["buyer_message"]))
        if st.get("seller_remark"):
            parts.append(self.tr("Seller remark: {text}").format(text=st["seller_remark"]))
        self.header.setText("<br>".join(parts))
        self.lines.setRowCount(len(st["lines"]))
        for i, li in enumerate(st["lines"]):
            for j, v in enumerate(
                (li["sku"], li["name"], li["qty"], li["unit_grams"], li["verified_qty"])
            ):
                self.lines.setItem(i, j, QTableWidgetItem(str(v)))
        self.events.setRowCount(len(st["events"]))
        for i, ev in enumerate(st["events"]):
            for j, v in enumerate(
                (local_time(ev["at"]), event_label(ev["kind"]), ev["station"], ev["operator"])
            ):
                self.events.setItem(i, j, QTableWidgetItem(str(v)))
            self.events.setItem(i, 4, detail_item(ev["kind"], ev["detail"]))
        self.loaded.emit(st)


class OrderBrowser(QWidget):
    """The order browser station: filters on top, the table, the opened order below."""

    STATION = "orders"
    ROLES = station_roles("orders")

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Stations", "Order browser")

    def __init__(self, ctx: StationContext, parent=None) -> None:
        super().__init__(parent)
        db = ctx.db
        self.ctx = ctx
        self._db = db
        self._jobs = JobRunner(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Order no., waybill no., receiver name or last 4 digits of the phone")
        )
        self.search.setClearButtonEnabled(True)
        big = QFont(self.search.font())
        big.setPointSize(max(big.pointSize(), 14))
        self.search.setFont(big)
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), "")
        for st in STATUSES:
            self.status.addItem(status_label(st), st)
        self.carrier = QComboBox()
        self.carrier.addItem(self.tr("All carriers"), None)
        self.shop = QComboBox()
        self.shop.addItem(self.tr("All shops"), None)
        self.paid = QComboBox()
        for label, key in (
            (self.tr("Paid: any time"), "any"),
            (self.tr("Paid today"), "today"),
            (self.tr("Paid yesterday"), "yesterday"),
            (self.tr("Paid in the last 7 days"), "7d"),
            (self.tr("Paid in the last 30 days"), "30d"),
            (self.tr("Paid between…"), "range"),
        ):
            self.paid.addItem(label, key)
        floor_today = QDate(*floortime.today().timetuple()[:3])
        self.paid_from = QDateEdit(floor_today.addDays(-7))
        self.paid_to = QDateEdit(floor_today)
        for d in (self.paid_from, self.paid_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.setVisible(False)
        self.count_label = QLabel()

        self.model = OrderTableModel(db, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.detail = OrderDetail(db)

        filters = QHBoxLayout()
        for w in (self.status, self.carrier, self.shop, self.paid, self.paid_from, self.paid_to):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.search)
        lay.addLayout(filters)
        lay.addWidget(split, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.run_search)
        for combo in (self.status, self.carrier, self.shop):
            combo.currentIndexChanged.connect(self.run_search)
        self.paid.currentIndexChanged.connect(self._on_paid_current_index_changed)
        self.paid_from.dateChanged.connect(self.run_search)
        self.paid_to.dateChanged.connect(self.run_search)
        self.model.count_changed.connect(self._on_model_count_changed)
        self.model.search_failed.connect(self.count_label.setText)
        self.model.page_loaded.connect(self._on_model_page_loaded)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        self.table.activated.connect(self._on_table_activated)

        self._kept_filters: tuple[Any, Any] | None = None  # set by resume_state
        self._jobs.submit(self._load_choices, self._on_choices_loaded)
        self.run_search()

    # --- filters ----------------------------------------------------------------------------

    def _load_choices(self) -> dict:
        with self._db.read() as s:
            return filter_choices(s)

    def _on_choices_loaded(self, choices: dict) -> None:
        for combo, key in ((self.carrier, "carriers"), (self.shop, "shops")):
            combo.blockSignals(True)
            for cid, name in choices[key]:
                combo.addItem(name, cid)
            combo.blockSignals(False)
        kept = self._kept_filters
        if kept is not None:  # a language switch: the carrier and shop chosen before
            self._kept_filters = None
            for combo, data in ((self.carrier, kept[0]), (self.shop, kept[1])):
                i = combo.findData(data)
                if i >= 0:
                    combo.setCurrentIndex(i)
            self.run_search()

    def keep_state(self) -> dict:
        """The search, the filters and the order shown, for the station rebuilt in the
        other language (`resume_state`)."""
        return {
            "text": self.search.text(),
            "status": self.status.currentIndex(),
            "paid": self.paid.currentIndex(),
            "range": (self.paid_from.date(), self.paid_to.date()),
            "carrier": self.carrier.currentData(),
            "shop": self.shop.currentData(),
            "order_id": self.detail._order_id,
            "tab": self.detail.tabs.currentIndex(),
        }

    def resume_state(self, state: dict) -> None:
        self.search.blockSignals(True)
        self.search.setText(state.get("text", ""))
        self.search.blockSignals(False)
        self.status.setCurrentIndex(state.get("status", 0))
        if "range" in state:
            self.paid_from.setDate(state["range"][0])
            self.paid_to.setDate(state["range"][1])
        self.paid.setCurrentIndex(state.get("paid", 0))
        self._kept_filters = (state.get("carrier"), state.get("shop"))
        if state.get("order_id") is not None:
            self.detail.show_order(state["order_id"])
            self.detail.tabs.setCurrentIndex(state.get("tab", 0))
        self.run_search()

    def _paid_range(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        """Paid-time bounds: days of the floor's clock, from its midnight to the next."""
        key = self.paid.currentData()
        zone = floortime.floor_zone()
        today = floortime.today(zone=zone)
        day = dt.timedelta(days=1)

        def start(d: dt.date) -> dt.datetime:
            return floortime.at_floor(d, dt.time(0), zone)

        if key == "today":
            return start(today), None
        if key == "yesterday":
            return start(today - day), start(today)
        if key == "7d":
            return start(today - 6 * day), None
        if key == "30d":
            return start(today - 29 * day), None
        if key == "range":
            first, last = self.paid_from.date(), self.paid_to.date()
            return (
                start(dt.date(first.year(), first.month(), first.day())),
                start(dt.date(last.year(), last.month(), last.day()) + day),
            )
        return None, None

    def current_filter(self) -> OrderFilter:
        status = self.status.currentData()
        paid_from, paid_to = self._paid_range()
        return OrderFilter(
            text=self.search.text().strip(),
            statuses=(status,) if status else (),
            carrier_id=self.carrier.currentData(),
            shop_id=self.shop.currentData(),
            paid_from=paid_from.astimezone(dt.UTC) if paid_from else None,
            paid_to=paid_to.astimezone(dt.UTC) if paid_to else None,
        )

    def run_search(self) -> None:
        self._debounce.stop()
        self.count_label.setText(self.tr("Searching…"))
        self.model.set_filter(self.current_filter())

    def focus_scan_field(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- slots ------------------------------------------------------------------------------

    def _on_paid_current_index_changed(self, _i: int) -> None:
        custom = self.paid.currentData() == "range"
        self.paid_from.setVisible(custom)
        self.paid_to.setVisible(custom)
        self.run_search()

    def _on_model_count_changed(self, n: int) -> None:
        if n > 100_000:
            self.count_label.setText(self.tr("more than 100,000 orders"))
        else:
            self.count_label.setText(self.tr("%n order(s)", "", n))

    def _on_model_page_loaded(self) -> None:
        if self.model.rowCount() <= PAGE:
            self.table.resizeColumnsToContents()
        # a search for one exact order opens it at once
        if self.model.rowCount() == 1 and self.search.text().strip():
            self.table.selectRow(0)

    def _on_table_row_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if current.isValid():
            self.detail.show_order(self.model.row_at(current.row()).id)

    def _on_table_activated(self, index: QModelIndex) -> None:
        self.detail.show_order(self.model.row_at(index.row()).id)
        self.detail.tabs.setCurrentIndex(1)
