"""The schema-version check at start: older and newer databases, CLI and `db upgrade`.

A real database each time (SQLite; the older case on PostgreSQL too): its Alembic revision is
set behind the program's back, then the program is run as a user would.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.__main__ import main
from app.db.engine import open_database
from app.db.migrate import SchemaMismatch, check_schema, head_revision, schema_state, upgrade

OLDER = "0003"
FUTURE = "9999_from_a_newer_program"


def _older(url: str) -> None:
    db = open_database(url)
    upgrade(db, OLDER)
    db.dispose()


def _newer(url: str) -> None:
    db = open_database(url)
    upgrade(db)
    with db.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": FUTURE})
    db.dispose()


def test_check_names_the_direction(db_url):
    db = open_database(db_url)
    assert schema_state(db).code == "schema_missing"
    upgrade(db, OLDER)
    with pytest.raises(SchemaMismatch) as e:
        check_schema(db)
    assert e.value.code == "schema_older" and e.value.params == {
        "have": OLDER,
        "want": head_revision(),
    }
    upgrade(db)
    check_schema(db)
    with db.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": FUTURE})
    with pytest.raises(SchemaMismatch) as e:
        check_schema(db)
    assert e.value.code == "schema_newer" and e.value.params["have"] == FUTURE
    db.dispose()


def test_cli_on_an_older_database_says_run_db_upgrade(db_url, capsys):
    _older(db_url)
    for argv in (["verify-log"], ["show", "1234", "--json"]):
        assert main(["--db", db_url, "--lang", "en", *argv]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "run `parcelproof db upgrade`" in err
        assert OLDER in err and head_revision() in err
    assert main(["--db", db_url, "--lang", "zh_CN", "verify-log"]) == 2
    assert "请运行 `parcelproof db upgrade`" in capsys.readouterr().err
    # db upgrade still works, and then the command does
    assert main(["--db", db_url, "db", "upgrade"]) == 0
    assert head_revision() in capsys.readouterr().out
    assert main(["--db", db_url, "verify-log"]) == 0


def test_cli_on_a_newer_database_says_this_program_is_older(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'pp.db'}"
    _newer(url)
    assert main(["--db", url, "--lang", "en", "verify-log"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "this program is older than the database" in err
    assert main(["--db", url, "--lang", "zh_CN", "show", "1234"]) == 2
    assert "本程序比数据库旧" in capsys.readouterr().err
    # `db upgrade` does not touch a database a newer program migrated, and says why
    assert main(["--db", url, "--lang", "en", "db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert "this program is older than the database" in err and "Traceback" not in err
    db = open_database(url)
    assert schema_state(db).params["have"] == FUTURE
    db.dispose()


def test_cli_script_gives_one_line_and_no_traceback(tmp_path):
    """The installed entry point as a subprocess: exit 2, one line on stderr."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'pp.db'}"
    _newer(url)
    r = subprocess.run(
        [sys.executable, "-m", "app", "--db", url, "--lang", "en", "verify-log"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        f"parcelproof: this program is older than the database (schema {FUTURE}, program "
        f"{head_revision()}): update this station"
    ]
