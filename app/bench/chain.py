"""verify-log at scale: a chain of millions of real events, checked in full and from a
checkpoint.

The chain is built with the application's own hashing (`app.db.chain.canonical` and `link`,
one event after the other, each linked to the one before): scans, prints and notes of a busy
floor, times 40 ms apart, no order (so no other table is needed). Only the insert is bulk: one
``executemany`` in one transaction on SQLite, ``COPY`` on PostgreSQL. The events are generated
once into a text file in the bench cache (`app.bench.datasets.cache_dir`), named by their
content (count and generator version), and the SQLite database built from it is cached too: a
second run rebuilds nothing. A PostgreSQL database is loaded by ``COPY`` from the cached file
(unless it already holds that very chain).

Figures (``verify_log_`` keys):

* ``verify_log_events`` — the size of the chain actually checked;
* ``verify_log_events_per_s`` and ``verify_log_seconds`` — the full check (`verify_chain`);
* ``verify_log_since_events`` and ``verify_log_since_seconds`` — the check from a checkpoint a
  day's events (20,000) before the head, as ``verify-log --since last`` does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from app.bench.datasets import Progress, cache_dir, say

#: the generator's version: a change to the events generated must change it (the cache key)
VERSION = 2  # 2: details stored in canonical JSON, as the program stores them since
DAY_EVENTS = 20_000
START = dt.datetime(2026, 1, 5, 0, 30, tzinfo=dt.UTC)
COLUMNS = ("id", "seq", "uid", "at", "kind", "order_id", "station", "operator", "detail")
COLUMNS += ("prev_hash", "hash")


def _events(n: int) -> Iterator[tuple[int, str, str, str, str, str, str, str]]:
    """(seq, uid, at as stored, kind, station, operator, detail JSON as stored, prev, hash)
    of ``n`` chained events."""
    from app.db.chain import canonical, link
    from app.db.engine import store_json

    prev = ""
    step = dt.timedelta(milliseconds=40)
    at = START
    for seq in range(1, n + 1):
        k = seq % 10
        if k < 6:
            kind, detail = "scan", {"step": "verify", "code": f"69{seq:011d}", "verdict": "ok"}
        elif k < 8:
            kind, detail = "printed", {"document": "waybill", "printer": "zebra-1", "copies": 1}
        else:
            kind, detail = "note", {"text": f"第 {seq} 件 ✓", "n": seq}
        station, operator = f"station-{seq % 16:02d}", f"{1001 + seq % 40}"
        uid = f"00000000-0000-4000-8000-{seq:012x}"
        h = link(prev, canonical(seq, uid, at, kind, None, station, operator, detail))
        yield (
            seq,
            uid,
            at.strftime("%Y-%m-%d %H:%M:%S.%f"),
            kind,
            station,
            operator,
            store_json(detail),
            prev,
            h,
        )  # type: ignore[misc]
        prev = h
        at += step


def events_file(n: int, progress: Progress = say) -> tuple[Path, str]:
    """The cached text file of ``n`` chained events (tab-separated, COPY's text format) and
    the chain's last hash."""
    key = hashlib.sha256(f"chain v{VERSION} n={n}".encode()).hexdigest()[:12]
    path = cache_dir() / f"chain_{n}_{key}.tsv"
    head = path.with_suffix(".head")
    if path.exists() and head.exists():
        return path, head.read_text().strip()
    progress(f"chain: generating {n:,} events with the real hashing (once; cached in {path})")
    tmp = path.with_suffix(".part")
    last = ""
    with open(tmp, "w", encoding="utf-8") as f:
        for seq, uid, at, kind, station, operator, detail, prev, h in _events(n):
            f.write(f"{seq}\t{seq}\t{uid}\t{at}+00\t{kind}\t\\N\t{station}\t{operator}\t")
            f.write(detail.replace("\\", "\\\\"))
            f.write(f"\t{prev}\t{h}\n")
            last = h
    os.replace(tmp, path)
    head.write_text(last)
    return path, last


def _rows(path: Path) -> Iterator[tuple]:
    """The file's rows as SQLite stores them (``at`` without the zone, detail as is)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            yield (
                int(c[0]),
                int(c[1]),
                c[2],
                c[3][:-3],
                c[4],
                None,
                c[6],
                c[7],
                c[8].replace("\\\\", "\\"),
                c[9],
                c[10],
            )


def sqlite_chain(n: int, progress: Progress = say) -> str:
    """The URL of the cached SQLite database holding the ``n``-event chain."""
    from app.db.engine import open_database
    from app.db.migrate import upgrade

    src, last = events_file(n, progress)
    path = src.with_suffix(".db")
    if path.exists():
        return f"sqlite:///{path}"
    progress(f"chain: loading {n:,} events into SQLite (once; cached in {path})")
    part = path.with_suffix(".db-part")
    part.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{part}")
    upgrade(db)
    db.dispose()
    con = sqlite3.connect(part, isolation_level=None)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("BEGIN")
    cols = ", ".join(COLUMNS)
    con.executemany(f"INSERT INTO events ({cols}) VALUES ({', '.join('?' * 11)})", _rows(src))
    con.execute("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1", (n, last))
    con.execute("COMMIT")
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    os.replace(part, path)
    return f"sqlite:///{path}"


def load_postgres(db_url: str, n: int, progress: Progress = say) -> None:
    """Fill the (empty, or already holding this chain) PostgreSQL database with the chain."""
    from sqlalchemy import select, text

    from app.db.engine import open_database
    from app.db.migrate import upgrade
    from app.db.models import ChainHead

    src, last = events_file(n, progress)
    db = open_database(db_url)
    try:
        upgrade(db)
        with db.read() as s:
            head = s.execute(select(ChainHead.seq, ChainHead.hash)).first()
        if head is not None and (head.seq, head.hash) == (n, last):
            return
        progress(f"chain: COPY of {n:,} events into PostgreSQL")
        with db.engine.begin() as conn:
            conn.execute(text("ALTER TABLE events DISABLE TRIGGER events_append_only"))
            conn.execute(text("TRUNCATE events CASCADE"))
            conn.execute(text("ALTER TABLE events ENABLE TRIGGER events_append_only"))
            raw = conn.connection.dbapi_connection
            with (
                raw.cursor() as cur,  # type: ignore[union-attr]
                cur.copy(f"COPY events ({', '.join(COLUMNS)}) FROM STDIN") as copy,
                open(src, "rb") as f,
            ):
                while chunk := f.read(1 << 20):
                    copy.write(chunk)
            conn.execute(
                text("UPDATE chain_head SET seq = :n, hash = :h WHERE id = 1"), {"n": n, "h": last}
            )
            conn.execute(
                text("SELECT setval(pg_get_serial_sequence('events', 'id'), :n)"), {"n": n}
            )
            conn.execute(text("ANALYZE events"))
    finally:
        db.dispose()


def verify_figures(db_url: str, n: int, progress: Progress = say) -> dict:
    """The full check and the check from a checkpoint a day's events before the head."""
    from sqlalchemy import select

    from app.db.chain import record_checkpoint, verify_chain
    from app.db.engine import open_database
    from app.db.models import Event

    db = open_database(db_url)
    try:
        progress(f"verify-log: {n:,} events")
        t = time.perf_counter()
        with db.read() as s:
            rep = verify_chain(s)
        took = time.perf_counter() - t
        if not rep.intact or rep.events != n:
            raise RuntimeError(f"the bench chain does not verify: {rep}")
        mark = max(n - DAY_EVENTS, 1)
        with db.write() as s:
            h = s.scalar(select(Event.hash).where(Event.seq == mark))
            record_checkpoint(s, mark, h, "bench")
        t = time.perf_counter()
        with db.read() as s:
            since = verify_chain(s, since=mark, since_hash=h)
        took_since = time.perf_counter() - t
        if not since.intact:
            raise RuntimeError(f"the bench chain does not verify from #{mark}: {since}")
    finally:
        db.dispose()
    return {
        "verify_log_events": n,
        "verify_log_seconds": round(took, 2),
        "verify_log_events_per_s": round(n / took),
        "verify_log_since_events": since.events,
        "verify_log_since_seconds": round(took_since, 3),
    }


def chain_figures(db_url: str | None = None, n: int = 10_000_000, progress: Progress = say) -> dict:
    """verify-log figures on an ``n``-event chain: in the cached SQLite database, or loaded
    into the PostgreSQL database ``db_url``."""
    if db_url is None or db_url.startswith("sqlite"):
        return verify_figures(sqlite_chain(n, progress), n, progress)
    load_postgres(db_url, n, progress)
    return verify_figures(db_url, n, progress)


def main(argv: list[str] | None = None) -> int:
    """``python -m app.bench.chain [--events N] [--quick] [--engine sqlite|postgresql]
    [--db URL]``: the verify-log figures alone, as JSON."""
    import argparse

    p = argparse.ArgumentParser(prog="python -m app.bench.chain")
    p.add_argument("--events", type=int, default=10_000_000)
    p.add_argument("--quick", action="store_true", help="1,000,000 events")
    p.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    p.add_argument("--db", help="a PostgreSQL database URL (default: a server of its own)")
    a = p.parse_args(argv)
    n = 1_000_000 if a.quick else a.events
    if a.engine == "postgresql" and not a.db:
        from app.bench.floor import temp_postgres

        with temp_postgres() as url:
            figures = {"engine": "postgresql", **chain_figures(url, n)}
    else:
        figures = {"engine": a.engine, **chain_figures(a.db, n)}
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
