"""Bad input, widened (issue #23, point 5): random command lines through the real parser and
``main`` (in-process), and random bytes as every file a user can hand in (orders, products,
routing tables, waybill ranges, backups). None ends in a traceback; a refusal (exit 2) changes
nothing (orders, events, waybill numbers, products counted before and after); a success says
what it did on stdout."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.__main__ import build_parser, main
from app.db.engine import open_database
from app.db.models import Event, Order, Product, WaybillNumber

FAST = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: sub-commands fuzzed (not: the GUI, demo-data and bench which only take numbers, and the
#: commands that wait on hardware: weigh-line, scale read/probe/parse)
COMMANDS = (
    ("import", "orders"),
    ("import", "products"),
    ("import", "waybill-numbers"),
    ("import", "routing"),
    ("show",),
    ("intercept",),
    ("verify-log",),
    ("reprint",),
    ("void",),
    ("set-carrier",),
    ("dispute",),
    ("export", "shipments"),
    ("backup",),
    ("restore",),
    ("report", "daily"),
    ("print", "waybills"),
    ("account", "balance"),
)


def _options(path: tuple[str, ...]) -> list[str]:
    import argparse

    p: argparse.ArgumentParser = build_parser()
    for word in path:
        sub = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))
        p = sub.choices[word]
    # no real printer is ever named: a token never selects CUPS or a device
    return [
        o
        for a in p._actions
        for o in a.option_strings
        if o not in {"-h", "--help", "--printer", "--slips-printer"}
    ]


@pytest.fixture(scope="module")
def floor_template(tmp_path_factory) -> Path:
    from app.db.migrate import upgrade
    from app.services.demo import make_demo_data

    path = tmp_path_factory.mktemp("floor") / "floor.db"
    db = open_database(f"sqlite:///{path}")
    upgrade(db)
    make_demo_data(db, 12, seed=4)
    db.dispose()
    return path


def _counts(url: str) -> tuple[int, ...]:
    db = open_database(url)
    try:
        with db.read() as s:
            return tuple(
                s.scalar(select(func.count()).select_from(t)) or 0
                for t in (Order, Event, WaybillNumber, Product)
            )
    finally:
        db.dispose()


def _run(template: Path, argv: list[str], work: Path) -> tuple[int, str, str, str]:
    """``main`` on a fresh copy of the floor, in ``work``; the exit code, stdout, stderr."""
    db_path = work / "floor.db"
    shutil.copy(template, db_path)
    url = f"sqlite:///{db_path}"
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    os.chdir(work)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = main(["--lang", "en", "--db", url, "--operator", "1001", *argv])
            except SystemExit as exc:  # only argparse's own --version/--help would
                rc = int(exc.code or 0)
    finally:
        os.chdir(old)
    return rc, out.getvalue(), err.getvalue(), url


token = st.one_of(
    st.text(alphabet="aZ09-_./ 中", max_size=8),
    st.sampled_from(["", "-", "--", "0", "-1", "999999999999", "ZTO", "OP1001", "x.pdf", "/"]),
)


@FAST
@given(st.sampled_from(COMMANDS), st.data())
def test_random_command_lines_end_in_words_not_a_traceback(floor_template, command, data):
    opts = _options(command)
    words = data.draw(st.lists(st.one_of(token, st.sampled_from(opts or ["x"])), max_size=6))
    with tempfile.TemporaryDirectory() as tmp:
        before = _counts(f"sqlite:///{floor_template}")
        rc, out, err, url = _run(floor_template, [*command, *words], Path(tmp))
        assert rc in (0, 1, 2), (command, words, rc, err)
        assert "Traceback" not in err
        if rc == 2:
            assert err.startswith("parcelproof: ") and err.count("\n") == 1, err
            assert _counts(url) == before, (command, words, err)


FILES = {
    "orders": ["import", "orders"],
    "products": ["import", "products"],
    "waybills": ["import", "waybill-numbers", "--carrier", "ZTO"],
    "routing": ["import", "routing", "--carrier", "ZTO"],
    "backup": ["restore"],
}


@FAST
@given(
    st.sampled_from(sorted(FILES)),
    st.one_of(
        st.tuples(  # a byte-order mark in front of anything: what a spreadsheet may write
            st.sampled_from([b"", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"]),
            st.binary(max_size=500),
        ).map(b"".join),
        st.text(alphabet="0123456789,-\r\n 中ZTOYT\"'", max_size=200).map(
            lambda t: t.encode("utf-8")
        ),
    ),
)
@example("orders", b"\xff\xfe junk")  # was a UnicodeDecodeError traceback (odd UTF-16)
@example("products", b"\xfe\xffx")
@example("routing", b"\xff\xfeabc")
@example("waybills", b"\xff\xfe1")
def test_any_file_handed_in_is_read_or_refused_without_a_partial_write(floor_template, kind, data):
    with tempfile.TemporaryDirectory() as tmp:
        handed = Path(tmp) / f"handed-in.{'db' if kind == 'backup' else 'csv'}"
        handed.write_bytes(data)
        before = _counts(f"sqlite:///{floor_template}")
        rc, out, err, url = _run(floor_template, [*FILES[kind], str(handed)], Path(tmp))
        assert "Traceback" not in err
        if kind == "backup":  # random bytes are never a backup
            assert rc == 2, out
        if rc == 2:
            assert err.startswith("parcelproof: ") and err.count("\n") == 1, err
            assert _counts(url) == before, (kind, data, err)
        else:
            assert rc == 0, err
            answer = json.loads(out.splitlines()[0])  # a success says what it did
            assert answer, (kind, data)


@pytest.fixture(scope="module")
def real_backup(floor_template, tmp_path_factory) -> Path:
    from app.services.backup import backup
    from app.services.orders import intercept

    work = tmp_path_factory.mktemp("bk")
    shutil.copy(floor_template, work / "floor.db")
    db = open_database(f"sqlite:///{work / 'floor.db'}")
    with db.read() as s:
        first = s.scalar(select(Order.order_no).order_by(Order.id))
    intercept(db, first, "买家退款")  # one event on the chain
    out = backup(db, work / "real-backup.db")
    db.dispose()
    return out


@FAST
@given(st.data())
def test_a_cut_or_altered_backup_is_refused_or_restored_whole(floor_template, real_backup, data):
    good = real_backup.read_bytes()
    if data.draw(st.booleans(), label="cut"):
        bad = good[: data.draw(st.integers(0, len(good) - 1), label="length")]
    else:
        at = data.draw(st.integers(0, len(good) - 1), label="at")
        bad = good[:at] + bytes([good[at] ^ data.draw(st.integers(1, 255))]) + good[at + 1 :]
    with tempfile.TemporaryDirectory() as tmp:
        handed = Path(tmp) / "handed.db"
        handed.write_bytes(bad)
        before = _counts(f"sqlite:///{floor_template}")
        rc, out, err, url = _run(floor_template, ["restore", str(handed)], Path(tmp))
        assert "Traceback" not in err and rc in (0, 2), err
        if rc == 2:
            assert err.startswith("parcelproof: ") and err.count("\n") == 1, err
            assert _counts(url) == before
        else:  # a byte nobody reads: what comes back is the backup, chain intact
            answer = json.loads(out)
            assert answer["events"] == 1 and answer["kept"]
            assert _counts(url)[:2] == (before[0], 1)
