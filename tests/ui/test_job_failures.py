"""A refusal the user is told about leaves no Python traceback on the terminal; a bug in a
background job still does."""

from __future__ import annotations

import logging

from app.services.errors import ServiceError
from app.ui.kit.workers import JobRunner


def _run(qtbot, fn) -> Exception:
    runner = JobRunner()
    failed: list[Exception] = []
    runner.submit(fn, lambda _r: None, failed.append)
    qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    return failed[0]


def _refuse():
    raise ServiceError("not_verified", order_no="O1", status="printed")


def _bug():
    return {}["missing"]


def test_a_refusal_prints_no_traceback(qtbot, capfd, caplog):
    caplog.set_level(logging.DEBUG)
    exc = _run(qtbot, _refuse)
    assert isinstance(exc, ServiceError)  # the station is still told and words it
    err = capfd.readouterr().err
    assert "Traceback" not in err and "ServiceError" not in err
    assert not [r for r in caplog.records if r.exc_info]


def test_a_bug_is_still_logged_with_its_traceback(qtbot, caplog):
    exc = _run(qtbot, _bug)
    assert isinstance(exc, KeyError)
    logged = [r for r in caplog.records if r.exc_info and r.levelno >= logging.ERROR]
    assert logged and logged[0].exc_info[0] is KeyError
