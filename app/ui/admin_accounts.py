"""The admin station's e-waybill accounts tab, under its old name: it lives in
`app.ui.admin.accounts` (the tab) and `app.ui.admin.account_dialogs` (its dialogs)."""

from app.ui.admin.account_dialogs import AccountDialog, PinDialog
from app.ui.admin.accounts import ROW_ERROR, ROW_LOW, AccountsTab, Asked, ask_balances

__all__ = [
    "ROW_ERROR",
    "ROW_LOW",
    "AccountDialog",
    "AccountsTab",
    "Asked",
    "PinDialog",
    "ask_balances",
]
