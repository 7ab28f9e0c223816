"""The desktop client on a database of another schema version: one clear line, exit 2.

A station's own SQLite file that is merely older is migrated on start (it is nobody else's);
a shared PostgreSQL server is never migrated behind the floor's back, and a database that a
newer program migrated is refused whatever it is.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import text

from app.db.engine import open_database
from app.db.migrate import current_revision, head_revision, upgrade

FUTURE = "9999_from_a_newer_program"


def _gui(url: str, tmp_path) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PARCELPROOF_EXIT_AFTER_START="1",
        PARCELPROOF_CONFIG=str(tmp_path / "settings.json"),
        PARCELPROOF_PIN="0000",  # the admin's PIN: a started station would not wait for it
    )
    return subprocess.run(
        [sys.executable, "-m", "app", "--db", url, "--lang", "en", "--operator", "1008"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_gui_on_a_newer_database_says_this_program_is_older(tmp_path):
    url = f"sqlite:///{tmp_path / 'pp.db'}"
    db = open_database(url)
    upgrade(db)
    with db.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": FUTURE})
    db.dispose()
    r = _gui(url, tmp_path)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [
        f"parcelproof: This program is older than the database (schema {FUTURE}, program "
        f"{head_revision()}): update this station."
    ]
    db = open_database(url)
    assert current_revision(db) == FUTURE  # left as it was
    db.dispose()


@pytest.mark.postgres
def test_gui_on_an_older_shared_server_says_run_db_upgrade(pg_server_url, tmp_path):
    from tests.conftest import _pg_database

    url = _pg_database(pg_server_url)
    db = open_database(url)
    upgrade(db, "0003")
    db.dispose()
    r = _gui(url, tmp_path)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    [line] = r.stderr.strip().splitlines()
    assert "older than this program" in line and "run “parcelproof db upgrade”" in line
    db = open_database(url)
    assert current_revision(db) == "0003"  # the shared server was not migrated
    db.dispose()


@pytest.mark.postgres
def test_gui_as_the_stations_role_on_an_older_server_says_the_owner_must_upgrade(
    pg_server_url, tmp_path
):
    """A station signs in as the stations' role, which may not migrate: it says who must."""
    from app.db.roles import grant_station
    from tests.conftest import _pg_database
    from tests.pgroles import STATION_PASSWORD, STATION_ROLE

    url = _pg_database(pg_server_url)
    db = open_database(url)
    upgrade(db, "0003")
    grant_station(db, STATION_ROLE, STATION_PASSWORD)
    db.dispose()
    station = f"postgresql://{STATION_ROLE}:{STATION_PASSWORD}@{url.split('@', 1)[1]}"
    r = _gui(station, tmp_path)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    [line] = r.stderr.strip().splitlines()
    assert f"signs in to the database as {STATION_ROLE}" in line
    assert "owner must run “parcelproof db upgrade” first" in line
    db = open_database(url)
    assert current_revision(db) == "0003"
    db.dispose()


def test_a_stations_own_older_sqlite_file_is_migrated_on_start(tmp_path):
    from app.ui.shell.main import open_station_database

    url = f"sqlite:///{tmp_path / 'pp.db'}"
    db = open_database(url)
    upgrade(db, "0003")
    db.dispose()
    db = open_station_database(url)
    assert current_revision(db) == head_revision()
    db.dispose()
