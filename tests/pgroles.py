"""The stations' login on the suite's PostgreSQL: the floor and load tests connect as it.

The owner of a test database migrates it (`tests.conftest.db`), then gives the stations' role
its grants (`app.db.roles.grant_station`, what ``parcelproof db grant-station`` runs); the test
then does the floor's work as that role, as a floor's stations do. A test that must act behind
the app's back (tamper with evidence, restore a backup) asks for the owner (`owner_url`,
`owner_database`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url

from app.db.engine import Database, open_database
from app.db.roles import grant_station

STATION_ROLE = "pp_station"
STATION_PASSWORD = "pp-station-pw"  # the suite's server trusts 127.0.0.1; a real floor's not

_owners: dict[str, str] = {}


def station_url(owner_url: str, role: str = STATION_ROLE) -> str:
    """The URL of the database at ``owner_url`` (migrated) as the stations' role."""
    owner = open_database(owner_url)
    try:
        grant_station(owner, role, STATION_PASSWORD)
    finally:
        owner.dispose()
    url = make_url(owner.url).set(username=role, password=STATION_PASSWORD)
    text = url.render_as_string(hide_password=False)
    _owners[text] = owner.url
    return text


def owner_url(url: str) -> str:
    """The owner's URL of a database a test reaches as the stations' role (else ``url``)."""
    return _owners.get(url, url)


@contextmanager
def owner_database(db: Database) -> Iterator[Database]:
    """``db`` as its owner: itself on SQLite or when it is the owner's already."""
    url = owner_url(db.url)
    if url == db.url:
        yield db
        return
    owner = open_database(url)
    try:
        yield owner
    finally:
        owner.dispose()


def station_database(owner_url_: str) -> Database:
    """The database at ``owner_url_`` migrated by its owner and opened as the stations' role,
    the way a floor's station reaches its server."""
    from app.db.migrate import upgrade

    owner = open_database(owner_url_)
    try:
        upgrade(owner)
    finally:
        owner.dispose()
    return open_database(station_url(owner_url_))


def stations_url(url: str) -> str:
    """Where the stations of a floor test connect: a SQLite file as it is; a PostgreSQL
    database (migrated by its owner) as the stations' role."""
    if make_url(url).get_backend_name() == "sqlite":
        return url
    return station_url(url)
