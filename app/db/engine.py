"""The one engine/session factory.

SQLite (the embedded default) runs in WAL mode with foreign keys on and a busy timeout;
write transactions start with ``BEGIN IMMEDIATE`` so two writers never deadlock on a lock
upgrade. PostgreSQL (``postgresql+psycopg://``) is the shared server for a floor of stations.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

ENV_DB = "PARCELPROOF_DB"


class DatabaseError(Exception):
    """The database cannot be used; the message says why in plain words."""


def is_connection_error(exc: BaseException) -> bool:
    """True when ``exc`` means the database could not be reached (server down, network gone,
    connection dropped mid-transaction) rather than a refusal or a bug: the station then keeps
    the action in its outbox for later."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, OperationalError):
        text = str(exc.orig or exc).lower()
        # SQLite being busy or a schema problem is not an outage
        return "database is locked" not in text and "no such table" not in text
    try:
        import psycopg

        if isinstance(exc, psycopg.OperationalError):
            return True
    except ImportError:  # pragma: no cover - psycopg is a dependency
        pass
    return isinstance(exc, ConnectionError)


def default_url() -> str:
    env = os.environ.get(ENV_DB)
    if env:
        return env
    from platformdirs import user_data_dir

    path = Path(user_data_dir("parcelproof", appauthor=False)) / "parcelproof.db"
    return f"sqlite:///{path}"


def normalise_url(url: str) -> str:
    """Accept plain file paths and ``postgresql://`` URLs; pick the psycopg 3 driver."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=15000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        if conn.get_execution_options().get("immediate"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


@dataclass
class Database:
    """An engine and its two session factories: ``read()`` and ``write()``."""

    engine: Engine
    url: str

    def __post_init__(self) -> None:
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(immediate=True), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; rolled back at the end."""
        with self._read() as s:
            try:
                yield s
            finally:
                s.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action = one transaction: committed on success, rolled back on error."""
        with self._write() as s, s.begin():
            yield s

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, echo: bool = False) -> Database:
    url = normalise_url(url or default_url())
    parsed = make_url(url)
    kwargs: dict = {"echo": echo, "future": True}
    if parsed.get_backend_name() == "sqlite":
        db_path = parsed.database
        if db_path and db_path != ":memory:":
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 15}
    else:
        kwargs["pool_pre_ping"] = True
        kwargs["connect_args"] = {"connect_timeout": 5}
    try:
        engine = create_engine(url, **kwargs)
    except Exception as exc:  # bad URL, missing driver
        raise DatabaseError(f"cannot use database {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        _sqlite_setup(engine)
    return Database(engine=engine, url=url)
