"""The print station's platform e-waybill panel (电子面单): per account its platform, branch and
numbers left; per platform its print component (reached, its printers); the printer chosen
per carrier. Hidden on a floor without platform accounts.

The accounts come from the database with the station's refresh; the balances (the platforms'
``search``) and the components' printers (their WebSocket) are network calls and run on the
job pool (`JobRunner`), on opening, on Refresh and after each batch. The component address per
platform and the printer per platform and carrier are this station's settings
(`app.services.platform_print.StationComponents`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import accounts
from app.services.accounts import AccountInfo, Balance
from app.services.platform_print import (
    COMPONENTS_SETTING,
    PRINTERS_SETTING,
    ComponentState,
    StationComponents,
    printer_key,
    probe_component,
)
from app.ui.kit.context import StationContext
from app.ui.kit.texts import component_label, platform_label, register_error_texts
from app.ui.kit.workers import JobRunner

LOW_COLOUR = QColor("#b00020")
OK_COLOUR = QColor("#1b7f3b")


def component_problem_text(code: str, platform: str, detail: str = "") -> str:
    """Why a component took nothing, in the operator's words, naming the program to start."""
    name = component_label(platform)
    texts = {
        "not_running": QCoreApplication.translate(
            "Platforms",
            "The {component} is not running or cannot be reached: start it on the print PC, "
            "then press Retry. Nothing was marked printed.",
        ),
        "unknown_printer": QCoreApplication.translate(
            "Platforms",
            "The {component} has no printer called {printer}: choose one of its printers. "
            "Nothing was marked printed.",
        ),
        "refused": QCoreApplication.translate(
            "Platforms", "The {component} refused the task: {detail}. Nothing was marked printed."
        ),
        "no_answer": QCoreApplication.translate(
            "Platforms",
            "The {component} did not answer: check it on the print PC, then press Retry.",
        ),
        "unsupported": QCoreApplication.translate(
            "Platforms", "No print component is known for {component}."
        ),
    }
    text = texts.get(code, texts["refused"])
    return text.format(component=name, printer=detail, detail=detail or code)


def refusal_text(order_no: str, reason: str) -> str:
    """One order the batch left waiting, with the platform's own code and message."""
    kind, _, rest = reason.partition(":")
    if kind == "platform":
        platform, _, code_msg = rest.partition(":")
        code, _, msg = code_msg.partition(":")
        return QCoreApplication.translate(
            "Platforms", "{platform} gave order {order} no number: {code} {message}"
        ).format(platform=platform_label(platform), order=order_no, code=code, message=msg)
    if reason == "needs_component":
        return QCoreApplication.translate(
            "Platforms",
            "Order {order} has a platform e-waybill: it prints at the platform's "
            "print component.",  # fmt: skip
        ).format(order=order_no)
    if kind == "account":
        return QCoreApplication.translate(
            "Platforms", "Order {order}: its shop's e-waybill account cannot be used ({code})."
        ).format(order=order_no, code=rest)
    return QCoreApplication.translate("Platforms", "Order {order}: {reason}").format(
        order=order_no, reason=reason
    )


@register_error_texts
def _error_texts() -> dict[str, str]:
    return {
        "needs_component": QCoreApplication.translate(
            "Error",
            "Waybill {waybill} is a platform e-waybill: it prints only at the platform's print "
            "component.",
        ),
        "needs_label_printer": QCoreApplication.translate(
            "Error",
            "Waybill {waybill} is one of our own numbers: it prints on the label printer, not "
            "at a print component.",
        ),
        "platform_refused": QCoreApplication.translate(
            "Error", "The platform refused: {platform_code} {message}. Nothing was changed."
        ),
        "unknown_account": QCoreApplication.translate(
            "Error", "The e-waybill account {account} no longer exists."
        ),
        "secret_unreadable": QCoreApplication.translate(
            "Error",
            "This station cannot read the e-waybill account's secret (its key is not the one the "
            "account was saved with): save the account again at the admin station.",
        ),
        "platform_not_supported": QCoreApplication.translate(
            "Error", "E-waybills from {platform} are not supported yet."
        ),
    }


@dataclass(frozen=True)
class _Remote:
    balances: list[Balance]
    components: dict[str, ComponentState]
    threshold: int


class ComponentAddressDialog(QDialog):
    """Where each platform's print component listens (the floor's Windows print PC)."""

    def __init__(self, addresses: dict[str, str], platforms: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print component addresses"))
        form = QFormLayout(self)
        hint = QLabel(
            self.tr(
                "The platforms' print components run on the print PC. Give its address and "
                "port (for example 192.168.1.20:13528); empty: this computer."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.fields: dict[str, QLineEdit] = {}
        for p in platforms:
            field = QLineEdit(addresses.get(p, ""))
            field.setPlaceholderText(StationComponents({}, {}).url(p).split("://", 1)[1] or "")
            self.fields[p] = field
            form.addRow(component_label(p), field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def addresses(self) -> dict[str, str]:
        return {p: f.text().strip() for p, f in self.fields.items() if f.text().strip()}


class PlatformPanel(QFrame):
    """See the module docstring. One line (the components' state, low balances, the buttons)
    with the accounts' table under “Details”: open by default on a screen taller than
    `TALL_SCREEN`, folded on a 768-pixel one so the batch keeps its room."""

    printer_chosen = Signal(str, str)  # printer key (platform/carrier), printer name
    remote_loaded = Signal()  # balances and component states shown

    COLUMNS = 7
    ROWS_SHOWN = 3
    TALL_SCREEN = 900

    def __init__(self, ctx: StationContext, jobs: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.ctx = ctx
        self._jobs = jobs
        self._accounts: list[AccountInfo] = []
        self._remote: _Remote | None = None
        self._loading = False
        self.address_dialog: ComponentAddressDialog | None = None

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Shop"),
                self.tr("Platform"),
                self.tr("Carrier"),
                self.tr("Branch"),
                self.tr("Numbers left"),
                self.tr("Print component"),
                self.tr("Printer"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.title = QLabel(self.tr("Platform e-waybills"))
        self.title.setStyleSheet("font-weight: bold;")
        self.summary = QLabel()  # each component: reached or not
        self.summary.setWordWrap(True)
        self.warning = QLabel()  # the accounts running low
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020; font-weight: bold;")
        self.warning.hide()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Ask the platforms and the print components again"))
        self.address_button = QPushButton(self.tr("Component addresses…"))
        self.details_button = QPushButton(self.tr("Details"))
        self.details_button.setCheckable(True)
        self.refresh_button.clicked.connect(self.refresh_remote)
        self.address_button.clicked.connect(self.edit_addresses)
        self.details_button.toggled.connect(self.table.setVisible)
        row = QHBoxLayout()
        row.addWidget(self.title)
        row.addWidget(self.summary, 1)
        row.addWidget(self.warning, 1)
        for b in (self.refresh_button, self.address_button, self.details_button):
            row.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addLayout(row)
        lay.addWidget(self.table)
        screen = QGuiApplication.primaryScreen()
        tall = screen is not None and screen.availableGeometry().height() >= self.TALL_SCREEN
        self.table.setVisible(tall)
        self.details_button.setChecked(tall)
        self.hide()

    # --- settings --------------------------------------------------------------------------

    def components(self) -> StationComponents:
        return StationComponents.from_extra(self.ctx.settings.extra)

    def _save(self) -> None:
        if not self.ctx.demo:
            from app.settings import save_settings

            save_settings(self.ctx.settings)

    def choose_printer(self, platform: str, carrier: str, printer: str) -> None:
        chosen = dict(self.ctx.settings.extra.get(PRINTERS_SETTING) or {})
        key = printer_key(platform, carrier)
        if printer:
            chosen[key] = printer
        else:
            chosen.pop(key, None)
        self.ctx.settings.extra[PRINTERS_SETTING] = chosen
        self._save()
        self.printer_chosen.emit(key, printer)

    def set_addresses(self, addresses: dict[str, str]) -> None:
        self.ctx.settings.extra[COMPONENTS_SETTING] = dict(addresses)
        self._save()
        self.refresh_remote()

    def edit_addresses(self) -> None:
        platforms = sorted({a.platform for a in self._accounts})
        dlg = ComponentAddressDialog(self.components().addresses, platforms, self)
        self.address_dialog = dlg
        dlg.accepted.connect(lambda: self.set_addresses(dlg.addresses()))
        dlg.open()

    # --- loading ---------------------------------------------------------------------------

    def set_accounts(self, accs: list[AccountInfo]) -> None:
        """The accounts (from the station's refresh); the first time, and when they change,
        the balances and components are asked for."""
        changed = [a.account_id for a in accs] != [a.account_id for a in self._accounts]
        self._accounts = list(accs)
        self.setVisible(bool(accs))
        self._fill()
        if changed and accs:
            self.refresh_remote()

    def refresh_remote(self) -> None:
        if not self._accounts or self._loading:
            return
        self._loading = True
        self.refresh_button.setEnabled(False)
        db, comps = self.ctx.db, self.components()
        platforms = sorted({a.platform for a in self._accounts})

        def load() -> _Remote:
            return _Remote(
                accounts.balances(db),
                {p: probe_component(comps.url(p)) for p in platforms},
                accounts.low_balance_threshold(db),
            )

        self._jobs.submit(load, self._on_remote_loaded, self._on_remote_failed)

    def _on_remote_loaded(self, remote: _Remote) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)
        self._remote = remote
        self._fill()
        self.remote_loaded.emit()

    def _on_remote_failed(self, exc: Exception) -> None:
        from app.ui.kit.texts import exception_text

        self._loading = False
        self.refresh_button.setEnabled(True)
        self.warning.setText(exception_text(exc))
        self.warning.show()

    # --- showing ---------------------------------------------------------------------------

    def _balance_of(self, acc: AccountInfo) -> Balance | None:
        if self._remote is None:
            return None
        for b in self._remote.balances:
            if b.account.account_id == acc.account_id:
                return b
        return None

    def _fill(self) -> None:
        t = self.table
        t.setRowCount(len(self._accounts))
        low: list[str] = []
        threshold = self._remote.threshold if self._remote else 0
        chosen = self.components().printers
        for r, acc in enumerate(self._accounts):
            b = self._balance_of(acc)
            if b is None:
                left, colour = self.tr("…"), None
            elif b.balance is None:
                left, colour = self.tr("not known: {error}").format(error=b.error), LOW_COLOUR
            elif accounts.is_low_balance(b.balance, threshold):
                left, colour = self.tr("{n} — low").format(n=b.balance), LOW_COLOUR
                low.append(
                    self.tr("{carrier} at {shop}: {n} numbers left").format(
                        carrier=acc.carrier, shop=acc.shop, n=b.balance
                    )
                )
            else:
                left, colour = str(b.balance), None
            state = self._remote.components.get(acc.platform) if self._remote else None
            values = (
                acc.shop,
                platform_label(acc.platform),
                acc.carrier,
                (b.branch if b and b.branch else acc.branch) or "",
                left,
                self._state_text(acc.platform, state),
            )
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 4 and colour is not None:
                    item.setForeground(colour)
                if c == 5 and state is not None:
                    item.setForeground(OK_COLOUR if state.ok else LOW_COLOUR)
                t.setItem(r, c, item)
            t.setCellWidget(r, 6, self._printer_combo(acc, state, chosen))
        self._fit_rows(min(len(self._accounts), self.ROWS_SHOWN))
        self._fill_summary()
        if low:
            self.warning.setText(self.tr("Running low: {list}").format(list="; ".join(low)))
        self.warning.setVisible(bool(low))

    def _fill_summary(self) -> None:
        states = self._remote.components if self._remote else {}
        platforms = sorted({a.platform for a in self._accounts})
        self.summary.setText("; ".join(self._state_text(p, states.get(p)) for p in platforms))
        bad = any(not st.ok for st in states.values())
        self.summary.setStyleSheet(
            "color: #b00020; font-weight: bold;" if bad else "color: #1b7f3b;"
        )

    def _fit_rows(self, rows: int) -> None:
        """As tall as its rows (up to `ROWS_SHOWN`, then it scrolls): the batch below keeps
        the room."""
        t = self.table
        t.resizeRowsToContents()
        row_h = t.rowHeight(0) if t.rowCount() else t.verticalHeader().defaultSectionSize()
        t.setFixedHeight(t.horizontalHeader().height() + rows * row_h + 2 * t.frameWidth() + 2)

    def _state_text(self, platform: str, state: ComponentState | None) -> str:
        if state is None:
            return self.tr("…")
        if state.ok:
            return self.tr("{component}: connected, %n printer(s)", "", len(state.printers)).format(
                component=component_label(platform)
            )
        return self.tr("{component}: not reachable at {address}").format(
            component=component_label(platform), address=state.target or "?"
        )

    def _printer_combo(
        self, acc: AccountInfo, state: ComponentState | None, chosen: dict[str, str]
    ) -> QComboBox:
        combo = QComboBox()
        current = chosen.get(printer_key(acc.platform, acc.carrier), "")
        default = state.default if state else ""
        combo.addItem(self.tr("Component's default ({printer})").format(printer=default or "?"), "")
        names = list(state.printers) if state else []
        if current and current not in names:
            names.append(current)
        for n in names:
            combo.addItem(n, n)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.currentIndexChanged.connect(
            lambda _i, a=acc, c=combo: self.choose_printer(a.platform, a.carrier, c.currentData())
        )
        return combo
