"""The benchmark on PostgreSQL (``parcelproof bench --engine postgresql``): where its databases
live, and its million-order dataset.

Where: on the server of the database ``--db``/``$PARCELPROOF_DB`` names when that is a
PostgreSQL URL, else on a server the bench starts itself in a temp dir (`PgServer`, stopped
at the end). The bench never works in the named database itself (it adds orders, waybills
and evidence): it makes databases of its own beside it (``pp_bench_…``; the URL's user needs
CREATEDB) and drops them when it is done.

The dataset is the SQLite benchmark's (`app.bench.datasets.big_db`, built or taken from its
cache), copied table by table with COPY (psycopg's copy API) into a database migrated by the
product's own migrations; the plain indexes are built after the rows are in. Both engines
are then measured on the same orders. The result is kept as a ``pg_dump -Fc`` file in the
bench cache dir, named by a content hash of what it is made from (`dataset_key`), and the
next run restores it with ``pg_restore -j2`` instead of building again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from app.bench.datasets import BuildBar, Progress, big_db, cache_dir, say
from app.bench.pgserver import PgServer, bindir
from app.db.engine import Database, normalise_url, open_database
from app.db.migrate import HEAD, upgrade

#: change it when the copy makes a different database from the same SQLite one
DATASET_VERSION = 1
_SOURCES = ("app/bench/pg.py", "app/bench/datasets.py", "app/services/demo.py")


def is_postgresql(url: str | None) -> bool:
    return bool(url) and make_url(normalise_url(url or "")).get_backend_name() == "postgresql"


def _libpq(url: URL) -> str:
    """``url`` as libpq (``pg_dump``, ``pg_restore``) takes it: no SQLAlchemy driver name."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


class PgPlace:
    """A PostgreSQL server the bench makes its databases on (see the module's doc)."""

    name = "postgresql"

    def __init__(self, server_url: str, own: PgServer | None = None, progress: Progress = say):
        self.server = make_url(normalise_url(server_url))
        self.own = own
        self.progress = progress
        self.made: list[str] = []
        self.timings: dict[str, float] = {}  # how the datasets came: seconds per step

    # --- databases ----------------------------------------------------------------------

    def _admin(self):  # a psycopg connection to the server's maintenance database
        import psycopg

        return psycopg.connect(_libpq(self.server), autocommit=True)

    def create(self, name: str) -> URL:
        """An empty database ``name`` on the server (dropped first if it is there)."""
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        if name not in self.made:
            self.made.append(name)
        return self.server.set(database=name)

    @contextmanager
    def scratch(self, what: str) -> Iterator[str | None]:
        """An empty database ``pp_bench_<what>_<pid>`` on this server for the block (the
        chain's 10,000,000 events, the floor's writers), dropped after it: what a figure
        leaves behind (the chain's rows for autovacuum to visit) does not weigh on the next."""
        name = f"pp_bench_{what}_{os.getpid()}"
        url = self.create(name)
        try:
            yield url.render_as_string(hide_password=False)
        finally:
            with self._admin() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self.made.remove(name)

    def close(self) -> None:
        """Drop the databases made here; stop our own server."""
        if self.own is not None:
            self.own.stop()
            return
        with self._admin() as conn:
            for name in self.made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def server_major(self) -> int:
        with self._admin() as conn:
            row = conn.execute("SHOW server_version_num").fetchone()
        return int(row[0]) // 10000 if row else 0

    def fresh_db(self, folder: Path) -> Database:
        """An empty migrated database (the import figure's); ``folder`` is unused here."""
        url = self.create(f"pp_bench_import_{os.getpid()}")
        db = open_database(url.render_as_string(False))
        upgrade(db)
        _checkpoint(url)
        return db

    # --- the dataset --------------------------------------------------------------------

    def big_db(self, n: int, progress: Progress | None = None) -> Database:
        """The n-order benchmark database: restored from the cached dump, else copied from
        the SQLite one and dumped for next time."""
        progress = progress or self.progress
        url = self.create(f"pp_bench_{n}_{os.getpid()}")
        dump = cache_dir() / f"pg_{n}_{dataset_key(n, self.server_major())}.dump"
        if dump.exists():
            t = time.perf_counter()
            progress(f"restoring the {n:,}-order PostgreSQL database from {dump}")
            if _restore(dump, url):
                _vacuum(url)
                self._took(f"restored {n:,} orders", t)
                return open_database(url.render_as_string(False))
            progress("the restore failed: building the database again")
            url = self.create(url.database or "")
        t = time.perf_counter()
        db = copy_from_sqlite(n, url, progress)
        _vacuum(url)
        self._took(f"built {n:,} orders", t)
        t = time.perf_counter()
        if _dump(url, dump):
            self._took(f"dumped {n:,} orders into {dump}", t)
        return db

    def _took(self, what: str, t0: float) -> None:
        took = time.perf_counter() - t0
        self.timings[what] = round(took, 1)
        self.progress(f"{what} in {took:.1f} s")


@contextmanager
def pg_place(db_url: str | None, progress: Progress = say) -> Iterator[PgPlace]:
    """The server the PostgreSQL benchmark runs on: the one ``db_url`` names when it is a
    PostgreSQL URL, else one of our own for as long as the benchmark runs."""
    own = None
    if is_postgresql(db_url):
        place = PgPlace(db_url or "", progress=progress)
    else:
        progress("starting a PostgreSQL server of our own (in a temp dir)")
        own = PgServer()
        place = PgPlace(own.start(), own, progress)
    try:
        yield place
    finally:
        place.close()


def dataset_key(n: int, server_major: int) -> str:
    """The content hash a cached dump is named by: the dataset's size, the schema revision,
    the server's major version (a dump restores into the same or newer) and the code that
    makes the data."""
    root = Path(__file__).resolve().parents[2]
    h = hashlib.sha256()
    h.update(json.dumps([DATASET_VERSION, n, HEAD, server_major]).encode())
    for rel in _SOURCES:
        p = root / rel
        h.update(p.read_bytes() if p.exists() else rel.encode())
    return h.hexdigest()[:16]


def copy_from_sqlite(n: int, url: URL, progress: Progress = say) -> Database:
    """The n-order SQLite benchmark database copied into the empty database at ``url``."""
    import psycopg

    src = big_db(n, progress)
    src_path = str(src.engine.url.database)
    src.dispose()
    db = open_database(url.render_as_string(False))
    upgrade(db)
    from app.db.models import Base

    tables = list(Base.metadata.sorted_tables)
    lite = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
    total = lite.execute("SELECT count(*) FROM orders").fetchone()[0]
    bar = BuildBar(total, f"copying {src_path} into PostgreSQL (once; cached as a dump)", progress)
    try:
        with psycopg.connect(_libpq(url)) as conn:
            conn.execute("SET TimeZone = 'UTC'")  # SQLite's times are UTC without a zone
            try:  # foreign keys are the SQLite database's, already checked: no triggers
                with conn.transaction():
                    conn.execute("SET session_replication_role = replica")
            except psycopg.Error:  # not a superuser: the checks run, slower
                pass
            indexes = conn.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = "
                "current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                "WHERE c.conindid = (quote_ident(i.indexname))::regclass)"
            ).fetchall()
            for name, _ in indexes:
                conn.execute(f'DROP INDEX "{name}"')
            conn.execute("TRUNCATE " + ", ".join(f'"{t.name}"' for t in tables))
            for table in tables:
                cols = [c.name for c in table.c]
                bar.step(table.name)
                names = ", ".join(f'"{c}"' for c in cols)
                rows = lite.execute(f'SELECT {", ".join(cols)} FROM "{table.name}"')
                with conn.cursor().copy(f'COPY "{table.name}" ({names}) FROM STDIN') as cp:
                    for k, row in enumerate(rows, start=1):
                        cp.write_row(row)
                        if table.name == "orders" and k % 50_000 == 0:
                            bar.advance(50_000)
                if table.name == "orders":
                    bar.advance(total % 50_000)
                if "id" in table.c and table.c.id.primary_key:
                    conn.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                        f'coalesce(max(id), 0) + 1, false) FROM "{table.name}"'
                    )
            bar.step("indexes")
            for _, definition in indexes:
                conn.execute(definition)
            conn.commit()
    finally:
        lite.close()
        bar.close()
    return db


def _vacuum(url: URL) -> None:
    """Statistics and the visibility map, as autovacuum keeps them on a floor's server; then
    the pages the restore and the vacuum dirtied written out (`_checkpoint`)."""
    import psycopg

    with psycopg.connect(_libpq(url), autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
    _checkpoint(url)


def _checkpoint(url: URL) -> None:
    """The server's dirty pages written out now (``CHECKPOINT``), before a figure is measured.

    Restoring a million orders leaves the server a checkpoint to make, and PostgreSQL
    spreads it over the minutes that follow: the figures measured then (the import's above
    all) would share the disk and the CPU with the bench's own restore. A floor's server
    writes its checkpoints too, but not one of a million rows it has just been given. A
    role that may not (PostgreSQL 15: neither superuser nor ``pg_checkpoint``) skips it."""
    import psycopg

    try:
        with psycopg.connect(_libpq(url), autocommit=True) as conn:
            conn.execute("CHECKPOINT")
    except psycopg.errors.InsufficientPrivilege:
        pass


def _dump(url: URL, path: Path) -> bool:
    """``pg_dump -Fc`` of the database into ``path`` (atomically); False when it failed."""
    part = path.with_suffix(".part")
    r = subprocess.run(
        [str(bindir() / "pg_dump"), "-Fc", "-Z", "1", "-f", str(part), _libpq(url)],
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        part.unlink(missing_ok=True)
        return False
    part.replace(path)
    size = path.name.split("_")[1]
    for old in path.parent.glob(f"pg_{size}_*.dump"):
        if old != path:
            old.unlink(missing_ok=True)  # a dump of an older dataset of the same size
    return True


def _restore(path: Path, url: URL) -> bool:
    r = subprocess.run(
        [str(bindir() / "pg_restore"), "-j", "2", "--no-owner", "-d", _libpq(url), str(path)],
        capture_output=True,
        text=True,
    )
    return r.returncode == 0


__all__ = ["PgPlace", "copy_from_sqlite", "dataset_key", "is_postgresql", "pg_place"]
