"""A station's SQLite file is checkpointed on a thread of its own, never inside a scan's commit."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import text

from app.db.engine import open_database


def _wal_pages(path: Path) -> int:
    size = path.with_name(path.name + "-wal").stat().st_size
    return size // 4096


def _fill(db, rows: int) -> None:
    with db.write() as s:
        s.execute(text("CREATE TABLE IF NOT EXISTS t (x TEXT)"))
    for _ in range(rows):
        with db.write() as s:
            s.execute(text("INSERT INTO t VALUES (:x)"), {"x": "y" * 3000})


def test_station_connections_leave_checkpoints_to_the_background_thread(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 's.db'}", background_checkpoint=True)
    try:
        with db.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        assert db.checkpointer is not None and db.checkpointer.is_alive()
        db.checkpointer.interval = 0.05
        _fill(db, 50)
        deadline = time.monotonic() + 10
        while db.checkpointer.checkpoints < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert db.checkpointer.checkpoints >= 2
    finally:
        db.dispose()
    assert not db.checkpointer.is_alive()
    # everything written is in the database file itself once the station has closed
    con = sqlite3.connect(tmp_path / "s.db")
    busy, log, done = con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert (busy, log - done) == (0, 0)
    assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 50
    con.close()


def test_other_processes_keep_sqlites_own_checkpoints(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        assert db.checkpointer is None
        with db.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
        _fill(db, 600)  # well past 1,000 pages: SQLite checkpointed and restarted the WAL
        assert _wal_pages(tmp_path / "c.db") < 1100
    finally:
        db.dispose()
