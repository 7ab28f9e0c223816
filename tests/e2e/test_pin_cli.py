"""PINs on the command line, as a script meets them: every privileged command refuses to run
without its operator's PIN, wrong PINs lock the badge, an admin unlocks it, and the chain names
only people who typed their own PIN."""

from __future__ import annotations

import argparse
import io
import json
import sqlite3
import sys

import pytest

from app.__main__ import build_parser, main
from tests.e2e.cli_support import cli_floor

#: every privileged command, with arguments that would make it act; a new privileged command
#: must be added here (the walk below fails until it is)
PRIVILEGED = {
    ("void",): ["void", "{waybill}", "--reason", "torn"],
    ("account", "add"): [
        "account",
        "add",
        "--shop",
        "S",
        "--platform",
        "cainiao",
        "--carrier",
        "ZTO",
        "--app-key",
        "k",
        "--app-secret",
        "s",
        "--session",
        "t",
    ],  # fmt: skip
    ("operator", "unlock"): ["operator", "unlock", "1001"],
    ("restore",): ["restore", "{backup}"],
    ("db", "grant-station"): ["db", "grant-station", "pp_station"],
}

#: who does each in the demo floor
ACTOR = {("void",): "1001", ("account", "add"): "1008", ("operator", "unlock"): "1008"}
ACTOR[("restore",)] = "1008"
ACTOR[("db", "grant-station")] = "1008"


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
        return
    for name, child in subs[0].choices.items():
        yield from _leaves(child, (*path, name))


def _events(db_path) -> list[tuple[str, str]]:
    con = sqlite3.connect(db_path)
    try:
        return con.execute("SELECT kind, operator FROM events ORDER BY seq").fetchall()
    finally:
        con.close()


def _time_passes(db_path) -> None:
    """The wait after a wrong PIN is over (the floor's clock moved on), without sleeping."""
    con = sqlite3.connect(db_path)
    con.execute("UPDATE pin_guards SET retry_at = NULL")
    con.commit()
    con.close()


#: the commands that are nobody's privileged act: they run for whoever runs them, and name a
#: supervisor or admin given as ``--operator`` only with that person's PIN
NOT_PRIVILEGED = {
    ("db", "upgrade"), ("demo-data",), ("import", "orders"), ("import", "products"),
    ("import", "routing"), ("import", "waybill-numbers"), ("show",), ("intercept",),
    ("verify-log",), ("scale", "parse"), ("scale", "probe"), ("scale", "protocols"),
    ("scale", "read"), ("print", "waybills"), ("reprint",), ("set-carrier",), ("weigh-line",),
    ("backup",), ("bench",), ("export", "shipments"), ("dispute",), ("report", "daily"),
    ("account", "balance"), ("video", "show"), ("video", "export"),
}  # fmt: skip


def test_the_walk_knows_every_privileged_command():
    """Every command is either privileged (and walked below) or listed as not: a new command
    is a decision, not an oversight."""
    leaves = dict(_leaves(build_parser()))
    found = {path for path, p in leaves.items() if p.get_default("privileged")}
    assert found == set(PRIVILEGED)
    assert set(leaves) == set(PRIVILEGED) | NOT_PRIVILEGED


@pytest.fixture(scope="module")
def floor(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pin-cli")
    run, path = cli_floor(tmp, orders=4)
    made = run("--operator", "1002", "print", "waybills", "--limit", "2", "--out", f"{tmp}/w.pdf")
    assert made.returncode == 0, made.stderr
    waybill = json.loads(made.stdout)["waybills"][0]["waybill_no"]
    assert run("backup", f"{tmp}/b.db").returncode == 0
    return run, path, {"waybill": waybill, "backup": f"{tmp}/b.db"}


@pytest.mark.parametrize("command", sorted(PRIVILEGED), ids=" ".join)
def test_no_privileged_command_runs_without_its_pin(floor, command):
    run, path, values = floor
    argv = [a.format(**values) for a in PRIVILEGED[command]]
    before = _events(path)
    no_operator = run(*argv)
    assert no_operator.returncode == 2 and "--operator" in no_operator.stderr
    no_pin = run("--lang", "en", "--operator", ACTOR[command], *argv, pin="")
    assert no_pin.returncode == 2, no_pin.stderr
    assert "PIN" in no_pin.stderr and "Traceback" not in no_pin.stderr
    assert no_pin.stdout == ""
    assert _events(path) == before  # nothing recorded, not even a failed PIN


def test_a_supervisor_named_on_any_command_types_their_pin(floor):
    """The record would name the supervisor: `--operator 1001` on a plain command needs 1001's
    PIN as well; a packer's badge needs none (their sign-in has no PIN either)."""
    run, path, _values = floor
    before = _events(path)
    for argv in (
        ["intercept", "NO-SUCH", "--reason", "buyer"],
        ["set-carrier", "NO-SUCH", "--carrier", "SF", "--reason", "faster"],
    ):
        r = run("--lang", "en", "--operator", "1001", *argv, pin="")
        assert r.returncode == 2 and "PIN of 1001" in r.stderr
    assert _events(path) == before
    ok = run("--operator", "1005", "intercept", "NO-SUCH", "--reason", "buyer", pin="")
    assert ok.returncode == 1 and "NO-SUCH" in ok.stderr  # ran: the order is not known


def test_six_wrong_pins_lock_the_badge_and_an_admin_unlocks_it(tmp_path):
    run, path = cli_floor(tmp_path, orders=4)
    made = run("--operator", "1002", "print", "waybills", "--limit", "1", "--out", f"{tmp_path}/w")
    waybill = json.loads(made.stdout)["waybills"][0]["waybill_no"]
    void = ("--lang", "en", "--operator", "1001", "void", waybill, "--reason", "torn")
    answers = []
    for _ in range(6):
        r = run(*void, pin="9999")
        assert r.returncode == 2 and r.stdout == ""
        answers.append(r.stderr)
        _time_passes(path)
    assert all("wrong PIN for 1001" in a for a in answers[:4])
    assert "locked" in answers[4] and "locked" in answers[5]
    right = run(*void)  # the right PIN, while locked: refused, saying until when
    assert right.returncode == 2 and "locked" in right.stderr and "until 20" in right.stderr
    assert "operator unlock 1001" in right.stderr

    not_admin = run("--lang", "en", "--operator", "1001", "operator", "unlock", "1001")
    assert not_admin.returncode == 2 and "may not" in not_admin.stderr
    unlock = run("--operator", "1008", "operator", "unlock", "1001")
    assert unlock.returncode == 0, unlock.stderr
    assert json.loads(unlock.stdout) == {"operator": "1001", "unlocked": True, "failures": 5}
    done = run(*void)
    assert done.returncode == 0, done.stderr

    events = _events(path)
    assert run("verify-log").returncode == 0
    pin_events = [
        (k, o) for k, o in events if k in ("pin_failed", "badge_locked", "badge_unlocked")
    ]
    assert pin_events == [("pin_failed", "")] * 5 + [
        ("badge_locked", ""),
        ("badge_unlocked", "1008"),
    ]
    # the chain names 1001 only for the void done with 1001's own PIN
    assert [k for k, o in events if o == "1001"] == ["waybill_voided"]


def test_a_try_too_soon_after_a_wrong_pin_waits_first(tmp_path, monkeypatch, capsys):
    """The command line sleeps out the wait (here counted, not slept) instead of failing."""
    import datetime as dt

    from app.cli import common
    from app.services import pin_guard

    run, path = cli_floor(tmp_path, orders=0)
    slept: list[float] = []
    real_now = pin_guard.now

    def sleep(seconds: float) -> None:  # the floor's clock moves on instead
        slept.append(seconds)
        monkeypatch.setattr(pin_guard, "now", lambda: real_now() + dt.timedelta(seconds=sum(slept)))

    monkeypatch.setattr(common, "sleep", sleep)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.setenv("PARCELPROOF_PIN", "9999")
    argv = ["--db", f"sqlite:///{path}", "--lang", "en", "--operator", "1008"]
    codes = [main([*argv, "operator", "unlock", "1001"]) for _ in range(3)]
    assert codes == [2, 2, 2] and slept == [1]  # no wait after the first, 1 s after the second
    assert "wrong PIN for 1008 (2 more" in capsys.readouterr().err.splitlines()[-1]


def test_every_pin_refusal_has_a_line_in_both_languages():
    from app.cli.common import PIN_TEXTS, pin_message

    assert PIN_TEXTS["en"].keys() == PIN_TEXTS["zh_CN"].keys()
    params = {"operator": "1001", "wait": 2, "left": 3, "until": "2026-03-02 09:15", "digits": 6}
    params |= {"badge": "OP9", "roles": "admin"}
    for code in PIN_TEXTS["en"]:
        for lang in ("en", "zh_CN"):
            line = pin_message(code, params, lang)
            assert line and "{" not in line and code not in line


def test_a_wrong_pin_on_account_add_is_worded_as_everywhere(tmp_path, monkeypatch):
    """`account add` words the PIN refusals from the shared table (its own English lines
    shadowed them: "wrong PIN for 1008" without how many tries are left)."""
    from app.cli import accounts
    from app.cli.common import pin_message
    from app.services.errors import ServiceError

    run, path = cli_floor(tmp_path, orders=0)
    argv = [a.format() for a in PRIVILEGED[("account", "add")]]
    en = run("--lang", "en", "--operator", "1008", *argv, pin="9999")
    assert en.returncode == 2 and "wrong PIN for 1008 (4 more wrong in a row" in en.stderr
    _time_passes(path)
    zh = run("--lang", "zh_CN", "--operator", "1008", *argv, pin="9999")
    assert zh.returncode == 2 and "1008 的 PIN 码错误" in zh.stderr
    # the command's own wording of a refusal falls through to the shared one for PINs
    monkeypatch.setenv("PARCELPROOF_LANG", "en")
    for code in ("wrong_pin", "pin_required"):
        params = {"operator": "1008", "left": 3}
        exc = ServiceError(code, **params)
        assert accounts._worded(exc) == pin_message(code, params, "en")
