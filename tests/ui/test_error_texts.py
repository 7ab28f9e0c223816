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
