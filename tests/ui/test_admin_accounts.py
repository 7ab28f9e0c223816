"""The admin station's e-waybill accounts: an account added through the dialog with the admin's
own PIN (its secret sealed, shown nowhere), a wrong PIN saving nothing and saying so, balances
asked of the platform (the stand-in gateway of tests/platforms/gateway.py) off the GUI thread,
a low balance warned about in words, a platform's refusal shown in that account's row."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, text

from app.db.chain import verify_chain
from app.db.models import Event
from app.services import accounts
from app.services.demo import make_demo_data
from app.services.operators import find_operator
from app.ui.desks.admin.account_dialogs import AccountDialog, PinDialog
from app.ui.desks.admin.accounts import ROW_LOW, AccountsTab
from app.ui.desks.admin.station import AdminStation
from app.ui.kit.context import StationContext
from tests.platforms.gateway import TopGateway

SHOP = "棉眠家纺旗舰店"
OTHER_SHOP = "数码优选京东店"


@pytest.fixture(autouse=True)
def station_key(monkeypatch):
    from cryptography.fernet import Fernet

    monkeypatch.setenv("PARCELPROOF_KEY", Fernet.generate_key().decode())


@pytest.fixture
def zh(qapp):
    from app.ui.shell.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


@pytest.fixture
def gateway():
    gw = TopGateway(secret="top-secret-value", session="session-token-value")
    yield gw
    gw.close()


@pytest.fixture
def tab(qtbot, sqlite_db) -> AccountsTab:
    make_demo_data(sqlite_db, 0)
    st = AdminStation(
        StationContext(
            db=sqlite_db, operator=find_operator(sqlite_db, "1008"), station_name="admin-pc"
        )
    )
    qtbot.addWidget(st)
    st.show()
    st.tabs.setCurrentWidget(st.accounts)
    qtbot.waitUntil(lambda: st.idle and bool(st.accounts.shops), timeout=10000)
    return st.accounts


def _fill(qtbot, dlg: AccountDialog, gw: TopGateway, pin: str, shop: str = SHOP) -> None:
    dlg.shop.setCurrentIndex(dlg.shop.findData(shop))
    dlg.carrier.setCurrentIndex(dlg.carrier.findData("ZTO"))
    dlg.platform.setCurrentIndex(dlg.platform.findData("cainiao"))
    for field, value in (
        (dlg.app_key, gw.app_key),
        (dlg.secret, gw.secret),
        (dlg.session, gw.session),
        (dlg.gateway, gw.url),
        (dlg.branch, "571001"),
        (dlg.pin, pin),
    ):
        field.clear()
        qtbot.keyClicks(field, value)


def _all_cells(tab: AccountsTab) -> str:
    t = tab.table
    return " ".join(
        t.item(r, c).text() for r in range(t.rowCount()) for c in range(t.columnCount())
    )


def _add(qtbot, tab: AccountsTab, gw: TopGateway, shop: str = SHOP) -> None:
    dlg = tab.open_add_dialog()
    _fill(qtbot, dlg, gw, "0000", shop)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: tab.station.idle, timeout=10000)


def test_an_account_added_with_the_admins_pin_is_stored_sealed_and_shown_without_secrets(
    qtbot, tab, gateway
):
    st, db = tab.station, tab.db
    assert tab.table.rowCount() == 0
    dlg = tab.open_add_dialog()
    assert dlg.isVisible()
    # the platforms by their names; secret, session token and PIN typed blind
    assert [dlg.platform.itemText(i) for i in range(dlg.platform.count())] == [
        "Cainiao",
        "Pinduoduo",
        "Douyin",
        "JD",
    ]
    for field in (dlg.secret, dlg.session, dlg.pin):
        assert field.echoMode() == field.EchoMode.Password
    _fill(qtbot, dlg, gateway, "0000")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: st.status_kind == "ok", timeout=10000)
    assert not dlg.isVisible()
    assert "ZTO" in st.status.text() and SHOP in st.status.text()
    qtbot.waitUntil(lambda: st.idle and tab.table.rowCount() == 1, timeout=10000)
    row = [tab.table.item(0, c).text() for c in range(tab.table.columnCount())]
    assert row[:5] == [SHOP, "Cainiao", "ZTO", gateway.app_key, "571001"]
    # its balance asked at once with the new credentials
    qtbot.waitUntil(lambda: tab.table.item(0, tab.STATE_COL).text() == "OK", timeout=10000)
    assert tab.table.item(0, tab.BALANCE_COL).text() == "1000"
    cells = _all_cells(tab)
    assert gateway.secret not in cells and gateway.session not in cells
    # saved as that admin, the secret sealed; no event names it
    [acc] = accounts.list_accounts(db)
    assert (acc.shop, acc.carrier, acc.platform) == (SHOP, "ZTO", "cainiao")
    with db.read() as s:
        dump = " ".join(str(r) for r in s.execute(text("SELECT * FROM platform_accounts")))
        events = list(s.scalars(select(Event)))
        s.expunge_all()  # read below, after the session ends
        assert verify_chain(s).intact
    assert gateway.secret not in dump and gateway.session not in dump
    saved = [e for e in events if e.kind == "account_saved"]
    assert [e.operator for e in saved] == ["1008"] and saved[0].station == "admin-pc"
    for e in events:
        blob = json.dumps(e.detail, ensure_ascii=False)
        assert gateway.secret not in blob and gateway.session not in blob
    # the row picked again fills the dialog to replace it, secrets left blank
    tab.table.selectRow(0)
    again = tab.open_add_dialog()
    assert again.app_key.text() == gateway.app_key and again.branch.text() == "571001"
    assert again.secret.text() == "" and again.session.text() == ""
    again.reject()


def test_a_wrong_pin_saves_nothing_and_says_so_in_the_dialog(qtbot, tab, gateway):
    dlg = tab.open_add_dialog()
    _fill(qtbot, dlg, gateway, "9999")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.message.isVisible(), timeout=10000)
    assert dlg.isVisible()  # still open: nothing typed is lost but the PIN
    assert "Wrong PIN" in dlg.message.text() and "Nothing was saved" in dlg.message.text()
    assert dlg.pin.text() == "" and dlg.secret.text() == gateway.secret
    assert accounts.list_accounts(tab.db) == []
    with tab.db.read() as s:
        assert s.scalars(select(Event).where(Event.kind == "account_saved")).all() == []
    # no PIN at all: asked for, nothing sent
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert "PIN" in dlg.message.text()
    assert accounts.list_accounts(tab.db) == []
    # the right one saves it
    qtbot.keyClicks(dlg.pin, "0000")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=10000)
    assert len(accounts.list_accounts(tab.db)) == 1


def test_the_wrong_pin_is_worded_in_chinese(qtbot, zh, tab, gateway):
    dlg = tab.open_add_dialog()
    _fill(qtbot, dlg, gateway, "9999")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.message.isVisible(), timeout=10000)
    assert "PIN" in dlg.message.text() and "未保存" in dlg.message.text()


def test_refresh_shows_the_balance_and_warns_about_a_low_one(qtbot, tab, gateway):
    st = tab.station
    _add(qtbot, tab, gateway)
    qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: st.idle and tab.refresh_button.isEnabled(), timeout=10000)
    assert tab.table.item(0, tab.BALANCE_COL).text() == "1000"
    assert tab.table.item(0, tab.STATE_COL).text() == "OK"
    assert not tab.warning.isVisible()
    # the platform's balance falls under the floor's threshold (500 by default)
    gateway.balance = 120
    qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: st.idle and tab.refresh_button.isEnabled(), timeout=10000)
    assert tab.table.item(0, tab.BALANCE_COL).text() == "120"
    assert tab.table.item(0, tab.STATE_COL).text() == "Low"  # a word, not colour alone
    assert tab.table.item(0, 0).background().color().name() == ROW_LOW
    assert tab.warning.isVisible()
    assert f"ZTO at {SHOP}: 120 numbers left" in tab.warning.text()


def test_the_admin_lowers_the_threshold_with_their_pin(qtbot, tab, gateway):
    st = tab.station
    assert accounts.low_balance_threshold(tab.db) == accounts.DEFAULT_LOW_BALANCE == 500
    _add(qtbot, tab, gateway)
    gateway.balance = 120
    qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: st.idle and tab.warning.isVisible(), timeout=10000)
    tab.threshold.setValue(100)
    qtbot.mouseClick(tab.threshold_button, Qt.MouseButton.LeftButton)
    dlg = tab.pin_dialog
    assert isinstance(dlg, PinDialog)
    qtbot.keyClicks(dlg.pin, "1234")
    qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.message.isVisible(), timeout=10000)
    assert "Wrong PIN" in dlg.message.text()
    assert accounts.low_balance_threshold(tab.db) == 500
    qtbot.keyClicks(dlg.pin, "0000")
    qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=10000)
    assert accounts.low_balance_threshold(tab.db) == 100
    assert not tab.warning.isVisible()
    assert tab.table.item(0, tab.STATE_COL).text() == "OK"
    # recorded like every floor setting
    from app.services.admin import audit_log

    [entry] = [e for e in audit_log(tab.db) if e.entity == "floor_setting"]
    assert (entry.before, entry.after, entry.operator) == (
        {"low_balance": 500},
        {"low_balance": 100},
        "1008",
    )


def test_a_platform_error_shows_the_platforms_code_in_that_row_only(qtbot, tab, gateway):
    st = tab.station
    _add(qtbot, tab, gateway)
    other = TopGateway(app_key="87654321", secret="other-secret", session="other-session")
    try:
        _add(qtbot, tab, other, shop=OTHER_SHOP)
        other.secret = "changed-on-the-platform"  # our stored secret no longer signs right
        qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: st.idle and tab.refresh_button.isEnabled(), timeout=10000)
    finally:
        other.close()
    rows = {
        tab.table.item(r, 0).text(): (
            tab.table.item(r, tab.BALANCE_COL).text(),
            tab.table.item(r, tab.STATE_COL).text(),
        )
        for r in range(tab.table.rowCount())
    }
    assert rows[SHOP] == ("1000", "OK")
    left, state = rows[OTHER_SHOP]
    assert left == "—" and "25" in state and "Invalid Signature" in state
    assert state.startswith("Platform refused")
    assert st.status_kind == "warn" and "1 of 2" in st.status.text()


def test_an_account_this_station_cannot_ask_is_said_in_its_row(qtbot, tab, gateway):
    """An account saved with another station's key (its secret unreadable here) does not
    stop the others' balances."""
    from cryptography.fernet import Fernet

    from app.db.models import PlatformAccount

    st = tab.station
    _add(qtbot, tab, gateway)
    other = accounts.add_account(
        tab.db, shop=OTHER_SHOP, platform="douyin", carrier="ZTO", app_key="dk",
        app_secret="ds", session="dt", operator="1008", pin="0000",
    )  # fmt: skip
    with tab.db.write() as s:  # sealed on another PC with its own key
        s.get(PlatformAccount, other.account_id).secret_enc = (
            Fernet(Fernet.generate_key()).encrypt(b"ds").decode("ascii")
        )
    tab.reload()
    qtbot.waitUntil(lambda: st.idle and tab.table.rowCount() == 2, timeout=10000)
    qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: st.idle and tab.refresh_button.isEnabled(), timeout=10000)
    states = {
        tab.table.item(r, 1).text(): tab.table.item(r, tab.STATE_COL).text()
        for r in range(tab.table.rowCount())
    }
    assert states["Cainiao"] == "OK"
    assert "cannot read" in states["Douyin"]


@pytest.mark.parametrize(
    ("balance", "threshold", "low"),
    [(120, 500, True), (500, 500, False), (None, 500, False), (0, 0, False), (0, 1, True)],
)
def test_is_low_balance(balance, threshold, low):
    assert accounts.is_low_balance(balance, threshold) is low


def test_opening_the_tab_asks_the_balances_and_warns_without_a_click(qtbot, sqlite_db, gateway):
    make_demo_data(sqlite_db, 0)
    accounts.add_account(
        sqlite_db, shop=SHOP, platform="cainiao", carrier="ZTO", app_key=gateway.app_key,
        app_secret=gateway.secret, session=gateway.session, gateway=gateway.url,
        branch="571001", operator="1008", pin="0000",
    )  # fmt: skip
    gateway.balance = 42
    st = AdminStation(
        StationContext(db=sqlite_db, operator=find_operator(sqlite_db, "1008"), station_name="x")
    )
    qtbot.addWidget(st)
    st.show()
    st.tabs.setCurrentWidget(st.accounts)
    qtbot.waitUntil(lambda: st.accounts.warning.isVisible(), timeout=10000)
    assert f"ZTO at {SHOP}: 42 numbers left" in st.accounts.warning.text()


def test_an_account_is_removed_with_the_admins_pin_and_one_with_numbers_stays(qtbot, tab, gateway):
    from app.db.models import Order, PlatformWaybill

    st, db = tab.station, tab.db
    _add(qtbot, tab, gateway)
    assert not tab.remove_button.isEnabled()
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    dlg = tab.pin_dialog
    assert isinstance(dlg, PinDialog) and "ZTO" in dlg.question.text()
    qtbot.keyClicks(dlg.pin, "1111")
    qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.message.isVisible(), timeout=10000)
    assert "Wrong PIN" in dlg.message.text() and "Nothing was removed" in dlg.message.text()
    assert len(accounts.list_accounts(db)) == 1
    dlg.reject()
    # an account that issued a number stays: its numbers are voided through it
    make_demo_data(db, 1, seed=3)
    [acc] = accounts.list_accounts(db)
    with db.write() as s:
        order = s.scalars(select(Order)).first()
        s.add(PlatformWaybill(order_id=order.id, account_id=acc.account_id,
                              waybill_no="7700000000001", object_id="o1", print_data="{}"))  # fmt: skip
    tab.table.selectRow(0)
    dlg = tab.ask_remove_pin()
    qtbot.keyClicks(dlg.pin, "0000")
    qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.message.isVisible(), timeout=10000)
    assert "issued 1 numbers" in dlg.message.text()
    assert len(accounts.list_accounts(db)) == 1
    dlg.reject()
    with db.write() as s:
        s.delete(s.scalars(select(PlatformWaybill)).one())
    # the right PIN removes it; the record of it stays on the chain
    tab.table.selectRow(0)
    dlg = tab.ask_remove_pin()
    qtbot.keyClicks(dlg.pin, "0000")
    qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: st.status_kind == "ok" and "removed" in st.status.text(), timeout=10000)
    qtbot.waitUntil(lambda: st.idle and tab.table.rowCount() == 0, timeout=10000)
    assert accounts.list_accounts(db) == []
    with db.read() as s:
        kinds = [e.kind for e in s.scalars(select(Event).order_by(Event.seq))]
        removed = s.scalars(select(Event).where(Event.kind == "account_removed")).one()
        s.expunge(removed)  # read below, after the session ends
        assert verify_chain(s).intact
    assert kinds.count("account_saved") == 1 and kinds.count("account_removed") == 1
    assert removed.operator == "1008" and removed.detail["carrier"] == "ZTO"
    assert gateway.secret not in json.dumps(removed.detail)
