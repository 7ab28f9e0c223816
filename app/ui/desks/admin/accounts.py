"""The admin station's "E-waybill accounts" tab (电子面单账号): each shop's account per carrier
on the platform that issues its numbers, its balance asked of the platform, and a warning when
an account runs low.

The table never shows a secret or a session token (`accounts.AccountInfo` has none). Adding or
replacing an account is an admin's act with their own PIN (`accounts.add_account` checks it): a
wrong PIN leaves the dialog open with the reason, and nothing is saved. Each account's platform
is asked for its balance on the job pool (network calls, never on the GUI thread) when the tab
is first shown, after an account is saved (its new credentials tried at once) and on "Refresh
balances"; a platform's refusal is shown in that account's row with the platform's code and
message, not in a dialog. "Remove account" (the admin's PIN again) takes out of use an account
that never issued a number; one that did stays, since its numbers are voided through it.
Which balance is "low" is `accounts.is_low_balance` against the floor's threshold
(`accounts.low_balance_threshold`), the same rule the print station uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import accounts
from app.services import admin as admin_svc
from app.services.errors import ServiceError
from app.ui.desks.admin.account_dialogs import AccountDialog, PinDialog
from app.ui.kit.pin_wait import wait_seconds
from app.ui.kit.texts import (
    exception_text,
    platform_label,
    register_error_texts,
    register_event_labels,
)
from app.ui.kit.widgets import COLOURS, SIGNS, list_table, set_big

if TYPE_CHECKING:
    from app.ui.desks.admin.station import AdminStation

ROW_LOW, ROW_ERROR = "#ffe0b2", "#ffcdd2"


@register_error_texts
def _error_texts() -> dict[str, str]:
    return {
        "unknown_shop": QCoreApplication.translate("Accounts", "No shop is called {shop}."),
        "credentials_required": QCoreApplication.translate(
            "Accounts", "The app key, the secret and the session token are all needed."
        ),
        "platform_not_supported": QCoreApplication.translate(
            "Accounts", "{platform} e-waybills are not supported yet: its balance cannot be asked."
        ),
        "secret_unreadable": QCoreApplication.translate(
            "Accounts",
            "This station cannot read the stored secret: its key ({path} or ${env}) is not the "
            "one the account was saved with.",
        ),
        "unknown_account": QCoreApplication.translate("Accounts", "No account {account}."),
        "no_account": QCoreApplication.translate(
            "Accounts", "{shop} has no e-waybill account for {carrier}."
        ),
        "account_has_numbers": QCoreApplication.translate(
            "Accounts",
            "The account of {shop} for {carrier} issued {count} numbers: they are voided and "
            "reprinted through it, so it stays. Replace its credentials instead.",
        ),
    }


@register_event_labels
def _event_labels() -> dict[str, str]:
    return {
        "account_saved": QCoreApplication.translate("Event", "E-waybill account saved"),
        "account_removed": QCoreApplication.translate("Event", "E-waybill account removed"),
    }


# one account's answer: its balances per branch, or our own refusal (e.g. a secret this
# station cannot read), shown in that account's row
Asked = tuple[accounts.AccountInfo, list[accounts.Balance], ServiceError | None]


def ask_balances(db: Any) -> list[Asked]:
    """Each account's balance, asked of its platform in turn (pool thread): one account's
    failure is that account's, never the others'."""
    out: list[Asked] = []
    for acc in accounts.list_accounts(db):
        try:
            out.append((acc, accounts.account_balances(db, acc), None))
        except ServiceError as exc:
            out.append((acc, [], exc))
    return out


class AccountsTab(QWidget):
    """E-waybill accounts: the table, the low-balance warning, add / replace, refresh."""

    COLUMNS = 8
    BALANCE_COL, STATE_COL = 6, 7

    def __init__(self, station: AdminStation) -> None:
        super().__init__()
        self.station = station
        self.db = station.ctx.db
        self.who = {"operator": station.ctx.operator_code, "station": station.ctx.station_name}
        self.accounts: list[accounts.AccountInfo] = []
        self.asked: dict[int, tuple[list[accounts.Balance], ServiceError | None]] = {}
        self.threshold_value = accounts.DEFAULT_LOW_BALANCE
        self.shops: list[tuple[str, str]] = []
        self.carriers: list[tuple[str, str]] = []
        self.dialog: AccountDialog | None = None
        self._asked_once = False  # balances are asked when the tab is first shown
        self.pin_dialog: PinDialog | None = None
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        bg, fg = COLOURS["warn"]
        set_big(self.warning, 14, extra=f"background: {bg}; color: {fg}; padding: 8px;")
        self.warning.hide()
        self.table: QTableWidget = list_table(
            [
                self.tr("Shop"),
                self.tr("Platform"),
                self.tr("Carrier"),
                self.tr("App key"),
                self.tr("Branch"),
                self.tr("Template"),
                self.tr("Numbers left"),
                self.tr("State"),
            ],
            None,
            keep_focus_off=False,
        )
        self.add_button = QPushButton(self.tr("Add / replace account"))
        self.refresh_button = QPushButton(self.tr("Refresh balances"))
        self.remove_button = QPushButton(self.tr("Remove account"))
        self.remove_button.setEnabled(False)
        self.threshold = QSpinBox()
        self.threshold.setRange(0, accounts.MAX_LOW_BALANCE)
        self.threshold.setGroupSeparatorShown(True)
        self.threshold.setValue(accounts.DEFAULT_LOW_BALANCE)
        self.threshold_button = QPushButton(self.tr("Save threshold"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(self.tr("Warn when fewer numbers are left than")))
        buttons.addWidget(self.threshold)
        buttons.addWidget(self.threshold_button)
        note = QLabel(
            self.tr(
                "Secrets and session tokens are stored encrypted and never shown. Balances "
                "are asked of each platform when you refresh them; 0 turns the warning off."
            )
        )
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.warning)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        lay.addWidget(note)
        self.add_button.clicked.connect(self.open_add_dialog)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.threshold_button.clicked.connect(self.ask_threshold_pin)
        self.remove_button.clicked.connect(self.ask_remove_pin)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None] | None = None,
    ) -> None:
        self.station.run(fn, on_done, on_failed)

    # --- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        db = self.db

        def load() -> tuple:
            return (
                accounts.list_accounts(db),
                accounts.low_balance_threshold(db),
                admin_svc.list_shops(db),
                admin_svc.list_carriers(db),
            )

        self.run(load, self._on_loaded)

    def _on_loaded(self, result: tuple) -> None:
        rows, threshold, shops, carriers = result
        self.accounts = rows
        self.threshold_value = threshold
        self.threshold.setValue(threshold)
        self.shops = [(s.code, s.name) for s in shops]
        self.carriers = [(c.code, c.name) for c in carriers if c.active]
        self._show()
        if not self._asked_once and rows:
            self._asked_once = True
            self.refresh(quiet=True)

    def refresh(self, quiet: bool = False) -> None:
        """Ask every account's platform for its balance (pool thread: network calls).
        ``quiet`` (asked by itself, not by the button): the status line is left as it is
        unless a platform refused."""
        self.refresh_button.setEnabled(False)
        db = self.db
        if not quiet:
            self.station.report("info", self.tr("Asking the platforms for the balances…"))

        def failed(exc: Exception) -> None:
            self.refresh_button.setEnabled(True)
            self.station.report("error", exception_text(exc))

        self.run(lambda: ask_balances(db), lambda r: self._on_balances(r, quiet), failed)

    def _on_balances(self, result: list[Asked], quiet: bool = False) -> None:
        self.refresh_button.setEnabled(True)
        self.accounts = [acc for acc, _b, _e in result]
        self.asked = {acc.account_id: (bals, err) for acc, bals, err in result}
        self._show()
        refused = sum(1 for bals, err in self.asked.values() if err or any(b.error for b in bals))
        if refused:
            self.station.report(
                "warn",
                self.tr("Balances asked: {refused} of {total} accounts refused (see the rows).")
                .format(refused=refused, total=len(result)),
            )  # fmt: skip
        elif not quiet:
            self.station.report(
                "info", self.tr("Balances asked of {total} accounts.").format(total=len(result))
            )

    # --- the table -----------------------------------------------------------------------

    def low_accounts(self) -> list[tuple[accounts.AccountInfo, accounts.Balance]]:
        return [
            (acc, b)
            for acc in self.accounts
            for b in self.asked.get(acc.account_id, ([], None))[0]
            if accounts.is_low_balance(b.balance, self.threshold_value)
        ]

    def _row(self, acc: accounts.AccountInfo) -> tuple[list[str], str]:
        """The row's cells and its colour ("" none)."""
        bals, err = self.asked.get(acc.account_id, ([], None))
        branch, left, colour = acc.branch, "", ""
        if acc.account_id not in self.asked:
            state = self.tr("Not asked yet")
        elif err is not None:
            state, colour = self.tr("Error: {text}").format(text=exception_text(err)), ROW_ERROR
        elif any(b.error for b in bals):
            text = "; ".join(b.error for b in bals if b.error)
            state, colour = self.tr("Platform refused: {error}").format(error=text), ROW_ERROR
            left = "—"
        else:
            if len(bals) == 1:
                branch, left = bals[0].branch or branch, str(bals[0].balance)
            else:
                branch = branch or ", ".join(b.branch for b in bals)
                left = "; ".join(f"{b.branch}: {b.balance}" for b in bals)
            if any(accounts.is_low_balance(b.balance, self.threshold_value) for b in bals):
                state, colour = self.tr("Low"), ROW_LOW
            else:
                state = self.tr("OK")
        cells = [
            acc.shop,
            platform_label(acc.platform),
            acc.carrier,
            acc.app_key,
            branch,
            acc.template_url,
            left,
            state,
        ]
        return cells, colour

    def _show(self) -> None:
        self.table.setRowCount(len(self.accounts))
        for i, acc in enumerate(self.accounts):
            cells, colour = self._row(acc)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if colour:
                    item.setBackground(QColor(colour))
                    item.setForeground(QColor("#1a1a1a"))
                self.table.setItem(i, j, item)
        low = self.low_accounts()
        if low:
            names = "; ".join(
                self.tr("{carrier} at {shop}: {left} numbers left").format(
                    carrier=acc.carrier, shop=acc.shop, left=b.balance
                )
                for acc, b in low
            )
            self.warning.setText(
                f"{SIGNS['warn']} "
                + self.tr("Running low (fewer than {threshold} numbers): {accounts}").format(
                    threshold=self.threshold_value, accounts=names
                )
            )
            self.warning.show()
        else:
            self.warning.hide()

    def current(self) -> accounts.AccountInfo | None:
        sel = self.table.selectionModel().selectedRows()
        return self.accounts[sel[0].row()] if sel and sel[0].row() < len(self.accounts) else None

    def _on_table_item_selection_changed(self) -> None:
        self.remove_button.setEnabled(self.current() is not None)

    # --- adding or replacing -------------------------------------------------------------

    def open_add_dialog(self) -> AccountDialog:
        """The dialog (shown, not blocking); a selected row fills it in to be replaced."""
        dlg = AccountDialog(self.shops, self.carriers, self.current(), self)
        dlg.submitted.connect(lambda values: self._save(dlg, values))
        self.dialog = dlg
        dlg.open()
        return dlg

    def _save(self, dlg: AccountDialog, values: dict[str, str]) -> None:
        db, who = self.db, self.who
        pin = values.pop("pin")

        def done(acc: accounts.AccountInfo) -> None:
            dlg.accept()
            self.asked.pop(acc.account_id, None)  # asked with the old credentials
            self.station.report(
                "ok",
                self.tr("Account saved: {carrier} at {shop} ({platform}).").format(
                    carrier=acc.carrier, shop=acc.shop, platform=platform_label(acc.platform)
                ),
            )
            self._asked_once = True
            self.refresh(quiet=True)  # the new credentials tried at once: the row says

        def failed(exc: Exception) -> None:
            dlg.refused(
                self.tr("{reason} Nothing was saved.").format(reason=exception_text(exc)),
                wait_seconds(exc),
            )

        self.run(
            lambda: accounts.add_account(
                db,
                **values,
                operator=who["operator"],
                pin=pin,
                station=who["station"],
            ),
            done,
            failed,
        )

    # --- the threshold -------------------------------------------------------------------

    def ask_threshold_pin(self) -> PinDialog:
        value = self.threshold.value()
        dlg = PinDialog(
            self.tr("Warn when fewer than {threshold} numbers are left: your PIN to save it.")
            .format(threshold=value),
            self,
        )  # fmt: skip
        dlg.pin_entered.connect(lambda pin: self._save_threshold(dlg, value, pin))
        self.pin_dialog = dlg
        dlg.open()
        return dlg

    def _save_threshold(self, dlg: PinDialog, value: int, pin: str) -> None:
        db, who = self.db, self.who

        def done(saved: int) -> None:
            dlg.accept()
            self.threshold_value = saved
            self._show()
            self.station.report(
                "ok",
                self.tr("Accounts warn when fewer than {threshold} numbers are left.").format(
                    threshold=saved
                ),
            )

        def failed(exc: Exception) -> None:
            dlg.refused(
                self.tr("{reason} Nothing was saved.").format(reason=exception_text(exc)),
                wait_seconds(exc),
            )

        self.run(
            lambda: accounts.set_low_balance_threshold(
                db, value, operator=who["operator"], pin=pin, station=who["station"]
            ),
            done,
            failed,
        )

    # --- removing ------------------------------------------------------------------------

    def ask_remove_pin(self) -> PinDialog | None:
        acc = self.current()
        if acc is None:
            return None
        dlg = PinDialog(
            self.tr("Remove the {platform} account of {shop} for {carrier}? Your PIN:").format(
                platform=platform_label(acc.platform), shop=acc.shop, carrier=acc.carrier
            ),
            self,
        )
        dlg.pin_entered.connect(lambda pin: self._remove(dlg, acc, pin))
        self.pin_dialog = dlg
        dlg.open()
        return dlg

    def _remove(self, dlg: PinDialog, acc: accounts.AccountInfo, pin: str) -> None:
        db, who = self.db, self.who

        def done(_r: object) -> None:
            dlg.accept()
            self.asked.pop(acc.account_id, None)
            self.station.report(
                "ok",
                self.tr("Account removed: {carrier} at {shop}.").format(
                    carrier=acc.carrier, shop=acc.shop
                ),
            )
            self.reload()

        def failed(exc: Exception) -> None:
            dlg.refused(
                self.tr("{reason} Nothing was removed.").format(reason=exception_text(exc)),
                wait_seconds(exc),
            )

        self.run(
            lambda: accounts.remove_account(
                db,
                shop=acc.shop,
                carrier=acc.carrier,
                operator=who["operator"],
                pin=pin,
                station=who["station"],
            ),
            done,
            failed,
        )
