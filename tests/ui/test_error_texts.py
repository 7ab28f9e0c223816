"""A database that went away is worded for the operator, in their language — not shown as
SQLAlchemy's own error code (it carries one, like ours do)."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import create_engine

from app.ui.kit.texts import exception_text
from app.ui.shell.i18n import install_translators


def _refused() -> Exception:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    engine = create_engine(
        f"postgresql+psycopg://postgres@127.0.0.1:{port}/x", connect_args={"connect_timeout": 2}
    )
    try:
        engine.connect()
    except Exception as exc:  # noqa: BLE001 - the error under test
        return exc
    raise AssertionError("connected to nothing?")


@pytest.mark.parametrize("lang, words", [("en", "cannot be reached"), ("zh_CN", "服务器")])
def test_a_lost_server_is_worded_not_coded(qapp, lang, words):
    exc = _refused()
    install_translators(qapp, lang)
    try:
        text = exception_text(exc)
    finally:
        install_translators(qapp, "en")
    assert words in text and getattr(exc, "code", "") not in text


def _refused_to_the_station(pg_server_url) -> Exception:
    """What the server answers a station's role asked to change evidence."""
    from app.db.engine import open_database
    from app.db.migrate import upgrade
    from tests.conftest import _pg_database
    from tests.pgroles import station_url

    url = _pg_database(pg_server_url)
    owner = open_database(url)
    upgrade(owner)
    owner.dispose()
    station = open_database(station_url(url))
    try:
        with station.engine.begin() as c:
            c.exec_driver_sql("DELETE FROM weighings")
    except Exception as exc:  # noqa: BLE001 - the error under test
        return exc
    finally:
        station.dispose()
    raise AssertionError("the station's role deleted evidence?")


@pytest.mark.postgres
@pytest.mark.parametrize(
    "lang, words", [("en", "refused this to this station's login"), ("zh_CN", "拒绝")]
)
def test_a_privilege_refusal_at_a_station_is_worded(qapp, pg_server_url, lang, words):
    exc = _refused_to_the_station(pg_server_url)
    install_translators(qapp, lang)
    try:
        text = exception_text(exc)
    finally:
        install_translators(qapp, "en")
    assert words in text and "grant-station" in text and "weighings" in text
    assert "psycopg" not in text and "DELETE FROM" not in text
