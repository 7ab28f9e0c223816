"""Migrations from empty, the append-only guards and the hash chain, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text

from app.db.chain import append_event, verify_chain
from app.db.engine import open_database
from app.db.migrate import SchemaMismatch, check_schema, head_revision, upgrade
from app.db.models import Base, Event


def test_migrations_create_every_table_from_empty(db_url):
    db = open_database(db_url)
    with pytest.raises(SchemaMismatch, match="db upgrade"):
        check_schema(db)
    assert upgrade(db) == head_revision()
    check_schema(db)
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    # running it again is harmless
    assert upgrade(db) == head_revision()
    db.dispose()


def test_sqlite_runs_in_wal_with_foreign_keys(sqlite_db):
    with sqlite_db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_evidence_cannot_be_updated_or_deleted(owner_db):
    """Not even by the schema's owner (a station's login may not even try: test_station_role)."""
    db = owner_db
    with db.write() as s:
        append_event(s, "note", detail={"text": "parcel weighed 1234 g"})
    for stmt in ("UPDATE events SET kind = 'x'", "DELETE FROM events"):
        with pytest.raises(Exception, match="append-only"), db.write() as s:
            s.execute(text(stmt))
    with db.read() as s:
        assert s.scalars(select(Event.kind)).all() == ["note"]


def test_chain_links_events_and_finds_tampering(owner_db):
    db = owner_db  # only an owner can switch the guard off
    with db.write() as s:
        for i in range(5):
            append_event(s, "scan", station="校验台 1", operator="1004", detail={"code": f"69{i}"})
    with db.read() as s:
        rep = verify_chain(s)
    assert rep.intact and rep.events == 5

    # alter the third event behind the app's back
    with db.engine.begin() as c:
        if db.is_sqlite:
            c.exec_driver_sql("DROP TRIGGER events_no_update")
        else:
            c.exec_driver_sql("ALTER TABLE events DISABLE TRIGGER events_append_only")
        c.exec_driver_sql("UPDATE events SET station = 'elsewhere' WHERE seq = 3")
    with db.read() as s:
        rep = verify_chain(s)
    assert not rep.intact and rep.event_seq == 3 and "altered" in rep.problem


def test_migrations_match_the_models(db):
    """A model change without its migration fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.db.models import Base

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    if db.is_sqlite:
        # the foreign keys to events are deferrable in the models (PostgreSQL, migration 0008);
        # a SQLite table keeps its DDL and the chain defers them per transaction instead
        diff = [
            d
            for d in diff
            if not (d[0] in ("add_fk", "remove_fk") and d[1].referred_table.name == "events")
        ]
    assert diff == []


def test_the_start_check_knows_the_newest_migration():
    """`migrate.HEAD` (compared at start without loading Alembic) is Alembic's head."""
    from app.db.migrate import HEAD, head_revision

    assert head_revision() == HEAD


def test_orders_waiting_for_a_waybill_find_it_by_number_after_one_is_given(db):
    """The waybill index holds only orders with a number (migration 0005): new orders add
    no entry, and a number given later is found through it."""
    from app.db.models import Order

    with db.write() as s:
        s.add_all(
            Order(platform="taobao", order_no=f"N{k}", status="paid", waybill_no=None)
            for k in range(3)
        )
    with db.write() as s:
        s.execute(text("UPDATE orders SET waybill_no = 'SF1400000000001' WHERE order_no = 'N1'"))
    with db.read() as s:
        found = s.scalars(select(Order.order_no).where(Order.waybill_no == "SF1400000000001"))
        assert found.all() == ["N1"]
        if s.get_bind().dialect.name == "sqlite":
            plan = " ".join(
                r[3]
                for r in s.execute(
                    text("EXPLAIN QUERY PLAN SELECT id FROM orders WHERE waybill_no = 'x'")
                )
            )
            sql = s.scalar(
                text("SELECT sql FROM sqlite_master WHERE name = 'ix_orders_waybill_no'")
            )
        else:
            plan = "ix_orders_waybill_no"
            sql = s.scalar(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_orders_waybill_no'")
            )
    assert "ix_orders_waybill_no" in plan
    assert "waybill_no IS NOT NULL" in sql


#: parents an admin adds a handful of, never in a station's transaction with its events
#: waiting for the seal: their children need no index for the foreign key's sake
_CONFIGURATION_PARENTS = {
    "carriers", "shops", "products", "cartons", "waybill_pools", "platform_accounts",
}  # fmt: skip


def test_every_foreign_key_a_station_inserts_the_parent_of_is_indexed(db):
    """SQLite, with a deferred foreign-key violation outstanding (a row pointing at an event
    that the seal inserts at the commit), looks up the children of every parent row inserted
    in the transaction; without an index on the child column that is a scan of the whole
    child table: a weighing scanned every weighing (``batch_of``), 38 ms at 900,000."""
    from sqlalchemy import inspect

    insp = inspect(db.engine)
    missing = []
    for table in insp.get_table_names():
        firsts = {ix["column_names"][0] for ix in insp.get_indexes(table) if ix["column_names"]}
        firsts |= {u["column_names"][0] for u in insp.get_unique_constraints(table)}
        firsts |= set(insp.get_pk_constraint(table)["constrained_columns"][:1])
        for fk in insp.get_foreign_keys(table):
            if fk["referred_table"] in _CONFIGURATION_PARENTS:
                continue
            if fk["constrained_columns"][0] not in firsts:
                missing.append(f"{table}.{fk['constrained_columns'][0]} -> {fk['referred_table']}")
    assert missing == []


def test_every_tables_id_is_numbered_by_the_sequence_the_stations_name(db):
    """The stations take ids by the sequence's name (`app.db.engine.id_sequence`: found once,
    when the statement is parsed), not by asking the catalog for every id: every table with a
    serial ``id`` must be numbered by the sequence of that name."""
    from app.db.engine import id_sequence

    if db.is_sqlite:
        pytest.skip("sequences: PostgreSQL")
    with db.read() as s:
        tables = s.scalars(
            text(
                "SELECT table_name FROM information_schema.columns WHERE column_name = 'id' "
                "AND table_schema = current_schema() AND column_default LIKE 'nextval(%'"
            )
        ).all()
        assert "events" in tables and "orders" in tables
        for table in tables:
            named = s.scalar(text(f"SELECT {id_sequence(table)}::regclass::text"))
            actual = s.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table})
            assert actual.split(".")[-1] == named, table


def test_a_write_before_the_events_table_exists_still_commits(db_url):
    """A write transaction's BEGIN takes the next event id by the events' sequence; on a
    database not migrated yet (no events table) the BEGIN goes on without it."""
    db = open_database(db_url)
    try:
        with db.write() as s:
            s.execute(text("CREATE TABLE early_note (id integer PRIMARY KEY)"))
            s.execute(text("INSERT INTO early_note VALUES (1)"))
        with db.read() as s:
            assert s.scalar(text("SELECT count(*) FROM early_note")) == 1
    finally:
        db.dispose()
