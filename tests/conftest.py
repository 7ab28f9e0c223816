from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("PARCELPROOF_DB", None)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    url = os.environ.get("PARCELPROOF_TEST_PG")
    if url:
        yield url
        return
    from tests.pgserver import PgServer

    server = PgServer()
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
def own_pg_server():
    """A PostgreSQL server of the test's own, which the test may stop and start again
    (``stop(keep_data=True)`` / ``start()``): a server outage."""
    from tests.pgserver import PgServer

    server = PgServer()
    server.start()
    yield server
    server.stop()


_counter = itertools.count()


def _pg_database(server_url: str) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(server_url)
    name = f"pp_test_{os.getpid()}_{next(_counter)}"
    with psycopg.connect(
        host=u.host, port=u.port, user=u.username, dbname=u.database or "postgres", autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return str(u.set(database=name).render_as_string(hide_password=False))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """An empty database URL: a SQLite file, and a fresh database on the real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'pp.db'}"
    return _pg_database(request.getfixturevalue("pg_server_url"))


@pytest.fixture
def db(db_url):
    """A migrated, empty database (both engines). On PostgreSQL the owner migrates it and the
    test connects as the stations' role (`tests.pgroles`), as a floor's stations do; a test
    that must act as the owner asks for `owner_db` or `tests.pgroles.owner_database`."""
    from app.db.engine import open_database
    from app.db.migrate import upgrade

    database = open_database(db_url)
    upgrade(database)
    if database.is_sqlite:
        yield database
        database.dispose()
        return
    database.dispose()
    from tests.pgroles import station_url

    station = open_database(station_url(db_url))
    yield station
    station.dispose()


@pytest.fixture
def owner_db(db_url):
    """A migrated, empty database connected as its owner (both engines)."""
    from app.db.engine import open_database
    from app.db.migrate import upgrade

    database = open_database(db_url)
    upgrade(database)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path):
    from app.db.engine import open_database
    from app.db.migrate import upgrade

    database = open_database(f"sqlite:///{tmp_path / 'pp.db'}")
    upgrade(database)
    yield database
    database.dispose()


@pytest.fixture
def demo_db(sqlite_db):
    from app.services.demo import make_demo_data

    make_demo_data(sqlite_db, 300, seed=7)
    return sqlite_db


@pytest.fixture
def sqlite_db_factory(tmp_path_factory):
    """Fresh migrated SQLite databases on demand (for hypothesis: one per example)."""
    import shutil

    from app.db.engine import open_database
    from app.db.migrate import upgrade

    template = tmp_path_factory.mktemp("tpl") / "pp.db"
    seed = open_database(f"sqlite:///{template}")
    upgrade(seed)
    seed.dispose()
    made = []

    def make():
        path = tmp_path_factory.mktemp("fz") / "pp.db"
        shutil.copy(template, path)
        db = open_database(f"sqlite:///{path}")
        made.append(db)
        return db

    yield make
    for db in made:
        db.dispose()


@pytest.fixture(autouse=True)
def _floor_zone_reset():
    """Each test starts with the floor zone unread (the system's), and leaves it so: a test
    that sets the floor's zone must not move another test's clock."""
    from app.domain import floortime

    floortime.use_floor_zone(None)
    yield
    floortime.use_floor_zone(None)
