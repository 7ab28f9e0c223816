"""Backup and restore on both engines: what was recorded comes back, chain intact."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from app.__main__ import main
from app.db.chain import verify_chain
from app.db.models import Event, Order
from app.services.backup import backup, restore
from app.services.demo import make_demo_data
from app.services.orders import intercept


def test_backup_then_restore_brings_the_record_back(owner_db, tmp_path):
    db = owner_db  # backup and restore are the owner's acts
    make_demo_data(db, 30, seed=2)
    with db.read() as s:
        first = s.scalar(select(Order.order_no).order_by(Order.id))
    intercept(db, first, "买家退款")
    out = backup(db, tmp_path / "pp.backup")
    assert out.stat().st_size > 0
    intercept(db, s_second(db), "after the backup")  # a change the restore must undo
    restore(db, out)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 30
        assert s.scalar(select(func.count()).select_from(Event)) == 1
        assert verify_chain(s).intact


def s_second(db) -> str:
    with db.read() as s:
        return s.scalars(select(Order.order_no).order_by(Order.id)).all()[1]


def test_cli_backup_and_a_damaged_backup(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert main(["--db", url, "demo-data", "--orders", "5"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "backup", str(tmp_path / "b.db")]) == 0
    assert json.loads(capsys.readouterr().out)["bytes"] > 0
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("PARCELPROOF_PIN", "0000")  # restoring is an admin's act
    assert main(["--lang", "en", "--db", url, "--operator", "1008", "restore", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "is not a Parcelproof backup" in err and "nothing was changed" in err
    assert main(["--db", url, "show", "nothing-here"]) == 1  # the station still works
