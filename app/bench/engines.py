"""Where ``parcelproof bench`` keeps its databases: the engine it measures.

A place gives the suite its two kinds of database: the cached n-order dataset (`big_db`) and
an empty migrated one for the import figure (`fresh_db`). SQLite's are files in the bench
cache dir (`app.bench.datasets`); PostgreSQL's are databases on a server (`app.bench.pg`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

from app.bench.datasets import Progress, big_db, say
from app.db.engine import Database, open_database
from app.db.migrate import upgrade

ENGINES = ("sqlite", "postgresql")


class Place(Protocol):
    name: str

    def big_db(self, n: int, progress: Progress = say) -> Database: ...

    def fresh_db(self, folder: Path) -> Database: ...

    def scratch(self, what: str) -> AbstractContextManager[str | None]:
        """An empty database on this engine's server for the figure ``what`` (the chain's,
        the floor's), dropped after the block; None where the figure has its own place."""
        ...


class SqlitePlace:
    """SQLite files: the cached datasets of `app.bench.datasets`, a new file in ``folder``."""

    name = "sqlite"

    def big_db(self, n: int, progress: Progress = say) -> Database:
        return big_db(n, progress)

    def fresh_db(self, folder: Path) -> Database:
        db = open_database(f"sqlite:///{folder / 'import.db'}")
        upgrade(db)
        return db

    @contextmanager
    def scratch(self, what: str) -> Iterator[str | None]:
        """None: the chain is the cached SQLite one (`app.bench.chain.sqlite_chain`); the
        floor, a PostgreSQL-only figure, starts a server of its own."""
        yield None


@contextmanager
def bench_place(
    engine: str = "sqlite", db_url: str | None = None, progress: Progress = say
) -> Iterator[Place]:
    """The place for ``engine``; ``db_url`` names a PostgreSQL server to use (else the bench
    starts its own). Whatever it made is gone at the end, except the caches."""
    if engine == "sqlite":
        yield SqlitePlace()
        return
    if engine != "postgresql":
        raise ValueError(f"no such engine: {engine!r} (one of {', '.join(ENGINES)})")
    from app.bench.pg import pg_place

    with pg_place(db_url, progress) as place:
        yield place
