"""A scale port the user may not open: the weighing station's scale status and the device
panel say so in the user's language, naming the dialout group and the new login.

As root (CI) the EACCES is injected at ``serial.serial_for_url``; as any other user the port is
a real pty with mode 000."""

from __future__ import annotations

import errno
import os

import pytest
import serial

from app.services.operators import find_operator
from app.settings import Settings
from app.ui.desks.weigh.station import WeighStation
from app.ui.kit.context import StationContext

T = 20_000


@pytest.fixture
def denied_port(monkeypatch):
    master, slave = os.openpty()
    path = os.ttyname(slave)
    os.chmod(path, 0)
    if os.geteuid() == 0:

        def deny(url, *a, **kw):
            raise serial.SerialException(
                errno.EACCES, f"could not open port {url}: [Errno 13] Permission denied"
            )

        monkeypatch.setattr(serial, "serial_for_url", deny)
    yield path
    os.close(slave)
    os.close(master)


@pytest.fixture
def translated(qapp):
    from app.ui.shell.i18n import install_translators

    yield lambda lang: install_translators(qapp, lang)
    install_translators(qapp, "en")


@pytest.mark.parametrize("protocol", ["stgs", "auto"])
@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", ["Scale not connected", "dialout", "sudo usermod -aG dialout $USER", "log in"]),
        ("zh_CN", ["dialout", "sudo usermod -aG dialout $USER", "重新登录"]),
    ],
)
def test_weigh_station_says_why_the_scale_is_refused(
    qtbot, sqlite_db, denied_port, translated, tmp_path, monkeypatch, protocol, lang, words
):
    from app.services.demo import make_demo_data

    make_demo_data(sqlite_db, 0)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    translated(lang)
    ctx = StationContext(
        db=sqlite_db,
        operator=find_operator(sqlite_db, "1006"),
        settings=Settings(scale_port=denied_port, scale_protocol=protocol),
        station_name="称重台 1",
    )
    w = WeighStation(ctx)
    qtbot.addWidget(w)
    w.show()
    try:
        qtbot.waitUntil(lambda: w.scale_error is not None, timeout=T)
        assert w.scale_error.code == "permission_denied"
        qtbot.waitUntil(lambda: w.scale_state == "disconnected", timeout=T)
        text = w.scale_label.text()
        assert denied_port in text
        for word in words:
            assert word in text, (word, text)
        assert "✖" in text  # a sign, not only the red
    finally:
        w.close_station()
