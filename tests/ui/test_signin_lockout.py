"""The sign-in dialog against a PIN guesser: the button waits out the floor's delay and counts
down, six wrong PINs lock the badge (the sixth is refused as locked), the right PIN is refused
while locked with until when, an admin unlocks it in the admin station's operators tab, and
`--operator` for a supervisor asks the PIN before the station opens."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.domain import pins
from app.services import pin_guard
from app.services.demo import make_demo_data
from app.services.operators import find_operator
from app.ui.shell.signin import SignInDialog
from app.ui.shell.stations import StationContext


@pytest.fixture
def floor(sqlite_db):
    make_demo_data(sqlite_db, 0)
    return sqlite_db


@pytest.fixture
def clock(monkeypatch):
    """The guard's clock: the test moves it on instead of waiting."""
    state = {"t": dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)}
    monkeypatch.setattr(pin_guard, "now", lambda: state["t"])

    def wait(seconds: float) -> None:
        state["t"] += dt.timedelta(seconds=seconds)

    return wait


def _open(qtbot, db, **kw) -> SignInDialog:
    dlg = SignInDialog(db, station="pick-2", **kw)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _try_pin(qtbot, dlg: SignInDialog, pin: str) -> str:
    """Type a PIN and press Enter; what the dialog then says."""
    dlg.pin.clear()
    dlg.message.setText("")
    qtbot.keyClicks(dlg.pin, pin)
    qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.message.text() != "", timeout=10000)
    return dlg.message.text()


def test_six_wrong_pins_lock_the_badge_in_the_sign_in_dialog(qtbot, floor, clock, monkeypatch):
    monkeypatch.setattr(pins, "PIN_DELAYS", (0, 0, 0, 0, 0))  # the waits: see the next test
    dlg = _open(qtbot, floor)
    qtbot.keyClicks(dlg.badge, "OP1001")
    qtbot.keyClick(dlg.badge, Qt.Key.Key_Return)
    qtbot.waitUntil(dlg.pin.isVisible, timeout=10000)
    said = []
    for _ in range(6):
        said.append(_try_pin(qtbot, dlg, "9999"))
    assert all("Wrong PIN" in t or "错误" in t for t in said[:4])
    assert said[0] != said[3]  # it counts the tries left
    assert "1001" in said[4] and said[5] == said[4]  # locked: the sixth changes nothing
    until = pin_guard.until_text(pin_guard.now() + dt.timedelta(minutes=15))
    assert until in said[5]
    clock(60)
    # the right PIN while locked: refused, saying until when
    assert until in _try_pin(qtbot, dlg, "0000") and dlg.operator is None
    assert dlg.isVisible()


def test_the_button_counts_the_wait_down_without_blocking(qtbot, floor, clock):
    dlg = _open(qtbot, floor)
    qtbot.keyClicks(dlg.badge, "1001")
    qtbot.keyClick(dlg.badge, Qt.Key.Key_Return)
    qtbot.waitUntil(dlg.pin.isVisible, timeout=10000)
    _try_pin(qtbot, dlg, "1111")  # the first wrong PIN costs no wait
    assert dlg.button.isEnabled()
    _try_pin(qtbot, dlg, "2222")  # the second: one second
    assert not dlg.button.isEnabled() and dlg.countdown.left == 1
    assert "1 s" in dlg.message.text()
    qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)  # Enter during the wait: nothing is tried
    clock(1)
    qtbot.waitUntil(dlg.button.isEnabled, timeout=3000)  # the GUI ran on meanwhile
    with qtbot.waitSignal(dlg.signed_in, timeout=10000):
        qtbot.keyClicks(dlg.pin, "0000")
        qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)
    assert dlg.operator is not None and dlg.operator.code == "1001"


def test_an_admin_unlocks_the_badge_in_the_operators_tab(qtbot, floor, clock, monkeypatch):
    from app.services import admin
    from app.services.errors import ServiceError
    from app.services.operators import sign_in
    from app.ui.desks.admin.station import AdminStation

    monkeypatch.setattr(pins, "PIN_DELAYS", (0, 0, 0, 0, 0))
    for _ in range(5):
        with pytest.raises(ServiceError):
            sign_in(floor, "1001", "9999", station="pick-2")
    st = AdminStation(
        StationContext(db=floor, operator=find_operator(floor, "1008"), station_name="admin-pc")
    )
    qtbot.addWidget(st)
    st.show()
    tab = st.operators
    st.tabs.setCurrentWidget(tab)
    tab.reload()
    qtbot.waitUntil(lambda: "1001" in tab.locked, timeout=10000)
    row = [r.code for r in tab.rows].index("1001")
    assert tab.table.item(row, 6).text() == tab.locked["1001"]
    tab.table.selectRow(row)
    assert tab.unlock_button.isEnabled()
    qtbot.mouseClick(tab.unlock_button, Qt.MouseButton.LeftButton)
    dlg = tab.pin_dialog
    qtbot.waitUntil(dlg.isVisible, timeout=5000)
    qtbot.keyClicks(dlg.pin, "1234")  # the admin's own PIN, wrong: the dialog stays
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dlg.message.isVisible, timeout=10000)
    assert dlg.isVisible() and "1001" in admin.locked_badges(floor)
    qtbot.waitUntil(dlg.ok_button.isEnabled, timeout=5000)
    qtbot.keyClicks(dlg.pin, "0000")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: st.status_kind == "ok", timeout=10000)
    assert "1001" in st.status.text()
    assert admin.locked_badges(floor) == {}
    assert sign_in(floor, "1001", "0000").code == "1001"


def test_operator_on_the_command_line_asks_a_supervisors_pin_first(qtbot, floor, monkeypatch):
    """`--operator 1001`: the dialog opens with the badge fixed; a packer's badge needs none."""
    dlg = _open(qtbot, floor, operator=find_operator(floor, "1001"))
    assert dlg.badge.isReadOnly() and dlg.badge.text() == "1001" and dlg.pin.isVisible()
    with qtbot.waitSignal(dlg.signed_in, timeout=10000):
        qtbot.keyClicks(dlg.pin, "0000")
        qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)
    assert dlg.operator.code == "1001"


def test_the_program_refuses_a_supervisor_station_without_the_right_pin(tmp_path):
    """The real program, `--operator 1001` with a wrong $PARCELPROOF_PIN: no station opens."""
    import os
    import subprocess
    import sys

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PARCELPROOF_EXIT_AFTER_START="1",
        PARCELPROOF_CONFIG=str(tmp_path / "s.json"),
        PARCELPROOF_PIN="9999",
    )
    argv = ["--demo", "--operator", "1001", "--station", "holds", "--lang", "en"]
    run = subprocess.run(
        [sys.executable, "-m", "app", *argv], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 2 and "Wrong PIN" in run.stderr
    ok = subprocess.run(
        [sys.executable, "-m", "app", *argv],
        env={**env, "PARCELPROOF_PIN": "0000"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr


NEW_CODES = ("wrong_pin", "pin_wait", "badge_locked", "pin_too_short")
ADMIN_CODES = ("badge_not_locked", "pin_six_digits", "own_pin_six_digits")


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_pin_refusal_is_worded_on_screen(qapp, lang):
    import app.ui.desks.admin.common  # noqa: F401 - registers the admin station's words
    from app.ui.kit.texts import error_text
    from app.ui.shell.i18n import install_translators

    install_translators(qapp, lang)
    try:
        params = {"operator": "1001", "wait": 2, "left": 3, "until": "09:15", "digits": 6}
        for code in NEW_CODES + ADMIN_CODES:
            text = error_text(code, params)
            assert text and code not in text and "{" not in text
            assert "PIN" in text or "工牌" in text or "Badge" in text or "badge" in text
            if lang == "zh_CN":
                assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    finally:
        install_translators(qapp, "en")
