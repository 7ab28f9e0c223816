"""A restore that cannot destroy (issue #23), on SQLite and the real PostgreSQL: a file that is
not a Parcelproof backup is refused and the database stays exactly as it was; a real restore
keeps the database it replaces and brings back exactly the backup; a broken chain needs an
administrator's --force, recorded on the chain; connected stations stop it."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app.__main__ import main
from app.db.engine import open_database
from app.db.models import Event, Order
from app.services.backup import backup, describe, restore
from app.services.demo import make_demo_data
from app.services.errors import ServiceError
from app.services.orders import intercept


@pytest.fixture
def db(owner_db):
    """On PostgreSQL these tests connect as the database's owner: a restore replaces the
    whole database, which only the owner's login may."""
    return owner_db


def _state(db) -> tuple[int, int, str]:
    """What a user would compare: orders, events and the chain's head."""
    info = describe(db)
    with db.read() as s:
        orders = s.scalar(select(func.count()).select_from(Order)) or 0
    return orders, info.events, info.head


def _floor(db, tmp_path: Path) -> Path:
    """A demo floor with two interceptions on the chain, and a backup of it."""
    make_demo_data(db, 8, seed=3)
    with db.read() as s:
        nos = s.scalars(select(Order.order_no).order_by(Order.id)).all()
    intercept(db, nos[0], "买家退款")
    out = backup(db, tmp_path / ("floor.backup" if not db.is_sqlite else "floor-backup.db"))
    intercept(db, nos[1], "after the backup")  # what a restore must undo
    return out


def _bad_file(kind: str, tmp_path: Path, good: Path) -> Path:
    import sqlite3

    if kind == "dev_null":
        return Path("/dev/null")
    p = tmp_path / f"{kind}.db"
    if kind == "empty_sqlite":
        sqlite3.connect(p).close()
        p.touch()
    elif kind == "other_program":
        c = sqlite3.connect(p)
        c.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        c.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
        c.commit()
        c.close()
    elif kind == "truncated":
        p.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif kind == "random":
        p.write_bytes(bytes(range(256)) * 40)
    return p


@pytest.mark.parametrize(
    "kind", ["dev_null", "empty_sqlite", "other_program", "truncated", "random"]
)
def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(db, tmp_path, kind):
    good = _floor(db, tmp_path)
    before = _state(db)
    with pytest.raises(ServiceError) as exc:
        restore(db, _bad_file(kind, tmp_path, good), keep_dir=tmp_path / "kept")
    assert exc.value.code in {"not_a_backup", "backup_damaged"}
    assert _state(db) == before
    assert not (tmp_path / "kept").exists()  # nothing kept: nothing was replaced
    if db.is_sqlite:  # no copy and no staging file left beside the database
        beside = sorted(p.name for p in Path(make_url(db.url).database).parent.iterdir())
        assert not [n for n in beside if "restore" in n], beside


def test_a_real_restore_keeps_the_replaced_database_and_brings_back_the_backup(db, tmp_path):
    good = _floor(db, tmp_path)
    before = _state(db)
    done = restore(db, good, keep_dir=tmp_path / "kept")
    after = _state(db)
    assert after[0] == before[0] and after[1] == before[1] - 1  # the later interception is gone
    assert (done.events, done.head) == after[1:]
    assert done.kept and Path(done.kept).is_file()
    with db.read() as s:
        kinds = s.scalars(select(Event.detail).order_by(Event.seq)).all()
    assert [k.get("reason") for k in kinds] == ["买家退款"]
    # the kept copy is the database as it was: restoring it brings that back
    back = restore(db, done.kept, keep_dir=tmp_path / "kept2")
    assert _state(db) == before and (back.events, back.head) == before[1:]


def _tamper(db) -> None:
    with db.engine.begin() as c:
        if db.is_sqlite:
            c.exec_driver_sql("DROP TRIGGER events_no_update")
            c.exec_driver_sql("UPDATE events SET station = 'elsewhere' WHERE seq = 1")
            c.exec_driver_sql(
                "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
                "BEGIN SELECT RAISE(ABORT, 'evidence is append-only: events'); END"
            )
        else:
            c.exec_driver_sql("ALTER TABLE events DISABLE TRIGGER events_append_only")
            c.exec_driver_sql("UPDATE events SET station = 'elsewhere' WHERE seq = 1")
            c.exec_driver_sql("ALTER TABLE events ENABLE TRIGGER events_append_only")


def test_a_broken_chain_is_refused_unless_an_administrator_forces_it(db, tmp_path, db_url):
    make_demo_data(db, 4, seed=3)
    with db.read() as s:
        first = s.scalar(select(Order.order_no).order_by(Order.id))
    intercept(db, first, "买家退款")
    other = open_database(_second_db(db, tmp_path, db_url))
    try:
        from app.db.migrate import upgrade

        upgrade(other)
        make_demo_data(other, 4, seed=3)
        intercept(other, first, "kept aside")
        _tamper(other)
        bad = backup(other, tmp_path / ("tampered.db" if db.is_sqlite else "tampered.backup"))
    finally:
        other.dispose()
    before = _state(db)
    with pytest.raises(ServiceError) as exc:
        restore(db, bad, keep_dir=tmp_path / "kept")
    assert exc.value.code == "backup_chain_broken" and "altered" in exc.value.params["problem"]
    assert _state(db) == before
    with pytest.raises(ServiceError) as exc:
        restore(db, bad, force=True, operator="1004", pin="0000", keep_dir=tmp_path / "kept")
    assert exc.value.code == "not_allowed"
    assert _state(db) == before
    with pytest.raises(ServiceError) as exc:
        restore(db, bad, force=True, operator="1008", pin="9999", keep_dir=tmp_path / "kept")
    assert exc.value.code == "wrong_pin"
    # nothing restored; the wrong PIN itself is evidence (pin_failed), naming nobody
    orders, events, _ = _state(db)
    assert (orders, events) == (before[0], before[1] + 1)
    with db.read() as s:
        last = s.scalars(select(Event).order_by(Event.seq.desc())).first()
        assert (last.kind, last.operator) == ("pin_failed", "")
    done = restore(db, bad, force=True, operator="1008", pin="0000", keep_dir=tmp_path / "kept")
    assert done.forced == ("chain",) and done.kept
    with db.read() as s:
        last = s.scalars(select(Event).order_by(Event.seq.desc())).first()
        assert last is not None
        assert (last.kind, last.operator) == ("restore_forced", "1008")
        assert last.detail["overrode"] == ["chain"]


def _second_db(db, tmp_path: Path, db_url: str) -> str:
    if db.is_sqlite:
        return f"sqlite:///{tmp_path / 'other.db'}"
    from tests.conftest import _pg_database

    return _pg_database(str(make_url(db_url).set(database="postgres")))


def test_connected_stations_stop_a_restore_unless_forced(db, tmp_path):
    good = _floor(db, tmp_path)
    before = _state(db)
    station = _station(db)
    try:
        with pytest.raises(ServiceError) as exc:
            restore(db, good, keep_dir=tmp_path / "kept")
        assert exc.value.code == "stations_connected"
        assert _state(db) == before
        done = restore(
            db, good, force=True, operator="1008", pin="0000", keep_dir=tmp_path / "kept"
        )
        assert done.forced == ("connections",)
    finally:
        station.stdin.close()
        station.wait(timeout=30)
    # once the station is gone a restore needs no force
    assert restore(db, good, keep_dir=tmp_path / "kept").forced == ()


def _station(db) -> subprocess.Popen:
    """Another process with the database open, as a station has (until stdin closes)."""
    code = (
        "import sys\n"
        "from app.db.engine import open_database\n"
        "from sqlalchemy import text\n"
        f"db = open_database({db.url!r})\n"
        "with db.engine.connect() as c:\n"
        "    c.execute(text('SELECT count(*) FROM events')).all()\n"
        "    print('ready', flush=True)\n"
        "    sys.stdin.read()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.1)
    return proc


def test_cli_restore_words_its_refusals_and_prints_what_it_restored(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert main(["--lang", "en", "--db", url, "demo-data", "--orders", "5"]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "--db", url, "backup", str(tmp_path / "b.db")]) == 0
    made = json.loads(capsys.readouterr().out)
    assert made["revision"] and made["events"] == 0

    missing = tmp_path / "missing.db"
    assert main(["--lang", "en", "--db", url, "restore", str(missing)]) == 2
    assert "needs --operator" in capsys.readouterr().err  # an admin's act, before anything
    monkeypatch.setenv("PARCELPROOF_PIN", "0000")
    url_admin = ["--db", url, "--operator", "1008"]
    assert main(["--lang", "en", *url_admin, "restore", str(missing)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"parcelproof: {missing}: no such file"
    assert main(["--lang", "zh_CN", *url_admin, "restore", "/dev/null"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "parcelproof: /dev/null 不是 Parcelproof 备份：未做任何改动"
    assert "{" not in err and "not_a_backup" not in err

    assert main(["--lang", "en", *url_admin, "restore", str(tmp_path / "b.db")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["restored"] == str(tmp_path / "b.db") and Path(out["kept"]).is_file()
    assert (out["revision"], out["events"], out["head"]) == (made["revision"], 0, "")

    # --force asks the administrator's PIN like every privileged command
    assert main(["--lang", "en", "--db", url, "restore", "--force", str(tmp_path / "b.db")]) == 2
    assert "--operator" in capsys.readouterr().err


def test_a_backup_of_an_older_schema_is_migrated_on_the_way_in(db, tmp_path, db_url):
    from app.db.migrate import head_revision, upgrade

    make_demo_data(db, 3, seed=3)
    old = open_database(_second_db(db, tmp_path, db_url))
    try:
        upgrade(old, "0006")
        out = backup(old, tmp_path / ("old.db" if db.is_sqlite else "old.backup"))
    finally:
        old.dispose()
    done = restore(db, out, keep_dir=tmp_path / "kept")
    assert done.revision == head_revision() and done.events == 0
    assert _state(db)[0] == 0  # the old backup's (empty) floor, at this program's schema
